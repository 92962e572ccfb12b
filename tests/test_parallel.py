"""Several processes: same results in the same order as one, statistics merged, memory bounded."""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsclean import Pipeline, Result, cli
from newsclean.parallel import batches, map_parallel, resolve_jobs


def dev_texts(shared: Path, n: int = 40) -> list[str]:
    lines = (shared / "data" / "dev_cases.jsonl").read_text(encoding="utf-8").split("\n")
    return [json.loads(line)["text"] for line in lines[:n] if line]


def content(result: Result) -> tuple[object, ...]:
    """What a result says about the text (its statistics also hold timings)."""
    return result.text, result.metadata, result.edits


def test_two_jobs_give_the_results_of_one_in_order(shared: Path) -> None:
    texts = dev_texts(shared)
    one = list(Pipeline().map(texts))
    two = list(map_parallel(Pipeline(), texts, jobs=2, batch_chars=5_000))
    assert [content(r) for r in two] == [content(r) for r in one]


def test_worker_statistics_are_merged_into_the_callers_pipeline(shared: Path) -> None:
    texts = dev_texts(shared, 12)
    alone, pooled = Pipeline(), Pipeline()
    list(alone.map(texts))
    list(map_parallel(pooled, texts, jobs=2, batch_chars=2_000))
    a, b = alone.stats.to_dict(), pooled.stats.to_dict()
    for stats in (a, b):
        for step in stats["steps"].values():
            del step["seconds"]
    assert b == a
    assert b["documents"] == len(texts)


def test_texts_are_read_only_as_workers_need_them() -> None:
    taken = 0

    def texts() -> Iterator[str]:
        nonlocal taken
        for k in range(10_000):
            taken += 1
            yield f"Paragraph {k}.\n"

    results = map_parallel(Pipeline(), texts(), jobs=2, batch_chars=100)
    first = next(results)
    assert first.text == "Paragraph 0.\n"
    # Two batches per worker in flight, of about 100 characters (7 texts) each.
    assert taken < 2 * 2 * 8 + 8
    results.close()


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(TypeError, match="decode bytes first"):
        list(map_parallel(Pipeline(), ["fine\n", b"bytes"], jobs=2))  # type: ignore[list-item]


def test_jobs_zero_means_every_core_and_negative_is_refused() -> None:
    assert resolve_jobs(0) >= 1
    assert resolve_jobs(3) == 3
    with pytest.raises(ValueError, match="0 \\(all cores\\) or more"):
        resolve_jobs(-1)


def test_batches_close_at_the_character_budget_and_keep_every_text() -> None:
    texts = ["a" * 40, "b" * 40, "c" * 40, "d"]
    assert list(batches(texts, max_chars=80)) == [texts[:2], texts[2:]]
    assert list(batches(["x"] * 5, max_chars=1000, max_docs=2)) == [["x", "x"], ["x", "x"], ["x"]]


def test_a_pickled_pipeline_carries_no_caches_and_cleans_alike(shared: Path) -> None:
    pipeline = Pipeline()
    text = dev_texts(shared, 1)[0]
    before = pipeline.process(text)
    clone = pickle.loads(pickle.dumps(pipeline))
    assert all(not k.startswith("_cache") for s in clone.steps for k in vars(s))
    assert content(clone.process(text)) == content(before)


def test_the_command_gives_the_same_output_with_two_jobs(tmp_path: Path, shared: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in enumerate(dev_texts(shared)))
    )
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert cli.main(["--jsonl", str(src), "-o", str(out), "-j", jobs]) == 0
        outs.append((out / "in.jsonl").read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert [json.loads(line)["id"] for line in outs[1].splitlines()] == list(range(40))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("quiet", "shown"), [((), True), (("--quiet",), False)])
def test_progress_bar_on_a_terminal_unless_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: tuple[str, ...], shown: bool
) -> None:
    pytest.importorskip("tqdm")  # the optional extra; nox installs it
    for k in range(3):
        (tmp_path / "in" / f"{k}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"{k}.txt").write_text(f"Body {k}.\n")
    stderr = _Terminal()
    monkeypatch.setattr(cli.sys, "stderr", stderr)
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.0)
    assert cli.main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), *quiet]) == 0
    assert ("0/3 [" in stderr.getvalue()) is shown


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Body.\n")
    stderr = io.StringIO()
    monkeypatch.setattr(cli.sys, "stderr", stderr)
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.0)
    assert cli.main([str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")]) == 0
    assert stderr.getvalue() == ""
