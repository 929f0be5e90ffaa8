"""Regressions found by running check and fix over ~2,500 unseen Markdown files and mutations of them (npm and PyPI
package docs, public awesome and paper lists): each test is a reduced repro of what went wrong."""

from __future__ import annotations

from listlint.api import fix_text, lint_text
from listlint.parser import parse


def _codes(text: str, select: str) -> list[tuple[int, str]]:
    return [(d.line, d.diagnostic.code) for d in _located(text, select)]


def _located(text: str, select: str) -> list:  # type: ignore[type-arg]
    from listlint.reporters import Located

    doc = parse(text)
    return [Located.of(d, doc.source) for d in lint_text(text, select=[select])]


def test_emoji_shortcodes_before_the_title_link_are_not_the_title() -> None:
    doc = parse("# L\n\n- :star: [Alpha](https://alpha.org) - First tool.\n- ⭐ :fire: [Gamma](https://g.org)\n"
                "- [ ] :scroll: [Paper B](https://b.org)\n")
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        ("Alpha", "https://alpha.org"), ("Gamma", "https://g.org"), ("Paper B", "https://b.org")]
    assert doc.entries[0].description == "First tool"


def test_a_task_box_is_not_part_of_a_plain_text_title() -> None:
    doc = parse("# L\n\n- [x] Some title here [pdf](https://a.org/p.pdf)\n")
    assert [e.title for e in doc.entries] == ["Some title here"]


def test_adding_a_task_box_before_a_shortcode_keeps_the_titles() -> None:
    text = "# L\n\n- [ ] [Paper A](https://a.org)\n- :scroll: [Paper B](https://b.org)\n"
    assert fix_text(text, unsafe=True, select=["LL301"]) == \
        "# L\n\n- [ ] [Paper A](https://a.org)\n- [ ] :scroll: [Paper B](https://b.org)\n"


WRAPPED = "# Papers\n\n- [`READ`] [Attention Is All\n  You Need](https://arxiv.org/abs/1706.03762)\n" \
          "- [BERT](https://arxiv.org/abs/1810.04805) [`READ`]\n"


def test_a_tag_moved_behind_a_wrapped_title_link_lands_after_the_link() -> None:
    # it once went to the end of the first line, inside the link text: the entry lost its status, its title changed
    fixed = fix_text(WRAPPED)
    assert fixed == "# Papers\n\n- [Attention Is All\n  You Need](https://arxiv.org/abs/1706.03762) [`READ`]\n" \
                    "- [BERT](https://arxiv.org/abs/1810.04805) [`READ`]\n"
    doc = parse(fixed)
    assert [(e.title, e.status.value if e.status else None) for e in doc.entries] == [
        ("Attention Is All You Need", "READ"), ("BERT", "READ")]


def test_a_tag_after_a_wrapped_title_link_is_the_entry_status() -> None:
    text = "# Papers\n\n- [Deep Residual Learning](https://arxiv.org/abs/1512.03385) [`READ`]\n" \
           "- [Attention Is All\n  You Need](https://arxiv.org/abs/1706.03762) [`READ`] - a classic\n" \
           "- [Wrapped\n  without a tag](https://arxiv.org/abs/1706.03763)\n"
    doc = parse(text)
    assert [(e.status.value if e.status else None, e.description) for e in doc.entries] == [
        ("READ", "[`READ`]"), ("READ", "[`READ`] - a classic"), (None, "")]
    assert _codes(text, "LL301") == [(6, "LL301")]
    # the unsafe fix converges (it once inserted into the link text, twelve times over)
    fixed = fix_text(text, unsafe=True, select=["LL301"])
    assert fixed.endswith("- [Wrapped\n  without a tag](https://arxiv.org/abs/1706.03763) [`UNREAD`]\n")


def test_an_empty_heading_does_not_turn_a_run_of_entry_headings_into_sections() -> None:
    text = "### [ResNet](https://arxiv.org/abs/1512.03385)\n### [BERT](https://arxiv.org/abs/1810.04805)\n#Notes\n\n" \
           "####\n"
    assert [e.title for e in parse(text).entries] == ["ResNet", "BERT"]
    # LL103's unsafe fix makes "#Notes" a heading, which may change the entries: it says so, and is written
    fixed = fix_text(text, unsafe=True, select=["LL103"])
    assert "\n# Notes\n" in fixed


def test_a_new_heading_that_joins_a_heading_run_is_a_declared_change() -> None:
    fixed = fix_text("###www.t\n### [flake8]\n[flake8]:/\n", unsafe=True, select=["LL103"])
    assert fixed.startswith("### www.t\n")


def test_a_badge_in_the_title_heading_leaves_a_dash_in_its_anchor() -> None:
    text = "# Awesome-LLM [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n- [Top](#awesome-llm-)\n"
    assert _codes(text, "LL405") == []
    assert _codes(text.replace("#awesome-llm-)", "#awesome-llm-awesome)"), "LL405") == [(3, "LL405")]


def test_marker_space_is_kept_where_a_code_span_wraps_onto_the_next_line() -> None:
    # markdown-it keeps the continuation line's indentation past the item's text column inside a code span: moving
    # the column would add spaces to the code (seen in an npm package's readme)
    text = "# L\n\n*   `message` (default: `Expected values to be deeply\n    equal`)\n*   plain\n"
    assert _codes(text, "LL204") == [(3, "LL204"), (5, "LL204")]
    assert fix_text(text, select=["LL204"]) == text.replace("*   plain", "* plain")


def test_a_list_of_ones_resumed_after_details_at_the_next_shown_number_is_consistent() -> None:
    # "1." items render as 1, 2, 3; a list the author resumes below a <details> line at 4 continues what a reader saw
    text = "# L\n\n1. a\n1. b\n1. c\n\n<details>\n\n4. d\n1. e\n\n</details>\n\n1. x\n1. y\n\n7. bad\n"
    assert _codes(text, "LL205") == [(17, "LL205")]


def test_items_below_a_task_box_item_share_its_status() -> None:
    # a checklist (awesome's pull request template): the nested link items explain the ticked item above them
    text = "# Checklist\n\n- [ ] Includes a project logo.\n\t- [Example](https://a.org/x) of a centered logo\n" \
           "- [x] [Licence](https://a.org/l) chosen\n- [x] [Badge](https://a.org/b) added\n" \
           "- [ ] [Contents](https://a.org/c) section\n- [Fifth](https://a.org/t) without a box\n"
    assert _codes(text, "LL301") == [(8, "LL301")]


def test_relative_links_to_two_sections_of_one_page_are_not_duplicates() -> None:
    # ML-Papers-of-the-Week links every week's section as "./#top-ml-papers-of-the-week-..."
    text = "# L\n\n- [Week 2](./#week-2)\n- [Week 1](./#week-1)\n- [Notes](docs/a.md#usage)\n" \
           "- [Notes again](docs/a.md#usage)\n- [Paper](https://a.org/p#abstract)\n- [Paper](https://a.org/p)\n"
    assert _codes(text, "LL601") == [(6, "LL601"), (8, "LL601")]


def test_a_sentence_that_runs_into_its_link_is_prose_not_an_entry() -> None:
    # a sponsorship page and contribution checklists: "... of [site](url)", "I have read the [guide](url)"
    text = "# Tiers\n\n- Text link in the sponsor section of [awesome-python.com](https://awesome-python.com/)\n" \
           "- I have read the [contribution guide](https://a.org/guide)\n" \
           "- Deep Residual Learning. In [CVPR 2016](https://b.org/cvpr) - He et al.\n" \
           "- Attention Is All You Need [pdf](https://arxiv.org/abs/1706.03762)\n"
    assert [e.title for e in parse(text).entries] == ["Deep Residual Learning", "Attention Is All You Need"]


def test_mojibake_at_a_line_start_may_make_an_entry_and_says_so() -> None:
    # a garbled bullet ("â€¢") keeps its citation line from being an entry until LL114 re-decodes it
    text = "# Papers\n\nKey papers\n\n  • Srivastava, N., Hinton, G. (2014). Dropout: a way to prevent overfitting. " \
           "JMLR, 15, 1929-1958.\n  â€¢ Baldi, P., & Sadowski, P. J. (2013). Understanding dropout. NeurIPS, 26, " \
           "2814-2822.\n  • Wager, S., & Liang, P. S. (2013). Dropout training as adaptive regularization. NeurIPS.\n"
    assert len(parse(text).entries) == 2
    fixed = fix_text(text, select=["LL114"])
    assert "  • Baldi" in fixed and len(parse(fixed).entries) == 3


def test_relevelling_a_heading_may_make_entry_headings_and_says_so() -> None:
    # reduced from a mutated package readme: "#### Type" joins "#### `ContainerDirective`" in a run of entry headings
    text = "```ts\n```\n### `TextDirective`\n###### Type\n```ts\n```\nIt includes the mixin **[Directive][d]**.\n" \
           "```js\n```\n#### `ContainerDirective`\n```idl\n```\nIt includes the mixin **[Directive][d]**.\n\n" \
           "[d]: #directive\n"
    fixed = fix_text(text, unsafe=True, select=["LL101"])
    assert "\n#### Type\n" in fixed


