"""Date headers: dates right on dev_cases.jsonl (gold_date) through the whole default pipeline.

A date counts as right when the calendar date of metadata ``date`` (its first ten characters:
the header's own local date, whatever time and offset follow) equals ``gold_date``.  Results are
broken down by the shape of the header, so a format that regresses shows by name.  Beside it, in
the same run, the header forms of ``newsclean.testing.strategies.DATE_FORMATS`` rendered on 500
dates drawn with a fixed seed, each placed before a paragraph, as a check on forms the dev data
does not have.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path

import regex

from newsclean import Pipeline

# The shape of a header: its first characters with letters, digits kept as classes.
_SHAPE = regex.compile(r"\p{Lu}\p{Ll}+|\p{Lu}+|\p{Ll}+|\d+")


def _shape(text: str) -> str:
    head = text.lstrip()[:40].split("\n", 1)[0]
    words = _SHAPE.sub(
        lambda m: "9" if m[0].isdigit() else "Aa" if m[0][1:2].islower() else m[0], head
    )
    return " ".join(words.split()[:5])


def _dev(shared: Path, pipeline: Pipeline) -> list[str]:
    path = shared / "data" / "dev_cases.jsonl"
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        got = pipeline.process(case["text"]).metadata.get("date")
        shape = _shape(case["text"])
        total[shape] += 1
        if got is not None and got[:10] == case["gold_date"]:
            right[shape] += 1
        elif len(misses) < 5:
            misses.append(f"- {case['id']}: {case['text'][:60]!r} gave {got!r}")
    n, ok = sum(total.values()), sum(right.values())
    out = [
        f"dev_cases.jsonl: **{ok}/{n} dates right ({ok / n:.1%})**",
        "",
        "| header shape | right | cases |",
        "|---|---|---|",
    ]
    out += [f"| `{s}` | {right[s]} | {c} |" for s, c in total.most_common()]
    if misses:
        out += ["", "Misses:", *misses]
    return out


def _generated(pipeline: Pipeline) -> list[str]:
    from newsclean.testing import strategies

    rng = random.Random(5)
    forms = strategies.DATE_FORMATS
    right = 0
    per_form: Counter[str] = Counter()
    days = (dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(18_000)) for _ in range(500))
    for k, day in enumerate(days):
        form = forms[k % len(forms)]
        hour, minute = rng.randrange(24), rng.randrange(60)
        header = strategies.render_date_header(form, day, hour, minute)
        got = pipeline.process(header + "\n\nThe minister spoke.\n").metadata.get("date")
        if got is not None and got[:10] == day.isoformat():
            right += 1
        else:
            per_form[form] += 1
    out = [f"generated headers ({len(forms)} forms x 500 dates): **{right}/500 right**"]
    out += [f"- missed {n}x: `{form}`" for form, n in per_form.most_common(5)]
    return out


def run(shared: Path) -> str:
    """Dates right on the dev cases, by header shape, and on generated header forms."""
    pipeline = Pipeline()
    return "\n".join([*_dev(shared, pipeline), "", *_generated(pipeline)])


if __name__ == "__main__":
    import sys

    print(run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared"))
