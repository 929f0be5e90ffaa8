"""Benchmark: dead-link checking with listlint, side by side with markdown-link-check (npm) and LinkChecker (PyPI).

Starts the test link server (tests/linkserver.py) in its own process with 20 "hosts" (ports on 127.0.0.1) and
50 ms of latency per answer, writes a reading list of 1,000 distinct links (alive, dead, permanently redirected,
and flaky links on four hosts that fail once or twice with 500/502/503 or a connection reset, then answer), and times each
tool on it. A fresh server is started for every run so each tool meets the same failures. The two other tools are
installed into bench/.tools/ on first use; a tool that cannot be installed or run is reported as such.

    python bench/links.py                  # everything, prints a Markdown table
    python bench/links.py --only listlint  # just listlint's rows
    python bench/links.py --links 200      # a smaller list

The floor is N x latency / concurrency: the time N requests need at that concurrency if nothing else cost
anything. This is a side-by-side measurement, not a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "bench" / ".tools"
SERVER = ROOT / "tests" / "linkserver.py"
MLC_VERSION = "3.15.0"
LINKCHECKER_VERSION = "10.6.0"

# Runs the CLI in-process-free: a fresh interpreter, exactly as `listlint check` would, but registering the
# network rules first if this checkout's rule registry does not list them yet.
def _env() -> dict[str, str]:
    """Run the listlint installed in this interpreter's environment when there is one (compiled bytecode, as a user
    has it: install the working tree with `pip install .` first); else the working tree's src/, which is then
    compiled on every run when PYTHONDONTWRITEBYTECODE is set, and measures that too."""
    import importlib.util

    if importlib.util.find_spec("listlint") is not None:
        return dict(os.environ)
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


LISTLINT = [sys.executable, "-m", "listlint"]


@dataclass
class Expected:
    alive: set[str] = field(default_factory=set)
    dead: set[str] = field(default_factory=set)
    redirected: set[str] = field(default_factory=set)
    flaky: set[str] = field(default_factory=set)  # fail once, then alive


@dataclass
class Run:
    tool: str
    setting: str
    concurrency: str
    seconds: float | None = None
    requests: int | None = None
    dead: set[str] = field(default_factory=set)
    redirected: set[str] = field(default_factory=set)
    note: str = ""
    checks_links: bool = True
    requests_before: int = 0  # requests of preparatory runs (the cached row's first run), not counted
    score: str = "– | – | –"  # dead found | false dead | flaky reported dead, against the run's own list

    def judge(self, expected: Expected) -> None:
        false_dead = len(self.dead & (expected.alive | expected.flaky | expected.redirected))
        self.score = (
            f"{len(self.dead & expected.dead)}/{len(expected.dead)} | {false_dead} | "
            f"{len(self.dead & expected.flaky)}/{len(expected.flaky)}"
        )


# -- the list ----------------------------------------------------------------------------------------------------


def build_list(hosts: list[str], count: int) -> tuple[str, str, Expected, list[str]]:
    """Markdown and HTML lists of ``count`` distinct links; the last four hosts are the flaky ones."""
    expected = Expected()
    urls = []
    flaky_hosts = set(range(max(0, len(hosts) - 4), len(hosts)))
    # a brief outage: one or two failures, then the page answers
    flaky_paths = ("/fail/500/1/f{i}", "/fail/502/2/f{i}", "/fail/503/2/f{i}", "/reset-once/f{i}")
    for i in range(count):
        h = i % len(hosts)
        base = f"http://{hosts[h]}"
        if h in flaky_hosts and (i // len(hosts)) % 4 == 0:
            url = base + flaky_paths[(i // len(hosts) // 4) % 4].format(i=i)
            expected.flaky.add(url)
        elif h not in flaky_hosts and i % 20 == 3:
            url = base + (f"/status/404/d{i}" if i % 40 == 3 else f"/status/410/d{i}")
            expected.dead.add(url)
        elif h not in flaky_hosts and i % 20 == 7:
            url = base + f"/redirect/301?to=/ok/moved{i}"
            expected.redirected.add(url)
        else:
            url = base + f"/ok/paper{i}"
            expected.alive.add(url)
        urls.append(url)
    md = ["# Reading list", ""]
    html = ["<!DOCTYPE html>", "<html><head><meta charset='utf-8'><title>Reading list</title></head><body>", "<ul>"]
    for n, url in enumerate(urls):
        if n % 100 == 0:
            md += ["", f"## Part {n // 100 + 1}", ""]
        md.append(f"- [Paper {n}]({url}) - a paper")
        html.append(f"<li><a href='{url}'>Paper {n}</a></li>")
    html += ["</ul>", "</body></html>"]
    return "\n".join(md) + "\n", "\n".join(html) + "\n", expected, urls


# -- the server ----------------------------------------------------------------------------------------------------


class Server:
    def __init__(self, hosts: int, latency: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVER), "--hosts", str(hosts), "--latency", str(latency)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        self.hosts: list[str] = json.loads(line)["hosts"]

    def requests(self) -> int:
        with urllib.request.urlopen(f"http://{self.hosts[0]}/__stats", timeout=10) as response:
            return int(json.loads(response.read())["requests"])

    def stop(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


# -- installing the other tools ---------------------------------------------------------------------------------


def _gitignore_tools() -> None:
    TOOLS.mkdir(parents=True, exist_ok=True)
    (TOOLS / ".gitignore").write_text("*\n", encoding="utf-8")


def install_mlc() -> tuple[Path | None, str]:
    binary = TOOLS / "npm" / "node_modules" / ".bin" / "markdown-link-check"
    if binary.exists():
        return binary, ""
    if shutil.which("npm") is None:
        return None, "npm is not installed"
    _gitignore_tools()
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS / "npm"), f"markdown-link-check@{MLC_VERSION}"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not binary.exists():
        return None, f"npm install failed: {done.stderr.strip().splitlines()[-1:]}"
    return binary, ""


def install_linkchecker() -> tuple[Path | None, str]:
    binary = TOOLS / "venv" / "bin" / "linkchecker"
    if binary.exists():
        return binary, ""
    _gitignore_tools()
    made = subprocess.run([sys.executable, "-m", "venv", str(TOOLS / "venv")], capture_output=True, text=True)
    if made.returncode != 0:
        return None, f"cannot create a venv: {made.stderr.strip()[:200]}"
    done = subprocess.run(
        [str(TOOLS / "venv" / "bin" / "pip"), "install", "-q", f"linkchecker=={LINKCHECKER_VERSION}"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not binary.exists():
        return None, f"pip install failed: {done.stderr.strip().splitlines()[-1:]}"
    return binary, ""


# -- running the tools ----------------------------------------------------------------------------------------------

_URL = re.compile(r"https?://\S+?(?=:\s|\s|$)")


def run_listlint(workdir: Path, config: str, *, no_cache: bool = True) -> tuple[float, set[str], set[str], str]:
    (workdir / ".listlint.toml").write_text(config, encoding="utf-8")
    args = [*LISTLINT, "check", "--links", "--output-format", "json", "--exit-zero"]
    if no_cache:
        args.append("--no-cache")
    args.append("list.md")
    env = _env()
    started = time.perf_counter()
    done = subprocess.run(args, cwd=workdir, capture_output=True, text=True, env=env, timeout=900)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"listlint failed ({done.returncode}): {done.stderr[-2000:]}")
    rows = json.loads(done.stdout or "[]")
    dead = {m.group(0) for r in rows if r["code"] == "LL410" for m in [_URL.search(r["message"])] if m}
    moved = {m.group(0) for r in rows if r["code"] == "LL411" for m in [_URL.search(r["message"])] if m}
    note = "rules registered by the bench" if "registered by the benchmark" in done.stderr else ""
    return elapsed, dead, moved, note


ENGINE = """
import json, sys, time
from pathlib import Path
from listlint.config import LinkSettings
from listlint.links import check_links
from listlint.parser import parse
urls = [link.url for link in parse(Path("list.md").read_text(encoding="utf-8")).links]
settings = LinkSettings(allow_private=True, cache=False, **json.loads(sys.argv[1]))
started = time.perf_counter()
results = check_links(urls, settings, base_dir=Path.cwd(), use_cache=False)
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "dead": [u for u, r in results.items() if r.verdict.value == "dead"],
                  "moved": [u for u, r in results.items() if r.verdict.value == "redirected"]}))
