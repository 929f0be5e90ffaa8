"""BibTeX rules LL501-LL511: validity, agreement with the entry above, canonical layout, Scholar's mistakes.

The parser has already parsed every fence (with bibtexparser) into BibEntry/BibField values with exact spans,
split fields that a missing comma glued together, and recorded failures and stray text. These rules only read
that model; the helpers they share live in :mod:`listlint.bibtex`.
"""


import datetime
import re
from collections.abc import Iterator

from listlint.bibtex.bibfile import is_file_block
from listlint.bibtex.fences import bibtex_blocks, fence_marker, label_span, label_word
from listlint.bibtex.format import LAYOUTS, Style, canonical_block, differences, document_style, format_entry
from listlint.bibtex.normalize import (
    YearEvidence,
    arxiv_year_in_text,
    ascii_word,
    last_name,
    parse_year,
    split_authors,
    title_key,
    title_similarity,
    title_words,
    year_evidence,
)
from listlint.bibtex.suspicious import suspicions
from listlint.diagnostics import Diagnostic, Edit, Fix, FixAvailability, Severity
from listlint.errors import ConfigError
from listlint.model import BibEntry, BibField, BibtexBlock, Document, Entry
from listlint.records import Record
from listlint.rules.base import Context, Rule
from listlint.source import Span

# Required fields per entry type; each requirement lists alternatives ("author" or "editor").
_Req = tuple[tuple[str, ...], ...]
_A, _T, _Y = ("author",), ("title",), ("year",)
_BIBTEX: dict[str, _Req] = {
    "article": (_A, _T, ("journal",), _Y),
    "book": (("author", "editor"), _T, ("publisher",), _Y),
    "booklet": (_T,),
    "conference": (_A, _T, ("booktitle",), _Y),
    "inbook": (("author", "editor"), _T, ("chapter", "pages"), ("publisher",), _Y),
    "incollection": (_A, _T, ("booktitle",), ("publisher",), _Y),
    "inproceedings": (_A, _T, ("booktitle",), _Y),
    "manual": (_T,),
    "mastersthesis": (_A, _T, ("school",), _Y),
    "misc": (),
    "phdthesis": (_A, _T, ("school",), _Y),
    "proceedings": (_T, _Y),
    "techreport": (_A, _T, ("institution",), _Y),
    "unpublished": (_A, _T, ("note",)),
}
_D = ("year", "date")
_AE = ("author", "editor")
_INST = ("institution", "school")
_BIBLATEX: dict[str, _Req] = {
    "article": (_A, _T, ("journaltitle", "journal"), _D),
    "book": (_A, _T, _D),
    "mvbook": (_A, _T, _D),
    "inbook": (_A, _T, ("booktitle",), _D),
    "bookinbook": (_A, _T, ("booktitle",), _D),
    "suppbook": (_A, _T, ("booktitle",), _D),
    "booklet": (_AE, _T, _D),
    "collection": (("editor",), _T, _D),
    "mvcollection": (("editor",), _T, _D),
    "incollection": (_A, _T, ("booktitle",), _D),
    "suppcollection": (_A, _T, ("booktitle",), _D),
    "dataset": (_AE, _T, _D),
    "manual": (_AE, _T, _D),
    "misc": (_AE, _T, _D),
    "online": (_AE, _T, _D, ("doi", "eprint", "url")),
    "patent": (_A, _T, ("number",), _D),
    "periodical": (("editor",), _T, _D),
    "suppperiodical": (_A, _T, ("journaltitle", "journal"), _D),
    "proceedings": (_T, _D),
    "mvproceedings": (_T, _D),
    "inproceedings": (_A, _T, ("booktitle",), _D),
    "reference": (("editor",), _T, _D),
    "mvreference": (("editor",), _T, _D),
    "inreference": (_A, _T, ("booktitle",), _D),
    "report": (_A, _T, ("type",), ("institution",), _D),
    "software": (_AE, _T, _D),
    "thesis": (_A, _T, ("type",), _INST, _D),
    "unpublished": (_A, _T, _D),
    "set": (),
    "xdata": (),
    # aliases biblatex accepts for BibTeX compatibility
    "conference": (_A, _T, ("booktitle",), _D),
    "electronic": (_AE, _T, _D, ("doi", "eprint", "url")),
    "www": (_AE, _T, _D, ("doi", "eprint", "url")),
    "mastersthesis": (_A, _T, _INST, _D),
    "phdthesis": (_A, _T, _INST, _D),
    "techreport": (_A, _T, ("institution",), _D),
}
PROFILES = {"bibtex": _BIBTEX, "biblatex": _BIBLATEX}
_IGNORED_TYPES = frozenset({"string", "preamble", "comment"})


