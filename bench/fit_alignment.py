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

from checker.lexicon import AlignmentModel, load_lexicon  # noqa: E402

MODEL = devset.ROOT / "rules" / "lexicon" / "alignment.toml"


def rewrite(text: str, model: AlignmentModel) -> str:
    """The model file with new numbers, its comments, order, descriptions and thresholds kept."""
    differing = model.differing or model

    def feature_line(match: re.Match) -> str:
        name, direction, description = match.group(1), match.group(2), match.group(3)
        return (f'{name} = {{ direction = "{direction}", weight = {model.weights.get(name, 0.0)}, '
                f'weight_differing = {differing.weights.get(name, 0.0)}, description = "{description}" }}')

    text = re.sub(r'(?m)^(\w+) = \{ direction = "(\w+)", weight = [^}]*?description = "([^"]*)" \}$',
                  feature_line, text)
    text = _replace_table(text, "bias", model.bias)
    return _replace_table(text, "differing.bias", differing.bias)


def _replace_table(text: str, name: str, values: dict[str, float]) -> str:
    """`[name]` with `values`, sorted; a table that is not there yet is added at the end."""
    lines = f"[{name}]\n" + "".join(f"{key} = {value}\n" for key, value in sorted(values.items()))
    pattern = re.compile(rf"(?ms)^\[{re.escape(name)}\]\n.*?(?=^\[|\Z)")
    if pattern.search(text):
        return pattern.sub(lambda _: lines + "\n", text, count=1).rstrip("\n") + "\n"
    return text.rstrip("\n") + "\n\n" + lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the model without writing it")
    parser.add_argument("--gold-dir", type=Path, action="append",
                        help=f"labelled stories to fit on besides the seeds, repeatable (default: {devset.EVAL / 'gv' / 'gold'})")
    args = parser.parse_args()
    golds = devset.load_golds(args.gold_dir or [devset.EVAL / "gv" / "gold"], seeds=True)
    folder, extracted = devset.extracted_stories(golds, refresh=False)
    model = alignfit.fit(extracted, golds, folder, load_lexicon())
    differing = model.differing or model
    print(f"{'feature':>22} {'one value':>10} {'differing':>10}")
    for name, value in sorted(model.weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"{name:>22} {value:+10.3f} {differing.weights.get(name, 0.0):+10.3f}")
    for label, bias in (("bias", model.bias), ("bias, differing", differing.bias)):
        print(f"{label}:", ", ".join(f"{k} {v:+.2f}" for k, v in sorted(bias.items())))
    if not args.dry_run:
        MODEL.write_text(rewrite(MODEL.read_text(encoding="utf-8"), model), encoding="utf-8")
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
