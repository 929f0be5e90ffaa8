"""Every real list of ../shared/corpus through check and fix: no crash, a second fix changes nothing, safe fixes keep
every entry, and the finding counts per code are pinned in tests/snapshots/real_lists.json.

The snapshot makes a change in behaviour visible in review: a rule that starts or stops reporting on real lists shows
up as a diff of that file. When the change is intended, regenerate it and commit the diff with the change:

    UPDATE_SNAPSHOTS=1 PYTHONPATH=src python -m pytest -q tests/test_real_lists.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_dir

from listlint.api import _ruleset
from listlint.diagnostics import Diagnostic
from listlint.fixer import FixResult, entry_signature, fix_source
from listlint.linter import RuleSet, lint
from listlint.parser import parse
from listlint.registry import Registry
from listlint.source import SourceText

SNAPSHOT = Path(__file__).parent / "snapshots" / "real_lists.json"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS", "") not in ("", "0")


def corpus_files() -> list[Path]:
    root = corpus_dir()
    return sorted(root.glob("seeds/*.md")) + sorted(root.glob("real/*.md"))


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@lru_cache(maxsize=2)
def _rules(every: bool) -> RuleSet:
    """The default selection (what ``listlint check`` runs), or every registered rule, default-off ones included."""
    codes = tuple(rule.code for rule in Registry.load().rules) if every else ()
    return _ruleset(None, codes, ())


def _lint(text: str, name: str, rules: RuleSet) -> list[Diagnostic]:
    return lint(parse(text, name, rules.config), rules)


def _fix(text: str, name: str, rules: RuleSet) -> FixResult:
    return fix_source(SourceText(text), lambda s: parse(s, name, rules.config), lambda d: lint(d, rules))


@dataclass(frozen=True)
class Outcome:
    text: str
    entries: int
    findings: dict[str, int]
    findings_all_rules: dict[str, int]
    fixed: FixResult  # safe fixes, default selection
    fixed_again: FixResult

    def snapshot(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "findings": self.findings,
            "findings_all_rules": self.findings_all_rules,
            "safe_fixes_applied": _counts(self.fixed.applied),
            "lines_changed_by_fix": _lines_changed(self.text, self.fixed.text),
        }


def _counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    return dict(sorted(Counter(d.code for d in diagnostics).items()))


def _lines_changed(before: str, after: str) -> int:
    import difflib

    return sum(1 for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-")


@lru_cache(maxsize=None)
def outcome(key: str) -> Outcome:
    """Check and fix one corpus file (computed once per session; several tests read it)."""
    path = corpus_dir() / key
    text = path.read_text(encoding="utf-8")
    default = _rules(False)
    fixed = _fix(text, key, default)
    return Outcome(
        text=text,
        entries=len(parse(text, key).entries),
        findings=_counts(_lint(text, key, default)),
        findings_all_rules=_counts(_lint(text, key, _rules(True))),
        fixed=fixed,
        fixed_again=_fix(fixed.text, key, default),
    )


KEYS = [_key(p) for p in corpus_files()]


@pytest.mark.parametrize("key", KEYS)
def test_check_and_fix_run_and_fix_is_idempotent(key: str) -> None:
    result = outcome(key)  # raises (RuleError, FixError, ...) on a crash
    assert result.fixed_again.text == result.fixed.text, (
        f"{key}: a second fix changed the file again ({_counts(result.fixed_again.applied)})"
    )
    assert not result.fixed_again.applied


@pytest.mark.parametrize("key", KEYS)
def test_safe_fixes_keep_every_entry(key: str) -> None:
    result = outcome(key)
    before = entry_signature(parse(result.text, key))
    after = entry_signature(parse(result.fixed.text, key))
    assert len(after) == len(before), f"{key}: safe fixes changed the entry count {len(before)} -> {len(after)}"


@pytest.mark.parametrize("key", KEYS)
def test_every_rule_runs_on_real_lists(key: str) -> None:
    """Default-off rules too: no rule may crash on a real list."""
    assert isinstance(outcome(key).findings_all_rules, dict)


def _current() -> dict[str, Any]:
    return {key: outcome(key).snapshot() for key in KEYS}


def _describe_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines = []
    for key in sorted(set(old) | set(new)):
        if key not in old:
            lines.append(f"{key}: new file (not in the snapshot)")
            continue
        if key not in new:
            lines.append(f"{key}: in the snapshot but not in the corpus")
            continue
        for field in sorted(set(old[key]) | set(new[key])):
            a, b = old[key].get(field), new[key].get(field)
            if a == b:
                continue
            if isinstance(a, dict) and isinstance(b, dict):
                for code in sorted(set(a) | set(b)):
                    if a.get(code, 0) != b.get(code, 0):
                        lines.append(f"{key}: {field}.{code}: {a.get(code, 0)} -> {b.get(code, 0)}")
            else:
                lines.append(f"{key}: {field}: {a} -> {b}")
    return lines


def test_finding_counts_match_the_snapshot() -> None:
    current = _current()
    if UPDATE:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(current, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    assert SNAPSHOT.exists(), f"no snapshot yet: run UPDATE_SNAPSHOTS=1 pytest {Path(__file__).name}"
    pinned = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    changes = _describe_changes(pinned, current)
    assert not changes, (
        "findings on the real lists changed (if intended: UPDATE_SNAPSHOTS=1 pytest tests/test_real_lists.py):\n  "
        + "\n  ".join(changes)
    )


# ----------------------------------------------------------------------------------------------------------------
# the real command line, once over the whole corpus (on a copy: the corpus is never written)

def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["NO_COLOR"] = "1"
    command = [sys.executable, "-c", "from listlint.cli import main; main(prog_name='listlint')", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, cwd=cwd)


def test_cli_check_and_fix_over_the_corpus(tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    for folder in ("seeds", "real"):  # the corpus README is not a list
        shutil.copytree(corpus_dir() / folder, copy / folder)
    for path in copy.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    checked = _cli("check", "--no-links", "--output-format", "json", str(copy), cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    reported = Counter(item["code"] for item in json.loads(checked.stdout))
    expected: Counter[str] = Counter()
    for key in KEYS:
        expected.update(outcome(key).findings)
    assert reported == expected  # the CLI runs the same rules as the library API
    fixed = _cli("fix", str(copy), cwd=tmp_path)
    assert fixed.returncode in (0, 1), fixed.stderr
    for key in KEYS:
        assert (copy / key).read_text(encoding="utf-8") == outcome(key).fixed.text, key
    again = _cli("fix", "--check", str(copy), cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
