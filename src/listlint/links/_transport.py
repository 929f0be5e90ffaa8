"""The one HTTP client of a run: httpx over an httpcore pool whose network backend connects only to addresses the
Resolver has checked against the address policy, for the first request and for every redirect hop alike.

No cookies are kept, no credentials sent (no ``.netrc``, userinfo is stripped before requests are built), no
proxy or other setting is taken from the environment.
"""

from __future__ import annotations

import typing
from http.cookiejar import Cookie, CookieJar, CookiePolicy
from urllib.request import Request

import httpcore
import httpx

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


class _PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its pool swapped for one on the pinned backend (request mapping and exception
    mapping stay httpx's own)."""

    def __init__(self, resolver: Resolver, max_connections: int) -> None:
        # super().__init__ is not called: it would build (and load certificates for) a pool we do not use
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=True, trust_env=True),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=_PinnedBackend(resolver),
        )


class _NoCookies(CookiePolicy):
    """Refuses to store or send any cookie: a link check must not carry state from one site to the next."""

    netscape = True
    rfc2965 = False
    hide_cookie2 = True

    def set_ok(self, cookie: Cookie, request: Request) -> bool:
        return False

    def return_ok(self, cookie: Cookie, request: Request) -> bool:
        return False

    def domain_return_ok(self, domain: str, request: Request) -> bool:
        return False

    def path_return_ok(self, path: str, request: Request) -> bool:
        return False


def make_client(resolver: Resolver, *, max_connections: int, user_agent: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=_PinnedTransport(resolver, max_connections),
        follow_redirects=False,
        trust_env=False,
        cookies=CookieJar(policy=_NoCookies()),
        headers={"User-Agent": user_agent, "Accept": "*/*"},
    )
