"""BibTeX in HTML: ``<pre>`` / ``<pre><code>`` elements of HTML blocks read as BibTeX blocks (``html=True``).

Exact spans (``raw == content_span.of(text)``), attachment to entries as for fences, elements that are not read
(code, inline HTML, comments, entities, tags), the LL5xx rules on them, and fixes that only touch the element's text.
Each test holds at least one element that must be read, so it fails where HTML is not read at all.
"""

from __future__ import annotations

import re

import pytest
from bibtex_support import check, fix, found

from listlint.model import BibtexBlock, Document
from listlint.parser import parse
from listlint.rules.ll1_headings import entry_like_lines
from listlint.source import SourceText

# the repro of the review (/tmp/reviewF/probe/p09_details_pre_bibtex.md): BibTeX in <details><pre><code>
REPRO = """\
# Papers on Binary Networks

## BNN

[[ECCV_2020](https://arxiv.org/abs/2003.03488)] [__`BNN`__] ReActNet: Towards Precise Binary Neural Network with Generalized Activation Functions

<details><summary>Bibtex</summary><pre><code>@inproceedings{liu2020reactnet,
  title={ReActNet: Towards Precise Binary Neural Network with Generalized Activation Functions},
  author={Liu, Zechun and Shen, Zhiqiang},
  booktitle={European Conference on Computer Vision (ECCV)},
  year={2021}
}</code></pre></details>

[[BMVC_2019](https://arxiv.org/abs/1909.13863)] [__`BNN`__] XNOR-Net++: Improved Binary Neural Networks
"""

CONTROL = "<details><summary>BibTeX</summary><pre><code>@misc{control,\n  title={Control}\n}</code></pre></details>\n"


def indented(html: str) -> str:
    """``html`` as the continuation of a list item (every line indented by two spaces)."""
    return "".join("  " + line for line in html.splitlines(keepends=True))


def html_blocks(document: Document) -> list[BibtexBlock]:
    return [b for b in document.bibtex_blocks if b.html]


def assert_exact(block: BibtexBlock, text: str) -> None:
    assert block.html and block.parsed and block.label == ""
    assert block.raw == block.content_span.of(text)
    assert block.span.contains(block.content_span) and block.span != block.content_span
    assert re.match(r"<pre[\s>]", block.span.of(text), re.I) and block.span.of(text).lower().endswith("</pre>")
    assert block.first_line == SourceText(text).line_index(block.content_span.start) + 1
    for entry in block.entries:
        assert block.content_span.contains(entry.span)
        for field in entry.fields:
            assert field.name_span.of(text) == field.name
            assert field.value_span.of(text).strip("{}\"") == field.value.strip("{}\"")


def test_repro_details_pre_code_is_a_bibtex_block() -> None:
    document = parse(REPRO)
    (block,) = document.bibtex_blocks
    assert_exact(block, REPRO)
    assert block.span.of(REPRO).startswith("<pre><code>@inproceedings{liu2020reactnet,")
    assert block.span.of(REPRO).endswith("  year={2021}\n}</code></pre>")
    assert block.raw.startswith("@inproceedings{liu2020reactnet,\n") and block.raw.endswith("year={2021}\n}")
    assert block.first_line == 7
    (entry,) = block.entries
    assert entry.key == "liu2020reactnet"
    assert block.failures == ()
    assert entry.fields[-1].span.of(REPRO) == "year={2021}"
    assert SourceText(REPRO).position(entry.fields[-1].span.start) == (11, 3)
    # the rules see it, and none reports a fence or label that is not there
    codes = [code for code, _, _ in found(REPRO)]
    assert "LL501" not in codes and "LL508" not in codes


def test_pre_alone_and_pre_on_its_own_lines() -> None:
    text = ("# T\n\n<pre>@misc{alone,\n  title={Alone}\n}</pre>\n\n<details>\n<summary>BibTeX</summary>\n"
            "<PRE class=\"bib\">\n@article{own,\n  title={Own lines},\n  journal={J},\n  year={2020}\n}\n</PRE>\n"
            "</details>\n")
    alone, own = html_blocks(parse(text))
    for block in (alone, own):
        assert_exact(block, text)
    assert alone.raw == "@misc{alone,\n  title={Alone}\n}" and alone.first_line == 3
    assert own.raw == "\n@article{own,\n  title={Own lines},\n  journal={J},\n  year={2020}\n}\n"
    assert own.span.of(text).startswith('<PRE class="bib">') and own.first_line == 9
    assert [e.key for e in own.entries] == ["own"]


