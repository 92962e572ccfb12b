"""Start-up: what the command imports and compiles before and for its first document.

Modules and patterns only some work needs are loaded when that work comes: ftfy for text the
unicode step's screen lets through, a boilerplate rule for a line it could match, JSON for JSON
Lines, the process pool for ``-j`` above 1, TOML for ``--config``.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.dictionaries import builtin_root
from newsclean.steps import _english as english
from newsclean.steps import names as names_step
from newsclean.steps import unicode as unicode_step
from newsclean.steps._starts import needs, pairs, starts
from newsclean.steps.boilerplate import _builtin_rules, _rule_set
from newsclean.testing import strategies

CLEAN = "Published: 26 November 2020\n\nThe minister\u2019s plan \u2014 \u201cnew\u201d.\n"


#: What asks coverage to start in each subprocess (coverage's own and pytest-cov's older one).
_COVERAGE_HOOKS = ("COVERAGE_PROCESS_", "COV_CORE_")


def imported_after(code: str, *modules: str) -> dict[str, bool]:
    """Which of ``modules`` running ``code`` in a fresh interpreter imports.

    Modules loaded before ``code`` runs (by a site hook, such as the coverage measurement of
    subprocesses that ``pytest --cov`` sets up, which imports multiprocessing and tomllib) are
    not the code's doing; that hook is also switched off for the probe.
    """
    probe = (
        f"import sys\n_before = set(sys.modules)\n{code}\n"
        f"found = {{m: m in sys.modules and m not in _before for m in {modules!r}}}\n"
        "import json\nprint(json.dumps(found))"  # json only once the answer is in
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(_COVERAGE_HOOKS)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    found: dict[str, bool] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_importing_newsclean_loads_neither_ftfy_nor_a_process_pool_nor_toml() -> None:
    found = imported_after(
        "import newsclean, newsclean.cli",
        "ftfy",
        "multiprocessing",
        "concurrent.futures",
        "tomllib",
        "json",
        "importlib.resources",
        "tqdm",
        "dask",
    )
    assert not any(found.values()), found


#: Whether the shipped table of what ftfy acts on was read off the installed ftfy (and Python):
#: after an upgrade the step reads the installed one instead, which loads ftfy for every text.
#: The output is ftfy's either way; only the fast start waits for the table to be written again.
needs_fitting_table = pytest.mark.skipif(
    unicode_step._shipped_tables() is None,
    reason="dictionaries/unicode/ftfy.txt was read off another ftfy or Python: write "
    "newsclean.steps.unicode._render_table() to it for the fast start",
)


@needs_fitting_table
def test_clean_text_is_cleaned_without_loading_ftfy() -> None:
    code = f"import newsclean\nassert newsclean.clean({CLEAN!r}).startswith('Date: 2020-11-26')"
    assert imported_after(code, "ftfy") == {"ftfy": False}


def test_mojibake_loads_ftfy_and_is_fixed() -> None:
    damaged, fixed = "A caf\u00c3\u00a9.\n", "A caf\u00e9.\n"
    code = f"import newsclean\nassert newsclean.clean({damaged!r}) == {fixed!r}"
    assert imported_after(code, "ftfy") == {"ftfy": True}


@needs_fitting_table
def test_the_command_on_a_clean_file_loads_no_ftfy_json_or_pool(tmp_path: Path) -> None:
    src = tmp_path / "tiny.txt"
    src.write_text(CLEAN, encoding="utf-8")
    code = f"from newsclean.cli import main\nassert main([{str(src)!r}]) == 0"
    found = imported_after(
        code, "ftfy", "json", "concurrent.futures", "multiprocessing", "importlib.resources"
    )
    assert not any(found.values()), found


def test_the_command_loads_json_for_json_lines(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": CLEAN}) + "\n", encoding="utf-8")
    code = f"from newsclean.cli import main\nassert main(['--jsonl', {str(src)!r}]) == 0"
    assert imported_after(code, "json") == {"json": True}


def test_importing_newsclean_imports_no_step_until_one_is_asked_for() -> None:
    steps = [f"newsclean.steps.{m}" for m in ("unicode", "whitespace", "dates", "boilerplate")]
    found = imported_after("import newsclean", *steps, "newsclean.steps.names", "regex")
    assert not any(found.values()), found
    code = "import newsclean\nassert newsclean.NameFixer.name == 'names'"
    assert imported_after(code, "newsclean.steps.names", "newsclean.steps.dates") == {
        "newsclean.steps.names": True,
        "newsclean.steps.dates": False,
    }


def test_a_disabled_step_is_never_imported(tmp_path: Path) -> None:
    src = tmp_path / "tiny.txt"
    src.write_text(CLEAN, encoding="utf-8")
    code = f"from newsclean.cli import main\nassert main(['--disable', 'names', {str(src)!r}]) == 0"
    found = imported_after(code, "newsclean.steps.names", "newsclean.steps.boilerplate")
    assert found == {"newsclean.steps.names": False, "newsclean.steps.boilerplate": True}


def test_the_shipped_steps_are_found_by_their_names() -> None:
    from newsclean.steps import BUILTIN_STEPS

    assert list(BUILTIN_STEPS) == ["unicode", "whitespace", "date_header", "boilerplate", "names"]
    assert all(cls.name == name for name, cls in BUILTIN_STEPS.items())
    assert {n for n in dir(newsclean) if n.endswith(("Fixer", "Filter", "Config"))} >= {
        "NameFixer",
        "BoilerplateFilter",
        "UnicodeConfig",
    }


#: Whether the shipped names lexicon was built from the shipped names files (see
#: tests/test_names_lexicon.py): else the step builds it, and the start is slower.
needs_fitting_lexicon = pytest.mark.skipif(
    names_step._shipped_lexicon() is None,
    reason="dictionaries/names/lexicon.bin does not fit the names files: write it again",
)


@needs_fitting_lexicon
def test_a_clean_short_text_needs_neither_the_word_dict_nor_the_whole_lexicon(
    tmp_path: Path,
) -> None:
    src = tmp_path / "tiny.txt"
    src.write_text(CLEAN, encoding="utf-8")
    code = (
        f"from newsclean.cli import main\nassert main([{str(src)!r}]) == 0\n"
        "from newsclean.steps import _english, names\n"
        "assert _english.words.cache_info().currsize == 0\n"
        "assert names._lexicon((), True).pending is not None"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(_COVERAGE_HOOKS)}
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)


# --- the English word list: the first look-ups search its text ------------------------------


def test_the_word_list_has_one_distinct_word_and_its_count_a_line() -> None:
    # What makes searching the text for "\nword " give what the dict of its fields gives.
    text = english._words_text()
    assert regex.fullmatch(r"(?:\n[^\s]++ [0-9]++)++\n?+", text)
    lines = text[1:].splitlines()
    assert len({line.split(" ")[0] for line in lines}) == len(lines) == len(english.words())


@pytest.mark.parametrize(
    "word", ["the", "minister", "hi", "date", "zzqx", "", "of 1", "the ", "and\n", "caf\u00e9"]
)
def test_a_word_searched_for_counts_as_in_the_dict(
    monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    monkeypatch.setattr(english, "_scanned", [0])
    searched = english.word_count(word)
    assert english._scanned[0] < english._SCAN_BUDGET  # searched, and more may be
    assert searched == int(english.words().get(word, 0))
    assert english.word_count(word) == searched  # asked of the dict now


def test_a_word_missing_from_the_list_costs_a_whole_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(english, "_scanned", [0])
    assert english.word_count("zzqx") == 0
    assert english._scanned == [len(english._words_text()) + english._SCAN_COST]
    assert english.word_count("the") > 0
    assert english._scanned[0] == len(english._words_text()) + 2 * english._SCAN_COST


#: Lines of lower-case words: English, another language, and a mix either side of 60%.
LINES = [
    "the minister said on monday that talks would resume",
    "die regierung hat am montag die gespr\u00e4che wieder aufgenommen",
    "the regierung said am montag that talks would resume",
    "the regierung hat am montag that talks would resume",
    "zzqx zzqx zzqx the the the",
]


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("share", [0.0, 0.5, 0.6, 0.7, 1.0])
def test_a_share_of_english_words_searched_for_is_the_dicts(
    monkeypatch: pytest.MonkeyPatch, line: str, share: float
) -> None:
    words = line.split()
    needed = share * len(words)
    expected = sum(word in english.words() for word in words) >= needed
    monkeypatch.setattr(english, "_scanned", [0])
    assert english.known_at_least(words, needed) is expected
    assert 0 < english._scanned[0] < english._SCAN_BUDGET or needed == 0
    monkeypatch.setattr(english, "_scanned", [english._SCAN_BUDGET])
    assert english.known_at_least(words, needed) is expected


# --- the unicode step's shipped table of what ftfy acts on ------------------------------------


@needs_fitting_table
def test_the_shipped_ftfy_table_is_the_one_read_off_the_installed_ftfy() -> None:
    shipped = (builtin_root() / "unicode" / "ftfy.txt").read_text(encoding="utf-8")
    assert shipped == unicode_step._render_table(), (
        "dictionaries/unicode/ftfy.txt does not fit the installed ftfy (the step still gives "
        "ftfy's output, but loads ftfy for every text): write "
        "newsclean.steps.unicode._render_table() to it"
    )
    assert unicode_step._shipped_tables() == unicode_step._tables_from_ftfy()


def test_a_table_for_another_ftfy_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unicode_step, "_ftfy_fingerprint", lambda: "00000000")
    assert unicode_step._shipped_tables() is None
    monkeypatch.setattr(unicode_step, "_ftfy_fingerprint", lambda: None)
    assert unicode_step._shipped_tables() is None


def test_without_the_table_the_characters_are_read_off_ftfy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(unicode_step, "_shipped_tables", lambda: None)
    unicode_step._tables.cache_clear()
    try:
        assert unicode_step._tables() == unicode_step._tables_from_ftfy()
    finally:
        monkeypatch.undo()
        unicode_step._tables.cache_clear()


def test_the_fingerprint_follows_the_ftfy_sources(tmp_path: Path) -> None:
    import ftfy

    copy = tmp_path / "ftfy"
    copy.mkdir()
    for name in unicode_step._FTFY_SOURCES:
        (copy / name).write_bytes((Path(ftfy.__file__).parent / name).read_bytes())
    code = "from newsclean.steps.unicode import _ftfy_fingerprint as f; print(f())"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}

    def fingerprint() -> str:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        return done.stdout.strip()

    assert fingerprint() == unicode_step._ftfy_fingerprint()
    with (copy / "badness.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    assert fingerprint() != unicode_step._ftfy_fingerprint()


# --- the first characters of a rule's matches, read off its source ----------------------------


@pytest.mark.parametrize(
    ("pattern", "chars", "non_ascii"),
    [
        (r"(?:also\s+)?read(?:\s+more)?", "ar", False),
        (r"credits?\s*+:", "c", False),
        (r"a?b*c", "abc", False),
        (r"x{0,2}y|z", "xyz", False),
        (r"(?=\d)\d{1,3}px", "0123456789", True),
        (r"\bpage\s+\d", "p", False),
        (r"-*+\s*+ad", "-" + " \t\n\r\f\v\x1c\x1d\x1e\x1f" + "a", True),
        (r"[|·•\-–—_]{1,4}", "|·•-–—_", False),
        (r"\(\s*+with", "(", False),
        (r"(?:©|\(c\)|\N{COPYRIGHT SIGN}).*", "©(", False),
        (r"(?P<value>\x41)|(?-i:b)|(?s:c)", "Abc", False),
        (r"(?#a note)(?>e|f)", "ef", False),
    ],
)
def test_the_first_characters_of_a_pattern_are_read_off_its_source(
    pattern: str, chars: str, non_ascii: bool
) -> None:
    found = starts(pattern)
    assert found is not None
    assert (found.chars, found.non_ascii) == (frozenset(chars), non_ascii)


@pytest.mark.parametrize(
    "pattern",
    [
        r".{0,300}reserved",
        r"[^a]b",
        r"(?i:abc)",
        r"abc(?i)",
        r"\1(a)",
        r"\L<words>",
        r"\p{L}+",
        r"(?(DEFINE)(?P<a>x))(?&a)",
        r"(?:abc){e<=1}",
        r"[[:alpha:]]",
        r"a)",
    ],
)
def test_what_the_reader_does_not_know_may_start_with_any_character(pattern: str) -> None:
    assert starts(pattern) is None


#: Characters to try each pattern on: what the generated patterns name, and their neighbours.
PROBES = "abcAB-_ .,(\t\n09\u00e9\u00ea\u00eb\u00a9\u3000\u2014x"


def test_no_shipped_rule_leaves_out_a_character_its_matches_can_start_with() -> None:
    probes = [chr(c) for c in range(0x20, 0x2200)]
    read = 0
    for kind, patterns in _builtin_rules():
        for pattern in patterns:
            found = starts(pattern)
            if found is None:
                continue
            read += 1
            compiled = regex.compile(pattern, regex.VERSION0)
            missed = [c for c in probes if c not in found and compiled.fullmatch(c, partial=True)]
            assert not missed, (kind, pattern, missed[:5])
    assert read >= 60  # the reader knows the syntax the rules are written in


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:also\s+)?read", {"al", "re"}),
        (r"credits?", {"cr"}),
        (r"a?b*c", {"ab", "ac", "bb", "bc"}),
        (r"x{0,2}y|z", {"xx", "xy"}),
        (r"(?=t)the|(?<=x|y)ab", {"th", "ab"}),
        (r"ab{0}c|(?:de)+", {"ac", "de"}),
        (r"[|\-]{1,4}", {"||", "|-", "-|", "--"}),
        (r"(?#a note)\bpage\s+\d", {"pa"}),
        (r"a\s+b|.x", {"a\x00", "\x00x"}),  # \x00: any character
    ],
)
def test_the_first_two_characters_of_a_pattern_are_read_off_its_source(
    pattern: str, expected: set[str]
) -> None:
    found = pairs(pattern)
    assert found is not None
    assert found.pairs == frozenset(expected)


def test_a_wide_class_in_a_pair_stands_for_any_character() -> None:
    found = pairs(r"a\s+b|.x")
    assert found is not None
    assert all(lead in found for lead in ("a ", "a\u3000", "zx"))
    assert not any(lead in found for lead in ("b ", "zy"))


@pytest.mark.parametrize("pattern", [r"\1ab", r"a\L<words>", r"(?i:ab)", r"(?:ab){e<=1}", "a{"])
def test_what_the_pair_reader_does_not_know_gives_no_pairs(pattern: str) -> None:
    assert pairs(pattern) is None


def _generated(pattern: str) -> regex.Pattern[str] | None:
    """A generated pattern compiled (with a named list ``x``), or None: built by construction,
    some patterns are not valid, and there is nothing to compare."""
    try:
        return regex.compile(pattern, regex.VERSION0, x=["ab", "b"])
    except (regex.error, ValueError, OverflowError):
        return None


@given(strategies.regex_pattern())
@example(r"(?<=a)b")
@example(r"[ -\u3000]")
@example(r"\b*+a")
@example(r"(?<=a|b)cd")
@example(r"a?(?:bc)*+d")
def test_no_first_character_or_pair_a_match_can_start_with_is_left_out(pattern: str) -> None:
    compiled = _generated(pattern)
    if compiled is None:
        return
    first_chars, first_pairs = starts(pattern), pairs(pattern)
    for first in PROBES:
        if compiled.fullmatch(first, partial=True) is None:
            continue
        assert first_chars is None or first in first_chars, (pattern, first)
        for second in PROBES if first_pairs is not None else ():
            if compiled.fullmatch(first + second, partial=True) is not None:
                assert first + second in first_pairs, (pattern, first + second)


def test_no_shipped_rule_leaves_out_a_pair_its_matches_can_start_with() -> None:
    rules = [(kind, pattern) for kind, patterns in _builtin_rules() for pattern in patterns]
    named = sorted({c for _, pattern in rules for c in pattern if not c.isascii()})
    probes = [chr(c) for c in range(0x20, 0x7F)] + named + ["\t", "\u00e9", "\u3000"]
    read = 0
    for kind, pattern in rules:
        found = pairs(pattern)
        if found is None:
            continue
        read += 1
        compiled = regex.compile(pattern, regex.VERSION0)
        for first in probes:
            if compiled.fullmatch(first, partial=True) is None:
                continue
            missed = [
                first + c
                for c in probes
                if first + c not in found and compiled.fullmatch(first + c, partial=True)
            ]
            assert not missed, (kind, pattern, missed[:5])
    assert read >= 60


def test_a_line_compiles_only_the_rules_its_first_two_characters_can_start() -> None:
    rules = _rule_set((), frozenset({"ad", "caption"}), True)  # a rule set of its own
    assert rules is not None
    assert rules.match("the minister spoke.") is None
    compiled = sum(rule is not None for rule in rules._compiled)
    assert 0 < compiled < len(rules._kinds) / 4
    assert rules.match("read more: the talks") == ("related", (11, 20))


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r".{0,300}\ball\s+rights\s+reserved\b.{0,300}", {"reserved"}),
        (r"[^>»›→.!?]{1,60}+(?:(?<=\s)[>»›→]\s++[^>»›→.!?]{1,60}+)++", set(">»›→")),
        (r"\d+px", {"px"}),
        (r"abc?", {"ab"}),  # the quantifier makes the last character optional
        (r"ab+c", {"a"}),  # one character each: the first of them
        (r"a|bcd", {"a", "bcd"}),  # each branch its own
        (r"x(?=yyy)z", {"x"}),  # what a lookaround looks at is no part of the match
        (r".*(?:foo|barr)", {"f", "b"}),  # a group by the characters it starts with
        (r"a{0}b", {"b"}),
        (r"\(c\)?", {"("}),
    ],
)
def test_what_every_match_contains_is_read_off_the_source(pattern: str, expected: set[str]) -> None:
    assert needs(pattern) == frozenset(expected)


@pytest.mark.parametrize(
    "pattern", [r"(?i)abc", r"abc(?i)", r"a{", r"\1ab", r"[[:alpha:]]x", r".*", r"a|.*", r"a)"]
)
def test_what_the_reader_does_not_know_needs_nothing(pattern: str) -> None:
    assert needs(pattern) is None


def _matches(compiled: regex.Pattern[str], alphabet: str) -> list[str]:
    """The strings of up to three characters of ``alphabet`` that ``compiled`` matches whole."""
    found = []
    for size in range(4):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            if compiled.fullmatch(text) is not None:
                found.append(text)
    return found


@given(strategies.regex_pattern())
@example(r"ab?c")
@example(r"(?:ab)+c")
@example(r"a(?=b)b")
@example(r"\b-*+é")
def test_no_match_lacks_what_the_pattern_needs(pattern: str) -> None:
    compiled = _generated(pattern)
    if compiled is None:
        return
    found = needs(pattern)
    if found is None:
        return
    alphabet = "".join(sorted({c for c in pattern if c.isalnum() or c in "-é. "} | {"x"}))[:7]
    for text in _matches(compiled, alphabet):
        assert any(part in text for part in found), (pattern, text, found)


@settings(max_examples=100)
@given(st.data())
def test_no_text_a_shipped_rule_matches_lacks_what_it_needs(data: st.DataObject) -> None:
    rules = [p for _, patterns in _builtin_rules() for p in patterns if needs(p) is not None]
    pattern = data.draw(st.sampled_from(rules))
    try:
        text = data.draw(st.from_regex(pattern, fullmatch=True))
    except Exception:  # a pattern the standard library's parser does not read
        return
    if regex.fullmatch(pattern, text, regex.VERSION0) is None:
        return  # the two engines read some classes differently
    found = needs(pattern)
    assert found is not None
    assert any(part in text for part in found), (pattern, text)


def test_every_shipped_rule_that_may_start_anywhere_is_screened() -> None:
    # Such a rule is tried on every line: without a screen it costs more than all the others.
    rules = _rule_set((), frozenset(), True)
    assert rules is not None
    open_ended = [k for k, first in enumerate(rules._starts) if first is None]
    assert open_ended
    assert all(rules._needs[k] is not None for k in open_ended)
