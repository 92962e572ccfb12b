"""Run every ``<prefix>_*.py`` module beside this file, or the areas named, and print reports.

Each module has ``run(shared: Path) -> str``: one area measured against its baselines in the
same run, as a Markdown report.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_areas(prefix: str, argv: list[str]) -> int:
    """``argv`` is ``[SHARED, AREA, ...]``; no areas means all of them."""
    shared = Path(argv[0]) if argv else HERE.parent.parent / "shared"
    wanted = set(argv[1:])
    sys.path.insert(0, str(HERE))
    for path in sorted(HERE.glob(f"{prefix}_*.py")):
        area = path.stem.removeprefix(f"{prefix}_")
        if wanted and area not in wanted:
            continue
        began = time.perf_counter()
        report = importlib.import_module(path.stem).run(shared)
        print(f"## {area} ({time.perf_counter() - began:.1f} s)\n\n{report}\n", flush=True)
    return 0
