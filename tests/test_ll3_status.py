"""LL301-LL305 (status tags) and the tag-candidate finder they rest on: exact positions, fixes, options, edge cases.

Fixture files under tests/fixtures/status/ carry their expected findings in ``<name>.expected`` (``line:col CODE``
per line) and their fixed forms in ``<name>.fixed.md`` (safe fixes) and ``<name>.unsafe.md`` (--unsafe-fixes).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import listlint.registry as registry_module
from listlint.api import fix_text, lint_text
from listlint.config import DEFAULT, Config, from_table
from listlint.diagnostics import Applicability, Diagnostic
from listlint.errors import ListlintError
from listlint.parser import parse
from listlint.export import document_dict
from listlint.parser.status import emphasis_around, find_tags, misspelling
from listlint.rules import ll3_status
from listlint.rules.ll3_status import Kind, Vocabulary, distance, status_view

FIXTURES = Path(__file__).parent / "fixtures" / "status"
FIXTURE_NAMES = ("headings", "list", "checkboxes", "nicknames")


@pytest.fixture(autouse=True)
def _registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run with the LL3xx rules even before the lead adds them to BUILTIN_RULES (a no-op afterwards)."""
    builtin = registry_module.builtin_rules
    if ll3_status.StatusMissing not in builtin():
        monkeypatch.setattr(registry_module, "builtin_rules", lambda: (*builtin(), *ll3_status.RULES))


def found(text: str, config: Config | None = None, select: tuple[str, ...] = ("LL3",)) -> list[tuple[int, int, str]]:
    doc = parse(text, config=config)
    return [(*doc.source.position(d.span.start), d.code) for d in lint_text(text, config, select=select)]


def diagnostics(text: str, code: str, config: Config | None = None) -> list[Diagnostic]:
    return lint_text(text, config, select=(code,))


def config(**status: object) -> Config:
    return from_table({"status": status}, "<test>")


HEAD = "# Reading list\n\n## Papers\n\n"


def heading_entry(title: str, url: str = "https://arxiv.org/abs/1412.6980") -> str:
    return f"#### {title}\n\npaper link: [here]({url})\n\n"


# ---- edit distance and suggestions ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("READ", "READ", 0), ("AREAD", "READ", 1), ("UNRAED", "UNREAD", 1), ("REDA", "READ", 1), ("", "READ", 4),
     ("UNREAD", "READ", 2), ("PDF", "READ", 4), ("CA", "ABC", 3)],
)
def test_distance(a: str, b: str, expected: int) -> None:
    assert distance(a, b) == expected
    assert distance(b, a) == expected


def test_nearest_tag() -> None:
    vocabulary = Vocabulary(DEFAULT.status)
    assert vocabulary.nearest("AREAD") == ("READ",)
    assert vocabulary.nearest("UNRAED") == ("UNREAD",)
    assert vocabulary.nearest("UNREDA") == ("UNREAD",)
    assert vocabulary.nearest("UREAD") == ("READ", "UNREAD")  # one edit from both: no unique suggestion
    assert vocabulary.nearest("PDF") == ()
    assert vocabulary.nearest("TODO") == ()
    assert vocabulary.nearest("R") == ()  # a single letter is no misspelling of anything
    assert vocabulary.canonical("read") == "[`READ`]"
    assert vocabulary.nearest("RED") == ("READ",)  # a suggestion ("did you mean READ?") ...
    assert vocabulary.replacement("RED") is None  # ... but no replacement: a 3-letter word is another word
    assert [vocabulary.replacement(w) for w in ("REDA", "RAED", "AREAD", "UNRAED", "UNRED", "UREAD")] == [
        "READ", "READ", "READ", "UNREAD", "UNREAD", None]
    assert Vocabulary(config(tags=["Read", "Unread"]).status).canonical("READ") == "[`Read`]"


# ---- the candidate finder (parser/status.py) --------------------------------------------------------------------
def tags_of(line: str, checkbox: bool = False) -> list[tuple[str, str, str, bool]]:
    found_tags = find_tags(line, 0, len(line), ("READ", "UNREAD"), checkbox_at=0 if checkbox else None)
    return [(t.raw, t.value, t.form, t.brackets) for t in found_tags]


def test_finder_spellings() -> None:
    assert tags_of("Title [`READ`]") == [("[`READ`]", "READ", "tag", True)]
    assert tags_of("Title [READ]") == [("[READ]", "READ", "tag", True)]
    assert tags_of("Title [read]") == [("[read]", "READ", "tag", True)]
    assert tags_of("Title [ `read` ]") == [("[ `read` ]", "READ", "tag", True)]
    assert tags_of("Title `[READ]`") == [("`[READ]`", "READ", "tag", True)]
    assert tags_of("Title `READ`") == [("`READ`", "READ", "tag", False)]
    assert tags_of("Title `read`") == [("`read`", "READ", "tag", False)]
    assert tags_of("Title [`AREAD`]") == [("[`AREAD`]", "AREAD", "tag", True)]


def test_finder_leaves_labels_code_and_comments_alone() -> None:
    assert tags_of("Title [pdf] [code]") == []  # lowercase labels outside the vocabulary
    assert tags_of("Title [x](https://x.org) [y][ref]") == []
    assert tags_of("Title `code [READ] here`") == []
    assert tags_of("Title <!-- [READ] -->") == []
    assert tags_of("Title `ICML` `NeurIPS`") == []  # backticked words outside the vocabulary
    assert tags_of("see `[READ]` in the notes") == []  # inline code in the middle of prose
    assert tags_of("`READ` mode is `fast`") == [("`READ`", "READ", "tag", False)]  # first on the line
    assert tags_of("mode `read` is fast") == []


def test_misspelling_is_safe_relative_to_the_word_length() -> None:
    # at most one edit for every four letters of the shorter word
    assert misspelling("REDA", "READ") and misspelling("AREAD", "READ") and misspelling("UNRAED", "UNREAD")
    assert not misspelling("RED", "READ")  # three letters one edit from READ: another word
    assert not misspelling("REAL", "UNREAD") and not misspelling("SSD", "READ") and not misspelling("RE", "READ")
    assert misspelling("SKIMED", "SKIMMED") and not misspelling("SKIMD", "SKIMMED")


