"""The characters a match of a regular expression can start with, read off its source.

Compiling a pattern with the regex module takes about a millisecond, and the boilerplate rules
are many; but a line can only match the rules its first character can begin.  Reading that set
of characters off a rule's source takes microseconds, so a rule is compiled only when a line it
could match is met.  The reader knows the common syntax (literals, escapes, classes, groups,
lookarounds, quantifiers) and answers ``None`` ("any character") for whatever else it meets:
it may name too many characters, never too few (a test checks each shipped rule against the
regex engine's own partial matching).  It reads patterns matched case-sensitively, without the
verbose flag, as the rules on lower-cased lines are; an inline flag that changes that gives
``None`` too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

__all__ = ["Pairs", "Starts", "needs", "pairs", "starts"]

#: A set of first characters: the characters themselves, and whether every non-ASCII character
#: is one too (``\d``, ``\w`` and ``\s`` match non-ASCII characters the reader does not list).
_Set = tuple[frozenset[str], bool]

_EMPTY: _Set = (frozenset(), False)
_DIGITS = frozenset("0123456789")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# ASCII white space, with the separators \x1c-\x1f that some definitions count.
_SPACE = frozenset(" \t\n\r\f\v\x1c\x1d\x1e\x1f")
_CLASSES: dict[str, _Set] = {"d": (_DIGITS, True), "w": (_WORD, True), "s": (_SPACE, True)}
#: Escapes of one character, as in the regex module.
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
#: Zero-width escapes: word boundaries, start and end of the text.
_ZERO_WIDTH = frozenset("bBAZGmM")
#: Inline flags that leave the reading as it is: dot-all, multi-line (anchors are zero-width),
#: ASCII and Unicode (they narrow or keep ``\d \w \s``, which already count all non-ASCII).
_HARMLESS_FLAGS = frozenset("msau")
#: Ranges of non-ASCII characters up to this wide are listed; wider ones count all non-ASCII.
_LIST_WIDTH = 512
#: Sets of first two characters larger than this are not worth listing: None instead.
_MANY_PAIRS = 4096


class Starts:
    """The characters some match of a pattern can start with (``char in starts``)."""

    __slots__ = ("chars", "non_ascii")

    def __init__(self, chars: frozenset[str], non_ascii: bool) -> None:
        self.chars = chars
        self.non_ascii = non_ascii

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str):
            return False
        return char in self.chars or (self.non_ascii and len(char) == 1 and not char.isascii())

    def __repr__(self) -> str:
        return f"Starts({''.join(sorted(self.chars))!r}, non_ascii={self.non_ascii})"


class _Unknown(Exception):
    """A construct the reader does not know: any character may start a match."""


def starts(pattern: str) -> Starts | None:
    """The characters a non-empty match of ``pattern`` can start with (None: any character)."""
    reader = _Reader(pattern)
    read = _whole(reader, reader.alternation)
    if read is None or read[0] is None:
        return None
    return Starts(*read[0])


_T = TypeVar("_T")


def _whole(reader: _Reader | _NeedReader, read: Callable[[], _T]) -> _T | None:
    """What ``read`` gives for all of ``reader``'s pattern; None for what it does not know."""
    try:
        found = read()
        if reader.at < len(reader.tokens):  # an unbalanced ")": let the engine say what it means
            raise _Unknown
    except _Unknown:
        return None
    return found


def _union(a: _Set | None, b: _Set | None) -> _Set | None:
    if a is None or b is None:
        return None
    return a[0] | b[0], a[1] or b[1]


