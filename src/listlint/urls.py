"""URL facts shared by the link rules (LL4xx), duplicate detection (LL6xx) and the ToC rule (LL106).

Everything here is a pure function on strings: no I/O, no model, no markdown-it. The functions are called for
every link of a large file, so they work with a few precompiled regexes and plain string slicing, and the hot
ones are cached.

- :func:`normalize` is the duplicate key: two links with the same key lead to the same paper or page.
- :func:`arxiv_id` and :func:`doi` pull identifiers out of links (and of ``arXiv:``/``doi:`` text).
- :func:`strip_tracking` removes tracking parameters and nothing else (LL406's fix).
- :func:`canonical_url` is the preferred spelling of equivalent URLs (LL408).
- :func:`glued_tail` and :func:`url_problems` find malformed URLs (LL403).
- :func:`github_anchor` reproduces GitHub's heading anchors from a heading's rendered text (LL405, LL106).
"""


import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import unquote

from listlint.records import Record
from listlint.regex import lazy

__all__ = [
    "HTTPS_HOSTS",
    "KNOWN_SCHEMES",
    "TRACKING_PARAMS",
    "TRACKING_PREFIXES",
    "UrlParts",
    "UrlProblem",
    "arxiv_id",
    "canonical_url",
    "doi",
    "github_anchor",
    "glued_tail",
    "host_of",
    "is_https_host",
    "is_route_fragment",
    "is_tracking_param",
    "normalize",
    "openreview_id",
    "split",
    "strip_tracking",
    "tracking_params",
    "url_problems",
]

# --------------------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------------------

#: Query parameters that only say where a click came from. Matched case-insensitively on the parameter name.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",  # Facebook
        "gclid",  # Google Ads
        "gclsrc",
        "dclid",  # DoubleClick
        "gbraid",
        "wbraid",
        "msclkid",  # Microsoft Ads
        "yclid",  # Yandex
        "twclid",  # Twitter/X ads
        "ttclid",  # TikTok
        "igshid",  # Instagram
        "mc_cid",  # Mailchimp
        "mc_eid",
        "_hsenc",  # HubSpot
        "_hsmi",
        "hsctatracking",
        "mkt_tok",  # Marketo
        "vero_id",
        "vero_conv",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "wickedid",
        "spm",  # Alibaba / Aliyun / Youku
        "scisig",  # Google Scholar
        "ref_src",  # Twitter embeds
        "ref_url",
        "_ga",  # Google Analytics cross-domain
        "_gl",
    }
)

#: Parameter-name prefixes that are tracking (``utm_source``, ``utm_medium``, ...).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_",)

#: Hosts known to serve HTTPS (LL407). An entry ``*.example.org`` covers every subdomain of example.org.
HTTPS_HOSTS: frozenset[str] = frozenset(
    {
        # named in the issue
        "arxiv.org",
        "github.com",
        "openreview.net",
        "proceedings.mlr.press",
        "proceedings.neurips.cc",
        "papers.nips.cc",
        "aclanthology.org",
        "dl.acm.org",
        "ieeexplore.ieee.org",
        "link.springer.com",
        "doi.org",
        "openaccess.thecvf.com",
        "jmlr.org",
        "www.jmlr.org",
        # papers and preprints
        "www.arxiv.org",
        "export.arxiv.org",
        "dx.doi.org",
        "www.doi.org",
        "papers.neurips.cc",
        "neurips.cc",
        "nips.cc",
        "icml.cc",
        "iclr.cc",
        "www.aclweb.org",
        "ojs.aaai.org",
        "www.ijcai.org",
        "www.nature.com",
        "www.science.org",
        "www.pnas.org",
        "pubmed.ncbi.nlm.nih.gov",
        "www.ncbi.nlm.nih.gov",
        "www.semanticscholar.org",
        "api.semanticscholar.org",
        "scholar.google.com",
        "paperswithcode.com",
        "distill.pub",
        "www.biorxiv.org",
        "www.medrxiv.org",
        "onlinelibrary.wiley.com",
        "www.sciencedirect.com",
        "www.tandfonline.com",
        "journals.aps.org",
        "iopscience.iop.org",
        "academic.oup.com",
        "www.cambridge.org",
        "www.jstor.org",
        "dblp.org",
        "zenodo.org",
        "www.researchgate.net",
        # code, docs and media
        "gist.github.com",
        "raw.githubusercontent.com",
        "*.github.io",
        "gitlab.com",
        "bitbucket.org",
        "huggingface.co",
        "colab.research.google.com",
        "drive.google.com",
        "docs.google.com",
        "pypi.org",
        "docs.python.org",
        "*.readthedocs.io",
        "stackoverflow.com",
        "*.wikipedia.org",
        "www.youtube.com",
        "youtube.com",
        "youtu.be",
        "twitter.com",
        "x.com",
        "medium.com",
        "www.reddit.com",
        "www.zhihu.com",
        "zhuanlan.zhihu.com",
        "mp.weixin.qq.com",
        "www.bilibili.com",
    }
)

