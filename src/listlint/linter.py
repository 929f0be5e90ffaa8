"""Lint one document with the selected rules. A rule that raises becomes a RuleError naming it, never a traceback.

A large document's rules use the second core twice: the rules that need no entries start while the parser
assembles them (:class:`EarlyLint`), and the others are split between two processes (:func:`_run_split`)."""


import gc
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from listlint import forking, suppress
from listlint.config import DEFAULT, Config, build_record
from listlint.diagnostics import Alters, Applicability, Diagnostic, Edit, Fix, Severity
from listlint.errors import ConfigError, RuleError
from listlint.model import Document, NotAssembled
from listlint.records import Record
from listlint.registry import Registry
from listlint.rules.base import Context, Rule
from listlint.source import Span


class RuleSet(Record):
    """The rules selected for one configuration, instantiated once, with their options built and validated."""

    config: Config
    rules: tuple[tuple[Rule, Any], ...]
    known: tuple[tuple[str, str], ...] = ()  # (code, name) of every rule of the run, selected or not (LL116)

    @classmethod
    def build(
        cls,
        registry: Registry,
        config: Config,
        *,
        select: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        links: bool = False,
    ) -> "RuleSet":
        where = config.path or "<config>"
        registry.check_selectors(config.select, where, "select")
        registry.check_selectors(config.extend_select, where, "extend-select")
        registry.check_selectors(config.ignore, where, "ignore")
        for key in config.rules:
            if registry.find(key) is None:
                raise ConfigError(where, f"rules.{key}", "unknown rule")
        # an explicit --select replaces the configured selection (its select, extend-select and ignore)
        chosen = registry.select(
            tuple(select) or config.select,
            tuple(extend_select) if select else (*config.extend_select, *extend_select),
            tuple(ignore) if select else (*config.ignore, *ignore),
            links=links or config.links.enabled,
        )
        instances = []
        raw_by_rule = {}
        for key, raw in config.rules.items():
            rule = registry.find(key)
            assert rule is not None
            raw_by_rule[rule.code] = (key, raw)
        for rule_cls in registry.rules:
            key, raw = raw_by_rule.get(rule_cls.code, (rule_cls.name, {}))
            options = build_record(rule_cls.Options, raw, where, f"rules.{key}")
            if rule_cls in chosen:
                instances.append((rule_cls(), options))
        return cls(config, tuple(instances), tuple((rule.code, rule.name) for rule in registry.rules))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule, _ in self.rules)

    def partition(self, category: str) -> "tuple[RuleSet, RuleSet]":
        """(the rules of other categories, the rules of ``category``): the network rules wait for the link
        check, the others can run while it goes on."""
        inside = tuple(pair for pair in self.rules if pair[0].category == category)
        outside = tuple(pair for pair in self.rules if pair[0].category != category)
        return RuleSet(self.config, outside, self.known), RuleSet(self.config, inside, self.known)


def lint(
    document: Document,
    ruleset: RuleSet,
    *,
    link_results: Mapping[str, Any] | None = None,
    project: tuple[Document, ...] = (),
    workers: int = 1,
    early: "EarlyLint | None" = None,
) -> list[Diagnostic]:
    """Diagnostics of every selected rule, suppressions applied, sorted by position then code.

    With ``workers > 1`` a large document's rules run in two processes (see :func:`_run_split`); ``early`` holds
    the rules already started while the document was parsed (:class:`EarlyLint`). The result is the same as in one
    process.
    """
    collecting = gc.isenabled()
    gc.disable()  # as in parse: many short-lived objects, no cycles worth a collector pass
    try:
        context_args = (ruleset.config, link_results or {}, project, ruleset.known)
        rules = ruleset.rules
        if early is not None and early.started:
            rules = tuple(pair for pair in rules if pair not in early.rules)
        try:
            if workers > 1 and len(document.text) >= SPLIT_MIN_CHARS and forking.can_fork():
                found = _run_split(document, rules, context_args)
            else:
                found = _run(document, rules, context_args)
        except BaseException:
            if early is not None:
                early.cancel()
            raise
        if early is not None and early.started:
            found += early.findings(document)
        out = suppress.apply(document, found)
        out.sort(key=position)
        return [_with_path(d, document.path) for d in out]
    finally:
        if collecting:
            gc.enable()


