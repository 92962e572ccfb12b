"""Reading and writing: encodings, binary and special files, JSON Lines, atomic writes."""

from __future__ import annotations

import codecs
import io
import os
import socket
import stat
from pathlib import Path

import pytest

from conftest import refuse_to_list
from newsclean.exceptions import BinaryInputError, InputError, OutputError, RecordError
from newsclean.io import (
    atomic_binary_writer,
    atomic_writer,
    decode,
    find_inputs,
    iter_jsonl,
    open_input,
    read_text,
    write_atomic,
)

TEXT = "Zürich, 26 novembre — « café » 北京\nSecond line.\n"


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # Python writes the BOM of the machine's byte order
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be", "utf-16-le", "utf-32-le", "utf-32-be"],
)
def test_unicode_encodings_are_read_without_warning_or_bom(data: bytes) -> None:
    assert decode(data, "a.txt") == (TEXT, [])


def test_cp1252_text_is_read_with_a_warning_naming_the_file() -> None:
    data = "Le café “Chez Zoé” — 5 €\n".encode("cp1252")
    text, warnings = decode(data, "old.txt")
    assert text == "Le café “Chez Zoé” — 5 €\n"
    assert warnings == ["old.txt: not valid UTF-8 (from byte 6); read as cp1252"]


def test_a_few_bad_bytes_in_utf8_keep_the_good_characters() -> None:
    data = "Zürich — naïve ".encode() + b"\xe9t\xe9" + "北京\n".encode()
    text, warnings = decode(data, "mixed.txt")
    assert text == "Zürich — naïve été北京\n"
    assert warnings == [
        "mixed.txt: 2 bytes not valid UTF-8 (the first at byte 19); read those as cp1252"
    ]


def test_bytes_cp1252_leaves_undefined_are_kept_as_latin1() -> None:
    text, _ = decode(b"a\x81b\x8dc\xe9", "x.txt")
    assert text == "a\x81b\x8dcé"


def test_a_forced_encoding_is_used_as_given() -> None:
    data = "Ελλάδα\n".encode("iso8859-7")
    assert decode(data, "gr.txt", encoding="iso8859-7") == ("Ελλάδα\n", [])


def test_text_not_in_the_forced_encoding_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^a\.txt: not valid utf-8 .* at byte 1\); give"):
        decode(b"a\xffb", "a.txt", encoding="utf-8")


def test_an_unknown_encoding_is_named() -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"abc", "a.txt", encoding="klingon")


def test_a_codec_that_does_not_give_text_is_refused() -> None:
    with pytest.raises(InputError, match="unknown encoding 'base64'"):
        decode(b"abc", "a.txt", encoding="base64")


def test_a_bom_that_lies_is_an_input_error() -> None:
    with pytest.raises(InputError, match="byte-order mark but is not utf-16"):
        decode(codecs.BOM_UTF16_LE + b"a", "bad.txt")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
        ("one\r\ntwo".encode("utf-16"), "one\ntwo"),
    ],
    ids=["crlf", "cr", "mixed", "utf-16-crlf"],
)
def test_cr_and_crlf_line_ends_become_line_feeds(data: bytes, expected: str) -> None:
    assert decode(data, "a.txt")[0] == expected


def test_an_empty_file_is_empty_text() -> None:
    assert decode(b"", "e.txt") == ("", [])
    assert decode(codecs.BOM_UTF8, "e.txt") == ("", [])


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"text with one NUL\x00 byte",
        bytes(range(1, 9)) * 100,
        "plain".encode("utf-16-le"),  # UTF-16 without its BOM cannot be told from binary
    ],
    ids=["png", "nul", "controls", "utf-16-no-bom"],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError, match=r"^b\.bin: looks like a binary file"):
        decode(data, "b.bin")


def test_binary_data_is_refused_in_a_forced_encoding_too() -> None:
    with pytest.raises(BinaryInputError):
        decode(b"\x00\x01\x02\x03", "b.bin", encoding="latin-1")


def test_a_few_control_characters_do_not_make_text_binary() -> None:
    text, _ = decode(b"Page 1\x0c\nA bell\x07 rang.\n" + b"x" * 100, "a.txt")
    assert text.startswith("Page 1\x0c\nA bell\x07")


