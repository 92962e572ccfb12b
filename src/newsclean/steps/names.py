"""Fix typos in names against the curated name dictionaries (work in progress: see issue #4)."""

from __future__ import annotations

from dataclasses import dataclass

from newsclean.document import Document
from newsclean.steps.base import StepConfig, StepResult, TextFixer

__all__ = ["NameConfig", "NameFixer"]


@dataclass(frozen=True)
class NameConfig(StepConfig):
    """Which names are known.

    - ``extra_names``: names a user adds (``--names FILE``), one full name each.
    - ``builtin`` (default True): use the shipped dictionaries as well.
    """

    extra_names: tuple[str, ...] = ()
    builtin: bool = True


class NameFixer(TextFixer):
    """Correct misspelled names (not yet implemented: returns no edits)."""

    name = "names"
    Config = NameConfig
    config: NameConfig

    def fix(self, doc: Document) -> StepResult:
        return StepResult()
