"""The ``listlint`` command line (click). Exit status: 0 clean, 1 findings, 2 usage/config/input/internal error."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from listlint import __version__, regex
from listlint.config import ConfigResolver
from listlint.diagnostics import Severity
from listlint.errors import ListlintError
from listlint.reporters import Style
from listlint.runner import FileOutcome, Options, Runner

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _fail(message: str) -> NoReturn:
    click.echo(f"listlint: {message}", err=True)
    sys.exit(EXIT_ERROR)


def selection_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--select", multiple=True, help="Rules to run: codes, prefixes (LL3) or names; replaces the default."),
        click.option("--extend-select", multiple=True, help="Rules to run in addition to the selection."),
        click.option("--ignore", multiple=True, help="Rules not to run: codes, prefixes or names."),
        click.option("--config", "config_path", type=_File(),
                     help="Use this config file instead of the nearest .listlint.toml / pyproject.toml."),
        click.option("--stdin-filename", help="Name to report (and find config for) when reading '-' from stdin."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _runner(select: Sequence[str], extend_select: Sequence[str], ignore: Sequence[str], config_path: Path | None,
            stdin_filename: str | None, **extra: Any) -> Runner:
    try:
        resolver = ConfigResolver(config_path)
        runner = Runner(resolver, Options(select=_csv(select), extend_select=_csv(extend_select),
                                          ignore=_csv(ignore), stdin_filename=stdin_filename, **extra))
    except ListlintError as exc:
        _fail(str(exc))
    for option, values in (("--select", select), ("--extend-select", extend_select), ("--ignore", ignore)):
        for selector in runner.registry.unknown_selectors(_csv(values))[:1]:
            raise click.BadParameter(f"unknown rule or prefix {selector!r} (see `listlint rules`)",
                                     param_hint=f"'{option}'")
    return runner


# click translates (gettext) the help texts of the --help and --version options it makes, and the name of each
# click.Path type when it is created; the first translation imports the locale module. That was 7 M instructions,
# 1.5 % of a 10 KB check, for texts that stay English: listlint makes these options and its file type itself.
def _exit_with(text: Callable[[click.Context], str]) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            click.echo(text(ctx), color=ctx.color)
            ctx.exit()

    return callback


def _help_option() -> click.Option:
    return click.Option(["-h", "--help"], is_flag=True, expose_value=False, is_eager=True,
                        callback=_exit_with(click.Context.get_help), help="Show this message and exit.")


class _OwnHelp(click.Command):
    """A command with listlint's -h/--help option instead of click's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help_option"] = False
        super().__init__(*args, **kwargs)
        self.params.append(_help_option())


class _File(click.ParamType):
    """A file's path (``click.Path(dir_okay=False, path_type=Path)``): a directory is refused."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        if os.path.isdir(value):
            self.fail(f"File {click.format_filename(value)!r} is a directory.", param, ctx)
        return Path(value)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


class _Command(_OwnHelp):
    """A command that hands click's parser each short option (``-q``, ``-j 2``, ``-h``) by its long name.

    click's parser tries every option as a long one first. For ``-q`` that fails, and the failure is a
    ``NoSuchOption`` error that is built (its message translated, difflib imported for close matches) and then
    dropped: 3-4 ms of a 0.2 s check on a slow VM, against nothing for ``--quiet``.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _long_names(self.params, args))


def _long_names(params: Sequence[click.Parameter], args: list[str]) -> list[str]:
    """``args`` with each standalone short option (``-q``) written by its long name (``--quiet``); option values,
    attached values (``-j2``) and everything after ``--`` stay as written."""
    long_of: dict[str, str] = {}
    values: dict[str, int] = {}  # option -> how many values follow it
    for param in params:
        if not isinstance(param, click.Option):
            continue
        longs = [opt for opt in param.opts if opt.startswith("--")]
        for opt in param.opts:
            if longs and len(opt) == 2 and opt[0] == "-" and opt != "--":
                long_of[opt] = longs[0]
            if not (param.is_flag or param.count):
                values[opt] = param.nargs
    out: list[str] = []
    skip = 0
    for at, arg in enumerate(args):
        if skip:
            skip -= 1
        elif arg == "--":
            return out + args[at:]
        else:
            arg = long_of.get(arg, arg)
            skip = values.get(arg, 0)
        out.append(arg)
    return out


class _Group(_OwnHelp, click.Group):
    command_class = _Command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, help="Show the version and exit.",
              callback=_exit_with(lambda ctx: f"listlint, version {__version__}"))
