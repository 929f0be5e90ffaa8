"""What the link checker hands to rules: one verdict per URL, with the evidence behind it."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass


class Verdict(enum.Enum):
    """The closed set of outcomes. Only DEAD is an error by default; the rest are warnings, info or nothing."""

    OK = "ok"
    DEAD = "dead"  # 404/410, the host does not resolve, or the connection is refused: each confirmed twice
    REDIRECTED = "redirected"  # a permanent redirect (301/308) to another URL that works
    UNREACHABLE = "unreachable"  # timeouts, resets, 5xx, 429 after retries, TLS errors, redirect loops
    BLOCKED = "blocked"  # 401/403/999 or a bot wall: says nothing about the link itself
    SKIPPED = "skipped"  # refused by the address policy (private, loopback, ...) or not http(s)
    EXCLUDED = "excluded"  # matched links.exclude or .listlintignore
    UNCHECKED = "unchecked"  # the time budget (links.max_time) ran out first


# Verdicts worth keeping across runs: they are stable facts about the link, not about the network that day.
CACHEABLE = frozenset({Verdict.OK, Verdict.DEAD, Verdict.REDIRECTED})


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The verdict on one URL, as the link rules and the cache see it."""
    url: str  # as written in the document
    verdict: Verdict
    status: int | None  # the HTTP status of the last response, None when no response came
    final_url: str | None  # where a redirect chain ends (the permanent target for REDIRECTED)
    reason: str  # for humans: "404 Not Found", "connection refused (2 attempts)", ...
    attempts: int = 0  # requests sent for this URL (0 when excluded, skipped or answered from the cache)
    from_cache: bool = False


_ORDER = (
    (Verdict.OK, "ok"),
    (Verdict.DEAD, "dead"),
    (Verdict.REDIRECTED, "redirected"),
    (Verdict.UNREACHABLE, "unreachable"),
    (Verdict.BLOCKED, "blocked"),
    (Verdict.SKIPPED, "skipped"),
    (Verdict.EXCLUDED, "excluded"),
    (Verdict.UNCHECKED, "unchecked (time budget)"),
)


def summary_line(results: Mapping[str, LinkResult]) -> str:
    """One line for the end of a run: ``links: 12 URLs: 9 ok, 1 dead, 2 redirected (3 from cache)``."""
    total = len(results)
    counts: dict[Verdict, int] = {}
    cached = 0
    for result in results.values():
        counts[result.verdict] = counts.get(result.verdict, 0) + 1
        cached += result.from_cache
    parts = [f"{counts[v]} {label}" for v, label in _ORDER if counts.get(v)]
    noun = "URL" if total == 1 else "URLs"
    line = f"links: {total} {noun}"
    if parts:
        line += ": " + ", ".join(parts)
    if cached:
        line += f" ({cached} from cache)"
    return line
