"""Name typo correction on dev_cases.jsonl, beside doing nothing and symspellpy's lookup_compound.

The input of the names step is each article's gold paragraphs with its recorded typos put back
(``{paragraph, wrong, right}``, at the place the dirty text has them), so that the figures measure
this step alone, not the steps before it.  The user's names (``dev_names.txt``) are added as
``--names`` would add them.  Figures:

- typos fixed: share of the typo tokens that come out equal to the gold token;
- token errors / 10k words: tokens differing from the gold paragraphs (difflib alignment), per
  10,000 gold words;
- false edits / 10k words: the same, when the gold paragraphs themselves are the input;
- on the page sets' article lines (no typos put in): edits per 10k words, mostly false ones;
- start-up: what the names step adds to the first document of a fresh process (median of 7).

Tokens are compared exactly, and also normalised (lower case, punctuation dropped) because
lookup_compound lower-cases and strips punctuation; the normalised columns compare all three.
"""

from __future__ import annotations

import difflib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import regex

from newsclean import Document, NameFixer, apply_edits
from newsclean.dictionaries import read_user_names

_NORM = regex.compile(r"[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*")


def _exact(text: str) -> list[str]:
    return text.split()


def _norm(text: str) -> list[str]:
    return [t.casefold() for t in _NORM.findall(text)]


def _inject(case: dict[str, object]) -> tuple[list[str], list[tuple[int, str]]]:
    """Gold paragraphs with the typos put back, and for each typo (paragraph, gold word)."""
    paragraphs = list(case["gold_paragraphs"])  # type: ignore[call-overload]
    dirty = str(case["text"])
    typos: list[tuple[int, str]] = []
    for typo in case["typos"]:  # type: ignore[attr-defined]
        p, wrong, right = int(typo["paragraph"]), str(typo["wrong"]), str(typo["right"])
        para = paragraphs[p]
        spots = [m.start() for m in regex.finditer(rf"(?<!\w){regex.escape(right)}(?!\w)", para)]
        if not spots:
            continue
        chosen = spots[0]
        for s in spots:
            candidate = para[:s] + wrong + para[s + len(right) :]
            window = candidate[max(0, s - 25) : s + len(wrong) + 25]
            if window in dirty:
                chosen = s
                break
        paragraphs[p] = para[:chosen] + wrong + para[chosen + len(right) :]
        typos.append((p, right))
    return paragraphs, typos


def _errors(output: Sequence[str], gold: Sequence[str]) -> tuple[int, set[int]]:
    """Token errors of ``output`` against ``gold``, and the gold indices left equal."""
    matcher = difflib.SequenceMatcher(None, gold, output, autojunk=False)
    errors = 0
    equal: set[int] = set()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            equal.update(range(i1, i2))
        else:
            errors += max(i2 - i1, j2 - j1)
    return errors, equal


def _typo_indices(
    injected: Sequence[str], gold: Sequence[str], tokens: Callable[[str], list[str]]
) -> list[int]:
    """Indices (in the gold token list of the whole article) of the tokens the typos changed."""
    out: list[int] = []
    offset = 0
    for dirty, clean in zip(injected, gold, strict=True):
        a, b = tokens(dirty), tokens(clean)
        if len(a) == len(b):
            out.extend(offset + k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
        offset += len(b)
    return out


def _score(
    name: str,
    fix: Callable[[str], str],
    cases: Sequence[tuple[list[str], list[str]]],
    tokens: Callable[[str], list[str]],
) -> str:
    fixed = typos = errors = clean_errors = words = 0
    began = time.perf_counter()
    for injected, gold in cases:
        gold_tokens = [t for p in gold for t in tokens(p)]
        out_tokens = tokens(fix("\n\n".join(injected) + "\n"))
        e, equal = _errors(out_tokens, gold_tokens)
        errors += e
        indices = _typo_indices(injected, gold, tokens)
        typos += len(indices)
        fixed += sum(1 for k in indices if k in equal)
        clean_out = tokens(fix("\n\n".join(gold) + "\n"))
        clean_errors += _errors(clean_out, gold_tokens)[0]
        words += len(gold_tokens)
    seconds = time.perf_counter() - began
    share = fixed / typos if typos else 0.0
    return (
        f"| {name} | {fixed}/{typos} = {share:.1%} | {errors / words * 1e4:.1f} "
        f"| {clean_errors / words * 1e4:.1f} | {seconds:.1f} s |"
    )


def _lookup_compound(names: Sequence[str]) -> Callable[[str], str]:
    from importlib.resources import files

    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=2)
    root = files("symspellpy")
    sym.load_dictionary(str(root / "frequency_dictionary_en_82_765.txt"), 0, 1)
    sym.load_bigram_dictionary(str(root / "frequency_bigramdictionary_en_243_342.txt"), 0, 2)
    top = max(sym.words.values())
    for name in names:
        for word in _NORM.findall(name):
            sym.create_dictionary_entry(word.lower(), top)

    def fix(text: str) -> str:
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        return "\n\n".join(sym.lookup_compound(p, 2)[0].term for p in paragraphs)

    return fix


