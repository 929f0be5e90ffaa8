"""LL410 dead-link, LL411 redirected-link, LL412 unreachable-link: what they report, where, and LL411's fix.

The rules only read ``context.link_results``; here the results are built by hand, so these tests need no network.
(The end-to-end path, server to diagnostics, runs in the rule docs' examples.)
"""

from __future__ import annotations

from pathlib import Path

from listlint.config import Config, LinkSettings
from listlint.diagnostics import Alters, Applicability, Diagnostic, Severity
from listlint.fixer import fix_source
from listlint.links import LinkResult, Verdict
from listlint.model import Document
from listlint.parser import parse
from listlint.rules.base import Context, NoOptions, Rule
from listlint.rules.ll41_network import RULES, DeadLink, RedirectedLink, UnreachableLink
from listlint.source import SourceText

H = "http://h.test"

RESULTS = {
    f"{H}/gone": LinkResult(f"{H}/gone", Verdict.DEAD, 410, None, "410 Gone", 2),
    f"{H}/refused": LinkResult(f"{H}/refused", Verdict.DEAD, None, None, "connection refused (2 attempts)", 2),
    f"{H}/moved": LinkResult(f"{H}/moved", Verdict.REDIRECTED, 200, f"{H}/new", f"301 Moved Permanently to {H}/new", 2),
    f"{H}/flaky": LinkResult(f"{H}/flaky", Verdict.UNREACHABLE, 503, None, "503 Service Unavailable (3 attempts)", 3),
    f"{H}/walled": LinkResult(f"{H}/walled", Verdict.BLOCKED, 999, None, "999 Request Denied", 1),
    f"{H}/ok": LinkResult(f"{H}/ok", Verdict.OK, 200, None, "200 OK", 1),
    f"{H}/skipped": LinkResult(f"{H}/skipped", Verdict.SKIPPED, None, None, "refused by the address policy", 0),
    f"{H}/excluded": LinkResult(f"{H}/excluded", Verdict.EXCLUDED, None, None, "excluded by 'x'", 0),
    f"{H}/unchecked": LinkResult(f"{H}/unchecked", Verdict.UNCHECKED, None, None, "not checked", 0),
}


def run(text: str, results: dict[str, LinkResult] = RESULTS, config: Config | None = None) -> list[Diagnostic]:
    config = config or Config()
    document = parse(text)
    context = Context(config, NoOptions(), results)
    found: list[Diagnostic] = []
    for rule_cls in RULES:
        found.extend(rule_cls().check(document, context))
    return found


def where(text: str, diagnostic: Diagnostic) -> tuple[int, int]:
    return SourceText(text).position(diagnostic.span.start)


def test_rule_classes_follow_the_contract() -> None:
    assert [(r.code, r.name) for r in RULES] == [
        ("LL410", "dead-link"), ("LL411", "redirected-link"), ("LL412", "unreachable-link")
    ]
    for rule in RULES:
        assert issubclass(rule, Rule) and rule.default_enabled is False and rule.category == "links-network"
    assert (DeadLink.severity, RedirectedLink.severity, UnreachableLink.severity) == (
        Severity.ERROR, Severity.WARNING, Severity.WARNING
    )


def test_each_verdict_on_its_link() -> None:
    text = (
        "# Papers\n"
        "\n"
        f"- [Dropout]({H}/gone) - gone\n"
        f"- [Adam]({H}/moved) - moved\n"
        f"- [ResNet]({H}/flaky) - flaky\n"
        f"- [Profile]({H}/walled) - a bot wall\n"
        f"- [Fine]({H}/ok), [skipped]({H}/skipped), [excluded]({H}/excluded), [late]({H}/unchecked)\n"
        f"- [Local](<{H}/refused>)\n"
    )
    found = run(text)
    summary = [(d.code, d.severity, where(text, d), d.span.of(text)) for d in found]
    assert summary == [
        ("LL410", Severity.ERROR, (3, 13), f"{H}/gone"),
        ("LL410", Severity.ERROR, (8, 12), f"{H}/refused"),
        ("LL411", Severity.WARNING, (4, 10), f"{H}/moved"),
        ("LL412", Severity.WARNING, (5, 12), f"{H}/flaky"),
        ("LL412", Severity.INFO, (6, 13), f"{H}/walled"),
    ]
    messages = [d.message for d in found]
    assert messages == [
        f"dead link {H}/gone: 410 Gone",
        f"dead link {H}/refused: connection refused (2 attempts)",
        f"link {H}/moved has moved: 301 Moved Permanently to {H}/new",
        f"link {H}/flaky is unreachable: 503 Service Unavailable (3 attempts)",
        f"link {H}/walled could not be checked, the site refuses automated requests: 999 Request Denied",
    ]


