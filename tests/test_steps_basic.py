"""The unicode and whitespace steps on real examples, and their properties."""

from __future__ import annotations

import json

import ftfy
import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean import Document, Edit, UnicodeFixer, WhitespaceNormalizer, apply_edits
from newsclean.steps.unicode import UnicodeConfig, needs_ftfy
from newsclean.testing import check_no_invention, check_step


def run(step: UnicodeFixer | WhitespaceNormalizer, text: str) -> str:
    return apply_edits(text, step.run(Document(text)).edits)


def test_unicode_fixes_mojibake_and_keeps_curly_quotes() -> None:
    text = "The Bureau of Meteorologyâ€™s Claire Richards said “no”.\n"
    assert run(UnicodeFixer(), text) == "The Bureau of Meteorology’s Claire Richards said “no”.\n"


def test_unicode_unescapes_entities_and_drops_control_characters() -> None:
    assert run(UnicodeFixer(), "Tom &amp; Jerry\x07 &lt;3\n") == "Tom & Jerry <3\n"


def test_unicode_edit_covers_only_the_damage() -> None:
    (edit,) = UnicodeFixer().run(Document("caf\u00c3\u00a9 society")).edits
    assert (edit.start, edit.end, edit.before, edit.after) == (3, 5, "\u00c3\u00a9", "é")


def test_unicode_can_be_told_to_straighten_quotes() -> None:
    assert run(UnicodeFixer(uncurl_quotes=True), "“yes”") == '"yes"'


def test_unicode_step_passes_the_property_checks() -> None:
    check_step(UnicodeFixer())


def test_c1_controls_read_as_cp1252_letters_are_a_repair_not_an_invention() -> None:
    text = "\x88\x88\x9a"
    result = UnicodeFixer().run(Document(text))
    assert apply_edits(text, result.edits) == "\u02c6\u02c6\u0161"
    check_no_invention(text, list(result.edits), UnicodeFixer.max_growth)
    with pytest.raises(AssertionError, match="adds 3 letters"):
        check_no_invention("\x88", [Edit("s", 0, 1, "\x88", "Moon", "r")], 2)


def test_whitespace_sets_paragraphs_one_blank_line_apart() -> None:
    text = "  First  paragraph. \nSecond.\n\n\n\nThird.\t\tEnd"
    assert run(WhitespaceNormalizer(), text) == "First paragraph.\n\nSecond.\n\nThird. End\n"


def test_whitespace_records_line_breaks_and_runs_in_text_order() -> None:
    text = "a\nb  c\nd\te"
    edits = WhitespaceNormalizer().run(Document(text)).edits
    assert [(e.start, e.before, e.after) for e in edits] == [
        (1, "\n", "\n\n"),
        (3, "  ", " "),
        (6, "\n", "\n\n"),
        (8, "\t", " "),
        (10, "", "\n"),
    ]
    assert apply_edits(text, edits) == "a\n\nb c\n\nd e\n"


def test_whitespace_blank_lines_mode_keeps_single_breaks() -> None:
    step = WhitespaceNormalizer(paragraphs="blank_lines")
    assert run(step, "Roses are red,\nviolets blue.\n\n\nNext") == (
        "Roses are red,\nviolets blue.\n\nNext\n"
    )


def test_whitespace_empties_blank_text() -> None:
    assert run(WhitespaceNormalizer(), " \n\t\n") == ""
    assert run(WhitespaceNormalizer(), "") == ""


def test_whitespace_keeps_a_single_no_break_space() -> None:
    assert run(WhitespaceNormalizer(), "10\N{NO-BREAK SPACE}km\n") == "10\N{NO-BREAK SPACE}km\n"


@given(st.text(alphabet=" \t\n\r\u00a0\u2028\x1cab", max_size=30))
@example("\t")
@example(" a\t")
@example("\ta b\t\tc \n")
def test_whitespace_runs_are_found_as_one_alternation_finds_them(text: str) -> None:
    from newsclean.steps.whitespace import _runs

    reference = regex.compile(r"\s{2,}+|\t|\A\s|\s\Z")
    assert _runs(text) == [m.span() for m in reference.finditer(text)]


def test_whitespace_step_passes_the_property_checks() -> None:
    check_step(WhitespaceNormalizer())


@given(st.text())
def test_fast_path_only_skips_what_ftfy_leaves_alone(text: str) -> None:
    if not needs_ftfy(text):
        assert ftfy.fix_text(text, config=UnicodeConfig().ftfy_config()) == text


def test_unicode_step_matches_ftfy_on_its_test_cases(shared) -> None:  # type: ignore[no-untyped-def]
    cfg = UnicodeConfig().ftfy_config()
    step = UnicodeFixer()
    for line in (shared / "data" / "ftfy_mojibake.jsonl").read_text(encoding="utf-8").split("\n"):
        if not line:
            continue
        case = json.loads(line)
        if case.get("origin") == "known-failures":
            continue
        assert run(step, case["original"]) == ftfy.fix_text(case["original"], config=cfg), case
