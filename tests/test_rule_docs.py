"""Every rule has a doc in rules/, every doc has a rule, and every example in a doc does what it says.

- ```markdown bad```: the rule reports it;
- ```markdown good```: the rule does not report it;
- ```markdown good fixed```: equals `fix` (safe fixes) of the preceding bad example, and re-checks clean;
- ```markdown good fixed-unsafe```: the same with unsafe fixes;
- ```toml```: a .listlint.toml body in force for the examples after it.
Examples that use `http://{server}/...` run against a real local HTTP server with link checking on.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from docexamples import RULES_DIR, Example, examples, sections

from listlint.api import fix_text, lint_text
from listlint.config import Config, from_table
from listlint.registry import Registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REGISTRY = Registry.load(plugins=False)
RULES = {rule.code: rule for rule in REGISTRY.rules}
DOCS = sorted(RULES_DIR.glob("LL*.md"))
REQUIRED_SECTIONS = ["What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"]


def _config(example: Example) -> Config:
    table = tomllib.loads(example.config) if example.config else {}
    return from_table(table, "<doc example>")


def _codes_on_server(text: str, code: str, config: Config, tmp_path: Path) -> list[str]:
    from linkserver import start_doc_server

    from listlint.config import ConfigResolver
    from listlint.runner import Options, Runner

    host, stop = start_doc_server()
    try:
        page = tmp_path / "example.md"
        page.write_text(text.replace("{server}", host), encoding="utf-8")
        links = config.links._replace(allow_private=True, cache=False, timeout=2.0, retries=1, retry_after_cap=0.5)
        resolver = ConfigResolver(overrides={"links": links})
        runner = Runner(resolver, Options(select=(code,), links=True, use_cache=False, quiet=True))
        outcome = runner.check([str(page)])[0]
        assert outcome.error is None, outcome.error
        return [d.code for d in outcome.diagnostics]
    finally:
        stop()


def test_every_rule_has_a_doc_and_every_doc_a_rule() -> None:
    documented = {}
    for doc in DOCS:
        match = re.match(r"^(LL\d{3})-([a-z0-9-]+)\.md$", doc.name)
        assert match, f"{doc.name}: doc file names are LLnnn-name.md"
        documented[match.group(1)] = match.group(2)
    for code, rule in RULES.items():
        assert documented.get(code) == rule.name, f"{code} {rule.name} has no doc rules/{code}-{rule.name}.md"
    for code in documented:
        assert code in RULES, f"rules/{code}-*.md documents no registered rule"


def test_rules_index_lists_every_rule() -> None:
    index = (RULES_DIR / "README.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        row = re.search(rf"^\| \[{code}\]\({code}-{rule.name}\.md\) \| {rule.name} \|.*$", index, re.MULTILINE)
        assert row, f"rules/README.md does not list {code} {rule.name}"
        cells = [c.strip() for c in row.group(0).strip("|").split("|")]
        assert cells[3] == rule.fix.value, f"{code}: index says fix {cells[3]!r}, rule says {rule.fix.value!r}"
        assert cells[4] == ("on" if rule.default_enabled else "off"), f"{code}: default differs in index"
    listed = set(re.findall(r"^\| \[(LL\d{3})\]", index, re.MULTILINE))
    assert listed == set(RULES), f"index lists unknown rules: {sorted(listed - set(RULES))}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_doc_sections(doc: Path) -> None:
    found = sections(doc)
    for name in REQUIRED_SECTIONS:
        assert name in found, f"{doc.name} lacks the section '## {name}'"
    kinds = [e.kind for e in examples(doc)]
    assert "markdown bad" in kinds, f"{doc.name} has no ```markdown bad example"
    assert any(k.startswith("markdown good") for k in kinds), f"{doc.name} has no good example"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_doc_examples(doc: Path, tmp_path: Path) -> None:
    code = doc.name[:5]
    rule = RULES[code]
    previous_bad: Example | None = None
    for example in examples(doc):
        config = _config(example)
        where = f"{doc.name}:{example.line}"
        page = tmp_path / "list.md"  # examples are files on disk, as lists are (LL413 looks beside them)
        page.write_text(example.text, encoding="utf-8")
        if "{server}" in example.text:
            codes = _codes_on_server(example.text, code, config, tmp_path)
        else:
            codes = [d.code for d in lint_text(example.text, config, select=(code,), path=str(page))]
        if example.kind == "markdown bad":
            assert code in codes, f"{where}: the bad example is not reported by {code}"
            previous_bad = example
        elif example.kind == "markdown good":
            assert code not in codes, f"{where}: the good example is reported by {code}"
        else:
            unsafe = example.kind.endswith("unsafe")
            assert previous_bad is not None, f"{where}: a fixed example must follow a bad one"
            page.write_text(previous_bad.text, encoding="utf-8")
            fixed = fix_text(previous_bad.text, unsafe=unsafe, config=_config(previous_bad), select=(code,),
                             path=str(page))
            assert fixed == example.text, f"{where}: fix of the bad example at line {previous_bad.line} differs"
            assert code not in codes, f"{where}: the fixed example is still reported by {code}"
            if rule.fix.value == "no":
                pytest.fail(f"{where}: {code} has no fix, so it cannot have a fixed example")
