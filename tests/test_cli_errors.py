"""The command over bad inputs and faults: one line per failure, the rest done, exit 0/1/2."""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import refuse_to_list
from newsclean import Document, Pipeline, StepResult, TextFixer, exceptions
from newsclean.cli import main

ARTICLE = "Published: 26 November 2020\n\nThe minister spoke.\n\nRead - Another story\n"
CLEANED = "Date: 2020-11-26\n\nThe minister spoke.\n"


class Ran:
    """What one in-process run of the command gave."""

    def __init__(self, code: int, out: bytes, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err
        self.lines = err.splitlines()


def run(*args: str | Path, stdin: bytes = b"", monkeypatch: pytest.MonkeyPatch) -> Ran:
    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8")
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    code = main([str(a) for a in args])
    stdout.flush()
    assert "Traceback" not in stderr.getvalue()
    return Ran(code, out.getvalue(), stderr.getvalue())


Cli = Callable[..., Ran]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Cli:
    def call(*args: str | Path, stdin: bytes = b"") -> Ran:
        return run(*args, stdin=stdin, monkeypatch=monkeypatch)

    return call


def digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with a hash of its bytes (links: where they point)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


# --- text inputs that must not stop the run ----------------------------------------------------


def test_a_binary_file_is_refused_in_one_line_and_the_rest_is_done(
    tmp_path: Path, cli: Cli
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "b.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    (tmp_path / "in" / "c.txt").write_text(ARTICLE)
    done = cli(tmp_path / "in", "-o", tmp_path / "out")
    assert done.code == 1
    assert done.lines == [
        f"newsclean: error: {tmp_path / 'in' / 'b.txt'}: looks like a binary file, not text"
        " (skipped)"
    ]
    assert digest(tmp_path / "out").keys() == {"a.txt", "c.txt"}
    assert (tmp_path / "out" / "c.txt").read_text() == CLEANED


def test_a_cp1252_file_is_cleaned_with_a_warning_and_succeeds(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "old.txt"
    src.write_bytes("Le café “Chez Zoé”.\r\n".encode("cp1252"))
    done = cli(src)
    assert done.code == 0
    assert done.out.decode() == "Le café “Chez Zoé”.\n"
    assert done.lines == [
        f"newsclean: warning: {src}: not valid UTF-8 (from byte 6); read as cp1252"
    ]
    assert cli(src, "-q").lines == []


def test_encoding_forces_the_codec(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "gr.txt"
    src.write_bytes("Η Ελλάδα.\n".encode("iso8859-7"))
    done = cli(src, "--encoding", "iso8859-7")
    assert (done.code, done.out.decode(), done.lines) == (0, "Η Ελλάδα.\n", [])


def test_an_unknown_encoding_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    done = cli("--encoding", "klingon", "-")
    assert done.code == 2
    assert done.lines[-1].startswith("newsclean: error: unknown encoding 'klingon'")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + ARTICLE.encode(),
        ARTICLE.encode("utf-16"),
        codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"),
        ARTICLE.replace("\n", "\r\n").encode(),
        ARTICLE.replace("\n", "\r").encode(),
    ],
    ids=["utf-8-bom", "utf-16", "utf-32", "crlf", "cr"],
)
def test_unicode_encodings_and_line_ends_clean_alike(tmp_path: Path, cli: Cli, data: bytes) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(data)
    done = cli(src)
    assert (done.code, done.out.decode(), done.lines) == (0, CLEANED, [])


def test_an_empty_file_gives_an_empty_output(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    done = cli(tmp_path / "in", "-o", tmp_path / "out")
    assert done.code == 0
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


def test_every_kind_of_unreadable_input_is_one_line_in_order(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE)
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "late.txt").write_text(ARTICLE)
    inputs = ["missing.txt", "link.txt", "pipe.txt", "ok.txt"]
    done = cli(*(tmp_path / n for n in inputs), "/dev/null", tmp_path / "sub", "-o", tmp_path / "o")
    assert done.code == 1
    assert done.lines == [
        f"newsclean: error: {tmp_path / 'missing.txt'}: no such file",
        f"newsclean: error: {tmp_path / 'link.txt'}: broken link (it points to"
        f" {str(tmp_path / 'gone.txt')!r}, which does not exist)",
        f"newsclean: error: {tmp_path / 'pipe.txt'}: a named pipe, not a regular file (skipped)",
        "newsclean: error: /dev/null: a character device, not a regular file (skipped)",
    ]
    assert digest(tmp_path / "o").keys() == {"ok.txt", "late.txt"}


def test_a_folder_that_cannot_be_listed_is_one_line(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    refuse_to_list(monkeypatch, "locked")
    done = cli(tmp_path / "in", "-o", tmp_path / "out")
    assert done.code == 1
    assert done.lines == [
        f"newsclean: error: {tmp_path / 'in' / 'locked'}: cannot list folder (Permission denied)"
    ]
    assert (tmp_path / "out" / "a.txt").read_text() == CLEANED


def test_an_output_that_cannot_be_written_fails_alone(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "sub" / "b.txt").write_text(ARTICLE)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").write_text("a file where the folder should be")
    done = cli(tmp_path / "in", "-o", tmp_path / "out")
    assert done.code == 1
    (line,) = done.lines
    assert line.startswith(f"newsclean: error: {tmp_path / 'out' / 'sub' / 'b.txt'}: cannot write")
    assert (tmp_path / "out" / "a.txt").read_text() == CLEANED


# --- inputs are never overwritten --------------------------------------------------------------


def test_inputs_are_left_byte_for_byte(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    (tmp_path / "in" / "b.txt").write_bytes("Caf\xe9 \x81\n".encode("latin-1"))
    before = digest(tmp_path / "in")
    assert cli(tmp_path / "in", "-o", tmp_path / "out").code == 0
    assert digest(tmp_path / "in") == before


@pytest.mark.parametrize("how", ["same-folder", "link-to-input-folder", "hard-link", "nested"])
def test_the_output_folder_may_not_overwrite_an_input(tmp_path: Path, cli: Cli, how: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    if how == "same-folder":
        out = src
    elif how == "link-to-input-folder":
        out = tmp_path / "out"
        out.symlink_to(src)
    elif how == "hard-link":
        out = tmp_path / "out"
        out.mkdir()
        os.link(src / "a.txt", out / "a.txt")
    else:
        out = src / "." / ".." / "in"
    before = digest(tmp_path)
    done = cli(src, "-o", out)
    assert done.code == 2
    assert done.lines[-1] == (
        f"newsclean: error: {out / 'a.txt'}: the output would overwrite an input; use --in-place"
    )
    assert digest(tmp_path) == before


def test_rejects_may_not_overwrite_an_input(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "x"}\n')
    done = cli("--jsonl", src, "--rejects", src)
    assert done.code == 2
    assert done.lines[-1] == f"newsclean: error: {src}: --rejects would overwrite an input"
    assert src.read_text() == '{"text": "x"}\n'


def test_two_inputs_may_not_share_one_output(tmp_path: Path, cli: Cli) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(folder)
    done = cli(tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt", "-o", tmp_path / "out")
    assert done.code == 2
    assert "would both be written to" in done.lines[-1]
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_is_a_file_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "out").write_text("mine")
    done = cli(tmp_path / "a.txt", tmp_path / "b.txt", "-o", tmp_path / "out")
    assert done.code == 2
    assert (tmp_path / "out").read_text() == "mine"


def test_in_place_through_a_link_rewrites_the_file_and_keeps_the_link(
    tmp_path: Path, cli: Cli
) -> None:
    (tmp_path / "real.txt").write_text(ARTICLE)
    (tmp_path / "link.txt").symlink_to("real.txt")
    done = cli(tmp_path / "link.txt", "--in-place")
    assert done.code == 0
    assert os.readlink(tmp_path / "link.txt") == "real.txt"
    assert (tmp_path / "real.txt").read_text() == CLEANED
    assert sorted(os.listdir(tmp_path)) == ["link.txt", "real.txt"]


def test_in_place_leaves_a_failing_input_alone(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "a.txt").write_text(ARTICLE)
    done = cli(tmp_path / "bin.txt", tmp_path / "a.txt", "--in-place")
    assert done.code == 1
    assert (tmp_path / "bin.txt").read_bytes() == b"\x00\x01\x02"
    assert (tmp_path / "a.txt").read_text() == CLEANED
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "bin.txt"]


# --- JSON Lines --------------------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_kept_whole_and_the_rest_goes_on_in_order(
    tmp_path: Path,
    cli: Cli,
) -> None:
    bad = [
        b"{oops",
        b"[1]",
        b'{"id": 3}',
        b'{"id": 4, "text": 4}',
        b'{"id": 5, "text": "caf\xe9"}',
        b'{"id": 6, "text": "x", "n": NaN}\r',
    ]
    good = [json.dumps({"id": i, "text": f"Body {i}."}).encode() for i in (0, 7, 8)]
    data = b"\n".join([good[0], *bad, good[1], b"", good[2]]) + b"\n"
    rejects = tmp_path / "rejects.jsonl"
    done = cli("--jsonl", "-", "--rejects", rejects, stdin=data)
    assert done.code == 1
    assert [json.loads(line)["id"] for line in done.out.splitlines()] == [0, 7, 8]
    assert [line.split(": ", 3)[2] for line in done.lines] == [
        "<stdin>:2",
        "<stdin>:3",
        "<stdin>:4",
        "<stdin>:5",
        "<stdin>:6",
        "<stdin>:7",
    ]
    assert rejects.read_bytes() == b"\n".join(bad) + b"\n"


def test_jsonl_text_with_unpaired_surrogates_is_written_as_valid_utf8(cli: Cli) -> None:
    done = cli("--jsonl", "-", stdin=b'{"text": "a\\ud800b", "k": "\\udfff"}\n')
    assert done.code == 0
    record = json.loads(done.out.decode("utf-8"))
    assert record["k"] == "\udfff"


def test_jsonl_from_missing_and_special_files(tmp_path: Path, cli: Cli) -> None:
    os.mkfifo(tmp_path / "p.jsonl")
    (tmp_path / "ok.jsonl").write_text('{"text": "Body."}\n')
    done = cli(
        "--jsonl",
        tmp_path / "none.jsonl",
        tmp_path / "p.jsonl",
        tmp_path / "ok.jsonl",
        "-o",
        tmp_path / "out",
    )
    assert done.code == 1
    assert done.lines == [
        f"newsclean: error: {tmp_path / 'none.jsonl'}: no such file",
        f"newsclean: error: {tmp_path / 'p.jsonl'}: a named pipe, not a regular file (skipped)",
    ]
    assert json.loads((tmp_path / "out" / "ok.jsonl").read_text())["text"] == "Body.\n"


# --- the error classes ------------------------------------------------------------------------


def test_the_exception_tree_in_the_docstring_is_the_real_one() -> None:
    drawn: dict[str, str] = {}
    parents: list[tuple[int, str]] = []
    for line in (exceptions.__doc__ or "").splitlines():
        found = re.match(r"^(\s*)(?:\+-- )?([A-Z]\w*Error)\b", line)
        if not found:
            continue
        depth, name = len(found.group(1)), found.group(2)
        while parents and parents[-1][0] >= depth:
            parents.pop()
        drawn[name] = parents[-1][1] if parents else "Exception"
        parents.append((depth, name))
    real = {
        name: cls.__bases__[0].__name__
        for name in exceptions.__all__
        if isinstance(cls := getattr(exceptions, name), type)
    }
    assert drawn == real


# --- the library's own bugs are one line too ---------------------------------------------------


class Boom(TextFixer):
    """A step with a bug."""

    name = "boom"

    def fix(self, doc: Document) -> StepResult:
        raise ZeroDivisionError("division by zero")


def test_a_bug_in_a_step_is_one_line_and_exit_1(tmp_path: Path, cli: Cli) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[pipeline]\nsteps = ["whitespace", "test_cli_errors:Boom"]\n')
    done = cli("--config", cfg, "-", stdin=b"text")
    assert done.code == 1
    assert done.lines == [
        "newsclean: error: internal error (ZeroDivisionError: division by zero);"
        " please report it with the input that caused it"
    ]


# --- in a real process: pipes, signals, jobs ---------------------------------------------------


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "newsclean", *map(str, args)]


def test_a_closed_stdout_pipe_ends_quietly(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps({"text": f"Line {i}."}) + "\n" for i in range(20_000)))
    proc = subprocess.Popen(command("--jsonl", src), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.read(100)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert err == b""
    assert proc.returncode == 1


def test_a_stdout_pipe_closed_in_the_middle_of_one_big_text_ends_quietly_with_1(
    tmp_path: Path,
) -> None:
    # One write of megabytes: the pipe takes 64 KiB, then its reader goes; that is a failure.
    src = tmp_path / "big.txt"
    src.write_text("The minister said so.\n" * 50_000)
    proc = subprocess.Popen(command(src), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (1, b"")


def test_output_is_the_same_bytes_whatever_the_jobs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(130):  # more than one batch of 64, so several workers share them
        (src / f"{i:03}.txt").write_text(f"Published: {i % 28 + 1} November 2020\n\n{ARTICLE}")
    jsonl = tmp_path / "all.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"id": i, "text": ARTICLE * (i % 3)}) + "\n" for i in range(200))
    )
    outs = {}
    for jobs in ("1", "2"):
        done = subprocess.run(
            command(src, "-o", tmp_path / f"out{jobs}", "-j", jobs),
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        lines = subprocess.run(
            command("--jsonl", "--explain", jsonl, "-j", jobs), capture_output=True, check=False
        )
        outs[jobs] = (digest(tmp_path / f"out{jobs}"), lines.stdout)
    assert outs["1"] == outs["2"]
    assert len(outs["1"][0]) == 130


def test_pipeline_cleans_what_the_command_writes(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    assert cli(src).out.decode() == Pipeline().clean(ARTICLE)


# --- killed at any moment: each file is the old or the new one, whole --------------------------

BODY = "Published: 26 November 2020\n\nRead - Another story\n\n" + (
    "The minister said so in Zürich, and the talks went on.\n\n" * 1500
)


def _temporaries(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp"))


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_in_place_stopped_mid_run_leaves_every_file_old_or_new(tmp_path: Path, sig: int) -> None:
    old = BODY.encode()
    new = Pipeline().clean(BODY).encode()
    paths = [tmp_path / f"{i:02}.txt" for i in range(40)]
    for path in paths:
        path.write_bytes(old)
    proc = subprocess.Popen(command(tmp_path, "--in-place"), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while proc.poll() is None and paths[0].read_bytes() != new and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    states = [path.read_bytes() for path in paths]
    assert all(state in (old, new) for state in states)
    assert states.count(new) >= 1
    assert states.count(old) >= 1, "the run ended before the signal: make the inputs bigger"
    assert proc.returncode == -sig if sig == signal.SIGKILL else 128 + sig
    if sig == signal.SIGKILL:
        assert len(_temporaries(tmp_path)) <= 1  # nothing can clean up after SIGKILL
    else:
        assert err == b"newsclean: interrupted\n"
        assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_big_input_stopped_while_it_is_written_is_old_or_new(tmp_path: Path, sig: int) -> None:
    text = BODY * 2
    old, new = text.encode(), Pipeline().clean(text).encode()
    target = tmp_path / "big.txt"
    target.write_bytes(old)
    proc = subprocess.Popen(command(target, "--in-place"), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # Stop it the moment its temporary file appears: while the new text is being written.
    while proc.poll() is None and time.monotonic() < deadline:
        if _temporaries(tmp_path):
            proc.send_signal(sig)
            break
        time.sleep(0.0002)
    proc.communicate(timeout=60)
    assert target.read_bytes() in (old, new)
    if sig != signal.SIGKILL:
        assert _temporaries(tmp_path) == []
