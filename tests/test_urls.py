"""The shared URL normaliser and its helpers (listlint.urls)."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint import urls
from listlint.urls import (
    HTTPS_HOSTS,
    TRACKING_PARAMS,
    arxiv_id,
    canonical_url,
    doi,
    github_anchor,
    glued_tail,
    host_of,
    is_https_host,
    is_tracking_param,
    normalize,
    openreview_id,
    split,
    strip_tracking,
    tracking_params,
    url_problems,
)

# ----------------------------------------------------------------------------------------------------------------
# normalize: the duplicate key
# ----------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://example.com/a", "example.com/a"),
        ("http://example.com/a", "example.com/a"),
        ("HTTPS://WWW.Example.COM/Path", "example.com/Path"),  # host case only, path case kept
        ("https://www.www.example.com/", "example.com"),
        ("https://www.com/", "www.com"),  # www. is the name here, not a subdomain prefix
        ("https://example.com./x", "example.com/x"),
        ("http://example.com:80/a", "example.com/a"),
        ("https://example.com:443/a", "example.com/a"),
        ("https://example.com:8443/a", "example.com:8443/a"),
        ("http://example.com:443/a", "example.com:443/a"),  # not the default port of http
        ("https://example.com:/a", "example.com/a"),
        ("https://example.com/a/", "example.com/a"),
        ("https://example.com/a//", "example.com/a"),
        ("https://example.com/", "example.com"),
        ("https://example.com", "example.com"),
        ("https://example.com/a/index.html", "example.com/a"),
        ("https://example.com/index.html", "example.com"),
        ("https://example.com/a/INDEX.HTML", "example.com/a"),
        ("https://example.com/a/index.htm", "example.com/a"),
        ("https://example.com/a#section", "example.com/a"),
        ("https://example.com/a/#section", "example.com/a"),
        ("https://example.com/a?b=2&a=1", "example.com/a?a=1&b=2"),
        ("https://example.com/a?utm_source=x&b=2&fbclid=y&a=1", "example.com/a?a=1&b=2"),
        ("https://example.com/a?utm_source=x", "example.com/a"),
        ("https://example.com/a?", "example.com/a"),
        ("https://example.com/a?&&", "example.com/a"),
        ("https://example.com/%7Euser/%2fx", "example.com/~user/%2Fx"),
        ("https://user@Example.com/x", "user@example.com/x"),
        ("https://[::1]:8080/x", "[::1]:8080/x"),
        ("ftp://Example.com/x", "ftp://example.com/x"),
        ("//example.com/x", "example.com/x"),
        ("www.example.com/x/", "example.com/x"),
        ("  https://example.com/a  ", "example.com/a"),
        # route fragments address application state, not a place in a page
        ("https://minerva-demo.github.io/#category=Algebra&index=1", "minerva-demo.github.io#category=Algebra&index=1"),
        ("https://example.com/#/route", "example.com#/route"),
        ("https://example.com/#!/route", "example.com#!/route"),
        # relative links and fragments
        ("#intro", "#intro"),
        ("./docs/x.md", "./docs/x.md"),
        ("/docs/", "/docs"),
        ("mailto:Someone@Example.com", "mailto:Someone@Example.com"),
        ("MAILTO:a@b.c#x", "mailto:a@b.c"),
        ("", ""),
    ],
)
def test_normalize(url: str, key: str) -> None:
    assert normalize(url) == key


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/2010.11929",
        "http://arxiv.org/abs/2010.11929",
        "https://www.arxiv.org/abs/2010.11929",
        "https://arxiv.org/abs/2010.11929v2",
        "https://arxiv.org/pdf/2010.11929",
        "https://arxiv.org/pdf/2010.11929v2",
        "https://arxiv.org/pdf/2010.11929.pdf",
        "https://arxiv.org/pdf/2010.11929v2.pdf",
        "https://arxiv.org/abs/2010.11929/",
        "https://arxiv.org/abs/2010.11929#S3",
        "https://arxiv.org/abs/2010.11929?context=cs",
        "https://export.arxiv.org/abs/2010.11929",
        "https://arxiv.org/html/2010.11929v1",
        "https://arxiv.org/ABS/2010.11929",
        "arXiv:2010.11929",
        "arxiv:2010.11929v3",
        "https://arxiv.org/pdf/2010.11929.pdf%20http://arxiv.org/",  # a glued second URL does not count
    ],
)
def test_normalize_arxiv_variants_share_one_key(url: str) -> None:
    assert normalize(url) == "arxiv:2010.11929"
    assert arxiv_id(url) == "2010.11929"


@pytest.mark.parametrize(
    ("url", "ident"),
    [
        ("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001"),
        ("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"),
        ("http://arxiv.org/pdf/math.GT/0309136v1.pdf", "math.GT/0309136"),
        ("https://arxiv.org/abs/cs/0112017", "cs/0112017"),
        ("https://arxiv.org/abs/1412.6980", "1412.6980"),  # 4-digit sequence numbers (before 2015)
        ("https://arxiv.org/ftp/arxiv/papers/1805/1805.10769.pdf", "1805.10769"),
        ("https://doi.org/10.48550/arXiv.2010.11929", "2010.11929"),
    ],
)
def test_arxiv_id_forms(url: str, ident: str) -> None:
    assert arxiv_id(url) == ident


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/list/cs.LG/recent",
        "https://arxiv.org/abs/2010",
        "https://example.com/abs/2010.11929",
        "https://arxiv.org/a/bengio_y_1",
        "not a url",
        "",
    ],
)
def test_arxiv_id_none(url: str) -> None:
    assert arxiv_id(url) is None


def test_arxiv_different_papers_differ() -> None:
    assert normalize("https://arxiv.org/abs/2010.11929") != normalize("https://arxiv.org/abs/2010.11928")
    assert normalize("https://arxiv.org/abs/hep-th/9901001") != normalize("https://arxiv.org/abs/hep-ph/9901001")


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.1145/3446776",
        "http://doi.org/10.1145/3446776",
        "https://dx.doi.org/10.1145/3446776",
        "http://dx.doi.org/10.1145/3446776/",
        "https://www.doi.org/10.1145/3446776",
        "https://doi.org/10.1145/3446776?casa_token=x",
        "doi:10.1145/3446776",
        "DOI:10.1145/3446776",
    ],
)
def test_doi_variants_share_one_key(url: str) -> None:
    assert normalize(url) == "doi:10.1145/3446776"
    assert doi(url) == "10.1145/3446776"


def test_doi_is_lowercased_and_decoded() -> None:
    assert normalize("https://doi.org/10.1002/%28SICI%291097-4636") == "doi:10.1002/(sici)1097-4636"
    assert normalize("doi:10.1038/NATURE14539") == "doi:10.1038/nature14539"
    assert doi("10.1038/nature14539") == "10.1038/nature14539"


@pytest.mark.parametrize(
    ("url", "ident"),
    [
        ("https://dl.acm.org/doi/pdf/10.1145/3446776", "10.1145/3446776"),
        ("https://dl.acm.org/doi/abs/10.1145/3446776", "10.1145/3446776"),
        ("https://dl.acm.org/doi/10.1145/3446776", "10.1145/3446776"),
        ("https://onlinelibrary.wiley.com/doi/full/10.1002/abc.123", "10.1002/abc.123"),
        ("https://link.springer.com/article/10.1007/s10994-021-05946-3", "10.1007/s10994-021-05946-3"),
        ("https://link.springer.com/content/pdf/10.1007/s10994-021-05946-3.pdf", "10.1007/s10994-021-05946-3"),
        ("https://www.nature.com/articles/s41586-021-04086-x", "10.1038/s41586-021-04086-x"),
        ("https://www.nature.com/articles/nature14539.pdf", "10.1038/nature14539"),
    ],
)
def test_doi_in_publisher_links(url: str, ident: str) -> None:
    assert doi(url) == ident
    # publisher links keep their own key: only resolver links and doi: text become doi:
    assert not normalize(url).startswith("doi:")


@pytest.mark.parametrize(
    "url", ["https://doi.org/", "https://doi.org/about", "https://example.com/10.1145/3446776", "doi:nonsense"]
)
def test_doi_none(url: str) -> None:
    assert doi(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://openreview.net/forum?id=G70Z8ds32C9",
        "https://openreview.net/pdf?id=G70Z8ds32C9",
        "http://openreview.net/forum/?id=G70Z8ds32C9",
        "https://openreview.net/forum?id=G70Z8ds32C9&noteId=abc",
        "https://openreview.net/forum?id=G70Z8ds32C9#discussion",
        "openreview:G70Z8ds32C9",
    ],
)
def test_openreview_variants_share_one_key(url: str) -> None:
    assert normalize(url) == "openreview:G70Z8ds32C9"


def test_openreview_id_none() -> None:
    assert openreview_id("https://openreview.net/group?id=ICLR.cc/2023") is None
    assert openreview_id("https://openreview.net/forum") is None
    assert normalize("https://openreview.net/group?id=ICLR.cc") == "openreview.net/group?id=ICLR.cc"


def test_split_keeps_text() -> None:
    p = split("https://u@Host.org:8080/a/b?x=1&y=2#frag")
    assert (p.scheme, p.authority, p.path, p.query, p.fragment) == ("https", "u@Host.org:8080", "/a/b", "x=1&y=2", "frag")
    assert p.host == "host.org"
    assert p.query_start == len("https://u@Host.org:8080/a/b")
    q = split("#top")
    assert (q.scheme, q.authority, q.path, q.fragment) == ("", None, "", "top")
    assert host_of("https://WWW.GitHub.com/x") == "github.com"
    assert host_of("./x") == ""


# ----------------------------------------------------------------------------------------------------------------
# tracking parameters
# ----------------------------------------------------------------------------------------------------------------

JMLR = (
    "https://www.jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf"
    "?utm_content=buffer79b43&utm_medium=social&utm_source=twitter.com&utm_campaign=buffer,"
)


@pytest.mark.parametrize(
    ("url", "stripped"),
    [
        (JMLR, "https://www.jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf"),
        ("https://x.org/a?b=2&utm_source=t&a=1", "https://x.org/a?b=2&a=1"),  # order of the rest kept
        ("https://x.org/a?utm_source=t&b=2", "https://x.org/a?b=2"),
        ("https://x.org/a?b=2&fbclid=IwAR0", "https://x.org/a?b=2"),
        ("https://x.org/a?UTM_Source=t", "https://x.org/a"),
        ("https://x.org/a?utm_source=t#frag", "https://x.org/a#frag"),
        ("https://x.org/a?b=%20x&gclid=1&c", "https://x.org/a?b=%20x&c"),  # exact text otherwise
        ("https://x.org/a?spm=a2c4g.11186623&id=1", "https://x.org/a?id=1"),
        ("https://scholar.google.com/scholar?q=x&scisig=AAGBfm0", "https://scholar.google.com/scholar?q=x"),
        ("https://x.org/a?mc_cid=1&mc_eid=2", "https://x.org/a"),
        ("https://x.org/a?_hsenc=1&ref_src=twsrc", "https://x.org/a"),
        ("https://x.org/a?ref=main", "https://x.org/a?ref=main"),  # GitHub's ?ref= is a branch, not tracking
        ("https://x.org/a#x?utm_source=t", "https://x.org/a#x?utm_source=t"),  # inside the fragment: not a query
        ("https://x.org/a", "https://x.org/a"),
        ("https://x.org/a?", "https://x.org/a?"),
    ],
)
def test_strip_tracking(url: str, stripped: str) -> None:
    assert strip_tracking(url) == stripped


def test_strip_tracking_extra_names_and_prefixes() -> None:
    url = "https://x.org/a?src=feed&ck_sub=1&keep=1"
    assert strip_tracking(url) == url
    assert strip_tracking(url, extra=("src",)) == "https://x.org/a?ck_sub=1&keep=1"
    assert strip_tracking(url, extra=("src", "ck_*")) == "https://x.org/a?keep=1"


def test_tracking_params_offsets() -> None:
    url = "https://x.org/a?b=2&utm_source=t&a=1&fbclid=z"
    found = tracking_params(url)
    assert [(name, url[s:e]) for name, s, e in found] == [("utm_source", "utm_source=t"), ("fbclid", "fbclid=z")]
    assert tracking_params("https://x.org/a?b=1") == []


def test_tracking_table() -> None:
    for name in ("fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "spm", "scisig", "_hsenc", "ref_src"):
        assert name in TRACKING_PARAMS
        assert is_tracking_param(name)
    assert is_tracking_param("utm_anything")
    assert not is_tracking_param("id")
    assert not is_tracking_param("ref")


# ----------------------------------------------------------------------------------------------------------------
# property tests
# ----------------------------------------------------------------------------------------------------------------

_label = st.text(alphabet="abcdeXYZ019-", min_size=1, max_size=6)
_segment = st.text(alphabet="abcAB0129-._~%2F7e()", max_size=8)
_param_name = st.sampled_from(["a", "b", "id", "utm_source", "utm_medium", "fbclid", "spm", "Ref", "q", ""])
_param = st.builds(
    lambda n, v, eq: f"{n}={v}" if eq else n, _param_name, st.text(alphabet="xyz19%20,", max_size=5), st.booleans()
)


@st.composite
def url_like(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["https://", "http://", "HTTP://", "//", "", "ftp://"]))
    www = draw(st.sampled_from(["", "www.", "WWW.", "www.www."]))
    host = ".".join(draw(st.lists(_label, min_size=1, max_size=3)))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":"]))
    path = "".join("/" + s for s in draw(st.lists(_segment, max_size=4)))
    path += draw(st.sampled_from(["", "/", "/index.html", "//"]))
    query = ""
    if draw(st.booleans()):
        query = "?" + "&".join(draw(st.lists(_param, max_size=5)))
    frag = draw(st.sampled_from(["", "#", "#sec", "#/route", "#a=b"]))
    special = draw(
        st.sampled_from(
            [
                None,
                "https://arxiv.org/pdf/2101.00001v2.pdf",
                "http://dx.doi.org/10.1000/ABC",
                "https://openreview.net/pdf?id=xyz",
                "arXiv:hep-th/9901001v1",
                "https://a.org/x.pdf%20http://b.org/",
            ]
        )
    )
    return special or f"{scheme}{www}{host}{port}{path}{query}{frag}"


@settings(max_examples=500, deadline=None)
@given(url_like())
def test_normalize_is_idempotent_on_urls(url: str) -> None:
    key = normalize(url)
    assert normalize(key) == key


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_on_any_text(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key


@settings(max_examples=500, deadline=None)
@given(url_like())
def test_strip_tracking_is_idempotent_and_keeps_the_key(url: str) -> None:
    once = strip_tracking(url)
    assert strip_tracking(once) == once
    # stripping tracking parameters never changes what the link is
    assert normalize(once) == normalize(url)
    # and removes only whole parameters: every kept character comes from the original, in order
    it = iter(url)
    assert all(c in it for c in once)


@settings(max_examples=300, deadline=None)
@given(url_like())
def test_scheme_and_www_do_not_matter(url: str) -> None:
    if url.startswith(("https://", "http://")) and "://" not in url[8:]:
        rest = url.split("://", 1)[1]
        assert normalize("http://" + rest) == normalize("https://" + rest) or ":" in rest.split("/", 1)[0]


@settings(max_examples=300, deadline=None)
@given(url_like())
def test_canonical_url_keeps_the_key(url: str) -> None:
    canon = canonical_url(url)
    assert normalize(canon) == normalize(url)
    assert canonical_url(canon) == canon


# ----------------------------------------------------------------------------------------------------------------
# HTTPS hosts and canonical forms
# ----------------------------------------------------------------------------------------------------------------


def test_https_hosts_from_the_issue() -> None:
    for host in (
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
    ):
        assert host in HTTPS_HOSTS
        assert is_https_host(host)
        assert is_https_host(host.upper())


def test_https_hosts_wildcards_and_extra() -> None:
    assert is_https_host("joanbruna.github.io")
    assert is_https_host("en.wikipedia.org")
    assert not is_https_host("github.io.evil.com")
    assert not is_https_host("www.offconvex.org")
    assert is_https_host("www.offconvex.org", extra=("www.offconvex.org",))
    assert is_https_host("a.b.example.org", extra=("*.example.org",))
    assert not is_https_host("example.org", extra=("*.example.org",))


@pytest.mark.parametrize(
    ("url", "canon"),
    [
        ("https://arxiv.org/pdf/1802.01528.pdf", "https://arxiv.org/abs/1802.01528"),
        ("http://arxiv.org/abs/1211.5063v1", "https://arxiv.org/abs/1211.5063"),
        ("https://arxiv.org/pdf/1211.5063v1.pdf", "https://arxiv.org/abs/1211.5063"),
        ("https://arxiv.org/abs/hep-th/9901001v2", "https://arxiv.org/abs/hep-th/9901001"),
        ("https://arxiv.org/abs/1802.01528", "https://arxiv.org/abs/1802.01528"),
        ("http://dx.doi.org/10.1145/ABC", "https://doi.org/10.1145/ABC"),
        ("https://doi.org/10.1145/ABC", "https://doi.org/10.1145/ABC"),
        ("https://openreview.net/pdf?id=G70Z8ds32C9", "https://openreview.net/forum?id=G70Z8ds32C9"),
        ("https://openreview.net/forum?id=G70Z8ds32C9", "https://openreview.net/forum?id=G70Z8ds32C9"),
        ("https://arxiv.org/list/cs.LG/recent", "https://arxiv.org/list/cs.LG/recent"),
        ("https://example.com/a", "https://example.com/a"),
        ("arXiv:1802.01528", "arXiv:1802.01528"),
    ],
)
def test_canonical_url(url: str, canon: str) -> None:
    assert canonical_url(url) == canon


def test_canonical_url_options() -> None:
    assert canonical_url("https://arxiv.org/abs/1211.5063v1", arxiv_form="pdf") == "https://arxiv.org/pdf/1211.5063"
    assert canonical_url("https://arxiv.org/pdf/1211.5063v1.pdf", keep_version=True) == "https://arxiv.org/abs/1211.5063v1"


# ----------------------------------------------------------------------------------------------------------------
# malformed URLs
# ----------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "tail"),
    [
        ("https://arxiv.org/pdf/1611.01144.pdf%20http://arxiv.org/", "%20http://arxiv.org/"),
        ("https://arxiv.org/pdf/1611.01144.pdf%20%20https://arxiv.org/", "%20%20https://arxiv.org/"),
        ("https://a.org/x.pdfhttps://b.org/y", "https://b.org/y"),
        ("https://a.org/x https://b.org/y", " https://b.org/y"),
        ("https://a.org/1234HTTP://b.org", "HTTP://b.org"),
    ],
)
def test_glued_tail(url: str, tail: str) -> None:
    at = glued_tail(url)
    assert at is not None and url[at:] == tail


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/1611.01144",
        "https://web.archive.org/web/2020/https://example.com/",
        "https://web.archive.org/web/2020id_/http://example.com/",
        "https://gitpod.io/#https://github.com/leanprover-community/mathlib",
        "https://translate.google.com/translate?u=https://example.com",
        "https://r.example.com/?to=http://x.org&b=https://y.org",
        "https://x.org/go?url=https%3A%2F%2Fy.org",
        "http://example.com",
        "",
    ],
)
def test_glued_tail_none(url: str) -> None:
    assert glued_tail(url) is None


def _kinds(url: str) -> list[tuple[str, str]]:
    return [(p.kind, url[p.start : p.end]) for p in url_problems(url)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/pdf/1611.01144.pdf%20http://arxiv.org/", [("glued", "%20http://arxiv.org/")]),
        ("https://a.org/a b", [("space", " ")]),
        ("https://en.wikipedia.org/wiki/Foo_(bar", [("parens", "(")]),
        ("https://en.wikipedia.org/wiki/Foo_bar)", [("parens", ")")]),
        ("https://a.org/x]", [("brackets", "]")]),
        ("https://arxiv.org/abs/2303.16852)]", [("parens", ")"), ("brackets", "]")]),
        ("htps://arxiv.org/abs/1", [("scheme", "htps:")]),
        ("htttp://arxiv.org/abs/1", [("scheme", "htttp:")]),
        ("http:/arxiv.org/abs/1", [("scheme", "http:/")]),
        ("https:///arxiv.org", [("scheme", "https:///")]),
        ("https//arxiv.org/abs/1", [("scheme", "https//")]),
        ("http//arxiv.org/abs/1", [("scheme", "http//")]),
        ("ip:port", [("scheme", "ip:")]),  # an autolink '<ip:port>' the author did not mean
        ("stunn:stun.l.google.com:19302", [("scheme", "stunn:")]),
        ("http://github/user/repo", [("host", "github")]),
        ("https://a_b,c.org/", [("host", "a_b,c.org")]),
        ("https://", [("host", "//")]),
        ("www.example.com/page", [("no-scheme", "")]),
    ],
)
def test_url_problems(url: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://en.wikipedia.org/wiki/Universal_approximation_theorem",
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        "http://localhost:8000/x",
        "http://127.0.0.1/x",
        "https://[::1]/x",
        "https://a.org/search?q[]=x",
        "mailto:someone@example.com",
        "#section",
        "./docs/a.md",
        "../a.md",
        "docs/a.md",
        "doi:10.1145/3446776",
        "https://gitpod.io/#https://github.com/leanprover-community/mathlib",
        "https://münchen.de/",
        "https://例子.测试/",
        # registered non-web schemes linked on purpose (free-for-dev lists Google's STUN server)
        "stun:stun.l.google.com:19302",
        "turns:turn.example.org:5349?transport=tcp",
        "magnet:?xt=urn:btih:abc123",
        "irc://irc.libera.chat/rust",
        "xmpp:room@conference.example.org?join",
        "tel:+15551234567",
        "sms:+15551234567",
        "geo:37.786971,-122.399677",
        "matrix:r/rust:matrix.org",
        "sip:alice@example.org",
        "rtsp://media.example.org/stream",
        "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
    ],
)
def test_url_problems_none(url: str) -> None:
    assert url_problems(url) == []


def test_scheme_hint() -> None:
    assert "did you mean 'https:'" in url_problems("htps://x.org")[0].message
    assert "did you mean 'http:'" in url_problems("htp://x.org")[0].message
    assert "did you mean" not in url_problems("foo://x.org")[0].message


# ----------------------------------------------------------------------------------------------------------------
# GitHub heading slugs
# ----------------------------------------------------------------------------------------------------------------


def github_slug(text: str, seen: dict[str, int]) -> str:
    """The anchor of a heading written ``# text``, as the rules compute it: from the parser's rendered text."""
    from listlint.parser import parse

    (heading,) = parse(f"# {text}\n").headings
    return github_anchor(heading.rendered, seen)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Overview", "overview"),
        ("Theory of Deep Learning", "theory-of-deep-learning"),
        ("What's new?", "whats-new"),
        ("C++ & Rust", "c--rust"),  # punctuation removed, each space a hyphen, runs kept
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("🔥 Hot topics", "-hot-topics"),  # emoji removed, its space stays
        ("数学形式主义与计算机", "数学形式主义与计算机"),  # Chinese letters kept
        ("Réseaux de neurones", "réseaux-de-neurones"),  # accented letters kept, lowercased
        ("ÉCOLE", "école"),
        ("Deep Learning (Flower Book) [`READ`]", "deep-learning-flower-book-read"),
        ("[Link text](https://x.org) and `code`", "link-text-and-code"),
        # an image's alt text is not part of the anchor (github/markup#1008); the space beside it stays a dash
        ("![logo](a.png) Title", "-title"),
        ("Awesome-LLM [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)", "awesome-llm-"),
        ("*emphasis* and **bold**", "emphasis-and-bold"),
        ("_emphasis_ and __bold__", "emphasis-and-bold"),
        ("foo_bar_baz", "foo_bar_baz"),
        ("Title <sup>1</sup>", "title-1"),
        ("A &amp; B", "a--b"),
        ("Escaped \\_underscore\\_", "escaped-_underscore_"),
        ("Step 1. Install", "step-1-install"),
        ("  padded  ", "padded"),
        ("v2.0 — release", "v20--release"),
        # like github-slugger: a format character (Cf, the zero-width joiner inside 👨‍🏫) goes with the emoji, a
        # nonspacing mark (Mn, the variation selector U+FE0F of ⚙️) stays
        ("\U0001f468\u200d\U0001f3eb Sites para estudar", "-sites-para-estudar"),
        ("Soft\u00adhyphen and\u200bspace", "softhyphen-andspace"),
        ("\u2699\ufe0f Ferramentas", "\ufe0f-ferramentas"),
        ("", ""),
    ],
)
def test_github_slug(text: str, slug: str) -> None:
    assert github_slug(text, {}) == slug


def test_github_slug_repeats() -> None:
    seen: dict[str, int] = {}
    got = [github_slug(t, seen) for t in ["Intro", "Intro", "Intro", "Intro-1", "intro"]]
    assert got == ["intro", "intro-1", "intro-2", "intro-1-1", "intro-3"]


def test_github_slug_skips_taken_suffixes() -> None:
    seen: dict[str, int] = {}
    got = [github_slug(t, seen) for t in ["Intro-1", "Intro", "Intro"]]
    assert got == ["intro-1", "intro", "intro-2"]


def test_heading_rendered_text() -> None:
    from listlint.parser import parse

    assert [h.rendered for h in parse("# Plain\n## A [b](c) `d`\n### `a_b_`\n").headings] == ["Plain", "A b d", "a_b_"]


# ----------------------------------------------------------------------------------------------------------------
# speed: called for every link of a large file
# ----------------------------------------------------------------------------------------------------------------
