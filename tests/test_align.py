"""How clustering weighs a lone figure against a fact whose members are linked to it unevenly."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from checker import align
from checker.entities import resolve_entities
from checker.lexicon import Lexicon
from checker.model import SourceClaims


def _items(extract_text: Callable[..., SourceClaims], lexicon: Lexicon, texts: dict[str, str]) -> list:
    extracted = [extract_text(text, source_id=sid, story="x") for sid, text in texts.items()]
    entities = resolve_entities(extracted, lexicon)
    claims = [c for item in extracted for c in item.claims if c.kind == "casualties"]
    return [align._item(c, entities, lexicon, lead=True) for c in claims]


def test_a_lone_figure_joins_the_fact_most_outlets_state_like_it(extract_text, lexicon: Lexicon) -> None:
    """Each outlet's best link counts once: a weak second statement per outlet ("five counts")
    must not sink a match that every outlet's main statement makes."""
    items = _items(extract_text, lexicon, {
        "a": "Five teens were shot at the park.", "b": "Five teens were shot at the park.",
        "c": "Five teens were shot at the park.", "d": "Eight teens were shot at the park.",
    })
    lone, group = [3], [0, 1, 2]
    strong = defaultdict(float, {align._pair(3, i): 0.9 for i in group})  # pairs never scored: 0
    assert align._joins_by_best_links(items, lone, group, strong)
    one_outlet_only = defaultdict(float, {align._pair(3, 0): 0.9})
    assert not align._joins_by_best_links(items, lone, group, one_outlet_only)
    assert not align._joins_by_best_links(items, [0, 3], [1, 2], strong)  # two groups: the average decides
