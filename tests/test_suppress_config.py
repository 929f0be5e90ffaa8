"""Inline suppression comments, configuration loading and rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from listlint.api import lint_text
from listlint.config import ConfigResolver, find_config_file, from_table, load_file
from listlint.errors import ConfigError
from listlint.registry import Registry

TRAILING = "- [A](https://a.dev)  x \n"


def codes(text: str, **kw: object) -> list[tuple[str, int]]:
    from listlint.parser import parse

    doc = parse(text)
    return [(d.code, doc.source.position(d.span.start)[0]) for d in lint_text(text, **kw)]  # type: ignore[arg-type]


def test_disable_enable_region() -> None:
    text = "# L\n\n<!-- listlint-disable LL110 -->\n\na \n\n<!-- listlint-enable LL110 -->\n\nb \n"
    assert codes(text) == [("LL110", 9)]


def test_disable_by_name_and_all() -> None:
    text = "# L\n\n<!-- listlint-disable trailing-whitespace -->\na \n"
    assert codes(text) == []
    text = "# L\n\n<!--listlint-disable-->\na \n\n\n\nb\n"
    assert codes(text) == []


def test_disable_next_line_and_inline_comment() -> None:
    text = "# L\n\n<!-- listlint-disable-next-line LL110 -->\na \nb \n"
    assert codes(text) == [("LL110", 5)]
    text = "# L\n\nx <!-- listlint-disable-next-line LL1 --> y\na \nb \n"
    assert codes(text) == [("LL110", 5)]


def test_disable_file_prefix_and_spacing() -> None:
    text = "# L\n\na \n\n<!--   listlint-disable-file   LL11 , LL101   -->\n"
    assert codes(text) == []


def test_comment_inside_code_fence_does_not_suppress() -> None:
    text = "# L\n\n```\n<!-- listlint-disable-file -->\n```\n\na \n"
    assert codes(text) == [("LL110", 7)]


def test_config_file_discovery(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.listlint]: skipped
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config_file(sub) is None or find_config_file(sub) != tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".listlint.toml").write_text("[status]\ntags = ['DONE', 'TODO']\n")
    found = find_config_file(sub / "x.md")
    assert found == (tmp_path / "a" / ".listlint.toml").resolve()
    config = ConfigResolver().for_path(sub / "x.md")
    assert config.status.tags == ("DONE", "TODO")


@pytest.mark.parametrize(
    ("table", "key", "message"),
    [
        ({"selct": ["LL1"]}, "selct", "unknown key"),
        ({"status": {"tags": "READ"}}, "status.tags", "expected a list"),
        ({"links": {"timeout": "10"}}, "links.timeout", "expected float"),
        ({"links": {"accept": [200, "x"]}}, "links.accept[1]", "expected int"),
        ({"duplicates": {"scope": "world"}}, "duplicates.scope", "must be one of file, section, project"),
        ({"status": {"format": "[READ]"}}, "status.format", "must contain {tag}"),
    ],
)
def test_invalid_config_names_key(table: dict, key: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        from_table(table, "cfg.toml")
    assert info.value.key == key
    assert str(info.value).startswith(f"cfg.toml: {key}: ") and message in str(info.value)


def test_invalid_toml_names_file(tmp_path: Path) -> None:
    path = tmp_path / ".listlint.toml"
    path.write_text("select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_file(path)


def test_selection_specificity() -> None:
    registry = Registry.load(plugins=False)
    pick = lambda **kw: sorted(r.code for r in registry.select(**kw) if r.code in {"LL101", "LL110", "LL111", "LL112"})  # noqa: E731
    assert pick() == ["LL101", "LL110", "LL111", "LL112"]
    assert pick(select=("LL11",)) == ["LL110", "LL111", "LL112"]
    assert pick(select=("LL1",), ignore=("LL11",)) == ["LL101"]
    assert pick(select=("LL1",), ignore=("LL11",), extend_select=("final-newline",)) == ["LL101", "LL112"]
    assert pick(ignore=("ALL",), extend_select=("LL110",)) == ["LL110"]
    # an off-by-default rule needs its exact code or name, not a prefix
    net = [r for r in registry.rules if r.category == "links-network"]
    assert net and not any(r in registry.select(select=("LL4",)) for r in net)
    assert all(r in registry.select(extend_select=tuple(r.code for r in net)) for r in net)
    assert all(r in registry.select(links=True) for r in net)


def test_the_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    # the README's annotated .listlint.toml must load: every key known, every value of the right type
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n# \.listlint\.toml[^\n]*\n(.*?)```", readme, re.S)
    assert block is not None
    (tmp_path / ".listlint.toml").write_text(block.group(1), encoding="utf-8")
    config = load_file(tmp_path / ".listlint.toml")
    assert config.duplicates.cross_listings is True and "LL404" in config.ignore
    assert lint_text("# T\n\n- [a](https://a.org)\n", config) == []  # the rule options are valid too


def _ll116(text: str, **kw: object) -> list[tuple[int, int, str]]:
    from listlint.parser import parse

    doc = parse(text)
    return [(*doc.source.position(d.span.start), d.message)
            for d in lint_text(text, select=("LL116",), **kw)]  # type: ignore[arg-type]


def test_ll116_reports_selectors_no_rule_has_at_their_column() -> None:
    text = ("# L\n\n<!-- listlint-disable-next-line list-marker-spac, LL110 -->\n-  [a](https://a.org)\n\n"
            "x <!-- listlint-disable LL99 all --> y\n")
    found = _ll116(text)
    assert [(line, col) for line, col, _ in found] == [(3, 33), (6, 25), (6, 30)]
    assert found[0][2] == ("'list-marker-spac' in listlint-disable-next-line is no rule code, prefix or name: it "
                           "suppresses nothing (did you mean 'list-marker-space'?)")
    assert found[1][2] == "'LL99' in listlint-disable is no rule code, prefix or name: it suppresses nothing"
    assert "without selectors applies to every rule" in found[2][2]
    # and the typo indeed suppresses nothing: LL204 is still reported on line 4
    assert ("LL204", 4) in codes(text)


def test_ll116_reports_unknown_directives_and_accepts_every_known_form() -> None:
    text = "# L\n\n<!--listlint-ignore LL110-->\n\n<!-- listlint-disable-nextline -->\n\n<!-- LISTLINT-ENABLE -->\n"
    found = _ll116(text)
    assert [(line, col) for line, col, _ in found] == [(3, 5), (5, 6)]
    assert found[0][2].startswith("unknown directive 'listlint-ignore': it suppresses nothing (the directives are")
    assert found[1][2] == ("unknown directive 'listlint-disable-nextline': it suppresses nothing "
                           "(did you mean 'listlint-disable-next-line'?)")
    valid = ("# L\n\n<!-- listlint-disable LL1 ll110 LL2,trailing-whitespace -->\n\n<!-- listlint-enable -->\n\n"
             "<!-- listlint-disable-file LL601 -->\n\n<!-- listlint-disable-next-line -->\ntext\n")
    assert _ll116(valid) == []


def test_ll116_ignores_comments_shown_as_code() -> None:
    text = "# L\n\n```markdown\n<!-- listlint-ignore LL110 -->\n```\n\nUse `<!-- listlint-disable LL999 -->`.\n"
    assert _ll116(text) == []


def test_ll116_without_the_run_s_rules_judges_directives_only() -> None:
    """A Context made without ``known_rules`` (a caller running a rule by hand) cannot tell which selectors exist."""
    from listlint.config import DEFAULT
    from listlint.parser import parse
    from listlint.rules.base import Context
    from listlint.rules.ll11_suppression import InvalidSuppression

    doc = parse("# L\n\n<!-- listlint-disable LL999 -->\n\n<!-- listlint-off -->\n")
    found = list(InvalidSuppression().check(doc, Context(DEFAULT)))
    assert [d.message.split(":")[0] for d in found] == ["unknown directive 'listlint-off'"]