#: Schemes LL403 accepts; anything else (``htps``, ``http:/``...) is reported. Besides the web's own: schemes
#: registered with IANA (RFC 7595) that lists link on purpose (STUN/TURN servers, chat rooms, torrents, phones,
#: streams, repositories) and the app schemes common in awesome lists.
KNOWN_SCHEMES: frozenset[str] = frozenset(
    {
        "stun",
        "stuns",
        "turn",
        "turns",
        "sip",
        "sips",
        "callto",
        "facetime",
        "skype",
        "matrix",
        "tg",
        "mumble",
        "teamspeak",
        "telnet",
        "gopher",
        "gemini",
        "ldap",
        "ldaps",
        "smb",
        "nfs",
        "afp",
        "vnc",
        "rdp",
        "rtsp",
        "rtmp",
        "mms",
        "svn",
        "svn+ssh",
        "git+ssh",
        "hg",
        "ipfs",
        "ipns",
        "dat",
        "bitcoin",
        "ethereum",
        "nostr",
        "feed",
        "itms-apps",
        "market",
        "steam",
        "spotify",
        "slack",
        "discord",
        "vscode",
        "zoommtg",
        "about",
        "view-source",
        "chrome",
        "chrome-extension",
        "moz-extension",
        "ni",
        "cid",
        "mid",
        "info",
        "http",
        "https",
        "ftp",
        "ftps",
        "sftp",
        "ssh",
        "git",
        "file",
        "mailto",
        "tel",
        "sms",
        "irc",
        "ircs",
        "news",
        "nntp",
        "xmpp",
        "magnet",
        "data",
        "geo",
        "webcal",
        "urn",
        "doi",
        "arxiv",
        "s3",
        "gs",
        "zotero",
        "obsidian",
    }
)

_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21", "ws": "80", "wss": "443"}
_ARXIV_HOSTS = frozenset({"arxiv.org", "export.arxiv.org", "xxx.lanl.gov"})
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org"})
# Publishers whose URLs carry the DOI in the path (``dl.acm.org/doi/pdf/10.1145/3446776``).
_DOI_PATH_HOSTS = frozenset(
    {
        "dl.acm.org",
        "onlinelibrary.wiley.com",
        "tandfonline.com",
        "journals.sagepub.com",
        "pubs.acs.org",
        "science.org",
        "pnas.org",
        "link.springer.com",
        "iopscience.iop.org",
        "journals.plos.org",
        "pubsonline.informs.org",
        "epubs.siam.org",
        "ascelibrary.org",
    }
)

# --------------------------------------------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------------------------------------------

