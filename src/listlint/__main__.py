"""The ``listlint`` command (``python -m listlint`` too).

The cyclic garbage collector is switched off before anything is imported: a run is one short process whose objects
(the parsed documents, the findings) live until it exits, and listlint's own code makes no reference cycles
(tests/test_no_cycles.py), so every collector pass would walk the whole heap for nothing (5-18 % of the CPU of a 1 MB
check, measured). The link checker, whose network stack does make cycles, switches it back on while it runs.
"""

import gc


def run() -> None:
    gc.disable()
    from listlint.cli import run as run_cli

    run_cli()


if __name__ == "__main__":
    run()
