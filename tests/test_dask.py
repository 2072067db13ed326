"""The Dask engine gives the same report as the local one, on a two-worker LocalCluster."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from checker.cli import main

pytest.importorskip("dask.distributed")


def test_dask_report_identical_to_local(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "extra.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "f1", "story": "flood", "published": "2024-09-14", "text": "Floods killed 12 people on Friday, officials said."},
        {"id": "f2", "story": "flood", "published": "2024-09-15", "text": "The flood death toll rose to 19, officials said."},
    ]), encoding="utf-8")
    local = main(["check", str(corpus), "--json", str(tmp_path / "local.json"), "--quiet", "--jobs", "1"],
                 stdout=io.StringIO(), stderr=io.StringIO())
    err = io.StringIO()
    distributed = main(["check", str(corpus), "--json", str(tmp_path / "dask.json"), "--quiet", "--engine", "dask",
                        "--jobs", "2"], stdout=io.StringIO(), stderr=err)
    assert local == distributed == 1, err.getvalue()
    assert (tmp_path / "local.json").read_text(encoding="utf-8") == (tmp_path / "dask.json").read_text(encoding="utf-8")