def _entries(document: Document) -> Iterator[tuple[BibtexBlock, BibEntry]]:
    for block in bibtex_blocks(document):
        for entry in block.entries:
            yield block, entry


def _head(entry: BibEntry) -> Span:
    """``@type{key`` (the span rules report an entry on)."""
    end = entry.key_span.end if entry.key_span and entry.key_span.end > entry.span.start else entry.span.start + 1
    return Span(entry.span.start, end)


def _field(entry: BibEntry, name: str) -> BibField | None:
    for f in entry.fields:
        if f.name.lower() == name:
            return f
    return None


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line(document: Document, offset: int) -> int:
    return document.source.position(offset)[0]


# --- LL501 --------------------------------------------------------------------------------------------------------


class BibtexSyntax(Rule):
    code = "LL501"
    needs_entries = False
    name = "bibtex-syntax"
    category = "bibtex"
    summary = "A BibTeX block does not parse (unbalanced braces, missing key, comma or `=`)"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        for block in bibtex_blocks(document):
            for failure in block.failures:
                if failure.kind == "syntax":
                    yield self.report(failure.message, failure.at or failure.span)
        text = document.text
        for _, entry in _entries(document):
            for index, field in enumerate(entry.fields):
                if not field.value.startswith("{") or field.value_span.of(text) != field.value:
                    continue
                end = _closing_brace(field.value)
                tail = field.value[end + 1 :].strip() if end is not None else ""
                following = entry.fields[index + 1] if index + 1 < len(entry.fields) else None
                if tail in FULL_WIDTH_COMMAS and following is not None and following.missing_comma:
                    continue  # "{…}，" and no comma before the next field: LL505 reports it, with its fix
                if tail and not tail.startswith("#"):  # "{…}，,": BibTeX stops at the brace and finds no comma
                    at = field.value_span.start + field.value.index(tail, end + 1)
                    yield self.report(f"`{field.name}` has '{_shorten(tail, 20)}' after its closing brace, where "
                                      "BibTeX wants a comma or the entry's end", Span(at, at + len(tail)))


def _closing_brace(value: str) -> int | None:
    """Index of the brace that closes the one ``value`` opens with, None when it is never closed."""
    depth = 0
    for index, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return None


# --- LL502 --------------------------------------------------------------------------------------------------------


class BibtexRequiredFields(Rule):
    code = "LL502"
    needs_entries = False
    name = "bibtex-required-fields"
    category = "bibtex"
    summary = "A BibTeX entry lacks a field its type requires (classic BibTeX, or BibLaTeX by config)"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        profile_name = context.config.bibtex.profile
        profile = PROFILES[profile_name]
        for _, entry in _entries(document):
            kind = entry.entry_type.lower()
            required = profile.get(kind)
            if not required:
                continue
            present = {f.name.lower() for f in entry.fields if f.value.strip()}
            if "crossref" in present or "xdata" in present:
                continue  # inherited fields are not visible here
            missing = [" or ".join(f"`{n}`" for n in alternatives) for alternatives in required
                       if not present.intersection(alternatives)]
            if missing:
                yield self.report(
                    f"`@{entry.entry_type}{{{entry.key}}}` lacks {', '.join(missing)} "
                    f"(required for @{kind} in the {profile_name} profile)",
                    _head(entry),
                )


# --- LL503 --------------------------------------------------------------------------------------------------------


class BibtexTitleMismatch(Rule):
    code = "LL503"
    name = "bibtex-title-mismatch"
    category = "bibtex"
    summary = "The entry's title and its BibTeX `title` disagree after normalisation"
    severity = Severity.WARNING

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        threshold = context.config.bibtex.title_threshold
        for entry, bib in _paired(document):
            title = _field(bib, "title")
            if title is None or not title.value.strip() or not entry.title.strip():
                continue
            similarity = title_similarity(entry.title, title.value)
            if similarity < threshold:
                yield self.report(
                    f"BibTeX title `{_shorten(title.value)}` does not match the entry title "
                    f"`{_shorten(entry.title)}` (similarity {int(similarity * 100) / 100:.2f} < {threshold:g})",
                    title.value_span,
                )


