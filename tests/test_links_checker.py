"""The link checker against real HTTP servers on 127.0.0.1: the fault matrix, politeness, safety and budgets.

Every test asserts the verdicts and what the servers actually received (request counts, methods, headers,
timing). Timeouts, backoff and Retry-After values are short so the whole file runs in a few seconds.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from linkserver import LinkServer, SilentHost, refused_port

from listlint.config import HostOverride, LinkSettings
from listlint.errors import ConfigError
from listlint.links import LinkResult, Verdict, check_links
from listlint.links._checker import Tuning

FAST = Tuning(backoff_base=0.02, confirm_delay=0.02)


def settings(**changes: object) -> LinkSettings:
    base: dict[str, object] = {
        "allow_private": True,
        "cache": False,
        "timeout": 0.6,
        "retries": 2,
        "retry_after_cap": 2.0,
    }
    base.update(changes)
    return LinkSettings(**base)  # type: ignore[arg-type]


def check(
    urls: Sequence[str], tmp_path: Path, *, tuning: Tuning = FAST, use_cache: bool = False, **changes: object
) -> dict[str, LinkResult]:
    return check_links(urls, settings(**changes), base_dir=tmp_path, use_cache=use_cache, tuning=tuning)


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with LinkServer(hosts=6) as srv:
        yield srv


def methods(server: LinkServer, target: str, host: int = 0) -> list[str]:
    return [seen.method for seen in server.requests if seen.host == host and seen.target == target]


# -- the fault matrix, in one run ------------------------------------------------------------------------------


def test_fault_matrix(server: LinkServer, tmp_path: Path) -> None:
    """One run over every kind of answer: the verdicts, the reasons and the exact requests each cost."""
    refused = refused_port()
    cases = {
        # host 0: well-behaved answers
        "ok": (server.url("/ok/plain"), Verdict.OK),
        "slow": (server.url("/delay/200/slow"), Verdict.OK),
        "missing": (server.url("/missing"), Verdict.DEAD),
        "gone": (server.url("/gone"), Verdict.DEAD),
        "moved": (server.url("/moved"), Verdict.REDIRECTED),
        "perm": (server.url("/perm"), Verdict.REDIRECTED),
        "temp": (server.url("/temp"), Verdict.OK),
        "chain": (server.url("/chain/3/301"), Verdict.REDIRECTED),
        "long": (server.url("/chain/12/302"), Verdict.UNREACHABLE),
        "loop": (server.url("/loop/a"), Verdict.UNREACHABLE),
        "500-once": (server.url("/fail/500/1/x"), Verdict.OK),
        "500-always": (server.url("/status/500"), Verdict.UNREACHABLE),
        "503-then-200": (server.url("/fail/503/1?retry_after=1"), Verdict.OK),
        "403": (server.url("/status/403"), Verdict.BLOCKED),
        "401": (server.url("/status/401"), Verdict.BLOCKED),
        "999": (server.url("/status/999"), Verdict.BLOCKED),
        "cf": (server.url("/cf"), Verdict.BLOCKED),
        "cross-host": (server.url(f"/redirect/301?to=http://{server.hosts[1]}/ok"), Verdict.REDIRECTED),
        "refused": (f"http://127.0.0.1:{refused}/paper.pdf", Verdict.DEAD),
        # host 2: 429 (it slows the host down, so it gets a host of its own)
        "429-then-200": (server.url("/fail/429/1?retry_after=1", 2), Verdict.OK),
        # host 3: no HEAD (the host learns it), and the 50 MB body behind a HEAD 405
        "nohead": (server.url("/nohead", 3), Verdict.OK),
        "big": (server.url("/big?head=405", 3), Verdict.OK),
        # host 4: a server that never answers; host 5: one that resets connections
        "hang": (server.url("/hang", 4), Verdict.UNREACHABLE),
        "reset": (server.url("/reset", 5), Verdict.UNREACHABLE),
    }
    started = time.monotonic()
    results = check([url for url, _ in cases.values()], tmp_path)
    elapsed = time.monotonic() - started

    for name, (url, verdict) in cases.items():
        assert results[url].verdict is verdict, f"{name}: {results[url]}"
    r = {name: results[url] for name, (url, _) in cases.items()}

    # alive, in one HEAD (the slow page within the timeout)
    assert methods(server, "/ok/plain") == ["HEAD"] and r["ok"].reason == "200 OK" and r["ok"].attempts == 1
    assert methods(server, "/delay/200/slow") == ["HEAD"]
    # dead: confirmed by a GET before being reported
    assert methods(server, "/missing") == ["HEAD", "GET"] and r["missing"].reason == "404 Not Found"
    assert methods(server, "/gone") == ["HEAD", "GET"] and r["gone"].status == 410 and r["gone"].attempts == 2
    assert r["refused"].reason == "connection refused (2 attempts)" and r["refused"].status is None
    # permanent redirects: the target is given; temporary ones are followed silently
    assert r["moved"].final_url == server.url("/ok") and r["moved"].status == 200
    assert r["moved"].reason == f"301 Moved Permanently to {server.url('/ok')}"
    assert r["perm"].reason.startswith("308 Permanent Redirect to ")
    assert r["temp"].final_url == server.url("/ok")
    assert r["chain"].final_url == server.url("/chain/0/301") and r["chain"].attempts == 4
    assert r["cross-host"].final_url == f"http://{server.hosts[1]}/ok" and server.hits("/ok", host=1) == 1
    # the long chain stops after 10 redirects, the loop as soon as a URL comes back
    assert "more than 10 redirects" in r["long"].reason and r["long"].attempts == 11
    assert server.hits("/chain/1/302") == 0
    assert r["loop"].reason.startswith("redirect loop: ") and r["loop"].reason.count("/loop/a") == 2
    assert methods(server, "/loop/a") == ["HEAD"] and methods(server, "/loop/b") == ["HEAD"]
    # transient errors: retried until they pass; persistent ones give up after 1 + 2 retries
    assert methods(server, "/fail/500/1/x") == ["HEAD", "HEAD"]
    assert methods(server, "/status/500") == ["HEAD"] * 3 and r["500-always"].reason == "500 Internal Server Error (3 attempts)"
    assert server.hits("/fail/503/1?retry_after=1") == 2
    assert server.hits("/fail/429/1?retry_after=1", host=2) == 2
    # Retry-After: 1 is honoured, for 503 and 429 alike
    for target, host in (("/fail/503/1?retry_after=1", 0), ("/fail/429/1?retry_after=1", 2)):
        first, second = [s.at for s in server.requests if s.target == target and s.host == host]
        assert second - first >= 0.95, target
    # bot walls: HEAD 403/401 retried as GET, nothing retried after that; 999 is not a server error
    assert methods(server, "/status/403") == ["HEAD", "GET"]
    assert methods(server, "/status/999") == ["HEAD"] and r["999"].reason == "999 Request Denied"
    assert "cf-mitigated: challenge" in r["cf"].reason and methods(server, "/cf") == ["HEAD", "GET"]
    # no HEAD: GET once; the 50 MB body is not read (the server could not send it all) and the URL is alive
    assert methods(server, "/nohead", 3) == ["HEAD", "GET"]
    assert sorted(methods(server, "/big?head=405", 3)) in (["GET"], ["GET", "HEAD"])
    [big] = server.big_bodies
    assert not big.complete and big.sent < 10 * 1024 * 1024, big
    # never answers: HEAD, then GET, then one more GET, each cut at the timeout
    assert methods(server, "/hang", 4) == ["HEAD", "GET", "GET"]
    assert r["hang"].reason == "no response within 0.6 s (3 attempts)"
    assert methods(server, "/reset", 5) == ["HEAD", "GET", "GET"]
    assert r["reset"].reason == "connection reset by the server (3 attempts)"

    assert elapsed < 6.0, f"the fault matrix took {elapsed:.1f} s"


def test_each_url_is_requested_once(server: LinkServer, tmp_path: Path) -> None:
    """Repeats, fragments and credentials do not cause more requests; results come back per URL as written."""
    page = server.url("/ok/page")
    urls = [page, page, page + "#intro", page + "#method", page.replace("http://", "http://user:secret@")]
    results = check(urls, tmp_path)
    assert list(results) == [page, page + "#intro", page + "#method", urls[-1]]
    assert all(result.verdict is Verdict.OK for result in results.values())
    assert server.hits("/ok/page") == 1
    assert all("authorization" not in seen.headers for seen in server.requests)


def test_a_destination_is_requested_as_a_browser_follows_it(server: LinkServer, tmp_path: Path) -> None:
    """CommonMark reads backslash escapes and character references in a destination: "[t](…/ok\\/page)" and
    "[t](…?a=1&amp;b=2)" lead to /ok/page and ?a=1&b=2. Requested as written, the first is a 404 (…/ok%5C/page)."""
    escaped, entity = server.url("/ok\\/page"), server.url("/ok/q?a=1&amp;b=2")
    results = check([escaped, entity], tmp_path)
    assert list(results) == [escaped, entity]  # results stay keyed by the URL as written
    assert [results[u].verdict for u in (escaped, entity)] == [Verdict.OK, Verdict.OK]
    assert sorted(seen.target for seen in server.requests) == ["/ok/page", "/ok/q?a=1&b=2"]


def test_fragment_is_kept_in_the_redirect_target(server: LinkServer, tmp_path: Path) -> None:
    url = server.url("/moved#results")
    result = check([url], tmp_path)[url]
    assert result.verdict is Verdict.REDIRECTED
    assert result.final_url == server.url("/ok#results")


def test_permanent_part_of_a_chain_is_the_target(server: LinkServer, tmp_path: Path) -> None:
    """A -301-> B -302-> /ok: the list should point at B, which redirects temporarily on its own."""
    b = server.url("/redirect/302?to=/ok")
    a = server.url("/redirect/301?to=" + b)
    result = check([a], tmp_path)[a]
    assert result.verdict is Verdict.REDIRECTED and result.final_url == b


def test_dead_after_redirect_is_dead(server: LinkServer, tmp_path: Path) -> None:
    url = server.url("/redirect/301?to=/missing")
    result = check([url], tmp_path)[url]
    assert result.verdict is Verdict.DEAD
    assert result.reason == f"404 Not Found at {server.url('/missing')} (redirected from {url})"


def test_a_404_that_heals_on_the_second_look_is_alive(server: LinkServer, tmp_path: Path) -> None:
    url = server.url("/fail/404/1/paper")
    result = check([url], tmp_path)[url]
    assert result.verdict is Verdict.OK
    assert methods(server, "/fail/404/1/paper") == ["HEAD", "GET"]


def test_retry_after_above_the_cap_gives_up_at_once(server: LinkServer, tmp_path: Path) -> None:
    url = server.url("/fail/503/5?retry_after=120")
    started = time.monotonic()
    result = check([url], tmp_path, retry_after_cap=2.0)[url]
    assert time.monotonic() - started < 1.0
    assert result.verdict is Verdict.UNREACHABLE
    assert result.reason == "503 Service Unavailable with Retry-After 120 s, more than the cap of 2 s"
    assert server.hits("/fail/503/5?retry_after=120") == 1


def test_retries_setting(server: LinkServer, tmp_path: Path) -> None:
    url = server.url("/status/502")
    assert check([url], tmp_path, retries=0)[url].verdict is Verdict.UNREACHABLE
    assert server.hits("/status/502") == 1
    server.reset()
    assert check([url], tmp_path, retries=4)[url].attempts == 5
    assert server.hits("/status/502") == 5


def test_accept_adds_alive_statuses(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url("/status/403"), server.url("/status/999"), server.url("/missing")]
    results = check(urls, tmp_path, accept=(403, 999, 404))
    assert [r.verdict for r in results.values()] == [Verdict.OK] * 3
    assert server.hits("/missing") == 1  # an accepted 404 needs no confirmation


def test_tls_error_is_unreachable_and_not_retried(server: LinkServer, tmp_path: Path) -> None:
    url = f"https://{server.hosts[0]}/ok"
    result = check([url], tmp_path)[url]
    assert result.verdict is Verdict.UNREACHABLE
    assert result.reason.startswith("TLS error") and result.reason.endswith("(1 attempt)")
    assert server.tls_attempts == 1


# -- hosts that stop answering ---------------------------------------------------------------------------------


def test_a_silent_host_costs_one_url_not_all(tmp_path: Path) -> None:
    """Connections to the host time out: the first URL waits out its retries, the others fail fast."""
    with SilentHost() as silent:
        urls = [f"http://{silent.host}/paper/{i}" for i in range(10)]
        started = time.monotonic()
        results = check(urls, tmp_path, per_host=1, timeout=0.3)
        elapsed = time.monotonic() - started
    reasons = [r.reason for r in results.values()]
    assert all(r.verdict is Verdict.UNREACHABLE for r in results.values())
    assert reasons[0] == "connection timed out after 0.3 s (3 attempts)"
    # a URL may start while the first one waits out its backoff; once the host is given up, nothing new starts
    unrequested = [r for r in reasons if r.startswith(f"not requested: {silent.host} did not answer earlier requests")]
    assert len(unrequested) >= 8
    assert sum(r.attempts for r in results.values()) <= 5
    assert elapsed < 2.0


def test_a_host_leaving_two_urls_unanswered_is_given_up(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url(f"/hang/{i}", 4) for i in range(6)]
    started = time.monotonic()
    results = check(urls, tmp_path, per_host=2, timeout=0.3)
    elapsed = time.monotonic() - started
    assert all(r.verdict is Verdict.UNREACHABLE for r in results.values())
    # without the give-up rule: 6 URLs x (HEAD, GET, GET) = 18 requests and 2.7 s
    assert len(server.requests) <= 10
    assert sum(r.attempts == 0 for r in results.values()) >= 2
    assert elapsed < 2.0


# -- politeness ------------------------------------------------------------------------------------------------


def test_global_concurrency(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url(f"/delay/150/{i}", i % 4) for i in range(12)]
    results = check(urls, tmp_path, concurrency=3, per_host=4)
    assert all(r.verdict is Verdict.OK for r in results.values())
    assert server.max_in_flight() == 3


def test_per_host_concurrency(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url(f"/delay/100/{i}", 0) for i in range(8)] + [server.url(f"/delay/100/{i}", 1) for i in range(8)]
    check(urls, tmp_path, concurrency=32, per_host=2)
    assert server.max_in_flight(0) == 2 and server.max_in_flight(1) == 2
    assert server.max_in_flight() == 4


def test_host_override_and_min_interval(server: LinkServer, tmp_path: Path) -> None:
    host = server.hosts[0]
    urls = [server.url(f"/ok/{i}", 0) for i in range(4)] + [server.url(f"/delay/100/{i}", 1) for i in range(4)]
    check(urls, tmp_path, per_host=4, hosts={host: HostOverride(concurrency=1, min_interval=0.15)})
    starts = sorted(s.at for s in server.requests if s.host == 0)
    assert len(starts) == 4
    # enforced on the client's start times: the first request also opens the connection, so it reaches the
    # server later than its start and the first gap looks shorter; the others reuse the connection
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert gaps[0] >= 0.08 and all(gap >= 0.13 for gap in gaps[1:]), gaps
    assert server.max_in_flight(1) == 4  # the override is for one host only


def test_global_min_interval(server: LinkServer, tmp_path: Path) -> None:
    check([server.url(f"/ok/{i}") for i in range(3)], tmp_path, min_interval=0.1)
    starts = sorted(s.at for s in server.requests)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert gaps[0] >= 0.05 and all(gap >= 0.085 for gap in gaps[1:]), gaps


def test_429_pauses_and_slows_the_host(server: LinkServer, tmp_path: Path) -> None:
    """After a 429 with Retry-After: 1, nothing is sent to the host for a second, then one request at a time."""
    throttled = "/fail/429/1?retry_after=1"
    urls = [server.url(throttled)] + [server.url(f"/delay/50/{i}") for i in range(6)]
    results = check(urls, tmp_path, per_host=2)
    assert all(r.verdict is Verdict.OK for r in results.values())
    requests = server.requests
    first_429 = next(s.at for s in requests if s.target == throttled)
    later = [s for s in requests if s.at > first_429 + 0.1]
    assert later and all(s.at >= first_429 + 0.95 for s in later)
    # one at a time after the 429: nothing starts while a 50 ms /delay answer is under way
    later.sort(key=lambda s: s.at)
    for before, after in zip(later, later[1:]):
        if before.target.startswith("/delay/"):
            assert after.at - before.at >= 0.045, (before, after)


def test_no_cookies_and_the_user_agent(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url("/cookie"), server.url("/ok/after"), server.url("/missing")]
    check(urls, tmp_path, per_host=1, user_agent="reading-list-bot/1.0 (+mailto:me@example.org)")
    requests = server.requests
    assert [s.target for s in requests][:2] == ["/cookie", "/ok/after"]
    assert all("cookie" not in s.headers for s in requests)
    assert {s.headers["user-agent"] for s in requests} == {"reading-list-bot/1.0 (+mailto:me@example.org)"}


# -- the address policy ----------------------------------------------------------------------------------------


def test_private_addresses_are_refused_by_default(server: LinkServer, tmp_path: Path) -> None:
    port = server.hosts[0].split(":")[1]
    urls = [server.url("/ok"), f"http://localhost:{port}/ok", f"http://[::1]:{port}/ok", "http://10.1.2.3/x",
            "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"]
    results = check(urls, tmp_path, allow_private=False)
    assert [r.verdict for r in results.values()] == [Verdict.SKIPPED] * len(urls)
    assert results[urls[0]].reason == "refused by the address policy: 127.0.0.1 is a loopback address"
    assert "localhost resolves to" in results[urls[1]].reason and "a loopback address" in results[urls[1]].reason
    assert results[urls[3]].reason.endswith("10.1.2.3 is a private address")
    assert results[urls[4]].reason.endswith("169.254.169.254 is a link-local address")
    assert results[urls[6]].reason.endswith("is a loopback address")
    assert server.requests == []


def test_every_redirect_hop_is_checked(server: LinkServer, tmp_path: Path) -> None:
    """A public page (here: 127.0.0.1, exempted for the test) that redirects to a loopback address is refused."""
    tuning = Tuning(backoff_base=0.02, confirm_delay=0.02, allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))
    target = f"http://127.0.0.2:{server.hosts[0].split(':')[1]}/ok"
    url = server.url("/redirect/302?to=" + target)
    result = check([url], tmp_path, tuning=tuning, allow_private=False)[url]
    assert result.verdict is Verdict.SKIPPED
    assert "127.0.0.2 is a loopback address" in result.reason
    assert [s.target for s in server.requests] == ["/redirect/302?to=" + target]


def _fake_dns(table: dict[str, list[str]], calls: list[str]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


def test_names_resolve_once_and_connections_go_to_the_checked_address(server: LinkServer, tmp_path: Path) -> None:
    """alpha.test exists only in the checker's resolver: the request arriving proves the connection used the
    address that was checked, not a second lookup."""
    calls: list[str] = []
    port = server.hosts[0].split(":")[1]
    tuning = Tuning(backoff_base=0.02, confirm_delay=0.02, resolve=_fake_dns({"alpha.test": ["127.0.0.1"]}, calls))
    urls = [f"http://alpha.test:{port}/ok/{i}" for i in range(5)]
    results = check(urls, tmp_path, tuning=tuning)
    assert all(r.verdict is Verdict.OK for r in results.values())
    assert calls == ["alpha.test"]
    assert {s.headers["host"] for s in server.requests} == {f"alpha.test:{port}"}


def test_unknown_host_is_dead_after_a_second_lookup(tmp_path: Path) -> None:
    calls: list[str] = []
    tuning = Tuning(backoff_base=0.02, confirm_delay=0.02, resolve=_fake_dns({}, calls))
    urls = ["https://no-such-lab.test/paper.pdf", "https://no-such-lab.test/code"]
    results = check(urls, tmp_path, tuning=tuning)
    assert [r.verdict for r in results.values()] == [Verdict.DEAD, Verdict.DEAD]
    assert results[urls[0]].reason == "host name 'no-such-lab.test' does not resolve (2 lookups)"
    assert calls == ["no-such-lab.test", "no-such-lab.test"]  # confirmed once, shared by both URLs


def test_temporary_dns_failure_is_unreachable(tmp_path: Path) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    tuning = Tuning(backoff_base=0.02, confirm_delay=0.02, resolve=resolve)
    result = check(["https://flaky-dns.test/"], tmp_path, tuning=tuning)["https://flaky-dns.test/"]
    assert result.verdict is Verdict.UNREACHABLE
    assert "could not be looked up" in result.reason


def test_a_name_with_any_private_address_is_refused(server: LinkServer, tmp_path: Path) -> None:
    calls: list[str] = []
    table = {"mixed.test": ["93.184.216.34", "10.0.0.1"], "public.test": ["93.184.216.34"]}
    tuning = Tuning(backoff_base=0.02, confirm_delay=0.02, resolve=_fake_dns(table, calls))
    result = check(["http://mixed.test/"], tmp_path, tuning=tuning, allow_private=False)["http://mixed.test/"]
    assert result.verdict is Verdict.SKIPPED
    assert result.reason == "refused by the address policy: mixed.test resolves to 10.0.0.1, a private address"


# -- exclusions, schemes, budget -------------------------------------------------------------------------------


def test_exclusions_from_settings_and_listlintignore(server: LinkServer, tmp_path: Path) -> None:
    (tmp_path / ".listlintignore").write_text("# local mirrors\n\n/mirror/\n  /status/5\\d\\d  \n", encoding="utf-8")
    urls = [server.url("/ok"), server.url("/mirror/x"), server.url("/status/500"), server.url("/private/y"),
            "mailto:me@example.org", "ftp://ftp.example.org/pub"]
    results = check(urls, tmp_path, exclude=("/private/",))
    verdicts = [r.verdict for r in results.values()]
    assert verdicts == [Verdict.OK, Verdict.EXCLUDED, Verdict.EXCLUDED, Verdict.EXCLUDED, Verdict.SKIPPED, Verdict.SKIPPED]
    assert results[urls[1]].reason == "excluded by '/mirror/'"
    assert results[urls[3]].reason == "excluded by '/private/'"
    assert [s.target for s in server.requests] == ["/ok"]


def test_invalid_exclusion_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".listlintignore").write_text("ok\n(unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.listlintignore: line 2: invalid regular expression '\(unclosed'"):
        check(["http://example.org/"], tmp_path)
    with pytest.raises(ConfigError, match=r"links\.exclude\[0\]"):
        check(["http://example.org/"], tmp_path / "nowhere", exclude=("[",))


def test_time_budget_reports_the_rest_unchecked(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url("/ok"), server.url("/hang/1", 4), server.url("/hang/2", 4),
            server.url("/fail/503/1?retry_after=2", 1)]
    started = time.monotonic()
    results = check(urls, tmp_path, max_time=0.8, timeout=5.0, retry_after_cap=5.0)
    elapsed = time.monotonic() - started
    verdicts = [r.verdict for r in results.values()]
    assert verdicts == [Verdict.OK, Verdict.UNCHECKED, Verdict.UNCHECKED, Verdict.UNCHECKED]
    assert results[urls[1]].reason == "not checked: the time budget of 0.8 s was spent"
    assert elapsed < 1.5


def test_empty_input_makes_no_client(tmp_path: Path) -> None:
    assert check([], tmp_path) == {}


def test_internationalised_host_names_are_resolved_once_in_ascii(server: LinkServer, tmp_path: Path) -> None:
    calls: list[str] = []
    port = server.hosts[0].split(":")[1]
    tuning = Tuning(backoff_base=0.02, confirm_delay=0.02, resolve=_fake_dns({"xn--bcher-kva.test": ["127.0.0.1"]}, calls))
    url = f"http://bücher.test:{port}/ok/論文"
    result = check([url], tmp_path, tuning=tuning)[url]
    assert result.verdict is Verdict.OK
    assert calls == ["xn--bcher-kva.test"]
    [seen] = server.requests
    assert seen.headers["host"] == f"xn--bcher-kva.test:{port}"
    assert seen.target == "/ok/%E8%AB%96%E6%96%87"


def test_invalid_urls_are_skipped_without_a_request(tmp_path: Path) -> None:
    urls = ["http://exa mple.org/", "http://[::1/", "http:///no-host"]
    results = check(urls, tmp_path)
    assert [r.verdict for r in results.values()] == [Verdict.SKIPPED] * 3
    assert all(r.reason.startswith("not a valid URL") for r in results.values())


def test_the_host_with_most_links_starts_first_whatever_the_list_order(server: LinkServer, tmp_path: Path) -> None:
    """Two links of host 1 listed before eight of host 0, three requests at a time, two per host: host 0 takes
    two of the first three slots (in list order it would get one, and finish a round later than it needs)."""
    urls = [server.url(f"/delay/300/{i}", 1) for i in range(2)] + [server.url(f"/delay/300/{i}", 0) for i in range(8)]
    results = check(urls, tmp_path, concurrency=3, per_host=2)
    assert all(r.verdict is Verdict.OK for r in results.values())
    requests = sorted(server.requests, key=lambda s: s.at)
    first_round = [s.host for s in requests if s.at < requests[0].at + 0.15]
    assert sorted(first_round) == [0, 0, 1]
    assert len(requests) == 10 and server.max_in_flight() == 3


def test_a_host_whose_urls_wait_for_retries_goes_first(server: LinkServer, tmp_path: Path) -> None:
    """One request at a time. Host 0's first link fails once (500) and waits out a backoff before its retry; host 0
    then sends its other links before any of host 1, which has as much work and was listed first (the tie would
    otherwise be host 1's): were its other links also flaky, their waits would overlap host 1's requests instead
    of ending the run. The retry still goes before new URLs once its backoff is over."""
    failing = "/fail/500/1/first"
    urls = [server.url(failing, 0)] + [server.url(f"/delay/50/b{i}", 1) for i in range(4)]
    urls += [server.url(f"/delay/50/a{i}", 0) for i in range(4)]
    started = time.monotonic()
    results = check(urls, tmp_path, tuning=Tuning(backoff_base=0.15, confirm_delay=0.02), concurrency=1, per_host=1)
    assert time.monotonic() - started < 3.0
    assert all(r.verdict is Verdict.OK for r in results.values())
    order = [(s.host, s.target) for s in sorted(server.requests, key=lambda s: s.at)]
    assert len(order) == 10 and order[0] == (0, failing)
    first_of_host_1 = next(i for i, (host, _) in enumerate(order) if host == 1)
    assert {target for host, target in order[:first_of_host_1]} == {failing} | {f"/delay/50/a{i}" for i in range(4)}
    # the backoff (75-150 ms) ends while host 0's 50 ms links are under way: the retry is not left for last
    assert order.index((0, failing), 1) < first_of_host_1


def test_requests_start_while_a_long_list_is_still_being_queued(tmp_path: Path) -> None:
    """A link's answer can come back before the rest of a long list has been queued: URLs are queued a few dozen
    per turn of the event loop, not all at once (6,000 at once held back the first request until each had been
    parsed). Invalid URLs are skipped in their first step, so the count seen at the first answer is how many URLs
    had been queued by then. The server runs in its own process: one in this process's threads would wait for the
    interpreter lock while the URLs are queued, and answer late whatever the checker does."""
    import asyncio
    import json
    import subprocess
    import sys

    from listlint.links._checker import Checker

    server = subprocess.Popen([sys.executable, str(Path(__file__).with_name("linkserver.py"))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        [host] = json.loads(server.stdout.readline())["hosts"]
        invalid = [f"http://exa mple{i}.org/" for i in range(6000)]
        skipped_before_answer: list[int] = []
        done: list[Verdict] = []

        def on_done(verdict: Verdict) -> None:
            if verdict is Verdict.OK:
                skipped_before_answer.append(len(done))
            done.append(verdict)

        checker = Checker(settings(), tuning=FAST, on_done=on_done)
        outcomes = asyncio.run(checker.run([f"http://{host}/ok/first", *invalid]))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)
        server.stdout.close()
    assert outcomes[f"http://{host}/ok/first"].verdict is Verdict.OK
    assert done.count(Verdict.SKIPPED) == len(invalid)
    assert skipped_before_answer[0] < len(invalid) // 2
