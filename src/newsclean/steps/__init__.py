"""The steps newsclean ships, and how a step is found by name.

A step of one's own is any subclass of :class:`Step` (usually of :class:`TextFixer` or
:class:`LineFilter`); in a TOML config it is named by import path, ``"package.module:Class"``.
"""

from __future__ import annotations

import importlib

from newsclean.exceptions import ConfigError
from newsclean.steps.base import Drop, Line, LineFilter, Step, StepConfig, StepResult, TextFixer
from newsclean.steps.boilerplate import BoilerplateConfig, BoilerplateFilter
from newsclean.steps.dates import DateHeader, DateHeaderConfig
from newsclean.steps.names import NameConfig, NameFixer
from newsclean.steps.unicode import UnicodeConfig, UnicodeFixer
from newsclean.steps.whitespace import WhitespaceConfig, WhitespaceNormalizer

__all__ = [
    "BUILTIN_STEPS",
    "BoilerplateConfig",
    "BoilerplateFilter",
    "DateHeader",
    "DateHeaderConfig",
    "Drop",
    "Line",
    "LineFilter",
    "NameConfig",
    "NameFixer",
    "Step",
    "StepConfig",
    "StepResult",
    "TextFixer",
    "UnicodeConfig",
    "UnicodeFixer",
    "WhitespaceConfig",
    "WhitespaceNormalizer",
    "resolve_step",
]

#: The shipped steps by name.
BUILTIN_STEPS: dict[str, type[Step]] = {
    cls.name: cls
    for cls in (UnicodeFixer, WhitespaceNormalizer, DateHeader, BoilerplateFilter, NameFixer)
}


def resolve_step(name: str) -> type[Step]:
    """The step class for a shipped name (``"names"``) or an import path (``"pkg.mod:Cls"``)."""
    if name in BUILTIN_STEPS:
        return BUILTIN_STEPS[name]
    if ":" not in name:
        msg = (
            f"unknown step {name!r} (shipped steps: {', '.join(BUILTIN_STEPS)};"
            " a step of your own is named 'module:Class')"
        )
        raise ConfigError(msg)
    module_name, _, attr = name.partition(":")
    try:
        found = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        msg = f"cannot load step {name!r}: {exc}"
        raise ConfigError(msg) from None
    if not (isinstance(found, type) and issubclass(found, Step)):
        msg = f"{name!r} is not a newsclean Step subclass"
        raise ConfigError(msg)
    return found
