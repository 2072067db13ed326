"""Stage 3: claims -> groups of claims that state the same fact.

Claims are compared only within a story and within a block (kind plus a key: the counted
concept, the casualty subtype, the currency, the unit, the office), never all pairs and never
by value, since the value is what may differ. Inside a block two claims join when nothing
tells them apart: their anchoring entities agree (North Korean troops are not South Korean
troops), their predicates agree (deployed is not trained), and their subjects read alike.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from checker.entities import EntityIndex
from checker.lexicon import Lexicon
from checker.model import Claim, ClaimGroup
from checker.normalize import strip_accents

_SUBJECT_SIMILARITY = 80  # token_set_ratio for subjects without a known concept
_MIN_SCORE = 0.55  # the least similarity at which a claim joins a cluster
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RUNNING = "tally"  # the predicate class of running figures ("the toll rose to")
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}){0,2}$")


@dataclass(frozen=True)
class _Item:
    claim: Claim
    anchors: frozenset[str]  # entity ids of owners and actors (a capital adds its country)
    places: frozenset[str]  # entity ids of cities, streets and sites in the sentence
    day: str | None  # the event's calendar day, when the sentence gives one


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
        for claim in alignable(story_claims, entities):
            key = block_key(claim, entities)
            if key is not None:
                places = frozenset(entities.resolve(claim.source, p) for p in claim.subject.places)
                day = claim.event_date if claim.event_date and _DAY.match(claim.event_date) else None
                blocks[key].append(_Item(claim, anchor_ids(claim, entities, lexicon), places, day))
        for key, items in sorted(blocks.items()):
            if len({item.claim.source for item in items}) < 2:
                continue
            for cluster in _cluster(items, lexicon):
                if len({item.claim.source for item in cluster}) >= 2:
                    members = tuple(sorted((i.claim for i in cluster), key=lambda c: (c.source, c.start)))
                    groups.append(ClaimGroup(story, members[0].kind, key, topic_of(members), members))
    return groups


def alignable(claims: list[Claim], entities: EntityIndex) -> list[Claim]:
    """Claims that can stand for one fact: not one of several same-kind figures in a sentence.

    "It was like 15 gunshots, 20 gunshots", "two counts of homicide, four counts of assault",
    "six men and one woman": a sentence that lists figures of one block gives alternatives or
    parts, and comparing any one of them across sources would be a guess.
    """
    per_sentence: Counter[tuple[str, str, str]] = Counter()
    for claim in claims:
        key = block_key(claim, entities)
        if key is not None and claim.kind != "role":
            per_sentence[(claim.source, claim.sentence, key)] += 1
    return [c for c in claims if c.kind == "role"
            or per_sentence[(c.source, c.sentence, block_key(c, entities) or "")] <= 1]


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
    if claim.kind == "percent":  # a share of something, or held by someone ("Kilicdaroglu took 46 percent")
        head = strip_accents(subject.head or subject.text)
        return f"percent|{head}" if head else None
    if claim.kind == "quantity":
        return f"quantity|{claim.unit}|{subject.concept or subject.head}"
    if claim.kind == "date":
        # an event is recognisable by who acted or by what was acted on ("arrest suspect")
        return f"date|{subject.predicate_class}" if subject.anchors or subject.modifiers else None
    if claim.kind == "time":
        return f"time|{subject.predicate_class}"
    if claim.kind == "age":
        return f"age|{entities.resolve(claim.source, subject.anchors[0])}"
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


def similarity(a: _Item, b: _Item, lexicon: Lexicon) -> float | None:
    """How alike two claims' subjects are (0..1), or None when something says they differ.

    Hard evidence of two facts: owners that exclude each other, different predicates,
    incompatible concepts, different event days, or places that share nothing. Otherwise the
    score weighs the subject's words, the predicate's complements and the sentences.
    """
    ca, cb = a.claim, b.claim
    sa, sb = ca.subject, cb.subject
    if a.anchors and b.anchors and not a.anchors & b.anchors:
        return None
    running = _RUNNING in {sa.predicate_class, sb.predicate_class}  # a toll "as of" a day, not an event's day
    if a.day and b.day and a.day != b.day and ca.kind not in {"date", "age"} and sa.predicate and sb.predicate \
            and not running:
        return None  # the same kind of event on two different days: two events
    if a.places and b.places and not a.places & b.places:
        return None
    kind = ca.kind
    if kind in {"role", "age"}:
        return 1.0  # the block already holds one office, or one person
    if kind != "casualties" and sa.predicate_class != sb.predicate_class:
        if sa.predicate_class and sb.predicate_class:
            return None
        if kind == "count" and not a.anchors & b.anchors:
            # what happened is known on one side only: the same owner must vouch for the match
            # ("11,000 North Korean soldiers are in Russia" and "North Korea sent 10,000 troops")
            return None
    if kind == "count" and not sa.predicate_class and not sb.predicate_class:
        return None  # "hundreds of people" and "two people": nothing says what either counts
    if not _dates_agree(ca.event_date, cb.event_date) and kind != "date" and sa.predicate and sb.predicate \
            and not running:
        return None  # "73 officers shot dead in 2011" is not this week's shooting
    if kind == "casualties" and not _concepts_compatible(sa.concept, sb.concept, lexicon):
        return None
    if sa.concept and sa.concept == sb.concept:  # "soldiers" and "troops": the words differ, the concept not
        narrowing = fuzz.token_set_ratio(" ".join(sa.modifiers), " ".join(sb.modifiers)) / 100 \
            if sa.modifiers and sb.modifiers else (1.0 if not sa.modifiers and not sb.modifiers else 0.5)
        subject_score = 0.7 + 0.3 * narrowing
    else:
        subject_score = fuzz.token_set_ratio(strip_accents(sa.text), strip_accents(sb.text)) / 100
        if subject_score * 100 < _SUBJECT_SIMILARITY:
            return None
    if kind == "date" and not (a.anchors & b.anchors or a.places & b.places):
        return None  # an event's date is compared only when the same actor or place is named
    complement_score = 0.5
    if sa.complements and sb.complements:
        shared = set(sa.complements) & set(sb.complements)
        if not shared and sa.predicate == sb.predicate:
            return None  # "taken to hospital" is not "taken into custody"
        complement_score = 1.0 if shared else 0.3
    sentence_score = fuzz.token_set_ratio(ca.sentence, cb.sentence) / 100
    evidence = 0.2 * bool(a.anchors & b.anchors) + 0.2 * bool(a.places & b.places)
    return min(1.0, 0.5 * subject_score + 0.2 * complement_score + 0.1 * sentence_score + evidence)


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Two event dates that could name the same time ("2015-11" and "2015-11-27" do)."""
    if not a or not b or not _ISO_PREFIX.match(a) or not _ISO_PREFIX.match(b):
        return True
    return a.startswith(b) or b.startswith(a)


