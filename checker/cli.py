"""The command line: `crosscheck check PATH...`.

`main(argv)` returns an exit status and never exits itself (only `__main__` and the console
script do), so tests call it directly. Heavy libraries are imported inside the commands, so
`crosscheck --version` and `--help` answer at once.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from checker import __version__
from checker.model import SEVERITIES, ExitStatus, Report, severity_rank
from checker.store import Store, StoreError, key_of
from checker.workers import WorkerError

DEFAULT_JSON = Path("crosscheck-report.json")
DEFAULT_HTML = Path("crosscheck-report.html")
FILE_FORMATS = ("json", "html", "sarif", "junit")
PROGRESS_AFTER = 20  # sources: smaller runs finish before a progress line helps


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosscheck", description="Find where news articles about one story disagree.")
    parser.add_argument("--version", action="version", version=f"crosscheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check a set of articles against each other",
                                description="Check articles (.txt, .md, .html, .jsonl; folders recursively) "
                                            "against each other and write the reports. Defaults may be set in "
                                            "[tool.crosscheck] of ./pyproject.toml; flags win.")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _report_arguments(check)
    check.add_argument("--db", type=Path, metavar="FILE", help="reuse (and add to) the claims stored in this store")
    check.add_argument("--stories", choices=["field", "folder", "auto"], default=None,
                       help="how sources form stories: a 'story' field or 'Story:' header (default), "
                            "one story per folder, or clustered by shared names (auto)")
    check.add_argument("--jobs", type=int, default=None, metavar="N", help="parser processes (default: the cores)")
    check.add_argument("--max-bytes", type=int, default=None, metavar="N", help="skip files larger than this")
    check.add_argument("--engine", choices=["local", "dask"], default=None,
                       help="where extraction runs: here (default) or on Dask workers")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: an existing scheduler (tcp://host:8786); default: a LocalCluster")
    check.add_argument("--strict", action="store_true", default=None, help="exit 2 when any input was skipped")
    check.add_argument("--quiet", action="store_true", help="print nothing but errors")

    index = commands.add_parser("index", help="add or refresh articles in a stored corpus",
                                description="Store the claims of articles in a SQLite store; unchanged files "
                                            "are not read again.")
    index.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    index.add_argument("--db", type=Path, required=True, metavar="FILE", help="the store (created when missing)")
    index.add_argument("--prune", action="store_true", help="remove stored files under PATH that are gone")
    index.add_argument("--jobs", type=int, default=None, metavar="N", help="parser processes (default: the cores)")
    index.add_argument("--max-bytes", type=int, default=None, metavar="N", help="skip files larger than this")
    index.add_argument("--quiet", action="store_true", help="print nothing but errors")

    article = commands.add_parser("check-article", help="check a new article against a stored corpus",
                                  description="Find the stored articles of the same story and report only the "
                                              "discrepancies that involve the new article.")
    article.add_argument("file", type=Path, metavar="FILE")
    article.add_argument("--db", type=Path, required=True, metavar="FILE", help="the store to check against")
    _report_arguments(article)
    article.add_argument("--add", action="store_true", help="store the article afterwards")
    article.add_argument("--threshold", type=_fraction, default=0.2, metavar="S",
                         help="how alike a stored article must be to count as the same story (0..1, default 0.2)")
    article.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser


def _fraction(text: str) -> float:
    """An argument that must be a number from 0 to 1 ("nan" compares false with everything, so say so)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"'{text}' must be a number from 0 to 1")
    return value


