"""LL413 dead-local-link: a relative link or image whose file or folder does not exist.

Offline and exact: the target is looked up beside the list on disk, as GitHub resolves it when it renders the
README. Only inside a git work tree, where the repository's files are: a list copied somewhere on its own would
have every link to its logo or contribution guide reported. Two mistakes are reported anywhere, since no folder
makes them right: a link to a heading of the page without its ``#`` (``[Datasets](image-datasets)``), and a web address
without its scheme (``[repo](github.com/user/repo)``). A list read from standard input or the library API without a
path has no folder, so nothing is checked. A path that starts with ``/`` (``/docs/x.md``) is looked up from the
repository's root, as GitHub does: the nearest folder above the list that holds ``.git``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from urllib.parse import unquote

from listlint.diagnostics import Alters, Diagnostic, Edit, Fix, FixAvailability
from listlint import urls
from listlint.model import Document, Link, LinkKind
from listlint.regex import lazy
from listlint.rules.base import Context, Rule
from listlint.rules.ll4_urls import CATEGORY, page_anchors, shorten, url_span

# "github.com/user/repo" written without "https://": a host name, then a path or more host names; not a file name
# ("jemdoc.css", "install.sh", "paper.v2.pdf"), whose last part is a file extension
_EXTENSIONS = r"(?:md|markdown|html?|txt|pdf|png|jpe?g|gif|svg|webp|bib|tex|py|ipynb|json|ya?ml|toml|csv|zip|gz|css|js|sh)"
HOST_FIRST = lazy(rf"(?:[A-Za-z0-9-]+\.)+(?!{_EXTENSIONS}/)[A-Za-z]{{2,}}/|"
                  rf"(?:[A-Za-z0-9-]+\.){{2,}}(?!{_EXTENSIONS}$)[A-Za-z]{{2,}}$", re.IGNORECASE)
# link kinds that can hold a relative path: a reference's use is checked at its definition, an autolink or a bare
# URL always has a scheme
_KINDS = frozenset({LinkKind.INLINE, LinkKind.DEFINITION, LinkKind.IMAGE, LinkKind.HTML})


def local_path(url: str) -> str | None:
    """The file path a relative link names (Markdown escapes and character references read, fragment and query
    dropped, %-escapes decoded), or None for a link that names no file here: a fragment of this page, a URL with a
    scheme, an absolute or protocol-relative path, or ``www.…`` (LL403's)."""
    url = url.strip()
    if url.startswith("\\"):
        return None  # "\\server\share" or an escaped first character: not looked up
    url = urls.followed(url)
    if not url or url.startswith(("#", "./#", "/", "?")) or url.lower().startswith("www."):
        return None
    if urls.split(url).scheme:
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    return unquote(path) or None


def root_path(url: str) -> str | None:
    """The file path, from the repository's root, that a link starting with ``/`` names (``/docs/x.md`` ->
    ``docs/x.md``; ``/`` -> ``.``), or None for any other link (``//host/x`` is a web address without its scheme)."""
    url = urls.followed(url.strip())
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return None
    path = unquote(url.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    return path or "."


class DeadLocalLink(Rule):
    code = "LL413"
    needs_entries = False
    name = "dead-local-link"
    category = CATEGORY
    summary = "A relative link or image whose file or folder does not exist beside the list"
    fix = FixAvailability.SOMETIMES

    def check(self, document: Document, context: Context) -> Iterator[Diagnostic]:
        folder = _folder(document.path)
        if folder is None:
            return
        root = _work_tree_root(folder)
        in_repository = root is not None
        exists: dict[str, bool] = {}
        anchors: frozenset[str] | None = None
        for link in document.links:
            if link.kind not in _KINDS:
                continue
            path = local_path(link.url)
            if path is None:
                if root is not None and (from_root := root_path(link.url)) is not None:
                    target = os.path.join(root, from_root)
                    if not _exists(exists, target):
                        yield self.report(f"'{shorten(link.url)}' does not exist in this repository (a link that "
                                          f"starts with '/' starts at the repository's root)", url_span(link))
                continue
            if _exists(exists, os.path.join(folder, path)):
                continue
            message = f"'{shorten(link.url)}' does not exist beside {os.path.basename(document.path)}"
            fix = None
            if anchors is None:
                anchors = frozenset(anchor.lower() for anchor in page_anchors(document))
            slug = path.lower().removeprefix("./")
            if slug in anchors and "/" not in slug and (in_repository or _surely_a_slug(path)):
                message += f" (did you mean '#{slug}'? a link to a heading of this page starts with '#')"
                fix = _fragment_fix(document, link, slug)
            elif HOST_FIRST.match(path):
                message += " (a web address needs its 'https://')"
            elif not in_repository:
                continue
            yield self.report(message, url_span(link), fix)


def _folder(path: str) -> str | None:
    """The folder of the list's file, when the document is a file on disk."""
    return os.path.dirname(os.path.abspath(path)) if path and os.path.isfile(path) else None


def _surely_a_slug(path: str) -> bool:
    """A heading's anchor written without '#' and not a file name, which a list copied on its own cannot tell from
    a file of its repository: words joined by hyphens, in lower case ("speech-dataset"; not "LICENSE", not
    "./computer-science", a folder)."""
    return "-" in path and path == path.lower() and "." not in path


def _exists(known: dict[str, bool], path: str) -> bool:
    found = known.get(path)
    if found is None:
        found = known[path] = os.path.exists(path)
    return found


_WORK_TREES: dict[str, str | None] = {}


def _work_tree_root(folder: str) -> str | None:
    """The root of the git work tree ``folder`` lies in (the nearest folder at or above it holding a ``.git``
    folder or file: a submodule's own), or None outside one."""
    if folder not in _WORK_TREES:
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            _WORK_TREES[folder] = folder
        else:
            _WORK_TREES[folder] = _work_tree_root(parent) if parent != folder else None
    return _WORK_TREES[folder]


def _fragment_fix(document: Document, link: Link, slug: str) -> Fix | None:
    """Point the link at the heading instead: unsafe, since it changes where the link goes."""
    if link.span is None or link.span.of(document.text) != link.url:
        return None
    # an item that links to a heading is a table-of-contents line, no entry: the entry count may drop
    return Fix.unsafe(Edit(link.span, f"#{slug}"), title=f"Link to '#{slug}'", alters=Alters.URLS | Alters.ENTRIES)


RULES = (DeadLocalLink,)
