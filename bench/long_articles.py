"""Cost bounded by size: one long article, or one long token, costs what its length says.

    .venv/bin/python bench/long_articles.py [--corpus ../shared/corpus/gunviolence/articles.jsonl]
                                            [--article-mb 5] [--token-mb 1] [--jobs 1]

Each input is checked by `crosscheck check` in a fresh process, one at a time, and the script
prints the seconds and the peak memory (max RSS of that process and of any parser workers):

  floor    one short article: start-up and model load, what any run costs
  corpus   the first N MB of the corpus as separate articles (JSONL)
  article  the same N MB of prose as one article (one .txt file)
  token    a Markdown article around a base64 image that is one M MB token

The article should cost about what the same text as separate articles does (before pieces were
bounded, a 4.9 MB article peaked at 10.2 GB), and the token about what the floor does (before the
e-mail pattern was made linear, a 5 MB token did not finish in ten minutes). Figures, not
assertions: absolute times vary by machine; the ratios against the same run's floor and corpus
hold better.
"""
from __future__ import annotations

import argparse
import base64
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gunviolence" / "articles.jsonl"
PYTHON = sys.executable
MB = 1_000_000

# Runs one command and prints the peak RSS (KB) of the largest process it waited for.
_PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _records(corpus: Path, size: int) -> list[dict]:
    """Corpus records, in corpus order, until their texts hold `size` bytes."""
    records, total = [], 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records.append({key: record[key] for key in ("id", "title", "text") if key in record})
            total += len(record["text"].encode("utf-8")) + 2
            if total >= size:
                break
    return records


def _inputs(corpus: Path, article_mb: float, token_mb: float, folder: Path) -> dict[str, Path]:
    size = int(article_mb * MB)
    records = _records(corpus, size)
    separate = folder / "corpus.jsonl"
    separate.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    header = b"Title: One long article\n\n"
    body = "\n\n".join(r["text"] for r in records).encode("utf-8")[: size - len(header)]
    article = folder / "article.txt"
    article.write_bytes(header + body.decode("utf-8", errors="ignore").encode("utf-8"))
    image = base64.b64encode(random.Random(5).randbytes(int(token_mb * MB) * 3 // 4)).decode("ascii")
    token = folder / "token.md"
    token.write_text("Title: Fire\n\nPolice said 12 people were hurt in the fire on Sunday.\n\n"
                     f"![photo](data:image/png;base64,{image})\n\nThe mayor said 14 people were hurt.\n",
                     encoding="utf-8")
    floor = folder / "floor.txt"
    floor.write_text("Title: Fire\n\nPolice said 12 people were hurt in the fire on Sunday.\n", encoding="utf-8")
    return {"floor": floor, "corpus": separate, "article": article, "token": token}


def _measure(path: Path, jobs: int, folder: Path) -> tuple[float, float]:
    """(seconds, peak MB) of `crosscheck check path` in a fresh process."""
    command = [PYTHON, "-m", "checker", "check", str(path), "--json", str(folder / "r.json"),
               "--jobs", str(jobs), "--max-bytes", str(max(path.stat().st_size, 1)), "--fail-on", "never", "--quiet"]
    start = time.perf_counter()
    out = subprocess.run([PYTHON, "-c", _PEAK, *command], capture_output=True, text=True, check=True, cwd=ROOT)
    return time.perf_counter() - start, int(out.stdout.strip()) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--article-mb", type=float, default=5.0)
    parser.add_argument("--token-mb", type=float, default=1.0)
    parser.add_argument("--jobs", type=int, default=1, help="parser processes (1: the peak is the whole run's)")
    args = parser.parse_args()
    print(f"crosscheck long inputs: {args.article_mb:g} MB article, {args.token_mb:g} MB token, "
          f"{args.jobs} process(es)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = _inputs(args.corpus, args.article_mb, args.token_mb, folder)
        figures = {}
        for name, path in inputs.items():
            seconds, peak = _measure(path, args.jobs, folder)
            figures[name] = seconds, peak
            print(f"  {name:8} {path.stat().st_size / MB:6.2f} MB  {seconds:7.1f} s  peak RSS {peak:7,.0f} MB")
    (floor_s, floor_mb), (corpus_s, corpus_mb) = figures["floor"], figures["corpus"]
    (article_s, article_mb), (token_s, token_mb) = figures["article"], figures["token"]
    print(f"  article/corpus: time {article_s / corpus_s:.2f}, peak memory {article_mb / corpus_mb:.2f} "
          f"(target: peak <= 1,500 MB for 5 MB)")
    print(f"  token/floor: time {token_s / floor_s:.2f} ({token_s - floor_s:.1f} s over the floor), "
          f"peak memory {token_mb / floor_mb:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
