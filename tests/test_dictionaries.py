"""The shipped names dictionaries keep their format: a header, one checked entry a line, sorted
by ``str.casefold``, and no canonical form twice, within a file or across files."""

from __future__ import annotations

import pytest

from newsclean.dictionaries import builtin_root, list_builtin, read_entries

NAMES = list_builtin("names")


def well_formed(line: str) -> bool:
    """``canonical | kind | alias; alias`` (aliases optional), one space around separators."""
    fields = line.split(" | ")
    if len(fields) not in (2, 3) or not fields[1].isalpha() or not fields[1].islower():
        return False
    parts = [fields[0], *(fields[2].split("; ") if len(fields) == 3 else ())]
    return all(p and p == p.strip() and "|" not in p and ";" not in p for p in parts)


@pytest.mark.parametrize(
    "line",
    [
        "South Korea|country",
        "South Korea | Country",
        "South Korea | country |",
        "South Korea | country | ROK;Korea",
        "South Korea  | country",
        "South Korea | country | ROK | Korea",
    ],
)
def test_the_format_check_refuses_malformed_lines(line: str) -> None:
    assert not well_formed(line)


def test_the_format_check_takes_well_formed_lines() -> None:
    assert well_formed("South Korea | country | Republic of Korea; ROK")
    assert well_formed("Chad | country")


def _lines(path: str) -> list[str]:
    node = builtin_root()
    for part in path.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8").splitlines()


def test_the_six_kinds_of_names_are_shipped() -> None:
    names = {p.rsplit("/", 1)[1] for p in NAMES}
    assert names >= {
        "countries.txt",
        "capitals.txt",
        "cities.txt",
        "subdivisions.txt",
        "people.txt",
        "organisations.txt",
    }


@pytest.mark.parametrize("path", NAMES)
def test_a_file_starts_with_a_header_that_names_its_source(path: str) -> None:
    lines = _lines(path)
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert len(header) >= 2, f"{path}: no header"
    assert any("source" in line.casefold() for line in header), f"{path}: header names no source"
    assert all(not line.startswith("#") for line in lines[len(header) :]), (
        f"{path}: comments belong in the header"
    )


@pytest.mark.parametrize("path", NAMES)
def test_every_entry_has_the_format(path: str) -> None:
    bad = [
        (n, line)
        for n, line in enumerate(_lines(path), 1)
        if not line.startswith("#") and not well_formed(line)
    ]
    assert not bad, f"{path}: lines not 'canonical | kind | alias; alias': {bad[:5]}"


@pytest.mark.parametrize("path", NAMES)
def test_entries_are_sorted_by_casefold(path: str) -> None:
    canonical = [c for c, _, _ in read_entries(path)]
    assert canonical == sorted(canonical, key=str.casefold)


@pytest.mark.parametrize("path", NAMES)
def test_an_entry_lists_no_alias_twice_nor_itself(path: str) -> None:
    for canonical, _, aliases in read_entries(path):
        assert len(set(aliases)) == len(aliases), canonical
        assert canonical not in aliases, canonical


def test_no_canonical_form_is_listed_twice_in_any_file_or_across_files() -> None:
    seen: dict[str, str] = {}
    twice = []
    for path in NAMES:
        for canonical, _, _ in read_entries(path):
            if canonical in seen:
                twice.append((canonical, seen[canonical], path))
            seen[canonical] = path
    assert not twice
