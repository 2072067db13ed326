"""Multi-source stories: tests/cases/stories/*.toml, each with every discrepancy it must yield.

Each story carries its traps (the same number about different things, other words for the
same thing, spelling variants, reprints, updates); `bench/align_metrics.py` reports precision
and recall over the same files.
"""
from __future__ import annotations

import tomllib

import pytest
from conftest import CASES, SHARED, require_shared
from test_rule_cases import _values, run_case

STORIES = sorted((CASES / "stories").glob("*.toml"))


def load_story(path) -> dict:  # noqa: ANN001
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {"sources": {sid: s["text"] for sid, s in data["sources"].items()},
            "published": {sid: s.get("published") for sid, s in data["sources"].items()},
            "expect": data.get("expect", [])}


def matches_expectation(found: dict, spec: dict) -> bool:
    for key, value in spec.items():
        if key == "values":
            if sorted(found["values"], key=lambda v: (isinstance(v, str), v)) != \
                    sorted(value, key=lambda v: (isinstance(v, str), v)):
                return False
        elif found[key] != value:
            return False
    return True


@pytest.mark.parametrize("path", STORIES, ids=[p.stem for p in STORIES])
def test_story(path, nlp, lexicon, rules) -> None:  # noqa: ANN001
    case = load_story(path)
    report = run_case(case, nlp, lexicon, rules)
    found = [{"rule": d.rule, "values": _values(report, d), "reason": d.reason, "severity": d.severity}
             for d in (*report.discrepancies, *report.reconciled)]
    for spec in case["expect"]:
        assert any(matches_expectation(f, spec) for f in found), f"expected {spec}, found {found}"
    assert len(found) == len(case["expect"]), f"expected {case['expect']}, found {found}"


def test_at_least_fifteen_stories() -> None:
    assert len(STORIES) >= 15


CORPUS = SHARED / "corpus" / "gunviolence" / "articles.jsonl"


def test_jsonl_corpus_compares_only_within_stories(tmp_path) -> None:  # noqa: ANN001
    """Real articles of many incidents: no discrepancy ever mixes two stories."""
    require_shared(CORPUS)
    import io
    import json

    from checker.cli import main

    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:150]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines), encoding="utf-8")
    status = main(["check", str(tmp_path / "corpus.jsonl"), "--json", str(tmp_path / "r.json"), "--quiet"],
                  stdout=io.StringIO(), stderr=io.StringIO())
    assert status in (0, 1)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    story = {s["id"]: s["story"] for s in report["sources"]}
    source_of = {c["id"]: c["source"] for c in report["claims"]}
    assert len(set(story.values())) > 20
    for discrepancy in report["discrepancies"]:
        assert len({story[source_of[c]] for c in discrepancy["claims"]}) == 1
