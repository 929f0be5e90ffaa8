"""Benchmark: duplicate detection (LL601-LL604) must grow about linearly with the number of entries.

Writes generated reading lists of 2,000 / 20,000 / 200,000 list entries (``--sizes``) into bench/.data/ and times
whole processes:

- ``listlint check --select LL6`` (the four duplicate rules), and
- ``listlint check --select LL112`` (one trivial rule: the cost of starting, reading and parsing), the baseline,

so that "LL6 - baseline" is what duplicate detection adds. It also times, in this process, the parse alone and
the four rules alone on the parsed document. Ratios between consecutive sizes (10x more entries) should be about
10 for a linear tool; all-pairs comparison would give 100.

    python bench/duplicates.py                      # 2k, 20k, 200k entries, median of 3 runs (1 for 200k)
    python bench/duplicates.py --sizes 2000,20000   # smaller sizes only
    python bench/duplicates.py --runs 5

Each list mixes the variants the rules look for: every 50th entry repeats an earlier paper through another arXiv
form, scheme, ``www.`` or trailing slash (LL601), every 100th repeats an earlier title under a new link (LL602),
and each section of 100 entries ends with a BibTeX block whose key or eprint sometimes repeats (LL603, LL604).
Not a test: run it by hand and paste the table into bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
PER_SECTION = 100
WORDS = ("deep", "neural", "kernel", "gradient", "descent", "implicit", "bias", "attention", "margin", "sparse",
         "training", "dynamics", "networks", "learning", "theory", "generalization", "robust", "optimal")


def _title(n: int) -> str:
    words = [WORDS[(n * 7 + i * 5) % len(WORDS)] for i in range(4)]
    return f"{' '.join(words).capitalize()} study {n}"


def _arxiv(n: int) -> str:
    return f"{1500 + n % 1000:04d}.{n:05d}" if n < 100_000 else f"{2000 + n % 1000:04d}.{n % 100_000:05d}"


def generate(entries: int) -> str:
    """A list-layout reading list with ``entries`` entries, about 2% of them repeats in another form."""
    out = ["# Generated reading list\n\nA benchmark list for duplicate detection.\n\n"]
    variants = ("https://arxiv.org/pdf/{id}v2.pdf", "http://arxiv.org/abs/{id}", "https://www.arxiv.org/abs/{id}/",
                "https://arxiv.org/pdf/{id}")
    for n in range(entries):
        if n % PER_SECTION == 0:
            section = n // PER_SECTION
            out.append(f"## Section {section}\n\n")
        if n % 50 == 49:  # the same paper as 20 entries earlier, in another URL form (LL601)
            m = n - 20
            url = variants[(n // 50) % len(variants)].format(id=_arxiv(m))
            out.append(f"- [{_title(m)}]({url}) - repeated, {n}.\n")
        elif n % 100 == 74:  # an earlier title under a new link (LL602)
            m = n - 60
            out.append(f"- [{_title(m)}](https://example.org/papers/{n}) - the venue version.\n")
        else:
            out.append(f"- [{_title(n)}](https://arxiv.org/abs/{_arxiv(n)}) - notes on paper {n}, `tag{n % 7}`.\n")
        if n % PER_SECTION == PER_SECTION - 1 or n == entries - 1:
            section = n // PER_SECTION
            key = f"key{section - 1}" if section % 10 == 9 else f"key{section}"  # LL603 now and then
            eprint = _arxiv(n - 3)  # names an entry of this section through another route (LL604)
            out.append(f"\n```bibtex\n@article{{{key},\n  title={{Section {section} summary paper}},\n"
                       f"  eprint={{{eprint}}},\n  archivePrefix={{arXiv}},\n  year={{2021}}\n}}\n```\n\n")
    return "".join(out)


def timed(cmd: list[str], runs: int) -> tuple[float, float, float, str]:
    """Median wall time, median CPU time (user + system of the child), peak RSS (MB) of the children so far, and
    the last run's summary line. CPU time is the fairer measure on a shared machine: it does not count waiting."""
    walls = []
    cpus = []
    tail = ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=DATA, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        tail = lines[-1] if lines else proc.stderr.strip()[-200:]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(walls), statistics.median(cpus), peak, tail


