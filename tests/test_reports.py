"""Reports: what each format shows, and that nothing from an article is ever markup."""
from __future__ import annotations

import json
import re

import pytest
from conftest import make_source

from checker.engine import build_report
from checker.report import reporters
from checker.report.html import safe_url
from checker.rules import default_rule_dirs, load_rules

HOSTILE = '<script>alert(1)</script> Officials said 3 people were killed <img src=x onerror=alert(2)> in the fire.'


@pytest.fixture(scope="module")
def hostile_report(nlp, lexicon):  # noqa: ANN001, ANN201
    from dataclasses import replace

    from checker.extract import extract

    a = replace(make_source(HOSTILE, source_id="evil"), title="</title><script>alert(3)</script>",
                url="javascript:alert(4)")
    b = make_source("Five people were killed in the fire, officials said.", source_id="plain")
    extracted = [extract(s, nlp(s.text), lexicon) for s in (a, b)]
    return build_report(extracted, [], load_rules(default_rule_dirs()), lexicon)


def test_html_escapes_article_text(hostile_report) -> None:  # noqa: ANN001
    html = reporters()["html"].render(hostile_report)
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 1 and "alert" not in scripts[0]  # only the report's own script
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;/title&gt;&lt;script&gt;alert(3)" in html
    assert 'href="javascript:' not in html
    assert "Content-Security-Policy" in html and "'unsafe-inline'" not in html


def test_html_shows_each_side_with_value_highlighted(hostile_report) -> None:  # noqa: ANN001
    html = reporters()["html"].render(hostile_report)
    assert hostile_report.discrepancies
    assert "<mark>3</mark>" in html and "<mark>Five</mark>" in html
    assert "CC102" in html and "casualty-mismatch" in html


def test_json_is_finite_and_complete(hostile_report) -> None:  # noqa: ANN001
    data = json.loads(reporters()["json"].render(hostile_report))
    assert {d["rule"] for d in data["discrepancies"]} == {"CC102"}
    claims = {c["id"] for c in data["claims"]}
    assert all(set(d["claims"]) <= claims for d in data["discrepancies"])


def test_terminal_summary(hostile_report) -> None:  # noqa: ANN001
    text = reporters()["terminal"].render(hostile_report)
    assert text.startswith("crosscheck: 2 sources")
    assert "E CC102 casualty-mismatch" in text


@pytest.mark.parametrize(("url", "shown"), [
    ("https://example.com/a", "https://example.com/a"), ("http://x.org", "http://x.org"),
    ("javascript:alert(1)", None), ("data:text/html,hi", None), ("//evil", None), ("", None), (None, None),
])
def test_safe_url(url: str | None, shown: str | None) -> None:
    assert safe_url(url) == shown
