"""A plain install and CI: every package the inputs need with the pip people have; CI runs every test."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, metadata, requires
from pathlib import Path

import pytest
from conftest import ROOT, require_shared
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from checker.sources import read_paths


def closure_as_old_pip(distribution: str) -> set[str]:
    """Every distribution `pip install distribution` brings in when extras are matched literally.

    pip before 24 did not normalise extra names (PEP 685), so jusText's `lxml[html_clean]` found
    no extra in lxml, which spells it `html-clean`, and installed lxml without its HTML cleaner.
    """
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(distribution, frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        if (canonicalize_name(name), extras) in seen:
            continue
        seen.add((canonicalize_name(name), extras))
        try:
            provided = set(metadata(name).get_all("Provides-Extra") or [])
            lines = requires(name) or []
        except PackageNotFoundError:
            continue
        matched = [extra for extra in extras if extra in provided] or [""]
        for line in lines:
            requirement = Requirement(line)
            if requirement.marker is None or any(requirement.marker.evaluate({"extra": e}) for e in matched):
                todo.append((requirement.name, frozenset(requirement.extras)))
    return {name for name, _ in seen}


def test_old_pip_installs_the_html_cleaner_trafilatura_imports() -> None:
    assert "lxml-html-clean" in closure_as_old_pip("crosscheck")


def test_bundled_html_example_is_read() -> None:
    [source], skipped, _ = read_paths([ROOT / "examples" / "html"])
    assert not skipped
    assert source.title == "Fire closes Riverside bridge; two firefighters hurt"
    assert "About 60 firefighters" in source.text and "Most read" not in source.text


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_shared_data_fails_under_ci_and_skips_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                ci: str, outcome: type[BaseException]) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="missing-corpus"):
        require_shared(tmp_path / "missing-corpus")
