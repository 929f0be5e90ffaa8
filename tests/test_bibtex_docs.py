"""Every example of the LL5xx docs does what it says (run with the LL5xx rules even before they are registered)."""

from __future__ import annotations

import sys

import pytest
from bibtex_support import check, fix
from docexamples import RULES_DIR, Example, examples

from listlint.config import Config, from_table
from listlint.rules.ll5_bibtex import RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOCS = {rule.code: RULES_DIR / f"{rule.code}-{rule.name}.md" for rule in RULES}


def _config(example: Example) -> Config:
    return from_table(tomllib.loads(example.config) if example.config else {}, "<doc example>")


@pytest.mark.parametrize("code", sorted(DOCS))
def test_doc_exists(code: str) -> None:
    assert DOCS[code].is_file(), f"{code} has no doc {DOCS[code].name}"


@pytest.mark.parametrize("code", sorted(DOCS))
def test_doc_examples(code: str) -> None:
    doc = DOCS[code]
    rule = next(r for r in RULES if r.code == code)
    previous: Example | None = None
    for example in examples(doc):
        config = _config(example)
        where = f"{doc.name}:{example.line}"
        codes = [d.code for d in check(example.text, (code,), config)]
        if example.kind == "markdown bad":
            assert code in codes, f"{where}: the bad example is not reported by {code}"
            previous = example
        elif example.kind == "markdown good":
            assert code not in codes, f"{where}: the good example is reported by {code}: {codes}"
        else:
            assert previous is not None, f"{where}: a fixed example must follow a bad one"
            unsafe = example.kind.endswith("unsafe")
            fixed = fix(previous.text, (code,), unsafe=unsafe, config=_config(previous))
            assert fixed == example.text, f"{where}: fix of the bad example at line {previous.line} differs"
            assert code not in codes, f"{where}: the fixed example is still reported by {code}"
            assert rule.fix.value != "no", f"{where}: {code} has no fix"
