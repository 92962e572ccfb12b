"""Find the date header at the top of an article and make it one canonical ``Date:`` line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import regex

from newsclean.document import Document, Edit
from newsclean.steps.base import StepConfig, StepResult, TextFixer

__all__ = ["DateHeader", "DateHeaderConfig"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_LABEL = r"(?:(?:date|published|updated|posted)\s*:?\s*)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_HEADER = regex.compile(
    r"\A" + _LABEL + _WEEKDAY + r"(?:"
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"|" + _MONTH + r"\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})\s+" + _MONTH.replace("month", "month3") + r",?\s+(?P<y3>\d{4})"
    r")(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?(?P<rest>\s+|\Z|$)",
    regex.IGNORECASE | regex.MULTILINE,
)


@dataclass(frozen=True)
class DateHeaderConfig(StepConfig):
    """How the header is written back.

    - ``mode`` (default ``"replace"``): write one ``Date: <ISO 8601>`` line; ``"strip"`` removes
      the header, ``"keep"`` leaves it; the date goes to metadata in every mode.
    - ``date_order`` (default ``"auto"``): how to read an ambiguous numeric date such as
      03/04/2020; ``"auto"`` decides by an unambiguous date elsewhere in the document, else DMY.
    """

    mode: Literal["replace", "strip", "keep"] = "replace"
    date_order: Literal["auto", "DMY", "MDY"] = "auto"


class DateHeader(TextFixer):
    """Parse a date header on the first line, or glued to the start of the first paragraph."""

    name = "date_header"
    Config = DateHeaderConfig
    config: DateHeaderConfig
    metadata_defaults: ClassVar[dict[str, Any]] = {"date": None}
    # The canonical line may be longer than the header it replaces ("2 hours ago" becomes a
    # full ISO timestamp), but never more than "Date: " and a timestamp with its offset.
    max_growth = 40

    def fix(self, doc: Document) -> StepResult:
        text = doc.text
        match = _HEADER.match(text)
        if match is None:
            return StepResult()
        try:
            if match.group("y"):
                date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            elif match.group("y2"):
                date = dt.date(int(match["y2"]), _MONTHS[match["month"].lower()], int(match["d2"]))
            else:
                date = dt.date(int(match["y3"]), _MONTHS[match["month3"].lower()], int(match["d3"]))
        except ValueError:
            return StepResult()
        iso = date.isoformat()
        end = match.end()
        if self.config.mode == "keep":
            return StepResult(metadata={"date": iso})
        after = "" if self.config.mode == "strip" else f"Date: {iso}\n\n"
        if end >= len(text.rstrip()):
            after = after.rstrip("\n") + "\n" if after else ""
        edit = Edit(self.name, 0, end, text[:end], after, "date header", kind="date")
        if edit.before == edit.after:
            return StepResult(metadata={"date": iso})
        return StepResult(edits=[edit], metadata={"date": iso})
