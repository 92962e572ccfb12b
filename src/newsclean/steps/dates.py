"""Find the date header at the top of an article and make it one canonical ``Date:`` line.

The step looks at the first few lines only (each unit of text in its first ``_SPAN`` characters):
headlines and kickers may come first, the header is one or more lines of dates, labels, bylines
and reading times, or sits glued to the start of the first paragraph.  Each unit is read by one
grammar of *segments* (label? then a date, a relative date, a time, a byline or a reading time),
built once per process from the word lists in ``dictionaries/dates/``; the isolated span is then
checked strictly (a real calendar date, a real time, a known zone).  A wire dateline ("SEOUL,
Nov 26 (Reuters) - ...") is the article's lead: it stays in the text and goes to metadata.

Dates in the body are never looked at, and nothing reads the machine's clock: year-less and
relative forms are anchored on the document's reference date, or give no date and a note.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import regex

from newsclean.dictionaries import read_lines
from newsclean.document import Document, Edit
from newsclean.exceptions import ConfigError, DictionaryError
from newsclean.steps.base import StepConfig, StepResult, TextFixer

__all__ = ["DateHeader", "DateHeaderConfig", "parse_reference_date"]

#: Units (lines, or the header and the rest of a glued line) the header search looks at.
_MAX_UNITS = 12
#: Lines that are not header (headline, kicker, lead) after which the search stops.
_MAX_PLAIN = 3
#: A line that is not header and at least this long is body: the search stops after it.
_LONG = 200
#: Characters of a unit the grammar looks at (a header is never longer).
_SPAN = 320
#: Characters in which ``date_order="auto"`` looks for an unambiguous numeric date.
_EVIDENCE = 100_000
#: Years a header may name; a computed date outside them is dropped (it could not be read back).
_YEARS = range(1800, 2200)

_EOW = r"(?!\p{L})"  # end of a word
_FLAGS = regex.IGNORECASE | regex.VERSION0
_LIST_REF = regex.compile(r"\\L<(\w+)>")
#: The patterns compiled with their repeated named lists built once (see ``_compile``).
_DEFINED = frozenset({"byline", "dateline"})


@dataclass(frozen=True)
class DateHeaderConfig(StepConfig):
    """How the header is read and written back.

    - ``mode`` (default ``"replace"``): label, byline and bare-date headers become one
      ``Date: <ISO 8601>`` line followed by a blank line; ``"strip"`` removes them, ``"keep"``
      leaves the text alone.  The date goes to metadata in every mode; a wire dateline always
      stays in the text (it is the lead), and a header that gives no date is left as it is.
    - ``date_order`` (default ``"auto"``): how to read an ambiguous numeric date such as
      03/04/2020 (``"DMY"`` or ``"MDY"``).  ``"auto"`` uses the header's weekday when it names
      one, else an unambiguous numeric date elsewhere in the document (13/04/2020 says DMY),
      else DMY, the order of most of the world (evidence is looked for in the first 100,000
      characters, so the search stays cheap on any text).  An ambiguous date read by order sets
      metadata ``date_ambiguous: true``; the trade-off is a wrong day for US-only sources left
      on auto.
    """

    mode: Literal["replace", "strip", "keep"] = "replace"
    date_order: Literal["auto", "DMY", "MDY"] = "auto"


def parse_reference_date(value: str) -> dt.date | dt.datetime:
    """Read a reference date (``2020-11-26``, ``2020-11-26T14:03:00+00:00``, ``...Z``).

    Raises :class:`ConfigError` naming the value and the forms accepted.
    """
    return _parse_reference(value.strip())


@functools.lru_cache(maxsize=64)
def _parse_reference(text: str) -> dt.date | dt.datetime:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"
        return dt.datetime.fromisoformat(text)
    except ValueError:
        msg = (
            f"reference date {text!r} is not an ISO 8601 date or date-time: give it as "
            "2020-11-26 or 2020-11-26T14:03:00+00:00"
        )
        raise ConfigError(msg) from None


# --- the grammar, built once per process from the dictionaries ---------------------------------


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    """A word as the tables key it (lower case, single spaces, no final full stop); cached, as
    headers repeat the same few words."""
    return " ".join(text.lower().split()).rstrip(".")


def _table(name: str, width: int) -> list[list[str]]:
    rows = []
    for line in read_lines(f"dates/{name}"):
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != width or not all(fields):
            msg = f"dates/{name}: expected {width} fields separated by '|', got {line!r}"
            raise DictionaryError(msg)
        rows.append(fields)
    return rows


class _Lists:
    """Word lists as the regex module's named lists (``\\L<name>``): one set lookup, not an
    alternation tried branch by branch, which keeps a match of the whole grammar in microseconds.
    """

    def __init__(self) -> None:
        self.lists: dict[str, list[str]] = {}
        self._names: dict[frozenset[str], str] = {}

    def __call__(self, words: Iterable[str]) -> str:
        key = frozenset(" ".join(w.split()) for w in words)
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = f"w{len(self._names)}"
            self.lists[name] = sorted(key)
        return f"\\L<{name}>"


def _offset(text: str, where: str) -> int:
    sign = -1 if text[0] == "-" else 1
    try:
        hours, minutes = text[1:].split(":")
        return sign * (int(hours) * 60 + int(minutes))
    except ValueError:
        msg = f"dates/{where}: offset {text!r} is not +HH:MM"
        raise DictionaryError(msg) from None


def _time(p: str) -> str:
    """A clock time, its groups named with prefix ``p`` (``10:15 a.m.``, ``14h03``, ``14 Uhr``)."""
    ampm = f"(?P<{p}ap>AMPM){_EOW}"
    return (
        # 1215 GMT: four digits, only before a zone
        rf"(?:(?P<{p}h>[01]\d|2[0-3])(?P<{p}m>[0-5]\d)(?=[^\S\n]*\(?(?-i:ZONES|GMT|UTC){_EOW})"
        f"|(?P<{p}h>2[0-3]|[01]?\\d)"
        r"(?:"
        rf"(?:[:.]|[^\S\n]?h[^\S\n]?)(?P<{p}m>[0-5]\d)"
        rf"(?::(?P<{p}s>[0-5]\d|60)(?:[.,]\d{{1,9}})?)?(?:[^\S\n]*{ampm})?"
        rf"|[^\S\n]*{ampm}"
        rf"|[^\S\n]?h{_EOW}"
        rf"|(?=[^\S\n]*SUFFIX{_EOW})"
        r")"
        rf"(?:[^\S\n]*(?:SUFFIX){_EOW})?)"
    )


def _zone(p: str) -> str:
    """A zone after a time, case-sensitive: ``GMT``, ``GMT+4``, ``+05:30``, ``(IST)``, ``Z``."""
    return (
        r"[^\S\n]*\(?(?-i:"
        rf"(?:GMT|UTC|UT)[^\S\n]?(?P<{p}sg>[+\-\u2212])[^\S\n]?(?P<{p}oh>1[0-4]|0?\d)"
        rf"(?:[:.]?(?P<{p}om>[0-5]\d))?(?!\d)"
        rf"|(?P<{p}sg>[+\-\u2212])(?P<{p}oh>1[0-4]|0\d):?(?P<{p}om>[0-5]\d)(?!\d)"
        rf"|(?P<{p}ab>ZONES){_EOW}"
        rf"|(?P<{p}z>Z){_EOW}"
        r")\)?"
    )


_Compiled = tuple[regex.Pattern[str], tuple[str, ...], Callable[[tuple[Any, ...]], Any]]


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    labels: dict[str, str]
    pm: frozenset[str]
    units: dict[str, str]
    numbers: dict[str, int]
    days: dict[str, int]
    zones: dict[str, tuple[int, str]]
    label_tail: regex.Pattern[str]
    labels_by_head: dict[str, tuple[str, ...]]
    label_width: int
    starts: dict[str, frozenset[str]]
    sep: regex.Pattern[str]
    tail: regex.Pattern[str]
    glue: regex.Pattern[str]
    #: The grammar's patterns by name, as source: each is compiled on first use (a document
    #: that has no byline never pays for the byline pattern).
    sources: dict[str, str]
    lists: dict[str, list[str]]
    _cache_patterns: dict[str, _Compiled] = field(default_factory=dict)

    def pattern(self, name: str) -> _Compiled:
        """The compiled pattern ``name``, the names of its groups and a getter of the date
        fields from its groups (padded with one None for the fields it lacks); once."""
        found = self._cache_patterns.get(name)
        if found is None:
            compiled = _compile(self.sources[name], self.lists, name in _DEFINED)
            names = _group_names(compiled)
            index = {n: i for i, n in enumerate(names)}
            fields = operator.itemgetter(*(index.get(n, len(names)) for n in _DATE_FIELDS))
            found = self._cache_patterns[name] = (compiled, names, fields)
        return found


def _compile(source: str, lists: dict[str, list[str]], define: bool) -> regex.Pattern[str]:
    """Compile a grammar pattern; with ``define``, each named list it repeats is built once.

    The regex module builds a named list anew at every reference (most of the compile time of
    the grammar): with ``define`` a repeated list is put in a ``DEFINE`` group and called there,
    which matches the same strings with the same backtracking but ~10% slower, so only for the
    patterns tried on few lines (bylines, datelines).
    """
    defines = []
    for name in sorted(set(_LIST_REF.findall(source))) if define else ():
        if source.count(f"\\L<{name}>") > 1:
            source = source.replace(f"\\L<{name}>", f"(?&_{name})")
            defines.append(f"(?P<_{name}>\\L<{name}>)")
    if defines:
        source += f"(?(DEFINE){''.join(defines)})"
    used = {name: words for name, words in lists.items() if f"\\L<{name}>" in source}
    # The stub types keyword arguments as flags; the regex module takes named lists there.
    return regex.compile(source, _FLAGS, **used)  # type: ignore[arg-type]


@functools.cache
def _grammar() -> _Grammar:
    months = {_norm(w): int(n) for w, n in _table("months.txt", 2)}
    weekdays = {_norm(w): int(n) for w, n in _table("weekdays.txt", 2)}
    labels = {_norm(w): role for w, role in _table("labels.txt", 2)}
    words: dict[str, list[str]] = {}
    for word, role in _table("words.txt", 2):
        words.setdefault(role, []).append(word)
    rel: dict[str, list[tuple[str, str]]] = {}
    for kind, word, value in _table("relative.txt", 3):
        rel.setdefault(kind, []).append((word, value))
    zones: dict[str, tuple[int, str]] = {}
    for abbr, off, rule, _name in _table("timezones.txt", 4):
        zones[" ".join(abbr.split())] = (_offset(off, "timezones.txt"), rule)

    _alt = _Lists()
    mon = _alt(months) + _EOW + r"\.?"
    wd = _alt(weekdays) + _EOW + r"\.?"
    day = r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)(?:(?:st|nd|rd|th|er)" + _EOW + r")?"
    sp = r"[^\S\n]"
    core = (
        r"(?:"
        # 2020-11-26, 2020/11/26, 2020.11.26, 2020. 11. 26.
        rf"(?P<y>\d{{4}})(?P<s1>[\-/.]){sp}?(?P<m>1[0-2]|0?[1-9])(?P=s1){sp}?"
        rf"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)(?:\.(?!\d))?"
        # 26/11/2020, 11/26/2020, 26.11.2020, 26-11-20
        r"|(?P<a>\d{1,2})(?P<s2>[\-/.])(?P<b>\d{1,2})(?P=s2)(?P<yy>\d{4}|\d{2})(?!\d)"
        # 26 Nov 2020, 26th of November 2020, 26. November 2020, 26 de noviembre de 2020
        rf"|{day}\.?(?:{sp}+(?:{_alt(words['day_month'])}){sp}+|{sp}*-{sp}*|{sp}+)(?P<mon>{mon})"
        rf"(?:(?:{sp}*,{sp}*|{sp}+)(?:(?:{_alt(words['month_year'])}){sp}+)?|{sp}*-{sp}*)?"
        rf"(?P<y>\d{{4}})?(?!\d)"
        # Nov 26, 2020; November 26th 2020; Nov. 26
        rf"|(?P<mon>{mon}){sp}*{day}(?:(?:{sp}*,{sp}*|{sp}+)(?P<y>\d{{4}})(?!\d))?"
        r")"
    )
    before_time = rf"(?:(?:{_alt(words['before_time'])}){_EOW}{sp}+)?"
    time_after = rf"(?:T|{sp}*,{sp}*|{sp}+){before_time}{_time('t')}(?:{_zone('z')})?"
    numbers = {_norm(w): int(v) for w, v in rel["number"]}
    count = rf"(?:(?P<n>\d{{1,3}}){sp}*|(?P<n>{_alt(numbers)}){sp}+)"
    unit = rf"(?P<u>{_alt(w for w, _ in rel['unit'])}){_EOW}\.?"
    relative = (
        r"(?:"
        rf"{count}{unit}{sp}+{_alt(w for w, _ in rel['ago_after'])}{_EOW}"
        rf"|{_alt(w for w, _ in rel['ago_before'])}{sp}+{count}{unit}"
        rf"|(?P<day>{_alt(w for w, _ in rel['day'])}){_EOW}"
        rf"|(?P<now>{_alt(w for w, _ in rel['now'])}){_EOW}"
        r")"
    )
    read = (
        "(?:"
        + "|".join(
            r"\s*".join(r"\d{1,3}" if t == "{n}" else regex.escape(t) for t in w.split())
            for w, _ in sorted(rel["read"], key=lambda r: -len(r[0]))
        )
        + rf"){_EOW}\.?"
    )
    stop = rf"(?i:(?:{_alt([*months, *weekdays, *labels, *words['byline']])}){_EOW})"
    token = rf"(?!{stop})\p{{Lu}}[\p{{L}}\p{{M}}'’.\-]*+"
    person = (
        rf"(?-i:{token}(?:{sp}+(?:(?:{_alt(words['name_particle'])}){sp}+){{0,2}}{token}){{0,4}})"
    )
    joiner = rf"(?:{sp}*,{sp}*|{sp}+(?:{_alt(words['name_joiner'])}){sp}+)"
    # A user name as blogs print it ("Posted by admin on ..."): one lower-case token that is
    # none of the grammar's words.
    small = [*months, *weekdays, *labels, *(w for ws in words.values() for w in ws)]
    handle = rf"(?-i:(?!(?i:{_alt(small)}){_EOW})\p{{Ll}}[\p{{Ll}}\p{{N}}_.\-]*+)"
    byline = (
        rf"(?:{_alt(words['byline'])}){sp}+"
        rf"(?P<name>{person}(?:{joiner}{person}){{0,3}}|{handle})"
    )
    after_label = _alt(words["after_label"])
    ampm = _alt([*words["am"], *words["pm"]])
    suffix = _alt(words["time_suffix"])
    zone_names = _alt(zones)
    # A date may open with its time ("09:03 GMT, 26 November 2020"); a segment that starts with
    # a letter cannot, so it is read by the pattern without that opening (``date_w``).
    date_rest = rf"(?:(?P<wd>{wd}),?{sp}*)?{core}(?:{time_after})?"
    kinds = {
        "date": (
            rf"(?:{_time('p')}(?:{_zone('q')})?(?:{sp}*\([^()\n]{{1,24}}\))?"
            rf"{sp}*,?{sp}+(?:{after_label}{_EOW}{sp}+)?)?{date_rest}"
        ),
        "date_w": date_rest,
        "rel": rf"{relative}(?:{time_after})?",
        "time": rf"{before_time}{_time('t')}(?:{_zone('z')})?",
        "byline": byline,
        "read": read,
    }

    def filled(pattern: str) -> str:
        pattern = pattern.replace("AMPM", ampm).replace("SUFFIX", suffix)
        return pattern.replace("ZONES", zone_names)

    # Which kinds of segment may start with a word: the grammar is only tried where it can match.
    starts: dict[str, set[str]] = {"0": {"date", "rel", "time", "read"}}
    first_words = {
        "date": [*months, *weekdays, *words["after_label"]],
        "rel": [*numbers, *(w for k in ("ago_before", "day", "now") for w, _ in rel[k])],
        "time": words["before_time"],
        "byline": words["byline"],
        "read": [w for w, _ in rel["read"] if not w.startswith("{")],
        "label": labels,
        "conn": words["after_label"],
    }
    for kind, phrases in first_words.items():
        for phrase in phrases:
            head = _WORD.match(phrase.lower())
            if head is not None:
                starts.setdefault(head.group(), set()).add(kind)
    place_word = rf"(?!(?i:{_alt([*months, *weekdays])}){_EOW})\p{{Lu}}[\p{{L}}\p{{M}}'’.\-]*+"
    dateline = (
        rf"(?-i:(?P<place>{place_word}(?:[ /]{place_word}){{0,4}}"
        rf"(?:,{sp}+{place_word})?)),{sp}+(?:{wd},?{sp}+)?"
        rf"(?:(?P<mon>{mon}){sp}*(?P<d>3[01]|[12]\d|0?[1-9])|(?P<d>3[01]|[12]\d|0?[1-9])\.?{sp}+"
        rf"(?P<mon>{mon}))(?!\d)(?:,?{sp}+(?P<y>\d{{4}}))?(?!\d)"
        rf"(?:{sp}*(?:\((?P<agency>[^()\n]{{1,40}})\)|/(?P<agency>[^/\n]{{1,30}})/))?"
        rf"{sp}*(?:-{{1,2}}|–|—|:)"
    )
    sources = {kind: filled(pattern) for kind, pattern in kinds.items()}
    sources["label"] = rf"(?P<label>{_alt(labels)}){_EOW}{sp}*(?:[:\-–—]{sp}*)?"
    sources["conn"] = rf"(?P<conn>{after_label}){_EOW}(?:{sp}*:)?{sp}+"
    sources["dateline"] = dateline
    heads: dict[str, list[str]] = {}
    for label in labels:
        heads.setdefault(label.split()[0], []).append(label)
    by_head = {h: tuple(sorted(ls, key=len, reverse=True)) for h, ls in heads.items()}
    return _Grammar(
        months=months,
        weekdays=weekdays,
        labels=labels,
        pm=frozenset(_norm(w) for w in words["pm"]),
        units={_norm(w): v for w, v in rel["unit"]},
        numbers=numbers,
        days={_norm(w): int(v) for w, v in [*rel["day"], *rel["now"]]},
        zones=zones,
        label_tail=regex.compile(r"[^\S\n]*+(?:[:\-–—][^\S\n]*+)?"),
        labels_by_head=by_head,
        label_width=max(map(len, labels)) + 1,
        starts={word: frozenset(k) for word, k in starts.items()},
        # Between segments: a bar, bullet, slash or two, dash or two, comma; a parenthesis
        # around one ("09:12 AM (Updated: 11:30 AM)").
        sep=regex.compile(r"[^\S\n]*+\)?[^\S\n]*+(?:(?:[|·•;,–—(]|-{1,2}|/{1,2})[^\S\n]*+)?"),
        tail=regex.compile(r"[\s|·•/;,–—\-)]*+"),
        glue=regex.compile(r"(?:[^\S\n]*+[\-–—|][^\S\n]*+|[^\S\n]++)"),
        sources=sources,
        lists=_alt.lists,
    )


_WS = regex.compile(r"\s*+")
_WORD = regex.compile(r"\p{L}+|\d")
_DIGIT = regex.compile(r"[0-9]")
_LABEL_MARKS = ":-\u2013\u2014"  # what may end a label (``label_tail``)
#: The order in which kinds of segment are tried where several may start.
_KIND_ORDER = ("date", "rel", "time", "byline", "read")
_NOTHING: frozenset[str] = frozenset()
#: The groups ``_Reader.date`` reads from a date match, in its order: the calendar date, the
#: time after it and the time before it (prefixes ``t`` and ``p`` of ``_time``), their zones
#: (``z`` and ``q`` of ``_zone``).  Taken in one call: no dictionary of groups per match.
_DATE_FIELDS = (
    *("wd", "mon", "d", "y", "a", "b", "yy", "m"),
    *("th", "tm", "ts", "tap", "ph", "pm", "ps", "pap"),
    *("zz", "zab", "zsg", "zoh", "zom", "qz", "qab", "qsg", "qoh", "qom"),
)
# What the segments of a unit hold (``_Reader.unit``).
_DATED, _WEAK, _STRONG = 1, 2, 4
# Evidence of the order of numeric dates: a day above 12 on one side of the month.
_ORDER = regex.compile(
    r"(?<![\d./\-])(?:(?P<dmy>1[3-9]|2\d|3[01])[/.\-](?:0?[1-9]|1[0-2])"
    r"|(?P<mdy>0?[1-9]|1[0-2])[/.\-](?:1[3-9]|2\d|3[01]))[/.\-](?:\d{4}|\d{2})(?![\d./\-])"
)


def _skip(pattern: regex.Pattern[str], text: str, pos: int, stop: int) -> int:
    """Where a pattern that always matches (white space, separators) ends."""
    if pos >= stop or text[pos].isalnum():
        return pos  # nothing to skip: the common case, without a call into the regex module
    m = pattern.match(text, pos, stop)
    return pos if m is None else m.end()


_Groups = dict[str, "str | None"]  # a match's groups by name, read at once (names are slow)


def _s(m: _Groups, name: str) -> str:
    """A group the grammar always fills where it is read ("" if not)."""
    return m.get(name) or ""


def _group_names(pattern: regex.Pattern[str]) -> tuple[str, ...]:
    """The names of a pattern's groups in the order of ``Match.groups()``."""
    names = sorted(pattern.groupindex.items(), key=lambda item: item[1])
    return tuple(name for name, _ in names)


