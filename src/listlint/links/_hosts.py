"""Per-host politeness: a concurrency limit that can shrink, a minimum interval between request starts, pauses
asked for by ``Retry-After``, and what the run learned about the host (HEAD unsupported, not answering).

One HostGate exists per ``host:port`` for the whole run. The event loop is single-threaded, so state changes
between awaits need no locks.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import deque
from dataclasses import dataclass

from listlint.config import HostOverride, LinkSettings


@dataclass(frozen=True, slots=True)
class HostLimits:
    """The concurrency, spacing and timeout that apply to one host."""
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


class Scheduler:
    """Admission to the network for every host of a run: at most ``limit`` requests at once in all (None: no
    global limit), each host within its own limits.

    When a request ends, the next one to start is chosen among the hosts that may start one now (below their
    concurrency, past their pause and minimum interval):

    1. a request of a URL already under way (a retry whose backoff is over, a confirmation, a redirect hop), the
       longest-waiting first, before any new URL: a URL finishes before new work begins;
    2. else a new URL of a host that has given answers calling for a retry (5xx, 429, a reset or timeout): its
       next URLs are likely to wait out a backoff or a Retry-After too, and a wait costs no slot, so the sooner they
       start the more of their waiting overlaps other hosts' requests instead of ending the run (its own limits
       still apply: it is not sent more at once, only sooner in the run);
    3. else (and among such hosts) a new URL of the host with the most work left: its waiting URLs times the
       requests its URLs have taken so far (dead links need a confirmation, redirects a hop, failures retries).
       A host with many links, or with links that cost more, is not left for last, where its own limit would make
       everyone wait for it; ties go to the URL that waited longest, so hosts take turns in list order.

    Nothing here holds a slot while it waits; a request's slot in its host and in the run are taken together."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self.active = 0
        self._heap: list[tuple[tuple[float, ...], int, int, HostGate]] = []
        self._ids = itertools.count()
        self._arrivals = itertools.count()
        self._pending = False

    def _offer(self, gate: HostGate) -> None:
        """(Re)enter ``gate`` with its current priority; entries of older versions are dropped when popped."""
        if not (gate._urgent or gate._fresh):
            return
        gate._version += 1
        if gate._urgent:
            key: tuple[float, ...] = (0.0, gate._urgent[0][0])
        else:
            cost = gate.sent / gate.begun if gate.begun else 1.0
            key = (1.0, 0.0 if gate.waits else 1.0, -len(gate._fresh) * cost, gate._fresh[0][0])
        heapq.heappush(self._heap, (key, gate._version, gate._id, gate))

    def dispatch_soon(self) -> None:
        """Dispatch once the requests arriving now have all been queued: the URLs queued in one turn of the event
        loop (a list's first few dozen, see ``Checker.run``) start together, and the first ones to arrive must not
        take the slots before the others' hosts are known."""
        if not self._pending:
            self._pending = True
            asyncio.get_running_loop().call_soon(self._dispatch_pending)

    def _dispatch_pending(self) -> None:
        self._pending = False
        self.dispatch()

    def dispatch(self) -> None:
        now = -1.0
        heap = self._heap
        while heap and (self.limit is None or self.active < self.limit):
            _, version, _, gate = heapq.heappop(heap)
            if version != gate._version or gate._active >= gate.limit:
                continue  # stale, or the host is full: offered again when one of its requests ends
            if now < 0:
                now = time.monotonic()
            start = max(gate._next_start, gate._paused_until)
            if start > now:
                gate._wake_at(start)  # offered again then
                continue
            queue = gate._urgent or gate._fresh
            if not queue:
                continue
            _, waiter, fresh = queue.popleft()
            if waiter.done():  # cancelled while it waited
                self._offer(gate)
                continue
            gate._active += 1
            self.active += 1
            gate.sent += 1
            if fresh:
                gate.begun += 1
            gate._next_start = now + gate.min_interval
            waiter.set_result(None)
            self._offer(gate)

    def _release(self, gate: HostGate) -> None:
        gate._active -= 1
        self.active -= 1
        self._offer(gate)
        self.dispatch()


class HostGate:
    """Admission to one host: ``await acquire()`` / ``release()`` around each request. Gates of one run share a
    Scheduler (the global limit and the choice of the next request); a gate made alone has one of its own."""

    def __init__(self, limits: HostLimits, scheduler: Scheduler | None = None) -> None:
        self.limit = limits.concurrency
        self.min_interval = limits.min_interval
        self.timeout = limits.timeout
        self.head_supported = True
        self.down_reason: str | None = None  # set once the host stopped answering: later URLs fail fast
        self.throttled = 0  # how many times the host asked us to slow down
        self.sent = 0  # requests started
        self.begun = 0  # of which first requests of a URL
        self.waits = 0  # answers that call for a retry (5xx, 429, reset, timeout): the host is flaky (see Scheduler)
        self._scheduler = scheduler or Scheduler()
        self._id = next(self._scheduler._ids)
        self._version = 0
        self._active = 0
        # waiting requests: (arrival, future, is the first request of its URL)
        self._urgent: deque[tuple[int, asyncio.Future[None], bool]] = deque()
        self._fresh: deque[tuple[int, asyncio.Future[None], bool]] = deque()
        self._next_start = 0.0
        self._paused_until = 0.0
        self._timer: asyncio.TimerHandle | None = None

    async def acquire(self, *, first: bool = False) -> None:
        """Wait for this host's turn (its concurrency, pause and minimum interval) and the run's (its global limit).

        ``first`` jumps the queue: retries and redirect hops of a URL already under way go before URLs not yet
        started, so a URL finishes (and a host that stopped answering is noticed) before new work begins."""
        scheduler = self._scheduler
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (next(scheduler._arrivals), waiter, not first)
        (self._urgent if first else self._fresh).append(entry)
        scheduler._offer(self)
        scheduler.dispatch_soon()
        try:
            await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot was handed to us just as we were cancelled
            else:
                waiter.cancel()  # left in the queue: skipped when its turn comes
            raise

    def release(self) -> None:
        self._scheduler._release(self)

    def _wake_at(self, when: float) -> None:
        if self._timer is not None:
            if self._timer.when() <= when:
                return
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_at(loop.time() + (when - time.monotonic()), self._woken)

    def _woken(self) -> None:
        self._timer = None
        self._scheduler._offer(self)
        self._scheduler.dispatch()

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