def test_a_name_with_parentheses_before_a_bare_url_is_an_entry() -> None:
    # speech-synthesis-paper-list: "Foliate(PDF): https://…" among "rich: https://…" items was no entry (LL201)
    text = ("# Tools\n\n- rich: https://github.com/Textualize/rich\n- hydra: https://github.com/facebookresearch/hydra\n"
            "- Foliate(PDF): https://johnfactotum.github.io/foliate/\n- Okular (PDF): https://okular.kde.org/\n"
            "- [Adam] (https://arxiv.org/abs/1412.6980)\n- Adam (https://arxiv.org/abs/1412.6980)\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        ("rich", "https://github.com/Textualize/rich"), ("hydra", "https://github.com/facebookresearch/hydra"),
        ("Foliate(PDF)", "https://johnfactotum.github.io/foliate/"), ("Okular (PDF)", "https://okular.kde.org/")]
    assert _codes(text, "LL201") == []


def test_a_heading_entry_s_note_that_mentions_a_paper_leaves_it_an_entry() -> None:
    # adv-patch-paper-list: "1. The idea is basically [Minority Reports](url) with ViT" under "#### [Title](url)"
    # made the heading a section and the note an entry titled "The idea is basically" (and an LL601 against the
    # paper it cites)
    text = ("# Patch Defenses\n\n## Certified\n\n#### [Minority Reports Defense](https://arxiv.org/abs/2004.13799)\n\n"
            "ECCV 2020\n\n1. masks and votes\n\n#### [PatchCleanser](https://arxiv.org/abs/2108.09135)\n\n"
            "USENIX Security 2022\n\n1. compatible with any classifier\n\n"
            "#### [Zero-Shot Certified Defense](https://arxiv.org/abs/2111.10481)\n\narXiv 2111\n\n"
            "1. The idea is basically [Minority Reports](https://arxiv.org/abs/2004.13799) with ViT\n")
    doc = parse(text)
    assert [(e.layout.value, e.title) for e in doc.entries] == [
        ("heading", "Minority Reports Defense"), ("heading", "PatchCleanser"), ("heading", "Zero-Shot Certified Defense")]
    assert _codes(text, "LL601") == []
    # an item that names its paper by a label link, or starts with the link, is still an entry
    listed = ("# L\n\n- Deep residual learning [pdf](https://a.org/p.pdf) and more\n"
              "- [Adam](https://arxiv.org/abs/1412.6980) is a method for stochastic optimization\n")
    assert [e.title for e in parse(listed).entries] == ["Deep residual learning", "Adam"]


def test_two_links_joined_by_and_name_one_entry_without_a_separator_between_them() -> None:
    # awesome-javascript: "[Array Explorer](url) and [Object Explorer](url) - Resources …": LL207 took ' ' for the
    # separator, and its unsafe fix wrote "[Array Explorer](url) - and [Object Explorer](url) - Resources …"
    text = ("# JS\n\n## Misc\n\n- [BitSet.js](https://github.com/infusion/BitSet.js) - A Bit-Vector implementation.\n"
            "- [spoiler-alert](https://github.com/joshbuddy/spoiler-alert) - Hide spoilers on your site.\n"
            "- [Array Explorer](https://github.com/sdras/array-explorer) and "
            "[Object Explorer](https://objectexplorer.netlify.app/) - Resources to pick a native method.\n"
            "- [Lodash](https://lodash.com)nothing between\n")
    assert _codes(text, "LL207") == [(8, "LL207")]


def test_a_paragraph_opened_by_a_bold_title_then_label_links_is_a_paper() -> None:
    # 3D-Machine-Learning: ":gem: <b>MeshNet … (AAAI 2019)</b> [[Paper]](url) [[Code]](url)" paragraphs were not
    # entries (9 entries for hundreds of papers, three copies of PointGrid unreported)
    text = ("# 3D\n\n## Classification\n\n"
            "**PointNet: Deep Learning on Point Sets (2017)** [[Paper]](https://arxiv.org/abs/1612.00593) "
            "[[Code]](https://github.com/charlesq34/pointnet)\n\n"
            ":gem: <b> MeshNet: Mesh Neural Network (AAAI 2019) </b> [[Paper]](https://arxiv.org/pdf/1811.11424.pdf)\n"
            '<p align="center"><img width="50%" src="https://example.org/meshnet.jpg" /></p>\n\n'
            "🔥 <strong>SpiderCNN (2018)</strong> [[Paper]](https://github.com/xyf513/SpiderCNN)\n\n"
            "**Note:** [[Paper]](https://example.org/not-a-title)\n\n"
            "**See also** the [survey](https://example.org/survey) of the field.\n")
    doc = parse(text)
    assert [(e.title, text[e.title_span.start:e.title_span.end] if e.title_span else None) for e in doc.entries] == [
        ("PointNet: Deep Learning on Point Sets (2017)", "PointNet: Deep Learning on Point Sets (2017)"),
        ("MeshNet: Mesh Neural Network (AAAI 2019)", "MeshNet: Mesh Neural Network (AAAI 2019)"),
        ("SpiderCNN (2018)", "SpiderCNN (2018)")]


def test_a_paper_paragraph_keeps_its_bibtex_across_its_authors_line() -> None:
    # awesome-model-quantization: paper, authors, then its BibTeX in <details>: the BibTeX was no entry's, and its
    # eprint was reported as a duplicate of the paper's own link (LL604)
    text = ("# Quantization\n\n## Survey\n\n"
            "**A Survey of Quantization Methods** [[Paper](https://arxiv.org/abs/2103.13630)]\n\n"
            "Amir Gholami, Sehoon Kim. (\\* Equal contribution)\n\n"
            "<details><summary>Bibtex</summary><pre><code>@misc{gholami2021survey,\n"
            "  title={A Survey of Quantization Methods},\n  author={Amir Gholami and Sehoon Kim},\n"
            "  year={2021},\n  eprint={2103.13630}\n}</code></pre></details>\n")
    doc = parse(text)
    [entry] = doc.entries
    assert [e.key for block in entry.bibtex for e in block.entries] == ["gholami2021survey"]
    assert lint_text(text, select=["LL604", "LL503"]) == []


def test_authors_and_year_before_a_titled_link_are_no_title() -> None:
    # MT-Reading-List: "Authors. 2020. [Title](url). In *ACL*." titled 944 entries by their authors, cut at the
    # first initial ("Peter E"), and reported every pair of papers by the same authors as duplicates (LL602)
    text = ("# R\n\n## S\n\n"
            "* Jian Yang and Ming Zhou. 2020. [Paper one on NMT](https://aclweb.org/a/1/). In *ACL 2020*.\n"
            "* Jian Yang and Ming Zhou. 2020. [Paper two on NMT](https://aclweb.org/a/2/). In *ACL 2020*.\n"
            "* R. Thomas McCoy and Tal Linzen. 2020. [Does Syntax Need to Grow on Trees?](https://tacl.org/1). *TACL*.\n"
            "* Alexander M. Rush. 2018 [Star-Transformer](https://arxiv.org/pdf/1902.09113.pdf). In *NAACL*.\n"
            "* Smith, J. (2019). [Deep nets](https://a.org/dn). Venue.\n"
            "* **Introduction to Graph Neural Networks.** Morgan & Claypool, 2020. [book](https://b.org/gnn)\n"
            "* Osendorfer, Christian. Sparse Coding, ICONIP, 2014. [[Paper ICONIP-2014]](https://c.org/p.pdf)\n")
    titles = [e.title for e in parse(text).entries]
    assert titles[:6] == [
        "Paper one on NMT", "Paper two on NMT", "Does Syntax Need to Grow on Trees?", "Star-Transformer", "Deep nets",
        "Introduction to Graph Neural Networks"]
    assert len(titles) == 7 and "Paper ICONIP-2014" not in titles[6]  # a bracketed label is no title
    assert _codes(text, "LL602") == []


def test_heading_entries_whose_bullets_restate_the_title_before_its_links() -> None:
    # Papers-in-100-Lines-of-Code: "##### [Maxout Networks]" / "- Maxout Networks [[arXiv]](url)" / authors / date:
    # the headings were sections (one LL101 whose unsafe fix re-levelled all 62) over one list entry each
    text = "# Papers\n\n## Implemented papers\n\n"
    for title, url in (("Maxout Networks", "https://arxiv.org/abs/1302.4389"),
                       ("Network In Network", "https://arxiv.org/abs/1312.4400"),
                       ("Playing Atari with Deep RL", "https://arxiv.org/abs/1312.5602")):
        text += f"##### [{title}]\n\n- {title} [[arXiv]]({url})\n- *Some Authors*\n- `2013-02-18`\n\n"
    doc = parse(text)
    assert [(e.layout.value, e.title.strip("[]"), [l.url for l in e.links]) for e in doc.entries] == [
        ("heading", "Maxout Networks", ["https://arxiv.org/abs/1302.4389"]),
        ("heading", "Network In Network", ["https://arxiv.org/abs/1312.4400"]),
        ("heading", "Playing Atari with Deep RL", ["https://arxiv.org/abs/1312.5602"])]
    assert _codes(text, "LL101") == []
    # a bullet naming another paper keeps the heading a section over its entries
    other = text.replace("- Maxout Networks [[arXiv]]", "- Dropout [[arXiv]]")
    assert "Dropout" in [e.title for e in parse(other).entries]


