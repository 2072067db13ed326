"""The HTML report in a real browser (headless Chromium): it renders, runs its own script
without a console error, shows every discrepancy's claims, and runs nothing from an article.

Chromium comes from Debian's `chromium` package (installed by .ci/run); without it these tests
are skipped locally and fail in CI.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from checker.cli import main

ARTIFACTS = ROOT / "tests" / "artifacts"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]

pytestmark = pytest.mark.skipif(BROWSER is None and not os.environ.get("CI"), reason="no Chromium on this machine")


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None, "CI must install Chromium (see .ci/run)"
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_seeds_report_renders_with_every_claim_visible(tmp_path: Path) -> None:
    main(["check", str(SEEDS), "--html", str(tmp_path / "r.html"), "--json", str(tmp_path / "r.json"), "--quiet"])
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seeds-report.png"
    shot.unlink(missing_ok=True)
    screenshot = browse(tmp_path / "r.html", tmp_path / "p1", f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.exists() and shot.stat().st_size > 10_000, screenshot.stderr[-2000:]
    assert console_messages(screenshot.stderr) == []
    dom = browse(tmp_path / "r.html", tmp_path / "p2", "--dump-dom")
    assert console_messages(dom.stderr) == []
    import json

    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    claims = {c["id"]: c for c in report["claims"]}
    assert re.search(r'id="shown"[^>]*>\d+ of \d+ shown<', dom.stdout), "the filter script did not run"
    for discrepancy in report["discrepancies"]:
        card = re.search(rf'<section class="card [a-z]+" id="{discrepancy["id"]}".*?</section>', dom.stdout, re.S)
        assert card is not None and "hidden" not in card.group(0).split(">", 1)[0]
        for claim_id in discrepancy["claims"]:
            text = claims[claim_id]["text"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert f"<mark>{text}</mark>" in card.group(0), f"{text!r} not shown in {discrepancy['id']}"


def test_hostile_article_payload_does_not_run(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        "Title: </title><script>document.title='pwned'</script>\nURL: javascript:alert(1)\n\n"
        "Officials said 3 people were killed <img src=x onerror=\"document.body.innerHTML='pwned'\"> in the fire."
        " <a href=\"javascript:alert(2)\">more</a> </section></main><script>document.body.innerHTML='pwned'</script>",
        encoding="utf-8")
    (corpus / "plain.txt").write_text("Five people were killed in the fire, officials said.", encoding="utf-8")
    main(["check", str(corpus), "--html", str(tmp_path / "r.html"), "--json", str(tmp_path / "r.json"), "--quiet"])
    dom = browse(tmp_path / "r.html", tmp_path / "p", "--dump-dom")
    # had any payload run, the title or the whole body would have been replaced
    assert "<title>crosscheck report:" in dom.stdout and "<h1>crosscheck: where the sources disagree</h1>" in dom.stdout
    assert "<img" not in dom.stdout and 'href="javascript:' not in dom.stdout
    assert "&lt;img src=x" in dom.stdout
    assert console_messages(dom.stderr) == []


# Measures the page as laid out and writes what it finds into the DOM. The report's own policy
# forbids any script but its own, so the probe runs in a copy without it; headless Chromium will
# not make a window narrower than 500 px, so a phone-wide frame holds the copy.
LAYOUT_PROBE = """<script>
(function () {
  var labels = [];
  document.querySelectorAll(".chart").forEach(function (chart) {
    var walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if (!node.textContent.trim()) { continue; }
      var range = document.createRange();
      range.selectNodeContents(node);
      var box = range.getBoundingClientRect();
      labels.push({text: node.textContent.trim(), height: box.height, left: box.left, right: box.right});
    }
  });
  var input = document.querySelector("input[name=q]");
  var style = getComputedStyle(input);
  var context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  var room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  var probe = document.createElement("pre");
  probe.id = "probe";
  probe.textContent = JSON.stringify({width: document.documentElement.clientWidth, labels: labels,
    placeholder: {needs: context.measureText(input.placeholder).width, room: room}});
  document.body.appendChild(probe);
})();
</script>"""
PHONE_FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="phone" src="probed.html" width="390" height="844" style="border:0"></iframe>
<script>
document.getElementById("phone").addEventListener("load", function () {
  var out = document.createElement("pre");
  out.id = "layout";
  out.textContent = document.getElementById("phone").contentDocument.getElementById("probe").textContent;
  document.body.appendChild(out);
});
</script></body></html>"""


def test_phone_width_keeps_chart_labels_and_search_placeholder(tmp_path: Path) -> None:
    import html
    import json

    main(["check", str(SEEDS), "--html", str(tmp_path / "r.html"), "--json", str(tmp_path / "r.json"), "--quiet"])
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    (tmp_path / "probed.html").write_text(page.replace("</body>", LAYOUT_PROBE + "</body>"), encoding="utf-8")
    (tmp_path / "phone.html").write_text(PHONE_FRAME, encoding="utf-8")
    dom = browse(tmp_path / "phone.html", tmp_path / "p", "--dump-dom", "--allow-file-access-from-files")
    found = re.search(r'<pre id="layout">(.*?)</pre>', dom.stdout, re.S)
    assert found is not None, dom.stderr[-2000:]
    layout = json.loads(html.unescape(found.group(1)))
    assert layout["width"] <= 390
    assert layout["labels"], "the seeds report has a chart"
    for label in layout["labels"]:  # readable (not scaled down with the figure) and on the screen
        assert label["height"] >= 12 and label["left"] >= 0 and label["right"] <= layout["width"], label
    assert layout["placeholder"]["needs"] <= layout["placeholder"]["room"], layout["placeholder"]
