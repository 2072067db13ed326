"""Stories and copies: automatic clustering of real local news, the warning when inputs read as one
story share few names, and wire reprints as one voice."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import SEEDS, SHARED, make_source

from checker.cli import main
from checker.engine import build_report
from checker.stories import cluster_stories, find_reprints

FLOOD_A = ("Floods in Valencia killed 12 people on Tuesday, officials in Valencia said. Spain's prime minister "
           "Pedro Sanchez visited Paiporta.")
FLOOD_B = ("The flood death toll in Valencia rose to 19. Pedro Sanchez promised aid to Paiporta and the rest of "
           "the region.")
STRIKE = "Dockworkers in Baltimore and Houston went on strike, the International Longshoremen's Association said."


def test_auto_stories_cluster_by_shared_names(nlp, lexicon, rules) -> None:  # noqa: ANN001
    from checker.extract import extract

    extracted = [extract(make_source(text, source_id=sid), nlp(text), lexicon)
                 for sid, text in (("a", FLOOD_A), ("b", FLOOD_B), ("c", STRIKE))]
    stories = cluster_stories(extracted)
    assert stories["a"] == stories["b"] != stories["c"]
    report = build_report(extracted, [], rules, lexicon, auto_stories=True)
    assert {s.id: s.story for s in report.sources}["a"] == stories["a"]


def test_reprints_are_one_voice(nlp, lexicon, rules) -> None:  # noqa: ANN001
    from checker.extract import extract

    texts = {"wire": FLOOD_A, "copy": FLOOD_A + " (Reuters)", "other": FLOOD_B}
    published = {"wire": "2024-10-29", "copy": "2024-10-30", "other": "2024-10-30"}  # the earliest is the original
    extracted = [extract(make_source(t, source_id=sid, published=published[sid]), nlp(t), lexicon)
                 for sid, t in texts.items()]
    reprints = find_reprints(extracted, {sid: "" for sid in texts})
    assert reprints == {"copy": "wire"}
    report = build_report(extracted, [], rules, lexicon)
    flagged = {c for d in report.discrepancies for c in d.claims}
    assert not any(c.startswith("copy#") for c in flagged)
    assert report.reprints == {"copy": "wire"}


CORPUS = SHARED / "corpus" / "gunviolence" / "articles.jsonl"
FIVE_STORIES = ("108649", "111416", "117818", "134044", "138282")  # 15 real articles, 3 a story


@pytest.fixture(scope="module")
def five_stories(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The articles of five incidents as one JSONL without their story field, and the truth."""
    if not CORPUS.exists():
        pytest.skip("the shared gun-violence corpus is not beside the project")
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in records if r["story"] in FIVE_STORIES]
    path = tmp_path_factory.mktemp("five") / "articles.jsonl"
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "story"}) + "\n" for r in chosen),
                    encoding="utf-8")
    return path, {r["id"]: r["story"] for r in chosen}


def check(*argv: str) -> tuple[dict, str]:
    out = io.StringIO()
    main(["check", *argv, "--fail-on", "never"], stdout=out, stderr=io.StringIO())
    report_path = Path(argv[argv.index("--json") + 1])
    return json.loads(report_path.read_text(encoding="utf-8")), out.getvalue()


def test_auto_stories_find_the_incidents_of_real_local_news(five_stories, tmp_path: Path) -> None:  # noqa: ANN001
    path, truth = five_stories
    report, _ = check(str(path), "--stories", "auto", "--json", str(tmp_path / "r.json"))
    found = {s["id"]: s["story"] for s in report["sources"]}
    assert len(found) == 15
    for story in set(found.values()):  # no story mixes two incidents
        assert len({truth[sid] for sid, s in found.items() if s == story}) == 1
    assert len(set(found.values())) <= 6  # not 15 one-article stories
    assert report["notes"] == []


def test_one_story_of_unrelated_sources_is_flagged(five_stories, tmp_path: Path) -> None:  # noqa: ANN001
    path, _ = five_stories
    report, summary = check(str(path), "--json", str(tmp_path / "r.json"))
    assert len(report["notes"]) == 1 and "--stories auto" in report["notes"][0]
    assert "note: all 15 sources were read as one story, but they share few names" in summary


def test_one_real_story_is_not_flagged(tmp_path: Path) -> None:
    report, summary = check(str(SEEDS), "--json", str(tmp_path / "r.json"))
    assert report["notes"] == [] and "note:" not in summary
