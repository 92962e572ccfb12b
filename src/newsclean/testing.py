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
  replaces (a control character it replaces counts as one: it stands for a lost character),
  and no output line is made only of inserted text.

The text strategies live here too so that contributors' tests and ours share them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import regex

from newsclean.document import Document, Edit, apply_edits, check_edits
from newsclean.steps.base import Step

__all__ = [
    "adversarial_texts",
    "check_edits_replay",
    "check_no_invention",
    "check_step",
    "check_step_on",
    "invented_lines",
    "strategies",
]

_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_ASCII_SPACE = " \t\n\r\x0b\x0c"


def _alnum(text: str) -> int:
    return len(_ALNUM.findall(text))


#: Control characters other than white space: each stands for a character a decoder lost (C1
#: controls are cp1252's letters and signs read as Latin-1), so a letter in its place is a
#: repair, not an invention.
_LOST = regex.compile(r"(?!\s)\p{Cc}")


def check_edits_replay(text: str, edits: Sequence[Edit], output: str) -> None:
    """Assert that ``edits`` are valid against ``text`` and replay to ``output``."""
    check_edits(text, edits)
    replayed = apply_edits(text, edits)
    assert replayed == output, f"edits replay to {replayed!r}, not {output!r}"


def invented_lines(original: str, edits: Sequence[Edit]) -> list[str]:
    """Output lines made only of inserted text (edits whose ``before`` is ASCII white space)."""
    pieces: list[tuple[str, bool]] = []  # (text, comes from the original or a real rewrite)
    pos = 0
    for edit in edits:
        pieces.append((original[pos : edit.start], True))
        # Grounded when it replaces more than ASCII white space: "\x85" read as cp1252 is "…".
        pieces.append((edit.after, bool(edit.before.strip(_ASCII_SPACE))))
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
        grown = _alnum(edit.after) - _alnum(edit.before) - len(_LOST.findall(edit.before))
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


