"""List blocks that belong to a page's body: the boilerplate classifier's second look.

A body is not only paragraphs: a recipe's ingredients, a meal plan, a deal's product specs, a
table of results or a bullet list are runs of short lines that look like a menu by shape.  What
tells them from furniture is where they stand and what they say: they follow a paragraph of the
body (or stand between two), they hold numbers or bullets or go on with the words of the body
and of the list's own items, and no rule or cue names them.  Menus sit at the edges of the page,
before the headline or after the article's end (a rule line, such as a related header or a
footer, ends a body's list), and say nothing the paragraphs say.  A short introduction over a
long list is the page's body even when a longer notice stands at its foot (:func:`main_run`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

import regex

from newsclean.dictionaries import read_lines

if TYPE_CHECKING:
    from newsclean.steps.base import Drop
    from newsclean.steps.boilerplate import _Features

__all__ = ["adjoins", "list_items", "main_run"]

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
    f: _Features, text: str, vocabulary: set[str], content_words: Callable[[str], set[str]]
) -> bool:
    """Whether a line reads as an item of a list in the body.

    It holds a number (a quantity, a score, a price), opens with a bullet or goes on with the
    ``vocabulary``; a line shaped as a link's title needs a list's shape as well (a bullet, a
    ``Label: value``), and a long line printed again elsewhere on the page (a caption, a
    teaser) needs a number or a bullet.
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
        return bullet or _LABEL.match(head) is not None
    return evidence


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
    Every line is walked at most once, so the pass is linear.
    """
    vocabulary: set[str] = set()
    for k in sorted(keep):
        vocabulary |= content_words(texts[k][1])
    out: set[int] = set()
    n = min(len(texts), barrier)
    k = 0
    while k < n:
        if k not in keep or k + 1 >= n or (k + 1) in keep:
            k += 1
            continue
        j = k + 1
        last = -1
        misses = 0
        opened = False  # whether the run's first line is an item
        while j < n and j not in keep and rule_hits[j] is None and j - k <= _LIST_MAX:
            f = feats[j]
            text = texts[j][1]
            cued = f.cue is not None and f.words <= 12
            if cued and j == k + 1:
                break  # a list of links under a header a cue names
            if not cued and _item(f, text, vocabulary, content_words):
                if _shaped(text, f):
                    # A list's items share words of their own ("serving", "workout").
                    vocabulary |= content_words(text)
                opened = opened or j == k + 1
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
        k = j
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
