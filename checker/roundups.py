"""Roundups: articles that tell several incidents at once ("8 dead, 27 wounded in weekend shootings
across Chicago"). A story's roundup tells its incident in one paragraph among others, and only a
place or a person the story's other articles name ties a figure to that paragraph; the rest is
other incidents' and compared with nothing.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from checker.lexicon import Lexicon
from checker.model import Source, SourceClaims

_LEAD_CHARS = 300  # the headline's words, or a lead's first sentence when the title is missing


def unrelated_roundup_claims(extracted: Sequence[SourceClaims], story_of: dict[str, str],
                             lexicon: Lexicon) -> frozenset[str]:
    """The ids of claims a roundup makes of other incidents than its story's: those whose sentence
    names no one and nothing the story's other articles name, beyond what the roundup's lead
    names for all its incidents ("across Chicago")."""
    roundups = {item.source.id for item in extracted if is_roundup(item.source, lexicon)}
    named: dict[str, set[str]] = defaultdict(set)  # story -> names its articles other than roundups give
    for item in extracted:
        if item.source.id not in roundups:
            named[story_of.get(item.source.id, "")].update(m.text.lower() for m in item.mentions)
    unrelated = set()
    for item in extracted:
        if item.source.id not in roundups:
            continue
        lead = _lead(item.source)
        story_names = {name for name in named[story_of.get(item.source.id, "")] if name not in lead}
        unrelated.update(c.id for c in item.claims if not {e.lower() for e in c.entities} & story_names)
    return frozenset(unrelated)


def is_roundup(source: Source, lexicon: Lexicon) -> bool:
    """A headline or lead that sets a plural incident noun ("shootings") beside a word of spread
    ("across the city", "weekend", "separate", "since Friday")."""
    words = re.findall(r"[a-z-]+", _lead(source))
    padded = f" {' '.join(words)} "
    return bool(_plural_incidents(lexicon) & set(words)) \
        and any(f" {phrase} " in padded for phrase in lexicon.roundup_phrases)


@lru_cache(maxsize=4)
def _plural_incidents(lexicon: Lexicon) -> frozenset[str]:
    """The lexicon's nouns of several incidents: "shootings", "killings"."""
    return frozenset(noun for noun, event in lexicon.event_nouns.items() if event == "incident" and noun.endswith("s"))


def _lead(source: Source) -> str:
    return f"{source.title} {source.text[:_LEAD_CHARS]}".lower()
