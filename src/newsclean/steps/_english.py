"""English word knowledge: the word and word-pair frequency lists that symspellpy ships.

symspellpy's package holds ``frequency_dictionary_en_82_765.txt`` (one ``word count`` a line) and
``frequency_bigramdictionary_en_243_342.txt`` (``word word count``).  newsclean reads them where
the installed symspellpy keeps them, at run time, once per process and only when first needed; they
are never copied into this project.  Building symspellpy's own index over the 82k words takes
seconds, so the words go into a plain dict (one C-level split, ~40 ms) and the pairs stay sorted
lines searched by bisection (~50 ms to load, microseconds a look-up).
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
def words() -> dict[str, str]:
    """Lower-case English words to their corpus counts (as digit strings, parsed on use)."""
    fields = _symspell_file(_WORDS_FILE).split()
    return dict(zip(fields[0::2], fields[1::2], strict=False))


def word_count(word: str) -> int:
    """How often ``word`` (lower case) occurs in the English corpus; 0 when it is not a word."""
    count = words().get(word)
    return int(count) if count is not None else 0


@functools.cache
def _bigram_lines() -> list[str]:
    lines = _symspell_file(_BIGRAMS_FILE).splitlines()
    lines.sort()  # the file is almost sorted already, which Timsort does in linear time
    return lines


def bigram_count(first: str, second: str) -> int:
    """How often the pair ``first second`` (lower case) occurs; 0 when it is not listed."""
    lines = _bigram_lines()
    prefix = f"{first} {second} "
    i = bisect.bisect_left(lines, prefix)
    if i < len(lines) and lines[i].startswith(prefix):
        count = lines[i][len(prefix) :]
        return int(count) if count.isdigit() else 0
    return 0