#: The pattern's tokens: runs of plain characters, escapes, classes, group openings (with what
#: follows "(?"), closings, bars, quantifiers, and any other single character.
_TOKEN = re.compile(
    r"""
    (?P<run>[^\\()\[\]|*+?{}.^$]+)
    |(?P<esc>\\(?:[NpP]\{[^}]*\}|[pP].|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.))
    |(?P<cls>\[\^?(?:\\.|[^\]\\\[])(?:\\.|[^\]\\\[])*\])
    |(?P<open>\((?:\?(?:<[=!]|P?<[^>]*>|\#[^)]*|[A-Za-z\-]*[:)]|.)|\*)?)
    |(?P<close>\))
    |(?P<bar>\|)
    |(?P<rep>(?:[*+?]|\{[^}]*\})[?+]?)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class _Reader:
    """A recursive reading of one pattern's tokens: each part gives (first characters, whether
    it may match the empty string).  Past the first part of a sequence that cannot be empty the
    rest is only skipped, looking out for flags that change the whole pattern."""

    def __init__(self, pattern: str) -> None:
        self.tokens = [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(pattern)]
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def alternation(self) -> tuple[_Set | None, bool]:
        found, empty = self.sequence()
        while self.peek()[0] == "bar":
            self.at += 1
            more, more_empty = self.sequence()
            found, empty = _union(found, more), empty or more_empty
        return found, empty

    def sequence(self) -> tuple[_Set | None, bool]:
        # A match starts with the first character of the first item that is not empty in it.
        found: _Set | None = _EMPTY
        while self.peek()[0] not in ("end", "bar", "close"):
            item, empty = self.item()
            found = _union(found, item)
            if not empty:
                self.skip()
                return found, False
        return found, True

    def skip(self) -> None:
        """Skip to the end of this sequence: the next bar or closing at this depth."""
        depth = 0
        while True:
            kind, text = self.peek()
            if kind == "end" or (depth == 0 and kind in ("bar", "close")):
                return
            if kind == "open":
                _check_group(text)
                depth += 1
            elif kind == "close":
                depth -= 1
            self.at += 1

    def item(self) -> tuple[_Set | None, bool]:
        kind, text = self.peek()
        if kind == "run" and len(text) > 1:
            # A quantifier after a run repeats its last character only: the first one stays.
            self.at += 1
            return (frozenset(text[0]), False), False
        found, empty = self.atom()
        kind, text = self.peek()
        if kind == "rep":
            self.at += 1
            empty = empty or _least(text) == 0
            if self.peek()[0] == "rep":
                raise _Unknown
        return found, empty

    def atom(self) -> tuple[_Set | None, bool]:
        kind, text = self.peek()
        self.at += 1
        if kind == "run":
            return (frozenset(text), False), False
        if kind == "esc":
            if text[1] in _ZERO_WIDTH:
                return _EMPTY, True
            return _escape(text), False
        if kind == "cls":
            return _char_class(text), False
        if kind == "open":
            return self.group(text)
        if text == ".":
            return None, False
        if text in ("^", "$"):
            return _EMPTY, True
        if text == "}":
            return (frozenset(text), False), False
        raise _Unknown  # a quantifier with nothing to repeat, a brace, a lone bracket

    def group(self, opening: str) -> tuple[_Set | None, bool]:
        zero_width = _check_group(opening)
        if opening.startswith("(?#"):
            if self.peek()[0] != "close":
                raise _Unknown
            self.at += 1
            return _EMPTY, True
        found, empty = self.alternation()
        if self.peek()[0] != "close":
            raise _Unknown
        self.at += 1
        return (_EMPTY, True) if zero_width else (found, empty)


def _check_group(opening: str) -> bool:
    """Whether a group is zero-width (a lookaround); raise for groups the reader does not know
    (calls, conditions, back references, control verbs) and for flags that change the reading."""
    if opening == "(" or opening in ("(?:", "(?>", "(?|", "(?#") or opening.startswith("(?#"):
        return False
    if opening in ("(?=", "(?!", "(?<=", "(?<!"):
        return True
    if opening.startswith(("(?P<", "(?<")) and opening.endswith(">"):
        return False
    if opening.endswith(":") and len(opening) > 3:
        on, _, _off = opening[2:-1].partition("-")
        if set(on) <= _HARMLESS_FLAGS:
            return False
    raise _Unknown


def _least(repeat: str) -> int:
    """The least number of repeats a quantifier allows."""
    if repeat[0] in "*?":
        return 0
    if repeat[0] == "+":
        return 1
    low, comma, high = repeat.rstrip("?+")[1:-1].partition(",")
    if not (low.isdigit() or (comma and not low)) or (high and not high.isdigit()):
        raise _Unknown  # fuzzy matching, or braces the engine reads as literal text
    return int(low) if low else 0


def _escape(text: str, in_class: bool = False) -> _Set | None:
    """The characters one escape can match."""
    char = text[1]
    if char in _CLASSES:
        return _CLASSES[char]
    if char in ("p", "P", "D", "W", "S"):
        return None
    if char == "N" and text.startswith("\\N{"):
        try:
            return frozenset(unicodedata.lookup(text[3:-1])), False
        except KeyError:
            raise _Unknown from None
    if char in ("x", "u", "U") and len(text) > 2:
        return frozenset(chr(int(text[2:], 16))), False
    if char in _SIMPLE:
        return frozenset(_SIMPLE[char]), False
    if in_class and char == "b":
        return frozenset("\b"), False
    if len(text) == 2 and char.isascii() and not char.isalnum():
        return frozenset(char), False
    raise _Unknown  # back references, named lists, octal, other letters


_MEMBER = re.compile(
    r"\\(?:N\{[^}]*\}|[pP]\{[^}]*\}|[pP].|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|.",
    re.DOTALL,
)


def _char_class(text: str) -> _Set | None:
    """The characters a class (``[...]``, no nested sets) matches; None when negated."""
    negated = text.startswith("[^")
    members = _MEMBER.findall(text[2 if negated else 1 : -1])
    found: _Set | None = _EMPTY
    k = 0
    while k < len(members):
        member = members[k]
        one = (
            _escape(member, in_class=True)
            if member.startswith("\\")
            else (frozenset(member), False)
        )
        if k + 2 < len(members) and members[k + 1] == "-":
            last = members[k + 2]
            end = (
                _escape(last, in_class=True) if last.startswith("\\") else (frozenset(last), False)
            )
            if (
                one is None
                or end is None
                or one[1]
                or end[1]
                or len(one[0]) != 1
                or len(end[0]) != 1
            ):
                raise _Unknown
            first_char, last_char = next(iter(one[0])), next(iter(end[0]))
            if last_char < first_char:
                raise _Unknown
            found = _union(found, _span(first_char, last_char))
            k += 3
            continue
        found = _union(found, one)
        k += 1
    return None if negated else found


def _span(first: str, last: str) -> _Set:
    """The characters from ``first`` to ``last``: listed, or all non-ASCII when many."""
    low, high = ord(first), ord(last)
    ascii_part = frozenset(map(chr, range(low, min(high, 0x7F) + 1)))
    if high < 0x80:
        return ascii_part, False
    if high - max(low, 0x80) < _LIST_WIDTH:
        return ascii_part | frozenset(map(chr, range(max(low, 0x80), high + 1))), False
    return ascii_part, True


# --- the first two characters --------------------------------------------------------------

_NONE: frozenset[str] = frozenset(("",))
#: Stands for any character in a pair: a class too wide to list (``\\s``, ``.``, ``[^a]``).
_ANY = "\x00"


class Pairs:
    """The first two characters some match of a pattern can start with (``lead in pairs``)."""

    __slots__ = ("pairs",)

    def __init__(self, found: frozenset[str]) -> None:
        self.pairs = found

    def __contains__(self, lead: object) -> bool:
        if not isinstance(lead, str) or len(lead) != 2:
            return False
        first, second = lead[0], lead[1]
        found = self.pairs
        return (
            lead in found or first + _ANY in found or _ANY + second in found or _ANY + _ANY in found
        )

    def __repr__(self) -> str:
        return f"Pairs({sorted(self.pairs)!r})"


def pairs(pattern: str) -> Pairs | None:
    """The first two characters of the matches of ``pattern`` two characters long or longer
    (None: not known, or too many to list).

    A line two characters long or longer can only match a pattern whose pairs hold its first two
    characters.  Like :func:`starts`, the answer may name too many pairs, never too few; a class
    too wide to list (``\\s``, ``.``, a negated class) stands for any character.
    """
    reader = _PairReader(pattern)
    found = _whole(reader, reader.alternation)
    return None if found is None else Pairs(frozenset(x for x in found if len(x) == 2))


def _concat(head: frozenset[str], tail: frozenset[str]) -> frozenset[str]:
    """The first two characters of a match of one part then another."""
    done = {x for x in head if len(x) == 2}
    found = frozenset(done | {(x + y)[:2] for x in head if len(x) < 2 for y in tail})
    if len(found) > _MANY_PAIRS:
        raise _Unknown
    return found


class _PairReader(_Reader):
    """The reading of :func:`pairs`: each part gives the first two characters of its matches
    (the whole match when it is shorter); past the point where every one has two, the rest of a
    sequence is only skipped."""

    def alternation(self) -> frozenset[str]:  # type: ignore[override]
        found = self.sequence()
        while self.peek()[0] == "bar":
            self.at += 1
            found = found | self.sequence()
        return found

    def sequence(self) -> frozenset[str]:  # type: ignore[override]
        found = _NONE
        while self.peek()[0] not in ("end", "bar", "close"):
            if all(len(x) == 2 for x in found):
                self.skip()  # what follows cannot change the first two characters
                break
            found = _concat(found, self.item())
        return found

    def item(self) -> frozenset[str]:  # type: ignore[override]
        kind, text = self.peek()
        if kind == "run" and len(text) > 2:
            self.at += 1  # a quantifier after it repeats its last character only
            return frozenset((text[:2],))
        if kind == "run" and len(text) == 2:
            self.at += 1
            if self.peek()[0] != "rep":
                return frozenset((text,))
            return _concat(frozenset(text[0]), self.repeated(frozenset(text[1])))
        found = self.atom()
        return self.repeated(found) if self.peek()[0] == "rep" else found

    def repeated(self, once: frozenset[str]) -> frozenset[str]:
        """``once`` under the quantifier at hand (past two repeats nothing new begins)."""
        text = self.peek()[1]
        self.at += 1
        if self.peek()[0] == "rep":
            raise _Unknown
        least, most = _least(text), _most(text)
        by_count = (_NONE, once, _concat(once, once))
        top = 2 if most is None else min(most, 2)
        found: set[str] = set()
        for count in range(min(least, 2), top + 1):
            found |= by_count[count]
        return frozenset(found)

    def atom(self) -> frozenset[str]:  # type: ignore[override]
        kind, text = self.peek()
        self.at += 1
        chars: _Set | None
        if kind == "run":
            return frozenset(text)
        if kind == "esc":
            if text[1] in _ZERO_WIDTH:
                return _NONE
            chars = _escape(text)
        elif kind == "cls":
            chars = _char_class(text)
        elif kind == "open":
            return self.group_pairs(text)
        elif text in ("^", "$"):
            return _NONE
        elif text == "}":
            return frozenset(text)
        elif text == ".":
            chars = None
        else:
            raise _Unknown  # a quantifier with nothing to repeat, a brace, a bracket
        if chars is None or chars[1] or len(chars[0]) > _MANY_PAIRS:
            return frozenset(_ANY)
        return chars[0]

    def group_pairs(self, opening: str) -> frozenset[str]:
        if _check_group(opening) or opening.startswith("(?#"):
            self.skip()  # a lookaround or a comment matches no character
            while self.peek()[0] == "bar":
                self.at += 1
                self.skip()
            found = _NONE
        else:
            found = self.alternation()
        if self.peek()[0] != "close":
            raise _Unknown
        self.at += 1
        return found


def _most(repeat: str) -> int | None:
    """The greatest number of repeats a quantifier allows (None: no bound)."""
    if repeat[0] == "?":
        return 1
    if repeat[0] in "*+":
        return None
    _, comma, high = repeat.rstrip("?+")[1:-1].partition(",")
    if not comma:
        return _least(repeat)
    return int(high) if high else None


# --- what every match contains -------------------------------------------------------------


def needs(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (None: not known).

    A rule whose first character is not known is tried on every line; most lines lack what its
    matches must hold (``reserved`` in ``.{0,300}\\ball\\s+rights\\s+reserved\\b.{0,300}``, one
    of ``>»›→`` in a breadcrumb), and a plain search for that is much cheaper than the match.
    Each item a sequence cannot do without gives a candidate: a run of plain characters its
    text, any other part the characters its matches start with (:func:`starts`); the longest
    text wins, then the fewest characters.  Each branch of an alternation needs its own, and
    what the reader does not know gives None: the answer may be weaker than it could be, never
    wrong.
    """
    reader = _NeedReader(pattern)
    return _whole(reader, reader.alternation)


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The candidate fewest texts would pass: the longest strings, then the fewest of them."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (-min(map(len, c)), len(c), sorted(c)))


