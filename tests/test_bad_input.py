"""One bad input costs only itself: it is skipped with its reason (or, for a bad store, config or
rule, the run stops with exit 2 and a message), and never ends, freezes or silently narrows a run."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from processes import environment, run

from checker.cli import main
from checker.config import ConfigError, load_config
from checker.rules import RuleError, load_rules
from checker.sources import decode, parse_text, read_paths

THREE = "Officials said 3 people were killed in the fire on Sunday."
FIVE = "Five people were killed in the fire on Sunday, officials said."


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def disagreeing_pair(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(THREE, encoding="utf-8")
    (folder / "b.txt").write_text(FIVE, encoding="utf-8")
    return folder


# --- publication dates --------------------------------------------------------------------------

@pytest.mark.parametrize("header", ["2024-13-45", "0000-00-00", "2023-02-29", "2024-11-31T10:00:00Z"])
def test_impossible_publication_date_is_left_unknown(header: str) -> None:
    source = parse_text(f"Published: {header}\n\n{THREE}", source_id="x", path="x.txt")
    assert source.published is None


@pytest.mark.parametrize("value", ["yesterday", "2 days ago", "Sunday", "today", "last week"])
def test_relative_publication_date_is_left_unresolved(value: str) -> None:
    """Resolved against the wall clock, the same input would give another report tomorrow."""
    assert parse_text(f"Published: {value}\n\n{THREE}", source_id="x", path="x.txt").published is None


def test_absolute_publication_dates_are_still_read() -> None:
    for value, expected in [("2024-02-29", "2024-02-29"), ("2024-11-05T08:00:00Z", "2024-11-05"),
                            ("March 5, 2016", "2016-03-05"), ("5 March 2016", "2016-03-05")]:
        assert parse_text(f"Published: {value}\n\nBody.", source_id="x", path="x.txt").published == expected


def test_impossible_dates_in_headers_and_jsonl_do_not_stop_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Published: 2024-13-45\n\n{THREE}", encoding="utf-8")
    records = [{"id": "b", "published": "0000-00-00", "text": FIVE},
               {"id": "c", "published": "yesterday", "text": FIVE}]
    (folder / "c.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    status, _, err = cli("check", str(folder), "--json", str(tmp_path / "r.json"), "--quiet")
    assert status == 1, err
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [s["published"] for s in report["sources"]] == [None, None, None]
    assert report["discrepancies"]


def test_impossible_date_with_parser_processes_ends(tmp_path: Path) -> None:
    """80 pieces start two parser processes: the run used to print a traceback and never exit."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(90):
        header = "Published: 2024-13-45\n\n" if number == 45 else "Published: 2024-11-03\n\n"
        (folder / f"{number:03}.txt").write_text(header + (THREE if number % 2 else FIVE), encoding="utf-8")
    status, _, err = run(["check", str(folder), "--jobs", "2", "--json", str(tmp_path / "r.json"), "--quiet"])
    assert status == 1, err
    assert "Traceback" not in err
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["sources"]) == 90


# --- files that cannot be read ------------------------------------------------------------------

def test_unreadable_files_are_skipped(tmp_path: Path) -> None:
    folder = disagreeing_pair(tmp_path / "in")
    for name in ("locked.txt", "locked.jsonl"):
        (folder / name).write_text(json.dumps({"id": "x", "text": THREE}), encoding="utf-8")
        (folder / name).chmod(0)
    status, _, err = run(["check", str(folder), "--json", str(tmp_path / "r.json"), "--quiet"], unprivileged=True)
    assert status == 1, err
    assert "Traceback" not in err
    for name in ("locked.txt", "locked.jsonl"):
        assert f"skipped {folder / name}: cannot read: Permission denied" in err
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["skipped"]) == 2


