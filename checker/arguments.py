"""The command line's grammar: commands, options, their help and their checks.

Kept apart from `cli.py`, which runs the commands. Options default to None so that
`[tool.crosscheck]` can fill what a flag leaves out; each help text therefore states the
built-in default itself. A mistake on a command's line is answered with that command's usage,
as git and pytest do.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from checker import __version__
from checker.config import parse_size
from checker.model import SEVERITIES
from checker.nlp import DEFAULT_MODEL, MODEL_VARIABLE
from checker.store import RELATED_THRESHOLD

DEFAULT_JSON = Path("crosscheck-report.json")
DEFAULT_HTML = Path("crosscheck-report.html")
FILE_FORMATS = {"json": "JSON", "html": "HTML", "sarif": "SARIF", "junit": "JUnit"}  # option -> what people call it
STDIN = Path("-")
CONFIG_NOTE = ("Defaults may be set in [tool.crosscheck] of the nearest pyproject.toml at or above the working "
               "directory; flags win.")
MODEL_HELP = (f"the spaCy pipeline: an installed package or a folder, such as en_core_web_sm "
              f"(default: ${MODEL_VARIABLE}, else [tool.crosscheck] model, else {DEFAULT_MODEL})")
REPORTS_NOTE = (f"With none of --json, --html, --sarif and --junit, {DEFAULT_JSON} and {DEFAULT_HTML} are written "
                "in the working directory.")


class Parser(argparse.ArgumentParser):
    """An argument parser whose commands answer a mistake with their own usage."""

    def parse_command_line(self, argv: Sequence[str] | None) -> argparse.Namespace:
        """Parse `argv`; an unknown option is reported by the command it was given to.

        argparse hands a command's unknown options back to the top-level parser, which would
        print the top-level usage instead of the command's.

        Raises:
            SystemExit: on --help, --version and usage errors, as argparse does.
        """
        args, unknown = self.parse_known_args(argv)
        if unknown:
            commands = next(a for a in self._actions if isinstance(a, argparse._SubParsersAction))
            command = commands.choices.get(args.command, self)
            command.error(f"unrecognized arguments: {' '.join(unknown)}")
        return args


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def fraction(text: str) -> float:
    """An argparse type: a number from 0 to 1 ("nan" compares false with everything, so it is refused too)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {text}")
    return value


def size(text: str) -> int:
    """An argparse type: a byte count such as 5000000 or 5MB."""
    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> Parser:
    parser = Parser(prog="crosscheck", description="Find where news articles about one story disagree.",
                    epilog="Run 'crosscheck COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"crosscheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check a set of articles against each other",
                                description="Check articles against each other and write the reports. "
                                            + REPORTS_NOTE + " " + CONFIG_NOTE)
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                       help="an article (.txt, .md, .html, .jsonl) or a folder of them (searched recursively); "
                            "'-' reads one article from standard input")
    _report_arguments(check)
    check.add_argument("--db", type=Path, metavar="FILE",
                       help="reuse (and add to) the claims stored in this store (default: no store)")
    check.add_argument("--stories", choices=["field", "folder", "auto"], default=None,
                       help="how sources form stories: a 'story' field or 'Story:' header, else one story "
                            "(field, the default); one story per folder; or clustered by shared names (auto)")
    _reading_arguments(check)
    check.add_argument("--engine", choices=["local", "dask"], default=None,
                       help="where extraction runs: here (local, the default) or on Dask workers")
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: an existing scheduler (tcp://host:8786) "
                            "(default: a LocalCluster of --jobs workers)")
    check.add_argument("--strict", action="store_true", default=None,
                       help="exit 2 when any input was skipped (default: skipped inputs are reported only)")
    _quiet_argument(check)

    index = commands.add_parser("index", help="add or refresh articles in a stored corpus",
                                description="Store the claims of articles in a SQLite store; unchanged files "
                                            "are not read again. " + CONFIG_NOTE)
    index.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                       help="an article (.txt, .md, .html, .jsonl) or a folder of them (searched recursively)")
    index.add_argument("--db", type=Path, required=True, metavar="FILE", help="the store (created when missing)")
    index.add_argument("--prune", action="store_true",
                       help="remove stored files under PATH that are gone (default: keep them)")
    _reading_arguments(index)
    _quiet_argument(index)

    article = commands.add_parser("check-article", help="check a new article against a stored corpus",
                                  description="Find the stored articles of the same story and report only the "
                                              "discrepancies that involve the new article. " + REPORTS_NOTE + " "
                                              + CONFIG_NOTE)
    article.add_argument("file", type=Path, metavar="FILE",
                         help="the new article (.txt, .md, .html, .jsonl); '-' reads it from standard input")
    article.add_argument("--db", type=Path, required=True, metavar="FILE", help="the store to check against")
    _report_arguments(article)
    article.add_argument("--add", action="store_true", help="store the article afterwards (default: do not)")
    article.add_argument("--threshold", type=fraction, default=RELATED_THRESHOLD, metavar="S",
                         help="how alike a stored article must be to count as the same story "
                              f"(0..1, default {RELATED_THRESHOLD}; lower finds more, and more of other stories)")
    article.add_argument("--model", metavar="NAME", help=MODEL_HELP)
    _quiet_argument(article)
    return parser


def _reading_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--jobs", type=positive_int, default=None, metavar="N",
                         help="parser processes, at least 1 (default: the number of cores)")
    command.add_argument("--max-bytes", type=size, default=None, metavar="SIZE",
                         help="skip files (and JSONL records) larger than this, e.g. 5MB or 5000000 (default: 5MB)")
    command.add_argument("--model", metavar="NAME", help=MODEL_HELP)


def _quiet_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--quiet", action="store_true",
                         help="print nothing but errors and skipped inputs (default: a summary and progress)")


def _report_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--rules", action="append", type=Path, default=None, metavar="DIR",
                         help="a folder of extra rule files (repeatable; default: only the built-in rules)")
    command.add_argument("--no-default-rules", action="store_true", help="use only the --rules folders")
    defaults = {"json": f" (default: {DEFAULT_JSON} when no report is named)",
                "html": f" (default: {DEFAULT_HTML} when no report is named)"}
    for fmt, name in FILE_FORMATS.items():
        command.add_argument(f"--{fmt}", type=Path, metavar="FILE",
                             help=f"write the {name} report to FILE{defaults.get(fmt, '')}")
    command.add_argument("--format", choices=["terminal", "github"], default=None,
                         help="what to print on stdout: a summary (terminal, the default) or GitHub workflow "
                              "annotations")
    command.add_argument("--fail-on", choices=[*reversed(SEVERITIES), "never"], default=None,
                         help="exit 1 when a discrepancy at or above this severity is found and is in no baseline "
                              "(default: error)")
    command.add_argument("--baseline", type=Path, metavar="FILE",
                         help="accept the discrepancies listed in FILE (from --write-baseline or a JSON report)")
    command.add_argument("--write-baseline", type=Path, metavar="FILE",
                         help="write this run's discrepancies to FILE as a baseline; they are accepted in this run "
                              "too, so the run exits 0 unless an input error occurs")
