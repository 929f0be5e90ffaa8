"""The one HTTP client of a run: an ``httpx.AsyncClient`` over a small HTTP/1.1 transport of listlint's own
(``httpx.AsyncBaseTransport``, h11 for the protocol, asyncio streams for the sockets) that connects only to
addresses the Resolver has checked against the address policy, for the first request and for every redirect
hop alike.

Why not httpx's default transport: httpcore and anyio cost about 1.3 ms of CPU per request here (locks, traces,
a pool that rescans its connections, anyio's stream wrappers), several times the rest of a request. A link check
needs far less of HTTP than they provide: HTTP/1.1, a few keep-alive connections per origin, a status line and
headers, and a body that is drained when small and otherwise abandoned with its connection.

No cookies are kept, no credentials sent (no ``.netrc``, userinfo is stripped before requests are built), no
proxy or other setting is taken from the environment.
"""

from __future__ import annotations

import asyncio
import ssl
import sys
import time
import typing
from collections import OrderedDict, deque
from http.cookiejar import Cookie, CookieJar, CookiePolicy
from urllib.request import Request

import h11
import httpx

from listlint.links._resolver import Resolver

_READ_SIZE = 64 * 1024
_KEEPALIVE_EXPIRY = 5.0  # seconds an idle connection is kept for reuse
_HTTP11 = b"HTTP/1.1"


class ConnectionRefused(Exception):
    """Nothing listens at the address (TCP RST to our SYN). Not an httpx error, so it reaches the checker as it
    is."""

    def __init__(self, address: str, port: int) -> None:
        super().__init__(f"connection refused by {address} port {port}")


if sys.version_info >= (3, 11):
    _timeout = asyncio.timeout
else:  # pragma: no cover - Python 3.10

    class _timeout:
        """``asyncio.timeout`` for Python 3.10: cancels the current task after ``delay`` seconds."""

        def __init__(self, delay: float | None) -> None:
            self._delay = delay
            self._handle: asyncio.TimerHandle | None = None
            self._fired = False

        async def __aenter__(self) -> None:
            if self._delay is not None:
                task = asyncio.current_task()
                assert task is not None

                def fire() -> None:
                    self._fired = True
                    task.cancel()

                self._handle = asyncio.get_running_loop().call_later(self._delay, fire)

        async def __aexit__(self, kind: object, exc: object, tb: object) -> None:
            if self._handle is not None:
                self._handle.cancel()
            if self._fired and kind is asyncio.CancelledError:
                raise asyncio.TimeoutError


class _Connection:
    """One keep-alive HTTP/1.1 connection: the socket's streams and h11's state of the exchange."""

    __slots__ = ("reader", "writer", "http", "idle_since")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.http = h11.Connection(h11.CLIENT)
        self.idle_since = 0.0

    def reusable(self, now: float) -> bool:
        """Still open, not closed by the server while idle, and not idle for too long."""
        return (
            now - self.idle_since < _KEEPALIVE_EXPIRY
            and not self.reader.at_eof()
            and not self.writer.transport.is_closing()
        )

    def close(self) -> None:
        # unread data in the socket's receive buffer (an abandoned body) makes the kernel send a RST: the server
        # stops writing at once
        self.writer.transport.abort()

    async def receive(self, timeout: float | None) -> None:
        """Read what the socket has (at most 64 KiB) into h11; an empty read is the server closing."""
        try:
            async with _timeout(timeout):
                data = await self.reader.read(_READ_SIZE)
        except (TimeoutError, asyncio.TimeoutError):
            raise httpx.ReadTimeout(f"no data within {timeout:g} s") from None
        except OSError as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__) from exc
        self.http.receive_data(data)

    async def next_event(self, timeout: float | None) -> typing.Any:
        while True:
            try:
                event = self.http.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if event is h11.NEED_DATA:
                await self.receive(timeout)
                continue
            return event


class _Origin:
    """Connections to one scheme://host:port: the idle ones, and how many exist in all."""

    __slots__ = ("idle", "count", "waiters")

    def __init__(self) -> None:
        self.idle: list[_Connection] = []
        self.count = 0
        self.waiters: deque[asyncio.Future[None]] = deque()


