"""The command line end to end: output formats, exit codes, bad input, stdin, fix modes, plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from listlint.cli import main

DIRTY = "# List\n\n- [A](https://a.dev) - text   \n- [B](https://b.dev)\n"
CLEAN = "# List\n\n- [A](https://a.dev) - text\n- [B](https://b.dev)\n"


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "listlint.cli", *args], cwd=cwd, input=stdin.decode() if stdin else None,
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=60,
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_check_text_output_and_exit_status(tmp_path: Path) -> None:
    write(tmp_path, "list.md", DIRTY)
    result = run("check", "list.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "list.md:3:28: LL110 [*] trailing whitespace (3 spaces) (trailing-whitespace)"
    )
    assert "Found 1 problem" in result.stdout


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, "list.md", CLEAN)
    result = run("check", "list.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_default_path_is_readme(tmp_path: Path) -> None:
    write(tmp_path, "README.md", DIRTY)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("README.md:3:28: LL110")


def test_json_output_fields(tmp_path: Path) -> None:
    write(tmp_path, "list.md", DIRTY)
    result = run("check", "list.md", "--output-format", "json", cwd=tmp_path)
    assert result.returncode == 1
    (row,) = json.loads(result.stdout)
    assert row == {
        "path": "list.md", "line": 3, "column": 28, "end_line": 3, "end_column": 31, "code": "LL110",
        "name": "trailing-whitespace", "category": "format", "severity": "error",
        "message": "trailing whitespace (3 spaces)",
        "fix": {"applicability": "safe", "title": "Remove trailing whitespace",
                "edits": [{"content": "", "start": 35, "end": 38, "line": 3, "column": 28, "end_line": 3,
                           "end_column": 31}]},
    }


def test_github_output(tmp_path: Path) -> None:
    write(tmp_path, "list.md", DIRTY)
    result = run("check", "list.md", "--output-format", "github", cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "::error file=list.md,line=3,col=28,endLine=3,endColumn=31,title=LL110::trailing whitespace (3 spaces) "
        "(trailing-whitespace)"
    )


def test_stdin(tmp_path: Path) -> None:
    result = run("check", "-", cwd=tmp_path, stdin=DIRTY.encode())
    assert result.returncode == 1 and result.stdout.startswith("<stdin>:3:28: LL110")
    result = run("check", "-", "--stdin-filename", "docs/x.md", cwd=tmp_path, stdin=DIRTY.encode())
    assert result.stdout.startswith("docs/x.md:3:28: LL110")
    result = run("fix", "-", cwd=tmp_path, stdin=DIRTY.encode())
    assert result.returncode == 0 and result.stdout == CLEAN


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("missing.md", None, "missing.md: no such file or directory"),
        ("binary.md", b"# x\n\x00\x01\x02", "binary.md: binary file (NUL byte at offset 4)"),
        ("latin1.md", "# Caf\u00e9\n".encode("latin-1"), "latin1.md: not valid UTF-8 (byte 0xe9 at offset 5)"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_others_still_checked(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    if data is not None:
        (tmp_path / name).write_bytes(data)
    write(tmp_path, "good.md", DIRTY)
    result = run("check", name, "good.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"listlint: {message}"
    assert "good.md:3:28: LL110" in result.stdout  # the other file was still checked
    assert "in 1 file; 1 file could not be checked." in result.stdout
    clean = run("check", name, cwd=tmp_path)
    assert clean.returncode == 2
    assert clean.stdout.strip() == "No problems found in 0 files; 1 file could not be checked."  # not "All passed"
    fixed = run("fix", name, "good.md", cwd=tmp_path)
    assert fixed.returncode == 2
    assert (tmp_path / "good.md").read_text() == CLEAN  # the good file was fixed
    if data is not None:
        assert (tmp_path / name).read_bytes() == data  # the bad file was not touched


def test_directory_without_markdown_and_recursion(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("check", "empty", cwd=tmp_path)
    assert result.returncode == 2 and "empty: directory holds no Markdown files" in result.stderr
    nested = tmp_path / "lists" / "deep"
    nested.mkdir(parents=True)
    write(nested, "a.md", DIRTY)
    write(tmp_path / "lists", "b.markdown", CLEAN)
    (tmp_path / "lists" / "notes.txt").write_text("ignored   \n")
    result = run("check", "lists", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(os.path.join("lists", "deep", "a.md") + ":3:28")
    assert "in 2 files" in result.stdout


def test_a_file_named_twice_is_checked_and_fixed_once(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    write(tmp_path / "lists", "a.md", DIRTY)
    once = run("check", "lists/a.md", cwd=tmp_path)
    again = run("check", "lists/a.md", "./lists/a.md", "lists", "lists/../lists/a.md", cwd=tmp_path)
    assert once.returncode == again.returncode == 1
    assert again.stdout == once.stdout and "in 1 file" in again.stdout
    fixed = run("fix", "lists/a.md", "./lists/a.md", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert run("fix", "--check", "lists/a.md", cwd=tmp_path).returncode == 0


def test_file_over_max_size(tmp_path: Path) -> None:
    write(tmp_path, ".listlint.toml", "max-file-size = 10\n")
    write(tmp_path, "big.md", DIRTY)
    result = run("check", "big.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "big.md: file is 60 bytes, over max-file-size (10)" in result.stderr


def test_empty_file_is_valid(tmp_path: Path) -> None:
    write(tmp_path, "empty.md", "")
    assert run("check", "empty.md", cwd=tmp_path).returncode == 0


def test_invalid_config_names_file_and_key(tmp_path: Path) -> None:
    write(tmp_path, ".listlint.toml", "[status]\ntagz = ['READ']\n")
    write(tmp_path, "a.md", CLEAN)
    result = run("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"listlint: {tmp_path / '.listlint.toml'}: status.tagz: unknown key")
    write(tmp_path, ".listlint.toml", "[rules.trailing-whitespace]\nallow-hard-breaks = 'yes'\n")
    result = run("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2 and "rules.trailing-whitespace.allow-hard-breaks: expected bool" in result.stderr
    write(tmp_path, ".listlint.toml", "ignore = ['LL999']\n")
    result = run("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2 and "ignore: unknown rule or prefix 'LL999'" in result.stderr
    # a status tag no form can hold is rejected, not silently never found (review H, P9)
    write(tmp_path, ".listlint.toml", "[status]\ntags = ['READ', '[✅]']\n")
    result = run("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "status.tags[1]: '[✅]' contains a bracket" in result.stderr


def test_config_in_pyproject_and_cli_override(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[project]\nname='x'\n\n[tool.listlint]\nignore = ['LL110']\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub, "a.md", DIRTY)
    assert run("check", "sub/a.md", cwd=tmp_path).returncode == 0  # nearest config, walking up
    result = run("check", "sub/a.md", "--select", "trailing-whitespace", cwd=tmp_path)
    assert result.returncode == 1  # the CLI selection replaces the config's


def test_fix_diff_check_and_idempotence(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", DIRTY)
    diff = run("fix", "--diff", "a.md", cwd=tmp_path)
    assert diff.returncode == 1 and "-- [A](https://a.dev) - text   " in diff.stdout
    assert path.read_text() == DIRTY
    assert run("fix", "--check", "a.md", cwd=tmp_path).returncode == 1
    assert path.read_text() == DIRTY
    assert run("fix", "a.md", cwd=tmp_path).returncode == 0
    assert path.read_text() == CLEAN
    again = run("fix", "a.md", cwd=tmp_path)
    assert again.returncode == 0 and "Nothing to fix." in again.stdout
    assert run("fix", "--check", "a.md", cwd=tmp_path).returncode == 0


def test_fix_diff_names_files_as_git_does(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", DIRTY)
    assert run("fix", "--diff", "a.md", cwd=tmp_path).stdout.startswith("--- a/a.md\n+++ b/a.md\n")
    absolute = str(path.resolve()).lstrip("/")
    assert run("fix", "--diff", str(path.resolve()), cwd=tmp_path).stdout.startswith(
        f"--- a/{absolute}\n+++ b/{absolute}\n")  # not "a//tmp/…"


def test_fix_keeps_crlf_bom_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf# List\r\n\r\n\r\n- [A](https://a.dev)  \r\n")
    path.chmod(0o640)
    assert run("fix", "a.md", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == b"\xef\xbb\xbf# List\r\n\r\n- [A](https://a.dev)\r\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_rules_and_rule_commands() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["code", "name", "category", "fix", "default"]
    row = next(line for line in lines if line.startswith("LL110"))
    assert row.split()[:5] == ["LL110", "trailing-whitespace", "format", "safe", "on"]
    doc = CliRunner().invoke(main, ["rule", "trailing-whitespace"])
    assert doc.exit_code == 0 and doc.output.startswith("# LL110 trailing-whitespace")
    assert CliRunner().invoke(main, ["rule", "LL110"]).output == doc.output
    missing = CliRunner().invoke(main, ["rule", "nope"])
    assert missing.exit_code == 2


def test_export_json(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# L\n\n## S\n\n- [A](https://a.dev) - x [`READ`]\n")
    result = run("export", "a.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (doc,) = json.loads(result.stdout)
    entry = doc["root"]["sections"][0]["sections"][0]["entries"][0]
    assert entry["title"] == "A" and entry["layout"] == "list" and entry["status"]["value"] == "READ"
    assert entry["links"][0]["span"]["line"] == 5 and entry["links"][0]["span"]["column"] == 7


def test_select_prefix_and_name_specificity(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# L\n\n\n\n- [A](https://a.dev)   \n")
    out = run("check", "a.md", "--select", "LL1", "--ignore", "LL11", "--extend-select", "blank-lines",
              "--output-format", "json", cwd=tmp_path)
    assert sorted({row["code"] for row in json.loads(out.stdout)}) == ["LL111"]


def test_exit_zero_strict_statistics_quiet(tmp_path: Path) -> None:
    write(tmp_path, "a.md", DIRTY)
    assert run("check", "a.md", "--exit-zero", cwd=tmp_path).returncode == 0
    stats = run("check", "a.md", "--statistics", cwd=tmp_path)
    assert stats.stdout.splitlines()[0].split() == ["1", "LL110", "[*]", "trailing-whitespace"]
    quiet = run("check", "a.md", "-q", cwd=tmp_path)
    assert "Found" not in quiet.stdout and quiet.stdout.count("\n") == 1


def test_color_only_when_asked(tmp_path: Path) -> None:
    write(tmp_path, "a.md", DIRTY)
    assert "\x1b[" not in run("check", "a.md", cwd=tmp_path).stdout  # not a TTY
    assert "\x1b[" in run("check", "a.md", "--color", "always", cwd=tmp_path).stdout
    assert "\x1b[" not in run("check", "a.md", "--color", "never", cwd=tmp_path).stdout


def _plugin(tmp_path: Path, body: str, entry: str = "XY = xyplugin") -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "xyplugin.py").write_text(body)
    info = site / "xyplugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: xyplugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[listlint.rules]\n{entry}\n")
    return {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


PLUGIN = '''
from listlint.rules.base import Rule
from listlint.source import Span

class NoTodo(Rule):
    code = "XY001"
    name = "no-todo"
    category = "custom"
    summary = "TODO left in the list"

    def check(self, document, context):
        at = document.text.find("TODO")
        if at >= 0:
            yield self.report("a TODO is left", Span(at, at + 4))

RULES = (NoTodo,)
'''


def test_third_party_rule_from_entry_point(tmp_path: Path) -> None:
    env = _plugin(tmp_path, PLUGIN)
    write(tmp_path, "a.md", "# L\n\nTODO: more\n")
    listed = run("rules", cwd=tmp_path, env=env)
    assert any(line.startswith("XY001") for line in listed.stdout.splitlines())
    result = run("check", "a.md", cwd=tmp_path, env=env)
    assert result.returncode == 1 and "a.md:3:1: XY001 a TODO is left (no-todo)" in result.stdout
    assert run("check", "a.md", "--ignore", "XY", cwd=tmp_path, env=env).returncode == 0


PLUGIN_WITH_OPTIONS = '''
from dataclasses import dataclass
from listlint.rules.base import Rule
from listlint.source import Span

@dataclass(frozen=True)
class WordOptions:
    """A plugin's options may be a dataclass, as the built-in rules' NamedTuples are read the same way."""
    word: str = "TODO"

class NoWord(Rule):
    code = "XY002"
    name = "no-word"
    category = "custom"
    summary = "a forbidden word left in the list"
    Options = WordOptions

    def check(self, document, context):
        at = document.text.find(context.options.word)
        if at >= 0:
            yield self.report(f"{context.options.word} is left", Span(at, at + len(context.options.word)))

RULES = (NoWord,)
'''


def test_a_plugin_rule_reads_its_dataclass_options_from_the_config(tmp_path: Path) -> None:
    env = _plugin(tmp_path, PLUGIN_WITH_OPTIONS)
    write(tmp_path, "a.md", "# L\n\nTODO: more, FIXME too\n")
    assert "a.md:3:1: XY002 TODO is left" in run("check", "a.md", cwd=tmp_path, env=env).stdout
    write(tmp_path, ".listlint.toml", '[rules.no-word]\nword = "FIXME"\n')
    assert "a.md:3:13: XY002 FIXME is left" in run("check", "a.md", cwd=tmp_path, env=env).stdout
    write(tmp_path, ".listlint.toml", '[rules.no-word]\nword = 3\n')
    result = run("check", "a.md", cwd=tmp_path, env=env)
    assert result.returncode == 2 and "rules.no-word.word: expected str, got int 3" in result.stderr
    write(tmp_path, ".listlint.toml", '[rules.no-word]\nwords = "x"\n')
    result = run("check", "a.md", cwd=tmp_path, env=env)
    assert result.returncode == 2 and "rules.no-word.words: unknown key (known: word)" in result.stderr


def test_broken_plugin_is_named(tmp_path: Path) -> None:
    env = _plugin(tmp_path, "raise RuntimeError('boom')\n")
    write(tmp_path, "a.md", CLEAN)
    result = run("check", "a.md", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "plugin 'XY' (xyplugin) could not be loaded: boom" in result.stderr


def test_plugin_with_clashing_code_is_refused(tmp_path: Path) -> None:
    env = _plugin(tmp_path, PLUGIN.replace('"XY001"', '"LL110"').replace('"no-todo"', '"x"'), entry="LL = xyplugin")
    result = run("check", cwd=tmp_path, env=env)
    assert result.returncode == 2 and "rule code LL110 is already used" in result.stderr


def test_crashing_rule_is_reported_not_a_traceback(tmp_path: Path) -> None:
    env = _plugin(tmp_path, PLUGIN.replace('document.text.find("TODO")', "1 // 0"))
    write(tmp_path, "a.md", CLEAN)
    result = run("check", "a.md", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == "listlint: a.md: rule XY001 (no-todo) crashed: ZeroDivisionError: integer division or modulo by zero"
    assert "Traceback" not in result.stderr


def test_python_dash_m_listlint_is_the_command(tmp_path: Path) -> None:
    """``python -m listlint`` runs the console script's entry (which leaves with os._exit after flushing)."""
    (tmp_path / "a.md").write_text("# T\n\n- [a](https://a.org)  \n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "listlint", "check", "a.md", "missing.md"], cwd=tmp_path,
                          capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert done.returncode == 2
    assert "a.md:3:21: LL110" in done.stdout
    assert "listlint: missing.md: no such file or directory" in done.stderr


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_selector_on_the_command_line_is_a_usage_error(tmp_path: Path, option: str) -> None:
    """A typo in a selector would otherwise select or ignore nothing, silently: the run would pass."""
    write(tmp_path, "list.md", DIRTY)
    for command in ("check", "fix"):
        result = run(command, option, "LL110,LL99x", "list.md", cwd=tmp_path)
        assert result.returncode == 2
        assert f"Invalid value for '{option}': unknown rule or prefix 'LL99x'" in result.stderr
        assert result.stdout == ""
    assert (tmp_path / "list.md").read_text() == DIRTY  # fix wrote nothing
    assert run("check", option, "LL1,trailing-whitespace", "list.md", cwd=tmp_path).returncode in (0, 1)


def test_a_plugin_rule_s_code_in_a_suppression_comment_is_known(tmp_path: Path) -> None:
    """LL116 judges selectors against every rule of the run, third-party ones included."""
    write(tmp_path, "a.md", "# L\n\n<!-- listlint-disable-next-line XY001 no-todo -->\nTODO: more\n")
    result = run("check", "a.md", cwd=tmp_path, env=_plugin(tmp_path, PLUGIN))
    assert result.returncode == 0 and "All checks passed" in result.stdout, result.stdout + result.stderr
    without_plugin = run("check", "a.md", cwd=tmp_path)
    assert without_plugin.returncode == 0  # LL116 is a warning
    assert without_plugin.stdout.splitlines()[:2] == [
        "a.md:3:33: LL116 'XY001' in listlint-disable-next-line is no rule code, prefix or name: it suppresses "
        "nothing (invalid-suppression)",
        "a.md:3:39: LL116 'no-todo' in listlint-disable-next-line is no rule code, prefix or name: it suppresses "
        "nothing (invalid-suppression)",
    ]


def test_short_options_mean_their_long_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Short options reach click's parser by their long names, so click never builds (and drops) a NoSuchOption
    # error for them: that cost 3-4 ms of a 10 KB check (see listlint.cli._Command).
    import click.exceptions

    built: list[tuple[object, ...]] = []
    original = click.exceptions.NoSuchOption.__init__

    def counting(self: object, *args: object, **kwargs: object) -> None:
        built.append(args)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(click.exceptions.NoSuchOption, "__init__", counting)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "list.md", DIRTY)
    short = CliRunner().invoke(main, ["check", "-q", "-j", "1", "list.md"])
    long = CliRunner().invoke(main, ["check", "--quiet", "--jobs", "1", "list.md"])
    assert (short.exit_code, short.output) == (long.exit_code, long.output) == (1, long.output)
    assert "LL110" in long.output and "Found" not in long.output  # quiet: findings, no summary
    assert built == []
    helped = CliRunner().invoke(main, ["check", "-h"])
    assert helped.exit_code == 0 and "--quiet" in helped.output and built == []


