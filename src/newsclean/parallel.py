"""Run a pipeline over many texts on several processes, keeping the input order.

Each worker process gets the pipeline once (pickled, without its caches), so dictionaries and
compiled patterns load once per worker.  Texts travel in batches of about
:data:`BATCH_CHARS` characters, so the cost of sending work between processes is paid per batch,
not per document, and a few long articles do not leave one worker idle.  At most two batches per
worker are in flight: memory stays flat however long the input is.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from newsclean.document import Edit, Result
from newsclean.pipeline import Pipeline, PipelineStats

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["BATCH_CHARS", "BATCH_DOCS", "batches", "map_parallel", "resolve_jobs"]

#: A batch closes when it holds this many characters ...
BATCH_CHARS = 256_000
#: ... or this many documents, whichever comes first.
BATCH_DOCS = 512

# The pipeline of this worker process, set once by the pool's initializer.
_WORKER: Pipeline | None = None


def resolve_jobs(jobs: int) -> int:
    """The number of processes for ``jobs``: ``0`` is every core; negative numbers are refused."""
    if jobs < 0:
        msg = f"jobs must be 0 (all cores) or more, not {jobs}"
        raise ValueError(msg)
    return jobs or (os.cpu_count() or 1)


def _init(pipeline: Pipeline) -> None:
    global _WORKER
    _WORKER = pipeline


# A result as plain tuples.  Pickling an edit as a frozen, slotted dataclass costs several times
# what its fields cost, and the parent process, which unpickles every result, is the one that
# must not become the bottleneck.
_Packed = tuple[str, Mapping[str, Any], list[tuple[Any, ...]], Mapping[str, Any]]


def _pack(result: Result) -> _Packed:
    edits = [
        (e.step, e.start, e.end, e.before, e.after, e.reason, e.kind, e.confidence)
        for e in result.edits
    ]
    return result.text, result.metadata, edits, result.stats


def _unpack(packed: _Packed) -> Result:
    text, metadata, edits, stats = packed
    return Result(text, metadata, tuple(Edit(*e) for e in edits), stats)


def _run_batch(texts: list[str], reference_date: str | None) -> tuple[list[_Packed], PipelineStats]:
    assert _WORKER is not None, "the pool initializer sets the worker's pipeline"
    _WORKER.stats = PipelineStats()
    results = [_pack(_WORKER.process(t, reference_date=reference_date)) for t in texts]
    return results, _WORKER.stats


def batches(
    texts: Iterable[str], *, max_chars: int = BATCH_CHARS, max_docs: int = BATCH_DOCS
) -> Iterator[list[str]]:
    """Group ``texts`` lazily into lists of about ``max_chars`` characters (at least one text)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text) if isinstance(text, str) else 0
        if size >= max_chars or len(batch) >= max_docs:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def map_parallel(
    pipeline: Pipeline,
    texts: Iterable[str],
    *,
    jobs: int = 0,
    reference_date: str | None = None,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[Result]:
    """Process ``texts`` with ``pipeline`` on ``jobs`` processes, yielding results in order.

    The results are those of ``pipeline.map(texts)``, in the same order; with one job it is that.
    The workers' statistics are merged into ``pipeline.stats`` as their batches come back.  Texts
    are read from ``texts`` only as workers need them (at most ``2 * jobs`` batches ahead).
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        yield from pipeline.map(texts, reference_date=reference_date)
        return
    # Imported here: the pool's modules (multiprocessing, logging, sockets) cost start-up time
    # that a one-process run does not need.
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(pipeline,))
    pending: deque[Future[tuple[list[_Packed], PipelineStats]]] = deque()
    finished = False
    try:
        for batch in batches(texts, max_chars=batch_chars):
            pending.append(pool.submit(_run_batch, batch, reference_date))
            if len(pending) >= 2 * jobs:
                yield from _collect(pipeline, pending.popleft())
        while pending:
            yield from _collect(pipeline, pending.popleft())
        finished = True
    finally:
        # On an error or an abandoned iteration, drop the batches not started yet.
        pool.shutdown(wait=True, cancel_futures=not finished)


def _collect(
    pipeline: Pipeline, future: Future[tuple[list[_Packed], PipelineStats]]
) -> list[Result]:
    packed, stats = future.result()
    with pipeline._lock:
        pipeline.stats.merge(stats)
    return [_unpack(p) for p in packed]
