"""Property checks any step can be put through, ours or a user's (needs ``hypothesis``).

>>> from newsclean.testing import check_step
>>> from newsclean import WhitespaceNormalizer
>>> check_step(WhitespaceNormalizer(), max_examples=20)

:func:`check_step` runs, on generated news-like and arbitrary text:

- no crash: the step returns a :class:`~newsclean.steps.StepResult` for any text;
- edits are valid: sorted, disjoint, inside the text, ``before`` matching the text;
- replay: applying the edits gives the step's output (the pipeline relies on it);
- idempotent: the step run on its own output changes nothing more;
- nothing invented: no edit adds more than ``max_growth`` letters and digits to what it
  replaces, and no output line is made only of inserted text.

The text strategies live here too so that contributors' tests and ours share them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import regex

from newsclean.document import Document, Edit, apply_edits, check_edits
from newsclean.steps.base import Step

__all__ = [
    "check_edits_replay",
    "check_no_invention",
    "check_step",
    "check_step_on",
    "invented_lines",
    "strategies",
]

_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def _alnum(text: str) -> int:
    return len(_ALNUM.findall(text))


def check_edits_replay(text: str, edits: Sequence[Edit], output: str) -> None:
    """Assert that ``edits`` are valid against ``text`` and replay to ``output``."""
    check_edits(text, edits)
    replayed = apply_edits(text, edits)
    assert replayed == output, f"edits replay to {replayed!r}, not {output!r}"


def invented_lines(original: str, edits: Sequence[Edit]) -> list[str]:
    """Output lines made only of inserted text (edits whose ``before`` is blank)."""
    pieces: list[tuple[str, bool]] = []  # (text, comes from the original or a real rewrite)
    pos = 0
    for edit in edits:
        pieces.append((original[pos : edit.start], True))
        pieces.append((edit.after, bool(edit.before.strip())))
        pos = edit.end
    pieces.append((original[pos:], True))
    lines: list[tuple[str, bool]] = [("", False)]
    for piece, grounded in pieces:
        for k, chunk in enumerate(piece.split("\n")):
            if k:
                lines.append(("", False))
            text, was = lines[-1]
            lines[-1] = (text + chunk, was or (grounded and bool(chunk.strip())))
    return [text for text, grounded in lines if text.strip() and not grounded]


def check_no_invention(original: str, edits: Sequence[Edit], max_growth: int) -> None:
    """Assert no edit adds more than ``max_growth`` letters/digits and no line is invented."""
    for edit in edits:
        grown = _alnum(edit.after) - _alnum(edit.before)
        assert grown <= max_growth, f"{edit.step} adds {grown} letters/digits: {edit}"
    invented = invented_lines(original, edits)
    assert not invented, f"invented lines: {invented!r}"


def check_step_on(step: Step, text: str, *, reference_date: str | None = None) -> str:
    """Run every check on one text; returns the step's output."""
    doc = Document(text, reference_date=reference_date)
    result = step.run(doc)
    assert doc.text == text, f"{step.name} changed the document it was given"
    output = apply_edits(text, result.edits)
    check_edits_replay(text, result.edits, output)
    check_no_invention(text, list(result.edits), step.max_growth)
    again = step.run(Document(output, reference_date=reference_date))
    assert not again.edits, f"{step.name} is not idempotent: a second run made {list(again.edits)}"
    return output


def check_step(
    step: Step,
    *,
    texts: Any = None,
    max_examples: int | None = None,
    reference_date: str | None = None,
) -> None:
    """Check ``step`` with hypothesis on generated texts (default :func:`strategies.any_text`)."""
    from hypothesis import given, settings

    strategy = texts if texts is not None else strategies.any_text()
    decorate: Callable[[Any], Any] = (
        settings(max_examples=max_examples) if max_examples is not None else (lambda f: f)
    )

    @decorate
    @given(strategy)
    def run(text: str) -> None:
        check_step_on(step, text, reference_date=reference_date)

    run()


