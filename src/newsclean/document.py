"""The model: a document, the edits made to it, and the result of cleaning it.

Offsets are code-point offsets into a text.  A step reports its edits against the text it was
given; :func:`compose_edits` folds them into the document's edit log, which is always expressed
against the *original* text, sorted and free of overlaps, so that
``apply_edits(original, edits) == cleaned`` holds for every document.

This module knows nothing of steps, pipelines, files or the command line.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add, attrgetter, sub
from typing import Any, NamedTuple

from newsclean.exceptions import EditError

__all__ = ["Document", "Edit", "Result", "apply_edits", "check_edits", "compose_edits"]

_START = attrgetter("start")
_END = attrgetter("end")
_AFTER = attrgetter("after")


class Edit(NamedTuple):
    """One change: ``text[start:end]`` (which equals ``before``) is replaced by ``after``.

    An immutable record (a named tuple: steps make one per changed line break or word, and a
    tuple is about twice as cheap to build as a frozen dataclass).  ``step`` names the step that
    made it (several joined by ``+`` when the edits of later steps fell on the output of earlier
    ones and had to be merged), ``reason`` says why in words, and ``kind`` names what was removed
    or fixed when that is a category (``related``, ``caption``, ``mojibake``, ``name``...).
    ``confidence`` is set by steps that guess, such as name fixing.
    """

    step: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    kind: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The edit as a JSON-ready dict; ``kind`` and ``confidence`` only when set."""
        out: dict[str, Any] = {
            "step": self.step,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }
        if self.kind is not None:
            out["kind"] = self.kind
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Edit:
        """Rebuild an edit from :meth:`to_dict` output (for replaying a recorded log)."""
        try:
            return cls(
                step=str(data["step"]),
                start=int(data["start"]),
                end=int(data["end"]),
                before=str(data["before"]),
                after=str(data["after"]),
                reason=str(data["reason"]),
                kind=None if data.get("kind") is None else str(data["kind"]),
                confidence=None if data.get("confidence") is None else float(data["confidence"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            msg = f"not an edit record: {exc}"
            raise EditError(msg) from exc


def check_edits(text: str, edits: Sequence[Edit]) -> None:
    """Raise :class:`EditError` unless ``edits`` are sorted, disjoint and match ``text``.

    Two zero-width insertions at the same offset are refused: their order would be a guess.
    """
    last_end = 0
    last_empty_at = -1
    for edit in edits:
        if not 0 <= edit.start <= edit.end <= len(text):
            msg = f"edit by {edit.step!r} at {edit.start}:{edit.end} lies outside the text"
            raise EditError(msg)
        if edit.start < last_end or (edit.start == edit.end == last_empty_at):
            msg = f"edit by {edit.step!r} at {edit.start}:{edit.end} overlaps the one before it"
            raise EditError(msg)
        if text[edit.start : edit.end] != edit.before:
            msg = (
                f"edit by {edit.step!r} at {edit.start}:{edit.end} says it replaces "
                f"{edit.before!r} but the text there is {text[edit.start : edit.end]!r}"
            )
            raise EditError(msg)
        last_end = edit.end
        last_empty_at = edit.start if edit.start == edit.end else -1


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, disjoint edits to ``text`` (the edits' own coordinates) in one pass."""
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def _join_unique(values: Iterable[str], sep: str) -> str:
    seen: dict[str, None] = {}
    for value in values:
        for part in value.split(sep):
            seen.setdefault(part, None)
    return sep.join(seen)


def compose_edits(original: str, old: Sequence[Edit], new: Sequence[Edit]) -> list[Edit]:
    """Fold ``new`` (against ``apply_edits(original, old)``) into ``old`` (against ``original``).

    The result is against ``original``.  New edits that fall in text no earlier edit touched are
    shifted, and so are new edits that only touch an earlier one (a name fixed right after a
    dropped line stays its own edit).  A new edit that overlaps the output of earlier edits is
    merged with them into one edit whose ``before`` is the original text and whose ``after`` is
    what the text there finally reads; so are two insertions that would land on one offset of
    the original, whose order would otherwise be lost.

    The log of a page can hold tens of thousands of edits (a paragraph break per line) while a
    later step makes a few: only the old edits whose output meets a new edit are swept with it;
    the others are kept as they are, in order.  The cost is one pass to place the old edits in
    the current text plus work in proportion to the new edits and their neighbours.
    """
    if not new:
        return list(old)
    if not old:  # the current text is the original: the new edits are already against it
        return list(new)
    placed = _placement(old)
    spans = _compose_spans(original, old, new, *placed)
    if spans is not None:
        return spans
    return _compose_clusters(original, old, new, *placed)


def _placement(old: Sequence[Edit]) -> tuple[list[int], list[int], list[int]]:
    """Where each old edit's output starts and ends in the current text, and how much the text
    before each old edit (and, last, before the end) has grown: C-level passes, since a page's
    log holds an edit per line."""
    sizes = list(map(len, map(_AFTER, old)))
    grown = list(accumulate(map(sub, sizes, map(sub, map(_END, old), map(_START, old))), initial=0))
    starts = list(map(add, map(_START, old), grown))
    ends = list(map(add, starts, sizes))
    return starts, ends, grown


def _compose_clusters(
    original: str,
    old: Sequence[Edit],
    new: Sequence[Edit],
    starts: Sequence[int],
    ends: Sequence[int],
    grown: Sequence[int],
) -> list[Edit]:
    """:func:`compose_edits` in general: the new edits swept with the old ones they meet.

    ``starts`` and ``ends`` are where each old edit's output lies in the current text, and
    ``grown[i]`` how much the text before old edit ``i`` has grown.
    """
    # Old edits whose output meets a new edit's span (ends included) can join its cluster;
    # no other old edit can, since old outputs never overlap each other.
    near: list[int] = []
    taken = 0
    for edit in new:
        lo = max(bisect.bisect_left(ends, edit.start), taken)
        hi = bisect.bisect_right(starts, edit.end)
        if hi > lo:
            near.extend(range(lo, hi))
            taken = hi
    # Items in current-text coordinates: (start, end, is_new, index); both inputs are sorted.
    items: list[tuple[int, int, bool, int]] = [(starts[i], ends[i], False, i) for i in near]
    items.extend((e.start, e.end, True, j) for j, e in enumerate(new))
    items.sort()
    current = apply_edits(original, old)

    out: list[Edit] = []
    done = 0  # old edits before this index are in ``out``
    i = 0
    while i < len(items):
        # Grow one cluster of items that interact in current coordinates.
        # Touching joins only where a new insertion is involved: a new edit right after a
        # dropped line maps cleanly to the original, but an insertion next to earlier output
        # could land on one offset with an insertion made before.
        cluster = [items[i]]
        c_end = items[i][1]
        end_inserts = items[i][2] and items[i][0] == c_end
        i += 1
        while i < len(items):
            s, e, is_new = items[i][0], items[i][1], items[i][2]
            inserts = is_new and s == e
            if s < c_end or (s == c_end and (inserts or end_inserts)):
                if e > c_end:
                    c_end, end_inserts = e, inserts
                elif e == c_end:
                    end_inserts = end_inserts or inserts
                cluster.append(items[i])
                i += 1
            else:
                break
        c_start = cluster[0][0]
        indices = [it[3] for it in cluster if not it[2]]
        # The old edits before the cluster, swept or not, go out first, unchanged.
        first = indices[0] if indices else max(done, bisect.bisect_left(ends, c_start))
        out.extend(old[done:first])
        done = indices[-1] + 1 if indices else first
        olds = [old[k] for k in indices]
        news = [new[it[3]] for it in cluster if it[2]]
        delta = grown[first]
        if not news:
            out.extend(olds)
        elif not olds:
            out.extend(_shift(edit, -delta) for edit in news)
        else:
            o_start = c_start - delta
            o_end = c_end - grown[done]
            pieces: list[str] = []
            pos = c_start
            for edit in news:
                pieces.append(current[pos : edit.start])
                pieces.append(edit.after)
                pos = edit.end
            pieces.append(current[pos:c_end])
            out.append(_merged(olds, news, o_start, original[o_start:o_end], "".join(pieces)))
    out.extend(old[done:])
    return out


def _compose_spans(
    original: str,
    old: Sequence[Edit],
    new: Sequence[Edit],
    starts: Sequence[int],
    ends: Sequence[int],
    grown: Sequence[int],
) -> list[Edit] | None:
    """:func:`compose_edits` where no new edit is an insertion: clusters found by bisection.

    The common case: dropped lines, each taking the line break edited beneath it.  Touching
    is not overlapping (an insertion is what joins touching edits), so a cluster is a new edit,
    the old outputs it overlaps and, while the last of those reaches into the next new edit,
    that one too (a run of dropped lines at the foot of a page).  ``None`` when a new edit is
    an insertion; the general sweep then decides.
    """
    out: list[Edit] = []
    done = 0
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right
    j, count = 0, len(new)
    while j < count:
        edit = new[j]
        j += 1
        start, end = edit.start, edit.end
        if start == end:
            return None
        # The old outputs that overlap the new span: they end past its start and begin before
        # its end (an empty output on either edge only touches it).
        lo = bisect_right(ends, start, done)
        hi = bisect_left(starts, end, lo)
        out.extend(old[done:lo])
        done = hi
        if lo == hi:
            out.append(_shift(edit, -grown[lo]))
            continue
        c_start = min(start, starts[lo])
        pieces = [old[lo].after[: start - c_start], edit.after]
        news = [edit]
        # What the cluster prints between and after its new edits lies in the output of the
        # last old edit it holds, which ends at ``c_end``.
        pos = end
        c_end = max(end, ends[hi - 1])
        while j < count and new[j].start < c_end:
            edit = new[j]
            j += 1
            if edit.start == edit.end:
                return None
            at = starts[hi - 1]
            pieces.append(old[hi - 1].after[pos - at : edit.start - at])
            pieces.append(edit.after)
            news.append(edit)
            pos = edit.end
            hi = bisect_left(starts, pos, hi)
            c_end = max(pos, ends[hi - 1])
        if c_end > pos:
            pieces.append(old[hi - 1].after[pos - starts[hi - 1] :])
        done = hi
        o_start = c_start - grown[lo]
        o_end = c_end - grown[hi]
        out.append(_merged(old[lo:hi], news, o_start, original[o_start:o_end], "".join(pieces)))
    out.extend(old[done:])
    return out


def _merged(
    olds: Sequence[Edit], news: Sequence[Edit], start: int, before: str, after: str
) -> Edit:
    """One edit for a cluster: its steps and reasons joined, the newest kind, the least confidence.

    A dropped line over a changed line break is one old and one new edit, tens of thousands of
    times on a page: that case is joined without the general bookkeeping.
    """
    if len(olds) == 1 and len(news) == 1:
        o, n = olds[0], news[0]
        first, second = (o, n) if o.start <= n.start else (n, o)
        if o.confidence is None or n.confidence is None:
            confidence = n.confidence if o.confidence is None else o.confidence
        else:
            confidence = min(o.confidence, n.confidence)
        return Edit(
            _join_two(o.step, n.step, "+"),
            start,
            start + len(before),
            before,
            after,
            _join_two(first.reason, second.reason, "; "),
            n.kind or o.kind or None,
            confidence,
        )
    ordered = sorted([*olds, *news], key=lambda e: e.start)
    kinds = [e.kind for e in news if e.kind] or [e.kind for e in olds if e.kind]
    confidences = [e.confidence for e in (*olds, *news) if e.confidence is not None]
    return Edit(
        step=_join_unique((e.step for e in (*olds, *news)), "+"),
        start=start,
        end=start + len(before),
        before=before,
        after=after,
        reason=_join_unique((e.reason for e in ordered), "; "),
        kind=kinds[0] if kinds else None,
        confidence=min(confidences) if confidences else None,
    )


def _join_two(a: str, b: str, sep: str) -> str:
    """``_join_unique((a, b), sep)``, quickly where neither holds ``sep``."""
    if sep in a or sep in b:
        return _join_unique((a, b), sep)
    return a if a == b else a + sep + b


def _shift(edit: Edit, by: int) -> Edit:
    return Edit(
        edit.step,
        edit.start + by,
        edit.end + by,
        edit.before,
        edit.after,
        edit.reason,
        edit.kind,
        edit.confidence,
    )


@dataclass(slots=True)
class Document:
    """A text being cleaned: the original, the current text, metadata and the edit log.

    ``metadata`` holds what steps learn or strip (``date``, ``related``, ``captions``...).
    ``reference_date`` (ISO 8601) anchors relative and year-less dates; ``None`` means unknown.
    """

    original: str
    text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    reference_date: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.original, str):
            msg = f"a document's text must be str, not {type(self.original).__name__}"
            raise TypeError(msg)
        if not self.text:
            self.text = self.original

    def apply(self, step_edits: Sequence[Edit]) -> None:
        """Apply edits made against the current text and fold them into the log."""
        check_edits(self.text, step_edits)
        if not step_edits:
            return
        self.edits = compose_edits(self.original, self.edits, step_edits)
        self.text = apply_edits(self.text, step_edits)


@dataclass(frozen=True, slots=True)
class Result:
    """What cleaning one text gives: the text, its metadata, the edit log and step statistics."""

    text: str
    metadata: Mapping[str, Any]
    edits: tuple[Edit, ...]
    stats: Mapping[str, Any]

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """Metadata as a JSON-ready dict; with ``explain``, the edits under ``"edits"``."""
        out = dict(self.metadata)
        if explain:
            out["edits"] = [edit.to_dict() for edit in self.edits]
        return out
