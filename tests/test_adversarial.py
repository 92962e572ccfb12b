"""Adversarial text: every shipped step and the whole pipeline stay within a few times ftfy.

The texts are :func:`newsclean.testing.adversarial_texts` at a twentieth of full size (full size in
``nox -s bench``, ``benchmarks/bench_adversarial.py``): big enough that anything quadratic or a
backtracking pattern takes minutes, small enough for the suite.  The bound is generous (20 times
ftfy's time on the same text, and never under half a second, to absorb timer noise); a hard
timeout ends the whole run with a traceback of where it was stuck, even inside a regex.
"""

from __future__ import annotations

import faulthandler
import os
import time
from collections.abc import Callable, Iterator

import ftfy
import pytest

from newsclean import Pipeline
from newsclean.document import Document
from newsclean.steps import BUILTIN_STEPS
from newsclean.testing import adversarial_texts, check_edits_replay

SCALE = float(os.environ.get("NEWSCLEAN_ADVERSARIAL_SCALE", "0.05"))
RATIO = 20.0
FLOOR = 0.5  # seconds: below this, timings say more about the machine than the code
HARD_TIMEOUT = 120.0

TEXTS = adversarial_texts(SCALE)
_FTFY: dict[str, float] = {}


@pytest.fixture(autouse=True)
def hard_timeout() -> Iterator[None]:
    """Kill the run if one case hangs: a catastrophic regex never returns to Python."""
    faulthandler.dump_traceback_later(HARD_TIMEOUT, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def timed(work: Callable[[], object]) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def ftfy_seconds(case: str) -> float:
    if case not in _FTFY:
        _FTFY[case] = timed(lambda: ftfy.fix_text(TEXTS[case]))
    return _FTFY[case]


def budget(case: str) -> float:
    return max(RATIO * ftfy_seconds(case), FLOOR)


@pytest.mark.parametrize("case", sorted(TEXTS))
@pytest.mark.parametrize("name", sorted(BUILTIN_STEPS))
def test_each_step_is_linear_on_adversarial_text(name: str, case: str) -> None:
    text = TEXTS[case]
    step = BUILTIN_STEPS[name]()
    step.run(Document("warm up: load dictionaries and patterns once"))
    holder: list[object] = []
    seconds = timed(lambda: holder.append(step.run(Document(text))))
    assert seconds <= budget(case), (
        f"{name} took {seconds:.2f} s on {case!r} ({len(text):,} characters),"
        f" ftfy {ftfy_seconds(case):.2f} s"
    )


PIPELINE = Pipeline()


@pytest.mark.parametrize("case", sorted(TEXTS))
def test_the_pipeline_is_linear_on_adversarial_text_and_its_edits_replay(case: str) -> None:
    text = TEXTS[case]
    PIPELINE.clean("warm up")
    holder = []
    seconds = timed(lambda: holder.append(PIPELINE.process(text)))
    assert seconds <= budget(case), (
        f"the pipeline took {seconds:.2f} s on {case!r} ({len(text):,} characters),"
        f" ftfy {ftfy_seconds(case):.2f} s"
    )
    (result,) = holder
    check_edits_replay(text, result.edits, result.text)


def test_the_cases_are_what_they_say_at_full_size() -> None:
    full = adversarial_texts(1.0)
    assert len(full["one 4 MB line"]) == 4_000_000
    assert "\n" not in full["one 4 MB line"]
    assert full["200,000 short lines"].count("\n") == 200_000
    assert set(full["slashes"]) == {"/"}
    assert len(full["slashes"]) == 1_000_000
