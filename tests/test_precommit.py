"""The pre-commit hooks, run by the real `pre-commit try-repo` in a temporary git repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def hook_ids() -> list[str]:
    return re.findall(r"^- id: (\S+)", (ROOT / ".pre-commit-hooks.yaml").read_text(), re.MULTILINE)


def test_every_hook_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    assert hook_ids() == ["listlint", "listlint-fix", "listlint-links"]
    for hook in hook_ids():
        assert f"id: {hook}" in readme, f"README does not show hook {hook}"


def test_links_hook_is_manual_only() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    block = text[text.index("- id: listlint-links") :]
    assert "stages: [manual]" in block and "--links" in block
    for hook in ("listlint", "listlint-fix"):
        own = text[text.index(f"- id: {hook}\n") :].split("\n- id:")[0]
        assert "--links" not in own and "stages" not in own


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow
def test_try_repo_check_fix_check(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    # try-repo needs a git repository to take the hooks from: snapshot this work tree into one
    source = tmp_path / "listlint-src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".ci", "*.egg-info", "build", "__pycache__",
                                                                 ".pytest_cache", ".hypothesis", "bench"))
    _git(source, "init", "-q")
    _git(source, "add", "-A")
    _git(source, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "snapshot")
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    target = work / "README.md"
    target.write_text("# Reading list\n\n- [Paper](https://arxiv.org/abs/1512.03385)   \n")
    _git(work, "add", "README.md")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def hook(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([pre_commit, "try-repo", str(source), name, "--files", "README.md"], cwd=work,
                              env=env, capture_output=True, text=True, timeout=600)

    first = hook("listlint")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "README.md:3:44: LL110" in first.stdout
    fixed = hook("listlint-fix")
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixed.stdout
    assert target.read_text() == "# Reading list\n\n- [Paper](https://arxiv.org/abs/1512.03385)\n"
    again = hook("listlint")
    assert again.returncode == 0, again.stdout + again.stderr


def test_action_runs_the_github_format() -> None:
    action = (ROOT / "action.yml").read_text()
    assert "using: composite" in action
    assert "listlint check --output-format github" in action
    readme = (ROOT / "README.md").read_text()
    assert "actions/cache@" in readme and "--links" in readme and "listlint/listlint@" in readme
