"""Data-driven rule cases: tests/cases/rules/<RULE>.toml, several small stories each.

Every case lists all the discrepancies its sources must yield (`expect`), so a case that
expects none also proves the absence of a false alarm. Differences the qualifiers reconcile
(reason `bounds-compatible`) are findings too, reported apart from the discrepancies.
"""
from __future__ import annotations

import tomllib

import pytest
from conftest import CASES, make_source

from checker.engine import build_report

RULE_FILES = sorted((CASES / "rules").glob("*.toml"))
ALL = [(f"{path.stem}::{case['id']}", case) for path in RULE_FILES
       for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]


def run_case(case: dict, nlp, lexicon, rules):  # noqa: ANN001, ANN201
    from checker.extract import extract

    published = case.get("published", {})
    extracted = []
    for source_id, text in case["sources"].items():
        source = make_source(text, source_id=source_id, published=published.get(source_id))
        extracted.append(extract(source, nlp(text), lexicon))
    return build_report(extracted, [], rules, lexicon)


def _values(report, discrepancy) -> list:  # noqa: ANN001
    by_id = {c.id: c for c in report.claims}
    values = {by_id[c].value for c in discrepancy.claims}
    return sorted(values, key=lambda v: (isinstance(v, str), v))


@pytest.mark.parametrize("case", [case for _, case in ALL], ids=[case_id for case_id, _ in ALL])
def test_rule_case(case: dict, nlp, lexicon, rules) -> None:  # noqa: ANN001
    report = run_case(case, nlp, lexicon, rules)
    found = [{"rule": d.rule, "values": _values(report, d), "reason": d.reason, "severity": d.severity}
             for d in (*report.discrepancies, *report.reconciled)]
    expected = case["expect"]
    assert len(found) == len(expected), f"expected {expected}, found {found}"
    for spec in expected:
        assert any(all(f[key] == (sorted(value, key=lambda v: (isinstance(v, str), v)) if key == "values" else value)
                       for key, value in spec.items()) for f in found), f"expected {spec}, found {found}"
