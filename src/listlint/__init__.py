"""listlint: lint and fix awesome lists and paper reading lists written in Markdown.

    >>> import listlint
    >>> doc = listlint.parse("# List\\n\\n- [Paper](https://arxiv.org/abs/2010.11929)\\n")
    >>> [entry.title for entry in doc.entries]
    ['Paper']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Diagnostic", "Document", "__version__", "fix_text", "lint_text", "parse"]

if TYPE_CHECKING:
    from listlint.api import fix_text, lint_text
    from listlint.diagnostics import Diagnostic
    from listlint.model import Document
    from listlint.parser import parse


def __getattr__(name: str) -> Any:
    # Lazy: `listlint --version` and the CLI's start-up should not pay for what they do not use.
    if name in ("lint_text", "fix_text"):
        from listlint import api

        return getattr(api, name)
    if name == "parse":
        from listlint.parser import parse

        return parse
    if name == "Diagnostic":
        from listlint.diagnostics import Diagnostic

        return Diagnostic
    if name == "Document":
        from listlint.model import Document

        return Document
    raise AttributeError(f"module 'listlint' has no attribute {name!r}")
