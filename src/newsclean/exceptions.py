"""Exceptions raised by newsclean.

Every error newsclean raises on purpose derives from one root, so a caller can catch them all::

    NewscleanError
     +-- ConfigError          a configuration value, file or step name is wrong
     +-- DictionaryError      a dictionary file is missing or malformed
     +-- EditError            a step returned edits that overlap, are unsorted or out of range
     +-- InputError           an input cannot be read or decoded (names the file and line)
          +-- BinaryInputError     the input looks like a binary file, not text
          +-- RecordError          a JSON Lines record is not valid JSON or lacks its text field
     +-- OutputError          an output cannot be written (or would overwrite an input)

A ``TypeError`` (not a NewscleanError) is raised when a function is called with a value of the
wrong type, such as ``bytes`` where ``str`` is expected: that is a bug in the caller.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "DictionaryError",
    "EditError",
    "InputError",
    "NewscleanError",
    "OutputError",
    "RecordError",
]


class NewscleanError(Exception):
    """Root of all errors newsclean raises on purpose."""


class ConfigError(NewscleanError):
    """A configuration value, file or step name is wrong."""


class DictionaryError(NewscleanError):
    """A dictionary file is missing or malformed."""


class EditError(NewscleanError):
    """A step returned edits that overlap, are unsorted or lie outside the text."""


class InputError(NewscleanError):
    """An input cannot be read or decoded."""


class BinaryInputError(InputError):
    """An input looks like a binary file rather than text."""


class RecordError(InputError):
    """A JSON Lines record is not valid JSON, not an object, or lacks a string text field."""


class OutputError(NewscleanError):
    """An output cannot be written, or writing it would overwrite an input."""
