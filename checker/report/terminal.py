"""A short summary for people at a terminal and for CI logs.

Every line passes through `for_terminal`: ids, file names and article text cannot break a line
(forging a CI command) or send escape sequences to the reader's terminal.
"""
from __future__ import annotations

from collections import Counter

from checker.model import Report
from checker.report.untrusted import for_terminal

_MARK = {"error": "E", "warning": "W", "info": "I"}
_SEVERITY_PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}


class TerminalReporter:
    name = "terminal"

    def render(self, report: Report) -> str:
        by_id = {c.id: c for c in report.claims}
        counts = Counter(d.severity for d in report.discrepancies)
        summary = ", ".join(plural(counts[s], s, _SEVERITY_PLURAL[s]) for s in _SEVERITY_PLURAL if counts[s]) or "none"
        skipped = f", {len(report.skipped):,} skipped" if report.skipped else ""
        lines = [f"crosscheck: {plural(len(report.sources), 'source')}, {plural(len(report.claims), 'claim')}, "
                 f"{plural(len(report.discrepancies), 'discrepancy', 'discrepancies')} ({summary}){skipped} "
                 f"in {report.elapsed:.1f}s"]
        lines.extend(f"  note: {note}" for note in report.notes)
        for d in report.discrepancies:
            said = dict.fromkeys(f"{by_id[c].source}: {by_id[c].text}" for c in d.claims if c in by_id)
            accepted = " (in baseline)" if d.baseline_state == "unchanged" else ""
            agreement = f" [sources: {d.consensus.summary()}]" if d.consensus else ""
            lines.append(f"  {_MARK[d.severity]} {d.rule} {d.slug} [{d.reason}]{accepted} {d.topic}{agreement} -- "
                         f"{'; '.join(said)}")
        # skipped inputs are listed once, on stderr, by the command
        return "\n".join(for_terminal(line) for line in lines) + "\n"


def plural(number: int, singular: str, plural_form: str | None = None) -> str:
    """"1 source", "2 sources", "1 discrepancy", "3 discrepancies"."""
    return f"{number:,} {singular if number == 1 else plural_form or singular + 's'}"