def test_fifo_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = disagreeing_pair(tmp_path / "in")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code = ("import sys; from pathlib import Path; from checker.sources import read_paths; "
            "r = read_paths([Path(p) for p in sys.argv[1:]]); print(len(r.sources)); print(r.skipped[0].error)")
    try:
        result = subprocess.run([sys.executable, "-c", code, str(fifo), str(folder)], capture_output=True, text=True,
                                env=environment(), timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a FIFO blocked")
    assert result.stdout.splitlines() == ["2", "not a regular file"], result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(encoding: str) -> None:
    text = "Officials said 3 people were killed — “at least”."
    mark = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")  # these codecs write none
    data = mark + text.encode(encoding)
    assert decode(data) == text


def test_utf16_without_a_mark_is_still_binary() -> None:
    from checker.sources import SourceError

    with pytest.raises(SourceError, match="binary"):
        decode("plain".encode("utf-16-le"))


# --- JSONL records ------------------------------------------------------------------------------

def test_deeply_nested_jsonl_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("[" * 5000 + "\n" + json.dumps({"id": "ok", "text": THREE}) + "\n", encoding="utf-8")
    sources, skipped, _ = read_paths([path])
    assert [s.id for s in sources] == ["ok"]
    assert [s.error for s in skipped] == ["line 1: not JSON (nested too deeply)"]


def test_lone_surrogate_in_jsonl_is_replaced_and_reports_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "c.jsonl").write_text('{"id": "a\\ud800", "title": "x\\udfff", "text": "' + THREE + ' \\ud800"}\n'
                                    + json.dumps({"id": "b", "text": FIVE}) + "\n", encoding="utf-8")
    status, _, err = cli("check", str(folder), "--json", str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html"),
                         "--quiet")
    assert status == 1, err
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["sources"][0]["id"] == "a\ufffd" and report["sources"][0]["title"] == "x\ufffd"
    assert report["discrepancies"]


def test_file_name_with_an_undecodable_byte(tmp_path: Path) -> None:
    folder = disagreeing_pair(tmp_path / "in")
    (folder / "a.txt").rename(folder / os.fsdecode(b"caf\xff.txt"))
    status, out, err = cli("check", str(folder), "--json", str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html"),
                           "--sarif", str(tmp_path / "r.sarif"), "--junit", str(tmp_path / "r.xml"))
    assert status == 1, err
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sorted(s["id"] for s in report["sources"]) == ["b", "caf\\xff"]
    assert any(s["path"].endswith("caf\\xff.txt") for s in report["sources"])


