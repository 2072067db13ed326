"""Matching claims against the partial specs that test cases give."""
from __future__ import annotations

from typing import Any

from checker.model import Claim


def _same_value(actual: object, expected: object) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and abs(float(actual) - float(expected)) <= 1e-6 * max(1.0, abs(expected))
    return str(actual) == str(expected)


def matches(claim: Claim, spec: dict[str, Any]) -> bool:
    """Whether every key the spec gives agrees with the claim."""
    for key, expected in spec.items():
        if key == "subject":
            if str(expected).lower() not in claim.subject.text.lower():
                return False
        elif key == "concept":
            if claim.subject.concept != expected:
                return False
        elif key == "predicate":
            if claim.subject.predicate_class != expected:
                return False
        elif key in {"office", "head"}:  # an office's name is its claim's head
            if claim.subject.head != expected:
                return False
        elif key == "complements":
            if not set(expected) <= set(claim.subject.complements):
                return False
        elif key == "places":
            if set(expected) != set(claim.subject.places):
                return False
        elif key == "anchors":
            if not set(expected) <= set(claim.subject.anchors):
                return False
        elif key == "attribution":
            if expected.lower() not in (claim.attribution or "").lower():
                return False
        elif key in {"value", "low", "high"}:
            if not _same_value(getattr(claim, key), expected):
                return False
        elif getattr(claim, key) != expected:
            return False
    return True


def describe(claims: tuple[Claim, ...] | list[Claim]) -> str:
    return "\n".join(
        f"  {c.kind}/{c.subtype} value={c.value} q={c.qualifier} [{c.low},{c.high}] unit={c.unit} "
        f"subject={c.subject.text!r} concept={c.subject.concept} pred={c.subject.predicate_class} "
        f"anchors={c.subject.anchors} modality={c.modality} attr={c.attribution!r} date={c.event_date} "
        f"text={c.text!r}" for c in claims) or "  (no claims)"
