"""Fit the alignment model on labelled real stories.

A labelled pair is two claims of one story, block and family, from two sources, whose values
are gold values of the hand-labelled facts (conflicts, agreements and compatible differences):
both claims carry one fact's values -> the same fact (1); each carries another fact's values, or
one carries a fact's value while its source gives that fact another value -> two facts (0).
Pairs that no label speaks for are left out. The fit is an L2-regularised logistic regression
over `checker.align.pair_evidence`, one bias per family, regularised toward the shipped
weights (a family with few labels keeps what it had).

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

from checker.align import FAMILY, blocks, pair_evidence  # noqa: E402
from checker.entities import resolve_entities  # noqa: E402
from checker.lexicon import AlignmentModel, Lexicon  # noqa: E402
from checker.model import SourceClaims  # noqa: E402

FAMILIES = sorted(set(FAMILY.values()))
_L2 = 1.0
_ONE_SIDED_WEIGHT = 0.5  # a pair labelled by one claim's fact only: less sure than one both claims label


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


def labelled_pairs(extracted: list[SourceClaims], golds: dict[str, dict], folder: Path,
                   lexicon: Lexicon) -> tuple[list[dict[str, float]], list[str], list[float], list[float]]:
    """Features, family, label and weight of every labelled pair in the stories of `golds`."""
    story_gold = {(name if name == "seeds" else gold["cluster"]): gold for name, gold in golds.items()}
    chosen = [item for item in extracted if Path(item.source.path).parent.name in story_gold]
    entities = resolve_entities(chosen, lexicon)
    story_of = {item.source.id: Path(item.source.path).parent.name for item in chosen}
    file_of = {item.source.id: Path(item.source.path).name for item in chosen}
    claims = [claim for item in chosen for claim in item.claims]
    features, families, labels, weights = [], [], [], []
    published = {item.source.id: item.source.published for item in chosen}
    for (story, _), items in blocks(claims, story_of, entities, lexicon, published).items():
        facts = _facts(story_gold[story])
        records = [{"kind": i.claim.kind, "value": i.claim.value, "low": i.claim.low, "high": i.claim.high,
                    "text": i.claim.text, "_src": file_of[i.claim.source]} for i in items]
        hits = [_hits(record, facts) for record in records]
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                if items[x].claim.source == items[y].claim.source:
                    continue
                label, weight = _label(hits[x], hits[y], records[x]["_src"], records[y]["_src"], facts)
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
    """The logistic model fitted on the labelled pairs of `golds`' stories."""
    features, families, labels, weights = labelled_pairs(extracted, golds, folder, lexicon)
    names = sorted(lexicon.alignment.weights)
    x = np.array([[f.get(n, 0.0) for n in names] + [float(fam == family) for family in FAMILIES]
                  for f, fam in zip(features, families)], dtype=float)
    y = np.array(labels, dtype=float)
    w_sample = np.array(weights, dtype=float)
    prior = lexicon.alignment
    theta0 = np.array([prior.weights.get(n, 0.0) for n in names]
                      + [prior.bias.get(family, prior.bias.get("default", 0.0)) for family in FAMILIES])
    theta = np.zeros(x.shape[1])  # Newton's method is safe from zero, not from any start
    penalty = np.full(x.shape[1], _L2)  # pulled toward the prior, so a family without labels keeps it
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
    return replace(lexicon.alignment, weights=weights_fitted, bias=bias)


def with_model(lexicon: Lexicon, model: AlignmentModel) -> Lexicon:
    return replace(lexicon, alignment=model)
