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
import re
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlparse

from checker import __version__
from checker.compare import interval
from checker.model import Claim, Consensus, Discrepancy, Report
from checker.report.untrusted import for_html
from checker.resources import data_dir

_CHART_WIDTH = 320  # the bars' drawing width; the figure stretches to the page, its labels are text
_QUALIFIER_WORDS = {"exact": "", "approx": "about", "lower-bound": "at least", "upper-bound": "at most",
                    "range": "a range"}
_LABEL_WORDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "PLACE": "place",
                "NORP": "nationality or group", "ORG": "organisation"}  # spaCy's labels in a reader's words


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are shown as links; anything else (javascript:, data:) is not."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in {"http", "https"} and parsed.netloc else None


def sentence_parts(claim: Claim, text: str) -> tuple[str, str, str]:
    """The claim's sentence split around the claim's own characters, for highlighting.

    The claim's offsets say where it is; searching the sentence for its text would mark the
    first look-alike instead ("12" inside "2012" rather than "12 people dead").
    """
    at = text.find(claim.sentence, max(0, claim.end - len(claim.sentence)))
    if 0 <= at <= claim.start and claim.end <= at + len(claim.sentence):
        start, end = claim.start - at, claim.end - at
        return claim.sentence[:start], claim.sentence[start:end], claim.sentence[end:]
    alone = re.search(rf"(?<!\w){re.escape(claim.text)}(?!\w)", claim.sentence)
    if alone is None:
        return claim.sentence, "", ""
    return claim.sentence[:alone.start()], alone.group(0), claim.sentence[alone.end():]


def _short(source_id: str, width: int = 18) -> str:
    return source_id if len(source_id) <= width else source_id[: width - 1] + "…"


def _chart(claims: list[Claim], published: dict[str, str | None]) -> list[dict[str, Any]] | None:
    """A row per source: its label as text, then a bar of its value and the interval its qualifier
    allows, oldest source first. Labels are page text, not drawn in the figure, so they wrap on a
    narrow screen instead of shrinking with it or running off its edge."""
    numeric = [c for c in claims if not isinstance(c.value, str)]
    if len(numeric) < 2:
        return None
    numeric.sort(key=lambda c: (published.get(c.source) or "", c.source))
    top = max(max(float(c.value), interval(c)[1] if math.isfinite(interval(c)[1]) else 0.0) for c in numeric) or 1.0
    bars = []
    for claim in numeric:
        low, high = interval(claim)
        bars.append({
            "width": max(2.0, _CHART_WIDTH * float(claim.value) / top),
            "low": _CHART_WIDTH * max(low, 0.0) / top if math.isfinite(low) else 0.0,
            "high": _CHART_WIDTH * high / top if math.isfinite(high) else _CHART_WIDTH,
            "published": published.get(claim.source) or "", "source": _short(claim.source), "value": claim.display(),
            "plan": claim.modality == "plan",
        })
    return bars


def _share_of(claim: Claim, agreed: Consensus) -> int:
    """The position of the value the claim gives among the consensus values (after them: a plan
    not counted beside reported facts)."""
    for position, share in enumerate(agreed.values):
        if claim.source in share.sources and claim.display() in (share.shown, *share.also):
            return position
    return len(agreed.values)


def _columns(claims: list[Claim], discrepancy: Discrepancy, sources: dict[str, Any],
             texts: dict[str, str]) -> list[dict[str, Any]]:
    """A column per source and value, grouped by value (names by entity): a source that repeats
    a value is one column quoting each of its sentences, never two identical columns."""
    agreed = discrepancy.consensus or Consensus(values=())
    grouped: dict[tuple[int, str], list[Claim]] = {}
    for claim in claims:
        grouped.setdefault((_share_of(claim, agreed), claim.source), []).append(claim)
    columns = []
    for (_, source_id), own in sorted(grouped.items(), key=lambda item: item[0][0]):
        source, first = sources[source_id], own[0]
        quotes = dict.fromkeys(sentence_parts(c, texts.get(c.source, "")) for c in own)
        columns.append({
            "source": source_id, "title": source["title"], "url": source["url"], "published": source["published"],
            "value": first.display(), "qualifier": _QUALIFIER_WORDS[first.qualifier], "modality": first.modality,
            "attribution": first.attribution, "quotes": [dict(zip(("before", "mark", "after"), q)) for q in quotes],
            "outlier": any(c.id in discrepancy.outliers for c in own), "event_date": first.event_date,
        })
    return columns


def _card(discrepancy: Discrepancy, by_id: dict[str, Claim], sources: dict[str, Any],
          texts: dict[str, str]) -> dict[str, Any]:
    claims = [by_id[c] for c in discrepancy.claims if c in by_id]
    agreed = discrepancy.consensus
    return {
        "id": discrepancy.id, "rule": discrepancy.rule, "slug": discrepancy.slug, "severity": discrepancy.severity,
        "kind": discrepancy.kind, "reason": discrepancy.reason, "topic": discrepancy.topic,
        "story": discrepancy.story, "message": discrepancy.message, "explanation": discrepancy.explanation,
        "agreement": agreed.summary() if agreed else None,
        "shares": [{"shown": v.shown, "also": list(v.also), "sources": len(v.sources),
                    "leading": agreed.leading is not None and position == 0}
                   for position, v in enumerate(agreed.values if agreed else ())],
        "link_evidence": list(discrepancy.link_evidence),
        "columns": _columns(claims, discrepancy, sources, texts),
        "chart": _chart(claims, {k: v["published"] for k, v in sources.items()}),
        "search": " ".join([discrepancy.topic, *(c.sentence for c in claims)]).lower(),
    }


def view_model(report: Report) -> dict[str, Any]:
    """Everything the template shows, as plain data, with controls in its strings made visible."""
    return _shown(_model(report))


def _shown(value: Any) -> Any:
    """`value` with `for_html` applied to every string in it, however deeply nested."""
    if isinstance(value, str):
        return for_html(value)
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_shown(item) for item in value)
    return value


def _model(report: Report) -> dict[str, Any]:
    by_id = {c.id: c for c in report.claims}
    texts = {s.id: s.text for s in report.sources}
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
        "cards": [_card(d, by_id, sources, texts) for d in report.discrepancies],
        "reconciled": [{"topic": d.topic, "message": d.message, "story": d.story} for d in report.reconciled],
        "sources": [dict(sources[s.id], claims=claims_by_source[s.id]) for s in report.sources],
        "entities": [{"name": e.name, "label": _LABEL_WORDS.get(e.label, e.label.lower()), "aliases": list(e.aliases)}
                     for e in report.entities
                     if e.aliases],
        "skipped": [{"path": s.path, "error": s.error} for s in report.skipped],
        "notes": list(report.notes),
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
