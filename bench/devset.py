"""The development set in-process: extract once, then align, check and score in a second.

    python bench/devset.py [--verbose] [--only ID,...] [--refresh] [--cv K] [--no-seeds] [--gold-dir DIR ...]

`../shared/eval/dev.py` runs the `crosscheck` command; this script gives the same figures (it
scores with the same `score.py`) but caches the extracted claims, so that changes to alignment,
entities or rules can be measured in seconds. Extraction is cached per extractor version and
file content (and the lexicon extraction reads) in `.cache/devset.pickle`; `--refresh` re-extracts.

`--cv K` scores by cross-validation: the stories are split into K folds and each fold is checked
with the alignment model fitted on the other folds only (`bench/alignfit.py`), so the figure
predicts unseen coverage. Without it the shipped model (`rules/lexicon/alignment.toml`) is used.

`--gold-dir` (repeatable) names the labelled stories: `../shared/eval/gv/gold` by default,
`bench/gold/gv-extra` holds development-half stories labelled in this project, and
`bench/gold/beats` and `bench/gold/beats-holdout` stories of other beats written and labelled in
this project (each story's articles in the folder beside its labels; the holdout is only scored). The shipped model
is fitted on the shared ones only, so the extra stories are a second measure of unseen coverage.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
EXTRA = ROOT / "bench" / "gold"  # development-half stories labelled in this project
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(EVAL))

import dev as dev_eval  # noqa: E402  (../shared/eval/dev.py: writes the stories, slices the report)
import score as scorer  # noqa: E402

from checker import EXTRACTOR_VERSION  # noqa: E402
from checker.engine import build_report, extract_all  # noqa: E402
from checker.lexicon import load_lexicon  # noqa: E402
from checker.report.json import as_dict  # noqa: E402
from checker.rules import default_rule_dirs, load_rules  # noqa: E402
from checker.sources import read_paths  # noqa: E402

CACHE = ROOT / ".cache" / "devset.pickle"


def load_golds(gold_dirs: Path | list[Path], seeds: bool) -> dict[str, dict]:
    golds = {"seeds": json.loads((EVAL / "gold/seeds.json").read_text(encoding="utf-8"))} if seeds else {}
    for gold_dir in [gold_dirs] if isinstance(gold_dirs, Path) else gold_dirs:
        for path in sorted(gold_dir.glob("*.json")):
            golds[path.stem] = json.loads(path.read_text(encoding="utf-8"))
            if path.with_suffix("").is_dir():  # its articles beside it (bench/gold/beats), not in the corpus
                golds[path.stem]["articles"] = str(path.with_suffix(""))
    return golds


def extracted_stories(golds: dict[str, dict], refresh: bool) -> tuple[Path, list]:
    """The stories written to a folder, and their extracted claims (cached by content)."""
    folder = Path(tempfile.gettempdir()) / "crosscheck-devset" / "stories"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    dev_eval.write_stories(folder, golds)
    for gold in golds.values():
        if "articles" in gold:
            shutil.copytree(gold["articles"], folder / gold["cluster"])
    read = read_paths([folder], story_from_folder=True)
    digest = hashlib.sha1(EXTRACTOR_VERSION.encode())  # a digest of the extraction code and its lexicon
    for source in read.sources:
        digest.update(source.path.encode() + source.text.encode())
    key = digest.hexdigest()
    if CACHE.exists() and not refresh:
        cached_key, extracted = pickle.loads(CACHE.read_bytes())
        if cached_key == key:
            return folder, extracted
    extracted = list(extract_all(read.sources, load_lexicon(), jobs=2))
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_bytes(pickle.dumps((key, extracted)))
    return folder, extracted


def score_stories(report: dict, folder: Path, golds: dict[str, dict], verbose: bool) -> dict[str, int]:
    totals = dict(gold=0, found=0, predicted=0, tp=0, fa=0, unj=0, var=0, merged=0, wrong=0)
    for name, gold in golds.items():
        story_folder = folder / (name if name == "seeds" else gold["cluster"])
        part = dev_eval.slice_report(report, story_folder.resolve())
        names = {s["id"]: Path(s.get("path") or s["id"]).name for s in part["sources"]}
        claims = {c["id"]: dict(c, _src=names.get(c["source"], c["source"])) for c in part["claims"]}
        result = scorer.score(dev_eval.keyed_by_file(gold) if name != "seeds" else gold, part, claims)
        for total, value in (("gold", result["gold"]), ("found", result["found"]), ("predicted", result["predicted"]),
                             ("tp", result["tp"]), ("fa", len(result["false_alarms"])),
                             ("unj", len(result["unjudged"])), ("var", result.get("variants", 0)),
                             ("merged", result.get("variants_merged", 0)),
                             ("wrong", len(result.get("wrong_merges", [])))):
            totals[total] += value
        if verbose:
            print(f"{name:>10}: found {result['found']}/{result['gold']}, true {result['tp']}/{result['predicted']}")
            for label, items in (("missed", result["missed"]), ("false alarm", result["false_alarms"]),
                                 ("unjudged", result["unjudged"]), ("not merged", result.get("variants_split", [])),
                                 ("wrong merge", result.get("wrong_merges", []))):
                for item in items:
                    print(f"{'':12}{label}: {item}")
    return totals


def figures(label: str, totals: dict[str, int], stories: int) -> str:
    recall = totals["found"] / totals["gold"] if totals["gold"] else 1.0
    precision = totals["tp"] / totals["predicted"] if totals["predicted"] else 1.0
    return (f"{label}: recall={recall:.2f} precision={precision:.2f} false_alarms={totals['fa']} "
            f"unjudged={totals['unj']} variants={totals['merged']}/{totals['var']} wrong_merges={totals['wrong']} "
            f"stories={stories}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", help="comma-separated story ids (and/or 'seeds')")
    parser.add_argument("--refresh", action="store_true", help="extract again even when the cache is fresh")
    parser.add_argument("--cv", type=int, default=0, help="cross-validate the alignment model over K folds")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--threshold", type=float, help="try another link threshold than the model's")
    parser.add_argument("--gold-dir", type=Path, action="append",
                        help=f"labelled stories, repeatable (default: {EVAL / 'gv' / 'gold'})")
    args = parser.parse_args()
    golds = load_golds(args.gold_dir or [EVAL / "gv" / "gold"], seeds=not args.no_seeds)
    folder, extracted = extracted_stories(golds, args.refresh)
    if args.only:
        keep = set(args.only.split(","))
        golds = {k: v for k, v in golds.items() if k in keep}
    lexicon, rules = load_lexicon(), load_rules(default_rule_dirs())
    if args.threshold is not None:
        lexicon = replace(lexicon, alignment=replace(lexicon.alignment, threshold=args.threshold))
    started = time.perf_counter()
    if not args.cv:
        report = as_dict(build_report(extracted, [], rules, lexicon))
        totals = score_stories(report, folder, golds, args.verbose)
        print(f"({time.perf_counter() - started:.1f} s)")
        print(figures("devset", totals, len(golds)))
        return 0
    import alignfit

    names = sorted(golds)
    totals = dict.fromkeys(("gold", "found", "predicted", "tp", "fa", "unj", "var", "merged", "wrong"), 0)
    for fold in range(args.cv):
        held = {n for i, n in enumerate(names) if i % args.cv == fold}
        model = alignfit.fit(extracted, {n: g for n, g in golds.items() if n not in held}, folder, lexicon)
        lexicon_fold = alignfit.with_model(lexicon, model)
        report = as_dict(build_report(extracted, [], rules, lexicon_fold))
        part = score_stories(report, folder, {n: golds[n] for n in held}, args.verbose)
        for key in totals:
            totals[key] += part[key]
    print(f"({time.perf_counter() - started:.1f} s)")
    print(figures(f"devset-cv{args.cv}", totals, len(golds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
