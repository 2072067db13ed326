"""Precision and recall of claim extraction, per kind, over tests/cases/extract/*.toml.

    .venv/bin/python bench/extract_metrics.py

A case's `expect` lists claims that must be found (recall) and its `reject` claims that must
not; every extracted claim of a kind the case labels is checked against `expect` (precision):
a claim of that kind matching no expectation is a false positive. Kinds a case does not
mention are not judged on it, so a sentence labelled for its count does not penalise an
unlabelled date in it.
"""
from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from claim_match import matches  # noqa: E402

from checker.extract import extract  # noqa: E402
from checker.lexicon import load_lexicon  # noqa: E402
from checker.model import Source  # noqa: E402
from checker.nlp import load  # noqa: E402


def main() -> int:
    nlp, lexicon = load(), load_lexicon()
    found, missed, wrong = Counter(), Counter(), Counter()
    cases = 0
    for path in sorted((ROOT / "tests" / "cases" / "extract").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            cases += 1
            source = Source(id="s", path="s", title="", text=case["text"], published=case.get("published"),
                            url=case.get("url"))
            claims = extract(source, nlp(case["text"]), lexicon).claims
            expect, reject = case.get("expect", []), case.get("reject", [])
            for spec in expect:
                kind = spec.get("kind", "?")
                (found if any(matches(c, spec) for c in claims) else missed)[kind] += 1
            labelled = {spec["kind"] for spec in expect + reject if "kind" in spec}
            for claim in claims:
                if claim.kind not in labelled:
                    continue
                rejected = any(matches(claim, spec) for spec in reject)
                expected = any(matches(claim, {k: v for k, v in spec.items() if k in {"kind", "value", "low", "high"}})
                               for spec in expect)
                if rejected or not expected:
                    wrong[claim.kind] += 1
            for spec in reject:  # a rejected claim with no kind given counts against its own kind
                if "kind" not in spec:
                    for claim in claims:
                        if matches(claim, spec):
                            wrong[claim.kind] += 1
    print(f"{cases} labelled sentences")
    print(f"{'kind':<11}{'expected':>9}{'found':>7}{'false+':>8}{'precision':>11}{'recall':>8}")
    kinds = sorted(set(found) | set(missed) | set(wrong))
    for kind in kinds:
        tp, fn, fp = found[kind], missed[kind], wrong[kind]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{kind:<11}{tp + fn:>9}{tp:>7}{fp:>8}{precision:>11.2f}{recall:>8.2f}")
    tp, fn, fp = sum(found.values()), sum(missed.values()), sum(wrong.values())
    print(f"{'all':<11}{tp + fn:>9}{tp:>7}{fp:>8}{tp / max(1, tp + fp):>11.2f}{tp / max(1, tp + fn):>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
