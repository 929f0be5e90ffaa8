"""The on-disk link cache: what is kept, for how long, atomic replacement under concurrent writers, and
``check_links`` with and without it against a real server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from linkserver import LinkServer

from listlint.config import LinkSettings
from listlint.links import LinkResult, Verdict, check_links
from listlint.links._cache import LinkCache
from listlint.links._checker import Tuning

FAST = Tuning(backoff_base=0.02, confirm_delay=0.02)


def result(verdict: Verdict, url: str = "https://a.org/x", status: int | None = 200) -> LinkResult:
    return LinkResult(url, verdict, status, None, f"{verdict.value} reason", attempts=2)


def test_only_stable_verdicts_are_kept(tmp_path: Path) -> None:
    path = tmp_path / ".listlint_cache" / "links.json"
    cache = LinkCache(path, 100.0)
    for verdict in Verdict:
        cache.put(f"https://a.org/{verdict.value}", result(verdict), now=1000.0)
    cache.save(now=1000.0)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert sorted(data["links"]) == ["https://a.org/dead", "https://a.org/ok", "https://a.org/redirected"]
    assert (path.parent / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"

    again = LinkCache(path, 100.0)
    again.load(now=1050.0)
    hit = again.get("https://a.org/dead", "https://a.org/dead#s")
    assert hit == LinkResult("https://a.org/dead#s", Verdict.DEAD, 200, None, "dead reason", 0, True)
    assert again.get("https://a.org/unreachable", "x") is None


def test_entries_expire(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    cache = LinkCache(path, 100.0)
    cache.put("https://a.org/", result(Verdict.OK), now=1000.0)
    cache.save(now=1000.0)
    fresh, stale = LinkCache(path, 100.0), LinkCache(path, 100.0)
    fresh.load(now=1099.0)
    stale.load(now=1101.0)
    assert fresh.get("https://a.org/", "u") is not None
    assert stale.get("https://a.org/", "u") is None
    future = LinkCache(path, 100.0)
    future.load(now=900.0)  # written "in the future" (clock changed): not trusted
    assert future.get("https://a.org/", "u") is None


def test_newly_accepted_status_invalidates_a_dead_entry(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    cache = LinkCache(path, 100.0)
    cache.put("https://a.org/", result(Verdict.DEAD, status=404), now=1000.0)
    cache.save(now=1000.0)
    accepting = LinkCache(path, 100.0, accept=frozenset({404}))
    accepting.load(now=1001.0)
    assert accepting.get("https://a.org/", "u") is None


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 99, "links": {}}', '{"version": 1, "links": 3}',
                                     '{"version": 1, "links": {"u": {"verdict": "nope", "checked": 1}}}'])
def test_a_foreign_or_corrupt_file_is_an_empty_cache(tmp_path: Path, content: str) -> None:
    path = tmp_path / "links.json"
    path.write_text(content, encoding="utf-8")
    cache = LinkCache(path, 100.0)
    cache.load(now=10.0)
    assert cache.get("u", "u") is None
    cache.put("https://a.org/", result(Verdict.OK), now=10.0)
    cache.save(now=10.0)
    assert list(json.loads(path.read_text(encoding="utf-8"))["links"]) == ["https://a.org/"]


def test_saves_merge_with_what_another_run_wrote(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    first, second = LinkCache(path, 100.0), LinkCache(path, 100.0)
    first.load(now=1.0)
    second.load(now=1.0)
    first.put("https://a.org/1", result(Verdict.OK), now=1.0)
    second.put("https://a.org/2", result(Verdict.OK), now=1.0)
    first.save(now=1.0)
    second.save(now=1.0)
    assert sorted(json.loads(path.read_text(encoding="utf-8"))["links"]) == ["https://a.org/1", "https://a.org/2"]


def test_concurrent_writers_never_leave_a_torn_file(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    errors: list[str] = []
    stop = threading.Event()

    def writer(n: int) -> None:
        for i in range(40):
            cache = LinkCache(path, 1e9)
            cache.put(f"https://a.org/{n}/{i}", result(Verdict.OK, status=200), now=1.0)
            cache.save(now=1.0)

    def reader() -> None:
        while not stop.is_set():
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            try:
                json.loads(text)
            except ValueError:
                errors.append(text[:80])

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    watcher.join()
    assert errors == []
    # merging is best effort: a save that lands between another writer's read and its replace is lost (the cache
    # is a cache), so how many of the 160 entries survive depends on the interleaving; the file always has the
    # last writer's own entry
    assert len(json.loads(path.read_text(encoding="utf-8"))["links"]) >= 1
    assert [p.name for p in tmp_path.iterdir()] == ["links.json"]  # no temporary files left behind


# -- check_links with the cache --------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with LinkServer(hosts=1) as srv:
        yield srv


def _settings(**changes: object) -> LinkSettings:
    base: dict[str, object] = {"allow_private": True, "timeout": 0.6, "retries": 1, "retry_after_cap": 1.0}
    base.update(changes)
    return LinkSettings(**base)  # type: ignore[arg-type]


def test_second_run_is_answered_from_the_cache(server: LinkServer, tmp_path: Path) -> None:
    urls = [server.url(p) for p in ("/ok", "/missing", "/moved", "/flaky", "/status/403")]
    first = check_links(urls, _settings(), base_dir=tmp_path, tuning=FAST)
    assert [r.verdict for r in first.values()] == [
        Verdict.OK, Verdict.DEAD, Verdict.REDIRECTED, Verdict.UNREACHABLE, Verdict.BLOCKED
    ]
    assert not any(r.from_cache for r in first.values())
    cache_file = tmp_path / ".listlint_cache" / "links.json"
    assert sorted(json.loads(cache_file.read_text(encoding="utf-8"))["links"]) == sorted(urls[:3])

    server.reset()
    second = check_links(urls, _settings(), base_dir=tmp_path, tuning=FAST)
    assert [r.verdict for r in second.values()] == [r.verdict for r in first.values()]
    assert [r.from_cache for r in second.values()] == [True, True, True, False, False]
    assert second[urls[2]].final_url == server.url("/ok")
    # only the unreachable and blocked links were asked again
    assert {s.target for s in server.requests} == {"/flaky", "/status/403"}


def test_no_cache_neither_reads_nor_writes(server: LinkServer, tmp_path: Path) -> None:
    url = server.url("/ok")
    check_links([url], _settings(), base_dir=tmp_path, tuning=FAST)
    cache_file = tmp_path / ".listlint_cache" / "links.json"
    before = cache_file.read_bytes()
    server.reset()
    results = check_links([url, server.url("/ok/new")], _settings(), base_dir=tmp_path, use_cache=False, tuning=FAST)
    assert not results[url].from_cache
    assert server.hits("/ok") == 1
    assert cache_file.read_bytes() == before


def test_cache_setting_off_and_custom_path(server: LinkServer, tmp_path: Path) -> None:
    check_links([server.url("/ok")], _settings(cache=False), base_dir=tmp_path, tuning=FAST)
    assert not (tmp_path / ".listlint_cache").exists()
    check_links([server.url("/ok")], _settings(cache_path="build/links-cache.json"), base_dir=tmp_path, tuning=FAST)
    assert (tmp_path / "build" / "links-cache.json").is_file()
    assert not (tmp_path / "build" / ".gitignore").exists()  # not a directory of ours


def test_unwritable_cache_is_a_warning(
    server: LinkServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "blocker").write_text("a file where the cache directory should be", encoding="utf-8")
    settings = _settings(cache_path="blocker/links.json")
    results = check_links([server.url("/ok")], settings, base_dir=tmp_path, tuning=FAST)
    assert results[server.url("/ok")].verdict is Verdict.OK
    assert "cannot write the link cache" in capsys.readouterr().err
    check_links([server.url("/ok")], settings, base_dir=tmp_path, tuning=FAST, quiet=True)
    assert capsys.readouterr().err == ""


def test_a_run_answered_from_the_cache_does_not_load_httpx(server: LinkServer, tmp_path: Path) -> None:
    import subprocess
    import sys

    url = server.url("/ok")
    check_links([url], _settings(), base_dir=tmp_path, tuning=FAST)
    code = (
        "import sys; from pathlib import Path; from listlint.config import LinkSettings; "
        "from listlint.links import check_links; "
        f"r = check_links([{url!r}], LinkSettings(allow_private=True), base_dir=Path({str(tmp_path)!r})); "
        "assert r[" + repr(url) + "].from_cache; "
        "print(sorted(m for m in ('httpx', 'h11', 'asyncio', 'email.utils', 'tempfile') if m in sys.modules))"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": src}, check=True)
    # nothing of the network side, and nothing only a check or a cache write needs
    assert done.stdout.strip() == "[]"
