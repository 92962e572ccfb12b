"""Speed and memory measurements (``nox -s bench``): every ``bench_*.py`` beside this file.

Each module has ``run(shared: Path) -> str``, which measures one area against its baselines in
the same run, reports ratios, and returns a Markdown report.
Usage: ``python benchmarks/bench.py SHARED [AREA ...]``.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    shared = Path(argv[0]) if argv else HERE.parent.parent / "shared"
    wanted = set(argv[1:])
    sys.path.insert(0, str(HERE))
    for path in sorted(HERE.glob("bench_*.py")):
        area = path.stem.removeprefix("bench_")
        if wanted and area not in wanted:
            continue
        began = time.perf_counter()
        report = importlib.import_module(path.stem).run(shared)
        print(f"## {area} ({time.perf_counter() - began:.1f} s)\n\n{report}\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
