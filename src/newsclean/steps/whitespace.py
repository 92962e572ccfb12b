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

# Maximal runs of white space that may need an edit; possessive, so a long run is scanned once.
# A lone space (or other single white space character that is not a tab or a line break) inside
# a line is left alone whatever the options, so it is not matched: most of a text's runs are
# those, and skipping them in the pattern saves a Python iteration per word.  A lone line break
# between two lines is not matched either: it is the one run a scraped page has per line, and
# :data:`_LONE_BREAK` finds those apart, without a Python decision each.
_RUN = regex.compile(r"\s{2,}+|\t|\A\s|\s\Z")
# A line break with no other white space next to it, not at the start or end of the text: in
# "lines" mode it becomes a blank line, and is otherwise left alone.
_LONE_BREAK = regex.compile(r"(?<=\S)\n(?=\S)")
_start = operator.methodcaller("start")
_edit_start = operator.attrgetter("start")


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
        for match in _RUN.finditer(text):
            start, end = match.span()
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