_SCHEME_RE = lazy(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_HOSTPORT_RE = lazy(r"[^/?#@:\[\]]+:\d+(?=[/?#]|\Z)")
_PORTLIKE_RE = lazy(r":\d*\Z")
_PCT_RE = lazy(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


class UrlParts(Record):
    """A URL cut into its parts as written (no decoding). Offsets let fixes edit one part in place."""

    scheme: str  # as written, "" when none
    authority: str | None  # text after ``//`` up to the path; None when there is no authority
    path: str
    query: str | None  # without the ``?``; None when there is no ``?``
    fragment: str | None  # without the ``#``; None when there is no ``#``
    query_start: int  # offset of the ``?`` (or where it would be)

    @property
    def host(self) -> str:
        """The host, lowercased, without userinfo and port ("" when there is none)."""
        return _host_port(self.authority or "")[1].lower()

    @property
    def port(self) -> str:
        """The port as written with its ``:`` ("" when there is none)."""
        return _host_port(self.authority or "")[2]


def split(url: str) -> UrlParts:
    """Cut ``url`` into scheme, authority, path, query and fragment, keeping the exact text of each part.

    A scheme-less ``host.tld/path`` (the form :func:`normalize` returns) is read with ``host.tld`` as authority,
    so that normalising a key again is a no-op; ``/path``, ``./path`` and ``#frag`` stay relative.
    """
    hash_at = url.find("#")
    before = url if hash_at < 0 else url[:hash_at]
    fragment = None if hash_at < 0 else url[hash_at + 1 :]
    q_at = before.find("?")
    query = None if q_at < 0 else before[q_at + 1 :]
    head = before if q_at < 0 else before[:q_at]
    query_start = len(head)
    scheme = ""
    rest = head
    m = _SCHEME_RE.match(head)
    if m and not _HOSTPORT_RE.match(head):
        scheme = m.group(1)
        rest = head[m.end() :]
    authority: str | None = None
    if rest.startswith("//"):
        slash = rest.find("/", 2)
        authority = rest[2:] if slash < 0 else rest[2:slash]
        path = "" if slash < 0 else rest[slash:]
    elif not scheme and rest and rest[0] not in "/.?#" and _looks_like_host(rest):
        slash = rest.find("/")
        authority = rest if slash < 0 else rest[:slash]
        path = "" if slash < 0 else rest[slash:]
    else:
        path = rest
    return UrlParts(scheme, authority, path, query, fragment, query_start)


def _looks_like_host(rest: str) -> bool:
    first = rest.split("/", 1)[0]
    return "." in first or first.startswith("[") or first.lower().startswith("localhost") or ":" in first


def _host_port(authority: str) -> tuple[str, str, str]:
    """(userinfo with its ``@``, host, port with its ``:``) of an authority."""
    at = authority.rfind("@")
    userinfo = authority[: at + 1] if at >= 0 else ""
    hostport = authority[at + 1 :]
    if hostport.startswith("["):
        close = hostport.find("]")
        if close >= 0:
            return userinfo, hostport[: close + 1], hostport[close + 1 :]
        return userinfo, hostport, ""
    colon = hostport.rfind(":")
    if colon > 0 and (hostport[colon + 1 :].isdigit() or colon == len(hostport) - 1):
        return userinfo, hostport[:colon], hostport[colon:]
    return userinfo, hostport, ""


def followed(url: str) -> str:
    """The address a browser follows for a link written as ``url``: CommonMark's backslash escapes removed and
    character references decoded, as markdown-it reads a destination (``Foo_\\(bar\\)`` -> ``Foo_(bar)``,
    ``docs/my\\_guide.md`` -> ``docs/my_guide.md``, ``?a=1&amp;b=2`` -> ``?a=1&b=2``). File lookups and requests
    use it; messages quote the URL as written."""
    if "\\" not in url and "&" not in url:
        return url
    from markdown_it.common.utils import unescapeAll

    return str(unescapeAll(url))


def host_of(url: str) -> str:
    """The lowercased host of ``url`` without ``www.``, port and trailing dot ("" for relative links)."""
    return _bare_host(split(url).host)


def _bare_host(host: str) -> str:
    stripped = host.rstrip(".")
    if "." in stripped:  # a trailing dot goes, but a host keeps a dot so it still reads as one
        host = stripped
    while host.startswith("www.") and "." in host[4:]:
        host = host[4:]
    return host


# --------------------------------------------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------------------------------------------

_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-zA-Z][a-zA-Z\-]*(?:\.[A-Za-z]{2})?/\d{7}"
_ARXIV_PATH_RE = lazy(
    rf"/(?:abs|pdf|html|format|ps|src)/(?:arxiv:)?({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?(?:\.pdf)?/?\Z", re.I
)
_ARXIV_FTP_RE = lazy(rf"/ftp/arxiv/papers/\d{{4}}/({_ARXIV_NEW})(v\d+)?\.pdf\Z")
_ARXIV_TEXT_RE = lazy(rf"arxiv:\s*({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?\Z", re.I)
_ARXIV_DOI_RE = lazy(rf"10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})(v\d+)?\Z", re.I)
_DOI_RE = lazy(r"10\.\d{4,9}/\S+\Z")
_DOI_IN_PATH_RE = lazy(r"(?:^|/)(10\.\d{4,9}/[^?#\s]+)")
_NATURE_RE = lazy(r"/articles/([A-Za-z0-9.\-]+?)(?:\.pdf)?\Z")


class _ArxivMatch(Record):
    """An arXiv id found in a URL, and its version suffix."""
    ident: str
    version: str  # "v2" or ""


def _arxiv_parts(url: str, parts: UrlParts | None = None, host: str | None = None) -> _ArxivMatch | None:
    """The arXiv id in ``url``; ``parts`` and its bare ``host``, when the caller has them, are not computed again."""
    text = url.strip()
    m = _ARXIV_TEXT_RE.match(text)
    if m:
        return _ArxivMatch(m.group(1), m.group(2) or "")
    parts = parts or split(text)
    if host is None:
        host = _bare_host(parts.host)
    if host in _ARXIV_HOSTS:
        m = _ARXIV_PATH_RE.match(parts.path) or _ARXIV_FTP_RE.match(parts.path)
        if m:
            return _ArxivMatch(m.group(1), m.group(2) or "")
    return None


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier (without version) a link or ``arXiv:`` text points to, else None.

    Knows ``arxiv.org/abs|pdf|html/ID[vN][.pdf]``, old-style ids (``hep-th/9901001``), ``arXiv:ID`` and the
    arXiv DOIs ``10.48550/arXiv.ID``. A second URL glued onto the link is ignored.
    """
    tail = glued_tail(url)
    if tail is not None:
        url = url[:tail]
    found = _arxiv_parts(url)
    if found:
        return found.ident
    ident = doi(url)
    if ident:
        m = _ARXIV_DOI_RE.match(ident)
        if m:
            return m.group(1)
    return None


def doi(url: str) -> str | None:
    """The DOI (lowercased, percent-decoded) a link or ``doi:`` text names, else None.

    Resolver links (``doi.org``, ``dx.doi.org``), ``doi:`` text, a bare ``10.NNNN/...`` and publisher links
    that carry the DOI in the path (``dl.acm.org/doi/pdf/10.1145/3446776``, Springer, Wiley, ...).
    """
    text = url.strip()
    low = text[:4].lower()
    if low == "doi:":
        value = text[4:].strip()
        return _clean_doi(value, decode=False) if _DOI_RE.match(value) else None
    if text.startswith("10."):
        return _clean_doi(text, decode=False) if _DOI_RE.match(text) else None
    if "10." not in text and "10%2" not in text and "nature.com" not in text.lower():
        return None  # no DOI can be in it: most links of a list, answered without splitting the URL
    parts = split(text)
    host = _bare_host(parts.host)
    if host in _DOI_HOSTS:
        value = parts.path[1:]
        return _clean_doi(value) if _DOI_RE.match(unquote(value)) else None
    if host in _DOI_PATH_HOSTS:
        m = _DOI_IN_PATH_RE.search(parts.path)
        if m:
            value = m.group(1)
            if host == "link.springer.com" and value.lower().endswith(".pdf"):
                value = value[:-4]
            return _clean_doi(value)
    if host == "nature.com":
        m = _NATURE_RE.match(parts.path)
        if m:
            return "10.1038/" + m.group(1).lower()
    return None


def _clean_doi(value: str, *, decode: bool = True) -> str:
    """DOIs are case-insensitive; in a URL path they are percent-encoded, as text they are not."""
    return (unquote(value) if decode else value).strip().rstrip("/").lower()


def openreview_id(url: str) -> str | None:
    """The OpenReview note id of ``openreview.net/forum?id=X`` or ``/pdf?id=X``, else None."""
    parts = split(url.strip())
    if _bare_host(parts.host) != "openreview.net" or parts.query is None:
        return None
    if parts.path.rstrip("/") not in ("/forum", "/pdf", "/attachment"):
        return None
    for piece in parts.query.split("&"):
        if piece.startswith("id="):
            value = piece[3:]
            return value or None
    return None


# --------------------------------------------------------------------------------------------------------------
# Tracking parameters
# --------------------------------------------------------------------------------------------------------------


def is_tracking_param(name: str, extra: Iterable[str] = ()) -> bool:
    """True when query parameter ``name`` is tracking; ``extra`` adds names or prefixes ending in ``*``."""
    low = (unquote(name) if "%" in name else name).lower()
    if low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES):
        return True
    for item in extra:
        item = item.lower()
        if item.endswith("*"):
            if low.startswith(item[:-1]):
                return True
        elif low == item:
            return True
    return False


def _scholar_signed(url: str) -> bool:
    """Whether ``url`` is a Google Scholar link other than a search (a BibTeX export, an alert's redirect), whose
    ``scisig`` is a signature the link needs, not tracking."""
    if "scisig" not in url:
        return False
    parts = split(url)
    host = parts.host.lower()
    return ("scholar.google." in host or host.endswith("googleusercontent.com")) and parts.path != "/scholar"


def _tracking(name: str, extra: tuple[str, ...], signed: bool) -> bool:
    return is_tracking_param(name, extra) and not (signed and name.lower() == "scisig")


def strip_tracking(url: str, extra: Iterable[str] = ()) -> str:
    """``url`` without its tracking parameters; every other character, parameter and order is kept.

    The ``?`` goes when no parameter is left. Idempotent.
    """
    q_at = url.find("?")
    if q_at < 0:
        return url
    hash_at = url.find("#")
    if 0 <= hash_at < q_at:
        return url
    end = len(url) if hash_at < 0 else hash_at
    query = url[q_at + 1 : end]
    extra = tuple(extra)
    pieces = query.split("&")
    signed = _scholar_signed(url)
    kept = [p for p in pieces if not (p and _tracking(p.split("=", 1)[0], extra, signed))]
    if len(kept) == len(pieces):
        return url
    kept_text = "&".join(kept)
    new_query = "?" + kept_text if kept_text.strip("&") else ""
    return url[:q_at] + new_query + url[end:]


# Google's click-tracking redirects: the page they lead to is a parameter, and a signature (``scisig``, ``usg``)
# covers the rest, so removing one parameter breaks the redirect
_REDIRECTS = {"/scholar_url": ("url",), "/url": ("url", "q")}


def redirect_target(url: str) -> str | None:
    """The http(s) page a Google or Google Scholar redirect (``https://scholar.google.com/scholar_url?url=…``,
    ``https://www.google.com/url?q=…``) leads to; None for any other URL."""
    if "google." not in url or "?" not in url:
        return None
    parts = split(url)
    host = _bare_host(parts.host.lower())
    names = _REDIRECTS.get(parts.path)
    if names is None or not (host.startswith(("google.", "scholar.google.")) and parts.query):
        return None
    params = dict(piece.split("=", 1) for piece in parts.query.split("&") if "=" in piece)
    for name in names:
        target = unquote(params.get(name, ""))
        if target.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in target):
            return target
    return None


def tracking_params(url: str, extra: Iterable[str] = ()) -> list[tuple[str, int, int]]:
    """The tracking parameters of ``url`` as (name, start, end) offsets of each ``name=value`` piece."""
    q_at = url.find("?")
    if q_at < 0:
        return []
    hash_at = url.find("#")
    if 0 <= hash_at < q_at:
        return []
    end = len(url) if hash_at < 0 else hash_at
    extra = tuple(extra)
    found: list[tuple[str, int, int]] = []
    pos = q_at + 1
    signed = _scholar_signed(url)
    for piece in url[q_at + 1 : end].split("&"):
        name = piece.split("=", 1)[0]
        if piece and _tracking(name, extra, signed):
            found.append((name, pos, pos + len(piece)))
        pos += len(piece) + 1
    return found


# --------------------------------------------------------------------------------------------------------------
# The duplicate key
# --------------------------------------------------------------------------------------------------------------


def _fix_percent(m: re.Match[str]) -> str:
    char = chr(int(m.group(1), 16))
    return char if char in _UNRESERVED else "%" + m.group(1).upper()


def _upper_percent(m: re.Match[str]) -> str:
    return "%" + m.group(1).upper()


def is_route_fragment(fragment: str) -> bool:
    """Fragments that address application state (``#!/x``, ``#/x``, ``#a=b``) rather than a place in a page."""
    return fragment[:1] in ("!", "/") or "=" in fragment


@lru_cache(maxsize=65536)
def normalize(url: str) -> str:
    """The duplicate key of ``url``: equal keys mean the same paper or page.

    Scheme-less; host lowercased without ``www.`` and trailing dot; default port dropped; trailing ``/`` and
    ``index.html`` dropped; fragment dropped (route fragments like ``#/x`` or ``#!x`` kept, and a relative link's);
    tracking parameters dropped, other parameters sorted; percent-escapes of unreserved characters decoded. arXiv
    links and ``arXiv:`` text become ``arxiv:ID`` (no version), ``doi.org``/``dx.doi.org`` links and ``doi:`` text
    become ``doi:lowercased``, OpenReview ``forum?id=``/``pdf?id=`` become ``openreview:id``. Idempotent.
    """
    return _normalize(url)


def _normalize(url: str) -> str:
    """The body of :func:`normalize`."""
    text = url.strip()
    if not text or text.startswith("#"):
        return text
    tail = glued_tail(text)
    if tail is not None:
        text = text[:tail]
    if not text.isprintable() or " " in text:
        # as browsers do: tabs and newlines vanish, a space is %20 (other whitespace too is dropped)
        text = "".join("%20" if c == " " else c for c in text if c == " " or not (c.isspace() or c in "\x00"))
    low = text[:11].lower()
    if low.startswith("openreview:"):
        return "openreview:" + text[11:]
    parts = split(text)
    scheme = parts.scheme.lower()
    if scheme and parts.authority is None:
        # opaque: mailto:, doi:, arXiv:, ...
        found = _arxiv_parts(text, parts)
        if found:
            return "arxiv:" + found.ident
        if scheme == "doi":
            ident = doi(text)
            if ident:
                return "doi:" + ident
        if parts.query:  # tracking parameters do not make an opaque URL another resource either
            text = strip_tracking(text)
        head = text if parts.fragment is None else text[: text.find("#")]
        keep = "#" + parts.fragment if parts.fragment and is_route_fragment(parts.fragment) else ""
        return scheme + head[len(scheme) :] + keep
    authority = parts.authority or ""
    userinfo, host, port = _host_port(authority)
    found = _arxiv_parts(text, parts, _bare_host(host.lower()))  # the bare host as parts.host would give it
    if found:
        return "arxiv:" + found.ident
    if "%" in host:  # decode, lowercase, then hex digits upper as in a path, so a second pass agrees
        host = _PCT_RE.sub(_upper_percent, _PCT_RE.sub(_fix_percent, host).lower())
    else:
        host = host.lower()
    if not _PORTLIKE_RE.search(host.rstrip(".")):
        host = _bare_host(host)
    if host in _DOI_HOSTS:
        ident = doi(text)
        if ident:
            return "doi:" + ident
    if host == "openreview.net":
        ident = openreview_id(text)
        if ident:
            return "openreview:" + ident
    if port == ":":
        port = ""
        host = host.rstrip(":")
    elif scheme and port == ":" + _DEFAULT_PORTS.get(scheme, ""):
        port = ""
    path = parts.path
    if "%" in path:
        path = _PCT_RE.sub(_fix_percent, path)
    while True:
        if path.endswith("/"):
            path = path.rstrip("/")
        elif path[-11:].lower() == "/index.html":
            path = path[:-11]
        elif path[-10:].lower() == "/index.htm":
            path = path[:-10]
        else:
            break
    query = ""
    if parts.query:
        q = parts.query
        if "%" in q:
            q = _PCT_RE.sub(_fix_percent, q)
        pieces = sorted(p for p in q.split("&") if p and not is_tracking_param(p.split("=", 1)[0]))
        if pieces:
            query = "?" + "&".join(pieces)
    fragment = ""
    # a relative link's fragment names a section of a file of this repository ("./#week-1", "./#week-2"): kept
    if parts.fragment and (is_route_fragment(parts.fragment) or (parts.authority is None and not scheme)):
        fragment = "#" + parts.fragment
    prefix = "" if scheme in ("", "http", "https") else scheme + "://"
    if parts.authority is not None:
        return f"{prefix}{userinfo}{host}{port}{path}{query}{fragment}"
    return f"{prefix}{path}{query}{fragment}"


# --------------------------------------------------------------------------------------------------------------
# HTTPS and canonical forms
# --------------------------------------------------------------------------------------------------------------


def is_https_host(host: str, extra: Iterable[str] = ()) -> bool:
    """True when ``host`` (lowercase, as written, port removed) is known to serve HTTPS."""
    host = host.lower().rstrip(".")
    extra = tuple(e.lower() for e in extra)
    for table in (HTTPS_HOSTS, extra):
        if host in table:
            return True
    dot = host.find(".")
    while dot >= 0:
        wildcard = "*" + host[dot:]
        if wildcard in HTTPS_HOSTS or wildcard in extra:
            return True
        dot = host.find(".", dot + 1)
    return False


def canonical_url(url: str, *, arxiv_form: str = "abs", keep_version: bool = False) -> str:
    """The preferred spelling of ``url`` among equivalent ones (LL408); ``url`` itself when it has none.

    arXiv: ``https://arxiv.org/abs/ID`` (or ``/pdf/ID`` with ``arxiv_form="pdf"``), version dropped unless
    ``keep_version``. DOI resolvers: ``https://doi.org/DOI`` (the DOI as written). OpenReview ``pdf?id=X``:
    ``https://openreview.net/forum?id=X``.
    """
    text = url.strip()
    parts = split(text)
    if parts.authority is None or parts.scheme.lower() not in ("http", "https"):
        return url
    host = _bare_host(parts.host)
    if host in _ARXIV_HOSTS:
        found = _arxiv_parts(text, parts)
        if found:
            version = found.version if keep_version else ""
            return f"https://arxiv.org/{arxiv_form}/{found.ident}{version}"
        return url
    if host in _DOI_HOSTS:
        value = parts.path[1:]
        if _DOI_RE.match(unquote(value)):
            return "https://doi.org/" + value
        return url
    if host == "openreview.net" and parts.path.rstrip("/") == "/pdf":
        ident = openreview_id(text)
        if ident:
            return "https://openreview.net/forum?id=" + ident
    return url


# --------------------------------------------------------------------------------------------------------------
# Malformed URLs
# --------------------------------------------------------------------------------------------------------------

_GLUE_RE = lazy(r"((?:%20|%09|%0A|%0D|\s)*)(?:https?|ftp)://", re.I)
_EMBED_BEFORE = frozenset("/=?&#:(_%\"'")


def glued_tail(url: str) -> int | None:
    """Offset where a second URL is glued onto the first (``...1611.01144.pdf%20http://arxiv.org/``), else None.

    The tail starts at the separator (``%20``, whitespace) or, without one, at the second scheme when it follows
    a letter, digit or dot directly (``.pdfhttp://``). Embedded URLs are not glued: after ``/`` (web archive),
    ``=`` or ``?`` (redirectors), ``#`` (gitpod) and the like.
    """
    m0 = _SCHEME_RE.match(url)
    start = m0.end() if m0 else 0
    if url.find("://", start) < 0:
        return None
    for m in _GLUE_RE.finditer(url, start):
        if m.start() == 0:
            continue
        if m.group(1):
            return m.start()
        before = url[m.start() - 1]
        if before not in _EMBED_BEFORE and (before.isalnum() or before == "."):
            return m.start()
    return None


class UrlProblem(Record):
    """Something wrong with a URL as written; ``start``/``end`` are offsets into the URL."""

    kind: str  # "glued", "space", "parens", "scheme", "host", "no-scheme"
    message: str
    start: int
    end: int


# \s is exactly what str.isspace() accepts; one search instead of a Python loop over every character of every URL
_SPACE_RE = lazy(r"\s")
_AUTHORITY_END_RE = lazy(r"[/?#]")  # after the ``//``: the authority ends at the path, query or fragment
# ASCII other than [A-Za-z0-9.-_%] and white space, listed: a negated class reaching U+10FFFF takes 7 ms to compile
_BAD_HOST_CHARS_RE = lazy(r"[\x00-\x08\x0e-\x1b!-$&-,/:-@\[-^`{-\x7f]")


# closing brackets and punctuation of CJK text: GitHub's autolinks run through them, no URL ends with one
FULL_WIDTH_CLOSERS = frozenset("】」』）〉》〕〗〙〛，。、；：！？")


# a Markdown link written as a link's destination: "[https://a.org/x](https://b.org/y)"
_MARKDOWN_LINK_RE = lazy(r"\[[^\[\]\s]*\]\([^()\s]*\)")


def url_problems(url: str) -> list[UrlProblem]:
    """What is malformed in ``url`` (LL403): a glued second URL, whitespace, unbalanced parentheses or brackets, an
    unknown or misspelt scheme, a missing or dotless host, a ``www.`` link without scheme. Fragment-only and
    relative links are only checked for whitespace, parentheses and brackets."""
    problems: list[UrlProblem] = []
    if _MARKDOWN_LINK_RE.fullmatch(url):
        # "[![CI](badge.svg)]([https://a.org/x](https://b.org/y))": a whole link pasted where its URL belongs, which
        # the browser reads as a relative path
        return [UrlProblem("markdown", "is a Markdown link '[…](…)', not a URL: keep one of its URLs", 0, len(url))]
    tail = glued_tail(url)
    if tail is not None:
        problems.append(UrlProblem("glued", f"has a second URL glued on: '{url[tail:]}'", tail, len(url)))
    body = url if tail is None else url[:tail]
    space = _SPACE_RE.search(body)
    if space:
        problems.append(UrlProblem("space", "contains whitespace", space.start(), space.start() + 1))
    opened = body.count("(")
    closed = body.count(")")
    if opened != closed:
        at = body.rfind(")" if closed > opened else "(")
        problems.append(UrlProblem("parens", "has unbalanced parentheses", at, at + 1))
    if body.count("[") != body.count("]"):  # square brackets are legal only around an IPv6 host, in pairs
        at = body.rfind("]" if body.count("]") > body.count("[") else "[")
        problems.append(UrlProblem("brackets", "has an unbalanced square bracket", at, at + 1))
    if body and body[-1] in FULL_WIDTH_CLOSERS:  # "…（https://a.org/x）": the text's bracket, taken into the URL
        problems.append(UrlProblem("closer", f"ends with '{body[-1]}', punctuation of the text around it",
                                   len(body) - 1, len(body)))
    m = _SCHEME_RE.match(body)
    if m and not _HOSTPORT_RE.match(body):
        scheme = m.group(1).lower()
        if scheme not in KNOWN_SCHEMES and scheme not in ("ws", "wss", "javascript"):
            hint = _scheme_hint(scheme)
            msg = f"has an unknown scheme '{m.group(1)}:'" + (f" (did you mean '{hint}:'?)" if hint else "")
            problems.append(UrlProblem("scheme", msg, 0, m.end()))
            return problems
        if scheme in ("http", "https", "ftp", "ftps"):
            after = body[m.end() :]
            if not after.startswith("//") or after.startswith("///"):
                slashes = len(after) - len(after.lstrip("/"))
                problems.append(
                    UrlProblem("scheme", f"needs exactly two slashes after '{m.group(0)}'", 0, m.end() + slashes)
                )
                return problems
            # the authority as split() reads it (up to the path, query or fragment), without splitting the whole URL
            authority_start = m.end() + 2
            authority_end = _AUTHORITY_END_RE.search(body, authority_start)
            authority = body[authority_start : authority_end.start() if authority_end else len(body)]
            userinfo, host, _port = _host_port(authority)
            host_start = m.end() + 2 + len(userinfo)
            if not host:
                problems.append(UrlProblem("host", "has no host", m.end(), m.end() + 2))
            elif not host.startswith("["):
                bad = _BAD_HOST_CHARS_RE.search(host)
                if bad:
                    problems.append(
                        UrlProblem(
                            "host",
                            f"has a host '{host}' containing '{bad.group(0)}'",
                            host_start,
                            host_start + len(host),
                        )
                    )
                elif "." not in host.strip(".") and host.lower() != "localhost":
                    problems.append(
                        UrlProblem("host", f"has a host '{host}' without a dot", host_start, host_start + len(host))
                    )
        return problems
    lowered = body.lower()  # only URLs without a scheme (or written host:port) get here
    if lowered.startswith(("http//", "https//", "http:", "https:")):
        cut = body.find("/")
        problems.append(UrlProblem("scheme", "has a misspelt scheme (':' missing)", 0, cut + 2 if cut >= 0 else len(body)))
    elif lowered.startswith("www.") and "." in lowered[4:].split("/", 1)[0]:
        problems.append(
            UrlProblem("no-scheme", "has no scheme: a link to 'www.…' is resolved as a relative path", 0, 0)
        )
    return problems


def _scheme_hint(scheme: str) -> str | None:
    """``https`` or ``http`` when ``scheme`` looks like a typo of one (``htps``, ``htttp``, ``hhtp``)."""
    if 3 <= len(scheme) <= 7 and set(scheme) <= set("htps") and scheme.startswith(("h", "t")):
        return "https" if "s" in scheme else "http"
    return None


# --------------------------------------------------------------------------------------------------------------
# GitHub heading slugs
# --------------------------------------------------------------------------------------------------------------

# What github-slugger keeps: letters, marks, decimal and letter numbers, connector punctuation. Everything else goes,
# format characters (Cf) included: the zero-width joiner inside an emoji such as 👨‍🏫 leaves no trace in the anchor,
# while the variation selector U+FE0F (a nonspacing mark, Mn) after ❤️ or ⚙️ stays.
_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "Pc"})


