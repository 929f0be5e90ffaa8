"""``listlint export --format bibtex|csv``: a .bib that bibtexparser reads without a failed block, and a CSV."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import bibtexparser
import pytest
from click.testing import CliRunner

from listlint.bibtex.export import entry_year, to_bibtex, to_csv
from listlint.cli import main
from listlint.parser import parse


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*/*.md"))


def _read(bib: str) -> bibtexparser.Library:
    return bibtexparser.parse_string(bib)


def test_every_corpus_file_exports_clean_bibtex(corpus: Path) -> None:
    documents = []
    for path in corpus_files(corpus):
        document = parse(path.read_text(encoding="utf-8"), str(path))
        documents.append(document)
        library = _read(to_bibtex([document]))
        assert library.failed_blocks == [], (path.name, [b.error for b in library.failed_blocks])
        parsed = {b.key.casefold() for block in document.bibtex_blocks for b in block.entries}
        generated = sum(1 for e in document.entries if not e.bibtex and e.title.strip())
        exported = {e.key.casefold() for e in library.entries}
        assert parsed <= exported, (path.name, sorted(parsed - exported))  # every citation keeps its key
        assert len(library.entries) >= len(parsed) + generated, path.name
    # all files at once: keys never collide across files
    together = _read(to_bibtex(documents))
    assert together.failed_blocks == []
    keys = [e.key.casefold() for e in together.entries]
    assert len(keys) == len(set(keys))


def test_theory_seed_export(corpus: Path) -> None:
    path = corpus / "seeds" / "theory-for-deep-learning.md"
    document = parse(path.read_text(encoding="utf-8"), str(path))
    bib = to_bibtex([document])
    library = _read(bib)
    assert [e.key for e in library.entries][:3] == ["deeplearning", "novak2022fast", "zhang2021understanding"]
    flower = library.entries[0]
    assert flower.entry_type == "misc"
    assert flower["title"] == "Deep Learning (Flower Book)"
    assert flower["url"] == "https://pan.baidu.com/s/1PDcCj4JiWsRlEStaHPchGA"
    assert "year" not in flower
    # Scholar blocks come out byte for byte (they are canonical in their own style)
    assert "@inproceedings{novak2022fast,\n  title={Fast finite width neural tangent kernel},\n" in bib
    assert len(library.entries) == 20


def test_generated_misc_escapes_and_keys() -> None:
    text = """# Papers

