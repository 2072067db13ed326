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
    check.add_argument("--rules", action="append", type=Path, default=None, metavar="DIR",
                       help="a folder of extra rule files (repeatable)")
    check.add_argument("--no-default-rules", action="store_true", help="use only the --rules folders")
    for fmt in FILE_FORMATS:
        check.add_argument(f"--{fmt}", type=Path, metavar="FILE", help=f"write the {fmt.upper()} report to FILE")
    check.add_argument("--format", choices=["terminal", "github"], default=None,
                       help="what to print on stdout: a summary (default) or GitHub workflow annotations")
    check.add_argument("--fail-on", choices=[*reversed(SEVERITIES), "never"], default=None,
                       help="exit 1 when a discrepancy at or above this severity is found (default: error)")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="accept the discrepancies listed in FILE (from --write-baseline or a JSON report)")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="write this run's discrepancies as a baseline")
    check.add_argument("--stories", choices=["field", "folder", "auto"], default=None,
                       help="how sources form stories: a 'story' field or 'Story:' header (default), "
                            "one story per folder, or clustered by shared names (auto)")
    check.add_argument("--jobs", type=int, default=None, metavar="N", help="parser processes (default: the cores)")
    check.add_argument("--max-bytes", type=int, default=None, metavar="N", help="skip files larger than this")
    check.add_argument("--strict", action="store_true", default=None, help="exit 2 when any input was skipped")
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
        print("crosscheck: interrupted; reports already on disk were left as they were", file=stderr)
        return ExitStatus.INTERRUPTED


def _settings(args: argparse.Namespace, config: dict[str, Any]) -> dict[str, Any]:
    """Flags, else `[tool.crosscheck]`, else the built-in defaults."""
    def pick(flag: Any, key: str, default: Any) -> Any:
        return flag if flag is not None else config.get(key, default)

    outputs = {fmt: pick(getattr(args, fmt), fmt, None) for fmt in FILE_FORMATS}
    if not any(outputs.values()):
        outputs.update(json=DEFAULT_JSON, html=DEFAULT_HTML)
    return {
        "outputs": {fmt: Path(path) for fmt, path in outputs.items() if path},
        "rules": [Path(p) for p in pick(args.rules, "rules", [])],
        "fail_on": pick(args.fail_on, "fail-on", "error"),
        "format": pick(args.format, "format", "terminal"),
        "baseline": pick(args.baseline, "baseline", None),
        "stories": pick(args.stories, "stories", "field"),
        "jobs": pick(args.jobs, "jobs", os.cpu_count() or 1),
        "max_bytes": pick(args.max_bytes, "max-bytes", 5_000_000),
        "strict": pick(args.strict, "strict", False),
    }


def _check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from checker.config import ConfigError, load_config
    from checker.engine import Options, run
    from checker.lexicon import LexiconError, load_lexicon
    from checker.report import reporters, write
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
    options = Options(stories=settings["stories"], max_bytes=settings["max_bytes"], jobs=max(1, settings["jobs"]))
    report = run(args.paths, rules, lexicon, options, progress=progress)
    if accepted is not None:
        report = replace(report, discrepancies=tuple(
            replace(d, baseline_state="unchanged" if d.id in accepted else "new") for d in report.discrepancies))
    for skipped in report.skipped:
        print(f"crosscheck: skipped {skipped.path}: {skipped.error}", file=stderr)
    if not report.sources:
        return fail("no readable articles in " + ", ".join(map(str, args.paths)))
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
