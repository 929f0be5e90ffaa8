"""Name resolution under the address policy, done by listlint itself so the address that is checked is the
address that is connected to (no second lookup a DNS rebinding could answer differently).

Each host is resolved once per run and the answer shared by every URL of the host. A name that does not resolve
is looked up a second time after a short delay before it counts as dead, and that confirmation is shared too.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from listlint.links._policy import Network, address_problem

ResolveFunc = Callable[[str, int], Awaitable[Sequence[str]]]

_NOT_FOUND = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA", "EAI_ADDRFAMILY") if hasattr(socket, name)}


class AddressRefused(Exception):
    """The host resolves to an address the policy forbids (private, loopback, ...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NameNotFound(Exception):
    """The host name does not resolve, confirmed by a second lookup."""

    def __init__(self, reason: str, attempts: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


class NameLookupFailed(Exception):
    """The lookup failed for a reason that may pass (no answer from the resolver, a temporary failure)."""

    def __init__(self, reason: str, attempts: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


class Resolver:
    def __init__(
        self,
        *,
        allow_private: bool,
        allowed_networks: Iterable[Network] = (),
        resolve: ResolveFunc | None = None,
        timeout: float = 5.0,
        confirm_delay: float = 0.25,
    ) -> None:
        self.allow_private = allow_private
        self.allowed_networks = tuple(allowed_networks)
        self.timeout = timeout
        self.confirm_delay = confirm_delay
        self.lookups = 0  # calls to the underlying resolver, for tests and statistics
        self._resolve = resolve
        self._executor: ThreadPoolExecutor | None = None
        self._tasks: dict[str, asyncio.Task[tuple[str, ...]]] = {}
        self._known: dict[str, tuple[str, ...]] = {}  # host as asked -> its permitted addresses

    async def addresses(self, host: str, port: int) -> tuple[str, ...]:
        """Permitted addresses of ``host``; raises AddressRefused, NameNotFound or NameLookupFailed."""
        known = self._known.get(host)
        if known is not None:  # asked before, and permitted: every later request of the host
            return known
        found = await self._addresses(host.lower().strip("[]"), port)
        self._known[host] = found
        return found

    async def _addresses(self, host: str, port: int) -> tuple[str, ...]:
        try:
            ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            pass
        else:
            self._check(host, (host,))
            return (host,)
        task = self._tasks.get(host)
        if task is None:
            task = self._tasks[host] = asyncio.ensure_future(self._lookup(host, port))
        # shielded: one caller running out of time must not cancel the lookup other URLs of the host share
        return await asyncio.shield(task)

    async def _lookup(self, host: str, port: int) -> tuple[str, ...]:
        attempts = 0
        while True:
            attempts += 1
            try:
                found = await asyncio.wait_for(self._query(host, port), self.timeout)
            except socket.gaierror as exc:
                permanent = exc.errno in _NOT_FOUND
                if attempts >= 2:
                    if permanent:
                        raise NameNotFound(f"host name {host!r} does not resolve ({attempts} lookups)", attempts)
                    raise NameLookupFailed(
                        f"host name {host!r} could not be looked up: {exc.strerror or exc} ({attempts} lookups)",
                        attempts,
                    ) from None
            except (asyncio.TimeoutError, OSError) as exc:
                if attempts >= 2:
                    what = "no answer from the resolver" if isinstance(exc, asyncio.TimeoutError) else str(exc)
                    raise NameLookupFailed(
                        f"host name {host!r} could not be looked up: {what} ({attempts} lookups)", attempts
                    ) from None
            else:
                if not found:
                    raise NameNotFound(f"host name {host!r} has no addresses", attempts)
                addresses = tuple(dict.fromkeys(found))
                self._check(host, addresses)
                return addresses
            await asyncio.sleep(self.confirm_delay)

    def _check(self, host: str, addresses: Sequence[str]) -> None:
        if self.allow_private:
            return
        # every address must be public: a name that answers both a public and a private address is refused,
        # whichever one a connection would have picked
        for address in addresses:
            problem = address_problem(address, self.allowed_networks)
            if problem is not None:
                if address == host:
                    raise AddressRefused(f"{address} is {problem}")
                raise AddressRefused(f"{host} resolves to {address}, {problem}")

    async def _query(self, host: str, port: int) -> Sequence[str]:
        self.lookups += 1
        if self._resolve is not None:
            return await self._resolve(host, port)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="listlint-dns")
        infos = await asyncio.get_running_loop().run_in_executor(
            self._executor, functools.partial(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
        )
        return [str(info[4][0]) for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]

    async def aclose(self) -> None:
        """Cancel lookups nobody waits for any more; never wait for a resolver thread stuck in the C library."""
        for task in self._tasks.values():
            if not task.done():
                task.cancel()
        for task in self._tasks.values():
            if not task.done():
                try:
                    await task
                except BaseException:
                    pass
            elif not task.cancelled():
                task.exception()  # mark retrieved
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