def test_duplicate_jsonl_ids_keep_every_record(tmp_path: Path) -> None:
    """Two records with one id were one source: the later replaced the earlier's claims."""
    folder = tmp_path / "in"
    folder.mkdir()
    records = [{"id": "7", "text": THREE}, {"id": "7", "text": FIVE}, {"id": "7", "text": THREE},
               {"id": "8", "text": THREE}]
    (folder / "c.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    status, _, err = cli("check", str(folder), "--json", str(tmp_path / "r.json"), "--quiet")
    assert status == 1, err
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    paths = [s["path"] for s in report["sources"]]
    assert len(paths) == len(set(paths)) == 3  # the third record repeats the first: same id, same text
    ids = [c["id"] for c in report["claims"]]
    assert len(ids) == len(set(ids))
    assert {c["source"] for c in report["claims"]} == {s["id"] for s in report["sources"]}
    assert report["discrepancies"]
    assert f"{folder / 'c.jsonl'}: line 2: id '7' repeats line 1" in err
    assert "line 3: same id and text as line 1" in err
    assert any("repeats line 1" in n["message"] for n in report["notices"])


def test_duplicate_jsonl_keys_are_stable(tmp_path: Path) -> None:
    records = [{"id": "7", "text": THREE}, {"id": "7", "text": FIVE}]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    before = [s.path for s in read_paths([path]).sources]
    assert len(set(before)) == 2
    path.write_text(json.dumps({"id": "1", "text": "Another story."}) + "\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert [s.path for s in read_paths([path]).sources][1:] == before


# --- configuration, rules, baselines --------------------------------------------------------------

@pytest.mark.parametrize("text", ["tool = 5\n", "[tool]\ncrosscheck = 5\n", "x = " + "[" * 5000 + "]" * 5000 + "\n",
                                  "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"])
def test_malformed_pyproject_is_a_config_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="pyproject.toml"):
        load_config(tmp_path)


def _rule_file(folder: Path, **changes: object) -> Path:
    """CC101 as CC901, each line that starts with a key of `changes` replaced by its value."""
    folder.mkdir(exist_ok=True)
    text = (ROOT / "rules" / "CC101-count-mismatch.toml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert re.search(rf"(?m)^{re.escape(old)}", text), f"CC101 has no line {old!r}"
        text = re.sub(rf"(?m)^{re.escape(old)}.*$", lambda _: str(new), text)
    (folder / "CC901-x.toml").write_text(text.replace('id = "CC101"', 'id = "CC901"'), encoding="utf-8")
    return folder


@pytest.mark.parametrize("tolerance", [10 ** 400, 10 ** 300, "1e300", "inf", 1.5])
def test_absurd_tolerance_is_a_rule_error(tmp_path: Path, tolerance: object) -> None:
    folder = _rule_file(tmp_path / "rules", **{"tolerance =": f"tolerance = {tolerance}"})
    with pytest.raises(RuleError, match="comparator.tolerance: must be a number from 0 to 1"):
        load_rules([folder])


def test_unknown_rule_keys_are_rule_errors(tmp_path: Path) -> None:
    folder = _rule_file(tmp_path / "rules", **{'severity = "error"': 'severty = "error"\nseverity = "error"',
                                               "[applies]": "[applies]\nkind = 1"})
    with pytest.raises(RuleError) as error:
        load_rules([folder])
    assert error.value.problems == [f"{folder / 'CC901-x.toml'}: severty: unknown key",
                                    f"{folder / 'CC901-x.toml'}: applies.kind: unknown key"]


def test_broken_config_and_broken_rules_are_listed_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\nfail-on = "sometimes"\n', encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.toml").write_text("id = 1", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, _, err = cli("check", str(ROOT / "examples" / "seeds"), "--rules", str(rules))
    assert status == 2
    assert "tool.crosscheck.fail-on" in err and f"{rules / 'x.toml'}: id: must be a str" in err


def test_baseline_path_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = disagreeing_pair(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    assert cli("check", str(folder), "--json", "r.json", "--write-baseline", "baseline.json", "--quiet")[0] == 0
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\nbaseline = "baseline.json"\n', encoding="utf-8")
    status, _, err = cli("check", str(folder), "--json", "r.json", "--quiet")
    assert status == 0, err


@pytest.mark.parametrize("entries", [[{"fingerprint": "x"}], [["CC101-x"]], [None]])
def test_baseline_entry_without_id_is_a_usage_error(tmp_path: Path, entries: list) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_text(json.dumps({"discrepancies": entries}), encoding="utf-8")
    folder = disagreeing_pair(tmp_path / "in")
    status, _, err = cli("check", str(folder), "--baseline", str(baseline), "--json", str(tmp_path / "r.json"))
    assert status == 2 and f"{baseline}: discrepancies[0]:" in err and "Traceback" not in err


def test_unexpected_failure_exits_two_not_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Exit 1 means "discrepancies found" to CI; a crash must never look like that."""
    from checker import engine

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(engine, "run", broken)
    status, _, err = cli("check", str(disagreeing_pair(tmp_path / "in")), "--json", str(tmp_path / "r.json"))
    assert status == 2
    assert "crosscheck: internal error: RuntimeError: a bug" in err and "Traceback" in err


# --- command line ---------------------------------------------------------------------------------

@pytest.mark.parametrize("threshold", ["-1", "nan", "1.5", "inf"])
def test_threshold_outside_zero_to_one_is_a_usage_error(tmp_path: Path, threshold: str) -> None:
    article = disagreeing_pair(tmp_path / "in") / "a.txt"
    status, _, err = cli("check-article", str(article), "--db", str(tmp_path / "s.db"), "--threshold", threshold)
    assert status == 2 and "--threshold" in err and "from 0 to 1" in err


def test_check_article_on_an_empty_folder_says_why(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert cli("index", str(disagreeing_pair(tmp_path / "in")), "--db", str(tmp_path / "s.db"), "--quiet")[0] == 0
    status, _, err = cli("check-article", str(tmp_path / "empty"), "--db", str(tmp_path / "s.db"))
    assert status == 2 and f"crosscheck: no readable article in {tmp_path / 'empty'}" in err


def test_full_disk_names_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from checker import report

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # what write() raises: no file name

    monkeypatch.setattr(report, "write_text", full)
    target = tmp_path / "r.json"
    status, _, err = cli("check", str(disagreeing_pair(tmp_path / "in")), "--json", str(target))
    assert status == 2
    assert f"crosscheck: {target}: cannot write the JSON report: No space left on device" in err


def test_rule_units_must_be_lists(tmp_path: Path) -> None:
    folder = _rule_file(tmp_path / "rules", **{"[applies]": '[applies]\nunits = "magnitude"'})
    with pytest.raises(RuleError) as error:
        load_rules([folder])
    assert error.value.problems == [f"{folder / 'CC901-x.toml'}: applies.units: must be a list"]
