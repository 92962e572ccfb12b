"""Fix Unicode damage with ftfy, line by line, keeping correct typography.

ftfy does the work; this step decides what to hand it and turns its answer into edits.  Most news
lines are plain ASCII with nothing ftfy could change, so a line is skipped when it provably has
nothing to fix: ASCII only (no mojibake is possible), no ``&`` (no HTML entity), and no control
character or carriage return (nothing to remove or re-break).  A property test checks that this
fast path gives exactly what plain ftfy gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import ftfy
import regex

from newsclean.document import Document, Edit
from newsclean.steps.base import StepConfig, StepResult, TextFixer, iter_lines

__all__ = ["UnicodeConfig", "UnicodeFixer"]

# Characters ftfy may change in otherwise-ASCII text: C0 controls (tab and line feed aside) and
# DEL are removed, CR is turned into a line break, '&' may start an HTML entity.
_ASCII_TROUBLE = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f&]")


@dataclass(frozen=True)
class UnicodeConfig(StepConfig):
    """How ftfy is run.

    - ``unescape_html`` (default True): turn ``&amp;``, ``&eacute;`` and friends into characters.
      Scraped text is plain text, so entities in it are leftovers; ftfy's own ``"auto"`` skips
      lines that contain ``<``, which in news text is more often "less than" than a tag.
    - ``uncurl_quotes`` (default False): keep curly quotes and apostrophes, which are correct
      typography; ftfy's default would straighten them.
    - ``fix_character_width`` (default False): keep full-width characters, which are correct in
      East Asian text.
    - ``fix_latin_ligatures`` (default True): "ﬁ" to "fi", which is how a reader sees it.
    - ``normalization`` (default "NFC"): compose accents, so "é" is one code point; "NFKC" would
      also fold compatibility characters such as superscripts, losing meaning.
    """

    unescape_html: bool = True
    uncurl_quotes: bool = False
    fix_character_width: bool = False
    fix_latin_ligatures: bool = True
    normalization: Literal["NFC", "NFKC", "NFD", "NFKD"] | None = "NFC"

    def ftfy_config(self) -> ftfy.TextFixerConfig:
        """The ftfy configuration this step runs with."""
        return ftfy.TextFixerConfig(
            unescape_html=self.unescape_html,
            uncurl_quotes=self.uncurl_quotes,
            fix_character_width=self.fix_character_width,
            fix_latin_ligatures=self.fix_latin_ligatures,
            normalization=self.normalization,
            explain=False,
        )


def needs_ftfy(line: str) -> bool:
    """False only when ftfy provably leaves ``line`` unchanged."""
    return not line.isascii() or _ASCII_TROUBLE.search(line) is not None


class UnicodeFixer(TextFixer):
    """Fix mojibake, HTML entities and control characters with ftfy; one edit per changed line."""

    name = "unicode"
    Config = UnicodeConfig
    config: UnicodeConfig

    def fix(self, doc: Document) -> StepResult:
        text = doc.text
        if not needs_ftfy(text):
            return StepResult()
        cfg = self._ftfy_config()
        edits: list[Edit] = []
        for line in iter_lines(text):
            if not needs_ftfy(line.text):
                continue
            fixed = ftfy.fix_text(line.text, config=cfg)
            if fixed == line.text:
                continue
            # Trim what the line and its fix share at both ends, so the edit shows the damage.
            a, b = line.text, fixed
            head = 0
            limit = min(len(a), len(b))
            while head < limit and a[head] == b[head]:
                head += 1
            tail = 0
            while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
                tail += 1
            start, end = line.start + head, line.end - tail
            edits.append(
                Edit(
                    self.name,
                    start,
                    end,
                    text[start:end],
                    b[head : len(b) - tail],
                    "ftfy: mojibake, entities or control characters",
                    kind="unicode",
                )
            )
        return StepResult(edits=edits)

    def _ftfy_config(self) -> ftfy.TextFixerConfig:
        cached: ftfy.TextFixerConfig | None = getattr(self, "_cache_ftfy", None)
        if cached is None:
            cached = self.config.ftfy_config()
            self._cache_ftfy = cached
        return cached
