"""Finding a rule's documentation: installed with the package (``ruledocs/``) or in the source tree (``rules/``)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DOCS = Path(__file__).parent / "ruledocs"
SOURCE_DOCS = Path(__file__).resolve().parents[2] / "rules"


def doc_path(code: str, name: str) -> Path | None:
    for directory in (PACKAGE_DOCS, SOURCE_DOCS):
        candidate = directory / f"{code}-{name}.md"
        if candidate.is_file():
            return candidate
    return None


def rule_doc(code: str, name: str) -> str | None:
    path = doc_path(code, name)
    return path.read_text(encoding="utf-8") if path else None
