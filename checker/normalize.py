"""Numbers and names as news writes them, turned into values and keys.

Pure functions: "up to 10,000" -> 10000 with an upper bound; "four" -> 4; "tens of thousands"
-> a range; "Yoon Suk-yeol" -> the key "yoon suk yeol". The word lists that are about meaning
(qualifiers, vague amounts) come from the lexicon; number words are grammar and live here.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from checker.lexicon import Lexicon

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
# South Asian news counts in lakhs and crores ("Rs 50 lakh" is 5,000,000), which NER leaves outside a figure
_SOUTH_ASIAN_SCALES = {"lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000,
                       "crore": 10_000_000, "crores": 10_000_000}
SPACED_SCALES = frozenset(_SOUTH_ASIAN_SCALES)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, **_SOUTH_ASIAN_SCALES}
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "mil": 1_000_000, "bn": 1_000_000_000,
                "b": 1_000_000_000, "bil": 1_000_000_000, "tn": 1_000_000_000_000}  # ("RM14.5bil", as Malaysia writes)
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES) | {"dozen", "half"}
# a whole number written in words, as a regular expression ("six", "Twenty-six"; not "zero", "half"
# or "dozen", which are no ages or spans of time): longest words first, so "seventy" is not "seven"
COUNTING_WORDS = "|".join(sorted(NUMBER_WORDS - {"zero", "half", "dozen"}, key=len, reverse=True))
SPELLED_NUMBER = rf"(?:{COUNTING_WORDS})(?:-(?:{COUNTING_WORDS}))?"
# the ordinals a toll is told by ("a sixth victim died": the toll is six)
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10}

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_CLOCK_VALUE = re.compile(r"(\d{2}):(\d{2})")
_DAY_MINUTES = 24 * 60


def clock_minutes(value: str) -> int | None:
    """A time claim's "HH:MM" as minutes after midnight; None for anything else."""
    match = _CLOCK_VALUE.fullmatch(value)
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


