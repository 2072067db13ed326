"""Roundups: which articles tell several incidents at once."""
from __future__ import annotations

import pytest
from conftest import make_source

from checker.roundups import is_roundup


@pytest.mark.parametrize(("title", "lead", "expected"), [
    ("Police: 8 Dead, 27 Wounded In Weekend Shootings Across Chicago", "At least 35 people have been shot.", True),
    ("", "Two men were killed in separate shootings across the city since late Wednesday morning.", True),
    ("1 Killed, 5 Wounded in South Side Shootings Since Tuesday", "A man was shot on Tuesday.", True),
    ("2 dead, 3 wounded in Brighton Park shooting", "Two people were killed on Friday.", False),
    ("Shootings at the mall: what we know", "A gunman opened fire at the mall on Friday.", False),
    ("Weekend at the lake", "Two people were shot on Saturday night.", False),
])
def test_roundup_headline_or_lead(title: str, lead: str, expected: bool, lexicon) -> None:  # noqa: ANN001
    assert is_roundup(make_source(lead, title=title), lexicon) is expected
