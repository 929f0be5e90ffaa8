"""LL401–LL409 (offline URL hygiene): exact positions, fixes, options, fixtures, doc examples and the seed snapshot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docexamples import RULES_DIR, examples, sections

from listlint.api import fix_text, lint_text
from listlint.config import DEFAULT, Config, from_table
from listlint.diagnostics import Applicability, Diagnostic
from listlint.fixer import fix_source
from listlint.linter import RuleSet, lint
from listlint.model import LinkKind
from listlint.parser import parse
from listlint.registry import Registry, builtin_rules, validate
from listlint.rules import ll4_urls
from listlint.source import SourceText

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURES = Path(__file__).parent / "fixtures" / "urls"
CODES = tuple(rule.code for rule in ll4_urls.RULES)
DEFAULT_CODES = tuple(rule.code for rule in ll4_urls.RULES if rule.default_enabled)
# The built-in rules plus this family, whether or not rules/__init__.py lists it yet.
REGISTRY = Registry(validate(("listlint", r) for r in (*builtin_rules(), *(r for r in ll4_urls.RULES
                                                                          if r not in builtin_rules()))))


def config_of(toml: str = "") -> Config:
    return from_table(tomllib.loads(toml), "<test>") if toml else DEFAULT


def ruleset(select: tuple[str, ...] = CODES, config: Config = DEFAULT) -> RuleSet:
    return RuleSet.build(REGISTRY, config, select=select)


def check(text: str, select: tuple[str, ...] = CODES, config: Config = DEFAULT) -> list[Diagnostic]:
    rs = ruleset(select, config)
    return lint(parse(text, "<test>", rs.config), rs)


def found(text: str, select: tuple[str, ...] = CODES, config: Config = DEFAULT) -> list[tuple[int, int, str, str]]:
    """(line, column, code, reported text) of every diagnostic."""
    source = SourceText(text)
    out = []
    for d in check(text, select, config):
        line, col = source.position(d.span.start)
        out.append((line, col, d.code, d.span.of(source.text)))
    return out


def fix(text: str, select: tuple[str, ...] = CODES, *, unsafe: bool = False, config: Config = DEFAULT) -> str:
    rs = ruleset(select, config)
    return fix_source(SourceText(text), lambda s: parse(s, "<test>", rs.config), lambda d: lint(d, rs),
                      unsafe=unsafe).text


# ----------------------------------------------------------------------------------------------------------------
# LL401 empty-link
# ----------------------------------------------------------------------------------------------------------------


def test_ll401_forms() -> None:
    text = "# T\n\n- []() and [x](#) and [](https://x.org/e) and [y]() and [z](<>)\n- ![alt]() ![](https://x.org/i.png)\n"
    assert found(text, ("LL401",)) == [
        (3, 3, "LL401", "[]()"),
        (3, 12, "LL401", "[x](#)"),
        (3, 23, "LL401", "[](https://x.org/e)"),
        (3, 47, "LL401", "[y]()"),
        (3, 57, "LL401", "[z](<>)"),
        (4, 3, "LL401", "![alt]()"),
    ]
    messages = [d.message for d in check(text, ("LL401",))]
    assert messages[0] == "empty link '[]()': no text and no destination"
    assert messages[1] == "link '[x](#)' points to '#'"
    assert messages[2] == "link '[](https://x.org/e)' has no text: readers see nothing to click"
    assert all(d.fix is None for d in check(text, ("LL401",)))


def test_ll401_badge_link_has_text() -> None:
    assert found("[![CI](https://x.org/badge.svg)](https://x.org/ci)\n", ("LL401",)) == []


# ----------------------------------------------------------------------------------------------------------------
# LL402 malformed-link
# ----------------------------------------------------------------------------------------------------------------


def test_ll402_double_parens_fix() -> None:
    text = "- [Adai-zhihu]((https://www.zhihu.com/q/1)) end\n"
    assert found(text, ("LL402",)) == [(1, 3, "LL402", "[Adai-zhihu]((https://www.zhihu.com/q/1))")]
    assert fix(text, ("LL402",)) == "- [Adai-zhihu](https://www.zhihu.com/q/1) end\n"


def test_ll402_link_text_in_angle_brackets() -> None:
    # an imitation-learning list: "<[Title]>(url)" showed as text, and only LL404 spoke, of a bare URL
    text = ("* <[A Bayesian Approach to GAIL]>(http://ailab.kaist.ac.kr/papers/jeon2018) by Jeon, NIPS 2018.\n"
            "* <[Bayesian IRL](https://a.org/irl.pdf)> by Ramachandran\n* <[1]>(2019) is prose\n")
    assert found(text) == [(1, 3, "LL402", "<[A Bayesian Approach to GAIL]>(http://ailab.kaist.ac.kr/papers/jeon2018)")]
    assert fix(text, ("LL402",)).splitlines()[0] == (
        "* [A Bayesian Approach to GAIL](http://ailab.kaist.ac.kr/papers/jeon2018) by Jeon, NIPS 2018.")


def test_ll402_space_before_paren() -> None:
    text = "- [Adam] (https://arxiv.org/abs/1412.6980) and [1] (2019) and [see] (below)\n"
    assert found(text, ("LL402",)) == [(1, 3, "LL402", "[Adam] (https://arxiv.org/abs/1412.6980)")]
    assert fix(text, ("LL402",)) == "- [Adam](https://arxiv.org/abs/1412.6980) and [1] (2019) and [see] (below)\n"
    assert "no space between ']' and '('" in check(text, ("LL402",))[0].message


def test_ll402_space_before_a_relative_destination() -> None:
    # AwesomeCTR: '[text] (relative/path)' was not reported, while '[text] (https://…)' was
    paths = ["./building-blocks", "../up.md", "/docs", "#setup", "docs/guide.md", "docs/", "a/b/c", "guide.md",
             "notes.PDF"]
    prose = ["2019", "see above", "and/or", "TCP/IP", "w/o", "Node.js", "e.g.", "v1.2", "1/2/2019", "docs/guide"]
    text = "".join(f"- [Guide {k}] ({p}) - x\n" for k, p in enumerate(paths + prose))
    assert [shown for *_, shown in found(text, ("LL402",))] == [f"[Guide {k}] ({p})" for k, p in enumerate(paths)]
    assert fix(text, ("LL402",)).splitlines()[:2] == ["- [Guide 0](./building-blocks) - x", "- [Guide 1](../up.md) - x"]


def test_ll402_space_fix_makes_an_entry_and_keeps_the_rest() -> None:
    text = "# Papers\n\n- [Adam] (https://arxiv.org/abs/1412.6980)\n- [ViT](https://arxiv.org/abs/2010.11929)\n"
    before = parse(text)
    after = parse(fix(text, ("LL402",)))
    assert [e.title for e in before.entries] == ["ViT"]
    assert [e.title for e in after.entries] == ["Adam", "ViT"]


def test_ll402_unclosed_and_unbalanced() -> None:
    text = (
        "- [Unclosed](https://example.org/unclosed\n"
        "- [Parens](https://en.wikipedia.org/wiki/Foo_(bar) more\n"
        "- [Spaces](https://example.org/a b) end\n"
        "- no opening](https://example.org/open) here\n"
        "- [Relative](./docs/a.md\n"
    )
    got = found(text, ("LL402",))
    assert got == [
        (1, 3, "LL402", "[Unclosed](https://example.org/unclosed"),
        (2, 3, "LL402", "[Parens](https://en.wikipedia.org/wiki/Foo_(bar)"),
        (3, 3, "LL402", "[Spaces](https://example.org/a"),
        (4, 13, "LL402", "](https://example.org/open)"),
        (5, 3, "LL402", "[Relative](./docs/a.md"),
    ]
    diags = check(text, ("LL402",))
    assert [d.fix is not None for d in diags] == [True, False, False, False, True]
    assert "never closed" in diags[0].message
    assert "parentheses in the URL" in diags[1].message
    assert "contains spaces" in diags[2].message
    assert "no matching '['" in diags[3].message
    assert fix(text, ("LL402",)).splitlines()[0] == "- [Unclosed](https://example.org/unclosed)"


def test_ll402_a_bracket_after_an_unclosed_url_stays_outside_the_link() -> None:
    # "[[PDF](url]": the ']' closes the outer bracket; the ')' goes before it, not after (which made 'url]' the URL)
    text = "- MonoGaussianAvatar. arxiv 2025. [[PDF](https://arxiv.org/abs/2503.01448]\n- [T](https://x.org/a[1]\n"
    assert found(text, ("LL402",)) == [(1, 36, "LL402", "[PDF](https://arxiv.org/abs/2503.01448]"),
                                       (2, 3, "LL402", "[T](https://x.org/a[1]")]
    fixed = fix(text, ("LL402",))
    assert fixed == "- MonoGaussianAvatar. arxiv 2025. [[PDF](https://arxiv.org/abs/2503.01448)]\n" \
                    "- [T](https://x.org/a[1])\n"  # its own balanced brackets stay in the URL
    assert [link.url for link in parse(fixed).links] == ["https://arxiv.org/abs/2503.01448", "https://x.org/a[1]"]


def test_ll402_a_second_opening_parenthesis_before_the_url() -> None:
    # "[t]((url), more": the inner pair closes, the link's own '(' never does; LL404 leaves the URL to LL402
    text = "- GANHead. *[Sijing Wu]((https://wsj-sjtu.github.io), Yunhao Li.* [[PDF](https://arxiv.org/abs/2304.03950)]\n"
    assert found(text, ("LL402", "LL404")) == [(1, 13, "LL402", "[Sijing Wu]((https://wsj-sjtu.github.io)")]
    diags = check(text, ("LL402",))
    assert "a second '(' before the URL" in diags[0].message
    fixed = fix(text, ("LL402",))
    assert fixed.startswith("- GANHead. *[Sijing Wu](https://wsj-sjtu.github.io), Yunhao Li.*")
    assert [link.url for link in parse(fixed).links if link.kind is LinkKind.INLINE] == [
        "https://wsj-sjtu.github.io", "https://arxiv.org/abs/2304.03950"]


@pytest.mark.parametrize(
    "text",
    [
        "- [ ] (https://example.org/task) a task box\n",
        "1. [x] (https://example.org/task) done\n",
        "- Title [`READ`] (https://example.org/tag)\n",
        "- Title [UNREAD] (https://example.org/tag)\n",
        "- \\[escaped] (https://example.org/escaped)\n",
        "- `[t] (https://example.org/code)` and `[t](https://x.org/u`\n",
        "- [ok](https://en.wikipedia.org/wiki/Foo_(bar)) [[wrapped](https://example.org/w)]\n",
        "```\n[t] (https://example.org/fence)\n[u](https://x.org/u\n```\n",
        "<!-- [t] (https://example.org/comment) -->\n",
        "<div>\n[t] (https://example.org/html)\n</div>\n",
        "- [1] (2019) and [see] (below) and [a]: not a definition\n",
        "- [link [nested] text](https://x.org/n)\n",
        "- on the interval [0,1](x or f(x) and (a](b) in maths\n",
        "",
    ],
)
def test_ll402_not_reported(text: str) -> None:
    assert found(text, ("LL402",)) == []


def test_ll402_checkbox_word_inside_a_cell_is_a_link_attempt() -> None:
    text = "| a | b |\n|---|---|\n| Bad | [x] (https://example.org/x) |\n"
    assert found(text, ("LL402",)) == [(3, 9, "LL402", "[x] (https://example.org/x)")]


def test_ll402_suppresses_ll404_for_the_same_url() -> None:
    text = "- [Adam] (https://arxiv.org/abs/1412.6980)\n- [U](https://x.org/u\n"
    assert [code for _, _, code, _ in found(text, ("LL402", "LL404"))] == ["LL402", "LL402"]


# ----------------------------------------------------------------------------------------------------------------
# LL403 malformed-url
# ----------------------------------------------------------------------------------------------------------------

GLUED = "paper link: [here](https://arxiv.org/pdf/1611.01144.pdf%20http://arxiv.org/)\n"


def test_ll403_glued_tail_span_and_unsafe_fix() -> None:
    assert found(GLUED, ("LL403",)) == [(1, 56, "LL403", "%20http://arxiv.org/")]
    (diag,) = check(GLUED, ("LL403",))
    assert diag.fix is not None and diag.fix.applicability is Applicability.UNSAFE
    assert "has a second URL glued on: '%20http://arxiv.org/'" in diag.message
    assert fix(GLUED, ("LL403",)) == GLUED  # unsafe: not applied by default
    assert fix(GLUED, ("LL403",), unsafe=True) == "paper link: [here](https://arxiv.org/pdf/1611.01144.pdf)\n"


def test_ll403_problems_point_at_the_offending_part() -> None:
    text = (
        "- [htps](htps://example.org/) [nodot](http://github/x) [www](www.example.org/page)\n"
        "- [sp](<https://x.org/a b>) <https://x.org/a_(b> [tw](http:/x.org)\n"
    )
    assert found(text, ("LL403",)) == [
        (1, 10, "LL403", "htps:"),
        (1, text.index("github") + 1, "LL403", "github"),
        (1, text.index("www.example.org/page") + 1, "LL403", "www.example.org/page"),
        (2, 24, "LL403", " "),
        (2, 46, "LL403", "("),
        (2, 55, "LL403", "http:/"),
    ]


def test_ll403_a_markdown_link_pasted_as_the_destination() -> None:
    """rust-unofficial/awesome-rust, rcarubbi/awesome-brazilian-youtubers: a build badge linked to
    "([https://circleci.com/x](https://app.circleci.com/y))", an avatar to "(<[https://a](https://b)>)": the
    destination is a whole Markdown link, which the browser reads as a relative path; the report names that
    destination (it quoted the half after the last "](")."""
    text = ("- [![CI](https://c.org/b.svg)]([https://c.org/x](https://app.c.org/y?b=main))\n"
            "- [<img src=\"https://y.org/a.jpg\"/>](<[https://y.org/@a](https://y.org/@b)>)\n")
    assert found(text, ("LL403",)) == [
        (1, 32, "LL403", "[https://c.org/x](https://app.c.org/y?b=main)"),
        (2, 39, "LL403", "[https://y.org/@a](https://y.org/@b)"),
    ]
    (diag, _) = check(text, ("LL403",))
    assert "is a Markdown link '[…](…)', not a URL" in diag.message and diag.fix is None

def test_ll403_not_reported() -> None:
    text = (
        "- [a](https://web.archive.org/web/2020/https://example.com/) [b](https://gitpod.io/#https://github.com/x)\n"
        "- [c](https://en.wikipedia.org/wiki/Softmax_(function)) [d](mailto:a@b.org) [e](./docs/a.md) [f](#x)\n"
        "- [g](http://localhost:8000/) [h](https://münchen.de/) www.example.org\n"
    )
    assert found(text, ("LL403",)) == []


# ----------------------------------------------------------------------------------------------------------------
# LL404 bare-url
# ----------------------------------------------------------------------------------------------------------------


def test_ll404_bare_url_fix() -> None:
    text = "Course website: https://github.com/joanbruna/MathsDL-spring18, see www.example.org.\n"
    assert found(text, ("LL404",)) == [
        (1, 17, "LL404", "https://github.com/joanbruna/MathsDL-spring18"),
        (1, 68, "LL404", "www.example.org"),
    ]
    diags = check(text, ("LL404",))
    assert diags[0].fix is not None and diags[1].fix is None
    assert fix(text, ("LL404",)) == (
        "Course website: <https://github.com/joanbruna/MathsDL-spring18>, see www.example.org.\n"
    )


def test_ll404_offers_no_fix_for_a_url_that_is_itself_broken() -> None:
    # "[[Paper(url)]": the bare URL runs on to ")]"; wrapping it in <…> would make the broken URL look deliberate
    text = "- Beta. arXiv 2023. [[Paper(https://arxiv.org/abs/2303.16852)]\n"
    (diag,) = check(text, ("LL404",))
    assert diag.fix is None
    assert "the URL has unbalanced parentheses" in diag.message
    assert fix(text, ("LL404",)) == text


def test_ll404_not_in_code_html_or_links() -> None:
    text = (
        "`https://x.org/code` [https://x.org/text](https://x.org/t) <https://x.org/auto>\n\n"
        "```\nhttps://x.org/fence\n```\n\n<div>\nhttps://x.org/html\n</div>\n\n<!-- https://x.org/comment -->\n"
    )
    assert found(text, ("LL404",)) == []


# ----------------------------------------------------------------------------------------------------------------
# LL405 link-fragment
# ----------------------------------------------------------------------------------------------------------------


def test_ll405_fixture_positions_and_hint() -> None:
    text = (FIXTURES / "fragments.md").read_text(encoding="utf-8")
    assert found(text, ("LL405",)) == [(5, 13, "LL405", "#set-up")]
    (diag,) = check(text, ("LL405",))
    assert diag.message == "link fragment '#set-up' matches no heading or anchor of this file (did you mean '#setup'?)"


def test_ll405_repeated_heading_slug_counts() -> None:
    text = "- [a](#notes-2)\n- [b](#notes-1)\n\n## Notes\n\n## Notes\n"
    assert found(text, ("LL405",)) == [(1, 7, "LL405", "#notes-2")]


def test_ll405_checks_dot_slash_fragments_too() -> None:
    text = "- [a](./#week-1)\n- [b](./#week-3)\n- [c](./)\n\n## Week 1\n\n## Week 2\n"
    assert found(text, ("LL405",)) == [(2, 7, "LL405", "./#week-3")]


def test_ll405_fix_only_for_a_close_guess() -> None:
    # with three or four letters one edit is another word: '#GNN' is no typo of '#gan', nor '#NVS' of '#nas', nor
    # '#Deblur' of '#detr'; a number is never a typo ('#week-3' is no '#week-2'). Reported, the nearest anchor
    # named, no fix
    text = ("# Papers\n\n- [GNN](#GNN)\n- [Novel View Synthesis](#NVS)\n- [Deblur](#Deblur)\n- [W](#week-3)\n"
            "- [T](#transformer)\n- [S](#Set_Up)\n- [O](#optimzation-methods)\n\n"
            "## GAN\n\n## NAS\n\n## DETR\n\n## Week 2\n\n## Transformers\n\n## Set-up\n\n## Optimization methods\n")
    diags = check(text, ("LL405",))
    assert [(d.message[d.message.index(" (") + 1:], d.fix is not None) for d in diags] == [
        ("(the nearest heading anchor is '#gan')", False),
        ("(the nearest heading anchor is '#nas')", False),
        ("(the nearest heading anchor is '#detr')", False),
        ("(the nearest heading anchor is '#week-2')", False),
        # one edit in 11 letters, separators only, a swap in 19 letters: typos, fixed
        ("(did you mean '#transformers'?)", True),
        ("(did you mean '#set-up'?)", True),
        ("(did you mean '#optimization-methods'?)", True),
    ]
    fixed = fix(text, ("LL405",), unsafe=True)
    assert "(#GNN)" in fixed and "(#NVS)" in fixed and "(#Deblur)" in fixed and "(#week-3)" in fixed
    assert "(#transformers)" in fixed and "(#set-up)" in fixed and "(#optimization-methods)" in fixed


def test_ll405_guess_follows_the_table_of_contents_nesting_and_whole_words() -> None:
    # sweep 19 (irfnrdh/Awesome-Indonesia-NLP): '#tutorial', nested under the entry for 'Getting started', was
    # pointed at '#tutorials' in another part of the file, and '#dataset' at the '### Datasets' of that part
    text = ("# Indonesian NLP\n\n- [Getting started](#getting-started)\n  - [Tutorial](#tutorial)\n"
            "- [Dataset](#dataset)\n\n## Getting started\n\n### Tutorial for beginners\n\n- [a](https://a.org)\n\n"
            "## Dataset & Language modeling\n\n- [b](https://b.org)\n\n## Crawler data\n\n### Tutorials\n\n"
            "- [c](https://c.org)\n\n### Datasets\n\n- [d](https://d.org)\n")
    diags = check(text, ("LL405",))
    assert [d.message[d.message.index(" (") + 1:] for d in diags] == [
        "(did you mean '#tutorial-for-beginners'?)", "(did you mean '#dataset--language-modeling'?)"]
    fixed = fix(text, ("LL405",), unsafe=True)
    assert "(#tutorial-for-beginners)" in fixed and "(#dataset--language-modeling)" in fixed
    # two headings as likely as each other: both named, no fix
    tie = "# L\n\n- [Models](#models)\n\n## Models for vision\n\n## Models for text\n"
    (diag,) = check(tie, ("LL405",))
    assert diag.message.endswith("(did you mean '#models-for-vision' or '#models-for-text'?)")
    assert diag.fix is None
    # nothing under the parent's heading: the anchor elsewhere is named, not fixed (the real list has no
    # "Tutorial for beginners"); when the parent's heading has no headings under it, the table's nesting proves
    # nothing and a typo is fixed as before
    astray = text.replace("### Tutorial for beginners", "### Books")
    diag = check(astray, ("LL405",))[0]
    assert diag.message.endswith("(the nearest heading anchor is '#tutorials', in another part of the file)")
    assert diag.fix is None
    flat = "# L\n\n- [Models](#models)\n  - [T](#transformer)\n\n## Models\n\n## Transformers\n"
    assert "(#transformers)" in fix(flat, ("LL405",), unsafe=True)
    # a heading that another item of the table leads to has its entry: '#image' is not 'Image Processing' there
    # (sorrycc/awesome-javascript; with five letters, '#images' is no sure typo either)
    listed = "# L\n\n- [Image](#image)\n- [Image processing](#image-processing)\n\n## Images\n\n## Image Processing\n"
    (diag,) = check(listed, ("LL405",))
    assert diag.message.endswith("(the nearest heading anchor is '#images')") and diag.fix is None
    # a lone typo is fixed as before
    assert fix("# L\n\n- [T](#transformer)\n\n## Transformers\n", ("LL405",), unsafe=True).count("#transformers") == 1


def test_ll405_page_anchors_top_and_readme_are_always_valid() -> None:
    # GitHub's page has '#top', and the rendered README sits in an element with id "readme"
    text = "# T\n\n- [a](#top)\n- [b](#readme)\n- [c](#README)\n- [d](#readme-1)\n"
    assert found(text, ("LL405",)) == [(6, 7, "LL405", "#readme-1")]


def test_ll405_chinese_and_encoded_fragments() -> None:
    text = (FIXTURES / "chinese.md").read_text(encoding="utf-8")
    assert found(text, ("LL405",)) == [(6, 8, "LL405", "#泛化理论")]


# ----------------------------------------------------------------------------------------------------------------
# LL406 tracking-params
# ----------------------------------------------------------------------------------------------------------------

JMLR = (
    "- [Dropout](https://www.jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf?utm_content=buffer79b43"
    "&utm_medium=social&utm_source=twitter.com&utm_campaign=buffer,)\n"
)


def test_ll406_span_message_and_fix() -> None:
    ((line, col, code, shown),) = found(JMLR, ("LL406",))
    assert (line, col, code) == (1, JMLR.index("utm_content") + 1, "LL406")
    assert shown == "utm_content=buffer79b43&utm_medium=social&utm_source=twitter.com&utm_campaign=buffer,"
    (diag,) = check(JMLR, ("LL406",))
    assert diag.message == "tracking parameters in URL: utm_content, utm_medium, utm_source, utm_campaign"
    assert fix(JMLR, ("LL406",)) == (
        "- [Dropout](https://www.jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf)\n"
    )


def test_ll406_a_google_redirect_becomes_the_page_it_leads_to() -> None:
    """Removing scisig from a Scholar alert's redirect broke it (the signature covers the parameters): the whole
    redirect is reported and replaced by its target."""
    scholar = ("https://scholar.google.com/scholar_url?url=https://www.mdpi.com/1424-8220/23/2/853/pdf&hl=en&sa=X"
               "&d=485&scisig=AAGBfm1h&oi=scholaralrt")
    search = "https://www.google.com/url?sa=t&q=https%3A%2F%2Farxiv.org%2Fabs%2F1706.03762&usg=AOv"
    odd = "https://www.google.com/url?q=https://a.org/%3Cx%3E&usg=1"  # "<x>" cannot stand in a link: not fixed
    text = (f"- [Attacks]({scholar}) - x\n- [Attention]({search}) - y\n- [Odd]({odd})\n"
            "- [Maps](https://www.google.com/maps?q=paris) - z\n- [Alert](https://scholar.google.com/scholar?q=x)\n")
    diags = check(text, ("LL406",))
    assert [(d.span.of(text), d.message) for d in diags] == [
        (scholar, "a Google click-tracking redirect to 'https://www.mdpi.com/1424-8220/23/2/853/pdf': link to that page"),
        (search, "a Google click-tracking redirect to 'https://arxiv.org/abs/1706.03762': link to that page"),
        (odd, "a Google click-tracking redirect to 'https://a.org/<x>': link to that page"),
    ]
    assert [d.fix is not None for d in diags] == [True, True, False]
    assert fix(text, ("LL406",)) == text.replace(scholar, "https://www.mdpi.com/1424-8220/23/2/853/pdf").replace(
        search, "https://arxiv.org/abs/1706.03762")


def test_ll406_scisig_of_a_scholar_export_is_a_signature_not_tracking() -> None:
    # a Scholar BibTeX export link stops working without its scisig; on a search link it only tracks
    export = ("https://scholar.googleusercontent.com/scholar.bib?q=info:abc:scholar.google.com/&output=citation"
              "&scisdr=CgX&scisig=AAGBfm0&scisf=4&ct=citation&cd=-1&hl=en")
    text = f"- [bib]({export})\n- [s](https://scholar.google.com/scholar?q=x&scisig=AAG&hl=en)\n"
    assert [(line, code) for line, _, code, _ in found(text, ("LL406",))] == [(2, "LL406")]
    assert fix(text, ("LL406",)) == f"- [bib]({export})\n- [s](https://scholar.google.com/scholar?q=x&hl=en)\n"


def test_ll406_keeps_other_params_and_html() -> None:
    text = (
        "- [s](https://scholar.google.com/scholar?q=x&scisig=AAG&hl=en) <https://x.org/?fbclid=1&id=2>\n\n"
        '<p><a href="https://sponsor.example/?utm_source=list">S</a></p>\n\n'
        'Inline <a href="https://x.org/?utm_source=inline">html</a> stays.\n'
    )
    assert fix(text, ("LL406",)) == (
        "- [s](https://scholar.google.com/scholar?q=x&hl=en) <https://x.org/?id=2>\n\n"
        '<p><a href="https://sponsor.example/?utm_source=list">S</a></p>\n\n'
        'Inline <a href="https://x.org/?utm_source=inline">html</a> stays.\n'
    )


def test_ll406_options() -> None:
    text = "- [a](https://blog.example.org/p?src=feed&id=1) [b](https://news.example.com/i?utm_source=x)\n"
    assert [c for _, _, c, _ in found(text, ("LL406",))] == ["LL406"]
    config = config_of('[tracking]\nparams = ["src"]\nallow-hosts = ["example.com"]\n')
    assert found(text, ("LL406",), config) == [(1, 34, "LL406", "src=feed")]
    assert fix(text, ("LL406",), config=config) == (
        "- [a](https://blog.example.org/p?id=1) [b](https://news.example.com/i?utm_source=x)\n"
    )


def test_reference_links_are_not_empty_links() -> None:
    text = "See [paper][p] and [p].\n\n[p]: https://x.org/a?utm_source=x\n"
    # the URL is checked once, where it is written: the definition (not at each use)
    assert [(line, code) for line, _, code, _ in found(text)] == [(3, "LL406")]


# ----------------------------------------------------------------------------------------------------------------
# LL407 insecure-url
# ----------------------------------------------------------------------------------------------------------------


def test_ll407_fix_and_hosts() -> None:
    text = (
        "- [a](http://proceedings.mlr.press/v80/liao18c/liao18c.pdf) [b](HTTP://GitHub.com/x)\n"
        "- [c](http://www.offconvex.org/) [d](http://github.com:8080/x) [e](http://joanbruna.github.io/)\n"
    )
    second = text.index("\n") + 1
    assert found(text, ("LL407",)) == [
        (1, 7, "LL407", "http"),
        (1, text.index("HTTP") + 1, "LL407", "HTTP"),
        (2, text.index("http://joanbruna") - second + 1, "LL407", "http"),
    ]
    assert fix(text, ("LL407",)) == (
        "- [a](https://proceedings.mlr.press/v80/liao18c/liao18c.pdf) [b](HTTPs://GitHub.com/x)\n"
        "- [c](http://www.offconvex.org/) [d](http://github.com:8080/x) [e](https://joanbruna.github.io/)\n"
    )


def test_ll407_extra_hosts() -> None:
    text = "- [c](http://www.offconvex.org/) [u](http://cs.example.edu/~a)\n"
    config = config_of('[urls]\nhttps-hosts = ["www.offconvex.org", "*.example.edu"]\n')
    assert fix(text, ("LL407",), config=config) == "- [c](https://www.offconvex.org/) [u](https://cs.example.edu/~a)\n"


# ----------------------------------------------------------------------------------------------------------------
# LL408 canonical-url
# ----------------------------------------------------------------------------------------------------------------


def test_ll408_is_off_by_default() -> None:
    text = "- [a](https://arxiv.org/pdf/1211.5063v1.pdf)\n"
    assert not any(d.code == "LL408" for d in lint(parse(text), RuleSet.build(REGISTRY, DEFAULT)))
    assert fix(text, ("LL408",)) == "- [a](https://arxiv.org/abs/1211.5063)\n"


def test_ll408_options_and_skips() -> None:
    text = "- [a](https://arxiv.org/abs/1211.5063v1) [g](https://arxiv.org/pdf/1611.01144.pdf%20http://arxiv.org/)\n"
    config = config_of('[rules.canonical-url]\narxiv-form = "pdf"\nkeep-version = true\n')
    assert fix(text, ("LL408",), config=config) == (
        "- [a](https://arxiv.org/pdf/1211.5063v1) [g](https://arxiv.org/pdf/1611.01144.pdf%20http://arxiv.org/)\n"
    )


def test_ll407_and_ll408_converge_together() -> None:
    text = "- [a](http://dx.doi.org/10.1145/3446776) [b](http://arxiv.org/pdf/1412.6980v9.pdf)\n"
    fixed = fix(text, ("LL407", "LL408"))
    assert fixed == "- [a](https://doi.org/10.1145/3446776) [b](https://arxiv.org/abs/1412.6980)\n"


# ----------------------------------------------------------------------------------------------------------------
# LL409 link-bibtex-agreement
# ----------------------------------------------------------------------------------------------------------------


def test_ll409_fixture() -> None:
    text = (FIXTURES / "bibtex.md").read_text(encoding="utf-8")
    diags = check(text, ("LL409",))
    source = SourceText(text)
    assert [(source.position(d.span.start), d.span.of(text)) for d in diags] == [
        ((17, 20), "https://arxiv.org/abs/1711.00166"),
        ((29, 20), "https://arxiv.org/pdf/1211.5063v1.pdf"),
        ((41, 20), "https://dl.acm.org/doi/pdf/10.1145/3446776"),
    ]
    assert diags[0].message == (
        "the link names arXiv 1711.00166 but the BibTeX journal (line 22) names arXiv 1711.00165"
    )
    assert diags[2].message == "the link names DOI 10.1145/3446776 but the BibTeX doi (line 47) names DOI 10.1145/3446777"
    assert all(d.severity.value == "warning" and d.fix is None for d in diags)


def test_ll409_reads_only_parsed_blocks() -> None:
    text = (FIXTURES / "bibtex.md").read_text(encoding="utf-8")
    document = parse(text)
    unparsed = [b for b in document.bibtex_blocks if not b.parsed or not b.entries]
    assert unparsed  # the broken block at the end
    assert all(d.span.start < unparsed[0].span.start for d in check(text, ("LL409",)))


# ----------------------------------------------------------------------------------------------------------------
# fixtures: expected findings, CRLF, idempotent fixes
# ----------------------------------------------------------------------------------------------------------------

FIXTURE_FILES = sorted(FIXTURES.glob("*.md"))


def _expected(path: Path) -> list[str]:
    return [line for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines() if line]


def _actual(text: str) -> list[str]:
    return [f"{line}:{col} {code}" for line, col, code, _ in found(text)]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _actual(text) == _expected(path)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_crlf_same_positions_and_fixes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")
    assert _actual(crlf) == _expected(path)
    for unsafe in (False, True):
        assert fix(crlf, unsafe=unsafe) == fix(text, unsafe=unsafe).replace("\n", "\r\n")


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixture_fix_is_idempotent_and_clean(path: Path, unsafe: bool) -> None:
    text = path.read_text(encoding="utf-8")
    once = fix(text, unsafe=unsafe)
    assert fix(once, unsafe=unsafe) == once
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    assert [d for d in check(once) if d.fix is not None and d.fix.applicability in allowed] == []


# ----------------------------------------------------------------------------------------------------------------
# the docs of this family (also run by test_rule_docs.py once the family is registered)
# ----------------------------------------------------------------------------------------------------------------

DOCS = sorted([*RULES_DIR.glob("LL40*.md"), *RULES_DIR.glob("LL414-*.md")])


def test_every_rule_of_the_family_has_its_doc() -> None:
    names = {p.name for p in DOCS}
    for rule in ll4_urls.RULES:
        assert f"{rule.code}-{rule.name}.md" in names


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_doc_examples(doc: Path) -> None:
    code = doc.name[:5]
    for name in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"):
        assert name in sections(doc)
    previous = None
    kinds = []
    for example in examples(doc):
        config = config_of(example.config)
        where = f"{doc.name}:{example.line}"
        codes = [d.code for d in check(example.text, (code,), config)]
        kinds.append(example.kind)
        if example.kind == "markdown bad":
            assert code in codes, f"{where}: not reported"
            previous = example
        elif example.kind == "markdown good":
            assert code not in codes, f"{where}: reported"
        else:
            assert previous is not None
            unsafe = example.kind.endswith("unsafe")
            fixed = fix(previous.text, (code,), unsafe=unsafe, config=config_of(previous.config))
            assert fixed == example.text, f"{where}: fix of the bad example differs"
            assert code not in codes, f"{where}: still reported"
    assert "markdown bad" in kinds and any(k.startswith("markdown good") for k in kinds)


# ----------------------------------------------------------------------------------------------------------------
# seeds: hand-reviewed snapshot, and `fix` on every corpus file
# ----------------------------------------------------------------------------------------------------------------

SNAPSHOT = FIXTURES / "seeds.snapshot"


def _seed_findings(corpus: Path) -> list[str]:
    rs = RuleSet.build(REGISTRY, DEFAULT, select=("LL4",))
    out = []
    for path in sorted((corpus / "seeds").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        document = parse(text, path.name)
        for d in lint(document, rs):
            if d.code in CODES:
                line, col = document.source.position(d.span.start)
                out.append(f"{path.name}:{line}:{col} {d.code}")
    return out


def test_seed_snapshot(corpus: Path) -> None:
    expected = [line for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    assert _seed_findings(corpus) == expected


def test_seed_snapshot_shows_the_known_defects(corpus: Path) -> None:
    got = _seed_findings(corpus)
    theory = (corpus / "seeds" / "theory-for-deep-learning.md").read_text(encoding="utf-8")
    zh = (corpus / "seeds" / "deep-learning-theory-notes-zh.md").read_text(encoding="utf-8")

    def where(text: str, needle: str) -> str:
        line, col = SourceText(text).position(text.index(needle))
        return f"{line}:{col}"

    assert f"theory-for-deep-learning.md:{where(theory, '%20http://arxiv.org/')} LL403" in got  # the glued URL
    assert f"theory-for-deep-learning.md:{where(theory, 'utm_content')} LL406" in got  # the utm_* parameters
    assert f"deep-learning-theory-notes-zh.md:{where(zh, '[]()')} LL401" in got
    assert f"deep-learning-theory-notes-zh.md:{where(zh, '[Adai-zhihu]((')} LL402" in got


CORPUS_FILES = ["seeds/" + n for n in (
    "deep-learning-explained.md", "deep-learning-theory-notes-zh.md", "dl-theory-course-page.md",
    "maths-of-deep-learning-course.md", "theory-for-deep-learning.md")] + ["real/" + n for n in (
    "lucidrains__x-transformers.md", "sindresorhus__awesome.md", "vinta__awesome-python.md",
    "zeke-xie__deep-learning-dynamics-paper-list.md")]


@pytest.mark.parametrize("name", CORPUS_FILES)
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_corpus_fix_is_idempotent_and_loses_no_entry(corpus: Path, name: str, unsafe: bool) -> None:
    text = (corpus / name).read_text(encoding="utf-8")
    once = fix(text, DEFAULT_CODES, unsafe=unsafe)
    assert fix(once, DEFAULT_CODES, unsafe=unsafe) == once
    before, after = parse(text), parse(once)
    assert len(after.entries) >= len(before.entries)
    titles_after = [e.title for e in after.entries]
    for entry in before.entries:
        assert entry.title in titles_after, f"entry {entry.title!r} lost"


def test_corpus_fix_of_theory_list(corpus: Path) -> None:
    text = (corpus / "seeds" / "theory-for-deep-learning.md").read_text(encoding="utf-8")
    safe = fix(text, DEFAULT_CODES)
    assert "utm_" not in safe and "http://proceedings" not in safe and "http://openaccess" not in safe
    assert "1611.01144.pdf%20http://arxiv.org/" in safe  # the glued tail needs --unsafe-fixes
    unsafe = fix(text, DEFAULT_CODES, unsafe=True)
    assert "(https://arxiv.org/pdf/1611.01144.pdf)" in unsafe
    (gumbel,) = [e for e in parse(unsafe).entries if e.title.startswith("Categorical reparameterization")]
    assert gumbel.primary_link is not None and gumbel.primary_link.url == "https://arxiv.org/pdf/1611.01144.pdf"


def test_property_bugs_b5_b7_stay_fixed() -> None:
    from listlint.api import fix_text, lint_text

    # B5: a URL that is also the entry's title is rewritten with the title declared changed (no FixError)
    assert fix_text("- <http://arxiv.org/abs/1706.03762?utm_source=x>\n") == "- <https://arxiv.org/abs/1706.03762>\n"
    # B7: a bare URL holding a control character cannot become an autolink: reported, no fix
    (found,) = lint_text("see http://x.org/\x01a\n", select=("LL404",))
    assert found.fix is None
    assert fix_text("see http://x.org/\x01a\n") == "see http://x.org/\x01a\n"


def test_ll405_slugs_come_from_the_rendered_heading_text() -> None:
    # GitHub slugs what a heading renders to: the link's text '[TOC]' (nested brackets), not its URL; no HTML tags;
    # '&nbsp;' decoded to U+00A0, which the slug drops; a reference image contributes nothing (GitHub ignores alt
    # text); a reference link its text; '_' emphasis markers go, an escaped '\_' stays
    text = (
        "- [a](#cli-tools-toc)\n- [b](#markdown-tools-)\n- [c](#read-the-docs)\n- [d](#snake_case-emph-_x_)\n"
        "- [e](#cli-tools-tocread-the-docs)\n- [f](#markdown-tools)\n\n"
        "#### CLI Tools &nbsp;[<sup>[TOC]</sup>](#read-the-docs)\n\n"
        "### Markdown Tools [![Awesome List][icon]](https://github.com/x/y#tools)\n\n"
        "## Read [the docs][docs]\n\n## snake_case _emph_ \\_x\\_\n\n"
        "[icon]: https://example.org/icon.svg\n[docs]: https://example.org/docs\n"
    )
    assert [shown for *_, shown in found(text, ("LL405",))] == [
        "#cli-tools-tocread-the-docs", "#markdown-tools"]


def test_heading_slugs_is_the_one_slug_computation_of_ll106_and_ll405() -> None:
    from listlint.parser import parse
    from listlint.rules.ll1_headings import slugs
    from listlint.rules.ll4_urls import heading_slugs

    document = parse("# A &amp; [B [c]](#x)\n\n## A & B c\n\n## <em>A</em> &amp; B c\n")
    assert heading_slugs(document) == ("a--b-c", "a--b-c-1", "a--b-c-2")
    assert [slug for slug, _ in slugs(document)] == list(heading_slugs(document))


def test_ll402_a_scheme_markdown_refuses_to_link_is_named() -> None:
    # a backdoor-learning list linked a thesis on the author's disk: the message blamed the brackets, which balance
    text = "- Check Your Other Door.\n  [[pdf]](file:///C:/Users/R/Downloads/Thesis.pdf)\n- [[a] b](https://x.org)\n"
    found = check(text, ("LL402",))
    assert [d.message for d in found] == [
        "'[[pdf]](file:///C:/Users/R/Downloads/Thesis.pdf)' is not a link: Markdown does not link 'file:' URLs "
        "(only the text shows)"]


def test_a_link_written_with_braces_is_malformed_and_its_url_no_bare_url() -> None:
    # adbar/German-NLP: "[t]{url}"; LL404 used to offer <url}> with the brace inside, and the fixed file then held
    # an entry titled "[TeCoPhy: A Text Corpus]{"
    text = "# Corpora\n\n* [TeCoPhy: A Text Corpus]{https://zenodo.org/records/8316079}\n* [0,1]{x} and [a]{b} are prose\n"
    found = [(d.code, parse(text).source.position(d.span.start)) for d in lint_text(text, select=("LL4",))]
    assert found == [("LL402", (3, 3))]
    fixed = fix_text(text, select=("LL4",))
    assert fixed == text.replace("]{https://zenodo.org/records/8316079}", "](https://zenodo.org/records/8316079)")
    assert [(e.title, e.primary_link.url) for e in parse(fixed).entries][:1] == [
        ("TeCoPhy: A Text Corpus", "https://zenodo.org/records/8316079")]


def test_a_link_in_a_cell_past_the_header_or_split_by_a_pipe_is_named_so() -> None:
    text = ("# T\n\n| Link | Lang |\n| --- | --- |\n| [A](https://a.dev/1) | EN | [B](https://b.dev/2) | PT |\n"
            "| [a | b](https://a.dev/x) | EN |\n")
    assert [d.message for d in lint_text(text, select=("LL402",))] == [
        "'[B](https://b.dev/2)' is not shown: it is in a cell past the table header's columns, which Markdown drops",
        "'[a | b](https://a.dev/x)' is not a link: the '|' in its text ends the table cell (write it '\\|')"]


def test_html_images_are_links_whose_quoted_spaces_are_fine() -> None:
    text = ('# L\n\n<p align="center"><img src="./imgs/Hourglass Networks.png"> <img src="http://wang-ps.github.io/t.png">'
            '</p>\n\nOur logo: <img src="https://a.dev/logo.png">.\n')
    doc = parse(text)
    assert [(link.url, link.kind.value, link.span.of(text)) for link in doc.links] == [
        ("./imgs/Hourglass Networks.png", "image", "./imgs/Hourglass Networks.png"),
        ("http://wang-ps.github.io/t.png", "image", "http://wang-ps.github.io/t.png"),
        ("https://a.dev/logo.png", "image", "https://a.dev/logo.png")]
    assert [d.code for d in lint_text(text, select=("LL4",))] == ["LL407"]  # github.io serves HTTPS; no LL403


# ---- LL414 duplicate-definition ---------------------------------------------------------------------------------

def test_ll414_a_label_defined_twice() -> None:
    text = ("# Papers\n\n1. Defocus Blur Detection. ECCV 2020 [[code]][15.64]\n"
            "2. Boosting Object Detection. ECCV 2020 [[code]][15.64]\n\n"
            "[15.64]: https://github.com/vinthony/depth-distillation\n"
            "[15.64]: https://github.com/mikuhatsune/wsod_transfer\n"
            "[Same]: https://a.dev/x\n"
            "[same]:   https://a.dev/x\n"  # labels match without regard to case or spacing
            "[other]: https://b.dev\n"
            "```\n[other]: https://c.dev\n```\n")  # in code: no definition
    found_ = lint_text(text, select=["LL414"])
    source = SourceText(text)
    assert [(source.position(d.span.start), d.span.of(text), d.severity.value) for d in found_] == [
        ((7, 2), "15.64", "error"), ((9, 2), "same", "warning")]
    assert found_[0].message == (
        "reference '[15.64]' is already defined on line 6 as 'https://github.com/vinthony/depth-distillation': "
        "Markdown uses that one, so 'https://github.com/mikuhatsune/wsod_transfer' is never linked (give this one "
        "its own label)")
    assert found_[1].message.startswith("reference '[same]' is defined again with the same URL as on line 8")


def test_ll414_the_later_definitions_are_links_of_the_document() -> None:
    text = "[a]: https://one.dev\n[A]: http://two.dev/?utm_source=x\n\nSee [a].\n"
    document = parse(text)
    assert [(link.url, link.span.of(text)) for link in document.links if link.kind is LinkKind.DEFINITION] == [
        ("https://one.dev", "https://one.dev"), ("http://two.dev/?utm_source=x", "http://two.dev/?utm_source=x")]
    assert document.references == {"A": "https://one.dev"}  # the first one is what [a] uses
    # the URL rules read the second definition too: it is written in the file
    assert {d.code for d in lint_text(text)} >= {"LL406", "LL414"}


def test_ll405_github_user_content_prefix_names_the_anchor() -> None:
    # GitHub renders a heading's anchor as id="user-content-<slug>" (and an HTML name="x" as "user-content-x"), so
    # '#user-content-arcade' scrolls to '## Arcade' as '#arcade' does: tables of contents write it that way
    text = ("# Games\n\n- [Arcade](#user-content-arcade)\n- [Action](#user-content-action-1)\n"
            "- [Old](#user-content-old)\n- [Gone](#user-content-gone)\n\n"
            "## Arcade\n\n## Action\n\n## Action\n\n<a name=\"old\"></a>\n\n## Other\n")
    assert found(text, ("LL405",)) == [(6, 10, "LL405", "#user-content-gone")]


def test_ll404_not_in_a_bibtex_field_written_as_text() -> None:
    # BibTeX pasted without a fence (or in an inline <pre> after a reference): 'url = {https://…}' is a field value,
    # and wrapping it, '{<https://…}>', broke the entry. A bare URL in the prose around it is still reported.
    text = ("# P\n\n- [A paper title](https://arxiv.org/abs/1706.03762)\n\n@article{vaswani2017,\n"
            "  title={Attention is all you need},\n  url={https://arxiv.org/abs/1706.03762},\n"
            "  howpublished = \"\\url{https://example.org/x}\",\n  year={2017}\n}\n\n"
            "1. Cataldo, G. [Multifidelity UQ](https://example.org/m). 2022. <details><summary>BibTeX</summary><pre>\n"
            "@article{cataldo2022,\n  URL = {https://doi.org/10.1117/1.JATIS.8.3.038001}\n}</pre></details>\n\n"
            "See https://example.org/docs for more.\n")
    assert found(text, ("LL404",)) == [(17, 5, "LL404", "https://example.org/docs")]
    assert fix(text, ("LL404",)) == text.replace("See https://example.org/docs", "See <https://example.org/docs>")


def test_ll414_comment_definitions_are_no_duplicates() -> None:
    # ml4bio/RNA-FM: '[//]: # (…)' is Markdown's comment idiom (a definition nobody links to, its title the comment);
    # five comments were "defined again … this definition can go", which would delete them
    text = ("# RNA-FM\n\n[//]: # (a badge kept for later)\n\n- [RNA-FM](https://github.com/ml4bio/RNA-FM)\n\n"
            "[//]: # (- **RNA-FM** is a BERT-style model)\n\n[comment]: <> (first note)\n\n[comment]: <> (second note)\n\n"
            "[ref]: #\n[ref]: https://example.org/real\n")
    # a real URL under a label a placeholder took first is still never linked
    assert found(text, ("LL414",)) == [(14, 2, "LL414", "ref")]
