"""Time claims: the hour an event happened ("around 2 a.m.", "at 11:42 p.m."), as HH:MM.

Local news reports the time of a shooting, a crash or a call to police, and outlets often
disagree on it. The day, when the sentence gives one, travels in `event_date`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from checker.extract.context import Prose, entities_of, event_dated
from checker.extract.events import did_not_happen, event_claim, read_as_of
from checker.lexicon import Lexicon
from checker.model import Claim
from checker.normalize import clock_minutes

# "11:42 p.m.", "2 a.m.", and as British and Asian papers write it, "3.35pm" (with a period, only
# with its a.m. or p.m.: "5.9" is no time)
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2})|\.(\d{2})(?=\s*[ap]\.?\s?m\b))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?![\w:])",
                    re.IGNORECASE)
_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
_TIME_OBJECTS = frozenset({"nsubj", "nsubjpass", "dobj"})  # "the shooting happened at 2 a.m."
_WRITTEN_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)", re.IGNORECASE)
# a 24-hour clock after a word that sets a time ("landing at 10:52", "declared an emergency at 10:35"),
# which NER may tag a date or a number
_CLOCK_AT = re.compile(r"(?:(?<=\bat )|(?<=\baround )|(?<=\babout )|(?<=\buntil )|(?<=\bby ))"
                       r"(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:.,]\d)", re.IGNORECASE)
_LEANING = re.compile(r"\b(?:shortly|just|right|soon|moments?|minutes)\s+(before|after)\s*$|\b(before|after)\s*$",
                      re.IGNORECASE)
_LEANING_MINUTES = 30  # "shortly before 6 p.m.": some time in the half hour before six
_APPROX = re.compile(r"\b(about|around|approximately|roughly|shortly|just|near|nearly|some time|sometime|circa)\b",
                     re.IGNORECASE)


def clock_time(text: str, lexicon: Lexicon) -> str | None:
    """"2 a.m." -> "02:00"; "11:42 p.m." -> "23:42"; "noon" -> "12:00"; "23.40 WIB" -> "23:40"; None
    when no clock time."""
    lowered = text.lower()
    for word, value in _WORDS.items():
        if re.search(rf"\b{word}\b", lowered):
            return value
    match = _CLOCK.search(text)
    if (match is None or match.group(4) is None) and (zoned := _day_clock_pattern(lexicon).search(text)) is not None:
        return f"{int(zoned.group(1)):02d}:{zoned.group(2)}"  # "23.40 WIB": a dot, with its zone
    if match is None or (match.group(2) is None and match.group(4) is None):
        return None  # a bare number is no time
    hour, minute = int(match.group(1)), int(match.group(2) or match.group(3) or 0)
    meridiem = (match.group(4) or "").lower().replace(".", "").replace(" ", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def time_spans(doc: Doc, prose: Prose, lexicon: Lexicon) -> Iterator[Span]:
    """Clock times in prose: NER's TIME entities, and the ones it missed ("just after 9:30 a.m. CST",
    "at 23.40 WIB").

    The small model often leaves a written clock time untagged; one with "a.m." or "p.m." is
    unmistakable, and so is a 24-hour one with its time zone, so they are read whatever NER said.
    """
    taken: list[tuple[int, int]] = []
    for ent in entities_of(doc):
        if ent.label_ == "TIME" and prose.is_prose(ent.start_char):
            taken.append((ent.start_char, ent.end_char))
            yield ent
    for match in [*_WRITTEN_CLOCK.finditer(prose.text), *_day_clock_pattern(lexicon).finditer(prose.text),
                  *_CLOCK_AT.finditer(prose.text)]:
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and prose.is_prose(match.start()):
            yield span


@lru_cache(maxsize=4)
def _day_clock_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A 24-hour clock time with the zone wire copy gives it ("at 23:40 local time", "14.05 WIB"),
    never one in brackets after another time ("10:40 p.m. local time (15:40 GMT)"): a conversion."""
    zones = "|".join(re.escape(zone) for zone in sorted(lexicon.time_zones, key=len, reverse=True))
    return re.compile(rf"(?<![(\d.:])([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:{zones})\b")


