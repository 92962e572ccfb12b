"""Streaming: peak memory of the command on 10 MB and on 100 MB of JSON Lines, same run.

Peak resident memory is read with ``getrusage(RUSAGE_CHILDREN)`` in a fresh parent whose only
child is the command, so each figure is that one process's peak.  Flat means the 100 MB run
needs no more memory than the 10 MB one: documents are read, cleaned and written one at a time.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _corpus import MB, corpus, newsclean_cmd, peak_rss_mb, write_jsonl

SIZE = 10 * MB


def run(shared: Path) -> str:
    texts = corpus(shared, SIZE)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = write_jsonl(texts, folder / "10.jsonl") / MB
        large = write_jsonl(texts, folder / "100.jsonl", repeat=10) / MB
        base = peak_rss_mb([sys.executable, "-c", "import newsclean, ftfy, regex"])
        peaks = {}
        for name in ("10.jsonl", "100.jsonl"):
            out = folder / f"out-{name}"
            peaks[name] = peak_rss_mb(newsclean_cmd("--jsonl", folder / name, "-o", out))
    return "\n".join(
        [
            "| input | MB | peak RSS MB |",
            "|---|---|---|",
            f"| `import newsclean, ftfy, regex` only | - | {base:.1f} |",
            f"| JSON Lines | {small:.1f} | {peaks['10.jsonl']:.1f} |",
            f"| JSON Lines | {large:.1f} | {peaks['100.jsonl']:.1f} |",
            "",
            f"Peak for 100 MB / peak for 10 MB: **{peaks['100.jsonl'] / peaks['10.jsonl']:.2f}x**"
            " (target: flat, about 1x).",
        ]
    )