# headings that introduce a citation rather than name a paper ("## Citation" above a README's BibTeX)
_GENERIC_TITLES = frozenset({
    "citation", "citations", "cite", "citing", "cite this", "cite this work", "cite us", "citing this work",
    "how to cite", "please cite", "bibtex", "bib", "reference", "references", "bibliography", "paper", "papers",
    "publication", "publications", "acknowledgement", "acknowledgements", "acknowledgment", "acknowledgments",
})


def _paired(document: Document) -> Iterator[tuple[Entry, BibEntry]]:
    """Entries with exactly one BibTeX entry under them (a block of several citations pairs with none), whose
    title names a paper (not "Citation")."""
    considered = document.memo("bibtex.block-starts", lambda: {b.span.start for b in bibtex_blocks(document)})
    for entry in document.entries:
        if not entry.bibtex or title_key(entry.title) in _GENERIC_TITLES:
            continue
        bibs = [bib for block in entry.bibtex for bib in block.entries]
        if len(bibs) == 1 and all(b.span.start in considered for b in entry.bibtex):
            yield entry, bibs[0]


# --- LL504 --------------------------------------------------------------------------------------------------------


class BibtexYearMismatch(Rule):
    code = "LL504"
    name = "bibtex-year-mismatch"
    category = "bibtex"
    summary = "The BibTeX `year` disagrees with what the link proves (arXiv id, proceedings path)"
    severity = Severity.WARNING

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        owner = {id(bib): entry for entry, bib in _paired(document)}
        for _, bib in _entries(document):
            year_field = _field(bib, "year")
            year = parse_year(year_field.value) if year_field else None
            if year_field is None or year is None:
                continue
            evidence = list(_year_evidence(owner.get(id(bib)), bib))
            if not evidence or any(year in e.years for e in evidence):
                continue
            first = evidence[0]
            allowed = " or ".join(str(y) for y in sorted(first.years))
            yield self.report(f"year {year} disagrees with {first.reason} ({allowed})", year_field.value_span)


def _year_evidence(entry: Entry | None, bib: BibEntry) -> Iterator[YearEvidence]:
    if entry is not None:
        for link in entry.links:
            found = year_evidence(link.url)
            if found is not None:
                yield found
    url = _field(bib, "url")
    if url is not None:
        found = year_evidence(url.value)
        if found is not None:
            yield found
    for name in ("eprint", "journal", "volume"):
        field = _field(bib, name)
        if field is not None:
            found = arxiv_year_in_text(field.value)
            if found is not None:
                yield found


# --- LL505 --------------------------------------------------------------------------------------------------------


FULL_WIDTH_COMMAS = "，、。；"


class BibtexMissingComma(Rule):
    code = "LL505"
    needs_entries = False
    name = "bibtex-missing-comma"
    category = "bibtex"
    summary = "A value swallowed the next `name = {...}` because a comma is missing"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        text = document.text
        for _, bib in _entries(document):
            for index, field in enumerate(bib.fields):
                if not field.missing_comma or index == 0:
                    continue
                previous = bib.fields[index - 1]
                # "{…}，": an input method's comma, read as part of the value
                at = previous.span.start + len(previous.span.of(text).rstrip()) - 1
                if at >= previous.span.start and text[at] in FULL_WIDTH_COMMAS:
                    yield self.report(
                        f"missing comma after `{_shorten(previous.span.of(text), 40)}`: '{text[at]}' is a full-width "
                        f"character, not a comma, so BibTeX reads `{field.name} = …` as part of the "
                        f"`{previous.name}` value",
                        field.name_span,
                        Fix.unsafe(Edit(Span(at, at + 1), ","), title=f"Replace '{text[at]}' with a comma"),
                    )
                    continue
                yield self.report(
                    f"missing comma after `{_shorten(previous.span.of(text), 40)}`: BibTeX reads "
                    f"`{field.name} = …` as part of the `{previous.name}` value",
                    field.name_span,
                    Fix.unsafe(Edit.insert(previous.span.end, ","), title="Insert the missing comma"),
                )


# --- LL506 --------------------------------------------------------------------------------------------------------


