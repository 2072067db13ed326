"""SARIF 2.1.0, for code-scanning dashboards: one result per discrepancy, every claim located,
and a tool notification per input that could not be read.
"""
from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.model import Claim, Discrepancy, Report
from checker.report.locations import locate

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _location(claim: Claim, report: Report, index: int | None = None) -> dict[str, Any]:
    source = next(s for s in report.sources if s.id == claim.source)
    where = locate(claim, source)
    physical: dict[str, Any] = {"artifactLocation": {"uri": where.path}}
    if where.line is not None:
        physical["region"] = {"startLine": where.line, "startColumn": where.column, "endLine": where.end_line,
                              "endColumn": where.end_column, "snippet": {"text": claim.text}}
    location: dict[str, Any] = {"physicalLocation": physical,
                                "message": {"text": f"{claim.source}: {claim.text} ({claim.modality})"}}
    if where.record:
        location["logicalLocations"] = [{"name": where.record, "kind": "object"}]
    if index is not None:
        location["id"] = index
    return location


def _result(discrepancy: Discrepancy, report: Report, rule_index: dict[str, int]) -> dict[str, Any]:
    by_id = {c.id: c for c in report.claims}
    claims = [by_id[c] for c in discrepancy.claims if c in by_id]
    primary = next((c for c in claims if c.id in discrepancy.outliers), claims[0])
    result: dict[str, Any] = {
        "ruleId": discrepancy.rule,
        "ruleIndex": rule_index.get(discrepancy.rule, 0),
        "level": _LEVEL[discrepancy.severity],
        "message": {"text": f"{discrepancy.message} (reason: {discrepancy.reason})"},
        "locations": [_location(primary, report)],
        "relatedLocations": [_location(c, report, i) for i, c in enumerate(claims)],
        "partialFingerprints": {"crosscheckDiscrepancy/v1": discrepancy.id},
        "properties": {"reason": discrepancy.reason, "topic": discrepancy.topic, "story": discrepancy.story,
                       "consensus": discrepancy.consensus.leading if discrepancy.consensus else None,
                       "agreement": discrepancy.consensus.summary() if discrepancy.consensus else ""},
    }
    if discrepancy.baseline_state is not None:
        result["baselineState"] = discrepancy.baseline_state
    return result


def _invocation(report: Report) -> dict[str, Any]:
    """The run itself: it succeeded, and each skipped input is a warning about that file."""
    notifications = [{"level": "warning", "message": {"text": f"skipped: {skipped.error}"},
                      "descriptor": {"id": "skipped-input"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": skipped.path}}}]}
                     for skipped in report.skipped]
    return {"executionSuccessful": True, "toolExecutionNotifications": notifications}


class SarifReporter:
    name = "sarif"

    def render(self, report: Report) -> str:
        rules = sorted(report.rules, key=lambda r: r.id)  # type: ignore[attr-defined]
        rule_index = {rule.id: i for i, rule in enumerate(rules)}  # type: ignore[attr-defined]
        document = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "crosscheck", "version": __version__, "semanticVersion": __version__,
                    "rules": [{"id": r.id, "name": r.slug, "shortDescription": {"text": r.description},
                               "fullDescription": {"text": r.rationale or r.description},
                               "defaultConfiguration": {"level": _LEVEL[r.severity]}}
                              for r in rules],  # type: ignore[attr-defined]
                }},
                "invocations": [_invocation(report)],
                "results": [_result(d, report, rule_index) for d in report.discrepancies],
                "columnKind": "unicodeCodePoints",
            }],
        }
        return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
