"""The parser runs markdown-it without its emphasis, strikethrough and text-joining rules (parser/inline.py), which
only make presentational tokens. The claim behind it: the entry AST is exactly what the full grammar gives. Checked
on every corpus list and on generated and mutated documents, with inline text dense in delimiters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint.parser as parser_module
from listlint.model import LinkKind
from listlint.parser import parse
from listlint.parser.inline import make_markdown
from strategies import corpus_mutations, markdown_documents

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# the characters that open and close inline constructs, in runs: emphasis against links, code, HTML and autolinks
DELIMITED = st.lists(
    st.sampled_from(["*", "**", "_", "__", "~~", "~", "[", "]", "](", ")", "(", "`", "``", "<", ">", "!", "\\",
                     "<https://a.org>", "https://b.org/x_y*z", "[t](https://c.org)", "<b>", "</b>", "a", " ", "word",
                     "\n", "\n\n- ", "\n1. ", "&amp;", "[`READ`]", "#### "]),
    max_size=40,
).map("".join)


def _full_grammar() -> Any:
    md = make_markdown()
    md.enable(["emphasis", "strikethrough", "text_join"])
    return md


def _ast(text: str) -> tuple[Any, ...]:
    document = parse(text, "x.md")
    return (document.entries, document.links, document.headings, document.list_items, document.lists,
            document.blocks, document.bibtex_blocks, document.code_spans, document.html_spans, document.references,
            document.root)


def _same_with_full_grammar(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lean = _ast(text)
    with monkeypatch.context() as patch:
        full = _full_grammar()
        patch.setattr(parser_module, "_markdown", lambda: full)
        assert _ast(text) == lean


def test_the_lean_grammar_really_is_lean() -> None:
    enabled = {rule.name for rule in make_markdown().inline.ruler.__rules__ if rule.enabled}
    assert {"link", "image", "autolink", "backticks", "html_inline", "escape"} <= enabled
    assert not {"emphasis", "strikethrough"} & enabled


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*/*.md")), ids=lambda p: p.name)
def test_corpus_lists_parse_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_with_full_grammar(path.read_text(encoding="utf-8"), monkeypatch)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(DELIMITED, markdown_documents(), corpus_mutations(max_lines=40)))
def test_generated_documents_parse_the_same(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same_with_full_grammar(text, monkeypatch)


@pytest.mark.parametrize("grammar", ["lean", "full"])
def test_a_reference_link_after_a_lone_delimiter_keeps_its_url(grammar: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by the test above: with emphasis on, the lone '*' became its own text token, fragments_join merged it
    # into its neighbour afterwards, and a token index recorded before the merge pointed past the link.
    if grammar == "full":
        full = _full_grammar()
        monkeypatch.setattr(parser_module, "_markdown", lambda: full)
    text = "- Deep * [Deep][ref] and _ [Two][] \\* ![img][ref]\n\n[ref]: https://example.com/ref\n[two]: https://example.com/two\n"
    document = parse(text, "x.md")
    assert [(link.text, link.url) for link in document.links if link.kind is not LinkKind.DEFINITION] == [
        ("Deep", "https://example.com/ref"), ("Two", "https://example.com/two"), ("img", "https://example.com/ref")
    ]