class BibtexDuplicateField(Rule):
    code = "LL506"
    needs_entries = False
    name = "bibtex-duplicate-field"
    category = "bibtex"
    summary = "A BibTeX field is repeated (names compared case-insensitively)"
    fix = FixAvailability.UNSAFE

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        for _, bib in _entries(document):
            first: dict[str, BibField] = {}
            for index, field in enumerate(bib.fields):
                lower = field.name.lower()
                if not lower:
                    continue
                seen = first.get(lower)
                if seen is None:
                    first[lower] = field
                    continue
                same = "the same value" if seen.value == field.value else f"`{_shorten(seen.value, 40)}`"
                previous = bib.fields[index - 1]
                yield self.report(
                    f"field `{field.name}` repeats `{seen.name}` of line {_line(document, seen.span.start)} "
                    f"({same})",
                    field.name_span,
                    Fix.unsafe(Edit.delete(Span(previous.span.end, field.span.end)),
                               title=f"Remove the repeated `{field.name}`"),
                )


# --- LL507 --------------------------------------------------------------------------------------------------------


class BibtexEntryType(Rule):
    code = "LL507"
    needs_entries = False
    name = "bibtex-entry-type"
    category = "bibtex"
    summary = "A BibTeX entry type unknown to the profile"

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        profile_name = context.config.bibtex.profile
        known = PROFILES[profile_name]
        for _, bib in _entries(document):
            kind = bib.entry_type.lower()
            if kind in known or kind in _IGNORED_TYPES:
                continue
            span = bib.type_span if bib.type_span is not None and len(bib.type_span) else _head(bib)
            import difflib  # an unknown entry type is rare: not imported at start-up

            close = difflib.get_close_matches(kind, list(known), n=1, cutoff=0.75)
            other = "biblatex" if profile_name == "bibtex" else "bibtex"
            hint = ""
            if close:
                hint = f"; did you mean `@{close[0]}`?"
            elif kind in PROFILES[other]:
                hint = f" (it is a {other} type: set bibtex.profile = \"{other}\")"
            shown = f"`@{bib.entry_type}`" if bib.entry_type else "an empty entry type"
            yield self.report(f"{shown} is not an entry type of the {profile_name} profile{hint}", span)


# --- LL508 --------------------------------------------------------------------------------------------------------


class FenceOptions(Record):
    """Options of LL508."""
    labels: tuple[str, ...] = ("bibtex", "bib")  # fence labels accepted for BibTeX; the fix writes the first
    max_entries: int = 1  # entries one fence may hold


class BibtexFence(Rule):
    code = "LL508"
    needs_entries = False
    name = "bibtex-fence"
    category = "bibtex"
    summary = "A fence holding zero or several entries, stray text, or BibTeX in a fence not labelled `bibtex`"
    fix = FixAvailability.SOMETIMES
    Options = FenceOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        options: FenceOptions = context.options
        text = document.text
        labels = tuple(label.lower() for label in options.labels) or ("bibtex",)
        for block in bibtex_blocks(document):
            syntax = any(f.kind == "syntax" for f in block.failures)
            holder = "`<pre>` element" if block.html else "fence"
            if block.entries and not block.html and label_word(block) not in labels:  # an element has no label
                span = label_span(block, text)
                shown = f"labelled `{block.label.split()[0]}`" if block.label.strip() else "without a label"
                fix = None
                if span is not None:
                    fix = Fix.safe(Edit(span, labels[0]), title=f"Label the fence `{labels[0]}`")
                yield self.report(f"BibTeX in a fence {shown}: label it `{labels[0]}`",
                                  span if span is not None and len(span) else fence_marker(block, text), fix)
            if not block.entries and not syntax:
                stray = [f for f in block.failures if f.kind == "stray"]
                what = f" (only `{_shorten(stray[0].span.of(text), 30)}`)" if stray else ""
                shown = holder if block.html else f"fence `{block.label or '```'}`"
                yield self.report(f"{shown} holds no BibTeX entry{what}", fence_marker(block, text))
                continue
            if len(block.entries) > options.max_entries:
                keys = ", ".join(f"`{e.key}`" for e in block.entries)
                extra = block.entries[options.max_entries]
                yield self.report(
                    f"{holder} holds {len(block.entries)} BibTeX entries ({keys}); "
                    f"at most {options.max_entries} per {holder.split()[-1]} keeps each citation with its entry",
                    _head(extra),
                )
            for failure in block.failures:
                if failure.kind == "stray":
                    yield self.report(f"stray {failure.message}", failure.span)


