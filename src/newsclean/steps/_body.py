"""List blocks that belong to a page's body: the boilerplate classifier's second look.

A body is not only paragraphs: a recipe's ingredients, a meal plan, a deal's product specs, a
table of results or a bullet list are runs of short lines that look like a menu by shape.  What
tells them from furniture is where they stand and what they say: they follow a paragraph of the
body (or stand between two), they hold numbers or bullets or go on with the words of the body
and of the list's own items, and no rule or cue names them.  Menus sit at the edges of the page,
before the headline or after the article's end (a rule line, such as a related header or a
footer, ends a body's list), and say nothing the paragraphs say.  A short introduction over a
long list is the page's body even when a longer notice stands at its foot (:func:`main_run`).

The body also has gaps that are not lists: a few lines between two kept paragraphs (an
interviewee's name, a label and the question), empty lines and a repeated
caption between paragraphs, and tables of figures between the parts of an analysis.  Those are
the body going on (:func:`gap_lines`, :func:`resumes`, :func:`reach`).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

import regex

from newsclean.dictionaries import read_lines

if TYPE_CHECKING:
    from newsclean.steps.base import Drop
    from newsclean.steps.boilerplate import _Features

__all__ = ["adjoins", "gap_lines", "list_items", "main_run", "reach", "resumes"]

#: How many lines of a run in a row may fail to look like items before the run is ended: a
#: price or a "Buy now" between the items of a product card, not a menu after the list.
_LIST_GAP = 2
#: How many lines one list may hold; past that the run is a wall, not a list in an article.
_LIST_MAX = 400
#: Items are short; a longer line is prose, which the body search judges on its own.
_ITEM_MAX_WORDS = 60
#: A line with at least this many of the body's content words goes on with its topic.
_SHARED_MIN = 1
#: A ``Label: value`` line: a short label, a colon, a value (bounded, no backtracking).
_LABEL = regex.compile(r"\A[^:\n]{1,40}+:\s*+\S")
_DIGIT = regex.compile(r"\d")
#: What a table row's skeleton leaves out: letters and spaces; runs of digits become one ``0``.
_LETTERS = regex.compile(r"[\p{L}\p{M}\s]++")
_DIGITS = regex.compile(r"\d++")
#: How many words a list's header may hold (``The band's tour dates``), above a table's rows.
_HEADER_MAX_WORDS = 8


@functools.cache
def _markers() -> frozenset[str]:
    """The characters that open an item of a bulleted list."""
    return frozenset(read_lines("boilerplate/list_markers.txt"))


#: How many lines of furniture may stand between the main run of prose and another run that
#: is then part of the same body whatever its length (a lead above a photo, a last paragraph
#: below a widget).
_ADJOINING = 8


def adjoins(span: tuple[int, int, float], start: int, end: int) -> bool:
    """Whether a run of prose stands within ``_ADJOINING`` lines of the main run ``start:end``.

    Teasers and asides stand apart from the article; a run this near it is the body going on,
    split from it by a photo, a subheading or a short widget.
    """
    return span[0] - end <= _ADJOINING and start - span[1] <= _ADJOINING


def _headline_like(f: _Features) -> bool:
    """A link's title: several words, title case, no sentence's end."""
    return f.words >= 4 and f.title >= 0.7 and not f.terminal


def _shaped(text: str, f: _Features) -> bool:
    """Whether a line has a list item's shape: a bullet, or a number among words."""
    head = text[:200]
    return head[:1] in _markers() or (f.words >= 2 and _DIGIT.search(head) is not None)


def _item(
    f: _Features,
    text: str,
    vocabulary: set[str],
    content_words: Callable[[str], set[str]],
    row: bool = False,
) -> bool:
    """Whether a line reads as an item of a list in the body.

    It holds a number (a quantity, a score, a price), opens with a bullet or goes on with the
    ``vocabulary``; a line shaped as a link's title needs a list's shape as well (a bullet, a
    ``Label: value``, a ``row`` of a table), and a long line printed again elsewhere on the
    page (a caption, a teaser) needs a number or a bullet.
    """
    if f.words > _ITEM_MAX_WORDS:
        return False
    head = text[:200]
    bullet = head[:1] in _markers()
    shaped = _shaped(text, f)
    if f.repeated and f.words >= 6 and not shaped:
        return False
    evidence = shaped or len(content_words(text) & vocabulary) >= _SHARED_MIN
    if evidence and _headline_like(f):
        return bullet or row or _LABEL.match(head) is not None
    return evidence


def _skeleton(text: str) -> str:
    """A line's punctuation and numbers, letters and spaces left out: ``0 – , @`` for a date."""
    return _DIGITS.sub("0", _LETTERS.sub("", text[:200]))