def test_finder_leaves_nicknames_alone() -> None:
    # an acronym or nickname in brackets is a label, wherever it stands; a tag of the vocabulary is a tag anywhere
    assert tags_of("[Single Shot MultiBox Detector](https://x.org) [SSD]") == []
    assert tags_of("[R-CNN] Rich feature hierarchies [MIT] [RED]") == []
    assert tags_of("**[RED]** [Recurrent Encoder-Decoder Networks](https://x.org)") == []
    assert tags_of("__[FPN]__ Feature Pyramid Networks") == []
    assert tags_of("**[REDA]** Title") == []  # emphasis makes a label of a word close to a tag, too
    assert tags_of("**[READ]** Title") == [("[READ]", "READ", "tag", True)]
    assert tags_of("Title **[`READ`]**") == [("[`READ`]", "READ", "tag", True)]
    # safe misspellings are tags (for LL302), in any file
    assert tags_of("Title [REDA]") == [("[REDA]", "REDA", "tag", True)]
    assert tags_of("Title [UNRAED]") == [("[UNRAED]", "UNRAED", "tag", True)]
    assert tags_of("Title [`raed`]") == [("[`raed`]", "RAED", "tag", True)]
    # a word in backticks is a tag only in a file that writes tags of the vocabulary (in any form: a fix rewrites
    # [READ] as [`READ`], and [`RED`] must not turn into a tag then)
    assert tags_of("Title [`RED`]") == [] and tags_of("Title [`WIP`]") == []
    for tag in ("[`READ`]", "[read]", "`UNREAD`", "[`REDA`]"):
        text = f"- [A](https://a.org) {tag}\n- [B](https://b.org) [`RED`]\n- [C](https://c.org) `[WIP]`\n"
        second = text.index("[B]")
        assert [t.raw for t in find_tags(text, second, len(text), ("READ", "UNREAD"))] == ["[`RED`]", "`[WIP]`"]
    # a link whose text is a tag's word is not the file writing tags
    linked = "- [`READ`](https://a.org)\n- [B](https://b.org) [`RED`]\n"
    assert find_tags(linked, linked.index("[B]"), len(linked), ("READ", "UNREAD")) == []
    # emphasis wraps the bracket only when it mirrors around it and flanks it as CommonMark wants
    assert tags_of("Title*[REDA]*x") == [("[REDA]", "REDA", "tag", True)]
    assert tags_of("*a*[REDA]*b*") == [("[REDA]", "REDA", "tag", True)]


def test_finder_task_boxes() -> None:
    assert tags_of("[x] Title", checkbox=True) == [("[x]", "X", "checkbox", True)]
    assert tags_of("[ ] Title", checkbox=True) == [("[ ]", " ", "checkbox", True)]
    assert tags_of("[X]Title", checkbox=True) == [("[X]", "X", "checkbox", True)]
    assert tags_of("[] Title", checkbox=True) == [("[]", " ", "checkbox", True)]
    assert tags_of("[ x ] Title", checkbox=True) == [("[ x ]", "X", "checkbox", True)]
    assert tags_of("[]Title", checkbox=True) == []  # a near miss glued to text is text
    assert tags_of("[x](https://x.org) Title", checkbox=True) == []
    assert tags_of("Title [x] mid-line", checkbox=True) == []


