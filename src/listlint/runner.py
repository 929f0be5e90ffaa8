"""One run over many files: find files, read, parse once, lint, and (for ``fix``) rewrite.

Errors with one file (missing, binary, invalid UTF-8, bad config) are collected as one-line messages and the run
goes on with the other files. ``.bib`` files (given as paths, or named by ``bibtex.files`` in the configuration of a
Markdown file of the run) are parsed as one BibTeX block and checked by the rules that apply to a bibliography.
With ``jobs > 1`` files are parsed and linted in worker processes, which send back located diagnostics (positions
computed next to the source). Network link checking, when enabled, runs once, in the main process, for the distinct
URLs of all files; in a one-process check it runs in a thread of its own while the offline rules lint, and only the
network rules wait for it. Project-wide duplicate detection needs every document in one process, so it runs
serially.
"""


import contextlib
import gc
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listlint import files
from listlint.bibtex.bibfile import applies_to_bib_file, is_bib_path
from listlint.config import Config, ConfigResolver
from listlint.diagnostics import Diagnostic
from listlint.errors import InputError, ListlintError
from listlint.linter import EarlyLint, RuleSet, lint, position
from listlint.model import Document
from listlint.parser import parse
from listlint.records import Record
from listlint.registry import NETWORK_CATEGORY, Registry
from listlint.reporters import Located
from listlint.source import SourceText

if TYPE_CHECKING:
    import concurrent.futures

    from listlint.fixer import FixResult


class FileOutcome:
    """What a run did with one file: its findings, its fixed text or the error that stopped it."""

    __slots__ = ("path", "source", "diagnostics", "error", "fixed", "stdin", "located")

    def __init__(self, path: str, source: SourceText | None = None, diagnostics: list[Diagnostic] | None = None,
                 error: str | None = None, fixed: "FixResult | None" = None, stdin: bool = False) -> None:
        self.path = path
        self.source = source
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.error = error
        self.fixed = fixed
        self.stdin = stdin
        self.located: list[Located] = []

    def locate(self) -> "FileOutcome":
        if self.source is not None and not self.located:
            self.located = Located.all(self.diagnostics, self.source)
        return self


class Options(Record):
    """The command-line choices that apply to every file of a run."""
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    links: bool = False
    use_cache: bool = True
    progress: bool = False
    quiet: bool = False
    stdin_filename: str | None = None
    jobs: int = 1


