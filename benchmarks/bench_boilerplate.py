"""The boilerplate step alone: its speed on the shared sources and its first document's cost.

- Speed: the step and ``ftfy.fix_text`` on each text of the sources once (no repetition), taking
  turns by chunks of 50 documents, in CPU seconds; best of three rounds, each with a new step,
  so that no round profits from the lines an earlier one remembered.
- First document: a new process imports the step, then times its first document (the rules
  compile then) and a second one, beside the time of ``import ftfy, regex`` alone.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import ftfy
from _corpus import MB, child_env, source_texts

from newsclean.document import Document
from newsclean.steps.boilerplate import BoilerplateFilter

ROUNDS = 3
FRESH_PROCESSES = 7

_FIRST_DOCUMENT = """
import sys, time
began = time.process_time()
from newsclean.document import Document
from newsclean.steps.boilerplate import BoilerplateFilter
imported = time.process_time()
step = BoilerplateFilter()
step.run(Document("The minister said on Tuesday that talks would resume.\\n\\nAdvertisement\\n"))
first = time.process_time()
step.run(Document("Home\\nWorld\\nThe talks resumed on Wednesday, officials said.\\n"))
second = time.process_time()
print(imported - began, first - imported, second - first)
"""


def _speed(texts: list[str]) -> tuple[float, float]:
    """Best CPU seconds of the step and of ftfy.fix_text over ``texts``, in turns."""
    docs = [Document(t) for t in texts]
    best_step = best_ftfy = float("inf")
    for _ in range(ROUNDS):
        step = BoilerplateFilter()
        step.run(Document("warm up: compile the rules once"))
        spent_step = spent_ftfy = 0.0
        for k in range(0, len(docs), 50):
            began = time.process_time()
            for doc in docs[k : k + 50]:
                step.run(doc)
            spent_step += time.process_time() - began
            began = time.process_time()
            for text in texts[k : k + 50]:
                ftfy.fix_text(text)
            spent_ftfy += time.process_time() - began
        best_step, best_ftfy = min(best_step, spent_step), min(best_ftfy, spent_ftfy)
    return best_step, best_ftfy


def _first_document() -> tuple[float, float, float, float]:
    """Medians over new processes: import, first document, second document; import ftfy+regex."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = child_env()
    env["PYTHONPATH"] = src + ":" + env.get("PYTHONPATH", "")
    runs = []
    bases = []
    base_code = (
        "import time; b = time.process_time(); import ftfy, regex; print(time.process_time() - b)"
    )
    for _ in range(FRESH_PROCESSES):
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_DOCUMENT],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        runs.append(tuple(map(float, out.stdout.split())))
        out = subprocess.run(
            [sys.executable, "-c", base_code], capture_output=True, text=True, env=env, check=True
        )
        bases.append(float(out.stdout))
    imported, first, second = (statistics.median(r[i] for r in runs) for i in range(3))
    return imported, first, second, statistics.median(bases)


def run(shared: Path) -> str:
    lines = [
        f"Each source once; best of {ROUNDS} rounds, a new step each; CPU seconds.",
        "",
        "| source | MB | boilerplate s | MB/s | ftfy.fix_text s | MB/s | step / ftfy speed |",
        "|---|---|---|---|---|---|---|",
    ]
    everything: list[str] = []
    for name, texts in source_texts(shared).items():
        everything += texts
        mb = sum(len(t.encode("utf-8")) for t in texts) / MB
        step_s, ftfy_s = _speed(texts)
        lines.append(
            f"| {name} | {mb:.2f} | {step_s:.2f} | {mb / step_s:.2f} | {ftfy_s:.2f} |"
            f" {mb / ftfy_s:.2f} | {ftfy_s / step_s:.2f}x |"
        )
    mb = sum(len(t.encode("utf-8")) for t in everything) / MB
    step_s, ftfy_s = _speed(everything)
    lines.append(
        f"| all | {mb:.2f} | {step_s:.2f} | **{mb / step_s:.2f}** | {ftfy_s:.2f} |"
        f" {mb / ftfy_s:.2f} | {ftfy_s / step_s:.2f}x |"
    )
    imported, first, second, base = _first_document()
    lines += [
        "",
        f"First document, median of {FRESH_PROCESSES} new processes (CPU): importing the step"
        f" {imported * 1000:.0f} ms (`import ftfy, regex` alone {base * 1000:.0f} ms), its"
        f" first document {first * 1000:.0f} ms (the rules compile), a second one"
        f" {second * 1000:.1f} ms.",
    ]
    return "\n".join(lines)