def in_process(path: Path, runs: int) -> tuple[float, float, float, int]:
    """(parse, LL6 rules, LL6 rules with the parsed document frozen out of the garbage collector's sight: CPU
    seconds) and the number of findings, measured in this process.

    The rules are timed ``runs`` times on the same parsed document, its shared indexes and the URL normaliser's
    cache cleared and a full collection done before each run, so every run starts cold, as a CLI run does; the
    median is reported. The frozen
    variant (``gc.freeze()``) shows what the four rules cost without the collector re-scanning the document's
    objects: the difference is garbage-collection work that grows with the size of the heap.
    """
    import gc

    sys.path.insert(0, str(HERE.parent / "src"))
    from listlint.config import DEFAULT
    from listlint.linter import RuleSet, lint
    from listlint.parser import parse
    from listlint.registry import Registry
    from listlint.urls import normalize

    text = path.read_text(encoding="utf-8")
    config = DEFAULT.replace(max_file_size=1 << 30)
    ruleset = RuleSet.build(Registry.load(), config, select=("LL6",))
    start = time.process_time()
    document = parse(text, str(path), config)
    parse_s = time.process_time() - start
    found = 0

    def rules() -> float:
        nonlocal found
        document._memo.clear()
        normalize.cache_clear()  # else a second run of a small list finds every URL in the cache
        gc.collect()
        began = time.process_time()
        found = len(lint(document, ruleset))
        return time.process_time() - began

    plain = statistics.median(rules() for _ in range(runs))
    gc.freeze()
    try:
        frozen = statistics.median(rules() for _ in range(runs))
    finally:
        gc.unfreeze()
    return parse_s, plain, frozen, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,20000,200000", help="entry counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (1 for sizes over 100,000)")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    (DATA / ".listlint.toml").write_text("max-file-size = 1073741824\n", encoding="utf-8")
    listlint = shutil.which("listlint") or str(Path(sys.executable).parent / "listlint")
    rows = []
    for entries in (int(s) for s in args.sizes.split(",")):
        path = DATA / f"duplicates-{entries}.md"
        if not path.exists():
            path.write_text(generate(entries), encoding="utf-8")
        runs = 1 if entries > 100_000 else args.runs
        base_wall, base, _, _ = timed([listlint, "check", "--exit-zero", "--select", "LL112", "-j", "1", path.name],
                                      runs)
        ll6_wall, ll6, peak, summary = timed(
            [listlint, "check", "--exit-zero", "--select", "LL6", "-j", "1", path.name], runs
        )
        parse_s, rules_s, frozen_s, found = in_process(path, max(runs, 3))
        row = {"entries": entries, "bytes": path.stat().st_size, "base": base, "ll6": ll6, "base_wall": base_wall,
               "ll6_wall": ll6_wall, "peak": peak, "parse": parse_s, "rules": rules_s, "frozen": frozen_s,
               "found": found,
               "summary": summary}
        rows.append(row)
        print(row, file=sys.stderr)
    print("CPU seconds (user + system) of whole processes, wall seconds in parentheses:\n")
    print("| entries | bytes | check --select LL112 (baseline) | check --select LL6 | LL6 - baseline | "
          "in-process parse | in-process LL6 rules | same, gc.freeze() | findings |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['entries']:,} | {row['bytes']:,} | {row['base']:.2f} s ({row['base_wall']:.2f}) | "
              f"{row['ll6']:.2f} s ({row['ll6_wall']:.2f}) | {row['ll6'] - row['base']:.2f} s | "
              f"{row['parse']:.2f} s | {row['rules']:.3f} s | {row['frozen']:.3f} s | {row['found']:,} |")
    print("\n| step | x entries | check --select LL6 | LL6 - baseline | in-process parse | in-process LL6 rules | "
          "same, gc.freeze() |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for small, big in zip(rows, rows[1:]):
        grow = big["entries"] / small["entries"]
        extra_small = small["ll6"] - small["base"]
        extra_big = big["ll6"] - big["base"]
        extra = f"{extra_big / extra_small:.1f}x" if min(extra_small, extra_big) > 0.05 else "n/a (noise)"
        print(f"| {small['entries']:,} -> {big['entries']:,} | {grow:.0f}x | {big['ll6'] / small['ll6']:.1f}x | "
              f"{extra} | {big['parse'] / small['parse']:.1f}x | {big['rules'] / max(small['rules'], 1e-9):.1f}x | "
              f"{big['frozen'] / max(small['frozen'], 1e-9):.1f}x |")
    print(f"\nmedian of {args.runs} runs (1 above 100,000 entries); peak RSS of the largest run "
          f"{rows[-1]['peak']:.0f} MB; Python {platform.python_version()}; {os.cpu_count()} CPUs")

if __name__ == "__main__":
    main()
