"""``listlint init``: write a commented ``.listlint.toml`` from what the repository's lists actually use."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from listlint.model import Document
from listlint.parser.status import spelled, unwritable


def _proposable(value: str) -> bool:
    """A tag worth proposing: no single letter of an alphabet (``[X]``), but 读 or ✅ (configured elsewhere) are."""
    return unwritable(value) is None and (len(value) >= 2 or not spelled(value))


@dataclass(frozen=True)
class Detected:
    """What ``listlint init`` saw in the lists, from which it proposes a configuration."""
    files: int
    entries: int
    layouts: Counter[str]
    tags: Counter[str]
    tag_forms: Counter[str]
    markers: Counter[str]
    bibtex_blocks: int
    bibtex_spacing: Counter[str]  # "key={value}" or "key = {value}"


def detect(documents: Sequence[Document]) -> Detected:
    layouts: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    markers: Counter[str] = Counter()
    spacing: Counter[str] = Counter()
    entries = 0
    blocks = 0
    for doc in documents:
        entries += len(doc.entries)
        for entry in doc.entries:
            layouts[entry.layout.value] += 1
            if entry.status is not None and entry.status.form == "tag" and _proposable(entry.status.value):
                tags[entry.status.value] += 1
                forms[entry.status.raw.replace(entry.status.raw.strip("[]` ").strip(), "{tag}")] += 1
        for item in doc.list_items:
            if not item.ordered:
                markers[item.marker] += 1
        for block in doc.bibtex_blocks:
            blocks += 1
            for entry in block.entries:
                for f in entry.fields:
                    between = doc.text[f.name_span.end : f.value_span.start]
                    spacing["key = {value}" if " =" in between else "key={value}"] += 1
    return Detected(len(documents), entries, layouts, tags, forms, markers, blocks, spacing)


def _default_tag(tags: Counter[str]) -> str:
    """The "not read yet" tag: UNREAD when used, otherwise the rarest tag seen."""
    for candidate in ("UNREAD", "TODO", "TOREAD"):
        if candidate in tags:
            return candidate
    return tags.most_common()[-1][0]


def render(found: Detected) -> str:
    lines = [
        "# listlint configuration, written by `listlint init` from the lists of this repository.",
        f"# Seen: {found.files} file(s), {found.entries} entries"
        + (f" ({', '.join(f'{n} {k}' for k, n in found.layouts.most_common())})" if found.layouts else "")
        + ".",
        "# Every key is optional; delete what you do not need. `listlint rules` lists the rules.",
        "",
        "# Rules to run: codes, prefixes (LL3) or names. The default is every rule that is on by default.",
        '# select = ["LL"]',
        "# ignore = []",
        '# extend-select = ["LL208"]  # off-by-default rules, e.g. entry-order',
        "",
    ]
    layout = found.layouts.most_common(1)[0][0] if found.layouts else "auto"
    lines += [
        "# Entry layout: auto detects it per section (list, heading or citation).",
        f'layout = "auto"  # the lists here are mostly "{layout}"',
        "",
        "[status]",
    ]
    if found.tags:
        vocabulary = ", ".join(json.dumps(t, ensure_ascii=False) for t, _ in found.tags.most_common())
        form = found.tag_forms.most_common(1)[0][0] if found.tag_forms else "[`{tag}`]"
        counts = ", ".join(f"{t} {n}" for t, n in found.tags.most_common())
        lines += [
            f"# Status tags seen: {counts}.",
            f"tags = [{vocabulary}]",
            f'format = "{form}"  # the spelling used most',
            'required = "auto"  # every entry needs a tag once the file uses tags',
            f'default = "{_default_tag(found.tags)}"  # what `fix --unsafe-fixes` inserts where a tag is missing',
        ]
    else:
        lines += [
            "# No status tags seen; these are the defaults.",
            '# tags = ["READ", "UNREAD"]',
            '# format = "[`{tag}`]"',
        ]
    lines.append("")
    if found.markers:
        marker = found.markers.most_common(1)[0][0]
        lines += [
            f"# List markers seen: {', '.join(f'{m!r} {n}' for m, n in found.markers.most_common())}.",
            f'# the dominant marker is "{marker}"; LL202 list-marker keeps every list on the dominant one',
            "",
        ]
    lines += ["[bibtex]", 'profile = "bibtex"  # or "biblatex"']
    if found.bibtex_blocks:
        style = found.bibtex_spacing.most_common(1)[0][0] if found.bibtex_spacing else "key={value}"
        lines.append(f"# {found.bibtex_blocks} BibTeX block(s) seen, written mostly as `{style}`, which LL509 keeps.")
    lines += [
        "",
        "[duplicates]",
        'scope = "file"  # "section" to allow a paper under several topics, "project" to compare files',
        "# allow = []",
        "",
        "[links]",
        "enabled = false  # `listlint check --links` checks that links are alive (network)",
        "# exclude = []",
        "",
    ]
    return "\n".join(lines)


def write(directory: Path, documents: Sequence[Document]) -> Path:
    target = directory / ".listlint.toml"
    if target.exists():
        raise FileExistsError(str(target))
    target.write_text(render(detect(documents)), encoding="utf-8")
    return target
