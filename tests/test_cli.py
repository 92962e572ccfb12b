"""The installed command on real files in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean import __version__

ARTICLE = "Published: 26 November 2020\n\nThe minister spoke.\n\nRead - Another story\n"


def newsclean(
    *args: str | Path, stdin: str | bytes | None = None
) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean", *map(str, args)],
        input=data,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


def test_one_file_goes_to_stdout(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    done = newsclean(src)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Date: 2020-11-26\n\nThe minister spoke.\n"
    assert src.read_text() == ARTICLE


def test_stdin_to_stdout() -> None:
    done = newsclean("-", stdin=ARTICLE)
    assert done.returncode == 0
    assert done.stdout.endswith("The minister spoke.\n")


def test_a_folder_is_mirrored_into_the_output_dir(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "sub" / "b.txt").write_text("Photo: Reuters\n\nBody.\n")
    (tmp_path / "in" / "skip.md").write_text("not taken")
    done = newsclean(tmp_path / "in", "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "sub" / "b.txt").read_text() == "Body.\n"
    assert sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file()) == [
        "a.txt",
        "b.txt",
    ]


def test_several_inputs_need_an_output_dir(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.txt").write_text("b")
    done = newsclean(tmp_path / "a.txt", tmp_path / "b.txt")
    assert done.returncode == 2
    assert "--output-dir" in done.stderr


def test_in_place_rewrites_inputs(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    done = newsclean(src, "--in-place")
    assert done.returncode == 0
    assert src.read_text() == "Date: 2020-11-26\n\nThe minister spoke.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_output_dir_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    done = newsclean(src, "-o", tmp_path)
    assert done.returncode == 2
    assert "overwrite an input" in done.stderr
    assert src.read_text() == ARTICLE


def test_a_missing_file_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE)
    done = newsclean(tmp_path / "ok.txt", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr.strip() == f"newsclean: error: {tmp_path / 'missing.txt'}: no such file"
    assert (tmp_path / "out" / "ok.txt").exists()


def test_jsonl_keeps_fields_adds_metadata_and_reports_bad_lines(tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    lines = [json.dumps({"id": 1, "text": ARTICLE}), "{oops", json.dumps({"id": 3})]
    done = newsclean("--jsonl", "-", "--rejects", rejects, stdin="\n".join(lines) + "\n")
    assert done.returncode == 1
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["id"] == 1
    assert record["text"] == "Date: 2020-11-26\n\nThe minister spoke.\n"
    assert record["newsclean"]["date"] == "2020-11-26"
    assert record["newsclean"]["related"] == ["Another story"]
    assert done.stderr.splitlines() == [
        "newsclean: error: <stdin>:2: not valid JSON"
        " (Expecting property name enclosed in double quotes at column 2)",
        "newsclean: error: <stdin>:3: no 'text' field",
    ]
    assert rejects.read_text().splitlines() == lines[1:]


def test_jsonl_text_field_and_explain() -> None:
    done = newsclean(
        "--jsonl",
        "--text-field",
        "body",
        "--explain",
        "-",
        stdin=json.dumps({"body": "Read - x\n\nBody."}) + "\n",
    )
    record = json.loads(done.stdout)
    assert record["body"] == "Body.\n"
    assert {e["kind"] for e in record["newsclean"]["edits"]} >= {"related"}


def test_explain_lists_edits_on_stderr(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    done = newsclean(src, "--explain")
    (line,) = [ln for ln in done.stderr.splitlines() if "boilerplate [related]" in ln]
    assert line.startswith(f"{src}:")
    assert "Read - Another story" in line


def test_report_writes_step_statistics(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    newsclean(src, "--report", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["documents"] == 1
    assert report["steps"]["boilerplate"]["dropped:related"] == 1


def test_disable_and_keep(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    assert "Read - Another story" in newsclean(src, "--disable", "boilerplate").stdout
    assert "Read - Another story" in newsclean(src, "--keep", "related").stdout


@pytest.mark.parametrize("args", [["--disable", "nope"], ["--jobs", "-1"], ["--bogus"]])
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    done = newsclean(*args, stdin="")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_version() -> None:
    assert newsclean("--version").stdout.strip() == f"newsclean {__version__}"


def test_the_readme_sample_article_is_cleaned() -> None:
    sample = Path(__file__).resolve().parents[1] / "examples" / "sample.txt"
    done = newsclean(sample)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Date: 2026-03-03T09:15:00+00:00\n\n")
    assert "Japan’s trade minister" in done.stdout
    assert "Farmers in France" in done.stdout
    assert "READ MORE" not in done.stdout
    assert "Advertisement" not in done.stdout
