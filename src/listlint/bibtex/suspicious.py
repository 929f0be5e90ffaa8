"""Values that Google Scholar (and copy-paste) get wrong (LL510), with the mechanical repairs where there is one."""


import re

from listlint.bibtex.normalize import parse_year
from listlint.model import BibEntry, BibField
from listlint.records import Record
from listlint.regex import lazy
from listlint.source import Span

_CORR = lazy(r"^\s*CoRR\s*,?\s*abs/\S+\s*$", re.IGNORECASE)
_URL_WRAPPED = lazy(r"^\s*\\url\s*\{([^{}]*)\}\s*$")
_DOI_PREFIX = lazy(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


class Suspicion(Record):
    """A suspicious value: where, why, and the replacement of ``span`` when the repair is mechanical."""

    field: BibField
    message: str
    span: Span
    replacement: str | None = None


def _field(entry: BibEntry, name: str) -> BibField | None:
    for f in entry.fields:
        if f.name.lower() == name:
            return f
    return None


def suspicions(entry: BibEntry, min_year: int, max_year: int) -> list[Suspicion]:
    """Every suspicious value of ``entry``, in field order."""
    out: list[Suspicion] = []
    journal = _field(entry, "journal")
    if journal is not None and _CORR.match(journal.value):
        junk = [f for f in entry.fields if f.name.lower() in ("volume", "number")]
        if junk:
            shown = ", ".join(f"{f.name} `{f.value}`" for f in junk)
            out.append(
                Suspicion(
                    journal,
                    f"Google Scholar's CoRR citation: journal `{journal.value}` with {shown} is not a journal "
                    "article; cite the arXiv preprint (e.g. journal = {arXiv preprint arXiv:…}) instead",
                    journal.value_span,
                )
            )
    # a record exported by DBLP (biburl/bibsource on dblp.org) is curated: its one-page keynote has pages={1}
    curated = any(f.name.lower() in ("biburl", "bibsource") and "dblp" in f.value.lower() for f in entry.fields)
    for field in entry.fields:
        name = field.name.lower()
        value = field.value
        if name == "pages" and value.strip() == "1" and not curated:
            out.append(Suspicion(field, "`pages={1}` is a placeholder Google Scholar writes, not a page range",
                                 field.value_span))
        elif name == "year":
            year = parse_year(value)
            if year is None:
                if value.strip() and not value.strip().isalpha():  # a macro name is left to BibTeX
                    out.append(Suspicion(field, f"year `{value}` is not a four-digit year", field.value_span))
            elif not min_year <= year <= max_year:
                out.append(Suspicion(field, f"year {year} is out of range ({min_year}–{max_year})",
                                     field.value_span))
        elif name == "url" and field.enclosing:
            m = _URL_WRAPPED.match(value)
            if m:
                out.append(
                    Suspicion(
                        field,
                        "`url` wraps its value in `\\url{}`: BibTeX styles add it themselves",
                        field.value_span,
                        _enclose(field, m.group(1)),
                    )
                )
        elif name == "doi" and field.enclosing:
            m = _DOI_PREFIX.match(value)
            if m:
                out.append(
                    Suspicion(
                        field,
                        f"`doi` starts with `{m.group(0).strip()}`: a DOI field holds the bare DOI (10.xxxx/...)",
                        field.value_span,
                        _enclose(field, value[m.end() :].strip()),
                    )
                )
    return out


def _enclose(field: BibField, inner: str) -> str:
    return '"' + inner + '"' if field.enclosing == '"' else "{" + inner + "}"
