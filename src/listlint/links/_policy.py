"""Pure decisions of the checker: which addresses may be contacted, which URLs are excluded, what a status means.

Nothing here touches the network or imports httpx, so every rule of the policy is unit-tested directly.
"""

from __future__ import annotations

import ipaddress
import re
import time
from collections.abc import Iterable
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from listlint.config import LinkSettings
from listlint.errors import ConfigError

IGNORE_FILE = ".listlintignore"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# HEAD is retried as GET on these: servers that do not implement HEAD, or wall it off, still serve GET.
HEAD_FALLBACK = frozenset({400, 403, 405, 501})
# A HEAD answer that makes the host's HEAD support suspect for every later URL of that host.
HEAD_UNSUPPORTED = frozenset({405, 501})
DEAD_STATUSES = frozenset({404, 410})
BLOCKED_STATUSES = frozenset({401, 403, 451, 999})
THROTTLE_STATUSES = frozenset({429, 503})
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})

_PHRASES = {999: "Request Denied"}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def status_text(status: int, phrase: str = "") -> str:
    """``404 Not Found``; the server's own phrase when the status is not a standard one."""
    try:
        known = HTTPStatus(status).phrase
    except ValueError:
        known = _PHRASES.get(status, phrase)
    return f"{status} {known}".rstrip()


def is_retryable_status(status: int) -> bool:
    """5xx, 408 and 429 may pass; 999 (LinkedIn's bot wall) is not a server error."""
    return (500 <= status < 600) or status in (408, 429)


def address_problem(address: str, allowed: Iterable[Network] = ()) -> str | None:
    """Why ``address`` must not be contacted (``"a loopback address"``), or None when it is a public address."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address are judged by that address: ::ffff:10.0.0.1 (mapped),
        # 2002:0a00:0001:: (6to4), 64:ff9b::a00:1 (NAT64) all reach 10.0.0.1
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            ip = embedded
    if any(ip in network for network in allowed):
        return None
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "a non-public address"),
    )
    for failed, label in checks:
        if failed:
            return label
    return None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date); None when absent or invalid."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            import email.utils  # here: a run answered from the cache never needs it (13 ms to import)

            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def read_ignore_file(base_dir: Path) -> list[tuple[str, str]]:
    """Patterns of ``.listlintignore`` in ``base_dir`` as (pattern, "file:line"); blank lines and ``#`` comments
    are skipped. A missing file is no patterns."""
    path = base_dir / IGNORE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc}") from None
    patterns = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            patterns.append((stripped, f"line {number}"))
    return patterns


def compile_exclusions(settings: LinkSettings, base_dir: Path) -> list[re.Pattern[str]]:
    """``links.exclude`` plus ``.listlintignore``; an invalid regex is a ConfigError naming where it came from."""
    compiled = []
    sources = [(p, "<config>", f"links.exclude[{i}]") for i, p in enumerate(settings.exclude)]
    ignore_path = str(base_dir / IGNORE_FILE)
    sources += [(p, ignore_path, where) for p, where in read_ignore_file(base_dir)]
    for pattern, path, key in sources:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ConfigError(path, key, f"invalid regular expression {pattern!r}: {exc}") from None
    return compiled


def excluded_by(url: str, patterns: Iterable[re.Pattern[str]]) -> str | None:
    """The first pattern that matches anywhere in ``url``."""
    for pattern in patterns:
        if pattern.search(url):
            return pattern.pattern
    return None


def strip_userinfo(url: str) -> str:
    """The URL without ``user:password@`` (credentials are never sent) and without its fragment."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def host_key(scheme: str, host: str, port: int | None) -> str:
    """``host:port``, the unit of per-host politeness (default ports filled in)."""
    if port is None:
        port = 443 if scheme == "https" else 80
    host = host.lower()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"
