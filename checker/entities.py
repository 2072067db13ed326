"""Entity resolution: one entity per real-world referent across sources.

Spellings merge when they are the same name written another way: case, hyphens and accents
("Yoon Suk-yeol"), a known alias ("Kiev"/"Kyiv", "U.S."), or a transliteration that keeps
the consonants and differs in one word ("Andrei"/"Andrey"). A surname alone ("Yoon") joins the
full name used earlier in the same source when exactly one full name fits. Names that differ
in a word that matters ("North"/"South") never merge.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from checker.lexicon import Lexicon
from checker.model import Entity, SourceClaims
from checker.normalize import name_key, skeleton

_CLASS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "NORP": "PLACE", "FAC": "PLACE", "ORG": "ORG"}
_MIN_VARIANT_SIMILARITY = 0.8
_MIN_VARIANT_LENGTH = 5


@dataclass(frozen=True)
class EntityIndex:
    """Resolved entities, and which entity each (source, name) refers to."""

    entities: tuple[Entity, ...]
    entity_of: dict[tuple[str, str], str]

    def resolve(self, source: str, name: str) -> str:
        """The entity id of `name` as written in `source` (the name's key when unknown)."""
        return self.entity_of.get((source, name)) or self.entity_of.get(("", name_key(name))) or name_key(name)


def resolve_entities(extracted: Iterable[SourceClaims], lexicon: Lexicon) -> EntityIndex:
    """Cluster every name used by the sources into entities."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)  # surface -> label counts
    by_source: dict[str, list[str]] = defaultdict(list)
    for item in extracted:
        names = by_source[item.source.id]
        for mention in item.mentions:
            labels[mention.text][_CLASS.get(mention.label, "ORG")] += 1
            names.append(mention.text)
        for claim in item.claims:
            for name in claim.subject.anchors:
                if name not in labels:
                    labels[name]["PLACE"] += 1
                names.append(name)
            if claim.kind == "role":
                labels[str(claim.value)]["PERSON"] += 1
                names.append(str(claim.value))
    node_of: dict[tuple[str, str], tuple[str, str]] = {}  # (source, surface) -> (class, key)
    for source, names in by_source.items():
        for surface in names:
            node = _node(surface, labels[surface], lexicon)
            if node[1]:
                node_of[(source, surface)] = node
    _redirect_short_names(by_source, node_of, _known_places(lexicon))
    surfaces: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for source, names in by_source.items():
        for surface in names:
            if (source, surface) in node_of:
                surfaces[node_of[(source, surface)]][surface] += 1
    parent = {node: node for node in surfaces}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for group in _variant_blocks(surfaces):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if is_variant(a[1], b[1], lexicon):
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    members: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in surfaces:
        members[find(node)].append(node)
    entities: list[Entity] = []
    id_of_root: dict[tuple[str, str], str] = {}
    for root, nodes in members.items():
        spelled: Counter[str] = Counter()
        for node in nodes:
            spelled.update(surfaces[node])
        name = max(spelled, key=lambda s: (spelled[s], len(s.split()), len(s), s))
        # the id comes from the cluster's smallest key, not from its most used spelling, so that
        # adding an unrelated article never renames an entity (discrepancy fingerprints use ids)
        entity_id = "E" + hashlib.sha1(f"{root[0]}|{root[1]}".encode()).hexdigest()[:10]
        id_of_root[root] = entity_id
        aliases = tuple(sorted(s for s in spelled if s != name))
        entities.append(Entity(entity_id, name, "PERSON" if root[0] == "PERSON" else
                               ("GPE" if root[0] == "PLACE" else "ORG"), aliases))
    entity_of = {key: id_of_root[find(node)] for key, node in node_of.items()}
    for node in surfaces:
        entity_of.setdefault(("", node[1]), id_of_root[find(node)])
    return EntityIndex(tuple(sorted(entities, key=lambda e: (e.label, e.name))), entity_of)


def _node(surface: str, label_counts: Counter[str], lexicon: Lexicon) -> tuple[str, str]:
    cls = label_counts.most_common(1)[0][0] if label_counts else "PLACE"
    key = name_key(surface)
    if cls == "PERSON":
        words = [w for w in key.split() if w not in lexicon.honorifics]
        key = " ".join(words) or key
    lowered = surface.lower()
    if lowered in lexicon.place_alias:  # a known place, whatever NER called it ("Kiev" as ORG)
        return "PLACE", name_key(lexicon.place_alias[lowered])
    demonym = lowered[:-1] if lowered.endswith("s") and lowered[:-1] in lexicon.demonyms else lowered
    if demonym in lexicon.demonyms and cls != "PERSON":  # "North Korean" names North Korea
        return "PLACE", name_key(lexicon.demonyms[demonym])
    if key in _canonical_places(lexicon):
        return "PLACE", key
    return cls, key


@lru_cache(maxsize=4)
def _canonical_places(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(name_key(p) for p in [*lexicon.place_alias.values(), *lexicon.demonyms.values()])


def _variant_blocks(surfaces: dict[tuple[str, str], Counter[str]]) -> list[list[tuple[str, str]]]:
    """Nodes that could be spelling variants: same class, same consonant skeleton per word."""
    blocks: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for node in surfaces:
        cls, key = node
        blocks[(cls, tuple(skeleton(word) for word in key.split()))].append(node)
    return [nodes for nodes in blocks.values() if len(nodes) > 1]


def is_variant(a: str, b: str, lexicon: Lexicon) -> bool:
    """Two name keys that spell one name: each differing word a close transliteration."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    for x, y in zip(words_a, words_b):
        if x == y:
            continue
        if x in lexicon.contrastive_words or y in lexicon.contrastive_words:
            return False
        if min(len(x), len(y)) < _MIN_VARIANT_LENGTH or skeleton(x) != skeleton(y):
            return False
        if Indel.normalized_similarity(x, y) < _MIN_VARIANT_SIMILARITY:
            return False
    return True


def _known_places(lexicon: Lexicon) -> frozenset[str]:
    return _canonical_places(lexicon) | frozenset(name_key(p) for p in lexicon.place_alias)


def _redirect_short_names(by_source: dict[str, list[str]], node_of: dict[tuple[str, str], tuple[str, str]],
                          places: frozenset[str]) -> None:
    """A one-word name refers to the single full personal name of its source it is part of.

    The link is made per source, so "Kim" can be one person here and another there. NER often
    labels a surname alone as a place or an organisation ("Yoon", "Duda"), so the label need
    not match; a known place name never becomes a person. A source that never gives the full
    name borrows it from the other sources when exactly one person of the run has that surname.
    """
    everyone = {node for node in node_of.values() if node[0] == "PERSON" and " " in node[1]}
    for source, names in by_source.items():
        full = {node_of[(source, n)] for n in names
                if (source, n) in node_of and node_of[(source, n)][0] == "PERSON" and " " in node_of[(source, n)][1]}
        for name in set(names):
            node = node_of.get((source, name))
            if node is None or " " in node[1] or node[1] in places:
                continue
            owners = [f for f in full if node[1] in (f[1].split()[0], f[1].split()[-1])]
            if not owners and node[0] == "PERSON":  # "Erdogan" in a source that never gave the full name
                owners = [f for f in everyone if node[1] == f[1].split()[-1]]
            if len(owners) == 1:
                node_of[(source, name)] = owners[0]
