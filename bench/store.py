"""The stored corpus at scale: index throughput, re-index of an unchanged store, and the
latency of checking one new article against it.

    .venv/bin/python bench/store.py [--corpus ../shared/corpus/gunviolence/articles.jsonl] [--jobs N]
                                    [--small 5] [--small-only]

First, a small store: `--small` articles as files, indexed, then re-indexed unchanged from a
fresh process, as a CI step or a pre-commit hook runs it (target: <= 0.5 s: a run that parses
nothing loads no model), against the floor of a fresh process that only imports crosscheck's
command line. Then (unless `--small-only`) a store of every article of the corpus (6,335 real
local-news articles), a second index of the unchanged files (target: <= 5% of the first), and
`crosscheck check-article` on held-out articles in a fresh process against the floor measured
in the same run: a fresh process that loads the same model and parses that article once
(target: <= 1.5x). Figures, not assertions.
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


MODEL_LOADED = """
import sys
from checker.cli import main
main(sys.argv[1:])
print("spacy" in sys.modules)
"""


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def small_reindex(records: list[dict], count: int, repeats: int = 5) -> None:
    """A re-index of `count` unchanged article files from a fresh process, against its floor."""
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for record in records[:count]:
            (folder / f"{record['id']}.txt").write_text(f"Title: {record.get('title', '')}\n\n{record['text']}",
                                                        encoding="utf-8")
        index = ["-m", "checker", "index", str(folder), "--db", str(Path(tmp) / "store.db"), "--quiet"]
        first = _timed([python, *index])
        again = statistics.median(_timed([python, *index]) for _ in range(repeats))
        floor = statistics.median(_timed([python, "-c", "import checker.cli"]) for _ in range(repeats))
        loaded = subprocess.run([python, "-c", MODEL_LOADED, *index[2:]], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split()[-1]
    print(f"small store: {count} article files")
    print(f"  first index: {first:.2f} s; re-index of the unchanged files (median of {repeats}, fresh process): "
          f"{again:.2f} s = {again / first:.2f} of the first (target <= 0.5 s); spaCy imported: {loaded}")
    print(f"  floor (fresh process importing crosscheck's command line): {floor:.2f} s; ratio {again / floor:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--held-out", type=int, default=5)
    parser.add_argument("--small", type=int, default=5, metavar="N", help="articles in the small store")
    parser.add_argument("--small-only", action="store_true", help="measure only the small store")
    args = parser.parse_args()
    lines = [line for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]
    small_reindex([r for r in records if r.get("text", "").strip()], args.small)
    if args.small_only:
        return 0
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
