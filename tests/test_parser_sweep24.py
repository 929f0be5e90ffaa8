"""Regressions from the twenty-fourth sweep of unseen awesome lists: each test is a reduced repro of what listlint
read or reported wrong (the real list named in the docstring)."""

from __future__ import annotations

from listlint.model import Layout
from listlint.parser import parse


def _read(doc):
    return [(e.layout, e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries]


def test_a_badge_alone_on_the_first_line_of_an_item_is_no_title() -> None:
    """C-BJ/awesome-zig: "- ![Star](https://img.shields.io/github/stars/o/r)" then, wrapped onto the item's next
    line, "[zls🗒️Language server](https://github.com/o/r)": the star badge is decoration before the name (one
    paragraph, as if written on one line); the link's words are the title, not the image's Markdown."""
    doc = parse("# Awesome Zig\n\n## Tools\n\n"
                "- ![Star](https://img.shields.io/github/stars/zigtools/zls?color=orange)\n"
                "  [zls🗒️The Zig language server](https://github.com/zigtools/zls) \n"
                "- ![Views](https://img.shields.io/youtube/views/J6ZxxnSp_fY)\n"
                "  [Zig language: a WAY better C!](https://www.youtube.com/watch?v=J6ZxxnSp_fY)\n"
                "- [Zig Language Reference](https://ziglang.org/documentation/master/)\n"
                "- Deep Residual Learning\n"  # a title line over a line of links keeps its title
                "  [[pdf]](https://arxiv.org/abs/1512.03385) [[code]](https://github.com/a/b)\n")
    assert _read(doc) == [
        (Layout.LIST, "zls🗒️The Zig language server", "https://github.com/zigtools/zls"),
        (Layout.LIST, "Zig language: a WAY better C!", "https://www.youtube.com/watch?v=J6ZxxnSp_fY"),
        (Layout.LIST, "Zig Language Reference", "https://ziglang.org/documentation/master/"),
        (Layout.LIST, "Deep Residual Learning", "https://arxiv.org/abs/1512.03385"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)



def test_an_icon_linking_to_the_legend_before_the_name_is_no_title() -> None:
    """pluja/awesome-privacy: "- [🤖](#icons) [Aegis](https://getaegis.app/) - A free …": the emoji links to the
    list's legend of icons (Android only), decoration before the name like a badge; the name's link is the title."""
    doc = parse("# Awesome Privacy\n\n## Icons\n\n🤖 Android only\n\n## Authenticator\n\n"
                "- [🤖](#icons) [Aegis](https://getaegis.app/) - A free, secure and open source app.\n"
                "- [Owky](https://github.com/charlietango/owky) [💀](#icons) - Free and Open Source.\n"
                "- [:robot:](#icons) [FreeOTPPlus](https://github.com/helloworld1/FreeOTPPlus) - Enhanced fork.\n")
    assert _read(doc) == [
        (Layout.LIST, "Aegis", "https://getaegis.app/"),
        (Layout.LIST, "Owky", "https://github.com/charlietango/owky"),
        (Layout.LIST, "FreeOTPPlus", "https://github.com/helloworld1/FreeOTPPlus"),
    ]
    assert [e.description for e in doc.entries][0] == "A free, secure and open source app"
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_a_bold_name_before_a_link_that_opens_its_description_stays_the_title() -> None:
    """pluja/awesome-privacy: "- **DropBox** - [Bad privacy policy](url). The app has …": the link opens the
    description's first sentence, which goes on after it; the bold name is the title (not "Bad privacy policy")."""
    doc = parse("# Awesome Privacy\n\n## Cloud Storage\n\n"
                "- **DropBox** - [Bad privacy policy](https://tosdr.org/en/service/270). The app has trackers.\n"
                "- **WeTransfer** - [Bad privacy policy](https://tosdr.org/en/service/214). Files are not encrypted.\n"
                "- **Monday** - [mHC: Manifold-Constrained Hyper-Connections](https://arxiv.org/abs/2512.24880)\n")
    assert [(e.title, e.primary_link.url if e.primary_link else None) for e in doc.entries] == [
        ("DropBox", "https://tosdr.org/en/service/270"),
        ("WeTransfer", "https://tosdr.org/en/service/214"),
        ("mHC: Manifold-Constrained Hyper-Connections", "https://arxiv.org/abs/2512.24880"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_pages_of_the_repository_listed_under_a_table_of_contents_line_are_no_entries() -> None:
    """stephrobert/awesome-french-devops: a table of contents (vscode-markdown-toc) whose "2. [Liens](#liens)" line
    holds "2.1. [Administration de serveurs](/admin-serveurs/README.md)", the pages of the repository the section
    links to: lines of the table, not entries (LL601 reported each against the section's own link to the page)."""
    doc = parse("# Awesome French Devops\n\n<!-- vscode-markdown-toc -->\n"
                "* 1. [Introduction](#Introduction)\n"
                "* 2. [Liens vers les catégories](#Liens)\n"
                "\t* 2.1. [Administration de serveurs](/admin-serveurs/README.md)\n"
                "\t* 2.2. [Langages de Programmation](langages/README.md)\n"
                "* 3. [Livres](#Livres)\n<!-- /vscode-markdown-toc -->\n\n"
                "## <a name='Introduction'></a>Introduction\n\nTexte.\n\n"
                "## <a name='Liens'></a>Liens vers les catégories\n\n"
                "- [Administration de serveurs](/admin-serveurs/README.md)\n"
                "- [Langages de Programmation](langages/README.md)\n\n"
                "## <a name='Livres'></a>Livres\n\n"
                "- [Ansible](https://example.com/ansible) - Un livre.\n"
                "  - [Extraits](extraits/ansible.md)\n")
    assert [(e.title, e.line + 1) for e in doc.entries] == [
        ("Administration de serveurs", 17), ("Langages de Programmation", 18), ("Ansible", 22), ("Extraits", 23)]


def _channel(name: str, handle: str, badge: bool = True, badge_below: bool = False) -> str:
    avatar = f'[<img align="left" height="94px" alt="Avatar do canal" src="https://yt3.ggpht.com/{handle}.jpg"/>]' \
             f"(https://www.youtube.com/@{handle})\n\n"
    icon = '[<img height="16px" alt="Verificado" src="badges/badge-verificado.svg" />](badges/README.md#verificado)'
    first = f"[**{name}**](https://www.youtube.com/@{handle})"
    if badge and not badge_below:
        first += " " + icon
    lines = [first + " \\"]
    if badge_below:
        lines.append(icon + " \\")
    lines += ["Conteúdo sobre: Desenvolvimento de software \\", "Playlists em", "destaque: `Curso de HTML5`."]
    return avatar + "\n".join(lines) + "\n\n"


def test_channels_written_as_paragraphs_under_their_avatars_are_entries() -> None:
    """rcarubbi/awesome-brazilian-youtubers: each channel is an avatar (an image link, a paragraph of its own), then
    a paragraph "[**Curso em Vídeo**](url) [<img badge>](badges/README.md#…) \\" / "Conteúdo sobre: … \\" /
    "Playlists em destaque: …": the bold link alone on the hard-broken first line (a badge beside it or on the next
    line) is the channel's name; sections of one or two channels count once the file has many."""
    doc = parse("# Awesome Brazilian YouTubers\n\n## Programação em geral\n\n"
                + _channel("Curso em Vídeo", "CursoemVideo") + _channel("Código Fonte TV", "codigofontetv")
                + _channel("Canal Dev Jônatas", "devjonatas", badge_below=True) + _channel("Lambda3", "Lambda3Br", False)
                + "## Machine learning\n\n" + _channel("Universo Programado", "UniversoProgramado")
                + "## Sobre\n\n[Leia as regras](CONTRIBUTING.md) \\\nantes de contribuir.\n")
    assert [(e.title, e.primary_link.url if e.primary_link else None, e.section) for e in doc.entries] == [
        ("Curso em Vídeo", "https://www.youtube.com/@CursoemVideo", "Programação em geral"),
        ("Código Fonte TV", "https://www.youtube.com/@codigofontetv", "Programação em geral"),
        ("Canal Dev Jônatas", "https://www.youtube.com/@devjonatas", "Programação em geral"),
        ("Lambda3", "https://www.youtube.com/@Lambda3Br", "Programação em geral"),
        ("Universo Programado", "https://www.youtube.com/@UniversoProgramado", "Machine learning"),
    ]
    text = doc.text
    assert all(e.title_span is not None and e.title_span.of(text) == e.title for e in doc.entries)


def test_a_markdown_link_pasted_as_a_destination_is_read_as_markdown_reads_it() -> None:
    """rust-unofficial/awesome-rust: "[![CircleCI](badge.svg)]([https://circleci.com/x](https://app.circleci.com/y))":
    Markdown closes the label after the image, and the whole "[url](url)" is the destination; listlint took the
    last "](" for the label's end, so the link's text ran over the destination and LL403 quoted half a URL."""
    text = ("# A\n\n## B\n\n* [fred](https://github.com/aembke/fred.rs) - A client. "
            "[![CircleCI](https://circleci.com/gh/a.svg)]([https://circleci.com/gh/a/tree/main]"
            "(https://app.circleci.com/pipelines/github/a?branch=main))\n")
    doc = parse(text)
    badge_link = [l for l in doc.links if l.text.startswith("![")]
    assert [(l.text, l.url) for l in badge_link] == [
        ("![CircleCI](https://circleci.com/gh/a.svg)",
         "[https://circleci.com/gh/a/tree/main](https://app.circleci.com/pipelines/github/a?branch=main)")]
    assert badge_link[0].text_span.of(text) == badge_link[0].text
    assert badge_link[0].span.of(text) == badge_link[0].url
