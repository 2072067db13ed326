"""Numbers and names as written, to values and keys."""
from __future__ import annotations

import pytest

from checker.normalize import name_key, parse_amount, parse_number, skeleton


@pytest.mark.parametrize(("text", "value"), [
    ("10,000", 10000), ("1.5 million", 1_500_000), ("$800 million"[1:], 800_000_000), ("four", 4),
    ("twenty-one", 21), ("a dozen", 12), ("two hundred thousand", 200_000), ("half a million", 500_000),
    ("12,000-strong", 12000), ("10 000", 10000), ("3.2bn", 3_200_000_000), ("1.5m", 1_500_000),
    ("a million", 1_000_000), ("ninety-nine", 99), ("one hundred and five", 105),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "troops", "the", "a", "twenty troops"])
def test_parse_number_rejects_words(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "qualifier", "low", "high"), [
    ("over 1,500", "lower-bound", 1500, None),
    ("more than 200", "lower-bound", 200, None),
    ("at least 45", "lower-bound", 45, None),
    ("up to 10,000", "upper-bound", None, 10000),
    ("fewer than 30", "upper-bound", None, 30),
    ("nearly 500", "upper-bound", 425, 500),
    ("around 3,000", "approx", 2700, 3300),
    ("some 1,200", "approx", 1080, 1320),
    ("between 3,000 and 5,000", "range", 3000, 5000),
    ("3,000-5,000", "range", 3000, 5000),
    ("3 to 5 million", "range", 3_000_000, 5_000_000),
    ("dozens", "range", 24, 99),
    ("tens of thousands", "range", 20_000, 99_999),
    ("hundreds", "range", 200, 999),
    ("several", "range", 3, 9),
    ("7", "exact", 7, 7),
])
def test_parse_amount_qualifiers(lexicon, text: str, qualifier: str, low: float | None, high: float | None) -> None:  # noqa: ANN001
    amount = parse_amount(text, lexicon)
    assert amount is not None
    assert (amount.qualifier, amount.low, amount.high) == (qualifier, low, high)


@pytest.mark.parametrize(("a", "b"), [
    ("Yoon Suk-yeol", "Yoon Suk Yeol"), ("South Korea’s", "South Korea"), ("the Pentagon", "Pentagon"),
    ("José Díaz", "Jose Diaz"),
])
def test_name_key_merges_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("andrei", "andrey", True), ("kiev", "kyiv", True), ("zelensky", "zelenskyy", True),
    ("north", "south", False), ("duda", "tusk", False),
    ("organisation", "organization", True), ("defence", "defense", True), ("khaydarov", "haydarov", True),
    ("zhukov", "jukov", True), ("carlos", "karlos", True), ("mikhail", "michael", False),
])
def test_skeleton(a: str, b: str, same: bool) -> None:
    assert (skeleton(a) == skeleton(b)) is same
