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
from pathlib import Path

from newsclean.exceptions import DictionaryError

__all__ = ["bigram_count", "word_count", "words"]

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
    _word_scans[0] = _WORD_SCANS  # from now on look-ups ask the dict
    return dict(zip(fields, fields, strict=False))  # word, count, word, count...


#: Word look-ups answered by searching the file's text before the dict is made: a short first
#: document needs a few (~0.3 ms each), a corpus needs the dict (~35 ms to make).
_WORD_SCANS = 30
_word_scans = [0]


def word_count(word: str) -> int:
    """How often ``word`` (lower case) occurs in the English corpus; 0 when it is not a word."""
    if _word_scans[0] < _WORD_SCANS:
        _word_scans[0] += 1
        if word.split() != [word]:
            return 0  # empty or holding a space: no key of the dict
        text = _words_text()
        at = text.find(f"\n{word} ")  # the file's words are distinct, one a line
        if at < 0:
            return 0
        end = text.find("\n", at + 1)
        return int(text[at + 2 + len(word) : end if end >= 0 else len(text)])
    count = words().get(word)
    return int(count) if count is not None else 0


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
