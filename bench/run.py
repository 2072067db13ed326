"""Speed and memory of crosscheck against the floor it cannot beat: the spaCy model itself.

    .venv/bin/python bench/run.py [--corpus ../shared/corpus/gunviolence/articles.jsonl] [--sizes 1000 all]
                                  [--jobs N]

For each size, in one run and on the same texts:
  floor  spaCy's `nlp.pipe` over the texts with the same model and the same processes;
  check  `crosscheck check` end to end (reading, extraction, alignment, rules, JSON and HTML),
         in a fresh process, as a user runs it.
It prints words/s, articles/s, peak memory (max RSS of the process) and the ratio check/floor.
Also: `crosscheck --version` start-up time, and alignment of 100,000 synthetic claims.
Figures, not assertions: absolute times vary by machine; the ratios hold better.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gunviolence" / "articles.jsonl"
PYTHON = sys.executable

FLOOR = """
import json, sys, time, resource
from checker.nlp import load
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = load()
start = time.perf_counter()
for _ in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=16):
    pass
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _sample(corpus: Path, size: str, folder: Path) -> tuple[Path, int, int]:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    if size != "all":
        random.Random(7).shuffle(lines)
        lines = lines[: int(size)]
    path = folder / f"sample-{size}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    return path, len(lines), words


def _floor(path: Path, jobs: int) -> dict:
    out = subprocess.run([PYTHON, "-c", FLOOR, str(path), str(jobs)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _check(path: Path, jobs: int, folder: Path) -> dict:
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([PYTHON, "-m", "checker", "check", str(path), "--json", str(folder / "r.json"),
                    "--html", str(folder / "r.html"), "--jobs", str(jobs), "--fail-on", "never", "--quiet"],
                   check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": elapsed, "rss_mb": max(rss, before) / 1024}


def _version_time() -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([PYTHON, "-m", "checker", "--version"], check=True, capture_output=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def _alignment_time(n: int = 100_000) -> tuple[float, int]:
    sys.path.insert(0, str(ROOT))
    from checker.align import align
    from checker.entities import EntityIndex
    from checker.lexicon import load_lexicon
    from checker.model import Claim, Subject

    lexicon = load_lexicon()
    rng = random.Random(3)
    nouns = [("troops", "military-personnel", "transfer"), ("people", "people", "evacuate"),
             ("homes", "buildings", "destroy"), ("protesters", "protesters", "arrest")]
    claims, story_of = [], {}
    for i in range(n):
        story, source = f"story{i % 5000}", f"src{i % 20000}"
        story_of[source] = story
        noun, concept, predicate = rng.choice(nouns)
        kind = rng.choice(["count", "count", "casualties"])
        value = float(rng.choice([3, 4, 10, 12, 1500, 3000]))
        claims.append(Claim(id=f"c{i}", source=source, kind=kind, subtype="killed" if kind == "casualties" else None,
                            subject=Subject(text=noun, head=noun, concept=concept, predicate=predicate,
                                            predicate_class=predicate),
                            value=value, text=str(value), sentence=f"{value} {noun} were {predicate}ed.",
                            start=0, end=1, low=value, high=value))
    start = time.perf_counter()
    groups = align(claims, story_of, EntityIndex((), {}), lexicon)
    return time.perf_counter() - start, len(groups)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", nargs="+", default=["1000", "all"])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(f"crosscheck benchmark: {args.corpus.name}, {args.jobs} process(es), {os.cpu_count()} cores")
    print(f"  --version: {_version_time():.2f} s (target < 0.3 s)")
    seconds, groups = _alignment_time()
    print(f"  alignment of 100,000 synthetic claims: {seconds:.1f} s, {groups:,} groups (target < 10 s)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            path, articles, words = _sample(args.corpus, size, folder)
            floor = _floor(path, args.jobs)
            check = _check(path, args.jobs, folder)
            ratio = check["seconds"] / floor["seconds"]
            print(f"  {articles:,} articles, {words:,} words")
            print(f"    floor  nlp.pipe: {floor['seconds']:7.1f} s  {words / floor['seconds']:8,.0f} words/s  "
                  f"{articles / floor['seconds']:6.1f} articles/s")
            print(f"    check  end to end: {check['seconds']:7.1f} s  {words / check['seconds']:8,.0f} words/s  "
                  f"{articles / check['seconds']:6.1f} articles/s  peak RSS {check['rss_mb']:,.0f} MB")
            print(f"    ratio check/floor: {ratio:.2f} (target <= 1.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
