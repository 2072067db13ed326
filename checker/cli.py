"""The command line: `crosscheck check PATH...`.

`main(argv)` returns an exit status and never exits itself (only `__main__` and the console
script do), so tests call it directly. Heavy libraries are imported inside the commands, so
`crosscheck --version` and `--help` answer at once.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from checker import __version__
from checker.model import SEVERITIES, ExitStatus, Report, severity_rank
from checker.store import RELATED_THRESHOLD, Store, StoreError

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
    article.add_argument("--threshold", type=float, default=RELATED_THRESHOLD, metavar="S",
                         help="how alike a stored article must be to count as the same story "
                              f"(default {RELATED_THRESHOLD})")
    article.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser


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


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help, --version and usage errors
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help(stderr)
        return ExitStatus.ERROR
    command = {"check": _check, "index": _index, "check-article": _check_article}[args.command]
    try:
        return command(args, stdout, stderr)
    except StoreError as error:
        print(f"crosscheck: {error}", file=stderr)
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        print("crosscheck: interrupted; reports already on disk were left as they were", file=stderr)
        return ExitStatus.INTERRUPTED


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
        "baseline": pick(getattr(args, "baseline", None), "baseline", None),
        "stories": pick(getattr(args, "stories", None), "stories", "field"),
        "jobs": pick(getattr(args, "jobs", None), "jobs", os.cpu_count() or 1),
        "max_bytes": pick(getattr(args, "max_bytes", None), "max-bytes", 5_000_000),
        "strict": pick(getattr(args, "strict", None), "strict", False),
        "engine": pick(getattr(args, "engine", None), "engine", "local"),
        "scheduler": pick(getattr(args, "scheduler", None), "scheduler", None),
    }


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from checker.config import ConfigError, load_config
    from checker.distributed import DaskUnavailable
    from checker.engine import Options, run
    from checker.lexicon import LexiconError, load_lexicon
    from checker.rules import RuleError, default_rule_dirs, load_rules

    def fail(*messages: str) -> int:
        for message in messages:
            print(f"crosscheck: {message}", file=stderr)
        return ExitStatus.ERROR

    try:
        settings = _settings(args, load_config(Path.cwd()))
        rules = load_rules(([] if args.no_default_rules else default_rule_dirs()) + settings["rules"])
        lexicon = load_lexicon()
        accepted = _read_baseline(settings["baseline"]) if settings["baseline"] else None
    except (ConfigError, RuleError) as error:
        return fail(*error.problems)
    except (LexiconError, BaselineError) as error:
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
    for skipped in report.skipped:
        print(f"crosscheck: skipped {skipped.path}: {skipped.error}", file=stderr)
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
    try:
        for fmt, path in settings["outputs"].items():
            write(report, fmt, path)
        if args.write_baseline:
            from checker.atomic import write_text

            write_text(args.write_baseline, json.dumps(
                {"schema": "crosscheck.baseline/1", "discrepancies": sorted(d.id for d in report.discrepancies)},
                indent=2) + "\n")
    except OSError as error:
        return fail(f"{error.filename}: cannot write report: {error.strerror or error}")
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
    from checker.sources import read_paths

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"crosscheck: {path}: no such file or folder", file=stderr)
        return ExitStatus.ERROR
    settings = _settings(args, {})
    with Store(args.db) as store:
        read = read_paths(args.paths, max_bytes=settings["max_bytes"])
        for skipped in read.skipped:
            print(f"crosscheck: skipped {skipped.path}: {skipped.error}", file=stderr)
        if not read.sources:
            print("crosscheck: no readable articles in " + ", ".join(map(str, args.paths)), file=stderr)
            return ExitStatus.ERROR
        unchanged = sum(store.fresh(s) for s in read.sources)
        progress = _progress(stderr) if not args.quiet and stderr.isatty() else None
        extract_sources(read.sources, load_lexicon(), Options(jobs=max(1, settings["jobs"])), progress=progress,
                        store=store)
        pruned = 0
        if args.prune:  # stored articles under PATH that this read did not find any more
            seen = {s.path for s in read.sources}
            pruned = store.remove(p for p in store.paths() if _under(p, args.paths) and p not in seen)
    if not args.quiet:
        stdout.write(f"crosscheck: {args.db}: {len(read.sources) - unchanged} new or changed, {unchanged} unchanged, "
                     f"{pruned} pruned, {len(read.skipped)} skipped\n")
    return ExitStatus.OK


def _under(stored: str, paths: Sequence[Path]) -> bool:
    file = Path(stored.partition("#")[0]).resolve()
    return any(file == p.resolve() or p.resolve() in file.parents for p in paths)


def _check_article(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from checker.engine import Options, build_report, extract_sources
    from checker.lexicon import load_lexicon
    from checker.rules import RuleError, default_rule_dirs, load_rules
    from checker.sources import read_paths

    if not args.file.exists():
        print(f"crosscheck: {args.file}: no such file", file=stderr)
        return ExitStatus.ERROR
    if not args.db.exists():
        print(f"crosscheck: {args.db}: no such store (create it with crosscheck index)", file=stderr)
        return ExitStatus.ERROR
    try:
        from checker.config import ConfigError, load_config

        settings = _settings(args, load_config(Path.cwd()))
        rules = load_rules(([] if args.no_default_rules else default_rule_dirs()) + settings["rules"])
        accepted = _read_baseline(settings["baseline"]) if settings["baseline"] else None
    except (ConfigError, RuleError) as error:
        for problem in error.problems:
            print(f"crosscheck: {problem}", file=stderr)
        return ExitStatus.ERROR
    except BaselineError as error:
        print(f"crosscheck: {error}", file=stderr)
        return ExitStatus.ERROR
    lexicon = load_lexicon()
    read = read_paths([args.file])
    if not read.sources:
        for skipped in read.skipped:
            print(f"crosscheck: {skipped.path}: {skipped.error}", file=stderr)
        return ExitStatus.ERROR
    with Store(args.db, create=False) as store:
        new = extract_sources(read.sources, lexicon, Options(jobs=1))
        related: dict[str, object] = {}
        for item in new:
            paths = store.story(item.source.story) if item.source.story else \
                [path for path, _ in store.related(item, threshold=args.threshold)]
            for path in paths:
                if path not in {n.source.path for n in new} and path not in related:
                    related[path] = store.get(path)
        story = next((i.source.story for i in new if i.source.story), "article")
        everything = [replace(i, source=replace(i.source, story=story)) for i in [*new, *related.values()]]
        report = build_report(everything, read.skipped, rules, lexicon)
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


def _read_baseline(path: Path) -> frozenset[str]:
    """Fingerprints from a baseline file or from a JSON report."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {error}") from error
    items = data.get("discrepancies") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise BaselineError(f"{path}: discrepancies: a baseline needs a list of discrepancy ids")
    return frozenset(item["id"] if isinstance(item, dict) else str(item) for item in items)


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
