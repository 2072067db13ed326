"""How clustering weighs a lone figure against a fact whose members are linked to it unevenly, and how the
alignment model's fit keeps what its file sets by hand."""
from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable

from conftest import ROOT, SHARED, require_shared

from checker import align
from checker.entities import resolve_entities
from checker.lexicon import Lexicon
from checker.model import SourceClaims


def _items(extract_text: Callable[..., SourceClaims], lexicon: Lexicon, texts: dict[str, str],
           kind: str = "casualties") -> list:
    extracted = [extract_text(text, source_id=sid, story="x") for sid, text in texts.items()]
    entities = resolve_entities(extracted, lexicon)
    claims = [c for item in extracted for c in item.claims if c.kind == kind]
    return [align._item(c, entities, lexicon, lead=True) for c in claims]


def test_counts_with_nothing_but_a_number_in_common_are_two_facts(extract_text, lexicon: Lexicon) -> None:
    """Two funds and two administrative holds share a value and nothing else: linked, they chain a
    story's unrelated twos into one fact that any other two-something then contradicts. A count
    links another when it counts the same noun or concept or tells the same thing done to it."""
    classes = frozenset(lexicon.predicate_class.values())
    funds, holds = _items(extract_text, lexicon, {
        "a": "Two funds have been set up for the officer's family.",
        "b": "Jail records showed him held on two administrative holds.",
    }, kind="count")
    assert not align._may_link(funds, holds, classes, lexicon)
    soldiers, troops = _items(extract_text, lexicon, {
        "a": "About 2,000 soldiers were deployed to the border.", "b": "Some 2,000 troops were sent to the border.",
    }, kind="count")
    assert align._may_link(soldiers, troops, classes, lexicon)  # one concept, two nouns


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


def test_a_stray_joins_its_own_source_only_by_the_same_thing_or_action(extract_text, lexicon: Lexicon) -> None:
    """A source's second figure joins the fact its first states only when it names the same thing
    or tells the same action: "eight men were shot" beside "five men were shot" is the source at
    odds with itself, "four officers" beside "two people were killed" a figure of other people."""
    items = _items(extract_text, lexicon, {
        "a": "Two people were killed in the shooting.", "b": "Two people were killed in the shooting.",
    }) + _items(extract_text, lexicon, {"b": "Police said four officers were at the scene."}, kind="count")
    group, officers = [0, 1], 2
    members = {0: list(group), officers: [officers]}
    strong = defaultdict(float, {align._pair(officers, i): 0.9 for i in group})
    align._attach_strays(items, members, strong, 0.5, lexicon)
    assert officers in members, "four officers stay a figure of their own"
    alike = _items(extract_text, lexicon, {
        "a": "Five men were shot at the park.", "b": "Five men were shot at the park. Eight men were shot, police said.",
    })
    eight = next(i for i, item in enumerate(alike) if item.claim.value == 8)
    five = [i for i, item in enumerate(alike) if item.claim.value == 5]
    members = {five[0]: list(five), eight: [eight]}
    align._attach_strays(alike, members, defaultdict(float, {align._pair(eight, i): 0.9 for i in five}), 0.5, lexicon)
    assert eight not in members and eight in members[five[0]], "the eight men join the five: one source, two values"


def test_the_fit_keeps_a_bias_the_model_file_sets_by_hand(lexicon: Lexicon) -> None:
    """Labelled pairs of sums that all link would pull the money bias up; a family the model file
    lists in `set_by_hand` keeps the bias it sets, while a family it does not list is fitted."""
    require_shared(SHARED / "eval" / "score.py")
    sys.path.insert(0, str(ROOT / "bench"))
    import alignfit

    prior = lexicon.alignment.differing
    assert prior is not None and "money" in prior.set_by_hand
    pairs = [({"same_kind": 1.0}, "money", 1.0, 1.0)] * 200 + [({"same_kind": 1.0}, "date", 1.0, 1.0)] * 200
    features, families, labels, weights = (list(column) for column in zip(*pairs))
    fitted = alignfit._fit(features, families, labels, weights, prior)
    assert fitted.bias["money"] == prior.bias["money"]
    assert fitted.bias["date"] > prior.bias["date"]


def test_the_fit_keeps_a_weight_the_model_file_sets_by_hand(lexicon: Lexicon) -> None:
    """A feature the model file lists in `set_by_hand` keeps its weight, whatever the labelled
    pairs say of it."""
    require_shared(SHARED / "eval" / "score.py")
    sys.path.insert(0, str(ROOT / "bench"))
    import alignfit

    prior = lexicon.alignment.differing
    assert prior is not None and "same_thing_other_verb" in prior.set_by_hand
    pairs = [({"same_kind": 1.0, "same_thing_other_verb": 1.0}, "amount", 0.0, 1.0)] * 200
    features, families, labels, weights = (list(column) for column in zip(*pairs))
    fitted = alignfit._fit(features, families, labels, weights, prior)
    assert fitted.weights["same_thing_other_verb"] == prior.weights["same_thing_other_verb"] > 0


