from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_dir() -> Path:
    """../shared/corpus beside the repository (CI clones the repo next to shared/)."""
    for candidate in (CORPUS, Path(__file__).resolve().parents[1].parent / "shared" / "corpus"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"corpus not found at {CORPUS}")


@pytest.fixture(scope="session")
def corpus() -> Path:
    return corpus_dir()
