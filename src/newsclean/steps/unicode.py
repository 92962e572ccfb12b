"""Fix Unicode damage with ftfy, keeping correct typography; ftfy only where it can change text.

ftfy does the work; this step decides what to hand it and turns its answer into edits.  The output
is exactly ``ftfy.fix_text(text, config)`` (run again on lines ftfy itself cut apart, so that
the step is idempotent): the text is cut into the segments ftfy itself uses
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
A property test compares the step with plain ftfy on generated and real text.  Each changed word
is an edit of its own, so the edit log shows each piece of damage.

ftfy itself is imported only when a segment passes that screen: the characters it acts on are
also shipped, read off ftfy once, in ``dictionaries/unicode/ftfy.txt`` with a fingerprint of the
ftfy sources they come from, so clean text (ASCII and everyday typography) never loads ftfy
(a tenth of a second of start-up).  When the installed ftfy is not the one fingerprinted, the
characters are read off it again, as before: the output is ftfy's whichever path is taken.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsclean.dictionaries import read_lines
from newsclean.document import Document, Edit
from newsclean.exceptions import DictionaryError
from newsclean.steps.base import StepConfig, StepResult, TextFixer

if TYPE_CHECKING:
    import ftfy

__all__ = ["UnicodeConfig", "UnicodeFixer", "needs_ftfy"]

_REASON = "ftfy: mojibake, entities or control characters"

# Characters ftfy's fix_line_breaks rewrites (it is written as str.replace calls, not a table).
_LINE_BREAKS = "\r\u2028\u2029\x85"

# How many times a segment is fixed again after ftfy has cut it into new lines (see _fix_segment).
_MAX_ROUNDS = 8

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
        import ftfy

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
    op, arg = items
    if op is parser.LITERAL:
        return frozenset((arg,))
    if op is parser.IN:
        codes: set[int] = set()
        for sub_op, sub_arg in arg:
            if sub_op is parser.LITERAL:
                codes.add(sub_arg)
            elif sub_op is parser.RANGE:
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


def _ranges(codes: frozenset[int]) -> Iterator[tuple[int, int]]:
    """The runs of consecutive code points in ``codes``, in order, as (first, last)."""
    ordered = sorted(codes)
    k = 0
    while k < len(ordered):
        j = k
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        yield ordered[k], ordered[j]
        k = j + 1


def _char_class(codes: frozenset[int]) -> str:
    """A character class of ``codes``, in ranges.

    Compiled with the standard ``re``: one class is linear in the text, and ``re`` searches a
    large class as a bitmap, many times faster than ``regex`` does.
    """
    parts = [
        f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}"
        for first, last in _ranges(codes)
    ]
    return "[" + "".join(parts) + "]"


@dataclass(frozen=True)
class _Tables:
    """The characters ftfy's fixes act on, fix by fix, and the length of ftfy's segments."""

    max_decode_length: int
    #: What remove_control_chars and remove_terminal_escapes act on.
    control: frozenset[int]
    ligatures: frozenset[int]
    width: frozenset[int]
    #: Curly quotes, which uncurl_quotes straightens.
    quotes: frozenset[int]
    #: One of these is in every text ftfy's mojibake heuristic flags (None: not known).
    mojibake: frozenset[int] | None


#: The shipped copy of the tables, with the fingerprint of the ftfy they were read off.
_TABLE = "unicode/ftfy.txt"
#: The ftfy sources the tables are read off: TextFixerConfig, chardata and the heuristic.
_FTFY_SOURCES = ("__init__.py", "chardata.py", "badness.py")
_TABLE_HEADER = """\
# The characters ftfy's fixes act on, fix by fix, for the unicode step's screen: a text holding
# none of them (and already normalised) is one ftfy returns unchanged, so ftfy is not even loaded.
# Source: read off ftfy's own tables and mojibake pattern by newsclean (steps/unicode.py); the
# fingerprint is a checksum of the ftfy sources they come from, and the step reads them off the
# installed ftfy instead whenever it differs. Written by newsclean.steps.unicode._render_table();
# a test says when the installed ftfy calls for writing it again.
# Format: key | values; code points in hex, first-last for a range; a key may take several lines.
"""


def _tables_from_ftfy() -> _Tables:
    """The tables read off the installed ftfy (which this imports)."""
    import ftfy
    from ftfy import chardata

    return _Tables(
        max_decode_length=ftfy.TextFixerConfig().max_decode_length,
        control=frozenset(chardata.CONTROL_CHARS),
        ligatures=frozenset(chardata.LIGATURES),
        width=frozenset(chardata.WIDTH_MAP),
        quotes=_pattern_codes(chardata.SINGLE_QUOTE_RE) | _pattern_codes(chardata.DOUBLE_QUOTE_RE),
        mojibake=_mojibake_triggers(),
    )


def _ftfy_fingerprint() -> str | None:
    """A checksum of the installed ftfy's sources the tables come from, read without importing
    ftfy (None when they cannot be read, as from a zip)."""
    import importlib.util
    import zlib

    try:
        spec = importlib.util.find_spec("ftfy")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    crc = zlib.crc32(unicodedata.unidata_version.encode())  # ftfy builds WIDTH_MAP from it
    try:
        for name in _FTFY_SOURCES:
            crc = zlib.crc32((folder / name).read_bytes(), crc)
    except OSError:
        return None
    return f"{crc:08x}"


def _codes(tokens: list[str], key: str) -> frozenset[int]:
    codes: set[int] = set()
    try:
        for token in tokens:
            first, _, last = token.partition("-")
            codes.update(range(int(first, 16), int(last or first, 16) + 1))
    except ValueError:
        msg = f"dictionary {_TABLE!r}: {key} holds {token!r}, not a code point or a range"
        raise DictionaryError(msg) from None
    return frozenset(codes)


def _shipped_tables() -> _Tables | None:
    """The shipped tables, if they were read off the installed ftfy (else None)."""
    fields: dict[str, list[str]] = {}
    for line in read_lines(_TABLE):
        key, _, value = line.partition("|")
        fields.setdefault(key.strip(), []).extend(value.split())
    fingerprint = _ftfy_fingerprint()
    if fingerprint is None or fields.get("fingerprint") != [fingerprint]:
        return None
    missing = sorted({"max_decode_length", *_TABLE_SETS} - set(fields))
    if missing:
        msg = f"dictionary {_TABLE!r} has no {missing[0]!r}: write it again (_render_table)"
        raise DictionaryError(msg)
    mojibake = fields["mojibake"]
    return _Tables(
        max_decode_length=int(fields["max_decode_length"][0]),
        control=_codes(fields["control"], "control"),
        ligatures=_codes(fields["ligatures"], "ligatures"),
        width=_codes(fields["width"], "width"),
        quotes=_codes(fields["quotes"], "quotes"),
        mojibake=None if mojibake == ["unknown"] else _codes(mojibake, "mojibake"),
    )


_TABLE_SETS = ("control", "ligatures", "width", "quotes", "mojibake")


def _render_table() -> str:
    """The text of the shipped table for the installed ftfy (what ``_TABLE`` should hold)."""
    tables = _tables_from_ftfy()
    lines = [
        _TABLE_HEADER,
        f"fingerprint | {_ftfy_fingerprint()}\n",
        f"max_decode_length | {tables.max_decode_length}\n",
    ]
    for key in _TABLE_SETS:
        codes: frozenset[int] | None = getattr(tables, key)
        if codes is None:
            lines.append(f"{key} | unknown\n")
            continue
        tokens = [f"{a:x}" if a == b else f"{a:x}-{b:x}" for a, b in _ranges(codes)]
        row: list[str] = []
        for token in [*tokens, None]:
            if token is None or (row and len(" ".join(row)) + len(token) > 80):
                lines.append(f"{key} | {' '.join(row)}\n")
                row = []
            if token is not None:
                row.append(token)
    return "".join(lines)


@functools.cache
def _tables() -> _Tables:
    """The tables, once per process: the shipped copy, or read off ftfy when it is not ftfy's."""
    return _shipped_tables() or _tables_from_ftfy()


