"""Drop boilerplate lines (related links, captions, credits...) and keep them as metadata."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from newsclean.dictionaries import list_builtin, read_lines
from newsclean.document import Document
from newsclean.steps.base import Drop, Line, LineFilter, StepConfig

__all__ = ["BoilerplateConfig", "BoilerplateFilter"]


@dataclass(frozen=True)
class BoilerplateConfig(StepConfig):
    """Which kinds of boilerplate are removed.

    - ``keep`` (default none): kinds left in the text (``"caption"``, ``"related"``...).
    """

    keep: tuple[str, ...] = ()


@functools.cache
def _rules() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    rules = []
    for path in list_builtin("boilerplate"):
        kind = path.rsplit("/", 1)[1].removesuffix(".txt")
        for pattern in read_lines(path):
            rules.append((kind, regex.compile(pattern, regex.IGNORECASE | regex.VERSION1)))
    return tuple(rules)


class BoilerplateFilter(LineFilter):
    """Drop lines that match a boilerplate rule of a kind not kept."""

    name = "boilerplate"
    Config = BoilerplateConfig
    config: BoilerplateConfig
    metadata_defaults: ClassVar[dict[str, Any]] = {"related": [], "captions": []}

    def prepare(self, doc: Document, lines: Sequence[Line]) -> Any:
        return [(k, p) for k, p in _rules() if k not in self.config.keep]

    def judge(self, line: Line, lines: Sequence[Line], context: Any) -> Drop | None:
        text = line.text.strip()
        for kind, pattern in context:
            match = pattern.fullmatch(text)
            if match:
                value = match.groupdict().get("value")
                return Drop(kind, f"{kind} rule", value.strip() if value else None)
        return None
