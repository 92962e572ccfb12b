"""Fix Unicode damage with ftfy, keeping correct typography; ftfy only where it can change text.

ftfy does the work; this step decides what to hand it and turns its answer into edits.  The output
is exactly ``ftfy.fix_text(text, config)``: the text is cut into the segments ftfy itself uses
(lines with their line break, long lines in ``max_decode_length`` pieces) and a segment goes to
ftfy only when one of ftfy's fixes could change it.  Each fix in ftfy's loop is a no-op on a
segment that has none of the characters it acts on (HTML entities need ``&``, control characters,
C1 controls, ligatures, odd line breaks, surrogates), is already normalised, and is either ASCII or
not "bad" by ftfy's own mojibake heuristic; and a loop of no-ops returns its input.

ftfy's heuristic (one large regular expression) is the slowest part of ftfy, so it runs only on
segments that hold a character every match of it must contain.  That set is read off ftfy's own
pattern on first use: in each alternative of the pattern one mandatory character class is chosen,
preferably one without ASCII and without everyday typography, so a line whose only non-ASCII
characters are curly quotes, dashes and ellipses is never searched.  Any pattern shape the reader
does not understand makes every non-ASCII character a trigger, which is slower but still exact.
A property test compares the step with plain ftfy on generated and real text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import ftfy

from newsclean.document import Document, Edit
from newsclean.steps.base import StepConfig, StepResult, TextFixer

__all__ = ["UnicodeConfig", "UnicodeFixer", "needs_ftfy"]

_REASON = "ftfy: mojibake, entities or control characters"

# Characters ftfy's fix_line_breaks rewrites (it is written as str.replace calls, not a table).
_LINE_BREAKS = "\r\u2028\u2029\x85"

# Everyday typography of correct text: when a mojibake alternative can be recognised by another
# of its characters, that one is the trigger, so ordinary news lines skip the heuristic.
_TYPOGRAPHY = frozenset(range(0x2000, 0x2070)) | {0xA0, 0xAB, 0xBB, 0xB4, 0x2BC}


@dataclass(frozen=True)
class UnicodeConfig(StepConfig):
    """How ftfy is run.

    - ``unescape_html`` (default True): turn ``&amp;``, ``&eacute;`` and friends into characters.
      Scraped text is plain text, so entities in it are leftovers; ftfy's own ``"auto"`` (also
      accepted) skips lines that contain ``<``, which in news text is more often "less than" than
      a tag.
    - ``uncurl_quotes`` (default False): keep curly quotes and apostrophes, which are correct
      typography; ftfy's default would straighten them.
    - ``fix_character_width`` (default False): keep full-width characters, which are correct in
      East Asian text.
    - ``fix_latin_ligatures`` (default True): "ﬁ" to "fi", which is how a reader sees it.
    - ``normalization`` (default "NFC"): compose accents, so "é" is one code point; "NFKC" would
      also fold compatibility characters such as superscripts, losing meaning.
    """

    unescape_html: bool | Literal["auto"] = True
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


# --- What ftfy can act on, read off ftfy's own tables and patterns --------------------------------


def _parser() -> Any:
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser
    return parser


def _class_codes(items: Any, parser: Any) -> frozenset[int] | None:
    """The code points one pattern item matches, or None when it is not a plain finite set."""
    consts = parser
    op, arg = items
    if op is consts.LITERAL:
        return frozenset((arg,))
    if op is consts.IN:
        codes: set[int] = set()
        for sub_op, sub_arg in arg:
            if sub_op is consts.LITERAL:
                codes.add(sub_arg)
            elif sub_op is consts.RANGE:
                codes.update(range(sub_arg[0], sub_arg[1] + 1))
            else:  # NEGATE, CATEGORY (\s, \w...): not a small finite set
                return None
        return frozenset(codes)
    return None


def _necessary(branch: Any, parser: Any) -> frozenset[int] | None:
    """A set of characters of which every match of ``branch`` contains one, or None."""
    candidates: list[frozenset[int]] = []
    for item in branch:
        op, arg = item
        codes = _class_codes(item, parser)
        if codes is None and op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
            low, _high, sub = arg
            if low >= 1 and len(sub) == 1:
                codes = _class_codes(sub[0], parser)
        if codes:
            candidates.append(codes)
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda c: (any(x < 0x80 for x in c), len(c & _TYPOGRAPHY), len(c)),
    )


@functools.cache
def _mojibake_triggers() -> frozenset[int] | None:
    """Characters one of which is in every text ftfy's mojibake heuristic flags (None: any)."""
    from ftfy.badness import BADNESS_RE

    try:
        if BADNESS_RE.flags & re.IGNORECASE:  # the character sets would miss case variants
            return None
        parser = _parser()
        tree = parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
        if len(tree.data) == 1 and tree.data[0][0] is parser.BRANCH:
            branches = tree.data[0][1][1]
        else:
            branches = [tree.data]
        found: set[int] = set()
        for branch in branches:
            codes = _necessary(list(branch), parser)
            if codes is None or any(x < 0x80 for x in codes):
                return None
            found |= codes
    except Exception:  # an ftfy or Python we do not know: search every non-ASCII text
        return None
    return frozenset(found)


