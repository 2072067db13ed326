"""Comparators: the registry rule files choose from, by versioned name.

A comparator says how two claims about one fact relate: the same value, different values that
their stated bounds reconcile ("over 1,500" and "around 3,000"), different values, or values
that cannot be compared (a weekday and a calendar date). Names carry a version so that a
rule file keeps its meaning when a comparator's behaviour changes.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from checker.model import Claim
from checker.normalize import clock_gap, clock_minutes


class Verdict(Enum):
    SAME = "same"
    COMPATIBLE = "bounds-compatible"
    DIFFERENT = "different"
    INCOMPARABLE = "incomparable"


Resolver = Callable[[str, str], str]  # (source, name) -> entity id


@dataclass(frozen=True)
class Comparator:
    compare: Callable[[Claim, Claim, dict[str, Any], Resolver], Verdict]
    check: Callable[[dict[str, Any]], list[str]]  # parameter problems, as "key: problem"


def _number_params(params: dict[str, Any]) -> list[str]:
    """`tolerance` is a fraction of the larger value (at 1, any two values of one sign agree);
    `absolute` any finite amount; `exact_below` the size under which figures get no `tolerance`.
    Huge TOML integers are refused before any float arithmetic."""
    problems = []
    for key, top, wording in (("tolerance", 1.0, "a number from 0 to 1"), ("absolute", math.inf, "a number >= 0"),
                              ("exact_below", math.inf, "a number >= 0")):
        value = params.get(key, 0.0)
        if not _number_within(value, top):
            shown = repr(value) if len(repr(value)) <= 30 else repr(value)[:27] + "..."
            problems.append(f"{key}: must be {wording}, not {shown}")
    unknown = set(params) - {"tolerance", "absolute", "exact_below"}
    problems.extend(f"{key}: unknown parameter" for key in sorted(unknown))
    return problems


def _number_within(value: object, top: float) -> bool:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        return False
    return math.isfinite(number) and 0 <= number <= top


def _no_params(params: dict[str, Any]) -> list[str]:
    return [f"{key}: unknown parameter" for key in sorted(params)]


def interval(claim: Claim) -> tuple[float, float]:
    """The values a claim allows, from its qualifier: "over 10,000" -> [10000, inf)."""
    value = float(claim.value)
    low = claim.low if claim.low is not None else (-math.inf if claim.qualifier in {"upper-bound"} else value)
    high = claim.high if claim.high is not None else (math.inf if claim.qualifier in {"lower-bound"} else value)
    if claim.qualifier == "upper-bound" and claim.low is None:
        low = 0.0
    if claim.qualifier == "approx":
        # "about 5,900" is told to the hundred: its rounding hides no more than a hundred either way,
        # however much "about 3,000" may hide
        step = rounding_step(value)
        low, high = max(low, value - step), min(high, value + step)
    return low, high


def relative_tolerance(a: Claim, b: Claim, params: dict[str, Any], _: Resolver) -> Verdict:
    """Numbers equal within `tolerance` (relative) or `absolute`; else reconciled by bounds or not.

    Figures both under `exact_below` get no relative tolerance: "77 seats" and "78 seats" are two
    counts, where "3,000 jobs" may be "2,900" rounded. A tolerance stands for rounding, so it never
    exceeds what the rounder figure may hide: "41,872 votes" and "41,958 votes", "52.6%" and
    "52.4%" are each told to the last digit, and differ."""
    va, vb = float(a.value), float(b.value)
    larger = max(abs(va), abs(vb))
    relative = float(params.get("tolerance", 0.0)) if larger >= float(params.get("exact_below", 0.0)) else 0.0
    allowed = min(max(float(params.get("absolute", 0.0)), relative * larger),
                  max(rounding_step(va), rounding_step(vb)) / 2)
    # close values agree, unless one is a range's midpoint and the other a plain figure
    if abs(va - vb) <= allowed + 1e-9 and (a.qualifier == b.qualifier or "range" not in {a.qualifier, b.qualifier}):
        return Verdict.SAME
    (la, ha), (lb, hb) = interval(a), interval(b)
    if a.qualifier == b.qualifier == "approx":
        # two round figures ("about 70%", "around 60%") agree when one falls in the other's
        # rounding, not whenever the two roundings overlap: a reader sees 60 against 70
        if la - allowed <= vb <= ha + allowed or lb - allowed <= va <= hb + allowed:
            return Verdict.COMPATIBLE
        return Verdict.DIFFERENT
    if a.qualifier == b.qualifier and a.qualifier in {"lower-bound", "upper-bound"}:
        return Verdict.DIFFERENT  # "at least 58 killed" and "at least 93": each the count its source had
    if la - allowed <= hb and lb - allowed <= ha:
        return Verdict.COMPATIBLE
    return Verdict.DIFFERENT


def rounding_step(value: float) -> float:
    """The coarsest power of ten a figure is a whole number of, the step it may have been rounded
    to: 3,000 -> 1,000; 1,950 -> 10; 52.6 -> 0.1; 41,872 -> 1; 0 -> inf."""
    if value == 0:
        return math.inf
    for exponent in range(15, -7, -1):
        multiple = value / 10.0 ** exponent
        if abs(multiple - round(multiple)) < 1e-6 and round(multiple) != 0:
            return 10.0 ** exponent
    return 0.0


_ISO = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}))?(?:-(\d{2}))?$")


def same_date(a: Claim, b: Claim, _: dict[str, Any], __: Resolver) -> Verdict:
    """Dates agree when they name the same day at the precision both give."""
    da, db = _ISO.match(str(a.value)), _ISO.match(str(b.value))
    if da is None or db is None:
        if da is None and db is None:
            return Verdict.SAME if str(a.value).lower() == str(b.value).lower() else Verdict.INCOMPARABLE
        return Verdict.INCOMPARABLE
    parts = [(x, y) for x, y in zip(da.groups(), db.groups()) if x and y and "XXXX" not in (x, y)]
    if not parts:
        return Verdict.INCOMPARABLE
    if all(x == y for x, y in parts):
        return Verdict.SAME
    return Verdict.COMPATIBLE if _either_side_of_midnight(a, b) else Verdict.DIFFERENT


def _either_side_of_midnight(a: Claim, b: Claim) -> bool:
    """Two days in a row, the first told as a night or the second as an early morning ("the night
    of Dec. 19", "early Tuesday"): one night, dated by one outlet before midnight and by the
    other after it. Two days each told as a morning ("Monday morning", "Tuesday morning"), or each
    as a night ("late Saturday", "late on Sunday"), are two."""
    try:
        first, second = sorted((a, b), key=lambda c: date.fromisoformat(str(c.value)))
        gap = (date.fromisoformat(str(second.value)) - date.fromisoformat(str(first.value))).days
    except ValueError:
        return False
    first_words, second_words = _words_beside(first), _words_beside(second)
    if _MORNING in first_words and _MORNING in second_words and not _NIGHT & first_words:
        return False  # "during the Monday morning rush hour" and "on Tuesday morning": two mornings
    if _NIGHT & first_words and _NIGHT & second_words and not _EARLY & second_words:
        return False  # "halted withdrawals late Saturday" and "late on Sunday": two nights
    return gap == 1 and (bool(_NIGHT & first_words) or bool(_EARLY & second_words))


def _words_beside(claim: Claim) -> set[str]:
    """A date's own words and the three on either side of it in its sentence."""
    before, after = claim.text_around()
    return {*re.findall(r"[a-z]+", before.lower())[-3:], *re.findall(r"[a-z]+", claim.text.lower()),
            *re.findall(r"[a-z]+", after.lower())[:3]}


_NIGHT = frozenset({"night", "late", "overnight"})
_EARLY = frozenset({"early", "morning", "overnight", "midnight"})
_MORNING = "morning"


def same_time(a: Claim, b: Claim, params: dict[str, Any], _: Resolver) -> Verdict:
    """Clock times agree within `minutes`; "about" widens that to `approx_minutes` (twice
    `minutes` unless given), and a time leaning one way ("shortly before 6 p.m.": 17:30-18:00)
    reconciles any time within its span, and only those."""
    ma, mb = clock_minutes(str(a.value)), clock_minutes(str(b.value))
    if ma is None or mb is None:
        return Verdict.INCOMPARABLE
    gap = clock_gap((ma, ma), (mb, mb))
    allowed = int(params.get("minutes", 15))
    if a.qualifier == b.qualifier == "exact":  # "10:33" and "10:32", told to the minute, were rounded to none
        allowed = min(allowed, max(_clock_step(ma), _clock_step(mb)) / 2)
    if gap <= allowed:
        return Verdict.SAME
    if clock_gap(_time_span(a, ma), _time_span(b, mb)) <= allowed:
        return Verdict.COMPATIBLE
    rounded = [c for c in (a, b) if c.qualifier == "approx" and not _leans(c)]  # "around 4 p.m."
    if rounded and gap <= int(params.get("approx_minutes", 2 * allowed)):
        return Verdict.COMPATIBLE
    if _in_another_zone(a, b, gap):
        return Verdict.COMPATIBLE
    return Verdict.DIFFERENT


def _clock_step(minutes: float) -> int:
    """The coarsest step a clock time may have been rounded to: 4:00 -> 60, 3:45 -> 15, 10:35 -> 5, 10:33 -> 1."""
    return next(step for step in (60, 30, 15, 5, 1) if minutes % step == 0) if minutes == int(minutes) else 1


def _in_another_zone(a: Claim, b: Claim, gap: float) -> bool:
    """One time given in a named zone ("shortly before 8:30 p.m. ET") and the other whole hours off
    it (`gap`, in minutes), to the minute (7:30 p.m.): the same moment on another zone's clock,
    such as the local time."""
    named = any(_ZONES & set(re.findall(r"[A-Za-z]+", f"{c.text} {c.text_around()[1][:12]}")) for c in (a, b))
    return named and gap in {60.0, 120.0, 180.0}


_ZONES = frozenset({"ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT"})


def _leans(claim: Claim) -> bool:
    """A time that leans one way ("shortly before 7 a.m.": 6:30-7:00): its span is all it allows,
    so "shortly before 7" is never 7:10 however roundly news writes hours."""
    return claim.low is not None and claim.high is not None and claim.low != claim.high


def _time_span(claim: Claim, minutes: int) -> tuple[float, float]:
    """The minutes after midnight a time claim allows: its bounds, or its one minute."""
    if claim.low is not None and claim.high is not None:
        return claim.low, claim.high
    return float(minutes), float(minutes)


def _time_params(params: dict[str, Any]) -> list[str]:
    problems = [f"{key}: must be a whole number from 0 to 720, not {params[key]!r}"
                for key in ("minutes", "approx_minutes") if key in params
                and not (isinstance(params[key], int) and not isinstance(params[key], bool) and 0 <= params[key] <= 720)]
    return problems + [f"{key}: unknown parameter" for key in sorted(set(params) - {"minutes", "approx_minutes"})]


def same_entity(a: Claim, b: Claim, _: dict[str, Any], resolve: Resolver) -> Verdict:
    """Role holders agree when they resolve to one entity."""
    same = resolve(a.source, str(a.value)) == resolve(b.source, str(b.value))
    return Verdict.SAME if same else Verdict.DIFFERENT


COMPARATORS: dict[str, Comparator] = {
    "relative-tolerance.v1": Comparator(relative_tolerance, _number_params),
    "same-date.v1": Comparator(same_date, _no_params),
    "same-entity.v1": Comparator(same_entity, _no_params),
    "same-time.v1": Comparator(same_time, _time_params),
}