# In ASCII, what github-slugger drops is all but letters, digits, '_', '-' and the space (which becomes '-')
_ASCII_NOT_SLUG = lazy(r"[^a-z0-9_ -]")


@lru_cache(maxsize=4096)
def _slug_base(rendered: str) -> str:
    if rendered.isascii():  # most headings: one substitution instead of a Python loop over their characters
        return _ASCII_NOT_SLUG.sub("", rendered.lower()).replace(" ", "-")
    out = []
    for ch in rendered.lower():
        if ch == " " or ch == "-":
            out.append("-")
        elif ch.isascii():
            if ch.isalnum() or ch == "_":
                out.append(ch)
        elif unicodedata.category(ch) in _WORD_CATEGORIES:
            out.append(ch)
    return "".join(out)


def github_anchor(rendered: str, seen: dict[str, int]) -> str:
    """GitHub's anchor for a heading whose rendered text is ``rendered``; ``seen`` tracks earlier anchors of the file.

    Like GitHub: lowercase; every character that is not a letter, mark, digit, ``_``, ``-`` or space is
    removed (so emoji, punctuation, format characters such as a zero-width joiner and no-break spaces go; Chinese
    and accented letters and nonspacing marks such as the variation selector U+FE0F stay); each space becomes
    ``-`` (runs are not collapsed); a repeated anchor gets ``-1``, ``-2``, ... skipping anchors already taken.
    """
    base = _slug_base(rendered)
    slug = base
    while slug in seen:
        seen[base] += 1
        slug = f"{base}-{seen[base]}"
    seen[slug] = 0
    return slug

