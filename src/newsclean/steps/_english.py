"""English word knowledge: the word and word-pair frequency lists that symspellpy ships.

symspellpy's package holds ``frequency_dictionary_en_82_765.txt`` (one ``word count`` a line) and
``frequency_bigramdictionary_en_243_342.txt`` (``word word count``).  newsclean reads them where
the installed symspellpy keeps them, at run time, once per process and only when first needed; they
are never copied into this project.  Building symspellpy's own index over the 82k words takes
seconds, so the words go into a plain dict (one C-level split, ~40 ms) and the pairs stay text:
the first look-ups search it (~1 ms each, nothing to build), later ones bisect its lines, sorted
once (~50 ms, then microseconds a look-up).
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path

from newsclean.exceptions import DictionaryError

__all__ = ["bigram_count", "known_at_least", "word_count", "words"]

_WORDS_FILE = "frequency_dictionary_en_82_765.txt"
_BIGRAMS_FILE = "frequency_bigramdictionary_en_243_342.txt"


def _symspell_file(name: str) -> str:
    # find_spec locates the package without importing it (importing symspellpy costs ~60 ms).
    spec = importlib.util.find_spec("symspellpy")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in folders:
        path = Path(folder) / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    msg = f"symspellpy's {name} is missing: install symspellpy (pip install symspellpy)"
    raise DictionaryError(msg)


@functools.cache
def _words_text() -> str:
    return "\n" + _symspell_file(_WORDS_FILE)


@functools.cache
def words() -> dict[str, str]:
    """Lower-case English words to their corpus counts (as digit strings, parsed on use)."""
    fields = iter(_words_text().split())
    _scanned[0] = _SCAN_BUDGET  # from now on look-ups ask the dict
    return dict(zip(fields, fields, strict=False))  # word, count, word, count...


#: Word look-ups are answered by searching the file's text before the dict is made (~20 ms),
#: until the searches have read this many characters: about as long as making the dict takes.
#: A word the list lacks is searched for through the whole text (1.3 million characters, ~1 ms),
#: a common one is found near its start (the list is sorted by frequency): a short document needs
#: a few dozen look-ups, most of them cheap; a corpus needs the dict.
_SCAN_BUDGET = 20_000_000
#: What one search is charged at least (its own cost beyond the characters it reads): so that
#: any long run of look-ups ends on the dict.
_SCAN_COST = 10_000
#: The characters searched so far (the budget once the dict is made).
_scanned = [0]


def word_count(word: str) -> int:
    """How often ``word`` (lower case) occurs in the English corpus; 0 when it is not a word."""
    if _scanned[0] < _SCAN_BUDGET:
        if word.split() != [word]:
            return 0  # empty or holding a space: no key of the dict
        text = _words_text()
        at = text.find(f"\n{word} ")  # the file's words are distinct, one a line
        _scanned[0] += (len(text) if at < 0 else at) + _SCAN_COST
        if at < 0:
            return 0
        end = text.find("\n", at + 1)
        return int(text[at + 2 + len(word) : end if end >= 0 else len(text)])
    count = words().get(word)
    return int(count) if count is not None else 0


def known_at_least(candidates: Sequence[str], needed: float) -> bool:
    """Whether at least ``needed`` of ``candidates`` (lower case, repeats counted) are English
    words.  Before the dict is made, words are looked up one by one until the answer is sure:
    the words of an English line are mostly common ones, found early in the text, and a line
    in another language is told by its first few misses."""
    if _scanned[0] >= _SCAN_BUDGET:
        return sum(map(words().__contains__, candidates)) >= needed
    known = 0
    allowed = len(candidates) - needed  # misses that still leave ``needed`` words possible
    for word in candidates:
        if word_count(word) > 0:
            known += 1
            if known >= needed:
                return True
        else:
            allowed -= 1
            if allowed < 0:
                return False
    return known >= needed


@functools.cache
def _bigram_text() -> str:
    return "\n" + _symspell_file(_BIGRAMS_FILE)


@functools.cache
def _bigram_lines() -> list[str]:
    lines = _bigram_text().split("\n")
    lines.sort()  # the file is almost sorted already, which Timsort does in linear time
    return lines


#: Pair look-ups answered by searching the file's text before its lines are sorted for
#: bisection: a first document needs a handful (~1 ms each), a corpus needs the sorted lines
#: (~50 ms to sort, as long as this many searches).
_SCANS = 30
_scans = [0]


@functools.lru_cache(maxsize=65536)
def bigram_count(first: str, second: str) -> int:
    """How often the pair ``first second`` (lower case) occurs; 0 when it is not listed."""
    if "\n" in first or "\n" in second:
        return 0
    prefix = f"{first} {second} "
    if _scans[0] < _SCANS:
        _scans[0] += 1
        text = _bigram_text()
        at = text.find("\n" + prefix)
        if at < 0:
            return 0
        end = text.find("\n", at + 1)
        count = text[at + 1 + len(prefix) : end if end >= 0 else len(text)].strip()
        return int(count) if count.isdigit() else 0
    lines = _bigram_lines()
    i = bisect.bisect_left(lines, prefix)
    if i < len(lines) and lines[i].startswith(prefix):
        count = lines[i][len(prefix) :].strip()
        return int(count) if count.isdigit() else 0
    return 0
