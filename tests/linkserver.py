"""Real HTTP servers on 127.0.0.1 for the link checker's tests, the rule docs and the benchmark.

One ``LinkServer`` listens on several ports (several ports stand for several hosts) and answers by path; it
runs its own asyncio loop in a background thread so synchronous code (``check_links``) can be tested against
it, and it records every request so tests can assert what the checker actually sent.

Paths (``host`` is any of the server's ports; ``...`` is any suffix, so distinct URLs share a behaviour):

    /ok/...                      200
    /status/CODE/...             CODE (404, 410, 403, 999, 500, ...)
    /missing, /gone              404, 410
    /delay/MS/...                200 after MS milliseconds
    /redirect/CODE?to=LOCATION   CODE with that Location (relative or absolute, any host)
    /moved, /perm, /temp         301, 308, 302 to /ok
    /chain/N/CODE                CODE to /chain/N-1/CODE ... /chain/0/CODE answers 200
    /loop/a, /loop/b             301 to each other
    /fail/CODE/N/...?retry_after=S   CODE (with Retry-After S) for the first N requests of this URL, then 200
    /reset-once/...              the first request of this URL is reset, then 200
    /flaky                       503 always
    /nohead, /head501            HEAD answers 405 / 501, GET 200
    /hang                        reads the request and never answers
    /reset                       resets the connection (RST) after reading the request
    /big                         200 with a 50 MB body, written as fast as the client takes it
    /big?head=CODE               the same, but HEAD answers CODE (so the checker has to GET it)
    /cf                          403 with ``cf-mitigated: challenge``
    /cookie                      200 and a Set-Cookie
    /chunked                     200 with a chunked body (GET), three chunks
    /drop-after                  200, then the server closes the connection 50 ms later (an idle keep-alive
                                 timeout on the server's side)
    /__stats, /__reset           request counts as JSON (requests to /__* not counted); forget everything

Run ``python tests/linkserver.py --hosts 20 --latency 0.05`` to serve from a separate process (the benchmark
does): it prints one JSON line ``{"hosts": ["127.0.0.1:PORT", ...]}`` and serves until stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

BIG_SIZE = 50 * 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it."""

    host: int  # index of the port in LinkServer.hosts
    method: str
    target: str
    headers: dict[str, str]
    at: float  # time.monotonic() when the request head arrived


@dataclass
class BigBody:
    sent: int = 0  # bytes the kernel accepted before the client went away
    complete: bool = False


@dataclass
class _State:
    requests: list[Seen] = field(default_factory=list)
    counters: dict[tuple[int, str], int] = field(default_factory=dict)
    big: list[BigBody] = field(default_factory=list)
    in_flight: dict[int, int] = field(default_factory=dict)  # host -> requests being answered now
    max_in_flight: dict[int, int] = field(default_factory=dict)
    total_in_flight: int = 0
    max_total_in_flight: int = 0
    tls_attempts: int = 0
    connections: int = 0  # TCP connections accepted