# ---- fixtures: exact positions, safe and unsafe fixes -----------------------------------------------------------
def expected(name: str) -> list[str]:
    lines = (FIXTURES / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_findings(name: str) -> None:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    doc = parse(text)
    got = []
    for d in lint_text(text, select=("LL3",)):
        line, col = doc.source.position(d.span.start)
        got.append(f"{line}:{col} {d.code} {d.message}")
    assert got == expected(name)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_fixes(name: str) -> None:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    safe = fix_text(text, select=("LL3",))
    assert safe == (FIXTURES / f"{name}.fixed.md").read_text(encoding="utf-8")
    unsafe = fix_text(text, unsafe=True, select=("LL3",))
    assert unsafe == (FIXTURES / f"{name}.unsafe.md").read_text(encoding="utf-8")
    for fixed, allowed in ((safe, {Applicability.SAFE}), (unsafe, {Applicability.SAFE, Applicability.UNSAFE})):
        left = lint_text(fixed, select=("LL3",))
        assert not [d for d in left if d.fix is not None and d.fix.applicability in allowed]
        assert fix_text(fixed, unsafe=True, select=("LL3",)) == fix_text(unsafe, unsafe=True, select=("LL3",))
        assert len(parse(fixed).entries) == len(parse(text).entries)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_safe_fixes_keep_every_status(name: str) -> None:
    """A safe fix only rewrites or moves what was already a status: every entry keeps the status that counts."""
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    before = [es.status for es in status_view(parse(text), DEFAULT.status).entries]
    after = [es.status for es in status_view(parse(fix_text(text, select=("LL3",))), DEFAULT.status).entries]
    assert before == after


# ---- LL301 status-missing ---------------------------------------------------------------------------------------
def test_missing_reports_the_title_and_counts_the_evidence() -> None:
    text = HEAD + heading_entry("Adam [`READ`]") + heading_entry("Batch normalization", "https://b.org")
    [d] = diagnostics(text, "LL301")
    assert parse(text).source.position(d.span.start) == (9, 6)
    assert d.span.of(text) == "Batch normalization"
    assert d.message == "entry 'Batch normalization' has no status tag (1 entry of this file carries one)"
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    fixed = fix_text(text, unsafe=True, select=("LL301",))
    assert "#### Batch normalization [`UNREAD`]\n" in fixed
    assert fix_text(text, select=("LL301",)) == text  # unsafe only


def test_missing_is_quiet_without_tags_and_follows_required() -> None:
    text = "# L\n\n- [Adam](https://a.org)\n- [Dropout](https://d.org)\n"
    assert found(text) == []
    assert found(text, config(required="always")) == [(3, 4, "LL301"), (4, 4, "LL301")]
    tagged = "# L\n\n- [Adam](https://a.org) [`READ`]\n- [Dropout](https://d.org)\n"
    assert found(tagged, config(required="never")) == []
    assert found(tagged, config(default="READ")) == [(4, 4, "LL301")]
    assert fix_text(tagged, unsafe=True, config=config(default="READ")).endswith("[Dropout](https://d.org) [`READ`]\n")


def test_missing_inserts_where_the_file_puts_its_tags() -> None:
    after = "# L\n\n- [A](https://a.org) [`READ`] - one.\n- [B](https://b.org) - two.\n"
    assert fix_text(after, unsafe=True).endswith("- [B](https://b.org) [`UNREAD`] - two.\n")
    end = "# L\n\n- [A](https://a.org) - one. [`READ`]\n- [B](https://b.org) - two.\n"
    assert fix_text(end, unsafe=True, select=("LL3",)).endswith("- [B](https://b.org) - two. [`UNREAD`]\n")
    bold = "# L\n\n- [A](https://a.org) [`READ`]\n- **[B](https://b.org)** - two.\n"
    assert fix_text(bold, unsafe=True, select=("LL3",)).endswith("- **[B](https://b.org)** [`UNREAD`] - two.\n")
    glued = "# L\n\n1. [甲](https://a.org) [`READ`]\n2. [乙](https://b.org)描述\n"
    assert fix_text(glued, unsafe=True, select=("LL3",)).endswith("2. [乙](https://b.org) [`UNREAD`] 描述\n")


def test_missing_nested_scope_and_box_files() -> None:
    text = "# L\n\n- [A](https://a.org) [`READ`]\n  - [Code](https://a.org/code)\n- [B](https://b.org)\n"
    assert found(text) == [(5, 4, "LL301")]
    nested = from_table({"rules": {"status-missing": {"nested": True}}}, "<t>")
    assert found(text, nested) == [(4, 6, "LL301"), (5, 4, "LL301")]
    sections = "# L\n\n## Papers\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org)\n\n## Tools\n\n- [T](https://t.org)\n"
    # by default, a top-level part without any status beside one with status is not asked (see the next test)
    assert found(sections) == [(6, 4, "LL301")]
    by_file = from_table({"rules": {"status-missing": {"scope": "file"}}}, "<t>")
    assert found(sections, by_file) == [(6, 4, "LL301"), (10, 4, "LL301")]
    by_section = from_table({"rules": {"status-missing": {"scope": "section"}}}, "<t>")
    assert found(sections, by_section) == [(6, 4, "LL301")]
    # sections are told apart by position, not by title
    twins = "# L\n\n## A\n\n### Papers\n\n- [A](https://a.org) [`READ`]\n\n## B\n\n### Papers\n\n- [B](https://b.org)\n"
    assert found(twins, by_section) == []
    assert found(twins, by_file) == [(13, 4, "LL301")]
    boxes = "# L\n\n- [x] [A](https://a.org)\n- [B](https://b.org)\n"
    [d] = diagnostics(boxes, "LL301")
    assert "no status box" in d.message
    assert fix_text(boxes, unsafe=True, select=("LL3",)) == "# L\n\n- [x] [A](https://a.org)\n- [ ] [B](https://b.org)\n"


def test_missing_leaves_alone_the_parts_of_a_file_that_keep_no_status() -> None:
    # sweep 19 (irfnrdh/Awesome-Indonesia-NLP): boxes in "Papers I have read" only, and the rule asked every
    # dataset, tool and course of the file for one (112 entries, each given "[ ]" by the unsafe fix)
    text = ("# Indonesian NLP\n\n## Datasets\n\n- [Indonesian News Corpus](https://data.mendeley.com/x)\n"
            "- [IndoSum](https://github.com/kata-ai/indosum)\n\n## Papers I have read\n\n"
            "- [X] **BERT: Pre-training of Deep Bidirectional Transformers**, Devlin et al.\n"
            "[`Paper`](https://arxiv.org/abs/1810.04805)\n\n"
            "- [ ] **Universal Sentence Encoder**, Cer et al.\n[`Paper`](https://arxiv.org/abs/1803.11175)\n")
    assert found(text) == []
    assert fix_text(text, unsafe=True, select=("LL301",)) == text
    # the parts are the sections under the title, subsections included; an entry of the tracked part still needs one
    more = text + "\n### Later\n\n- **Sentence-BERT**, Reimers et al. [`Paper`](https://arxiv.org/abs/1908.10084)\n"
    assert found(more) == [(18, 5, "LL301")]
    # when most parts keep status, a part without any is asked: it is a part not yet tagged
    spread = ("# Reading list\n\n## NLP\n\n- [A](https://a.org) [`READ`]\n\n"
              "## Vision\n\n- [B](https://b.org) [`UNREAD`]\n\n## RL\n\n- [C](https://c.org)\n- [D](https://d.org)\n")
    assert found(spread) == [(13, 4, "LL301"), (14, 4, "LL301")]


def test_missing_option_errors_name_the_key() -> None:
    bad = from_table({"rules": {"status-missing": {"scope": "everywhere"}}}, "cfg.toml")
    with pytest.raises(ListlintError, match="scope"):
        lint_text("# L\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org)\n", bad, select=("LL301",))


# ---- LL302 status-unknown ---------------------------------------------------------------------------------------
def test_unknown_suggests_the_nearest_tag() -> None:
    text = HEAD + heading_entry("Adam [`AREAD`]") + heading_entry("Dropout [`UNRAED`]", "https://d.org")
    ds = diagnostics(text, "LL302")
    assert [(parse(text).source.position(d.span.start), d.span.of(text)) for d in ds] == [
        ((5, 11), "[`AREAD`]"), ((9, 14), "[`UNRAED`]")]
    assert ds[0].message == "unknown status tag [`AREAD`] (did you mean READ?)"
    fixed = fix_text(text, unsafe=True, select=("LL302",))
    assert "#### Adam [`READ`]\n" in fixed and "#### Dropout [`UNREAD`]\n" in fixed


def test_unknown_without_a_unique_suggestion_has_no_fix() -> None:
    text = "# L\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org) [`UREAD`]\n- [C](https://c.org) [`TODO`]\n"
    ds = diagnostics(text, "LL302")
    assert [d.span.of(text) for d in ds] == ["[`UREAD`]", "[`TODO`]"]
    assert all(d.fix is None for d in ds)
    assert "equally close to READ and UNREAD" in ds[0].message
    assert ds[1].message == "unknown status tag [`TODO`] (known tags: READ, UNREAD)"


def test_unknown_leaves_labels_alone() -> None:
    # [PDF] is far from every tag; a backticked word counts only once the file uses tags
    assert found("# L\n\n- [A](https://a.org) [PDF] [CODE]\n") == []
    assert found("# L\n\n- [A](https://a.org) [`TODO`]\n") == []
    assert found("# L\n\n- [A](https://a.org) [`AREAD`]\n") == [(3, 22, "LL302")]  # near READ: a tag anyway
    vocabulary = config(tags=["READ", "UNREAD", "SKIMMED"])
    assert found("# L\n\n- [A](https://a.org) [`SKIMMED`]\n- [B](https://b.org) [`SKIMED`]\n", vocabulary) == [
        (4, 22, "LL302")]


def test_nicknames_are_no_status_for_the_parser_the_rules_and_the_export() -> None:
    # review F, probe p16: "**[RED]**" was "unknown status tag [RED] (did you mean READ?)", and the unsafe fix left
    # "- **** [Recurrent ...](...) [`READ`]": an unread paper marked READ and four literal asterisks. "[SSD]" was
    # the exported status while LL301 said the entry had none.
    text = (
        "# Reading list\n\n## Detection\n\n"
        "- [Feature Pyramid Networks for Object Detection](https://arxiv.org/abs/1612.03144) [`READ`]\n"
        "- [RON: Reverse Connection with Objectness Prior Networks](https://arxiv.org/abs/1707.01691) [`UNREAD`]\n"
        "- **[RED]** [Recurrent Encoder-Decoder Networks](https://arxiv.org/abs/1608.05477)\n"
        "- [Single Shot MultiBox Detector](https://arxiv.org/abs/1512.02325) [SSD]\n"
    )
    document = parse(text)
    assert [e.status.value if e.status else None for e in document.entries] == ["READ", "UNREAD", None, None]
    exported = document_dict(document)["root"]["sections"][0]["sections"][0]["entries"]
    assert [e["status"] and e["status"]["value"] for e in exported] == ["READ", "UNREAD", None, None]
    assert [es.status for es in status_view(document, DEFAULT.status).entries] == ["READ", "UNREAD", None, None]
    assert [(line, code) for line, _, code in found(text)] == [(7, "LL301"), (8, "LL301")]
    fixed = fix_text(text, unsafe=True, select=("LL3",))
    assert "- **[RED]** [Recurrent Encoder-Decoder Networks](https://arxiv.org/abs/1608.05477) [`UNREAD`]\n" in fixed
    assert "- [Single Shot MultiBox Detector](https://arxiv.org/abs/1512.02325) [`UNREAD`] [SSD]\n" in fixed
    assert "****" not in fixed and fixed.count("[`READ`]") == 1


def test_nicknames_in_files_without_tags() -> None:
    # hoya012's object-detection list, a Korean review list (heading layout), awesome-cpp's licence labels
    hoya = ("# Papers\n\n## 2016\n\n- **[SSD]** SSD: Single Shot MultiBox Detector | **[ECCV' 16]** |"
            "[`[pdf]`](https://arxiv.org/pdf/1512.02325.pdf)\n- **[R-FCN]** R-FCN: Object Detection via Region-based"
            " Fully Convolutional Networks | **[NIPS' 16]** |[`[pdf]`](https://arxiv.org/pdf/1605.06409.pdf)\n")
    headings = ("# Review\n\n## ISP\n\n#### 4. [ISP] Architectural analysis of a baseline isp pipeline\n\n"
                "paper link: [here](https://arxiv.org/abs/1)\n\n#### 5. [VLM] An introduction to vision-language"
                " modeling\n\npaper link: [here](https://arxiv.org/abs/2)\n")
    licences = "# C++\n\n- [Boost](https://boost.org) [BSL] - Libraries.\n- [fmt](https://fmt.dev) [MIT] - Format.\n"
    for text in (hoya, headings, licences):
        document = parse(text)
        assert document.entries and all(e.status is None and not e.tags for e in document.entries), text
        assert found(text) == []
    # the heading's title is no longer cut at the nickname ("4."), and neither number nor nickname is part of it
    assert [e.title for e in parse(headings).entries] == [
        "Architectural analysis of a baseline isp pipeline", "An introduction to vision-language modeling"]


def test_unknown_fix_only_for_a_safe_misspelling() -> None:
    text = ("# L\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org) [`RED`]\n- [C](https://c.org) [`REDA`]\n"
            "- [D](https://d.org) [UNRAED]\n- [E](https://e.org) [`raed`]\n")
    ds = diagnostics(text, "LL302")
    assert [(d.span.of(text), d.message.split("(")[1], d.fix is not None) for d in ds] == [
        ("[`RED`]", "did you mean READ?)", False),  # in the file's tag form: a tag, but RED may be a paper
        ("[`REDA`]", "did you mean READ?)", True),
        ("[UNRAED]", "did you mean UNREAD?)", True),
        ("[`raed`]", "did you mean READ?)", True),
    ]
    fixed = fix_text(text, unsafe=True, select=("LL3",))
    assert fixed.splitlines()[3:] == ["- [B](https://b.org) [`RED`]", "- [C](https://c.org) [`READ`]",
                                      "- [D](https://d.org) [`UNREAD`]", "- [E](https://e.org) [`READ`]"]


# ---- LL303 status-format ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "col", "fixed"),
    [
        ("Adam [READ]", 11, "Adam [`READ`]"),
        ("Adam [`read`]", 11, "Adam [`READ`]"),
        ("Adam [ `READ` ]", 11, "Adam [`READ`]"),
        ("Adam `[READ]`", 11, "Adam [`READ`]"),
        ("Adam `READ`", 11, "Adam [`READ`]"),
        ("Adam[`READ`]", 10, "Adam [`READ`]"),
        ("Adam   [`READ`]", 13, "Adam [`READ`]"),
        ("Adam\t[`READ`]", 11, "Adam [`READ`]"),
        ("[`READ`] Adam", 6, "Adam [`READ`]"),
        ("Adam [`READ`] (2014)", 11, "Adam (2014) [`READ`]"),
        ("Adam [read] (2014)", 11, "Adam (2014) [`READ`]"),
        ("**Adam [`READ`]**", 13, "**Adam [`READ`]**"),  # closing emphasis after the tag is still the end
        ("Adam [`READ`] ####", 11, "Adam [`READ`] ####"),  # a closing sequence is not part of the title
    ],
)
def test_format_in_headings(title: str, col: int, fixed: str) -> None:
    text = HEAD + heading_entry(title)
    expected_findings = [] if fixed == title else [(5, col, "LL303")]
    assert found(text) == expected_findings
    assert fix_text(text, select=("LL3",)) == HEAD + heading_entry(fixed)


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("- [A](https://a.org) [READ] - one.", "- [A](https://a.org) [`READ`] - one."),
        ("- [A](https://a.org) - one. [READ]", "- [A](https://a.org) - one. [`READ`]"),
        ("- [`READ`] [A](https://a.org) - one.", "- [A](https://a.org) [`READ`] - one."),
        ("- [A](https://a.org) - one [`READ`] two.", "- [A](https://a.org) [`READ`] - one two."),
        ("- [A](https://a.org)[`READ`]", "- [A](https://a.org) [`READ`]"),
        ("1. [A](https://a.org)  [read]", "1. [A](https://a.org) [`READ`]"),
        ("- [x] [A](https://a.org)", "- [x] [A](https://a.org)"),
    ],
)
def test_format_in_lists(line: str, fixed: str) -> None:
    text = f"# L\n\n{line}\n"
    assert fix_text(text, select=("LL303",)) == f"# L\n\n{fixed}\n"
    assert fix_text(f"# L\n\n{fixed}\n", select=("LL303",)) == f"# L\n\n{fixed}\n"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # emphasis that wraps only the tag moves with it: never "- **** [Adam](...)"
        ("- **[`READ`]** [Adam](https://a.org) - one.", "- [Adam](https://a.org) [`READ`] - one."),
        ("- __[READ]__ [Adam](https://a.org)", "- [Adam](https://a.org) [`READ`]"),
        ("#### **[`READ`]** Adam\n\nlink: [here](https://a.org)", "#### Adam [`READ`]\n\nlink: [here](https://a.org)"),
        ("- [Adam](https://a.org) - one *[`READ`]* two.", "- [Adam](https://a.org) [`READ`] - one two."),
        # right after the title link, or at the end, emphasis around the tag is no misplacement, nor a missing space
        ("- [Adam](https://a.org) *[`READ`]* - one.", "- [Adam](https://a.org) *[`READ`]* - one."),
        ("- [Adam](https://a.org) - one **[`READ`]**", "- [Adam](https://a.org) - one **[`READ`]**"),
        ("- [Adam](https://a.org) - one  **[read]**", "- [Adam](https://a.org) - one **[`READ`]**"),
        # "**" glued to a word is no emphasis: taking the tag out would leave "****Adam"; reported, not moved
        ("#### **[`READ`]**Adam\n\nlink: [here](https://a.org)", "#### **[`READ`]**Adam\n\nlink: [here](https://a.org)"),
    ],
)
def test_format_moves_emphasis_wrapping_only_the_tag(text: str, fixed: str) -> None:
    text, fixed = f"# L\n\n{text}\n", f"# L\n\n{fixed}\n"
    assert fix_text(text, select=("LL3",)) == fixed
    assert "****" not in fix_text(text, unsafe=True, select=("LL3",))
    assert fix_text(fixed, select=("LL3",)) == fixed


