"""The names step alone against ftfy.fix_text on the shared sources: throughput in CPU seconds.

The texts are the benchmark corpus's sources (``_corpus.SOURCES``), each once.  The step runs
over them twice in this process: the first pass is what a fresh process pays while its
per-process memories (written tokens, word pairs, look-ups, indexes) fill up, the second what a
long run settles to.  ftfy runs on the same texts in the same run.  Run this area alone
(``python benchmarks/bench.py SHARED names``) for a fresh process: other areas run before it
in the same process warm the step's memories.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import ftfy
from _corpus import source_texts

from newsclean import Document, NameFixer


def _cpu(work: Callable[[str], object], texts: Sequence[str]) -> float:
    began = time.process_time()
    for text in texts:
        work(text)
    return time.process_time() - began


def run(shared: Path) -> str:
    """Time the names step and ftfy over the shared sources; a Markdown table."""
    texts = [text for texts in source_texts(shared).values() for text in texts]
    mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    step = NameFixer()
    step.run(Document("Warm up: the dictionaries load once."))

    def names(text: str) -> object:
        return step.run(Document(text))

    first = _cpu(names, texts)
    base = _cpu(ftfy.fix_text, texts)
    second = _cpu(names, texts)
    rows = [
        "| what | CPU s | MB/s | / ftfy |",
        "|---|---|---|---|",
        f"| ftfy.fix_text | {base:.2f} | {mb / base:.2f} | 1.00 |",
        f"| names step, first pass | {first:.2f} | {mb / first:.2f} | {first / base:.2f} |",
        f"| names step, second pass | {second:.2f} | {mb / second:.2f} | {second / base:.2f} |",
    ]
    return "\n".join(rows) + f"\n\n{len(texts)} texts, {mb:.2f} MB (UTF-8)."
