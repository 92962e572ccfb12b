"""Boilerplate removal on ../shared/data, beside keeping everything and jusText on the same lines.

- ``dev_cases.jsonl`` through the default pipeline: share of injected boilerplate lines removed
  and share of gold paragraphs kept, read from the edit log (no dropped line may be a paragraph).
- ``pages_*_dev.jsonl`` through unicode + whitespace + boilerplate: dropped lines are mapped back
  to input lines through the edit log and scored in characters (content = ``headline`` and
  ``fulltext``; boilerplate = ``not_content``, ``related``, ``comments``; ``supplemental`` is not
  scored).  Each page set is reported on its even and odd pages separately (develop on one half,
  check on the other) and as a whole.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsclean import Pipeline
from newsclean.document import Edit
from newsclean.steps import resolve_step

CONTENT = frozenset({"headline", "fulltext"})
BOILERPLATE = frozenset({"not_content", "related", "comments"})


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _dropped_by_boilerplate(edits: Sequence[Edit]) -> list[Edit]:
    return [e for e in edits if "boilerplate" in e.step.split("+") and e.kind]


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def dropped_lines(text: str, edits: Sequence[Edit]) -> set[int]:
    """Indices of input lines that boilerplate edits removed whole."""
    out: set[int] = set()
    drops = _dropped_by_boilerplate(edits)
    spans = _line_spans(text)
    k = 0
    for i, (s, e) in enumerate(spans):
        if not text[s:e].strip():
            continue
        while k < len(drops) and drops[k].end < e:
            k += 1
        if k < len(drops) and drops[k].start <= s and text[s:e].strip() not in drops[k].after:
            out.add(i)
    return out


def _scores(pages: Sequence[dict[str, Any]], keeps: Sequence[set[int]]) -> tuple[float, ...]:
    tp = fp = fn = 0
    for page, kept in zip(pages, keeps, strict=True):
        for i, (line, label) in enumerate(
            zip(page["raw_text"].split("\n"), page["line_labels"], strict=True)
        ):
            n = len(line)
            if label in CONTENT:
                if i in kept:
                    tp += n
                else:
                    fn += n
            elif label in BOILERPLATE and i in kept:
                fp += n
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _newsclean_keeps(pages: Sequence[dict[str, Any]]) -> list[set[int]]:
    pipeline = Pipeline([resolve_step(n)() for n in ("unicode", "whitespace", "boilerplate")])
    keeps = []
    for page in pages:
        text = page["raw_text"]
        result = pipeline.process(text)
        drop = dropped_lines(text, result.edits)
        keeps.append({i for i in range(len(page["line_labels"])) if i not in drop})
    return keeps


def _justext_keeps(pages: Sequence[dict[str, Any]]) -> list[set[int]] | None:
    try:
        import html

        import justext
    except ImportError:
        return None
    stop = justext.get_stoplist("English")
    keeps = []
    for page in pages:
        lines = page["raw_text"].split("\n")
        # One <p> per non-blank line, so jusText's paragraphs are our lines.
        index = [i for i, line in enumerate(lines) if line.strip()]
        body = "".join(f"<p>{html.escape(lines[i])}</p>" for i in index)
        paragraphs = justext.justext(f"<html><body>{body}</body></html>".encode(), stop)
        kept = set()
        if len(paragraphs) == len(index):
            kept = {i for i, p in zip(index, paragraphs, strict=True) if not p.is_boilerplate}
        else:  # pragma: no cover - jusText merged or split a paragraph: match by text
            want = {p.text.strip() for p in paragraphs if not p.is_boilerplate}
            kept = {i for i in index if lines[i].strip() in want}
        keeps.append(kept)
    return keeps


def _pages_table(shared: Path) -> str:
    rows = [
        "| set | half | pages | method | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    timing = []
    for name in ("pages_l3s_dev", "pages_zyte_dev"):
        pages = _read(shared / "data" / f"{name}.jsonl")
        began = time.perf_counter()
        methods: dict[str, list[set[int]] | None] = {
            "keep all": [set(range(len(p["line_labels"]))) for p in pages],
            "jusText": _justext_keeps(pages),
        }
        began = time.perf_counter()
        methods["newsclean"] = _newsclean_keeps(pages)
        timing.append(f"{name}: {time.perf_counter() - began:.2f} s for {len(pages)} pages")
        halves: dict[str, Callable[[int], bool]] = {
            "even": lambda i: i % 2 == 0,
            "odd": lambda i: i % 2 == 1,
            "all": lambda i: True,
        }
        for half, pick in halves.items():
            chosen = [k for k in range(len(pages)) if pick(k)]
            for method, keeps in methods.items():
                if keeps is None:
                    rows.append(f"| {name} | {half} | {len(chosen)} | {method} | n/a | n/a | n/a |")
                    continue
                p, r, f = _scores([pages[k] for k in chosen], [keeps[k] for k in chosen])
                rows.append(
                    f"| {name} | {half} | {len(chosen)} | {method} | {p:.3f} | {r:.3f} | {f:.3f} |"
                )
    return "\n".join(rows) + "\n\n" + "; ".join(timing) + " (newsclean steps)\n"


def _cases_table(shared: Path) -> str:
    cases = _read(shared / "data" / "dev_cases.jsonl")
    pipeline = Pipeline()
    injected = removed = paragraphs = lost = 0
    examples: list[str] = []
    for case in cases:
        result = pipeline.process(case["text"])
        dropped = [
            line.strip()
            for e in _dropped_by_boilerplate(result.edits)
            for line in e.before.split("\n")
            if line.strip()
        ]
        wanted = set(case["boilerplate"])
        injected += len(case["boilerplate"])
        removed += sum(1 for b in case["boilerplate"] if b in dropped)
        paragraphs += len(case["gold_paragraphs"])
        lost_here = [d for d in dropped if d not in wanted]
        lost += len(lost_here)
        examples.extend(f"{case['id']}: {d[:80]!r}" for d in lost_here[:2])
        missed = [b for b in case["boilerplate"] if b not in dropped]
        examples.extend(f"{case['id']}: missed {b[:80]!r}" for b in missed[:2])
    rows = [
        "| set | cases | boilerplate lines | removed | paragraphs | kept |",
        "|---|---|---|---|---|---|",
        f"| dev_cases | {len(cases)} | {injected} | {removed / injected:.2%} | {paragraphs} | "
        f"{(paragraphs - lost) / paragraphs:.2%} |",
    ]
    note = (
        ("\n\nMisses and losses:\n\n" + "\n".join(f"- {x}" for x in examples[:20]))
        if examples
        else ""
    )
    return "\n".join(rows) + note + "\n"


def run(shared: Path) -> str:
    """Measure boilerplate removal on the dev cases and both page sets; a Markdown report."""
    return _cases_table(shared) + "\n" + _pages_table(shared)


if __name__ == "__main__":
    import sys

    print(run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared"))
