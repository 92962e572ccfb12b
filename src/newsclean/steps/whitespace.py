"""Normalise white space: one blank line between paragraphs, no stray spaces, one final newline."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import repeat
from typing import Literal

import regex

from newsclean.document import Document, Edit
from newsclean.steps.base import StepConfig, StepResult, TextFixer

__all__ = ["WhitespaceConfig", "WhitespaceNormalizer"]

# The runs of white space that may need an edit are what ``\s{2,}+|\t|\A\s|\s\Z`` finds: maximal
# runs of two or more, lone tabs, and a lone white space character at either end.  A lone space
# (or other single white space character that is not a tab or a line break) inside a line is
# left alone whatever the options, so it is not matched: most of a text's runs are those, and
# skipping them saves a Python iteration per word.  A lone line break between two lines is not
# matched either: it is the one run a scraped page has per line, and :data:`_LONE_BREAK` finds
# those apart, without a Python decision each.  :func:`_runs` finds the three kinds in passes
# of their own, which the engine scans twice as fast as the alternation.
_LONG_RUN = regex.compile(r"\s{2,}+")
_LONE_TAB = regex.compile(r"(?<!\s)\t(?!\s)")
_SPACE = regex.compile(r"\s")
# A line break with no other white space next to it, not at the start or end of the text: in
# "lines" mode it becomes a blank line, and is otherwise left alone.
_LONE_BREAK = regex.compile(r"(?<=\S)\n(?=\S)")
_start = operator.methodcaller("start")
_span = operator.methodcaller("span")
_edit_start = operator.attrgetter("start")


def _runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of white space that may need an edit (see above), in order."""
    spans: list[tuple[int, int]] = list(map(_span, _LONG_RUN.finditer(text)))
    if "\t" in text:
        # A lone tab stands between two characters that are not white space: apart from runs.
        tabs = list(map(_span, _LONE_TAB.finditer(text)))
        if tabs:
            spans = sorted(spans + tabs)
    last = len(text)
    if last and _SPACE.match(text) and not (spans and spans[0][0] == 0):
        spans.insert(0, (0, 1))
    if last and _SPACE.match(text, last - 1) and not (spans and spans[-1][1] == last):
        spans.append((last - 1, last))
    return spans


@dataclass(frozen=True)
class WhitespaceConfig(StepConfig):
    """How lines become paragraphs.

    - ``paragraphs`` (default ``"lines"``): scrapers give one block per line, so every non-blank
      line is a paragraph and paragraphs are set one blank line apart.  ``"blank_lines"`` treats
      only blank lines as paragraph breaks and keeps single line breaks (verse, addresses).
    - ``collapse_spaces`` (default True): runs of spaces and tabs inside a line become one space.
      A single no-break space is left alone: it is typography ("10\N{NO-BREAK SPACE}km").
    """

    paragraphs: Literal["lines", "blank_lines"] = "lines"
    collapse_spaces: bool = True


class WhitespaceNormalizer(TextFixer):
    """Strip leading and trailing white space, collapse runs, set paragraph breaks."""

    name = "whitespace"
    Config = WhitespaceConfig
    config: WhitespaceConfig

    def fix(self, doc: Document) -> StepResult:
        text = doc.text
        last = len(text)
        if not last:
            return StepResult()
        name = self.name
        by_lines = self.config.paragraphs == "lines"
        collapse = self.config.collapse_spaces
        edits: list[Edit] = []
        append = edits.append
        for start, end in _runs(text):
            run = text[start:end]
            if start == 0:
                after, reason = "", "white space at the start"
            elif end == last:
                after, reason = "\n", "white space at the end"
            elif "\n" in run:
                after = "\n\n" if by_lines or run.count("\n") > 1 else "\n"
                if run == after:
                    continue
                reason = "paragraph break"
            elif collapse:
                after, reason = " ", "run of spaces"
            else:
                continue
            if after != run:
                append(Edit(name, start, end, run, after, reason, "whitespace"))
        if by_lines:
            # Lone breaks never touch a run above (each side is not white space), so sorting the
            # two sorted lists by offset (a merge, for the sort) gives the edits in order.
            # One edit per line of a page: built from columns, without a Python call each.
            at = list(map(_start, _LONE_BREAK.finditer(text)))
            columns = zip(
                repeat(name),
                at,
                map((1).__add__, at),
                repeat("\n"),
                repeat("\n\n"),
                repeat("paragraph break"),
                repeat("whitespace"),
                repeat(None),
                strict=False,  # as long as ``at``
            )
            breaks: list[Edit] = list(map(tuple.__new__, repeat(Edit), columns))
            edits = sorted(edits + breaks, key=_edit_start) if edits else breaks
            append = edits.append
        if not text[-1].isspace():
            append(Edit(name, last, last, "", "\n", "final newline", "whitespace"))
        elif text.isspace():
            # All white space: the one run is both the start and the end; nothing is left.
            edits = [Edit(name, 0, last, text, "", "only white space", "whitespace")]
        return StepResult(edits=edits)