def adversarial_texts(scale: float = 1.0) -> dict[str, str]:
    """Texts that make careless patterns and loops slow, by name; ``scale`` 1 is full size.

    At full size: one 4 MB line, 200,000 short lines, runs of a million slashes, dashes or
    digits, date-like tokens (also at the very top, where the date header is looked for),
    mixed scripts with stacked combining marks, and near-misses of boilerplate, entity and
    name patterns.  Every step and the whole pipeline must clean each within a few times
    ftfy's own time on the same text (``tests/test_adversarial.py``, ``nox -s bench``).
    """

    def sized(unit: str, size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    big = max(1, int(4_000_000 * scale))
    runs = max(1, int(1_000_000 * scale))
    lines = max(1, int(200_000 * scale))
    words = "The minister said on Tuesday, in Zürich, that talks “went well” — 5 per cent. "
    scripts = "Zürich Ελλάδα Москва 北京 東京 서울 العربية עברית नमस्ते ไทย e\u0301\u0308 \U0001f600 "
    return {
        "one 4 MB line": sized(words, big),
        "200,000 short lines": "Short line here.\n" * lines,
        "200,000 blank lines": "\n \n" * (lines // 2) + "Body.\n",
        "slashes": sized("/", runs),
        "slashes and spaces": sized("/ ", runs),
        "dashes": sized("-", runs),
        "mixed dashes": sized("-\N{EN DASH}\N{EM DASH} ", runs),
        "digits": sized("0123456789", runs),
        "digits and separators": sized("12:30.45,", runs),
        "date-like tokens at the top": "Published: " + sized("2020-11-26 12:00 ", runs),
        "numeric dates at the top": sized("26/11/2020 ", runs),
        "month names at the top": sized("Thursday 26 November 2020, ", runs),
        "mixed scripts": sized(scripts, big),
        "stacked combining marks": "a" + "\u0301" * runs,
        "mojibake": sized("cafÃ© naÃ¯ve â€œquotedâ€\x9d ", big // 4),
        "entities": sized("&amp;&#x41;&eacute;&", runs),
        "boilerplate cues in one line": sized("Read - Also Read: Image: Photo: ", runs),
        "boilerplate lines": "Read - Another story\nImage: A caption/ AP\n" * (lines // 2),
        "capitalised words": sized("Moon Jae Inn Xi Jinpng Emanuel Macron ", big // 4),
        "white space runs": sized(" \t\N{NO-BREAK SPACE}", runs),
    }


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
        """Three to 25 news words; the first two are words, never a dash.

        "Read — the talks." is the form of a related link, not of a sentence: a cue word with
        a separator at the start is what boilerplate looks like, so a plain sentence has none.
        """
        from hypothesis import strategies as st

        lead = st.sampled_from([w for w in self.WORDS if any(c.isalnum() for c in w)])
        return st.builds(
            lambda first, second, rest: " ".join([first, second, *rest]).capitalize() + ".",
            lead,
            lead,
            st.lists(st.sampled_from(self.WORDS), min_size=1, max_size=23),
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

    MENU = (
        "Home",
        "World",
        "Business",
        "Sport",
        "Most Popular",
        "Comments",
        "Reply",
        "Privacy Policy",
        "© 2020 The Daily News",
        "Share",
        "Print this article",
    )

    def page(self) -> Any:
        """A scraped page: menus and link lists around a body of paragraphs and boilerplate."""
        from hypothesis import strategies as st

        headline = self.sentence().map(lambda s: s.rstrip(".").title())
        menu = st.lists(st.one_of(st.sampled_from(self.MENU), headline), max_size=8)
        body = st.lists(st.one_of(self.paragraph(), self.boilerplate(), headline), max_size=6)
        return st.builds(
            lambda top, title, main, bottom: "\n".join([*top, title, *main, *bottom]) + "\n",
            menu,
            headline,
            body,
            menu,
        )

    def list_item(self) -> Any:
        """A short line of a list in a body: a quantity, a ``Label: value``, a bullet, a score."""
        from hypothesis import strategies as st

        word = st.sampled_from([w for w in self.WORDS if w.isalpha()])
        number = st.integers(min_value=0, max_value=999).map(str)
        return st.builds(
            lambda form, n, a, b: form.format(n=n, a=a, b=b),
            st.sampled_from(("{n} {a} {b}", "{a}: {n} {b}", "\N{BULLET} {a} {b}", "{a} {n}-{n}")),
            number,
            word,
            word,
        )

    def list_page(self) -> Any:
        """A scraped page whose body holds a list of short lines between its paragraphs."""
        from hypothesis import strategies as st

        menu = st.lists(st.sampled_from(self.MENU), max_size=6)
        return st.builds(
            lambda top, first, items, last, bottom: (
                "\n".join([*top, first, *items, last, *bottom]) + "\n"
            ),
            menu,
            self.paragraph(),
            st.lists(self.list_item(), max_size=8),
            st.one_of(self.paragraph(), self.boilerplate()),
            menu,
        )

    def gap_page(self) -> Any:
        """A scraped page whose body's paragraphs stand between gaps: tables, captions, cells.

        Each gap mixes a table's rows (one shape, numbers and separators), one-word cells, a
        caption printed again in every gap, invisible lines, short sentences and menu entries.
        """
        from hypothesis import strategies as st

        word = st.sampled_from([w for w in self.WORDS if w.isalpha()])
        number = st.integers(min_value=0, max_value=99).map(str)
        row = st.builds(lambda n, a, b: f"{a} {n} \N{EN DASH} {b}, {a} @ {b}", number, word, word)
        sentence = st.builds(lambda a, b: f"The {a} came to the {b} early.", word, word)
        gap_line = st.one_of(
            row,
            number,
            word,
            sentence,
            st.sampled_from(self.MENU),
            st.just("Festival 2018 Gallery"),
            st.just("\N{ZERO WIDTH SPACE}"),
        )
        part = st.tuples(st.lists(gap_line, max_size=8), self.paragraph())
        menu = st.lists(st.sampled_from(self.MENU), max_size=6)
        return st.builds(
            lambda top, first, parts, bottom: (
                "\n".join([*top, first, *(x for gap, p in parts for x in (*gap, p)), *bottom])
                + "\n"
            ),
            menu,
            self.paragraph(),
            st.lists(part, min_size=1, max_size=3),
            menu,
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

    #: What stands between words where token boundaries are subtle: apostrophes, hyphens,
    #: sentence marks, quotes, line breaks, marks of code and addresses, combining marks.
    JOINERS = (
        " ",
        " ",
        " ",
        "-",
        "'",
        "\N{RIGHT SINGLE QUOTATION MARK}",
        "'s ",
        "''",
        ". ",
        ", ",
        "\n",
        " \N{LEFT DOUBLE QUOTATION MARK}",
        "\N{RIGHT DOUBLE QUOTATION MARK} ",
        " \N{LEFT SINGLE QUOTATION MARK}",
        "\N{RIGHT SINGLE QUOTATION MARK} ",
        "  ",
        "@",
        "://",
        " #",
        "_",
        "\u0301",
        "2",
    )

    def name_tokens(self) -> Any:
        """News words, names and their typos glued by any of :data:`JOINERS`: text whose token
        boundaries, neighbours and protected spans are hard to read from the middle."""
        from hypothesis import strategies as st

        word = st.one_of(
            st.sampled_from(self.WORDS),
            st.sampled_from(self.NAME_TRAPS),
            st.sampled_from(self.NAMES),
            self.name_with_typo(),
        )
        piece = st.tuples(word, st.sampled_from(self.JOINERS)).map("".join)
        return st.lists(piece, min_size=1, max_size=24).map("".join)

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
        "\N{LATIN SMALL LIGATURE FI}nal",
        "\N{FULLWIDTH LATIN CAPITAL LETTER A}\N{FULLWIDTH LATIN CAPITAL LETTER B}",
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

    #: Date header forms, by construction: ``{b}`` abbreviated month, ``{B}`` full month,
    #: ``{a}``/``{A}`` weekday, ``{d}`` day, ``{dd}``/``{mm}`` two digits, ``{Y}`` year,
    #: ``{H}``/``{I}``/``{M}`` hours (24 and 12) and minutes, ``{p}`` AM/PM, ``{o}`` ordinal.
    DATE_FORMATS = (
        "{b} {d}, {Y}",
        "{B} {d}, {Y}",
        "{d} {b} {Y}",
        "{d} {B} {Y}",
        "{A}, {B} {d}, {Y}",
        "{a} {d} {b} {Y} {H}.{M} GMT",
        "{A}, {d}{o} of {B} {Y}",
        "{Y}-{mm}-{dd}",
        "{Y}-{mm}-{dd}T{H}:{M}:00+05:30",
        "{a}, {d} {b} {Y} {H}:{M}:00 +0000",
        " date {Y}-{mm}-{dd} ",
        "Published: {A} {d} {B} {Y} {H}:{M} IST",
        "Updated: {b} {d}, {Y}, {I}:{M} {p} ET",
        "Last Updated: {B} {d}, {Y} {H}:{M} CET",
        "First published on {a} {d} {b} {Y} {H}.{M} GMT",
        "By Jane Doe | {B} {d}, {Y}",
        "Posted on {B} {d}, {Y} by Jane Doe",
        "{b}. {d}, {Y} at {I}:{M} {p} EST",
        "{Y}/{mm}/{dd}",
        "{Y}.{mm}.{dd}",
        "{dd}.{mm}.{Y}",
        "PUBLISHED: {H}:{M} GMT, {d} {B} {Y} | UPDATED: {H}:{M} GMT, {d} {B} {Y}",
    )
    #: Lines that look like dates and are not: a header search must find nothing in them.
    NOT_HEADERS = (
        "WASHINGTON (AP) — The Senate voted on Thursday",
        "Opinion | Why the May elections matter",
        "Sun, sea and sand: a summer guide",
        "Section 230 reform: 4 things to know",
        "May 1 protests turn violent",
        "10 a.m. briefing: what we know",
        "March 2020: a timeline",
        "Updated guidance for travellers",
        "Date night ideas for 2020",
        "By the numbers: 2020 in review",
    )
    _MONTHS = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    _DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

    def render_date_header(self, form: str, day: Any, hour: int = 14, minute: int = 3) -> str:
        """One of :attr:`DATE_FORMATS` written for a date (English names) and a time."""
        return form.format(
            b=self._MONTHS[day.month - 1][:3],
            B=self._MONTHS[day.month - 1],
            a=self._DAYS[day.weekday()][:3],
            A=self._DAYS[day.weekday()],
            d=day.day,
            dd=f"{day.day:02d}",
            mm=f"{day.month:02d}",
            Y=day.year,
            H=f"{hour:02d}",
            I=hour % 12 or 12,
            M=f"{minute:02d}",
            p="PM" if hour >= 12 else "AM",
            o={1: "st", 2: "nd", 3: "rd"}.get(day.day % 10 * (day.day // 10 != 1), "th"),
        )

    def date_header(self) -> Any:
        """A date header and the ISO date it names: ``("Nov 26, 2020", "2020-11-26")``."""
        from hypothesis import strategies as st

        def render(form: str, day: Any, hour: int, minute: int) -> tuple[str, str]:
            return self.render_date_header(form, day, hour, minute), day.isoformat()

        import datetime as dt

        return st.builds(
            render,
            st.sampled_from(self.DATE_FORMATS),
            st.dates(dt.date(1990, 1, 1), dt.date(2039, 12, 31)),
            st.integers(0, 23),
            st.integers(0, 59),
        )

    def dated_body(self) -> Any:
        """Paragraphs that speak of dates in their sentences (a header search must leave them)."""
        from hypothesis import strategies as st

        date = st.sampled_from(
            (
                "on November 26, 2020",
                "on 26/11/2020",
                "by 2020-11-26",
                "since Thu, 26 Nov 2020",
                "at 10:15 a.m. EST",
                "2 hours ago",
                "in SEOUL, Nov 26",
                "Published: 26 November 2020",
            )
        )
        sentence = st.builds(lambda s, d: s.rstrip(".") + " " + d + ".", self.sentence(), date)
        return st.lists(
            st.lists(sentence, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4
        ).map(lambda ps: "\n\n".join(ps) + "\n")

    def dated_article(self) -> Any:
        """An article as the date step sees it: maybe a headline, a header, dated paragraphs."""
        from hypothesis import strategies as st

        header = st.one_of(
            self.date_header().map(lambda pair: pair[0]), st.sampled_from(self.NOT_HEADERS)
        )
        return st.builds(
            lambda headline, h, sep, body: headline + h + sep + body,
            st.sampled_from(("", "A headline about the talks\n\n")),
            header,
            st.sampled_from(("\n\n", " ", "\n")),
            self.dated_body(),
        )

    def any_text(self) -> Any:
        """Arbitrary Unicode, news-like articles, and whitespace noise."""
        from hypothesis import strategies as st

        return st.one_of(
            st.text(),
            st.text(alphabet=st.sampled_from(" \t\n\r\u00a0\u2028&;#x0-9aZé\u0301")),
            self.article(),
        )

    NAMES = (
        "Moon Jae-in",
        "Xi Jinping",
        "Wang Yi",
        "Joe Biden",
        "Angela Merkel",
        "Emmanuel Macron",
        "Narendra Modi",
        "Jacinda Ardern",
        "Recep Tayyip Erdoğan",
        "Olaf Scholz",
        "Cyril Ramaphosa",
        "Luiz Inácio Lula da Silva",
    )
    DATE_LABELS = ("", "Published: ", "Updated: ", "Date: ", "Posted on ", "Last updated ")
    TIMES = ("", " 14:03 IST", ", 5:07 PM ET", " 09:30 GMT", " 11.45am", " | 8:00 am EDT")

    def fuzz_date_header(self) -> Any:
        """A date header as a scraper leaves it: label, weekday, date in one of many forms, time."""
        import datetime as dt

        from hypothesis import strategies as st

        def render(date: dt.date, form: int, label: str, time: str, weekday: bool) -> str:
            month = self._MONTHS[date.month - 1]
            forms = (
                date.isoformat(),
                f"{month} {date.day}, {date.year}",
                f"{date.day} {month} {date.year}",
                f"{month[:3]} {date.day}, {date.year}",
                f"{date.day} {month[:3]} {date.year}",
                f"{date.day:02}/{date.month:02}/{date.year}",
                f"{date.month}/{date.day}/{date.year}",
                f"{date.day}.{date.month}.{date.year}",
            )
            day = f"{self._DAYS[date.weekday()]}, " if weekday else ""
            return f"{label}{day}{forms[form % len(forms)]}{time}"

        return st.builds(
            render,
            st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
            st.integers(0, 7),
            st.sampled_from(self.DATE_LABELS),
            st.sampled_from(self.TIMES),
            st.booleans(),
        )

    def typo(self, word: str) -> Any:
        """``word`` with one typo: a letter dropped, doubled, swapped with the next, or changed."""
        from hypothesis import strategies as st

        def damage(kind: int, where: int, letter: str) -> str:
            i = where % len(word)
            if kind == 0 and len(word) > 3:
                return word[:i] + word[i + 1 :]
            if kind == 1:
                return word[:i] + word[i] + word[i:]
            if kind == 2 and i + 1 < len(word) and word[i] != word[i + 1]:
                return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            changed = word[:i] + letter + word[i + 1 :]
            return changed if changed != word else word + letter

        return st.builds(
            damage,
            st.integers(0, 3),
            st.integers(0, 1000),
            st.sampled_from("aeiounrstl"),
        )

    def name_with_typo(self) -> Any:
        """A known name with a typo in one of its parts."""
        from hypothesis import strategies as st

        def spoil(name: str) -> Any:
            parts = name.split(" ")
            return st.integers(0, len(parts) - 1).flatmap(
                lambda k: self.typo(parts[k]).map(
                    lambda bad: " ".join([*parts[:k], bad, *parts[k + 1 :]])
                )
            )

        return st.sampled_from(self.NAMES).flatmap(spoil)

    def name_sentence(self, *, typo: bool) -> Any:
        """A sentence that mentions a name, spelled right or with a typo."""
        from hypothesis import strategies as st

        name = self.name_with_typo() if typo else st.sampled_from(self.NAMES)
        return st.builds(
            lambda before, who, after: f"{before} {who} {after}",
            self.sentence().map(lambda s: s.rstrip(".")),
            name,
            self.sentence().map(lambda s: s[0].lower() + s[1:]),
        )

    def arbitrary_unicode(self) -> Any:
        """Any characters, weighted towards those that trouble text code.

        Combining marks, bidi and zero-width controls, line and paragraph separators, C0 and C1
        controls, CJK, emoji with joiners, and mojibake-looking Latin-1.
        """
        from hypothesis import strategies as st

        troublesome = st.sampled_from(
            [
                "\u0301",
                "\u0308",
                "\u200b",
                "\u200d",
                "\u200e",
                "\u202e",
                "\u2028",
                "\u2029",
                "\u0085",
                "\x00",
                "\x1b",
                "\x9d",
                "\ufeff",
                "\ufffd",
                "\u00c3",
                "\u00a9",
                "\u00e2\u20ac\u2122",
                "\U0001f469\u200d\U0001f4bb",
                "\u5317\u4eac",
                "\u0627\u0644",
                "&amp;",
                "&#",
                "\r",
                "\t",
                " ",
                "\n",
            ]
        )
        return st.lists(st.one_of(troublesome, st.text(max_size=5)), max_size=30).map("".join)

    def fuzz_article(self) -> Any:
        """Articles that mix everything: headers, boilerplate, mojibake, name typos, any Unicode."""
        from hypothesis import strategies as st

        block = st.one_of(
            self.paragraph(),
            self.mojibake(),
            self.boilerplate(),
            self.name_sentence(typo=True),
            self.name_sentence(typo=False),
            self.arbitrary_unicode(),
        )
        sep = st.sampled_from(("\n\n", "\n", "\r\n", "\r", " \n\t\n", "\n\u00a0\n", ""))
        header = st.one_of(st.just(""), self.fuzz_date_header().map(lambda h: h + "\n\n"))
        return st.builds(
            lambda head, blocks, seps: (
                head + "".join(b + s for b, s in zip(blocks, seps, strict=False))
            ),
            header,
            st.lists(block, min_size=1, max_size=8),
            st.lists(sep, min_size=8, max_size=8),
        )

    def tracked_article(self) -> Any:
        """An article and the body lines in it that have nothing to clean.

        Clean lines are plain paragraphs and sentences with names spelled right; around them
        are a date header, boilerplate, mojibake and names with typos.  Every clean line must
        come out unchanged.
        """
        from hypothesis import strategies as st

        clean = st.one_of(self.paragraph(), self.name_sentence(typo=False)).map(lambda t: (t, True))
        dirty = st.one_of(self.boilerplate(), self.mojibake(), self.name_sentence(typo=True)).map(
            lambda t: (t, False)
        )

        def assemble(
            head: str, blocks: list[tuple[str, bool]], seps: list[str]
        ) -> tuple[str, list[str]]:
            text = head + "".join(b + s for (b, _), s in zip(blocks, seps, strict=False))
            return text, [b for b, is_clean in blocks if is_clean]

        return st.builds(
            assemble,
            st.one_of(st.just(""), self.fuzz_date_header().map(lambda h: h + "\n\n")),
            st.lists(st.one_of(clean, clean, dirty), min_size=1, max_size=8),
            st.lists(st.sampled_from(("\n\n", "\n", "\r\n", "\n\n\n")), min_size=8, max_size=8),
        )

    #: Pieces of regular expressions: the syntax the boilerplate rules use, and some they do not.
    #: (No named list: the regex module's partial matching, what tests compare readings with,
    #: reports partial matches of a named list that no text completes.)
    PATTERN_ATOMS = (
        *"ab-é. ",
        *(r"\d", r"\s", r"\w", r"\S", r"\b", r"\A", r"\(", r"\.", r"\-", r"\N{COPYRIGHT SIGN}"),
        *(r"\x41", r"\u00e9", r"\p{L}", r"\p{Lu}", "^", "$", "[a-c]", "[^a]", "[\\d_]", "[-b]"),
        *("[é-ë]", "[ -\u3000]", "[\\s\\-x]", r"\1", r"(?i)"),
    )

    def regex_pattern(self) -> Any:
        """A small regular expression: atoms, groups of every kind, quantifiers, alternation.

        Built by construction and sometimes invalid (a back reference to no group): callers
        skip what the regex module refuses.
        """
        from hypothesis import strategies as st

        quantifier = st.sampled_from(("", "", "?", "*", "+", "{0,2}", "{1,3}", "{2}", "??", "*+"))
        atom = st.sampled_from(self.PATTERN_ATOMS)

        def grouped(inner: Any) -> Any:
            opening = st.sampled_from(
                ("(", "(?:", "(?>", "(?=", "(?!", "(?<=", "(?<!", "(?P<g>", "(?i:", "(?-i:", "(?s:")
            )
            return st.builds(lambda o, body: f"{o}{body})", opening, inner)

        def sequence(item: Any) -> Any:
            quantified = st.builds(lambda a, q: a + q, item, quantifier)
            return st.lists(quantified, min_size=1, max_size=4).map("".join)

        def alternation(item: Any) -> Any:
            return st.lists(sequence(item), min_size=1, max_size=3).map("|".join)

        item = st.recursive(atom, lambda inner: grouped(alternation(inner)), max_leaves=6)
        return alternation(item)


strategies = _Strategies()
