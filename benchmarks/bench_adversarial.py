"""Adversarial text at full size: each shipped step and the pipeline, as ratios to ftfy.

The cases are :func:`newsclean.testing.adversarial_texts` (one 4 MB line, 200,000 short lines,
runs of slashes, dashes, digits and date-like tokens, mixed scripts with combining marks...).
Each is timed with ftfy alone in the same run; the house rule is "within a few times ftfy", and
``tests/test_adversarial.py`` fails above 20 times.  ``NEWSCLEAN_ADVERSARIAL_SCALE`` shrinks the
cases (1 is full size).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from newsclean import Pipeline
from newsclean.document import Document
from newsclean.steps import BUILTIN_STEPS
from newsclean.testing import adversarial_texts


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def run(shared: Path) -> str:
    """Time every case; a Markdown table of seconds and ratios to ftfy."""
    scale = float(os.environ.get("NEWSCLEAN_ADVERSARIAL_SCALE", "1"))
    texts = adversarial_texts(scale)
    pipeline = Pipeline()
    pipeline.clean("warm up")
    steps = {name: cls() for name, cls in sorted(BUILTIN_STEPS.items())}
    for step in steps.values():
        step.run(Document("warm up: load dictionaries and patterns once"))
    header = ["case", "chars", "ftfy s", *(f"{n} s" for n in steps), "pipeline s"]
    header += ["pipeline / ftfy", "worst step / ftfy"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    worst_pipeline = 0.0
    worst_step = (0.0, "")
    for case, text in texts.items():
        base = _best_of(2, lambda text=text: ftfy.fix_text(text))
        step_seconds = {
            name: _best_of(2, lambda step=step, text=text: step.run(Document(text)))
            for name, step in steps.items()
        }
        whole = _best_of(2, lambda text=text: pipeline.process(text))
        floor = max(base, 1e-3)
        name, slowest = max(step_seconds.items(), key=lambda kv: kv[1])
        worst_pipeline = max(worst_pipeline, whole / floor)
        if slowest / floor > worst_step[0]:
            worst_step = (slowest / floor, f"{name} on {case}")
        cells = [case, f"{len(text):,}", f"{base:.3f}"]
        cells += [f"{s:.3f}" for s in step_seconds.values()]
        cells += [f"{whole:.3f}", f"{whole / floor:.2f}", f"{slowest / floor:.2f} ({name})"]
        rows.append("| " + " | ".join(cells) + " |")
    summary = (
        f"\nScale {scale:g} (1 = full size); best of 2 runs; ratios against ftfy.fix_text on"
        f" the same text (at least 1 ms). Worst pipeline ratio {worst_pipeline:.2f};"
        f" worst step ratio {worst_step[0]:.2f} ({worst_step[1]})."
    )
    return "\n".join(rows) + "\n" + summary
