"""Reading and writing: text files, folders, stdin and JSON Lines; atomic writes.

Nothing here cleans text; the command line composes these with a pipeline.  Every failure is an
:class:`~newsclean.exceptions.InputError` or :class:`~newsclean.exceptions.OutputError` whose
message names the file (and the line, for JSON Lines) in one line, so a caller can report it and
go on with the next input.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import functools
import io
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO, Any

import regex

from newsclean.exceptions import BinaryInputError, InputError, OutputError, RecordError

__all__ = [
    "JsonRecord",
    "atomic_binary_writer",
    "atomic_writer",
    "check_encoding",
    "decode",
    "find_inputs",
    "iter_jsonl",
    "open_input",
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
_DELETE_CONTROLS = dict.fromkeys(c for c in [*range(32), 0x7F] if c not in (9, 10, 12, 13))
# How much of the start of a file is looked at to decide that it is binary, and the share of
# control characters above which it is.
_SNIFF = 8192
_BINARY_SHARE = 0.1
# Bytes that UTF-8 rejected (``surrogateescape`` turns each into one lone surrogate).
_ESCAPED_RUN = regex.compile(r"[\udc80-\udcff]++")
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _looks_binary(text: str) -> bool:
    """True when ``text`` has a NUL, or more than a tenth control characters in its start."""
    if "\x00" in text:
        return True
    head = text[:_SNIFF]
    if not head:
        return False
    controls = len(head) - len(head.translate(_DELETE_CONTROLS))
    return controls / len(head) > _BINARY_SHARE


def _bytes_look_binary(data: bytes) -> bool:
    return b"\x00" in data or _looks_binary(data[:_SNIFF].decode("latin-1"))


@functools.cache
def _cp1252_table() -> dict[int, str]:
    # cp1252 leaves five bytes undefined; read as Latin-1 they become the C1 controls, which
    # ftfy knows how to read as mojibake clues, so no byte is dropped.
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            table[byte] = bytes([byte]).decode("cp1252")
    return table


def _cp1252(data: bytes) -> str:
    """Decode ``data`` as cp1252, reading its five undefined bytes as Latin-1."""
    return data.decode("latin-1").translate(_cp1252_table())


def check_encoding(encoding: str) -> None:
    """Raise :class:`InputError` unless ``encoding`` names a codec that decodes bytes to text."""
    try:
        # Not b"": decoding nothing succeeds whatever the name.
        b"x".decode(encoding, "ignore")
    except UnicodeError:
        pass
    except LookupError:
        msg = f"unknown encoding {encoding!r} (use a Python codec name such as utf-8 or cp1252)"
        raise InputError(msg) from None


def decode(data: bytes, name: str, *, encoding: str | None = None) -> tuple[str, list[str]]:
    """Decode file contents to text with ``\\n`` line ends; returns the text and any warnings.

    With no ``encoding``: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise UTF-8.  Bytes that
    are not UTF-8 are read as cp1252, with a warning: all of them when most of the file's
    non-ASCII bytes are not UTF-8 (a cp1252 file), else only the bad ones (a UTF-8 file with a
    few damaged bytes keeps its good characters).  Raises :class:`BinaryInputError` for data
    that is not text and :class:`InputError` for data not in the ``encoding`` it is given.
    """
    warnings: list[str] = []
    if not isinstance(data, (bytes, bytearray, memoryview)):
        msg = f"decode takes bytes, not {type(data).__name__}"
        raise TypeError(msg)
    data = bytes(data)
    if encoding is not None:
        check_encoding(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            msg = (
                f"{name}: not valid {encoding} ({exc.reason} at byte {exc.start});"
                " give the right --encoding, or none to guess"
            )
            raise InputError(msg) from None
    else:
        for bom, codec in _BOMS:
            if data.startswith(bom):
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError as exc:
                    msg = (
                        f"{name}: starts with a {codec} byte-order mark but is not {codec}"
                        f" ({exc.reason} at byte {exc.start}); give its --encoding"
                    )
                    raise InputError(msg) from None
                break
        else:
            if _bytes_look_binary(data):
                msg = f"{name}: looks like a binary file, not text (skipped)"
                raise BinaryInputError(msg)
            text, warning = _decode_utf8_or_cp1252(data, name)
            if warning:
                warnings.append(warning)
    if _looks_binary(text):
        msg = f"{name}: looks like a binary file, not text (skipped)"
        raise BinaryInputError(msg)
    if text.startswith("\N{BYTE ORDER MARK}"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


def _decode_utf8_or_cp1252(data: bytes, name: str) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    escaped = data.decode("utf-8", "surrogateescape")
    bad = sum(len(m) for m in _ESCAPED_RUN.findall(escaped))
    # Characters UTF-8 did decode: the non-ASCII ones that are not escaped bytes.
    good = len(escaped) - len(escaped.encode("ascii", "ignore")) - bad
    if good <= bad:
        return _cp1252(data), f"{name}: not valid UTF-8 (from byte {first}); read as cp1252"
    text = _ESCAPED_RUN.sub(lambda m: _cp1252(bytes(ord(c) - 0xDC00 for c in m.group())), escaped)
    return text, (
        f"{name}: {bad} byte{'s' if bad > 1 else ''} not valid UTF-8 (the first at byte"
        f" {first}); read those as cp1252"
    )


def open_input(path: Path) -> IO[bytes]:
    """Open a regular file for reading, or raise :class:`InputError` saying why not.

    Named pipes, sockets and devices are refused without being opened (opening a pipe would
    wait for a writer forever); the file is opened non-blocking and checked again after the
    open, so one swapped for a pipe in between is refused too.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            msg = f"{path}: broken link (it points to {os.readlink(path)!r}, which does not exist)"
        else:
            msg = f"{path}: no such file"
        raise InputError(msg) from None
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise InputError(msg) from None
    _check_regular(path, info.st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise InputError(msg) from None
    try:
        _check_regular(path, os.fstat(fd).st_mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        msg = f"{path}: is a folder where a file was expected"
        raise InputError(msg)
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")
    msg = f"{path}: {kind}, not a regular file (skipped)"
    raise InputError(msg)


def read_text(path: Path, *, encoding: str | None = None) -> tuple[str, list[str]]:
    """Read a text file; errors name the file and say what is wrong in one line."""
    with open_input(path) as fh:
        try:
            data = fh.read()
        except OSError as exc:
            msg = f"{path}: cannot read ({exc.strerror})"
            raise InputError(msg) from None
    return decode(data, str(path), encoding=encoding)


def find_inputs(
    paths: Iterable[str],
    pattern: str = "*.txt",
    *,
    on_error: Callable[[InputError], None] | None = None,
    exclude: Path | None = None,
) -> Iterator[tuple[Path, Path]]:
    """Files to read, each with the path to mirror under an output folder.

    A folder gives every file below it whose path matches ``pattern``, sorted, mirrored
    relative to the folder; links to folders are not followed (no loops), and ``exclude`` (the
    output folder) is left out.  A sub-folder that cannot be listed goes to ``on_error``.  A
    path that is not a folder is given as itself, mirrored by its name, even if it does not
    exist, so that reading it reports the error in order.
    """
    skip = exclude.resolve() if exclude is not None else None

    def failed(exc: OSError) -> None:
        if on_error is not None:
            on_error(InputError(f"{exc.filename}: cannot list folder ({exc.strerror})"))

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path, Path(path.name)
            continue
        found: list[tuple[Path, Path]] = []
        for folder, dirs, files in os.walk(path, onerror=failed):
            here = Path(folder)
            dirs[:] = sorted(
                d
                for d in dirs
                if not (here / d).is_symlink() and (skip is None or (here / d).resolve() != skip)
            )
            for name in files:
                rel = (here / name).relative_to(path)
                if PurePath(rel).match(pattern):
                    found.append((here / name, rel))
        found.sort(key=lambda item: item[1].parts)
        yield from found


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """One line of a JSON Lines input: its number, its bytes as read, and the object or error."""

    number: int
    raw: bytes
    data: dict[str, Any] | None
    error: RecordError | None


def _refuse_constant(name: str) -> Any:
    msg = f"{name} is not JSON"
    raise ValueError(msg)


def iter_jsonl(stream: IO[bytes], name: str, text_field: str) -> Iterator[JsonRecord]:
    """Parse JSON Lines one line at a time; a bad line becomes a record with an error.

    Lines are read as bytes and decoded one by one, so a line that is not UTF-8 is reported
    with its number, kept byte for byte in ``raw``, and the lines after it are still read.
    Blank lines are skipped.  ``NaN`` and ``Infinity`` (not JSON) are refused.
    """
    import json  # here: only JSON Lines inputs need it

    for number, raw in enumerate(stream, 1):
        line_bytes = raw
        if number == 1 and line_bytes.startswith(codecs.BOM_UTF8):
            line_bytes = line_bytes[len(codecs.BOM_UTF8) :]
        where = f"{name}:{number}"
        try:
            line = line_bytes.decode("utf-8")
        except UnicodeDecodeError as exc:
            err = RecordError(f"{where}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
            yield JsonRecord(number, raw, None, err)
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            err = RecordError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
            yield JsonRecord(number, raw, None, err)
            continue
        except ValueError as exc:
            yield JsonRecord(number, raw, None, RecordError(f"{where}: not valid JSON ({exc})"))
            continue
        except RecursionError:
            err = RecordError(f"{where}: JSON nested too deeply to read")
            yield JsonRecord(number, raw, None, err)
            continue
        if not isinstance(data, dict):
            err = RecordError(f"{where}: expected a JSON object, got {_json_type(data)}")
            yield JsonRecord(number, raw, None, err)
        elif text_field not in data:
            err = RecordError(f"{where}: no {text_field!r} field")
            yield JsonRecord(number, raw, None, err)
        elif not isinstance(data[text_field], str):
            got = _json_type(data[text_field])
            err = RecordError(f"{where}: field {text_field!r} is {got}, not a string")
            yield JsonRecord(number, raw, None, err)
        else:
            yield JsonRecord(number, raw, data, None)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL
_CREATE |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


@functools.cache
def _new_file_mode() -> int:
    # The mode a new file gets from open(): 0o666 less the umask (read once per process).
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


class _WholeWrites(io.RawIOBase):
    """A file descriptor whose ``write`` writes everything or raises.

    ``os.write`` may write part of what it is given (a full disk does that before it fails);
    Python's buffered writer then reports a short count that text files ignore, and the tail
    would be lost without an error.  Here a short write is continued until it fails.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        total = len(view)
        while view:
            written = os.write(self._fd, view)
            if written <= 0:
                raise OSError(errno.EIO, "the system wrote nothing")
            view = view[written:]
        return total

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self._fd)
            finally:
                super().close()


@contextlib.contextmanager
def _atomic(target: Path, mode: str) -> Iterator[IO[Any]]:
    tmp: str | None = None
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(100):
                # The name is set before the file exists, so an interrupt at any point of its
                # creation still finds it to remove (``tempfile.mkstemp`` returns it only after).
                tmp = os.path.join(target.parent, f".{target.name}.{os.urandom(5).hex()}.tmp")
                try:
                    fd = os.open(tmp, _CREATE, 0o600)
                    break
                except FileExistsError:
                    tmp = None  # someone else's: not ours to remove
            else:
                raise FileExistsError(17, "no free temporary name")
        except OSError as exc:
            msg = f"{target}: cannot write ({exc.strerror})"
            raise OutputError(msg) from None
        fh: IO[Any] = io.BufferedWriter(_WholeWrites(fd), buffer_size=1 << 16)
        if "b" not in mode:
            fh = io.TextIOWrapper(fh, encoding="utf-8", newline="\n", write_through=False)
        with fh:
            yield fh
            try:
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as exc:
                msg = f"{target}: cannot write ({exc.strerror})"
                raise OutputError(msg) from None
        try:
            old_mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
        except OSError:
            old_mode = None
        with contextlib.suppress(OSError):
            os.chmod(tmp, old_mode if old_mode is not None else _new_file_mode())
        try:
            os.replace(tmp, target)
        except OSError as exc:
            msg = f"{target}: cannot write ({exc.strerror})"
            raise OutputError(msg) from None
        tmp = None
        _fsync_folder(target.parent)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _fsync_folder(folder: Path) -> None:
    # So the rename itself survives a power cut; not every system can open a folder.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_writer(target: Path) -> contextlib.AbstractContextManager[IO[str]]:
    """Write UTF-8 text to a temporary file beside ``target``, fsync it, rename it over.

    Killed at any moment, ``target`` is the old file or the new one, whole; on an error or an
    interrupt the temporary file is removed and ``target`` is untouched.  A replaced file keeps
    its permissions.  Failures to write raise :class:`OutputError`.
    """
    return _atomic(target, "w")


def atomic_binary_writer(target: Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """Like :func:`atomic_writer`, for bytes (rejected lines are kept byte for byte)."""
    return _atomic(target, "wb")


def write_atomic(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically (see :func:`atomic_writer`)."""
    try:
        with atomic_writer(target) as fh:
            fh.write(text)
    except OSError as exc:
        msg = f"{target}: cannot write ({exc.strerror})"
        raise OutputError(msg) from None