def test_unknown_fix_keeps_the_emphasis_around_the_tag() -> None:
    text = "# L\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org) **[`REDA`]**\n"
    # was "** [`READ`]**": LL303 put the missing space inside the emphasis, which then rendered its asterisks
    assert fix_text(text, unsafe=True, select=("LL3",)).endswith("- [B](https://b.org) **[`READ`]**\n")


def test_format_message_and_span() -> None:
    text = "# L\n\n- [Adam](https://a.org)  [read]\n"
    [d] = diagnostics(text, "LL303")
    assert d.span.of(text) == "[read]"
    assert parse(text).source.position(d.span.start) == (3, 26)
    assert d.message == ("status tag [read]: written [read], expected [`READ`]; "
                         "not separated from the title by exactly one space")
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE


def test_format_prose_code_in_a_description_is_not_moved() -> None:
    text = "# L\n\n- `READ` [A](https://a.org) - one.\n"
    assert fix_text(text, select=("LL303",)) == "# L\n\n- [A](https://a.org) [`READ`] - one.\n"


def test_format_options() -> None:
    bare = config(format="[{tag}]")
    text = "# L\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org) [UNREAD]\n"
    assert found(text, bare) == [(3, 22, "LL303")]
    assert fix_text(text, config=bare) == "# L\n\n- [A](https://a.org) [READ]\n- [B](https://b.org) [UNREAD]\n"
    anywhere = config(position="any")
    assert found(HEAD + heading_entry("[`READ`] Adam"), anywhere) == []
    assert found(HEAD + heading_entry("[`READ`]  Adam"), anywhere) == []
    # a format the parser would not find again: no comparison, no fixes that could never converge
    assert Vocabulary(config(format="[ {tag} ]").status).fixable
    assert not Vocabulary(config(format="`{tag}`").status).fixable  # inline code counts only at a line's edges
    assert Vocabulary(config(tags=["TO READ", "DONE"]).status).fixable  # a configured phrase is found too
    odd = config(format="**{tag}**")
    assert found(text, odd, select=("LL303",)) == []
    missing = "# L\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org)\n- [C](https://c.org) [`AREAD`]\n"
    assert all(d.fix is None for d in lint_text(missing, odd, select=("LL301", "LL302")))
    assert len(lint_text(missing, odd, select=("LL301", "LL302"))) == 2


