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


# ---- hypothesis profiles (property tests, tests/test_properties.py) ----
# "ci" (default): moderate example counts, deterministic, so CI stays fast and reproducible on 2 cores;
# "dev": many random examples for local bug hunting: HYPOTHESIS_PROFILE=dev pytest tests/test_properties.py
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev", max_examples=1500, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# ---- listlint's compiled-regex cache (listlint.regex) ----
# The tests and the command lines they start keep it in a folder of their own, never in the user's ~/.cache.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

os.environ["LISTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="listlint-test-cache-")
atexit.register(shutil.rmtree, os.environ["LISTLINT_CACHE_DIR"], True)