def test_a_time_planned_for_another_day_is_not_the_time_something_happened(extract_text, lexicon: Lexicon) -> None:
    """Tomorrow's replacement flight is not the one that left today, however alike the two are told;
    a plan for the day the fact happened still meets it ("was due to leave at 9am", "left at 10:05")."""
    extracted = [extract_text("Flight KX210 left Auckland at 10:05am on Thursday.", source_id="a", story="x",
                              published="2026-03-12"),
                 extract_text("A replacement flight was scheduled to leave Auckland at 9am on Friday.", source_id="b",
                              story="x", published="2026-03-12"),
                 extract_text("Flight KX210 was due to leave Auckland at 9am on Thursday.", source_id="c", story="x",
                              published="2026-03-12")]
    entities = resolve_entities(extracted, lexicon)
    left, replacement, due = (align._item(c, entities, lexicon, lead=True)
                              for item in extracted for c in item.claims if c.kind == "time")
    classes = frozenset(lexicon.predicate_class.values())
    assert not align._may_link(left, replacement, classes, lexicon)
    assert align._may_link(left, due, classes, lexicon)


def test_two_differing_quantities_told_with_other_verbs_on_other_days_are_two_facts(lexicon: Lexicon) -> None:
    """A story's lengths, distances and temperatures are of many things: two that differ, told with
    other verbs of other days and with nothing for them but their kind, are not linked (the
    quantity family's differing bias is set by hand, the shootings giving the fit no such pairs)."""
    model = lexicon.alignment
    assert model.differing is not None and "quantity" in model.differing.set_by_hand
    against = {"same_kind": 1.0, "other_predicate": 1.0, "other_day": 1.0, "other_date": 1.0}
    assert align.link_probability(against, "quantity", model.differing, model.threshold) < model.threshold


def test_a_figure_with_its_decimal_point_slipped_is_no_implausible_pair(extract_text, lexicon: Lexicon) -> None:
    """ "$28.75 million" for $287.5 million is the commonest misprint of a figure: a factor of ten
    between the same digits is no evidence of two facts, as a factor of ten between others is."""
    extracted = [extract_text("A judge ordered Marcus Lindell to pay $287.5 million in restitution.", source_id="a"),
                 extract_text("Marcus Lindell was ordered to pay $28.75 million in restitution.", source_id="b"),
                 extract_text("Marcus Lindell was ordered to pay $25 million in restitution.", source_id="c")]
    entities = resolve_entities(extracted, lexicon)
    full, slipped, other = (align._item(c, entities, lexicon, lead=True) for item in extracted for c in item.claims)
    assert not align.pair_evidence(full, slipped, lexicon).get("values_far_apart")
    assert align.pair_evidence(full, other, lexicon).get("values_far_apart")


def test_one_source_s_plan_and_fact_of_two_things_are_two_facts(extract_text, lexicon: Lexicon) -> None:
    """A source may give a fact and its plan ("asked for a R5 million fine", "fined R2 million"), but
    a company's offer and its loan are two things whatever links them: never one fact."""
    extracted = [extract_text("Rowan Capital will act as the stalking horse bidder with an offer of $385 million. "
                              "The retailer has $275 million in debtor-in-possession financing.", source_id="a")]
    entities = resolve_entities(extracted, lexicon)
    offer, financing = (align._item(c, entities, lexicon, lead=True) for c in extracted[0].claims)
    assert {offer.claim.modality, financing.claim.modality} == {"plan", "fact"}
    assert not align._sources_allow([offer, financing], [0], [1], {(0, 1): 0.3})


def test_two_small_counts_with_swapped_digits_are_one_misprinted_but_two_ages_are_not(
        extract_text, lexicon: Lexicon) -> None:
    """"14 containers" and "41 containers" are one count misprinted; a man of 41 and a boy of 14 are
    two people, and two shares of 87% and 78% as often two measures."""
    texts = {"a": "The drugs were found in 14 refrigerated containers.", "b": "The drugs were found in 41 refrigerated containers.",
             "c": "The drugs were found in 43 refrigerated containers.",
             "d": "John Smith, 14, was hurt.", "e": "John Smith, 41, was hurt."}
    extracted = [extract_text(text, source_id=sid) for sid, text in texts.items()]
    entities = resolve_entities(extracted, lexicon)
    items = {c.source: align._item(c, entities, lexicon, lead=True)
             for item in extracted for c in item.claims if c.kind in {"count", "age"}}
    assert align.pair_evidence(items["a"], items["b"], lexicon)["misprint"] == 1.0
    assert align.pair_evidence(items["a"], items["c"], lexicon)["misprint"] == 0.0
    assert align.pair_evidence(items["d"], items["e"], lexicon)["misprint"] == 0.0


def test_two_figures_one_slip_apart_are_evidence_of_one_figure_misprinted(extract_text, lexicon: Lexicon) -> None:
    """Swapped digits ("9.8%", "8.9%") are the commonest misprint after a moved point: evidence for one
    figure, set by hand (the shootings give few such pairs); digits that differ otherwise are none."""
    texts = {"a": "Torvalle owns 9.8% of Brasmetal.", "b": "Torvalle owns 8.9% of Brasmetal.",
             "c": "Torvalle owns 7.9% of Brasmetal."}
    extracted = [extract_text(text, source_id=sid) for sid, text in texts.items()]
    entities = resolve_entities(extracted, lexicon)
    first, swapped, other = (align._item(c, entities, lexicon, lead=True) for item in extracted for c in item.claims)
    assert align.pair_evidence(first, swapped, lexicon)["misprint"] == 1.0
    assert align.pair_evidence(first, other, lexicon)["misprint"] == 0.0
    differing = lexicon.alignment.differing
    assert differing is not None and "misprint" in differing.set_by_hand and differing.weights["misprint"] > 0
