"""The two kinds of step, and the small contract every step keeps.

A step has a ``name``, a frozen ``Config`` dataclass and one job.  It is given a
:class:`~newsclean.document.Document` and returns a :class:`StepResult`: edits against the
document's *current* text (sorted, disjoint) and metadata to merge.  It never mutates the document,
never loops over documents and never reads files other than its dictionaries: the pipeline does the
rest (applies and composes edits, counts, times).

- :class:`TextFixer` rewrites spans: implement :meth:`TextFixer.fix`.
- :class:`LineFilter` keeps or drops whole lines: implement :meth:`LineFilter.judge`.  The base
  class turns drops into edits (the line and its line break), records kind and reason, and files
  the dropped text into metadata by kind, so nothing is lost.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Any, ClassVar, NamedTuple

from newsclean.document import Document, Edit
from newsclean.exceptions import ConfigError

__all__ = ["Drop", "Line", "LineFilter", "Step", "StepConfig", "StepResult", "TextFixer"]


@dataclass(frozen=True)
class StepConfig:
    """Base of every step's configuration (a frozen dataclass; a TOML table maps onto it)."""


@dataclass(frozen=True, slots=True)
class StepResult:
    """A step's answer: edits against the text it was given, and metadata to merge in.

    ``metadata`` values replace the document's values under the same key, except lists, which are
    appended to (so two steps may both add ``removed`` entries).  ``replace`` names keys whose value
    replaces even a list (a step that rewrites earlier metadata, as name fixing does).
    ``counts`` are extra statistics (``{"dropped:related": 4}``) the pipeline adds up.
    """

    edits: Sequence[Edit] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)
    replace: frozenset[str] = frozenset()
    counts: Mapping[str, int] = field(default_factory=dict)


class Step(ABC):
    """A named, configured transformation of one document."""

    name: ClassVar[str] = "step"
    Config: ClassVar[type[StepConfig]] = StepConfig
    #: Metadata keys this step fills, with the value a document gets when nothing is found.
    metadata_defaults: ClassVar[Mapping[str, Any]] = {}
    #: How many letters and digits one edit may add to what it replaces (checked by
    #: :func:`newsclean.testing.check_step`): a fixer corrects, it does not write.
    max_growth: ClassVar[int] = 2

    def __init__(self, config: StepConfig | None = None, **options: Any) -> None:
        base = config if config is not None else self.Config()
        if not isinstance(base, self.Config):
            msg = f"step {self.name!r} takes a {self.Config.__name__}, not {type(base).__name__}"
            raise ConfigError(msg)
        if options:
            known = {f.name for f in dataclasses.fields(base)}
            unknown = sorted(set(options) - known)
            if unknown:
                msg = f"step {self.name!r} has no option {', '.join(map(repr, unknown))}"
                raise ConfigError(msg)
            base = dataclasses.replace(base, **options)
        self.config = base

    @abstractmethod
    def run(self, doc: Document) -> StepResult:
        """Look at ``doc`` (read only) and say what to change."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.config!r})"

    def __getstate__(self) -> dict[str, Any]:
        # Steps cache compiled resources lazily under names starting with "_cache"; they are
        # rebuilt in the receiving process rather than pickled.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_cache")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


class TextFixer(Step):
    """A step that rewrites spans of the text."""

    def run(self, doc: Document) -> StepResult:
        return self.fix(doc)

    @abstractmethod
    def fix(self, doc: Document) -> StepResult:
        """Return edits against ``doc.text``."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the current text: its index, its span (without the line break) and its text."""

    index: int
    start: int
    end: int
    text: str


class Drop(NamedTuple):
    """A filter's verdict to drop a line.

    ``kind`` is what the line is (``related``, ``caption``, ``ad``...), ``reason`` why the filter
    thinks so, and ``value`` what to keep in metadata (for a related link, the headline alone);
    ``None`` keeps the whole line.  An immutable record, a named tuple like
    :class:`~newsclean.document.Edit`: a page's filter makes one per dropped line.
    """

    kind: str
    reason: str
    value: str | None = None


#: Where dropped lines are filed in metadata, by kind; other kinds go to ``removed``.
METADATA_KEYS: Mapping[str, str] = {
    "related": "related",
    "caption": "captions",
    "credit": "credits",
}


class LineFilter(Step):
    """A step that keeps or drops whole lines; the base class does the bookkeeping."""

    def prepare(self, doc: Document, lines: Sequence[Line]) -> Any:
        """Build per-document context for :meth:`judge` (default: none)."""
        return None

    @abstractmethod
    def judge(self, line: Line, lines: Sequence[Line], context: Any) -> Drop | None:
        """Return a :class:`Drop` to remove ``line``, or ``None`` to keep it."""

    def judge_lines(self, doc: Document, texts: Sequence[str]) -> Mapping[int, Drop] | None:
        """Verdicts on every line at once, by line index, given the texts of the lines.

        ``texts`` is the current text split on ``\\n``; verdicts on blank lines are ignored.  A
        filter that judges a document as a whole may override this to spare a :class:`Line`
        object per line; the default, ``None``, calls :meth:`prepare` once and :meth:`judge` on
        each non-blank line.
        """
        return None

    def run(self, doc: Document) -> StepResult:
        text = doc.text
        texts = text.split("\n")
        # starts[i] is where line i begins; starts[i + 1] - 1 is where it ends.
        starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))
        drops = self.judge_lines(doc, texts)
        if drops is None:
            lines = [
                Line(i, start, start + len(line), line)
                for i, (start, line) in enumerate(zip(starts, texts, strict=False))
            ]
            context = self.prepare(doc, lines)
            drops = {}
            for line in lines:
                if line.text.strip():
                    drop = self.judge(line, lines, context)
                    if drop is not None:
                        drops[line.index] = drop
        edits: list[Edit] = []
        metadata: dict[str, list[Any]] = {}
        if not drops:
            return StepResult(edits=edits, metadata=metadata, counts={})
        nonblank = list(compress(range(len(texts)), map(str.strip, texts)))
        last_kept = next((i for i in reversed(nonblank) if i not in drops), -1)
        kinds: list[str] = []
        new = tuple.__new__  # a named tuple from a whole tuple: the cheapest way, once per drop
        name = self.name
        for index in sorted(drops):
            stripped = texts[index].strip()
            if not stripped:
                continue
            drop = drops[index]
            kind = drop.kind
            k = bisect_left(nonblank, index)
            # A dropped line takes the blank lines after it, so paragraphs stay one blank line
            # apart; in a trailing run of drops it takes the blank lines before it instead.
            if index < last_kept:
                start, end = starts[index], starts[nonblank[k + 1]]
            else:
                start = starts[nonblank[k - 1] + 1] if k > 0 else 0
                end = len(text) if k == len(nonblank) - 1 else starts[index + 1]
            row = (name, start, end, text[start:end], "", drop.reason, kind, None)
            edits.append(new(Edit, row))
            value = stripped if drop.value is None else drop.value
            key = METADATA_KEYS.get(kind)
            if key is None:
                metadata.setdefault("removed", []).append({"kind": kind, "text": value})
            else:
                metadata.setdefault(key, []).append(value)
            kinds.append(kind)
        counts = {f"dropped:{kind}": n for kind, n in Counter(kinds).items()}
        return StepResult(edits=edits, metadata=metadata, counts=counts)
