"""The command line end to end, on the bundled example corpus and on small made-up inputs."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEEDS, SHARED, require_shared

from checker.cli import main
from checker.resources import data_dir


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, Path, str]:
    folder = tmp_path_factory.mktemp("seeds")
    status, out, _ = run_cli("check", str(SEEDS), "--json", str(folder / "r.json"), "--html", str(folder / "r.html"))
    return status, json.loads((folder / "r.json").read_text(encoding="utf-8")), folder / "r.html", out


def test_seeds_end_to_end(seeds_report) -> None:  # noqa: ANN001
    status, report, html, out = seeds_report
    assert status == 1  # the seeds disagree at error severity
    assert report["schema"] == "crosscheck.report/1"
    assert len(report["sources"]) == 5
    assert report["discrepancies"], "the seeds disagree on the troop count"
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "discrepancies" in out


def test_seeds_json_matches_schema(seeds_report) -> None:  # noqa: ANN001
    schema = json.loads((data_dir("reports") / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(seeds_report[1], schema)


def test_claim_spans_point_into_sources(seeds_report) -> None:  # noqa: ANN001
    _, report, _, _ = seeds_report
    texts = {s["id"]: Path(s["path"]).read_text(encoding="utf-8") for s in report["sources"]}
    for claim in report["claims"]:
        assert texts[claim["source"]][claim["start"]:claim["end"]] == claim["text"]


def test_seeds_score_against_gold(seeds_report, tmp_path: Path) -> None:  # noqa: ANN001
    require_shared(SHARED / "eval" / "score.py")
    require_shared(SHARED / "eval" / "gold" / "seeds.json")
    path = tmp_path / "r.json"
    path.write_text(json.dumps(seeds_report[1]), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold",
                             str(SHARED / "eval" / "gold" / "seeds.json"), "--report", str(path)],
                            capture_output=True, text=True, check=False)
    figures = result.stdout.strip().splitlines()[-1]
    assert "recall=1.00" in figures and "precision=1.00" in figures, result.stdout
    assert "false_alarms=0" in figures and "variants=4/4" in figures and "wrong_merges=0" in figures


@pytest.mark.parametrize(("fail_on", "status"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(tmp_path: Path, fail_on: str, status: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Officials said 3 people were killed in the fire.", encoding="utf-8")
    (folder / "b.txt").write_text("Five people were killed in the fire, officials said.", encoding="utf-8")
    got, _, _ = run_cli("check", str(folder), "--json", str(tmp_path / "r.json"), "--fail-on", fail_on, "--quiet")
    assert got == status


def test_agreeing_sources_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said 3 people were killed in the fire.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Three people were killed in the fire, officials said.", encoding="utf-8")
    status, _, _ = run_cli("check", str(tmp_path), "--json", str(tmp_path / "r.json"), "--quiet")
    assert status == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["discrepancies"] == []


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run_cli()[0] == 2
    assert run_cli("check")[0] == 2
    status, _, err = run_cli("check", str(tmp_path / "missing"))
    assert status == 2 and "no such file or folder" in err
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    status, _, err = run_cli("check", str(tmp_path / "empty.txt"), "--json", str(tmp_path / "r.json"))
    assert status == 2 and "file is empty" in err and "no readable articles" in err


def test_broken_rules_exit_two_before_work(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.toml").write_text("id = 1", encoding="utf-8")
    status, _, err = run_cli("check", str(SEEDS), "--rules", str(rules), "--json", str(tmp_path / "r.json"))
    assert status == 2
    assert f"{rules / 'x.toml'}: id: must be a str" in err
    assert "Traceback" not in err
    assert not (tmp_path / "r.json").exists()


def test_default_outputs_in_working_directory(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "checker", "check", str(SEEDS), "--fail-on", "never", "--quiet"],
                            cwd=tmp_path, capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "crosscheck-report.json").exists() and (tmp_path / "crosscheck-report.html").exists()


def test_version_is_quick_and_light() -> None:
    code = ("import sys, checker.cli as c; c.main(['--version']); "
            "print(sorted(m for m in ('spacy', 'quantulum3', 'dateparser', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.strip().endswith("[]")
