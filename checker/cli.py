"""The command line: `crosscheck check PATH...`, `index` and `check-article`.

`main(argv)` returns an exit status and never exits itself (only `__main__` and the console
script do), so tests call it directly with their own streams and environment. Heavy libraries
are imported inside the commands, so `crosscheck --version` and `--help` answer at once. The
grammar (options, help, checks) lives in `arguments.py`.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from checker.arguments import DEFAULT_HTML, DEFAULT_JSON, FILE_FORMATS, STDIN, build_parser
from checker.model import ExitStatus, Notice, Report, Skipped, severity_rank
from checker.nlp import DEFAULT_MODEL, MODEL_VARIABLE, ModelError
from checker.report.targets import target_problems
from checker.report.terminal import plural
from checker.report.untrusted import for_terminal
from checker.sources import DEFAULT_MAX_BYTES
from checker.store import Store, StoreError, key_of
from checker.workers import WorkerError

PROGRESS_AFTER = 20  # sources: smaller runs finish before a progress line helps
PROGRESS_STEP = 10  # percent between two progress lines when stderr is not a terminal


@dataclass(frozen=True)
class Console:
    """Where a command reads and writes, and the environment it sees."""

    stdin: BinaryIO | None
    stdout: TextIO
    stderr: TextIO
    env: Mapping[str, str]

    def error(self, *messages: str) -> ExitStatus:
        """Print each message as an error line; the usage/input error status."""
        for message in messages:
            self.say(message)
        return ExitStatus.ERROR

    def say(self, message: str) -> None:
        """One line on stderr; file names and ids in it cannot break the line or drive the terminal."""
        print(f"crosscheck: {for_terminal(message)}", file=self.stderr)


@dataclass(frozen=True)
class Settings:
    """What a command runs with: its flags, else `[tool.crosscheck]`, else the built-in defaults."""

    outputs: dict[str, Path]
    rules: list[Path]
    fail_on: str
    format: str
    baseline: Path | None
    stories: str
    jobs: int
    max_bytes: int
    strict: bool
    engine: str
    scheduler: str | None
    model: str


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every cleanup on the way out runs (workers, temp files)."""


