"""Fit the alignment model on every labelled development story and write it as data.

    python bench/fit_alignment.py [--dry-run]

Rewrites the weights and biases in `rules/lexicon/alignment.toml` (descriptions and the
threshold stay) and prints them. Quote `bench/devset.py --cv 5` beside the plain figures: only
the cross-validated one predicts unseen coverage.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alignfit  # noqa: E402
import devset  # noqa: E402

from checker.lexicon import load_lexicon  # noqa: E402

MODEL = devset.ROOT / "rules" / "lexicon" / "alignment.toml"


def rewrite(text: str, weights: dict[str, float], bias: dict[str, float]) -> str:
    """The model file with new numbers, its comments, order and descriptions kept."""
    text = re.sub(r"(?m)^((\w+) = \{ direction = \"\w+\", weight = )-?[\d.]+(, )",
                  lambda m: weight_line(m, weights), text)
    section = text.index("[bias]")
    end = text.index("[features]")
    lines = ["[bias]"] + [f"{family} = {value}" for family, value in sorted(bias.items())]
    return text[:section] + "\n".join(lines) + "\n\n" + text[end:]


def weight_line(match: re.Match, weights: dict[str, float]) -> str:
    return f"{match.group(1)}{weights.get(match.group(2), 0.0)}{match.group(3)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the model without writing it")
    args = parser.parse_args()
    golds = devset.load_golds(devset.EVAL / "gv" / "gold", seeds=True)
    folder, extracted = devset.extracted_stories(golds, refresh=False)
    model = alignfit.fit(extracted, golds, folder, load_lexicon())
    for name, value in sorted(model.weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"{name:>20} {value:+.3f}")
    print("bias:", ", ".join(f"{k} {v:+.2f}" for k, v in sorted(model.bias.items())))
    if not args.dry_run:
        MODEL.write_text(rewrite(MODEL.read_text(encoding="utf-8"), model.weights, model.bias), encoding="utf-8")
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
