"""Date headers: headers per second of the date_header step against ``dateparser.search_dates``.

Both get the same strings in the same run: the first line of every dev case (up to 80
characters, so glued headers come with the start of their paragraph) and the header forms of
``newsclean.testing.strategies.DATE_FORMATS`` on fixed dates.  The step is timed as the pipeline
runs it: reading alone (``mode="keep"``: the date found and parsed into metadata, the same job
as ``search_dates``) and the whole step (``mode="replace"``: metadata and edits).  dateparser is
installed only in the bench session; it is imported here, never by newsclean.

Each timed block is preceded by one untimed pass over the same chunk and a garbage collection,
for the three alike: otherwise the parser timed right after dateparser pays for dateparser's
garbage (collections that walk its objects) and for the caches it evicted, several times its
own cost on a 16-header chunk, which a pipeline over a corpus never sees.  Time is the process's
CPU time, so that the moments the machine gives to other processes count for nobody.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path


def _headers(shared: Path) -> list[str]:
    from newsclean.testing import strategies

    headers = []
    path = shared / "data" / "dev_cases.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            headers.append(json.loads(line)["text"].split("\n", 1)[0][:80])
    for k, form in enumerate(strategies.DATE_FORMATS * 4):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=97 * k)
        headers.append(strategies.render_date_header(form, day))
    return headers


def _timed(func: Callable[[str], object], headers: list[str]) -> float:
    gc.collect()  # nobody pays for another parser's garbage
    for header in headers:  # untimed: the caches warm for this parser
        func(header)
    began = time.process_time()
    for header in headers:
        func(header)
    return time.process_time() - began


def run(shared: Path) -> str:
    """Headers per second, ours and dateparser's, and the ratio (rounds interleaved)."""
    from dateparser.search import search_dates

    from newsclean import DateHeader, Document

    headers = _headers(shared)
    reader, writer = DateHeader(mode="keep"), DateHeader()
    languages = ["en", "fr", "de", "es"]  # the languages newsclean's grammar knows

    def ours(header: str) -> object:
        return reader.run(Document(header)).metadata

    def whole(header: str) -> object:
        return writer.run(Document(header))

    def theirs(header: str) -> object:
        return search_dates(header, languages=languages)

    theirs(headers[0])  # dateparser loads its language data on first use
    ours(headers[0])
    # Interleave in chunks of 16 headers so that a change in the machine's load falls on all
    # three alike; each timed once a chunk, after its warm-up pass (see the module docstring).
    spent = {"ours": 0.0, "whole": 0.0, "theirs": 0.0}
    chunks = [headers[k : k + 16] for k in range(0, len(headers), 16)]
    done = 0
    while spent["theirs"] < 6.0:
        for chunk in chunks:
            spent["theirs"] += _timed(theirs, chunk)
            spent["ours"] += _timed(ours, chunk)
            spent["whole"] += _timed(whole, chunk)
            done += len(chunk)
    ours_rate = done / spent["ours"]
    whole_rate = done / spent["whole"]
    theirs_rate = done / spent["theirs"]
    sample = headers[:: max(1, len(headers) // 16)]
    detect_rate = len(sample) / _timed(search_dates, sample)
    return "\n".join(
        [
            f"{len(headers)} headers (first lines of the dev cases, cut at 80 characters, and",
            f"generated forms), {done} timed each, interleaved in chunks of 16 in the same run:",
            "",
            "| parser | headers/s |",
            "|---|---|",
            f"| newsclean date_header, reading (mode keep: metadata, no edit) | {ours_rate:,.0f} |",
            f"| newsclean date_header, whole step (mode replace: metadata and edits) |"
            f" {whole_rate:,.0f} |",
            f"| dateparser.search_dates, languages={languages} | {theirs_rate:,.1f} |",
            f"| dateparser.search_dates, language detection ({len(sample)} headers) |"
            f" {detect_rate:,.1f} |",
            "",
            f"**ratio: {ours_rate / theirs_rate:,.0f}x** reading ({whole_rate / theirs_rate:,.0f}x"
            " whole step) against search_dates with languages given (target >= 100x);"
            f" {ours_rate / detect_rate:,.0f}x against its default language detection.",
        ]
    )


if __name__ == "__main__":
    import sys

    print(run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared"))
