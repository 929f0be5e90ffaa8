"""Dead-link checking: runs once per run, outside the rules, over the distinct URLs of every file.

    check_links(urls, settings, base_dir=...) -> {url as written: LinkResult}

The rules LL410-LL412 read the results from their context. Nothing here is imported by ``import listlint``
beyond the small result types: httpx is loaded only when a check actually runs, so offline runs pay nothing.

The package's private modules, by noun: ``_result`` (Verdict, LinkResult), ``_policy`` (addresses, exclusions,
status meanings), ``_resolver`` (name resolution under the policy), ``_hosts`` (per-host politeness), ``_cache``
(the on-disk cache), ``_transport`` (the httpx client), ``_checker`` (the async engine), ``_progress``.
"""

from __future__ import annotations

import sys
from collections.abc import Coroutine, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from listlint.config import LinkSettings
from listlint.links._result import LinkResult, Verdict, summary_line
from listlint.urls import followed

if TYPE_CHECKING:
    from listlint.links._checker import Tuning

__all__ = ["LinkResult", "Verdict", "check_links", "summary_line"]

T = TypeVar("T")


def check_links(
    urls: Iterable[str],
    settings: LinkSettings,
    *,
    base_dir: Path,
    use_cache: bool = True,
    progress: bool = False,
    quiet: bool = False,
    tuning: Tuning | None = None,
) -> dict[str, LinkResult]:
    """Check every distinct URL once and return a result per URL as written.

    ``base_dir`` is where ``links.cache_path`` and ``.listlintignore`` are resolved. A progress bar is drawn on
    stderr only when ``progress`` is set, ``quiet`` is not, and stderr is a terminal. ``tuning`` is for tests.
    Raises ConfigError for an invalid exclusion pattern.
    """
    import time

    from listlint.links._cache import LinkCache
    from listlint.links._policy import compile_exclusions, excluded_by, strip_userinfo
    from listlint.links._progress import Progress

    written = list(dict.fromkeys(urls))
    exclusions = compile_exclusions(settings, base_dir)
    results: dict[str, LinkResult] = {}
    pending: dict[str, list[str]] = {}  # request key (no fragment, no credentials) -> URLs as written
    cache = None
    if use_cache and settings.cache:
        cache_path = Path(settings.cache_path)
        cache = LinkCache(
            cache_path if cache_path.is_absolute() else base_dir / cache_path,
            settings.cache_max_age,
            accept=frozenset(settings.accept),
        )
        cache.load()
    for url in written:
        try:
            scheme = urlsplit(url).scheme.lower()
        except ValueError as exc:  # e.g. an unclosed [IPv6 literal
            results[url] = LinkResult(url, Verdict.SKIPPED, None, None, f"not a valid URL: {exc}")
            continue
        if scheme not in ("http", "https"):
            results[url] = LinkResult(url, Verdict.SKIPPED, None, None, "only http and https links are checked")
            continue
        pattern = excluded_by(url, exclusions)
        if pattern is not None:
            results[url] = LinkResult(url, Verdict.EXCLUDED, None, None, f"excluded by {pattern!r}")
            continue
        key = strip_userinfo(followed(url))  # "wiki/Foo_\(bar\)" is requested as a browser follows it
        cached = cache.get(key, url) if cache is not None else None
        if cached is not None:
            results[url] = _with_fragment(cached, url)
            continue
        pending.setdefault(key, []).append(url)

    if pending:
        from listlint.links._checker import Checker  # httpx is imported only when a request is to be made

        bar = Progress(len(pending), enabled=progress and not quiet)
        checker = Checker(settings, tuning=tuning, on_done=bar.advance)
        try:
            outcomes = _run(checker.run(pending))
        finally:
            bar.close()
        now = time.time()
        for key, urls_for_key in pending.items():
            outcome = outcomes[key]
            for url in urls_for_key:
                result = LinkResult(
                    url=url,
                    verdict=outcome.verdict,
                    status=outcome.status,
                    final_url=outcome.final_url,
                    reason=outcome.reason,
                    attempts=outcome.attempts,
                )
                results[url] = _with_fragment(result, url)
            if cache is not None:
                cache.put(key, _for_cache(outcome, key), now)
        if cache is not None:
            try:
                cache.save(now)
            except OSError as exc:
                if not quiet:
                    print(f"listlint: cannot write the link cache {cache.path}: {exc}", file=sys.stderr)
    return {url: results[url] for url in written}


def _for_cache(outcome: object, key: str) -> LinkResult:
    from listlint.links._checker import _Outcome

    assert isinstance(outcome, _Outcome)
    return LinkResult(key, outcome.verdict, outcome.status, outcome.final_url, outcome.reason, outcome.attempts)


def _with_fragment(result: LinkResult, url: str) -> LinkResult:
    """A redirect target for ``page#section`` keeps ``#section`` (browsers carry the fragment over redirects)."""
    fragment = urlsplit(url).fragment
    if result.verdict is not Verdict.REDIRECTED or not fragment or result.final_url is None:
        return result
    parts = urlsplit(result.final_url)
    if parts.fragment:
        return result
    final = urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, fragment))
    return LinkResult(result.url, result.verdict, result.status, final, result.reason, result.attempts, result.from_cache)


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, or the same in a helper thread when the caller already runs an event loop."""
    import asyncio  # here, not at the top: importing listlint (and the rules) stays cheap when links are off
    import threading

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        running = False
    else:
        running = True
    if not running:
        return asyncio.run(coro)
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="listlint-links")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
