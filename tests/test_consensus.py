"""What the report says the sources agree on: only values a source reported, never an average.

A median of 3,000 and 10,000 is 6,500 troops that no source reported; the report shows the value
most independent sources give (with how many give it) or the range they span. Names count once
per entity however they are spelled, a source repeating a value is one column, and the highlight
marks the claim's own characters.
"""
from __future__ import annotations

import io
import json
import re

import pytest
from conftest import SEEDS

from checker.cli import main
from checker.explain import consensus, outliers
from checker.model import Claim, Entity, Report, Source, Subject
from checker.report.html import sentence_parts, view_model


def claim(source: str, value: float | str, *, kind: str = "count", modality: str = "fact", text: str = "",
          qualifier: str = "exact", at: int = 0) -> Claim:
    text = text or (f"{value:,}" if isinstance(value, int) else str(value))
    return Claim(id=f"{source}#{kind}@{at}", source=source, kind=kind, subject=Subject("workers"),  # type: ignore[arg-type]
                 value=value, text=text, sentence=text, start=at, end=at + len(text), modality=modality,  # type: ignore[arg-type]
                 qualifier=qualifier)  # type: ignore[arg-type]


def by_value(item: Claim) -> float | str:
    return item.value


@pytest.mark.parametrize(("values", "leading", "agreeing", "summary"), [
    ((3000, 10000), None, 0, "from 3,000 to 10,000 (no two sources agree)"),  # the median was 6,500
    ((4, 5, 4), 4, 2, "4 (2 of 3 sources)"),  # not 4.5, not a median of 4.33
    ((38, 39), None, 0, "from 38 to 39 (no two sources agree)"),  # not 38.5
    ((5, 5, 9, 9), None, 0, "from 5 to 9 (no value given by more sources than the others)"),
    ((12, 12, 12, 30), 12, 3, "12 (3 of 4 sources)"),
])
def test_consensus_is_a_value_sources_reported(values: tuple[int, ...], leading: int | None, agreeing: int,
                                               summary: str) -> None:
    claims = [claim(f"s{i}", v) for i, v in enumerate(values)]
    agreed = consensus(claims, by_value)
    assert agreed.leading == leading
    assert agreed.agreeing == agreeing
    assert agreed.summary() == summary
    assert agreed.leading is None or agreed.leading in values


def test_a_source_counts_once_and_plans_yield_to_reported_facts() -> None:
    claims = [claim("a", 3000, at=1), claim("a", 3000, at=50), claim("b", 3000),
              claim("c", 10000, modality="plan"), claim("a", 10000, modality="plan", at=90)]
    agreed = consensus(claims, by_value)
    assert agreed.leading == 3000 and agreed.agreeing == 2 and agreed.sources == 2
    assert [v.shown for v in agreed.values] == ["3,000"]


def test_outliers_depart_from_the_leading_value_only() -> None:
    claims = [claim("a", 4), claim("b", 4), claim("c", 9)]
    agreed = consensus(claims, by_value)
    assert outliers(claims, agreed, by_value, tolerance=0.0, absolute=0.0) == ("c#count@0",)
    split = [claim("a", 4), claim("b", 9)]
    assert outliers(split, consensus(split, by_value), by_value, tolerance=0.0, absolute=0.0) == ()


def test_names_count_once_per_entity() -> None:
    entity = {"Kim Yong Hyun": "kim", "Kim Yong-Hyun": "kim", "Shin Won-sik": "shin"}
    claims = [claim("002", "Kim Yong Hyun", kind="role"), claim("004", "Kim Yong-Hyun", kind="role", at=1),
              claim("004", "Kim Yong-Hyun", kind="role", at=2), claim("004", "Shin Won-sik", kind="role", at=3)]
    agreed = consensus(claims, lambda c: entity[str(c.value)])
    assert [(v.shown, v.sources) for v in agreed.values] == [("Kim Yong-Hyun", ("002", "004")),
                                                             ("Shin Won-sik", ("004",))]
    assert agreed.values[0].also == ("Kim Yong Hyun",)
    assert agreed.summary() == "Kim Yong-Hyun (2 of 2 sources)"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, str]:
    folder = tmp_path_factory.mktemp("seeds")
    out = io.StringIO()
    main(["check", str(SEEDS), "--json", str(folder / "r.json"), "--html", str(folder / "r.html")], stdout=out)
    return (json.loads((folder / "r.json").read_text(encoding="utf-8")),
            (folder / "r.html").read_text(encoding="utf-8"), out.getvalue())


