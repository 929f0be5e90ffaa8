"""The canonical layout of a BibTeX block (LL509), in the file's dominant style.

Canonical: ``@type{key,`` with the type lowercase, one field per line indented by ``indent``, field names lowercase,
``name={value}`` / ``name = {value}`` / names padded so the ``=`` align (the file's dominant style), a trailing
comma after the last field as the file mostly writes it, ``--`` in page ranges, empty fields dropped, fields in
the configured order (or as written), ``}`` alone on the last line, one blank line between entries.

Values are copied as written, enclosing included: nothing is decoded or re-encoded, so BibTeX reads the canonical
block exactly as it read the original. Formatting a canonical block again gives the same bytes.
"""


from collections import Counter

from listlint.config import BibtexSettings
from listlint.model import BibEntry, BibField, BibtexBlock, Document
from listlint.records import Record
from listlint.regex import lazy

LAYOUTS = ("compact", "spaced", "aligned")
_PAGES = lazy(r"^\s*([A-Za-z]?\d+[A-Za-z]?)\s*(?:-{1,3}|\u2013)\s*([A-Za-z]?\d+[A-Za-z]?)\s*$")
_FENCE_LEAD = lazy(r"([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*)(?=`{3,}|~{3,})")


class Style(Record):
    """How a BibTeX entry is laid out when listlint writes it."""
    layout: str = "spaced"  # "compact" name={value}, "spaced" name = {value}, "aligned" padded names
    trailing_comma: bool = False
    indent: str = "  "
    field_order: tuple[str, ...] = ()  # lowercase names first in this order; the rest keep their order


def _layouts(entry: BibEntry, text: str) -> tuple[str, ...]:
    """The LAYOUTS ``entry`` is written in: several when they look alike here (equal-length names), none if mixed."""
    seps = {text[f.name_span.end : f.value_span.start] for f in entry.fields}
    if not seps:
        return ()
    if seps == {"="}:
        return ("compact",)
    if seps == {" = "}:
        if len({len(f.name) for f in entry.fields}) == 1:
            return ("spaced", "aligned")
        return ("spaced",)
    if len(entry.fields) < 2 or not all(s.strip() == "=" and s.endswith(("= ", "=")) for s in seps):
        return ()
    columns = set()
    for f in entry.fields:
        line_start = text.rfind("\n", 0, f.name_span.start) + 1
        columns.add(text.index("=", f.name_span.end) - line_start)
    return ("aligned",) if len(columns) == 1 else ()


def _has_trailing_comma(entry: BibEntry, text: str) -> bool | None:
    if not entry.fields:
        return None
    end = entry.fields[-1].span.end
    return text[end : entry.span.end].lstrip().startswith(",")


def _indent(entry: BibEntry, text: str) -> int | None:
    """The spaces before ``entry``'s fields, counted from its ``@`` (a fence inside a list item is indented as a
    whole); None unless every field starts a line of its own with the same number of spaces."""
    at_line = text.rfind("\n", 0, entry.span.start) + 1
    widths = set()
    for f in entry.fields:
        line_start = text.rfind("\n", 0, f.name_span.start) + 1
        lead = text[line_start : f.name_span.start]
        if lead.strip(" ") or len(lead) <= entry.span.start - at_line:
            return None
        widths.add(len(lead) - (entry.span.start - at_line))
    return widths.pop() if len(widths) == 1 else None


def document_style(document: Document, settings: BibtexSettings, indent: int | str = "auto",
                   layout: str = "auto") -> Style:
    """The style canonical blocks of ``document`` use: the file's dominant habits unless configured (an ``indent``
    of "auto" is the file's most frequent field indent, 2 spaces when it has none)."""

    def build() -> Style:
        text = document.text
        layouts: Counter[str] = Counter()
        commas: Counter[bool] = Counter()
        indents: Counter[int] = Counter()
        for block in document.bibtex_blocks:
            for entry in block.entries:
                if layout == "auto":
                    layouts.update(_layouts(entry, text))
                if indent == "auto" and (width := _indent(entry, text)) is not None:
                    indents[width] += 1
                if settings.trailing_comma == "auto":
                    comma = _has_trailing_comma(entry, text)
                    if comma is not None:
                        commas[comma] += 1
        if layout != "auto":
            chosen = layout
        else:
            chosen = max(layouts, key=lambda k: (layouts[k], -LAYOUTS.index(k)), default="spaced")
        if settings.trailing_comma == "auto":
            trailing = commas[True] > commas[False]
        else:
            trailing = settings.trailing_comma == "always"
        if isinstance(indent, int):
            spaces = indent
        else:  # the most frequent; on a tie the narrower
            spaces = max(indents, key=lambda width: (indents[width], -width), default=2)
        return Style(chosen, trailing, " " * spaces, tuple(n.lower() for n in settings.field_order))

    key = f"bibtex.style:{indent}:{layout}:{settings.trailing_comma}:{','.join(settings.field_order)}"
    return document.memo(key, build)