def test_headings_inside_list_items_open_no_sections() -> None:
    # MyReadingList: "1. **BadNets**" / "    <details>" / "    #### Citation" / "    #### URL" under every paper: 50
    # LL104 (repeated sections), LL101, and papers 2..n filed under a section "URL"
    item = ("{n}. **{title} (2017)**\n    [[Paper](https://arxiv.org/abs/{n})]\n\n    <details>\n"
            "    <summary>Details</summary>\n\n    #### Citation\n\n    Someone et al., 2017.\n\n"
            "    #### URL\n\n    Paper page\n\n    </details>\n\n")
    text = "# Reading List\n\n## Attack\n\n" + "".join(
        item.format(n=n, title=title) for n, title in enumerate(("BadNets", "Trojans", "Backdoors"), 1))
    text += "## Defense\n\n- [Fine-Pruning](https://arxiv.org/abs/1805.12185)\n"
    doc = parse(text)
    assert [(e.title, e.section) for e in doc.entries] == [
        ("BadNets (2017)", "Attack"), ("Trojans (2017)", "Attack"), ("Backdoors (2017)", "Attack"),
        ("Fine-Pruning", "Defense")]
    assert [s.heading.text for s in doc.root.children[0].children] == ["Attack", "Defense"]
    assert [d.diagnostic.code for d in _located(text, "LL1")] == []
    # the nested headings are still headings of the page, with anchors a link may use
    assert [h.text for h in doc.headings if h.nested] == ["Citation", "URL"] * 3
    assert lint_text(text + "\nSee [the citation](#citation-1).\n", select=["LL405"]) == []


def test_a_heading_that_opens_a_list_item_is_still_the_outline_s() -> None:
    # coding-interview-university: the whole study plan is a list whose items open with headings ("- ### Arrays")
    text = ("# Plan\n\n## Data Structures\n\n- ### Arrays\n    - [Arrays (video)](https://a.org/1)\n"
            "    - [Dynamic arrays](https://a.org/2)\n- ### Linked Lists\n    - [Lists (video)](https://a.org/3)\n")
    doc = parse(text)
    assert not any(h.nested for h in doc.headings)
    assert [(e.title, e.section) for e in doc.entries] == [
        ("Arrays (video)", "Arrays"), ("Dynamic arrays", "Arrays"), ("Lists (video)", "Linked Lists")]


# ---- the eleventh and twelfth sweeps: 33 lists (paper lists; general awesome lists) listlint had not seen ------


def test_a_hyphen_inside_a_word_does_not_end_a_citation_title() -> None:
    # FLHonker: 166 of 589 titles cut at "Self-" or "Zero-", and two different papers then "duplicate" titles
    text = ("# Papers\n\n## Distillation\n\n"
            "1. Learning Compact Student Networks for Zero-Shot Classification. Smith, Anna et al. ICCV 2019\n"
            "2. Self-Knowledge Distillation in Natural Language Processing. Hahn, Sangchul. arXiv:1908.01851\n"
            "3. Learning Compact Student Networks for Zero-Resource Speech Recognition. Lee, Min et al. ICASSP 2019\n"
            # the dash form keeps its glued dash: title, authors, date
            "4. Visualizing and Understanding Convolutional Networks-Matthew D. Zeiler, Rob Fergus-2013.11.28\n"
            "5. Verifying Neural Networks with Mixed Integer Programming-Vincent Tjeng, Russ Tedrake\n")
    assert [e.title for e in parse(text).entries] == [
        "Learning Compact Student Networks for Zero-Shot Classification",
        "Self-Knowledge Distillation in Natural Language Processing",
        "Learning Compact Student Networks for Zero-Resource Speech Recognition",
        "Visualizing and Understanding Convolutional Networks",
        "Verifying Neural Networks with Mixed Integer Programming"]
    assert _codes(text, "LL602") == []


def test_an_entity_in_a_fragment_is_read_as_its_character() -> None:
    # free-programming-books (es): GitHub decodes "&#x00F3;" in the link, so the fragment matches the heading
    text = "# Libros\n\n* [Agnósticos](#agn&#x00F3;sticos)\n* [Otros](#otr&#x00F3;s)\n\n## Agnósticos\n\nTexto.\n"
    assert _codes(text, "LL405") == [(4, "LL405")]


def test_same_label_linking_two_pages_of_the_repository_is_no_duplicate_title() -> None:
    # free-programming-books: "Spanish" under Books and under Courses links two different files
    text = ("# Resources\n\n## Books\n\n"
            "+ [English, By Subject](books/free-programming-books-subjects.md)\n\n#### Other Languages\n\n"
            "+ [German / Deutsch](books/free-programming-books-de.md)\n"
            "+ [Indonesian / Bahasa Indonesia](books/free-programming-books-id.md)\n"
            "+ [Spanish / español](books/free-programming-books-es.md)\n\n## Courses\n\n"
            "+ [German / Deutsch](courses/free-courses-de.md)\n"
            "+ [Indonesian / Bahasa Indonesia](courses/free-courses-id.md)\n"
            "+ [Spanish / español](courses/free-courses-es.md)\n")
    assert _codes(text, "LL602") == []
    # the same titles on two sites are still reported
    web = text.replace("(books/", "(https://a.org/").replace("(courses/", "(https://b.org/")
    assert (16, "LL602") in _codes(web, "LL602")


def test_a_sponsor_referral_link_keeps_its_parameters_unless_asked() -> None:
    text = ("# APIs\n\n- [IPstack](https://apilayer.com/ipstack?utm_source=Github&utm_medium=Referral) - IPs.\n"
            "- [Blog](https://b.org/post?utm_source=feed&utm_medium=rss) - Posts.\n")
    found = lint_text(text, select=["LL406"])
    assert [(d.fix.applicability.value if d.fix else None) for d in found] == ["unsafe", "safe"]
    assert "sponsor" in found[0].message
    assert fix_text(text, select=["LL406"]) == text.replace("?utm_source=feed&utm_medium=rss", "")


def test_task_boxes_of_a_contents_list_or_a_to_do_list_ask_no_status_of_papers() -> None:
    papers = ("## Surveys\n\n- [Multimodal Learning with Transformers](https://arxiv.org/abs/2206.06488)\n"
              "- [Vision+X: A Survey](https://arxiv.org/abs/2210.02884)\n"
              "- [LAION-5B](https://arxiv.org/abs/2210.08402)\n")
    toc = "# Awesome\n\n## Contents\n\n- [ ] [Surveys](#surveys)\n- [x] [Datasets](#datasets)\n\n" + papers
    todo = "# Awesome\n\n## ToDo\n\n- [ ] Add new stuff...\n- [ ] Add useful shell functions\n\n" + papers
    assert _codes(toc, "LL301") == []
    assert _codes(todo, "LL301") == []
    # one paper with a box still asks the others for theirs
    boxed = toc.replace("- [LAION-5B]", "- [x] [LAION-5B]")
    assert _codes(boxed, "LL301") == [(10, "LL301"), (11, "LL301")]


def test_a_table_row_is_titled_by_its_name_cell() -> None:
    # Dev-Event: "이름" is "Name"; a column of "[Homepage](…), [instagram](…)" on every row is labels, not names
    rows = ("| CMC | App club | [홈페이지](https://cmc.example.org/), [instagram](https://instagram.com/cmc/) |\n"
            "| UMC | Univ club | [홈페이지](https://umc.example.org/), [instagram](https://instagram.com/umc/) |\n"
            "| XREAL | Metaverse | [홈페이지](https://xreal.example/), [instagram](https://instagram.com/xreal/) |\n")
    for header in ("| 이름 | 활동 | 링크 |", "| Club | Activity | Links |"):
        doc = parse(f"# Clubs\n\n{header}\n| --- | --- | --- |\n{rows}")
        assert [(e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
            ("CMC", "https://cmc.example.org/"), ("UMC", "https://umc.example.org/"),
            ("XREAL", "https://xreal.example/")], header


def test_a_dataset_row_citing_its_paper_is_not_that_paper() -> None:
    # BradyFU: "| Name | Paper | Link |" rows named their dataset's paper: 83 false duplicate links
    text = ("# MLLM\n\n## Papers\n\n| Title | Venue | Code |\n|---|---|---|\n"
            "| [**Inst-IT: Boosting Multimodal Instance Understanding**](https://arxiv.org/pdf/2412.03565) | arXiv | "
            "[Github](https://github.com/inst-it/inst-it) |\n"
            "| [**E.T. Bench: Event-Level Video-Language Understanding**](https://arxiv.org/pdf/2409.18111) | NeurIPS | "
            "[Github](https://github.com/PolyU-ChenLab/ETBench) |\n\n"
            "## Datasets\n\n| Name | Paper | Link |\n|---|---|---|\n"
            "| **Inst-IT Dataset** | [Inst-IT: Boosting Multimodal Instance Understanding](https://arxiv.org/pdf/2412.03565)"
            " | [Link](https://huggingface.co/datasets/Inst-IT) |\n"
            "| **E.T. Instruct 164K** | [E.T. Bench: Event-Level Video-Language Understanding](https://arxiv.org/pdf/2409.18111)"
            " | [Link](https://huggingface.co/datasets/ETBench) |\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries[2:]] == [
        ("Inst-IT Dataset", "https://huggingface.co/datasets/Inst-IT"),
        ("E.T. Instruct 164K", "https://huggingface.co/datasets/ETBench")]
    assert _codes(text, "LL601") == []
    # a "[pdf]" in the Paper column of a table of papers is the row's own paper
    papers = parse("# P\n\n| Date | Title | Paper | Code |\n|---|---|---|---|\n"
                   "| 2019.10 | DeepSpeed-ZeRO: Memory Optimizations | [[pdf]](https://arxiv.org/pdf/1910.02054) | "
                   "[[code]](https://github.com/microsoft/DeepSpeed) |\n"
                   "| 2020.05 | Megatron-LM: Training Multi-Billion Models | [[pdf]](https://arxiv.org/pdf/1909.08053) | "
                   "[[code]](https://github.com/NVIDIA/Megatron-LM) |\n")
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in papers.entries] == [
        ("DeepSpeed-ZeRO: Memory Optimizations", "https://arxiv.org/pdf/1910.02054"),
        ("Megatron-LM: Training Multi-Billion Models", "https://arxiv.org/pdf/1909.08053")]