def _direct_codes(tables: _Tables, config: UnicodeConfig) -> frozenset[int]:
    """Characters a fix other than the mojibake repair and HTML unescaping acts on."""
    direct = set(tables.control)  # remove_control_chars, terminal escapes
    direct.update(range(0x80, 0xA0))  # C1 controls
    direct.update(ord(c) for c in _LINE_BREAKS)
    direct.update(range(0xD800, 0xE000))  # surrogates
    if config.fix_latin_ligatures:
        direct |= tables.ligatures
    if config.fix_character_width:
        direct |= tables.width
    if config.uncurl_quotes:
        direct |= tables.quotes
    return frozenset(direct)


@functools.cache
def _screen(config: UnicodeConfig) -> re.Pattern[str]:
    """The characters one of which a segment must hold for ftfy to change it (no ftfy needed).

    The direct ones, the mojibake triggers (any non-ASCII character when they are not known) and
    ``&`` when entities are unescaped: a normalised segment without any is left alone.
    """
    tables = _tables()
    extra = tables.mojibake if tables.mojibake is not None else frozenset(range(0x80, 0x110000))
    if config.unescape_html:
        extra |= {ord("&")}
    return re.compile(_char_class(_direct_codes(tables, config) | extra))


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
    """The checks in front of ftfy, and its configuration (imports ftfy: only for text that
    passes the screen)."""
    from ftfy import chardata

    tables = _tables()
    cfg = config.ftfy_config()
    after_tag = cfg._replace(unescape_html=False) if cfg.unescape_html == "auto" else cfg
    return _Plan(
        config=cfg,
        after_tag=after_tag,
        direct=re.compile(_char_class(_direct_codes(tables, config))),
        entity=chardata.HTML_ENTITY_RE if cfg.unescape_html else None,
        mojibake=re.compile(_char_class(tables.mojibake)) if tables.mojibake is not None else None,
        normalization=config.normalization,
    )


