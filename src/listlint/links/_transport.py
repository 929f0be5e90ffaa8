"""The one HTTP client of a run: httpx over an httpcore pool whose network backend connects only to addresses the
Resolver has checked against the address policy, for the first request and for every redirect hop alike.

No cookies are kept, no credentials sent (no ``.netrc``, userinfo is stripped before requests are built), no
proxy or other setting is taken from the environment.
"""

from __future__ import annotations

import importlib.util
import sys
import typing
from collections import OrderedDict
from http.cookiejar import Cookie, CookieJar, CookiePolicy
from urllib.request import Request

import httpcore
import httpx

# httpcore asks ``import sniffio`` each time it makes a lock (several times per request). anyio 4 no longer
# installs sniffio, and a failing import scans sys.path from scratch every time: ~1 ms per request here, more
# than the rest of the request. ``None`` in sys.modules is Python's documented way to make that import fail at
# once; the outcome (httpcore falls back to "asyncio") is unchanged.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

from listlint.links._resolver import Resolver


class ConnectionRefused(Exception):
    """Nothing listens at the address (TCP RST to our SYN). Not an httpcore error, so it reaches the checker
    unwrapped."""

    def __init__(self, address: str, port: int) -> None:
        super().__init__(f"connection refused by {address} port {port}")


def _refused(exc: BaseException) -> bool:
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 10:
        if isinstance(current, ConnectionRefusedError):
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects to the addresses the Resolver approved, never to whatever a second lookup would return."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._resolver.addresses(host, port)
        failure: BaseException | None = None
        for address in addresses[:2]:  # one retry on another address, not a scan of every record
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                # decided here, while the chain is intact: the pool re-raises with ``from None`` further up
                failure = ConnectionRefused(address, port) if _refused(exc) else exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:  # pragma: no cover - never configured
        raise httpcore.ConnectError("unix sockets are not used by the link checker")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _Stream:
    """A response body that tells its router when it is closed (until then its pool is in use)."""

    def __init__(self, stream: typing.Any, entry: _Entry) -> None:
        self._stream = stream
        self._entry = entry
        self._closed = False

    async def __aiter__(self) -> typing.AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self._entry.active -= 1
            if hasattr(self._stream, "aclose"):
                await self._stream.aclose()


class _Entry:
    __slots__ = ("pool", "active")

    def __init__(self, pool: httpcore.AsyncConnectionPool) -> None:
        self.pool = pool
        self.active = 0


class _PoolPerOrigin:
    """One small connection pool per origin instead of one big pool.

    httpcore's pool rescans every connection for every queued request whenever anything changes, which grows with
    hosts x connections: with 20 hosts it cost more CPU than the requests themselves. Per origin, a pool holds at
    most the host's concurrency. Pools of origins not used lately are closed once there are more than
    ``max_pools``, so a list of a thousand hosts does not keep a thousand sockets open."""

    def __init__(self, make_pool: typing.Callable[[], httpcore.AsyncConnectionPool], max_pools: int = 64) -> None:
        self._make_pool = make_pool
        self._max_pools = max_pools
        self._pools: OrderedDict[tuple[bytes, bytes, int | None], _Entry] = OrderedDict()

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        key = (request.url.scheme, request.url.host, request.url.port)
        entry = self._pools.get(key)
        if entry is None:
            entry = self._pools[key] = _Entry(self._make_pool())
            await self._trim()
        self._pools.move_to_end(key)
        entry.active += 1
        try:
            response = await entry.pool.handle_async_request(request)
        except BaseException:
            entry.active -= 1
            raise
        return httpcore.Response(
            status=response.status,
            headers=response.headers,
            content=_Stream(response.stream, entry),
            extensions=response.extensions,
        )

    async def _trim(self) -> None:
        for key in list(self._pools):
            if len(self._pools) <= self._max_pools:
                return
            entry = self._pools[key]
            if entry.active == 0:
                del self._pools[key]
                await entry.pool.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for entry in pools:
            await entry.pool.aclose()


class _PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over per-origin pools on the pinned backend (httpx's own request mapping and exception
    mapping are kept: they only use ``self._pool``)."""

    def __init__(self, resolver: Resolver, per_origin: int) -> None:
        # super().__init__ is not called: it would build (and load certificates for) a pool we do not use
        ssl_context = httpx.create_ssl_context(verify=True, trust_env=True)
        backend = _PinnedBackend(resolver)

        def make_pool() -> httpcore.AsyncConnectionPool:
            return httpcore.AsyncConnectionPool(
                ssl_context=ssl_context,
                max_connections=per_origin,
                max_keepalive_connections=per_origin,
                keepalive_expiry=5.0,
                http1=True,
                http2=False,
                network_backend=backend,
            )

        self._pool = _PoolPerOrigin(make_pool)  # type: ignore[assignment]


class _NoCookies(CookiePolicy):
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

    def domain_return_ok(self, domain: str, request: Request) -> bool:
        return False

    def path_return_ok(self, path: str, request: Request) -> bool:
        return False


def make_client(resolver: Resolver, *, per_origin: int, user_agent: str) -> httpx.AsyncClient:
    """The run's client; ``per_origin`` bounds the connections of one host (the checker's gates bound requests)."""
    return httpx.AsyncClient(
        transport=_PinnedTransport(resolver, per_origin),
        follow_redirects=False,
        trust_env=False,
        cookies=_NoCookieJar(policy=_NoCookies()),
        headers={"User-Agent": user_agent, "Accept": "*/*"},
    )
