"""The asynchronous checker: every distinct URL requested once, politely, with retries where they help and a
second look before anything is called dead.

For each URL: resolve the host under the address policy; HEAD (GET, streamed and closed unread, when HEAD is
refused or fails); follow redirects by hand, each hop checked again; retry timeouts, resets, 5xx and 429 with
backoff and jitter, or after ``Retry-After``; confirm 404/410 and refused connections by a second request. All of
it under a global and a per-host limit, and within the run's time budget.
"""

from __future__ import annotations

import asyncio
import random
import re
import ssl
import sys
import time
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from listlint.config import LinkSettings
from listlint.links._hosts import HostGate, Scheduler, limits_for
from listlint.links._policy import (
    BLOCKED_STATUSES,
    DEAD_STATUSES,
    HEAD_FALLBACK,
    HEAD_UNSUPPORTED,
    PERMANENT_REDIRECTS,
    REDIRECTS,
    THROTTLE_STATUSES,
    Network,
    host_key,
    is_retryable_status,
    parse_retry_after,
    status_text,
    strip_userinfo,
)
from listlint.links._resolver import AddressRefused, NameLookupFailed, NameNotFound, ResolveFunc, Resolver
from listlint.links._result import Verdict
from listlint.links._transport import ConnectionRefused, make_client


@dataclass(frozen=True)
class Tuning:
    """Knobs that are not user settings: delays of the retry machinery, and test hooks."""

    backoff_base: float = 0.5  # first retry after 0.5 s (times 0.5..1.0 jitter), doubling each time
    backoff_max: float = 8.0
    confirm_delay: float = 0.25  # before the second look at a refused connection or an unknown host name
    max_redirects: int = 10
    small_body: int = 32 * 1024  # GET bodies up to this Content-Length are drained to keep the connection
    dns_timeout: float = 5.0
    resolve: ResolveFunc | None = None  # replaces getaddrinfo (tests map names to 127.0.0.1)
    allowed_networks: tuple[Network, ...] = ()  # exempt from the address policy (tests)
    read_timeouts_to_give_up: int = 2  # URLs of a host that ended in read timeouts before the host counts as down


# what a host can be once httpx has encoded it: a DNS name (underscores occur in the wild), IPv4, or IPv6
_HOST = re.compile(r"[A-Za-z0-9_.-]+|[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?")


class _OutOfTime(Exception):
    """The run's time budget is spent: the URL is reported unchecked."""


# Kinds of failure a reply can carry instead of a status.
_RESET = "reset"
_TIMEOUT = "timeout"
_CONNECT_TIMEOUT = "connect-timeout"
_REFUSED = "refused"
_CONNECT = "connect"
_TLS = "tls"
_DNS = "dns"
_DNS_TEMPORARY = "dns-temporary"
_POLICY = "policy"
_INVALID = "invalid"
_DOWN = "down"
_OTHER = "other"

_RETRYABLE_KINDS = frozenset({_RESET, _TIMEOUT, _CONNECT_TIMEOUT, _CONNECT})
_HEAD_FALLBACK_KINDS = frozenset({_RESET, _TIMEOUT})  # may depend on the method; a refusal or DNS does not

_FEED = 32  # URLs queued between two turns of the event loop (see Checker.run)


@dataclass
class _Reply:
    """One request's outcome: a status line and the headers that matter, or a failure."""

    status: int | None = None
    phrase: str = ""
    location: str | None = None
    retry_after: float | None = None
    challenge: bool = False
    kind: str = ""
    error: str = ""

    @property
    def text(self) -> str:
        return status_text(self.status, self.phrase) if self.status is not None else self.error


@dataclass
class _Outcome:
    """A URL's verdict while it is being checked (mutable: retries update it)."""
    verdict: Verdict
    reason: str
    status: int | None = None
    final_url: str | None = None
    attempts: int = 0


@dataclass
class _Hop:
    """One response of a redirect chain."""
    url: str
    status: int


