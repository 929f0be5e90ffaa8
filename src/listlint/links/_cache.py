"""The on-disk cache of link verdicts: a JSON file replaced atomically, so concurrent runs never see a torn file.

Only stable facts are kept (OK, DEAD, REDIRECTED) and only for ``links.cache_max_age`` seconds: a timeout or a
bot wall says something about the network that day, not about the link, and caching it is how other checkers
end up reporting yesterday's outage for a week.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from listlint.links._result import CACHEABLE, LinkResult, Verdict

FORMAT_VERSION = 1


class LinkCache:
    def __init__(self, path: Path, max_age: float, *, accept: frozenset[int] = frozenset()) -> None:
        self.path = path
        self.max_age = max_age
        self.accept = accept
        self._entries: dict[str, dict[str, Any]] = {}
        self._new: dict[str, dict[str, Any]] = {}

    def load(self, now: float | None = None) -> None:
        """Read the file; a missing, unreadable or foreign file is an empty cache (it is rewritten on save)."""
        self._entries = self._read(now)

    def _read(self, now: float | None) -> dict[str, dict[str, Any]]:
        now = time.time() if now is None else now
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            return {}
        links = data.get("links")
        if not isinstance(links, dict):
            return {}
        fresh = {}
        for key, entry in links.items():
            if self._valid(entry, now):
                fresh[key] = entry
        return fresh

    def _valid(self, entry: Any, now: float) -> bool:
        if not isinstance(entry, dict):
            return False
        checked = entry.get("checked")
        if not isinstance(checked, (int, float)) or not 0 <= now - checked <= self.max_age:
            return False
        try:
            verdict = Verdict(entry.get("verdict"))
        except ValueError:
            return False
        status = entry.get("status")
        if status is not None and not isinstance(status, int):
            return False
        if verdict is Verdict.DEAD and status in self.accept:
            return False  # accepted since it was cached
        return verdict in CACHEABLE and isinstance(entry.get("reason"), str)

    def get(self, key: str, url: str) -> LinkResult | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        final_url = entry.get("final_url")
        return LinkResult(
            url=url,
            verdict=Verdict(entry["verdict"]),
            status=entry.get("status"),
            final_url=final_url if isinstance(final_url, str) else None,
            reason=entry["reason"],
            attempts=0,
            from_cache=True,
        )

    def put(self, key: str, result: LinkResult, now: float | None = None) -> None:
        if result.verdict not in CACHEABLE or result.from_cache:
            return
        self._new[key] = {
            "verdict": result.verdict.value,
            "status": result.status,
            "final_url": result.final_url,
            "reason": result.reason,
            "checked": time.time() if now is None else now,
        }

    def save(self, now: float | None = None) -> None:
        """Merge with what is on disk now (another run may have written meanwhile) and replace the file atomically.
        Raises OSError when the directory cannot be written."""
        if not self._new:
            return
        merged = self._read(now)
        merged.update(self._new)
        payload = json.dumps({"version": FORMAT_VERSION, "links": merged}, ensure_ascii=False, sort_keys=True)
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True)
            if self.path.parent.name.startswith("."):
                # a cache directory of our own: keep it out of version control, as pytest and ruff do
                (self.path.parent / ".gitignore").write_text("# created by listlint\n*\n", encoding="utf-8")
        import tempfile  # here: a run answered from the cache writes nothing

        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        self._entries = merged
        self._new = {}