def position(diagnostic: Diagnostic) -> tuple[int, str, int]:
    """The order of a file's findings: by position, then code."""
    return diagnostic.span.start, diagnostic.code, diagnostic.span.end


def _run(document: Document, rules: Sequence[tuple[Rule, Any]], context_args: tuple[Any, ...]) -> list[Diagnostic]:
    config, link_results, project, known = context_args
    out: list[Diagnostic] = []
    for rule, options in rules:
        context = Context(config, options, link_results, project, known)
        try:
            found = list(rule.check(document, context))
        except (ConfigError, NotAssembled):
            raise  # an option the rule found invalid: a configuration error naming the key, not a crash
        except Exception as exc:  # noqa: BLE001 - a rule must never crash the run
            raise RuleError(
                f"{document.path}: rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}"
            ) from exc
        out.extend(found)
    return out


# Splitting pays once the rules take longer than a fork and the return trip of their findings (~20 ms): from a few
# hundred KB on. The second process takes the URL, BibTeX and duplicate families: they share their costly indexes
# (the URL normaliser's cache, the BibTeX fields), while the status family's one-per-entry findings would cost more
# to send back than to compute. The child pays for the fork in copy-on-write page faults, so it is given somewhat
# less than half of the rules' time. On the 1 MB benchmark list, in the CLI (parent / child, best of three): the
# URL and BibTeX families alone there, 0.23 / 0.11 s; with LL1 too, 0.18 / 0.15 s; with the duplicates (LL6)
# too, 0.17 / 0.17 s, which ends the rules 60 ms sooner than the first. Later rules (LL414, a wider LL405 and
# LL601) and LL301's scope moved the balance: the child ended 18-28 ms after this process, so the local-file rules
# (LL41x: LL413 reads the disk, ~12 ms on that list) run here now. Since the rules that need no entries run
# earlier (EarlyLint), what is left measures 96 ms here against 93 ms there in one process, and the child ended
# 25-90 ms after this process: LL402 (16 ms) runs here.
SPLIT_MIN_CHARS = 256_000
SECOND_PROCESS_FAMILIES = ("LL403", "LL406", "LL407", "LL409", "LL5", "LL6")


def _run_split(
    document: Document, rules: Sequence[tuple[Rule, Any]], context_args: tuple[Any, ...]
) -> list[Diagnostic]:
    """Run the rules in two processes: a forked child reads the same parsed document (copy-on-write, nothing is
    serialised but the child's findings) while this process runs the rest. Any trouble in the child — it crashed,
    was killed, sent nothing — and its rules run here instead, so the result never depends on the split."""
    theirs = [r for r in rules if r[0].code.startswith(SECOND_PROCESS_FAMILIES)]
    ours = [r for r in rules if not r[0].code.startswith(SECOND_PROCESS_FAMILIES)]
    if not theirs or not ours:
        return _run(document, rules, context_args)
    wait = _start_child(document, theirs, context_args)
    try:
        found = _run(document, ours, context_args)
    except BaseException:
        _reap(wait)
        raise
    done = _child_findings(wait)
    return found + (_run(document, theirs, context_args) if done is None else done)


def _start_child(document: Document, rules: Sequence[tuple[Rule, Any]], context_args: tuple[Any, ...]
                 ) -> Callable[[], Any]:
    """Run ``rules`` on ``document`` in a forked child; the returned ``wait`` is for :func:`_child_findings`."""

    def run_them() -> tuple[str, Any]:
        try:
            return "ok", _pack(_run(document, rules, context_args))
        except RuleError as exc:
            return "error", str(exc)
        except NotAssembled:  # a rule that reads the entries after all: see EarlyLint
            return "retry", None

    return forking.start(run_them)


