"""Drop boilerplate lines (related links, captions, credits, ads, prompts, furniture) as metadata.

Two mechanisms, both reading the document as a whole:

- **Rules** (``dictionaries/boilerplate/rules/<kind>.txt``, plus ``extra_rules`` from the config):
  regular expressions per kind, matched against a whole line.  A rule match is trusted anywhere.
- **A scored line classifier** for what no rule names.  Each line gets a content score from its
  length, terminal punctuation, stop-word density, title-case ratio and cue words
  (``dictionaries/boilerplate/cues.txt``); its weight in the search for the body adds its
  repetition in the document and the length of the run of furniture it stands in.  The main body
  is the run of lines with the highest total weight (one linear pass, as in the maximum-subarray
  problem); other runs nearly as strong are parts of the same body split by a widget, unless they
  restate it; a comment thread is never part of it.  When the document is a page (it has short
  lines no rule explains) the lines outside the body are dropped, except the headline just above
  it (the line that the body's first sentences restate), and so are the links under a related
  header.  When it is an article (a few stray lines among paragraphs), only rules drop lines: a
  body paragraph, a subheading, a dateline, a quotation or a list item is never judged by shape.

Every drop is an edit with the kind and the reason (the rule, or the score with its main features
and its distance from the body).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import itemgetter, methodcaller, not_
from typing import Any, ClassVar, Literal, NamedTuple

import regex

from newsclean.dictionaries import builtin_root, read_lines
from newsclean.document import Document
from newsclean.exceptions import ConfigError
from newsclean.steps._body import adjoins, gap_lines, list_items, main_run, reach, resumes
from newsclean.steps._starts import Pairs, Starts, needs, pairs, starts
from newsclean.steps.base import Drop, Line, LineFilter, StepConfig

__all__ = ["BoilerplateConfig", "BoilerplateFilter"]

_FLAGS = regex.IGNORECASE | regex.VERSION0
#: Rules only look at lines up to this long: boilerplate is short, and a cap keeps a rule's cost
#: per line bounded whatever the text.
_RULE_MAX_CHARS = 600
#: Features only look at a line's first characters: a line this long is prose whatever follows.
_FEATURE_MAX_CHARS = 1500
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*+")
#: The same words in ASCII text, where it is the same set of characters: the standard library's
#: engine finds them about twice as fast, and most lines are ASCII.
_WORD_ASCII = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*+")
#: The same words, and each line break between them, in many lines joined (_features_of).
_WORD_OR_BREAK = regex.compile(r"\n|" + _WORD.pattern)
_WORD_OR_BREAK_ASCII = re.compile(r"\n|" + _WORD_ASCII.pattern)
_DATE_LINE = regex.compile(r"\ADate: \d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class BoilerplateConfig(StepConfig):
    """Which kinds of boilerplate are removed, and how.

    - ``keep`` (default none): kinds left in the text (``"caption"``, ``"related"``, ``"ad"``,
      ``"prompt"``, ``"credit"``, ``"disclaimer"``, ``"footer"``, ``"comment"``,
      ``"navigation"``, ``"section"`` for headers such as "Most read", and the classifier's
      ``"aside"`` for prose outside the body).
    - ``extra_rules`` (default none): more patterns per kind, ``{"ad": ["Anzeige"]}``, matched
      against a whole line like the shipped rules (case-insensitive; a group ``value`` is what
      metadata keeps).  A new kind name is fine; its lines go to ``removed``.
    - ``classifier`` (default True): score lines by shape and context to drop what no rule names.
      False leaves only the rules: nothing is dropped that a rule does not match.
    - ``mode`` (default ``"auto"``): ``"auto"`` decides per document whether it is a scraped page
      (menus, link lists: lines outside the main body are dropped) or an article (only rules
      apply); ``"page"`` and ``"article"`` force one.  Auto is right for mixed inputs; forcing
      ``"page"`` removes more from pages with little furniture at some risk to short articles.
    """

    keep: tuple[str, ...] = ()
    extra_rules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    classifier: bool = True
    mode: Literal["auto", "page", "article"] = "auto"


@functools.cache
def _builtin_rules() -> tuple[tuple[str, tuple[str, ...]], ...]:
    folder = builtin_root() / "boilerplate" / "rules"
    kinds = sorted(c.name.removesuffix(".txt") for c in folder.iterdir() if c.name.endswith(".txt"))
    return tuple((kind, read_lines(f"boilerplate/rules/{kind}.txt")) for kind in kinds)


def _compile(kind: str, pattern: str, flags: int, where: str) -> regex.Pattern[str]:
    """Compile one rule, naming it and what to fix if it is not a valid regex."""
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        msg = f"{where}: rule {pattern!r} for kind {kind!r} is not a valid regex ({exc})"
        raise ConfigError(msg) from None


#: How many first characters of a line choose the rules worth trying on it.
_LEAD = 3
#: How many distinct first characters, and leads, one rule set remembers; past that, a line
#: is tried against the rules its first character allows, or against all rules in one
#: alternation, as without the dispatch: memory stays bounded whatever the text.
_LEAD_CACHE = 16384

#: One rule: its pattern compiled alone, its kind, whether it has a group ``value``, and a search
#: for what every match of it contains, when that spares trying it on most lines (else None).
_Rule = tuple[regex.Pattern[str], str, bool, Callable[[str], object] | None]


class _Rules:
    """The rules of the kinds not kept, each compiled alone, and a dispatch on a line's lead.

    Trying every rule on every line costs most of the step, and one alternation of all rules
    costs more than its parts (the engine's shortcuts for a single pattern, such as looking for
    a literal it needs, are lost).  A line can only match the rules its first characters can
    begin: for each distinct lead, the rules that could match some line starting with it are
    found once, by the regex engine's own partial matching, and only they are tried, in order.
    The first rule that matches, and its groups, are what one ordered alternation of all the
    rules would give.  A rule is compiled when a line's first two characters are ones its matches
    can start with (read off its source, see ``_starts``): a document compiles only the rules its
    lines could need, and compiling them all costs a tenth of a second.  A rule whose matches
    can start with any character is tried on every line; it is tried only on lines that hold
    what every match of it contains (``needs``), found by a plain search.
    """

    def __init__(self, rules: Sequence[tuple[str, str]], flags: int, where: str):
        self._rules = tuple(rules)
        self._flags = flags
        self._where = where
        self._compiled: list[_Rule | None] = [None] * len(self._rules)
        # Read case-sensitively: under IGNORECASE every rule is a candidate for every line.
        folded = not flags & regex.IGNORECASE
        self._starts: tuple[Starts | None, ...] = tuple(
            starts(pattern) if folded else None for _, pattern in rules
        )
        self._pairs: tuple[Pairs | None, ...] = tuple(
            pairs(pattern) if folded else None for _, pattern in rules
        )
        # A rule whose matches can start with any character is tried on every line: it is
        # screened by a plain search for what its matches must contain.
        self._needs: tuple[frozenset[str] | None, ...] = tuple(
            needs(pattern) if folded and first is None else None
            for (_, pattern), first in zip(rules, self._starts, strict=True)
        )
        self._kinds = tuple(kind for kind, _ in rules)
        self._firsts: dict[str, tuple[int, ...]] = {}
        self._heads: dict[str, tuple[_Rule, ...]] = {}
        self._leads: dict[str, tuple[_Rule, ...]] = {}

    def _rule(self, index: int) -> _Rule:
        """Rule ``index``, compiled on first use."""
        rule = self._compiled[index]
        if rule is None:
            kind, pattern = self._rules[index]
            compiled = _compile(kind, pattern, self._flags, self._where)
            need = self._needs[index]
            screen = None if need is None else re.compile("|".join(map(re.escape, need))).search
            rule = (compiled, kind, "value" in compiled.groupindex, screen)
            self._compiled[index] = rule
        return rule

    @functools.cached_property
    def _everything(self) -> regex.Pattern[str]:
        """All rules in one ordered alternation, compiled only if a lead cache overflows."""
        return regex.compile(
            "|".join(f"(?P<r{i}>{pattern})" for i, (_, pattern) in enumerate(self._rules)),
            self._flags,
        )

    def _for_lead(self, lead: str) -> tuple[_Rule, ...] | None:
        """The rules some text starting with ``lead`` could match (a partial match says so)."""
        head = lead[:1]
        first = self._firsts.get(head)
        if first is None:
            if len(self._firsts) >= _LEAD_CACHE:
                return None
            # The rules whose matches can start with the lead's first character (read off
            # their sources, so that the others need not even be compiled).
            first = self._firsts[head] = tuple(
                i for i, can in enumerate(self._starts) if can is None or not head or head in can
            )
        if len(self._leads) >= _LEAD_CACHE:
            return self._for_head(head, first)
        # A rule is compiled only if its matches can start with the lead's two characters; what
        # the whole lead rules out, a partial match says.
        found = tuple(
            rule
            for i in first
            if len(lead) < 2 or (two := self._pairs[i]) is None or lead[:2] in two
            if (rule := self._rule(i))[0].fullmatch(lead, partial=True)
        )
        self._leads[lead] = found
        return found

    def _for_head(self, head: str, first: tuple[int, ...]) -> tuple[_Rule, ...]:
        """The rules some text starting with ``head`` could match (when leads are too many)."""
        found = self._heads.get(head)
        if found is None:
            found = tuple(
                rule for i in first if (rule := self._rule(i))[0].fullmatch(head, partial=True)
            )
            self._heads[head] = found
        return found

    def match(self, subject: str) -> tuple[str, tuple[int, int]] | None:
        """The kind of the first rule that matches all of ``subject``, and its ``value`` span."""
        rules = self._leads.get(subject[:_LEAD])
        if rules is None:
            rules = self._for_lead(subject[:_LEAD])
            if rules is None:
                return self._match_everything(subject)
        for pattern, kind, value, screen in rules:
            if screen is not None and screen(subject) is None:
                continue  # the line lacks what every match of the rule holds
            match = pattern.fullmatch(subject)
            if match is not None:
                return kind, match.span("value") if value else (-1, -1)
        return None

    def _match_everything(self, subject: str) -> tuple[str, tuple[int, int]] | None:
        everything = self._everything
        match = everything.fullmatch(subject)
        if match is None:
            return None
        rule = next(i for i in range(len(self._kinds)) if match.group(f"r{i}") is not None)
        value = "value" in everything.groupindex
        return self._kinds[rule], match.span("value") if value else (-1, -1)


@functools.cache
def _rule_set(
    extra: tuple[tuple[str, tuple[str, ...]], ...], keep: frozenset[str], folded: bool
) -> _Rules | None:
    """The rules of the kinds not kept (the shipped ones, or the user's ``extra``), compiled once.

    The rules of each kind are tried in order and the first that matches wins, so the cost does
    not grow with the number of kinds.  The shipped rules are written in lower case: with
    ``folded`` they are compiled to match a lower-cased line exactly, which is much faster than
    matching without regard to case; the user's ``extra`` rules are always matched without
    regard to case.  Each pattern is compiled once, here, when a document first needs it.
    """
    merged: dict[str, list[str]] = {}
    for kind, patterns in extra if extra else _builtin_rules():
        merged.setdefault(kind, []).extend(patterns)
    kinds = tuple(k for k, patterns in merged.items() if k not in keep and patterns)
    if not kinds:
        return None
    rules = [(kind, pattern) for kind in kinds for pattern in merged[kind]]
    where = "boilerplate extra_rules" if extra else "boilerplate/rules"
    return _Rules(rules, regex.VERSION0 if folded else _FLAGS, where)


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("boilerplate/stopwords.txt"))


@functools.cache
def _cues() -> tuple[Mapping[tuple[str, ...], str], frozenset[str]]:
    """Cue word sequences (lower case) to the kind they signal, and the words cues start with."""
    cues: dict[tuple[str, ...], str] = {}
    for line in read_lines("boilerplate/cues.txt"):
        kind, _, words = line.partition("|")
        for cue in words.split(";"):
            key = tuple(_WORD.findall(cue.lower()))
            if key:
                cues.setdefault(key, kind.strip())
    return cues, frozenset(key[0] for key in cues)


def _cue_kind(words: Sequence[str]) -> str | None:
    """The kind of the first cue among ``words`` (lower case), longest cue first."""
    cues, starts = _cues()
    if starts.isdisjoint(words):
        return None
    n = len(words)
    for i, word in enumerate(words):
        if word not in starts:
            continue  # no cue starts here
        for size in (4, 3, 2, 1):
            kind = cues.get(tuple(words[i : i + size])) if i + size <= n else None
            if kind is not None:
                return kind
    return None


_CLOSERS = (
    " \t\"')]"
    "\N{RIGHT DOUBLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
)
_TERMINALS = frozenset(".!?:;\N{HORIZONTAL ELLIPSIS}")


@functools.cache
def _thread_words() -> frozenset[str]:
    return frozenset(read_lines("boilerplate/thread.txt"))


def _heads_thread(text: str) -> bool:
    """Whether a comment rule's line heads a thread ("12 Comments"), not a widget ("Report")."""
    words = _thread_words()
    return any(w.lower() in words for w in _WORD.findall(text[:_RULE_MAX_CHARS]))


_NORMAL_CHARS = 200


def _normal(text: str) -> str:
    return " ".join(text.lower().split())[:_NORMAL_CHARS]


@functools.cache
def _other_spaces() -> tuple[str, ...]:
    """What str.split() splits on in a line besides one space: two spaces, and other spaces.

    (The line break is left out: no line holds one.  No character past U+3000 is a space.)
    """
    return ("  ", *(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n"))


def _normal_lines(lowers: Sequence[str]) -> list[str]:
    """:func:`_normal` of each line, given the lines (stripped) in lower case.

    Lines with no white space but single spaces are their own normal form, short of the cap:
    one search of the document for any other white space settles it for all its lines.
    """
    joined = "\n".join(lowers)
    if any(map(joined.__contains__, _other_spaces())):
        return [" ".join(lower.split())[:_NORMAL_CHARS] for lower in lowers]
    return [lower[:_NORMAL_CHARS] for lower in lowers]


def _lower_lines(texts: Sequence[str]) -> list[str]:
    """Each of ``texts`` (lines, without line breaks) in lower case, in one pass over them all.

    Lower-casing is character by character except for a final sigma, whose context a line
    break ends (it is neither cased nor case-ignorable), so the lines of the lower-cased
    whole are the lower-cased lines.
    """
    return "\n".join(texts).lower().split("\n") if texts else []


class _Features(NamedTuple):
    """What the classifier knows of one non-blank line, and its content score (see _scores).

    A named tuple: a page has tens of thousands of lines, and a tuple is built from its
    fields without a Python call (:func:`_features_of`).
    """

    chars: int
    words: int
    stop: float
    terminal: bool
    title: float
    cue: str | None
    repeated: bool
    score: float

    def said(self) -> tuple[str, str]:
        """What a drop's reason says of the line around where it stands: its score, then the
        features that weigh most in it, each after a comma."""
        words = self.words
        tail = ""
        if words <= 3:
            tail = ", 1 word" if words == 1 else f", {words} words"
        elif self.chars < 60:
            tail = f", short ({self.chars} chars)"
        if not self.terminal:
            tail += ", no terminal punctuation"
        if self.stop < 0.2:
            tail += f", stop words {self.stop:.0%}"
        if self.title > 0.7 and words > 1:
            tail += f", title case {self.title:.0%}"
        if self.cue is not None:
            tail += f", cue word ({self.cue})"
        if self.repeated:
            tail += ", repeated in the document"
        return f"score {self.score:.1f}: ", tail


def _words(head: str) -> list[str]:
    """The words of ``head`` (``_WORD``)."""
    if head.isascii():
        return _WORD_ASCII.findall(head)
    return _WORD.findall(head)


def _terminal(text: str) -> bool:
    """Whether a line ends as a sentence does (or is too long to be anything but prose)."""
    tail = text[:_FEATURE_MAX_CHARS].rstrip(_CLOSERS)
    return (bool(tail) and tail[-1] in _TERMINALS) or len(text) > _FEATURE_MAX_CHARS


def _scores(
    chars: Sequence[int],
    words: Sequence[int],
    stop: Sequence[float],
    terminal: Sequence[bool],
    title: Sequence[float],
    cue: Sequence[str | None],
    repeated: Sequence[bool],
) -> list[float]:
    """The content score of each line (high: prose of the article), from its features' columns.

    Up to 5 for a long line, more for stop words, one up for a sentence's end and one down
    without, down for title case, a cue word, repetition and three words or fewer.  (A term
    that does not apply subtracts 0.0, which leaves a float as it is.)
    """
    return [
        min(c, 300) / 60
        + 4 * (s - 0.2)
        + (1.0 if t else -1.0)
        - (2 * (ti - 0.5) if ti > 0.5 and w > 1 else 0.0)
        - (2.5 if cu is not None else 0.0)
        - (1.5 if r else 0.0)
        - (1.0 if w <= 3 else 0.0)
        for c, w, s, t, ti, cu, r in zip(
            chars, words, stop, terminal, title, cue, repeated, strict=True
        )
    ]


def _features(text: str, seen: int) -> _Features:
    """The features of one stripped line met ``seen`` times in its document, line by line.

    The plain statement of what :func:`_features_of` computes for many lines at once.
    """
    head = text[:_FEATURE_MAX_CHARS]
    tokens = _words(head)
    n = len(tokens)
    if not n:
        return _one(len(text), 0, 0.0, _terminal(text), 0.0, None, seen > 1)
    # One lower-casing for all tokens: a word never holds a line break, and a line break
    # is neither cased nor case-ignorable, so each token lower-cases as it would alone.
    lower = "\n".join(tokens).lower().split("\n")
    is_stop = list(map(_stopwords().__contains__, lower))
    # Title case among the words that are not stop words and start with a letter, by
    # their first characters.
    initials = "".join(compress(map(itemgetter(0), tokens), map(not_, is_stop)))
    return _one(
        len(text),
        n,
        sum(is_stop) / n,
        _terminal(text),
        _title(initials),
        _cue_kind(lower) if n <= 12 else None,
        seen > 1 and n <= 20,
    )


def _one(
    chars: int,
    words: int,
    stop: float,
    terminal: bool,
    title: float,
    cue: str | None,
    repeated: bool,
) -> _Features:
    """One line's features with its score."""
    (score,) = _scores([chars], [words], [stop], [terminal], [title], [cue], [repeated])
    return _Features(chars, words, stop, terminal, title, cue, repeated, score)


#: Tables that delete from ASCII text what is not a letter, or not a lower-case letter, but line
#: breaks.
_ASCII_NOT_LETTER = {c: None for c in range(128) if not chr(c).isalpha() and chr(c) != "\n"}
_ASCII_NOT_LOWER = {c: None for c in range(128) if not chr(c).islower() and chr(c) != "\n"}


def _title(initials: str) -> float:
    """The share of upper case among the letters of ``initials`` (0 with none)."""
    if not initials.isalpha():
        initials = "".join(filter(str.isalpha, initials))
    return sum(map(str.isupper, initials)) / len(initials) if initials else 0.0


def _features_of(texts: Sequence[str], seen: Sequence[int]) -> list[_Features]:
    """:func:`_features` of each line of ``texts`` (met ``seen`` times), a few passes for all.

    The words of all lines are found, lower-cased and looked up in the stop words in one pass
    each over the lines joined by line breaks, rather than line by line: per line, what is left
    is counting.  Each word contributes its first character to one string and each line break
    itself, so that string splits into the initials of each line's words.  Cue words are
    looked up only in the lines that hold a word a cue starts with, found in one pass too.
    """
    if max(map(len, texts), default=0) > _FEATURE_MAX_CHARS:
        heads = [text[:_FEATURE_MAX_CHARS] for text in texts]
    else:
        heads = list(texts)
    n_lines = len(heads)
    # ASCII lines are split by the standard library's engine, the others by the regex module's
    # (the same words); the two groups are put back in order at the end.
    if "\n".join(heads).isascii():
        groups: list[tuple[Sequence[int], re.Pattern[str] | regex.Pattern[str]]]
        groups = [(range(n_lines), _WORD_OR_BREAK_ASCII)]
    else:
        ascii_lines = list(compress(range(n_lines), map(str.isascii, heads)))
        others = list(compress(range(n_lines), map(not_, map(str.isascii, heads))))
        groups = [(ascii_lines, _WORD_OR_BREAK_ASCII), (others, _WORD_OR_BREAK)]
    stops = _stopwords()
    _, cue_starts = _cues()
    words: list[int] = []
    stop: list[float] = []
    title: list[float] = []
    cue: list[str | None] = []
    order: list[int] = []
    for lines, pattern in groups:
        if not lines:
            continue
        flat: list[str] = pattern.findall("\n".join([heads[k] for k in lines]))
        # A word holds neither a line break nor a NUL, and neither is cased or case-ignorable:
        # each word lower-cases as it would alone.
        lower = "\0".join(flat).lower().split("\0")
        is_stop = list(map(stops.__contains__, lower))
        initials = "".join(map(itemgetter(0), flat))
        counts = list(map(len, initials.split("\n")))
        # Title case among the words that are not stop words and start with a letter, by
        # their first characters.
        joined = "".join(compress(initials, map(not_, is_stop)))
        content = joined.split("\n")
        words += counts
        stop += [(n - len(c)) / n if n else 0.0 for n, c in zip(counts, content, strict=True)]
        if pattern is _WORD_OR_BREAK_ASCII:
            # ASCII letters are upper or lower case: count both kinds for all lines at once.
            letters = map(len, joined.translate(_ASCII_NOT_LETTER).split("\n"))
            lower_case = map(len, joined.translate(_ASCII_NOT_LOWER).split("\n"))
            title += [(a - b) / a if a else 0.0 for a, b in zip(letters, lower_case, strict=True)]
        else:
            title += map(_title, content)
        # Where each line's words begin in ``lower`` (a line break between lines is a token).
        begins = list(accumulate(map((1).__add__, counts), initial=0))
        found: list[str | None] = [None] * len(counts)
        line = looked = -1
        for at in compress(range(len(lower)), map(cue_starts.__contains__, lower)):
            while begins[line + 1] <= at:
                line += 1
            if line != looked and counts[line] <= 12:
                found[line] = _cue_kind(lower[begins[line] : begins[line] + counts[line]])
            looked = line
        cue += found
        order.extend(lines)
    if len(order) != n_lines or order != sorted(order):
        by_line = [0] * n_lines
        for k, j in enumerate(order):
            by_line[j] = k
        words = [words[k] for k in by_line]
        stop = [stop[k] for k in by_line]
        title = [title[k] for k in by_line]
        cue = [cue[k] for k in by_line]
    chars = list(map(len, texts))
    terminal = [
        (bool(tail) and tail[-1] in _TERMINALS)
        for tail in map(methodcaller("rstrip", _CLOSERS), heads)
    ]
    for k in compress(range(n_lines), map(_FEATURE_MAX_CHARS.__lt__, chars)):
        terminal[k] = True
    repeated = [c > 1 and n <= 20 for c, n in zip(seen, words, strict=True)]
    columns = (chars, words, stop, terminal, title, cue, repeated)
    scores = _scores(*columns)
    return list(map(tuple.__new__, repeat(_Features), zip(*columns, scores, strict=True)))


#: Lines up to this long have their rule verdict and features remembered across documents: a
#: site's menus, footers and prompts recur on its every page (about 40% of the shared pages'
#: lines stood in an earlier page), prose lines hardly ever do.
_MEMO_MAX_CHARS = 200
#: Lines remembered per process and kind of memory (each is cleared when full: bounded memory).
_MEMO_LINES = 32_768


class _Memo:
    """What the step remembers across documents of short lines: pure functions of a line's text
    (a rule's verdict) and of its text and repetition (its features), so outputs are unchanged.
    Shared by threads: a document reads it but keeps what it uses in its own dicts."""

    def __init__(self) -> None:
        self.rules: dict[str, Drop | None] = {}
        self.features: dict[tuple[str, bool], _Features] = {}

    def keep_rules(self, verdicts: Mapping[str, Drop | None]) -> None:
        """Remember the verdicts of a document's short lines."""
        if len(self.rules) + len(verdicts) > _MEMO_LINES:
            self.rules.clear()
        rules = self.rules
        for text, hit in verdicts.items():
            if len(text) <= _MEMO_MAX_CHARS:
                rules[text] = hit

    def keep_features(self, keys: Sequence[tuple[str, bool]], feats: Sequence[_Features]) -> None:
        """Remember the features of a document's short lines."""
        if len(self.features) + len(keys) > _MEMO_LINES:
            self.features.clear()
        features = self.features
        for key, f in zip(keys, feats, strict=True):
            if f.chars <= _MEMO_MAX_CHARS:
                features[key] = f


@functools.lru_cache(maxsize=_MEMO_LINES)
def _said(f: _Features) -> tuple[str, str]:
    """:meth:`_Features.said`, remembered: lines of one shape (menu entries of a word, on
    this page and the site's others) share their features, so their reasons' words too."""
    return f.said()


#: Score at or above which a line is prose of the body; at or below which it is furniture.
_GOOD = 3.5
_FAIR = 2.0
_BAD = 0.5
#: How many lines of furniture a body may skip to a paragraph just past them.
_GAP = 3
#: What the verdicts of a document give for a line not judged yet (None is a verdict: keep it).
_UNSEEN = Drop("", "")
#: Lines that start with the same this many characters restate each other.
_PREFIX = 40
#: What each line of furniture adds to the cost of the next one in the same run, up to a cap.
_RUN_COST = 40.0
_RUN_CAP = 10
#: A document with this many short lines that no rule explains is a page, not an article.
_PAGE_FURNITURE = 4


#: The least total weight a body has, and the share of the main body's weight another run of
#: prose needs to count as part of the body.
_MIN_BODY = 300.0
_MIN_PART = 300.0
#: How far a run's sum may fall below its best before the run is ended there.
_DRAWDOWN = 600.0
#: How many lines apart two parts of one body may stand.
_PART_REACH = 30
_PART_OF_BODY = 0.2
#: How many lines above the body the headline is looked for.
_HEADLINE_WINDOW = 30
#: How many more rounds the classifier may judge what it kept (see BoilerplateFilter._judge).
_ROUNDS = 3


def _fragment(f: _Features) -> bool:
    """Prose without an end (a list item, a lead-in): sentence case, dense in stop words.

    Link titles and menu entries are title case or light on stop words; a fragment of prose is
    a small gap in a body, not a wall.
    """
    return f.score > _BAD and f.words >= 5 and f.stop >= 0.3 and f.title < 0.5


def _link_like(f: _Features) -> bool:
    """A headline in a list of links: a few words, not a sentence of the body."""
    return 2 <= f.words <= 20 and f.score < _GOOD and not (f.terminal and f.score >= _FAIR)


def _list_like(f: _Features) -> bool:
    """A list item by shape: a few words, no cue word (menus are lists too, but of cue words)."""
    return f.cue is None and 2 <= f.words <= 20 and not f.repeated


def _sentence(f: _Features) -> bool:
    """Prose by shape: not furniture, ends as a sentence does."""
    return f.score > _BAD and f.terminal and f.words >= 4


def _weight(f: _Features, run: int, duplicate: bool) -> float:
    """A line's weight in the body search: prose counts by its length, furniture against it.

    A line met earlier in the document (a teaser repeating the standfirst, a page that prints its
    article twice) adds nothing to a body the second time, however long.
    """
    if f.score >= _GOOD:
        return 0.0 if duplicate else float(f.chars)
    if f.score >= _FAIR and f.terminal:
        # A sentence of middling score (short, or light on stop words) counts for part of its
        # length, so that a body interrupted by quotes and embeds holds together.
        return 0.0 if duplicate else f.chars * (f.score - _FAIR) / (_GOOD - _FAIR)
    if f.score <= _BAD:
        return -(40.0 + f.chars + _RUN_COST * min(run, _RUN_CAP))
    if f.terminal:
        return -(10.0 + 0.2 * f.chars)
    if _fragment(f):
        return -5.0
    return -(20.0 + 0.5 * f.chars + _RUN_COST / 2 * min(run, _RUN_CAP))


def _best_before(weights: Sequence[float]) -> list[float]:
    """For each line, the highest total of a run of lines above it (one maximum-subarray pass)."""
    out = []
    best = total = 0.0
    for weight in weights:
        out.append(best)
        total = max(0.0, total) + weight
        best = max(best, total)
    return out


def _spans(weights: Sequence[float], lo: int, hi: int) -> list[tuple[int, int, float]]:
    """Each run of ``weights[lo:hi]`` whose running sum stays positive, as its best prefix.

    One linear pass (the maximum-subarray scan): the run with the highest sum is the main body;
    the others are candidates for the rest of a body that a widget split in two.
    """
    out: list[tuple[int, int, float]] = []
    total = 0.0
    best = (lo, lo, 0.0)
    for k in range(lo, hi):
        # A run ends where its sum falls to nothing, or falls far below its best: what follows
        # a long gap is judged as a run of its own, not as the tail of the one before.
        if total <= 0 or total < best[2] - _DRAWDOWN:
            if best[2] > 0:
                out.append(best)
            total = 0.0
            best = (k, k, 0.0)
        total += weights[k]
        if total > best[2]:
            best = (best[0], k + 1, total)
    if best[2] > 0:
        out.append(best)
    return out


_CONTENT_WORD = regex.compile(r"\p{L}[\p{L}'’\-]{2,}+")
_CONTENT_WORD_ASCII = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}+")  # the same, on ASCII text


def _content_words(text: str) -> set[str]:
    head = text[:_FEATURE_MAX_CHARS]
    words = (_CONTENT_WORD_ASCII if head.isascii() else _CONTENT_WORD).findall(head)
    if not words:
        return set()
    # One lower-casing for all: a NUL is neither cased nor case-ignorable (see _features_of).
    return set("\0".join(words).lower().split("\0")) - _stopwords()


def _content_words_memo() -> Callable[[str], set[str]]:
    """:func:`_content_words` for one document, each line's words found once.

    The body's lines are read again by each candidate body's list search, by the headline
    search and by each later round of the classifier.  The sets returned are shared: callers
    never change them.
    """
    memo: dict[str, set[str]] = {}

    def content_words(text: str) -> set[str]:
        found = memo.get(text)
        if found is None:
            found = memo[text] = _content_words(text)
        return found

    return content_words


@dataclass(slots=True)
class _Context:
    """Per-document verdicts, by line index (filled by :meth:`BoilerplateFilter.prepare`)."""

    drops: dict[int, Drop]


class BoilerplateFilter(LineFilter):
    """Drop lines a rule of a kind not kept matches, or that the classifier scores as furniture."""

    name = "boilerplate"
    Config = BoilerplateConfig
    config: BoilerplateConfig
    metadata_defaults: ClassVar[dict[str, Any]] = {"related": [], "captions": []}

    _cache_folded: _Rules | None
    _cache_cased: _Rules | None
    _cache_extra: _Rules | None
    _cache_memo: _Memo

    def __init__(self, config: BoilerplateConfig | None = None, **options: Any) -> None:
        super().__init__(config, **options)
        extra = self.config.extra_rules
        if not isinstance(extra, Mapping):
            msg = "boilerplate option extra_rules must map a kind to a list of patterns"
            raise ConfigError(msg)
        for kind, patterns in extra.items():
            if isinstance(patterns, str) or not all(isinstance(p, str) for p in patterns):
                msg = f"boilerplate extra_rules[{kind!r}] must be a list of patterns: {patterns!r}"
                raise ConfigError(msg)
            # The user's rules are checked now, so that a bad one fails at configuration; the
            # shipped ones are compiled when a document first needs them.
            for pattern in patterns:
                _compile(kind, pattern, _FLAGS, "boilerplate extra_rules")
        self._extra = tuple(sorted((str(k), tuple(v)) for k, v in extra.items()))

    # Each rule set is built when a line first needs it: the shipped rules for lower-cased
    # lines on the first document, those for lines whose lower case changes length (rare) only
    # when one is met.
    def _folded_rules(self) -> _Rules | None:
        try:
            return self._cache_folded
        except AttributeError:
            self._cache_folded = _rule_set((), frozenset(self.config.keep), True)
            return self._cache_folded

    def _cased_rules(self) -> _Rules | None:
        try:
            return self._cache_cased
        except AttributeError:
            self._cache_cased = _rule_set((), frozenset(self.config.keep), False)
            return self._cache_cased

    def _memo(self) -> _Memo:
        try:
            return self._cache_memo
        except AttributeError:
            self._cache_memo = _Memo()
            return self._cache_memo

    def _extra_rules(self) -> _Rules | None:
        try:
            return self._cache_extra
        except AttributeError:
            keep = frozenset(self.config.keep)
            self._cache_extra = _rule_set(self._extra, keep, False) if self._extra else None
            return self._cache_extra

    def _match_rule(self, text: str, lower: str | None = None) -> Drop | None:
        """The drop a rule calls for on the stripped line ``text`` (``lower``: its lower case)."""
        if len(text) > _RULE_MAX_CHARS:
            return None
        if lower is None:
            lower = text.lower()
        # Lower-casing keeps offsets unless a character changes length ("İ"): then match the
        # original text without regard to case instead.
        if len(lower) == len(text):
            rules, subject = self._folded_rules(), lower
        else:
            rules, subject = self._cased_rules(), text
        hit = None if rules is None else rules.match(subject)
        if hit is None and self._extra:
            extra_rules = self._extra_rules()
            if extra_rules is not None:
                hit = extra_rules.match(text)
        if hit is None:
            return None
        kind, (start, end) = hit
        value = text[start:end].strip() if start >= 0 else None
        return Drop(kind, f"{kind} rule", value or None)

    def prepare(self, doc: Document, lines: Sequence[Line]) -> _Context:
        return _Context(
            self._judge([(line.index, text) for line in lines if (text := line.text.strip())])
        )

    def judge_lines(self, doc: Document, texts: Sequence[str]) -> Mapping[int, Drop] | None:
        if type(self).prepare is not BoilerplateFilter.prepare or (
            type(self).judge is not BoilerplateFilter.judge
        ):
            return None  # a subclass judges line by line
        return self._judge([(i, text) for i, line in enumerate(texts) if (text := line.strip())])

    def _judge(self, texts: Sequence[tuple[int, str]]) -> dict[int, Drop]:
        """Verdicts on the non-blank lines (index, stripped text) of one document.

        The classifier judges a page's lines by their neighbours and by the page as a whole,
        so dropping some lines can change its verdict on others: what it keeps is judged
        again, until a round drops nothing more (a few rounds at most), so that the step run
        on its own output finds nothing to do.
        """
        found: dict[tuple[str, bool], _Features] = {}
        content_words = _content_words_memo()
        drops, classified = self._judge_once(texts, found, content_words, rules=True)
        for _ in range(_ROUNDS):
            if not (classified and drops):
                break
            # Every line a rule names is dropped in the first round: what is left needs no
            # rule, and each line's features (and content words) are known unless its
            # repetition changed.
            texts = [(index, text) for index, text in texts if index not in drops]
            more, classified = self._judge_once(texts, found, content_words, rules=False)
            drops.update(more)
            classified = classified and bool(more)
        return drops

    def _judge_once(
        self,
        texts: Sequence[tuple[int, str]],
        found: dict[tuple[str, bool], _Features],
        content_words: Callable[[str], set[str]],
        rules: bool,
    ) -> tuple[dict[int, Drop], bool]:
        """One round of :meth:`_judge`: the verdicts, and whether the classifier gave some.

        ``found`` and ``content_words`` remember what earlier rounds measured of the document's
        lines; ``rules``: whether to match the rules (else no line matches one).
        """
        drops: dict[int, Drop] = {}
        rule_hits: list[Drop | None] = [] if rules else [None] * len(texts)
        seen: dict[str, Drop | None] = {}  # a line met again is judged once
        fresh: dict[str, Drop | None] = {}  # judged here, not remembered from other documents
        memo = self._memo()
        known = memo.rules
        match_rule = self._match_rule
        lines = [text for _, text in texts]
        if max(map(len, lines), default=0) <= _RULE_MAX_CHARS:
            lowers = _lower_lines(lines)
            complete = True
        else:  # rules skip long lines: lower-case them (a 4 MB line) only if the classifier asks
            lowers = _lower_lines([text if len(text) <= _RULE_MAX_CHARS else "" for text in lines])
            complete = False
        for k, (index, text) in enumerate(texts if rules else ()):
            # The canonical date line the date step writes is never boilerplate.
            if k == 0 and _DATE_LINE.match(text):
                hit = None
            else:
                hit = seen.get(text, _UNSEEN)
                if hit is _UNSEEN:
                    hit = known.get(text, _UNSEEN)
                    if hit is _UNSEEN:
                        hit = fresh[text] = match_rule(text, lowers[k])
                    seen[text] = hit
            rule_hits.append(hit)
            if hit is not None:
                drops[index] = hit
        if fresh:
            memo.keep_rules(fresh)
        if self.config.classifier and texts and self._is_page(texts, rule_hits):
            self._classify(
                texts, rule_hits, drops, lowers if complete else None, found, content_words, memo
            )
            return drops, True
        return drops, False

    def _is_page(self, texts: Sequence[tuple[int, str]], rule_hits: Sequence[Drop | None]) -> bool:
        """Whether the document is a scraped page, whose lines outside the body are dropped.

        Furniture no rule explains (short lines without terminal punctuation) tells a page from
        an article: an article has a header line at most, a scraped page has menus and lists.
        """
        if self.config.mode != "auto":
            return self.config.mode == "page"
        unexplained = 0
        memo: dict[str, bool] = {}
        for (_, text), hit in zip(texts, rule_hits, strict=True):
            if hit is not None:
                continue
            furniture = memo.get(text)
            if furniture is None:
                furniture = memo[text] = (
                    not _terminal(text) and len(_words(text[:_FEATURE_MAX_CHARS])) <= 10
                )
            if furniture:
                unexplained += 1
                if unexplained >= _PAGE_FURNITURE:
                    return True
        return False

    def _classify(
        self,
        texts: Sequence[tuple[int, str]],
        rule_hits: Sequence[Drop | None],
        drops: dict[int, Drop],
        lowers: Sequence[str] | None,
        found: dict[tuple[str, bool], _Features],
        content_words: Callable[[str], set[str]],
        memo: _Memo,
    ) -> None:
        """Drop the lines of a page outside its main body (see the module's docstring).

        ``found`` holds the features of lines met in earlier rounds, by text and repetition;
        ``memo`` those of short lines met in earlier documents; ``content_words`` gives a
        line's content words, found once per document.
        """
        if lowers is None:
            lowers = _lower_lines([text for _, text in texts])
        n = len(texts)
        keys = _normal_lines(lowers)
        counts = Counter(keys)
        # A line's features depend on its text and on whether it is repeated in the document:
        # a line met again is measured once.
        seen = [counts[key] for key in keys]
        line_keys = [(text, c > 1) for (_, text), c in zip(texts, seen, strict=True)]
        line_of = dict(zip(line_keys, range(n), strict=True))  # the last line of each key
        known = memo.features
        unique: list[tuple[str, bool]] = []
        for line_key in line_of:
            if line_key not in found:
                met_before = known.get(line_key)
                if met_before is None:
                    unique.append(line_key)
                else:
                    found[line_key] = met_before
        fresh = _features_of([key[0] for key in unique], [seen[line_of[key]] for key in unique])
        found.update(zip(unique, fresh, strict=True))
        memo.keep_features(unique, fresh)
        feats = [found[key] for key in line_keys]
        weights = []
        met: set[str] = set()
        counted: set[str] = set()
        run = 0
        for f, key, hit in zip(feats, keys, rule_hits, strict=True):
            # The longer a run of furniture, the more each line of it costs: a subheading or an
            # embed between paragraphs is a small gap, a menu is a wall.
            bad = hit is not None or f.score <= _BAD
            run = run + 1 if bad or not (f.terminal or f.score >= _GOOD or _fragment(f)) else 0
            # A line met before (a teaser repeating the standfirst), or one that starts as a
            # line of prose already counted does (the whole article again in one line of page
            # metadata), adds nothing the second time.
            prefix = key[:_PREFIX]
            duplicate = key in met or (len(prefix) == _PREFIX and prefix in counted)
            met.add(key)
            weight = (
                -(40.0 + f.chars + _RUN_COST * min(run, _RUN_CAP))
                if hit is not None
                else _weight(f, run, duplicate)
            )
            if weight > 0 or (_sentence(f) and f.title < 0.5):
                counted.add(prefix)
            weights.append(weight)
        # A comment thread starts at a comment rule's line with a body above it (a "Comment"
        # entry in the menu is no thread): the body is sought before it.
        best_before = _best_before(weights)
        barrier = next(
            (
                k
                for k, hit in enumerate(rule_hits)
                if hit is not None
                and hit.kind == "comment"
                and best_before[k] >= _MIN_BODY
                and _heads_thread(texts[k][1])
            ),
            n,
        )
        spans = _spans(weights, 0, barrier)
        if not spans:
            return
        start, end, total = main_run(spans, texts, feats, rule_hits, barrier, content_words)
        # Other runs of prose as strong as a fair part of the main one are the body's other
        # parts (split by a gallery or a widget); weaker ones are teasers and asides.
        main = {keys[k][:_PREFIX] for k in range(start, end)}
        # Where each key is first met: of equal keys, the one nearest the top is assigned last.
        first_seen = dict(zip(reversed(keys), range(n - 1, -1, -1), strict=True))

        def keys_before(k: int) -> bool:
            return first_seen[keys[k]] < k

        def restates_main(lo: int, hi: int) -> bool:
            # Most of a run's prose starts as lines of the main body do: it is a copy of it.
            prose = [k for k in range(lo, hi) if weights[k] > 0]
            copied = sum(feats[k].chars for k in prose if keys[k][:_PREFIX] in main)
            return copied * 2 > sum(feats[k].chars for k in prose)

        strong = [
            sp
            for sp in spans
            if sp[0] == start
            or (
                sp[2] >= (_MIN_PART if adjoins(sp, start, end) else _PART_OF_BODY * total)
                and sp[2] >= _MIN_PART
                and not restates_main(sp[0], sp[1])
            )
        ]
        # Parts of one body stand near each other: grow outwards from the main run and stop at
        # the first strong run too far from what is kept (teasers far down the page).
        apart = reach(feats)
        m = next(i for i, sp in enumerate(strong) if sp[0] == start)
        chosen = [strong[m]]
        lo_edge, hi_edge = strong[m][0], strong[m][1]
        for sp in strong[m + 1 :]:
            if apart(hi_edge, sp[0]) > _PART_REACH:
                break
            chosen.append(sp)
            hi_edge = sp[1]
        for sp in reversed(strong[:m]):
            if apart(sp[1], lo_edge) > _PART_REACH:
                break
            chosen.append(sp)
            lo_edge = sp[0]
        keep: set[int] = set()

        def between(lo: int, hi: int) -> None:
            # What a body steps over is a subheading unless a rule or a cue names it.
            keep.update(
                j
                for j in range(lo, hi)
                if rule_hits[j] is None and feats[j].cue is None and feats[j].words >= 2
            )

        covered = 0  # lines below this index are settled; each line is visited a bounded time
        for lo, hi, _ in sorted(chosen):
            if hi <= covered:
                continue
            lo = max(lo, covered)
            # Sentences next to the body belong to it (a short first or last paragraph), and so
            # does the list that a line ending in a colon announces.
            while lo > covered and rule_hits[lo - 1] is None and _sentence(feats[lo - 1]):
                lo -= 1
            while hi < barrier and rule_hits[hi] is None and _sentence(feats[hi]):
                hi += 1
            if texts[hi - 1][1].endswith(":"):
                while hi < barrier and rule_hits[hi] is None and _list_like(feats[hi]):
                    hi += 1
            keep.update(range(lo, hi))
            # A paragraph just past a short widget (an ad, a few links) is the body going on,
            # and so is one just above it.
            while True:
                ahead = range(hi, min(hi + _GAP + 1, barrier))
                nxt = next((j for j in ahead if resumes(feats, j, hi, _GOOD)), None)
                if nxt is None or keys_before(nxt):
                    break
                between(hi, nxt)
                hi = nxt + 1
                while hi < barrier and rule_hits[hi] is None and _sentence(feats[hi]):
                    hi += 1
                keep.update(range(nxt, hi))
            while True:
                above = range(lo - 1, max(lo - _GAP - 2, covered - 1), -1)
                prv = next((j for j in above if resumes(feats, j, lo, _GOOD)), None)
                if prv is None or keys_before(prv):
                    break
                between(prv + 1, lo)
                lo = prv
                while lo > covered and rule_hits[lo - 1] is None and _sentence(feats[lo - 1]):
                    lo -= 1
                keep.update(range(lo, prv + 1))
            covered = hi
        keep |= gap_lines(feats, rule_hits, keep)
        keep |= list_items(texts, feats, rule_hits, keep, barrier, content_words)
        headline = self._headline(texts, feats, rule_hits, start, end, content_words)
        if headline is not None:
            keep.add(headline)
        # A related-links header ("Trending News", "More stories") heads a list of links, even
        # inside the body: the headlines under it go with it, up to the next sentence.
        if "related" not in self.config.keep:
            for k, hit in enumerate(rule_hits):
                if hit is None or hit.kind != "section":
                    continue
                j = k + 1
                while j < n and rule_hits[j] is None and _link_like(feats[j]):
                    keep.discard(j)
                    drops[texts[j][0]] = Drop(
                        "related", f"link under the related header {texts[k][1]!r}"
                    )
                    j += 1
        after_comments = barrier < n
        # A dropped line's distance from the nearest kept line of the body, by bisection.
        kept = sorted(keep)
        far = n + 1
        kept_kinds = self.config.keep
        wheres: dict[int, str] = {}  # the words for a distance, written once per page
        new = tuple.__new__  # a named tuple from a whole tuple: the cheapest way, once per line
        for k, (index, _) in enumerate(texts):
            if k in keep or rule_hits[k] is not None or index in drops:
                continue
            if k == 0 and _DATE_LINE.match(texts[k][1]):
                continue
            f = feats[k]
            if after_comments and k >= barrier:
                kind = "comment"
            elif f.cue is not None:
                kind = f.cue
            else:
                kind = "navigation" if f.words <= 6 or f.score <= _BAD else "aside"
            if kind in kept_kinds:
                continue
            i = bisect_left(kept, k)
            gap = min(k - (kept[i - 1] if i else -far), (kept[i] if i < len(kept) else 2 * far) - k)
            where = wheres.get(gap)
            if where is None:
                where = wheres[gap] = (
                    f"{gap} line{'s' if gap != 1 else ''} from the body" if gap <= n else "no body"
                )
            words = _said(f)
            drops[index] = new(Drop, (kind, words[0] + where + words[1], None))

    @staticmethod
    def _headline(
        texts: Sequence[tuple[int, str]],
        feats: Sequence[_Features],
        rule_hits: Sequence[Drop | None],
        start: int,
        end: int,
        content_words: Callable[[str], set[str]],
    ) -> int | None:
        """The line just above the body that its first sentences restate, if any."""
        body: set[str] = set()
        for k in range(start, min(end, start + 4)):
            body |= content_words(texts[k][1])
        if not body:
            return None
        best: tuple[float, int] | None = None
        for k in range(start - 1, max(-1, start - _HEADLINE_WINDOW - 1), -1):
            f = feats[k]
            if rule_hits[k] is not None or not 3 <= f.words <= 30:
                continue
            words = content_words(texts[k][1])
            if len(words) < 2:
                continue
            shared = len(words & body)
            ratio = shared / len(words)
            if shared >= 2 and ratio >= 0.4 and (best is None or ratio > best[0] + 1e-9):
                best = (ratio, k)
        return None if best is None else best[1]

    def judge(self, line: Line, lines: Sequence[Line], context: Any) -> Drop | None:
        drops: dict[int, Drop] = context.drops
        return drops.get(line.index)
