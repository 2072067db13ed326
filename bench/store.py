"""The stored corpus at scale: index throughput, re-index of an unchanged store, and the
latency of checking one new article against it.

    .venv/bin/python bench/store.py [--corpus ../shared/corpus/gunviolence/articles.jsonl] [--jobs N]

Builds a store of every article of the corpus (6,335 real local-news articles), times a second
index of the unchanged files (target: <= 5% of the first), then times `crosscheck
check-article` on held-out articles in a fresh process against the floor measured in the same
run: a fresh process that loads the same model and parses that article once (target: <= 1.5x).
Figures, not assertions.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gunviolence" / "articles.jsonl"
FLOOR = """
import sys
from checker.nlp import load
text = open(sys.argv[1], encoding="utf-8").read()
load()(text)
"""


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--held-out", type=int, default=5)
    args = parser.parse_args()
    lines = [line for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]
    held = [r for r in records if r.get("text", "").strip()][-args.held_out:]
    kept = [line for line, r in zip(lines, records) if r not in held]
    words = sum(len(json.loads(line).get("text", "").split()) for line in kept)
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("\n".join(kept) + "\n", encoding="utf-8")
        db = folder / "store.db"
        index = [python, "-m", "checker", "index", str(corpus), "--db", str(db), "--jobs", str(args.jobs), "--quiet"]
        first = _timed(index)
        again = _timed(index)
        print(f"store: {len(kept):,} articles, {words:,} words, {args.jobs} process(es)")
        print(f"  first index:  {first:7.1f} s  {len(kept) / first:6.1f} articles/s  {words / first:8,.0f} words/s  "
              f"store {db.stat().st_size / 1e6:,.0f} MB")
        print(f"  re-index of the unchanged store: {again:5.1f} s = {100 * again / first:.1f}% of the first (target <= 5%)")
        floors, checks = [], []
        for record in held:
            article = folder / f"{record['id']}.txt"
            article.write_text(f"Title: {record.get('title', '')}\nPublished: {record.get('published', '')}\n\n"
                               f"{record['text']}", encoding="utf-8")
            floors.append(_timed([python, "-c", FLOOR, str(article)]))
            checks.append(_timed([python, "-m", "checker", "check-article", str(article), "--db", str(db),
                                  "--json", str(folder / "r.json"), "--fail-on", "never", "--quiet"]))
        floor, check = statistics.median(floors), statistics.median(checks)
        print(f"  check-article (median of {len(held)}): {check:.2f} s; floor (model load + one parse): "
              f"{floor:.2f} s; ratio {check / floor:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