def test_crlf_spans_are_exact() -> None:
    text = REPRO.replace("\n", "\r\n")
    (block,) = html_blocks(parse(text))
    assert_exact(block, text)
    assert block.entries[0].fields[0].span.of(text).startswith("title={ReActNet")


def test_element_in_a_list_item_belongs_to_that_item() -> None:
    text = ("# Papers\n\n"
            "- [Binary Neural Networks: A Survey](https://arxiv.org/abs/2004.03333) - a survey.\n"
            "  <details><summary>BibTeX</summary><pre><code>@article{qin2020binary,\n"
            "    title={Binary Neural Networks: A Survey},\n    year={2020}\n  }</code></pre></details>\n"
            "- [XNOR-Net++](https://arxiv.org/abs/1909.13863) - another.\n\n"
            "  <details>\n  <summary>BibTeX</summary>\n  <pre><code>@inproceedings{bulat2019xnor,\n"
            "    title={XNOR-Net++},\n    year={2019}\n  }</code></pre>\n  </details>\n"
            "- [No BibTeX](https://example.org) - none.\n")
    document = parse(text)
    first, second = html_blocks(document)
    for block in (first, second):
        assert_exact(block, text)
    assert [(e.title, [b.span for b in e.bibtex]) for e in document.entries] == [
        ("Binary Neural Networks: A Survey", [first.span]),
        ("XNOR-Net++", [second.span]),
        ("No BibTeX", []),
    ]
    assert document.entries[0].bibtex[0] is first  # the parsed block, as for fences


def test_element_below_an_entry_heading_belongs_to_it() -> None:
    text = ("# Papers\n\n#### Fast finite width neural tangent kernel [`READ`]\n\n"
            "paper: [arXiv](https://arxiv.org/abs/2206.08720)\n\n"
            "<details><summary>BibTeX</summary><pre><code>@inproceedings{novak2022fast,\n"
            "  title={Fast finite width neural tangent kernel},\n  year={2022}\n}</code></pre></details>\n\n"
            "#### Another paper [`READ`]\n\npaper: [arXiv](https://arxiv.org/abs/2101.00001)\n")
    document = parse(text)
    (block,) = html_blocks(document)
    first, second = document.entries
    assert first.title == "Fast finite width neural tangent kernel" and first.bibtex == (block,)
    assert second.bibtex == ()


def test_one_block_per_element() -> None:
    text = ("# T\n\n- [Paper](https://x.org)\n  <details><summary>BibTeX</summary>"
            "<pre>@misc{a,\n    title={A}\n  }</pre><pre>@misc{b,\n    title={B}\n  }</pre></details>\n")
    document = parse(text)
    a, b = html_blocks(document)
    assert a.span != b.span and a.raw.startswith("@misc{a") and b.raw.startswith("@misc{b")
    assert document.entries[0].bibtex == (a, b)


@pytest.mark.parametrize("other", [
    "<pre><code>def f():\n    return 1</code></pre>\n",  # code, not BibTeX
    "<pre>@dataclass(frozen=True)\nclass Paper:\n    title: str</pre>\n",  # starts like BibTeX, is Python
    "<pre lang=\"ts\">@Component({\n  selector: 'app'\n})</pre>\n",  # an Angular decorator
    "Inline `<code>@decorator</code>` and <code>@decorator</code> here.\n",
    "Inline <code>@misc{inline, title={Inline}}</code> in a paragraph.\n",
    "<!-- <pre>@misc{hidden,\n  title={Hidden}\n}</pre> -->\n",
    "<pre>@misc{entity,\n  title={Smith &amp; Jones}\n}</pre>\n",  # an entity: shown otherwise than written
    "<pre>@misc{tagged,\n  title={A <b>bold</b> title}\n}</pre>\n",  # a tag inside the text
    "<pre><code>@misc{unclosed,\n  title={Unclosed}\n}</pre>\n",  # <code> never closed
    "<details><summary>BibTeX</summary><pre><code>@misc{blank,\n\n  title={Blank}\n}</code></pre></details>\n",
    "> <pre>@misc{quoted,\n>   title={Quoted}\n> }</pre>\n",  # in a blockquote
    "```html\n<pre>@misc{fenced,\n  title={Fenced}\n}</pre>\n```\n",  # HTML shown in a code fence
], ids=["code", "decorator", "angular", "inline-code", "inline-bibtex", "comment", "entity", "tag", "unclosed-code",
        "blank-line", "blockquote", "in-fence"])
