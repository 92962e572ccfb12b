"""The unicode step's fast path: exactly plain ftfy, handing ftfy only what it could change."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import ftfy
import pytest
from ftfy import fixes
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean import Document, UnicodeFixer, apply_edits
from newsclean.steps import unicode as unicode_step
from newsclean.steps.unicode import UnicodeConfig
from newsclean.testing import check_edits_replay, check_step, strategies

NEWS = UnicodeConfig()
# ftfy's own defaults, to compare with the expected output of ftfy's test cases.
FTFY_DEFAULTS = UnicodeConfig(unescape_html="auto", uncurl_quotes=True, fix_character_width=True)


def run(config: UnicodeConfig, text: str) -> str:
    return apply_edits(text, UnicodeFixer(config).run(Document(text)).edits)


def plain_ftfy(text: str, config: UnicodeConfig) -> str:
    """ftfy.fix_text, run again while it changes the text.

    A second run differs from the first only when ftfy turned a carriage return or a line
    separator into a line break and a piece of the line it cut is then fixed on its own; the
    step does that second run itself so that it is idempotent.
    """
    cfg = config.ftfy_config()
    fixed = ftfy.fix_text(text, cfg)
    while (again := ftfy.fix_text(fixed, cfg)) != fixed:
        fixed = again
    return fixed


def ftfy_cases(shared: Path) -> list[dict[str, Any]]:
    path = shared / "data" / "ftfy_mojibake.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    return [c for c in cases if c["origin"] in ("in-the-wild", "negative", "synthetic")]


@given(strategies.unicode_mess())
@example("plain line\r\nnext line\r")
@example("ok\n" + "Ã" + " bien")  # ftfy's '^' alternative, at the start of a later line
@example("caf\u00c3\u00a9 &lt; tag\n&amp; after the tag")
@example("\u2019 \r \u201a\u00c4\u00f4 ")  # ftfy cuts the line, then fixes the MacRoman piece
def test_fast_path_gives_exactly_what_ftfy_gives(text: str) -> None:
    assert run(NEWS, text) == plain_ftfy(text, NEWS)


@given(strategies.unicode_mess())
def test_fast_path_matches_ftfy_under_ftfys_defaults(text: str) -> None:
    assert run(FTFY_DEFAULTS, text) == plain_ftfy(text, FTFY_DEFAULTS)


def test_step_matches_ftfys_expected_output_with_ftfys_defaults(shared: Path) -> None:
    for case in ftfy_cases(shared):
        assert run(FTFY_DEFAULTS, case["original"]) == case["fixed"], case["id"]


def test_news_config_differs_from_ftfy_only_by_the_quotes_and_widths_it_keeps(
    shared: Path,
) -> None:
    for case in ftfy_cases(shared):
        ours = run(NEWS, case["original"])
        assert ours == ftfy.fix_text(case["original"], NEWS.ftfy_config()), case["id"]
        assert fixes.uncurl_quotes(fixes.fix_character_width(ours)) == case["fixed"], case["id"]


_MOJIBAKE_ALPHABET = "".join(
    chr(c)
    for c in range(0x20, 0x2600)
    if re.fullmatch("[" + "".join(MOJIBAKE_CATEGORIES.values()) + "]", chr(c))
)


@given(st.text(alphabet=st.sampled_from(_MOJIBAKE_ALPHABET + "ÃÂaz .\n\u00a0"), max_size=12))
@example("Ã ")
@example("x\u00c2 \u201c")
def test_every_text_ftfy_calls_bad_holds_a_trigger(text: str) -> None:
    plan = unicode_step._plan(NEWS)
    assert plan.mojibake is not None
    if is_bad(text):
        assert plan.mojibake.search(text) is not None


def test_typography_alone_is_not_handed_to_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = ftfy.fix_text
    monkeypatch.setattr(ftfy, "fix_text", lambda t, c: calls.append(t) or real(t, c))
    text = "The minister\u2019s \u201cplan\u201d \u2014 10\u00a0km \u2013 failed\u2026\nNext.\n"
    assert run(NEWS, text) == text
    assert calls == []
    assert run(NEWS, text + "caf\u00c3\u00a9\n") == text + "caf\u00e9\n"
    assert calls == ["caf\u00c3\u00a9\n"]


def test_an_accented_line_that_is_not_mojibake_is_left_alone() -> None:
    text = "Zürich and São Paulo, naïve café\n"
    assert run(NEWS, text) == text


def test_unknown_pattern_shapes_make_every_non_ascii_character_a_trigger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ftfy.badness

    monkeypatch.setattr(ftfy.badness, "BADNESS_RE", re.compile(r"\w\W|\s"))
    unicode_step._mojibake_triggers.cache_clear()
    try:
        assert unicode_step._mojibake_triggers() is None
    finally:
        monkeypatch.undo()
        unicode_step._mojibake_triggers.cache_clear()
    assert unicode_step._mojibake_triggers() is not None
    assert BADNESS_RE is ftfy.badness.BADNESS_RE


def test_a_line_longer_than_ftfys_segment_is_cut_where_ftfy_cuts_it() -> None:
    limit = NEWS.ftfy_config().max_decode_length
    text = "a" * (limit - 1) + "caf\u00c3\u00a9 " + "b" * 10 + "\n\u00c3\u00a9t\u00c3\u00a9\n"
    assert run(NEWS, text) == ftfy.fix_text(text, NEWS.ftfy_config())


def test_edit_covers_only_the_damaged_characters() -> None:
    (edit,) = UnicodeFixer().run(Document("A caf\u00c3\u00a9 in town\n")).edits
    assert (edit.start, edit.end, edit.before, edit.after) == (5, 7, "\u00c3\u00a9", "\u00e9")


def test_unicode_step_passes_the_property_checks_on_articles() -> None:
    check_step(UnicodeFixer(), texts=strategies.article())


@given(strategies.unicode_mess())
def test_edits_on_messy_text_replay_and_a_second_run_changes_nothing(text: str) -> None:
    # The growth check of check_step does not fit here: decoding Cyrillic or Greek mojibake
    # turns symbol-and-letter pairs into letters, several per word.
    step = UnicodeFixer()
    result = step.run(Document(text))
    output = apply_edits(text, result.edits)
    check_edits_replay(text, result.edits, output)
    assert not step.run(Document(output)).edits