def test_a_venue_and_date_before_a_title_are_not_the_title() -> None:
    # YanjieZe (577 of 617 entries) and Yutong-Zhou-cv (72 of 89): the titles kept their venue, or were a label
    text = ("# Papers\n\n## Recent\n\n"
            "- arXiv 2024.05, Learning Force Control for Legged Manipulation, [arXiv](https://arxiv.org/abs/2405.01402)\n"
            "- [website](https://spd.bot/), Pre-training Visual Dexterity in Simulation\n"
            "- [arXiv 2026.05](https://arxiv.org/abs/2605.18722), Dexora: Open-source VLA for Bimanual Dexterity\n"
            "- (TPAMI 2023) [💬Transformer] **Multimodal Learning with Transformers: A Survey**, Peng Xu et al. "
            "[[Paper](https://ieeexplore.ieee.org/document/10123038)]\n"
            "- ⭐⭐(arXiv preprint 2022) [💬Vision and language Pre-training (VLP)] **VLP: A Survey**, Feilong Chen et al. "
            "[[v1](https://arxiv.org/abs/2202.09061)]\n"
            "- In 2019, a Survey of Everything, [pdf](https://a.org/survey.pdf)\n")
    doc = parse(text)
    assert [e.title for e in doc.entries] == [
        "Learning Force Control for Legged Manipulation", "Pre-training Visual Dexterity in Simulation",
        "Dexora: Open-source VLA for Bimanual Dexterity", "Multimodal Learning with Transformers: A Survey",
        "VLP: A Survey", "In 2019, a Survey of Everything"]
    # and the spans hold the titles as written
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)
    assert doc.entries[1].primary_link is not None and doc.entries[1].primary_link.url == "https://spd.bot/"


def test_a_title_link_with_its_venue_and_code_link_is_a_paper_paragraph() -> None:
    # pliang279: 172 papers written "[Title](url), ICLR 2023 [[code]](url)" or with a workshop's long name were lost
    text = ("# Multimodal Papers\n\n## Representations\n\n"
            "[Unpaired Vision-Language Pre-training via Cross-Modal CutMix](https://arxiv.org/abs/2206.08919), ICML 2022.\n\n"
            "[Identifiability Results for Multimodal Contrastive Learning](https://arxiv.org/abs/2303.09166), ICLR 2023 "
            "[[code]](https://github.com/imantdaunhawer/multimodal-contrastive-learning)\n\n"
            "[Blindfold Baselines for Embodied QA](https://arxiv.org/abs/1811.05013), NIPS 2018 Visually-Grounded "
            "Interaction and Language Workshop\n\n"
            "## Fusion\n\n[Identifiability Results for Multimodal Contrastive Learning](https://arxiv.org/abs/2303.09166)"
            ", ICLR 2023 [[code]](https://github.com/imantdaunhawer/multimodal-contrastive-learning)\n\n"
            # prose that mentions a link and a year is not a paper
            "[Our lab](https://lab.example.org), founded in 2019, works on many things and more.\n")
    doc = parse(text)
    assert [e.title for e in doc.entries] == [
        "Unpaired Vision-Language Pre-training via Cross-Modal CutMix",
        "Identifiability Results for Multimodal Contrastive Learning", "Blindfold Baselines for Embodied QA",
        "Identifiability Results for Multimodal Contrastive Learning"]
    assert _codes(text, "LL601") == [(13, "LL601")]


def test_a_contents_item_nested_on_its_own_line_is_listed_once() -> None:
    # Yutong-Zhou-cv: "* - [ ] [1. Description](#head1)": the outer item's first link is its nested item's
    text = ("# Awesome\n\n## Content\n\n* - [ ] [1. Description](#head1)\n* - [x] [2. Papers](#head2)\n\n"
            "## <span id=\"head1\"> 1. Description </span>\n\nText.\n\n## <span id=\"head2\"> 2. Papers </span>\n\n"
            "* [A paper](https://arxiv.org/abs/2206.06488)\n")
    assert _codes(text, "LL106") == []


def test_a_format_template_links_no_page() -> None:
    text = ("# Awesome\n\n## Description\n\n> Markdown format:\n>\n"
            "> * (Venue Year) **Title**, First Author et al. [[Paper](URL)] [[Code](URL)]\n"
            "> * (Venue Year) [Topic] **Title**, First Author et al. [[Paper](URL)] [[Code](URL)]\n\n"
            "## Papers\n\n* **A Survey**, Peng Xu et al. [[Paper](https://arxiv.org/abs/2206.06488)]\n")
    assert _codes(text, "LL601") == []


def test_installments_of_a_series_about_one_paper_are_no_duplicates() -> None:
    # mli/paper-reading: one video per part, each linking the paper it reads
    text = ("# Videos\n\n| Date | Title | Length |\n| --: | -- | --: |\n"
            "| 4/28/22 | [Video understanding survey](https://arxiv.org/pdf/2012.06567.pdf) (part 2) | 1:08:32 |\n"
            "| 4/14/22 | [Video understanding survey](https://arxiv.org/pdf/2012.06567.pdf) (part 1) | 1:30:24 |\n"
            "| 4/7/22 | [视频理解论文串讲](https://arxiv.org/pdf/2012.06567.pdf)（下） | 1:08:32 |\n"
            "| 3/7/22 | [Video understanding survey](https://arxiv.org/pdf/2012.06567.pdf) | 1:00:00 |\n")
    # the two parts and the 下 installment are three parts; the row with no part repeats the link
    assert _codes(text, "LL601") == [(8, "LL601")]


def test_html_headings_open_sections() -> None:
    # THUNLP-MT: 57 "<h2 id=…>" / "<h3 id=…>" headings were no sections, so the 10 must-reads and the topic sections
    # that list them again were one section, and LL601 offered to delete the topic sections' copies
    text = ("# MT Reading List\n\n<h2 id=\"must\">10 Must Reads</h2>\n\n"
            "* Brown et al. 1993. [The Mathematics of SMT](http://aclweb.org/anthology/J93-2003). CL.\n\n"
            "<h2 id=\"smt\">Statistical &amp; Neural MT</h2>\n\n<h3 id=\"word\">Word-based Models</h3>\n\n"
            "* Brown et al. 1993. [The Mathematics of SMT](http://aclweb.org/anthology/J93-2003). CL.\n"
            "* Vogel et al. 1996. [HMM-Based Word Alignment](http://aclweb.org/anthology/C96-2141). COLING.\n\n"
            "<h1 align=\"center\">A centred banner</h1>\n\n## Markdown heading\n\n- [Z](https://z.org)\n")
    doc = parse(text)
    assert [(e.title, e.section) for e in doc.entries] == [
        ("The Mathematics of SMT", "10 Must Reads"), ("The Mathematics of SMT", "Word-based Models"),
        ("HMM-Based Word Alignment", "Word-based Models"), ("Z", "Markdown heading")]
    top = doc.root.children[0]
    assert [s.title for s in top.children] == ["10 Must Reads", "Statistical & Neural MT", "Markdown heading"]
    assert [s.title for s in top.children[1].children] == ["Word-based Models"]
    html_section = top.children[0]
    assert html_section.heading is not None and html_section.heading.text_span.of(text) == "10 Must Reads"
    # not Markdown headings: no slug anchors, no heading rules
    assert [h.text for h in doc.headings] == ["MT Reading List", "Markdown heading"]
    assert lint_text(text + "\nSee [words](#word-based-models).\n", select=["LL405"]) != []
    # the repeat under another section is a cross-listing: reported, but not deleted by a fix
    found = lint_text(text, select=["LL601"])
    assert [d.code for d in found] == ["LL601"] and found[0].fix is None


def test_one_name_written_with_a_dot_is_not_a_different_title() -> None:
    text = ("# APIs\n\n## Rates\n\n- [Exchangerate Host](https://exchangerate.host/) - Forex rates.\n\n## Currency\n\n"
            "- [Exchangerate.host](https://exchangerate.host) - Free exchange rates.\n")
    found = lint_text(text, select=["LL601"])
    assert [d.code for d in found] == ["LL601"] and "different title" not in found[0].message


