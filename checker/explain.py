"""Why sources may differ on a fact, and what most of them say.

Given the pairs of claims that a comparator called different, pick the likeliest reason for
each pair (a later update, a plan against a fact, a narrower scope, another body's estimate)
and for the group; compute a consensus (median of one value per source) and its outliers.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter

from checker.lexicon import Lexicon
from checker.model import Claim

# Reasons from the least to the most explaining: a group is as serious as its least explained
# pair ("16 killed" and "10 killed" on one day is a conflict even if a later "23" is an update).
REASON_ORDER = ("contradiction", "attribution", "scope", "plan-vs-fact", "update")
CUMULATIVE_KINDS = frozenset({"casualties", "age"})  # figures that only grow with time


def pair_reason(a: Claim, b: Claim, published: dict[str, str | None], lexicon: Lexicon) -> str:
    """The likeliest reason two claims about one fact give different values."""
    if a.kind in CUMULATIVE_KINDS | {"role"}:
        da, db = published.get(a.source), published.get(b.source)
        if a.kind == "role" and a.event_date and b.event_date and a.event_date != b.event_date:
            return "update"  # an office named for two different times may have changed hands
        if da and db and da != db:
            if a.kind == "role":
                return "update"
            earlier, later = (a, b) if da < db else (b, a)
            if _number(later) >= _number(earlier):
                return "update"
    if (a.modality == "plan") != (b.modality == "plan"):
        return "plan-vs-fact"
    if _scoped(a, lexicon) != _scoped(b, lexicon) or _narrower(a, b, lexicon):
        return "scope"
    if _attribution_key(a) != _attribution_key(b) and (a.attribution or b.attribution):
        return "attribution"
    return "contradiction"


def group_reason(reasons: list[str]) -> str:
    """The least explaining reason among a group's differing pairs (none: bounds-compatible)."""
    if not reasons:
        return "bounds-compatible"
    return min(reasons, key=REASON_ORDER.index)


def consensus(claims: tuple[Claim, ...]) -> tuple[float | str | None, dict[str, float | str]]:
    """The median of one value per source (its reported facts preferred), and those values."""
    per_source: dict[str, list[Claim]] = {}
    for claim in claims:
        per_source.setdefault(claim.source, []).append(claim)
    values: dict[str, float | str] = {}
    for source, own in per_source.items():
        facts = [c for c in own if c.modality != "plan"] or own
        if isinstance(facts[0].value, str):
            values[source] = facts[0].value
        else:
            values[source] = statistics.median(float(c.value) for c in facts)
    if not values:
        return None, values
    if all(isinstance(v, (int, float)) for v in values.values()):
        middle = statistics.median(float(v) for v in values.values())
        return (int(middle) if middle.is_integer() else round(middle, 4)), values
    common = Counter(values.values()).most_common()
    if len(common) > 1 and common[0][1] == common[1][1]:
        return None, values  # no majority among names or dates
    return common[0][0], values


def _number(claim: Claim) -> float:
    return float(claim.value) if not isinstance(claim.value, str) else 0.0


def _scoped(claim: Claim, lexicon: Lexicon) -> bool:
    return any(word in lexicon.scope_modifiers for word in claim.subject.modifiers)


def _narrower(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    ca, cb = a.subject.concept, b.subject.concept
    return bool(ca and cb and ca != cb and (lexicon.broader.get(ca) == cb or lexicon.broader.get(cb) == ca))


def _attribution_key(claim: Claim) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (claim.attribution or "").lower()).strip()
