"""The ``newsclean`` command: a thin layer over the library.

It parses options, builds a pipeline, reads inputs, writes outputs, and turns newsclean's own
errors into one line on stderr each.  Exit codes: 0 all went well, 1 some input failed (the rest
was still done), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import IO, Any

from newsclean import __version__
from newsclean.config import PipelineConfig, load_config
from newsclean.dictionaries import read_user_names
from newsclean.document import Edit, Result
from newsclean.exceptions import InputError, NewscleanError, OutputError
from newsclean.io import (
    atomic_binary_writer,
    atomic_writer,
    check_encoding,
    decode,
    find_inputs,
    iter_jsonl,
    open_input,
    read_text,
    write_atomic,
)
from newsclean.parallel import map_parallel
from newsclean.pipeline import Pipeline

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    """The command's options."""
    p = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean scraped news text: fix mojibake, normalise the date header, strip "
        "boilerplate (kept as metadata) and fix typos in names.",
        epilog="Exit codes: 0 success, 1 some input failed, 2 usage error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' or none: stdin")
    p.add_argument("-o", "--output-dir", type=Path, help="write outputs here, mirroring inputs")
    p.add_argument("--in-place", action="store_true", help="rewrite the input files (atomically)")
    p.add_argument(
        "--glob",
        default=None,
        help="files to take from folders (default *.txt, *.jsonl with --jsonl)",
    )
    p.add_argument("--jsonl", action="store_true", help="inputs are JSON Lines, one object a line")
    p.add_argument("--text-field", default="text", help="JSON Lines field to clean (default text)")
    p.add_argument("--rejects", type=Path, help="keep JSON Lines records that failed, whole")
    p.add_argument(
        "--names",
        action="append",
        default=[],
        metavar="FILE",
        help="add names from FILE, one a line (repeatable)",
    )
    p.add_argument("--no-builtin-names", action="store_true", help="use only --names names")
    p.add_argument("--config", type=Path, help="TOML file with the pipeline and step options")
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="STEP",
        help="leave a step out (repeatable)",
    )
    p.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="KIND",
        help="keep a kind of boilerplate in the text (repeatable)",
    )
    p.add_argument("--reference-date", help="ISO date anchoring relative and year-less dates")
    p.add_argument("--date-order", choices=["DMY", "MDY"], help="order for ambiguous dates")
    p.add_argument(
        "--date-header",
        choices=["replace", "strip", "keep"],
        help="what becomes of the date header (default replace)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="list the edits (stderr in text mode; 'edits' in JSON Lines metadata)",
    )
    p.add_argument("--report", type=Path, help="write per-step statistics as JSON to FILE")
    p.add_argument("--encoding", help="decode text inputs with this encoding")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (0: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="no warnings or progress")
    p.add_argument("--version", action="version", version=f"newsclean {__version__}")
    return p


def _pipeline(args: argparse.Namespace) -> Pipeline:
    config = load_config(args.config) if args.config else PipelineConfig()
    if args.disable:
        config = config.without(*args.disable)

    def option(step: str, **values: Any) -> None:
        nonlocal config
        if step in config.steps:
            config = config.with_options(step, **values)
        else:
            flag = next(iter(values))
            msg = f"an option for {step!r} ({flag}) was given, but that step is disabled"
            raise _UsageError(msg)

    if args.names:
        names = tuple(name for path in args.names for name in read_user_names(path))
        option("names", extra_names=names)
    if args.no_builtin_names:
        option("names", builtin=False)
    if args.keep:
        option("boilerplate", keep=tuple(args.keep))
    if args.date_order:
        option("date_header", date_order=args.date_order)
    if args.date_header:
        option("date_header", mode=args.date_header)
    return Pipeline.from_config(config, reference_date=args.reference_date)


def _explain(name: str, edits: Sequence[Edit], out: IO[str]) -> None:
    for e in edits:
        kind = f" [{e.kind}]" if e.kind else ""
        out.write(
            f"{name}:{e.start}-{e.end} {e.step}{kind}: {e.before!r} -> {e.after!r} ({e.reason})\n"
        )


class _Run:
    """State of one command run: where errors go and whether anything failed."""

    def __init__(self, args: argparse.Namespace, pipeline: Pipeline) -> None:
        self.args = args
        self.pipeline = pipeline
        self.failed = False

    def error(self, message: str) -> None:
        self.failed = True
        sys.stderr.write(f"newsclean: error: {message}\n")

    def warn(self, message: str) -> None:
        if not self.args.quiet:
            sys.stderr.write(f"newsclean: warning: {message}\n")

    def results(self, texts: Iterator[str], total: int | None = None) -> Iterator[Result]:
        # Without --explain the edit logs are not written, so workers need not send them back.
        results = map_parallel(
            self.pipeline, texts, jobs=self.args.jobs, edits=bool(self.args.explain)
        )
        return results if self.args.quiet else _progress(results, total)


