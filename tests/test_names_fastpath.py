"""The names step's fast paths never change a result.

The step reads only the tokens that may be typos, from the middle of the text, and skips what
cannot be fixed on cheap pre-checks.  Here a plain reference does the work the slow way (every
word tokenised from the start of the text, every capitalised token decided, every pair of words
tried) and the step must find exactly the same fixes, counts and sites.
"""

from __future__ import annotations

import collections
import itertools
import sys
from typing import NamedTuple

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean import NameFixer
from newsclean.steps import _english as english
from newsclean.steps import names
from newsclean.testing import strategies

STEP = NameFixer()
MINE = NameFixer(extra_names=("Western Australia", "Kurt Rücker", "Terje Roed-Larsen"))

# --- the reference: the text tokenised from its start, as the step once did -----------------

WORD = regex.compile(r"[\p{L}\p{M}]++(?:['\u2019][\p{L}\p{M}]++)*+")
CODEISH = regex.compile(r"[@`_=<>{}\\|~^]|://|(?<!\S)(?:www\.|[#$])|\.(?<=\p{L}\.)(?=\p{Ll})")
LONG_CHUNK = regex.compile(r"\S{81,}+")
SPACE = regex.compile(r"\s")
SPACE_BEFORE = regex.compile(r"\s", regex.REVERSE)
LINE = regex.compile(r"[^\n]++")
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}'\u2019-])\p{Ll}++(?![\p{L}\p{M}'\u2019-])")
SENTENCE_END = regex.compile(r"[.!?:;\"\u201c\u201d\u2018(\[\n]")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    joined: bool
    initial: bool
    protected: bool
    capitalised: bool


def protected_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in CODEISH.finditer(text):
        left = SPACE_BEFORE.search(text, 0, match.start())
        right = SPACE.search(text, match.end())
        spans.append((left.end() if left else 0, right.start() if right else len(text)))
    spans.extend(m.span() for m in LONG_CHUNK.finditer(text))
    spans.extend(names._title_spans(text))
    vocab = english.words()
    for line in LINE.finditer(text):
        words = LOWER_WORD.findall(text, line.start(), line.end())
        if len(words) >= 6 and sum(w in vocab for w in words) < 0.6 * len(words):
            spans.append(line.span())
    return spans


def tokens(text: str) -> list[Token]:
    protected = protected_spans(text)
    out: list[Token] = []
    prev_end = -1
    for word in WORD.finditer(text):
        start = word.start()
        core = names._possessive(word.group())
        if prev_end < 0:
            joined, initial = False, True
        else:
            gap = text[prev_end:start]
            joined = gap in (" ", "-")
            initial = not joined and SENTENCE_END.search(gap) is not None
        shielded = any(s <= start < e for s, e in protected)
        capitalised = core[0].isupper() and not core[1:2].isupper()
        out.append(Token(start, start + len(core), core, joined, initial, shielded, capitalised))
        prev_end = word.end()
    return out


def site(tokens: list[Token], i: int) -> names._Site:
    token = tokens[i]
    before = tokens[i - 1] if i > 0 and token.joined else None
    after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].joined else None
    return (
        token.text,
        token.initial,
        None if before is None else (before.text, before.initial),
        None if after is None else (after.text, after.initial),
    )


def counts(tokens: list[Token]) -> dict[str, int]:
    return dict(collections.Counter(names._fold(t.text) for t in tokens if t.capitalised))