class Checker:
    def __init__(
        self,
        settings: LinkSettings,
        *,
        tuning: Tuning | None = None,
        on_done: Callable[[Verdict], None] | None = None,
    ) -> None:
        self.settings = settings
        self.tuning = tuning or Tuning()
        self.accept = frozenset(settings.accept)
        self.resolver = Resolver(
            allow_private=settings.allow_private,
            allowed_networks=self.tuning.allowed_networks,
            resolve=self.tuning.resolve,
            timeout=self.tuning.dns_timeout,
            confirm_delay=self.tuning.confirm_delay,
        )
        self._on_done = on_done
        self._gates: dict[str, HostGate] = {}
        self._scheduler = Scheduler(max(1, settings.concurrency))
        self._client: httpx.AsyncClient | None = None
        self._headers: httpx.Headers | None = None
        self._deadline: float | None = None
        self._read_timeouts: dict[str, int] = {}

    async def run(self, urls: Iterable[str]) -> dict[str, _Outcome]:
        """Check each URL (already deduplicated, without fragments); unfinished ones at the deadline are UNCHECKED."""
        urls = list(urls)
        if self.settings.max_time is not None:
            self._deadline = time.monotonic() + max(0.0, self.settings.max_time)
        largest = max([self.settings.per_host] + [o.concurrency or 0 for o in self.settings.hosts.values()])
        self._client = make_client(
            self.resolver,
            per_origin=max(1, min(largest, self.settings.concurrency)),
            user_agent=self.settings.user_agent,
        )
        self._headers = self._client.headers  # httpx's defaults and ours, as build_request would merge them
        outcomes: dict[str, _Outcome] = {}
        try:
            tasks: dict[asyncio.Future[_Outcome], str] = {}
            for start in range(0, len(urls), _FEED):
                for url in urls[start:start + _FEED]:
                    tasks[asyncio.ensure_future(self._check_reported(url))] = url
                # let the event loop send the first requests while the rest are queued: each URL's first step
                # (parsing it, finding its host) costs ~50 us, so 1,000 URLs queued at once held back every
                # request by ~50 ms
                await asyncio.sleep(0)
            if tasks:
                budget = None if self._deadline is None else max(0.0, self._deadline - time.monotonic())
                done, pending = await asyncio.wait(tasks, timeout=budget)
                for task in pending:
                    task.cancel()
                if pending:
                    await asyncio.wait(pending)
                for task, url in tasks.items():
                    if task.cancelled():
                        outcomes[url] = self._unchecked()
                        if self._on_done is not None:
                            self._on_done(Verdict.UNCHECKED)
                    else:
                        outcomes[url] = task.result()
        finally:
            await self._client.aclose()
            await self.resolver.aclose()
        return outcomes

    def _unchecked(self) -> _Outcome:
        budget = self.settings.max_time
        return _Outcome(Verdict.UNCHECKED, f"not checked: the time budget of {budget:g} s was spent")

    async def _check_reported(self, url: str) -> _Outcome:
        try:
            outcome = await self._check(url)
        except _OutOfTime:
            outcome = self._unchecked()
        if self._on_done is not None:
            self._on_done(outcome.verdict)
        return outcome

    # -- one URL: the redirect chain ------------------------------------------------------------------------

    async def _check(self, url: str) -> _Outcome:
        current = url
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as exc:
            return _Outcome(Verdict.SKIPPED, f"not a valid URL: {exc}")
        seen = {str(parsed)}
        hops: list[_Hop] = []
        attempts = 0
        while True:
            reply, sent = await self._fetch(parsed, continuing=bool(hops))
            attempts += sent
            status = reply.status
            if status in REDIRECTS and status not in self.accept:
                if not reply.location:
                    return _Outcome(
                        Verdict.UNREACHABLE, f"{reply.text} without a Location header", status, current, attempts
                    )
                target = strip_userinfo(urljoin(current, reply.location.strip()))
                hops.append(_Hop(current, status))
                scheme = urlsplit(target).scheme.lower()
                if scheme not in ("http", "https"):
                    return _Outcome(Verdict.SKIPPED, f"redirects to {target}, not an http(s) URL", status, target, attempts)
                try:
                    parsed = httpx.URL(target)
                except (httpx.InvalidURL, ValueError):
                    return _Outcome(Verdict.UNREACHABLE, f"redirects to an invalid URL {target!r}", status, None, attempts)
                normalised = str(parsed)
                if normalised in seen:
                    chain = " -> ".join([h.url for h in hops] + [target])
                    return _Outcome(Verdict.UNREACHABLE, f"redirect loop: {chain}", status, target, attempts)
                if len(hops) > self.tuning.max_redirects:
                    return _Outcome(
                        Verdict.UNREACHABLE,
                        f"more than {self.tuning.max_redirects} redirects (last to {target})",
                        status,
                        target,
                        attempts,
                    )
                seen.add(normalised)
                current = target
                continue
            return self._conclude(url, current, reply, hops, attempts)

    def _conclude(self, url: str, current: str, reply: _Reply, hops: list[_Hop], attempts: int) -> _Outcome:
        verdict, reason = self._classify(reply)
        final_url = current if hops else None
        if hops and verdict is not Verdict.OK:
            reason += f" at {current} (redirected from {url})"
        if verdict is Verdict.OK and hops and hops[0].status in PERMANENT_REDIRECTS:
            # the permanent part of the chain: A -301-> B -302-> C means "use B", which may redirect on its own
            permanent = 0
            while permanent < len(hops) and hops[permanent].status in PERMANENT_REDIRECTS:
                permanent += 1
            target = hops[permanent].url if permanent < len(hops) else current
            if target != url:
                first = hops[0].status
                how = status_text(first) if permanent == 1 else f"{permanent} permanent redirects"
                return _Outcome(Verdict.REDIRECTED, f"{how} to {target}", reply.status, target, attempts)
        return _Outcome(verdict, reason, reply.status, final_url, attempts)

    def _classify(self, reply: _Reply) -> tuple[Verdict, str]:
        status = reply.status
        if status is None:
            if reply.kind == _POLICY or reply.kind == _INVALID:
                return Verdict.SKIPPED, reply.error
            if reply.kind in (_REFUSED, _DNS):
                return Verdict.DEAD, reply.error
            return Verdict.UNREACHABLE, reply.error
        text = reply.text
        if status in self.accept or 200 <= status < 300:
            return Verdict.OK, text
        if reply.challenge:
            return Verdict.BLOCKED, f"{text} (a bot challenge: cf-mitigated: challenge)"
        if status in DEAD_STATUSES:
            return Verdict.DEAD, text
        if status in BLOCKED_STATUSES:
            return Verdict.BLOCKED, text
        return Verdict.UNREACHABLE, reply.error or text

    # -- one hop: method fallback, retries, confirmation ---------------------------------------------------

    async def _fetch(self, request_url: httpx.URL, *, continuing: bool = False) -> tuple[_Reply, int]:
        """The final reply for one hop and how many requests it took."""
        try:
            # the ASCII form (IDNA for internationalised names), as the connection will ask the resolver for it
            host = request_url.raw_host.decode("ascii")
            if not host:
                raise httpx.InvalidURL("no host")
            if not _HOST.fullmatch(host):
                raise httpx.InvalidURL(f"invalid host name {host!r}")
        except (httpx.InvalidURL, ValueError) as exc:
            return _Reply(kind=_INVALID, error=f"not a valid URL: {exc}"), 0
        port = request_url.port or (443 if request_url.scheme == "https" else 80)
        key = host_key(request_url.scheme, host, port)
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = HostGate(limits_for(self.settings, host, port), self._scheduler)

        # resolve first: policy refusals and unknown names need no request, and are shared by the host's URLs
        try:
            await self.resolver.addresses(host, port)
        except AddressRefused as exc:
            return _Reply(kind=_POLICY, error=f"refused by the address policy: {exc.reason}"), 0
        except NameNotFound as exc:
            return _Reply(kind=_DNS, error=exc.reason), 0
        except NameLookupFailed as exc:
            return _Reply(kind=_DNS_TEMPORARY, error=exc.reason), 0

        method = "HEAD" if gate.head_supported else "GET"
        retries = 0
        confirming = False
        sent = 0
        last: _Reply | None = None
        while True:
            reply = await self._send(method, request_url, gate, key, first=continuing or sent > 0)
            if reply.kind == _DOWN:
                if last is None:
                    return reply, sent
                # the host was given up between two attempts of this URL: report what this URL saw
                plural = "s" if sent != 1 else ""
                last.error = f"{last.text} ({sent} attempt{plural}; then {gate.down_reason})"
                return last, sent
            sent += 1
            last = reply
            if method == "HEAD" and reply.status in HEAD_FALLBACK:
                if reply.status in HEAD_UNSUPPORTED:
                    gate.head_supported = False  # later URLs of this host go straight to GET
                method = "GET"
                continue
            if method == "HEAD" and reply.kind in _HEAD_FALLBACK_KINDS and retries < self.settings.retries:
                # a reset or timeout may be the HEAD's fault: the retry uses GET, at once
                retries += 1
                method = "GET"
                continue
            if self._dead_candidate(reply):
                if confirming:
                    break
                # a second look before calling it dead: by GET (some servers answer HEAD wrongly), after a pause
                # for connection failures
                confirming = True
                method = "GET"
                if reply.kind == _REFUSED:
                    await self._sleep(self.tuning.confirm_delay)
                continue
            if self._retryable(reply):
                if reply.status in THROTTLE_STATUSES and reply.retry_after is not None:
                    if reply.retry_after > self.settings.retry_after_cap:
                        reply.error = (
                            f"{reply.text} with Retry-After {reply.retry_after:g} s, more than the cap of "
                            f"{self.settings.retry_after_cap:g} s"
                        )
                        break
                    gate.slow_down(reply.retry_after, self.settings.retry_after_cap)
                    delay = reply.retry_after
                elif reply.status == 429:
                    gate.slow_down(None, self.settings.retry_after_cap)
                    delay = self._backoff(retries)
                else:
                    delay = self._backoff(retries)
                if retries < self.settings.retries:
                    retries += 1
                    await self._sleep(delay)
                    continue
            break
        self._note_failure(gate, key, reply)
        if reply.status is None and reply.kind not in (_POLICY, _INVALID, _DOWN):
            reply.error = f"{reply.error} ({sent} attempt{'s' if sent != 1 else ''})"
        elif reply.status is not None and (reply.status >= 500 or reply.status == 429) and sent > 1 and not reply.error:
            reply.error = f"{reply.text} ({sent} attempts)"
        return reply, sent

    def _dead_candidate(self, reply: _Reply) -> bool:
        if reply.status is not None:
            return reply.status in DEAD_STATUSES and reply.status not in self.accept
        return reply.kind == _REFUSED

    def _retryable(self, reply: _Reply) -> bool:
        if reply.status is not None:
            if reply.challenge or reply.status in self.accept:
                return False
            return is_retryable_status(reply.status)
        return reply.kind in _RETRYABLE_KINDS

    def _note_failure(self, gate: HostGate, key: str, reply: _Reply) -> None:
        """A host that lets a TCP handshake time out, or leaves two URLs without an answer, is down for the rest
        of the run: later URLs fail fast instead of each waiting out timeout x retries."""
        if reply.kind == _CONNECT_TIMEOUT:
            gate.down_reason = f"{key} did not answer earlier requests ({reply.error})"
        elif reply.kind == _TIMEOUT:
            count = self._read_timeouts[key] = self._read_timeouts.get(key, 0) + 1
            if count >= self.tuning.read_timeouts_to_give_up:
                gate.down_reason = f"{key} left {count} URLs without an answer ({reply.error})"

    def _backoff(self, retry: int) -> float:
        delay = min(self.tuning.backoff_max, self.tuning.backoff_base * (2**retry))
        return delay * (0.5 + random.random() / 2)  # jitter: concurrent retries do not return in lockstep

    async def _sleep(self, seconds: float) -> None:
        if self._deadline is not None and time.monotonic() + seconds > self._deadline:
            raise _OutOfTime
        await asyncio.sleep(seconds)

    def _request_timeout(self, gate: HostGate) -> float:
        timeout = gate.timeout
        if self._deadline is not None:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise _OutOfTime
            timeout = min(timeout, left)
        return timeout

    # -- one request -----------------------------------------------------------------------------------------

    async def _send(self, method: str, url: httpx.URL, gate: HostGate, key: str, *, first: bool = False) -> _Reply:
        assert self._client is not None
        if gate.down_reason is not None:
            return _Reply(kind=_DOWN, error=f"not requested: {gate.down_reason}")
        await gate.acquire(first=first)  # the host's turn and a slot of the run's global limit
        reply: _Reply | None = None
        try:
            if gate.down_reason is not None:  # the host went down while this request waited for its turn
                return _Reply(kind=_DOWN, error=f"not requested: {gate.down_reason}")
            timeout = self._request_timeout(gate)
            try:
                # httpx's timeouts apply to each read; this one bounds the whole exchange (a server trickling
                # its headers byte by byte), a little later so httpx's more precise errors come first
                reply = await _bounded(self._exchange(method, url, timeout), timeout * 1.25 + 0.05)
            except asyncio.TimeoutError:
                reply = _Reply(kind=_TIMEOUT, error=f"no response within {timeout:g} s")
            except Exception as exc:  # noqa: BLE001 - every failure of a request becomes a reason
                reply = _classify_exception(exc, timeout)
            return reply
        finally:
            if reply is not None and self._retryable(reply):
                gate.waits += 1  # counted before the slot is handed on, so the next choice knows (see Scheduler)
            gate.release()

    async def _exchange(self, method: str, url: httpx.URL, timeout: float) -> _Reply:
        assert self._client is not None
        # a Request made directly: the client's build_request would merge its headers, cookies and parameters
        # into new objects for every request; the result is the same
        request = httpx.Request(
            method,
            url,
            headers=self._headers,
            extensions={"timeout": {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}},
        )
        response = await self._client.send(request, stream=True)
        try:
            location = retry_after = length = None
            challenge = False
            for name, value in response.headers.raw:  # one pass, instead of a lookup per header
                name = name.lower()
                if name in _WANTED:  # the first of repeated headers counts
                    if name == b"location":
                        location = _text(value) if location is None else location
                    elif name == b"retry-after":
                        retry_after = _text(value) if retry_after is None else retry_after
                    elif name == b"content-length":
                        length = value.strip() if length is None else length
                    else:
                        challenge = challenge or value.strip().lower() == b"challenge"
            reply = _Reply(
                status=response.status_code,
                phrase=response.reason_phrase,
                location=location,
                retry_after=parse_retry_after(retry_after),
                challenge=challenge,
            )
            # the body is never needed, but a connection is reused only once its response was read to the end:
            # HEAD's empty body and a small GET body are read, a large one is abandoned (closing the response
            # then closes the connection)
            if method == "HEAD" or (length is not None and length.isdigit() and int(length) <= self.tuning.small_body):
                await response.aread()
            return reply
        finally:
            await response.aclose()