def clock_gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Minutes between two spans of the clock (minutes after midnight), the shorter way round midnight."""
    return min(max(0.0, b[0] + shift - a[1], a[0] - b[1] - shift) for shift in (-_DAY_MINUTES, 0, _DAY_MINUTES))


_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_DIGITS_WITH_SCALE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*-?\s*([a-z]+)?$")
_RANGE = re.compile(r"^(?:between|from)?\s*(.+?)\s*(?:-|–|—|to|and)\s*(.+)$")
_SPACE_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")


@dataclass(frozen=True)
class Amount:
    """A number as a claim holds it: a value, the interval it stands for, and how it was put."""

    value: float
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError(f"not a finite amount: {self.value}")


def words_to_number(text: str) -> float | None:
    """Read number words ("twenty-one", "a dozen", "two hundred thousand", "1.5 million")."""
    tokens = [t for t in re.split(r"[\s\-]+", text.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total, current, seen = 0.0, 0.0, False
    for index, token in enumerate(tokens):
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if token in {"a", "an"} and index > 0 and tokens[index - 1] == "half":
            continue
        if token in {"a", "an"} and nxt in _SCALES.keys() | {"dozen"} and not seen:
            current, seen = 1, True
        elif token == "half" and not seen:
            current, seen = 0.5, True
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token == "dozen":
            current = (current or 1) * 12
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
            seen = True
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current, seen = 0, True
        elif (digits := _plain_number(token)) is not None and not seen:
            current, seen = digits, True
        else:
            return None
    return total + current if seen else None


def _plain_number(text: str) -> float | None:
    match = _DIGITS.match(text)
    if not match:
        return None
    return float(match.group(1).replace(",", "") + (match.group(2) or ""))


def parse_number(text: str) -> float | None:
    """A single number written with digits, a scale, or words; None when it is not one."""
    text = _SPACE_THOUSANDS.sub("", text.strip().lower()).strip()
    text = re.sub(r"-(strong|odd|plus)$", "", text)
    text = text.rstrip("+")
    if (value := _plain_number(text)) is not None:
        return value
    if match := _DIGITS_WITH_SCALE.match(text):
        base = _plain_number(match.group(1))
        scale = match.group(2)
        if base is not None and scale in _SCALES:
            return base * _SCALES[scale]
        if base is not None and scale in SHORT_SCALES:
            return base * SHORT_SCALES[scale]
    if match := re.match(r"^(\d[\d,]*(?:\.\d+)?)\s+(.+)$", text):  # "1.5 million", "2 hundred thousand"
        base, rest = _plain_number(match.group(1)), words_to_number(match.group(2))
        if base is not None and rest is not None and rest >= 100:
            return base * rest
    return words_to_number(text)


def parse_amount(text: str, lexicon: Lexicon) -> Amount | None:
    """An `Amount` from a number phrase with its qualifier: "up to 10,000", "between 3 and 5"."""
    phrase = re.sub(r"\s+", " ", text.strip().lower())
    phrase = phrase.strip(" ,.;:()")
    qualifier_spec = None
    emphasis = next((word for word in lexicon.emphasis if phrase.startswith(word + " ")), None)
    if emphasis is not None and not any(phrase.startswith(cue + " ") for cue in lexicon.qualifiers):
        phrase = phrase[len(emphasis):].strip()  # "only 35", "just 14": the figure, stressed ("just under" qualifies)
    for cue in sorted(lexicon.qualifiers, key=len, reverse=True):
        if phrase.startswith(cue + " ") or (cue == "~" and phrase.startswith("~")):
            qualifier_spec = lexicon.qualifiers[cue]
            phrase = phrase[len(cue):].strip()
            break
    if phrase in lexicon.vague:
        low, high = lexicon.vague[phrase]
        return Amount(round(math.sqrt(low * high)), "range", low, high)
    value = parse_number(phrase)
    if value is None:
        ranged = _parse_range(phrase)
        if ranged is None:
            return None
        low, high = ranged
        return Amount((low + high) / 2, "range", low, high)
    if qualifier_spec is None:
        return Amount(value, "exact", value, value)
    return bounded(value, qualifier_spec.qualifier, qualifier_spec.low_factor, qualifier_spec.high_factor,
                   lexicon.approx_tolerance)


def bounded(value: float, qualifier: str, low_factor: float | None, high_factor: float | None,
            approx_tolerance: float) -> Amount:
    """The interval a qualifier implies around `value`."""
    if qualifier == "approx":
        low_factor = 1 - approx_tolerance if low_factor is None else low_factor
        high_factor = 1 + approx_tolerance if high_factor is None else high_factor
    low = round(value * low_factor, 6) if low_factor is not None else None
    high = round(value * high_factor, 6) if high_factor is not None else None
    return Amount(value, qualifier, low, high)


def _parse_range(phrase: str) -> tuple[float, float] | None:
    match = _RANGE.match(phrase)
    if not match:
        return None
    first, second = parse_number(match.group(1)), parse_number(match.group(2))
    if first is None or second is None:
        return None
    # "3 to 5 million": the scale of the second applies to the first
    if second >= 1000 and first < 1000 and not re.search(r"thousand|million|billion|[kmb]n?$", match.group(1)):
        for candidate in (1_000_000_000, 1_000_000, 1_000):
            if second % candidate == 0 and second / candidate < 1000 and first * candidate <= second:
                first *= candidate
                break
    if first > second:
        return None
    return first, second


_UNDECOMPOSED = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                                "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d"})


def strip_accents(text: str) -> str:
    """"Kılıçdaroğlu" -> "Kilicdaroglu": marks dropped, and letters Unicode does not decompose mapped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
                   if not unicodedata.combining(c))


_POSSESSIVE_END = re.compile(r"['’]s$")


def without_possessive(text: str) -> str:
    """Text without a final possessive "'s": "Hunt's" is Hunt, "last Wednesday's" (NER takes the
    "'s" into a date) last Wednesday."""
    return _POSSESSIVE_END.sub("", text)


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A comparison key for a name: case, accents, hyphens, possessives and "the" removed.
    (Cached: entity resolution keys each of a corpus's few thousand names many times.)"""
    text = strip_accents(text).lower().replace("’", "'")
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"[\-‐–]", " ", text)
    text = re.sub(r"[^a-z0-9 ]+", "", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


# letters one sound is written with: "kh" and "h" (Russian х), "zh" and "j" (ж), "ph" and "f",
# "c" before e, i or y and "s" (defence, defense), "z" and "s" (organisation, organization), and a
# hard "c", "ck", "q" and "k"
_ONE_SOUND = ((re.compile(r"kh"), "h"), (re.compile(r"zh"), "j"), (re.compile(r"ph"), "f"),
              (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"z"), "s"), (re.compile(r"ck|c|q"), "k"))


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """First letter plus consonants without vowels, y, h or w, doubles collapsed, after the letters
    that spell one sound in different transliterations and spellings are made one (`_ONE_SOUND`).

    Transliterations of one name share it (andrei/andrey -> "andr", kiev/kyiv -> "kv",
    zelensky/zelenskyy -> "slnsk", khaydarov/haydarov, zhambyl/jambyl), and so do a body's British
    and American spellings (organisation/organization, defence/defense), while names that differ
    in sound do not (north/south).
    """
    if not token:
        return ""
    for pattern, sound in _ONE_SOUND:
        token = pattern.sub(sound, token)
    rest = re.sub(r"[aeiouyhw]", "", token[1:])
    rest = re.sub(r"(.)\1+", r"\1", rest)
    return token[0] + rest
