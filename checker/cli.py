"""The command line: `crosscheck check PATH...` and friends.

`main(argv)` returns an exit status and never exits itself (only `__main__` and the console
script do), so tests call it directly. Heavy libraries are imported inside the commands, so
`crosscheck --version` and `--help` answer at once.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checker import __version__
from checker.model import SEVERITIES, ExitStatus, Report, severity_rank

DEFAULT_JSON = Path("crosscheck-report.json")
DEFAULT_HTML = Path("crosscheck-report.html")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosscheck", description="Find where news articles about one story disagree.")
    parser.add_argument("--version", action="version", version=f"crosscheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check a set of articles against each other",
                                description="Check articles (.txt, .md, .html, .jsonl; folders recursively) "
                                            "against each other and write the reports.")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    check.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR",
                       help="a folder of extra rule files (repeatable)")
    check.add_argument("--no-default-rules", action="store_true", help="use only the --rules folders")
    check.add_argument("--json", type=Path, metavar="FILE", help=f"JSON report (default {DEFAULT_JSON})")
    check.add_argument("--html", type=Path, metavar="FILE", help=f"HTML report (default {DEFAULT_HTML})")
    check.add_argument("--fail-on", choices=[*reversed(SEVERITIES), "never"], default="error",
                       help="exit 1 when a discrepancy at or above this severity is found (default: error)")
    check.add_argument("--stories", choices=["field", "folder"], default="field",
                       help="how sources form stories: a 'story' field or 'Story:' header (default), "
                            "or one story per folder")
    check.add_argument("--jobs", type=int, default=0, metavar="N", help="parser processes (default: cores, max 4)")
    check.add_argument("--max-bytes", type=int, default=5_000_000, metavar="N", help="skip files larger than this")
    check.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser


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
    try:
        return _check(args, stdout, stderr)
    except KeyboardInterrupt:
        print("crosscheck: interrupted; earlier reports were left as they were", file=stderr)
        return ExitStatus.INTERRUPTED


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from checker.engine import Options, run
    from checker.lexicon import LexiconError, load_lexicon
    from checker.report import reporters, write
    from checker.rules import RuleError, default_rule_dirs, load_rules

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"crosscheck: {path}: no such file or folder", file=stderr)
        return ExitStatus.ERROR
    try:
        rule_dirs = ([] if args.no_default_rules else default_rule_dirs()) + list(args.rules)
        rules = load_rules(rule_dirs)
        lexicon = load_lexicon()
    except RuleError as error:
        for problem in error.problems:
            print(f"crosscheck: {problem}", file=stderr)
        return ExitStatus.ERROR
    except LexiconError as error:
        print(f"crosscheck: {error}", file=stderr)
        return ExitStatus.ERROR
    jobs = args.jobs if args.jobs > 0 else min(4, os.cpu_count() or 1)
    report = run(args.paths, rules, lexicon, Options(stories=args.stories, max_bytes=args.max_bytes, jobs=jobs))
    for skipped in report.skipped:
        print(f"crosscheck: skipped {skipped.path}: {skipped.error}", file=stderr)
    if not report.sources:
        print("crosscheck: no readable articles in " + ", ".join(map(str, args.paths)), file=stderr)
        return ExitStatus.ERROR
    outputs = {"json": args.json, "html": args.html}
    if not any(outputs.values()):
        outputs = {"json": DEFAULT_JSON, "html": DEFAULT_HTML}
    for fmt, path in outputs.items():
        if path is not None:
            try:
                write(report, fmt, path)
            except OSError as error:
                print(f"crosscheck: {path}: cannot write report: {error.strerror or error}", file=stderr)
                return ExitStatus.ERROR
    if not args.quiet:
        stdout.write(reporters()["terminal"].render(report))
        for fmt, path in outputs.items():
            if path is not None:
                stdout.write(f"  {fmt} report: {path}\n")
    return exit_status(report, args.fail_on)


def exit_status(report: Report, fail_on: str) -> ExitStatus:
    """1 when a discrepancy reaches `fail_on` ('never' never fails), else 0."""
    worst = report.worst_severity()
    if fail_on == "never" or worst is None:
        return ExitStatus.OK
    return ExitStatus.DISCREPANCIES if severity_rank(worst) >= severity_rank(fail_on) else ExitStatus.OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
