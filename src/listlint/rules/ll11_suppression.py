"""LL116 invalid-suppression: a ``listlint-`` comment that cannot do what its author meant.

A typo in a suppression comment suppresses nothing, silently: ``<!-- listlint-disable-next-line list-marker-spac
-->`` leaves the finding it was written for, and ``<!-- listlint-ignore LL110 -->`` is no directive at all. Ruff
warns about the same in ``# noqa`` comments; markdownlint does not.
"""

from __future__ import annotations

from collections.abc import Iterator

from listlint import suppress
from listlint.diagnostics import Diagnostic, Severity
from listlint.model import Document
from listlint.rules.base import Context, Rule
from listlint.source import Span


class InvalidSuppression(Rule):
    code = "LL116"
    needs_entries = False
    name = "invalid-suppression"
    category = "format"
    summary = "A listlint comment with an unknown directive, or a code, prefix or name that no rule has"
    severity = Severity.WARNING

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        known = context.known_rules  # empty when the caller did not say which rules exist: selectors are not judged
        for directive in suppress.directives(document):
            if directive.kind not in suppress.KINDS:
                start = directive.kind_start
                written = document.text[start:start + len("listlint-") + len(directive.kind)]
                import difflib  # a mistyped directive is rare: not imported at start-up

                guess = difflib.get_close_matches(directive.kind, suppress.KINDS, n=1, cutoff=0.6)
                hint = f"did you mean 'listlint-{guess[0]}'?" if guess else (
                    "the directives are " + ", ".join(f"listlint-{kind}" for kind in suppress.KINDS))
                yield self.report(f"unknown directive '{written}': it suppresses nothing ({hint})",
                                  Span(start, start + len(written)))
            elif known:
                for offset, word in directive.words:
                    if not any(suppress.matches(frozenset({suppress.normalise_selector(word)}), code, name)
                               for code, name in known):
                        yield self.report(f"'{word}' in listlint-{directive.kind} is no rule code, prefix or name: "
                                          f"it suppresses nothing{_hint(word, known)}", Span(offset, offset + len(word)))


def _hint(word: str, known: tuple[tuple[str, str], ...]) -> str:
    if word.lower() in ("all", "*"):
        return " (a listlint comment without selectors applies to every rule)"
    selector = suppress.normalise_selector(word)
    if selector[:1].isupper():
        return ""  # the nearest code is an arbitrary rule: `listlint rules` lists them
    import difflib

    guess = difflib.get_close_matches(selector, [name for _, name in known], n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""


RULES = (InvalidSuppression,)