def test_a_bare_url_running_into_a_full_width_bracket_is_malformed() -> None:
    # GitHub's autolink takes the "】" into the URL: the link is broken, and wrapping it in <…> would hide that
    text = "# 榜单\n\n- [AndroidPicker](https://github.com/a/b) 【替代品：https://github.com/Bigkoo/PickerView】 选择器\n"
    found = lint_text(text, select=["LL403", "LL404"])
    assert sorted(d.code for d in found) == ["LL403", "LL404"]
    assert all(d.fix is None for d in found) and "'】'" in found[0].message


def test_footnotes_are_not_links() -> None:
    # llm-jp: "[^3]: 通常の…。" is a footnote on GitHub; markdown-it without footnotes reads a link definition
    text = "# L\n\n- [A](https://a.org) - A tool.[^1]\n- [B](https://b.org) - Another.\n\n[^1]: 訓練された言語モデル。\n"
    assert [link.url for link in parse(text).links] == ["https://a.org", "https://b.org"]
    assert lint_text(text, select=["LL4"]) == []


def test_lines_of_html_links_with_descriptions_are_entries() -> None:
    # the-book-of-secret-knowledge: ~900 entries written "&nbsp;&nbsp; <a href><b>Name</b></a> - text<br>" in <p>
    # blocks were not read, nor their repeats reported
    text = ("# Knowledge\n\n## Shells\n\n<p>\n"
            "&nbsp;&nbsp; <a href=\"https://www.gnu.org/software/bash/\"><b>GNU Bash</b></a> - an sh-compatible shell.<br>\n"
            "&nbsp;&nbsp; <a href=\"https://www.zsh.org/\"><b>Zsh</b></a> - a shell designed for interactive use.<br>\n"
            "&nbsp;&nbsp; <a href=\"http://www.zsh.org/\"><b>Zsh</b></a> - a shell designed for interactive use.<br>\n"
            "</p>\n\n"
            # a row of navigation links and a centred banner are not lists
            "<p>\n<a href=\"awesome.md\">What is an awesome list?</a>&nbsp;&nbsp;\n"
            "<a href=\"contributing.md\">Contribution guide</a>&nbsp;&nbsp;\n</p>\n\n"
            "<div align=\"center\">\n<a href=\"https://a.org\">Sponsor A</a> - fast builds.\n"
            "<a href=\"https://b.org\">Sponsor B</a> - notes.\n</div>\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url if e.primary_link else None, e.description) for e in doc.entries] == [
        ("GNU Bash", "https://www.gnu.org/software/bash/", "an sh-compatible shell."),
        ("Zsh", "https://www.zsh.org/", "a shell designed for interactive use."),
        ("Zsh", "http://www.zsh.org/", "a shell designed for interactive use.")]
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)
    assert _codes(text, "LL601") == [(8, "LL601")]


# ---- the thirteenth sweep: 19 repositories that carry BibTeX -------------------------------------------------------


def _bib(body: str, link: str = "") -> str:
    return f"# Papers\n\n### A paper\n\n{link}\n\n```bibtex\n{body}\n```\n"


def test_a_january_arxiv_id_allows_the_december_year() -> None:
    # arXiv numbers a paper submitted on 29-31 December in January; its own BibTeX export keeps the December year
    body = ("@misc{wang2023keqing,\n  title = {Keqing},\n  author = {Wang, C.},\n  year = {2023},\n"
            "  eprint = {2401.00426},\n  archiveprefix = {arXiv}\n}")
    assert _codes(_bib(body, "[paper](https://arxiv.org/abs/2401.00426)"), "LL504") == []
    assert _codes(_bib(body.replace("2401.00426", "2402.00426"), "[paper](https://arxiv.org/abs/2402.00426)"),
                  "LL504") == [(11, "LL504")]


def test_a_dblp_record_may_have_one_page() -> None:
    body = ("@inproceedings{DBLP:conf/opodis/Guerraoui08,\n  author = {Rachid Guerraoui},\n"
            "  title = {The Next 700 BFT Protocols},\n  booktitle = {OPODIS 2008},\n  pages = {1},\n"
            "  year = {2008},\n  biburl = {https://dblp.org/rec/conf/opodis/Guerraoui08.bib}\n}")
    assert _codes(_bib(body), "LL510") == []
    assert _codes(_bib(body.replace("  biburl = {https://dblp.org/rec/conf/opodis/Guerraoui08.bib}\n", "")),
                  "LL510") == [(12, "LL510")]


def test_a_full_width_comma_after_a_value_is_replaced_not_kept() -> None:
    # KSESEU: 13 entries with "}，"; the fix used to add a comma after it, which BibTeX still rejects
    body = ("@inproceedings{w20,\n  title = {A Study},\n  author = {Wang, Li},\n  booktitle = {LOUHI},\n"
            "  year = {2020},\n"
            "  bibsource = {dblp computer science bibliography, https://dblp.org}，\n  keywords = {Events}\n}")
    text = _bib(body)
    found = lint_text(text, select=["LL505"])
    assert [d.code for d in found] == ["LL505"] and "'，'" in found[0].message
    fixed = fix_text(text, unsafe=True, select=["LL505"])
    assert "https://dblp.org},\n  keywords" in fixed and "，" not in fixed
    assert lint_text(fixed, select=["LL501", "LL505"]) == []


def test_a_contents_list_of_whole_github_urls_to_this_page_is_no_list_of_papers() -> None:
    # BerenMillidge, ContinualAI: the outline links "https://github.com/o/r/blob/master/README.md#section"; its lines
    # were papers, exported as @misc and "duplicates" of the real papers
    base = "https://github.com/BerenMillidge/FEP_Active_Inference_Papers"
    text = (f"# FEP Papers\n\n## Outline\n\n- [Surveys and Tutorials]({base}/blob/master/README.md#surveys-and-tutorials)\n"
            f"- [Deep Active Inference]({base}#deep-active-inference)\n- [Tools]({base}/tree/main#tools)\n\n"
            "## Surveys and Tutorials\n\n"
            "- [**Active inference: a process theory**](https://direct.mit.edu/neco/article/29/1/1/8207), (2017)\n\n"
            "## Deep Active Inference\n\n"
            "- [**Deep active inference**](https://link.springer.com/article/10.1007/s00422-018-0785-7), (2018)\n"
            # another repository's sections are entries, even named like a heading here (meeseeks#html under HTML)
            "\n## Tools\n\n- [Awesome RL: Tools](https://github.com/other/awesome-rl/blob/master/README.md#tools)\n"
            "- [meeseeks](https://github.com/mischov/meeseeks#tools) - Parses HTML.\n")
    doc = parse(text)
    assert [e.title for e in doc.entries] == [
        "Active inference: a process theory", "Deep active inference", "Awesome RL: Tools", "meeseeks"]
    assert _codes(text, "LL602") == []


def test_bibtex_in_pre_code_closed_in_the_wrong_order_is_read() -> None:
    # papers-fun: "<pre><code>@misc{…}</pre></code>", which browsers show like "</code></pre>"; 32 entries unread
    text = ("# Series\n\n<details><summary><a href=\"https://arxiv.org/abs/2108.11347\">The Next 700 Program "
            "Transformers</a></summary><br><pre><code>@misc{hamilton2021700,\n  author = \"Hamilton, Geoffrey\",\n"
            "  title = \"The Next 700 Program Transformers\",\n  year = \"2021\"\n}\n</pre></code></details>\n")
    blocks = parse(text).bibtex_blocks
    assert [b.entries[0].key for b in blocks] == ["hamilton2021700"]
    assert blocks[0].raw == blocks[0].content_span.of(text) and blocks[0].span.of(text).endswith("</pre></code>")


def test_a_quoted_title_link_in_a_sentence_titles_the_entry() -> None:
    # EasyEdit: news lines were titled by the sentence before the link, and LL601 called one paper two titles
    text = ("# EasyEdit\n\n## News\n\n- 2024-11-19, we update the results in the paper \"[A Comprehensive Study of "
            "Knowledge Editing](https://arxiv.org/abs/2401.01286)\".\n\n## Papers\n\n- 2024-01-03, we release a new "
            "paper: \"[A Comprehensive Study of Knowledge Editing](https://arxiv.org/abs/2401.01286)\" with a benchmark.\n")
    assert [e.title for e in parse(text).entries] == ["A Comprehensive Study of Knowledge Editing"] * 2
    found = lint_text(text, select=["LL601"])
    assert [d.code for d in found] == ["LL601"] and "different title" not in found[0].message


def test_a_column_of_identifier_links_is_no_title_column() -> None:
    # GEM: "| **GEO: Generative Engine Optimization** | … | [arXiv:2311.09735](…) |" was titled "arXiv:2311.09735"
    text = ("# GEM\n\n| Anchor | What It Anchors | Link |\n| --- | --- | --- |\n"
            "| **The Agentic Economy** | Agents | [arXiv:2505.15799](https://arxiv.org/abs/2505.15799) |\n"
            "| **GEO: Generative Engine Optimization** | Visibility | [arXiv:2311.09735](https://arxiv.org/abs/2311.09735) |\n"
            "| **Agentic Commerce Protocol** | Checkout | [OpenAI Developers](https://developers.openai.com/commerce) |\n")
    assert [e.title for e in parse(text).entries] == [
        "The Agentic Economy", "GEO: Generative Engine Optimization", "Agentic Commerce Protocol"]


