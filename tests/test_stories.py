"""Stories and copies: automatic clustering by shared names, and wire reprints as one voice."""
from __future__ import annotations

from checker.engine import build_report
from checker.stories import cluster_stories, find_reprints
from conftest import make_source

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