class _Strategies:
    """Hypothesis strategies for news-like text, built by construction (imported lazily)."""

    WORDS = (
        "the",
        "minister",
        "said",
        "on",
        "Tuesday",
        "talks",
        "in",
        "Seoul",
        "were",
        "held",
        "with",
        "officials",
        "from",
        "China",
        "and",
        "South",
        "Korea",
        "after",
        "a",
        "long",
        "delay",
        "café",
        "naïve",
        "Zürich",
        "Erdoğan",
        "2020",
        "COVID-19",
        "per",
        "cent",
        "“quoted”",
        "it’s",
        "—",
        "Moon",
        "Jae-in",
        "United",
        "Nations",
        "reports",
        "Read",
        "photo",
        "image",
        "of",
        "to",
        "is",
        "was",
        "by",
        "at",
        "new",
        "government",
    )
    BOILERPLATE = (
        "Read - {h}",
        "Also Read: {h}",
        "READ MORE: {h}",
        "Image: {n}/ AP",
        "Photo: Reuters",
        "Advertisement",
        "Follow us on Twitter and Facebook for the latest news.",
        "Click here to subscribe to our newsletter",
        "(With inputs from PTI)",
    )
    HEADERS = (
        " date 2020-11-26 ",
        "Published: Thursday 26 November 2020 14:03 IST\n\n",
        "Updated: Nov 26, 2020, 5:07 PM ET\n\n",
        "November 26, 2020\n\n",
        "26 Nov 2020\n\n",
    )

    def sentence(self) -> Any:
        from hypothesis import strategies as st

        return st.lists(st.sampled_from(self.WORDS), min_size=3, max_size=25).map(
            lambda ws: " ".join(ws).capitalize() + "."
        )

    def paragraph(self) -> Any:
        from hypothesis import strategies as st

        return st.lists(self.sentence(), min_size=1, max_size=4).map(" ".join)

    def mojibake(self) -> Any:
        """A paragraph with UTF-8 read as cp1252 (where that is reversible)."""

        def damage(text: str) -> str:
            try:
                return text.encode("utf-8").decode("cp1252")
            except UnicodeDecodeError:
                return text

        return self.paragraph().map(damage)

    def boilerplate(self) -> Any:
        from hypothesis import strategies as st

        return st.builds(
            lambda t, h, n: t.format(h=h, n=n),
            st.sampled_from(self.BOILERPLATE),
            self.sentence().map(lambda s: s.rstrip(".").title()),
            st.sampled_from(("Wang Yi and Moon Jae-in", "Joe Biden", "Xi Jinping")),
        )

    def article(self) -> Any:
        """A news article as a scraper leaves it: header, paragraphs, boilerplate, mojibake."""
        from hypothesis import strategies as st

        block = st.one_of(self.paragraph(), self.paragraph(), self.mojibake(), self.boilerplate())
        sep = st.sampled_from(("\n\n", "\n", "\n\n\n", " \n \n", "\r\n\r\n"))
        return st.builds(
            lambda header, blocks, seps: (
                header + "".join(b + s for b, s in zip(blocks, seps, strict=False))
            ),
            st.sampled_from(("", *self.HEADERS)),
            st.lists(block, min_size=1, max_size=8),
            st.lists(sep, min_size=8, max_size=8),
        )

    def clean_paragraphs(self) -> Any:
        """Plain paragraphs with nothing to clean, one blank line apart."""
        from hypothesis import strategies as st

        return st.lists(self.paragraph(), min_size=1, max_size=6).map(
            lambda ps: "\n\n".join(ps) + "\n"
        )

    #: Names the shipped dictionaries hold, misspelt ones, and the traps around them: real
    #: words that look like names, derived forms, names we do not know, titles and addresses.
    NAME_TRAPS = (
        "South Korea",
        "Soth Korea",
        "Moon Jae-in",
        "Monn Jae-in",
        "Mood",
        "Yasser Arafat's",
        "Arafatt's",
        "East Tior",
        "Erdoğan",
        "Erdoğn",
        "Osama bin Lade",
        "achieve din",
        "Kallis",
        "Klusener",
        "Israelis",
        "the Koreas",
        "SOTH KOREA",
        "‘Return To Soth Korea’",
        "https://example.com/Soth",
        "#Soth",
    )

    def names_text(self) -> Any:
        """Paragraphs of news words mixed with names, typos in names and their traps."""
        from hypothesis import strategies as st

        word = st.one_of(st.sampled_from(self.WORDS), st.sampled_from(self.NAME_TRAPS))
        sentence = st.lists(word, min_size=2, max_size=14).map(
            lambda ws: " ".join(ws)[:1].upper() + " ".join(ws)[1:] + "."
        )
        return st.lists(sentence, min_size=1, max_size=8).map(
            lambda ss: "\n\n".join(" ".join(ss[i : i + 3]) for i in range(0, len(ss), 3)) + "\n"
        )

    TYPOGRAPHY = (
        "\N{RIGHT SINGLE QUOTATION MARK}",
        "\N{LEFT DOUBLE QUOTATION MARK}",
        "\N{RIGHT DOUBLE QUOTATION MARK}",
        "\N{LEFT SINGLE QUOTATION MARK}",
        "\N{EM DASH}",
        "\N{EN DASH}",
        "\N{HORIZONTAL ELLIPSIS}",
        "\N{NO-BREAK SPACE}",
        "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}",
        "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}",
        "\N{EURO SIGN}",
        "\N{POUND SIGN}",
        "\N{DEGREE SIGN}",
        "\N{BULLET}",
    )
    FOREIGN = (
        "café",
        "Zürich",
        "Erdoğan",
        "São Paulo",
        "Ελλάδα",
        "Москва",
        "東京",
        "ﬁnal",
        "ＡＢＣ",
    )
    DAMAGE = (
        "\x00",
        "\x07",
        "\x1b[1m",
        "\x7f",
        "\x85",
        "\x92",
        "\r",
        "\r\n",
        "\u2028",
        "\u200b",
        "\ufeff",
        "\ud83d",
        "e\u0301",
        "&amp;",
        "&eacute;",
        "&#x2019;",
        "&lt;b&gt;",
        "<",
        "\ufffd",
    )

    def unicode_mess(self) -> Any:
        """Text that mixes plain ASCII, typography, foreign words, mojibake and control damage."""
        from hypothesis import strategies as st

        def garble(text: str, codec: str) -> str:
            try:
                return text.encode("utf-8").decode(codec)
            except UnicodeDecodeError:
                return text.encode("utf-8").decode("latin-1")

        clean = st.one_of(
            st.sampled_from(self.WORDS),
            st.sampled_from(self.TYPOGRAPHY),
            st.sampled_from(self.FOREIGN),
        )
        garbled = st.builds(
            garble,
            st.lists(clean, min_size=1, max_size=4).map(" ".join),
            st.sampled_from(("cp1252", "latin-1", "mac_roman", "cp1251")),
        )
        piece = st.one_of(clean, clean, garbled, st.sampled_from(self.DAMAGE))
        sep = st.sampled_from((" ", " ", "", "\n", "\n\n"))
        return st.lists(st.tuples(piece, sep), max_size=30).map(
            lambda pairs: "".join(p + s for p, s in pairs)
        )

    def any_text(self) -> Any:
        """Arbitrary Unicode, news-like articles, and whitespace noise."""
        from hypothesis import strategies as st

        return st.one_of(
            st.text(),
            st.text(alphabet=st.sampled_from(" \t\n\r\u00a0\u2028&;#x0-9aZé\u0301")),
            self.article(),
        )


strategies = _Strategies()
