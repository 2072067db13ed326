"""The machine-readable report: `crosscheck.report/1`, the contract ../eval/score.py reads.

Deterministic for the same input (no timestamps, stable ids and order), so reports can be
diffed and kept as golden files.
"""
from __future__ import annotations

import json
import math
from typing import Any

from checker import __version__
from checker.model import Claim, Consensus, Discrepancy, Report

SCHEMA = "crosscheck.report/1"


def _number(value: float | str | None) -> float | int | str | None:
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


def claim_record(claim: Claim, report: Report) -> dict[str, Any]:
    subject = claim.subject
    return {
        "id": claim.id,
        "source": claim.source,
        "kind": claim.kind,
        "subtype": claim.subtype,
        "subject": subject.text,
        "subject_detail": {"head": subject.head, "concept": subject.concept, "modifiers": list(subject.modifiers),
                           "predicate": subject.predicate, "predicate_class": subject.predicate_class,
                           "anchors": list(subject.anchors)},
        "value": _number(claim.value),
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "low": _number(claim.low),
        "high": _number(claim.high),
        "modality": claim.modality,
        "attribution": claim.attribution,
        "event_date": claim.event_date,
        "text": claim.text,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "entities": sorted({report.entity_of.get((claim.source, name), "") for name in claim.entities} - {""}),
        "extractor": claim.extractor,
    }


def _agreement(agreed: Consensus | None) -> dict[str, Any]:
    """The consensus as reported values only: the leading one with its count, the range, every value."""
    if agreed is None:
        return {"consensus": None, "consensus_sources": 0, "range": None, "values": [], "agreement": ""}
    return {
        "consensus": _number(agreed.leading),
        "consensus_sources": agreed.agreeing,
        "range": {"low": agreed.low, "high": agreed.high} if agreed.low is not None else None,
        "values": [{"value": v.shown, "sources": list(v.sources), "also": list(v.also)} for v in agreed.values],
        "agreement": agreed.summary(),
    }


def _discrepancy_record(d: Discrepancy) -> dict[str, Any]:
    return {"id": d.id, "rule": d.rule, "slug": d.slug, "kind": d.kind, "severity": d.severity,
            "topic": d.topic, "story": d.story, "claims": list(d.claims), "reason": d.reason,
            **_agreement(d.consensus), "outliers": list(d.outliers),
            "message": d.message, "explanation": d.explanation, "link_evidence": list(d.link_evidence),
            "baseline_state": d.baseline_state}


def as_dict(report: Report) -> dict[str, Any]:
    counts = {level: sum(d.severity == level for d in report.discrepancies) for level in ("error", "warning", "info")}
    return {
        "schema": SCHEMA,
        "tool": {"name": "crosscheck", "version": __version__},
        "summary": {"sources": len(report.sources), "claims": len(report.claims),
                    "discrepancies": len(report.discrepancies), "by_severity": counts,
                    "skipped": len(report.skipped)},
        "sources": [{"id": s.id, "path": s.path, "title": s.title, "url": s.url, "published": s.published,
                     "story": s.story, "reprint_of": report.reprints.get(s.id)} for s in report.sources],
        "claims": [claim_record(c, report) for c in report.claims],
        "entities": [{"id": e.id, "name": e.name, "label": e.label, "aliases": list(e.aliases)}
                     for e in report.entities],
        "discrepancies": [_discrepancy_record(d) for d in report.discrepancies],
        "reconciled": [_discrepancy_record(d) for d in report.reconciled],
        "rules": [{"id": r.id, "slug": r.slug, "description": r.description, "severity": r.severity}
                  for r in report.rules],
        "skipped": [{"path": s.path, "error": s.error} for s in report.skipped],
        "notices": [{"path": n.path, "message": n.message} for n in report.notices],
        "notes": list(report.notes),
    }


class JsonReporter:
    name = "json"

    def render(self, report: Report) -> str:
        return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
