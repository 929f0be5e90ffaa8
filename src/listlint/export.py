"""``listlint export --format json``: the entry AST as JSON, with spans as offsets and 1-based line/column."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from listlint.model import BibtexBlock, Document, Entry, Link, Section, StatusTag
from listlint.source import SourceText, Span


def _span(span: Span | None, source: SourceText) -> dict[str, int] | None:
    if span is None:
        return None
    line, column = source.position(span.start)
    end_line, end_column = source.position(span.end)
    return {"start": span.start, "end": span.end, "line": line, "column": column, "end_line": end_line,
            "end_column": end_column}


def _link(link: Link, source: SourceText) -> dict[str, Any]:
    return {"text": link.text, "url": link.url, "kind": link.kind.value, "span": _span(link.span, source),
            "full_span": _span(link.full_span, source)}


def _tag(tag: StatusTag | None, source: SourceText) -> dict[str, Any] | None:
    if tag is None:
        return None
    return {"raw": tag.raw, "value": tag.value, "form": tag.form, "span": _span(tag.span, source)}


def _bib(block: BibtexBlock, source: SourceText) -> dict[str, Any]:
    return {
        "raw": block.raw,
        "label": block.label,
        "span": _span(block.span, source),
        "entries": [
            {"type": e.entry_type, "key": e.key, "fields": {f.name: f.value for f in e.fields},
             "span": _span(e.span, source)}
            for e in block.entries
        ],
        "failures": [{"message": f.message, "span": _span(f.span, source)} for f in block.failures],
    }


def _entry(entry: Entry, source: SourceText) -> dict[str, Any]:
    return {
        "layout": entry.layout.value,
        "title": entry.title,
        "title_span": _span(entry.title_span, source),
        "primary_link": entry.primary_link.url if entry.primary_link else None,
        "links": [_link(l, source) for l in entry.links],
        "status": _tag(entry.status, source),
        "bibtex": [_bib(b, source) for b in entry.bibtex],
        "description": entry.description,
        "span": _span(entry.span, source),
        "children": [_entry(c, source) for c in entry.children],
    }


def _section(section: Section, source: SourceText) -> dict[str, Any]:
    return {
        "title": section.title,
        "level": section.level,
        "layout": section.layout.value if section.layout else None,
        "heading_span": _span(section.heading.span, source) if section.heading else None,
        "span": _span(section.span, source),
        "entries": [_entry(e, source) for e in section.entries],
        "sections": [_section(s, source) for s in section.children],
    }


def document_dict(document: Document) -> dict[str, Any]:
    source = document.source
    return {
        "path": document.path,
        "entries": len(document.entries),
        "root": _section(document.root, source),
        "bibtex_blocks": [_bib(b, source) for b in document.bibtex_blocks],
    }


def to_json(documents: Sequence[Document]) -> str:
    return json.dumps([document_dict(d) for d in documents], indent=2, ensure_ascii=False)
