"""The HTML report: one self-contained file a person opens from disk.

Data and rendering are kept apart (as coverage.py does): this module builds plain view-model
dicts, and `reports/report.html.j2` only loops over them. Autoescaping is on and nothing
from an article is marked safe; the inline style and script are allowed by hash in the
page's Content-Security-Policy, so no injected script can run.
"""
from __future__ import annotations

import base64
import hashlib
import math
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlparse

from checker import __version__
from checker.compare import interval
from checker.model import Claim, Discrepancy, Report
from checker.resources import data_dir

_CHART_WIDTH = 320


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are shown as links; anything else (javascript:, data:) is not."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in {"http", "https"} and parsed.netloc else None


def _sentence_parts(claim: Claim) -> tuple[str, str, str]:
    """The claim's sentence split around its text, for highlighting."""
    at = claim.sentence.find(claim.text)
    if at < 0:
        return claim.sentence, "", ""
    return claim.sentence[:at], claim.text, claim.sentence[at + len(claim.text):]


def _short(source_id: str, width: int = 18) -> str:
    return source_id if len(source_id) <= width else source_id[: width - 1] + "…"


def _chart(claims: list[Claim], published: dict[str, str | None]) -> list[dict[str, Any]] | None:
    """Bars of each source's value (and the interval its qualifier allows), oldest source first."""
    numeric = [c for c in claims if not isinstance(c.value, str)]
    if len(numeric) < 2:
        return None
    numeric.sort(key=lambda c: (published.get(c.source) or "", c.source))
    top = max(max(float(c.value), interval(c)[1] if math.isfinite(interval(c)[1]) else 0.0) for c in numeric) or 1.0
    bars = []
    for row, claim in enumerate(numeric):
        low, high = interval(claim)
        bars.append({
            "y": row * 22 + 4,
            "width": max(2.0, _CHART_WIDTH * float(claim.value) / top),
            "low": _CHART_WIDTH * max(low, 0.0) / top if math.isfinite(low) else 0.0,
            "high": _CHART_WIDTH * high / top if math.isfinite(high) else _CHART_WIDTH,
            "label": f"{published.get(claim.source) or ''} {_short(claim.source)}: {claim.display()}".strip(),
            "plan": claim.modality == "plan",
        })
    return bars


def _card(discrepancy: Discrepancy, by_id: dict[str, Claim], sources: dict[str, Any]) -> dict[str, Any]:
    claims = [by_id[c] for c in discrepancy.claims if c in by_id]
    columns = []
    for claim in claims:
        source = sources[claim.source]
        before, mark, after = _sentence_parts(claim)
        columns.append({
            "source": claim.source, "title": source["title"], "url": source["url"], "published": source["published"],
            "value": claim.display(), "qualifier": claim.qualifier, "modality": claim.modality,
            "attribution": claim.attribution, "before": before, "mark": mark, "after": after,
            "outlier": claim.id in discrepancy.outliers, "event_date": claim.event_date,
        })
    consensus = discrepancy.consensus
    if isinstance(consensus, float) and consensus.is_integer():
        consensus = int(consensus)
    return {
        "id": discrepancy.id, "rule": discrepancy.rule, "slug": discrepancy.slug, "severity": discrepancy.severity,
        "kind": discrepancy.kind, "reason": discrepancy.reason, "topic": discrepancy.topic,
        "story": discrepancy.story, "message": discrepancy.message, "explanation": discrepancy.explanation,
        "consensus": f"{consensus:,}" if isinstance(consensus, int) else consensus,
        "link_evidence": list(discrepancy.link_evidence),
        "columns": columns, "chart": _chart(claims, {k: v["published"] for k, v in sources.items()}),
        "search": " ".join([discrepancy.topic, *(c.sentence for c in claims)]).lower(),
    }


def view_model(report: Report) -> dict[str, Any]:
    """Everything the template shows, as plain data."""
    by_id = {c.id: c for c in report.claims}
    sources = {s.id: {"id": s.id, "title": s.title, "path": s.path, "url": safe_url(s.url), "published": s.published,
                      "story": s.story, "reprint_of": report.reprints.get(s.id)} for s in report.sources}
    claims_by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    flagged = {c for d in report.discrepancies for c in d.claims}
    for claim in report.claims:
        claims_by_source[claim.source].append({
            "kind": claim.kind + (f"/{claim.subtype}" if claim.subtype and claim.kind == "casualties" else ""),
            "value": claim.display(), "text": claim.text, "subject": claim.subject.text,
            "modality": claim.modality, "attribution": claim.attribution, "flagged": claim.id in flagged,
        })
    severities = Counter(d.severity for d in report.discrepancies)
    return {
        "version": __version__,
        "counts": {"sources": len(report.sources), "claims": len(report.claims),
                   "discrepancies": len(report.discrepancies), "skipped": len(report.skipped)},
        "severities": [(s, severities[s]) for s in ("error", "warning", "info")],
        "reasons": sorted(Counter(d.reason for d in report.discrepancies).items()),
        "kinds": sorted({d.kind for d in report.discrepancies}),
        "cards": [_card(d, by_id, sources) for d in report.discrepancies],
        "reconciled": [{"topic": d.topic, "message": d.message, "story": d.story} for d in report.reconciled],
        "sources": [dict(sources[s.id], claims=claims_by_source[s.id]) for s in report.sources],
        "entities": [{"name": e.name, "label": e.label, "aliases": list(e.aliases)} for e in report.entities
                     if e.aliases],
        "skipped": [{"path": s.path, "error": s.error} for s in report.skipped],
    }


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class HtmlReporter:
    name = "html"

    def render(self, report: Report) -> str:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

        folder = data_dir("reports")
        env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(default=True),
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        style = (folder / "report.css").read_text(encoding="utf-8")
        script = (folder / "report.js").read_text(encoding="utf-8")
        csp = (f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
               "img-src data:; base-uri 'none'; form-action 'none'")
        return env.get_template("report.html.j2").render(model=view_model(report), style=style, script=script, csp=csp)
