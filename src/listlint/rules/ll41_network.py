"""Network link rules: LL410 dead-link, LL411 redirected-link, LL412 unreachable-link.

They only read the verdicts the link checker (``listlint.links``) produced once for the whole run and handed over
as ``context.link_results``; no rule does I/O. Without ``--links`` (or ``links.enabled``) they are not selected
and there are no results, so nothing is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability, Severity
from listlint.model import Document, Link, LinkKind
from listlint.rules.base import Context, Rule
from listlint.source import Span

if TYPE_CHECKING:
    from listlint.links import LinkResult, Verdict

CATEGORY = "links-network"


def _verdict() -> type[Verdict]:
    from listlint.links import Verdict

    return Verdict


def _checked_links(document: Document, context: Context, verdicts: frozenset[Verdict]) -> Iterator[
    tuple[Link, Span, LinkResult]
]:
    """Links whose result has one of ``verdicts``, once per position (reference links share their definition)."""
    if not context.link_results:
        return
    from listlint.links import LinkResult  # these rules run with --links only: offline runs never import it

    seen: set[Span] = set()
    defined = {link.url for link in document.links if link.kind is LinkKind.DEFINITION}
    for link in document.links:
        if link.kind is LinkKind.REFERENCE and link.url in defined:
            continue  # reported once, at the definition where the URL is written
        result = context.link_results.get(link.url)
        if not isinstance(result, LinkResult) or result.verdict not in verdicts:
            continue
        span = link.span if link.span is not None else link.full_span
        if span in seen:
            continue
        seen.add(span)
        yield link, span, result


class DeadLink(Rule):
    code = "LL410"
    name = "dead-link"
    category = CATEGORY
    summary = "A link answers 404/410, its host does not resolve, or the connection is refused (with --links)"
    fix = FixAvailability.NONE
    default_enabled = False
    severity = Severity.ERROR

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        for link, span, result in _checked_links(document, context, frozenset({_verdict().DEAD})):
            yield self.report(f"dead link {link.url}: {result.reason}", span)


def _replaceable(link: Link, target: str) -> bool:
    """Whether ``target`` can be written where ``link.url`` is without changing the Markdown around it."""
    if not target or any(c.isspace() for c in target) or "<" in target or ">" in target:
        return False
    if link.kind is LinkKind.HTML and ('"' in target or "'" in target):
        return False
    if link.kind in (LinkKind.INLINE, LinkKind.IMAGE) and target.count("(") != target.count(")"):
        return False
    if link.kind is LinkKind.BARE and target[-1] in ".,;:!?*_~)":
        return False  # the bare-URL scanner would cut the character off again
    return True


class RedirectedLink(Rule):
    code = "LL411"
    name = "redirected-link"
    category = CATEGORY
    summary = "A link permanently redirects (301/308) to another URL (with --links)"
    fix = FixAvailability.UNSAFE
    default_enabled = False
    severity = Severity.WARNING

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        for link, span, result in _checked_links(document, context, frozenset({_verdict().REDIRECTED})):
            target = result.final_url
            fix = None
            if target and link.span is not None and target != link.url and _replaceable(link, target):
                alters = Alters.URLS
                if link.kind in (LinkKind.AUTOLINK, LinkKind.BARE):
                    alters |= Alters.TITLES  # the URL is also the text a reader sees (and an entry's title)
                fix = Fix.unsafe(Edit(link.span, target), title=f"Replace with {target}", alters=alters)
            yield self.report(f"link {link.url} has moved: {result.reason}", span, fix)


class UnreachableLink(Rule):
    code = "LL412"
    name = "unreachable-link"
    category = CATEGORY
    summary = "A link times out, fails with 5xx/429 after retries, or is behind a bot wall (with --links)"
    fix = FixAvailability.NONE
    default_enabled = False
    severity = Severity.WARNING

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        blocked_severity = Severity.ERROR if context.config.links.blocked_is_error else Severity.INFO
        Verdict = _verdict()
        verdicts = frozenset({Verdict.UNREACHABLE, Verdict.BLOCKED})
        for link, span, result in _checked_links(document, context, verdicts):
            if result.verdict is Verdict.BLOCKED:
                message = f"link {link.url} could not be checked, the site refuses automated requests: {result.reason}"
                yield self.report(message, span, severity=blocked_severity)
            else:
                yield self.report(f"link {link.url} is unreachable: {result.reason}", span)


RULES = (DeadLink, RedirectedLink, UnreachableLink)