def refused_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SilentHost:
    """A port whose TCP handshakes never complete: it listens with a backlog of one that a first connection fills,
    and never accepts, so further connections time out like a host behind a firewall that drops packets."""

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(0)
        self.port = int(self._listener.getsockname()[1])
        self._filler = socket.create_connection(("127.0.0.1", self.port), timeout=2)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def close(self) -> None:
        self._filler.close()
        self._listener.close()

    def __enter__(self) -> SilentHost:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LinkServer:
    """``with LinkServer(hosts=3) as server: server.url("/ok", host=1)``."""

    def __init__(self, hosts: int = 1, *, latency: float = 0.0) -> None:
        self.count = hosts
        self.latency = latency
        self.hosts: list[str] = []
        self._state = _State()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._servers: list[asyncio.base_events.Server] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> LinkServer:
        loop = self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=loop.run_forever, name="linkserver", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), loop).result(timeout=10)
        return self

    async def _listen(self) -> None:
        for index in range(self.count):
            server = await asyncio.start_server(
                lambda r, w, i=index: self._handle(i, r, w), "127.0.0.1", 0, reuse_address=True
            )
            self._servers.append(server)
            port = server.sockets[0].getsockname()[1]
            self.hosts.append(f"127.0.0.1:{port}")

    def stop(self) -> None:
        loop = self._loop
        if loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        assert self._thread is not None
        self._thread.join(timeout=10)
        loop.close()
        self._loop = None

    async def _shutdown(self) -> None:
        for server in self._servers:
            server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        for server in self._servers:
            await server.wait_closed()

    def __enter__(self) -> LinkServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests read -------------------------------------------------------------------------------------

    def url(self, path: str, host: int = 0) -> str:
        return f"http://{self.hosts[host]}{path}"

    @property
    def requests(self) -> list[Seen]:
        return list(self._state.requests)

    def hits(self, target: str, host: int = 0, method: str | None = None) -> int:
        """Requests for exactly ``target`` (path and query) on ``host``, of ``method`` if given."""
        return sum(
            1
            for seen in self._state.requests
            if seen.host == host and seen.target == target and (method is None or seen.method == method)
        )

    def max_in_flight(self, host: int | None = None) -> int:
        """The most requests answered at the same time, on ``host`` or on all hosts together."""
        if host is None:
            return self._state.max_total_in_flight
        return self._state.max_in_flight.get(host, 0)

    @property
    def tls_attempts(self) -> int:
        """TLS handshakes received (they are answered in plain text, so the client's handshake fails)."""
        return self._state.tls_attempts

    @property
    def connections(self) -> int:
        """TCP connections accepted on all ports (keep-alive reuse shows as fewer connections than requests)."""
        return self._state.connections

    @property
    def big_bodies(self) -> list[BigBody]:
        return list(self._state.big)

    def reset(self) -> None:
        """Forget requests and counters (``/fail`` URLs fail again)."""
        self._state = _State()

    # -- serving ---------------------------------------------------------------------------------------------

    async def _handle(self, host: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        self._state.connections += 1
        try:
            while True:
                try:
                    first = await reader.readexactly(1)
                    if first == b"\x16":  # a TLS ClientHello on a plain-HTTP port
                        self._state.tls_attempts += 1
                        writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        await writer.drain()
                        return
                    head = first + await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target, _version = (lines[0].split(" ") + ["", ""])[:3]
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, _, value = line.partition(":")
                        headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0") or 0)
                if length:
                    await reader.readexactly(length)
                state = self._state
                state.requests.append(Seen(host, method, target, headers, time.monotonic()))
                state.in_flight[host] = state.in_flight.get(host, 0) + 1
                state.max_in_flight[host] = max(state.max_in_flight.get(host, 0), state.in_flight[host])
                state.total_in_flight += 1
                state.max_total_in_flight = max(state.max_total_in_flight, state.total_in_flight)
                try:
                    keep = await self._respond(host, method, target, reader, writer, state)
                finally:
                    state.in_flight[host] -= 1
                    state.total_in_flight -= 1
                if not keep or headers.get("connection", "").lower() == "close":
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        except asyncio.CancelledError:
            return  # our own shutdown; ending normally keeps asyncio's stream callback quiet
        finally:
            self._tasks.discard(task)
            self._writers.discard(writer)
            if not writer.transport.is_closing():
                writer.close()

    async def _respond(
        self,
        host: int,
        method: str,
        target: str,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        state: _State,
    ) -> bool:
        """Answer one request; False closes the connection."""
        parts = urlsplit(target)
        path = parts.path
        query = parse_qs(parts.query)
        segments = [s for s in path.split("/") if s]
        head = segments[0] if segments else ""
        if self.latency:
            await asyncio.sleep(self.latency)
        extra: dict[str, str] = {}

        def count() -> int:
            key = (host, target)
            state.counters[key] = state.counters.get(key, 0) + 1
            return state.counters[key]

        if head == "__stats":  # for the benchmark: requests seen since the last reset
            counts: dict[str, int] = {}
            for seen in state.requests:
                if not seen.target.startswith("/__"):
                    counts[seen.method] = counts.get(seen.method, 0) + 1
            payload = json.dumps({"requests": sum(counts.values()), "methods": counts}).encode()
            return await self._send(writer, method, 200, body=payload)
        if head == "__reset":
            self.reset()
            return await self._send(writer, method, 200)
        if head == "hang":
            await reader.read()  # until the client gives up
            return False
        if head == "reset":
            _reset(writer)
            return False
        if head == "reset-once":
            if count() == 1:
                _reset(writer)
                return False
            return await self._send(writer, method, 200)
        if head == "big":
            if method == "HEAD" and "head" in query:
                return await self._send(writer, method, int(query["head"][0]))
            return await self._send_big(writer, method, state)
        if head in ("ok", ""):
            return await self._send(writer, method, 200)
        if head == "missing":
            return await self._send(writer, method, 404)
        if head == "gone":
            return await self._send(writer, method, 410)
        if head == "flaky":
            return await self._send(writer, method, 503)
        if head == "status" and len(segments) > 1:
            return await self._send(writer, method, int(segments[1]))
        if head == "delay" and len(segments) > 1:
            await asyncio.sleep(int(segments[1]) / 1000)
            return await self._send(writer, method, 200)
        if head in ("moved", "perm", "temp"):
            code = {"moved": 301, "perm": 308, "temp": 302}[head]
            return await self._send(writer, method, code, {"Location": "/ok"})
        if head == "redirect" and len(segments) > 1:
            return await self._send(writer, method, int(segments[1]), {"Location": query.get("to", ["/ok"])[0]})
        if head == "chain" and len(segments) > 2:
            left = int(segments[1])
            if left <= 0:
                return await self._send(writer, method, 200)
            return await self._send(writer, method, int(segments[2]), {"Location": f"/chain/{left - 1}/{segments[2]}"})
        if head == "loop" and len(segments) > 1:
            other = "b" if segments[1] == "a" else "a"
            return await self._send(writer, method, 301, {"Location": f"/loop/{other}"})
        if head == "fail" and len(segments) > 2:
            if count() <= int(segments[2]):
                if "retry_after" in query:
                    extra["Retry-After"] = query["retry_after"][0]
                return await self._send(writer, method, int(segments[1]), extra)
            return await self._send(writer, method, 200)
        if head in ("nohead", "head501"):
            if method == "HEAD":
                return await self._send(writer, method, 405 if head == "nohead" else 501)
            return await self._send(writer, method, 200)
        if head == "cf":
            return await self._send(writer, method, 403, {"cf-mitigated": "challenge"})
        if head == "cookie":
            return await self._send(writer, method, 200, {"Set-Cookie": "session=secret; Path=/"})
        if head == "chunked":
            head_bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
            if method == "HEAD":
                writer.write(head_bytes)
            else:
                writer.write(head_bytes + b"5\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\n\r\n")
            await writer.drain()
            return True
        if head == "drop-after":
            await self._send(writer, method, 200)
            await asyncio.sleep(0.05)
            return False
        return await self._send(writer, method, 404)

    async def _send(
        self,
        writer: asyncio.StreamWriter,
        method: str,
        status: int,
        headers: dict[str, str] | None = None,
        *,
        body: bytes | None = None,
    ) -> bool:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Request denied"
        if body is None:
            body = f"{status} {phrase}\n".encode()
        lines = [f"HTTP/1.1 {status} {phrase}", f"Content-Length: {len(body)}", "Content-Type: text/plain"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if method != "HEAD":
            data += body
        writer.write(data)
        await writer.drain()
        return True

    async def _send_big(self, writer: asyncio.StreamWriter, method: str, state: _State) -> bool:
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {BIG_SIZE}\r\nContent-Type: application/octet-stream\r\n\r\n"
        writer.write(head.encode())
        if method == "HEAD":
            await writer.drain()
            return True
        record = BigBody()
        state.big.append(record)
        chunk = b"\0" * _CHUNK
        try:
            while record.sent < BIG_SIZE:
                writer.write(chunk)
                await writer.drain()
                record.sent += len(chunk)
        except (ConnectionError, OSError):
            return False
        record.complete = True
        return True


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with SO_LINGER 0: the peer gets a TCP RST instead of an orderly FIN."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def start_doc_server() -> tuple[str, Callable[[], None]]:
    """For the rule-doc harness: ``("127.0.0.1:PORT", stop)``; examples write ``http://{server}/gone`` etc."""
    server = LinkServer(hosts=1).start()
    return server.hosts[0], server.stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--hosts", type=int, default=1)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args(argv)
    server = LinkServer(hosts=args.hosts, latency=args.latency).start()
    try:
        print(json.dumps({"hosts": server.hosts}), flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin
        print(json.dumps({"requests": len(server.requests)}), file=sys.stderr, flush=True)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