def test_decode_refuses_str() -> None:
    with pytest.raises(TypeError, match="decode takes bytes, not str"):
        decode("text", "a.txt")  # type: ignore[arg-type]


# --- files that are not ordinary ---------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file$"):
        read_text(tmp_path / "missing.txt")


def test_a_broken_link_says_where_it_points(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match=r"link\.txt: broken link \(it points to .*gone\.txt"):
        read_text(tmp_path / "link.txt")


def test_a_link_loop_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(InputError, match=r"a\.txt: cannot read \(Too many levels"):
        read_text(tmp_path / "a.txt")


def test_a_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder where a file was expected"):
        read_text(tmp_path)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # Opening a pipe for reading blocks until a writer comes; this returns at once.
    with pytest.raises(InputError, match=r"pipe\.txt: a named pipe, not a regular file"):
        read_text(fifo)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(InputError, match="a socket, not a regular file"):
            read_text(path)


def test_a_device_is_refused() -> None:
    with pytest.raises(InputError, match="a character device, not a regular file"):
        read_text(Path(os.devnull))


def test_a_file_that_cannot_be_opened_is_one_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests may run as root, which reads any file: simulate the refusal of the system.
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match=r"secret\.txt: cannot read \(Permission denied\)$"):
        read_text(path)


def test_a_file_swapped_for_a_pipe_after_the_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    real_fstat = os.fstat

    def fifo_stat(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[0] = stat.S_IFIFO | 0o644
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", fifo_stat)
    with pytest.raises(InputError, match="a named pipe"):
        open_input(path)


def test_a_read_error_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")

    class Failing(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr("newsclean.io.open_input", lambda p: Failing())
    with pytest.raises(InputError, match=r"a\.txt: cannot read \(Input/output error\)"):
        read_text(path)


# --- finding inputs in folders -----------------------------------------------------------------


def test_folders_are_walked_sorted_without_following_folder_links(tmp_path: Path) -> None:
    (tmp_path / "in" / "b").mkdir(parents=True)
    for rel in ("z.txt", "a.txt", "b/c.txt", "b/skip.md"):
        (tmp_path / "in" / rel).write_text("x")
    (tmp_path / "in" / "b" / "loop").symlink_to(tmp_path / "in")
    (tmp_path / "in" / "dir.txt").mkdir()
    found = list(find_inputs([str(tmp_path / "in")]))
    assert [rel.as_posix() for _, rel in found] == ["a.txt", "b/c.txt", "z.txt"]


def test_special_files_in_folders_are_listed_so_they_are_reported(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    found = [rel.as_posix() for _, rel in find_inputs([str(tmp_path)])]
    assert found == ["broken.txt", "p.txt"]


def test_the_output_folder_is_not_walked(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "out" / "a.txt").write_text("x")
    found = [rel.as_posix() for _, rel in find_inputs([str(tmp_path)], exclude=tmp_path / "out")]
    assert found == ["a.txt"]


def test_a_folder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("x")
    refuse_to_list(monkeypatch, "sub")
    errors: list[InputError] = []
    found = [rel.as_posix() for _, rel in find_inputs([str(tmp_path)], on_error=errors.append)]
    assert found == ["a.txt"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'sub'}: cannot list folder (Permission denied)"
    ]


# --- JSON Lines --------------------------------------------------------------------------------


def _records(data: bytes, field: str = "text") -> list[tuple[int, str | None, bytes]]:
    return [
        (r.number, None if r.error is None else str(r.error), r.raw)
        for r in iter_jsonl(io.BytesIO(data), "in.jsonl", field)
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            b"{oops",
            "not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        ),
        (b"[1, 2]", "expected a JSON object, got an array"),
        (b'"text"', "expected a JSON object, got a string"),
        (b"null", "expected a JSON object, got null"),
        (b'{"body": "x"}', "no 'text' field"),
        (b'{"text": 3}', "field 'text' is a number, not a string"),
        (b'{"text": null}', "field 'text' is null, not a string"),
        (b'{"text": ["a"]}', "field 'text' is an array, not a string"),
        (b'{"text": "x", "score": NaN}', "not valid JSON (NaN is not JSON)"),
        (b'{"text": "caf\xe9"}', "not valid UTF-8 (invalid continuation byte at byte 13)"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON nested too deeply to read"),
    ],
    ids=[
        "not-json",
        "array",
        "string",
        "null",
        "no-field",
        "number",
        "null-text",
        "array-text",
        "nan",
        "not-utf8",
        "deep",
    ],
)
def test_a_bad_line_is_reported_by_number_and_kept_whole(line: bytes, message: str) -> None:
    good = b'{"text": "fine"}\n'
    records = _records(good + line + b"\n" + good)
    assert records == [
        (1, None, good),
        (2, f"in.jsonl:2: {message}", line + b"\n"),
        (3, None, good),
    ]


def test_jsonl_skips_blank_lines_but_counts_them() -> None:
    records = _records(b'\n  \n{"text": "a"}\r\n{oops}')
    assert [(n, e is None) for n, e, _ in records] == [(3, True), (4, False)]


def test_jsonl_reads_a_bom_on_the_first_line() -> None:
    ((number, error, _),) = _records(codecs.BOM_UTF8 + b'{"text": "a"}\n')
    assert (number, error) == (1, None)


def test_jsonl_records_carry_their_objects() -> None:
    (record,) = iter_jsonl(io.BytesIO(b'{"id": 7, "body": "b"}'), "x", "body")
    assert record.data == {"id": 7, "body": "b"}
    assert isinstance(RecordError("x"), InputError)


# --- atomic writing ----------------------------------------------------------------------------


def test_write_atomic_replaces_the_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.txt"
    write_atomic(target, "new\n")
    write_atomic(target, "newer\n")
    assert target.read_bytes() == b"newer\n"
    assert os.listdir(target.parent) == ["a.txt"]


def test_write_atomic_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", "new")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o666 & ~umask


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")

    def write_half() -> None:
        with atomic_writer(target) as fh:
            fh.write("half of the new")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_half()
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_an_interrupt_while_writing_leaves_no_temporary(tmp_path: Path) -> None:
    def interrupted() -> None:
        with atomic_writer(tmp_path / "a.txt") as fh:
            fh.write("x")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert os.listdir(tmp_path) == []


def test_a_failing_rename_is_an_output_error_and_leaves_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").mkdir()  # a folder in the way
    (tmp_path / "a.txt" / "keep").write_text("x")
    with pytest.raises(OutputError, match=r"a\.txt: cannot write \(Is a directory\)"):
        write_atomic(tmp_path / "a.txt", "new")
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]


def test_a_folder_that_cannot_be_made_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match=r"file/a\.txt: cannot write \(File exists\)"):
        write_atomic(tmp_path / "file" / "a.txt", "new")


def test_a_full_disk_is_an_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=r"cannot write \(No space left on device\)"):
        write_atomic(tmp_path / "a.txt", "new")
    assert os.listdir(tmp_path) == []


def test_writes_the_system_takes_in_part_are_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data)[:1000]))
    text = "é" * 100_000
    write_atomic(tmp_path / "a.txt", text)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == text


def test_a_disk_that_fills_up_mid_write_is_an_output_error_not_a_short_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    real_write = os.write
    calls = []

    def fill_up(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_write(fd, bytes(data)[:1000])  # what fits, as a full disk does

    monkeypatch.setattr(os, "write", fill_up)
    with pytest.raises(OutputError, match=r"a\.txt: cannot write \(No space left on device\)"):
        write_atomic(target, "x" * 200_000)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_the_binary_writer_keeps_bytes_as_they_are(tmp_path: Path) -> None:
    raw = b'{"text": "caf\xe9"}\r\n'
    with atomic_binary_writer(tmp_path / "r.jsonl") as fh:
        fh.write(raw)
    assert (tmp_path / "r.jsonl").read_bytes() == raw


def test_text_is_written_as_utf8_with_line_feeds(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "é\n")
    assert (tmp_path / "a.txt").read_bytes() == b"\xc3\xa9\n"
