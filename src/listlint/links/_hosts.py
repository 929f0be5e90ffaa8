"""Per-host politeness: a concurrency limit that can shrink, a minimum interval between request starts, pauses
asked for by ``Retry-After``, and what the run learned about the host (HEAD unsupported, not answering).

One HostGate exists per ``host:port`` for the whole run. The event loop is single-threaded, so state changes
between awaits need no locks.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass

from listlint.config import HostOverride, LinkSettings


@dataclass(frozen=True, slots=True)
class HostLimits:
    concurrency: int
    min_interval: float
    timeout: float


def limits_for(settings: LinkSettings, host: str, port: int) -> HostLimits:
    """Run defaults, overridden by ``links.hosts."host:port"`` or ``links.hosts."host"``."""
    override = _find_override(settings, host, port)
    concurrency = settings.per_host
    min_interval = settings.min_interval
    timeout = settings.timeout
    if override is not None:
        if override.concurrency is not None:
            concurrency = override.concurrency
        if override.min_interval is not None:
            min_interval = override.min_interval
        if override.timeout is not None:
            timeout = override.timeout
    return HostLimits(max(1, concurrency), max(0.0, min_interval), timeout)


def _find_override(settings: LinkSettings, host: str, port: int) -> HostOverride | None:
    if not settings.hosts:
        return None
    lowered = {key.lower(): value for key, value in settings.hosts.items()}
    host = host.lower()
    return lowered.get(f"{host}:{port}") or lowered.get(host)


class HostGate:
    """Admission to one host: ``await acquire()`` / ``release()`` around each request."""

    def __init__(self, limits: HostLimits) -> None:
        self.limit = limits.concurrency
        self.min_interval = limits.min_interval
        self.timeout = limits.timeout
        self.head_supported = True
        self.down_reason: str | None = None  # set once the host stopped answering: later URLs fail fast
        self.throttled = 0  # how many times the host asked us to slow down
        self._active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._next_start = 0.0
        self._paused_until = 0.0

    async def acquire(self, *, first: bool = False) -> None:
        """Wait for a free slot, then for the pause and the minimum interval (holding the slot).

        ``first`` jumps the queue: retries and redirect hops of a URL already under way go before URLs not yet
        started, so a URL finishes (and a host that stopped answering is noticed) before new work begins."""
        if self._active >= self.limit or self._waiters:
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            if first:
                self._waiters.appendleft(waiter)
            else:
                self._waiters.append(waiter)
            try:
                await waiter
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self._active -= 1  # the slot was handed to us just as we were cancelled
                    self._wake()
                else:
                    self._waiters.remove(waiter)
                raise
        else:
            self._active += 1
        try:
            await self._wait_turn()
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        self._active -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiters and self._active < self.limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self._active += 1
                waiter.set_result(None)

    async def _wait_turn(self) -> None:
        now = time.monotonic()
        start = max(now, self._next_start, self._paused_until)
        self._next_start = start + self.min_interval
        if start > now:
            await asyncio.sleep(start - now)

    def pause(self, seconds: float) -> None:
        """No request starts before ``seconds`` from now (a ``Retry-After``)."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def slow_down(self, retry_after: float | None, cap: float) -> None:
        """The host said 429 (or 503 with Retry-After): halve its concurrency; once at one request at a time,
        double the interval between requests (at least 0.25 s, at most ``cap``). Lasts for the rest of the run."""
        self.throttled += 1
        if retry_after is not None:
            self.pause(min(retry_after, cap))
        if self.limit > 1:
            self.limit = max(1, self.limit // 2)
        else:
            self.min_interval = min(cap, max(0.25, self.min_interval * 2))

    def pause_remaining(self) -> float:
        return max(0.0, self._paused_until - time.monotonic())
