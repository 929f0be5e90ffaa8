"""Output formats: text (for people), json (for tools), github (workflow annotations), sarif (code scanning).

Positions are computed here, once, from the document's SourceText: 1-based lines and columns in characters.
"""


import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from listlint.diagnostics import Applicability, Diagnostic, Severity
from listlint.records import Record
from listlint.source import SourceText

DOCS_URL = "https://github.com/listlint/listlint/blob/main/rules/{code}-{name}.md"


class Located(Record):
    """A diagnostic with its 1-based positions, computed where the source is (the positions of its fix's edits
    only when an output format asks for them: most runs never show them)."""

    diagnostic: Diagnostic
    line: int
    column: int
    end_line: int
    end_column: int
    source: SourceText | None = None

    @classmethod
    def of(cls, diagnostic: Diagnostic, source: SourceText) -> "Located":
        return cls.all([diagnostic], source)[0]

    @classmethod
    def all(cls, diagnostics: Sequence[Diagnostic], source: SourceText) -> list["Located"]:
        """:meth:`of` for each of ``diagnostics``: the positions looked up together (6,400 findings on the 1 MB
        benchmark list took 12 ms one by one)."""
        return [cls(d, line, column, end_line, end_column, source if d.fix is not None else None)
                for d, (line, column, end_line, end_column)
                in zip(diagnostics, source.span_positions(d.span for d in diagnostics))]

    @property
    def edit_positions(self) -> tuple[tuple[int, int, int, int], ...]:
        """(line, column, end line, end column) of each edit of the fix."""
        fix, source = self.diagnostic.fix, self.source
        if fix is None or source is None:
            return ()
        return tuple((*source.position(e.span.start), *source.position(e.span.end)) for e in fix.edits)


class Style:
    """ANSI colours, on only when asked for (``--color``) or on a TTY without NO_COLOR."""

    def __init__(self, mode: str, stream: IO[str]) -> None:
        if mode == "always":
            self.on = True
        elif mode == "never":
            self.on = False
        else:
            self.on = stream.isatty() and not os.environ.get("NO_COLOR")

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on else text


def _fix_json(loc: Located) -> dict[str, Any] | None:
    fix = loc.diagnostic.fix
    if fix is None:
        return None
    edits = []
    for edit, (line, column, end_line, end_column) in zip(fix.edits, loc.edit_positions):
        edits.append({"content": edit.content, "start": edit.span.start, "end": edit.span.end, "line": line,
                      "column": column, "end_line": end_line, "end_column": end_column})
    return {"applicability": fix.applicability.value, "title": fix.title, "edits": edits}


def to_json(items: Sequence[Located]) -> str:
    rows = []
    for loc in items:
        d = loc.diagnostic
        rows.append({
            "path": d.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "code": d.code,
            "name": d.name,
            "category": d.category,
            "severity": d.severity.value,
            "message": d.message,
            "fix": _fix_json(loc),
        })
    import json  # only the json and sarif outputs need it

    return json.dumps(rows, indent=2, ensure_ascii=False)


def _escape_github(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def to_github(items: Sequence[Located]) -> str:
    lines = []
    for loc in items:
        d = loc.diagnostic
        kind = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[d.severity]
        lines.append(
            f"::{kind} file={_escape_github(d.path, prop=True)},line={loc.line},col={loc.column},"
            f"endLine={loc.end_line},endColumn={loc.end_column},title={_escape_github(d.code, prop=True)}::"
            f"{_escape_github(d.message + ' (' + d.name + ')')}"
        )
    return "\n".join(lines)


_TEXT_COLOURS = {Severity.ERROR: "31;1", Severity.WARNING: "33;1", Severity.INFO: "36;1"}


def to_text(items: Sequence[Located], style: Style) -> str:
    if not style.on:  # the usual case (a pipe, CI, pre-commit): one f-string a finding
        return "\n".join(
            f"{loc.diagnostic.path}:{loc.line}:{loc.column}: {loc.diagnostic.code}"
            f"{' [*]' if loc.diagnostic.fixable else ''} {loc.diagnostic.message} ({loc.diagnostic.name})"
            for loc in items
        )
    lines = []
    for loc in items:
        d = loc.diagnostic
        mark = " [*]" if d.fixable else ""
        lines.append(
            f"{style(d.path, '1')}:{loc.line}:{loc.column}: {style(d.code, _TEXT_COLOURS[d.severity])}{mark} "
            f"{d.message} ({d.name})"
        )
    return "\n".join(lines)


def statistics(items: Sequence[Located]) -> str:
    counts = Counter((loc.diagnostic.code, loc.diagnostic.name) for loc in items)
    fixable = Counter(loc.diagnostic.code for loc in items if loc.diagnostic.fixable)
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "\n".join(
        f"{n:>{width}}  {code}  {'[*]' if fixable[code] else '   '}  {name}"
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def summary(items: Sequence[Located], files: int, failed: int = 0) -> str:
    """The closing line(s) of text output. ``failed`` files could not be checked (their errors are on stderr): a
    run with such files never says that all checks passed."""
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n != 1 else ''}"

    not_checked = f"; {plural(failed, 'file')} could not be checked" if failed else ""
    if not items:
        if failed:
            return f"No problems found in {plural(files, 'file')}{not_checked}."
        return f"All checks passed! ({plural(files, 'file')} checked)"
    by_sev = Counter(loc.diagnostic.severity for loc in items)
    by_fix = Counter(loc.diagnostic.fix.applicability for loc in items if loc.diagnostic.fix is not None)
    fixable, unsafe = by_fix[Applicability.SAFE], by_fix[Applicability.UNSAFE]
    parts = [plural(by_sev[s], s.value) for s in Severity if by_sev[s]]
    line = f"Found {plural(len(items), 'problem')} ({', '.join(parts)}) in {plural(files, 'file')}{not_checked}."
    if fixable:
        line += f"\n[*] {fixable} fixable with `listlint fix`."
    if unsafe:
        line += f"\n{unsafe} more fixable with `listlint fix --unsafe-fixes` (review those changes)."
    return line


def to_sarif(items: Sequence[Located], rules: Sequence[Any], version: str) -> str:
    """SARIF 2.1.0: one rule descriptor per code with help text and doc link, results with regions."""
    descriptors = []
    index = {}
    for rule in rules:
        index[rule.code] = len(descriptors)
        descriptors.append({
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": f"{rule.summary} See {DOCS_URL.format(code=rule.code, name=rule.name)}"},
            "helpUri": DOCS_URL.format(code=rule.code, name=rule.name),
            "defaultConfiguration": {"level": _sarif_level(rule.severity)},
            "properties": {"category": rule.category},
        })
    results = []
    for loc in items:
        d = loc.diagnostic
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _sarif_level(d.severity),
            "message": {"text": d.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": d.path.replace(os.sep, "/")},
                    "region": {
                        "startLine": loc.line,
                        "startColumn": loc.column,
                        "endLine": loc.end_line,
                        "endColumn": loc.end_column,
                    },
                }
            }],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "listlint", "version": version,
                                "informationUri": "https://github.com/listlint/listlint", "rules": descriptors}},
            "results": results,
        }],
    }
    import json  # only the json and sarif outputs need it

    return json.dumps(log, indent=2, ensure_ascii=False)


def _sarif_level(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}[severity]


def write(stream: IO[str] | None, text: str) -> None:
    if text:
        (stream or sys.stdout).write(text + "\n")
