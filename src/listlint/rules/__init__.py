"""Built-in rules: an explicit tuple, one family module after another (no registration at import time)."""

from __future__ import annotations

from listlint.rules import (
    ll1_headings,
    ll2_entries,
    ll3_status,
    ll4_local,
    ll4_urls,
    ll5_bibtex,
    ll6_duplicates,
    ll11_suppression,
    ll11_whitespace,
    ll41_network,
)
from listlint.rules.base import Rule

BUILTIN_RULES: tuple[type[Rule], ...] = (
    *ll1_headings.RULES,
    *ll11_whitespace.RULES,
    *ll11_suppression.RULES,
    *ll2_entries.RULES,
    *ll3_status.RULES,
    *ll4_urls.RULES,
    *ll4_local.RULES,
    *ll41_network.RULES,
    *ll5_bibtex.RULES,
    *ll6_duplicates.RULES,
)
