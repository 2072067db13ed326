"""Hostile and broken input: long, random and adversarial text never breaks a stage."""
from __future__ import annotations

import io
import math
import shutil
from pathlib import Path

from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import nlp
from checker.cli import main
from checker.engine import build_report, extract_all
from checker.model import Source
from checker.report import reporters
from checker.rules import default_rule_dirs, load_rules

NEWSY = st.sampled_from([
    "over 10,000 troops", "killed", " 3 ", "$12 million", "Oct. 22", "President Jane Roe", "<script>", "\n",
    "—", "‘", "between 3 and 5", "dozens of", "%", "155mm", "Sunday", "1.5 million", "\x00", "😀", " , ", "55%",
])


def _check_report(texts: list[str], lexicon) -> None:  # noqa: ANN001
    sources = [Source(id=f"s{i}", path=f"s{i}.txt", title=t[:20], text=t) for i, t in enumerate(texts)]
    extracted = list(extract_all(sources, lexicon))
    for item in extracted:
        for claim in item.claims:
            assert 0 <= claim.start <= claim.end <= len(item.source.text)
            assert item.source.text[claim.start:claim.end] == claim.text
            for number in (claim.value, claim.low, claim.high):
                assert not isinstance(number, float) or math.isfinite(number)
    report = build_report(extracted, [], load_rules(default_rule_dirs()), lexicon)
    for reporter in reporters().values():
        assert isinstance(reporter.render(report), str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=200), min_size=1, max_size=3))
def test_random_text_never_breaks_a_stage(lexicon, texts: list[str]) -> None:  # noqa: ANN001
    _check_report(texts, lexicon)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(NEWSY, max_size=25).map(" ".join), min_size=2, max_size=3))
def test_adversarial_news_fragments_never_break_a_stage(lexicon, texts: list[str]) -> None:  # noqa: ANN001
    _check_report(texts, lexicon)


def test_article_longer_than_the_parser_takes(lexicon, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(nlp, "MAX_CHARS", 400)
    paragraph = "Officials said 12 people were killed in the flood on Sunday.\n"
    text = paragraph * 30
    [item] = list(extract_all([Source(id="long", path="long.txt", title="", text=text)], lexicon))
    killed = [c for c in item.claims if c.kind == "casualties"]
    assert len(killed) == 30
    assert all(text[c.start:c.end] == c.text for c in item.claims)


def test_pieces_cut_at_line_breaks() -> None:
    text = ("line one is here\n" * 50)
    parts = nlp.pieces(text, limit=100)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 100 and (p.endswith("\n") or off + len(p) == len(text)) for off, p in parts)


def test_seeds_with_every_kind_of_bad_file(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "legacy.txt").write_bytes("Title: Caf\u00e9\n\nLe caf\u00e9 a ferm\u00e9 apr\u00e8s 3 jours.".encode("cp1252"))
    (corpus / "broken.html").write_text("<html><body><div><p>Unclosed <b>tags <i>everywhere", encoding="utf-8")
    (corpus / "bad.jsonl").write_text('{"id": "ok", "text": "Four people were killed."}\n{oops\n', encoding="utf-8")
    (corpus / "huge.txt").write_text("word " * 300_000, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main(["check", str(corpus), "--json", str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html"),
                   "--max-bytes", "1000000"], stdout=out, stderr=err)
    assert status == 1, err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert "count-mismatch" in out.getvalue()
    for name, reason in [("empty.txt", "file is empty"), ("binary.txt", "binary file"), ("huge.txt", "over the"),
                         ("bad.jsonl", "line 2: not JSON")]:
        assert any(name in line and reason in line for line in err.getvalue().splitlines()), (name, err.getvalue())
    err2 = io.StringIO()
    (corpus / "huge.txt").unlink()
    assert main(["check", str(corpus), "--json", str(tmp_path / "r2.json"), "--strict", "--quiet"],
                stdout=io.StringIO(), stderr=err2) == 2
    assert "skipped (--strict)" in err2.getvalue()


def test_reports_are_replaced_atomically(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from checker import atomic

    target = tmp_path / "r.json"
    target.write_text("previous report", encoding="utf-8")

    def interrupted(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    status = main(["check", str(SEEDS), "--json", str(target), "--quiet"], stdout=io.StringIO(), stderr=io.StringIO())
    assert status == 130
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