_WANTED = frozenset({b"location", b"retry-after", b"content-length", b"cf-mitigated"})


def _text(value: bytes) -> str:
    """A header value as text: UTF-8 where it is (a Location with raw UTF-8 occurs), else Latin-1, like httpx."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


async def _bounded(coro: Coroutine[Any, Any, _Reply], seconds: float) -> _Reply:
    """``coro`` cut off after ``seconds`` (TimeoutError); without a task of its own where Python allows it."""
    if sys.version_info >= (3, 11):
        async with asyncio.timeout(seconds):
            return await coro
    return await asyncio.wait_for(coro, seconds)  # pragma: no cover - Python 3.10


def _classify_exception(exc: BaseException, timeout: float) -> _Reply:
    if isinstance(exc, AddressRefused):
        return _Reply(kind=_POLICY, error=f"refused by the address policy: {exc.reason}")
    if isinstance(exc, NameNotFound):
        return _Reply(kind=_DNS, error=exc.reason)
    if isinstance(exc, NameLookupFailed):
        return _Reply(kind=_DNS_TEMPORARY, error=exc.reason)
    if isinstance(exc, httpx.ConnectTimeout):
        return _Reply(kind=_CONNECT_TIMEOUT, error=f"connection timed out after {timeout:g} s")
    if isinstance(exc, httpx.TimeoutException):
        return _Reply(kind=_TIMEOUT, error=f"no response within {timeout:g} s")
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return _Reply(kind=_INVALID, error=f"not a valid URL: {exc}")
    if isinstance(exc, ConnectionRefused):
        return _Reply(kind=_REFUSED, error="connection refused")
    cause = _root_cause(exc)
    if isinstance(cause, ssl.SSLError) or "[SSL" in str(exc) or "certificate" in str(exc).lower():
        detail = str(exc)
        if isinstance(cause, ssl.SSLError):
            detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None) or str(cause)
        return _Reply(kind=_TLS, error=f"TLS error: {detail}")
    if isinstance(exc, httpx.ConnectError):
        return _Reply(kind=_CONNECT, error=f"cannot connect: {exc}")
    if isinstance(cause, ConnectionResetError) or isinstance(exc, httpx.ReadError):
        return _Reply(kind=_RESET, error="connection reset by the server")
    if isinstance(exc, httpx.RemoteProtocolError):
        return _Reply(kind=_RESET, error=f"the server closed the connection without an answer ({exc})")
    if isinstance(exc, (httpx.NetworkError, OSError)):
        return _Reply(kind=_RESET, error=f"network error: {exc}")
    return _Reply(kind=_OTHER, error=f"{type(exc).__name__}: {exc}")


def _root_cause(exc: BaseException) -> BaseException | None:
    """The innermost exception of the chain (an OSError or ssl.SSLError under httpx's wrappers)."""
    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (ssl.SSLError, ConnectionResetError)):
            return current
        nxt = current.__cause__ or current.__context__
        if nxt is None:
            return current
        current = nxt
    return current