_STARTUP = """
import sys, time
wall, cpu = time.perf_counter(), time.process_time()
import newsclean
p = newsclean.Pipeline()
if sys.argv[2] == "without":
    p = p.without("names")
p.process(open(sys.argv[1], encoding="utf-8").read())
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def _startup(article: Path) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds to the first cleaned document of a fresh process, with and
    without the names step (CPU time is steadier on a busy machine)."""
    runs: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    for _ in range(7):
        for mode, times in runs.items():
            out = subprocess.run(
                [sys.executable, "-c", _STARTUP, str(article), mode],
                capture_output=True,
                text=True,
                check=True,
            )
            wall, cpu = out.stdout.split()
            times.append((float(wall), float(cpu)))
    return {
        mode: (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
        for mode, times in runs.items()
    }


def _pages(data: Path) -> str:
    """Edits made on the article lines of the page sets, where nobody put typos: most are
    false edits (an upper bound), the builtin names alone, as for a user without a list."""
    step = NameFixer()
    words = edits = 0
    for name in ("pages_l3s_dev.jsonl", "pages_zyte_dev.jsonl"):
        with (data / name).open(encoding="utf-8") as fh:
            for line in fh:
                page = json.loads(line)
                lines = str(page["raw_text"]).split("\n")
                body = "\n\n".join(
                    text
                    for text, label in zip(lines, page["line_labels"], strict=False)
                    if label in ("fulltext", "headline")
                )
                words += len(body.split())
                edits += len(step.run(Document(body)).edits)
    return (
        f"Edits on the article lines of pages_l3s_dev and pages_zyte_dev ({words} words, no "
        f"typos put in, builtin names only; most edits there are false): {edits}, "
        f"{edits / words * 1e4:.2f} per 10k words."
    )


def run(shared: Path) -> str:
    """Measure name typo correction on ``shared/data/dev_cases.jsonl``; a Markdown report."""
    data = shared / "data"
    names = read_user_names(data / "dev_names.txt")
    with (data / "dev_cases.jsonl").open(encoding="utf-8") as fh:
        raw = [json.loads(line) for line in fh if line.strip()]
    cases = []
    for case in raw:
        injected, _ = _inject(case)
        cases.append((injected, list(case["gold_paragraphs"])))
    step = NameFixer(extra_names=names)

    def ours(text: str) -> str:
        return apply_edits(text, step.run(Document(text)).edits)

    def nothing(text: str) -> str:
        return text

    head = (
        "| method | typos fixed | token errors / 10k words | false edits / 10k words (clean) "
        "| time |\n|---|---|---|---|---|"
    )
    exact = [
        _score("doing nothing", nothing, cases, _exact),
        _score("newsclean names", ours, cases, _exact),
    ]
    compound = _lookup_compound(names)
    norm = [
        _score("doing nothing", nothing, cases, _norm),
        _score("newsclean names", ours, cases, _norm),
        _score("symspellpy lookup_compound", compound, cases, _norm),
    ]
    startup = _startup(shared / "seed" / "article.txt")
    (wall_with, cpu_with), (wall_without, cpu_without) = startup["with"], startup["without"]
    words = sum(len(_exact(p)) for _, gold in cases for p in gold)
    return "\n".join(
        [
            f"{len(cases)} articles, {words} gold words, the {len(names)} names of dev_names.txt "
            "added; threshold "
            f"{step.config.threshold}.",
            "",
            "Exact tokens (case and punctuation count):",
            "",
            head,
            *exact,
            "",
            "Normalised tokens (lower case, no punctuation), with symspellpy's lookup_compound:",
            "",
            head,
            *norm,
            "",
            _pages(data),
            "",
            "Start-up, the seed as the first document of a fresh process (median of 7): "
            f"wall {wall_with:.3f} s with the names step, {wall_without:.3f} s without "
            f"(+{wall_with - wall_without:.3f} s); CPU {cpu_with:.3f} s with, "
            f"{cpu_without:.3f} s without (+{cpu_with - cpu_without:.3f} s).",
        ]
    )