def _concepts_compatible(a: str | None, b: str | None, lexicon: Lexicon) -> bool:
    if a is None or b is None or a == b:
        return True
    return lexicon.broader.get(a) == b or lexicon.broader.get(b) == a


def _cluster(items: list[_Item], lexicon: Lexicon) -> list[list[_Item]]:
    """Complete-linkage clustering: a claim joins a cluster only if it fits every member.

    Single linkage chains unrelated facts through one vague claim ("two people" ... "two
    officers"); requiring every pair to fit keeps a cluster to one fact. A source may state a
    fact twice, but two different values in one source are two facts, unless one of them is a
    plan ("around 3,000 deployed" and "up to 10,000 planned").
    """
    clusters: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: (i.claim.source, i.claim.start)):
        best, best_score = None, _MIN_SCORE
        for cluster in clusters:
            if not _source_allows(cluster, item):
                continue
            scores = [similarity(item, member, lexicon) for member in cluster]
            if any(score is None for score in scores):
                continue
            score = min(scores)  # type: ignore[type-var]
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append([item])
        else:
            best.append(item)
    return clusters


def _source_allows(cluster: list[_Item], item: _Item) -> bool:
    claim = item.claim
    if claim.kind in {"role", "age"}:
        return True  # one source naming two holders of an office is what a reader needs to see
    for member in cluster:
        other = member.claim
        if other.source == claim.source and other.value != claim.value \
                and (other.modality == "plan") == (claim.modality == "plan"):
            return False
    return True


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
        nouns = Counter(c.subject.text for c in claims if c.subject.head).most_common(1)
        text = f"{nouns[0][0] if nouns else 'people'} {claims[0].subtype}"
    elif kind == "money":
        text = f"{claims[0].unit} {text}"
    if anchor and anchor.lower().split()[-1] not in text.lower():
        text = f"{text} ({anchor})"
    predicates = Counter(c.subject.predicate for c in claims if c.subject.predicate).most_common(1)
    if predicates and kind in {"count", "quantity"} and predicates[0][0] not in text:
        text = f"{text}: {predicates[0][0]}"
    return text
