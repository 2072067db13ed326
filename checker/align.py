"""Stage 3: claims -> groups of claims that state the same fact.

Claims are compared only within a story and within a block (kind plus a key: the counted
concept, the casualty subtype, the currency, the unit, the office), never all pairs and never
by value, since the value is what may differ. Inside a block two claims join when nothing
tells them apart: their anchoring entities agree (North Korean troops are not South Korean
troops), their predicates agree (deployed is not trained), and their subjects read alike.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from checker.entities import EntityIndex
from checker.lexicon import Lexicon
from checker.model import Claim, ClaimGroup

_SUBJECT_SIMILARITY = 80  # token_set_ratio for subjects without a known concept


@dataclass(frozen=True)
class _Item:
    claim: Claim
    anchors: frozenset[str]  # entity ids


def align(claims: Iterable[Claim], story_of: dict[str, str], entities: EntityIndex,
          lexicon: Lexicon) -> list[ClaimGroup]:
    """Group the claims of each story into facts stated by two or more sources."""
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_story[story_of.get(claim.source, "")].append(claim)
    groups: list[ClaimGroup] = []
    for story, story_claims in sorted(by_story.items()):
        story_claims = infer_jurisdictions(story_claims, entities)
        blocks: dict[str, list[_Item]] = defaultdict(list)
        for claim in story_claims:
            key = block_key(claim, entities)
            if key is not None:
                blocks[key].append(_Item(claim, anchor_ids(claim, entities, lexicon)))
        for key, items in sorted(blocks.items()):
            if len({item.claim.source for item in items}) < 2:
                continue
            for cluster in _cluster(items, lexicon):
                if len({item.claim.source for item in cluster}) >= 2:
                    members = tuple(sorted((i.claim for i in cluster), key=lambda c: (c.source, c.start)))
                    groups.append(ClaimGroup(story, members[0].kind, key, topic_of(members), members))
    return groups


def anchor_ids(claim: Claim, entities: EntityIndex, lexicon: Lexicon) -> frozenset[str]:
    """The entities a claim is anchored to; a capital also anchors its country ("Pyongyang sent")."""
    ids = set()
    for anchor in claim.subject.anchors:
        ids.add(entities.resolve(claim.source, anchor))
        country = lexicon.capital_of.get(anchor.lower())
        if country is not None:
            ids.add(entities.resolve("", country))
    return frozenset(ids)


def block_key(claim: Claim, entities: EntityIndex) -> str | None:
    """The block a claim is compared within; None for claims that align with nothing."""
    subject = claim.subject
    if claim.kind == "count":
        return f"count|{subject.concept or 'head:' + subject.head}"
    if claim.kind == "casualties":
        return f"casualties|{claim.subtype}"
    if claim.kind == "money":
        return f"money|{claim.unit}"
    if claim.kind == "percent":
        return f"percent|{subject.head or subject.text}" if (subject.head or subject.text) else None
    if claim.kind == "quantity":
        return f"quantity|{claim.unit}|{subject.concept or subject.head}"
    if claim.kind == "date":
        # an event is recognisable by who acted or by what was acted on ("arrest suspect")
        return f"date|{subject.predicate_class}" if subject.anchors or subject.modifiers else None
    if claim.kind == "role":
        if not subject.anchors:
            return None  # "President X" without a country: nothing says which presidency
        return f"role|{subject.head}|{entities.resolve(claim.source, subject.anchors[0])}"
    return None


def infer_jurisdictions(claims: list[Claim], entities: EntityIndex) -> list[Claim]:
    """Give "President Yoon" the country that other claims of the story give the same person."""
    known: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for claim in claims:
        if claim.kind == "role" and claim.subject.anchors:
            holder = entities.resolve(claim.source, str(claim.value))
            known[(claim.subject.head, holder)][claim.subject.anchors[0]] += 1
    inferred: list[Claim] = []
    for claim in claims:
        if claim.kind == "role" and not claim.subject.anchors:
            holder = entities.resolve(claim.source, str(claim.value))
            places = known.get((claim.subject.head, holder))
            if places and len(places) == 1:
                place = next(iter(places))
                claim = replace(claim, subject=replace(claim.subject, anchors=(place,),
                                                       text=f"{place} {claim.subject.head}"))
        inferred.append(claim)
    return inferred


def compatible(a: _Item, b: _Item, lexicon: Lexicon) -> bool:
    """Whether nothing in two claims' subjects says they are about different things."""
    if a.anchors and b.anchors and not a.anchors & b.anchors:
        return False
    sa, sb = a.claim.subject, b.claim.subject
    kind = a.claim.kind
    if kind == "role":
        return True
    if kind != "casualties" and sa.predicate_class and sb.predicate_class and sa.predicate_class != sb.predicate_class:
        return False
    if kind == "casualties":
        return _concepts_compatible(sa.concept, sb.concept, lexicon)
    if kind == "date":
        if sa.modifiers != sb.modifiers and not (a.anchors and b.anchors):
            return False
        return fuzz.token_set_ratio(sa.text, sb.text) >= _SUBJECT_SIMILARITY
    if kind in {"money", "percent"} or not sa.concept:
        return fuzz.token_set_ratio(sa.text, sb.text) >= _SUBJECT_SIMILARITY
    return True


def _concepts_compatible(a: str | None, b: str | None, lexicon: Lexicon) -> bool:
    if a is None or b is None or a == b:
        return True
    return lexicon.broader.get(a) == b or lexicon.broader.get(b) == a


def _cluster(items: list[_Item], lexicon: Lexicon) -> list[list[_Item]]:
    """Join compatible claims, never letting a cluster hold anchors that exclude each other."""
    parent = list(range(len(items)))
    anchor_sets: dict[int, list[frozenset[str]]] = {i: [item.anchors] if item.anchors else [] for i, item in enumerate(items)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            ri, rj = find(i), find(j)
            if ri == rj or not compatible(items[i], items[j], lexicon):
                continue
            if any(not x & y for x in anchor_sets[ri] for y in anchor_sets[rj]):
                continue
            parent[rj] = ri
            anchor_sets[ri] = anchor_sets[ri] + anchor_sets.pop(rj)
    clusters: dict[int, list[_Item]] = defaultdict(list)
    for i, item in enumerate(items):
        clusters[find(i)].append(item)
    return list(clusters.values())


def topic_of(claims: tuple[Claim, ...]) -> str:
    """A short human label for the fact a group states: "North Korean troops (transfer)"."""
    subject = Counter(c.subject.text for c in claims if c.subject.text).most_common(1)
    text = subject[0][0] if subject else claims[0].kind
    anchors = Counter(a for c in claims for a in c.subject.anchors).most_common(1)
    anchor = anchors[0][0] if anchors else ""
    kind = claims[0].kind
    if kind == "role":
        return f"{anchor}'s {claims[0].subject.head}" if anchor else claims[0].subject.head
    if kind == "casualties":
        text = f"{text} {claims[0].subtype}"
    elif kind == "money":
        text = f"{claims[0].unit} {text}"
    if anchor and anchor.lower().split()[-1] not in text.lower():
        text = f"{text} ({anchor})"
    predicates = Counter(c.subject.predicate for c in claims if c.subject.predicate).most_common(1)
    if predicates and kind in {"count", "quantity"} and predicates[0][0] not in text:
        text = f"{text}: {predicates[0][0]}"
    return text
