"""`check-article` retrieval: how many stored articles of the same story it finds, and how many
of other stories it brings along, on the development half of the gun-violence corpus.

    .venv/bin/python bench/retrieval.py [--db /tmp/crosscheck-dev.db] [--jobs N]

Every development article of a story with 3 or more articles asks the store (all development
articles but itself) for its story, as `check-article` does. Printed for the default threshold
and a few others: the share of its same-story articles retrieved (target >= 0.95) and the share
of other-story articles retrieved (target <= 0.05), over all queries. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from dev_store import ROOT, dev_store

sys.path.insert(0, str(ROOT))

from checker.store import RELATED_THRESHOLD, Store  # noqa: E402

THRESHOLDS = tuple(sorted({0.03, 0.05, 0.08, RELATED_THRESHOLD, 0.1, 0.2}))  # the default among them, once
LIMIT = 50  # what check-article asks for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/crosscheck-dev.db"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with Store(dev_store(args.db, jobs=args.jobs)) as store:
        items = {path: store.get(path) for path in store.paths()}
        story = {path: item.source.story for path, item in items.items() if item}
        size = Counter(story.values())
        queries = [path for path in story if size[story[path]] >= 3]
        same = {t: 0 for t in THRESHOLDS}
        other = {t: 0 for t in THRESHOLDS}
        for path in queries:
            # best first, so each threshold's answer is a prefix of the lowest one's
            ranked = store.related(items[path], threshold=min(THRESHOLDS), limit=LIMIT)  # type: ignore[arg-type]
            for threshold in THRESHOLDS:
                found = [p for p, score in ranked if score >= threshold]
                same[threshold] += sum(story[p] == story[path] for p in found)
                other[threshold] += sum(story[p] != story[path] for p in found)
    same_total = sum(size[story[path]] - 1 for path in queries)
    other_total = sum(len(story) - size[story[path]] for path in queries)
    print(f"retrieval: {len(story):,} stored development articles; {len(queries):,} queries "
          f"(articles of stories with 3+ articles), {same_total:,} same-story and {other_total:,} other-story pairs")
    for threshold in THRESHOLDS:
        mark = " (default)" if threshold == RELATED_THRESHOLD else ""
        print(f"  threshold {threshold:<5}{mark:10} same story retrieved {same[threshold] / same_total:.3f} "
              f"(target >= 0.95), other stories retrieved {other[threshold] / other_total:.4f} (target <= 0.05), "
              f"{other[threshold] / len(queries):.1f} a query")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