def time_claims(doc: Doc, *, source_id: str, lexicon: Lexicon, prose: Prose, extractor: str) -> Iterator[Claim]:
    """Yield a time claim for each clock time attached to an event in prose: the event noun it is
    written before ("the 3:30 p.m. shooting"), or else the verb it hangs on."""
    for span in time_spans(doc, prose, lexicon):
        value = clock_time(span.text, lexicon)
        if value is None:
            continue
        predicate, _ = event_dated(span, lexicon, root=_clock_token(span))
        if predicate is None or read_as_of(span) or did_not_happen(predicate, span):
            continue
        approx = bool(_APPROX.search(span.text)) or (span.start > 0 and bool(_APPROX.search(doc[span.start - 1].text)))
        claim = event_claim("time", span, predicate, value=value, unit="time",
                            qualifier="approx" if approx else "exact",
                            source_id=source_id, prose=prose, lexicon=lexicon, extractor=extractor,
                            object_deps=_TIME_OBJECTS, object_pos=frozenset({"NOUN"}))
        end = _range_end(span, lexicon)
        if end is not None:  # "a curfew from 9 p.m. to 6 a.m.": when it starts and when it ends
            held = _held_for(span, lexicon)
            claim = replace(claim, subtype="start", subject=replace(claim.subject, predicate_class=held)
                            if held else claim.subject)
            yield claim
            yield replace(claim, id=f"{claim.id}-end", value=end, subtype="end")
            continue
        before = prose.text[max(0, span.start_char - 30):span.start_char] + _before_clock(span.text)
        bounds = leaning_bounds(before, value)
        yield replace(claim, low=bounds[0], high=bounds[1], qualifier="approx") if bounds else claim


_RANGE_JOINER = re.compile(r"^\s*(?:to|until|till|-|–)\s*$", re.IGNORECASE)


def _range_end(span: Span, lexicon: Lexicon) -> str | None:
    """The second clock time of a span that gives two joined as a range ("9 p.m. to 6 a.m.",
    "21:00 to 05:00", "between 5 a.m. and 9 a.m."), or None."""
    clocks = [m for m in _CLOCK.finditer(span.text) if m.group(2) or m.group(4)]
    if len(clocks) != 2:
        return None
    joiner = span.text[clocks[0].end():clocks[1].start()]
    between = "between" in span.text[:clocks[0].start()].lower() \
        or (span.start > 0 and span.doc[span.start - 1].lower_ == "between")
    if not _RANGE_JOINER.match(joiner) and not (between and joiner.strip().lower() == "and"):
        return None
    return clock_time(clocks[1].group(0), lexicon)


def _held_for(span: Span, lexicon: Lexicon) -> str | None:
    """The class of the restriction a range of hours is of, named right before it ("a nightly curfew
    from 9 p.m. to 6 a.m.") or by the noun a clause of it tells of ("the curfew, which had run from 9
    p.m. to 6 a.m."): the range's own event, whatever the sentence's verb."""
    doc = span.doc
    start = span.start - 1 if span.start and doc[span.start - 1].lower_ == "from" else span.start
    before = doc[start - 1] if start else None
    for token in ([before] if before is not None else []) + list(span.root.ancestors):
        if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.event_nouns:
            return lexicon.event_nouns[token.lemma_.lower()]
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"relcl", "acl"}:
            break
    return None


def _clock_token(span: Span) -> Token:
    """The token of a time's figure, which says what the time is of: "landed at 10:52 a.m.", whose
    "a.m." the parser may hang on another verb of the sentence ("returned ... and landed")."""
    return next((token for token in span if any(char.isdigit() for char in token.text)), span.root)


def _before_clock(text: str) -> str:
    """The words an entity holds before its clock time ("shortly before" in "shortly before 6 p.m.")."""
    match = _CLOCK.search(text)
    return text[:match.start()] if match else ""


def leaning_bounds(before: str, value: str) -> tuple[float, float] | None:
    """The minutes of the day a time leaning one way allows: "shortly before 6 p.m." is 17:30-18:00,
    "just after 11 a.m." 11:00-11:30; None for a time that leans neither way."""
    match = _LEANING.search(before)
    if match is None:
        return None
    at = clock_minutes(value)
    if at is None:
        return None
    if (match.group(1) or match.group(2)).lower() == "before":
        return float(at - _LEANING_MINUTES), float(at)
    return float(at), float(at + _LEANING_MINUTES)