def _child_findings(wait: Callable[[], Any]) -> list[Diagnostic] | None:
    """The child's findings; None when it could not finish (the caller runs its rules itself, so the result never
    depends on a split); a rule that crashed there is the same RuleError as here."""
    try:
        kind, value = wait()
    except forking.ChildFailed:
        return None
    if kind == "error":
        raise RuleError(value)
    return _unpack(value) if kind == "ok" else None


def _reap(wait: Callable[[], Any]) -> None:
    """Wait for a child whose findings are no longer wanted (this process's half failed)."""
    try:
        wait()
    except forking.ChildFailed:
        pass


class EarlyLint:
    """The rules that read neither entries nor sections (``Rule.needs_entries = False``), started on a large
    document in a forked child as soon as the parser has walked it (``parse(before_entries=early.start)``): they
    run while this process assembles the entries. :func:`lint`, given this, runs only the other rules and adds the
    child's findings. If the child fails, or one of its rules reads the entries after all
    (:class:`~listlint.model.NotAssembled`), the early rules run in :func:`lint` on the whole document instead.

    On the 1 MB benchmark list these rules are about a third of the rules' time, and assembling the entries (~0.17
    s) is the longest stretch a run spends in one process."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.rules = tuple(pair for pair in ruleset.rules if not pair[0].needs_entries)
        self._wait: Callable[[], Any] | None = None

    @property
    def started(self) -> bool:
        return self._wait is not None

    def start(self, partial: Document) -> None:
        """The parser's ``before_entries`` hook: fork for a large document when there is something to run."""
        if self.rules and self._wait is None and len(partial.text) >= SPLIT_MIN_CHARS and forking.can_fork():
            self._wait = _start_child(partial, self.rules, (self.ruleset.config, {}, (), self.ruleset.known))

    def cancel(self) -> None:
        """Reap a started child whose findings will not be asked for (the run stopped on an error)."""
        if self._wait is not None:
            wait, self._wait = self._wait, None
            _reap(wait)

    def findings(self, document: Document) -> list[Diagnostic]:
        """The early rules' findings on ``document`` (the whole one, which they see when the child failed)."""
        assert self._wait is not None
        wait, self._wait = self._wait, None
        done = _child_findings(wait)
        if done is None:
            return _run(document, self.rules, (self.ruleset.config, {}, (), self.ruleset.known))
        return done


# The child's findings travel as tuples of strings and numbers, which marshal writes (forking): pickling the
# Diagnostics themselves (as frozen dataclasses, each through its __getstate__) cost about as much as the rules the
# child ran.
_Row = tuple[str, str, str, str, str, int, int, str, Any]


def _pack(found: list[Diagnostic]) -> list[_Row]:
    return [
        (d.code, d.name, d.category, d.severity.value, d.message, d.span.start, d.span.end, d.path,
         None if d.fix is None else (tuple((e.span.start, e.span.end, e.content) for e in d.fix.edits),
                                     d.fix.applicability.value, d.fix.title, d.fix.alters.value))
        for d in found
    ]


def _unpack(rows: list[_Row]) -> list[Diagnostic]:
    out = []
    for code, name, category, severity, message, start, end, path, packed in rows:
        fix = None
        if packed is not None:
            edits, applicability, title, alters = packed
            fix = Fix(tuple(Edit(Span(a, b), content) for a, b, content in edits), Applicability(applicability),
                      title, Alters(alters))
        out.append(Diagnostic(code, name, category, Severity(severity), message, Span(start, end), fix, path))
    return out


def _with_path(diagnostic: Diagnostic, path: str) -> Diagnostic:
    if diagnostic.path == path:
        return diagnostic
    object.__setattr__(diagnostic, "path", path)
    return diagnostic


def default_ruleset(config: Config | None = None) -> RuleSet:
    return RuleSet.build(Registry.load(), config or DEFAULT)
