"""Run a pipeline over many texts on several processes, keeping the input order.

Each worker process gets the pipeline once (pickled), so dictionaries load once per worker;
texts travel in batches to keep the per-document overhead small.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from newsclean.document import Result
from newsclean.pipeline import Pipeline, PipelineStats

__all__ = ["map_parallel", "resolve_jobs"]

_WORKER: Pipeline | None = None


def resolve_jobs(jobs: int) -> int:
    """``0`` means every core; negative numbers are refused."""
    if jobs < 0:
        msg = f"jobs must be 0 (all cores) or more, not {jobs}"
        raise ValueError(msg)
    return jobs or (os.cpu_count() or 1)


def _init(pipeline: Pipeline) -> None:
    global _WORKER
    _WORKER = pipeline


def _run_batch(texts: list[str]) -> tuple[list[Result], PipelineStats]:
    assert _WORKER is not None
    _WORKER.stats = PipelineStats()
    results = [_WORKER.process(t) for t in texts]
    return results, _WORKER.stats


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, size)):
        yield batch


def map_parallel(
    pipeline: Pipeline, texts: Iterable[str], *, jobs: int = 0, batch_size: int = 64
) -> Iterator[Result]:
    """Process ``texts`` with ``pipeline`` on ``jobs`` processes, yielding results in order.

    With one job it runs in this process.  Statistics of the workers are merged into
    ``pipeline.stats``.  At most ``2 * jobs`` batches are in flight, so memory stays flat.
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        yield from pipeline.map(texts)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(pipeline,)) as pool:
        pending = []
        for batch in _batches(texts, batch_size):
            pending.append(pool.submit(_run_batch, batch))
            if len(pending) >= 2 * jobs:
                results, stats = pending.pop(0).result()
                pipeline.stats.merge(stats)
                yield from results
        for future in pending:
            results, stats = future.result()
            pipeline.stats.merge(stats)
            yield from results
