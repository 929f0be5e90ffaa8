"""LL6xx findings on the seed lists of the corpus, pinned: file scope and project scope.

Regenerate after an intended change with ``LISTLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshot_ll6.py`` and
review the diff of tests/fixtures/duplicates/seeds.snapshot.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from listlint.config import DEFAULT, Config, DuplicateSettings
from listlint.linter import RuleSet, lint
from listlint.model import Document
from listlint.parser import parse
from listlint.registry import Registry

SNAPSHOT = Path(__file__).parent / "fixtures" / "duplicates" / "seeds.snapshot"
SELECT = ("LL601", "LL602", "LL603", "LL604")


def _documents(corpus: Path, config: Config) -> list[Document]:
    seeds = sorted((corpus / "seeds").glob("*.md"))
    assert len(seeds) == 5
    return [parse(p.read_text(encoding="utf-8"), p.name, config) for p in seeds]


def _findings(corpus: Path, scope: str) -> list[str]:
    config = DEFAULT.replace(duplicates=DuplicateSettings(scope=scope))
    ruleset = RuleSet.build(Registry.load(plugins=False), config, select=SELECT)
    documents = _documents(corpus, config)
    project = tuple(documents) if scope == "project" else ()
    out = []
    for document in documents:
        for d in lint(document, ruleset, project=project):
            line, column = document.source.position(d.span.start)
            fix = " [unsafe fix]" if d.fix is not None else ""
            out.append(f"{scope}: {document.path}:{line}:{column}: {d.code} {d.message}{fix}")
    return out


def test_seed_findings_match_the_snapshot(corpus: Path) -> None:
    found = _findings(corpus, "file") + _findings(corpus, "project")
    text = "\n".join(found) + "\n"
    if os.environ.get("LISTLINT_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8")


def test_snapshot_holds_the_repeated_implicit_biases_paper(corpus: Path) -> None:
    found = _findings(corpus, "file")
    assert (
        "file: deep-learning-explained.md:27:63: LL601 duplicate link 'https://arxiv.org/pdf/2110.04274.pdf': "
        "also listed at line 15 under 'Training: SGD, learning dynamics, curriculum'"
    ) in found
    source = (corpus / "seeds" / "deep-learning-explained.md").read_text(encoding="utf-8").splitlines()
    assert "On the Implicit Biases of Architecture & Gradient Descent" in source[26]
    assert "On the Implicit Biases of Architecture & Gradient Descent" in source[14]
