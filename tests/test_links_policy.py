"""Unit tests of the link checker's pure parts: the address policy, Retry-After, exclusions, per-host gates, the
summary line and the progress bar; and that httpx is not imported unless links are checked."""

from __future__ import annotations

import asyncio
import io
import ipaddress
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

import pytest

from listlint.config import HostOverride, LinkSettings
from listlint.errors import ConfigError
from listlint.links import LinkResult, Verdict, summary_line
from listlint.links._hosts import HostGate, HostLimits, Scheduler, limits_for
from listlint.links._policy import (
    address_problem,
    compile_exclusions,
    excluded_by,
    host_key,
    parse_retry_after,
    read_ignore_file,
    status_text,
    strip_userinfo,
)
from listlint.links._progress import Progress

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("8.8.8.8", None),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.0.0.1", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fc00::1", "a private address"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata
        ("fe80::1%eth0", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "a non-public address"),  # carrier-grade NAT
        ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped
        ("::ffff:8.8.8.8", None),
        ("2002:0a00:0001::1", "a private address"),  # 6to4 around 10.0.0.1
        ("64:ff9b::7f00:1", "a loopback address"),  # NAT64 around 127.0.0.1
        ("64:ff9b::808:808", None),
        ("not-an-ip", "not an IP address"),
    ],
)
def test_address_policy(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem


def test_allowed_networks_exempt_addresses() -> None:
    allowed = [ipaddress.ip_network("127.0.0.1/32")]
    assert address_problem("127.0.0.1", allowed) is None
    assert address_problem("127.0.0.2", allowed) == "a loopback address"


def test_parse_retry_after() -> None:
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 3 ") == 3.0
    assert parse_retry_after("1.5") == 1.5
    assert parse_retry_after("-5") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("nan") is None
    now = time.time()
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now=now) == 0.0


def test_status_text() -> None:
    assert status_text(404) == "404 Not Found"
    assert status_text(999) == "999 Request Denied"
    assert status_text(599, "Network Connect Timeout") == "599 Network Connect Timeout"
    assert status_text(499) == "499"


def test_host_key_and_userinfo() -> None:
    assert host_key("https", "ArXiv.org", None) == "arxiv.org:443"
    assert host_key("http", "example.org", 8080) == "example.org:8080"
    assert host_key("http", "::1", 80) == "[::1]:80"
    assert strip_userinfo("https://user:pw@example.org/a?b=1#frag") == "https://example.org/a?b=1"
    assert strip_userinfo("https://example.org/a#frag") == "https://example.org/a"


def test_host_overrides() -> None:
    settings = LinkSettings(
        per_host=4,
        min_interval=0.0,
        timeout=10.0,
        hosts={"GitHub.com": HostOverride(concurrency=1), "example.org:8443": HostOverride(min_interval=2.0, timeout=3)},
    )
    assert limits_for(settings, "github.com", 443) == HostLimits(1, 0.0, 10.0)
    assert limits_for(settings, "example.org", 8443) == HostLimits(4, 2.0, 3)
    assert limits_for(settings, "example.org", 443) == HostLimits(4, 0.0, 10.0)
    assert limits_for(LinkSettings(per_host=0), "a.org", 80).concurrency == 1


def test_ignore_file_and_exclusions(tmp_path: Path) -> None:
    assert read_ignore_file(tmp_path) == []
    (tmp_path / ".listlintignore").write_text("# comment\n\n  ^https://internal\\.  \nlocalhost\n", encoding="utf-8")
    assert read_ignore_file(tmp_path) == [("^https://internal\\.", "line 3"), ("localhost", "line 4")]
    patterns = compile_exclusions(LinkSettings(exclude=("\\.pdf$",)), tmp_path)
    assert excluded_by("https://internal.example/x", patterns) == "^https://internal\\."
    assert excluded_by("https://a.org/paper.pdf", patterns) == "\\.pdf$"
    assert excluded_by("https://a.org/", patterns) is None


def test_invalid_exclusion_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"links\.exclude\[1\]: invalid regular expression"):
        compile_exclusions(LinkSettings(exclude=("ok", "(")), tmp_path)


def test_summary_line() -> None:
    def r(verdict: Verdict, cached: bool = False) -> LinkResult:
        return LinkResult("u", verdict, None, None, "", from_cache=cached)

    results = {
        "a": r(Verdict.OK, True),
        "b": r(Verdict.OK),
        "c": r(Verdict.DEAD, True),
        "d": r(Verdict.UNREACHABLE),
        "e": r(Verdict.UNCHECKED),
    }
    assert summary_line(results) == "links: 5 URLs: 2 ok, 1 dead, 1 unreachable, 1 unchecked (time budget) (2 from cache)"
    assert summary_line({}) == "links: 0 URLs"
    assert summary_line({"a": r(Verdict.BLOCKED)}) == "links: 1 URL: 1 blocked"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    plain = io.StringIO()
    bar = Progress(2, enabled=True, stream=plain)
    bar.advance(Verdict.OK)
    bar.advance(Verdict.DEAD)
    bar.close()
    assert plain.getvalue() == ""

    tty = _Tty()
    bar = Progress(3, enabled=True, stream=tty)
    for verdict in (Verdict.DEAD, Verdict.REDIRECTED, Verdict.BLOCKED):
        bar.advance(verdict)
    bar.close()
    out = tty.getvalue()
    assert "3/3 checked, 1 dead, 2 warnings" in out
    assert out.endswith("\r\x1b[K")

    quiet = _Tty()
    bar = Progress(1, enabled=False, stream=quiet)
    bar.advance(Verdict.OK)
    bar.close()
    assert quiet.getvalue() == ""