def test_nothing_without_results() -> None:
    text = f"# P\n\n- [Dropout]({H}/gone)\n"
    assert run(text, results={}) == []
    assert run("") == []


def test_blocked_can_be_an_error() -> None:
    text = f"# P\n\n- [Profile]({H}/walled)\n"
    config = Config(links=LinkSettings(blocked_is_error=True))
    [diagnostic] = run(text, config=config)
    assert diagnostic.code == "LL412" and diagnostic.severity is Severity.ERROR


def test_link_kinds_and_places() -> None:
    text = (
        "# 论文列表\n"
        "\n"
        f"- 中文说明 [论文]({H}/gone) 和 <{H}/gone>\n"
        f"  - [Nested]({H}/flaky)\n"
        "\n"
        "| paper | note |\n"
        "|---|---|\n"
        f"| [T]({H}/gone) | x |\n"
        "\n"
        f'<p><a href="{H}/gone">html</a></p>\n'
        "\n"
        f"<!-- {H}/gone -->\n"
        "\n"
        "```\n"
        f"{H}/gone\n"
        "```\n"
        "\n"
        f"Bare: {H}/gone and `{H}/gone`.\n"
    )
    found = run(text)
    assert [(d.code, where(text, d)) for d in found] == [
        ("LL410", (3, 13)),  # columns count characters, not bytes
        ("LL410", (3, 36)),  # autolink
        ("LL410", (8, 7)),  # table cell
        ("LL410", (10, 13)),  # HTML href
        ("LL410", (18, 7)),  # bare URL; not the comment, the fence or the code span
        ("LL412", (4, 14)),  # nested list
    ]
    assert all(d.span.of(text) == d.message.split(" ")[2].rstrip(":") for d in found if d.code == "LL410")


def test_crlf_positions() -> None:
    text = f"# P\r\n\r\n- [A]({H}/ok)\r\n- [B]({H}/gone)\r\n"
    [diagnostic] = run(text)
    assert where(text, diagnostic) == (4, 7)
    assert diagnostic.span.of(text) == f"{H}/gone"


def test_each_occurrence_is_reported() -> None:
    text = f"# P\n\n- [A]({H}/gone)\n- [B]({H}/gone)\n"
    assert [where(text, d) for d in run(text)] == [(3, 7), (4, 7)]


def _fix(text: str, results: dict[str, LinkResult], *, unsafe: bool) -> str:
    config = Config()

    def parse_it(source: SourceText) -> Document:
        return parse(source)

    def lint_it(document: Document) -> list[Diagnostic]:
        context = Context(config, NoOptions(), results)
        return list(RedirectedLink().check(document, context))

    return fix_source(SourceText(text), parse_it, lint_it, unsafe=unsafe).text


def test_redirect_fix_is_unsafe_and_replaces_only_the_url() -> None:
    text = f"# P\r\n\r\n- [Adam]({H}/moved \"the paper\") - moved\r\n- <{H}/moved>\r\n"
    [first, second] = run(text)
    assert first.fix is not None and first.fix.applicability is Applicability.UNSAFE
    assert first.fix.alters == Alters.URLS and first.fix.title == f"Replace with {H}/new"
    assert second.fix is not None and second.fix.alters == Alters.URLS | Alters.TITLES  # the autolink's text too
    assert _fix(text, RESULTS, unsafe=False) == text
    assert _fix(text, RESULTS, unsafe=True) == f"# P\r\n\r\n- [Adam]({H}/new \"the paper\") - moved\r\n- <{H}/new>\r\n"


def test_redirect_keeps_the_written_fragment_through_the_result() -> None:
    url = f"{H}/moved#results"
    results = {url: LinkResult(url, Verdict.REDIRECTED, 200, f"{H}/new#results", "301 Moved Permanently", 2)}
    text = f"# P\n\n- [A]({url})\n"
    assert _fix(text, results, unsafe=True) == f"# P\n\n- [A]({H}/new#results)\n"