def _report_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--rules", action="append", type=Path, default=None, metavar="DIR",
                         help="a folder of extra rule files (repeatable)")
    command.add_argument("--no-default-rules", action="store_true", help="use only the --rules folders")
    for fmt in FILE_FORMATS:
        command.add_argument(f"--{fmt}", type=Path, metavar="FILE", help=f"write the {fmt.upper()} report to FILE")
    command.add_argument("--format", choices=["terminal", "github"], default=None,
                         help="what to print on stdout: a summary (default) or GitHub workflow annotations")
    command.add_argument("--fail-on", choices=[*reversed(SEVERITIES), "never"], default=None,
                         help="exit 1 when a discrepancy at or above this severity is found (default: error)")
    command.add_argument("--baseline", type=Path, metavar="FILE",
                         help="accept the discrepancies listed in FILE (from --write-baseline or a JSON report)")
    command.add_argument("--write-baseline", type=Path, metavar="FILE",
                         help="write this run's discrepancies as a baseline")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every cleanup on the way out runs (workers, temp files)."""


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status.

    Whatever happens inside a command ends in a documented status: a bad store or a failed
    parser process is 2 with a message, SIGINT 130 and SIGTERM 143, and even a bug is 2 (with
    its traceback), never the 1 that CI reads as "discrepancies found".
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _parser()
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):  # argparse prints help and usage errors itself
            args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help(stderr)
        return ExitStatus.ERROR
    command = {"check": _check, "index": _index, "check-article": _check_article}[args.command]
    try:
        with _terminate_raises():
            return command(args, stdout, stderr)
    except (StoreError, WorkerError) as error:
        print(f"crosscheck: {error}", file=stderr)
        return ExitStatus.ERROR
    except Terminated:
        print("crosscheck: terminated; reports already on disk were left as they were", file=stderr)
        return ExitStatus.TERMINATED
    except KeyboardInterrupt:
        print("crosscheck: interrupted; reports already on disk were left as they were", file=stderr)
        return ExitStatus.INTERRUPTED
    except Exception as error:  # a bug: say so, keep the traceback for the report, exit as an error
        traceback.print_exc(file=stderr)
        print(f"crosscheck: internal error: {type(error).__name__}: {error}", file=stderr)
        return ExitStatus.ERROR


@contextmanager
def _terminate_raises() -> Iterator[None]:
    """While a command runs, SIGTERM raises `Terminated` (once: a second one must not cut the cleanup short)."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def terminated(*_: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _settings(args: argparse.Namespace, config: dict[str, Any]) -> dict[str, Any]:
    """Flags, else `[tool.crosscheck]`, else the built-in defaults."""
    def pick(flag: Any, key: str, default: Any) -> Any:
        return flag if flag is not None else config.get(key, default)

    outputs = {fmt: pick(getattr(args, fmt, None), fmt, None) for fmt in FILE_FORMATS}
    if not any(outputs.values()):
        outputs.update(json=DEFAULT_JSON, html=DEFAULT_HTML)
    return {
        "outputs": {fmt: Path(path) for fmt, path in outputs.items() if path},
        "rules": [Path(p) for p in pick(getattr(args, "rules", None), "rules", [])],
        "fail_on": pick(getattr(args, "fail_on", None), "fail-on", "error"),
        "format": pick(getattr(args, "format", None), "format", "terminal"),
        "baseline": Path(baseline) if (baseline := pick(getattr(args, "baseline", None), "baseline", None)) else None,
        "stories": pick(getattr(args, "stories", None), "stories", "field"),
        "jobs": pick(getattr(args, "jobs", None), "jobs", os.cpu_count() or 1),
        "max_bytes": pick(getattr(args, "max_bytes", None), "max-bytes", 5_000_000),
        "strict": pick(getattr(args, "strict", None), "strict", False),
        "engine": pick(getattr(args, "engine", None), "engine", "local"),
        "scheduler": pick(getattr(args, "scheduler", None), "scheduler", None),
    }


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from checker.distributed import DaskUnavailable
    from checker.engine import Options, run
    from checker.lexicon import LexiconError, load_lexicon

    def fail(*messages: str) -> int:
        for message in messages:
            print(f"crosscheck: {message}", file=stderr)
        return ExitStatus.ERROR

    try:
        settings, rules, accepted = _configure(args)
        lexicon = load_lexicon()
    except SetupError as error:
        return fail(*error.problems)
    except LexiconError as error:
        return fail(str(error))
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return fail(*(f"{path}: no such file or folder" for path in missing))
    progress = _progress(stderr) if not args.quiet and stderr.isatty() else None
    options = Options(stories=settings["stories"], max_bytes=settings["max_bytes"], jobs=max(1, settings["jobs"]),
                      engine=settings["engine"], scheduler=settings["scheduler"])
    try:
        if args.db is not None:
            with Store(args.db) as store:
                report = run(args.paths, rules, lexicon, options, progress=progress, store=store)
        else:
            report = run(args.paths, rules, lexicon, options, progress=progress)
    except DaskUnavailable as error:
        return fail(str(error))
    _print_inputs(report.skipped, report.notices, stderr)
    if not report.sources:
        return fail("no readable articles in " + ", ".join(map(str, args.paths)))
    return _deliver(report, args, settings, accepted, stdout, stderr)