def main() -> None:
    """Lint and fix awesome lists and paper reading lists written in Markdown."""


def run() -> NoReturn:
    """The console script. Runs the CLI, flushes the output, then leaves with ``os._exit``: tearing down a large
    parsed document object by object costs more (0.1 s for 1 MB) than the files it was checking took to read,
    and nothing is left to clean up (files are written and closed, worker pools joined, before the CLI returns)."""
    try:
        main.main(prog_name="listlint")
        status = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            status = exc.code or 0
        else:
            click.echo(exc.code, err=True)
            status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away (| head) or the stream is closed
            status = status or 1
    regex.save_cache()
    os._exit(status)


def _report_errors(outcomes: Sequence[FileOutcome]) -> bool:
    had = False
    for outcome in outcomes:
        if outcome.error:
            click.echo(f"listlint: {outcome.error}", err=True)
            had = True
    return had


@main.command()
@click.argument("paths", nargs=-1)
@selection_options
@click.option("--output-format", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True)
@click.option("--links/--no-links", default=False, help="Check that links are alive (network; LL410-LL412).")
@click.option("--no-cache", is_flag=True, help="Ignore the link-check cache.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found (errors still exit 2).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of each finding.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no progress.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files [default: number of CPUs].")
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          config_path: Path | None, stdin_filename: str | None, output_format: str, links: bool, no_cache: bool,
          strict: bool, exit_zero: bool, statistics: bool, quiet: bool, color: str, jobs: int | None) -> None:
    """Check Markdown lists (files, directories, or - for stdin; default README.md)."""
    from listlint import reporters

    runner = _runner(select, extend_select, ignore, config_path, stdin_filename, links=links,
                     use_cache=not no_cache, progress=sys.stderr.isatty() and not quiet, quiet=quiet,
                     jobs=jobs or os.cpu_count() or 1)
    outcomes = runner.check(paths)
    errors = _report_errors(outcomes)
    if runner.link_results is not None:
        from listlint.links import summary_line

        click.echo(summary_line(runner.link_results), err=True)
    located = [loc for o in outcomes if not o.error for loc in o.located]
    checked = sum(1 for o in outcomes if not o.error)
    if output_format == "json":
        reporters.write(None, reporters.to_json(located))
    elif output_format == "github":
        reporters.write(None, reporters.to_github(located))
    elif output_format == "sarif":
        reporters.write(None, reporters.to_sarif(located, runner.registry.rules, __version__))
    else:
        style = Style(color, sys.stdout)
        if statistics:
            reporters.write(None, reporters.statistics(located))
        else:
            reporters.write(None, reporters.to_text(located, style))
        if not quiet:
            reporters.write(None, reporters.summary(located, checked, len(outcomes) - checked))
    strict = strict or any(runner.resolver.for_path(Path(o.path)).strict for o in outcomes if not o.error)
    failing = any(
        loc.diagnostic.severity is Severity.ERROR or (strict and loc.diagnostic.severity is Severity.WARNING)
        for loc in located
    )
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