class _NeedReader:
    """The reading of :func:`needs`: the top level of a pattern item by item; a group's parts
    are read by :class:`_Reader` for the characters they start with."""

    def __init__(self, pattern: str) -> None:
        self.starts = _Reader(pattern)
        self.tokens = self.starts.tokens

    @property
    def at(self) -> int:
        return self.starts.at

    def alternation(self) -> frozenset[str] | None:
        found = self.sequence()
        while self.starts.peek()[0] == "bar":
            self.starts.at += 1
            more = self.sequence()
            found = None if found is None or more is None else found | more
        return found

    def sequence(self) -> frozenset[str] | None:
        reader = self.starts
        candidates: list[frozenset[str]] = []
        while reader.peek()[0] not in ("end", "bar", "close"):
            kind, text = reader.peek()
            if kind == "run":
                reader.at += 1
                if reader.peek()[0] != "rep":
                    candidates.append(frozenset((text,)))
                    continue
                # A quantifier repeats the run's last character only.
                if len(text) > 1:
                    candidates.append(frozenset((text[:-1],)))
                repeat = reader.peek()[1]
                reader.at += 1
                if reader.peek()[0] == "rep":
                    raise _Unknown
                if _least(repeat) >= 1:
                    candidates.append(frozenset(text[-1]))
                continue
            found, empty = reader.item()
            if not empty and found is not None and not found[1] and found[0]:
                candidates.append(found[0])
        return _best(candidates)
