"""The names step: real typos fixed, correct names and protected text left alone, metadata fixed,
properties held (no crash, valid edits, idempotent, nothing invented), work linear in the text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsclean import ConfigError, Document, NameFixer, apply_edits
from newsclean.testing import check_step, check_step_on, strategies

STEP = NameFixer()


def fixed(text: str, step: NameFixer = STEP) -> str:
    return apply_edits(text, step.run(Document(text)).edits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Multi-word names as units: "Korea" follows, so "Soth" is "South".
        (
            "Talks with officials of Soth Korea ended.",
            "Talks with officials of South Korea ended.",
        ),
        ("Troops left East Tior last year.", "Troops left East Timor last year."),
        # Hyphenated given names and particles.
        ("He met Monn Jae-in in Seoul.", "He met Moon Jae-in in Seoul."),
        (
            "Osama bin Laden fled. Later bin Lade was seen.",
            "Osama bin Laden fled. Later bin Laden was seen.",
        ),
        # Possessives keep their ending.
        ("Yasser Arafatt's office said so.", "Yasser Arafat's office said so."),
        # Accents: the writer's style is kept, with or without them.
        ("President Recep Tayyip Erdogann spoke.", "President Recep Tayyip Erdogan spoke."),
        ("Erdoğan met them. Later Erdoğn said.", "Erdoğan met them. Later Erdoğan said."),
        # A doubled letter, a transposition: typos on the spelling alone.
        ("He flew in from Pakkistan.", "He flew in from Pakistan."),
        ("Rain fell on Agrentina.", "Rain fell on Argentina."),
    ],
)
def test_typos_in_known_names_are_fixed(text: str, expected: str) -> None:
    assert fixed(text) == expected


def test_a_real_word_is_fixed_on_the_document_s_evidence() -> None:
    text = (
        "Moon Jae-in spoke. Moon urged calm. Xi values his ‘friendship and trust’ with Mood as "
        "‘very important’."
    )
    result = STEP.run(Document(text))
    (edit,) = result.edits
    assert (edit.before, edit.after, edit.kind) == ("Mood", "Moon", "name")
    assert "'Moon' stands 2x in the document" in edit.reason
    assert edit.confidence is not None
    assert edit.confidence >= STEP.config.threshold


@pytest.mark.parametrize(
    "text",
    [
        # A real word without evidence, or where words usually stand, stays.
        "The Mood in Seoul was calm.",
        "Moon Jae-in spoke. The Mood of the nation was calm.",
        # Correct names we do not know are not pulled toward ones we do ("Kaja Kallas").
        "Jacques Kallis scored a century.",
        "Lance Klusener and Peter Hollingworth spoke.",
        # Derived forms of known names.
        "The Israelis and the Koreas met Palestinians and Tasmanians.",
        # Two names fit equally well ("Australia", "Austria"): left alone.
        "Visitors from Austraia came.",
        # Quoted titles, addresses, hashtags, code, capitals-only text.
        "The film ‘Return To Soth Korea’ opened.",
        "See https://example.com/Soth-Korea for more.",
        "Write to Soth.Korea@example.com today.",
        "The tag #SothKorea and @Soth trended.",
        "Run `Soth Korea` in the shell.",
        "SOTH KOREA WINS",
        # A word that is an English word used as one, and a split that leaves no words.
        "the din of battle was loud",
        "it was bec ause of the rain",
        # A line in another language: English word knowledge says nothing there.
        "Die neue Plattform wird das Systemen der Stadt Pakkistan und die das Land verbinden.",
        # Capitals at the start are acronyms, not names: "MNAs", "LEDs".
        "The MNAs met in Lahore and the LEDs were lit.",
    ],
)
def test_what_must_not_change_stays(text: str) -> None:
    assert fixed(text) == text


def test_a_name_spelt_the_same_way_twice_is_meant() -> None:
    assert fixed("Kallis scored. Kallis bowled. Kallis fielded.") == (
        "Kallis scored. Kallis bowled. Kallis fielded."
    )


def test_a_short_name_the_document_spells_right_twice_is_fixed() -> None:
    text = "Hamas denied it. Hamas leaders met. A Hanas official spoke."
    assert fixed(text) == "Hamas denied it. Hamas leaders met. A Hamas official spoke."


def test_a_short_name_one_letter_from_a_name_seen_once_stays() -> None:
    text = "Hamas denied it. A Hanas official spoke."
    assert fixed(text) == text


def test_a_spelling_the_document_uses_as_often_as_the_other_is_meant() -> None:
    text = "Volodymyr Zelensky spoke. Zelenskiy said so in Kyiv. Later Zelenskiy flew to Paris."
    assert fixed(text) == text


def test_the_user_s_name_outranks_one_they_did_not_give() -> None:
    mine = NameFixer(extra_names=("Western Australia",))
    assert fixed("Visitors from Austraia came.", mine) == "Visitors from Australia came."
    assert fixed("Visitors from Austraia came.") == "Visitors from Austraia came."


def test_words_split_at_the_wrong_place_are_rejoined() -> None:
    text = "the bilateral milestones achieve din the fight"
    result = STEP.run(Document(text))
    (edit,) = result.edits
    assert apply_edits(text, result.edits) == "the bilateral milestones achieved in the fight"
    assert edit.kind == "word-boundary"


def test_word_boundaries_can_be_turned_off() -> None:
    text = "milestones achieve din the fight"
    assert fixed(text, NameFixer(word_boundaries=False)) == text


def test_user_names_are_known_and_can_replace_ours() -> None:
    mine = NameFixer(extra_names=("Terje Roed-Larsen", "Kurt Rücker"))
    assert fixed("Terje Roed-Laarsen said.", mine) == "Terje Roed-Larsen said."
    assert fixed("Kurt Rückker said.", mine) == "Kurt Rücker said."
    only_mine = NameFixer(extra_names=("Kurt Rücker",), builtin=False)
    assert fixed("Officials of Soth Korea met.", only_mine) == "Officials of Soth Korea met."


def test_the_threshold_trades_recall_for_precision() -> None:
    text = "Rain fell on Agrentina."
    (edit,) = STEP.run(Document(text)).edits
    assert edit.confidence is not None
    stricter = NameFixer(threshold=min(1.0, edit.confidence + 0.01))
    assert fixed(text, stricter) == text


def test_a_threshold_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ConfigError, match="threshold"):
        NameFixer(threshold=1.5)


def test_captions_and_related_headlines_are_fixed_too() -> None:
    doc = Document("Wang Yi met Moon Jae-in in Seoul.\n")
    doc.metadata["captions"] = ["Wang Yi and Monn Jae-in/ AP"]
    doc.metadata["related"] = ["China Cries Foul Over India's Ban"]
    result = STEP.run(doc)
    assert not result.edits
    assert result.metadata == {"captions": ["Wang Yi and Moon Jae-in/ AP"]}
    assert result.replace == frozenset({"captions"})


def test_a_real_word_in_a_caption_is_fixed_only_on_the_text_s_evidence() -> None:
    # "Mood" is a word: only the name standing in the text itself makes it a typo of "Moon";
    # a caption that opens with it is left alone (a word opening a sentence is capitalised).
    captions = ["Xi Jinping greets Mood at the summit/ AP", "Mood smiles/ AP"]
    backed = Document("Moon Jae-in spoke in Seoul. Moon urged calm on Tuesday.\n")
    backed.metadata["captions"] = list(captions)
    result = STEP.run(backed)
    assert result.metadata == {
        "captions": ["Xi Jinping greets Moon at the summit/ AP", "Mood smiles/ AP"]
    }
    unbacked = Document("Leaders spoke in Seoul on Tuesday.\n")
    unbacked.metadata["captions"] = list(captions)
    assert STEP.run(unbacked).metadata == {}


def test_the_seed_is_fixed_in_one_run_and_then_left_alone(shared: Path) -> None:
    raw = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    output = check_step_on(STEP, raw)
    assert "South Korea while" in output
    assert "milestones achieved in the fight" in output


def test_properties_hold_on_any_text() -> None:
    check_step(STEP)


def test_properties_hold_on_text_full_of_names_and_typos() -> None:
    check_step(STEP, texts=strategies.names_text())


def test_work_grows_linearly_with_the_text() -> None:
    unit = "Officials of Soth Korea met Monn Jae-in and Kallis in Seoul. "
    STEP.run(Document(unit))  # load the dictionaries first

    def seconds(n: int) -> float:
        text = unit * n
        began = time.perf_counter()
        STEP.run(Document(text))
        return time.perf_counter() - began

    small, large = seconds(200), seconds(1600)
    assert large < 8 * small * 3


def test_word_pair_counts_agree_whether_searched_or_bisected() -> None:
    from newsclean.steps import _english

    pairs = [("achieved", "in"), ("achieve", "din"), ("able", "to"), ("with", "mood")]
    saved = _english._scans[0]
    try:
        _english._scans[0] = 0
        _english.bigram_count.cache_clear()
        searched = [_english.bigram_count(a, b) for a, b in pairs]
        _english._scans[0] = _english._SCANS
        _english.bigram_count.cache_clear()
        bisected = [_english.bigram_count(a, b) for a, b in pairs]
    finally:
        _english._scans[0] = saved
        _english.bigram_count.cache_clear()
    assert searched == bisected
    assert searched[0] > 0
    assert searched[1] == 0


def test_a_token_that_folds_to_one_letter_is_no_trouble() -> None:
    # "I" and three accents fold to "i", an ending of names, with no letter before it.
    text = "He saw I\u0301\u0301\u0301 there."
    mine = NameFixer(builtin=False, extra_names=("Kurt Rücker",))
    assert fixed(text, mine) == text
