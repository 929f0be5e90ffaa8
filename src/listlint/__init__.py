"""listlint: lint and fix awesome lists and paper reading lists written in Markdown."""

from __future__ import annotations

__version__ = "0.1.0"
