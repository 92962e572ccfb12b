"""The benchmark corpus: the shared evaluation texts, repeated to a size, as JSON Lines and files.

Sources are the dirty articles of ``dev_cases.jsonl`` (header, boilerplate, mojibake injected)
and the page texts of ``pages_l3s_dev.jsonl`` and ``pages_zyte_dev.jsonl`` (real scraped pages).
Helpers here run the command in a subprocess and time it, for the ``bench_*`` modules.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

MB = 1_000_000
SOURCES = {
    "dev_cases.jsonl": "text",
    "pages_l3s_dev.jsonl": "raw_text",
    "pages_zyte_dev.jsonl": "raw_text",
}


def source_texts(shared: Path) -> dict[str, list[str]]:
    """The texts of each source file, in file order."""
    out: dict[str, list[str]] = {}
    for name, field in SOURCES.items():
        lines = (shared / "data" / name).read_text(encoding="utf-8").split("\n")
        out[name] = [json.loads(line)[field] for line in lines if line]
    return out


def corpus(shared: Path, size: int) -> list[str]:
    """All source texts, repeated in order until they hold at least ``size`` UTF-8 bytes."""
    texts = [t for ts in source_texts(shared).values() for t in ts]
    out: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            out.append(text)
            total += len(text.encode("utf-8"))
            if total >= size:
                break
    return out


def write_jsonl(texts: Sequence[str], path: Path, *, repeat: int = 1) -> int:
    """Write ``texts`` (``repeat`` times over) as JSON Lines; returns the file's size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        for _ in range(repeat):
            for k, text in enumerate(texts):
                out.write(json.dumps({"id": k, "text": text}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def write_files(texts: Sequence[str], folder: Path) -> int:
    """Write each text to its own file in ``folder``; returns their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, text in enumerate(texts):
        (folder / f"{k:06d}.txt").write_text(text, encoding="utf-8")
    return sum(p.stat().st_size for p in folder.iterdir())


def child_env() -> dict[str, str]:
    """The environment for timed subprocesses: bytecode caches on, as in an installed package."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def newsclean_cmd(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "newsclean", *map(str, args)]


def timed(cmd: Sequence[str], *, repeat: int = 1) -> float:
    """The best wall time of ``repeat`` runs of ``cmd`` (output discarded; failure raises)."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run(cmd, env=child_env(), stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - began)
    return best


_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_rss_mb(cmd: Sequence[str]) -> float:
    """Peak resident memory of ``cmd`` in MB (``ru_maxrss`` of a fresh parent's only child)."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *cmd],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1]) * 1024 / MB  # Linux reports KiB


def cpu_children() -> float:
    """User and system CPU seconds of the children waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
