"""The development half of the gun-violence corpus, indexed once into a store the story and
retrieval benchmarks both read.

Only the development stories (../shared/eval/gv/incidents-dev.json) are ever read: the
held-out half is what the tuned figures must later be confirmed on, so nothing is tuned on it.
The store is kept at the path given (`--db`), and `crosscheck index` skips articles it already
holds, so a second run costs seconds, not the ~8 minutes of extraction.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "gunviolence" / "articles.jsonl"
DEV_INCIDENTS = SHARED / "eval" / "gv" / "incidents-dev.json"


def dev_store(db: Path, *, jobs: int) -> Path:
    """Index the development half into `db` (articles with their `story` field, the truth)."""
    development = set(json.loads(DEV_INCIDENTS.read_text(encoding="utf-8")))
    articles = db.with_suffix(".jsonl")
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["story"] in development]
    if not articles.exists() or articles.read_text(encoding="utf-8") != "\n".join(lines) + "\n":
        articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "checker", "index", str(articles), "--db", str(db), "--jobs", str(jobs),
                    "--quiet"], check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
    return db
