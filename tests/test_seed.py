"""The seed article end to end: the command (file and stdin), the library and JSON Lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import newsclean


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *args],
        input=stdin.encode("utf-8") if stdin is not None else None,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _expected(shared: Path) -> str:
    return (shared / "seed" / "article.expected.txt").read_text(encoding="utf-8")


def test_the_command_prints_the_expected_article(shared: Path) -> None:
    done = _run(str(shared / "seed" / "article.txt"))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == _expected(shared)


def test_the_command_reads_the_article_from_stdin(shared: Path) -> None:
    raw = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    done = _run("-", stdin=raw)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == _expected(shared)


def test_the_library_gives_the_expected_article(shared: Path) -> None:
    raw = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    assert newsclean.clean(raw) == _expected(shared)


def test_the_edits_replay_from_the_original(shared: Path) -> None:
    raw = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    result = newsclean.Pipeline().process(raw)
    assert newsclean.apply_edits(raw, result.edits) == _expected(shared)
    fixed = {(e.before, e.after) for e in result.edits if e.step == "names"}
    assert fixed == {("Soth", "South"), ("achieve din", "achieved in"), ("Mood", "Moon")}


def test_json_lines_metadata_match_the_expected_json(shared: Path) -> None:
    raw = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    line = json.dumps({"id": "seed", "text": raw}, ensure_ascii=False)
    done = _run("--jsonl", "-", stdin=line + "\n")
    assert done.returncode == 0, done.stderr.decode()
    (record,) = [json.loads(x) for x in done.stdout.decode("utf-8").splitlines()]
    expected = json.loads((shared / "seed" / "article.expected.json").read_text(encoding="utf-8"))
    assert record["id"] == "seed"
    assert record["text"] == _expected(shared)
    meta = record["newsclean"]
    assert {key: meta[key] for key in ("date", "related", "captions")} == expected