def test_format_custom_vocabulary_spelling() -> None:
    mixed = config(tags=["Read", "Unread"], default="Unread")
    text = "# L\n\n- [A](https://a.org) [`READ`]\n- [B](https://b.org)\n"
    assert fix_text(text, unsafe=True, config=mixed) == (
        "# L\n\n- [A](https://a.org) [`Read`]\n- [B](https://b.org) [`Unread`]\n")


# ---- LL304 status-conflict --------------------------------------------------------------------------------------
def test_conflicts() -> None:
    text = (
        "# L\n\n- [A](https://a.org) [`READ`] [`UNREAD`]\n- [B](https://b.org) [`READ`] [READ]\n"
        "- [x] [C](https://c.org) [`UNREAD`]\n- [D](https://d.org) [`READ`] [`AREAD`]\n"
    )
    ds = diagnostics(text, "LL304")
    doc = parse(text)
    assert [(doc.source.position(d.span.start), d.span.of(text)) for d in ds] == [
        ((3, 31), "[`UNREAD`]"), ((4, 31), "[READ]"), ((5, 26), "[`UNREAD`]"), ((6, 31), "[`AREAD`]")]
    assert ds[0].message.endswith("which already has [`READ`] at column 22 (a different status)")
    assert ds[1].message.endswith("(repeating it)")
    assert "task box [x] (READ)" in ds[2].message
    assert ds[3].message.endswith("(which counts?)")
    assert all(d.fix is None for d in ds)
    # with several marks, LL303 still fixes spellings but moves nothing
    assert fix_text(text, select=("LL3",)).splitlines()[3] == "- [B](https://b.org) [`READ`] [`READ`]"


# ---- LL305 checkbox-style ---------------------------------------------------------------------------------------
def test_checkbox_style_dominant_case_and_option() -> None:
    text = "# L\n\n- [X] [A](https://a.org)\n- [X] [B](https://b.org)\n- [x] [C](https://c.org)\n"
    ds = diagnostics(text, "LL305")
    assert [(parse(text).source.position(d.span.start)) for d in ds] == [(5, 3)]
    assert ds[0].message == "task box [x]: ticked with 'x'; this file uses [X]"
    lower = from_table({"rules": {"checkbox-style": {"done": "x"}}}, "<t>")
    assert fix_text(text, config=lower) == text.replace("[X]", "[x]")
    tie = "# L\n\n- [X] [A](https://a.org)\n- [x] [B](https://b.org)\n"
    assert fix_text(tie, select=("LL305",)) == tie.replace("[X]", "[x]")
    bad = from_table({"rules": {"checkbox-style": {"done": "y"}}}, "<t>")
    with pytest.raises(ListlintError, match="done"):
        lint_text(text, bad, select=("LL305",))