def boundary_fixes(text: str, tokens: list[Token]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for a, b in itertools.pairwise(tokens):
        if not b.joined or a.start < last_end or a.protected or b.protected:
            continue
        if b.start != a.end + 1:
            continue
        fix = names._resplit(a.text, b.text)
        if fix is not None:
            out.append((a.start, b.end, " ".join(fix)))
            last_end = b.end
    return out


def reference_find(step: NameFixer, text: str) -> list[tuple[int, int, str, str, float]]:
    """Every capitalised token decided in place, and every pair of tokens tried."""
    toks = tokens(text)
    lexicon = step._lexicon()
    context = names._Context(lexicon, counts(toks), step.config.prominent_kinds)
    out = []
    for i, token in enumerate(toks):
        if not token.capitalised or token.protected or not 4 <= len(token.text) <= 30:
            continue
        key = names._fold(token.text)
        if key in lexicon.forms:
            continue
        if (
            len(key) > 1
            and key[-1] in "sni"
            and key[-1] != key[-2]
            and key[:-1] in lexicon.candidates
        ):
            continue
        judged = context.decide(site(toks, i), step.config.threshold)
        if judged is not None:
            out.append((token.start, token.end, judged[0], judged[1], judged[2]))
    taken = [(s, e) for s, e, *_ in out]
    for start, end, after in boundary_fixes(text, toks):
        if not any(s < end and start < e for s, e in taken):
            out.append((start, end, after, "word-boundary", 0.9))
    return sorted(out)


def fast_find(step: NameFixer, text: str) -> list[tuple[int, int, str, str, float]]:
    fixes = step._find(text, names._capitalised_counts(text), dict)
    return sorted(
        (f.start, f.end, f.after, f.reason if f.kind == "name" else f.kind, f.confidence)
        for f in fixes
    )


# --- the properties ----------------------------------------------------------------------------

TRICKY = [
    "x 'Soth Korea",
    "O'Brien met Monn Jae-in-Soth Korea.",
    "ab''Soth Korea said",
    "He's in Agrentina's capital. Pakkistan.",
    "the bilateral milestones achieve din the fight",
    "milestones achieve-din the fight; achieve din's and O'achieve din",
    "See https://x.org/Soth Korea and a.b Soth Korea",
    "\u2018Return To Soth Korea\u2019 and \u201cSoth Korea\u201d",
    "Die neue Plattform wird das Systemen der Stadt Pakkistan und die das Land verbinden.",
    "S\u0301oth Korea and Soth\u0301 Korea",
    "Moon Jae-in spoke. Moon urged calm. Xi values his \u2018friendship and trust\u2019 with "
    "Mood as \u2018very important\u2019.",
    "Hamas denied it. Hamas leaders met. A Hanas official spoke.",
]


def assert_finds_what_deciding_every_token_finds(text: str) -> None:
    assert fast_find(STEP, text) == reference_find(STEP, text)
    assert fast_find(MINE, text) == reference_find(MINE, text)


@pytest.mark.parametrize("text", TRICKY)
def test_the_step_finds_what_deciding_every_token_finds_on_tricky_texts(text: str) -> None:
    assert_finds_what_deciding_every_token_finds(text)


@given(st.one_of(strategies.name_tokens(), strategies.names_text()))
def test_the_step_finds_what_deciding_every_token_finds(text: str) -> None:
    assert_finds_what_deciding_every_token_finds(text)


@given(strategies.name_tokens())
def test_capitalised_tokens_their_sites_and_protection_are_read_in_place(text: str) -> None:
    toks = tokens(text)
    lexicon = STEP._lexicon()
    words = collections.Counter(names._CAPITALISED.findall(text))
    assert names._name_counts(lexicon, words) == counts(toks)
    shield = names._Shield(text)
    spans = [m.span() for m in names._CAPITALISED.finditer(text)]
    capitals = [i for i, t in enumerate(toks) if t.text[0].isupper()]
    assert [toks[i].start for i in capitals] == [s for s, _ in spans]
    for i, (start, end) in zip(capitals, spans, strict=True):
        assert shield(start) == toks[i].protected
        assert names._site(text, start, end) == site(toks, i)


@given(strategies.name_tokens())
def test_the_pair_pattern_finds_every_pair_of_lower_case_tokens(text: str) -> None:
    toks = tokens(text)
    found = set(names._PAIR.findall(text))
    for a, b in itertools.pairwise(toks):
        x, y = a.text, b.text
        lower_words = (x + y).isascii() and (x + y).isalpha() and x.islower() and y.islower()
        if b.joined and b.start == a.end + 1 and lower_words:
            assert (x, y) in found


def test_the_capital_pattern_starts_at_every_capital_letter() -> None:
    # Every letter or mark that Python calls upper case starts a token the pattern finds.
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    upper = [c for c in regex.findall(r"[\p{L}\p{M}]", every) if c.isupper()]
    assert upper
    assert names._CAPITALISED.findall(" ".join(upper)) == upper


@given(st.text("abcdeorst", max_size=9), st.text("abcdeorst", max_size=9))
@example("abcd", "abdc")
@example("abc", "abcd")
@example("abcdefgh", "abdcefhg")
def test_the_quick_edit_distances_agree_with_the_table(a: str, b: str) -> None:
    assert names._one_edit(a, b) == (names._distance(a, b, 1) <= 1)
    names._two_edits.cache_clear()
    assert names._two_edits(a, b) == (names._distance(a, b, 2) == 2)


def _ascii(text: str) -> str:
    return text.encode("ascii", "replace").decode("ascii")


@given(st.one_of(strategies.name_tokens().map(_ascii), st.text("aB'- .\n-x\u2019Z").map(_ascii)))
@example("O'Brien's Jae-in 'Soth''s x'Y aB'cD")
def test_the_ascii_patterns_match_the_unicode_ones_on_ascii_text(text: str) -> None:
    assert names._CAPITALISED_ASCII.findall(text) == names._CAPITALISED.findall(text)
    assert names._LOWER_WORD_ASCII.findall(text) == names._LOWER_WORD.findall(text)
    assert names._LOWER_WORD.findall(text) == LOWER_WORD.findall(text)


def _ascii_letters(text: str) -> str:
    """``text`` with every letter or mark that is not ASCII made a ``?`` (typography stays)."""
    return regex.sub(r"[^\x00-\x7f](?<=[\p{L}\p{M}])", "?", text)


@given(
    st.one_of(
        strategies.name_tokens().map(_ascii_letters),
        strategies.article().map(_ascii_letters),
        strategies.unicode_mess().map(_ascii_letters),
        st.text("aB'- .\n-x\u2019Z\u201c\u2014\u00e9\u0301").map(_ascii_letters),
    )
)
@example("O\u2019Brien\u2019s Jae-in \u2018Soth\u2019s x\u2019Y aB\u2019cD \u201cGo\u201d")
def test_the_pattern_for_ascii_letters_matches_the_unicode_one(text: str) -> None:
    assert names._capitalised_pattern(text) is not names._CAPITALISED
    assert_reads_capitals_as_the_unicode_pattern(text)


@given(
    st.one_of(
        strategies.name_tokens(),
        strategies.unicode_mess(),
        strategies.arbitrary_unicode(),
        st.text("aB'- .\n\u2019Z\u00e9\u00c9\u0301\u0130\u01c5\u1e9e\u00df\u0131\u0345"),
    )
)
@example("Caf\u00e9 \u00c9mile \u01c5ukic \u0130stanbul O\u2019Brien E\u0301cole")
def test_the_pattern_for_a_text_s_own_letters_matches_the_unicode_one(text: str) -> None:
    assert_reads_capitals_as_the_unicode_pattern(text)


def assert_reads_capitals_as_the_unicode_pattern(text: str) -> None:
    pattern = names._capitalised_pattern(text)
    assert pattern.findall(text) == names._CAPITALISED.findall(text)
    for at in range(min(len(text), 400)):
        mine, theirs = pattern.match(text, at), names._CAPITALISED.match(text, at)
        assert (mine and mine.span()) == (theirs and theirs.span())


def test_each_text_is_read_with_the_pattern_its_letters_allow() -> None:
    another_script = "".join(map(chr, range(0x4E00, 0x4E00 + 50)))  # CJK ideographs
    assert names._capitalised_pattern(another_script + " Caf\u00e9") is names._CAPITALISED
    assert names._capitalised_pattern("Caf\u00e9 \u201cGo\u201d") is names._capitalised_with(
        frozenset("\u00e9")
    )
    assert names._capitalised_pattern("O\u2019Brien \u2014 Go") is names._CAPITALISED_ASCII_LETTERS
    assert names._capitalised_pattern("O'Brien") is names._CAPITALISED_ASCII


def test_a_fix_exactly_as_sure_as_the_threshold_is_made() -> None:
    text = "Rain fell on Agrentina."
    ((_, _, after, _, confidence),) = reference_find(STEP, text)
    exact = NameFixer(threshold=confidence)
    assert fast_find(exact, text) == reference_find(exact, text)
    assert [f.after for f in exact._find(text, names._capitalised_counts(text), dict)] == [after]
