"""Story clustering (`--stories auto`) on real local news: pairwise precision and recall of
"same story" against the gun-violence corpus's `story` field.

    .venv/bin/python bench/stories.py [--db /tmp/crosscheck-dev.db] [--articles 1000] [--seed 0] [--jobs N]

Two disjoint samples of whole development stories (about `--articles` articles each, story
fields removed) are clustered from their stored claims. A pair of articles is a true positive
when both the truth and the clustering put them in one story; precision is over the pairs the
clustering joins, recall over the pairs the truth joins (target: >= 0.95 each). Tune on sample 1
of a seed, check on sample 2 and on another `--seed`'s draw. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from dev_store import ROOT, dev_store

sys.path.insert(0, str(ROOT))

from checker.model import SourceClaims  # noqa: E402
from checker.store import Store  # noqa: E402
from checker.stories import cluster_stories  # noqa: E402


def samples(items: list[SourceClaims], *, articles: int, seed: int = 0) -> list[list[SourceClaims]]:
    """Two disjoint samples of whole stories, each of about `articles` articles."""
    stories: dict[str, list[SourceClaims]] = defaultdict(list)
    for item in items:
        stories[item.source.story or ""].append(item)
    order = sorted(stories)
    random.Random(seed).shuffle(order)
    drawn: list[list[SourceClaims]] = [[], []]
    for story in order:
        open_sample = next((s for s in drawn if len(s) < articles), None)
        if open_sample is None:
            break
        open_sample.extend(stories[story])
    return drawn


def same_story_pairs(story_of: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for source, story in story_of.items():
        members[story].append(source)
    return {frozenset(pair) for group in members.values() for pair in combinations(sorted(group), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/crosscheck-dev.db"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0, help="which stories are drawn into the samples")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with Store(dev_store(args.db, jobs=args.jobs)) as store:
        items = [store.get(path) for path in store.paths()]
    print(f"stories: {len(items):,} development articles in {args.db}")
    for number, sample in enumerate(samples([i for i in items if i], articles=args.articles, seed=args.seed), start=1):
        truth = {item.source.id: item.source.story or "" for item in sample}
        blind = [replace(item, source=replace(item.source, story=None)) for item in sample]
        started = time.perf_counter()
        found = cluster_stories(blind)
        elapsed = time.perf_counter() - started
        true_pairs, found_pairs = same_story_pairs(truth), same_story_pairs(found)
        both = len(true_pairs & found_pairs)
        print(f"  sample {number}: {len(sample):,} articles, {len(set(truth.values())):,} stories "
              f"({len(true_pairs):,} same-story pairs); clustering found {len(set(found.values())):,} stories "
              f"in {elapsed:.1f} s: precision {both / max(1, len(found_pairs)):.3f}, "
              f"recall {both / max(1, len(true_pairs)):.3f} (targets >= 0.95)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
