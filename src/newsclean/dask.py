"""Clean a Dask bag of texts or a column of a Dask DataFrame (``pip install 'newsclean[dask]'``).

>>> import dask.bag as db                                   # doctest: +SKIP
>>> from newsclean.dask import clean_bag, clean_dataframe   # doctest: +SKIP
>>> clean_bag(db.from_sequence(texts, npartitions=8)).compute()   # doctest: +SKIP

Each partition is cleaned with ``map_partitions``.  The pipeline travels in the task graph (it
pickles small, without its caches); the first task a worker process runs keeps it in a
per-process registry and later tasks reuse that instance, so dictionaries and compiled patterns
load once per worker process, not per partition and never per document.  Metadata comes back
as fields of each bag record, or as DataFrame columns.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from newsclean.pipeline import Pipeline

__all__ = ["clean_bag", "clean_dataframe", "metadata_columns"]

_INSTALL_HINT = "newsclean.dask needs Dask: pip install 'newsclean[dask]'"

# Pipelines by token in this process (a Dask worker), so tasks share one instance and its caches.
_PIPELINES: dict[str, Pipeline] = {}
_LOCK = threading.Lock()


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{_INSTALL_HINT} ({exc})") from exc


def _token(pipeline: Pipeline) -> str:
    """Equal for pipelines that clean alike (same steps, options and reference date)."""
    return hashlib.sha256(pickle.dumps((pipeline.steps, pipeline.reference_date))).hexdigest()


def _worker_pipeline(token: str, shipped: Pipeline) -> Pipeline:
    """This process's pipeline for ``token``: the first one shipped here, kept for later tasks."""
    found = _PIPELINES.get(token)
    if found is None:
        with _LOCK:
            found = _PIPELINES.setdefault(token, shipped)
    return found


def metadata_columns(pipeline: Pipeline | None = None) -> list[str]:
    """The metadata keys every document gets from ``pipeline`` (its steps' defaults), in order.

    Keys a step adds only to some documents (``removed``, for boilerplate of a kind without its
    own key) go to the ``extra`` field, a dict, or ``None`` when there are none.
    """
    probe = Pipeline(pipeline.steps, reference_date=pipeline.reference_date) if pipeline else None
    return list((probe or Pipeline()).process("").metadata)


def _record(result_text: str, metadata: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"text": result_text}
    for key in columns:
        record[key] = metadata.get(key)
    extra = {k: v for k, v in metadata.items() if k not in columns}
    record["extra"] = extra or None
    return record


def _missing(value: Any) -> bool:
    """``None``, NaN and pandas' NA: a row without text, not an error."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _clean_texts(
    texts: Iterable[Any], token: str, pipeline: Pipeline, columns: Sequence[str]
) -> list[dict[str, Any] | None]:
    """Clean one partition; a missing text (``None``, NaN, NA) gives ``None``."""
    worker = _worker_pipeline(token, pipeline)
    out: list[dict[str, Any] | None] = []
    for text in texts:
        if not isinstance(text, str) and _missing(text):
            out.append(None)
            continue
        result = worker.process(text)
        out.append(_record(result.text, dict(result.metadata), columns))
    return out


def clean_bag(bag: Any, pipeline: Pipeline | None = None) -> Any:
    """A bag of records ``{"text": cleaned, <metadata key>: value, ..., "extra": ...}``.

    ``bag`` holds texts (str); ``pipeline`` defaults to the default pipeline.  Lazy, like every
    bag operation: call ``.compute()`` or write it out.
    """
    _require("dask.bag")
    pipeline = pipeline or Pipeline()
    columns = metadata_columns(pipeline)
    return bag.map_partitions(_clean_texts, _token(pipeline), pipeline, columns)


def _clean_frame(
    part: Any,
    token: str,
    pipeline: Pipeline,
    column: str,
    columns: Sequence[str],
    prefix: str,
) -> Any:
    pd = _require("pandas")
    records = _clean_texts(part[column], token, pipeline, columns)
    out = part.copy()
    out[column] = pd.Series(
        [r["text"] if r is not None else part[column].iloc[k] for k, r in enumerate(records)],
        index=part.index,
        dtype=part[column].dtype,
    )
    for key in (*columns, "extra"):
        out[prefix + key] = pd.Series(
            [r[key] if r is not None else None for r in records], index=part.index, dtype=object
        )
    return out


def clean_dataframe(
    df: Any, column: str = "text", pipeline: Pipeline | None = None, *, prefix: str = ""
) -> Any:
    """``df`` with ``column`` cleaned and one column per metadata key (and ``extra``), lazily.

    The metadata columns are named ``prefix + key`` and hold Python objects (a date string,
    lists of removed lines...).  A name that is already a column of ``df`` is refused: pass a
    ``prefix``.  Rows whose text is missing keep it and get ``None`` metadata.
    """
    _require("dask.dataframe")
    pd = _require("pandas")
    pipeline = pipeline or Pipeline()
    if column not in df.columns:
        msg = f"the DataFrame has no column {column!r} (columns: {', '.join(map(str, df.columns))})"
        raise KeyError(msg)
    columns = metadata_columns(pipeline)
    clashes = [prefix + k for k in (*columns, "extra") if prefix + k in df.columns]
    if clashes:
        msg = (
            f"metadata columns {', '.join(clashes)} are already in the DataFrame;"
            " pass prefix='newsclean_' or another prefix"
        )
        raise ValueError(msg)
    meta = df._meta.copy()
    for key in (*columns, "extra"):
        meta[prefix + key] = pd.Series([], dtype=object)
    return df.map_partitions(
        _clean_frame, _token(pipeline), pipeline, column, columns, prefix, meta=meta
    )
