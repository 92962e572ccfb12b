"""Reading and writing: text files, folders, stdin and JSON Lines; atomic writes.

Nothing here cleans text; the command line composes these with a pipeline.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsclean.exceptions import BinaryInputError, InputError, OutputError, RecordError

__all__ = [
    "JsonRecord",
    "atomic_writer",
    "decode",
    "find_inputs",
    "iter_jsonl",
    "read_text",
    "write_atomic",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that text files do not contain, apart from the white space controls.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls / len(sample) > 0.1


def decode(data: bytes, name: str, *, encoding: str | None = None) -> tuple[str, list[str]]:
    """Decode file contents to text with ``\\n`` line ends; returns the text and any warnings.

    With no ``encoding``: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise UTF-8, and if that
    fails, cp1252 (bytes cp1252 leaves undefined are read as Latin-1), with a warning.
    Raises :class:`BinaryInputError` for data that is not text.
    """
    warnings: list[str] = []
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            msg = f"{name}: unknown encoding {encoding!r}"
            raise InputError(msg) from None
        except UnicodeDecodeError as exc:
            msg = f"{name}: not valid {encoding} ({exc.reason} at byte {exc.start})"
            raise InputError(msg) from None
    else:
        for bom, codec in _BOMS:
            if data.startswith(bom):
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError as exc:
                    msg = (
                        f"{name}: starts with a {codec} byte-order mark but is not {codec}"
                        f" ({exc.reason} at byte {exc.start})"
                    )
                    raise InputError(msg) from None
                break
        else:
            if _looks_binary(data):
                msg = f"{name}: looks like a binary file, not text (skipped)"
                raise BinaryInputError(msg)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                text = _decode_cp1252(data)
                warnings.append(
                    f"{name}: not valid UTF-8 ({exc.reason} at byte {exc.start}); read as cp1252"
                )
    if text.startswith("\N{BYTE ORDER MARK}"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


def _decode_cp1252(data: bytes) -> str:
    # cp1252 leaves five bytes undefined; Latin-1 maps them to the C1 controls, which ftfy
    # knows how to read as mojibake clues, so nothing is dropped.
    return "".join(
        chunk.decode("cp1252") if i % 2 == 0 else chunk.decode("latin-1")
        for i, chunk in enumerate(_split_undefined(data))
    )


def _split_undefined(data: bytes) -> Iterator[bytes]:
    undefined = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
    start = 0
    i = 0
    while i < len(data):
        if data[i] in undefined:
            j = i
            while j < len(data) and data[j] in undefined:
                j += 1
            yield data[start:i]
            yield data[i:j]
            start = i = j
        else:
            i += 1
    yield data[start:]


def read_text(path: Path, *, encoding: str | None = None) -> tuple[str, list[str]]:
    """Read a text file; errors name the file and say what is wrong in one line."""
    try:
        info = path.stat()
    except FileNotFoundError:
        kind = "broken link" if path.is_symlink() else "no such file"
        msg = f"{path}: {kind}"
        raise InputError(msg) from None
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise InputError(msg) from None
    if not stat.S_ISREG(info.st_mode):
        msg = f"{path}: not a regular file"
        raise InputError(msg)
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise InputError(msg) from None
    return decode(data, str(path), encoding=encoding)


def find_inputs(paths: Iterable[str], pattern: str = "*.txt") -> Iterator[tuple[Path, Path]]:
    """Files to read, each with the path to mirror under an output folder.

    A folder gives every file below it that matches ``pattern``, sorted, mirrored relative to
    the folder; a file is given as itself, mirrored by its name.  Paths that do not exist are
    still yielded, so reading them reports the error in order.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob(pattern)):
                if found.is_file() or found.is_symlink():
                    yield found, found.relative_to(path)
        else:
            yield path, Path(path.name)


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """One line of a JSON Lines input: its number, the raw line, and the object or an error."""

    number: int
    raw: str
    data: dict[str, Any] | None
    error: RecordError | None


def iter_jsonl(stream: IO[bytes], name: str, text_field: str) -> Iterator[JsonRecord]:
    """Parse JSON Lines one line at a time; a bad line becomes a record with an error.

    Lines are read as bytes and decoded one by one, so a line that is not UTF-8 is reported
    with its number and the lines after it are still read.
    """
    for number, raw_bytes in enumerate(stream, 1):
        if number == 1 and raw_bytes.startswith(codecs.BOM_UTF8):
            raw_bytes = raw_bytes[len(codecs.BOM_UTF8) :]
        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError as exc:
            err = RecordError(
                f"{name}:{number}: not valid UTF-8 ({exc.reason} at byte {exc.start})"
            )
            yield JsonRecord(number, raw_bytes.decode("utf-8", "replace"), None, err)
            continue
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            err = RecordError(f"{name}:{number}: not valid JSON ({exc.msg} at column {exc.colno})")
            yield JsonRecord(number, raw, None, err)
            continue
        if not isinstance(data, dict):
            err = RecordError(f"{name}:{number}: expected a JSON object, got {type(data).__name__}")
            yield JsonRecord(number, raw, None, err)
        elif text_field not in data:
            err = RecordError(f"{name}:{number}: no {text_field!r} field")
            yield JsonRecord(number, raw, None, err)
        elif not isinstance(data[text_field], str):
            got = type(data[text_field]).__name__
            err = RecordError(f"{name}:{number}: field {text_field!r} is {got}, not a string")
            yield JsonRecord(number, raw, None, err)
        else:
            yield JsonRecord(number, raw, data, None)


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``target``, fsync it and rename it over ``target``.

    Killed at any moment, ``target`` is the old file or the new one, whole; on an error the
    temporary file is removed and ``target`` is untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        msg = f"{target}: cannot write ({exc.strerror})"
        raise OutputError(msg) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, target.stat().st_mode if target.exists() else 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically (see :func:`atomic_writer`)."""
    try:
        with atomic_writer(target) as fh:
            fh.write(text)
    except OSError as exc:
        msg = f"{target}: cannot write ({exc.strerror})"
        raise OutputError(msg) from None
