"""GitHub Actions workflow commands: one annotation per discrepancy, on its first claim, and a
warning per skipped input.
"""
from __future__ import annotations

from checker.model import Report
from checker.report.locations import locate
from checker.report.untrusted import for_terminal

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """A command's message: line breaks encoded as GitHub decodes them, other controls made visible."""
    return for_terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    name = "github"

    def render(self, report: Report) -> str:
        by_id = {c.id: c for c in report.claims}
        sources = {s.id: s for s in report.sources}
        lines = []
        for d in report.discrepancies:
            if d.baseline_state == "unchanged":
                continue
            claim = by_id[d.claims[0]]
            where = locate(claim, sources[claim.source])
            place = f"file={_property(where.path)}"
            if where.line is not None:
                place += f",line={where.line},col={where.column},endLine={where.end_line},endColumn={where.end_column}"
            title = _property(f"{d.rule} {d.slug} [{d.severity}]")
            lines.append(f"::{_COMMAND[d.severity]} {place},title={title}::{_data(d.message + ' (' + d.reason + ')')}")
        for skipped in report.skipped:
            where = _property(skipped.path)
            lines.append(f"::warning file={where},title=crosscheck skipped input::{_data(skipped.error)}")
        return "\n".join(lines) + ("\n" if lines else "")
