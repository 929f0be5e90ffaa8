"""Regressions from the nineteenth sweep of unseen lists: each test is a reduced repro of what the parser read
wrong (the real list named in the docstring)."""

from __future__ import annotations

from listlint.model import Layout
from listlint.parser import parse


def _read(text: str) -> list[tuple[str, str, str]]:
    return [(e.layout.value, e.title, e.description) for e in parse(text).entries]


def test_plain_paper_titles_with_a_venue_and_year_are_citations() -> None:
    """LumingSun/ML4DB-paper-list: bullets of titles, each with its venue and year in parentheses, no links."""
    doc = parse("# Papers\n\n## Indexes\n\n* The Case for Learned Index Structures (SIGMOD 2018)\n"
                "* Why Are Learned Indexes So Effective? (ICML 2020)\n"
                "* Updatable Learned Indexes Meet Disk-Resident DBMS (SIGMOD 2024)\n"
                "* Learned Indexes for Dynamic Workloads (2019)\n")
    assert [(e.layout, e.title) for e in doc.entries] == [
        (Layout.CITATION, "The Case for Learned Index Structures"),
        (Layout.CITATION, "Why Are Learned Indexes So Effective?"),
        (Layout.CITATION, "Updatable Learned Indexes Meet Disk-Resident DBMS"),
        (Layout.CITATION, "Learned Indexes for Dynamic Workloads"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_a_question_or_a_hyphen_does_not_cut_a_plain_paper_title() -> None:
    doc = parse("# Papers\n\n## Tuning\n\n"
                "* Black or White? How to Develop an AutoTuner for Memory-based Analytics (SIGMOD 2020)\n"
                "* Too Many Knobs to Tune? Towards Faster Database Tuning (SIGMOD 2022)\n"
                "* Self-Driving Database Management Systems (CIDR 2017)\n"
                "* START — Self-Tuning Adaptive Radix Tree （ICDEW 2020）\n"
                "* ***SageDB: A Learned Database System (CIDR 2019)***\n"
                "* External vs. Internal : An Essay on Machine Learning Agents\n"
                "* Query2Vec (ArXiv)\n")
    assert [e.title for e in doc.entries] == [
        "Black or White? How to Develop an AutoTuner for Memory-based Analytics",
        "Too Many Knobs to Tune? Towards Faster Database Tuning",
        "Self-Driving Database Management Systems",
        "START — Self-Tuning Adaptive Radix Tree",
        "SageDB: A Learned Database System",
        "External vs. Internal : An Essay on Machine Learning Agents",
        "Query2Vec",
    ]


def test_paper_titles_before_labelled_links_lose_the_venue_too() -> None:
    doc = parse("# Papers\n\n"
                "* The Case for Learned Index Structures (SIGMOD 2018)\n"
                "* How Good are Learned Cost Models, Really? Insights from Query Optimization (SIGMOD 2025)"
                " [GitHub Link](https://github.com/a/b)\n"
                "* PilotScope: Steering Databases with ML Drivers (VLDB 2024) [Source code](https://github.com/c/d)\n")
    assert [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        (Layout.CITATION, "The Case for Learned Index Structures", None),
        (Layout.LIST, "How Good are Learned Cost Models, Really? Insights from Query Optimization",
         "https://github.com/a/b"),
        (Layout.LIST, "PilotScope: Steering Databases with ML Drivers", "https://github.com/c/d"),
    ]


def test_prose_bullets_are_not_read_as_plain_paper_titles() -> None:
    doc = parse("# Notes\n\n* Read the contributing guide first (updated 2021)\n"
                "* Pull requests are welcome\n* Be kind to each other\n* Keep titles short\n")
    assert doc.entries == ()

