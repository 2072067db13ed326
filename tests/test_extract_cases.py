"""Data-driven extraction cases: tests/cases/extract/*.toml.

Each case is a sentence with the claims it must yield and the claims it must not. The same
files feed `bench/extract_metrics.py`, which reports precision and recall per kind.
"""
from __future__ import annotations

import pytest
from claim_match import describe, matches
from conftest import load_cases

CASES = load_cases("extract")


@pytest.mark.parametrize("case", [case for _, case in CASES], ids=[case_id for case_id, _ in CASES])
def test_extract_case(case: dict, extract_text) -> None:  # noqa: ANN001
    claims = extract_text(case["text"], published=case.get("published"), url=case.get("url")).claims
    for spec in case.get("expect", []):
        assert any(matches(c, spec) for c in claims), f"no claim matches {spec}; found:\n{describe(claims)}"
    for spec in case.get("reject", []):
        wrong = [c for c in claims if matches(c, spec)]
        assert not wrong, f"claims match rejected {spec}:\n{describe(wrong)}"


def test_cases_are_many_and_unique() -> None:
    ids = [case_id for case_id, _ in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 100


def test_the_phrase_that_holds_the_figure_is_no_complement_of_its_verb(extract_text) -> None:  # noqa: ANN001
    """"Loans to 37 shell companies" counts the companies: "to company" would tell the count apart
    from "channelled into 37 shell companies" as a different outcome, where it is the same thing
    counted. The verb's other phrases still complete it."""
    def complements(text: str) -> list[tuple[str, ...]]:
        return [c.subject.complements for c in extract_text(text).claims if c.kind == "count"]

    assert complements("The bank issued loans to 37 shell companies.") == [()]
    assert complements("Police took 12 people to hospital.") == [("to hospital",)]