def test_checkbox_style_needs_a_real_box() -> None:
    # near misses alone do not make a task list: "[] " in a list without boxes is left alone
    assert found("# L\n\n- [] [A](https://a.org)\n") == []
    assert found("# L\n\n- [] [A](https://a.org)\n- [ ] [B](https://b.org)\n") == [(3, 3, "LL305")]


# ---- edge cases -------------------------------------------------------------------------------------------------
def test_empty_and_tagless_files() -> None:
    for text in ("", "\n", "# Title\n", "```\n[`AREAD`]\n```\n", "<!-- [`AREAD`] -->\n"):
        assert found(text) == []
        assert fix_text(text, unsafe=True, select=("LL3",)) == text


def test_crlf_positions_and_fixes() -> None:
    text = "# L\r\n\r\n- [A](https://a.org) [read]\r\n- [B](https://b.org)\r\n- [C](https://c.org) [`AREAD`]\r\n"
    assert found(text) == [(3, 22, "LL303"), (4, 4, "LL301"), (5, 22, "LL302")]
    fixed = fix_text(text, unsafe=True, select=("LL3",))
    assert fixed == (
        "# L\r\n\r\n- [A](https://a.org) [`READ`]\r\n- [B](https://b.org) [`UNREAD`]\r\n"
        "- [C](https://c.org) [`READ`]\r\n"
    )


def test_tags_in_fences_tables_comments_and_bibtex_are_not_entries() -> None:
    text = (
        "# L\n\n- [A](https://a.org) [`READ`]\n\n"
        "```markdown\n- [B](https://b.org) [`AREAD`]\n```\n\n"
        "| paper | status |\n|---|---|\n| [C](https://c.org) | [READ] |\n\n"
        "<!-- - [D](https://d.org) [`AREAD`] -->\n\n"
        "#### E [`READ`]\n\n```bibtex\n@article{e, title={E [AREAD]}}\n```\n"
    )
    assert found(text) == []


def test_chinese_titles() -> None:
    text = "# 论文\n\n1. [深度学习](https://a.org)理论 [`READ`]\n2. [优化](https://b.org)收敛性 [`unread`]\n"
    assert found(text) == [(4, 27, "LL303")]
    assert fix_text(text).endswith("2. [优化](https://b.org)收敛性 [`UNREAD`]\n")


def test_classification_is_shared() -> None:
    text = "# L\n\n- [x] [A](https://a.org)\n- [B](https://b.org) [`AREAD`]\n- [C](https://c.org) [PDF]\n"
    view = status_view(parse(text), DEFAULT.status)
    kinds = [[m.kind for m in es.marks] for es in view.entries]
    assert kinds == [[Kind.BOX], [Kind.UNKNOWN], []]
    assert [es.status for es in view.entries] == ["READ", None, None]
    assert [es.unknown for es in view.entries] == [False, True, False]
    assert view.uses_status and view.uses_boxes and view.tagged == 0 and view.boxed == 1


# ---- safe fixes touch nothing but status marks ------------------------------------------------------------------
def _without_marks(text: str) -> str:
    """The text with every status mark of every entry (and emphasis that wraps only the mark: ``**[`READ`]**``)
    removed and whitespace runs collapsed."""
    doc = parse(text)
    spans = sorted((emphasis_around(text, t.span.start, t.span.end) for e in doc.entries for t in e.tags),
                   reverse=True)
    for span in spans:
        text = text[: span.start] + " " + text[span.end :]
    return re.sub(r" (?=[,.;:!?)\]}])", "", " ".join(text.split()))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_safe_fixes_change_only_status_marks_and_spacing(name: str) -> None:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    assert _without_marks(fix_text(text, select=("LL3",))) == _without_marks(text)


# ---- generated entries: fixes converge, are idempotent, keep entries and statuses ---------------------------
MARKS = ["", "[`READ`]", "[READ]", "[read]", "[ `Unread` ]", "`[READ]`", "`UNREAD`", "[`AREAD`]", "[`UNRAED`]",
         "[`UREAD`]", "[PDF]", "[`READ`] [`UNREAD`]", "**[`READ`]**", "__[read]__", "**[RED]**", "[SSD]", "[`RED`]",
         "*[`REDA`]*"]
