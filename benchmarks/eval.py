"""Quality measurements on ../shared/data (``nox -s eval``): every ``eval_*.py`` beside this file.

Usage: ``python benchmarks/eval.py SHARED [AREA ...]``.
"""

from __future__ import annotations

import sys

from _areas import run_areas

if __name__ == "__main__":
    sys.exit(run_areas("eval", sys.argv[1:]))