def test_short_option_words_stay_as_written_where_they_are_values(tmp_path: Path) -> None:
    from listlint.cli import _long_names, check

    params = check.params
    assert _long_names(params, ["-q", "a.md", "-j", "2", "-h"]) == [
        "--quiet", "a.md", "--jobs", "2", "--help"]
    # a value that looks like a short option, an attached value, and anything after "--" are left alone
    assert _long_names(params, ["--stdin-filename", "-q", "-j2", "--", "-q"]) == [
        "--stdin-filename", "-q", "-j2", "--", "-q"]
    assert _long_names(params, ["--select=-q", "-q"]) == ["--select=-q", "--quiet"]
    monkey = write(tmp_path, "-q", DIRTY)
    result = run("check", "--", "-q", cwd=tmp_path)
    assert monkey.exists() and result.returncode == 1 and result.stdout.startswith("-q:3:28: LL110")


def test_help_version_and_file_options_read_as_clicks_own(tmp_path: Path) -> None:
    # listlint makes its -h/--help, --version and file-path type itself (click's translate their texts, which
    # imports the locale module at every run); they answer as click's did
    from listlint import __version__

    version = CliRunner().invoke(main, ["--version"])
    assert (version.exit_code, version.output) == (0, f"listlint, version {__version__}\n")
    for args in (["-h"], ["--help"], ["fix", "-h"], ["export", "--help"]):
        helped = CliRunner().invoke(main, args)
        assert helped.exit_code == 0 and helped.output.startswith("Usage: ")
        assert "  -h, --help " in helped.output and "  Show this message and exit.\n" in helped.output
    assert "--version" in CliRunner().invoke(main, ["-h"]).output
    assert "--config FILE " in CliRunner().invoke(main, ["check", "-h"]).output
    write(tmp_path, "list.md", CLEAN)
    refused = CliRunner().invoke(main, ["export", str(tmp_path / "list.md"), "-o", str(tmp_path)])
    assert refused.exit_code == 2 and f"File {str(tmp_path)!r} is a directory." in refused.output
    written = CliRunner().invoke(main, ["export", str(tmp_path / "list.md"), "-o", str(tmp_path / "out.json")])
    assert written.exit_code == 0 and json.loads((tmp_path / "out.json").read_text())
    bad_config = CliRunner().invoke(main, ["check", "--config", str(tmp_path), str(tmp_path / "list.md")])
    assert bad_config.exit_code == 2 and "is a directory" in bad_config.output

