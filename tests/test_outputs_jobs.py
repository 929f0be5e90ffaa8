"""SARIF output, --jobs parallel checking, and the library API surface."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import listlint

DIRTY = "# List\n\n- [A](https://a.dev) - text   \n\n\n\n- [B](https://b.dev)"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "listlint.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_sarif_structure(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DIRTY)
    result = run("check", "a.md", "--output-format", "sarif", cwd=tmp_path)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and "$schema" in log
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "listlint"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids)) and "LL110" in ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["helpUri"].endswith(f"rules/{rule['id']}-{rule['name']}.md")
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} == {"LL110", "LL111", "LL112"}
    for result_item in results:
        assert driver["rules"][result_item["ruleIndex"]]["id"] == result_item["ruleId"]
        assert result_item["level"] in ("error", "warning", "note")
        assert result_item["message"]["text"]
        location = result_item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "a.md"
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
    trailing = next(r for r in results if r["ruleId"] == "LL110")
    assert trailing["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 28, "endLine": 3, "endColumn": 31}


def test_jobs_gives_the_same_output_as_one_process(tmp_path: Path) -> None:
    lists = tmp_path / "lists"
    lists.mkdir()
    for i in range(12):
        (lists / f"l{i:02}.md").write_text(DIRTY.replace("text", f"text {i}" + " " * (i % 3)))
    (lists / "bad.md").write_bytes(b"\xff\xfe")
    one = run("check", "lists", "--jobs", "1", "--output-format", "json", cwd=tmp_path)
    many = run("check", "lists", "--jobs", "2", "--output-format", "json", cwd=tmp_path)
    assert one.returncode == many.returncode == 2
    assert one.stderr == many.stderr and "bad.md: not valid UTF-8 (byte 0xff at offset 0)" in many.stderr
    assert json.loads(one.stdout) == json.loads(many.stdout)
    assert len(json.loads(many.stdout)) == 12 * 3


def test_jobs_uses_worker_processes(tmp_path: Path) -> None:
    from listlint.config import ConfigResolver
    from listlint.runner import Options, Runner

    for i in range(4):
        (tmp_path / f"l{i}.md").write_text(DIRTY)
    runner = Runner(ConfigResolver(), Options(jobs=2))
    outcomes = runner.check([str(tmp_path)])
    # worker outcomes come back without the source text: their positions were computed in the worker
    assert [o.source for o in outcomes] == [None] * 4
    assert all(len(o.located) == 3 for o in outcomes)
    serial = Runner(ConfigResolver(), Options(jobs=1)).check([str(tmp_path)])
    assert all(o.source is not None for o in serial)
    assert [[l.line for l in o.located] for o in serial] == [[l.line for l in o.located] for o in outcomes]


def test_public_api() -> None:
    assert sorted(listlint.__all__) == ["Diagnostic", "Document", "__version__", "fix_text", "lint_text", "parse"]
    doc = listlint.parse("# L\n\n- [A](https://a.dev)\n")
    assert [e.title for e in doc.entries] == ["A"]
    assert [d.code for d in listlint.lint_text("# L\n\ntext  \n")] == ["LL110"]
    assert listlint.fix_text("# L\n\ntext  \n\n\n") == "# L\n\ntext\n"
    assert os.path.basename(listlint.__file__) == "__init__.py"


def test_init_writes_a_valid_commented_config_and_never_overwrites(tmp_path: Path, corpus: Path) -> None:
    from listlint.config import from_table

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    (tmp_path / "README.md").write_text((corpus / "seeds" / "theory-for-deep-learning.md").read_text())
    first = run("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    text = (tmp_path / ".listlint.toml").read_text()
    assert text.startswith("# listlint configuration")
    config = from_table(tomllib.loads(text), ".listlint.toml")
    assert set(config.status.tags) == {"READ", "UNREAD"} and config.status.default == "UNREAD"
    assert config.status.format == "[`{tag}`]"
    assert "Status tags seen: UNREAD 13, READ 7." in text and "19 BibTeX block(s)" in text
    (tmp_path / ".listlint.toml").write_text("# mine\n")
    second = run("init", cwd=tmp_path)
    assert second.returncode == 2 and "already exists" in second.stderr
    assert (tmp_path / ".listlint.toml").read_text() == "# mine\n"