def _deliver(report: Report, args: argparse.Namespace, settings: dict[str, Any], accepted: frozenset[str] | None,
             stdout: TextIO, stderr: TextIO) -> int:
    """Mark baseline discrepancies, write every report, print the summary, decide the exit status."""
    from checker.report import reporters, write

    def fail(message: str) -> int:
        print(f"crosscheck: {message}", file=stderr)
        return ExitStatus.ERROR

    if accepted is not None:
        report = replace(report, discrepancies=tuple(
            replace(d, baseline_state="unchanged" if d.id in accepted else "new") for d in report.discrepancies))
    target = None
    try:
        for fmt, target in settings["outputs"].items():
            write(report, fmt, target)
        if args.write_baseline:
            from checker.atomic import write_text

            target = args.write_baseline
            write_text(target, json.dumps(
                {"schema": "crosscheck.baseline/1", "discrepancies": sorted(d.id for d in report.discrepancies)},
                indent=2) + "\n")
    except OSError as error:  # a full disk raises without a file name: the target is the one being written
        return fail(f"{target}: cannot write report: {error.strerror or error}")
    if not args.quiet:
        stdout.write(reporters()[settings["format"]].render(report))
        if settings["format"] == "terminal":
            for fmt, path in settings["outputs"].items():
                stdout.write(f"  {fmt} report: {path}\n")
    if settings["strict"] and report.skipped:
        return fail(f"{len(report.skipped)} input(s) skipped (--strict)")
    return exit_status(report, settings["fail_on"])


def _index(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from checker.engine import Options, extract_sources
    from checker.lexicon import load_lexicon
    from checker.sources import location, read_paths

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"crosscheck: {path}: no such file or folder", file=stderr)
        return ExitStatus.ERROR
    settings = _settings(args, {})
    with Store(args.db) as store:
        read = read_paths(args.paths, max_bytes=settings["max_bytes"])
        _print_inputs(read.skipped, read.notices, stderr)
        if not read.sources:
            print("crosscheck: no readable articles in " + ", ".join(map(str, args.paths)), file=stderr)
            return ExitStatus.ERROR
        unchanged = sum(store.fresh(s) for s in read.sources)
        progress = _progress(stderr) if not args.quiet and stderr.isatty() else None
        extract_sources(read.sources, load_lexicon(), Options(jobs=max(1, settings["jobs"])), progress=progress,
                        store=store)
        pruned = 0
        if args.prune:  # stored articles under PATH that this read did not find any more
            seen = {key_of(s) for s in read.sources}
            roots = [location(path) for path in args.paths]
            pruned = store.remove(key for key in store.paths() if _under(key, roots) and key not in seen)
    if not args.quiet:
        stdout.write(f"crosscheck: {args.db}: {len(read.sources) - unchanged} new or changed, {unchanged} unchanged, "
                     f"{pruned} pruned, {len(read.skipped)} skipped\n")
    return ExitStatus.OK


def _under(key: str, roots: Sequence[str]) -> bool:
    """Whether a stored key (a resolved path, "#record" for JSONL) is one of `roots`, a record of one,
    or inside one. Keys stored relative by old versions lie under no root, so they are never pruned."""
    return any(key == root or key.startswith((root + "#", root.rstrip(os.sep) + os.sep)) for root in roots)


