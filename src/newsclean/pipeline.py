"""Run steps in order over a document, compose their edits, merge metadata, keep statistics."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclean.config import DEFAULT_STEPS, PipelineConfig, coerce_options, load_config
from newsclean.document import Document, Result
from newsclean.exceptions import ConfigError
from newsclean.steps import Step, StepResult, resolve_step

__all__ = ["Pipeline", "PipelineStats", "StepStats", "clean"]


@dataclass
class StepStats:
    """Counts for one step over every document a pipeline has processed."""

    documents: int = 0
    touched: int = 0
    edits: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, other: StepStats) -> None:
        """Add another step's counts into these."""
        self.documents += other.documents
        self.touched += other.touched
        self.edits += other.edits
        self.seconds += other.seconds
        for key, value in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts."""
        return {
            "documents": self.documents,
            "touched": self.touched,
            "edits": self.edits,
            "seconds": round(self.seconds, 6),
            **dict(sorted(self.counts.items())),
        }


@dataclass
class PipelineStats:
    """Per-step statistics, added up over documents (and over processes, with :meth:`merge`)."""

    documents: int = 0
    steps: dict[str, StepStats] = field(default_factory=dict)

    def merge(self, other: PipelineStats) -> None:
        """Add another run's statistics (a worker's, say) into these."""
        self.documents += other.documents
        for name, stats in other.steps.items():
            self.steps.setdefault(name, StepStats()).add(stats)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready statistics, as ``--report`` writes them."""
        return {
            "documents": self.documents,
            "steps": {name: s.to_dict() for name, s in self.steps.items()},
        }


def _merge_metadata(doc: Document, result: StepResult) -> None:
    for key, value in result.metadata.items():
        current = doc.metadata.get(key)
        if isinstance(value, list) and isinstance(current, list) and key not in result.replace:
            current.extend(value)
        else:
            doc.metadata[key] = list(value) if isinstance(value, list) else value


def _check_reference_date(value: str | None) -> str | None:
    """Refuse a reference date that is not ISO 8601 when the pipeline is built, not later."""
    if value is None:
        return None
    if not isinstance(value, str):
        msg = f"reference_date must be an ISO 8601 string, not {type(value).__name__}"
        raise TypeError(msg)
    from newsclean.steps.dates import parse_reference_date  # only when a date is given

    parse_reference_date(value)  # the date step's reader: one definition of what is accepted
    return value.strip()


class Pipeline:
    """An ordered list of steps.  ``Pipeline()`` is the default pipeline.

    A pipeline is cheap to build and safe to share between threads and to pickle to other
    processes: steps load their dictionaries lazily, once per process.
    """

    def __init__(
        self,
        steps: Sequence[Step] | None = None,
        *,
        reference_date: str | None = None,
    ) -> None:
        if steps is None:
            steps = [resolve_step(name)() for name in DEFAULT_STEPS]
        names = [step.name for step in steps]
        for step in steps:
            if not isinstance(step, Step):
                msg = f"pipeline steps must be Step instances, not {type(step).__name__}"
                raise TypeError(msg)
        if len(set(names)) != len(names):
            msg = f"a pipeline cannot run one step twice: {', '.join(names)}"
            raise ConfigError(msg)
        self.steps: tuple[Step, ...] = tuple(steps)
        self.reference_date = _check_reference_date(reference_date)
        self.stats = PipelineStats()
        self._lock = threading.Lock()

    @classmethod
    def from_config(
        cls,
        config: PipelineConfig | str | Path | None = None,
        *,
        reference_date: str | None = None,
        **step_options: Mapping[str, Any],
    ) -> Pipeline:
        """Build a pipeline from a :class:`PipelineConfig` or a TOML file.

        ``step_options`` add options per step on top of the file:
        ``Pipeline.from_config("news.toml", names={"extra_names": ("Jane Doe",)})``.
        """
        if config is None:
            config = PipelineConfig()
        elif not isinstance(config, PipelineConfig):
            config = load_config(config)
        for name, options in step_options.items():
            config = config.with_options(name, **options)

        def find(name: str) -> type[Step]:
            try:
                return resolve_step(name)
            except ConfigError as exc:
                raise ConfigError(f"{config.source}: {exc}") from None

        for name in sorted(set(config.options) - set(config.steps)):
            find(name)  # options for a disabled step are fine; for a typo, an error
        steps: list[Step] = []
        for name in config.steps:
            step_type = find(name)
            options = coerce_options(
                step_type.Config, config.options.get(name, {}), where=f"{config.source}: [{name}]"
            )
            steps.append(step_type(step_type.Config(**options)))
        return cls(steps, reference_date=reference_date)

    def without(self, *names: str) -> Pipeline:
        """A copy of this pipeline without the named steps."""
        unknown = set(names) - {s.name for s in self.steps}
        if unknown:
            msg = f"no step named {sorted(unknown)[0]!r} in this pipeline"
            raise ConfigError(msg)
        return Pipeline(
            [s for s in self.steps if s.name not in names], reference_date=self.reference_date
        )

    def process(self, text: str, *, reference_date: str | None = None) -> Result:
        """Clean one text and say what was done: text, metadata, edits, per-step statistics."""
        if not isinstance(text, str):
            msg = f"newsclean cleans str, not {type(text).__name__}" + (
                ": decode bytes first, e.g. data.decode('utf-8')"
                if isinstance(text, (bytes, bytearray))
                else ""
            )
            raise TypeError(msg)
        doc = Document(text, reference_date=reference_date or self.reference_date)
        for step in self.steps:
            for key, value in step.metadata_defaults.items():
                doc.metadata.setdefault(key, list(value) if isinstance(value, list) else value)
        run_stats = PipelineStats(documents=1)
        for step in self.steps:
            began = time.perf_counter()
            result = step.run(doc)
            doc.apply(result.edits)
            _merge_metadata(doc, result)
            stats = StepStats(
                documents=1,
                touched=1 if result.edits else 0,
                edits=len(result.edits),
                seconds=time.perf_counter() - began,
                counts=dict(result.counts),
            )
            run_stats.steps[step.name] = stats
        with self._lock:
            self.stats.merge(run_stats)
        return Result(
            text=doc.text,
            metadata=doc.metadata,
            edits=tuple(doc.edits),
            stats=run_stats.to_dict(),
        )

    def clean(self, text: str, *, reference_date: str | None = None) -> str:
        """Clean one text and return the cleaned text."""
        return self.process(text, reference_date=reference_date).text

    def map(self, texts: Iterable[str], *, reference_date: str | None = None) -> Iterator[Result]:
        """Process texts one at a time, in order, lazily (see :mod:`newsclean.parallel`)."""
        for text in texts:
            yield self.process(text, reference_date=reference_date)

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(repr(s) for s in self.steps)}])"

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def replace_step(self, name: str, **options: Any) -> Pipeline:
        """A copy with one step's options changed: ``p.replace_step("names", threshold=0.9)``."""
        steps = []
        found = False
        for step in self.steps:
            if step.name == name:
                found = True
                step = type(step)(dataclasses.replace(step.config, **options))
            steps.append(step)
        if not found:
            msg = f"no step named {name!r} in this pipeline"
            raise ConfigError(msg)
        return Pipeline(steps, reference_date=self.reference_date)


_DEFAULT: Pipeline | None = None
_DEFAULT_LOCK = threading.Lock()


def clean(text: str, *, reference_date: str | None = None) -> str:
    """Clean one text with the default pipeline (built once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Pipeline()
    return _DEFAULT.clean(text, reference_date=reference_date)
