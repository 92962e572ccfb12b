"""newsclean: clean and normalise scraped news text, with an auditable edit log.

>>> import newsclean
>>> newsclean.clean("Read - Another story\\n\\nThe minister said so.")
'The minister said so.\\n'
"""

from __future__ import annotations

import typing as _typing

from newsclean.config import PipelineConfig, load_config
from newsclean.document import Document, Edit, Result, apply_edits
from newsclean.exceptions import (
    BinaryInputError,
    ConfigError,
    DictionaryError,
    EditError,
    InputError,
    NewscleanError,
    OutputError,
    RecordError,
)
from newsclean.pipeline import Pipeline, PipelineStats, StepStats, clean
from newsclean.steps import Drop, Line, LineFilter, Step, StepConfig, StepResult, TextFixer

if _typing.TYPE_CHECKING:
    from newsclean.steps import (
        BoilerplateConfig,
        BoilerplateFilter,
        DateHeader,
        DateHeaderConfig,
        NameConfig,
        NameFixer,
        UnicodeConfig,
        UnicodeFixer,
        WhitespaceConfig,
        WhitespaceNormalizer,
    )

__version__ = "0.1.0"

__all__ = [
    "BinaryInputError",
    "BoilerplateConfig",
    "BoilerplateFilter",
    "ConfigError",
    "DateHeader",
    "DateHeaderConfig",
    "DictionaryError",
    "Document",
    "Drop",
    "Edit",
    "EditError",
    "InputError",
    "Line",
    "LineFilter",
    "NameConfig",
    "NameFixer",
    "NewscleanError",
    "OutputError",
    "Pipeline",
    "PipelineConfig",
    "PipelineStats",
    "RecordError",
    "Result",
    "Step",
    "StepConfig",
    "StepResult",
    "StepStats",
    "TextFixer",
    "UnicodeConfig",
    "UnicodeFixer",
    "WhitespaceConfig",
    "WhitespaceNormalizer",
    "__version__",
    "apply_edits",
    "clean",
    "load_config",
]


def __getattr__(name: str) -> object:
    # The shipped steps' modules are imported when one of their classes is first asked for.
    from newsclean import steps

    if name in steps._LAZY:
        found = getattr(steps, name)
        globals()[name] = found
        return found
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