def test_bibtex_right_after_a_list_item_of_that_paper_is_its_bibtex() -> None:
    # lerobot: "- [Model](url) - …" then an unindented ```bibtex fence: the list ends, but the BibTeX is the item's;
    # unattached, each paper was exported twice and LL604 called it its own duplicate
    item = ("- [{title}](https://arxiv.org/abs/{id}) - {who}.\n\n```bibtex\n@inproceedings{{{key},\n"
            "  title={{{title}}},\n  author={{{who}}},\n  booktitle={{NeurIPS}},\n  year={{2017}},\n  eprint={{{id}}}\n}}\n```\n\n")
    text = "# Papers\n\n" + item.format(title="Attention Is All You Need", id="1706.03762", who="Vaswani, Ashish",
                                          key="vaswani2017") + item.format(
        title="Deep Residual Learning", id="1512.03385", who="He, Kaiming", key="he2016")
    # a project's own citation after the list is not the last paper's
    text += "- [Other paper](https://arxiv.org/abs/2001.00001) - Someone.\n\n```bibtex\n@misc{ourlist,\n" \
            "  title={Our Awesome List},\n  author={Us},\n  year={2024}\n}\n```\n"
    doc = parse(text)
    assert [(e.title, [b.entries[0].key for b in e.bibtex]) for e in doc.entries] == [
        ("Attention Is All You Need", ["vaswani2017"]), ("Deep Residual Learning", ["he2016"]), ("Other paper", [])]
    assert _codes(text, "LL604") == []


def test_an_empty_heading_in_a_run_of_paper_headings_is_a_paper() -> None:
    # SALT-Lab literature review: papers without notes yet were "empty sections" (LL105) and left out of the export
    text = ("# Agent social simulation\n\n### [Fictional Worlds, Real Connections](https://arxiv.org/abs/2309.11478)\n\n"
            "> Storytelling with LLMs.\n\n### War and Peace (WarAgent): Multi-Agent Simulation of World Wars\n\n"
            "### AgentVerse: Facilitating Multi-Agent Collaboration\n\n> Autonomous agents.\n\n```bibtex\n"
            "@misc{chen2023agentverse,\n  title={AgentVerse: Facilitating Multi-Agent Collaboration},\n"
            "  author={Weize Chen},\n  year={2023}\n}\n```\n")
    doc = parse(text)
    assert [e.title for e in doc.entries] == [
        "Fictional Worlds, Real Connections", "War and Peace (WarAgent): Multi-Agent Simulation of World Wars",
        "AgentVerse: Facilitating Multi-Agent Collaboration"]
    assert _codes(text, "LL105") == []
    # an empty heading that ends a run, or stands among sections, is still a section
    sections = "# L\n\n## A\n\n- [X](https://x.org)\n\n## B\n\n## C\n\n- [Y](https://y.org)\n"
    assert _codes(sections, "LL105") == [(7, "LL105")]


# ---- the fourteenth sweep: reading lists that track status -------------------------------------------------------


def test_a_task_item_with_a_bare_url_is_an_entry_with_its_box() -> None:
    # TanUkkii007/papers-i-read: 122 "- [x] Title https://…" items were no entries, so stats counted 3 of 125
    text = ("# Papers I read\n\n## Speech\n\n- [x] Deep Voice: Real-time Neural TTS https://arxiv.org/abs/1702.07825\n"
            "- [ ] Fast Wavenet Generation Algorithm https://arxiv.org/abs/1611.09482\n"
            "- [x] WaveNet: A Generative Model <https://arxiv.org/abs/1609.03499>\n")
    doc = parse(text)
    assert [(e.title, e.status.raw if e.status else None) for e in doc.entries] == [
        ("Deep Voice: Real-time Neural TTS", "[x]"), ("Fast Wavenet Generation Algorithm", "[ ]"),
        ("WaveNet: A Generative Model", "[x]")]
    # a to-do written as a sentence that cites a paper is no entry (lucidrains' Todo lists)
    todo = "# Todo\n\n- [x] use attention-based upsampling https://arxiv.org/abs/2112.11435\n- [ ] Write docs\n"
    assert [e.title for e in parse(todo).entries if e.primary_link is not None] == []


def test_a_vocabulary_of_ones_own_counts_its_first_tag_as_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from listlint.config import from_table
    from listlint.stats import file_stats

    text = ("# Reading list\n\n- [Adam](https://arxiv.org/abs/1412.6980) [`DONE`]\n"
            "- [Dropout](https://jmlr.org/papers/v15/srivastava14a.html) [`DONE`]\n"
            "- [Batch normalization](https://arxiv.org/abs/1502.03167) [`TODO`]\n- [ ] [LayerNorm](https://a.org/ln)\n")
    config = from_table({"status": {"tags": ["DONE", "TODO"]}}, str(tmp_path / ".listlint.toml"))
    assert (config.status.checkbox_done, config.status.checkbox_todo, config.status.default) == ("DONE", "TODO", "TODO")
    stats = file_stats(parse(text, config=config), config)
    assert stats.done == "DONE" and stats.tags == ("DONE", "TODO")
    # a setting written in the file stays as written; the default vocabulary keeps READ and UNREAD
    kept = from_table({"status": {"tags": ["DONE", "TODO"], "checkbox-done": "TODO"}}, "x.toml")
    assert kept.status.checkbox_done == "TODO"
    assert from_table({"status": {"tags": ["READ", "READING", "UNREAD"]}}, "x.toml").status.checkbox_done == "READ"


def test_text_after_a_closing_brace_is_a_bibtex_error() -> None:
    # KSESEU after the old LL505 fix: "{…}，," passed check, though BibTeX rejects it
    body = ("@inproceedings{w20,\n  title = {A Study},\n  author = {Wang, Li},\n  booktitle = {LOUHI},\n"
            "  year = {2020},\n  bibsource = {dblp, https://dblp.org}，,\n  keywords = {Events}\n}")
    found = [(d.code, d.message) for d in lint_text(_bib(body), select=["LL501", "LL505"])]
    assert found == [("LL501", "`bibsource` has '，' after its closing brace, where BibTeX wants a comma or the "
                                "entry's end")]
    # a string concatenation is no junk
    joined = body.replace("{dblp, https://dblp.org}，,", "{dblp} # { bibliography},")
    assert lint_text(_bib(joined), select=["LL501"]) == []


def test_a_title_wrapped_before_its_link_keeps_its_second_line() -> None:
    # TanUkkii007: "- [ ] Weighted Finite-State Transducers in\nSpeech Recognition <url>" was titled "… in"
    text = ("# Papers I read\n\n- [ ] Weighted Finite-State Transducers in\nSpeech Recognition "
            "<http://www.openfst.org/csl01.pdf>\n- [x] A Title.\n  [[pdf]](https://a.org/p.pdf)\n")
    assert [e.title for e in parse(text).entries] == [
        "Weighted Finite-State Transducers in Speech Recognition", "A Title"]