def test_check_links_draws_no_progress_when_stderr_is_not_a_tty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from listlint.links import check_links

    results = check_links(["mailto:x@example.org"], LinkSettings(), base_dir=tmp_path, progress=True)
    assert results["mailto:x@example.org"].verdict is Verdict.SKIPPED
    assert capsys.readouterr().err == ""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC)},
        check=True,
    )


def test_httpx_is_not_imported_by_the_cli_or_the_rules() -> None:
    result = _run("import listlint.cli, listlint.links, listlint.rules.ll41_network")
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "listlint.links" in imported
    assert not any(name.split(".")[0] in ("httpx", "httpcore", "anyio") for name in imported)
    alone = _run("import listlint.links")
    imported = {line.rsplit("|", 1)[-1].strip() for line in alone.stderr.splitlines()}
    assert "asyncio" not in imported  # the package costs nothing until a check runs


# -- host gates ------------------------------------------------------------------------------------------------


def test_gate_limits_concurrency_and_gives_retries_priority() -> None:
    async def scenario() -> tuple[int, list[str]]:
        gate = HostGate(HostLimits(2, 0.0, 10.0))
        active = 0
        most = 0
        order: list[str] = []

        async def job(name: str, first: bool = False, delay: float = 0.0) -> None:
            nonlocal active, most
            await asyncio.sleep(delay)
            await gate.acquire(first=first)
            order.append(name)
            active += 1
            most = max(most, active)
            await asyncio.sleep(0.02)
            active -= 1
            gate.release()

        await asyncio.gather(
            job("a"), job("b"), job("c"), job("d"), job("retry", first=True, delay=0.005)
        )
        return most, order

    most, order = asyncio.run(scenario())
    assert most == 2
    assert order[:3] == ["a", "b", "retry"]


def test_gate_min_interval_and_pause() -> None:
    async def scenario() -> list[float]:
        gate = HostGate(HostLimits(4, 0.05, 10.0))
        starts: list[float] = []

        async def job() -> None:
            await gate.acquire()
            starts.append(time.monotonic())
            gate.release()

        gate.pause(0.1)
        begin = time.monotonic()
        await asyncio.gather(job(), job(), job())
        return [s - begin for s in starts]

    starts = asyncio.run(scenario())
    # lower bounds from the start only: a task may resume late after its grant (a loaded machine), which can shrink
    # the measured gap between two starts but never move a start earlier than the gate allowed
    assert starts[0] >= 0.095
    assert starts[1] >= 0.145 and starts[2] >= 0.195


def test_gate_slow_down_halves_then_spaces() -> None:
    gate = HostGate(HostLimits(8, 0.0, 10.0))
    gate.slow_down(None, cap=10.0)
    assert (gate.limit, gate.min_interval) == (4, 0.0)
    gate.slow_down(None, cap=10.0)
    gate.slow_down(None, cap=10.0)
    assert gate.limit == 1
    gate.slow_down(None, cap=10.0)
    assert gate.min_interval == 0.25
    gate.slow_down(None, cap=10.0)
    assert gate.min_interval == 0.5
    for _ in range(10):
        gate.slow_down(None, cap=3.0)
    assert gate.min_interval == 3.0
    gate.slow_down(60.0, cap=3.0)
    assert 2.9 <= gate.pause_remaining() <= 3.0


def test_gate_cancelled_waiter_does_not_leak_a_slot() -> None:
    async def scenario() -> bool:
        gate = HostGate(HostLimits(1, 0.0, 10.0))
        await gate.acquire()
        waiter = asyncio.ensure_future(gate.acquire())
        await asyncio.sleep(0)
        waiter.cancel()
        await asyncio.gather(waiter, return_exceptions=True)
        gate.release()
        await asyncio.wait_for(gate.acquire(), 0.5)  # the slot is free again
        return True

    assert asyncio.run(scenario())


def test_scheduler_prefers_urls_under_way_then_the_host_with_most_work() -> None:
    """One global slot: a retry goes first, then the host with the most waiting URLs; equal hosts take turns by
    arrival."""

    async def scenario() -> list[str]:
        scheduler = Scheduler(limit=1)
        a = HostGate(HostLimits(4, 0.0, 10.0), scheduler)
        b = HostGate(HostLimits(4, 0.0, 10.0), scheduler)
        order: list[str] = []
        await a.acquire()  # holds the only slot

        async def job(name: str, gate: HostGate, first: bool = False) -> None:
            await gate.acquire(first=first)
            order.append(name)
            await asyncio.sleep(0)
            gate.release()

        jobs = [("b1", b, False), ("a1", a, False), ("a2", a, False), ("a3", a, False), ("b-retry", b, True)]
        tasks = [asyncio.ensure_future(job(name, gate, first)) for name, gate, first in jobs]
        await asyncio.sleep(0.01)
        assert order == []  # nothing passes the global limit
        a.release()
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["b-retry", "a1", "a2", "b1", "a3"]


def test_scheduler_a_full_host_does_not_hold_up_the_others() -> None:
    async def scenario() -> list[str]:
        scheduler = Scheduler(limit=2)
        a = HostGate(HostLimits(1, 0.0, 10.0), scheduler)
        b = HostGate(HostLimits(1, 0.0, 10.0), scheduler)
        order: list[str] = []
        await a.acquire()

        async def job(name: str, gate: HostGate) -> None:
            await gate.acquire()
            order.append(name)
            gate.release()

        waiting_a = asyncio.ensure_future(job("a2", a))
        await asyncio.wait_for(job("b1", b), 0.5)  # a's second request waits for a, not b's
        assert order == ["b1"] and not waiting_a.done()
        a.release()
        await asyncio.wait_for(waiting_a, 0.5)
        return order

    assert asyncio.run(scenario()) == ["b1", "a2"]
