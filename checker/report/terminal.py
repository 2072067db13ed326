"""A short summary for people at a terminal and for CI logs."""
from __future__ import annotations

from collections import Counter

from checker.model import Report

_MARK = {"error": "E", "warning": "W", "info": "I"}


class TerminalReporter:
    name = "terminal"

    def render(self, report: Report) -> str:
        by_id = {c.id: c for c in report.claims}
        counts = Counter(d.severity for d in report.discrepancies)
        summary = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s]) or "none"
        lines = [f"crosscheck: {len(report.sources)} sources, {len(report.claims)} claims, "
                 f"{len(report.discrepancies)} discrepancies ({summary}) in {report.elapsed:.1f}s"]
        lines.extend(f"  note: {note}" for note in report.notes)
        for d in report.discrepancies:
            said = dict.fromkeys(f"{by_id[c].source}: {by_id[c].text}" for c in d.claims if c in by_id)
            accepted = " (in baseline)" if d.baseline_state == "unchanged" else ""
            agreement = f" [sources: {d.consensus.summary()}]" if d.consensus else ""
            lines.append(f"  {_MARK[d.severity]} {d.rule} {d.slug} [{d.reason}]{accepted} {d.topic}{agreement} -- "
                         f"{'; '.join(said)}")
        for skipped in report.skipped:
            lines.append(f"  skipped {skipped.path}: {skipped.error}")
        return "\n".join(lines) + "\n"
