"""Fix typos in names, conservatively: a wrong correction is worse than a missed one.

The step looks only at capitalised tokens that are neither English words nor known names (and at
real words that the document's own evidence flags), and corrects them toward name tokens within a
small edit distance, found with the symmetric-delete algorithm of SymSpell over *name tokens only*
(never the whole English vocabulary).  A correction needs an unambiguous best candidate and enough
confidence, which comes from:

- context: the neighbouring tokens complete a known multi-word name ("Soth Korea" because "Korea"
  follows, "bin Lade" because "Osama bin Laden" is known);
- document evidence: the candidate stands spelled right elsewhere in the same document;
- the shape of the edit: a transposition or a doubled letter is a typo far more often than it is
  another real name, a changed letter much less so ("Kallis" is not "Kallas");
- how odd the written token looks: a letter triple that no English word has ("Mrrtin").

It also rejoins words split at the wrong place ("achieve din" -> "achieved in") where symspellpy's
word-pair counts say the written pair is unseen and the re-split pair is common, and fixes the same
typos in the captions and related headlines that earlier steps filed in metadata.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import marshal
import operator
import re
import sys
import unicodedata
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import regex

from newsclean.dictionaries import builtin_root, list_builtin, read_entries, read_lines
from newsclean.document import Document, Edit, apply_edits, compose_edits
from newsclean.exceptions import ConfigError, DictionaryError
from newsclean.steps import _english as english
from newsclean.steps.base import StepConfig, StepResult, TextFixer

__all__ = ["NameConfig", "NameFixer"]


@dataclass(frozen=True)
class NameConfig(StepConfig):
    """Which names are known and how sure a correction must be.

    - ``extra_names`` (default none): names a user adds (``--names FILE``), one full name each;
      they are treated like the shipped ones (kind ``user``).
    - ``builtin`` (default True): use the shipped dictionaries (``dictionaries/names/``) as well.
    - ``threshold`` (default 0.8): the confidence, between 0 and 1, a correction needs.  Lower
      fixes more typos that have no support in the document (more recall), higher keeps only the
      corrections that context or evidence backs (more precision).
    - ``word_boundaries`` (default True): also rejoin words split at the wrong place ("achieve
      din" -> "achieved in").
    - ``prominent_kinds`` (default places and the user's own names): kinds of name whose
      typos may be fixed on the spelling alone, without support from context or the document.
      A place or a name the user says their texts hold is a likely target; a person's surname is
      not (an unknown "Kallis" is not a typo of a known "Kallas").
    - ``metadata_keys`` (default ``("captions", "related")``): metadata lists of strings whose name
      typos are fixed too, with the document's text as evidence.
    """

    extra_names: tuple[str, ...] = ()
    builtin: bool = True
    threshold: float = 0.8
    word_boundaries: bool = True
    metadata_keys: tuple[str, ...] = ("captions", "related")
    prominent_kinds: tuple[str, ...] = (
        "country",
        "territory",
        "capital",
        "city",
        "subdivision",
        "region",
        "user",
    )

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            msg = f"names: threshold must lie between 0 and 1, not {self.threshold!r}"
            raise ConfigError(msg)


# --- tokens -----------------------------------------------------------------------------------
#
# The step never walks every word of a text: a document's work is a few regex passes in C (the
# capitalised tokens, the pairs of lower-case words) and Python only for the few tokens that may
# be typos, whose surroundings (neighbours, sentence start, protection) are then read off the
# text around them.  Tokens are what _WORD finds scanning the text from its start; the look-arounds
# below find the same boundaries from anywhere in the text.

#: Word tokens inside a chunk: letters and marks, with inner apostrophes ("O'Brien", "India's").
_WORD = regex.compile(r"[\p{L}\p{M}]++(?:['\u2019][\p{L}\p{M}]++)*+")
#: The tokens of _WORD that start with a capital: the look-behinds say that the capital starts a
#: token (no letter before it, nor a letter and an apostrophe).  (The capital first and the
#: look-behinds after it, so the scan skips lower case fast.)
_CAPITALISED = regex.compile(
    r"\p{Lu}(?<![\p{L}\p{M}]\p{Lu})(?<![\p{L}\p{M}]['\u2019]\p{Lu})"
    r"[\p{L}\p{M}]*+(?:['\u2019][\p{L}\p{M}]++)*+"
)
#: The same for ASCII text, where the ``re`` module scans about three times as fast: letters
#: are A-Z and a-z, and there are no marks.
_CAPITALISED_ASCII = re.compile(
    r"[A-Z](?<![A-Za-z][A-Z])(?<![A-Za-z]'[A-Z])[A-Za-z]*(?:'[A-Za-z]+)*"
)


#: The same for text whose letters are all ASCII but which holds other characters (curly
#: quotes, dashes): the right single quotation mark is an apostrophe too.
_CAPITALISED_ASCII_LETTERS = re.compile(
    r"[A-Z](?<![A-Za-z][A-Z])(?<![A-Za-z]['\u2019][A-Z])[A-Za-z]*(?:['\u2019][A-Za-z]+)*"
)
#: A letter or mark that is not ASCII.  (Any non-ASCII character first and the look-behind
#: after it: the scan skips ASCII fast.)
_NON_ASCII_LETTER = regex.compile(r"[^\x00-\x7f](?<=[\p{L}\p{M}])")
_UPPER = regex.compile(r"\p{Lu}")
#: A text with more distinct letters and marks beyond ASCII than this (another script) is
#: read with :data:`_CAPITALISED` itself.
_MAX_EXTRA_LETTERS = 40
#: ... or more UTF-8 bytes beyond one a character than this (bounded work to list them).
_MAX_EXTRA_BYTES = 4000


@functools.lru_cache(maxsize=256)
def _capitalised_with(extra: frozenset[str]) -> re.Pattern[str]:
    """:data:`_CAPITALISED` for a text whose only letters and marks beyond ASCII are
    ``extra``: there the Unicode classes hold exactly these characters."""
    upper = "".join(sorted(c for c in extra if _UPPER.match(c)))
    letters = re.escape("".join(sorted(extra)))
    up = f"A-Z{re.escape(upper)}"
    lt = f"A-Za-z{letters}"
    return re.compile(
        rf"[{up}](?<![{lt}][{up}])(?<![{lt}]['\u2019][{up}])[{lt}]*(?:['\u2019][{lt}]+)*"
    )


def _capitalised_pattern(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """:data:`_CAPITALISED`, or an ASCII twin when ``text`` is ASCII (a flag of the string) or
    has no letter or mark that is not (most English text with typography), or a twin that
    knows the text's few others ("é" of "café"): in C, ``re`` scans such text several times
    as fast as ``regex`` scans for Unicode letters."""
    if text.isascii():
        return _CAPITALISED_ASCII
    if _NON_ASCII_LETTER.search(text) is None:
        return _CAPITALISED_ASCII_LETTERS
    if len(text.encode("utf-8", "surrogatepass")) - len(text) > _MAX_EXTRA_BYTES:
        return _CAPITALISED  # too many characters beyond ASCII to list them cheaply
    extra = frozenset(_NON_ASCII_LETTER.findall(text))
    if len(extra) > _MAX_EXTRA_LETTERS:
        return _CAPITALISED
    return _capitalised_with(extra)


def _capitalised_counts(text: str) -> collections.Counter[str]:
    """How often each capitalised token stands in ``text``, as written."""
    return collections.Counter(_capitalised_pattern(text).findall(text))


#: The token that ends where a backward search starts (read right to left; no possessive
#: quantifiers, which would not give back an apostrophe that no letter precedes).
_WORD_BEFORE = regex.compile(r"(?:[\p{L}\p{M}]+['\u2019])*[\p{L}\p{M}]+", regex.REVERSE)
_LETTER = regex.compile(r"[\p{L}\p{M}]")
#: What opens a sentence in the gap before a token (or a line, a quote, a bracket).
_SENTENCE_MARKS = frozenset('.!?:;"\u201c\u201d\u2018([\n')
#: Backwards from a token: the previous token's last letter, or a sentence mark nearer.
_BACK = regex.compile(r"[\p{L}\p{M}.!?:;\"\u201c\u201d\u2018(\[\n]", regex.REVERSE)
#: A mark of a URL, address, tag or code anywhere in a chunk.
#: (Literal characters first and look-arounds after them, so the scan stays fast.)
_CODEISH = regex.compile(r"[@`_=<>{}\\|~^]|://|(?<!\S)(?:www\.|[#$])|\.(?<=\p{L}\.)(?=\p{Ll})")
_SPACE = regex.compile(r"\s")
_SPACE_BEFORE = regex.compile(r"\s", regex.REVERSE)
#: Chunks (runs of non-space) longer than this are not words: never touched.
_MAX_CHUNK = 80
#: Tokens longer than this are never corrected (bounded work per token).
_MAX_TOKEN = 30
_QUOTES = "\"'\u2018\u2019\u201c\u201d"
#: Quotes that are not apostrophes inside a word: not between two letters or digits (``[^\W_]``
#: is exactly ``str.isalnum``).
_OPEN_QUOTES = re.compile(rf"(?<![^\W_])[{_QUOTES}]|[{_QUOTES}](?![^\W_])")
#: Lower-case words standing alone (not part of a longer token).  (The letter first and the
#: look-behind after it, so the scan is fast.)
_LOWER_WORD = regex.compile(
    r"\p{Ll}(?<![\p{L}\p{M}'\u2019-]\p{Ll})\p{Ll}*+(?![\p{L}\p{M}'\u2019-])"
)
#: Its ASCII twin.  (A failed look-ahead gives back letters one by one, each followed by a
#: letter: linear, as the look-behind lets a run be tried only from its start.)
_LOWER_WORD_ASCII = re.compile(r"[a-z](?<![A-Za-z'-][a-z])[a-z]*(?![A-Za-z'-])")
#: A line with this many lower-case words, fewer than this share of them English, is foreign.
_MIN_WORDS = 6
_MIN_ENGLISH = 0.6
#: A quoted span longer than this is speech, not a title.
_MAX_TITLE = 200
#: Distinct tokens looked up by probing before the delete index is built (see _Lexicon.near):
#: building it takes about as long as this many probes ...
_PROBE_QUERIES = 500
#: ... and reading the shipped one (a shipped lexicon's) about as long as this many.
_PROBE_QUERIES_SHIPPED = 60
#: Look-ups remembered per process (cleared when full: bounded memory).
_MAX_CACHED = 20_000
#: Tokens this long may be two edits from a name the document holds.
_MIN_TWO = 8
#: How many of the document's own names a long token is compared with (bounded work).
_MAX_HERE = 50
#: How many known multi-word names are tried as a token's context (bounded work).
_MAX_PHRASES = 400


def _fold(token: str) -> str:
    """Case- and accent-insensitive key: "Erdoğan" and "erdogan" share one."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_accents(token: str) -> str:
    decomposed = unicodedata.normalize("NFD", token)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _possessive(token: str) -> str:
    """The token without a possessive ending ("Arafatt's" -> "Arafatt")."""
    if len(token) > 2 and token[-2] in "'\u2019" and token[-1] in "sS":
        return token[:-2]
    return token


def _capitalised(token: str) -> bool:
    """Starts with a capital and is not all capitals (an acronym or a shouted headline)."""
    return token[0].isupper() and not token[1:2].isupper()


def _opens(text: str, start: int) -> bool:
    """The token at ``start`` is the first of a sentence (or of the text, a line, a quote or
    a bracket): a sentence mark stands between it and the token before, or no token does."""
    mark = _BACK.search(text, 0, start)
    return mark is None or mark.group() in _SENTENCE_MARKS


def _next_joined(text: str, end: int) -> str | None:
    """The token joined by one space or hyphen to the token ending at ``end``, if any."""
    if end + 1 < len(text) and text[end] in " -" and _LETTER.match(text, end + 1):
        match = _WORD.match(text, end + 1)
        assert match is not None  # a letter starts it
        return _possessive(match.group())
    return None


#: A token as deciding sees it: its text, whether it opens a sentence, and the tokens joined to
#: it by one space or hyphen before and after it (text and whether each opens a sentence).
_Site = tuple[str, bool, "tuple[str, bool] | None", "tuple[str, bool] | None"]


def _site(text: str, start: int, end: int) -> _Site:
    """The site of the token ``text[start:end]`` (``end`` after any possessive ending)."""
    word = _possessive(text[start:end])
    before: tuple[str, bool] | None = None
    if start >= 2 and text[start - 1] in " -" and _LETTER.match(text, start - 2):
        match = _WORD_BEFORE.search(text, 0, start - 1)
        assert match is not None  # a letter ends it
        before = (_possessive(match.group()), _opens(text, match.start()))
        initial = False
    else:
        initial = _opens(text, start)
    after = _next_joined(text, end)
    return (word, initial, before, None if after is None else (after, False))


#: Up to this many distinct tokens are found by searching for each; more by one scan.
_MAX_SEARCHED = 16


def _occurrences(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Spans of the capitalised tokens of ``text`` that are among ``words``, in order.  A few
    words are searched for as strings (fast, in C), each find checked to be the token
    itself; more take one scan of all capitalised tokens."""
    capitalised = _capitalised_pattern(text)
    if len(words) > _MAX_SEARCHED:
        return [m.span() for m in capitalised.finditer(text) if m.group() in words]
    spans: list[tuple[int, int]] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            match = capitalised.match(text, at)
            if match is not None and match.end() == at + len(word):
                spans.append((at, match.end()))
            at = text.find(word, at + 1)
    spans.sort()
    return spans


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted titles ("'Glaring Violation Of WTO Rules'"): quotes whose words are
    mostly capitalised.  Quoted speech is left open to correction."""
    spans: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    n = len(text)
    for match in _OPEN_QUOTES.finditer(text):
        i = match.start()
        q = match.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        family = "d" if q in '"\u201c\u201d' else "s"
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word
        opening = q in "\u201c\u2018" or (
            q in "\"'" and not before.isalnum() and not after.isspace()
        )
        closing = q in "\u201d\u2019" or (
            q in "\"'" and not after.isalnum() and not before.isspace()
        )
        start = open_at.get(family)
        if closing and start is not None and i - start <= _MAX_TITLE:
            del open_at[family]
            inner = _WORD.findall(text, start + 1, i)
            caps = sum(1 for w in inner if w[0].isupper())
            if len(inner) >= 2 and caps * 5 >= len(inner) * 3:
                spans.append((start, i + 1))
        elif opening:
            open_at[family] = i
    spans.sort()
    return spans


class _Shield:
    """Which tokens of one text are never to touch, asked token by token and worked out
    lazily: the chunk (run of non-space) holding a URL, address, hashtag, handle or code, or
    too long to be words; a quoted title; a line in another language.  Each chunk and line is
    judged once, when a token in it is first asked about, so the work stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.titles: list[tuple[int, int]] | None = None
        self.title_starts: list[int] = []
        self.chunk = (0, 0, False)
        self.line = (0, 0, False)

    def __call__(self, start: int) -> bool:
        return self._in_code(start) or self._in_title(start) or self._in_foreign_line(start)

    def _in_code(self, at: int) -> bool:
        begin, end, shielded = self.chunk
        if not begin <= at < end:
            text = self.text
            left = _SPACE_BEFORE.search(text, 0, at)
            right = _SPACE.search(text, at)
            begin = left.end() if left else 0
            end = right.start() if right else len(text)
            shielded = end - begin > _MAX_CHUNK or _CODEISH.search(text, begin, end) is not None
            self.chunk = (begin, end, shielded)
        return shielded

    def _in_title(self, at: int) -> bool:
        if self.titles is None:
            # A title holding ``at`` opens with a quote at most a title's length before it:
            # without one there, the text's titles need not be read.
            if _OPEN_QUOTES.search(self.text, max(0, at - _MAX_TITLE - 1), at + 1) is None:
                return False
            self.titles = _title_spans(self.text)
            self.title_starts = [s for s, _ in self.titles]
        k = bisect.bisect_right(self.title_starts, at)
        # Titles are short: only those starting a title's length before ``at`` may hold it.
        while k > 0 and self.title_starts[k - 1] >= at - _MAX_TITLE - 1:
            k -= 1
            if at < self.titles[k][1]:
                return True
        return False

    def _in_foreign_line(self, at: int) -> bool:
        """The line holding ``at`` has enough lower-case words, most not English ones: English
        word knowledge says nothing there ("die das" is German, not "died as")."""
        begin, end, foreign = self.line
        if not begin <= at < end:
            text = self.text
            begin = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            lower = _LOWER_WORD_ASCII if text.isascii() else _LOWER_WORD
            words = lower.findall(text, begin, end)
            foreign = len(words) >= _MIN_WORDS and not english.known_at_least(
                words, _MIN_ENGLISH * len(words)
            )
            self.line = (begin, end, foreign)
        return foreign


# --- the name lexicon -------------------------------------------------------------------------


class _Written(NamedTuple):
    """What a written capitalised token says alone, before its place in a text is read."""

    #: Its folded key; "" when it is not capitalised (neither counted nor corrected).
    key: str
    #: The name tokens it may be a typo of, one edit away; empty when none may be.
    names: frozenset[str] = frozenset()
    #: An English word: corrected only toward a name standing in the document too.
    is_word: bool = False
    #: No name is one edit away, but it is long enough to be two from a name the document holds.
    two: bool = False


_NOT_CAPITALISED = _Written("")
_KEY = operator.attrgetter("key")


#: The parts of a lexicon that only deciding a token that may be a typo reads (most texts have
#: none): a shipped lexicon reads them when first asked for (see :class:`_ShippedLexicon`).
_DECIDING_PARTS = ("kinds", "phrases", "phrase_names", "phrase_words", "beside", "whole")


@dataclass
class _Lexicon:
    """Name tokens (folded key -> spellings and kinds), multi-word names, and a delete index."""

    forms: dict[str, set[str]] = field(default_factory=dict)
    candidates: set[str] = field(default_factory=set)
    alphabet: str = ""
    #: What reads the :data:`_DECIDING_PARTS` of a shipped lexicon, until they are read.
    pending: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)
    kinds: dict[str, set[str]] = field(init=False)
    phrases: list[tuple[str, ...]] = field(init=False)
    phrase_names: list[str] = field(init=False)
    phrase_words: list[tuple[str, ...]] = field(init=False)
    #: A token, ``<`` or ``>``, and the token before or after it (see :func:`_beside`) -> the
    #: phrases and positions where they stand, flat: phrase, position, phrase, position...
    #: (Strings and numbers: the shipped lexicon reads them about twice as fast as tuples.)
    beside: dict[str, list[int]] = field(init=False)
    #: Tokens that are a whole name on their own ("Pakistan", "Queensland"), with its kinds.
    whole: dict[str, set[str]] = field(init=False)
    #: The delete index: each candidate and each string one deletion from one -> those
    #: candidates, joined by spaces.
    deletes: dict[str, str] | None = None
    #: What reads a shipped lexicon's delete index (of the shipped candidates), until it is read.
    shipped_deletes: Callable[[], tuple[dict[str, str], frozenset[str]]] | None = field(
        default=None, compare=False
    )
    queries: int = 0
    cache_near: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Written token -> what it says alone (see :meth:`written`).
    cache_written: dict[str, _Written] = field(default_factory=dict)
    #: The written tokens of :attr:`cache_written` that may be typos of names.
    cache_maybe: set[str] = field(default_factory=set)
    #: (candidate, whether the written token is ASCII, whether it is upper case) -> the
    #: candidate spelt so (see :meth:`spelling`).
    cache_spelled: dict[tuple[str, bool, bool], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.pending is None:
            self.kinds, self.beside, self.whole = {}, {}, {}
            self.phrases, self.phrase_names, self.phrase_words = [], [], []

    def add(self, name: str, kind: str) -> None:
        """Add one full name's tokens and, if it has several, the name as a phrase."""
        keys: list[str] = []
        words: list[str] = []
        forms, kinds = self.forms, self.kinds
        for word in _WORD.findall(name):
            word = _possessive(word)
            words.append(word)
            key = _fold(word)
            keys.append(key)
            if key in forms:
                forms[key].add(word)
                kinds[key].add(kind)
            else:
                forms[key] = {word}
                kinds[key] = {kind}
        if len(keys) == 1:
            self.whole.setdefault(keys[0], set()).add(kind)
        if len(keys) >= 2:
            index = len(self.phrases)
            self.phrases.append(tuple(keys))
            self.phrase_names.append(name)
            self.phrase_words.append(tuple(words))
            beside = self.beside
            for pos, key in enumerate(keys):
                for side in (-1, 1):
                    if 0 <= pos + side < len(keys):
                        place = _beside(key, side, keys[pos + side])
                        beside.setdefault(place, []).extend((index, pos))

    def index(self) -> None:
        """Fix the candidate set: capitalised tokens of three letters or more ("moon" of "Ban
        Ki-moon" is one because "Moon Jae-in" is known), and the letters they use."""
        self.candidates = {
            key
            for key, forms in self.forms.items()
            if len(key) >= 3 and any(f[0].isupper() for f in forms)
        }
        self.alphabet = "".join(sorted({c for key in self.candidates for c in key}))
        self.cache_spelled.clear()  # (the spellings may have changed)

    def written(self, word: str) -> _Written:
        """What a written token (possessive ending and all) says alone, remembered."""
        info = self.cache_written.get(word)
        if info is None:
            info = self._judge_written(word)
            self.cache_written[word] = info
            if info.names or info.two:
                self.cache_maybe.add(word)
        return info

    def trim(self) -> None:
        """Forget the written tokens when there are too many (bounded memory); called between
        texts, so that a text's own tokens stay judged while it is read."""
        if len(self.cache_written) >= _MAX_CACHED:
            self.cache_written.clear()
            self.cache_maybe.clear()
        if len(self.cache_spelled) >= _MAX_CACHED:
            self.cache_spelled.clear()

    def spelling(self, cand: str, written: str) -> str:
        """The candidate token spelt as the name is, in the written token's case and accent
        style (:func:`_spell_like`, which reads no more of the written token), remembered."""
        style = (cand, written.isascii(), written.isupper())
        spelled = self.cache_spelled.get(style)
        if spelled is None:
            spelled = self.cache_spelled[style] = _spell_like(written, self.forms[cand])
        return spelled

    def _judge_written(self, word: str) -> _Written:
        core = _possessive(word)
        if not _capitalised(core):
            return _NOT_CAPITALISED
        key = _fold(core)
        if not 4 <= len(core) <= _MAX_TOKEN or key in self.forms:
            return _Written(key)
        if (
            len(key) > 1
            and key[-1] in _DERIVING
            and key[-1] != key[-2]
            and key[:-1] in self.candidates
        ):
            return _Written(key)  # a known name and an ending: "Koreas", "Tasmanian", "Israeli"
        is_word = english.word_count(core.lower()) > 0
        near = self.near(key)
        if not near:
            # Two edits from a name are read only toward the document's own names, never for
            # a real word.
            return _Written(key, two=len(key) >= _MIN_TWO and not is_word)
        # What rules a name out on the spelling alone (see _Context._score).
        names = frozenset(
            cand
            for cand in near
            if cand[0] == key[0]
            and not (key[:-1] == cand and _shape(key, cand) == "insertion")
            and not (cand[-1] == "s" and _shape(key, cand) == "end-deletion")
        )
        return _Written(key, names, is_word=is_word)

    def near(self, key: str) -> frozenset[str]:
        """Candidate tokens one edit (insertion, deletion, change, transposition) from ``key``.

        The first queries of a process probe every string one edit away in the candidate set
        (~60 probes a letter, nothing to build, so the first document is quick); after
        :data:`_PROBE_QUERIES_SHIPPED` of them the symmetric-delete index of SymSpell is read
        (the shipped lexicon's, ~10 ms), or after :data:`_PROBE_QUERIES` built (~40 ms), once,
        and it answers in ~10 look-ups.  Both give the same answer.
        """
        found = self.cache_near.get(key)
        if found is not None:
            return found
        if self.deletes is None:
            self.queries += 1
            limit = _PROBE_QUERIES if self.shipped_deletes is None else _PROBE_QUERIES_SHIPPED
            if self.queries > limit:
                self.build_deletes()
        found = self._by_deletes(key) if self.deletes is not None else self._by_probes(key)
        if len(self.cache_near) >= _MAX_CACHED:
            self.cache_near.clear()
        self.cache_near[key] = found
        return found

    def _by_probes(self, key: str) -> frozenset[str]:
        splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
        alphabet = self.alphabet
        probes = {a + b[1:] for a, b in splits if b}
        probes.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
        probes.update(a + c + b[1:] for a, b in splits if b for c in alphabet)
        probes.update(a + c + b for a, b in splits for c in alphabet)
        probes.discard(key)
        return frozenset(probes & self.candidates)

    def _by_deletes(self, key: str) -> frozenset[str]:
        """The candidates that ``key`` or one of its deletions is, or is one deletion of."""
        deletes = self.deletes or {}
        found = set(" ".join(filter(None, map(deletes.get, _variants(key)))).split())
        found.discard(key)
        return frozenset(c for c in found if _one_edit(key, c))

    def build_deletes(self) -> None:
        """Index every candidate under itself and each string one deletion away: the shipped
        index of the shipped candidates, read, and the others (the user's) added."""
        deletes: dict[str, str] = {}
        covered: frozenset[str] = frozenset()
        shipped = self.shipped_deletes  # (once: another thread may clear it)
        if shipped is not None:
            deletes, covered = shipped()
            if not covered <= self.candidates:  # (a lexicon only grows: never so)
                deletes, covered = {}, frozenset()
        for key in sorted(self.candidates - covered):
            for variant in set(_variants(key)):
                listed = deletes.get(variant)
                deletes[variant] = key if listed is None else f"{listed} {key}"
        self.deletes = deletes
        self.shipped_deletes = None


class _ShippedLexicon(_Lexicon):
    """A shipped lexicon until its :data:`_DECIDING_PARTS` are first asked for: they are read
    then, and it becomes a plain :class:`_Lexicon` (whose attributes, without a
    ``__getattr__``, are read the plain and fast way)."""

    if not TYPE_CHECKING:  # (to mypy, the parts are plain attributes)

        def __getattr__(self, name: str) -> Any:
            # Asked only for an attribute that is not set: the held-back parts, read now (or
            # just read by another thread: the parts are set before ``pending`` is cleared).
            found = self.__dict__
            pending = found.get("pending")
            if pending is not None and name in _DECIDING_PARTS:
                found.update(pending())
                self.pending = None
                self.__class__ = _Lexicon
            if name not in found:
                msg = f"{type(self).__name__!r} object has no attribute {name!r}"
                raise AttributeError(msg)
            return found[name]


def _beside(key: str, side: int, other: str) -> str:
    """The key of :attr:`_Lexicon.beside` for the token ``key`` with ``other`` before it (``side``
    -1) or after it (1).  (Tokens hold no ``<`` or ``>``.)"""
    return f"{key}{'<' if side < 0 else '>'}{other}"


def _variants(key: str) -> list[str]:
    """``key`` and every string one deletion away from it."""
    return [key, *[key[:i] + key[i + 1 :] for i in range(len(key))]]


@functools.cache
def _builtin_names() -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for path in list_builtin("names"):
        for canonical, kind, aliases in read_entries(path):
            out.append((canonical, kind))
            out.extend((alias, kind) for alias in aliases)
    return tuple(out)


@functools.cache
def _lexicon(extra: tuple[str, ...], builtin: bool) -> _Lexicon:
    """The lexicon of the shipped names (if ``builtin``) and the user's ``extra`` ones: the
    shipped names' lexicon is read precomputed when it was built from these dictionaries."""
    lexicon = (_shipped_lexicon() if builtin else None) or _built_lexicon(builtin)
    for name in extra:
        lexicon.add(name, "user")
    if extra:
        lexicon.index()
    return lexicon


def _built_lexicon(builtin: bool) -> _Lexicon:
    """The lexicon of the shipped names (if ``builtin``), built name by name (~50 ms)."""
    lexicon = _Lexicon()
    if builtin:
        for name, kind in _builtin_names():
            lexicon.add(name, kind)
    lexicon.index()
    return lexicon


# The shipped names' lexicon, precomputed: what _built_lexicon(True) builds, for a fast start
# (reading it takes a fraction of building it).  It is used only when its fingerprint is that of
# the shipped names files and of _LEXICON_FORMAT, and when the Unicode facts the build read off
# the names' characters beyond ASCII still hold; else the lexicon is built, so the result is the
# same either way.

#: The precomputed lexicon: ``#`` header lines, then the marshalled payload (data only).
_LEXICON_FILE = "names/lexicon.bin"
#: Bump whenever what the lexicon holds or how it is built changes (:meth:`_Lexicon.add`,
#: :meth:`_Lexicon.index`, :meth:`_Lexicon.build_deletes`, :data:`_WORD`, :func:`_fold`,
#: :func:`_possessive`), then write the file again:
#: ``PYTHONPATH=src python tests/test_names_lexicon.py --write``.
_LEXICON_FORMAT = 4
#: The items of the file's payload (see :func:`_lexicon_payload`).
_PAYLOAD_SIZE = 8
_LEXICON_HEADER = """\
# The names step's lexicon of the shipped names (dictionaries/names/*.txt), precomputed so that
# it is read rather than built at start-up: their tokens, spellings and kinds, multi-word names,
# the tokens beside each other in them, the candidate tokens and their delete index (see _Lexicon
# in src/newsclean/steps/names.py).  After these lines, data in Python's marshal format, version 4:
# strings, numbers, booleans, bytes, tuples, lists and dicts, no code.
# Source: generated by newsclean from the names files. Its fingerprint covers their bytes and the
# build's format, and it records how the names' letters beyond ASCII were read (letter or not,
# case, folded form); when either does not fit, the step builds the lexicon itself, to the same
# result.
# Do not edit: regenerate with PYTHONPATH=src python tests/test_names_lexicon.py --write
"""
#: The marshal format written (Python reads every earlier one).
_MARSHAL_VERSION = 4


def _shipped_bytes(relative: str) -> bytes:
    node = builtin_root()
    for part in relative.split("/"):
        node = node / part
    return node.read_bytes()


def _names_fingerprint() -> str:
    """A checksum of the shipped names files (names and bytes) and of :data:`_LEXICON_FORMAT`."""
    crc = zlib.crc32(f"lexicon format {_LEXICON_FORMAT}".encode())
    for relative in list_builtin("names"):
        crc = zlib.crc32(relative.encode(), crc)
        crc = zlib.crc32(_shipped_bytes(relative), crc)
    return f"{crc:08x}"


def _unicode_facts(chars: str) -> tuple[tuple[bool, bool, str], ...]:
    """What building the lexicon reads off each of ``chars`` (whether it is a letter or mark
    for :data:`_WORD`, whether it is upper case, its folded form), which another Unicode
    version may answer otherwise."""
    return tuple((_LETTER.match(c) is not None, c.isupper(), _fold(c)) for c in chars)


def _sorted_sets(sets: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(sorted(values)) for key, values in sets.items()}


def _lexicon_payload(lexicon: _Lexicon, fingerprint: str) -> tuple[Any, ...]:
    """What the shipped file holds for ``lexicon``, the shipped names' lexicon: sets as sorted
    tuples, so that the same lexicon gives the same payload in every process; the
    :data:`_DECIDING_PARTS` and the delete index marshalled apart, each to be read only when
    asked for."""
    chars = {c for name, _ in _builtin_names() for c in name}
    beyond = "".join(sorted(c for c in chars if not c.isascii()))
    deciding = (
        _sorted_sets(lexicon.kinds),
        lexicon.phrases,
        lexicon.phrase_names,
        lexicon.phrase_words,
        lexicon.beside,
        _sorted_sets(lexicon.whole),
    )
    return (
        fingerprint,
        beyond,
        _unicode_facts(beyond),
        _sorted_sets(lexicon.forms),
        tuple(sorted(lexicon.candidates)),
        lexicon.alphabet,
        marshal.dumps(deciding, _MARSHAL_VERSION),
        marshal.dumps((lexicon.deletes,), _MARSHAL_VERSION),
    )


def _render_lexicon() -> bytes:
    """The bytes of the shipped lexicon for the shipped names (what ``_LEXICON_FILE`` holds)."""
    lexicon = _built_lexicon(True)
    lexicon.build_deletes()
    payload = _lexicon_payload(lexicon, _names_fingerprint())
    return _LEXICON_HEADER.encode() + marshal.dumps(payload, _MARSHAL_VERSION)


def _read_payload(data: bytes, size: int) -> tuple[Any, ...] | None:
    """The marshalled tuple of ``size`` items in ``data`` after any header lines, or None when
    there is none (the shipped file holds data only: no code objects)."""
    at = 0
    while data.startswith(b"#", at):
        at = data.find(b"\n", at) + 1
        if at == 0:
            return None
    try:
        if sys.version_info >= (3, 13):
            payload = marshal.loads(data[at:], allow_code=False)
        else:
            payload = marshal.loads(data[at:])
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(payload, tuple) or len(payload) != size:
        return None
    return payload


def _shipped_lexicon() -> _Lexicon | None:
    """The shipped lexicon when it was built from the shipped names files with this format and
    this Unicode version (else None: the caller builds it)."""
    try:
        payload = _read_payload(_shipped_bytes(_LEXICON_FILE), _PAYLOAD_SIZE)
        fingerprint = _names_fingerprint()
    except (OSError, DictionaryError):
        return None
    if payload is None or payload[0] != fingerprint or _unicode_facts(payload[1]) != payload[2]:
        return None
    forms, candidates, alphabet, deciding, deletes = payload[3:]
    return _ShippedLexicon(
        forms={key: set(spellings) for key, spellings in forms.items()},
        candidates=set(candidates),
        alphabet=alphabet,
        pending=functools.partial(_deciding_parts, deciding),
        shipped_deletes=functools.partial(_shipped_deletes, deletes, candidates),
    )


def _shipped_deletes(
    data: bytes, candidates: tuple[str, ...]
) -> tuple[dict[str, str], frozenset[str]]:
    """The delete index of a shipped lexicon read off its marshalled bytes, and the candidates
    it indexes (the shipped ones)."""
    parts = _read_payload(data, 1)
    if parts is None or not isinstance(parts[0], dict):
        msg = f"dictionary {_LEXICON_FILE!r} is damaged: reinstall newsclean"
        raise DictionaryError(msg)
    return parts[0], frozenset(candidates)


def _deciding_parts(data: bytes) -> dict[str, Any]:
    """The :data:`_DECIDING_PARTS` of a shipped lexicon, read off their marshalled bytes."""
    parts = _read_payload(data, len(_DECIDING_PARTS))
    if parts is None:
        msg = f"dictionary {_LEXICON_FILE!r} is damaged: reinstall newsclean"
        raise DictionaryError(msg)
    kinds, phrases, phrase_names, phrase_words, beside, whole = parts
    return {
        "kinds": {key: set(found) for key, found in kinds.items()},
        "phrases": phrases,
        "phrase_names": phrase_names,
        "phrase_words": phrase_words,
        "beside": beside,
        "whole": {key: set(found) for key, found in whole.items()},
    }


# --- edit distance ----------------------------------------------------------------------------


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a transposition counts one), or ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@functools.lru_cache(maxsize=65536)
def _two_edits(a: str, b: str) -> bool:
    """``_distance(a, b, 2) == 2``, remembered.  Each edit changes at most two letters of the
    bag of letters, so bags more than four letters apart rule it out without the table."""
    ca, cb = collections.Counter(a), collections.Counter(b)
    if (ca - cb).total() + (cb - ca).total() > 4:
        return False
    return _distance(a, b, 2) == 2


def _one_edit(a: str, b: str) -> bool:
    """``_distance(a, b, 1) <= 1`` without the table: equal, or one letter inserted, deleted
    or changed, or two neighbours swapped."""
    if len(a) < len(b):
        a, b = b, a
    n = len(b)
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    if len(a) == n:
        return (
            i == n
            or a[i + 1 :] == b[i + 1 :]
            or (i + 1 < n and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :])
        )
    return len(a) == n + 1 and a[i + 1 :] == b[i:]


def _doubled_vowel(written: str, right: str) -> bool:
    """The one letter doubled or undoubled between the two is a vowel inside the word (a
    doubled vowel at the end, "Australiaa", is a slip of the key)."""
    longer, shorter = (written, right) if len(written) > len(right) else (right, written)
    i = 0
    while i < len(shorter) and longer[i] == shorter[i]:
        i += 1
    return longer[i] in _VOWELS and i < len(shorter)


def _shape(written: str, right: str) -> str:
    """What one edit did: transposition, doubling, undoubling, insertion, deletion, change."""
    if len(written) == len(right):
        diff = [i for i in range(len(written)) if written[i] != right[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return "transposition"
        return "change" if len(diff) == 1 else "edits"
    longer, shorter = (written, right) if len(written) > len(right) else (right, written)
    i = 0
    while i < len(shorter) and longer[i] == shorter[i]:
        i += 1
    if longer[i + 1 :] != shorter[i:]:
        return "edits"
    doubled = (i > 0 and longer[i - 1] == longer[i]) or (
        i + 1 < len(longer) and longer[i + 1] == longer[i]
    )
    if written is longer:
        return "doubling" if doubled else "insertion"
    if doubled:
        return "undoubling"
    # A name less its last letter is often another name ("Georg", "Walli"): weaker evidence.
    return "end-deletion" if i == len(shorter) else "deletion"


_VOWELS = frozenset("aeiouy")
#: Endings that make a word of a name: plurals ("Koreas"), demonyms ("Korean", "Israeli").
_DERIVING = frozenset("sni")
#: Tokens this short (folded) need the support of a multi-word name or of the document.
_SHORT = 5
#: Tokens this long have few real words and names one edit away: their spelling counts more.
_LONG = 7
#: A correction must beat the next best candidate by this much.
_MARGIN = 0.1

_SHAPE_SCORE: Mapping[str, float] = {
    "transposition": 0.25,
    "doubling": 0.25,
    "undoubling": 0.25,
    "insertion": 0.15,
    "deletion": 0.2,
    "end-deletion": 0.1,
    "change": 0.1,
    "edits": 0.0,
}


#: Every three characters standing together in the English word list written between spaces,
#: a space written ``_``, as :func:`_derive_triples` finds them (the list's 750,000 windows take
#: a quarter of a second to read; the shipped file, milliseconds).
_TRIPLES_FILE = "english/triples.txt"


def _derive_triples() -> frozenset[str]:
    """Every three characters standing together in " word word ... word " over the English
    word list, spaces written ``_`` (no English word holds one), so that "_ab" says some word
    starts with "ab"."""
    text = "_" + "_".join(english.words()) + "_"
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


@functools.cache
def _vocab_triples() -> frozenset[str]:
    """The shipped triples (see :func:`_derive_triples`), those with the same first character
    on one line."""
    return frozenset(" ".join(read_lines(_TRIPLES_FILE)).split())


@functools.lru_cache(maxsize=65536)
def _odd_triple(triple: str) -> bool:
    """True when no English word holds these three letters (``^``/``$`` mark the ends)."""
    return triple.replace("^", "_").replace("$", "_") not in _vocab_triples()


def _oddity(written: str, right: str) -> bool:
    """The written token has a letter triple the right one lacks and no English word has."""
    w = f"^{written}$"
    r = f"^{right}$"
    triples = {w[i : i + 3] for i in range(len(w) - 2)} - {r[i : i + 3] for i in range(len(r) - 2)}
    return any(_odd_triple(t) for t in triples if t.isascii())


# --- deciding ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fix:
    start: int
    end: int
    before: str
    after: str
    reason: str
    confidence: float
    kind: str


def _name_counts(
    lexicon: _Lexicon, words: Mapping[str, int], evidence: Mapping[str, int] | None = None
) -> dict[str, int]:
    """How often each capitalised token (folded) stands in a text, given how often each written
    token does (``words``), plus the ``evidence`` from elsewhere: the document's evidence."""
    counts: dict[str, int] = dict(evidence) if evidence else {}
    known = lexicon.cache_written
    for word, n in words.items():
        info = known.get(word) or lexicon.written(word)
        if info.key:
            counts[info.key] = counts.get(info.key, 0) + n
    return counts


def _always(*_: object) -> bool:
    return True


class _Context:
    """One text's evidence (its capitalised tokens, counted), for deciding corrections in it.

    Deciding reads a token's :data:`_Site` and the counts only, so a token repeated in the same
    company is decided once per text."""

    def __init__(
        self, lexicon: _Lexicon, counts: dict[str, int], prominent: Sequence[str] = ()
    ) -> None:
        self.lexicon = lexicon
        self.prominent = prominent
        self.counts = counts
        self._names_here: dict[str, list[str]] | None = None

    def names_here(self) -> dict[str, list[str]]:
        """The document's known names by first letter (typos keep first letters)."""
        if self._names_here is None:
            here: dict[str, list[str]] = {}
            candidates = self.lexicon.candidates
            for k in sorted(k for k in self.counts if len(k) >= _MIN_TWO - 2 and k in candidates):
                here.setdefault(k[0], []).append(k)
            self._names_here = here
        return self._names_here

    def phrase_support(self, site: _Site, candidate: str) -> tuple[str, bool] | None:
        """A known multi-word name that ``candidate`` in place of the site's token continues
        with the token joined before or after it, and whether that token is capitalised (a
        particle such as "bin" alone backs it weakly).  The name may stand in part: "bin
        Laden" of "Osama bin Laden"."""
        beside = self.lexicon.beside
        weak: str | None = None
        for side, neighbour in ((-1, site[2]), (1, site[3])):
            if neighbour is None:
                continue
            places = iter(beside.get(_beside(candidate, side, _fold(neighbour[0])), ()))
            for index, pos in itertools.islice(zip(places, places, strict=False), _MAX_PHRASES):
                name = self.lexicon.phrase_names[index]
                # Backing is strong when the neighbour is a capitalised word of the name itself
                # ("New" of "New Delhi", even written "new"), weak when it is a particle ("bin"
                # of "bin Laden", "al" of "Ezzedine al-Qassam").
                if self.lexicon.phrase_words[index][pos + side][:1].isupper():
                    return name, True
                if weak is None:
                    weak = name
        return (weak, False) if weak is not None else None

    def _found(self, key: str) -> dict[str, int]:
        """The name tokens ``key`` may be a typo of, by edit distance: one edit away, else
        two edits toward a name the document itself holds (few, so compared directly)."""
        found = dict.fromkeys(self.lexicon.near(key), 1)
        if not found and len(key) >= _MIN_TWO:
            for cand in self.names_here().get(key[0], ())[:_MAX_HERE]:
                if abs(len(cand) - len(key)) <= 2 and _two_edits(key, cand):
                    found[cand] = 2
        return found

    def may_fix(self, written: str, threshold: float) -> bool:
        """Whether :meth:`decide` could correct ``written`` anywhere in this text: some
        candidate reaches the threshold in the most favourable place (backed by no, a weak or a
        strong name; not opening a sentence; out of place) and as odd as can be (letters no
        English word has: not worth asking the word list here).  When none does, no occurrence
        of the token needs its surroundings read."""
        key = _fold(written)
        is_word = english.word_count(written.lower()) > 0
        found = self._found(key)
        if not found:
            return False
        best = min(found.values())
        for cand in (c for c, d in found.items() if d == best):
            for backing in (None, ("a name", False), ("a name", True)):
                judged = self._score(
                    written, key, cand, best, is_word, backing, False, _always, _always
                )
                if judged is not None and round(min(judged[0], 0.99), 2) >= threshold:
                    return True
        return False

    def decide(self, site: _Site, threshold: float) -> tuple[str, str, float] | None:
        """The correction of the site's token (spelling, reason, confidence), if any.  The
        caller has checked what the written token alone says (:meth:`_Lexicon.written`)."""
        written, initial = site[0], site[1]
        lexicon = self.lexicon
        key = _fold(written)
        is_word = english.word_count(written.lower()) > 0
        if is_word and initial:
            return None  # a real word opening a sentence is capitalised anyway
        found = self._found(key)
        if not found:
            return None
        best = min(found.values())
        scored: list[tuple[float, str, list[str]]] = []
        for cand in (c for c, d in found.items() if d == best):
            judged = self._score(
                written,
                key,
                cand,
                best,
                is_word,
                self.phrase_support(site, cand),
                initial,
                lambda: self._out_of_place(site),
            )
            if judged is not None:
                scored.append((judged[0], cand, judged[1]))
        if not scored:
            return None
        scored.sort(reverse=True)
        users = [s for s in scored if "user" in lexicon.kinds[s[1]]]
        if users and len(users) < len(scored) and scored[0][0] < users[0][0] + _MARGIN:
            # The user's names are the ones their texts hold: one of them outranks a name they
            # did not give that fits no better by the margin ("Austraia" in Australian news).
            scored = users
        score, cand, reasons = scored[0]
        if len(scored) > 1 and scored[1][0] > score - _MARGIN:
            return None  # two names fit about as well: leave it
        confidence = round(min(score, 0.99), 2)
        if confidence < threshold:
            return None
        return (
            lexicon.spelling(cand, written),
            "name typo: " + "; ".join(reasons),
            confidence,
        )

    def _score(
        self,
        written: str,
        key: str,
        cand: str,
        distance: int,
        is_word: bool,
        backing: tuple[str, bool] | None,
        initial: bool,
        out_of_place: Callable[[], bool],
        oddity: Callable[[str, str], bool] = _oddity,
    ) -> tuple[float, list[str]] | None:
        """How likely the token ``written`` (folded ``key``) is a typo of name token ``cand``,
        and why; ``None`` when it must not be read as one.  Its place in the text counts
        through the multi-word name it completes (``backing``), whether it opens a sentence and
        whether it stands out of place (asked only for a real word); ``oddity`` says whether it
        has letters no English word has."""
        shape = _shape(key, cand) if distance == 1 else "edits"
        phrase, strong = backing if backing is not None else (None, False)
        seen = self.counts.get(cand, 0)
        if shape == "insertion" and key[:-1] == cand:
            return None  # any other letter added at the end: "Billy" is not "Bill" misspelt
        if shape == "end-deletion" and cand[-1] == "s":
            return None  # the singular of a plural name: "Democrat" of "Liberal Democrats"
        if distance > 1 and (key.startswith(cand[:-2]) or cand.startswith(key[:-2])):
            return None  # endings, not typos: "Canadiens", "Dakotans", "Systemen"
        if key[0] != cand[0]:
            return None  # typos seldom hit the first letter; other names often differ there
        users = "user" in self.lexicon.kinds[cand]
        if len(key) <= _SHORT and not strong and not is_word:
            # Short names one letter apart are often both real ("Jang", "Jong"; "Aiden",
            # "Aden"; "Bruni", "Brunei"): only the name they stand in can tell, the document
            # (the name spelt right twice or more, the written form once), or, toward a name the
            # user says their texts hold, a typo's own marks.  (A real word has its own,
            # stricter test below.)
            odd = oddity(key, cand)
            typo_like = users and (odd or _SHAPE_SCORE[shape] >= _SHAPE_SCORE["deletion"])
            outnumbered = seen >= 2 and self.counts.get(key, 0) <= 1
            if not (typo_like or outnumbered) and (
                shape in ("change", "insertion") or not (phrase or seen)
            ):
                return None
        if (
            shape == "change"
            and key[-1] != cand[-1]
            and not seen
            and (key[-1] == "s" or (key[-1] in _VOWELS and cand[-1] in _VOWELS))
        ):
            # "St Helens" and "Virginie" are other names, not typos of "St Helena" and
            # "Virginia", unless the document spells them so elsewhere.
            return None
        if is_word:
            # A real word is changed only on the document's word: the name stands elsewhere in
            # it, and the word stands where a name stands (capitalised mid-sentence, in a name
            # it completes or out of its usual company).
            if distance > 1 or initial or not seen:
                return None
            if not strong and not out_of_place():
                return None
        if not phrase and not seen and distance > 1:
            return None
        score = (0.4 if is_word else 0.5) + _SHAPE_SCORE[shape]
        reasons = [f"distance {distance} ({shape})"]
        if phrase:
            score += 0.35 if strong else 0.1
            reasons.append(f"completes {phrase!r}")
        if seen:
            score += 0.35
            reasons.append(
                f"{self.lexicon.spelling(cand, written)!r} stands {seen}x in the document"
            )
        if not phrase and not seen:
            if oddity(key, cand):
                score += 0.2
                reasons.append("letters no English word has")
            if len(key) >= _LONG:
                score += 0.1
            if users or self.lexicon.whole.get(cand, set()) & set(self.prominent):
                # A place's whole name ("Pakistan", not "Solomon" of "Solomon Islands") or any
                # part of a name the user gave.
                score += 0.1
            elif self.lexicon.kinds[cand] <= {"person"} and shape in ("change", "insertion"):
                score -= 0.1  # surnames one letter apart are often both real: "Kallis", "Kallas"
            if shape in ("doubling", "undoubling") and _doubled_vowel(key, cand):
                # Doubled vowels are spellings in many languages ("Saleem", "Joonas", "Guus").
                score -= 0.1
        times = self.counts.get(key, 0)
        if times >= 2 and not seen:
            score -= 0.3  # spelt the same way twice and never otherwise: likely meant
        elif times >= 2 and times >= seen:
            return None  # two spellings, the written one as common: two names ("Zelenskiy")
        return score, reasons

    def _out_of_place(self, site: _Site) -> bool:
        """The site's token is a lone capitalised word whose pairs with its neighbours are
        unseen."""
        word = site[0].lower()
        prev, nxt = site[2], site[3]
        for other in (prev, nxt):
            if other is not None and _capitalised(other[0]) and not other[1]:
                return False  # part of a run of capitalised words: a name we do not know
        if prev is not None and english.bigram_count(prev[0].lower(), word):
            return False
        return not (nxt is not None and english.bigram_count(word, nxt[0].lower()))


def _spell_like(written: str, forms: set[str]) -> str:
    """The candidate spelt as the name is, in the written token's case and accent style: all
    it reads of ``written`` is whether it is ASCII and whether it is upper case."""
    capitalised = sorted(f for f in forms if f[:1].isupper()) or sorted(forms)
    accented = [f for f in capitalised if not f.isascii()]
    form = accented[0] if accented and not written.isascii() else capitalised[0]
    if written.isascii() and not form.isascii():
        ascii_forms = [f for f in forms if f.isascii()]
        form = ascii_forms[0] if ascii_forms else _strip_accents(form)
    if written.isupper():
        return form.upper()
    return form


# --- word boundaries --------------------------------------------------------------------------

#: The re-split pair must be this much likelier than the written one, by word counts alone.
_SPLIT_RATIO = 100
#: Two lower-case ASCII words joined by one space or hyphen: every pair of tokens a boundary fix
#: may re-split (the English word list is ASCII), and a few that are not tokens, which the exact
#: checks drop.  The ``re`` module, faster here; it backtracks, but the look-behind lets a run of
#: letters be tried only from its start, so each letter is read a bounded number of times.
_PAIR = re.compile(r"(?<![A-Za-z])([a-z]+)[ -](?=([a-z]+)(?![A-Za-z]))")


def _resplit(x: str, y: str) -> tuple[str, str] | None:
    """The pair that the written pair ``x y`` should be ("achieve din" -> "achieved in"), if
    any.  Both written words and both re-split ones must be English words, the re-split pair a
    hundred times likelier by word counts and listed among the common pairs, the written pair
    not."""
    if len(y) < 3 and len(x) < 3:
        return None
    vocab = english.words()
    moves = []
    if len(y) > 2 and x + y[0] in vocab and y[1:] in vocab:
        moves.append((x + y[0], y[1:]))
    if len(x) > 2 and x[:-1] in vocab and x[-1] + y in vocab:
        moves.append((x[:-1], x[-1] + y))
    if not moves or x not in vocab or y not in vocab:
        return None
    if not (x.isalpha() and y.isalpha() and x.islower() and y.islower()):
        return None
    written = english.word_count(x) * english.word_count(y)
    for nx, ny in moves:
        if english.word_count(nx) * english.word_count(ny) < _SPLIT_RATIO * written:
            continue
        if english.bigram_count(x, y) or not english.bigram_count(nx, ny):
            continue
        return nx, ny
    return None


#: The written pairs :func:`_resplit` re-splits, as :func:`_derive_split_pairs` finds them
#: (deriving reads every listed pair, ~1.5 s; the shipped file is read in milliseconds).
_SPLIT_PAIRS_FILE = "english/split_pairs.txt"
_ASCII_LOWER = re.compile(r"[a-z]+")


def _derive_split_pairs() -> dict[str, set[str]]:
    """Every written pair ``x y`` of lower-case ASCII words that :func:`_resplit` re-splits, by
    first word.  A re-split pair is a listed common pair ``a b``, so the written one is ``a``
    less its last letter and that letter before ``b``, or ``a`` and the first letter of ``b``
    before ``b`` less it: only those two are tried for each listed pair."""
    vocab = english.words()
    out: dict[str, set[str]] = {}
    for line in english._bigram_text().split("\n"):
        parts = line.split(" ")
        if len(parts) < 3:
            continue
        a, b = parts[0], parts[1]
        for x, y in ((a[:-1], a[-1:] + b), (a + b[:1], b[1:])):
            if (
                x in vocab
                and y in vocab
                and _ASCII_LOWER.fullmatch(x)
                and _ASCII_LOWER.fullmatch(y)
                and _resplit(x, y) is not None
            ):
                out.setdefault(x, set()).add(y)
    return out


@functools.cache
def _split_pairs() -> dict[str, str]:
    """The shipped written pairs that may be re-split: second word -> its first words, one
    string (split only when a text holds the second word: most are never asked about)."""
    return dict(map(_FIRST_FIELD, read_lines(_SPLIT_PAIRS_FILE)))


_FIRST_FIELD = operator.methodcaller("split", " ", 1)
#: Every byte but a-z to a space: the runs of lower-case ASCII letters of a text, split in C.
_NOT_LOWER = bytes(c if 0x61 <= c <= 0x7A else 0x20 for c in range(256))


@functools.cache
def _firsts(second: str) -> frozenset[str]:
    """The shipped first words re-split before ``second`` (at most one set per shipped
    line, made when a text first holds ``second``)."""
    return frozenset(_split_pairs()[second].split())


def _candidate_pairs(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text's runs of lower-case ASCII letters, every other character a space, and the
    shipped pairs (see :func:`_split_pairs`) whose two words both stand in it, whether
    together or not.  Both words of a pair :data:`_PAIR` finds are whole runs, so this finds
    every pair that may be re-split, with set operations in C (a non-ASCII character is one
    ``?`` and splits runs as it does in the text).  Most texts have none or a few."""
    runs = text.encode("ascii", "replace").translate(_NOT_LOWER).decode("ascii")
    words = set(runs.split())
    return runs, [
        (first, second)
        for second in _split_pairs().keys() & words
        for first in words.intersection(_firsts(second))
    ]


def _pair_matches(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_PAIR` in ``text`` whose pair is a shipped one, in order: each
    candidate pair standing together in the runs (a space or hyphen between them in the text
    is one space there) looked for as a string ("achieve din", "achieve-din") and matched."""
    runs, candidates = _candidate_pairs(text)
    found: list[re.Match[str]] = []
    for x, y in candidates:
        if f"{x} {y}" not in runs:
            continue
        for joiner in " -":
            written = f"{x}{joiner}{y}"
            at = text.find(written)
            while at >= 0:
                match = _PAIR.match(text, at)
                if match is not None and match.group(1, 2) == (x, y):
                    found.append(match)
                at = text.find(written, at + 1)
    found.sort(key=lambda m: m.start())
    return found


def _boundary_fixes(text: str, shield: _Shield) -> list[_Fix]:
    """Re-split two lower-case words whose written pair is unseen ("achieve din"), where the
    pair is two tokens (see :func:`_resplit`).  Only the places holding such a pair are read
    closely; a fixed pair's second word is not the first of another."""
    out: list[_Fix] = []
    last_end = -1
    for match in _pair_matches(text):
        x, y = match.group(1, 2)
        start = match.start()
        # (The pair counts are read only here, for the few pairs standing together.)
        fix = _resplit(x, y)
        if fix is None or start < last_end:
            continue
        if start and (
            _LETTER.match(text, start - 1)
            or (text[start - 1] in "'\u2019" and start > 1 and _LETTER.match(text, start - 2))
        ):
            continue  # inside a token ("O'achieve")
        second = match.end()
        word = _WORD.match(text, second)
        assert word is not None  # a letter starts it
        if _possessive(word.group()) != y or shield(start) or shield(second):
            continue
        nx, ny = fix
        end = second + len(y)
        out.append(
            _Fix(
                start,
                end,
                text[start:end],
                f"{nx} {ny}",
                f"word boundary: {x!r} {y!r} is an unseen pair, {nx!r} {ny!r} a common one",
                0.9,
                "word-boundary",
            )
        )
        last_end = end
    return out


# --- the step ---------------------------------------------------------------------------------


class NameFixer(TextFixer):
    """Correct misspelled names (and words split at the wrong place), conservatively."""

    name = "names"
    Config = NameConfig
    config: NameConfig
    metadata_defaults: ClassVar[dict[str, Any]] = {}

    def _lexicon(self) -> _Lexicon:
        lexicon: _Lexicon | None = self.__dict__.get("_cache_lexicon")
        if lexicon is None:
            lexicon = _lexicon(tuple(self.config.extra_names), self.config.builtin)
            self._cache_lexicon = lexicon
        return lexicon

    def _find(
        self, text: str, words: Mapping[str, int], evidence: Callable[[], Mapping[str, int]]
    ) -> list[_Fix]:
        """The fixes in ``text``, whose capitalised tokens are counted in ``words``; the
        ``evidence`` from elsewhere (the document's, for its metadata) is asked for only when
        some token may be a typo."""
        lexicon = self._lexicon()
        lexicon.trim()
        known = lexicon.cache_written
        if not known.keys() >= words.keys():  # (in C: in a long run, most are known)
            for word in [w for w in words if w not in known]:
                lexicon.written(word)
        # The written tokens that may be typos of names, on what they alone say (most texts
        # have none: then neither counts nor context are needed).
        maybe = lexicon.cache_maybe.intersection(words)
        if any(known[w].is_word for w in maybe):
            # A real word is fixed only toward a name the document holds ("Mood" where "Moon"
            # stands): those whose names it does not hold are dropped before anything is
            # counted (most texts' only candidates are such words: "Date", "They").
            here = set(map(_KEY, map(known.__getitem__, words)))
            here.update(evidence())
            maybe = {w for w in maybe if not (known[w].is_word and here.isdisjoint(known[w].names))}
        shield = _Shield(text)
        fixes: list[_Fix] = []
        if maybe:
            counts = _name_counts(lexicon, words, evidence())
            context = _Context(lexicon, counts, self.config.prominent_kinds)
            # Those that can only be two edits from a name need one of the document's names
            # to be.
            wanted = set()
            threshold = self.config.threshold
            for word in maybe:
                info = known[word]
                if info.names:
                    if info.is_word and not any(name in counts for name in info.names):
                        continue
                elif not (info.two and info.key[0] in context.names_here()):
                    continue
                if context.may_fix(_possessive(word), threshold):
                    wanted.add(word)
            if wanted:
                decided: dict[_Site, tuple[str, str, float] | None] = {}
                for start, end in _occurrences(text, wanted):
                    if shield(start):
                        continue
                    site = _site(text, start, end)
                    if site in decided:
                        judged = decided[site]
                    else:
                        judged = decided[site] = context.decide(site, threshold)
                    if judged is not None:
                        written = site[0]
                        fixes.append(_Fix(start, start + len(written), written, *judged, "name"))
        if self.config.word_boundaries:
            taken = {(f.start, f.end) for f in fixes}
            for fix in _boundary_fixes(text, shield):
                if not any(s < fix.end and fix.start < e for s, e in taken):
                    fixes.append(fix)
            fixes.sort(key=lambda f: f.start)
        return fixes

    def _edits(
        self, text: str, evidence: Callable[[], Mapping[str, int]]
    ) -> tuple[list[Edit], collections.Counter[str] | None]:
        """Edits against ``text``, repeated until nothing more is found (so a second run finds
        nothing: a fix may give evidence for another); and the capitalised tokens of the
        edited text, counted, when they were (``None`` if not)."""
        edits: list[Edit] = []
        current = text
        for _ in range(4):
            words = _capitalised_counts(current)
            fixes = self._find(current, words, evidence)
            if not fixes:
                return edits, words
            new = [
                Edit(self.name, f.start, f.end, f.before, f.after, f.reason, f.kind, f.confidence)
                for f in fixes
            ]
            edits = compose_edits(text, edits, new)
            current = apply_edits(current, new)
        return edits, None

    def fix(self, doc: Document) -> StepResult:
        edits, words = self._edits(doc.text, dict)
        metadata: dict[str, Any] = {}
        evidence: dict[str, int] | None = None

        def document_evidence() -> dict[str, int]:
            """The cleaned text's capitalised tokens back the fixes in its metadata."""
            nonlocal evidence, words
            if evidence is None:
                if words is None:
                    words = _capitalised_counts(apply_edits(doc.text, edits))
                # (No trim here: this is asked in the middle of reading a value.)
                evidence = _name_counts(self._lexicon(), words)
            return evidence

        for key in self.config.metadata_keys:
            values = doc.metadata.get(key)
            if not isinstance(values, list) or not values:
                continue
            changed = False
            out: list[Any] = []
            for value in values:
                if isinstance(value, str) and value:
                    meta_edits, _ = self._edits(value, document_evidence)
                    if meta_edits:
                        value = apply_edits(value, meta_edits)
                        changed = True
                out.append(value)
            if changed:
                metadata[key] = out
        counts = {"fixed:metadata": len(metadata)} if metadata else {}
        return StepResult(
            edits=edits, metadata=metadata, replace=frozenset(metadata), counts=counts
        )
