"""BibTeX helpers over the parsed model: canonical layout, normalisation, evidence, suspicious values, export.

Everything here reads :class:`listlint.model.BibEntry` values as written and never imports bibtexparser (only the
parser does). Values are never LaTeX-decoded for output; normalisation (for comparing titles) is one-way.

- :mod:`.normalize`: title comparison, author and key helpers, year evidence from links.
- :mod:`.format`: the canonical layout of a block (LL509) in a file's dominant style.
- :mod:`.suspicious`: values Google Scholar gets wrong (LL510).
- :mod:`.export`: ``listlint export --format bibtex|csv``.
"""

from __future__ import annotations