- [Attention & {Friends}: 100% of_it #1](https://arxiv.org/abs/1706.03762) - a paper
- [Attention & friends again](https://example.org/x{y})
- [深度学习](https://example.org/zh) - 2019
- [Wide networks](https://proceedings.mlr.press/v97/lee19a.html)

```bibtex
@misc{attention2017friends,
  title={Taken key}
}
```
"""
    document = parse(text)
    library = _read(to_bibtex([document]))
    assert library.failed_blocks == []
    by_title = {e["title"]: e for e in library.entries}
    first = by_title["Attention \\& \\{Friends\\}: 100\\% of\\_it \\#1"]
    assert first["url"] == "https://arxiv.org/abs/1706.03762" and first["year"] == "2017"
    assert first.key == "attention2017friendsb"  # the BibTeX block already uses attention2017friends
    assert by_title["Attention \\& friends again"]["url"] == "https://example.org/x%7By%7D"
    assert by_title["深度学习"].key == "entry2019" and by_title["深度学习"]["year"] == "2019"
    assert by_title["Wide networks"]["year"] == "2019"


def test_repairs_what_would_not_parse() -> None:
    text = """# T

```bibtex
@Article{k,
  title={A}
  author={B},
  Title={C},
  pages={1-2}
}
```

```bibtex
@misc{k,
  title={Other paper}
}
```

```bibtex
@misc{k,
  title={Other paper}
}
```

```bibtex
@misc{broken,
  title={never closed
```
"""
    bib = to_bibtex([parse(text, "list.md")])
    library = _read(bib)
    assert library.failed_blocks == []
    assert [(e.key, e.entry_type) for e in library.entries] == [("k", "article"), ("kb", "misc")]
    article = library.entries[0]
    assert [(f.key, f.value) for f in article.fields] == [("title", "A"), ("author", "B"), ("pages", "1--2")]
    assert "% listlint: list.md:25: left out BibTeX that does not parse: `{` of field `title` is never closed" in bib


def test_entry_year_sources() -> None:
    citation = parse("# L\n\n1. Invariant Scattering Convolution Networks -Joan Bruna and Stéphane Mallat-2012.03.08"
                     "\n")
    assert [entry_year(e) for e in citation.entries] == [2012]
    two_years = parse("# L\n\n- [Something](https://example.org) - 2015 and 2016\n")
    assert [entry_year(e) for e in two_years.entries] == [None]
    linked = parse("# L\n\n- [P](https://arxiv.org/abs/1611.01144) - ICLR 2017\n")
    assert [entry_year(e) for e in linked.entries] == [2016]  # the link's evidence comes first
    january = parse("# L\n\n- [P](https://arxiv.org/abs/2401.04081) - a preprint\n")
    assert [entry_year(e) for e in january.entries] == [2024]  # not 2023, which a January id also allows
    with_bib = parse("# L\n\n#### P\n\n[pdf](https://arxiv.org/abs/1611.01144)\n\n"
                     "```bibtex\n@misc{k, year={2017}}\n```\n")
    assert [entry_year(e) for e in with_bib.entries] == [2017]


def test_csv(corpus: Path) -> None:
    path = corpus / "seeds" / "theory-for-deep-learning.md"
    document = parse(path.read_text(encoding="utf-8"), "theory.md")
    rows = list(csv.reader(io.StringIO(to_csv([document]))))
    assert rows[0] == ["title", "url", "status", "year", "section", "file"]
    assert rows[1] == ["Deep Learning (Flower Book)", "https://pan.baidu.com/s/1PDcCj4JiWsRlEStaHPchGA", "READ",
                       "", "TextBooks", "theory.md"]
    assert rows[2][:5] == ["Fast finite width neural tangent kernel",
                           "https://proceedings.mlr.press/v162/novak22a/novak22a.pdf", "READ", "2022", "Papers"]
    assert len(rows) == 21


@pytest.mark.parametrize("fmt", ["bibtex", "csv"])
def test_cli_export(corpus: Path, tmp_path: Path, fmt: str) -> None:
    source = corpus / "seeds" / "theory-for-deep-learning.md"
    target = tmp_path / "theory.md"
    target.write_bytes(source.read_bytes())
    result = CliRunner().invoke(main, ["export", str(target), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "bibtex":
        library = _read(result.output)
        assert library.failed_blocks == [] and len(library.entries) == 20
    else:
        assert result.output.startswith("title,url,status,year,section,file\n")


def test_csv_writes_latex_accents_as_the_letters_people_read() -> None:
    """A citation's title in the CSV is text for people: accents and letter commands become Unicode (composed),
    not the bare letter that the comparison keys use."""
    document = parse("# L\n\n## References\n\n- [A list entry](https://a.org)\n\n```bibtex\n"
                     "@book{s, title = {Kernels by Sch\\\"{o}lkopf, Erd\\H{o}s and {\\L}{\\'o}d{\\'z}: {\\'E}tude of"
                     " {\\ss}tra{\\ss}e, \\c{c}a \\& {BERT}}, year = {2002}}\n```\n", "l.md")
    rows = list(csv.reader(io.StringIO(to_csv([document]))))
    assert rows[1][0] == "A list entry"
    assert rows[2][0] == "Kernels by Schölkopf, Erdős and Łódź: Étude of ßtraße, ça & BERT"
    assert rows[2][0] == unicodedata.normalize("NFC", rows[2][0])


def test_string_macros_the_entries_use_are_exported_first_and_once() -> None:
    first = ("# L\n\n### One\n\n```bibtex\n@string{icml = \"International Conference on Machine Learning\"}\n"
             "@inproceedings{a2020,\n  author = {A, B},\n  title = {One},\n  booktitle = icml,\n  year = {2020}\n}\n```\n")
    second = ("# M\n\n### Two\n\n```bibtex\n@STRING{icml = \"International Conference on Machine Learning\"}\n"
              "@String(nips = {Advances in NeurIPS})\n"
              "@inproceedings{b2021,\n  author = {C, D},\n  title = {Two},\n  booktitle = nips,\n  year = {2021}\n}\n```\n")
    exported = to_bibtex([parse(first, "a.md"), parse(second, "b.md")])
    assert exported.startswith('@string{icml = "International Conference on Machine Learning"}\n\n'
                               '@String(nips = {Advances in NeurIPS})\n\n@inproceedings{a2020,')
    library = bibtexparser.parse_string(exported)
    assert not library.failed_blocks
    assert {e.key: e["booktitle"] for e in library.entries} == {
        "a2020": "International Conference on Machine Learning", "b2021": "Advances in NeurIPS"}
