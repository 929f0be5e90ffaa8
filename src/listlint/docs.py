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


def render_index() -> str:
    """rules/README.md: the table of every registered rule (regenerate with ``python -m listlint.docs``)."""
    from listlint.registry import Registry

    lines = [
        "# listlint rules",
        "",
        "One page per rule; `listlint rule CODE` prints it. Generated from the registry by",
        "`python -m listlint.docs > rules/README.md` (a test checks it is current).",
        "",
        "| code | name | category | fix | default | summary |",
        "|---|---|---|---|---|---|",
    ]
    for rule in Registry.load(plugins=False).rules:
        lines.append(
            f"| [{rule.code}]({rule.code}-{rule.name}.md) | {rule.name} | {rule.category} | {rule.fix.value} | "
            f"{'on' if rule.default_enabled else 'off'} | {rule.summary} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_index())
