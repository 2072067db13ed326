"""Outputs that cannot be turned against their readers.

Whoever names a file or writes an article controls part of every output: these tests give
crosscheck file names, record ids and article text built to forge CI commands, drive the
terminal, reorder what a reader sees, break XML, or make a report replace what it must not.
"""
from __future__ import annotations

import io
import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from checker.atomic import write_text
from checker.cli import main

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "15" after it reads "51"
FORGED = "\n::error file=app.py,line=1::forged"
ESC = "\x1b[2J\x1b[31m"


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three sources that disagree on a death toll, each hostile in its own way, and a bad file."""
    folder = tmp_path_factory.mktemp("hostile") / "in"
    folder.mkdir()
    (folder / f"evil{RLO}15.txt").write_text(
        f"Officials said 3 people were killed {ESC}in the fire on Sunday.\n", encoding="utf-8")
    record = {"id": f"wire{FORGED}{ESC}", "text": "Five people were killed in the fire on Sunday, officials said."}
    (folder / "wire.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "plain.txt").write_text("Four people were killed in the fire on Sunday, police said.\n",
                                      encoding="utf-8")
    (folder / f"empty{FORGED}.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reports(corpus: Path) -> tuple[Path, str, str]:
    out = corpus.parent / "out"
    status, stdout, stderr = run_cli("check", str(corpus), "--json", str(out / "r.json"), "--html", str(out / "r.html"),
                                     "--sarif", str(out / "r.sarif"), "--junit", str(out / "r.xml"))
    assert status == 1, stderr
    assert json.loads((out / "r.json").read_text(encoding="utf-8"))["discrepancies"]
    return out, stdout, stderr


def _forged_or_raw(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "\x1b" in line or RLO in line]


def test_terminal_summary_and_skipped_lines_cannot_forge_ci_commands(reports: tuple[Path, str, str]) -> None:
    _, stdout, stderr = reports
    assert "wire\\x0a::error file=app.py" in stdout  # the id is shown, escaped, on its line
    assert "\\x1b[31m" in stdout
    assert "skipped " in stderr and "empty\\x0a::error" in stderr
    assert _forged_or_raw(stdout) == []
    assert _forged_or_raw(stderr) == []


def test_github_annotations_escape_ids_and_warn_of_skipped_inputs(corpus: Path, tmp_path: Path) -> None:
    status, stdout, _ = run_cli("check", str(corpus), "--json", str(tmp_path / "r.json"), "--format", "github")
    assert status == 1
    commands = stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in commands)
    assert not any("\x1b" in line or RLO in line for line in commands)
    [skipped] = [line for line in commands if "title=crosscheck skipped input" in line]
    assert skipped.startswith("::warning file=") and "%0A%3A%3Aerror" in skipped and skipped.endswith("::file is empty")


def test_junit_is_well_formed_xml_and_lists_skipped_inputs(reports: tuple[Path, str, str]) -> None:
    out, _, _ = reports
    root = ET.parse(out / "r.xml").getroot()  # an ESC byte in an article made this raise
    assert any("\\x1b[31m" in (failure.text or "") for failure in root.iter("failure"))
    [inputs] = [suite for suite in root.findall("testsuite") if suite.get("name") == "inputs"]
    [case] = inputs.findall("testcase")
    assert case.find("skipped").get("message") == "file is empty"
    assert root.get("skipped") == "1"


def test_sarif_reports_skipped_inputs_as_notifications(reports: tuple[Path, str, str]) -> None:
    out, _, _ = reports
    [invocation] = json.loads((out / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["message"]["text"] == "skipped: file is empty"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(f"empty{FORGED}.txt")


def test_html_shows_bidi_overrides_and_isolates_user_text(reports: tuple[Path, str, str]) -> None:
    out, _, _ = reports
    html = (out / "r.html").read_text(encoding="utf-8")
    assert RLO not in html and "\x1b" not in html
    assert "<bdi>evil\\u202e15</bdi>" in html  # the id, its override visible, isolated from its neighbours
    assert "<bdi>evil\\u202e15</bdi>: <bdi>3</bdi>" in html  # the chart's label: id and value apart


@pytest.mark.parametrize("make", ["fifo", "folder", "link to /dev/null"])
def test_a_report_target_that_is_not_a_regular_file_is_refused(make: str, corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "target"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "folder":
        target.mkdir()
    else:
        target.symlink_to(os.devnull)
    status, stdout, stderr = run_cli("check", str(corpus), "--json", str(target), "--quiet")
    assert status == 2
    assert f"{target}: --json: is a" in stderr and "a report replaces only a regular file" in stderr
    assert target.is_symlink() if make.startswith("link") else not target.is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["target"]  # no temp file left either


def test_atomic_writes_never_replace_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="is a FIFO"):
        write_text(fifo, "report")
    assert not fifo.is_file()


def test_two_reports_on_one_path_are_refused(corpus: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    status, _, stderr = run_cli("check", str(corpus), "--json", str(report), "--sarif", str(report), "--quiet")
    assert status == 2
    assert f"{report}: --json and --sarif name the same file" in stderr
    assert not report.exists()


def test_a_report_over_an_input_is_refused(corpus: Path, tmp_path: Path) -> None:
    article = corpus / "plain.txt"
    before = article.read_bytes()
    for option, target in [("--html", article), ("--json", corpus / "wire.jsonl")]:
        status, _, stderr = run_cli("check", str(corpus), option, str(target), "--quiet")
        assert status == 2
        assert f"{target}: {option}: is an input of this run" in stderr
    assert article.read_bytes() == before
    store = tmp_path / "store.db"
    status, _, stderr = run_cli("check", str(article), "--db", str(store), "--json", str(store), "--quiet")
    assert status == 2 and "is an input of this run" in stderr


def test_an_earlier_report_in_the_checked_folder_is_replaced(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("plain.txt", "wire.jsonl"):
        (folder / name).write_bytes((corpus / name).read_bytes())
    for _ in range(2):  # the second run finds the first run's report among its inputs
        status, _, stderr = run_cli("check", str(folder), "--html", str(folder / "r.html"), "--quiet")
        assert status == 1, stderr