def _pattern_codes(pattern: re.Pattern[str]) -> frozenset[int]:
    """The characters a one-class pattern of ftfy's matches (its quote patterns)."""
    parser = _parser()
    tree = parser.parse(pattern.pattern, pattern.flags)
    codes = _class_codes(tree.data[0], parser) if len(tree.data) == 1 else None
    if codes is None:
        msg = f"unexpected ftfy pattern {pattern.pattern!r}"
        raise RuntimeError(msg)
    return codes


def _char_class(codes: frozenset[int]) -> str:
    """A character class of ``codes``, in ranges.

    Compiled with the standard ``re``: one class is linear in the text, and ``re`` searches a
    large class as a bitmap, many times faster than ``regex`` does.
    """
    parts: list[str] = []
    ordered = sorted(codes)
    k = 0
    while k < len(ordered):
        j = k
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        first, last = ordered[k], ordered[j]
        parts.append(f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}")
        k = j + 1
    return "[" + "".join(parts) + "]"


@dataclass(frozen=True)
class _Plan:
    """Compiled checks for one configuration: what a segment must hold for ftfy to act on it."""

    config: ftfy.TextFixerConfig
    #: The configuration from the first segment with ``<`` on, under ``unescape_html="auto"``
    #: (ftfy.fix_text stops unescaping for the rest of the text there).
    after_tag: ftfy.TextFixerConfig
    #: Characters a fix other than the mojibake repair and HTML unescaping acts on.
    direct: re.Pattern[str]
    #: ftfy's own HTML entity pattern, when entities are unescaped.
    entity: re.Pattern[str] | None
    #: ``direct`` plus the mojibake triggers (any non-ASCII character when they are unknown).
    any_trigger: re.Pattern[str]
    mojibake: re.Pattern[str] | None
    normalization: Literal["NFC", "NFKC", "NFD", "NFKD"] | None

    def may_change(self, segment: str) -> bool:
        """False only when ftfy provably returns ``segment`` unchanged."""
        from ftfy.badness import is_bad

        if self.direct.search(segment) is not None:
            return True
        if self.entity is not None and self.entity.search(segment) is not None:
            return True
        if self.normalization and not unicodedata.is_normalized(self.normalization, segment):
            return True
        if segment.isascii():
            return False
        if self.mojibake is not None and self.mojibake.search(segment) is None:
            return False
        return is_bad(segment)


@functools.cache
def _plan(config: UnicodeConfig) -> _Plan:
    from ftfy import chardata

    cfg = config.ftfy_config()
    direct: set[int] = set(chardata.CONTROL_CHARS)  # remove_control_chars, terminal escapes
    direct |= set(range(0x80, 0xA0))  # C1 controls
    direct |= {ord(c) for c in _LINE_BREAKS}
    direct |= set(range(0xD800, 0xE000))  # surrogates
    if cfg.fix_latin_ligatures:
        direct |= set(chardata.LIGATURES)
    if cfg.fix_character_width:
        direct |= set(chardata.WIDTH_MAP)
    if cfg.uncurl_quotes:
        direct |= _pattern_codes(chardata.SINGLE_QUOTE_RE)
        direct |= _pattern_codes(chardata.DOUBLE_QUOTE_RE)
    triggers = _mojibake_triggers()
    mojibake = re.compile(_char_class(triggers)) if triggers is not None else None
    extra = triggers if triggers is not None else frozenset(range(0x80, 0x110000))
    if cfg.unescape_html:
        extra |= {ord("&")}
    after_tag = cfg._replace(unescape_html=False) if cfg.unescape_html == "auto" else cfg
    return _Plan(
        config=cfg,
        after_tag=after_tag,
        direct=re.compile(_char_class(frozenset(direct))),
        entity=chardata.HTML_ENTITY_RE if cfg.unescape_html else None,
        any_trigger=re.compile(_char_class(frozenset(direct) | extra)),
        mojibake=mojibake,
        normalization=config.normalization,
    )


