"""Cost bounded by size: a long token or a long article costs in proportion to its length.

Figures (seconds, peak memory) come from `bench/long_articles.py`; these tests use bounds of
minutes only, so a slow machine never fails them, while the quadratic and unbounded versions
they guard against take far longer (a 1 MB token: about half an hour in the e-mail pattern).
"""
from __future__ import annotations

import base64
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from checker import nlp
from checker.engine import extract_all
from checker.extract.numbers import excluded_ranges
from checker.model import Source

_MINUTES = 240  # seconds: ample for a linear run, far short of the quadratic one


def _check(path: Path, report: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", "check", str(path), "--json", str(report),
                           "--fail-on", "never", "--quiet", "--jobs", "1"],
                          capture_output=True, text=True, timeout=_MINUTES, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_one_megabyte_token_is_read_in_linear_time(tmp_path: Path) -> None:
    """A Markdown article carrying a 1 MB base64 image: the prose around it is still checked."""
    image = base64.b64encode(random.Random(12).randbytes(750_000)).decode()
    article = tmp_path / "image.md"
    article.write_text("Title: Fire\n\nPolice said 12 people were hurt in the fire on Sunday.\n\n"
                       f"![photo](data:image/png;base64,{image})\n\nThe mayor said 14 people were hurt.\n",
                       encoding="utf-8")
    result = _check(article, tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    claims = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["claims"]
    assert {c["text"] for c in claims} >= {"12", "14"}


def test_email_addresses_are_still_not_amounts() -> None:
    text = "Write to jane.doe2024@example.org or call 555-0100; (tips42@news.example) and @handle 7 more."
    spans = [text[start:end] for start, end in excluded_ranges(text)]
    assert "jane.doe2024@example.org" in spans
    assert "(tips42@news.example)" in spans
    assert not any("7" in span for span in spans)


def test_long_articles_are_parsed_in_bounded_pieces_and_batches() -> None:
    """However long an article, neither a piece nor a parse batch grows with it."""
    paragraph = "Officials said 12 people were killed in the flood on Sunday. " * 3 + "\n"
    text = paragraph * 10_000
    parts = nlp.pieces(text)
    assert "".join(p for _, p in parts) == text
    assert max(len(p) for _, p in parts) <= nlp.MAX_CHARS
    assert all(p.endswith("\n") for _, p in parts)
    batches = list(nlp.batches(p for _, p in parts))
    assert max(sum(map(len, batch)) for batch in batches) <= nlp.BATCH_CHARS <= 64_000  # under 1 GB of parser memory
    assert max(map(len, batches)) <= nlp.BATCH_TEXTS


def test_batches_end_at_the_text_count_or_the_character_budget() -> None:
    texts = ["a" * 30_000, "b" * 30_000, "c" * 30_000, *(["short"] * 40), "d" * 70_000]
    sizes = [[len(text) for text in batch] for batch in nlp.batches(texts, max_texts=16, max_chars=64_000)]
    assert sizes == [[30_000, 30_000], [30_000, *[5] * 15], [5] * 16, [5] * 9, [70_000]]
    assert [text for batch in nlp.batches(texts) for text in batch] == texts


def test_pieces_of_one_line_end_at_sentences_else_at_spaces_else_anywhere() -> None:
    sentences = "The council voted 7 to 2 on the budget. " * 10
    assert all(p.endswith(". ") for _, p in nlp.pieces(sentences, limit=100)[:-1])
    words = "word " * 100
    assert all(p.endswith(" ") for _, p in nlp.pieces(words, limit=64)[:-1])
    token = "x" * 250
    assert [len(p) for _, p in nlp.pieces(token, limit=100)] == [100, 100, 50]


def test_claims_of_a_pieced_article_point_into_the_whole_text(lexicon) -> None:  # noqa: ANN001
    paragraph = "Officials said 12 people were killed in the flood on Sunday.\n"
    text = paragraph * 400  # about 24,800 characters: two pieces
    [item] = list(extract_all([Source(id="long", path="long.txt", title="", text=text)], lexicon))
    killed = [c for c in item.claims if c.kind == "casualties"]
    assert len(killed) == 400
    assert all(text[c.start:c.end] == c.text for c in item.claims)
    assert len({c.id for c in item.claims}) == len(item.claims)