def written_value(field: BibField) -> str:
    """The value with its enclosing, as BibTeX reads it."""
    if field.enclosing == "{":
        return "{" + field.value + "}"
    if field.enclosing == '"':
        return '"' + field.value + '"'
    return field.value


def is_empty(field: BibField) -> bool:
    return not field.value.strip()


def canonical_value(field: BibField) -> str:
    """The written value, with a page range's separator made ``--``."""
    if field.enclosing and field.name.lower() == "pages":
        m = _PAGES.match(field.value)
        if m:
            inner = f"{m.group(1)}--{m.group(2)}"
            return "{" + inner + "}" if field.enclosing == "{" else '"' + inner + '"'
    return written_value(field)


def format_entry(entry: BibEntry, style: Style, newline: str = "\n", prefix: str = "") -> str:
    """``entry`` in canonical layout; every generated line starts with ``prefix`` (a value's own lines do not)."""
    fields = [f for f in entry.fields if not is_empty(f)]
    if style.field_order:
        rank = {name: i for i, name in enumerate(style.field_order)}
        last = len(rank)
        fields = [f for _, f in sorted(enumerate(fields), key=lambda p: (rank.get(p[1].name.lower(), last), p[0]))]
    lines = [f"{prefix}@{entry.entry_type.lower()}{{{entry.key},"]
    width = max((len(f.name) for f in fields), default=0)
    for index, field in enumerate(fields):
        name = field.name.lower()
        if style.layout == "compact":
            sep = "="
        elif style.layout == "aligned":
            sep = " " * (width - len(name) + 1) + "= "
        else:
            sep = " = "
        comma = "," if index < len(fields) - 1 or style.trailing_comma else ""
        lines.append(f"{prefix}{style.indent}{name}{sep}{canonical_value(field)}{comma}")
    lines.append(f"{prefix}}}")
    return newline.join(lines)


def fence_prefix(block: BibtexBlock, text: str) -> str | None:
    """The indentation of the fence's content lines (a fence inside a list item), or None inside a blockquote;
    "" for a ``.bib`` file's block (no fence); for an HTML element, what its HTML block's lines are indented by in
    its container (a list item), which markdown-it strips: the element's text is literal after it."""
    if block.span == block.content_span:  # bibfile.is_file_block, without importing it
        return ""
    line_start = text.rfind("\n", 0, block.span.start) + 1
    if block.html:
        # never in a blockquote; outside a list the element's lines are literal from the line start, however far
        # its ``<pre`` tag is indented inside ``<details>``
        return block.container_indent
    lead = _FENCE_LEAD.match(text, line_start)
    if lead is None:
        return None
    written = lead.group(1)
    return written if not written.strip() else " " * len(written.expandtabs(4))


def unformattable(block: BibtexBlock, text: str) -> str | None:
    """Why ``block`` is left alone by the formatter (None when it can be formatted).

    A ``.bib`` file's block may hold comments, ``@string`` blocks and notes between entries (BibTeX ignores text
    outside entries); they are kept as written, so only a syntax failure leaves such a file alone.
    """
    file_block = block.span == block.content_span  # bibfile.is_file_block
    if any(f.kind != "stray" for f in block.failures) if file_block else block.failures:
        return "it does not parse cleanly"
    if not block.parsed or not block.entries:
        return "no entry"
    content = block.content_span
    position = content.start
    for entry in block.entries:
        if not file_block and text[position : entry.span.start].strip():
            return "it holds comments or @string/@preamble blocks"
        position = entry.span.end
        seen: set[str] = set()
        for field in entry.fields:
            if field.missing_comma:
                return "a comma is missing"
            lower = field.name.lower()
            if lower in seen or not lower:
                return "a field is repeated"
            seen.add(lower)
            if field.enclosing == "" and not field.value.strip():
                return "a field has no value"
    if not file_block and text[position : content.end].strip():
        return "it holds text after the last entry"
    return None