class _Rows:
    """Which lines are rows of a table: a number and a separator, in the shape of a neighbour.

    Tour dates (``June 9 – Tampa, FL @ Arena``), fixtures and results print each row with the
    same punctuation around their numbers; a run of teaser headlines rarely does.  A row reads
    as a title (title case, no sentence end) and may hold a cue word (``Home``), yet it is an
    item.  Skeletons are computed once per line and document, on demand.
    """

    def __init__(self, texts: Sequence[tuple[int, str]], n: int) -> None:
        self._texts = texts
        self._n = n
        self._skeletons: dict[int, str] = {}

    def _skeleton(self, j: int) -> str:
        found = self._skeletons.get(j)
        if found is None:
            found = self._skeletons[j] = _skeleton(self._texts[j][1])
        return found

    def __call__(self, j: int) -> bool:
        own = self._skeleton(j)
        if "0" not in own or len(own) < 2:
            return False
        return (j > 0 and self._skeleton(j - 1) == own) or (
            j + 1 < self._n and self._skeleton(j + 1) == own
        )


def list_items(
    texts: Sequence[tuple[int, str]],
    feats: Sequence[_Features],
    rule_hits: Sequence[Drop | None],
    keep: Collection[int],
    barrier: int,
    content_words: Callable[[str], set[str]],
) -> set[int]:
    """The lines of list blocks that go on from the kept body (see the module's docstring).

    Each run of lines not kept that starts just below a kept line is walked down to the next
    kept line, a rule line, the comment thread's head or a gap of more than ``_LIST_GAP``
    lines that are not items; the lines up to its last item are the body's.  The vocabulary is
    the kept lines' content words, and grows with those of each item with a number or a bullet.
    A table's rows are items whatever they read as, and a table below the body may open with a
    short header (``Tour dates``) when its first row follows.  Every line is walked at most
    once, so the pass is linear.
    """
    vocabulary: set[str] = set().union(*[content_words(texts[k][1]) for k in keep])
    out: set[int] = set()
    n = min(len(texts), barrier)
    rows = _Rows(texts, n)
    # Runs start below kept lines; a walk ends at or before the next kept line.
    for k in sorted(keep):
        if k + 1 >= n or (k + 1) in keep:
            continue
        j = k + 1
        last = -1
        misses = 0
        opened = False  # whether the run's first line is an item
        while j < n and j not in keep and rule_hits[j] is None and j - k <= _LIST_MAX:
            f = feats[j]
            text = texts[j][1]
            row = rows(j)
            cued = f.cue is not None and f.words <= 12 and not row
            if cued and j == k + 1:
                break  # a list of links under a header a cue names
            if not cued and _item(f, text, vocabulary, content_words, row):
                if _shaped(text, f):
                    # A list's items share words of their own ("serving", "workout").
                    vocabulary |= content_words(text)
                # A list starts with an item, or a table with a short header over its rows.
                opened = (
                    opened
                    or j == k + 1
                    or (
                        j == k + 2
                        and row
                        and misses == 1
                        and feats[k + 1].words <= _HEADER_MAX_WORDS
                    )
                )
                last = j
                misses = 0
            else:
                misses += 1
                if misses > _LIST_GAP:
                    break
            j += 1
        if j < n and j in keep and last > k:
            # Between two parts of the body, items with a few links or labels among them.
            out.update(range(k + 1, j))
        elif opened:
            # Below the body, a list starts with an item, not with the header of a list of
            # links, and ends at its last item.
            out.update(range(k + 1, last + 1))
    out.update(_lists_above(texts, feats, rule_hits, keep, vocabulary, content_words))
    return out


def _prose(f: _Features) -> bool:
    """A sentence of a paragraph: long enough, ends as a sentence does, not a link's title."""
    return f.terminal and f.words >= 8 and f.title < 0.5 and f.cue is None


def _lists_above(
    texts: Sequence[tuple[int, str]],
    feats: Sequence[_Features],
    rule_hits: Sequence[Drop | None],
    keep: Collection[int],
    vocabulary: set[str],
    content_words: Callable[[str], set[str]],
) -> set[int]:
    """A paragraph and the list under it, just above a part of the body: the body's start.

    Walking up from the first line of each kept part over items, the run is the body's when
    it meets a sentence of prose; a menu, a header or a rule ends the walk with nothing.  Each
    line is walked at most once (a walk stops at a kept line), so the pass is linear.
    """
    out: set[int] = set()
    for k in sorted(keep):
        if k == 0 or (k - 1) in keep:
            continue
        j = k - 1
        misses = 0
        while j >= 0 and j not in keep and rule_hits[j] is None and k - j <= _LIST_MAX:
            f = feats[j]
            if f.cue is not None and f.words <= 12:
                break
            if _prose(f):
                if misses == 0 and j < k - 1:
                    out.update(range(j, k))
                break
            if _item(f, texts[j][1], vocabulary, content_words):
                misses = 0
            else:
                misses += 1
                if misses > _LIST_GAP:
                    break
            j -= 1
    return out


