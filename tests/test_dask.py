"""newsclean.dask on a real local cluster of two worker processes."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsclean import Pipeline
from newsclean import dask as nc_dask

dask = pytest.importorskip("dask")  # the optional extra; the nox tests session installs it
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def dev_texts(shared: Path, n: int = 16) -> list[str]:
    lines = (shared / "data" / "dev_cases.jsonl").read_text(encoding="utf-8").split("\n")
    return [json.loads(line)["text"] for line in lines[:n] if line]


def test_a_bag_is_cleaned_as_the_pipeline_cleans_each_text(client: Any, shared: Path) -> None:
    texts = dev_texts(shared)
    records = nc_dask.clean_bag(db.from_sequence(texts, npartitions=8)).compute()
    pipeline = Pipeline()
    expected = [pipeline.process(t) for t in texts]
    assert [r["text"] for r in records] == [e.text for e in expected]
    assert [r["date"] for r in records] == [e.metadata["date"] for e in expected]
    assert [r["related"] for r in records] == [e.metadata["related"] for e in expected]


def test_each_worker_process_keeps_one_pipeline(client: Any, shared: Path) -> None:
    texts = dev_texts(shared)
    pipeline = Pipeline().without("names")  # a configuration of this test's own
    for _ in range(2):
        nc_dask.clean_bag(db.from_sequence(texts, npartitions=8), pipeline).compute()
    token = nc_dask._token(pipeline)

    def kept() -> tuple[int, int]:
        found = nc_dask._PIPELINES.get(token)
        return os.getpid(), found.stats.documents if found else 0

    per_worker = client.run(kept)
    assert len({pid for pid, _ in per_worker.values()}) == 2
    # Sixteen partitions over two workers, every document cleaned by the pipeline each kept.
    assert sum(n for _, n in per_worker.values()) == 2 * len(texts)


def test_a_dataframe_column_is_cleaned_and_metadata_become_columns(
    client: Any, shared: Path
) -> None:
    texts = dev_texts(shared, 8)
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    frame.loc[3, "text"] = None
    out = nc_dask.clean_dataframe(dd.from_pandas(frame, npartitions=4)).compute()
    pipeline = Pipeline()
    assert list(out.columns) == ["id", "text", *nc_dask.metadata_columns(pipeline), "extra"]
    assert list(out["id"]) == list(range(len(texts)))
    for k, text in enumerate(texts):
        if k == 3:
            assert out["text"].iloc[k] is None or pd.isna(out["text"].iloc[k])
            assert out["date"].iloc[k] is None
            continue
        expected = pipeline.process(text)
        assert out["text"].iloc[k] == expected.text
        assert out["date"].iloc[k] == expected.metadata["date"]
        assert out["captions"].iloc[k] == expected.metadata["captions"]


def test_a_metadata_column_may_not_overwrite_one_of_the_frame() -> None:
    frame = dd.from_pandas(pd.DataFrame({"text": ["a"], "date": ["x"]}), npartitions=1)
    with pytest.raises(ValueError, match="prefix="):
        nc_dask.clean_dataframe(frame)
    out = nc_dask.clean_dataframe(frame, prefix="nc_").compute(scheduler="sync")
    assert list(out["date"]) == ["x"]
    assert list(out["nc_date"]) == [None]


def test_a_missing_column_is_named() -> None:
    frame = dd.from_pandas(pd.DataFrame({"body": ["a"]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'text'"):
        nc_dask.clean_dataframe(frame)


def test_without_dask_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("dask"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.delitem(__import__("sys").modules, "dask.bag")
    with pytest.raises(ImportError, match=r"pip install 'newsclean\[dask\]'"):
        nc_dask.clean_bag(None)