"""


def run_engine(workdir: Path, overrides: dict[str, int]) -> tuple[float, set[str], set[str]]:
    """``check_links`` alone, timed inside the process: no interpreter start, imports or Markdown parsing."""
    env = _env()
    done = subprocess.run([sys.executable, "-c", ENGINE, json.dumps(overrides)], cwd=workdir, capture_output=True,
                          text=True, env=env, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    data = json.loads(done.stdout)
    return float(data["seconds"]), set(data["dead"]), set(data["moved"])


def run_offline_cli(workdir: Path) -> float:
    """``listlint check`` without --links on the same file: the part of every run that is not link checking."""
    env = _env()
    started = time.perf_counter()
    subprocess.run([*LISTLINT, "check", "--output-format", "json", "--exit-zero", "list.md"],
                   cwd=workdir, capture_output=True, text=True, env=env, timeout=900, check=True)
    return time.perf_counter() - started


def run_mlc(binary: Path, workdir: Path) -> tuple[float, set[str], str]:
    config = {"timeout": "10s", "retryOn429": True, "retryCount": 2, "fallbackRetryDelay": "1s", "aliveStatusCodes": [200]}
    (workdir / "mlc.json").write_text(json.dumps(config), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [str(binary), "-q", "-c", "mlc.json", "list.md"], cwd=workdir, capture_output=True, text=True, timeout=1800
    )
    elapsed = time.perf_counter() - started
    out = done.stdout + done.stderr
    dead = {m.group(1) for m in re.finditer(r"\[✖\]\s+(\S+)", out)}
    note = "" if done.returncode in (0, 1) else f"exit {done.returncode}: {out.strip()[-200:]}"
    return elapsed, dead, note


def run_linkchecker(binary: Path, workdir: Path, threads: int) -> tuple[float, set[str], set[str], str]:
    (workdir / "linkcheckerrc").write_text(
        f"[checking]\nthreads={threads}\ntimeout=10\nmaxrequestspersecond=100\n[filtering]\ncheckextern=1\n",
        encoding="utf-8",
    )
    os.chmod(workdir, 0o755)  # LinkChecker drops root privileges to "nobody"
    for path in workdir.iterdir():
        os.chmod(path, 0o644)
    started = time.perf_counter()
    done = subprocess.run(
        [str(binary), "-f", "linkcheckerrc", "--no-status", "--no-warnings", "-o", "csv", "-r", "1",
         (workdir / "list.html").as_uri()],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    elapsed = time.perf_counter() - started
    dead: set[str] = set()
    moved: set[str] = set()
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"):
        url = row.get("urlname") or ""
        if not url.startswith("http"):
            continue
        if row.get("valid") == "False":
            dead.add(url)
        if "redirect" in (row.get("info") or row.get("infostring") or "").lower():
            moved.add(url)
    note = "" if done.returncode in (0, 1) else f"exit {done.returncode}: {done.stderr.strip()[-200:]}"
    return elapsed, dead, moved, note


# -- the table --------------------------------------------------------------------------------------------------------


def row(run: Run, floor: float | None) -> str:
    if run.seconds is None:
        return f"| {run.tool} | {run.setting} | {run.concurrency} | – | – | – | – | – | – | {run.note} |"
    ratio = f"{run.seconds / floor:.2f}x" if floor else "–"
    requests = "–" if run.requests is None else str(run.requests)
    return (
        f"| {run.tool} | {run.setting} | {run.concurrency} | {run.seconds:.2f} s | {ratio} | {requests} | "
        f"{run.score} | {run.note} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--only", choices=["listlint", "mlc", "linkchecker"], action="append")
    parser.add_argument("--repeat", type=int, default=3, help="runs per listlint row; the best is reported")
    args = parser.parse_args(argv)
    only = set(args.only or ["listlint", "mlc", "linkchecker"])
    n, latency = args.links, args.latency
    runs: list[tuple[Run, float | None]] = []

    def fresh(tag: str) -> tuple[Server, Path, Expected]:
        server = Server(args.hosts, latency)
        workdir = Path(tempfile.mkdtemp(prefix=f"listlint-bench-{tag}-"))
        md, html, expected, _ = build_list(server.hosts, n)
        (workdir / "list.md").write_text(md, encoding="utf-8")
        (workdir / "list.html").write_text(html, encoding="utf-8")
        return server, workdir, expected

    expected: Expected | None = None

    def measure(run: Run, floor: float | None, work: callable, repeat: int = args.repeat) -> None:  # type: ignore[valid-type]
        """Best of ``repeat`` runs (the machine may be shared), each against a fresh server."""
        nonlocal expected
        best: Run | None = None
        for _ in range(repeat):
            attempt = Run(run.tool, run.setting, run.concurrency, note=run.note, checks_links=run.checks_links)
            server, workdir, expected = fresh(run.tool.split()[0])
            try:
                work(attempt, workdir, server)
                attempt.requests = server.requests() - attempt.requests_before
                if attempt.checks_links:
                    attempt.judge(expected)
            except Exception as exc:  # noqa: BLE001 - a tool that fails is a row, not a crash
                attempt.seconds = None
                attempt.note = f"failed: {exc}"[:200]
            finally:
                server.stop()
                shutil.rmtree(workdir, ignore_errors=True)
            if best is None or (attempt.seconds is not None and (best.seconds is None or attempt.seconds < best.seconds)):
                best = attempt
        assert best is not None
        if repeat > 1 and best.seconds is not None:
            best.note = (best.note + "; " if best.note else "") + f"best of {repeat}"
        runs.append((best, floor))
        print(row(best, floor), file=sys.stderr, flush=True)

    if "listlint" in only:
        def listlint_at(concurrency: int | None) -> callable:  # type: ignore[valid-type]
            def work(run: Run, workdir: Path, server: Server) -> None:
                config = "[links]\nallow-private = true\n"
                if concurrency is not None:
                    config += f"concurrency = {concurrency}\nper-host = {concurrency}\n"
                run.seconds, run.dead, run.redirected, run.note = run_listlint(workdir, config)
            return work

        measure(Run("listlint", "--no-cache, concurrency 10", "10"), n * latency / 10, listlint_at(10))
        measure(Run("listlint", "--no-cache, defaults", "32 (4/host)"), n * latency / 32, listlint_at(None))

        def cached(run: Run, workdir: Path, server: Server) -> None:
            config = "[links]\nallow-private = true\n"
            run_listlint(workdir, config, no_cache=False)  # fills .listlint_cache/links.json
            run.requests_before = server.requests()
            run.seconds, run.dead, run.redirected, run.note = run_listlint(workdir, config, no_cache=False)
            run.note = (run.note + "; " if run.note else "") + "second run; the first filled the cache"

        measure(Run("listlint", "cached re-run", "32 (4/host)"), None, cached)

        def engine_at(overrides: dict[str, int]) -> callable:  # type: ignore[valid-type]
            def work(run: Run, workdir: Path, server: Server) -> None:
                run.seconds, run.dead, run.redirected = run_engine(workdir, overrides)
            return work

        engine_note = "check_links() timed in-process: no interpreter start-up, imports or parsing"
        measure(Run("listlint engine", "concurrency 10", "10", note=engine_note), n * latency / 10,
                engine_at({"concurrency": 10, "per_host": 10}))
        measure(Run("listlint engine", "defaults", "32 (4/host)", note=engine_note), n * latency / 32, engine_at({}))

        def offline(run: Run, workdir: Path, server: Server) -> None:
            run.seconds = run_offline_cli(workdir)
            run.note = "no --links: start-up, parsing and the offline rules only (no request is made)"

        measure(Run("listlint", "check without --links", "–", checks_links=False), None, offline)

    if "mlc" in only:
        binary, why = install_mlc()
        run = Run(f"markdown-link-check {MLC_VERSION}", "retryOn429, retryCount 2", "2 (fixed)")
        if binary is None:
            run.note = f"not run: {why}"
            runs.append((run, None))
        else:
            def mlc(run: Run, workdir: Path, server: Server) -> None:
                run.seconds, run.dead, note = run_mlc(binary, workdir)
                run.note = note
            measure(run, n * latency / 2, mlc, repeat=1)

    if "linkchecker" in only:
        binary, why = install_linkchecker()
        run = Run(f"LinkChecker {LINKCHECKER_VERSION}", "--threads 10, maxrequestspersecond=100", "10")
        if binary is None:
            run.note = f"not run: {why}"
            runs.append((run, None))
        else:
            def linkchecker(run: Run, workdir: Path, server: Server) -> None:
                run.seconds, run.dead, run.redirected, note = run_linkchecker(binary, workdir, 10)
                run.note = note
            measure(run, n * latency / 10, linkchecker, repeat=1)

    assert expected is not None
    print(f"\n{n} distinct links on {args.hosts} hosts, {latency * 1000:.0f} ms latency per answer; "
          f"{len(expected.dead)} dead, {len(expected.redirected)} redirected (301), "
          f"{len(expected.flaky)} flaky on 4 hosts (500 once, 502 twice, 503 twice, or one reset; then 200).")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs; "
          f"load average at the end {load} (1/5/15 min); listlint "
          f"{'installed (compiled)' if 'PYTHONPATH' not in _env() else 'from src/ (not installed)'}.\n")
    print("| tool | setting | concurrency | time | / floor | requests | dead found | false dead | flaky reported dead | note |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for run, floor in runs:
        print(row(run, floor))
    print()
    for c in (2, 10, 32):
        print(f"- floor at concurrency {c}: {n} x {latency * 1000:.0f} ms / {c} = {n * latency / c:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