#: How many of the strongest runs of prose are weighed with their lists for the main body.
_CANDIDATES = 3
#: What each character of a run's lists adds to its weight as a candidate for the main body.
_LIST_WEIGHT = 1.0


def main_run(
    spans: Sequence[tuple[int, int, float]],
    texts: Sequence[tuple[int, str]],
    feats: Sequence[_Features],
    rule_hits: Sequence[Drop | None],
    barrier: int,
    content_words: Callable[[str], set[str]],
) -> tuple[int, int, float]:
    """The main run of the body: the strongest run of prose counted with the lists it heads.

    A meal plan or a deal page is a short introduction over a long list: counted alone its
    paragraphs weigh less than a legal notice at the foot of the page.  The few strongest runs
    are weighed with the lists below and between their lines (:func:`list_items`), and the
    heaviest is the main one; a page without such lists keeps its strongest run.
    """
    ranked = sorted(spans, key=lambda span: span[2], reverse=True)[:_CANDIDATES]
    best = ranked[0]
    best_weight = best[2]
    for span in ranked:
        run = set(range(span[0], span[1]))
        items = list_items(texts, feats, rule_hits, run, barrier, content_words)
        weight = span[2] + _LIST_WEIGHT * sum(feats[k].chars for k in items)
        if weight > best_weight:
            best, best_weight = span, weight
    return best


#: How many lines a gap between two kept lines of the body may span to be kept whole.
_GAP_LINES = 6
#: The fewest words a line in such a gap has (a lone word is a button or a menu's entry).
_GAP_MIN_WORDS = 2


def gap_lines(
    feats: Sequence[_Features], rule_hits: Sequence[Drop | None], keep: Collection[int]
) -> set[int]:
    """The lines of each short gap between two kept lines of the body, but named furniture.

    Between two paragraphs of one body stand its own furniture: an interviewee's name, a
    label (``Account: @name``), the question asked again.  A gap of at most ``_GAP_LINES``
    lines is kept, but for lines of one word or with a cue word; a gap that holds a rule's
    line (a share bar, a related link) is a widget and stays out whole.  Linear in the lines.
    """
    out: set[int] = set()
    ordered = sorted(keep)
    for a, b in itertools.pairwise(ordered):
        if not 1 < b - a <= _GAP_LINES + 1:
            continue
        gap = range(a + 1, b)
        if any(rule_hits[j] is not None for j in gap):
            continue
        out.update(j for j in gap if feats[j].cue is None and feats[j].words >= _GAP_MIN_WORDS)
    return out


#: What a sentence needs to resume the body past empty and repeated lines.
_RESUME_MIN_WORDS = 4
_RESUME_MIN_SCORE = 1.0


def resumes(feats: Sequence[_Features], j: int, edge: int, good: float) -> bool:
    """Whether line ``j``, a few lines past the body's ``edge``, is the body going on.

    A paragraph (score ``good`` or more) always is.  So is a sentence (it ends as one does,
    not a title, no cue word) when all that stands between is empty (a zero-width space, an
    image's placeholder) or printed again elsewhere on the page (a gallery's caption under
    each photo): the lines a photo essay puts between its short paragraphs.
    """
    f = feats[j]
    if f.score >= good:
        return True
    if not (
        f.terminal
        and f.words >= _RESUME_MIN_WORDS
        and f.score >= _RESUME_MIN_SCORE
        and f.cue is None
        and f.title < 0.5
    ):
        return False
    gap = range(edge, j) if edge <= j else range(j + 1, edge)
    return all(feats[i].words == 0 or feats[i].repeated for i in gap)


#: What a line of at most one word adds to the distance between two parts of the body.
_CELL_DISTANCE = 0.25


def reach(feats: Sequence[_Features]) -> Callable[[int, int], float]:
    """The distance between lines ``a <= b`` of a page, for parts of one body to join.

    A table of figures between the parts of an analysis (``Pos``, ``Player``, ``63``,
    ``85%``) is many lines of a word each: counted line for line it sets the parts too far
    apart.  A line of at most one word counts ``_CELL_DISTANCE``; others count one.  Prefix
    sums, built on the first call (a page with one part of the body never asks), so each
    distance costs one subtraction.
    """
    sums: list[float] = []

    def distance(a: int, b: int) -> float:
        if not sums:
            total = 0.0
            sums.append(total)
            for f in feats:
                total += _CELL_DISTANCE if f.words <= 1 else 1.0
                sums.append(total)
        return sums[b] - sums[a]

    return distance
