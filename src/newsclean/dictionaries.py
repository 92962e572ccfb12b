"""Find and read the dictionaries shipped with newsclean and those a user passes.

The shipped files live in ``dictionaries/`` at the top of the source tree and inside the wheel as
``newsclean/dictionaries``.  Every data file starts with ``#`` comment lines saying what it holds
and where it comes from; readers here skip comments and blank lines.  Loaded files are cached per
process, so a dictionary is read once however many documents or steps use it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsclean.exceptions import DictionaryError

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["builtin_root", "list_builtin", "read_entries", "read_lines", "read_user_names"]


@functools.cache
def builtin_root() -> Traversable:
    """The folder of shipped dictionaries: in the installed package, else in the source tree.

    A package on disk is its folder, so that is looked at first; importlib.resources (~15 ms
    of start-up) only for a package that is not (in a zip file, say).
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "dictionaries", here.parents[1] / "dictionaries"):
        if folder.is_dir():
            return folder
    from importlib import resources

    packaged = resources.files("newsclean") / "dictionaries"
    if packaged.is_dir():
        return packaged
    msg = "newsclean's dictionaries are missing: reinstall the package (pip install newsclean)"
    raise DictionaryError(msg)


def _open_text(relative: str) -> tuple[str, str]:
    node = builtin_root()
    for part in relative.split("/"):
        node = node / part
    if not node.is_file():
        msg = f"dictionary {relative!r} is not shipped with this newsclean"
        raise DictionaryError(msg)
    return node.read_text(encoding="utf-8"), relative


def _data_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield number, line


@functools.cache
def read_lines(relative: str) -> tuple[str, ...]:
    """The data lines of a shipped file (``"boilerplate/related.txt"``), comments dropped."""
    text, _ = _open_text(relative)
    return tuple(line for _, line in _data_lines(text))


def list_builtin(folder: str) -> tuple[str, ...]:
    """Relative paths of the ``*.txt`` files in a shipped folder, sorted."""
    node = builtin_root() / folder
    if not node.is_dir():
        return ()
    return tuple(
        sorted(f"{folder}/{child.name}" for child in node.iterdir() if child.name.endswith(".txt"))
    )


@functools.cache
def read_entries(relative: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Entries ``canonical | kind | alias; alias`` of a shipped file, checked line by line."""
    text, name = _open_text(relative)
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for number, line in _data_lines(text):
        fields = [f.strip() for f in line.split("|")]
        if len(fields) not in (2, 3) or not fields[0] or not fields[1]:
            msg = f"{name}:{number}: expected 'canonical | kind | alias; alias', got {line!r}"
            raise DictionaryError(msg)
        aliases = (
            tuple(a.strip() for a in fields[2].split(";") if a.strip()) if len(fields) == 3 else ()
        )
        out.append((fields[0], fields[1], aliases))
    return tuple(out)


def read_user_names(path: str | Path) -> tuple[str, ...]:
    """Names from a user's file, one a line; blank lines and lines starting with ``#`` skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        msg = f"{path}: names file not found"
        raise DictionaryError(msg) from None
    except UnicodeDecodeError as exc:
        msg = f"{path}: names file is not UTF-8 ({exc.reason} at byte {exc.start})"
        raise DictionaryError(msg) from None
    except OSError as exc:
        msg = f"{path}: cannot read names file ({exc.strerror})"
        raise DictionaryError(msg) from None
    return tuple(line for _, line in _data_lines(text))
