"""Why sources may differ on a fact, and what most of them say.

Given the pairs of claims that a comparator called different, pick the likeliest reason for
each pair (a later update, a plan against a fact, a narrower scope, another body's estimate)
and for the group; say what the sources report (the value most of them give, with how many,
or the range) and which claims depart from it. No figure is computed that no source reported.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

from checker.compare import interval
from checker.lexicon import Lexicon
from checker.model import Claim, Consensus, ValueShare

ValueKey = Callable[[Claim], Hashable]  # which claims give one value (for names: one entity)

# Reasons from the least to the most explaining: a group is as serious as its least explained
# pair ("16 killed" and "10 killed" on one day is a conflict even if a later "23" is an update).
REASON_ORDER = ("contradiction", "attribution", "scope", "plan-vs-fact", "update")
CUMULATIVE_KINDS = frozenset({"casualties", "age"})  # figures that only grow with time


def pair_reason(a: Claim, b: Claim, published: dict[str, str | None], lexicon: Lexicon) -> str:
    """The likeliest reason two claims about one fact give different values."""
    if a.kind == "quote":
        return "attribution"  # one quotation, two speakers: who said it is the question
    if a.kind in CUMULATIVE_KINDS | {"role"} or _cumulative(a, lexicon):
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


def _cumulative(claim: Claim, lexicon: Lexicon) -> bool:
    """A figure that only grows as a story goes on: homes destroyed, arrests made, cases counted
    (concepts marked `cumulative`), and area burned (a quantity's concept starts with its
    dimension, marked in `cumulative_dimensions`: "area", "area:buildings")."""
    parts = (claim.subject.concept or "").split(":")
    return parts[-1] in lexicon.cumulative_concepts or parts[0] in lexicon.cumulative_dimensions


def group_reason(reasons: list[str]) -> str:
    """The least explaining reason among a group's differing pairs (none: bounds-compatible)."""
    if not reasons:
        return "bounds-compatible"
    return min(reasons, key=REASON_ORDER.index)


def consensus(claims: Sequence[Claim], same: ValueKey) -> Consensus:
    """What the sources report: each value with the independent sources that give it.

    Reported facts speak for the group when there are any (a plan is shown, not counted).
    `same` says which claims give one value: for names, one entity however it is spelled.
    The leading value is the one more sources give than any other, and at least two; without
    one the numbers' range is what a reader gets. Nothing is averaged.
    """
    facts = [c for c in claims if c.modality != "plan"]
    counted = facts or list(claims)
    by_value: dict[Hashable, list[Claim]] = {}
    for claim in counted:
        by_value.setdefault(same(claim), []).append(claim)
    ordered = sorted(by_value.values(), key=lambda own: (-len({c.source for c in own}), _number(own[0])))
    values = tuple(_share(own) for own in ordered)
    counts = [len(share.sources) for share in values]
    leads = bool(counts) and counts[0] >= 2 and (len(counts) == 1 or counts[0] > counts[1])
    leading = next(c.value for c in ordered[0] if c.display() == values[0].shown) if leads else None
    numbers = sorted((c for c in counted if not isinstance(c.value, str)), key=_number)
    low, high = (numbers[0].display(), numbers[-1].display()) if numbers else (None, None)
    return Consensus(values=values, leading=leading, low=low, high=high)


def outliers(claims: Sequence[Claim], agreed: Consensus, same: ValueKey, *, tolerance: float,
             absolute: float) -> tuple[str, ...]:
    """Claims that depart from the leading value (beyond the rule's tolerance); none without one."""
    if agreed.leading is None:
        return ()
    if isinstance(agreed.leading, str):
        leaders = {same(c) for c in claims if c.value == agreed.leading}
        return tuple(c.id for c in claims if same(c) not in leaders)
    middle = float(agreed.leading)
    slack = max(absolute, tolerance * abs(middle))
    return tuple(c.id for c in claims if not _within(c, middle, slack))


def distinct_values(claims: Sequence[Claim], same: ValueKey) -> list[str]:
    """Each value once, sorted: a name once per entity however spelled, a number as each source qualifies it."""
    shown: dict[Hashable, list[Claim]] = {}
    for claim in claims:
        shown.setdefault(same(claim) if isinstance(claim.value, str) else claim.display(), []).append(claim)
    return sorted(_share(own).shown for own in shown.values())


def _share(own: list[Claim]) -> ValueShare:
    """One value: shown as most of its claims write it, the other writings kept beside it."""
    writings = Counter(c.display() for c in own)
    shown = max(writings, key=lambda w: (writings[w], -next(i for i, c in enumerate(own) if c.display() == w)))
    sources = tuple(dict.fromkeys(c.source for c in own))
    return ValueShare(shown=shown, sources=sources, also=tuple(w for w in writings if w != shown))


def _within(claim: Claim, value: float, slack: float) -> bool:
    low, high = interval(claim)
    return low - slack <= value <= high + slack


def _number(claim: Claim) -> float:
    return float(claim.value) if not isinstance(claim.value, str) else 0.0


def _scoped(claim: Claim, lexicon: Lexicon) -> bool:
    return any(word in lexicon.scope_modifiers for word in claim.subject.modifiers)


def _narrower(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    return _counts_within(a, b, lexicon) or _counts_within(b, a, lexicon)


def _counts_within(part: Claim, whole: Claim, lexicon: Lexicon) -> bool:
    """`part` counts a narrower group than `whole` ("children" within "people")."""
    concept = part.subject.concept
    return bool(concept) and lexicon.broader.get(concept) == whole.subject.concept


def is_part_of_whole(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """A smaller figure for a narrower group than the other's: "two children" among "four people",
    "three officers" among "five killed". The two agree; the narrower one is a part."""
    if {a.kind, b.kind} - {"count", "casualties"} or isinstance(a.value, str) or isinstance(b.value, str):
        return False
    narrow, wide = (a, b) if float(a.value) < float(b.value) else (b, a)
    return _counts_within(narrow, wide, lexicon)


def killed_beside(claims: Iterable[Claim]) -> dict[str, float]:
    """For each wounded figure, the killed figure its sentence gives beside it ("three people were
    injured and one victim was pronounced dead"): together, how many were shot."""
    killed = {(c.source, c.sentence): float(c.value) for c in claims
              if c.kind == "casualties" and c.subtype == "killed" and not isinstance(c.value, str)}
    return {c.id: killed[(c.source, c.sentence)] for c in claims
            if c.kind == "casualties" and c.subtype == "wounded" and (c.source, c.sentence) in killed}


def adds_up(a: Claim, b: Claim, beside: Mapping[str, float]) -> bool:
    """A figure of all who were shot against another source's wounded, whose sentence gives the
    dead beside them: "four people shot" and "three injured and one dead" agree."""
    shot, wounded = (a, b) if a.subtype == "shot" else (b, a)
    if shot.subtype != "shot" or wounded.subtype != "wounded" or wounded.id not in beside:
        return False
    if isinstance(shot.value, str) or isinstance(wounded.value, str):
        return False
    return float(shot.value) == float(wounded.value) + beside[wounded.id]


def _attribution_key(claim: Claim) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (claim.attribution or "").lower()).strip()
