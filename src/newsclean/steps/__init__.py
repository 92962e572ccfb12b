"""The steps newsclean ships, and how a step is found by name.

A step of one's own is any subclass of :class:`Step` (usually of :class:`TextFixer` or
:class:`LineFilter`); in a TOML config it is named by import path, ``"package.module:Class"``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from newsclean.exceptions import ConfigError
from newsclean.steps.base import Drop, Line, LineFilter, Step, StepConfig, StepResult, TextFixer

if TYPE_CHECKING:
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

#: Each shipped step by name: its module and its class.  A module is imported when its step is
#: first asked for, so a pipeline without a step never pays for importing it.
_SHIPPED = {
    "unicode": ("unicode", "UnicodeFixer"),
    "whitespace": ("whitespace", "WhitespaceNormalizer"),
    "date_header": ("dates", "DateHeader"),
    "boilerplate": ("boilerplate", "BoilerplateFilter"),
    "names": ("names", "NameFixer"),
}
#: The classes this package exports, by the module that defines them.
_LAZY = {
    "BoilerplateConfig": "boilerplate",
    "BoilerplateFilter": "boilerplate",
    "DateHeader": "dates",
    "DateHeaderConfig": "dates",
    "NameConfig": "names",
    "NameFixer": "names",
    "UnicodeConfig": "unicode",
    "UnicodeFixer": "unicode",
    "WhitespaceConfig": "whitespace",
    "WhitespaceNormalizer": "whitespace",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    found = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Shipped(Mapping[str, "type[Step]"]):
    """The shipped steps by name, in pipeline order; each class is imported when looked up."""

    def __getitem__(self, name: str) -> type[Step]:
        module, cls = _SHIPPED[name]
        found: type[Step] = getattr(importlib.import_module(f"{__name__}.{module}"), cls)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_SHIPPED)

    def __len__(self) -> int:
        return len(_SHIPPED)

    def __repr__(self) -> str:
        return f"BUILTIN_STEPS({', '.join(_SHIPPED)})"


#: The shipped steps by name.
BUILTIN_STEPS: Mapping[str, type[Step]] = _Shipped()


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
