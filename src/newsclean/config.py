"""Pipeline configuration: the order of steps and one frozen config per step, from TOML or Python.

A TOML file maps onto the dataclasses one to one::

    [pipeline]
    steps = ["unicode", "whitespace", "date_header", "boilerplate", "names"]  # order
    disable = ["names"]                       # or leave a step out of `steps`

    [steps.unicode]
    uncurl_quotes = true                      # any field of UnicodeConfig

    [steps.boilerplate]
    keep = ["caption"]

A step of one's own is named by its import path, ``"mypackage.steps:MyStep"``.
Unknown tables, steps and options are errors, named with the file, so a typo never passes silently.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclean.exceptions import ConfigError

__all__ = ["DEFAULT_STEPS", "PipelineConfig", "coerce_options", "load_config"]

#: The default pipeline, in order.  Unicode first (later steps match clean characters), white
#: space next (later steps see one paragraph a line), then the date header (it must see the first
#: line before boilerplate rules judge it), boilerplate, and names last (captions and related
#: headlines it fixes are in metadata by then).
DEFAULT_STEPS: tuple[str, ...] = ("unicode", "whitespace", "date_header", "boilerplate", "names")


@dataclass(frozen=True)
class PipelineConfig:
    """Which steps run, in which order, and each one's options (step name to option dict)."""

    steps: tuple[str, ...] = DEFAULT_STEPS
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "<defaults>"

    def without(self, *names: str) -> PipelineConfig:
        """This config with the named steps left out (unknown names are an error)."""
        unknown = [n for n in names if n not in self.steps]
        if unknown:
            msg = f"cannot disable {', '.join(map(repr, unknown))}: the pipeline has " + ", ".join(
                self.steps
            )
            raise ConfigError(msg)
        return dataclasses.replace(self, steps=tuple(s for s in self.steps if s not in names))

    def with_options(self, step: str, **options: Any) -> PipelineConfig:
        """This config with options merged into one step's table."""
        merged = {k: dict(v) for k, v in self.options.items()}
        merged.setdefault(step, {}).update(options)
        return dataclasses.replace(self, options=merged)


def load_config(path: str | Path) -> PipelineConfig:
    """Read a TOML configuration file; errors name the file and the offending key."""
    if sys.version_info >= (3, 11):  # imported here: only --config needs it (~30 ms)
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        msg = f"{path}: config file not found"
        raise ConfigError(msg) from None
    except tomllib.TOMLDecodeError as exc:
        msg = f"{path}: not valid TOML: {exc}"
        raise ConfigError(msg) from None
    except OSError as exc:
        msg = f"{path}: cannot read config file ({exc.strerror})"
        raise ConfigError(msg) from None
    return config_from_mapping(data, source=str(path))


def config_from_mapping(data: Mapping[str, Any], *, source: str = "<mapping>") -> PipelineConfig:
    """Build a :class:`PipelineConfig` from parsed TOML (or an equivalent dict)."""
    unknown = sorted(set(data) - {"pipeline", "steps"})
    if unknown:
        msg = f"{source}: unknown table {unknown[0]!r} (expected [pipeline] and [steps.NAME])"
        raise ConfigError(msg)
    pipeline = data.get("pipeline", {})
    if not isinstance(pipeline, Mapping):
        msg = f"{source}: [pipeline] must be a table"
        raise ConfigError(msg)
    bad = sorted(set(pipeline) - {"steps", "disable"})
    if bad:
        msg = f"{source}: unknown key pipeline.{bad[0]} (expected steps, disable)"
        raise ConfigError(msg)
    steps = pipeline.get("steps", list(DEFAULT_STEPS))
    disable = pipeline.get("disable", [])
    for key, value in (("steps", steps), ("disable", disable)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            msg = f"{source}: pipeline.{key} must be a list of step names"
            raise ConfigError(msg)
    if len(set(steps)) != len(steps):
        msg = f"{source}: pipeline.steps names a step twice"
        raise ConfigError(msg)
    options = data.get("steps", {})
    if not isinstance(options, Mapping) or not all(
        isinstance(v, Mapping) for v in options.values()
    ):
        msg = f"{source}: [steps.NAME] entries must be tables of options"
        raise ConfigError(msg)
    config = PipelineConfig(
        steps=tuple(steps), options={k: dict(v) for k, v in options.items()}, source=source
    )
    try:
        return config.without(*disable)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def coerce_options(
    config_type: type[Any], options: Mapping[str, Any], *, where: str
) -> dict[str, Any]:
    """Check options against a step's config dataclass; TOML lists become tuples.

    Raises :class:`ConfigError` naming ``where`` (file and step) for an unknown option or a value
    of the wrong type.
    """
    if not options:
        return {}  # nothing to check: the type hints need not be read
    hints = typing.get_type_hints(config_type)
    fields = {f.name for f in dataclasses.fields(config_type)}
    out: dict[str, Any] = {}
    for key, value in options.items():
        if key not in fields:
            msg = f"{where}: unknown option {key!r} (options: {', '.join(sorted(fields))})"
            raise ConfigError(msg)
        value = tuple(value) if isinstance(value, list) else value
        if not _fits(value, hints[key]):
            msg = f"{where}: option {key!r} cannot be {value!r}"
            raise ConfigError(msg)
        out[key] = value
    return out


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any:
        return True
    if origin is typing.Union or origin is types.UnionType:
        return any(_fits(value, a) for a in args)
    if origin is typing.Literal:
        return value in args
    if hint is type(None):
        return value is None
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_fits(v, args[0]) for v in value)
        return len(args) == len(value) and all(
            _fits(v, a) for v, a in zip(value, args, strict=True)
        )
    if origin in (Mapping, dict) or hint in (dict, Mapping):
        return isinstance(value, Mapping)
    if isinstance(hint, type):
        if hint is float:
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if hint is int:
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, hint)
    return True
