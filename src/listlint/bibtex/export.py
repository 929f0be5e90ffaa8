"""``listlint export --format bibtex|csv``: every entry's citation as one ``.bib``, or a table of the entries.

The ``.bib`` holds each parsed BibTeX entry in canonical layout (the file's dominant style) and a generated
``@misc`` (title, url, year when known, a Scholar-style key) for each entry without a block. Keys never collide:
a repeated key with a different citation gets a letter suffix, an identical repeat is written once. Repeated
fields keep their first value and glued fields (a missing comma) are written separately, so bibtexparser reads the
output without a failed block. Blocks that do not parse are left out with a ``%`` comment naming the line. The
blocks' ``@string`` macros come first, one definition per name, so that entries that use them still resolve.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from listlint.bibtex.format import Style, document_style, format_entry
from listlint.bibtex.normalize import (
    YearEvidence,
    parse_year,
    latex_to_text,
    scholar_key,
    title_words,
    year_evidence,
)
from listlint.config import BibtexSettings
from listlint.model import BibEntry, BibField, Document, Entry
from listlint.regex import lazy

__all__ = ["to_bibtex", "to_csv", "entry_year"]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_SPECIAL = lazy(r"[\\{}%&#$_~^]")
_TEXT_YEAR = lazy(r"(?<![\d.])((?:19|20)\d{2})(?![\d])")
STRING_NAME = lazy(r"@string\s*[{(]\s*([^\s=,{}()]+)", re.IGNORECASE)
_SUFFIXES = "bcdefghijklmnopqrstuvwxyz"


def _escape(text: str) -> str:
    """Markdown text as a BibTeX value (LaTeX specials escaped; braces can never unbalance the entry)."""
    return _SPECIAL.sub(lambda m: _LATEX_SPECIAL[m.group()], " ".join(text.split()))


def _url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C").replace(" ", "%20")


def _evidence(entry: Entry) -> Iterable[YearEvidence]:
    for link in entry.links:
        found = year_evidence(link.url)
        if found is not None:
            yield found


def entry_year(entry: Entry) -> int | None:
    """The entry's year: its BibTeX ``year``, else what its links prove, else the one year its text names."""
    for block in entry.bibtex:
        for bib in block.entries:
            year = parse_year(bib.get("year"))
            if year is not None:
                return year
    for found in _evidence(entry):
        # the year the evidence names itself: an arXiv id allows its year and the next (and, in January, the
        # December before), so the first of two, the middle of three
        years = sorted(found.years)
        return years[(len(years) - 1) // 2]
    years = {int(y) for y in _TEXT_YEAR.findall(f"{entry.title} {entry.description}")}
    return years.pop() if len(years) == 1 else None


class _Keys:
    """Keys handed out so far, compared case-insensitively as BibTeX does."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.reserved = {k.casefold() for k in reserved if k}
        self.used: set[str] = set()
        self.written: set[tuple[str, str]] = set()  # (casefolded key as written, body) already in the output

    def claim(self, key: str, body: str | None = None) -> str | None:
        """A free key based on ``key``; None when the same citation (``body`` under ``key``) was written already.

        A citation's own key (``body`` given) is kept when still free; a generated one (no body) also avoids the
        keys of every citation in the input.
        """
        folded = key.casefold()
        if body is not None:
            if (folded, body) in self.written:
                return None
            self.written.add((folded, body))
        if folded not in self.used and (body is not None or folded not in self.reserved):
            self.used.add(folded)
            return key
        for suffix in [*_SUFFIXES, *(str(n) for n in range(2, 10_000))]:
            candidate = (key + suffix).casefold()
            if candidate not in self.used and candidate not in self.reserved:
                self.used.add(candidate)
                return key + suffix
        raise RuntimeError(f"no free key for {key!r}")  # pragma: no cover


def _clean(entry: BibEntry) -> BibEntry:
    """First value of each field name, no nameless fields, a type."""
    seen: set[str] = set()
    fields: list[BibField] = []
    for field in entry.fields:
        lower = field.name.lower()
        if not lower or lower in seen:
            continue
        seen.add(lower)
        fields.append(field)
    return BibEntry(entry.entry_type or "misc", entry.key, tuple(fields), entry.span, entry.key_span,
                    entry.type_span)


def _generated(entry: Entry) -> tuple[str, str]:
    """(key base, body) of the ``@misc`` for an entry without BibTeX."""
    year = entry_year(entry)
    words = title_words(entry.title)
    base = f"{words[0] if words else 'entry'}{year or ''}{words[1] if len(words) > 1 else ''}"
    lines = [f"  title = {{{_escape(entry.title)}}}"]
    url = entry.primary_link.url if entry.primary_link else (entry.links[0].url if entry.links else "")
    if url:
        lines.append(f"  url = {{{_url(url)}}}")
    if year is not None:
        lines.append(f"  year = {{{year}}}")
    return base, ",\n".join(lines)


def to_bibtex(documents: Sequence[Document]) -> str:
    """One ``.bib`` for every entry of ``documents``."""
    settings = BibtexSettings()
    keys = _Keys(bib.key for d in documents for block in d.bibtex_blocks for bib in block.entries)
    chunks: list[str] = []
    # ``@string`` macros first, each name once (its first definition): BibTeX needs a macro defined before an entry
    # uses it, and rejects a second definition of a name
    strings: dict[str, str] = {}
    for document in documents:
        for block in document.bibtex_blocks:
            for definition in block.strings:
                named = STRING_NAME.match(definition)
                strings.setdefault(named.group(1).lower() if named else definition, definition)
    chunks.extend(strings.values())
    for document in documents:
        style = document_style(document, settings)
        items: list[tuple[int, int, object]] = []
        for block in document.bibtex_blocks:
            items.append((block.span.start, 0, block))
        for entry in document.entries:
            if not entry.bibtex and entry.title.strip():
                items.append((entry.span.start, 1, entry))
        items.sort(key=lambda item: (item[0], item[1]))
        for _, kind, item in items:
            if kind == 0:
                chunks.extend(_block_chunks(item, document, style, keys))  # type: ignore[arg-type]
            else:
                entry: Entry = item  # type: ignore[assignment]
                base, body = _generated(entry)
                key = keys.claim(base or "entry")
                chunks.append(f"@misc{{{key},\n{body}\n}}")
    return "\n\n".join(chunks) + ("\n" if chunks else "")


def _block_chunks(block: object, document: Document, style: Style, keys: _Keys) -> list[str]:
    from listlint.model import BibtexBlock

    assert isinstance(block, BibtexBlock)
    out: list[str] = []
    for failure in block.failures:
        if failure.kind == "syntax":
            line, _ = document.source.position(failure.span.start)
            reason = failure.message.replace("@", "")
            out.append(f"% listlint: {document.path}:{line}: left out BibTeX that does not parse: {reason}")
    for bib in block.entries:
        clean = _clean(bib)
        body = format_entry(clean, style)
        base = clean.key or scholar_key(clean.get("author"), parse_year(clean.get("year")), clean.get("title")) \
            or "entry"
        key = keys.claim(base, body.split("\n", 1)[1] if "\n" in body else "")
        if key is None:
            continue  # the same citation again
        if key != clean.key:
            body = format_entry(BibEntry(clean.entry_type, key, clean.fields, clean.span), style)
        out.append(body)
    return out


def to_csv(documents: Sequence[Document]) -> str:
    """title, url, status, year, section, file: one row per entry (children included), then one per BibTeX entry
    that no list entry holds (a ``.bib`` file, a free-standing block), in file order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["title", "url", "status", "year", "section", "file"])
    for document in documents:
        rows: list[tuple[int, list[object]]] = []
        for entry in document.entries:
            url = entry.primary_link.url if entry.primary_link else ""
            status = entry.status.value if entry.status else ""
            year = entry_year(entry)
            rows.append((entry.span.start,
                         [entry.title, url, status, "" if year is None else year, entry.section, document.path]))
        held = {block.span for entry in document.entries for block in entry.bibtex}
        for block in document.bibtex_blocks:
            if block.span in held:
                continue
            for bib in block.entries:
                year = parse_year(bib.get("year"))
                title = " ".join(latex_to_text(bib.get("title") or "").split())
                rows.append((bib.span.start, [title, _bib_url(bib), "", "" if year is None else year, "",
                                              document.path]))
        rows.sort(key=lambda row: row[0])
        writer.writerows(row for _, row in rows)
    return buffer.getvalue()


def _bib_url(bib: BibEntry) -> str:
    """The citation's own link: its ``url`` field, else its DOI, else its arXiv id."""
    from listlint.duplicates import field_text  # the ``\\url{...}`` and brace handling of the identifier reader

    url = field_text(bib.get("url") or "")
    if url:
        return url
    doi = field_text(bib.get("doi") or "")
    if doi:
        return doi if doi.lower().startswith("http") else f"https://doi.org/{doi}"
    eprint = field_text(bib.get("eprint") or "")
    if eprint and field_text(bib.get("archiveprefix") or bib.get("eprinttype") or "").lower() == "arxiv":
        return f"https://arxiv.org/abs/{eprint}"
    return ""