class Runner:
    def __init__(self, resolver: ConfigResolver, options: Options, registry: Registry | None = None) -> None:
        self.resolver = resolver
        self.options = options
        self.registry = registry or Registry.load()
        self._rulesets: dict[tuple[int, bool], RuleSet] = {}
        self.link_results: dict[str, Any] | None = None  # set when a run checked links
        # .bib files named by ``bibtex.files``: their path -> the configuration that named them (which applies)
        self.bib_configs: dict[str, Config] = {}

    def ruleset(self, config: Config, bib: bool = False) -> RuleSet:
        """The rules of ``config``; for a ``.bib`` file (``bib``) only those that apply to a bibliography."""
        key = (id(config), bib)
        if key not in self._rulesets:
            if bib:
                full = self.ruleset(config)
                self._rulesets[key] = full._replace(
                    rules=tuple((rule, options) for rule, options in full.rules if applies_to_bib_file(rule))
                )
            else:
                o = self.options
                self._rulesets[key] = RuleSet.build(
                    self.registry, config, select=o.select, extend_select=o.extend_select, ignore=o.ignore,
                    links=o.links,
                )
        return self._rulesets[key]

    def ruleset_for(self, label: str, config: Config) -> RuleSet:
        return self.ruleset(config, bib=self.is_bib(label))

    def is_bib(self, label: str) -> bool:
        """A BibTeX file: named ``*.bib``, or named by ``bibtex.files`` whatever its suffix (``refs.bibtex``)."""
        return is_bib_path(label) or label in self.bib_configs

    def parse_file(self, source: SourceText, label: str, config: Config, early: EarlyLint | None = None
                   ) -> Document:
        return parse_file(source, label, config, bib=self.is_bib(label), workers=self.options.jobs, early=early)

    def early_lint(self, label: str, config: Config) -> EarlyLint | None:
        """The rules to start while a large Markdown file is parsed (see :class:`~listlint.linter.EarlyLint`)."""
        if self.options.jobs < 2 or self.is_bib(label):
            return None
        try:
            return EarlyLint(self.ruleset_for(label, config).partition(NETWORK_CATEGORY)[0])
        except ListlintError:
            return None  # reported where the file is linted

    def _load(self, path: str) -> tuple[Config, SourceText, str]:
        if path == "-":
            label = self.options.stdin_filename or "<stdin>"
            config = self.resolver.for_path(Path(label) if self.options.stdin_filename else None)
            data = sys.stdin.buffer.read()
            return config, SourceText.from_bytes(data, label), label
        config = self.bib_configs.get(path) or self.resolver.for_path(Path(path))
        return config, files.read(path, config.max_file_size), path

    def targets(self, paths: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[str | InputError]:
        """The files of ``paths`` (see :func:`files.discover`), then the ``.bib`` files that the configuration of
        each Markdown file names in ``bibtex.files`` (each once, and not when given as a path already); a named file
        that does not exist is an InputError naming it and the configuration file."""
        given: list[str] = []
        configs: list[Config] = []
        directories: set[str] = set()  # a directory's files share its configuration: look it up once
        for item in files.discover(paths, exclude):
            if isinstance(item, str) and item != "-":
                given.append(item)
                directory = os.path.dirname(item)
                if not is_bib_path(item) and directory not in directories:
                    directories.add(directory)
                    try:
                        config = self.resolver.for_path(Path(item))
                    except ListlintError:
                        pass  # reported when the file is loaded
                    else:
                        if config.bibtex.files and all(c is not config for c in configs):
                            configs.append(config)
            yield item
        seen = {os.path.realpath(item) for item in given} if configs else set()
        for config in configs:
            base = Path(config.path).parent if config.path else Path.cwd()
            for name in config.bibtex.files:
                full = base / name
                shown = _display(full)
                real = os.path.realpath(full)
                if real in seen:
                    continue
                seen.add(real)
                if not full.is_file():
                    what = "is not a regular file" if full.exists() else "no such file"
                    yield InputError(shown, f"{what} (named in bibtex.files of {config.path})")
                    continue
                self.bib_configs[shown] = config
                yield shown

    def collect(
        self, paths: Sequence[str], *, bib_files: bool = False
    ) -> tuple[list[tuple[str, Config, SourceText]], list[FileOutcome]]:
        """(label, config, source) of every readable file; one FileOutcome with an error for each other path.

        With ``bib_files``, the ``.bib`` files named in the configuration of the Markdown files come too.
        """
        loaded: list[tuple[str, Config, SourceText]] = []
        failed: list[FileOutcome] = []
        exclude: tuple[str, ...] = ()
        try:
            exclude = self.resolver.for_path(None).exclude
        except ListlintError:
            pass
        found = self.targets(paths, exclude) if bib_files else files.discover(paths, exclude)
        for item in found:
            if isinstance(item, ListlintError):
                failed.append(FileOutcome(getattr(item, "path", "?"), error=str(item)))
                continue
            try:
                config, source, label = self._load(item)
                self.ruleset(config)  # validate selectors and rule options early, naming the config file
            except ListlintError as exc:
                failed.append(FileOutcome(item, error=str(exc)))
                continue
            loaded.append((label, config, source))
        return loaded, failed

    def check(self, paths: Sequence[str]) -> list[FileOutcome]:
        if self.options.jobs > 1 and "-" not in paths:
            targets = list(self.targets(paths, self._exclude()))
            readable = [t for t in targets if isinstance(t, str)]
            if len(readable) > 1 and not self._needs_one_process(readable):
                return self._check_parallel(targets)
        loaded, outcomes = self.collect(paths, bib_files=True)
        early = [self.early_lint(label, config) for label, config, _ in loaded]
        documents = [(label, config, source, self.parse_file(source, label, config, started))
                     for (label, config, source), started in zip(loaded, early)]
        waiting: list[tuple[FileOutcome, Document, RuleSet]] = []
        with contextlib.ExitStack() as stack:
            checking = self._start_link_check(documents, stack)
            project = tuple(doc for *_, doc in documents)
            for (label, config, source, document), started in zip(documents, early):
                outcome = FileOutcome(label, source)
                ruleset, network = self.ruleset_for(label, config).partition(NETWORK_CATEGORY)
                try:
                    scope = project if config.duplicates.scope == "project" else ()
                    outcome.diagnostics = lint(document, ruleset, project=scope, workers=self.options.jobs,
                                               early=started if started and started.ruleset == ruleset else None)
                except ListlintError as exc:
                    outcome.error = str(exc)
                waiting.append((outcome, document, network))
            link_results = checking.result() if checking is not None else {}
        for outcome, document, network in waiting:
            if network.rules and outcome.error is None:
                found = lint(document, network, link_results=link_results)
                outcome.diagnostics = sorted([*outcome.diagnostics, *found], key=position)
            outcomes.append(outcome.locate())
        return sorted(outcomes, key=lambda o: o.path)

    def _exclude(self) -> tuple[str, ...]:
        try:
            return self.resolver.for_path(None).exclude
        except ListlintError:
            return ()

    def _needs_one_process(self, paths: Sequence[str]) -> bool:
        """Project-scope duplicates compare documents with each other, so they must live in one process."""
        for path in paths:
            try:
                if (self.bib_configs.get(path) or self.resolver.for_path(Path(path))).duplicates.scope == "project":
                    return True
            except ListlintError:
                continue
        return False

    def _check_parallel(self, targets: list[Any]) -> list[FileOutcome]:
        import concurrent.futures
        import multiprocessing

        outcomes = [FileOutcome(getattr(t, "path", "?"), error=str(t)) for t in targets if not isinstance(t, str)]
        paths = [t for t in targets if isinstance(t, str)]
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        chunk = max(1, len(paths) // (self.options.jobs * 8))
        with concurrent.futures.ProcessPoolExecutor(
            self.options.jobs, mp_context=context, initializer=_worker_init,
            initargs=(self.resolver, self.options, self.bib_configs),
        ) as pool:
            link_results: dict[str, Any] = {}
            if self.options.links or any(self._links_enabled(p) for p in paths[:1]):
                url_lists = list(pool.map(_worker_urls, paths, chunksize=chunk))
                link_results = self._run_link_check([u for urls in url_lists for u in urls], paths[0])
                outcomes.extend(pool.map(_worker_check, paths, [link_results] * len(paths), chunksize=chunk))
            else:
                outcomes.extend(pool.map(_worker_check, paths, chunksize=chunk))
        return sorted(outcomes, key=lambda o: o.path)

    def _links_enabled(self, path: str) -> bool:
        try:
            config = self.bib_configs.get(path) or self.resolver.for_path(Path(path))
        except ListlintError:
            return False
        return self._links_enabled_for(config)

    def _links_enabled_for(self, config: Config) -> bool:
        return any(rule.category == NETWORK_CATEGORY for rule, _ in self.ruleset(config).rules)

    def _link_check_urls(self, documents: list[tuple[str, Config, SourceText, Document]]) -> tuple[list[str], str]:
        """The URLs of the documents whose rules check links, and the first such document's label."""
        wanted = [(label, doc) for label, config, _, doc in documents if self._links_enabled_for(config)]
        return [u for _, doc in wanted for u in document_urls(doc)], (wanted[0][0] if wanted else "")

    def _check_links(self, documents: list[tuple[str, Config, SourceText, Document]]) -> dict[str, Any]:
        urls, first = self._link_check_urls(documents)
        return self._run_link_check(urls, first) if first else {}

    def _start_link_check(
        self, documents: list[tuple[str, Config, SourceText, Document]], stack: contextlib.ExitStack
    ) -> "concurrent.futures.Future[dict[str, Any]] | None":
        """Check the links in a thread, so that the offline rules run while it waits for the network (the thread
        also keeps the rules from forking: see ``linter._can_fork``). None when no document's rules check links."""
        urls, first = self._link_check_urls(documents)
        if not first:
            return None
        import concurrent.futures  # runs without links do not import it

        stack.enter_context(_collecting())  # until the caller has the results
        future: concurrent.futures.Future[dict[str, Any]] = concurrent.futures.Future()

        def check() -> None:
            try:  # the collector is the caller's to switch (see check): the main thread lints meanwhile
                future.set_result(self._check_urls(urls, first))
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
                future.set_exception(exc)

        # a daemon: an interrupted run must not wait for the network on its way out
        threading.Thread(target=check, name="listlint-links", daemon=True).start()
        return future

    def _run_link_check(self, urls: Sequence[str], first_path: str) -> dict[str, Any]:
        with _collecting():
            return self._check_urls(urls, first_path)

    def _check_urls(self, urls: Sequence[str], first_path: str) -> dict[str, Any]:
        from listlint.links import check_links  # httpx is imported only when links are checked

        distinct = list(dict.fromkeys(urls))
        config = self.resolver.for_path(Path(first_path) if first_path not in ("-", "<stdin>") else None)
        base = Path(config.path).parent if config.path else Path.cwd()
        self.link_results = dict(check_links(distinct, config.links, base_dir=base,
                                             use_cache=self.options.use_cache, progress=self.options.progress,
                                             quiet=self.options.quiet))
        return self.link_results

    def _is_stdin(self, label: str, paths: Sequence[str]) -> bool:
        return "-" in paths and label == (self.options.stdin_filename or "<stdin>")

    def fix(self, paths: Sequence[str], *, unsafe: bool = False) -> list[FileOutcome]:
        from listlint.fixer import fix_source  # only `fix` needs it: `check` skips its import

        loaded, outcomes = self.collect(paths, bib_files=True)
        link_results: dict[str, Any] = {}
        if any(self._links_enabled_for(config) for _, config, _ in loaded):
            documents = [(label, config, source, self.parse_file(source, label, config))
                         for label, config, source in loaded]
            link_results = self._check_links(documents)
        for label, config, source in loaded:
            outcome = FileOutcome(label, source, stdin=self._is_stdin(label, paths))
            ruleset = self.ruleset_for(label, config)

            def parse_it(src: SourceText, label: str = label, config: Config = config) -> Document:
                return self.parse_file(src, label, config)

            def lint_it(doc: Document, ruleset: RuleSet = ruleset) -> list[Diagnostic]:
                return lint(doc, ruleset, link_results=link_results)

            try:
                outcome.fixed = fix_source(source, parse_it, lint_it, unsafe=unsafe)
                outcome.diagnostics = outcome.fixed.remaining
            except ListlintError as exc:
                outcome.error = str(exc)
            outcomes.append(outcome)
        return sorted(outcomes, key=lambda o: o.path)


@contextlib.contextmanager
def _collecting() -> Iterator[None]:
    """The cyclic collector on for the link check (asyncio and httpx make reference cycles), then as it was: the
    command otherwise runs without it (``listlint.__main__``). Linting in the meantime pauses it for its own
    duration (``linter.lint``), which is short."""
    paused = not gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if paused:
            gc.disable()


def parse_file(source: SourceText, label: str, config: Config, *, bib: bool | None = None, workers: int = 1,
               early: EarlyLint | None = None) -> Document:
    """A BibTeX file (``bib``; by default: named ``*.bib``) as one BibTeX block, anything else as Markdown
    (``workers``: see :func:`listlint.parser.parse`; ``early``: the rules to start before the entries are
    assembled)."""
    if is_bib_path(label) if bib is None else bib:
        from listlint.parser.bibtex import parse_bib  # runs without .bib files do not import it

        return parse_bib(source, label, config)
    return parse(source, label, config, workers=workers, before_entries=early.start if early else None)


def _display(path: Path) -> str:
    """``path`` relative to the working directory when it lies under it (as users name files), else absolute."""
    absolute = os.path.abspath(path)  # "project/../shared/refs.bib" -> "shared/refs.bib"
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def document_urls(document: Document) -> list[str]:
    """The distinct http(s) URLs of a document, in order."""
    return list(dict.fromkeys(
        link.url for link in document.links if link.url.lower().startswith(("http://", "https://"))
    ))


_WORKER: Runner | None = None


def _worker_init(resolver: ConfigResolver, options: Options, bib_configs: dict[str, Config] | None = None) -> None:
    global _WORKER
    _WORKER = Runner(resolver, options._replace(jobs=1, progress=False))
    _WORKER.bib_configs.update(bib_configs or {})


def _worker_urls(path: str) -> list[str]:
    assert _WORKER is not None
    loaded, _ = _WORKER.collect([path])
    return [u for label, config, source in loaded for u in document_urls(_WORKER.parse_file(source, label, config))]


def _worker_check(path: str, link_results: dict[str, Any] | None = None) -> FileOutcome:
    """Parse and lint one file in a worker; send back located diagnostics, not the document."""
    assert _WORKER is not None
    loaded, failed = _WORKER.collect([path])
    if failed:
        return failed[0]
    label, config, source = loaded[0]
    outcome = FileOutcome(label, source)
    try:
        document = _WORKER.parse_file(source, label, config)
        wanted = {u: link_results[u] for u in document_urls(document) if u in link_results} if link_results else None
        outcome.diagnostics = lint(document, _WORKER.ruleset_for(label, config), link_results=wanted)
    except ListlintError as exc:
        outcome.error = str(exc)
    outcome.locate()
    outcome.source = None  # the text stays in the worker; positions are already computed
    return outcome