def test_elements_that_are_not_read(other: str) -> None:
    text = f"# T\n\n{other}\n{CONTROL}"
    blocks = html_blocks(parse(text))
    assert [b.raw.split(",")[0] for b in blocks] == ["@misc{control"]
    assert not any(b.entries and b.entries[0].key != "control" for b in parse(text).bibtex_blocks)


def test_code_that_starts_like_bibtex_is_no_entry_bibtex() -> None:
    text = ("# T\n\n- [Paper](https://x.org)\n  <pre>@dataclass(frozen=True)\n  class A:\n      x: int</pre>\n"
            "- [Other](https://y.org)\n" + indented(CONTROL))
    document = parse(text)
    assert [len(e.bibtex) for e in document.entries] == [0, 1]
    assert found(text, ("LL501", "LL508")) == []  # the decorator is no broken BibTeX


# --- rules ---------------------------------------------------------------------------------------------------------

LIST = ("# Papers\n\n"
        "- [Binary Neural Networks: A Survey](https://arxiv.org/abs/2004.03333) - a survey.\n"
        "  <details><summary>BibTeX</summary><pre><code>@article{qin2020binary,\n"
        "    title={Binary Neural Networks: A Survey},\n"
        "    author={Qin, Haotong},\n"
        "    journal={Pattern Recognition},\n"
        "    Journal={Pattern Recognition},\n"
        "    year={2019}\n"
        "  }</code></pre></details>\n")


def test_year_disagreeing_with_the_arxiv_id_is_reported_in_the_element() -> None:
    diagnostics = check(LIST, ("LL504",))
    (year,) = diagnostics
    assert year.span.of(LIST) == "{2019}"
    assert SourceText(LIST).position(year.span.start) == (9, 10)
    assert "2004.03333" in year.message


def test_duplicate_field_in_the_element_and_its_fix() -> None:
    (duplicate,) = check(LIST, ("LL506",))
    assert duplicate.span.of(LIST) == "Journal"
    fixed = fix(LIST, ("LL506",), unsafe=True)
    assert fixed == LIST.replace("    Journal={Pattern Recognition},\n", "")
    assert html_blocks(parse(fixed))[0].entries[0].get("journal") == "Pattern Recognition"


def test_syntax_error_in_the_element() -> None:
    text = "# T\n\n<pre>@misc{broken,\n  title={Broken,\n  year={2020}\n}</pre>\n"
    (syntax,) = check(text, ("LL501",))
    assert syntax.code == "LL501" and syntax.span.start > text.index("<pre>")


def test_no_label_finding_for_an_element_and_entries_counted_per_element() -> None:
    fence = "# T\n\n```\n@misc{a,\n  title={A}\n}\n```\n"
    assert [code for code, _, _ in found(fence, ("LL508",))] == ["LL508"]  # the unlabelled fence
    html = "# T\n\n<pre>@misc{a,\n  title={A}\n}</pre>\n"
    assert check(html, ("LL508",)) == []
    two = "# T\n\n<pre>@misc{a,\n  title={A}\n}\n@misc{b,\n  title={B}\n}</pre>\n"
    (several,) = check(two, ("LL508",))
    assert several.message.startswith("`<pre>` element holds 2 BibTeX entries")
    assert several.fix is None
    empty = "# T\n\n<details><summary>BibTeX</summary><pre class=\"x\">@comment{nothing}</pre></details>\n"
    (nothing,) = check(empty, ("LL508",))
    assert nothing.message == "`<pre>` element holds no BibTeX entry"
    assert nothing.span.of(empty) == '<pre class="x">'


def test_an_element_right_below_a_heading_makes_it_entry_like() -> None:
    text = ("# L\n\n## Papers\n\n#### Paper A\n"
            "<details><summary>BibTeX</summary><pre><code>@misc{a,\n  title={Paper A}\n}</code></pre></details>\n\n"
            "##### Paper B [`READ`]\n\npaper: [arXiv](https://arxiv.org/abs/2101.00001)\n")
    document = parse(text)
    assert len(html_blocks(document)) == 1
    assert 4 in entry_like_lines(document, ("READ",))


