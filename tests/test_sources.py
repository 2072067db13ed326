"""Reading articles: headers, HTML, JSONL, encodings, and the files that must be skipped."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from checker import sources as sources_module
from checker.sources import decode, parse_text, read_paths


def test_text_headers(tmp_path: Path) -> None:
    path = tmp_path / "story-a.txt"
    path.write_text("Title: Flood kills 12\nSource: https://example.com/a\nPublished: 2024-05-06\nStory: flood\n\n"
                    "Twelve people died.\n", encoding="utf-8")
    [source], skipped, _ = read_paths([tmp_path])
    assert not skipped
    assert (source.id, source.title, source.url, source.published, source.story) == \
        ("story-a", "Flood kills 12", "https://example.com/a", "2024-05-06", "flood")
    assert source.text == "Twelve people died.\n"


def test_first_line_is_title_without_headers() -> None:
    source = parse_text("Storm hits coast\nIt rained.", source_id="x", path="x.txt")
    assert source.title == "Storm hits coast"
    assert source.text.startswith("Storm hits coast")
    assert source.published is None


def test_non_iso_published_date() -> None:
    source = parse_text("Published: March 5, 2016\n\nBody.", source_id="x", path="x.txt")
    assert source.published == "2016-03-05"


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "r1", "title": "T1", "text": "One.", "story": 7, "published": "2015-01-02"}),
             "{not json", json.dumps({"id": "r3", "title": "no text"}),
             json.dumps({"id": "r4", "text": "Four.", "url": "http://x"}), json.dumps({"id": "r5", "text": " "})]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines), encoding="utf-8")
    sources, skipped, _ = read_paths([tmp_path])
    assert [s.id for s in sources] == ["r1", "r4"]
    assert sources[0].story == "7" and sources[0].published == "2015-01-02"
    assert [s.error for s in skipped] == ["line 2: not JSON (Expecting property name enclosed in double quotes)",
                                          "line 3: no 'text'", "line 5: empty text"]


def test_html_article_text(tmp_path: Path) -> None:
    html = ("<html><head><title>Quake</title></head><body><nav>Home | World | Sport</nav><article><h1>Quake hits"
            "</h1><p>" + "A strong earthquake struck the region on Monday, killing at least 45 people. " * 3 +
            "</p><p>Rescuers searched the rubble through the night for survivors.</p></article>"
            "<footer>Copyright</footer></body></html>")
    (tmp_path / "quake.html").write_text(html, encoding="utf-8")
    [source], skipped, _ = read_paths([tmp_path])
    assert not skipped
    assert "killing at least 45 people" in source.text
    assert "Home | World" not in source.text


def test_skips_bad_files_and_keeps_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Title: ok\n\nFine text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "huge.txt").write_text("x" * 2000, encoding="utf-8")
    sources, skipped, _ = read_paths([tmp_path], max_bytes=1000)
    assert [s.id for s in sources] == ["good"]
    errors = {Path(s.path).name: s.error for s in skipped}
    assert errors["empty.txt"] == "file is empty"
    assert errors["binary.txt"] == "binary file (NUL bytes)"
    assert errors["huge.txt"].startswith("file is 2,000 bytes, over the 1,000-byte limit")


def test_legacy_encoding_is_read() -> None:
    text = "Le ministre a déclaré que 1 200 soldats étaient arrivés à Kyiv, selon l’agence."
    assert decode(text.encode("cp1252")) == text


def test_folder_story_mode(tmp_path: Path) -> None:
    for folder in ("storm", "strike"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{folder}-1.txt").write_text("Text.", encoding="utf-8")
    sources = read_paths([tmp_path], story_from_folder=True).sources
    assert sorted(s.story for s in sources) == ["storm", "strike"]


def test_title_skips_menus_and_bylines() -> None:
    body = ("Skip to content Home News Sport Weather\nBy Jane Reporter\n"
            "Floodwaters force thousands from homes in river valley\n\n"
            "Floodwaters rose overnight, forcing thousands of residents from their homes in the valley. "
            "The river crested at a record height, officials said, and homes along the banks were evacuated.")
    assert parse_text(body, source_id="x", path="x.txt").title == "Floodwaters force thousands from homes in river valley"


def test_own_reports_are_not_read_as_articles(tmp_path: Path) -> None:
    from checker.cli import main

    (tmp_path / "a.txt").write_text("Officials said 3 people were killed in the fire.", encoding="utf-8")
    main(["check", str(tmp_path), "--html", str(tmp_path / "report.html"), "--json", str(tmp_path / "r.json"),
          "--quiet"])
    sources, skipped, _ = read_paths([tmp_path])
    assert [s.id for s in sources] == ["a"]
    assert [(Path(s.path).name, s.error) for s in skipped] == [("report.html", "a crosscheck report, not an article")]


def test_library_failure_skips_the_input_with_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken install (trafilatura cannot import) or a library bug costs one input, not the run."""
    (tmp_path / "page.html").write_text("<html><body><p>Four people were hurt.</p></body></html>", encoding="utf-8")
    (tmp_path / "dated.txt").write_text("Published: March 5, 2016\n\nBody.", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Title: ok\n\nFine text.", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(json.dumps({"id": "r1", "text": "One.", "published": "May 2"}) + "\n"
                                           + json.dumps({"id": "r2", "text": "Two."}), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # what `import trafilatura` meets without lxml_html_clean

    def broken_dateparser(value: str | None) -> str | None:
        if value and not value[0].isdigit():
            raise RuntimeError("dateparser exploded")
        return value

    monkeypatch.setattr(sources_module, "normalise_date", broken_dateparser)
    sources, skipped, _ = read_paths([tmp_path])
    assert sorted(s.id for s in sources) == ["plain", "r2"]
    errors = {Path(s.path).name: s.error for s in skipped}
    assert errors["page.html"].startswith("cannot read HTML, a library is missing: ")
    assert errors["dated.txt"] == "could not be read: RuntimeError: dateparser exploded"
    assert errors["corpus.jsonl"] == "line 1: could not be read: RuntimeError: dateparser exploded"
