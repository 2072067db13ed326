"""Precision and recall of alignment and rules over the multi-source cases.

    .venv/bin/python bench/align_metrics.py

Reads tests/cases/stories/*.toml and tests/cases/rules/*.toml: each lists every discrepancy
its sources must yield. A predicted discrepancy is a true positive when it has the expected
rule and values (and reason or severity, when the case gives them); anything else is a false
alarm. Expected discrepancies no prediction matches are misses.
"""
from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from checker.engine import build_report  # noqa: E402
from checker.extract import extract  # noqa: E402
from checker.lexicon import load_lexicon  # noqa: E402
from checker.model import Source  # noqa: E402
from checker.nlp import load  # noqa: E402
from checker.rules import default_rule_dirs, load_rules  # noqa: E402


def _cases() -> list[tuple[str, dict[str, str], dict[str, str | None], list[dict]]]:
    cases = []
    for path in sorted((ROOT / "tests" / "cases" / "stories").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        cases.append((f"story:{path.stem}", {k: v["text"] for k, v in data["sources"].items()},
                      {k: v.get("published") for k, v in data["sources"].items()}, data.get("expect", [])))
    for path in sorted((ROOT / "tests" / "cases" / "rules").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            cases.append((f"{path.stem}:{case['id']}", case["sources"], case.get("published", {}), case["expect"]))
    return cases


def _key(values: list) -> list:
    return sorted(values, key=lambda v: (isinstance(v, str), v))


def main() -> int:
    nlp, lexicon, rules = load(), load_lexicon(), load_rules(default_rule_dirs())
    tp, fp, fn = Counter(), Counter(), Counter()
    for name, texts, published, expected in _cases():
        extracted = [extract(Source(id=sid, path=sid, title="", text=text, published=published.get(sid)),
                             nlp(text), lexicon) for sid, text in texts.items()]
        report = build_report(extracted, [], rules, lexicon)
        by_id = {c.id: c for c in report.claims}
        unmatched = list(expected)
        for d in (*report.discrepancies, *report.reconciled):
            values = _key(list({by_id[c].value for c in d.claims}))
            found = {"rule": d.rule, "values": values, "reason": d.reason, "severity": d.severity}
            hit = next((e for e in unmatched if all((_key(v) if k == "values" else v) == found[k]
                                                     for k, v in e.items())), None)
            if hit is None:
                fp[d.rule] += 1
                print(f"  false alarm  {name}: {d.rule} {values} ({d.reason})")
            else:
                tp[d.rule] += 1
                unmatched.remove(hit)
        for miss in unmatched:
            fn[miss["rule"]] += 1
            print(f"  missed       {name}: {miss}")
    print(f"{len(_cases())} multi-source cases")
    print(f"{'rule':<8}{'expected':>9}{'found':>7}{'false+':>8}{'precision':>11}{'recall':>8}")
    for rule in sorted(set(tp) | set(fp) | set(fn)):
        t, f, m = tp[rule], fp[rule], fn[rule]
        print(f"{rule:<8}{t + m:>9}{t:>7}{f:>8}{t / max(1, t + f):>11.2f}{t / max(1, t + m):>8.2f}")
    t, f, m = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'all':<8}{t + m:>9}{t:>7}{f:>8}{t / max(1, t + f):>11.2f}{t / max(1, t + m):>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
