"""listlint's HTTP/1.1 transport (under httpx's client) against real servers on 127.0.0.1: keep-alive reuse,
connections the server closed while idle, body framing, abandoned bodies, timeouts and refused connections."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from linkserver import LinkServer, refused_port

from listlint.config import HostOverride, LinkSettings
from listlint.links import Verdict, check_links
from listlint.links._checker import Tuning
from listlint.links._resolver import Resolver
from listlint.links._transport import ConnectionRefused, make_client

FAST = Tuning(backoff_base=0.02, confirm_delay=0.02)


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with LinkServer(hosts=2) as srv:
        yield srv


def _client(per_origin: int = 2) -> httpx.AsyncClient:
    return make_client(Resolver(allow_private=True), per_origin=per_origin, user_agent="listlint-test")


def _settings(**changes: object) -> LinkSettings:
    base: dict[str, object] = {"allow_private": True, "cache": False, "timeout": 0.6, "retries": 2}
    base.update(changes)
    return LinkSettings(**base)  # type: ignore[arg-type]


def test_one_connection_serves_a_host_one_request_at_a_time(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url(f"/ok/{i}") for i in range(8)] + [server.url("/missing")]
    results = check_links(urls, _settings(per_host=1), base_dir=tmp_path, use_cache=False, tuning=FAST)
    assert [r.verdict for r in results.values()] == [Verdict.OK] * 8 + [Verdict.DEAD]
    assert len(server.requests) == 10  # the 404 is confirmed by a GET, whose small body is read to keep the connection
    assert server.connections == 1


def test_a_connection_the_server_closed_while_idle_is_not_reused(server: LinkServer, tmp_path: Path) -> None:
    """The server closes the connection 50 ms after answering; the next request, 200 ms later, opens a new one
    and succeeds at the first attempt (no reset, no retry)."""
    host = server.hosts[0]
    urls = [server.url("/drop-after"), server.url("/ok/next")]
    settings = _settings(per_host=1, hosts={host: HostOverride(concurrency=1, min_interval=0.2)})
    results = check_links(urls, settings, base_dir=tmp_path, use_cache=False, tuning=FAST)
    assert [(r.verdict, r.attempts) for r in results.values()] == [(Verdict.OK, 1), (Verdict.OK, 1)]
    assert [s.target for s in server.requests] == ["/drop-after", "/ok/next"]
    assert server.connections == 2


def test_bodies_chunked_drained_and_abandoned(server: LinkServer) -> None:
    async def scenario() -> tuple[bytes, int, int, int]:
        client = _client(per_origin=1)
        try:
            chunked = await client.get(server.url("/chunked"))
            head = await client.head(server.url("/chunked"))  # no body after a HEAD, whatever the framing says
            plain = await client.get(server.url("/ok/x"))
            assert server.connections == 1
            # a 50 MB body abandoned after its headers: the connection is closed, not drained
            async with client.stream("GET", server.url("/big")) as big:
                assert big.status_code == 200
            after = await client.get(server.url("/ok/y"))
            return chunked.content, head.status_code, plain.status_code, after.status_code
        finally:
            await client.aclose()

    body, head, plain, after = asyncio.run(scenario())
    assert body == b"hello, world" and (head, plain, after) == (200, 200, 200)
    assert server.connections == 2
    [big] = server.big_bodies
    assert not big.complete and big.sent < 10 * 1024 * 1024


def test_reason_phrase_headers_and_no_cookie(server: LinkServer) -> None:
    async def scenario() -> list[httpx.Response]:
        client = _client()
        try:
            return [await client.get(server.url(path)) for path in ("/cookie", "/moved", "/status/999")]
        finally:
            await client.aclose()

    cookie, moved, denied = asyncio.run(scenario())
    assert cookie.status_code == 200 and cookie.headers["set-cookie"].startswith("session=")
    assert moved.status_code == 301 and moved.reason_phrase == "Moved Permanently" and moved.headers["location"] == "/ok"
    assert denied.reason_phrase == "Request denied"
    assert all("cookie" not in seen.headers for seen in server.requests)
    assert {seen.headers["user-agent"] for seen in server.requests} == {"listlint-test"}


def test_timeouts_and_refused_connections(server: LinkServer) -> None:
    port = refused_port()

    async def scenario() -> tuple[BaseException, BaseException]:
        client = _client()
        try:
            with pytest.raises(httpx.ReadTimeout) as timed_out:
                await client.get(server.url("/hang"), timeout=0.2)
            with pytest.raises(ConnectionRefused) as refused:
                await client.get(f"http://127.0.0.1:{port}/x", timeout=1.0)
            return timed_out.value, refused.value
        finally:
            await client.aclose()

    timed_out, refused = asyncio.run(scenario())
    assert "0.2" in str(timed_out) and str(port) in str(refused)