def main(argv: Sequence[str] | None = None, *, stdin: BinaryIO | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None, env: Mapping[str, str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Whatever happens inside a command ends in a documented status: a bad store or a failed
    parser process is 2 with a message, SIGINT 130 and SIGTERM 143, and even a bug is 2 (with
    its traceback), never the 1 that CI reads as "discrepancies found".
    """
    console = Console(stdin if stdin is not None else getattr(sys.stdin, "buffer", None), stdout or sys.stdout,
                      stderr or sys.stderr, os.environ if env is None else env)
    parser = build_parser()
    try:
        with redirect_stdout(console.stdout), redirect_stderr(console.stderr):
            args = parser.parse_command_line(argv)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help(console.stderr)
        return ExitStatus.ERROR
    command = {"check": _check, "index": _index, "check-article": _check_article}[args.command]
    try:
        with _terminate_raises():
            return command(args, console)
    except (StoreError, ModelError, WorkerError) as error:
        return console.error(str(error))
    except Terminated:
        console.say("terminated; reports already on disk were left as they were")
        return ExitStatus.TERMINATED
    except KeyboardInterrupt:
        console.say("interrupted; reports already on disk were left as they were")
        return ExitStatus.INTERRUPTED
    except Exception as error:  # a bug: say so, keep the traceback for the report, exit as an error
        traceback.print_exc(file=console.stderr)
        return console.error(f"internal error: {type(error).__name__}: {error}")


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


def settings_of(args: argparse.Namespace, config: dict[str, Any], env: Mapping[str, str]) -> Settings:
    """Flags, else `[tool.crosscheck]`, else the built-in defaults; the model also from `$CROSSCHECK_MODEL`."""
    def pick(key: str, default: Any) -> Any:
        flag = getattr(args, key.replace("-", "_"), None)
        return flag if flag is not None else config.get(key, default)

    outputs = {fmt: pick(fmt, None) for fmt in FILE_FORMATS}
    if not any(outputs.values()):
        outputs.update(json=DEFAULT_JSON, html=DEFAULT_HTML)
    baseline = pick("baseline", None)
    return Settings(
        outputs={fmt: Path(path) for fmt, path in outputs.items() if path},
        rules=[Path(p) for p in pick("rules", [])],
        fail_on=pick("fail-on", "error"),
        format=pick("format", "terminal"),
        baseline=Path(baseline) if baseline else None,
        stories=pick("stories", "field"),
        jobs=pick("jobs", os.cpu_count() or 1),
        max_bytes=pick("max-bytes", DEFAULT_MAX_BYTES),
        strict=pick("strict", False),
        engine=pick("engine", "local"),
        scheduler=pick("scheduler", None),
        model=getattr(args, "model", None) or env.get(MODEL_VARIABLE) or config.get("model", DEFAULT_MODEL),
    )


def _check(args: argparse.Namespace, console: Console) -> int:
    from checker.distributed import DaskUnavailable
    from checker.engine import Options, run
    from checker.lexicon import LexiconError, load_lexicon

    try:
        settings, rules, accepted = _configure(args, console)
        lexicon = load_lexicon()
    except SetupError as error:
        return console.error(*error.problems)
    except LexiconError as error:
        return console.error(str(error))
    missing = [p for p in args.paths if p != STDIN and not p.exists()]
    if missing:
        return console.error(*(f"{path}: no such file or folder" for path in missing))
    problems = target_problems(_targets(args, settings), [p for p in args.paths if p != STDIN], store=args.db)
    if problems:
        return console.error(*problems)
    progress = None if args.quiet else progress_printer(console.stderr)
    options = Options(stories=settings.stories, max_bytes=settings.max_bytes, jobs=settings.jobs,
                      engine=settings.engine, scheduler=settings.scheduler, model=settings.model)
    try:
        if args.db is not None:
            with Store(args.db, model=settings.model) as store:
                report = run(args.paths, rules, lexicon, options, progress=progress, store=store, stdin=console.stdin)
        else:
            report = run(args.paths, rules, lexicon, options, progress=progress, stdin=console.stdin)
    except DaskUnavailable as error:
        return console.error(str(error))
    _print_inputs(report.skipped, report.notices, console)
    if not report.sources:
        return console.error("no readable articles in " + ", ".join(map(str, args.paths)))
    return _deliver(report, args, settings, accepted, console)


def _targets(args: argparse.Namespace, settings: Settings) -> dict[str, Path]:
    """Every file this run will write, by the option that names it."""
    targets = {f"--{fmt}": path for fmt, path in settings.outputs.items()}
    if args.write_baseline:
        targets["--write-baseline"] = args.write_baseline
    return targets


def _deliver(report: Report, args: argparse.Namespace, settings: Settings, accepted: frozenset[str] | None,
             console: Console) -> int:
    """Mark baseline discrepancies, write every report, print the summary, decide the exit status."""
    from checker.atomic import write_text
    from checker.report import reporters, write

    if accepted is not None:
        report = replace(report, discrepancies=tuple(
            replace(d, baseline_state="unchanged" if d.id in accepted else "new") for d in report.discrepancies))
    for fmt, path in settings.outputs.items():
        try:
            write(report, fmt, path)
        except OSError as error:  # the temp file's name would mean nothing to the user: name theirs
            return console.error(f"{path}: cannot write the {FILE_FORMATS[fmt]} report: {error.strerror or error}")
    if args.write_baseline:
        try:
            write_text(args.write_baseline, json.dumps(
                {"schema": "crosscheck.baseline/1", "discrepancies": sorted(d.id for d in report.discrepancies)},
                indent=2) + "\n")
        except OSError as error:
            return console.error(f"{args.write_baseline}: cannot write the baseline: {error.strerror or error}")
    if not args.quiet:
        console.stdout.write(reporters()[settings.format].render(report))
        if settings.format == "terminal":
            for fmt, path in settings.outputs.items():
                console.stdout.write(for_terminal(f"  {fmt} report: {path}") + "\n")
        if args.write_baseline:
            found = plural(len(report.discrepancies), "discrepancy", "discrepancies")
            console.say(f"wrote the baseline {args.write_baseline} ({found}); runs with --baseline "
                        f"{args.write_baseline} accept them")
    if settings.strict and report.skipped:
        return console.error(f"{plural(len(report.skipped), 'input')} skipped (--strict)")
    if args.write_baseline:  # every discrepancy found is now in a baseline: none is left to fail the run
        return ExitStatus.OK
    return exit_status(report, settings.fail_on)


def _index(args: argparse.Namespace, console: Console) -> int:
    from checker.config import ConfigError, load_config
    from checker.engine import Options, extract_sources
    from checker.lexicon import load_lexicon
    from checker.sources import location, read_paths

    if STDIN in args.paths:
        return console.error("'-' (standard input) cannot be indexed: the store keeps articles by their file")
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        return console.error(*(f"{path}: no such file or folder" for path in missing))
    try:
        settings = settings_of(args, load_config(Path.cwd()), console.env)
    except ConfigError as error:
        return console.error(*error.problems)
    with Store(args.db, model=settings.model) as store:
        read = read_paths(args.paths, max_bytes=settings.max_bytes)
        _print_inputs(read.skipped, read.notices, console)
        if not read.sources:
            return console.error("no readable articles in " + ", ".join(map(str, args.paths)))
        unchanged = sum(store.fresh(s) for s in read.sources)
        progress = None if args.quiet else progress_printer(console.stderr)
        extract_sources(read.sources, load_lexicon(), Options(jobs=settings.jobs, model=settings.model),
                        progress=progress, store=store)
        pruned = 0
        if args.prune:  # stored articles under PATH that this read did not find any more
            seen = {key_of(s) for s in read.sources}
            roots = [location(path) for path in args.paths]
            pruned = store.remove(key for key in store.paths() if _under(key, roots) and key not in seen)
    if not args.quiet:
        console.stdout.write(for_terminal(f"crosscheck: {args.db}: {len(read.sources) - unchanged} new or changed, "
                                          f"{unchanged} unchanged, {pruned} pruned, {len(read.skipped)} skipped")
                             + "\n")
    return ExitStatus.OK


def _under(key: str, roots: Sequence[str]) -> bool:
    """Whether a stored key (a resolved path, "#record" for JSONL) is one of `roots`, a record of one,
    or inside one. Keys stored relative by old versions lie under no root, so they are never pruned."""
    return any(key == root or key.startswith((root + "#", root.rstrip(os.sep) + os.sep)) for root in roots)


def _check_article(args: argparse.Namespace, console: Console) -> int:
    from checker.engine import Options, build_report, extract_sources
    from checker.lexicon import load_lexicon
    from checker.sources import read_paths

    started = time.perf_counter()
    if args.file != STDIN and not args.file.exists():
        return console.error(f"{args.file}: no such file")
    if not args.db.exists():
        return console.error(f"{args.db}: no such store (create it with crosscheck index)")
    try:
        settings, rules, accepted = _configure(args, console)
    except SetupError as error:
        return console.error(*error.problems)
    problems = target_problems(_targets(args, settings), [args.file] if args.file != STDIN else [], store=args.db)
    if problems:
        return console.error(*problems)
    lexicon = load_lexicon()
    read = read_paths([args.file], stdin=console.stdin)
    _print_inputs(read.skipped, read.notices, console)
    if not read.sources:
        return console.error(f"no readable article in {args.file}")
    # only read unless --add: a store one may not write still serves
    with Store(args.db, create=False, model=settings.model, read_only=not args.add) as store:
        new = extract_sources(read.sources, lexicon, Options(jobs=1, model=settings.model))
        related: dict[str, object] = {}
        for item in new:
            paths = store.story(item.source.story) if item.source.story else \
                [path for path, _ in store.related(item, threshold=args.threshold)]
            for path in paths:
                if path not in {key_of(n.source) for n in new} and path not in related:
                    related[path] = store.get(path)
        story = next((i.source.story for i in new if i.source.story), "article")
        everything = [replace(i, source=replace(i.source, story=story)) for i in [*new, *related.values()]]
        report = build_report(everything, read.skipped, rules, lexicon, started=started, notices=read.notices)
        mine = {c.id for item in new for c in item.claims}
        report = replace(report, discrepancies=tuple(d for d in report.discrepancies if mine & set(d.claims)))
        if args.add:
            for item in new:
                store.put(item)
    if not args.quiet and settings.format == "terminal":
        compared = plural(len(related), "stored article")
        console.stdout.write(f"crosscheck: compared with {compared} of the same story\n")
    return _deliver(report, args, settings, accepted, console)


def _print_inputs(skipped: Iterable[Skipped], notices: Iterable[Notice], console: Console) -> None:
    """Each skipped input and each notice once, on stderr (the summary only counts skipped inputs)."""
    for item in skipped:
        console.say(f"skipped {item.path}: {item.error}")
    for notice in notices:
        console.say(f"note: {notice.path}: {notice.message}")


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file and the problem."""


class SetupError(Exception):
    """Configuration, rules or baseline that cannot be used: every problem, each naming its file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _configure(args: argparse.Namespace, console: Console) -> tuple[Settings, list[Any], frozenset[str] | None]:
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
    settings = settings_of(args, config, console.env)
    rules: list[Any] = []
    try:
        rules = load_rules(([] if args.no_default_rules else default_rule_dirs()) + settings.rules)
    except RuleError as error:
        problems.extend(error.problems)
    accepted = None
    try:
        accepted = _read_baseline(settings.baseline) if settings.baseline else None
    except BaselineError as error:
        problems.append(str(error))
    if problems:
        raise SetupError(problems)
    return settings, rules, accepted


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


def progress_printer(stream: TextIO) -> Callable[[int, int], None]:
    """A progress callback for long runs: one updating line at a terminal, else a line every ~10%.

    CI logs and redirected stderr see no terminal, but a run of thousands of articles still
    needs a sign of life; one line per step keeps such logs short.
    """
    at_terminal = stream.isatty()
    shown = 0  # progress steps printed so far

    def show(done: int, total: int) -> None:
        nonlocal shown
        if total < PROGRESS_AFTER:
            return
        percent = 100 * done // total
        if at_terminal:
            stream.write(f"\r  reading {done:,}/{total:,} sources ({percent}%)" + ("\n" if done == total else ""))
        elif percent // PROGRESS_STEP > shown:
            shown = percent // PROGRESS_STEP
            stream.write(f"crosscheck: read {done:,}/{total:,} sources ({percent}%)\n")
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
