"""The parser: the only code that touches markdown-it-py tokens (and, through :mod:`.bibtex`, bibtexparser).

``parse(text)`` runs markdown-it-py's block step once (CommonMark plus tables and strikethrough), parses the BibTeX
blocks it holds (:mod:`.bibtex`), reads each inline token with exact positions (:mod:`.inline`; a large document's in
two processes), walks the tokens once (:mod:`.blocks`) and assembles sections and entries (:mod:`.entries`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from listlint import forking
from listlint.config import DEFAULT, Config
from listlint.model import UNASSEMBLED, BibtexBlock, Document, Heading, Link, LinkKind, reference_label
from listlint.parser.blocks import bibtex_blocks, front_matter_end, walk
from listlint.parser.entries import build
from listlint.parser.inline import (
    DEFER_INLINE,
    RECORDS,
    InlineFacts,
    make_markdown,
    pack_facts,
    read_inline,
    unpack_facts,
)
from listlint.source import SourceText, Span
from listlint.regex import lazy

__all__ = ["parse"]

T = TypeVar("T")


@lru_cache(maxsize=1)
def _markdown() -> Any:
    return make_markdown()


def parse(text: str | SourceText, path: str | None = None, config: Config | None = None, *,
          workers: int = 1, before_entries: Callable[[Document], object] | None = None) -> Document:
    """Parse Markdown ``text`` into the entry AST. Never raises on any string.

    With ``workers`` > 1 a large document is read partly in a second process (see :func:`_read_inlines`); the
    result is the same. ``before_entries`` is called with the document as it is before its entries and sections
    are assembled (they raise :class:`~listlint.model.NotAssembled` when read; no heading is marked ``is_entry``
    yet): the linter starts the rules that need neither there (:class:`listlint.linter.EarlyLint`). The cyclic garbage collector is paused
    meanwhile: parsing allocates millions of short-lived objects and no cycles worth collecting, and the
    collector's passes over them cost about a quarter of the parse.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, config, workers, before_entries)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str | SourceText, path: str | None, config: Config | None, workers: int,
           before_entries: Callable[[Document], object] | None) -> Document:
    config = config or DEFAULT
    source = text if isinstance(text, SourceText) else SourceText(text)
    front_lines = front_matter_end(source)
    feed = source.text
    if front_lines:
        # keep line numbers: the front matter becomes blank lines for markdown-it
        cut = source.line_start(front_lines) if front_lines < source.line_count else len(feed)
        feed = "\n" * front_lines + feed[cut:]
    env: dict[str, Any] = {RECORDS: {}, DEFER_INLINE: True}
    tokens = _markdown().parse(feed, env)
    unparsed = bibtex_blocks(tokens, source)
    read, bibtex = _read_inlines(tokens, env, source, workers, lambda: _parse_bibtex(unparsed, source.text))
    w = walk(tokens, read, bibtex, source, front_lines)
    del tokens, read  # the token stream is the largest structure of a run; nothing needs it after the walk
    env.pop(RECORDS, None)
    links: list[Link] = [link for unit in w.inlines for link in unit.facts.links]
    links.extend(w.html_links)
    if env.get("references"):
        # markdown-it keeps the first definition of a label and lists the later ones apart: both are written links
        links.extend(_definitions(source, [*env["references"].items(),
                                           *((ref["label"], ref) for ref in env.get("duplicate_refs", ()))]))
    links.sort(key=lambda link: link.full_span.start)
    facts = {
        "path": path or "<stdin>",
        "source": source,
        "links": tuple(links),
        "blocks": tuple(sorted(w.blocks, key=lambda b: (b.line, b.depth))),
        "list_items": tuple(w.items),
        "lists": tuple(w.lists),
        "bibtex_blocks": tuple(w.bibtex),
        "code_spans": tuple(s for unit in w.inlines for s in unit.facts.code_spans),
        "html_spans": tuple(s for unit in w.inlines for s in unit.facts.html_spans),
        "references": {k: v.get("href", "") for k, v in env.get("references", {}).items()},
    }
    if before_entries is not None:
        before_entries(Document(**facts, headings=tuple(w.headings), **UNASSEMBLED))
    root, entries, entry_heads = build(w, source, config.status.tags)
    headings = tuple(
        h._replace(is_entry=True) if n in entry_heads else h for n, h in enumerate(w.headings)
    )
    if entry_heads:
        root, entries = _relink(root, entries, headings)
    return Document(root=root, headings=headings, entries=entries, **facts)


DEFINITION = lazy(r"[ \t>]*\[((?:[^\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*(?:<([^>\n]*)>|(\S+))")


def _definitions(source: SourceText, references: list[tuple[str, dict[str, Any]]]) -> list[Link]:
    """Link reference definitions (``[p]: https://...``) at the lines markdown-it recorded for them, by (normalised
    label, reference) pairs."""
    found: list[Link] = []
    text = source.text
    for label, ref in references:
        if label.startswith("^"):
            continue  # "[^3]: A note.": a footnote's text on GitHub, not a link
        line_map = ref.get("map")
        if not line_map or line_map[0] >= source.line_count:
            continue
        start = source.line_start(line_map[0])
        end = source.line_end(min(line_map[1], source.line_count) - 1)
        for match in DEFINITION.finditer(text, start, end):
            if reference_label(match.group(1)) != label:
                continue
            group = 2 if match.group(2) is not None else 3
            url = match.group(group)
            if url != ref.get("href"):
                continue
            found.append(Link(match.group(1), url, LinkKind.DEFINITION, Span(match.start(1) - 1, match.end()),
                              Span(match.start(group), match.end(group)), Span(match.start(1), match.end(1))))
            break
    return found


