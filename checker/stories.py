"""Which sources tell the same story, and which are copies of one another.

Claims are compared only within a story. With `--stories auto`, sources that share named
entities are clustered into stories. Within a story, near-copies of one wire report (most of
their five-word shingles shared) count as one voice: the copy is shown, its claims are not
compared again as if a second outlet had confirmed or contradicted them.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from checker.model import SourceClaims
from checker.normalize import name_key

REPRINT_SIMILARITY = 0.8  # Jaccard of 5-word shingles
STORY_SIMILARITY = 0.25  # Jaccard of entity-name sets
MIN_SHARED_ENTITIES = 2
_SHINGLE = 5


def shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(int(hashlib.blake2b(" ".join(words[i:i + _SHINGLE]).encode(), digest_size=8).hexdigest(), 16)
                     for i in range(max(1, len(words) - _SHINGLE + 1)))


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def find_reprints(extracted: Sequence[SourceClaims], story_of: dict[str, str]) -> dict[str, str]:
    """{copy id: original id} for near-copies within a story; the earliest published is the original."""
    by_story: dict[str, list[SourceClaims]] = defaultdict(list)
    for item in extracted:
        by_story[story_of[item.source.id]].append(item)
    reprints: dict[str, str] = {}
    for items in by_story.values():
        ordered = sorted(items, key=lambda i: (i.source.published or "9999", i.source.id))
        kept: list[tuple[str, frozenset[int]]] = []
        for item in ordered:
            own = shingles(item.source.text)
            original = next((sid for sid, other in kept if _jaccard(own, other) >= REPRINT_SIMILARITY), None)
            if original is None:
                kept.append((item.source.id, own))
            else:
                reprints[item.source.id] = original
    return reprints


def cluster_stories(extracted: Sequence[SourceClaims]) -> dict[str, str]:
    """{source id: story id}: sources joined when they share enough named entities."""
    names = {item.source.id: frozenset(name_key(m.text) for m in item.mentions if m.label in {"PERSON", "GPE", "ORG", "FAC", "LOC"})
             for item in extracted}
    ids = [item.source.id for item in extracted]
    parent = {sid: sid for sid in ids}

    def find(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = parent[parent[sid]]
            sid = parent[sid]
        return sid

    postings: dict[str, list[str]] = defaultdict(list)  # entity -> sources: compare only sources sharing one
    for sid, entities in names.items():
        for entity in entities:
            postings[entity].append(sid)
    for members in postings.values():
        if len(members) > 200:
            continue  # an entity every source names ("police") tells no story apart
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                shared = len(names[a] & names[b])
                if shared >= MIN_SHARED_ENTITIES and _jaccard(names[a], names[b]) >= STORY_SIMILARITY:
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    return {sid: f"auto-{find(sid)}" for sid in ids}