def test_a_similarity_just_under_the_threshold_is_not_printed_as_the_threshold(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # "0.90 < 0.9" read as a contradiction: a score is printed rounded down
    import listlint.rules.ll5_bibtex as ll5

    monkeypatch.setattr(ll5, "title_similarity", lambda one, other: 0.8999)
    text = ("# P\n\n### Kernel Methods\n\n```bibtex\n@article{a,\n  title = {Kernel Method},\n  author = {A, B},\n"
            "  journal = {J},\n  year = {2020}\n}\n```\n")
    messages = [d.message for d in lint_text(text, select=["LL503"])]
    assert len(messages) == 1 and messages[0].endswith("(similarity 0.89 < 0.9)")


def test_a_loose_item_with_its_bold_title_then_a_paragraph_of_its_links_is_a_paper() -> None:
    # thunlp/PromptPapers: 2 of 96 papers were read, because a blank line parts each title from its links
    text = ("# Papers\n\n## Survey\n\n1. **Pre-train, Prompt, and Predict: A Survey.** Preprint.\n\n"
            "   *Liu, Pengfei.* [[pdf](https://arxiv.org/abs/2107.13586)], 2021.7\n\n"
            "2. **Paradigm Shift in NLP.** MIR.\n   *Sun, Tianxiang.* [[pdf](https://arxiv.org/abs/2109.12575)], 2021.9\n\n"
            "3. **Set up the tools.**\n\n   See [the guide](https://example.org/guide) first.\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        ("Pre-train, Prompt, and Predict: A Survey", "https://arxiv.org/abs/2107.13586"),
        ("Paradigm Shift in NLP", "https://arxiv.org/abs/2109.12575")]
    first = doc.entries[0]
    assert first.title_span is not None and first.title_span.of(text) == "Pre-train, Prompt, and Predict: A Survey"


def test_projects_written_as_paragraphs_of_a_link_then_words_are_entries() -> None:
    # akullpp/awesome-java (generated): "> **[Name](url)** <kbd>★</kbd><br>desc" in <details>; 0 of ~900 were read
    text = ("# Awesome Java\n\n<details id=\"architecture\">\n<summary><strong>Architecture</strong></summary>\n\n"
            "> **[ArchUnit](https://github.com/TNG/ArchUnit)** <kbd>★ 3.8k</kbd> 🟢<br>Test library for rules.\n\n"
            "> **[jMolecules](https://github.com/xmolecules/jmolecules)** <kbd>★ 1.5k</kbd><br>Annotations.\n\n"
            "> **[Taikai](https://github.com/enofex/taikai)** <kbd>★ 250</kbd><br>ArchUnit extension.\n\n</details>\n\n"
            "## Notes\n\n[Our website](https://example.com) is where the list started.\n\n"
            "[Contributing](https://example.com/c) - read it first.\n\n[Code of conduct](https://example.com/coc) - too.\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url) for e in doc.entries] == [
        ("ArchUnit", "https://github.com/TNG/ArchUnit"), ("jMolecules", "https://github.com/xmolecules/jmolecules"),
        ("Taikai", "https://github.com/enofex/taikai")]  # two such paragraphs under a heading are notes
    assert doc.entries[0].title_span.of(text) == "ArchUnit"


def test_a_dated_paragraph_of_title_then_labelled_links_is_a_paper() -> None:
    # yyyujintang/Awesome-Mamba-Papers: 208 of 213 papers were not read
    text = ("# Papers\n\n## Mamba\n\n(Arxiv 24.01.08) MoE-Mamba: Efficient Selective State Space Models "
            "[Paper](https://arxiv.org/abs/2401.04081)\n\n(Arxiv 24.01.24) MambaByte: Token-free Selective State Space "
            "Model [Paper](https://arxiv.org/abs/2401.13660) [Code](https://github.com/lucidrains/MEGABYTE-pytorch)"
            "![Stars](https://img.shields.io/github/stars/lucidrains/MEGABYTE-pytorch)\n\n"
            "(ICML 2024) Transformers are SSMs [Paper](https://arxiv.org/abs/2405.21060)\n\n"
            "(Update 2024) We added [a page](https://example.org/page) of notes.\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url) for e in doc.entries] == [
        ("MoE-Mamba: Efficient Selective State Space Models", "https://arxiv.org/abs/2401.04081"),
        ("MambaByte: Token-free Selective State Space Model", "https://arxiv.org/abs/2401.13660"),
        ("Transformers are SSMs", "https://arxiv.org/abs/2405.21060")]
    assert all(e.title_span.of(text) == e.title for e in doc.entries)


def test_a_venue_link_in_escaped_brackets_is_no_title() -> None:
    # zjukg/KG-MM-Survey: "\[[ACM MM 2023](url)\] Title": 36 false "duplicate title 'ACM MM 2023'"
    text = ("# Papers\n\n## VQA\n\n- \\[[ACM MM 2023](https://dl.acm.org/doi/10.1145/3581783.3612085)\\] Knowledge "
            "Generation for Zero-shot VQA.\n\n## Other\n\n- \\[[ACM MM 2023](https://dl.acm.org/doi/10.1145/1.2)\\] "
            "GeReA: Question-Aware Prompt Captions.\n")
    assert [e.title for e in parse(text).entries] == [
        "Knowledge Generation for Zero-shot VQA", "GeReA: Question-Aware Prompt Captions"]
    assert lint_text(text, select=("LL602",)) == []


def test_a_japanese_note_running_into_its_link_under_an_entry_is_no_entry() -> None:
    # arXivTimes/arXivTimes: 33 false LL201, the notes under each dataset read as entries titled before their link
    text = ("# Datasets\n\n## Vision\n\n* [MNIST](http://yann.lecun.com/exdb/mnist/)\n  * 手書き数字のデータセット。\n"
            "* [Places365](http://places2.csail.mit.edu/)\n"
            "  * 訓練済みモデルが[公開されている](https://github.com/CSAILVision/places365)\n"
            "* [ImageNet](https://image-net.org/)\n  * 大規模な画像データセット。\n"
            "  * Plces365は、[Places2](http://places2.csail.mit.edu/) というデータベースのサブセット\n"
            "  * 元データは、[iNaturalist](https://www.inaturalist.org/)という観察アプリから提供されている。\n"
            "  * 画像も公開されている。[sketch-rnn-datasets](https://github.com/a/b)\n"
            "* [COCO](https://cocodataset.org/)\n  * 物体検出のデータセット。\n\n## 中文\n\n"
            "- 统计学习方法[链接](https://a.dev/3)\n- 机器学习实战[代码](https://a.dev/1)\n")
    assert [e.title for e in parse(text).entries] == ["MNIST", "Places365", "ImageNet", "COCO", "统计学习方法",
                                                      "机器学习实战"]
    assert lint_text(text, select=("LL201",)) == []


def test_a_title_whose_comma_carries_it_to_the_venue_and_link_on_the_next_line_is_a_paper() -> None:
    # daochenzha/data-centric-AI: the item was dropped and reported as having no link
    text = ("# Data\n\n## Benchmarks\n\n* Facilitating database tuning, VLDB 2021 [[Paper]](https://arxiv.org/abs/2110.12654)\n"
            "* Benchmarking Data Curation Systems,\nIEEE Data Eng. Bull. 2016 [[Paper]](http://sites.computer.org/p47.pdf)\n"
            "* Data validation for machine learning, MLSys 2019 [[Paper]](https://mlsys.org/167.pdf)\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url) for e in doc.entries][1] == (
        "Benchmarking Data Curation Systems", "http://sites.computer.org/p47.pdf")
    assert doc.entries[1].title_span.of(text) == "Benchmarking Data Curation Systems"
    assert lint_text(text, select=("LL201",)) == []


def test_a_heading_over_a_table_of_linked_rows_is_its_section() -> None:
    # vdyma/awesome-papers-I-read: "### Vision" over a table of papers was taken for a paper whose link lines were
    # the rows, and LL601 said its first row's link was "probably wrong"
    text = ("# Papers I read\n\n## Basics\n\n### Vision\n\n| Paper | Read date |\n|-------|-----------|\n"
            "| [An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929) | 2024-01 |\n"
            "| [Swin Transformer](https://arxiv.org/abs/2103.14030) | 2024-01 |\n\n### Language\n\n"
            "| Paper | Read date |\n|-------|-----------|\n| [BERT](https://arxiv.org/abs/1810.04805) | 2024-01 |\n"
            "| [RoBERTa](https://arxiv.org/abs/1907.11692) | 2024-01 |\n")
    doc = parse(text)
    assert [(e.section, e.title) for e in doc.entries] == [
        ("Vision", "An Image is Worth 16x16 Words"), ("Vision", "Swin Transformer"),
        ("Language", "BERT"), ("Language", "RoBERTa")]
    assert not any(h.is_entry for h in doc.headings)
    assert lint_text(text, select=["LL6"]) == []


def test_a_plain_title_wrapped_onto_the_line_of_its_link_is_one_entry() -> None:
    # TanUkkii007/papers-i-read: the title's first line ends mid-phrase (or on its subtitle's colon), the second
    # line ends in a bare or labelled link; the item was dropped and LL201 said it had no link
    text = ("# Papers\n\n## Speech\n\n- [ ] Deep Voice: Real-time Neural Text-to-Speech https://arxiv.org/abs/1702.07825\n"
            "- [ ] Generative Adversarial Network-based Postfilter\nfor STFT Spectrograms  https://a.org/ganp\n"
            "- [x] A Unified Architecture for Natural Language Processing:\n"
            "Deep Neural Networks with Multitask Learning https://b.org/nlp.pdf\n"
            "- WaveNet: A Generative Model for Raw\n  Audio [pdf](https://arxiv.org/abs/1609.03499)\n")
    doc = parse(text)
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        ("Deep Voice: Real-time Neural Text-to-Speech", "https://arxiv.org/abs/1702.07825"),
        ("Generative Adversarial Network-based Postfilter for STFT Spectrograms", "https://a.org/ganp"),
        ("A Unified Architecture for Natural Language Processing: Deep Neural Networks with Multitask Learning",
         "https://b.org/nlp.pdf"),
        ("WaveNet: A Generative Model for Raw Audio", "https://arxiv.org/abs/1609.03499")]
    assert [e.status for e in doc.entries][1].value == " "
    assert lint_text(text, select=["LL201"]) == []
    # a sentence before the link on the second line is a note, not the rest of a title
    note = "# P\n\n- [A](https://a.org) - first\n- [B](https://b.org) - second\n- Some remark\n  on this. See [pdf](https://c.org)\n"
    assert [e.title for e in parse(note).entries] == ["A", "B"]


def test_steps_that_quote_or_visit_a_url_are_not_entries() -> None:
    # datanada/Awesome-Korean-NLP's "How to contribute": a URL in an open quotation, or after "goto", is part of an
    # instruction; two steps quoting one placeholder URL were entries, and LL601 called one of their links wrong
    text = ("# Awesome\n\n## Tools\n\n- KoNLPy (Python) [[link](https://konlpy.org/)]\n"
            "- AdRoll http://tech.adroll.com/blog/\n- \"Quoted\" name https://q.org\n\n## How to contribute\n\n"
            "1. Fork this repository.\n"
            "2. Copy the link of your fork, something like \"https://github.com/[username]/Awesome.git\"\n"
            "3. On your machine, \"git clone https://github.com/[username]/Awesome.git\"\n"
            "4. goto https://github.com/datanada/Awesome and create a pull request.\n")
    doc = parse(text)
    assert [e.title for e in doc.entries] == ["KoNLPy (Python)", "AdRoll", "\"Quoted\" name"]
    assert lint_text(text, select=["LL601"]) == []