def test_no_fix_when_the_target_cannot_be_written_in_place() -> None:
    targets = {
        "space": f"{H}/a b",
        "paren": f"{H}/wiki/Foo_(bar",
        "angle": f"{H}/<x>",
    }
    for name, target in targets.items():
        url = f"{H}/{name}"
        results = {url: LinkResult(url, Verdict.REDIRECTED, 200, target, "301", 2)}
        [diagnostic] = run(f"# P\n\n- [A]({url})\n", results)
        assert diagnostic.code == "LL411" and diagnostic.fix is None, name
    url = f"{H}/quote"
    results = {url: LinkResult(url, Verdict.REDIRECTED, 200, f'{H}/"q"', "301", 2)}
    [diagnostic] = run(f'<a href="{url}">x</a>\n', results)
    assert diagnostic.fix is None
    balanced = f"{H}/wiki/Foo_(bar)"
    url = f"{H}/balanced"
    results = {url: LinkResult(url, Verdict.REDIRECTED, 200, balanced, "301", 2)}
    [diagnostic] = run(f"# P\n\n- [A]({url})\n", results)
    assert diagnostic.fix is not None


def test_docs_exist_for_the_three_rules() -> None:
    rules_dir = Path(__file__).resolve().parents[1] / "rules"
    for rule in RULES:
        assert (rules_dir / f"{rule.code}-{rule.name}.md").is_file()


def test_cli_fix_with_links_replaces_a_redirected_link_and_prints_a_summary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from linkserver import start_doc_server

    host, stop = start_doc_server()
    try:
        (tmp_path / ".listlint.toml").write_text(
            "[links]\nallow-private = true\ncache = false\ntimeout = 2.0\nretries = 0\n")
        page = tmp_path / "list.md"
        page.write_text(f"# L\n\n- [Moved](http://{host}/moved) - a page that moved\n")
        cmd = [sys.executable, "-m", "listlint.cli"]
        checked = subprocess.run([*cmd, "check", "--links", "list.md"], cwd=tmp_path, capture_output=True,
                                 text=True, timeout=120)
        assert "LL411" in checked.stdout
        assert checked.stderr.strip().startswith("links:"), checked.stderr
        fixed = subprocess.run([*cmd, "fix", "--links", "--unsafe-fixes", "list.md"], cwd=tmp_path,
                               capture_output=True, text=True, timeout=120)
        assert fixed.returncode == 0, fixed.stderr
        assert page.read_text() == f"# L\n\n- [Moved](http://{host}/ok) - a page that moved\n"
    finally:
        stop()


def test_offline_rules_run_while_the_links_are_checked(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A one-process check lints with the offline rules while the link check waits for the network (a thread of
    its own), then runs only the network rules on its results; the findings come out in position order."""
    import threading

    from linkserver import LinkServer

    import listlint.runner
    from listlint.config import ConfigResolver
    from listlint.runner import Options, Runner

    calls: list[tuple[tuple[str, ...], bool]] = []
    real_lint = listlint.runner.lint

    def watched(document, ruleset, **kwargs):  # type: ignore[no-untyped-def]
        links_alive = any(t.name == "listlint-links" and t.is_alive() for t in threading.enumerate())
        calls.append((ruleset.codes, links_alive))
        return real_lint(document, ruleset, **kwargs)

    monkeypatch.setattr(listlint.runner, "lint", watched)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".listlint.toml").write_text("[links]\nallow-private = true\ncache = false\nretries = 0\n")
    with LinkServer() as server:
        slow, gone, gone2 = (server.url(p) for p in ("/delay/600/slow", "/status/404/gone", "/status/410/gone2"))
        # LL110 (trailing spaces) after the first dead link, before the second: the two rule sets interleave
        (tmp_path / "list.md").write_text(f"# L\n\n- [Gone]({gone}) - a  \n- [Slow]({slow}) - b\n- [Also]({gone2})\n")
        outcome, = Runner(ConfigResolver(), Options(links=True)).check(["list.md"])
    assert outcome.error is None
    (offline, offline_overlapped), (network, network_overlapped) = calls
    assert "LL110" in offline and not {"LL410", "LL411", "LL412"} & set(offline)
    assert offline_overlapped, "the offline rules ran after the link check instead of during it"
    assert set(network) == {"LL410", "LL411", "LL412"} and not network_overlapped
    assert [(d.code, d.span.of((tmp_path / "list.md").read_text())) for d in outcome.diagnostics] == [
        ("LL410", gone), ("LL110", "  "), ("LL410", gone2)
    ]
