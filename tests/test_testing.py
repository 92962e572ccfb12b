"""The property checks offered to contributors catch the faults they promise to catch."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from newsclean import Document, Edit, EditError, StepResult, TextFixer
from newsclean.testing import check_step, invented_lines


class Appends(TextFixer):
    """Adds a sentence of its own: invents content and is not idempotent."""

    name = "appends"

    def fix(self, doc: Document) -> StepResult:
        n = len(doc.text)
        return StepResult([Edit(self.name, n, n, "", "\nSubscribe now!", "ad")])


class BadOffsets(TextFixer):
    """Claims to replace text that is not there."""

    name = "bad_offsets"

    def fix(self, doc: Document) -> StepResult:
        return StepResult([Edit(self.name, 0, 1, "#", "", "oops")]) if doc.text else StepResult()


class Doubles(TextFixer):
    """Doubles every 'a': not idempotent, though it replays."""

    name = "doubles"

    def fix(self, doc: Document) -> StepResult:
        i = doc.text.find("a")
        return StepResult([Edit(self.name, i, i + 1, "a", "aa", "x")]) if i >= 0 else StepResult()


@pytest.mark.parametrize("step", [Appends(), BadOffsets(), Doubles()])
def test_check_step_rejects_faulty_steps(step: TextFixer) -> None:
    with pytest.raises((AssertionError, EditError)):
        check_step(step, texts=st.sampled_from(["banana", "x", "a b c"]), max_examples=10)


def test_invented_lines_finds_a_line_made_of_inserted_text() -> None:
    original = "Body.\n"
    edits = [Edit("s", 6, 6, "", "Made up.\n", "r")]
    assert invented_lines(original, edits) == ["Made up."]


def test_a_rewritten_line_is_not_invented() -> None:
    original = "Date 2020-11-26 Body.\n"
    edits = [Edit("s", 0, 16, "Date 2020-11-26 ", "Date: 2020-11-26\n\n", "r")]
    assert invented_lines(original, edits) == []