# --- what a header says ---------------------------------------------------------------------


@dataclass(slots=True)
class _Stamp:
    """A date read from a header: the calendar date, maybe a clock time and a zone."""

    role: str
    date: dt.date | None = None
    month_day: tuple[int, int] | None = None  # a date without its year
    time: tuple[int, int, int] | None = None
    zone: tuple[int, str] | None = None  # (minutes east of UTC, rule)
    ambiguous: bool = False
    exact: dt.datetime | None = None  # a relative time computed from a reference date-time
    note: str | None = None


@dataclass(slots=True)
class _Segment:
    kind: str  # date, rel, time, byline, read, bare
    end: int
    stamp: _Stamp | None = None
    author: str | None = None
    strong: bool = False  # a full date with its year: may be glued to a paragraph
    label: str | None = None


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    header: bool
    dated: bool = False
    segments: Sequence[_Segment] = ()


def _sunday(year: int, month: int, n: int) -> dt.date:
    """The n-th Sunday of a month (n = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


@functools.lru_cache(maxsize=512)
def _season(rule: str, year: int) -> tuple[dt.date, dt.date]:
    """The first and last days of daylight saving time in a year (``au`` spans New Year)."""
    if rule == "us":
        if year >= 2007:
            return _sunday(year, 3, 2), _sunday(year, 11, 1)
        return _sunday(year, 4, 1), _sunday(year, 10, -1)
    if year >= 2008:
        return _sunday(year, 10, 1), _sunday(year, 4, 1)
    return _sunday(year, 10, -1), _sunday(year, 3, -1)


def _summer(rule: str, day: dt.date, hour: int) -> bool:
    """Whether daylight saving time is on for a zone named without its season."""
    if rule not in ("us", "au"):
        return False
    start, end = _season(rule, day.year)
    if day == start:
        return hour >= 2
    if day == end:
        return hour < (2 if rule == "us" else 3)
    if rule == "us":
        return start < day < end
    return day > start or day < end


def _iso(stamp: _Stamp) -> str | None:
    if stamp.exact is not None:
        return stamp.exact.isoformat(timespec="seconds")
    day = stamp.date
    if day is None or day.year not in _YEARS:
        return None
    if stamp.time is None:
        return day.isoformat()
    h, mi, s = stamp.time  # the grammar bounds them: under 24, 60 and 60
    iso = f"{day.isoformat()}T{_TWO[h]}:{_TWO[mi]}:{_TWO[s]}"
    if stamp.zone is None:
        return iso
    minutes, rule = stamp.zone
    if rule != "-" and _summer(rule, day, h):
        minutes += 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{iso}{sign}{_two(hours)}:{_TWO[rest]}"


#: Two-digit numbers as ISO 8601 writes them (a table: cheaper than a format per field).
_TWO = tuple(f"{n:02d}" for n in range(100))


def _two(n: int) -> str:
    return _TWO[n] if n < 100 else str(n)


def _with_year(month_day: tuple[int, int], anchor: dt.date) -> dt.date | None:
    """The date with that month and day nearest before the anchor (two days' grace)."""
    for year in (anchor.year, anchor.year - 1):
        try:
            day = dt.date(year, *month_day)
        except ValueError:
            continue
        if day <= anchor + dt.timedelta(days=2):
            return day
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _months_back(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    return dt.date(year, month, 28)  # pragma: no cover - every month has 28 days


class _Reader:
    """Reads the segments of one document's header, with its reference date and date order."""

    def __init__(self, g: _Grammar, doc: Document, order: str) -> None:
        self.g = g
        self.text = doc.text
        self.order = order
        self.reference = parse_reference_date(doc.reference_date) if doc.reference_date else None
        self._evidence: str | None = None

    @property
    def ref_day(self) -> dt.date | None:
        ref = self.reference
        return ref.date() if isinstance(ref, dt.datetime) else ref

    def document_order(self) -> str:
        if self._evidence is None:
            found = _ORDER.search(self.text, 0, _EVIDENCE)
            self._evidence = "MDY" if found is not None and found.group("mdy") else "DMY"
        return self._evidence

    def clock(
        self, hour: str | None, minute: str | None, second: str | None, ap: str | None
    ) -> tuple[int, int, int] | None:
        """A time from its groups; None without an hour or when it is no real time."""
        if hour is None:
            return None
        h, mi = int(hour), int(minute or 0)
        s = min(int(second or 0), 59)
        if ap is not None:
            if not 1 <= h <= 12:
                return None
            if _norm(ap) in self.g.pm:
                h = h % 12 + 12
            else:
                h %= 12
        return (h, mi, s)

    def zone(
        self, z: str | None, abbr: str | None, sign: str | None, oh: str | None, om: str | None
    ) -> tuple[int, str] | None:
        """A zone from its groups: ``Z``, an abbreviation or a signed offset."""
        if z is not None:
            return (0, "-")
        if abbr is not None:
            return self.g.zones.get(" ".join(abbr.split()))
        if sign is None:
            return None
        minutes = int(oh or 0) * 60 + int(om or 0)
        return (-minutes if sign in "-\u2212" else minutes, "-")

    def clock_of(self, m: _Groups) -> tuple[int, int, int] | None:
        return self.clock(m.get("th"), m.get("tm"), m.get("ts"), m.get("tap"))

    def zone_of(self, m: _Groups) -> tuple[int, str] | None:
        return self.zone(m.get("zz"), m.get("zab"), m.get("zsg"), m.get("zoh"), m.get("zom"))

    def date(
        self, f: tuple[str | None, ...], end: int, role: str, label: str | None
    ) -> _Segment | None:
        """A date segment from the fields of a date match (``_DATE_FIELDS``); None when it
        is no real date or time."""
        g = self.g
        wd, mon, d, y, a, b, yy, mm = f[:8]
        stamp = _Stamp(role)
        try:
            if mon is not None:
                month = g.months[_norm(mon)]
                day = int(d or 0)
                if y is None:
                    dt.date(2000, month, day)  # a real day in a leap year
                    stamp.month_day = (month, day)
                else:
                    stamp.date = dt.date(int(y), month, day)
            elif a is not None:
                year = int(yy or 0)
                if len(yy or "") == 2:
                    year += 2000 if year < 70 else 1900
                weekday = g.weekdays.get(_norm(wd)) if wd else None
                stamp.date = self.numeric(int(a), int(b or 0), year, weekday, stamp)
                if stamp.date is None:
                    return None
            else:
                stamp.date = dt.date(int(y or 0), int(mm or 0), int(d or 0))
        except ValueError:
            return None
        if stamp.date is not None and stamp.date.year not in _YEARS:
            return None
        if f[8] is not None:  # the time after the date
            stamp.time = self.clock(f[8], f[9], f[10], f[11])
            if stamp.time is None:
                return None
            stamp.zone = self.zone(*f[16:21])
        elif f[12] is not None:  # the time before it
            stamp.time = self.clock(f[12], f[13], f[14], f[15])
            if stamp.time is None:
                return None
            stamp.zone = self.zone(*f[21:26])
        strong = stamp.date is not None and (yy is None or len(yy) == 4)
        return _Segment("date", end, stamp, strong=strong, label=label)

    def numeric(
        self, a: int, b: int, year: int, weekday: int | None, stamp: _Stamp
    ) -> dt.date | None:
        dmy = _day(year, b, a)
        mdy = _day(year, a, b)
        if dmy is None or mdy is None or dmy == mdy:
            return dmy or mdy
        if weekday is not None:
            fits = [d for d in (dmy, mdy) if d.isoweekday() == weekday]
            if len(fits) == 1:
                return fits[0]
        stamp.ambiguous = True
        order = self.order if self.order != "auto" else self.document_order()
        return mdy if order == "MDY" else dmy

    def relative(self, m: _Groups, stamp: _Stamp, phrase: str) -> None:
        ref = self.reference
        if ref is None:
            stamp.note = f"relative date {phrase!r} needs a reference date"
            return
        day = self.ref_day
        assert day is not None
        if m.get("day") is not None or m.get("now") is not None:
            word = m.get("day") or _s(m, "now")
            offset = self.g.days[_norm(word)]
            stamp.date = day + dt.timedelta(days=offset)
            if m.get("now") is not None and isinstance(ref, dt.datetime):
                stamp.exact = ref.replace(microsecond=0)
            return
        word = _s(m, "n")
        n = int(word) if word.isdigit() else self.g.numbers[_norm(word)]
        unit = self.g.units[_norm(_s(m, "u"))]
        if unit in ("second", "minute", "hour"):
            seconds = n * {"second": 1, "minute": 60, "hour": 3600}[unit]
            if isinstance(ref, dt.datetime):
                stamp.exact = (ref - dt.timedelta(seconds=seconds)).replace(microsecond=0)
                if stamp.exact.year not in _YEARS:
                    stamp.exact = None
            else:
                # A date alone: within a day of it, the date is the best one can say.
                stamp.date = day - dt.timedelta(days=seconds // 86400)
        elif unit in ("day", "week"):
            stamp.date = day - dt.timedelta(days=n * (7 if unit == "week" else 1))
        else:
            stamp.date = _months_back(day, n * (12 if unit == "year" else 1))

    def segment(self, at: int, stop: int, has_date: bool) -> _Segment | None:
        """The segment starting at ``at``: an optional label, then one kind of segment."""
        kinds = _kinds(self.g, self.text, at, stop)
        if not kinds:
            return None  # the common case after the last segment of a unit
        g, text = self.g, self.text
        label = None
        if "label" in kinds:
            found = self._label(at, stop)
            if found is not None:
                label, at = found
                kinds = _kinds(self.g, self.text, at, stop)
        conn = False
        if "conn" in kinds:
            joined = g.pattern("conn")[0].match(text, at, stop)
            if joined is not None:
                conn, at = True, joined.end()
                kinds = _kinds(self.g, self.text, at, stop)
        role = g.labels[label] if label is not None else "published"
        for kind in _KIND_ORDER:
            if kind not in kinds:
                continue
            if kind == "date":
                name = "date" if text[at].isdigit() else "date_w"
                pattern, _, fields = g._cache_patterns.get(name) or g.pattern(name)
                m = pattern.match(text, at, stop)
                if m is not None:
                    seg = self.date(fields((*m.groups(), None)), m.end(), role, label)
                    if seg is not None:
                        return seg
                continue
            pattern, names, _ = g.pattern(kind)
            m = pattern.match(text, at, stop)
            if m is not None:
                # Not strict: the names are the pattern's own, one for each group.
                groups = dict(zip(names, m.groups()))  # noqa: B905
                seg = self.read(kind, groups, m.end(), m.group(), role, label, has_date)
                if seg is not None:
                    return seg
        if label is not None and not conn and _skip(_WS, text, at, stop) == stop:
            return _Segment("bare", at, label=label)  # "Published:" alone: the date follows
        return None

    def _label(self, at: int, stop: int) -> tuple[str, int] | None:
        """The label at ``at`` (as the table spells it) and where the date after it starts.

        A few ``startswith`` tests on the lower-cased start of the unit: cheaper than a named
        list, which the regex module tries at every length.
        """
        g, text = self.g, self.text
        end = at + g.label_width
        span = text[at : end if end < stop else stop]
        low = span.lower()
        if len(low) != len(span):  # a letter whose lower case is longer: take the regex
            found = g.pattern("label")[0].match(text, at, stop)
            return None if found is None else (_norm(found.group(1)), found.end())
        for label in g.labels_by_head.get(low.split(None, 1)[0].rstrip(":.-"), ()):
            if low.startswith(label) and not low[len(label) : len(label) + 1].isalpha():
                return label, _label_end(g, text, at + len(label), stop)
        return None

    def read(
        self,
        kind: str,
        m: _Groups,
        end: int,
        phrase: str,
        role: str,
        label: str | None,
        has_date: bool,
    ) -> _Segment | None:
        if kind == "rel":
            stamp = _Stamp(role)
            self.relative(m, stamp, phrase)
            stamp.time = self.clock_of(m)
            if m.get("th") and stamp.time is None:
                return None
            stamp.zone = self.zone_of(m)
            return _Segment("rel", end, stamp, label=label)
        if kind == "time":
            if not (has_date or label):
                return None
            stamp = _Stamp(role, time=self.clock_of(m), zone=self.zone_of(m))
            if stamp.time is None:
                return None
            return _Segment("time", end, stamp, label=label)
        if kind == "byline":
            return _Segment("byline", end, author=(m.get("name") or "").rstrip(" .,-"), label=label)
        return _Segment("read", end, label=label)

    def unit(self, start: int, stop: int, has_date: bool) -> tuple[list[_Segment], int, int]:
        """The segments at the start of ``text[start:stop]``, where they end, and what they
        hold: ``_DATED`` if one is a date, ``_WEAK`` if a date may not be glued to a paragraph,
        ``_STRONG`` if one may."""
        segments: list[_Segment] = []
        pos = start
        flags = 0
        sep, text = self.g.sep, self.text
        while pos < stop:
            at = _skip(sep, text, pos, stop) if segments else pos
            if at >= stop or not text[at].isalnum():
                break  # no segment starts but at a letter or a digit (``_kinds``)
            seg = self.segment(at, stop, has_date)
            if seg is None:
                break
            segments.append(seg)
            if seg.strong:
                flags |= _STRONG
            if seg.kind in ("date", "rel"):
                has_date = True
                flags |= _DATED if seg.strong else _DATED | _WEAK
            pos = seg.end
            if len(segments) == 8:
                break
        return segments, pos, flags


def _kinds(g: _Grammar, text: str, at: int, stop: int) -> frozenset[str]:
    """The kinds of segment that may start at ``at``, by its first character or word."""
    if at >= stop:
        return _NOTHING
    c = text[at]
    if c.isdigit():
        return g.starts["0"]
    if not c.isalpha():
        return _NOTHING
    # The first word by string methods (cheaper than a call into the regex module), the
    # regex when it is glued to something that is not punctuation.
    end = at + 16 if at + 16 < stop else stop
    word = text[at:end].split(None, 1)[0].rstrip(":,.;|")
    if not word.isalpha():
        m = _WORD.match(text, at, stop)
        word = "" if m is None else m.group()
    return g.starts.get(word.lower(), _NOTHING)


def _label_end(g: _Grammar, text: str, pos: int, stop: int) -> int:
    """Where the date after a label ending at ``pos`` starts (what ``g.label_tail`` skips):
    the common ``":"``, ``": "`` and ``" "`` by string tests, anything else by the pattern."""
    colon = pos < stop and text[pos] == ":"
    j = pos + 1 if colon else pos
    if j < stop and text[j] == " ":
        j += 1
    # The pattern would stop here too: nothing more to skip (str.isspace holds for every
    # character \s matches), and after a lone space no colon or dash it would take.
    if pos < j < stop and not text[j].isspace() and (colon or text[j] not in _LABEL_MARKS):
        return j
    return _skip(g.label_tail, text, pos, stop)


def _glued(text: str, end: int, stop: int, g: _Grammar) -> int:
    """Where the paragraph glued after a header starts, or -1 when none starts there."""
    m = g.glue.match(text, end, stop)
    if m is None:
        return -1
    at = m.end()
    if at < stop and (text[at].isupper() or text[at] in "\"'“‘«"):
        return at
    return -1


class DateHeader(TextFixer):
    """Read the date header in the first lines and write it as one ``Date: <ISO>`` line."""

    name = "date_header"
    Config = DateHeaderConfig
    config: DateHeaderConfig
    metadata_defaults: ClassVar[dict[str, Any]] = {"date": None}
    # The canonical line has at most 23 letters and digits ("Date", 8 for the date, "T", 6 for
    # the time, 4 for the offset) and any header it replaces has at least one.
    max_growth = 22

    def fix(self, doc: Document) -> StepResult:
        g = _grammar()
        text = doc.text
        reader = _Reader(g, doc, self.config.date_order)
        units, dated = self._scan(reader)
        stamps: list[_Stamp] = []
        authors: list[str] = []
        for unit in units if dated else ():
            if unit.header:
                for seg in unit.segments:
                    if seg.author:
                        authors.append(seg.author)
                    if seg.stamp is None:
                        continue
                    if seg.kind == "time":
                        self._attach(stamps, seg)
                    else:
                        stamps.append(seg.stamp)
        metadata: dict[str, Any] = {"date": None}
        notes: list[str] = []
        published = updated = None
        for stamp in stamps:
            if stamp.date is None and stamp.month_day is not None:
                anchor = reader.ref_day
                if anchor is None:
                    stamp.note = "a date without its year needs a reference date"
                else:
                    stamp.date = _with_year(stamp.month_day, anchor)
            iso = _iso(stamp)
            if iso is None:
                if stamp.note:
                    notes.append(stamp.note)
                continue
            if stamp.role == "updated":
                updated = updated or iso
            else:
                published = published or iso
            if stamp.ambiguous and iso == (published or updated):
                metadata["date_ambiguous"] = True
        date = published or updated
        metadata["date"] = date
        if updated:
            metadata["updated"] = updated
        if authors:
            metadata["author"] = authors[0]
        dateline = self._dateline(reader, units, date)
        if dateline is not None:
            metadata["dateline"] = dateline
            if date is None and dateline["date"] is not None:
                metadata["date"] = dateline["date"]
            elif dateline["date"] is None:
                notes.append("a dateline without its year needs a reference date")
        if notes:
            metadata["date_note"] = "; ".join(dict.fromkeys(notes))
        if date is None or self.config.mode == "keep":
            return StepResult(metadata=metadata)
        return StepResult(edits=self._edits(text, units, date), metadata=metadata)

    @staticmethod
    def _attach(stamps: list[_Stamp], seg: _Segment) -> None:
        """A bare time belongs to the date before it (``Nov 26, 2020 | 10:15 AM``)."""
        stamp = seg.stamp
        assert stamp is not None
        if seg.kind != "time":
            stamps.append(stamp)
            return
        if not stamps:
            return
        last = stamps[-1]
        if seg.label is not None and stamp.role != last.role:
            stamps.append(_Stamp(stamp.role, last.date, last.month_day, stamp.time, stamp.zone))
        elif last.time is None and last.exact is None:
            last.time, last.zone = stamp.time, stamp.zone

    def _scan(self, reader: _Reader) -> tuple[list[_Unit], bool]:
        """The units the header search reads, and whether one of them is dated."""
        g, text = reader.g, reader.text
        n = len(text)
        units: list[_Unit] = []
        pos = plain = 0
        has_date = False
        while len(units) < _MAX_UNITS:
            # _skip inlined where it is called once a unit: most units start at a letter.
            start = pos if pos < n and text[pos].isalnum() else _skip(_WS, text, pos, n)
            if start >= n:
                break
            line_end = text.find("\n", start, start + _SPAN + 1)
            if line_end < 0 and n - start <= _SPAN:
                line_end = n
            stop = line_end if line_end >= 0 else start + _SPAN
            segments, end, flags = reader.unit(start, stop, has_date)
            unit = None
            if segments:
                dated = bool(flags & _DATED)
                whole = line_end >= 0 and (end == stop or _skip(g.tail, text, end, stop) == stop)
                if whole:
                    unit = _Unit(start, line_end, True, dated, segments)
                elif (flags & (_DATED | _WEAK)) == _DATED:
                    rest = _glued(text, end, stop, g)
                    if rest >= 0 and flags & _STRONG:
                        unit = _Unit(start, rest, True, dated, segments)
            if unit is not None:
                units.append(unit)
                has_date = has_date or dated
                pos = unit.end
                continue
            if line_end < 0:
                line_end = text.find("\n", start)
                line_end = n if line_end < 0 else line_end
            units.append(_Unit(start, line_end, False))
            plain += 1
            if line_end - start >= _LONG or plain >= _MAX_PLAIN:
                break
            pos = line_end
        return units, has_date

    def _dateline(
        self, reader: _Reader, units: Sequence[_Unit], date: str | None
    ) -> dict[str, Any] | None:
        g = reader.g
        for unit in units:
            if unit.header:
                continue
            # A dateline has its comma within its first words, and a day's digits: most leads
            # are skipped unread (and a document without one never compiles the pattern).
            if reader.text.find(",", unit.start, unit.start + 64) < 0:
                continue
            stop = min(unit.end, unit.start + _SPAN)
            if _DIGIT.search(reader.text, unit.start, stop) is None:
                continue
            m = g.pattern("dateline")[0].match(reader.text, unit.start, stop)
            if m is None:
                continue
            month, day = g.months[_norm(m.group("mon"))], int(m.group("d"))
            found: dt.date | None = None
            try:
                if m.group("y") is not None:
                    found = dt.date(int(m.group("y")), month, day)
                else:
                    anchor = dt.date.fromisoformat(date[:10]) if date else reader.ref_day
                    found = _with_year((month, day), anchor) if anchor else None
            except ValueError:
                continue
            agency = m.group("agency")
            return {
                "date": found.isoformat() if found and found.year in _YEARS else None,
                "place": m.group("place"),
                "agency": agency.strip() if agency else None,
            }
        return None

    def _edits(self, text: str, units: Sequence[_Unit], date: str) -> list[Edit]:
        n = len(text)
        edits: list[Edit] = []
        first = True
        k = 0
        while k < len(units):
            if not units[k].header:
                k += 1
                continue
            j = k
            while j + 1 < len(units) and units[j + 1].header:
                j += 1
            start = 0 if k == 0 else units[k].start
            end = _skip(_WS, text, units[j].end, n)
            if first and self.config.mode == "replace":
                after = f"Date: {date}" + ("\n\n" if end < n else "\n")
            elif end >= n and k > 0:
                start, after = units[k - 1].end, "\n"
            else:
                after = ""
            first = False
            before = text[start:end]
            if before != after:
                reason = "date header" if after else "date header removed"
                edits.append(Edit(self.name, start, end, before, after, reason, "date"))
            k = j + 1
        return edits