# --- LL509 --------------------------------------------------------------------------------------------------------


class FormatOptions(Record):
    """Options of LL509."""
    indent: int | str = "auto"  # spaces before each field; "auto": the file's most frequent indent (2 if none)
    layout: str = "auto"  # "auto" (the file's dominant style), "compact" (name={value}), "spaced", "aligned"


class BibtexFormat(Rule):
    code = "LL509"
    needs_entries = False
    name = "bibtex-format"
    category = "bibtex"
    summary = "A BibTeX block is not in canonical layout (indent, spacing, case, trailing comma, page ranges)"
    fix = FixAvailability.SAFE
    Options = FormatOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        options: FormatOptions = context.options
        if isinstance(options.indent, str) and options.indent != "auto" or isinstance(options.indent, int) and not (
                0 <= options.indent <= 16):
            raise ConfigError(context.config.path or "<config>", "rules.bibtex-format.indent",
                              f"must be a number of spaces (0-16) or auto, got {options.indent!r}")
        if options.layout != "auto" and options.layout not in LAYOUTS:
            raise ConfigError(context.config.path or "<config>", "rules.bibtex-format.layout",
                              f"must be auto or one of {', '.join(LAYOUTS)}, got {options.layout!r}")
        text = document.text
        newline = document.source.newline
        style = document_style(document, context.config.bibtex, options.indent, options.layout)
        for block in bibtex_blocks(document):
            canonical = canonical_block(block, text, style, newline)
            if canonical is None or canonical == block.raw:
                continue
            if is_file_block(block):
                yield from self._file_entries(block, text, style, newline)
                continue
            yield self._report(block, text, style, newline, canonical,
                               Fix.safe(Edit(block.content_span, canonical),
                                        title="Rewrite the BibTeX block in canonical layout"))

    def _report(self, block: BibtexBlock, text: str, style: Style, newline: str, canonical: str, fix: Fix
                ) -> Diagnostic:
        span, expected = _first_difference(block, canonical, newline)
        reasons = differences(block, text, style, newline, limit=4)
        if reasons:
            why = "; ".join(reasons[:3]) + (" (and more)" if len(reasons) > 3 else "")
        else:
            # spaces kept as they are: the difference may be only in them (`title  =` aligned with `author =`)
            shown = expected.strip()
            shown = shown if len(shown) <= 50 else shown[:49] + "…"
            why = f"expected `{shown}` here" if shown else "unexpected line"
        return self.report(f"BibTeX not in canonical layout: {why}", span, fix)

    def _file_entries(self, block: BibtexBlock, text: str, style: Style, newline: str) -> Iterator[Diagnostic]:
        """A ``.bib`` file: one finding (and fix) per entry not in canonical layout, and per pair of entries not
        separated by exactly one blank line, at its own line; comments and ``@string`` between entries stay."""
        position = block.content_span.start
        for index, entry in enumerate(block.entries):
            gap = Span(position, entry.span.start)
            position = entry.span.end
            if index and not gap.of(text).strip() and gap.of(text) != newline + newline:
                yield self.report(
                    f"BibTeX not in canonical layout: {'no' if gap.of(text).count(chr(10)) < 2 else 'more than one'} "
                    f"blank line before `@{entry.entry_type}{{{entry.key}`",
                    _head(entry),
                    Fix.safe(Edit(gap, newline + newline), title="Separate the entries by one blank line"),
                )
            formatted = format_entry(entry, style, newline)
            if formatted != entry.span.of(text):
                alone = block._replace(raw=entry.span.of(text), entries=(entry,),
                                    content_span=entry.span, span=entry.span)
                yield self._report(alone, text, style, newline, formatted,
                                   Fix.safe(Edit(entry.span, formatted),
                                            title="Rewrite the BibTeX entry in canonical layout"))


def _first_difference(block: BibtexBlock, canonical: str, newline: str) -> tuple[Span, str]:
    """The first line of the block that differs from canonical, and the line canonical has there."""
    have = block.raw.split("\n")
    want = canonical.split(newline)
    offset = block.content_span.start
    for index, line in enumerate(have):
        bare = line[:-1] if line.endswith("\r") else line
        expected = want[index] if index < len(want) else ""
        if bare != expected or (index == len(have) - 1 and len(want) > len(have)):
            return Span(offset, offset + len(bare)), expected
        offset += len(line) + 1
    return Span(block.content_span.end, block.content_span.end), want[len(have)] if len(want) > len(have) else ""