def test_a_backslash_escape_in_a_fragment_is_read_before_it_is_matched() -> None:
    # apexrl/RL-Exploration-Paper-Lists: "…Lists#Prediction-\-Prediction-error-based-methods" is the anchor of
    # "Prediction / Prediction error based Methods" once Markdown reads the escape; the contents line was a paper
    toc = "".join(f"* [{name}](https://github.com/o/r#{anchor})\n" for name, anchor in [
        ("Count based", "Count-based"), ("Search", "Search"),
        ("Prediction / Prediction Error based", "Prediction-\\-Prediction-Error-based")])
    text = (f"# Papers\n\n## Overview\n\n{toc}\n## Count based\n\n* [P1](https://arxiv.org/abs/1606.01606)\n\n"
            "## Search\n\n* [P2](https://arxiv.org/abs/1606.01607)\n\n## Prediction / Prediction error based\n\n"
            "* [P3](https://arxiv.org/abs/1606.01608)\n")
    assert [e.title for e in parse(text).entries] == ["P1", "P2", "P3"]
    page = "# T\n\n- [A](#prediction-\\-methods)\n- [B](#nope)\n\n## Prediction / Methods\n\nx\n"
    assert [d.message.split("'")[1] for d in lint_text(page, select=["LL405"])] == ["#nope"]


def test_a_list_of_bold_titles_without_links_holds_entries() -> None:
    # QianpengLi577/Neuromorphic-Processor-paper-list: 149 "- **Title**" items, notes nested under some, one with a
    # link; only that one was an entry, so LL602 could not see the papers listed twice
    text = ("# Papers\n\n## Great design\n\n- **Loihi: A Neuromorphic Manycore Processor**\n"
            "- **TrueNorth: Design and Tool Flow** [Link](https://arxiv.org/pdf/2311.07241.pdf)\n"
            "- **FINN: A Framework for Fast Inference**\n  - A note on FINN.\n"
            "- **FlexLearn: Fast and Efficient Brain Simulations**\n\n## Event driven\n\n"
            "- **FlexLearn: Fast and Efficient Brain Simulations**\n  - It combines 17 learning rules.\n"
            "- **NeuroSync: A Scalable Brain Simulator**\n- **ReckOn: A 28nm Spiking RNN Processor**\n")
    doc = parse(text)
    assert [e.title for e in doc.entries] == [
        "Loihi: A Neuromorphic Manycore Processor", "TrueNorth: Design and Tool Flow",
        "FINN: A Framework for Fast Inference", "FlexLearn: Fast and Efficient Brain Simulations",
        "FlexLearn: Fast and Efficient Brain Simulations", "NeuroSync: A Scalable Brain Simulator",
        "ReckOn: A 28nm Spiking RNN Processor"]
    assert _codes(text, "LL602") == [(13, "LL602")]
    # bold labels over links, and short bold labels, stay labels
    labels = ("# Awesome\n\n- **Deep learning frameworks here**\n  - [Keras](https://keras.io)\n"
              "- **Probabilistic programming tools**\n  - [Pyro](https://pyro.ai)\n"
              "- **Gradient boosting libraries**\n  - [XGBoost](https://xgboost.ai)\n")
    assert [e.title for e in parse(labels).entries] == ["Keras", "Pyro", "XGBoost"]
    short = "# Tips\n\n- **Use HTML5**\n- **Be fast**\n- **Minify it**\n- **Lazy load images**\n"
    assert parse(short).entries == ()


def test_references_lead_by_names_and_year_are_titled_by_what_follows() -> None:
    # chameleonTK/papers-I-read: "Qin et al. (2020) Title" was no entry, and "Names. 2019. Title." was titled by the
    # whole line, so the same paper cited twice in the two styles went unnoticed
    text = ("# Future reading\n\n## Thai\n\n1. Qin et al. (2020) CoSDA-ML: Multi-Lingual Code-Switching Data Augmentation\n"
            "2. Aroonmanakun W. (2004) A Unified Model of Thai Romanization and Word Segmentation\n\n## BERT\n\n"
            "1. Shijie Wu and Mark Dredze. 2019. Beto, bentz, becas: The surprising cross-lingual effectiveness of bert.\n"
            "2. Gregor Wiedemann, Steffen Remus, and Chris Biemann. 2019. Does BERT make any sense? interpretable word "
            "sense disambiguation. In KONVENS.\n"
            "3. Wu S. and Dredze M. (2019) Beto, Bentz, Becas: The Surprising Cross-Lingual Effectiveness of BERT\n")
    doc = parse(text)
    assert [e.title for e in doc.entries] == [
        "CoSDA-ML: Multi-Lingual Code-Switching Data Augmentation",
        "A Unified Model of Thai Romanization and Word Segmentation",
        "Beto, bentz, becas: The surprising cross-lingual effectiveness of bert",
        "Does BERT make any sense? interpretable word sense disambiguation",
        "Beto, Bentz, Becas: The Surprising Cross-Lingual Effectiveness of BERT"]
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)
    assert _codes(text, "LL602") == [(12, "LL602")]
    # a capitalised word and a year in parentheses are no names: "Python (2019) Guide" is not a reference
    assert parse("# L\n\n1. Python (2019) Guide to the language\n2. Rust (2021) Guide to it\n").entries == ()


def test_bold_names_and_year_lead_a_reference_titled_by_what_follows() -> None:
    # Dusto-AI/llm-situational-awareness-paper-list: "**Endsley, M. R. (1995).** Title. *Venue*. [[link]](doi)"
    # was titled "Endsley, M. R. (1995)", so two papers of one author and year were a duplicate title
    text = ("# Papers\n\n## Foundations\n\n"
            "- **Endsley, M. R. (1995).** Toward a Theory of Situation Awareness in Dynamic Systems. *Human Factors*, "
            "37(1). [[link]](https://doi.org/10.1518/001872095779049543)\n"
            "- **Endsley, M. R. (1995).** Measurement of Situation Awareness in Dynamic Systems. *Human Factors*, "
            "37(1). [[link]](https://doi.org/10.1518/001872095779049499)\n"
            "- **Attention Is All You Need (2017)** Vaswani et al. [[pdf]](https://arxiv.org/abs/1706.03762)\n")
    doc = parse(text)
    assert [(e.title, e.title_span.of(text) if e.title_span else None) for e in doc.entries] == [
        ("Toward a Theory of Situation Awareness in Dynamic Systems",
         "Toward a Theory of Situation Awareness in Dynamic Systems"),
        ("Measurement of Situation Awareness in Dynamic Systems", "Measurement of Situation Awareness in Dynamic Systems"),
        ("Attention Is All You Need (2017)", "Attention Is All You Need (2017)")]  # a title with its year: no names
    assert lint_text(text, select=["LL602"]) == []


def test_a_description_wrapped_onto_the_next_lines_is_read_whole() -> None:
    # pbnj/awesome-podcasts wraps 193 of 202 descriptions at 80 columns; the description stopped at the first line,
    # so two talks told apart by the year on their second line were a duplicate title
    text = ("# Talks\n\n## Keynotes\n\n- [The Future of Programming](https://vimeo.com/71278954) - Bret Victor at DBX,\n"
            "  July 2013\n- [Simple Made Easy](https://www.infoq.com/presentations/Simple-Made-Easy/) - Rich Hickey\n"
            "- [The Future of Programming](https://www.youtube.com/watch?v=ecIWPzGEbFc) - Uncle Bob at\n"
            "  a Chicago meetup, 2016\n")
    doc = parse(text)
    assert [e.description for e in doc.entries] == [
        "Bret Victor at DBX, July 2013", "Rich Hickey", "Uncle Bob at a Chicago meetup, 2016"]
    assert lint_text(text, select=["LL602"]) == []


def test_a_character_reference_in_a_heading_is_one_character_of_the_section_title() -> None:
    # pbnj/awesome-podcasts: "## C/C&#43;&#43;" was the section 'C/C&#43;&#43' (its last ';' cut as punctuation)
    doc = parse("# Podcasts\n\n## C/C&#43;&#43;\n\n- [CppCast](http://cppcast.com/) - For C++ developers\n"
                "\n## Q&amp;A &amp; more\n\n- [Ask](https://ask.org) - Answers\n")
    assert [s.title for s in doc.sections][2:] == ["C/C++", "Q&A & more"]
    assert [e.section for e in doc.entries] == ["C/C++", "Q&A & more"]
    # a spacer heading reads as nothing: LL105 names it as written
    spacer = "# T\n\n## A\n\n- [x](https://x.org)\n\n#### &nbsp;\n\n## B\n\n- [y](https://y.org)\n"
    assert [d.message for d in lint_text(spacer, select=["LL105"])] == [
        "section '&nbsp;' is empty: no entries, no text and no subsections"]
