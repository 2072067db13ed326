"""Stage 5: reports. One module per format behind one interface, picked by name.

A reporter turns a `Report` into text; it recomputes nothing. `write()` owns the file and
writes it atomically, so a failed or interrupted run never leaves half a report behind.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from checker.atomic import write_text
from checker.model import Report


class Reporter(Protocol):
    name: str

    def render(self, report: Report) -> str: ...


def reporters() -> dict[str, Reporter]:
    """Every output format by name (imported here, not at start-up)."""
    from checker.report.github import GithubReporter
    from checker.report.html import HtmlReporter
    from checker.report.json import JsonReporter
    from checker.report.junit import JunitReporter
    from checker.report.sarif import SarifReporter
    from checker.report.terminal import TerminalReporter

    return {r.name: r for r in (JsonReporter(), HtmlReporter(), SarifReporter(), JunitReporter(),
                                GithubReporter(), TerminalReporter())}


def write(report: Report, fmt: str, path: Path) -> None:
    """Render `report` as `fmt` into `path`, atomically."""
    write_text(path, reporters()[fmt].render(report))
