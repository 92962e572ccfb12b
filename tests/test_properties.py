"""Properties of the whole default pipeline on generated text."""

from __future__ import annotations

from hypothesis import assume, given

import strategies
from newsclean import Pipeline, apply_edits
from newsclean.testing import check_edits_replay, check_no_invention

PIPELINE = Pipeline()


@given(strategies.any_text())
def test_pipeline_never_crashes_and_edits_replay(text: str) -> None:
    result = PIPELINE.process(text)
    check_edits_replay(text, result.edits, result.text)


@given(strategies.any_text())
def test_pipeline_is_idempotent(text: str) -> None:
    assume(not strategies.COLLAPSE_MAKES_MOJIBAKE.search(text))
    once = PIPELINE.clean(text)
    assert PIPELINE.clean(once) == once


@given(strategies.article())
def test_pipeline_invents_no_line(text: str) -> None:
    result = PIPELINE.process(text)
    check_no_invention(text, result.edits, max_growth=40)


@given(strategies.clean_paragraphs())
def test_plain_paragraphs_come_back_unchanged(text: str) -> None:
    assert PIPELINE.clean(text) == text


@given(strategies.article())
def test_removed_lines_are_kept_in_metadata(text: str) -> None:
    result = PIPELINE.process(text)
    removed = [e for e in result.edits if e.after == "" and e.before.strip()]
    kept = (
        len(result.metadata.get("related", []))
        + len(result.metadata.get("captions", []))
        + len(result.metadata.get("credits", []))
        + len(result.metadata.get("removed", []))
    )
    assert kept >= len([e for e in removed if e.step.startswith("boilerplate")])
    assert apply_edits(text, result.edits) == result.text