@main.command()
@click.argument("paths", nargs=-1)
@selection_options
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change content.")
@click.option("--links/--no-links", default=False, help="Check links first, so redirected links can be replaced.")
@click.option("--no-cache", is_flag=True, help="Ignore the link-check cache.")
@click.option("-q", "--quiet", is_flag=True)
def fix(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
        config_path: Path | None, stdin_filename: str | None, show_diff: bool, check_only: bool, unsafe_fixes: bool,
        links: bool, no_cache: bool, quiet: bool) -> None:
    """Apply fixes in place (safe ones; unsafe ones too with --unsafe-fixes)."""
    from listlint.fixer import write_atomic

    runner = _runner(select, extend_select, ignore, config_path, stdin_filename, links=links,
                     use_cache=not no_cache, progress=sys.stderr.isatty() and not quiet, quiet=quiet)
    outcomes = runner.fix(paths, unsafe=unsafe_fixes)
    errors = _report_errors(outcomes)
    changed = 0
    remaining = 0
    for outcome in outcomes:
        result = outcome.fixed
        if outcome.error or result is None or outcome.source is None:
            continue
        remaining += sum(1 for d in outcome.diagnostics if d.severity is Severity.ERROR)
        if outcome.stdin and not (show_diff or check_only):
            sys.stdout.buffer.write(outcome.source.encode(result.text))  # a filter: always echo the result
            changed += result.changed
            continue
        if not result.changed:
            continue
        changed += 1
        if show_diff:
            from listlint.diffs import unified_diff
            from listlint.source import BOM

            bom = BOM if outcome.source.bom else ""  # the diff is of the file's bytes, so that it applies
            name = outcome.path.replace(os.sep, "/").lstrip("/")  # as git writes an absolute path: a/tmp/x.md
            sys.stdout.write(unified_diff(bom + outcome.source.text, bom + result.text, f"a/{name}", f"b/{name}"))
        elif check_only:
            click.echo(f"Would fix {outcome.path} ({len(result.applied)} fixes)")
        else:
            try:
                write_atomic(outcome.path, outcome.source.encode(result.text))
            except (ListlintError, OSError) as exc:
                click.echo(f"listlint: {exc}", err=True)
                errors = True
                continue
            if not quiet:
                codes = sorted({d.code for d in result.applied})
                click.echo(f"Fixed {outcome.path}: {len(result.applied)} fixes ({', '.join(codes)})")
    if not quiet and not changed and not errors and not any(o.stdin for o in outcomes):
        click.echo("Nothing to fix.")
    if errors:
        sys.exit(EXIT_ERROR)
    if (show_diff or check_only) and changed:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, category, fix, default."""
    from listlint.registry import Registry

    try:
        registry = Registry.load()
    except ListlintError as exc:
        _fail(str(exc))
    rows = [(r.code, r.name, r.category, r.fix.value, "on" if r.default_enabled else "off", r.summary)
            for r in registry.rules]
    if fmt == "json":
        keys = ("code", "name", "category", "fix", "default", "summary")
        import json  # only this table format needs it

        click.echo(json.dumps([dict(zip(keys, row)) for row in rows], indent=2))
        return
    widths = [max(len(row[i]) for row in rows + [("code", "name", "category", "fix", "default", "")]) for i in range(5)]
    header = ("code", "name", "category", "fix", "default")
    click.echo("  ".join(h.ljust(w) for h, w in zip(header, widths)) + "  summary")
    for row in rows:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row[:5], widths)) + "  " + row[5])


@main.command(name="rule")
@click.argument("key")
def rule_command(key: str) -> None:
    """Print the documentation of one rule (by code or name)."""
    from listlint.docs import rule_doc
    from listlint.registry import Registry

    rule = Registry.load().find(key)
    if rule is None:
        _fail(f"no rule with code or name {key!r} (see `listlint rules`)")
    doc = rule_doc(rule.code, rule.name)
    if doc is None:
        _fail(f"the documentation of {rule.code} is not installed")
    click.echo(doc.rstrip())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "bibtex", "csv"]), default="json", show_default=True)
@click.option("-o", "--output", type=_File(), help="Write here instead of stdout.")
def export(paths: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Export the entries of lists as JSON (the entry AST), BibTeX or CSV."""
    from listlint import export as exporter

    runner = _runner((), (), (), None, None)
    loaded, failed = runner.collect(paths)
    errors = _report_errors(failed)
    documents = [runner.parse_file(source, label, config) for label, config, source in loaded]
    if fmt == "json":
        text = exporter.to_json(documents)
    else:
        try:
            from listlint.bibtex import export as bib_export
        except ImportError:
            _fail(f"--format {fmt} is not available in this build")
        text = bib_export.to_bibtex(documents) if fmt == "bibtex" else bib_export.to_csv(documents)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(paths: tuple[str, ...], fmt: str) -> None:
    """Reading progress: entries per status tag, per file and section."""
    try:
        from listlint import stats as stats_module
    except ImportError:
        _fail("stats is not available in this build")

    runner = _runner((), (), (), None, None)
    loaded, failed = runner.collect(paths)
    errors = _report_errors(failed)
    documents = [(runner.parse_file(source, label, config), config) for label, config, source in loaded]
    click.echo(stats_module.render(documents, fmt))
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


@main.command()
@click.argument("paths", nargs=-1)
def init(paths: tuple[str, ...]) -> None:
    """Write a commented .listlint.toml from the lists found here (never overwrites one)."""
    from listlint import init as initializer

    if Path(".listlint.toml").exists():
        _fail(".listlint.toml already exists; not overwriting it")
    runner = _runner((), (), (), None, None)
    loaded, failed = runner.collect(paths or (".",))
    errors = _report_errors(failed)
    documents = [runner.parse_file(source, label, config) for label, config, source in loaded]
    try:
        target = initializer.write(Path.cwd(), documents)
    except FileExistsError:
        _fail(".listlint.toml already exists; not overwriting it")
    click.echo(f"Wrote {target.name} from {len(documents)} file(s).")
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


if __name__ == "__main__":  # pragma: no cover
    run()
