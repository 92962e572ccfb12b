"""The names step's lexicon of the shipped names is read precomputed, and is what a build gives.

``dictionaries/names/lexicon.bin`` holds what building the lexicon from ``dictionaries/names/*.txt``
gives, with a fingerprint of those files and of the build's format
(:data:`newsclean.steps.names._LEXICON_FORMAT`).  The step reads it when the fingerprint fits and
builds the lexicon otherwise, so a change to a names file, or to how the lexicon is built (bump
the format), must come with the file written again:
``PYTHONPATH=src python tests/test_names_lexicon.py --write``.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsclean import NameFixer
from newsclean import dictionaries as dictionaries_module
from newsclean.document import Document, apply_edits
from newsclean.steps import names

REGENERATE = "write it again: PYTHONPATH=src python tests/test_names_lexicon.py --write"


def fields(lexicon: names._Lexicon) -> dict[str, object]:
    """Everything the lexicon knows of names (not what it remembers of texts)."""
    wanted = ("forms", "candidates", "alphabet", *names._DECIDING_PARTS)
    return {name: getattr(lexicon, name) for name in wanted}


def clear_caches() -> None:
    names._builtin_names.cache_clear()
    names._lexicon.cache_clear()
    dictionaries_module.read_entries.cache_clear()


@pytest.fixture
def changed_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped dictionaries with a city added to the names, as the step's dictionaries."""
    root = tmp_path / "dictionaries"
    shutil.copytree(Path(str(dictionaries_module.builtin_root())), root)
    with (root / "names" / "cities.txt").open("a", encoding="utf-8") as fh:
        fh.write("Trondheim | city\n")
    monkeypatch.setattr(dictionaries_module, "builtin_root", lambda: root)
    monkeypatch.setattr(names, "builtin_root", lambda: root)
    clear_caches()
    yield root
    monkeypatch.undo()
    clear_caches()


def decoded(data: bytes) -> tuple[object, ...]:
    """The payload of a lexicon file, the parts held back decoded too.  (The bytes themselves
    may differ between processes: whether a string is marked interned depends on the process.)"""
    payload = names._read_payload(data, names._PAYLOAD_SIZE)
    assert payload is not None
    return (
        *payload[:-2],
        names._read_payload(payload[-2], len(names._DECIDING_PARTS)),
        names._read_payload(payload[-1], 1),
    )


def test_the_shipped_file_is_what_building_from_the_shipped_names_gives() -> None:
    shipped = (dictionaries_module.builtin_root() / "names" / "lexicon.bin").read_bytes()
    fresh = names._render_lexicon()
    assert shipped.startswith(names._LEXICON_HEADER.encode())
    assert decoded(shipped) == decoded(fresh), (
        f"dictionaries/names/lexicon.bin is stale: {REGENERATE}"
    )


def test_the_shipped_lexicon_is_read_and_equals_a_fresh_build() -> None:
    shipped = names._shipped_lexicon()
    assert shipped is not None, f"dictionaries/names/lexicon.bin does not fit: {REGENERATE}"
    assert fields(shipped) == fields(names._built_lexicon(True))


def test_the_parts_only_deciding_reads_are_read_when_first_asked_for() -> None:
    lexicon = names._shipped_lexicon()
    assert lexicon is not None
    assert lexicon.written("Date").names == frozenset({"dae", "dane"})
    assert not hasattr(lexicon, "no_such_part")
    assert lexicon.pending is not None
    assert lexicon.kinds["dane"] == {"demonym"}
    assert lexicon.pending is None
    assert type(lexicon) is names._Lexicon
    assert lexicon.whole["pakistan"] == {"country"}


def test_user_names_are_added_on_top_of_the_shipped_lexicon() -> None:
    extra = ("Kurt R\u00fccker", "Western Australia")
    built = names._Lexicon()
    for name, kind in names._builtin_names():
        built.add(name, kind)
    for name in extra:
        built.add(name, "user")
    built.index()
    assert fields(names._lexicon(extra, True)) == fields(built)
    assert names._lexicon(extra, True).kinds["rucker"] == {"user"}


def index(lexicon: names._Lexicon) -> dict[str, set[str]]:
    """The lexicon's delete index, built or read, its lists of candidates as sets."""
    lexicon.build_deletes()
    assert lexicon.deletes is not None
    return {variant: set(found.split()) for variant, found in lexicon.deletes.items()}


def test_the_shipped_delete_index_is_read_and_finds_what_probing_finds() -> None:
    shipped = names._shipped_lexicon()
    assert shipped is not None
    assert shipped.shipped_deletes is not None
    # Typos of every 40th candidate: each kind of edit, at the start, inside and at the end.
    keys = []
    for key in sorted(shipped.candidates)[::40]:
        keys += [key, key[1:], key[:2] + key[3:], key[:-1], "q" + key, key + "e"]
        keys += [key[:2] + "x" + key[3:], key[1] + key[0] + key[2:], key[:-2] + key[:-3:-1]]
    probed = [shipped._by_probes(key) for key in keys]
    assert index(shipped) == index(names._built_lexicon(True))
    assert shipped.shipped_deletes is None  # read once
    assert [shipped.near(key) for key in keys] == probed
    assert sum(map(bool, probed)) > len(keys) // 2


def test_user_names_are_indexed_on_top_of_the_shipped_index() -> None:
    extra = ("Kurt R\u00fccker", "Xanthe Oyelaran")
    shipped = names._shipped_lexicon()
    built = names._built_lexicon(True)
    assert shipped is not None
    for lexicon in (shipped, built):
        for name in extra:
            lexicon.add(name, "user")
        lexicon.index()
    assert index(shipped) == index(built)
    assert shipped.near("oyelarn") == frozenset({"oyelaran"})


def test_a_changed_names_file_makes_the_step_build_the_lexicon(changed_names: Path) -> None:
    assert names._shipped_lexicon() is None
    assert fields(names._lexicon((), True)) == fields(names._built_lexicon(True))
    doc = Document("Talks opened in Trondhiem on Monday.\n")
    result = NameFixer().fix(doc)
    assert apply_edits(doc.text, result.edits) == "Talks opened in Trondheim on Monday.\n"


def test_another_build_format_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_LEXICON_FORMAT", names._LEXICON_FORMAT + 1)
    assert names._shipped_lexicon() is None


def test_other_unicode_facts_of_the_names_letters_are_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = names._unicode_facts
    monkeypatch.setattr(names, "_unicode_facts", lambda chars: facts(chars.upper()))
    assert names._shipped_lexicon() is None


@pytest.mark.parametrize("data", [b"", b"# a header only\n", b"# header\nnot marshal", b"\x00"])
def test_a_damaged_file_is_not_read(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(names, "_shipped_bytes", lambda relative: data)
    assert names._shipped_lexicon() is None


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    target = Path(__file__).resolve().parents[1] / "dictionaries" / "names" / "lexicon.bin"
    target.write_bytes(names._render_lexicon())