#: Seconds of work before a progress bar appears: short runs never show one.
PROGRESS_DELAY = 2.0


def _progress(results: Iterator[Result], total: int | None) -> Iterator[Result]:
    """A bar on stderr when it is a terminal and tqdm is installed (``newsclean[progress]``)."""
    if not sys.stderr.isatty():
        return results
    try:
        from tqdm import tqdm
    except ImportError:
        return results
    bar: Iterator[Result] = tqdm(
        results, total=total, unit="doc", delay=PROGRESS_DELAY, file=sys.stderr, leave=False
    )
    return bar


def _file_id(path: Path) -> tuple[int, int] | None:
    """The identity of the file ``path`` reaches (through links), or ``None`` if none."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _targets(
    args: argparse.Namespace, errors: list[str] | None = None
) -> list[tuple[str, Path | None]]:
    """Each input with where its output goes (``None``: stdout).

    Refuses (as a usage error, before anything is written) an output that is an input, reached
    by any path or link, and two inputs that would be written to one output.  Folders that
    cannot be listed are added to ``errors``.
    """
    paths = args.paths or ["-"]
    if "-" in paths:
        if len(paths) > 1:
            raise _UsageError("'-' (stdin) cannot be mixed with other inputs")
        if args.in_place:
            raise _UsageError("--in-place needs files, not stdin")
        out = (
            args.output_dir / ("stdin.jsonl" if args.jsonl else "stdin.txt")
            if args.output_dir
            else None
        )
        return [("-", out)]
    if args.in_place and args.output_dir:
        raise _UsageError("--in-place and --output-dir exclude each other")
    if args.output_dir and args.output_dir.exists() and not args.output_dir.is_dir():
        raise _UsageError(f"{args.output_dir}: --output-dir must be a folder, not a file")
    pattern = args.glob or ("*.jsonl" if args.jsonl else "*.txt")

    def walk_error(exc: InputError) -> None:
        if errors is not None:
            errors.append(str(exc))

    found = list(find_inputs(paths, pattern, on_error=walk_error, exclude=args.output_dir))
    several = len(paths) > 1 or any(Path(p).is_dir() for p in paths)
    if several and not (args.output_dir or args.in_place):
        raise _UsageError("several inputs need --output-dir DIR or --in-place")
    inputs = {fid for src, _ in found if (fid := _file_id(src)) is not None}
    for option, path in (("--rejects", args.rejects), ("--report", args.report)):
        if path is not None and _file_id(path) in inputs:
            raise _UsageError(f"{path}: {option} would overwrite an input")
    targets: list[tuple[str, Path | None]] = []
    claimed: dict[Path, str] = {}
    for src, rel in found:
        if args.in_place:
            # Through a link, the file it points to is rewritten, and the link is kept.
            targets.append((str(src), src.resolve() if src.is_symlink() else src))
        elif args.output_dir:
            out = args.output_dir / rel
            if _file_id(out) in inputs:
                raise _UsageError(f"{out}: the output would overwrite an input; use --in-place")
            key = Path(os.path.normcase(os.path.abspath(out)))
            if key in claimed:
                raise _UsageError(
                    f"{claimed[key]} and {src} would both be written to {out};"
                    " give their folders instead, so the tree is mirrored"
                )
            claimed[key] = str(src)
            targets.append((str(src), out))
        else:
            targets.append((str(src), None))
    return targets


def _write_stdout(text: str) -> None:
    out = sys.stdout.buffer
    data = memoryview(text.encode("utf-8"))
    # A pipe whose reader went away may take part of a write and report the rest only on the
    # next one: write until everything is taken or that error comes.
    while data:
        written = out.write(data)
        if not written:
            raise OSError(errno.EIO, "standard output took nothing")
        data = data[written:]
    out.flush()


def _run_text(run: _Run, targets: list[tuple[str, Path | None]]) -> None:
    pending: deque[tuple[str, Path | None]] = deque()

    def texts() -> Iterator[str]:
        for name, out in targets:
            try:
                if name == "-":
                    text, warnings = decode(_stdin().read(), "<stdin>", encoding=run.args.encoding)
                else:
                    text, warnings = read_text(Path(name), encoding=run.args.encoding)
            except InputError as exc:
                run.error(str(exc))
                continue
            for warning in warnings:
                run.warn(warning)
            pending.append((name, out))
            yield text

    for result in run.results(texts(), total=len(targets)):
        name, out = pending.popleft()
        if run.args.explain:
            _explain("<stdin>" if name == "-" else name, result.edits, sys.stderr)
        try:
            if out is None:
                _write_stdout(result.text)
            else:
                write_atomic(out, result.text)
        except OutputError as exc:
            run.error(str(exc))


def _stdin() -> IO[bytes]:
    if sys.stdin is None:
        raise InputError("<stdin>: there is no standard input; name the files to read")
    return sys.stdin.buffer


def _open_binary(name: str) -> contextlib.AbstractContextManager[IO[bytes]]:
    if name == "-":
        return contextlib.nullcontext(_stdin())
    return open_input(Path(name))


def _json_line(data: dict[str, Any]) -> str:
    """One JSON Lines line; text with unpaired surrogates (valid JSON, not UTF-8) is escaped."""
    import json  # here, as below: only JSON Lines and --report need it

    line = json.dumps(data, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(data, ensure_ascii=True)
    return line + "\n"


def _run_jsonl(run: _Run, targets: list[tuple[str, Path | None]]) -> None:
    field = run.args.text_field
    rejects_cm: contextlib.AbstractContextManager[IO[bytes] | None] = (
        atomic_binary_writer(run.args.rejects) if run.args.rejects else contextlib.nullcontext(None)
    )
    with rejects_cm as rejects:
        for name, out in targets:
            label = "<stdin>" if name == "-" else name
            try:
                source = _open_binary(name)
            except InputError as exc:
                run.error(str(exc))
                continue
            try:
                sink_cm: contextlib.AbstractContextManager[IO[str] | None] = (
                    atomic_writer(out) if out is not None else contextlib.nullcontext(None)
                )
                with source as stream, sink_cm as sink:
                    _jsonl_stream(run, stream, label, field, sink, rejects)
            except OutputError as exc:
                run.error(str(exc))
            except BrokenPipeError:
                raise  # stdout was closed: the run ends (quietly, in main)
            except OSError as exc:
                run.error(f"{label}: cannot read or write ({exc.strerror})")


def _jsonl_stream(
    run: _Run,
    stream: IO[bytes],
    label: str,
    field: str,
    sink: IO[str] | None,
    rejects: IO[bytes] | None,
) -> None:
    pending: deque[dict[str, Any]] = deque()

    def texts() -> Iterator[str]:
        for record in iter_jsonl(stream, label, field):
            if record.error is not None:
                run.error(str(record.error))
                if rejects is not None:
                    rejects.write(record.raw if record.raw.endswith(b"\n") else record.raw + b"\n")
                continue
            assert record.data is not None
            pending.append(record.data)
            yield record.data[field]

    for result in run.results(texts()):
        data = pending.popleft()
        data[field] = result.text
        data["newsclean"] = result.to_dict(explain=run.args.explain)
        line = _json_line(data)
        if sink is None:
            _write_stdout(line)
        else:
            sink.write(line)


class _Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived: unwind (removing temporary files) and exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    # Once: a second signal must not cut short the clean-up the first one started.
    for sig in _SIGNALS:
        with contextlib.suppress(OSError, ValueError):
            signal.signal(sig, signal.SIG_IGN)
    raise _Interrupted(signum)


def _quiet_stdout() -> None:
    # The reader went away: send what is still buffered to nowhere, so exiting stays silent.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (0, 1, 2, or 128 + signal when interrupted).

    SIGTERM and SIGHUP are handled like SIGINT: outputs being written are abandoned and their
    temporary files removed.  Any error is one line on stderr, never a traceback.
    """
    previous: dict[int, Any] = {}
    for sig in _SIGNALS:
        with contextlib.suppress(OSError, ValueError):  # ValueError: not the main thread
            previous[sig] = signal.signal(sig, _on_signal)
    try:
        return _main(argv)
    except _Interrupted as exc:
        sys.stderr.write("newsclean: interrupted\n")
        return 128 + exc.signum
    except KeyboardInterrupt:
        sys.stderr.write("newsclean: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_FAILED
    except Exception as exc:  # a bug: still one line, and the exit code says it failed
        sys.stderr.write(
            f"newsclean: error: internal error ({type(exc).__name__}: {exc});"
            " please report it with the input that caused it\n"
        )
        return EXIT_FAILED
    finally:
        for sig, handler in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(sig, handler)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.jobs < 0:
            raise _UsageError("--jobs must be 0 (all cores) or more")
        if args.encoding:
            check_encoding(args.encoding)
        walk_errors: list[str] = []
        targets = _targets(args, walk_errors)
        pipeline = _pipeline(args)
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"newsclean: error: {exc}\n")
        return EXIT_USAGE
    except NewscleanError as exc:
        sys.stderr.write(f"newsclean: error: {exc}\n")
        return EXIT_USAGE
    run = _Run(args, pipeline)
    for message in walk_errors:
        run.error(message)
    try:
        if args.jsonl:
            _run_jsonl(run, targets)
        else:
            _run_text(run, targets)
    except NewscleanError as exc:
        run.error(str(exc))
    if args.report:
        import json

        try:
            report = {"failed": run.failed, **pipeline.stats.to_dict()}
            write_atomic(args.report, json.dumps(report, indent=2) + "\n")
        except OutputError as exc:
            run.error(str(exc))
    return EXIT_FAILED if run.failed else EXIT_OK
