"""``listlint stats``: reading progress per file and per section, as an aligned text table or stable JSON.

Counts come from the same classification the LL3xx rules use (:func:`listlint.rules.ll3_status.status_view`), so
``stats`` and ``check`` never disagree about what an entry's status is. Every entry counts once, nested entries
included, in the section whose heading it sits under. The status that counts is the entry's last status mark (a
tag of the vocabulary, or a task box mapped through ``status.checkbox-done``/``checkbox-todo``); a misspelt tag
counts as ``unknown``, an entry without any as ``untagged``. The share read is the share of all entries whose
status is ``status.checkbox-done`` (``READ`` by default).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from listlint.config import Config
from listlint.model import Document, Section
from listlint.parser.status import tag_key
from listlint.rules.ll3_status import EntryStatus, entry_key, status_view

JSON_VERSION = 1
TITLE_WIDTH = 48


@dataclass
class Counts:
    """Entries of one section, one file, or the whole run, by status."""

    tags: dict[str, int]  # every configured tag, in configured order, zeros included
    unknown: int = 0
    untagged: int = 0

    @classmethod
    def empty(cls, tags: Sequence[str]) -> Counts:
        return cls({tag: 0 for tag in tags})

    @property
    def entries(self) -> int:
        return sum(self.tags.values()) + self.unknown + self.untagged

    def add(self, status: EntryStatus) -> None:
        value = status.status
        if value is not None:
            self.tags[value] = self.tags.get(value, 0) + 1
        elif status.unknown:
            self.unknown += 1
        else:
            self.untagged += 1

    def merge(self, other: Counts) -> None:
        for tag, count in other.tags.items():
            self.tags[tag] = self.tags.get(tag, 0) + count
        self.unknown += other.unknown
        self.untagged += other.untagged

    def share(self, tag: str) -> float | None:
        """The share of entries with ``tag`` (None when there are no entries)."""
        return self.tags.get(tag, 0) / self.entries if self.entries else None

    def as_json(self, done: str) -> dict[str, Any]:
        share = self.share(done)
        return {
            "entries": self.entries,
            "tags": dict(self.tags),
            "unknown": self.unknown,
            "untagged": self.untagged,
            "read": self.tags.get(done, 0),
            "read_share": None if share is None else round(share, 4),
        }


@dataclass
class SectionStats:
    """Status counts of one section."""
    title: str
    level: int
    line: int  # 1-based line of the heading (0 for entries above the first heading)
    counts: Counts


@dataclass
class FileStats:
    """Status counts of one file, per section and in all."""
    path: str
    tags: tuple[str, ...]  # the configured vocabulary, plus any extra status a task box maps to
    done: str  # the tag that means read
    sections: list[SectionStats] = field(default_factory=list)
    total: Counts = field(default_factory=lambda: Counts({}))


def file_stats(document: Document, config: Config) -> FileStats:
    """Counts of one document, per section (sections without entries are left out) and in total."""
    settings = config.status
    view = status_view(document, settings)
    spellings = view.vocabulary.spellings
    tags = list(settings.tags)
    for extra in (settings.checkbox_done, settings.checkbox_todo):  # a box may map outside the vocabulary
        if tag_key(extra) not in spellings and extra not in tags:
            tags.append(extra)
    done = spellings.get(tag_key(settings.checkbox_done), settings.checkbox_done)
    by_key = {entry_key(es.entry): es for es in view.entries}
    result = FileStats(document.path, tuple(tags), done, total=Counts.empty(tags))
    for section in document.sections:
        counts = Counts.empty(tags)
        for top in section.entries:
            for entry in top.walk():
                status = by_key.get(entry_key(entry))
                if status is not None:
                    counts.add(status)
        if counts.entries:
            result.sections.append(_section_stats(section, counts))
            result.total.merge(counts)
    return result


def _section_stats(section: Section, counts: Counts) -> SectionStats:
    line = section.heading.line + 1 if section.heading is not None else 0
    return SectionStats(section.title, section.level, line, counts)


def render(documents_and_configs: list[tuple[Document, Config]], fmt: str = "text") -> str:
    """The ``listlint stats`` output for these documents: ``fmt`` is "text" or "json"."""
    files = [file_stats(document, config) for document, config in documents_and_configs]
    if fmt == "json":
        return to_json(files)
    if fmt == "text":
        return to_text(files)
    raise ValueError(f"unknown stats format {fmt!r} (expected text or json)")


def _grand_total(files: Sequence[FileStats]) -> tuple[Counts, str]:
    tags: list[str] = []
    for stats in files:
        tags.extend(tag for tag in stats.tags if tag not in tags)
    total = Counts.empty(tags)
    for stats in files:
        total.merge(stats.total)
    done = files[0].done if files else "READ"
    return total, done


def to_json(files: Sequence[FileStats]) -> str:
    """Stable JSON: keys in a fixed order, files and sections in input and document order."""
    total, done = _grand_total(files)
    payload = {
        "version": JSON_VERSION,
        "files": [
            {
                "path": stats.path,
                "tags": list(stats.tags),
                "read_tag": stats.done,
                "total": stats.total.as_json(stats.done),
                "sections": [
                    {"title": s.title, "level": s.level, "line": s.line, **s.counts.as_json(stats.done)}
                    for s in stats.sections
                ],
            }
            for stats in files
        ],
        "total": total.as_json(done),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


# ---- text -------------------------------------------------------------------------------------------------------
def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters take two."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def _ljust(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f}%"


def _table(rows: list[list[str]]) -> list[str]:
    """Rows aligned in columns: the first left-aligned, the rest right-aligned."""
    sizes = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [_ljust(row[0], sizes[0])] + [" " * (sizes[i] - width(c)) + c for i, c in enumerate(row) if i]
        lines.append("  ".join(cells).rstrip())
    return lines


def _rows(stats: FileStats, show_unknown: bool) -> list[list[str]]:
    header = ["section", "entries", *stats.tags] + (["unknown"] if show_unknown else []) + ["untagged", "read"]

    def row(label: str, counts: Counts) -> list[str]:
        cells = [label, str(counts.entries), *(str(counts.tags.get(t, 0)) for t in stats.tags)]
        if show_unknown:
            cells.append(str(counts.unknown))
        return cells + [str(counts.untagged), _percent(counts.share(stats.done))]

    rows = [header]
    for section in stats.sections:
        if section.level:
            label = "#" * section.level + " " + (section.title or "(untitled)")
            label = "  " * max(0, section.level - 2) + label
        else:
            label = "(before the first heading)"
        rows.append(row(_clip(label, TITLE_WIDTH), section.counts))
    rows.append(row("total", stats.total))
    return rows


def to_text(files: Sequence[FileStats]) -> str:
    if not files:
        return "No files."
    show_unknown = any(stats.total.unknown for stats in files)
    blocks = []
    for stats in files:
        lines = [stats.path]
        if not stats.total.entries:
            lines.append("  no entries")
        else:
            lines.extend("  " + line for line in _table(_rows(stats, show_unknown)))
        blocks.append("\n".join(lines))
    if len(files) > 1:
        total, done = _grand_total(files)
        summary = FileStats(f"all {len(files)} files", tuple(total.tags), done, total=total)
        lines = [summary.path]
        rows = _rows(summary, show_unknown)
        rows[0][0] = ""
        lines.extend("  " + line for line in _table([rows[0], rows[-1]]))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