def _check_article(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from checker.engine import Options, build_report, extract_sources
    from checker.lexicon import load_lexicon
    from checker.sources import read_paths

    if not args.file.exists():
        print(f"crosscheck: {args.file}: no such file", file=stderr)
        return ExitStatus.ERROR
    if not args.db.exists():
        print(f"crosscheck: {args.db}: no such store (create it with crosscheck index)", file=stderr)
        return ExitStatus.ERROR
    try:
        settings, rules, accepted = _configure(args)
    except SetupError as error:
        for problem in error.problems:
            print(f"crosscheck: {problem}", file=stderr)
        return ExitStatus.ERROR
    lexicon = load_lexicon()
    read = read_paths([args.file])
    _print_inputs(read.skipped, read.notices, stderr)
    if not read.sources:
        print(f"crosscheck: no readable article in {args.file}", file=stderr)
        return ExitStatus.ERROR
    with Store(args.db, create=False, read_only=not args.add) as store:
        new = extract_sources(read.sources, lexicon, Options(jobs=1))
        related: dict[str, object] = {}
        for item in new:
            paths = store.story(item.source.story) if item.source.story else \
                [path for path, _ in store.related(item, threshold=args.threshold)]
            for path in paths:
                if path not in {key_of(n.source) for n in new} and path not in related:
                    related[path] = store.get(path)
        story = next((i.source.story for i in new if i.source.story), "article")
        everything = [replace(i, source=replace(i.source, story=story)) for i in [*new, *related.values()]]
        report = build_report(everything, read.skipped, rules, lexicon, notices=read.notices)
        mine = {c.id for item in new for c in item.claims}
        report = replace(report, discrepancies=tuple(d for d in report.discrepancies if mine & set(d.claims)))
        if args.add:
            for item in new:
                store.put(item)
    if not args.quiet and settings["format"] == "terminal":
        stdout.write(f"crosscheck: compared with {len(related)} stored article(s) of the same story\n")
    return _deliver(report, args, settings, accepted, stdout, stderr)


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file and the problem."""


class SetupError(Exception):
    """Configuration, rules or baseline that cannot be used: every problem, each naming its file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _configure(args: argparse.Namespace) -> tuple[dict[str, Any], list[Any], frozenset[str] | None]:
    """Settings, rules and accepted fingerprints, or every problem with all three at once.

    Raises:
        SetupError: the config, a rule file or the baseline cannot be used.
    """
    from checker.config import ConfigError, load_config
    from checker.rules import RuleError, default_rule_dirs, load_rules

    problems: list[str] = []
    try:
        config = load_config(Path.cwd())
    except ConfigError as error:
        problems.extend(error.problems)
        config = {}
    settings = _settings(args, config)
    rules: list[Any] = []
    try:
        rules = load_rules(([] if args.no_default_rules else default_rule_dirs()) + settings["rules"])
    except RuleError as error:
        problems.extend(error.problems)
    accepted = None
    try:
        accepted = _read_baseline(settings["baseline"]) if settings["baseline"] else None
    except BaselineError as error:
        problems.append(str(error))
    if problems:
        raise SetupError(problems)
    return settings, rules, accepted


def _print_inputs(skipped: Sequence[Any], notices: Sequence[Any], stderr: TextIO) -> None:
    """One stderr line per skipped input and per notice."""
    for item in skipped:
        print(f"crosscheck: skipped {item.path}: {item.error}", file=stderr)
    for notice in notices:
        print(f"crosscheck: note: {notice.path}: {notice.message}", file=stderr)


def _read_baseline(path: Path) -> frozenset[str]:
    """Fingerprints from a baseline file or from a JSON report."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {error}") from error
    except RecursionError as error:
        raise BaselineError(f"{path}: cannot read baseline: nested too deeply") from error
    items = data.get("discrepancies") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise BaselineError(f"{path}: discrepancies: a baseline needs a list of discrepancy ids")
    ids = []
    for number, item in enumerate(items):
        found = item.get("id") if isinstance(item, dict) else item
        if not isinstance(found, str):
            raise BaselineError(f"{path}: discrepancies[{number}]: must be a discrepancy id or an object with an 'id'")
        ids.append(found)
    return frozenset(ids)


def _progress(stream: TextIO):  # noqa: ANN202 - a callback
    def show(done: int, total: int) -> None:
        if total < PROGRESS_AFTER:
            return
        stream.write(f"\r  reading {done:,}/{total:,} sources ({100 * done // total}%)")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def exit_status(report: Report, fail_on: str) -> ExitStatus:
    """1 when a discrepancy reaches `fail_on` ('never' never fails), else 0."""
    worst = report.worst_severity()
    if fail_on == "never" or worst is None:
        return ExitStatus.OK
    return ExitStatus.DISCREPANCIES if severity_rank(worst) >= severity_rank(fail_on) else ExitStatus.OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
