"""Quality measurements on ../shared/data (``nox -s eval``): every ``eval_*.py`` beside this file.

Each module has ``run(shared: Path) -> str``, which measures one area with its baselines in the
same run and returns a Markdown report.  Usage: ``python benchmarks/eval.py SHARED [AREA ...]``.
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
    for path in sorted(HERE.glob("eval_*.py")):
        area = path.stem.removeprefix("eval_")
        if wanted and area not in wanted:
            continue
        began = time.perf_counter()
        report = importlib.import_module(path.stem).run(shared)
        print(f"## {area} ({time.perf_counter() - began:.1f} s)\n\n{report}\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
