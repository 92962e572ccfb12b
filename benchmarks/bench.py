"""Speed and memory measurements (``nox -s bench``), as ratios against baselines of the same run:
every ``bench_*.py`` beside this file.

Usage: ``python benchmarks/bench.py SHARED [AREA ...]``.
"""

from __future__ import annotations

import sys

from _areas import run_areas

if __name__ == "__main__":
    sys.exit(run_areas("bench", sys.argv[1:]))