# Reading the inline tokens (markdown-it's inline step, then positions and links: about a third of a large list's
# parse) splits over two processes from this size on, when the caller allows (``workers``): below it, the fork and
# the return trip of the child's half cost more than they save. The child takes a little more than half of the
# inline text: packing its result and the copy-on-write page faults of a forked heap cost it a little less than
# what the BibTeX parse costs this process meanwhile. On the 1 MB benchmark list in the CLI, the child ended ~30 ms
# before this process with 0.50, ~10 ms before it with 0.55, and ~15 ms after it with 0.60.
SPLIT_MIN_CHARS = 256_000
CHILD_SHARE = 0.55


def _read_inlines(tokens: list[Any], env: dict[str, Any], source: SourceText, workers: int,
                  meanwhile: Callable[[], T]) -> tuple[dict[int, tuple[InlineFacts, str | None]], T]:
    """What every inline token holds, by token index, and the result of ``meanwhile()`` (the BibTeX parse).

    For a large document (``workers`` > 1), a forked child reads the last part of the inline text
    (``CHILD_SHARE``) while this process reads the rest, then runs ``meanwhile`` (see :mod:`listlint.forking`).
    """
    md = _markdown()
    indices = [i for i, token in enumerate(tokens) if token.type == "inline"]
    if workers < 2 or len(source.text) < SPLIT_MIN_CHARS or len(indices) < 2 or not forking.can_fork():
        return {i: read_inline(md, tokens, i, env, source) for i in indices}, meanwhile()
    half, total = 0, int(sum(len(tokens[i].content) for i in indices) * (1 - CHILD_SHARE))
    cut = 0
    while cut < len(indices) - 1 and half < total:
        half += len(tokens[indices[cut]].content)
        cut += 1
    mine, theirs = indices[:cut], indices[cut:]

    def read_theirs() -> list[tuple[Any, ...]]:
        rows = []
        for i in theirs:
            facts, rendered = read_inline(md, tokens, i, env, source)
            rows.append((i, pack_facts(facts), rendered))
        return rows

    wait = forking.start(read_theirs)
    try:
        read = {i: read_inline(md, tokens, i, env, source) for i in mine}
        also = meanwhile()
    finally:
        try:
            rows = wait()
        except forking.ChildFailed:
            rows = None
    if rows is None:  # the child failed: read its half here
        read.update((i, read_inline(md, tokens, i, env, source)) for i in theirs)
    else:
        read.update((i, (unpack_facts(packed), rendered)) for i, packed, rendered in rows)
    return read, also


def _parse_bibtex(found: dict[int, list[BibtexBlock]], text: str) -> dict[int, list[BibtexBlock]]:
    """The blocks of :func:`.blocks.bibtex_blocks` parsed, less the HTML ``<pre>`` elements that only start like
    BibTeX (``@dataclass(frozen=True)``, ``@media (``).

    A fence is kept whatever it holds and the rules ask :func:`listlint.bibtex.fences.is_bibtex`; an element is
    asked once here, so that code in ``<pre>`` never reaches ``Document.bibtex_blocks``, an entry's BibTeX or the
    entry builder (one BibTeX block under a heading makes it an entry). The same test keeps it as the rules do: it
    parses into entries without errors, or starts with ``@type{``.
    """
    if not found:
        return found
    from listlint.parser.bibtex import parse_blocks

    parsed = iter(parse_blocks([block for blocks in found.values() for block in blocks], text))
    out: dict[int, list[BibtexBlock]] = {}
    for index, blocks in found.items():
        kept = [block for block in (next(parsed) for _ in blocks) if not block.html or _is_bibtex(block)]
        if kept:
            out[index] = kept
    return out


def _is_bibtex(block: BibtexBlock) -> bool:
    from listlint.bibtex.fences import is_bibtex

    return is_bibtex(block)


def _relink(root: Any, entries: Any, headings: tuple[Heading, ...]) -> tuple[Any, Any]:
    """Swap in the final Heading objects (is_entry set), keeping everything frozen."""
    by_line = {h.line: h for h in headings}

    def fix_entry(entry: Any) -> Any:
        changes: dict[str, Any] = {}
        if entry.heading is not None:
            changes["heading"] = by_line.get(entry.heading.line, entry.heading)
        if entry.children:
            changes["children"] = tuple(fix_entry(c) for c in entry.children)
        return entry._replace(**changes) if changes else entry

    def fix_section(sec: Any) -> Any:
        return sec._replace(
            heading=by_line.get(sec.heading.line, sec.heading) if sec.heading else None,
            entries=tuple(fix_entry(e) for e in sec.entries),
            children=tuple(fix_section(c) for c in sec.children),
        )

    new_root = fix_section(root)
    del fix_entry, fix_section  # recursive closures: empty their cells so no cycle outlives the call
    flat = sorted((e for s in new_root.walk() for top in s.entries for e in top.walk()), key=lambda e: e.span.start)
    return new_root, tuple(flat)