def test_seeds_report_only_reported_values(seeds: tuple[dict, str, str]) -> None:
    report, html, terminal = seeds
    claims = {c["id"]: c for c in report["claims"]}
    troops = next(d for d in report["discrepancies"] if d["rule"] == "CC101")
    reported = {claims[c]["value"] for c in troops["claims"]}
    written = {claims[c]["text"].replace("over ", ">=").replace("around ", "~").replace("up to ", "<=")
               for c in troops["claims"]}
    assert troops["consensus"] is None or troops["consensus"] in reported
    assert troops["range"]["low"] in written and troops["range"]["high"] in written
    assert {10000, 3000} <= reported  # whose median, 6,500, no source reported
    assert "6,500" not in html and "6500" not in json.dumps(report["discrepancies"])
    low, high = troops["range"]["low"], troops["range"]["high"]
    assert troops["agreement"] == f"from {low} to {high} (no two sources agree)"
    assert f"Sources say:</b> <bdi>{troops['agreement']}</bdi>".replace(">=", "&gt;=") in html
    assert f"[sources: {troops['agreement']}]" in terminal


def test_seeds_role_card_shows_values_per_entity(seeds: tuple[dict, str, str]) -> None:
    report, html, terminal = seeds
    minister = next(d for d in report["discrepancies"] if d["rule"] == "CC107")
    assert "2 sources give 2 values" in minister["message"]
    assert [(v["value"], len(v["sources"])) for v in minister["values"]] == [("Kim Yong-Hyun", 2), ("Shin Won-sik", 1)]
    assert minister["consensus"] == "Kim Yong-Hyun" and minister["consensus_sources"] == 2
    card = re.search(rf'<section class="card [a-z]+" id="{minister["id"]}".*?</section>', html, re.S)
    assert card is not None
    columns = re.findall(r'<div class="column[^"]*">\s*<div class="value">(.*?)</div>.*?<br>(\S+)', card.group(0), re.S)
    assert len(columns) == len(set(columns)) == 3, columns  # 004 repeats Kim Yong-Hyun: one column
    line = next(line for line in terminal.splitlines() if "CC107" in line)
    assert line.count("004_ff2a88a4293bb0b3: South Korean Defense Minister Kim Yong-Hyun") == 1


def test_highlight_marks_the_claims_own_characters() -> None:
    text = "Since 2012, the city has counted 12 people dead in shootings at the park."
    at = text.index("12 people")
    item = Claim(id="a#casualties@0", source="a", kind="casualties", subject=Subject("people"), value=12.0,
                 text="12", sentence=text, start=at, end=at + 2)
    before, mark, after = sentence_parts(item, text)
    assert (before, mark) == ("Since 2012, the city has counted ", "12") and after.startswith(" people dead")
    shifted = "Title\n\n" + text  # the sentence need not start the text
    moved = Claim(**{**item.__dict__, "start": at + 7, "end": at + 9})
    assert sentence_parts(moved, shifted) == (before, mark, after)


def test_reader_words_instead_of_internal_labels() -> None:
    source = Source(id="a", path="a.txt", title="A", text="x")
    report = Report(sources=(source,), claims=(), entities=(Entity("e1", "Kyiv", "GPE", ("Kiev",)),
                                                             Entity("e2", "Kim", "PERSON", ("Kim Y.",))),
                    entity_of={})
    labels = [e["label"] for e in view_model(report)["entities"]]
    assert labels == ["place", "person"]


def test_json_schema_describes_the_consensus(seeds: tuple[dict, str, str]) -> None:
    import jsonschema

    from checker.resources import data_dir

    report, _, _ = seeds
    jsonschema.validate(report, json.loads((data_dir("reports") / "report.schema.json").read_text(encoding="utf-8")))
    assert all({"consensus", "consensus_sources", "range", "values", "agreement"} <= set(d)
               for d in report["discrepancies"])


def test_a_figure_is_shown_as_written_a_sum_with_its_cents() -> None:
    """ "4.1%", not "4.10%"; a sum keeps two decimals ("34.50")."""
    assert claim("a", 4.1, kind="percent").display() == "4.1%"
    assert claim("a", 34.5, kind="money").display() == "34.50"
