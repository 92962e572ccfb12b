"""The edit log: validation, replay and composition against the original text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import Document, Edit, EditError, Pipeline, apply_edits
from newsclean.document import (
    _compose_clusters,
    _compose_spans,
    _placement,
    check_edits,
    compose_edits,
)


def edit(start: int, end: int, text: str, after: str, step: str = "s") -> Edit:
    return Edit(step, start, end, text[start:end], after, "r")


def test_apply_edits_replaces_spans_in_order() -> None:
    text = "abc def ghi"
    edits = [edit(0, 3, text, "ABC"), edit(4, 7, text, ""), edit(11, 11, text, "!")]
    assert apply_edits(text, edits) == "ABC  ghi!"


def test_check_edits_refuses_overlap() -> None:
    text = "abcdef"
    with pytest.raises(EditError, match="overlaps"):
        check_edits(text, [edit(0, 3, text, "x"), edit(2, 4, text, "y")])


def test_check_edits_refuses_wrong_before() -> None:
    with pytest.raises(EditError, match="says it replaces"):
        check_edits("abcdef", [Edit("s", 0, 2, "zz", "x", "r")])


def test_check_edits_refuses_two_insertions_at_one_point() -> None:
    text = "abc"
    with pytest.raises(EditError):
        check_edits(text, [edit(1, 1, text, "x"), edit(1, 1, text, "y")])


def test_compose_shifts_edits_in_untouched_text() -> None:
    original = "aa bb cc"
    first = [edit(0, 2, original, "AAAA")]
    current = apply_edits(original, first)  # "AAAA bb cc"
    second = [edit(8, 10, current, "CC")]
    composed = compose_edits(original, first, second)
    assert composed == [first[0], Edit("s", 6, 8, "cc", "CC", "r")]


def test_compose_merges_edits_that_touch_earlier_output() -> None:
    original = "Soth  Korea"
    first = [Edit("whitespace", 4, 6, "  ", " ", "run")]
    current = apply_edits(original, first)  # "Soth Korea"
    second = [Edit("names", 0, 10, "Soth Korea", "South Korea", "typo")]
    (merged,) = compose_edits(original, first, second)
    assert merged.step == "whitespace+names"
    assert (merged.start, merged.end, merged.before) == (0, 11, original)
    assert apply_edits(original, [merged]) == "South Korea"
    assert current == "Soth Korea"


def test_document_rejects_bytes() -> None:
    with pytest.raises(TypeError, match="must be str"):
        Document(b"bytes")  # type: ignore[arg-type]


@st.composite
def edits_for(draw: st.DrawFn, text: str) -> list[Edit]:
    """Random valid edits against ``text``."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits: list[Edit] = []
    last = -1
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a == b == last:
            continue
        if edits and a < edits[-1].end:
            continue
        after = draw(st.text(alphabet="xyz\n ", max_size=4))
        if a == b and not after:
            continue
        edits.append(edit(a, b, text, after))
        last = a if a == b else -1
    return edits


@given(st.data(), st.text(alphabet="ab \n", max_size=30))
def test_composing_replaced_spans_quickly_agrees_with_the_general_sweep(
    data: st.DataObject, original: str
) -> None:
    old = data.draw(edits_for(original))
    current = apply_edits(original, old)
    placed = _placement(old)
    # Replaced spans only (no insertion), as a line filter's drops are.
    new = [e for e in data.draw(edits_for(current)) if e.start < e.end]
    quick = _compose_spans(original, old, new, *placed)
    assert quick is not None
    assert quick == _compose_clusters(original, old, new, *placed)
    assert apply_edits(original, quick) == apply_edits(current, new)


@given(st.data(), st.text(alphabet="ab \n", max_size=30))
def test_composed_edits_replay_from_the_original(data: st.DataObject, original: str) -> None:
    doc = Document(original)
    for _ in range(data.draw(st.integers(1, 4))):
        doc.apply(data.draw(edits_for(doc.text)))
        check_edits(original, doc.edits)
        assert apply_edits(original, doc.edits) == doc.text


def test_compose_keeps_a_fix_next_to_a_dropped_line_apart() -> None:
    original = "Ad line\nInda won."
    first = [Edit("boilerplate", 0, 8, "Ad line\n", "", "ad")]
    current = apply_edits(original, first)  # "Inda won."
    second = [Edit("names", 0, 4, "Inda", "India", "typo")]
    composed = compose_edits(original, first, second)
    assert composed == [first[0], Edit("names", 8, 12, "Inda", "India", "typo")]
    assert current == "Inda won."


def test_compose_merges_two_insertions_at_one_offset() -> None:
    original = "ab"
    first = [Edit("s", 1, 1, "", "X", "r")]
    second = [Edit("t", 2, 2, "", "Y", "r")]  # right after the X, so also at original offset 1
    (merged,) = compose_edits(original, first, second)
    assert (merged.start, merged.end, merged.after) == (1, 1, "XY")


def test_compose_keeps_far_edits_and_merges_the_one_met() -> None:
    original = "a  b  c  d  e"
    first = [Edit("whitespace", k, k + 2, "  ", " ", "run") for k in (1, 4, 7, 10)]
    current = apply_edits(original, first)  # "a b c d e"
    second = [Edit("names", 4, 7, "c d", "C-D", "typo")]  # meets the runs after c only
    composed = compose_edits(original, first, second)
    assert composed[:2] == first[:2]
    assert composed[-1] == first[-1]
    merged = composed[2]
    assert (merged.step, merged.start, merged.end) == ("whitespace+names", 6, 10)
    assert (merged.before, merged.after) == ("c  d", "C-D")
    assert sorted(merged.reason.split("; ")) == ["run", "typo"]
    assert apply_edits(original, composed) == apply_edits(current, second) == "a b C-D e"


def test_an_explained_log_read_back_replays_to_the_cleaned_text() -> None:
    raw = "Published: 26 November 2020\nSoth Korea   and Japan met.\nAdvertisement\n"
    result = Pipeline().process(raw)
    records = json.loads(json.dumps(result.to_dict(explain=True)))["edits"]
    edits = [Edit.from_dict(record) for record in records]
    assert edits == list(result.edits)
    assert apply_edits(raw, edits) == result.text


def test_a_record_that_is_not_an_edit_is_refused() -> None:
    with pytest.raises(EditError, match="not an edit record"):
        Edit.from_dict({"step": "names", "start": "x", "end": 2})