def _passes(config: UnicodeConfig, segment: str) -> bool:
    """Whether a segment passes the screen: ftfy might change it."""
    if _screen(config).search(segment) is not None:
        return True
    form = config.normalization
    return form is not None and not unicodedata.is_normalized(form, segment)


def needs_ftfy(text: str, config: UnicodeConfig | None = None) -> bool:
    """False only when ``ftfy.fix_text(text, config.ftfy_config())`` provably returns ``text``."""
    config = config or UnicodeConfig()
    segments = [
        segment
        for start, end in _segments(text, _tables().max_decode_length)
        if _passes(config, segment := text[start:end])
    ]
    if not segments:
        return False
    plan = _plan(config)
    return any(plan.may_change(segment) for segment in segments)


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


def _fix_segment(segment: str, cfg: ftfy.TextFixerConfig) -> str:
    """ftfy's fix of one segment, again on the lines it made, until nothing changes.

    ftfy fixes a segment until it is stable, but when it turns ``\r`` (or U+2028...) into line
    breaks, the new lines are segments of their own the next time, and ftfy may then fix one of
    them that it left alone as part of the longer segment.  Fixing again makes the step
    idempotent.  A round only changes lines the previous round cut apart, so it ends soon; the
    cap keeps it linear whatever happens.
    """
    import ftfy

    fixed = ftfy.fix_text(segment, cfg)
    rounds = 0
    while "\n" in fixed[:-1] and fixed != segment and rounds < _MAX_ROUNDS:
        segment, fixed = fixed, ftfy.fix_text(fixed, cfg)
        rounds += 1
    return fixed


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
        limit = _tables().max_decode_length
        candidates: list[tuple[int, int]]
        normalization = self.config.normalization
        normalized = not normalization or unicodedata.is_normalized(normalization, text)
        if not normalized or len(text) > limit:
            # Normalisation is per segment; long lines are cut at places that are not boundaries.
            candidates = list(_segments(text, limit))
        else:
            screen = _screen(self.config)
            candidates = []
            match = screen.search(text)
            while match is not None:
                span = _segment_at(text, match.start(), limit)
                candidates.append(span)
                match = screen.search(text, span[1])
        if not candidates:
            return StepResult(edits=[])  # clean text: ftfy is not even loaded
        plan = _plan(self.config)
        first_tag = text.find("<") if plan.after_tag is not plan.config else -1
        edits: list[Edit] = []
        for start, end in candidates:
            segment = text[start:end]
            if not plan.may_change(segment):
                continue
            cfg = plan.after_tag if 0 <= first_tag < end else plan.config
            fixed = _fix_segment(segment, cfg)
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
