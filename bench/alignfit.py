"""Fit the alignment model on labelled real stories.

A labelled pair is two claims of one story, block and family, from two sources, whose values
are gold values of the hand-labelled facts (conflicts, agreements and compatible differences):
both claims carry one fact's values -> the same fact (1); each carries another fact's values, or
one carries a fact's value while its source gives that fact another value -> two facts (0).
Two differing values that no label speaks for are two facts too (0, weighed less): the gold
lists every conflict its labellers saw. Other pairs no label speaks for are left out.

Two models are fitted, each an L2-regularised logistic regression over
`checker.align.pair_evidence` with one bias per family, regularised toward zero (a family
without labels keeps its shipped bias): one on pairs that give one value, one on pairs
whose values differ. Their evidence differs: most pairs of a story agree, and fitted together
the agreeing pairs would set the weights by which conflicts are found.

Used by `bench/fit_alignment.py` (writes `rules/lexicon/alignment.toml`) and by
`bench/devset.py --cv K` (fits on the other folds only, so the figures predict unseen stories).
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))
import score as scorer  # noqa: E402

from checker.align import FAMILY, UNSCORED_FAMILIES, blocks, pair_evidence  # noqa: E402
from checker.entities import resolve_entities  # noqa: E402
from checker.lexicon import AlignmentModel, Lexicon  # noqa: E402
from checker.model import SourceClaims  # noqa: E402

FAMILIES = sorted(set(FAMILY.values()))
_L2 = 10.0  # strong enough that a few dozen labelled conflicts cannot swing a weight far
_HAND_SET = 1e6  # a bias the model file sets by hand: held where it is
_ONE_SIDED_WEIGHT = 0.5  # a pair labelled by one claim's fact only: less sure than one both claims label
_UNLABELLED_WEIGHT = 0.5  # two differing values no label speaks for: gold lists every conflict, so two facts
_DIFFERING_THRESHOLD = 0.11  # without one in the model file: the best cross-validated figures (--cv 5)


def _file_keyed(values: dict) -> dict:
    return {k if k.endswith(".txt") else f"{k}.txt": v for k, v in values.items()}


def _facts(gold: dict) -> list[dict]:
    facts = [*gold.get("discrepancies", []), *gold.get("agreements", []), *gold.get("compatible", [])]
    return [dict(f, values=_file_keyed(f["values"])) for f in facts]


def _hits(claim_record: dict, facts: list[dict]) -> set[int]:
    found = set()
    for index, fact in enumerate(facts):
        if not scorer.of_kind([claim_record], fact.get("kind")):
            continue
        if scorer.gold_hits(claim_record, fact["values"], claim_record["_src"], fact.get("rel_tol", 0.0)):
            found.add(index)
    return found


def labelled_pairs(extracted: list[SourceClaims], golds: dict[str, dict], folder: Path, lexicon: Lexicon, *,
                   differing: bool) -> tuple[list[dict[str, float]], list[str], list[float], list[float]]:
    """Features, family, label and weight of every labelled pair in the stories of `golds` whose
    values differ (`differing`) or agree."""
    story_gold = {(name if name == "seeds" else gold["cluster"]): gold for name, gold in golds.items()}
    chosen = [item for item in extracted if Path(item.source.path).parent.name in story_gold]
    entities = resolve_entities(chosen, lexicon)
    story_of = {item.source.id: Path(item.source.path).parent.name for item in chosen}
    file_of = {item.source.id: Path(item.source.path).name for item in chosen}
    claims = [claim for item in chosen for claim in item.claims]
    features, families, labels, weights = [], [], [], []
    published = {item.source.id: item.source.published for item in chosen}
    for (story, _), items in blocks(claims, story_of, entities, lexicon, published).items():
        if items[0].family in UNSCORED_FAMILIES:
            continue  # the model never links these: their pairs would only tilt the shared weights
        facts = _facts(story_gold[story])
        records = [{"kind": i.claim.kind, "value": i.claim.value, "low": i.claim.low, "high": i.claim.high,
                    "text": i.claim.text, "_src": file_of[i.claim.source]} for i in items]
        hits = [_hits(record, facts) for record in records]
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                if items[x].claim.source == items[y].claim.source:
                    continue
                differ = records[x]["value"] != records[y]["value"]
                if differ != differing:
                    continue
                label, weight = _label(hits[x], hits[y], records[x]["_src"], records[y]["_src"], facts)
                if label is None and differ and not hits[x] and not hits[y]:
                    label, weight = 0.0, _UNLABELLED_WEIGHT
                if label is None:
                    continue
                features.append(pair_evidence(items[x], items[y], lexicon))
                families.append(items[x].family)
                labels.append(label)
                weights.append(weight)
    return features, families, labels, weights


def _label(hits_a: set[int], hits_b: set[int], src_a: str, src_b: str,
           facts: list[dict]) -> tuple[float | None, float]:
    if hits_a & hits_b:
        return 1.0, 1.0
    if hits_a and hits_b:
        return 0.0, 1.0
    one, other_src = (hits_a, src_b) if hits_a else (hits_b, src_a)
    if one and any(other_src in facts[index]["values"] for index in one):
        return 0.0, _ONE_SIDED_WEIGHT
    return None, 0.0


def fit(extracted: list[SourceClaims], golds: dict[str, dict], folder: Path, lexicon: Lexicon) -> AlignmentModel:
    """The logistic models fitted on the labelled pairs of `golds`' stories: one for pairs that
    give one value, one for pairs whose values differ."""
    same = _fit(*labelled_pairs(extracted, golds, folder, lexicon, differing=False), lexicon.alignment)
    prior = lexicon.alignment.differing or replace(lexicon.alignment, threshold=_DIFFERING_THRESHOLD)
    differ = _fit(*labelled_pairs(extracted, golds, folder, lexicon, differing=True), prior)
    return replace(same, differing=differ)


def _fit(features: list[dict[str, float]], families: list[str], labels: list[float], weights: list[float],
         prior: AlignmentModel) -> AlignmentModel:
    names = sorted(prior.weights)
    x = np.array([[f.get(n, 0.0) for n in names] + [float(fam == family) for family in FAMILIES]
                  for f, fam in zip(features, families)], dtype=float)
    y = np.array(labels, dtype=float)
    w_sample = np.array(weights, dtype=float)
    # pulled toward zero, never toward the shipped numbers (they were fitted on every story, so
    # cross-validation would leak); a family without labelled pairs keeps its shipped bias
    # (and a family's bias or a feature's weight the model file sets by hand is kept whatever the
    # labels say: `set_by_hand`)
    labelled = set(families) - prior.set_by_hand
    theta0 = np.array([prior.weights[n] if n in prior.set_by_hand else 0.0 for n in names]
                      + [0.0 if family in labelled else prior.bias.get(family, prior.bias.get("default", 0.0))
                         for family in FAMILIES])
    theta = np.zeros(x.shape[1])  # Newton's method is safe from zero, not from any start
    penalty = np.array([_HAND_SET if name in prior.set_by_hand else _L2 for name in [*names, *FAMILIES]])
    # each feature's direction is fixed by the model file (evidence for or against one fact); the
    # fit sets only its weight, so noisy labels cannot turn "different casualty types" into a reason
    # to link: projected Newton steps, each weight clipped to its side of zero
    sign = np.array([-1.0 if n in prior.against else 1.0 for n in names] + [0.0] * len(FAMILIES))
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ theta, -30, 30)))
        gradient = x.T @ (w_sample * (p - y)) + penalty * (theta - theta0)
        hessian = (x * (w_sample * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        previous = theta.copy()
        theta = theta - step
        theta = np.where(sign * theta < 0, 0.0, theta)
        if np.abs(theta - previous).max() < 1e-6:
            break
    weights_fitted = {n: round(float(v), 3) for n, v in zip(names, theta[:len(names)])}
    bias = {family: round(float(v), 3) for family, v in zip(FAMILIES, theta[len(names):])}
    bias["default"] = round(float(np.mean(list(bias.values()))), 3)
    return replace(prior, weights=weights_fitted, bias=bias, differing=None)


def with_model(lexicon: Lexicon, model: AlignmentModel) -> Lexicon:
    return replace(lexicon, alignment=model)
