"""``.bib`` files: which paths are BibTeX files, which rules check them, and how to tell their block from a fence.

RULES.md checks "```bibtex fences, and `.bib` files named in config" with the LL5xx rules. Rather than teach every
rule a second input, a ``.bib`` file becomes a Document whose only block is the whole file (without its leading and
trailing blank lines; :func:`listlint.parser.bibtex.parse_bib`), parsed by the same BibTeX layer as a fence, so every
span points into the file and the rules run unchanged. The block has no fence around it: its ``span`` equals its
``content_span``, which no fence can have (a fence's content starts after its opening line); :func:`is_file_block`
tells the formatter so.

Only rules that make sense for a bare bibliography run on it (:func:`applies_to_bib_file`): the BibTeX rules except
LL508 (which is about fences: labels, one entry per fence, text around entries, all legal in a ``.bib`` file) and
the BibTeX duplicate rules LL603/LL604. Headings, lists, status tags and Markdown layout rules never see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from listlint.model import BibtexBlock

if TYPE_CHECKING:
    from listlint.rules.base import Rule

__all__ = ["BIB_SUFFIXES", "applies_to_bib_file", "is_bib_path", "is_file_block"]

BIB_SUFFIXES = (".bib",)
# rules of other families that read BibTeX only: duplicate citation keys and duplicate DOIs/arXiv ids
_OTHER_BIB_RULES = frozenset({"LL603", "LL604"})
_FENCE_ONLY_RULES = frozenset({"LL508"})


def is_bib_path(path: str) -> bool:
    """True for a path (or stdin label) naming a BibTeX file."""
    return path.lower().endswith(BIB_SUFFIXES)


def applies_to_bib_file(rule: type[Rule] | Rule) -> bool:
    """Whether ``rule`` checks ``.bib`` files: BibTeX rules other than fence rules, and BibTeX duplicates."""
    if rule.code in _OTHER_BIB_RULES:
        return True
    return rule.category == "bibtex" and rule.code not in _FENCE_ONLY_RULES


def is_file_block(block: BibtexBlock) -> bool:
    """True for the block of a ``.bib`` file (no fence: the block is its content)."""
    return block.span == block.content_span
