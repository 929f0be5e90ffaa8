"""The parser: the only code that touches markdown-it-py tokens (and, through :mod:`.bibtex`, bibtexparser).

``parse(text)`` runs markdown-it-py once (CommonMark plus tables and strikethrough), walks the tokens once
(:mod:`.blocks`), computes inline positions (:mod:`.inline`) and assembles sections and entries (:mod:`.entries`).
"""

from __future__ import annotations

import dataclasses
import gc
import re
from functools import lru_cache
from typing import Any

from listlint import forking
from listlint.config import DEFAULT, Config
from listlint.model import Document, Heading, Link, LinkKind
from listlint.parser.blocks import front_matter_end, walk
from listlint.parser.entries import build
from listlint.parser.inline import DEFER_INLINE, RECORDS, InlineFacts, make_markdown, pack_facts, read_inline, unpack_facts
from listlint.source import SourceText, Span

__all__ = ["parse"]

@lru_cache(maxsize=1)
def _markdown() -> Any:
    return make_markdown()


def parse(text: str | SourceText, path: str | None = None, config: Config | None = None, *,
          workers: int = 1) -> Document:
    """Parse Markdown ``text`` into the entry AST. Never raises on any string.

    With ``workers`` > 1 a large document is read partly in a second process (see :func:`_read_inlines`); the
    result is the same. The cyclic garbage collector is paused meanwhile: parsing allocates millions of
    short-lived objects and no cycles worth collecting, and the collector's passes over them cost about a quarter
    of the parse.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, path, config, workers)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str | SourceText, path: str | None, config: Config | None, workers: int) -> Document:
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
    read = _read_inlines(tokens, env, source, workers)
    w = walk(tokens, read, source, front_lines)
    del tokens, read  # the token stream is the largest structure of a run; nothing needs it after the walk
    env.pop(RECORDS, None)
    if w.bibtex:
        w.bibtex = _parse_bibtex(w.bibtex, source.text)
        if any(block.html for block in w.bibtex):
            _drop_html_non_bibtex(w)
    root, entries, entry_heads = build(w, source, config.status.tags)
    headings = tuple(
        dataclasses.replace(h, is_entry=True) if n in entry_heads else h for n, h in enumerate(w.headings)
    )
    if entry_heads or w.bibtex:
        root, entries = _relink(root, entries, headings, w.bibtex)
    links: list[Link] = [link for unit in w.inlines for link in unit.facts.links]
    links.extend(w.html_links)
    if env.get("references"):
        links.extend(_definitions(source, env["references"]))
    links.sort(key=lambda link: link.full_span.start)
    code_spans = tuple(s for unit in w.inlines for s in unit.facts.code_spans)
    html_spans = tuple(s for unit in w.inlines for s in unit.facts.html_spans)
    references = {k: v.get("href", "") for k, v in env.get("references", {}).items()}
    return Document(
        path=path or "<stdin>",
        source=source,
        root=root,
        headings=headings,
        entries=entries,
        links=tuple(links),
        blocks=tuple(sorted(w.blocks, key=lambda b: (b.line, b.depth))),
        list_items=tuple(w.items),
        lists=tuple(w.lists),
        bibtex_blocks=tuple(w.bibtex),
        code_spans=code_spans,
        html_spans=html_spans,
        references=references,
    )


DEFINITION = re.compile(r"[ \t>]*\[((?:[^\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*(?:<([^>\n]*)>|(\S+))")


def _definitions(source: SourceText, references: dict[str, Any]) -> list[Link]:
    """Link reference definitions (``[p]: https://...``) at the lines markdown-it recorded for them."""
    found: list[Link] = []
    text = source.text
    for label, ref in references.items():
        line_map = ref.get("map")
        if not line_map or line_map[0] >= source.line_count:
            continue
        start = source.line_start(line_map[0])
        end = source.line_end(min(line_map[1], source.line_count) - 1)
        for match in DEFINITION.finditer(text, start, end):
            if " ".join(match.group(1).split()).upper() != label:
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
# the return trip of the child's half cost more than they save. The child takes a little less than half of the
# text: packing its result, and the copy-on-write page faults of a forked heap, cost it more than the parent.
# Measured on the 1 MB benchmark list: the parse took 0.600 s in one process and 0.560 s split in halves (medians
# of 7, alternated); of the shares 0.50/0.45/0.40/0.35, 0.45 was fastest.
SPLIT_MIN_CHARS = 256_000
CHILD_SHARE = 0.45


def _read_inlines(tokens: list[Any], env: dict[str, Any], source: SourceText, workers: int
                  ) -> dict[int, tuple[InlineFacts, str | None]]:
    """What every inline token holds, by token index. For a large document (``workers`` > 1), a forked child reads
    the last part of the inline text (``CHILD_SHARE``) while this process reads the rest (see
    :mod:`listlint.forking`)."""
    md = _markdown()
    indices = [i for i, token in enumerate(tokens) if token.type == "inline"]
    if workers < 2 or len(source.text) < SPLIT_MIN_CHARS or len(indices) < 2 or not forking.can_fork():
        return {i: read_inline(md, tokens, i, env, source) for i in indices}
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
    finally:
        try:
            rows = wait()
        except forking.ChildFailed:
            rows = None
    if rows is None:  # the child failed: read its half here
        read.update((i, read_inline(md, tokens, i, env, source)) for i in theirs)
    else:
        read.update((i, (unpack_facts(packed), rendered)) for i, packed, rendered in rows)
    return read


def _parse_bibtex(blocks: list[Any], text: str) -> list[Any]:
    try:
        from listlint.parser import bibtex
    except ImportError:  # the BibTeX layer is optional until it lands
        return blocks
    parse_blocks = getattr(bibtex, "parse_blocks", None)
    if parse_blocks is not None:
        return list(parse_blocks(blocks, text))
    return [bibtex.parse_block(block, text) for block in blocks]


def _drop_html_non_bibtex(w: Any) -> None:
    """Forget the HTML ``<pre>`` elements that only start like BibTeX (``@dataclass(frozen=True)``, ``@media (``).

    A fence is kept whatever it holds and the rules ask :func:`listlint.bibtex.fences.is_bibtex`; an element is
    asked once here, so that code in ``<pre>`` never reaches ``Document.bibtex_blocks``, an entry's BibTeX or the
    entry builder (one BibTeX block under a heading makes it an entry). The same test keeps it as the rules do: it
    parses into entries without errors, or starts with ``@type{``.
    """
    from listlint.bibtex.fences import is_bibtex

    dropped = {block.span for block in w.bibtex if block.html and not is_bibtex(block)}
    if dropped:
        w.bibtex = [block for block in w.bibtex if block.span not in dropped]
        w.stream = [u for u in w.stream if not (u[0] == "fence" and u[2] is not None and u[2].span in dropped)]


def _relink(root: Any, entries: Any, headings: tuple[Heading, ...], bib: list[Any]) -> tuple[Any, Any]:
    """Swap in the final Heading objects (is_entry set) and parsed BibTeX blocks, keeping everything frozen."""
    by_line = {h.line: h for h in headings}
    by_span = {b.span: b for b in bib}

    def fix_entry(entry: Any) -> Any:
        changes: dict[str, Any] = {}
        if entry.heading is not None:
            changes["heading"] = by_line.get(entry.heading.line, entry.heading)
        if entry.bibtex:
            changes["bibtex"] = tuple(by_span.get(b.span, b) for b in entry.bibtex)
        if entry.children:
            changes["children"] = tuple(fix_entry(c) for c in entry.children)
        return dataclasses.replace(entry, **changes) if changes else entry

    def fix_section(sec: Any) -> Any:
        return dataclasses.replace(
            sec,
            heading=by_line.get(sec.heading.line, sec.heading) if sec.heading else None,
            entries=tuple(fix_entry(e) for e in sec.entries),
            children=tuple(fix_section(c) for c in sec.children),
        )

    new_root = fix_section(root)
    del fix_entry, fix_section  # recursive closures: empty their cells so no cycle outlives the call
    flat = sorted((e for s in new_root.walk() for top in s.entries for e in top.walk()), key=lambda e: e.span.start)
    return new_root, tuple(flat)
