"""``python -m listlint``: the same as the ``listlint`` command."""

from listlint.cli import run

run()