# --- LL510 --------------------------------------------------------------------------------------------------------


class SuspiciousOptions(Record):
    """Options of LL510."""
    min_year: int = 1800
    max_year: int = 0  # 0: next year


class BibtexSuspiciousValue(Rule):
    code = "LL510"
    needs_entries = False
    name = "bibtex-suspicious-value"
    category = "bibtex"
    summary = "Values Google Scholar gets wrong: CoRR journal with volume/number, `pages={1}`, `\\url{}`, DOI URLs"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    Options = SuspiciousOptions

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        options: SuspiciousOptions = context.options
        max_year = options.max_year or datetime.date.today().year + 1
        for _, bib in _entries(document):
            for found in suspicions(bib, options.min_year, max_year):
                fix = None
                if found.replacement is not None:
                    fix = Fix.safe(Edit(found.span, found.replacement), title="Repair the value")
                yield self.report(found.message, found.span, fix)


# --- LL511 --------------------------------------------------------------------------------------------------------


class BibtexKeyPattern(Rule):
    code = "LL511"
    name = "bibtex-key-pattern"
    category = "bibtex"
    summary = "A citation key does not match the key template (preset `scholar`: lastnameYEARfirstword)"
    default_enabled = False

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        pattern = context.config.bibtex.key_pattern
        regex = None
        if pattern != "scholar":
            try:
                regex = re.compile(pattern)
            except re.error as exc:
                raise ConfigError(context.config.path or "<config>", "bibtex.key-pattern",
                                  f"not `scholar` nor a valid regular expression: {exc}") from None
        for _, bib in _entries(document):
            if bib.key_span is None or not bib.key or bib.entry_type.lower() in _IGNORED_TYPES:
                continue
            if regex is not None:
                if not regex.fullmatch(bib.key):
                    yield self.report(f"key `{bib.key}` does not match the pattern `{pattern}`", bib.key_span)
                continue
            prefix = _scholar_prefix(bib)
            if prefix is None:
                continue
            title = bib.get("title") or ""
            if bib.key.startswith(prefix):
                rest = bib.key[len(prefix) :]
                if any(_is_scholar_key(rest, word) for word in _scholar_words(title)):
                    continue
            words = title_words(" ".join(title.split()[:6]))
            expected = prefix + (words[0] if words else "")
            yield self.report(
                f"key `{bib.key}` does not follow the scholar pattern lastnameYEARfirstword "
                f"(expected `{expected}`)",
                bib.key_span,
            )


def _is_scholar_key(rest: str, word: str) -> bool:
    """The key after ``lastnameYEAR`` is ``word``, or ``word`` plus one disambiguating letter (``wideb``)."""
    return rest == word or (len(rest) == len(word) + 1 and rest.startswith(word) and "a" <= rest[-1] <= "z")


def _scholar_prefix(bib: BibEntry) -> str | None:
    """``lastnameYEAR`` of a Scholar key for ``bib`` (None without author, year or title)."""
    author = bib.get("author") or bib.get("editor")
    year = parse_year(bib.get("year"))
    if not author or year is None or not bib.get("title"):
        return None
    authors = split_authors(author, limit=1)
    name = last_name(authors[0]) if authors else ""
    return f"{name}{year}" if name else None


def _scholar_words(title: str) -> list[str]:
    """Title words Scholar may use: one of the first three, with or without small words, hyphens split or not."""
    head = title.split()[:6]
    joined = [ascii_word(w) for w in head[:3]]  # "Low-Rank" -> "lowrank" as well as "low"
    words = title_words(" ".join(head))[:3] + title_words(" ".join(head[:3]), skip_stopwords=False)[:3] + joined
    return [w for w in dict.fromkeys(words) if w]


RULES = (
    BibtexSyntax,
    BibtexRequiredFields,
    BibtexTitleMismatch,
    BibtexYearMismatch,
    BibtexMissingComma,
    BibtexDuplicateField,
    BibtexEntryType,
    BibtexFence,
    BibtexFormat,
    BibtexSuspiciousValue,
    BibtexKeyPattern,
)