def canonical_block(block: BibtexBlock, text: str, style: Style, newline: str = "\n") -> str | None:
    """The canonical content of ``block`` (to replace ``block.content_span``), or None when it is left alone.

    Entries are separated by one blank line (by a line break in an HTML element); in a ``.bib`` file, text between
    entries that is not blank (comments, ``@string``) is kept as written.
    """
    if unformattable(block, text) is not None:
        return None
    prefix = fence_prefix(block, text)
    if prefix is None:
        return None
    if block.html:
        # an element's text starts right after its tag, on the tag's line: the first line takes no prefix, and the
        # whitespace before the first entry and after the last one (inside the element) stays as written. Entries
        # are separated by a line break, not a blank line: a blank line ends an HTML block such as `<details>`,
        # and the rest of the element would become Markdown
        body = newline.join(format_entry(entry, style, newline, prefix) for entry in block.entries)
        content = block.content_span
        return (text[content.start : block.entries[0].span.start] + body[len(prefix) :]
                + text[block.entries[-1].span.end : content.end])
    if block.span != block.content_span:
        return (newline + newline).join(format_entry(entry, style, newline, prefix) for entry in block.entries)
    parts: list[str] = []
    position = block.content_span.start
    for index, entry in enumerate(block.entries):
        gap = text[position : entry.span.start]
        if gap.strip():
            parts.append(gap)
        elif index:
            parts.append(newline + newline)
        parts.append(format_entry(entry, style, newline, prefix))
        position = entry.span.end
    parts.append(text[position : block.content_span.end])  # after the last entry: blank or notes, as written
    return "".join(parts)


def differences(block: BibtexBlock, text: str, style: Style, newline: str = "\n", limit: int = 0) -> list[str]:
    """What makes ``block`` differ from canonical, in words, one example per kind of difference (for messages);
    at most ``limit`` kinds when given."""
    found: dict[str, str] = {}  # kind -> first example, in the order found
    prefix = fence_prefix(block, text) or ""
    indent = prefix + style.indent
    wanted = "=" if style.layout == "compact" else " = " if style.layout == "spaced" else None

    def note(kind: str, message: str) -> None:
        if kind not in found:
            found[kind] = message

    for entry in block.entries:
        if entry.entry_type != entry.entry_type.lower():
            note("type", f"entry type `@{entry.entry_type}` is not lowercase")
        previous_end = entry.key_span.end if entry.key_span else entry.span.start
        for field in entry.fields:
            if limit and len(found) >= limit:
                break
            name = field.name
            if is_empty(field):
                note("empty", f"empty field `{name}`")
                previous_end = field.span.end
                continue
            if "name" not in found and name != name.lower():
                note("name", f"field name `{name}` is not lowercase")
            if "pages" not in found and field.enclosing and name.lower() == "pages" \
                    and canonical_value(field) != written_value(field):
                note("pages", f"page range `{field.value}` needs `--`")
            between = text[previous_end : field.span.start]
            between = between[1:] if between.startswith(",") else between
            if "\n" not in between:
                note("line", f"`{name}` is not on its own line")
            elif between.count("\n") > 1:
                note("blank", f"blank line before `{name}`")
            elif between[between.rfind("\n") + 1 :] != indent:
                note("indent", f"`{name}` is not indented by {len(style.indent)} spaces")
            if wanted is not None and "sep" not in found:
                sep = text[field.name_span.end : field.value_span.start]
                if sep != wanted:
                    note("sep", f"`{name}{sep}` is not written `{name}{wanted}` as in the rest of the file")
            previous_end = field.span.end
        if limit and len(found) >= limit:
            break
        if entry.fields:
            tail = text[entry.fields[-1].span.end : entry.span.end - 1]
            if tail.lstrip().startswith(",") != style.trailing_comma:
                note("comma", "a trailing comma after the last field" if not style.trailing_comma
                     else "no trailing comma after the last field")
            elif "\n" not in tail:
                note("close", "`}` is not on its own line")
            elif (lead := tail[tail.rfind("\n") + 1 :]) != prefix and not lead.strip():
                note("close", f"`}}` is indented by {len(lead)} spaces, not {len(prefix)}")
    out = list(found.values())
    return out[:limit] if limit else out