# --- fixes -----------------------------------------------------------------------------------------------------------

def outside_elements(text: str) -> list[str]:
    """The text outside the elements' BibTeX (tags, Markdown): what a fix must keep."""
    parts, position = [], 0
    for block in html_blocks(parse(text)):
        parts.append(text[position : block.content_span.start])
        position = block.content_span.end
    return parts + [text[position:]]


FORMAT = ("# Papers\n\n"
          "- [GLU Variants Improve Transformer](https://arxiv.org/abs/2002.05202) - gated units.\n"
          "  <details><summary>BibTeX</summary><pre><code>@Misc{shazeer2020glu,\n"
          "        Title={GLU Variants Improve Transformer},\n"
          "    author={Noam Shazeer}, year={2020}, pages={1-5}\n"
          "  }</code></pre></details>\n"
          "- [Two papers](https://example.org/two) - in one element.\n"
          "  <details><summary>BibTeX</summary><pre><code>@misc{a, title={Two papers}}\n"
          "  @misc{b, title={Two papers, again}}</code></pre></details>\n\n"
          "<pre>\n@misc{top,\n  title={Top level}}\n</pre>\n")  # the file's indent: 2 (LL509 follows it)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_format_fix_rewrites_only_the_element_text(unsafe: bool, newline: str) -> None:
    text = FORMAT.replace("\n", newline)
    before = parse(text)
    fixed = fix(text, ("LL5",), unsafe=unsafe)
    assert fix(fixed, ("LL5",), unsafe=unsafe) == fixed  # idempotent
    assert outside_elements(fixed) == outside_elements(text)
    after = parse(fixed)
    assert [e.title for e in after.entries] == [e.title for e in before.entries]
    assert [[e.key for e in b.entries] for b in html_blocks(after)] == [["shazeer2020glu"], ["a", "b"], ["top"]]
    assert [e.key for e in after.entries[1].bibtex[0].entries] == ["a", "b"]
    expected = ("  <details><summary>BibTeX</summary><pre><code>@misc{shazeer2020glu,\n"
                "    title={GLU Variants Improve Transformer},\n    author={Noam Shazeer},\n    year={2020},\n"
                "    pages={1--5}\n  }</code></pre></details>\n")
    assert expected.replace("\n", newline) in fixed
    # no blank line between two entries: it would end the <details> block and leave the rest as Markdown
    two = ("  <details><summary>BibTeX</summary><pre><code>@misc{a,\n    title={Two papers}\n  }\n"
           "  @misc{b,\n    title={Two papers, again}\n  }</code></pre></details>\n")
    assert two.replace("\n", newline) in fixed
    assert "<pre>\n@misc{top,\n  title={Top level}\n}\n</pre>\n".replace("\n", newline) in fixed


def test_repro_fix_changes_nothing_outside_the_element() -> None:
    for unsafe in (False, True):
        fixed = fix(REPRO, ("LL5",), unsafe=unsafe)
        assert outside_elements(fixed) == outside_elements(REPRO)
        assert len(html_blocks(parse(fixed))) == 1


def test_an_indented_pre_outside_a_list_is_formatted_from_the_line_start() -> None:
    # markdown-it strips only a container's indentation from an HTML block's lines: outside a list, the element's
    # text is literal from column 0, however far `<pre>` sits inside `<details>` (weihaox/GAN-Inversion). The
    # fields keep the file's 4 spaces; the message and the fix agree
    text = ("# Survey\n\n<details>\n  <summary>citation</summary>\n  <pre><code class=\"language-bib\">"
            "@article{xia2022gan,\n    author = {Xia, Weihao},\n    title = {GAN Inversion: A Survey},\n"
            "    journal = {IEEE TPAMI},\n    year = {2022}\n  }\n</code></pre>\n</details>\n\n## Citation\n\n"
            "```bibtex\n@article{xia2022survey,\n    author = {Xia, Weihao},\n    title = {GAN Inversion},\n"
            "    journal = {IEEE TPAMI},\n    year = {2022}\n}\n```\n")
    assert [(d.code, d.message) for d in check(text, ("LL509",))] == [
        ("LL509", "BibTeX not in canonical layout: `}` is indented by 2 spaces, not 0")]
    assert fix(text, ("LL509",)) == text.replace("    year = {2022}\n  }\n</code>", "    year = {2022}\n}\n</code>")