class _Body(httpx.AsyncByteStream):
    """A response body read from the connection as it is iterated. Closing it hands the connection back for
    reuse when the response was read to its end, and closes it otherwise."""

    __slots__ = ("_transport", "_key", "_connection", "_timeout", "_complete", "_closed")

    def __init__(self, transport: PinnedTransport, key: tuple[str, str, int], connection: _Connection,
                 timeout: float | None) -> None:
        self._transport = transport
        self._key = key
        self._connection = connection
        self._timeout = timeout
        self._complete = False
        self._closed = False

    async def __aiter__(self) -> typing.AsyncIterator[bytes]:
        connection = self._connection
        while not self._complete:
            if self._closed:
                raise httpx.StreamClosed()
            event = await connection.next_event(self._timeout)
            if type(event) is h11.Data:
                yield bytes(event.data)
            elif type(event) is h11.EndOfMessage:
                self._complete = True
            else:  # ConnectionClosed before the end of the body
                raise httpx.RemoteProtocolError("the server closed the connection in the middle of the body")

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self._transport._release(self._key, self._connection, self._complete)


class PinnedTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over connections to the addresses the Resolver approved, never to whatever a second lookup would
    return; at most ``per_origin`` connections per origin, kept alive between requests."""

    def __init__(self, resolver: Resolver, per_origin: int, max_idle: int = 64) -> None:
        self._resolver = resolver
        self._per_origin = max(1, per_origin)
        self._max_idle = max_idle
        self._origins: dict[tuple[str, str, int], _Origin] = {}
        self._idle: OrderedDict[_Connection, tuple[str, str, int]] = OrderedDict()  # all idle ones, oldest first
        self._ssl: ssl.SSLContext | None = None
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.scheme
        if scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"only http and https URLs are requested, not {scheme!r}")
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if scheme == "https" else 80)
        key = (scheme, host, port)
        timeouts = request.extensions.get("timeout") or {}
        read_timeout = timeouts.get("read")

        connection = await self._acquire(key, timeouts)
        try:
            http = connection.http
            data = http.send(h11.Request(method=request.method, target=url.raw_path, headers=request.headers.raw))
            if data:
                connection.writer.write(data)  # a request head: far below the write buffer's limit
            http.send(h11.EndOfMessage())
            while True:
                event = await connection.next_event(read_timeout)
                if type(event) is h11.Response:
                    break
                if type(event) is h11.ConnectionClosed:
                    raise httpx.RemoteProtocolError("the server closed the connection without sending a response")
                # an informational 1xx answer: the real one follows
        except BaseException as exc:
            self._release(key, connection, False)
            if isinstance(exc, OSError):
                raise httpx.WriteError(str(exc) or type(exc).__name__) from exc
            raise
        return httpx.Response(
            status_code=event.status_code,
            headers=list(event.headers),
            stream=_Body(self, key, connection, read_timeout),
            extensions={"http_version": _HTTP11, "reason_phrase": bytes(event.reason)},
        )

    # -- connections ---------------------------------------------------------------------------------------------

    async def _acquire(self, key: tuple[str, str, int], timeouts: dict[str, float | None]) -> _Connection:
        if self._closed:
            raise httpx.ConnectError("the client is closed")
        origin = self._origins.get(key)
        if origin is None:
            origin = self._origins[key] = _Origin()
        now = time.monotonic()
        while origin.idle:
            connection = origin.idle.pop()  # the most recently used one: the least likely to have gone stale
            del self._idle[connection]
            if connection.reusable(now):
                return connection
            connection.close()
            origin.count -= 1
        while origin.count >= self._per_origin:
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            origin.waiters.append(waiter)
            try:
                async with _timeout(timeouts.get("pool")):
                    await waiter
            except BaseException as exc:
                if waiter.done() and not waiter.cancelled():
                    self._wake(origin)  # woken just as we gave up: pass the turn on
                elif waiter in origin.waiters:
                    origin.waiters.remove(waiter)
                if isinstance(exc, (TimeoutError, asyncio.TimeoutError)):
                    raise httpx.PoolTimeout("no connection became free in time") from None
                raise
            if origin.idle:
                connection = origin.idle.pop()
                del self._idle[connection]
                if connection.reusable(time.monotonic()):
                    return connection
                connection.close()
                origin.count -= 1
        origin.count += 1
        try:
            return await self._connect(key, timeouts.get("connect"))
        except BaseException:
            origin.count -= 1
            self._wake(origin)
            raise

    async def _connect(self, key: tuple[str, str, int], timeout: float | None) -> _Connection:
        scheme, host, port = key
        addresses = await self._resolver.addresses(host, port)
        context = self._ssl_context() if scheme == "https" else None
        failure: BaseException | None = None
        for address in addresses[:2]:  # one retry on another address, not a scan of every record
            try:
                async with _timeout(timeout):
                    reader, writer = await asyncio.open_connection(
                        address,
                        port,
                        ssl=context,
                        server_hostname=host if context is not None else None,
                        ssl_handshake_timeout=timeout if context is not None else None,
                        limit=_READ_SIZE,
                    )
            except (TimeoutError, asyncio.TimeoutError):
                failure = httpx.ConnectTimeout(f"connection to {address} port {port} timed out")
            except ConnectionRefusedError:
                failure = ConnectionRefused(address, port)
            except OSError as exc:  # ssl.SSLError is one
                failure = httpx.ConnectError(str(exc) or type(exc).__name__)
                failure.__cause__ = exc
            else:
                return _Connection(reader, writer)
        assert failure is not None
        raise failure

    def _ssl_context(self) -> ssl.SSLContext:
        """Made on the first https URL (loading the certificates takes longer than many requests)."""
        if self._ssl is None:
            context = httpx.create_ssl_context(verify=True, trust_env=True)
            context.set_alpn_protocols(["http/1.1"])
            self._ssl = context
        return self._ssl

    def _release(self, key: tuple[str, str, int], connection: _Connection, complete: bool) -> None:
        origin = self._origins.get(key)
        if origin is None:  # the transport was closed meanwhile
            connection.close()
            return
        http = connection.http
        if (
            complete
            and not self._closed
            and http.our_state is h11.DONE
            and http.their_state is h11.DONE
        ):
            http.start_next_cycle()
            connection.idle_since = time.monotonic()
            origin.idle.append(connection)
            self._idle[connection] = key
            if len(self._idle) > self._max_idle:
                oldest, oldest_key = self._idle.popitem(last=False)
                owner = self._origins[oldest_key]
                owner.idle.remove(oldest)
                owner.count -= 1
                oldest.close()
                self._wake(owner)
        else:
            connection.close()
            origin.count -= 1
        self._wake(origin)

    def _wake(self, origin: _Origin) -> None:
        while origin.waiters:
            waiter = origin.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    async def aclose(self) -> None:
        self._closed = True
        for connection in self._idle:
            connection.close()
        self._idle.clear()
        self._origins.clear()


class _NoCookiePolicy(CookiePolicy):
    """Refuses to store or send any cookie: a link check must not carry state from one site to the next."""

    netscape = True
    rfc2965 = False
    hide_cookie2 = True

    def set_ok(self, cookie: Cookie, request: Request) -> bool:
        return False

    def return_ok(self, cookie: Cookie, request: Request) -> bool:
        return False


class _NoCookieJar(CookieJar):
    """A jar that never looks at a cookie: with the policy above nothing would be stored anyway, but the standard
    jar still parses every Set-Cookie header and scans itself for every request (a tenth of the CPU of a check)."""

    def extract_cookies(self, response: object, request: object) -> None:
        return None

    def add_cookie_header(self, request: object) -> None:
        return None

    def set_cookie(self, cookie: Cookie) -> None:
        return None

    def domain_return_ok(self, domain: str, request: Request) -> bool:
        return False

    def path_return_ok(self, path: str, request: Request) -> bool:
        return False


class _NoCookies(httpx.Cookies):
    """The client's cookies: always empty, and a response's Set-Cookie is not even looked at (httpx would build a
    urllib request and response around every response to hand them to the jar: a quarter of a request's CPU)."""

    def __init__(self) -> None:
        super().__init__(_NoCookieJar(policy=_NoCookiePolicy()))

    def extract_cookies(self, response: httpx.Response) -> None:
        return None

    def set_cookie_header(self, request: httpx.Request) -> None:
        return None


_NO_COOKIES = _NoCookies()


class _Client(httpx.AsyncClient):
    """httpx's client without a cookie store: ``cookies`` is always the empty, inert one above."""

    @property  # type: ignore[override]
    def cookies(self) -> httpx.Cookies:
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        return None


def make_client(resolver: Resolver, *, per_origin: int, user_agent: str) -> httpx.AsyncClient:
    """The run's client; ``per_origin`` bounds the connections of one host (the checker's gates bound requests)."""
    return _Client(
        transport=PinnedTransport(resolver, per_origin),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": user_agent, "Accept": "*/*"},
    )
