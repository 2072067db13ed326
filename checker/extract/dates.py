"""Date claims: when an event happened, placed on the calendar when the source allows.

Relative dates ("on Sunday", "last week") are resolved against the source's publication
date with dateparser, preferring the past as news does; without a publication date they stay
as written ("Sunday"), and a day without a year becomes "XXXX-11-07" (ISO 8601-2's
unspecified year) so that two sources can still agree on it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from checker.extract.context import (
    PARTS_OF_DAY,
    Prose,
    entities_of,
    event_dated,
    predicate_class_of,
    sentence_of,
)
from checker.extract.events import did_not_happen, event_claim, read_as_of
from checker.lexicon import Lexicon
from checker.model import Claim
from checker.normalize import MONTHS, WEEKDAYS, without_possessive

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DURATION = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)"
                       r"[\s-]+(years?|months?|weeks?|days?|hours?|decades?|centuries|minutes?)\b(?!\s+ago)")
_AGE = re.compile(r"year[\s-]*old|\bage[sd]?\b", re.IGNORECASE)
_CALENDAR = re.compile(rf"\b({_MONTH}|{'|'.join(WEEKDAYS)}|yesterday|today|tonight|tomorrow|ago|"
                       r"(?:last|this|next)\s+(?:week|weekend|month|year)|(?:1[89]|20)\d\d)\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?:on|in|since|by|during|until|till|from|at|of|the|earlier|later|early|late|mid-?)\s+",
                   re.IGNORECASE)
_DAY_PART = re.compile(rf"\s+(?:{'|'.join(sorted(PARTS_OF_DAY))})$")  # "Sunday afternoon" is Sunday's
_DATE_OBJECTS = frozenset({"dobj", "nsubjpass", "attr"})  # "arrested the suspect on Oct. 12"
_NOUNS = frozenset({"NOUN", "PROPN"})
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


def is_calendar_date(text: str) -> bool:
    """A date phrase that points at a day, month or year (not a duration or an age)."""
    return bool(_CALENDAR.search(text)) and not _DURATION.search(text) and not _AGE.search(text)


def resolve(text: str, published: str | None, *, future: bool = False) -> tuple[str, bool]:
    """The date `text` names, as ISO (YYYY, YYYY-MM, YYYY-MM-DD or XXXX-MM-DD) when possible.

    News dates point back ("was shot Sunday") unless the sentence looks ahead ("is due in court
    Tuesday", "the funeral will be held Friday"): `future` resolves forward from the publication.

    Returns:
        (value, resolved): the value, and whether it is placed on the calendar.
    """
    phrase = text.strip()
    while (stripped := _LEAD.sub("", phrase)) != phrase:
        phrase = stripped
    phrase = without_possessive(phrase.rstrip(".,"))  # "last Wednesday's explosion"
    lowered = phrase.lower()
    if not _YEAR.search(phrase) and not published:
        return _unanchored(phrase), False
    weekday = _DAY_PART.sub("", lowered)
    if published and weekday in WEEKDAYS and WEEKDAYS[dt.date.fromisoformat(published).weekday()] == weekday:
        return published, True  # "on Sunday" ("Sunday afternoon") in a Sunday paper is that day
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        base = dt.datetime.fromisoformat(published)
        settings["RELATIVE_BASE"] = base if future else base + dt.timedelta(hours=23, minutes=59)
    try:
        parsed = _dateparser().parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input: keep the phrase as written
        parsed = None
    if parsed is None:
        return _unanchored(phrase), False
    if future and published and not _YEAR.search(phrase) and parsed.date() > dt.date.fromisoformat(published) \
            and parsed.date().replace(year=parsed.year - 1).isoformat() == published:
        parsed = parsed.replace(year=parsed.year - 1)  # a day still to come may be the paper's own: "effective Dec. 31"
    period = _period(lowered)
    if published and period == "day" and not _YEAR.search(phrase) and _MONTH_DAY.search(lowered):
        parsed = _year_of_weekday(parsed, lowered, dt.date.fromisoformat(published))
    if period == "year":
        return f"{parsed.year:04d}", True
    if period == "month":
        return f"{parsed.year:04d}-{parsed.month:02d}", True
    if period == "week":
        return phrase, False  # "last week" names no single day
    return parsed.date().isoformat(), True


_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}")


def _year_of_weekday(parsed: dt.datetime, phrase: str, published: dt.date) -> dt.datetime:
    """A month and day written with its weekday and no year ("Monday, December 7") is in the year,
    of the one before, that one and the next, nearest the paper's in which that day is that weekday:
    the weekday says where tense leaves it open."""
    weekday = next((i for i, name in enumerate(WEEKDAYS) if re.search(rf"\b{name}\b", phrase)), None)
    if weekday is None:
        return parsed
    fits = []
    for year in (parsed.year - 1, parsed.year, parsed.year + 1):
        try:
            candidate = parsed.replace(year=year)
        except ValueError:  # February 29th
            continue
        if candidate.weekday() == weekday:
            fits.append(candidate)
    return min(fits, key=lambda day: abs((day.date() - published).days)) if fits else parsed


@lru_cache(maxsize=1)
def _dateparser():  # noqa: ANN202 - the dateparser module, imported on first use
    import dateparser

    return dateparser


def _unanchored(phrase: str) -> str:
    """A date with no year and no publication date: a weekday, or a month and day."""
    lowered = phrase.lower()
    if lowered in WEEKDAYS:
        return phrase.capitalize()
    match = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?", lowered)
    swapped = re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})", lowered)
    if not match and not swapped:
        return phrase
    month_word, day = (match.group(1), match.group(2)) if match else (swapped.group(2), swapped.group(1))
    month = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(month_word.rstrip(".")[:3]))
    return f"XXXX-{month:02d}-{int(day):02d}"


def _period(phrase: str) -> str:
    """How precise a date phrase is: year, month, week or day."""
    if re.fullmatch(r"(?:1[89]|20)\d\d|(?:last|this|next)\s+year", phrase):
        return "year"
    if re.fullmatch(rf"{_MONTH}(?:,?\s+(?:of\s+)?(?:1[89]|20)\d\d)?|(?:last|this|next)\s+month", phrase):
        return "month"
    if re.search(r"\bweek\b", phrase):
        return "week"
    return "day"


_DAY_WORDS = frozenset({*WEEKDAYS, *MONTHS, "yesterday", "today", "tomorrow"})  # what names a day in a time
_DATE_WORDS = frozenset({
    *WEEKDAYS, *MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "weekend", "ago", "last", "this", "next",
    "early", "earlier", "late", "later", "mid", "morning", "afternoon", "evening", "night", "overnight", "today",
    "yesterday", "tomorrow", "tonight", "summer", "winter", "spring", "autumn", "fall", "end", "beginning",
    "start", "of", "the", "in", "on", "and", "between", "since", ",", ".", "-", "'s",
})


# "... pic.twitter.com/x — KPRC 2 Houston (@KPRC2) January 22, 2016": an embedded post is signed with
# the day it was posted, which is no date of the events it tells
_POST_SIGNATURE = re.compile(r"\(@[\w.]+\)\s*(?:on\s+)?$")


def date_spans(doc: Doc, prose: Prose, lexicon: Lexicon) -> Iterator[Span]:
    """DATE entities that name a calendar date, trimmed of words NER swept in ("March 2023 after years",
    "Tuesday, Dec. 8, three days" after), and the day of a TIME entity that names one ("Saturday
    night", "about 10 p.m. on Friday": the small model tags a day with its part as a time), unless
    the time is another zone's ("11:40 p.m. (0540 GMT Sunday)": the day of a conversion)."""
    for ent in entities_of(doc):
        if ent.label_ not in {"DATE", "TIME"} or not prose.is_prose(ent.start_char) or _POST_SIGNATURE.search(
                prose.text[max(0, ent.start_char - 40):ent.start_char]):
            continue
        start = ent.start
        if ent.label_ == "TIME":
            start = next((t.i for t in ent if t.lower_.rstrip(".") in _DAY_WORDS), ent.end)
            if start == ent.end or any(zone in ent.text for zone in lexicon.time_zones):
                continue
        elif ent.start > 0 and doc[ent.start - 1].text in lexicon.time_zones:
            continue  # "(0540 GMT Sunday)": tagged apart from its time
        end = ent.end
        while end > start + 1 and not (doc[end - 1].like_num or doc[end - 1].lower_.rstrip(".") in _DATE_WORDS):
            end -= 1
        cut = start
        for index in range(start, end):  # stop at the first word that belongs to no date
            if not (doc[index].like_num or doc[index].lower_.rstrip(".") in _DATE_WORDS):
                break
            cut = index + 1
        span = doc[start:max(cut, start + 1)]
        # "on Tuesday, Dec. 8, three days after the ceremony": the date, not the time since another
        comma = next((t.i for t in span if t.text == "," and _DURATION.match(doc[t.i + 1:span.end].text)), None)
        if comma is not None and comma > span.start:
            span = doc[span.start:comma]
        while len(span) > 1 and span[-1].lower_ in {"of", "the", "in", "on", "and", ",", "-", "after", "since"}:
            span = span[:-1]
        if is_calendar_date(span.text):
            yield span
        if cut + 1 < end and doc[cut].text == "(" and is_calendar_date(doc[cut + 1:end].text):
            yield doc[cut + 1:end]  # "on Tuesday (July 21)": the date in brackets, which restates the day


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# (a present tense news uses for what is scheduled: "the trial begins Monday", "the law takes effect Jan. 1")
_AHEAD = re.compile(r"\b(?:will|(?<!as )scheduled|set for|is due|are due|slated|expected to|is to|are to|plans? to|upcoming"
                    r"|takes? effect|goes into effect|go into effect|begins|resumes|deadline"
                    r"|(?:g[ai]ve|giv(?:es|en|ing))\b[^.;]{0,40}\buntil)\b", re.IGNORECASE)


def _in_other_zone(span: Span, lexicon: Lexicon) -> bool:
    """A day inside brackets that convert a clock time to another zone ("at around 2:20 a.m. (2320
    GMT on Friday)"): the zone's day, not the one the story's clock gives."""
    sentence = sentence_of(span)
    opened = next((t for t in reversed(span.doc[sentence.start:span.start]) if t.text in {"(", ")"}), None)
    if opened is None or opened.text != "(":
        return False
    inside = span.doc[opened.i + 1:span.start].text
    return any(re.search(rf"\b{re.escape(zone)}\b", inside) for zone in lexicon.time_zones if zone != _LOCAL)


_LOCAL = "local time"  # the story's own clock, which a bracket may give too


def _restated(span: Span) -> bool:
    """A relative date the text restates in full right after ("two days ago on December 28, 2012"):
    the full date is the claim, and the relative one, read from a later publication day, no other."""
    if any(char.isdigit() for char in span.text):
        return False
    doc = span.doc
    for token in doc[span.end:min(span.end + 3, len(doc))]:
        if token.ent_type_ == "DATE":
            return any(t.is_digit for t in doc[token.i:min(token.i + 4, len(doc))] if t.ent_type_ == "DATE")
        if token.lower_ not in {"on", ",", "(", "—", "-"}:
            return False
    return False


def looks_ahead(span: Span, predicate: Token | None, lexicon: Lexicon, text: str) -> bool:
    """Whether a date's sentence speaks of what is still to come ("will be held", "scheduled for")."""
    if predicate is not None:
        # (an adjective's verb tells its tense: "will receive pardons effective Dec. 31")
        told = next((t for t in predicate.ancestors if t.pos_ == "VERB"), predicate) \
            if predicate.pos_ == "ADJ" and predicate.dep_ != "acomp" else predicate
        auxiliaries = {c.lower_ for c in told.children if c.dep_ in {"aux", "auxpass"}}
        if auxiliaries & _FUTURE_AUX or ("would" in auxiliaries and "have" not in auxiliaries):
            return True  # "would meet on Friday": what was then still to come ("would have turned 18" was not)
        if _schedules(predicate, lexicon) and not _sets_a_sum(predicate):
            return True
        if predicate.pos_ == "ADJ" and predicate.dep_ == "acomp" and predicate.head.tag_ in {"VBP", "VBZ"}:
            return True  # "the pardons are effective Thursday": what is in force from a day still to come
        if _schedules(predicate.head, lexicon) and (predicate.dep_ == "xcomp" or (
                predicate.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in predicate.children))):
            return True  # "the coroner is expected to release more information on Tuesday", "expects it to end"
        if _ends_a_present_state(span, predicate):
            return True
    sentence = sentence_of(span)
    before = text[sentence.start_char:span.start_char]
    return bool(_AHEAD.search(before[-60:]))


def _schedules(verb: Token, lexicon: Lexicon) -> bool:
    """A verb that puts an event on the calendar ("set his plea for Thursday"), not a phrasal verb
    made of one with a particle: "set off Tuesday's plunge" tells of what that plunge was."""
    return verb.lemma_.lower() in lexicon.scheduling_verbs and not any(c.dep_ == "prt" for c in verb.children)


_UNTIL = frozenset({"until", "till", "through", "thru"})


def _ends_a_present_state(span: Span, predicate: Token) -> bool:
    """ "is offering half-price tickets until December 31", "the road remains closed until Friday":
    what holds now holds until a day still to come."""
    first = span[0] if span[0].lower_ in _UNTIL else (span.doc[span.start - 1] if span.start else None)
    if first is None or first.lower_ not in _UNTIL:
        return False
    auxiliaries = [c for c in predicate.children if c.dep_ in {"aux", "auxpass"}]
    if predicate.tag_ in {"VBP", "VBZ"}:  # "remains closed until Friday"
        return not auxiliaries
    # "is offering tickets until December 31", never "has been closed until March 3"
    return predicate.tag_ in {"VBG", "VBN"} and any(a.tag_ in {"VBP", "VBZ"} for a in auxiliaries) \
        and not any(a.lower_ in {"has", "have"} for a in auxiliaries)


# verbs of a state on a day, not of anything that happened then: "remained in critical condition Tuesday"
_STATE_VERBS = frozenset({"remain", "stay"})


def _participle_ending_before(span: Span, predicate: Token) -> Token | None:
    """The participle of the subject whose phrase ends right before a day that the parse hangs on the
    subject's verb: "children critically wounded in two shootings late Wednesday night has died" were
    wounded that night, and one died later."""
    if span.root.head != predicate or span.end > predicate.i:
        return None
    before = span.start - 1
    while before > 0 and span.doc[before].lower_ in {"late", "early", "on", "last"}:
        before -= 1
    for subject in (c for c in predicate.children if c.dep_ in {"nsubj", "nsubjpass"}):
        for token in subject.subtree:
            if token.dep_ == "acl" and token.pos_ == "VERB" and token.right_edge.i == before:
                return token
    return None


def _sets_a_sum(verb: Token) -> bool:
    """ "Bail was set at $50,000 Monday": the verb sets an amount, which is done, not scheduled."""
    return any(child.dep_ == "prep" and child.lower_ == "at" and any(t.ent_type_ == "MONEY" for t in child.subtree)
               for child in verb.children)


def date_claims(doc: Doc, *, source_id: str, published: str | None, lexicon: Lexicon, prose: Prose,
                extractor: str) -> Iterator[tuple[Span, Claim | None, str]]:
    """Yield (span, claim or None, value) for every calendar date in prose.

    A claim is made only for dates of an event: the event noun the date is written before ("the
    July 29, 2014, shooting"), or else a predicate that is not a reporting verb. The value is
    returned for every date so that the sentence's other claims can carry it.
    """
    for span in date_spans(doc, prose, lexicon):
        predicate, named = event_dated(span, lexicon)  # "Thursday's shooting" has happened, whatever is to come
        if predicate is not None and not named:
            predicate = _participle_ending_before(span, predicate) or predicate
        ahead = not named and looks_ahead(span, predicate, lexicon, prose.text)
        value, resolved = resolve(span.text, published, future=ahead)
        if predicate is None or predicate_class_of(predicate, lexicon) == lexicon.speech_class or _restated(span) \
                or _in_other_zone(span, lexicon) \
                or read_as_of(span) or did_not_happen(predicate, span) or predicate.lemma_ in _STATE_VERBS:
            yield span, None, value
            continue
        claim = event_claim("date", span, predicate, value=value, unit="date" if resolved else None,
                            source_id=source_id, prose=prose, lexicon=lexicon, extractor=extractor,
                            object_deps=_DATE_OBJECTS, object_pos=_NOUNS)
        yield span, claim, value
