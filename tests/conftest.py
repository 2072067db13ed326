"""Shared fixtures: the model and lexicon load once per session; sources are made in code."""
from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.lexicon import Lexicon, load_lexicon
from checker.model import Source, SourceClaims

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = ROOT / "examples" / "seeds"
SHARED = ROOT.parent / "shared"


def require_shared(path: Path) -> None:
    """Skip a test whose data in ../shared a clone lacks; under CI fail, because CI always has it.

    A skip there would pass silently while the test it stands for never runs.
    """
    if path.exists():
        return
    if os.environ.get("CI", "").lower() not in {"", "0", "false"}:
        pytest.fail(f"{path} is missing: CI must have ../shared beside the checkout", pytrace=False)
    pytest.skip(f"{path} is not beside the project")


def load_cases(folder: str) -> list[tuple[str, dict]]:
    """(id, case) for every `[[case]]` of every TOML file in tests/cases/<folder>."""
    cases = []
    for path in sorted((CASES / folder).glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            cases.append((f"{path.stem}::{case['id']}", case))
    return cases


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def nlp():  # noqa: ANN201 - spaCy Language
    from checker.nlp import load

    return load()


def make_source(text: str, *, source_id: str = "s", published: str | None = None, story: str | None = None,
                title: str = "", url: str | None = None) -> Source:
    return Source(id=source_id, path=f"{source_id}.txt", title=title, text=text, published=published, story=story,
                  url=url)


@pytest.fixture(scope="session")
def extract_text(nlp, lexicon: Lexicon) -> Callable[..., SourceClaims]:  # noqa: ANN001
    from checker.extract import extract

    def run(text: str, *, published: str | None = None, source_id: str = "s", story: str | None = None,
            url: str | None = None) -> SourceClaims:
        source = make_source(text, source_id=source_id, published=published, story=story, url=url)
        return extract(source, nlp(text), lexicon)

    return run


@pytest.fixture(scope="session")
def rules():  # noqa: ANN201
    from checker.rules import default_rule_dirs, load_rules

    return load_rules(default_rule_dirs())
