"""Parser processes: a worker that fails, dies or stalls ends the run cleanly; signals stop them all."""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
from processes import alive, finish, start, wait_for_children

from checker import workers
from checker.cli import main
from checker.nlp import DEFAULT_MODEL
from checker.workers import WorkerError, parse_in_processes

TEXTS = [f"Officials said {number} people were killed in the fire." for number in range(40)]


@pytest.fixture(autouse=True)
def _model_loaded(nlp) -> None:  # noqa: ANN001 - workers fork from a process that holds the model
    return None


def _no_workers_left() -> bool:
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not multiprocessing.active_children()


def _parse_unless(marker: str, then):  # noqa: ANN001, ANN202 - a replacement for workers._parse_batch
    real = workers._parse_batch

    def parse(texts: list[str], model: str) -> list[bytes]:
        if any(marker in text for text in texts):
            then()
        return real(texts, model)

    return parse


def test_docs_come_back_in_order_and_the_workers_end() -> None:
    docs = list(parse_in_processes(TEXTS, model=DEFAULT_MODEL, processes=2, batch_size=3))
    assert [doc.text for doc in docs] == TEXTS
    assert [ent.text for ent in docs[7].ents] or docs[7][2].dep_  # parsed, not only tokenised
    assert _no_workers_left()


def test_a_failing_worker_ends_the_run_with_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise ValueError("cannot parse this")

    monkeypatch.setattr(workers, "_parse_batch", _parse_unless("FAIL", fail))
    with pytest.raises(WorkerError, match="ValueError: cannot parse this"):
        list(parse_in_processes([*TEXTS, "FAIL", *TEXTS], model=DEFAULT_MODEL, processes=2, batch_size=4))
    assert _no_workers_left()


def test_a_dead_worker_ends_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_parse_batch", _parse_unless("DIE", lambda: os.kill(os.getpid(), signal.SIGKILL)))
    with pytest.raises(WorkerError, match="died"):
        list(parse_in_processes([*TEXTS, "DIE", *TEXTS], model=DEFAULT_MODEL, processes=2, batch_size=4))
    assert _no_workers_left()


def test_a_stalled_worker_ends_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_parse_batch", _parse_unless("STALL", lambda: time.sleep(3600)))
    monkeypatch.setattr(workers, "STALL_SECONDS", 2.0)
    started = time.monotonic()
    with pytest.raises(WorkerError, match="no answer"):
        list(parse_in_processes([*TEXTS, "STALL", *TEXTS], model=DEFAULT_MODEL, processes=2, batch_size=4))
    assert time.monotonic() - started < 120
    assert _no_workers_left()


def test_leaving_the_iteration_stops_the_workers() -> None:
    docs = parse_in_processes(TEXTS * 5, model=DEFAULT_MODEL, processes=2, batch_size=2)
    next(docs)
    docs.close()
    assert _no_workers_left()


def _check_ninety_articles_with_workers(tmp_path: Path) -> tuple[int, io.StringIO]:
    """`check` over 90 one-line articles with two parser processes: (exit status, stderr)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(90):
        (folder / f"{number:03}.txt").write_text(f"Officials said {number} people were killed.", encoding="utf-8")
    err = io.StringIO()
    status = main(["check", str(folder), "--jobs", "2", "--json", str(tmp_path / "r.json")], stdout=io.StringIO(),
                  stderr=err)
    return status, err


def test_worker_failure_exits_two_with_a_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def fail() -> None:
        raise MemoryError

    monkeypatch.setattr(workers, "_parse_batch", _parse_unless("42 people", fail))
    status, err = _check_ninety_articles_with_workers(tmp_path)
    assert status == 2
    assert "crosscheck: a parser process failed: MemoryError" in err.getvalue()
    assert not (tmp_path / "r.json").exists()
    assert _no_workers_left()


def test_a_failure_while_workers_parse_stops_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An exception in the parent (here from extraction) used to leave spaCy's workers, and the run, blocked."""
    import checker.extract

    real = checker.extract.extract

    def extract(source, doc, lexicon):  # noqa: ANN001, ANN202 - the extractor's own signature
        if "45 people" in source.text:
            raise RuntimeError("extraction bug")
        return real(source, doc, lexicon)

    monkeypatch.setattr(checker.extract, "extract", extract)
    status, err = _check_ninety_articles_with_workers(tmp_path)
    assert status == 2
    assert "crosscheck: internal error: RuntimeError: extraction bug" in err.getvalue()
    assert _no_workers_left()


@pytest.mark.parametrize(("signal_number", "status", "message"), [(signal.SIGINT, 130, "interrupted"),
                                                                  (signal.SIGTERM, 143, "terminated")])
def test_signal_stops_the_workers_and_keeps_earlier_reports(tmp_path: Path, signal_number: int, status: int,
                                                            message: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    sentence = "Officials said {} people were killed and {} were hurt when the fire spread through the market. "
    corpus.write_text("\n".join(json.dumps({"id": str(n), "text": sentence.format(n, n + 3) * 8})
                                for n in range(2000)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.json").write_text("earlier report", encoding="utf-8")
    process = start(["check", str(corpus), "--jobs", "2", "--json", str(out / "r.json"), "--html", str(out / "r.html")])
    children = wait_for_children(process.pid, 2)
    time.sleep(1)
    process.send_signal(signal_number)
    code, _, err = finish(process, timeout=120)
    assert code == status, err
    assert message in err and "Traceback" not in err
    assert (out / "r.json").read_text(encoding="utf-8") == "earlier report"
    assert [path.name for path in out.iterdir()] == ["r.json"]  # no temp files, no half report
    deadline = time.monotonic() + 10
    while any(alive(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(child) for child in children)
