"""Reading the examples of a rule doc (rules/LLnnn-name.md) so that tests can execute them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
KINDS = ("markdown bad", "markdown good fixed-unsafe", "markdown good fixed", "markdown good", "toml")


@dataclass(frozen=True)
class Example:
    kind: str  # one of KINDS
    text: str
    line: int  # 1-based line of the fence in the doc
    config: str  # the TOML in force for this example ("" for defaults)


def examples(path: Path) -> list[Example]:
    out: list[Example] = []
    config = ""
    for token in MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8")):
        if token.type != "fence":
            continue
        info = " ".join(token.info.split())
        kind = next((k for k in KINDS if info == k), None)
        if kind is None:
            continue
        if kind == "toml":
            config = token.content
            continue
        out.append(Example(kind, token.content, token.map[0] + 1, config))
    return out


def sections(path: Path) -> list[str]:
    return [line[3:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