BOXES = ["", "[ ] ", "[x] ", "[X] ", "[]  ", "[x]", "[ x ] "]
WORDS = st.sampled_from(["Adam", "batch", "normalization", "深度学习", "理论", "(2019)", "a", "**bold**", "of"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = ["# Reading list", ""]
    heading_layout = draw(st.booleans())
    for n in range(draw(st.integers(1, 5))):
        words = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
        mark = draw(st.sampled_from(MARKS))
        place = draw(st.sampled_from(["end", "start", "middle"]))
        gap = draw(st.sampled_from([" ", "  ", "\t", ""]))
        url = f"https://example.org/{n}"
        if heading_layout:
            title = {"end": f"{words}{gap}{mark}", "start": f"{mark}{gap}{words}",
                     "middle": f"{words}{gap}{mark} tail"}[place] if mark else words
            lines += [f"#### {title.strip()}", "", f"paper link: [here]({url})", ""]
        else:
            box = draw(st.sampled_from(BOXES))
            link = f"[{words}]({url})"
            body = {"end": f"{link} - desc{gap}{mark}", "start": f"{mark}{gap}{link} - desc",
                    "middle": f"{link}{gap}{mark} - desc"}[place] if mark else f"{link} - desc"
            lines.append(f"- {box}{body.strip()}")
            if draw(st.booleans()):
                lines.append(f"  - [code {n}]({url}/code){draw(st.sampled_from(['', ' [`READ`]', ' [read]']))}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_lists(text: str) -> None:
    document = parse(text)
    entries = len(document.entries)
    # the parser and the rules agree on which bracketed words are status tags
    view = status_view(document, DEFAULT.status)
    assert [[t for t in e.tags if t.form == "tag"] for e in document.entries] == [
        [m.tag for m in es.marks if m.tag.form == "tag"] for es in view.entries]
    safe = fix_text(text, select=("LL3",))
    assert fix_text(safe, select=("LL3",)) == safe
    assert len(parse(safe).entries) == entries
    before = [es.status for es in status_view(parse(text), DEFAULT.status).entries]
    assert [es.status for es in status_view(parse(safe), DEFAULT.status).entries] == before
    assert _without_marks(safe) == _without_marks(text)
    unsafe = fix_text(text, unsafe=True, select=("LL3",))
    assert fix_text(unsafe, unsafe=True, select=("LL3",)) == unsafe
    assert len(parse(unsafe).entries) == entries
    assert not [d for d in lint_text(unsafe, select=("LL3",)) if d.fix is not None]


def test_a_leading_tag_is_not_moved_when_the_line_left_would_open_another_block() -> None:
    from listlint.api import fix_text, lint_text

    # found by the property tests: without its leading tag the setext heading's line starts with "<!--", an HTML
    # block, and the entry is gone; "- [`READ`] 1. Title" would become a nested ordered list
    for text in ("`[READ]` <!-- note -->\n=\n\n", "- [`READ`] 1. Title [x](https://x.org)\n"):
        found = [d for d in lint_text(text, select=("LL303",)) if "middle of the title" in d.message]
        assert len(found) == 1 and found[0].fix is None, text
        assert fix_text(text, select=("LL303",)) == fix_text(fix_text(text, select=("LL303",)), select=("LL303",))
    # a tag that leaves ordinary words behind still moves
    fixed = fix_text("- [`READ`] Other [y](https://y.org)\n", select=("LL303",))
    assert fixed == "- Other [y](https://y.org) [`READ`]\n"


# ---- tags in any script, and configured emoji (review H, P9) ---------------------------------------------------
SCRIPTS = config(tags=["已读", "未读", "GELESEN", "ПРОЧИТАНО", "LU", "À LIRE", "อ่านแล้ว"], default="未读")


def script_tags(line: str, vocabulary: Config = SCRIPTS) -> list[tuple[str, str, bool, bool]]:
    return [(t.raw, t.value, t.backticks, t.brackets) for t in find_tags(line, 0, len(line), vocabulary.status.tags)]


@pytest.mark.parametrize(
    ("written", "value"),
    [("已读", "已读"), ("未读", "未读"), ("ПРОЧИТАНО", "ПРОЧИТАНО"), ("прочитано", "ПРОЧИТАНО"), ("lu", "LU"),
     ("à lire", "À LIRE"), ("À  LIRE", "À LIRE"), ("A\u0300 LIRE", "À LIRE"), ("อ่านแล้ว", "อ่านแล้ว")],
)
def test_tags_in_any_script_are_found_in_every_form(written: str, value: str) -> None:
    # review H, P9: [`已读`] was "LL301 entry 'Adam' has no status tag" while `stats` had a column for it
    for form in (f"[`{written}`]", f"[{written}]", f"[ `{written}` ]", f"`[{written}]`", f"`{written}`"):
        assert script_tags(f"Title {form}") == [(form, value, "`" in form, "[" in form)], form
    if written == written.upper():  # a code span first on the line: in capitals (or a script without case) only
        assert script_tags(f"`{written}` Title") == [(f"`{written}`", value, True, False)]


def test_tags_in_any_script_for_the_rules_the_export_and_stats() -> None:
    text = ("# Leseliste\n\n## Papers\n\n- [Adam](https://arxiv.org/abs/1412.6980) [`已读`]\n"
            "- [Batch normalization](https://arxiv.org/abs/1502.03167) [`未读`]\n"
            "- [Dropout](https://jmlr.org/papers/v15/srivastava14a.html) [`GELESEN`]\n"
            "- [GAN](https://arxiv.org/abs/1406.2661) [прочитано]\n- [VAE](https://arxiv.org/abs/1312.6114)\n")
    assert [e.status.value if e.status else None for e in parse(text, config=SCRIPTS).entries] == [
        "已读", "未读", "GELESEN", "ПРОЧИТАНО", None]
    assert [(line, code) for line, _, code in found(text, SCRIPTS)] == [(8, "LL303"), (9, "LL301")]
    fixed = fix_text(text, unsafe=True, config=SCRIPTS, select=("LL3",))
    assert fixed.endswith("[`ПРОЧИТАНО`]\n- [VAE](https://arxiv.org/abs/1312.6114) [`未读`]\n")
    assert found(fixed, SCRIPTS) == []
    from listlint.stats import file_stats
    counts = file_stats(parse(text, config=SCRIPTS), SCRIPTS).total
    assert [counts.tags[t] for t in ("已读", "未读", "GELESEN", "ПРОЧИТАНО")] == [1, 1, 1, 1]


def test_no_misspelling_between_words_of_scripts_without_case() -> None:
    # 已读 (read) and 未读 (unread) differ by one character and mean opposite things: no "did you mean"
    assert not misspelling("未读", "已读") and not misspelling("อ่านแล้ว", "อ่านแล้ว่")
    only_read = config(tags=["已读"])
    assert Vocabulary(only_read.status).nearest("未读") == ()
    text = "# L\n\n- [A](https://a.org) [`已读`]\n- [B](https://b.org) [`未读`]\n- [C](https://c.org) [未读]\n"
    ds = diagnostics(text, "LL302", only_read)
    assert [(d.span.of(text), d.message, d.fix) for d in ds] == [
        ("[`未读`]", "unknown status tag [`未读`] (known tags: 已读)", None)]  # [未读] unticked is a label
    assert fix_text(text, unsafe=True, config=only_read, select=("LL302",)) == text
    # Cyrillic has case, and letters to misspell
    assert diagnostics("# L\n\n- [A](https://a.org) [`ПРОЧИТНО`]\n", "LL302", SCRIPTS)[0].message.endswith(
        "(did you mean ПРОЧИТАНО?)")


def test_labels_in_any_script_stay_labels() -> None:
    # the nickname rule holds in every script: a bracketed word outside the vocabulary is a label
    for line in ("[论文](https://x.org) [代码]", "Title [ÉCOLE] [SSD]", "**[未读]** Title", "Title [书]"):
        assert script_tags(line, config(tags=["已读"])) == [], line
    assert script_tags("Title [`ÉCOLE`]", DEFAULT) == []  # a file that writes no tag of the vocabulary


EMOJI = config(tags=["✅", "🔲", "☑️"], default="🔲")


def test_configured_emoji_are_tags_bare_at_an_edge_or_bracketed() -> None:
    for line, raw in [("Title ✅", "✅"), ("✅ Title", "✅"), ("Title **✅**", "✅"), ("Title [✅]", "[✅]"),
                      ("Title [`✅`]", "[`✅`]"), ("Title `✅`", "`✅`"), ("Title ☑️", "☑️"), ("Title ☑", "☑"),
                      ("Title [`☑`]", "[`☑`]"), ("Title ✅\ufe0f", "✅\ufe0f")]:
        assert [(t.raw, t.value) for t in find_tags(line, 0, len(line), EMOJI.status.tags)] == [
            (raw, raw.strip("[]`").replace("\ufe0f", ""))], line
    # never mid-line, glued to other symbols or text, in code or links, nor an emoji that is not configured
    for line in ("Title ✅ works", "Title ✅✅", "Title ⭐✅", "Title x✅", "Title 🔥", "Title [🔥]", "Title 👍🏽",
                 "Title `works ✅`", "[✅](https://x.org)", "Title <!-- ✅ -->"):
        assert find_tags(line, 0, len(line), EMOJI.status.tags) == [], line
    assert find_tags("Title ✅", 0, 8, DEFAULT.status.tags) == []


def test_configured_emoji_for_the_rules_and_stats() -> None:
    text = ("# Reading\n\n## Classic\n\n- [GCN](https://arxiv.org/abs/1609.02907) ✅\n"
            "- ✅ [GAT](https://arxiv.org/abs/1710.10903)\n- [GraphSAGE](https://arxiv.org/abs/1706.02216) 🔲\n"
            "- [GIN](https://arxiv.org/abs/1810.00826) ☑️\n- [DeepWalk](https://arxiv.org/abs/1403.6652) - walks 🔥\n")
    assert [e.status.value if e.status else None for e in parse(text, config=EMOJI).entries] == [
        "✅", "✅", "🔲", "☑", None]
    assert [(line, code) for line, _, code in found(text, EMOJI)] == [
        (5, "LL303"), (6, "LL303"), (7, "LL303"), (8, "LL303"), (9, "LL301")]
    fixed = fix_text(text, unsafe=True, config=EMOJI, select=("LL3",))
    assert fixed.splitlines()[4:] == [
        "- [GCN](https://arxiv.org/abs/1609.02907) [`✅`]", "- [GAT](https://arxiv.org/abs/1710.10903) [`✅`]",
        "- [GraphSAGE](https://arxiv.org/abs/1706.02216) [`🔲`]", "- [GIN](https://arxiv.org/abs/1810.00826) [`☑️`]",
        "- [DeepWalk](https://arxiv.org/abs/1403.6652) [`🔲`] - walks 🔥"]
    assert found(fixed, EMOJI) == []
    # a bare format is kept as written: nothing to rewrite, and no tag is inserted where it would not be found
    bare = config(tags=["✅", "🔲"], format="{tag}")
    assert [(line, code) for line, _, code in found(text, bare)] == [(8, "LL301"), (9, "LL301")]  # ☑️: not configured
    assert all(d.fix is None for d in lint_text(text, bare, select=("LL3",)))


@pytest.mark.parametrize(
    ("tags", "index", "message"),
    [(["READ", ""], 1, "'' is empty"), (["[READ]"], 0, "'[READ]' contains a bracket"),
     (["READ", "`✅`"], 1, "'`✅`' contains a bracket, a backtick"), ([" READ"], 0, "' READ' has spaces around it"),
     (["READ\nUNREAD"], 0, "contains a bracket, a backtick or a control character")],
)
def test_tags_no_form_can_hold_are_rejected_at_load(tags: list[str], index: int, message: str) -> None:
    with pytest.raises(ListlintError) as info:
        config(tags=tags)
    assert str(info.value).startswith(f"<test>: status.tags[{index}]: ") and message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("title", "status"),
    [("Read", True), ("✅ Read (12)", True), ("To-read", True), ("Want to Read", True), ("UNREAD", True),
     ("Done", True), ("Reading Comprehension", False), ("Further reading", False), ("Papers I read", False),
     ("Read me", False), ("", False)],
)
def test_a_section_title_that_is_a_reading_status(title: str, status: bool) -> None:
    from listlint.rules.ll3_status import _status_title

    assert _status_title(title, ("READ", "UNREAD")) is status


def test_entries_filed_under_a_status_heading_need_no_tag_at_any_depth() -> None:
    text = ("# List\n\n## Read\n\n### Vision\n\n- [A](https://a.dev/1) [`READ`]\n- [B](https://a.dev/2)\n\n"
            "## À lire\n\n- [C](https://a.dev/3)\n\n## Other\n\n- [D](https://a.dev/4)\n")
    by_file = from_table({"rules": {"status-missing": {"scope": "file"}}}, "<t>")
    lines = [parse(text).source.position(d.span.start)[0] for d in lint_text(text, by_file, select=("LL301",))]
    assert lines == [12, 16]  # C: "À lire" is no tag of the default vocabulary; D
    # by default, status is kept in one part of three ("Read"): the other two are not asked
    assert lint_text(text, select=("LL301",)) == []
    config = from_table({"status": {"tags": ["LU", "À LIRE"]}}, "cfg.toml")
    text = text.replace("READ`", "LU`")
    assert [parse(text).source.position(d.span.start)[0] for d in lint_text(text, select=("LL301",), config=config)] \
        == [16]


def test_a_checklist_of_tasks_with_references_beside_them_asks_no_status_of_the_references() -> None:
    # thedaviddias/Front-End-Checklist: boxed tasks without links, each followed by its reference bullets; a box on
    # a task is no reading status, so the references are not asked for one (107 findings there)
    text = ("# Checklist\n\n## Head\n\n- [ ] **Doctype:** The Doctype is HTML5.\n\n```html\n<!doctype html>\n```\n\n"
            "- 📖 [Doctype - MDN](https://developer.mozilla.org/en-US/docs/Glossary/Doctype)\n\n"
            "- [ ] **Charset:** The charset is declared, see [W3C](https://www.w3.org/International/).\n\n"
            "- 📖 [Charset - MDN](https://developer.mozilla.org/en-US/docs/Glossary/Character_encoding)\n\n"
            "- [x] **Viewport:** The viewport is declared.\n")
    assert lint_text(text, select=("LL301",)) == []
    # boxes on the links themselves are their reading status: the one without a box is still asked for one
    reading = ("# Papers\n\n- [x] [Adam](https://arxiv.org/abs/1412.6980)\n- [ ] [BERT](https://arxiv.org/abs/1810.04805)\n"
               "- [ ] Notes on optimizers\n- [Dropout](https://jmlr.org/papers/v15/srivastava14a.html)\n")
    assert [parse(reading).source.position(d.span.start)[0] for d in lint_text(reading, select=("LL301",))] == [6]