def needs_ftfy(text: str, config: UnicodeConfig | None = None) -> bool:
    """False only when ``ftfy.fix_text(text, config.ftfy_config())`` provably returns ``text``."""
    plan = _plan(config or UnicodeConfig())
    return any(
        plan.may_change(text[start:end])
        for start, end in _segments(text, plan.config.max_decode_length)
    )


# --- Segments as ftfy.fix_text cuts them -------------------------------------------------------


def _segment_at(text: str, pos: int, limit: int) -> tuple[int, int]:
    """The span of ftfy's segment holding ``pos``: its line and line break, in ``limit`` pieces."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end + 1
    start = line_start + (pos - line_start) // limit * limit
    return start, min(line_end, start + limit)


def _segments(text: str, limit: int) -> Iterator[tuple[int, int]]:
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        end = min(end, pos + limit)
        yield pos, end
        pos = end


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix, by bisection on slices (no per-character loop)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid : len(a) - low] == b[len(b) - mid : len(b) - low]:
            low = mid
        else:
            high = mid - 1
    return low


def _trimmed(start: int, before: str, after: str) -> tuple[int, int, str, str]:
    """The span of ``before`` (at ``start``) that ``after`` changes, and the two changed parts."""
    head = _common_prefix(before, after)
    tail = _common_suffix(before, after, min(len(before), len(after)) - head)
    return (
        start + head,
        start + len(before) - tail,
        before[head : len(before) - tail],
        after[head : len(after) - tail],
    )


class UnicodeFixer(TextFixer):
    """Fix mojibake, HTML entities and control characters with ftfy; an edit per changed word."""

    name = "unicode"
    Config = UnicodeConfig
    config: UnicodeConfig

    def fix(self, doc: Document) -> StepResult:
        text = doc.text
        plan = _plan(self.config)
        limit = plan.config.max_decode_length
        candidates: list[tuple[int, int]]
        normalized = not plan.normalization or unicodedata.is_normalized(plan.normalization, text)
        if not normalized or len(text) > limit:
            # Normalisation is per segment; long lines are cut at places that are not boundaries.
            candidates = list(_segments(text, limit))
        else:
            candidates = []
            match = plan.any_trigger.search(text)
            while match is not None:
                span = _segment_at(text, match.start(), limit)
                candidates.append(span)
                match = plan.any_trigger.search(text, span[1])
        first_tag = text.find("<") if plan.after_tag is not plan.config else -1
        edits: list[Edit] = []
        for start, end in candidates:
            segment = text[start:end]
            if not plan.may_change(segment):
                continue
            cfg = plan.after_tag if 0 <= first_tag < end else plan.config
            fixed = ftfy.fix_text(segment, cfg)
            if fixed == segment:
                continue
            edits.extend(self._edits(start, segment, fixed))
        return StepResult(edits=edits)

    def _edits(self, start: int, segment: str, fixed: str) -> list[Edit]:
        """Edits turning ``segment`` into ``fixed``: one per changed word when the words line up.

        ftfy rarely changes the spaces between words, so a line with several damaged words gives
        an edit for each, each showing its damage; otherwise the whole changed span is one edit.
        """
        words, fixed_words = segment.split(" "), fixed.split(" ")
        if len(words) != len(fixed_words):
            words, fixed_words = [segment], [fixed]
        edits: list[Edit] = []
        pos = start
        for word, fixed_word in zip(words, fixed_words, strict=True):
            if word != fixed_word:
                a, b, before, after = _trimmed(pos, word, fixed_word)
                edits.append(Edit(self.name, a, b, before, after, _REASON, kind="unicode"))
            pos += len(word) + 1
        return edits
