"""Numeric claims: counts, casualties, money, percentages and physical quantities.

spaCy finds the numbers and the parse says what they count. Units are read from the lexicon's
table ("155mm", "7 km"); quantulum3 is asked only about QUANTITY spans in other units, because
on whole text it misreads days and years as quantities and it is slow to warm up. Numbers that are not amounts of anything (years, ages, times,
phone and street numbers, model names like "K-2") are filtered out here, not downstream.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from spacy.tokens import Doc, Span, Token

from checker.extract.casualties import casualty_subtype, is_partitive, toll_subject
from checker.extract.context import (
    HARM_CLASSES,
    TALLY_CLASS,
    Prose,
    actor_of,
    attribution_of,
    complements_of,
    entities_in,
    entities_of,
    entity_name,
    governing_predicate,
    modality_of,
    noun_modifiers,
    places_of_clause,
    predicate_class_of,
    sentence_of,
    token_entity,
)
from checker.lexicon import Lexicon, demonym_place, known_classes
from checker.model import Claim, Subject
from checker.normalize import (
    NUMBER_WORDS,
    ORDINALS,
    SHORT_SCALES,
    SPACED_SCALES,
    SPELLED_NUMBER,
    Amount,
    parse_amount,
    parse_number,
)

NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DURATION_NOUNS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade",
                             "century", "time", "night", "weekend", "term", "round", "point", "percent",
                             "per", "cent", "%", "degree", "inch", "foot", "mile", "meter", "metre", "km",
                             "kilometer", "kilometre", "ton", "tonne", "pound", "kilogram", "kg", "grade",
                             "page", "edition", "chapter", "episode", "season", "goal", "run", "yard"})
_UNIT_LIKE = re.compile(r"^[a-z]{1,4}(?:/[a-z]{1,2})?$")  # "km", "mph", "km/h"
_AMBIGUOUS_CURRENCIES = frozenset({"won", "real", "rand", "pound", "franc", "lira", "try", "pen", "bob"})
_EXCLUDED = re.compile(
    r"\(?\b\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}\b"  # phone numbers
    r"|\b\d{1,2}:\d{2}\b"  # clock times
    r"|\b[0-2]\d[0-5]\d\s*(?:GMT|UTC)\b|(?<=\bat\s)[0-2]\d[0-5]\d\s*(?:hrs|hours)\b"  # "(0647 GMT)", "at 0200 hours"
    r"|\b\d{1,6}(?:\s+(?:block\s+of\s+)?(?:[NSEW]\.?\s+)?(?:[A-Z][\w.'-]*\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Highway|Hwy"
    r"|Parkway|Pkwy|Terrace|Circle|Trail|Pike|Square)\b\.?)"  # street addresses
    r"|\b\d{1,6}\s+block\b"
    r"|\b[A-Za-z]{1,4}-\d+[A-Za-z]?\b"  # model names: K-2, F-16, COVID-19, I-95
    r"|\b(?:No|Nos|Route|Interstate|Highway|Hwy|Channel|Flight|Article|Section|Chapter|Model|Mach|Room|Unit"
    r"|Apt|Suite|Gate|Pier|Precinct|District|Ward|Act|Resolution|Amendment|Game|Week|Day|Level|Grade|Class|Type"
    r"|Phase|Stage|Volume|Vol|Page|Category|Cat|Camp|Building|Block|Lot|Exit|Mile|Station)\.?\s+\d+\b"
    r"|\b\d+\s+in\s+\d+\b"  # odds: "1 in 4"
    r"|\b(?:911|999|112)\b"  # emergency numbers
    r"|\(\s*(?:[A-Z]{0,3}\$|€|£|¥|₹)?\s*1\s*=\s*[^()]{1,40}\)"  # a wire's exchange rate: "($1 = 87.6000 Indian rupees)"
    r"|(?i:\b(?:image|photo|picture|slide|video|gallery)\s+\d+\s+(?:of|/)\s+\d+\b)"  # gallery captions: "Image 15 of 111"
    r"|\b(?:News|Fox|ABC|NBC|CBS|CW|TV|WB|Eyewitness|Action|[KW][A-Z]{2,3}(?:-TV)?)\s+\d{1,2}\b"  # stations: "News 12"
    r"|\b\d{1,2}\s+(?:Action\s+|Eyewitness\s+)?(?:News|Investigates|On\s+Your\s+Side)\b"  # and "7 Action News"
    r"|\b\d+\s*-\s*year\s*-?\s*old\b|\b\d+\s+years?\s+old\b"  # ages
    r"|\b(?:aged?|ages)\s+\d+(?:\s*(?:,|and|to|-)\s*\d+)*"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"  # ZIP codes after a state
    r"|\b(?:P\.?\s?O\.?\s+)?Box\s+\d+"
    r"|https?://\S+|www\.\S+"
    # e-mail addresses, tried only from a token's start and without backtracking: `\S+@\S+`
    # tried at every offset of a long token takes time quadratic in its length
    r"|(?<!\S)[^\s@]++@\S+"
    r"|\b\d+(?:st|nd|rd|th)\b",
)


@dataclass(frozen=True)
class _Context:
    doc: Doc
    source_id: str
    lexicon: Lexicon
    prose: Prose
    excluded: tuple[tuple[int, int], ...]
    extractor: str
    dollar: str  # the currency a bare "$" is in this document


def excluded_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of numbers that are names or labels, not amounts."""
    return tuple(match.span() for match in _EXCLUDED.finditer(text))


def numeric_claims(doc: Doc, *, source_id: str, lexicon: Lexicon, prose: Prose,
                   extractor: str, url: str | None = None) -> Iterator[Claim]:
    """Yield every numeric claim in `doc` (one parsed source, from `url` when known)."""
    context = _Context(doc, source_id, lexicon, prose, excluded_ranges(prose.text), extractor,
                       _local_dollar(doc, prose.text, lexicon, url))
    for span in number_spans(doc, lexicon):
        if not prose.is_prose(span.start_char) or _is_excluded(span, context.excluded):
            continue
        tally = _vote_tally(span, context)
        if tally:
            yield from tally
            continue
        claim = _claim_for(span, context)
        if claim is not None:
            yield claim
    yield from _durations(context)
    yield from _ratings(context)
    yield from _ordinal_tolls(context)


def _ordinal_tolls(context: _Context) -> Iterator[Claim]:
    """ "A third person has died", "the fourth victim died in hospital": the toll the death makes,
    which other reports give as a figure ("the death toll rose to three"). Not where the sentence
    gives the toll as a figure too ("a seventh person has died, bringing the toll to 7"), which is
    the claim; and only a death: "a second suspect was arrested" may be the second of many arrests."""
    lexicon = context.lexicon
    for token in context.doc:
        value = ORDINALS.get(token.lower_)
        if value is None:
            continue
        noun, verb = token.head, token.head.head
        if token.dep_ != "amod" or noun.pos_ != "NOUN" or noun.dep_ not in {"nsubj", "nsubjpass"} \
                or lexicon.casualty_verbs.get(verb.lemma_.lower()) != "killed" or not context.prose.is_prose(token.idx) \
                or any(parse_number(other.text) == value for other in token.sent if other.i != token.i):
            continue
        concept = _concept(noun, lexicon)
        if concept not in lexicon.person_concepts and noun.lemma_.lower() not in lexicon.casualty_nouns:
            continue
        amount = Amount(float(value), "exact", float(value), float(value))
        yield _build(context.doc[token.i:token.i + 1], context, kind="casualties", amount=amount, unit="person",
                     noun=noun, subtype="killed", concept=concept or _ANYONE, predicate=verb)


def number_spans(doc: Doc, lexicon: Lexicon) -> Iterator[Span]:
    """Numeric entities, plus number words and vague amounts NER left unlabelled."""
    covered: set[int] = set()
    spans: list[Span] = []
    for ent in entities_of(doc):
        if ent.label_ not in NUMERIC_LABELS and (glued := next(
                (t.i for t in ent if glued_currency(t, lexicon) is not None), None)) is not None:
            covered.update(range(ent.start, glued))  # "Sh148m", "Orchidtel S$1.05 million" tagged an
            continue  # organisation: the sum is read below
        if ent.start and glued_currency(doc[ent.start - 1], lexicon) is not None \
                and all(_is_scale(t) for t in ent):
            continue  # "Sh30 million" with only "million" tagged: read below as one sum
        covered.update(range(ent.start, ent.end))
        if ent.label_ in NUMERIC_LABELS:
            spans.append(ent)
        elif ent.label_ in {"DATE", "TIME"} and (numbers := _range_taken_for_time(ent)) is not None:
            spans.append(numbers)
        elif ent.label_ == "DATE" and _count_taken_for_date(ent):
            spans.append(Span(doc, ent.start, ent.end, label="CARDINAL"))
    index = 0
    while index < len(doc):
        token = doc[index]
        lowered = token.lower_
        vague = 0
        if lowered in lexicon.vague_first_words:
            vague = next((n for n in (4, 3, 2) if index + n <= len(doc)
                          and not covered.intersection(range(index, index + n)) and doc[index + n - 1].lower_ != "of"
                          and doc[index:index + n].text.lower() in lexicon.vague), 0)
        if vague:  # "a handful", "tens of thousands" left unlabelled
            spans.append(doc[index:index + vague])
            index += vague
            continue
        if index in covered or not (token.like_num or lowered in NUMBER_WORDS or lowered in lexicon.vague
                                    or glued_currency(token, lexicon)):
            index += 1
            continue
        end = index + 1
        while end < len(doc) and end not in covered and (doc[end].like_num or doc[end].lower_ in NUMBER_WORDS):
            end += 1
        spans.append(doc[index:end])
        index = end
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        previous = merged[-1] if merged else None
        if previous is not None and _joins_range(previous, span):  # "20,000-25,000" split by NER
            merged[-1] = Span(doc, previous.start, span.end, label=previous.label_ or span.label_)
        else:
            merged.append(span)
    for span in merged:
        changed = _changed_figure(span, lexicon)
        if changed is not None:
            yield _widened(changed, lexicon)


def _changed_figure(span: Span, lexicon: Lexicon) -> Span | None:
    """The figure a change gives now, or None for the one it replaced.

    "The toll rose by 12 to 85" and "climbed from 73 to 85" are no range of 12 (or 73) to 85: the
    figure is 85. "Rose to 85 from 73", "up from 55%" and "declined 10% from $15.2 billion" give the
    figure the source has replaced, which no other source is to be held to. A range is read as one
    when its ends are close ("rose by 3 to 5 percent").
    """
    doc = span.doc
    start = span.start - 1 if span.start and doc[span.start - 1].lower_ in _FORMER else span.start
    before = doc[start - 1] if start else None  # "up from the $1 billion it estimated in August"
    if before is not None and before.lower_ == "of" and before.head.pos_ == "NOUN" \
            and before.head.head.lower_ == "from" and before.head.head.i < before.i:
        before = before.head.head  # "down from its previous forecast of 150 billion yen"
        start = before.i + 1
    if before is None or before.lower_ not in {"by", "from"}:
        return span
    if before.lower_ == "from" and start >= 2 and doc[start - 2].lower_ in {"up", "down"}:
        return None
    verb = next((t for t in before.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or verb.lemma_.lower() not in lexicon.change_verbs:
        return span
    to = next((t for t in span if t.lower_ == "to" and t.i > span.start), None)
    if to is None:
        # the figure changed from, whether or not the new one follows ("declined 10% from $15.2
        # billion a year earlier"; the "to" may hang on an aside: "from 300,000, as proposed, to")
        replaced = before.lower_ == "from" and (before.head == verb or any(
            token.dep_ == "prep" and token.lower_ == "to" and not span.start <= token.i < span.end
            and any(t.like_num for t in token.subtree)
            for token in verb.subtree))
        return None if replaced else span
    end = to.i + 1
    while end < span.end and (doc[end].like_num or doc[end].lower_ in NUMBER_WORDS or _marks_amount(doc[end], lexicon)):
        end += 1
    now = doc[to.i + 1:end]
    if not len(now):
        return span
    if before.lower_ == "by":
        first, second = parse_amount(doc[span.start:to.i].text, lexicon), parse_amount(now.text, lexicon)
        if first is None or second is None or second.value <= 2 * first.value:
            return span
    return Span(doc, now.start, now.end, label="CARDINAL" if span.label_ in {"DATE", "TIME"} else span.label_)


def _marks_amount(token: Token, lexicon: Lexicon) -> bool:
    """A sign or word the new figure of a change is written with: "from $2 million to $3 million",
    "from 20% to 15%"; without it the figure would lose its currency or its percent."""
    return token.is_currency or token.text == "%" or token.lower_ in lexicon.currencies


_FORMER = frozenset({"the", "its", "their", "an", "a", "his", "her"})  # "up from the 12 it reported"
_DASHES = frozenset({"-", "–", "—"})
_RANGE_WORDS = frozenset({"between", "from", "to", "and", *_DASHES})
_CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock", "gmt", "utc"})
_YEAR_OR_CLOCK = re.compile(r"1\d{3}|20\d{2}|\d+:\d+")


def _range_taken_for_time(ent: Span) -> Span | None:
    """The range of bare numbers NER tagged as a date or a time ("Between 3 and 5 people died",
    "the toll climbed from 73 to 85 overnight"), as a number; None when the entity is a date or a
    time (a year, a clock time, "between 3 and 5 p.m.")."""
    doc = ent.doc
    end = ent.start
    while end < ent.end and (doc[end].like_num or doc[end].lower_ in _RANGE_WORDS or doc[end].lower_ in NUMBER_WORDS):
        end += 1
    words = doc[ent.start:end]
    numbers = [t for t in words if t.like_num or t.lower_ in NUMBER_WORDS]
    if len(numbers) < 2 or len(numbers) == len(words) or words[-1].lower_ in _RANGE_WORDS:
        return None  # no range of two numbers
    if any(_YEAR_OR_CLOCK.fullmatch(t.text) for t in numbers) \
            or (end < len(doc) and (doc[end].lower_ in _CLOCK_WORDS or doc[end].text.startswith(":"))):
        return None  # "between 2010 and 2015", "from 9 to 5 p.m."
    start = ent.start + 1 if doc[ent.start].lower_ == "from" else ent.start  # "from" is the change's word
    return Span(doc, start, end, label="CARDINAL")


def _count_taken_for_date(ent: Span) -> bool:
    """A bare number NER tagged a date where a verb takes it as its object: "killing three people
    and injuring 21" (beside "Aug 20" in the dateline), which no date is the object of."""
    token = ent[0]
    return len(ent) == 1 and token.like_num and not _YEAR_OR_CLOCK.fullmatch(token.text) \
        and token.dep_ == "dobj" and token.head.pos_ == "VERB"


def _joins_range(first: Span, second: Span) -> bool:
    """Whether two figures NER tagged apart are one range: "20,000-25,000", "5 to 10", and "between
    27,000 and 30,000" (where "and" alone would join two figures of a list)."""
    doc = first.doc
    between = doc[first.end:second.start]
    if len(between) != 1 or not first[-1].like_num or not second[0].like_num:
        return False
    opened = first[0].lower_ == "between" or (first.start > 0 and doc[first.start - 1].lower_ == "between")
    return between[0].text in _DASHES or between[0].lower_ == "to" or (between[0].lower_ == "and" and opened)


_SCALE_SUFFIXES = frozenset({"m", "mn", "bn", "b", "k", "million", "billion", "trillion", "thousand"})


def _is_scale(token: Token) -> bool:
    """A scale written after a figure, with the sentence's full stop the tokenizer leaves on it
    ("raised £2.3m.")."""
    return token.lower_.removesuffix(".") in _SCALE_SUFFIXES


def _widened(span: Span, lexicon: Lexicon) -> Span:
    """Grow the span over a qualifier or currency sign NER left outside, and a scale suffix ("£2.3m",
    "Rs 50 lakh")."""
    doc = span.doc
    start, end = span.start, span.end
    for width in (3, 2, 1):
        first = span.start - width
        if first < 0 or first < sentence_of(span).start:
            continue
        words = doc[first:span.start].text.lower()
        symbol = words in lexicon.currencies and not words.isalpha()  # "$", "£"; never "won" in "won 1,204 votes"
        if words in lexicon.qualifiers or words in lexicon.vague or symbol:
            start = first
            break
    if end < len(doc) and ((_is_scale(doc[end]) and not doc[end - 1].whitespace_)
                           or doc[end].text in SPACED_SCALES):
        end += 1  # "£2.3m", "Rs 50 lakh" (in lower case: "47 Lac-Mégantic residents" are 47)
    if end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
        end += 2  # "Only 35 per cent of escalators", where NER tags "Only 35" a cardinal
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_)


def _is_excluded(span: Span, excluded: tuple[tuple[int, int], ...]) -> bool:
    start, end = span.start_char, span.end_char
    return any(lo <= start < hi or lo < end <= hi for lo, hi in excluded)


_VOTE_TALLY = re.compile(r"(\d[\d,]*)\s*(?:-|–|to)\s*(\d[\d,]*)")
_TALLY_WINDOW = 6  # words before a tally, 2 after, in which a vote is named ("by a vote of", "a 5-4 vote")
_TALLY_SIDES = ("majority", "minority")
_VOTE_CLASS = "vote"  # what a tally's votes had done to them, whatever the verb ("rejected by", "voted down")


def _vote_tally(span: Span, context: _Context) -> list[Claim]:
    """The two sides of a vote's tally ("rejected by a vote of 252 to 211", "voted it down 252-213"):
    the votes of the side that carried it and of the side that lost it, each a count other sources
    may give otherwise; a range reading ("252 to 211" votes) would hold neither."""
    match = _VOTE_TALLY.fullmatch(span.text)
    numbers = [t for t in span if t.like_num]
    if match is None or len(numbers) != 2:
        return []
    doc = span.doc
    sentence = sentence_of(span)
    window = doc[max(sentence.start, span.start - _TALLY_WINDOW):min(sentence.end, span.end + 2)]
    vote = next((t for t in window if t.lower_ in context.lexicon.tally_words), None)
    if vote is None and span.root.head.lower_ in context.lexicon.tally_words:
        vote = span.root.head  # "voted down an opposition motion against the government 252-213"
    values = [parse_number(side.replace(",", "")) for side in match.groups()]
    if vote is None or any(v is None or v != int(v) for v in values) or all(1900 <= v <= 2100 for v in values):
        return []  # "2019-2020": years, not votes
    noun, verb = (vote, None) if vote.pos_ == "NOUN" else (None, vote)
    claims = []
    for side, (value, token) in zip(_TALLY_SIDES, sorted(zip(values, numbers), key=lambda pair: -pair[0])):
        claim = _build(doc[token.i:token.i + 1], context, kind="count", amount=Amount(value, "exact", value, value),
                       unit="votes", noun=noun, predicate=verb)
        claims.append(replace(claim, subject=replace(claim.subject, text=f"{side} votes", head="vote",
                                                     concept=f"{side} votes", modifiers=(side,),
                                                     predicate="vote", predicate_class=_VOTE_CLASS)))
    return claims


def _claim_for(span: Span, context: _Context) -> Claim | None:
    lexicon = context.lexicon
    if _superseded(span, lexicon):
        return None
    label = span.label_ if span.label_ in NUMERIC_LABELS else ""
    after = context.doc[span.end: span.end + 2]
    after_words = [t.lower_ for t in after]
    text = span.text
    lowered = text.lower()
    if label == "PERCENT" or "%" in text or "percent" in lowered or "per cent" in lowered \
            or (after_words and after_words[0] in {"%", "percent", "pct"}):
        return _percent(span, context)
    currency = _currency(span, after_words, lexicon, context.dollar)
    if _weighed_in_pounds(span, lexicon):
        label, currency = "QUANTITY", None
    elif label == "MONEY" or currency:
        return None if _converted(span, lexicon) else _money(span, currency, context)
    magnitude = _magnitude(span, context)
    if magnitude is not None:
        return magnitude
    if label == "QUANTITY" or ((_looks_like_unit(after) or _unit_noun(after)) and _unit_follows(span, context.lexicon)):
        quantity = _quantity(span, context)
        if quantity is not None:
            return quantity
        if label == "QUANTITY":  # NER's "four missiles overnight": no unit, so count the number part
            numbers = [t for t in span if t.like_num or t.lower_ in NUMBER_WORDS]
            if not numbers:
                return None
            span = context.doc[span.start:numbers[-1].i + 1]
    return _count(span, context)


# --- amounts -------------------------------------------------------------------------------

def _amount(span: Span, lexicon: Lexicon, *, strip: str = "") -> Amount | None:
    text = span.text
    if strip:
        text = re.sub(strip, " ", text, flags=re.IGNORECASE)
    return parse_amount(text, lexicon)


def _is_year(span: Span, amount: Amount) -> bool:
    digits = span.text.strip()
    return bool(re.fullmatch(r"(1[89]|20)\d\d", digits)) and amount.qualifier == "exact"


# A currency's sign or code written onto the figure: Philippine pesos as the Philippine press writes
# them ("P320 million", "a P500,000 reward"), rand ("R38.6 million"), naira ("N850 million"),
# shillings ("Sh148m"), soles ("S/450,000"), a code ("VND120 million"), a country's dollar ("S$1.05").
# A model's name ("Sig Sauer P320", "the R2 rover") has neither the thousands' commas nor a scale
# word after it.
_GLUED_SIGN = r"[A-Z]{1,2}\$|[A-Z][A-Za-z]{0,2}|S/"
_GLUED_SCALE = "|".join(sorted(SHORT_SCALES, key=len, reverse=True))  # "RM14.5bn", "Sh148m"
_GLUED_CURRENCY = re.compile(rf"(?P<sign>{_GLUED_SIGN})(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?P<scale>{_GLUED_SCALE})?")


def glued_currency(token: Token, lexicon: Lexicon) -> str | None:
    """The currency word (a key of the lexicon's `currencies`) of a sum written with its sign or
    code glued to the figure, which the tokenizer keeps as one word and NER tags as a number or
    not at all; None for any other token."""
    match = _GLUED_CURRENCY.fullmatch(token.text)
    if match is None:
        return None
    sign = match.group("sign")
    if sign.endswith("$"):  # a dollar of its country: "S$1.05", "A$500", "HK$3"
        return sign.lower() if sign.lower() in lexicon.currencies else None
    word = lexicon.currency_prefixes.get(sign.lower())
    if word is None and len(sign) == 3 and sign.isupper() and sign.lower() in lexicon.currencies:
        word = sign.lower()  # an ISO 4217 code
    if word is None:
        return None
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    money_sized = "," in token.text or match.group("scale") is not None \
        or (following is not None and _is_scale(following))
    return word if money_sized else None


def _currency(span: Span, after_words: list[str], lexicon: Lexicon, dollar: str) -> str | None:
    for token in span:
        if token.lower_ == "$":
            return dollar
        if token.lower_ in lexicon.currencies and not token.like_num:
            named = demonym_place(span.doc[token.i - 1].lower_, lexicon) if token.i > span.start else None
            countries = lexicon.currency_of_country.get(token.lower_, {})
            # "200,000 Egyptian pounds", the people's name inside the sum NER tagged
            return countries[named] if named in countries else _of_the_country(token.lower_, span.doc, lexicon)
        if (glued := glued_currency(token, lexicon)) is not None:
            return _of_the_country(glued, span.doc, lexicon)
        for symbol in _currency_symbols(lexicon):
            if token.text.lower().startswith(symbol):
                return dollar if symbol == "$" else lexicon.currencies[symbol]
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in lexicon.currencies and (not before.is_alpha or _iso_code(before)):
        return lexicon.currencies[before.lower_]  # "$ 5", and a code in capitals: "PLN 1.2 billion"
    if before is not None and (prefix := before.lower_.rstrip(".")) in lexicon.currency_prefixes \
            and before.text[:1].isupper() and len(prefix) > 1:  # "Tk 20,000", "Rs. 50,000"; never "R 2"
        return _of_the_country(lexicon.currency_prefixes[prefix], span.doc, lexicon)
    if len(after_words) > 1 and (countries := lexicon.currency_of_country.get(after_words[1])) \
            and (country := demonym_place(after_words[0], lexicon)) in countries:
        return countries[country]  # "35.2 billion Swedish crowns", "500,000 Mexican pesos"
    if after_words and after_words[0] in lexicon.currencies:
        # "won", "real", "rand" are also ordinary words: a currency only after a money-sized number
        if after_words[0] not in _AMBIGUOUS_CURRENCIES or span.label_ == "MONEY" or "," in span.text \
                or any(t.lower_ in _SCALE_SUFFIXES for t in span):
            return _of_the_country(after_words[0], span.doc, lexicon)
    return None


def _local_dollar(doc: Doc, text: str, lexicon: Lexicon, url: str | None) -> str:
    """What a bare "$" is in a document (`text`, its text): the American dollar, unless the article
    writes "US$" for that one and names a country whose press calls its own dollar "$"
    (`local_dollars`): then the first such, or, where it names none, the country of its site's
    address (`dollar_domains`: a local paper seldom names its own country). Read once per
    document, not once per sum."""
    if "US$" not in text:
        return lexicon.currencies["$"]
    for ent in entities_of(doc):
        if ent.label_ == "GPE" and (code := lexicon.local_dollars.get(entity_name(ent.text, ent.label_, lexicon))):
            return code
    host = urlsplit(url).hostname if url and "//" in url else None
    country = lexicon.dollar_domains.get(host.rsplit(".", 1)[-1], "") if host else ""
    return lexicon.local_dollars.get(country, lexicon.currencies["$"])


def _superseded(span: Span, lexicon: Lexicon) -> bool:
    """A figure the source tells as one it has since replaced: "the government had earlier announced
    ₹5 lakh per family" (beside the ₹10 lakh it gives now), "police had initially said two died"."""
    verbs = [t for t in span.root.ancestors if t.pos_ in {"VERB", "AUX"}][:2]  # its verb, or the one telling it
    return any(any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
               and any(c.dep_ == "advmod" and c.lower_ in lexicon.superseded_cues for c in verb.children)
               for verb in verbs)


def _converted(span: Span, lexicon: Lexicon) -> bool:
    """A sum in brackets or set off by dashes right after a sum: the outlet's conversion of it into
    another currency ("fined Orchidtel S$1.05 million ($816,000)", "Sh1.8 billion (about $14
    million)"), which says nothing the first does not, and which an exchange rate, not a source,
    makes differ."""
    doc = span.doc
    start = span.start
    if start and _iso_code(doc[start - 1]) and doc[start - 1].lower_ in lexicon.currencies:
        start -= 1  # "(approximately USD 18,400)"
    start = start - 1 if start and doc[start - 1].lower_ in lexicon.qualifiers else start
    if start < 2:
        return False
    opening, before = doc[start - 1], doc[start - 2]
    ends_sum = before.lower_ in _SCALE_SUFFIXES or before.lower_ in lexicon.currencies \
        or glued_currency(before, lexicon) is not None
    if opening.text in _DASHES and before.whitespace_:
        # "fined 1.73 billion euros - about $1.59 billion -": a conversion set off by dashes, after a
        # sum's currency or scale (never a range's "1-2 million", written without spaces)
        return ends_sum
    return opening.text == "(" and (ends_sum or before.like_num or before.ent_type_ == "MONEY")


def coded_sum(ent: Span, lexicon: Lexicon) -> bool:
    """A sum written after its currency's code and a space ("PLN 600,000", "GEL 50,000", "CLP 3.5
    million"), which NER tags as a body or a product, never as money; or the code alone, tagged
    apart from the figure after it."""
    code, rest = ent[0], list(ent[1:])
    if not (_iso_code(code) and code.lower_ in lexicon.currencies):
        return False
    if not rest:
        return code.i + 1 < len(ent.doc) and ent.doc[code.i + 1].like_num
    return rest[0].like_num and all(t.like_num or _is_scale(t) for t in rest)


def _iso_code(token: Token) -> bool:
    """A currency's ISO 4217 code written as one ("PLN", "SEK"), never a word ("won")."""
    return len(token.text) == 3 and token.is_upper


@lru_cache(maxsize=4)
def _currency_symbols(lexicon: Lexicon) -> tuple[str, ...]:
    """The lexicon's currency signs ("$", "us$", "₱"), longest first, so that "us$" is read before "$"."""
    return tuple(sorted((symbol for symbol in lexicon.currencies if not symbol.isalpha()), key=len, reverse=True))


def _of_the_country(word: str, doc: Doc, lexicon: Lexicon) -> str:
    """A currency word's code; for a word several countries share ("pesos"), the currency of the
    first of them the article names, by name, people or capital ("Philippine", "Manila")."""
    countries = lexicon.currency_of_country.get(word)
    if countries:
        for ent in entities_of(doc):
            name = entity_name(ent.text, ent.label_, lexicon)
            country = lexicon.capital_of.get(name.lower(), name)
            if country in countries:
                return countries[country]
    return lexicon.currencies[word]


_POUNDS = frozenset({"pound", "pounds", "lb", "lbs"})


def _weighed_in_pounds(span: Span, lexicon: Lexicon) -> bool:
    """Pounds of something that is not money are a weight ("207,528 pounds of liverwurst", "five
    pounds of marijuana"), however NER tags them; pounds of money are paid ("millions of pounds of
    taxpayers' money")."""
    doc = span.doc
    unit = span[-1] if span[-1].lower_ in _POUNDS else doc[span.end] if span.end < len(doc) else None
    if unit is None or unit.lower_ not in _POUNDS or unit.i + 1 >= len(doc) or doc[unit.i + 1].lower_ != "of":
        return False
    weighed = next((t for t in doc[unit.i + 2:unit.i + 6] if t.pos_ in {"NOUN", "PROPN"}), None)
    return weighed is not None and weighed.lemma_.lower() not in lexicon.money_nouns \
        and weighed.lower_ not in lexicon.money_nouns


def _money(span: Span, currency: str | None, context: _Context) -> Claim | None:
    symbols = r"(" + "|".join(map(re.escape, _currency_symbols(context.lexicon))) + rf"|\b(?:{_GLUED_SIGN})(?=\d))|\b(" + "|".join(
        re.escape(w) for w in context.lexicon.currencies if w.isalpha()) + r")\b"
    people = next((t.i for t in span if demonym_place(t.lower_, context.lexicon)), None)
    amount = _amount(span[:people - span.start] if people is not None and people > span.start else span,
                     context.lexicon, strip=symbols)  # "200,000 Egyptian pounds": the sum before the people's name
    if amount is None:
        return None
    noun = _counted_noun(span)
    if noun is None or noun.lower_ in context.lexicon.currencies:  # "1.4 billion pesos" is of what the pesos are
        noun = _copula_subject(span, context.lexicon) or _thing_measured(span, context.lexicon)  # "net profit was 19.7 billion yen"
    elif noun.dep_ == "dative" and noun.lemma_.lower() not in context.lexicon.money_nouns:
        noun = None  # "fined the company S$1.5 million", parsed as the company's apposition: who pays
    claim = _build(span, context, kind="money", amount=amount, unit=currency or "XXX", noun=noun)
    if _per_person(context.lexicon).match(context.doc.text[span.end_char:sentence_of(span).end_char]):
        # "1.2 million yuan ... for each person who died", "Rs 300,000 to the family of each deceased":
        # one person's share, whoever announces or pays it
        claim = replace(claim, subject=replace(claim.subject, concept=context.lexicon.per_person_concept))
    return claim


@lru_cache(maxsize=4)
def _per_person(lexicon: Lexicon) -> re.Pattern[str]:
    """The words after a sum that make it each person's: "(about $8,300) to the family of each person
    killed", "per teacher", "to each of the three bereaved families", "Tk 25,000 each" (never "for
    each day": a rate)."""
    recipients = "|".join(re.escape(word) for word in lexicon.per_person_recipients)
    return re.compile(
        r"\s*(?:(?!(?:for|to|in|of)\b)[^\s(]+\s+)?(?:\([^)]*\)\s*)?(?:(?:in|of)\s+(?:[\w-]+\s+){0,3}?)?"
        r"(?:each\b(?!\s+(?:day|week|month|year|hour|night|time)s?\b)|(?:(?:to|for)\s+(?:the\s+)?(?:famil(?:y|ies)\s+of\s+)?)?"
        rf"(?:each|per|every|a)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{recipients})s?\b)",
        re.IGNORECASE)


_SETTING_PREPOSITIONS = frozenset({"at", "to"})
_CHANGE_PREPOSITIONS = frozenset({"to", "from"})  # "from 20% to 15%" reads as one phrase under "from"


def _thing_measured(span: Span, lexicon: Lexicon) -> Token | None:
    """What a sum or a measure is of when no noun follows it: "revenue of $4.2 billion", "winds of
    150 mph", "$125 billion in damage", "bail was set at $50,000", "damage estimated at $3
    billion", "revenue rose 3% to $14.2 billion". Without it, two sums of one story (a company's
    revenue and its profit) read as figures for the same thing."""
    root = next((t for t in span if t.like_num), span.root)  # the number's phrase, not a word NER added after it
    while span.start <= root.head.i < span.end and root.head.i != root.i:
        root = root.head
    if root.dep_ == "nummod" and root.head.lower_ in lexicon.currencies:
        root = root.head  # "has reached 1.4 billion pesos": the pesos are the sum's phrase
    for child in root.children:  # "$125 billion in damage"
        if child.dep_ == "prep" and child.lower_ == "in" and child.i >= span.end:
            thing = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if thing is not None and not any(c.dep_ == "compound" and c.ent_type_ in {"DATE", "TIME"}
                                             for c in thing.children):
                return thing  # "20 million lei in emergency aid" (not "$42.10 in afternoon trading": when, not what)
    if root.dep_ == "npadvmod" and root.head.lower_ == "worth":
        worth = root.head
        if worth.head.pos_ == "NOUN":
            return _measured_thing(worth.head)  # "paintings worth $5 million"
        # "approved the budget for 2026, worth 1.43 billion euros": the parse hangs the worth on the verb
        return next((_measured_thing(c) for c in worth.head.children if c.dep_ == "dobj" and c.i < worth.i
                     and c.pos_ == "NOUN"), None)
    if root.dep_ not in {"pobj", "dobj", "attr"} and not (root.dep_ == "compound" and root.head.dep_ == "pobj"):
        return None
    holder = root.head.head if root.dep_ == "compound" else root.head
    if holder.lower_ == "of" and holder.head.pos_ == "NOUN":  # "revenue of", "winds of"
        return holder.head
    if root.dep_ == "dobj" and lexicon.predicate_class.get(holder.lemma_.lower()) == TALLY_CLASS:
        return _subject_of(holder)  # "a memorial fund exceeded $68,000", "damage topped $1 billion"
    if holder.lower_ == "at" and holder.head.dep_ == "dobj" and holder.head.pos_ == "NOUN" \
            and holder.head.head.lemma_.lower() in lexicon.estimating_verbs:
        return holder.head  # "estimates the cost of the attack at 3.8 million euros", parsed as the cost at the sum
    if _of_a_change(holder, lexicon):
        return _what_changed(holder.head)
    if holder.lower_ in _SETTING_PREPOSITIONS and holder.head.pos_ == "VERB":  # "set at", "rose to"
        verb = holder.head
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            return verb.head
        # "bail was set at $50,000"; a verb of estimating puts the sum on its object too: "put damage at P320
        # million", one of amounting on its subject: "net profit came to 17.9 billion yen"
        lemma = verb.lemma_.lower()
        put_on = {"nsubjpass", "dobj"} if lemma in lexicon.estimating_verbs \
            else {"nsubjpass", "nsubj"} if lemma in lexicon.amounting_verbs else {"nsubjpass"}
        return next((c for c in verb.children if c.dep_ in put_on and c.pos_ in {"NOUN", "PROPN"}), None)
    return None


def _what_changed(verb: Token) -> Token | None:
    """What a verb of change changed: its object when something changed it ("MPs lowered the
    maximum fine to 200,000 dinars", "raised its key rate from 4.25% to 4.5%"), else its subject
    ("revenue rose 3% to $14.2 billion"). The actor is no more the figure's thing than the date is."""
    for dependency in ("dobj", "nsubjpass", "nsubj"):
        noun = next((c for c in verb.children if c.dep_ == dependency and c.pos_ in {"NOUN", "PROPN"}), None)
        if noun is not None:
            return noun
    return None


def _measured_thing(noun: Token) -> Token:
    """What an amount of something is part of: "a ransom of 45 bitcoin, worth 4.2 million euros"
    is the ransom's worth, where "paintings worth $5 million" is the paintings'."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
            and any(child.dep_ == "nummod" for child in noun.children):
        return noun.head.head
    return noun


def _subject_of(verb: Token) -> Token | None:
    """A verb's subject noun, or, for a participle clause that has none ("the goal was surpassed,
    topping $8,200"), the subject of the clause it hangs on."""
    for clause in (verb, verb.head) if verb.dep_ in {"advcl", "xcomp", "conj"} else (verb,):
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject if subject.pos_ in {"NOUN", "PROPN"} else None
    return None


_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+of)?[\s-]*$", re.IGNORECASE)  # "magnitude 7.8", "a magnitude of 7.7"
_MAGNITUDE_AFTER = re.compile(r"^[\s-]*(?:magnitude\b|on\s+the\s+richter\s+scale)", re.IGNORECASE)  # "7.8-magnitude"
_MAX_MAGNITUDE = 10.0


def _magnitude(span: Span, context: _Context) -> Claim | None:
    """An earthquake's magnitude ("a magnitude 7.8 earthquake", "7.8-magnitude", "measured 7.8 on
    the Richter scale"): a measure in a unit of its own, never a count of quakes, and one whose
    tenths matter (a relative tolerance would take 7.7 for 7.8)."""
    text = context.prose.text
    number = next((t for t in span if t.like_num), None)
    if number is None or not (_MAGNITUDE_BEFORE.search(text[max(0, span.start_char - 16):span.start_char])
                              or _MAGNITUDE_AFTER.match(text[number.idx + len(number.text):span.end_char + 24])):
        return None
    value = parse_number(number.text)
    if value is None or not 0 < value <= _MAX_MAGNITUDE:
        return None
    figure = span.doc[number.i:number.i + 1]
    noun = _counted_noun(figure) or _thing_measured(figure, context.lexicon)
    if noun is not None and noun.lower_ == "magnitude":  # "a 7.8-magnitude earthquake", "the quake had a magnitude of"
        noun = noun.head if noun.head.pos_ == "NOUN" else _subject_of(noun.head)
    return _build(figure, context, kind="quantity", amount=Amount(value, "exact", value, value), unit="magnitude",
                  noun=noun, concept_hint="magnitude")


# "with 92% of vote centers reporting", "with 98 percent of the vote counted": how far a count has got
_COUNT_PROGRESS = re.compile(r"^\s*of\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?(?:reporting|counted|tallied|processed)\b",
                            re.IGNORECASE)


def _percent(span: Span, context: _Context) -> Claim | None:
    amount = _amount(span, context.lexicon, strip=r"%|per\s*cent|percent|pct")
    if amount is None or _COUNT_PROGRESS.match(context.prose.text[span.end_char:span.end_char + 60]):
        return None  # how far a count had got when the figures were read: each source's own moment
    noun = _percent_subject(span, context.lexicon)
    return _build(span, context, kind="percent", amount=amount, unit="percent", noun=noun,
                  predicate=_own_clause_verb(span, noun))


def _own_clause_verb(span: Span, noun: Token | None) -> Token | None:
    """The verb of the clause of its own a figure sits in: a relative clause that tells of `noun`
    through a relative pronoun ("shares, which fell 8.6 per cent on Thursday, recovered on Monday":
    the fall is the figure's, not the recovery its noun goes on to make), or the clause after a
    preposition ("fell 6.8% on Thursday before recovering 2.1% on Friday": the recovery is the
    2.1%'s). None for any other figure."""
    verb = _relational_verb(span.root)
    if verb is not None and verb.dep_ == "pcomp" and verb.pos_ == "VERB" and verb.head.dep_ == "prep":
        return verb
    if verb is None or verb.dep_ != "relcl" or verb.head != noun:
        return None
    told_of = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return verb if told_of is not None and told_of.tag_ in {"WDT", "WP"} else None


def _percent_subject(span: Span, lexicon: Lexicon) -> Token | None:
    """What a percentage is of: the noun a copula says it of ("Final turnout was 19.2% of the
    city's voters": the "of" phrase is then the whole it is a share of), the noun it modifies or is
    said of ("a turnout of 36%"), else the subject of its verb. A share a thing changed to is that
    thing's, whatever it is a share of ("Poverty fell to 38.1% of the population": poverty's)."""
    noun = _copula_subject(span, lexicon) or _changed_to(span, lexicon) or _share_holder(span, lexicon) or _counted_noun(span) \
        or _thing_measured(span, lexicon)
    if noun is not None:
        return noun
    if _second_side(span.root):  # "won 52.6% to Brannigan's 47.4%": the share is not the winner's
        return next((c for c in span.root.children if c.dep_ == "poss"), None)
    verb = span.root.head
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:
            return subject
        if verb.head == verb:
            break
        verb = verb.head
    return None


def _share_holder(span: Span, lexicon: Lexicon) -> Token | None:
    """What holds a share of a budget's total, by a verb of holding one: "housing will account for
    27% of all spending", "housing will take 22% of the total budget" are both housing's share,
    where each outlet words the whole its own way ("spending", "budget", "the total")."""
    root = span.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "for" else root.head
    if root.dep_ not in {"dobj", "pobj"} or verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.share_verbs:
        return None
    of = next((child for child in root.children if child.dep_ == "prep" and child.lower_ == "of"), None)
    whole = next((child for child in of.children if child.dep_ == "pobj"), None) if of is not None else None
    if whole is None or whole.lemma_.lower() not in lexicon.share_wholes:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)


def _changed_to(span: Span, lexicon: Lexicon) -> Token | None:
    """What a verb of change changed, when the figure is what it changed to or from ("fell to 38.1%")."""
    holder = span.root.head
    return _what_changed(holder.head) if span.root.dep_ == "pobj" and _of_a_change(holder, lexicon) else None


def _of_a_change(holder: Token, lexicon: Lexicon) -> bool:
    """Whether `holder` is the "to" or "from" of a verb of change ("rose 3% to $14.2 billion")."""
    return holder.lower_ in _CHANGE_PREPOSITIONS and holder.head.pos_ == "VERB" \
        and holder.head.lemma_.lower() in lexicon.change_verbs


def _participle_after(noun: Token, lexicon: Lexicon) -> Token | None:
    """What was done to the counted things, told by a participle after them, where the clause's
    own verb tells nothing ("There were 300 officers deployed", "took four hours, with 18 fire
    tenders pressed into service"). Not harm: "were among seven people gunned down in three
    shootings" is a tally of several incidents, which the casualty reading tells apart itself.
    "The number of containers lost": the parser may hang the participle on the number."""
    holders = [noun, noun.head.head] if noun.dep_ == "pobj" and noun.head.lower_ == "of" else [noun]
    participle = next((c for holder in holders for c in holder.children
                       if c.dep_ == "acl" and c.tag_ in {"VBN", "VBG"} and c.i > noun.i), None)
    if participle is None or predicate_class_of(participle, lexicon) in HARM_CLASSES:
        return None
    return participle


def _modality(noun: Token | None, predicate: Token | None, lexicon: Lexicon) -> str:
    """A figure's modality: that of the noun it measures when that noun is itself a plan or an
    estimate ("cut its operating profit forecast to 120 billion yen" is a forecast, set against no
    quarter's actual profit), else what its predicate's cues say."""
    if noun is not None and noun.lemma_.lower() in lexicon.measured_modality:
        return lexicon.measured_modality[noun.lemma_.lower()]
    return modality_of(predicate, lexicon)


def _relational_verb(token: Token) -> Token | None:
    """The verb a figure hangs on when it says nothing happened ("the offer included a 24% rise",
    "the package will include 3,000 homes"): its tense and subject still tell a plan from a fact."""
    return next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}), None)


def _copula_subject(span: Span, lexicon: Lexicon) -> Token | None:
    """The common noun a figure is said of by "be": "turnout" of "Final turnout was 19.2%", "fare"
    of "The full fare is 535 baht" (where the currency's word is the phrase's head). A second
    clause the parser joined to the first one's object ("fell to 28 billion yen and net profit
    was 19.7 billion yen") has its subject right before "be"."""
    root = span.root
    if root.dep_ == "nummod" and root.head.lower_ in lexicon.currencies and root.head.i >= span.end:
        root = root.head
    if root.dep_ != "attr" or root.head.lemma_ != "be":
        return None
    copula = root.head
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None and copula.i > 0 and (before := copula.doc[copula.i - 1]).dep_ == "conj" \
            and before.pos_ == "NOUN" and copula.dep_ == "conj":
        return before
    return subject if subject is not None and subject.pos_ == "NOUN" else None


@lru_cache(maxsize=1)
def _quantulum_parser():  # noqa: ANN202 - third-party module object
    import warnings

    with warnings.catch_warnings():  # it warns that its optional classifier is not installed
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    return parser


def _unit_follows(span: Span, lexicon: Lexicon) -> bool:
    """A listed unit right after the number: only then is quantulum3 asked (it is slow)."""
    doc = span.doc
    word = doc[span.end].lower_ if span.end < len(doc) else ""
    return word in lexicon.units or word.split("/")[0] in lexicon.units


def _unit_noun(after: Span) -> bool:
    """A noun after a number that `_unit_follows` may find a unit written out ("18,000 hectares",
    "12,000 litres", "400 tonnes"): what NER tags a bare number is then a measure, not a count."""
    return bool(len(after)) and after[0].pos_ == "NOUN"


def _looks_like_unit(after: Span) -> bool:
    """A short lowercase word or symbol after a number may be a unit ("10 km", "7kg"), the
    sentence's full stop glued to it ("94 km/h.")."""
    if not len(after):
        return False
    word = after[0]
    return (bool(_UNIT_LIKE.match(word.text.rstrip("."))) and word.lower_ not in NUMBER_WORDS
            and word.pos_ not in {"ADP", "CCONJ", "DET", "PRON", "VERB", "AUX"}) or word.text in {"°", "°C", "°F"}


def _quantity(span: Span, context: _Context) -> Claim | None:
    doc = context.doc
    end = next((t.i + 1 for t in span[:-1] if len(t.text) > 1 and t.text.endswith(".") and doc[t.i + 1].is_title),
               span.end)  # "120 km/h. Gusts": the tagger ran on past the sentence's end
    if end < len(doc) and (_looks_like_unit(doc[end:end + 1]) or _unit_noun(doc[end:end + 1])) \
            and span.label_ != "QUANTITY":
        end += 1
    # the rate a unit is per, which the tagger leaves out of a quantity ("90 km/h", "70 km per hour")
    while end + 1 < len(doc) and ((doc[end].text == "/" and not doc[end - 1].whitespace_)
                                  or doc[end].lower_ == "per") and _looks_like_unit(doc[end + 1:end + 2]):
        end += 2
    surface = doc[span.start:end]
    quantity = _listed_quantity(surface, context.lexicon) or _physical_quantity(surface.text)
    if quantity is None:
        return None
    amount = _amount(span, context.lexicon, strip=_unit_words(context.lexicon)) if span.label_ else None
    value, unit, dimension = quantity
    if amount is None or amount.value != value:
        amount = Amount(value, "exact", value, value)
    noun = _counted_noun(surface) or _thing_measured(surface, context.lexicon)
    claim = _build(surface, context, kind="quantity", amount=amount, unit=unit, noun=noun, concept_hint=dimension)
    reference = _measured_from(doc, end, context.lexicon) if dimension == "length" else None
    if reference is None:
        return claim
    direction, place = reference  # the complement reads as the text does: "east of", "from"
    return replace(claim, subject=replace(claim.subject, anchors=(place,), complements=(direction,)))


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "away"})


_BEFORE_PLACE = frozenset({"the", "downtown", "central", "greater", "suburban", "rural", "northern", "southern",
                           "eastern", "western"})


def _measured_from(doc: Doc, end: int, lexicon: Lexicon) -> tuple[str, str] | None:
    """Where a distance is measured from, and which way, as the text has it: "65 miles east of
    Syracuse" -> ("east of", "Syracuse"). A distance from another place, or the other way, is
    another fact ("170 miles northwest of New York City")."""
    if end < len(doc) and doc[end].text == "(":  # "120 nautical miles (222 km) southwest of": past the conversion
        end = next((t.i + 1 for t in doc[end:min(end + 6, len(doc))] if t.text == ")"), end)
    tokens = doc[end:min(end + 4, len(doc))]
    direction = next((t.lower_ for t in tokens[:2] if t.lower_ in _DIRECTIONS), "")
    for token in tokens:
        if token.lower_ in {"of", "from"} and token.i + 1 < len(doc):
            start = token.i + 1
            while start < min(token.i + 3, len(doc)) and doc[start].lower_ in _BEFORE_PLACE:
                start += 1  # "35 miles southeast of downtown Los Angeles"
            name = []  # "Ladera Ranch", whatever NER called it: a name after "miles north of" is a place
            for word in doc[start:min(start + 4, len(doc))]:
                if word.pos_ != "PROPN":
                    break
                name.append(word.text)
            if name:
                return f"{direction} {token.lower_}".strip(), entity_name(" ".join(name), "GPE", lexicon)
            return None
    return None


@lru_cache(maxsize=4)
def _unit_words(lexicon: Lexicon) -> str:
    """The unit written at a quantity's end, to leave its number and qualifier ("some 102" of "some
    102 nautical miles"): one word, or two when the first begins a listed unit of two."""
    firsts = sorted({surface.split()[0] for surface in lexicon.units if " " in surface})
    return rf"(?:metric\s+|(?:{'|'.join(map(re.escape, firsts))})\s+)?[a-z°µ]+\.?$"


@lru_cache(maxsize=4)
def _number_and_unit(lexicon: Lexicon) -> re.Pattern[str]:
    """A number, after any of the lexicon's qualifiers, and a unit of one or two words ("about 10 km",
    "approximately 420 metric tonnes", "some 102 nautical miles")."""
    qualifiers = "|".join(re.escape(q) for q in sorted(lexicon.qualifiers, key=len, reverse=True))
    return re.compile(rf"^\s*(?:(?:{qualifiers})\s*)?(\d[\d,]*(?:\.\d+)?)\s*-?\s*(?:metric\s+)?"
                      rf"([a-z°/]+(?:\s+[a-z]+)?)\.?\s*$", re.IGNORECASE)


def _listed_quantity(surface: Span, lexicon: Lexicon) -> tuple[float, str, str] | None:
    """A number and a unit from the lexicon's table ("155mm", "10 km", "140 mph", "420 metric tonnes")."""
    match = _number_and_unit(lexicon).match(surface.text)
    written = " ".join(match.group(2).lower().split()) if match else ""
    if written not in lexicon.units:
        return None
    unit, dimension = lexicon.units[written]
    return float(match.group(1).replace(",", "")), unit, dimension


@lru_cache(maxsize=4096)
def _physical_quantity(text: str) -> tuple[float, str, str] | None:
    """(value, unit, dimension) of a short span such as "155 mm", or None (cached: spans repeat)."""
    try:
        found = _quantulum_parser().parse(text)
    except Exception:  # quantulum3 fails on odd input; then the span is simply no quantity
        return None
    for quantity in found:
        if quantity.unit.entity.name not in {"dimensionless", "currency", "time", "unknown"}:
            return float(quantity.value), quantity.unit.name, quantity.unit.entity.name
    return None


# --- counts and casualties ----------------------------------------------------------------

def _counted_noun(span: Span) -> Token | None:
    """The noun a number counts: "over 10,000 troops" -> troops; "three of the victims" -> victims."""
    doc = span.doc
    inside = set(range(span.start, span.end))
    for token in span:  # "dozens of people", "tens of thousands of protesters"
        for child in token.children:
            if child.lower_ == "of" and child.i not in inside:
                objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
                if objects:
                    return objects[0]
    numbers = [t for t in span if t.like_num or t.lower_ in NUMBER_WORDS]
    # the number that hangs on a word outside the span: "30,000" in "27,000 and 30,000 people" hangs on
    # "27,000", which counts the people ("said between 27,000 and 30,000 people attended")
    root = next((t for t in reversed(numbers) if t.head.i not in inside), span.root)
    # "12,000-strong force": the number modifies "strong", which modifies the noun
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in {"strong", "member"}:
        head = doc[span.end + 1].head
        return head if head.pos_ in {"NOUN", "PROPN"} else None
    following = _adjacent_noun(span)
    if following is not None and (root.head.i - span.end > 2 or root.head.lemma_.lower() in _DURATION_NOUNS):
        return following  # a misparse: "15 to 20 named storms this season" hung on "season"
    if root.dep_ == "quantmod" and root.head.like_num and root.head.dep_ == "nummod" \
            and any(t.lower_ == "of" for t in doc[span.end:root.head.i]):
        return root.head.head  # "27 of 31 drones": a part of the drones
    first = _first_of_pair(root)
    if first is not None and _adjacent_noun(span) is None:
        return first  # "41,872 votes for Salcido and 37,731 for Brannigan": the noun left out is the first's
    if root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod", "appos"} and root.head.i not in inside:
        head = root.head
        while head.pos_ == "PROPN" and head.dep_ == "compound" and head.head.pos_ in {"NOUN", "PROPN"} \
                and head.head.i > head.i:
            head = head.head  # "two Minneapolis squad cars": a name before the noun is a modifier, misparsed as counted
        if _measured_after(head, span) and head.head.pos_ == "NOUN" and head.head.i > head.i:
            return head.head  # "five 9 mm shell casings": the casings, each of a measure
        if head.pos_ in {"NOUN", "PROPN"} and not head.like_num:
            return head
        if head.dep_ == "compound" and head.head.pos_ in {"NOUN", "PROPN"}:  # "155 mm artillery shells"
            return head.head
    return None


def _first_of_pair(number: Token) -> Token | None:
    """The counted noun of the figure a bare number is paired with, when the number leaves it out:
    "41,872 votes for Salcido and 37,731 for Brannigan", "gave Lindqvist 22,310 votes to 21,980",
    "Ellsworth-Hale received 11,602 votes, Dwayne K. Pruitt 6,367 and Luis Treviño 1,950"."""
    if not number.like_num:
        return None
    if number.dep_ == "conj":
        noun = number.head
    elif (left_out := _figure_left_out(number)) is not None:
        noun = left_out
    elif _second_side(number):
        noun = next(c for c in number.head.head.children if c.dep_ == "dobj")
    elif (holder := _gapped_holder(number)) is not None:
        verb = holder
        while verb.dep_ in {"conj", "npadvmod", "appos"} and verb.head != verb:
            verb = verb.head
        noun = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb.pos_ == "VERB" else None
        if noun is None:
            return None
    else:
        return None
    counted = noun.pos_ == "NOUN" and noun.i < number.i and any(c.dep_ == "nummod" for c in noun.children)
    return noun if counted else None


def _figure_left_out(number: Token) -> Token | None:
    """The figure whose noun a bare number leaves out as the subject of a clause joined to the
    figure's ("74 lawmakers backed the motion, while 52 voted against and nine abstained") or after
    "including" ("arrested 87 people, including 34 in Toulouse"): that figure's noun, or None."""
    if number.dep_ == "pobj" and number.head.lower_ == "including":
        head = number.head.head
        if head.pos_ in {"NOUN", "PROPN"}:
            return head
        return _figure_noun(head, number)
    if number.dep_ != "nsubj" or number.head.pos_ not in {"VERB", "ADJ"}:
        return None
    verb = number.head
    for _ in range(_MAX_CLAUSES_BACK):
        if verb.dep_ not in {"conj", "advcl"} or verb.head == verb:
            break
        verb = verb.head
        if (figure := _figure_noun(verb, number)) is not None:
            return figure
    return None


def _figure_noun(verb: Token, number: Token) -> Token | None:
    """The noun a figure counts that stands before `number` as the subject or object of `verb`."""
    return next((c for c in verb.children if c.dep_ in _FIGURE_ROLES and c.i < number.i and c.pos_ == "NOUN"
                 and any(n.dep_ == "nummod" and n.like_num for n in c.children)), None)


def _gapped_holder(number: Token) -> Token | None:
    """The name a bare number is written after when a list leaves the verb and the noun out
    ("..., Dwayne K. Pruitt 6,367 and Luis Treviño 1,950"): the name it hangs on."""
    head = number.head
    if number.dep_ == "nummod" and head.i < number.i and head.pos_ == "PROPN" \
            and head.ent_type_ in _CANDIDATES and head.dep_ in {"conj", "npadvmod", "appos"}:
        return head
    return None


def _measured_after(head: Token, span: Span) -> bool:
    """A word of measure with a number of its own after the count ("five *9 mm* shell casings"),
    describing the noun it modifies."""
    return head.dep_ in {"nmod", "compound", "amod"} \
        and any(c.like_num and c.i >= span.end and c.dep_ == "nummod" for c in head.children)


def _adjacent_noun(span: Span) -> Token | None:
    """The plural noun right after a number, over at most two modifiers ("20 named storms")."""
    doc = span.doc
    for token in doc[span.end: min(span.end + 3, sentence_of(span).end)]:
        if token.tag_ == "NNS":
            return token
        if token.pos_ not in {"ADJ", "VERB", "NOUN"} or token.is_punct:
            return None
    return None


_FIGURE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})  # where a figure whose noun a later number leaves out stands
_MAX_CLAUSES_BACK = 3  # joined clauses a bare number's subject is looked for across
_NOT_AMOUNT_PREPOSITIONS = frozenset({"at", "by", "after", "before", "around", "until", "since", "from"})


def _count(span: Span, context: _Context) -> Claim | None:
    lexicon = context.lexicon
    amount = _amount(span, lexicon)
    if amount is None or amount.value <= 0 or span.text.startswith("."):
        return None  # (".40-caliber": a caliber, not forty of anything)
    partitive = is_partitive(span) and not _part_is_figure(span, lexicon)
    things = _part_of_things(span, lexicon) if partitive else None
    partitive = partitive and things is None
    doc = context.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "how":  # "how many civilians"
        return None
    if span.start > 0 and doc[span.start - 1].lower_ == "no" and span.text.lower() == "one":
        return None  # "no one was injured": none, not one
    if span.root.dep_ == "pobj" and span.root.head.lower_ in _NOT_AMOUNT_PREPOSITIONS \
            and span.root.head.head.lemma_.lower() not in lexicon.relational_verbs \
            and not (span.root.head.lower_ == "at" and span.root.head.head.lemma_.lower() in lexicon.estimating_verbs):
        return None  # "pronounced dead at 5": a time, not an amount ("stands at 34", "put the crowd at 50,000" are)
    if (parent := _parent_of(span, lexicon)) is not None:
        return _children(span, context, amount, parent, _person_told(parent))
    noun = _counted_noun(span) or things
    if noun is not None and (noun.lemma_.lower() in _DURATION_NOUNS or noun.ent_type_ in {"DATE", "TIME"}
                             or _is_label(span, noun, amount)):
        return None
    if span.label_ == "" and span.root.ent_type_ in {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"}:
        return None
    if _is_year(span, amount) and (noun is None or noun.tag_ != "NNS"):
        return None
    predicate = None
    relative = _relative_clause(span.root)
    if noun is None and relative is not None:
        predicate = relative  # "the eight who were shot": what the clause says befell them
    elif noun is None:
        noun = toll_subject(span, lexicon)
        if noun is not None:  # "the (number of people killed by the) death toll rose to 34": the tally verb
            predicate = next((t for t in noun.ancestors if t.pos_ in {"VERB", "AUX"}), noun.head)
        else:
            noun = _group_of(span, lexicon)
    if noun is not None and noun.i < span.start and span.root.dep_ == "nsubj" and span.root.head.pos_ in {"VERB", "ADJ"}:
        predicate = predicate or span.root.head  # "while 52 voted against": the number's own clause says what they did
    predicate = predicate or governing_predicate(noun if noun is not None else span.root, lexicon)
    if noun is not None and (predicate is None or predicate.lemma_.lower() in lexicon.light_verbs
                             or lexicon.predicate_class.get(predicate.lemma_.lower()) == TALLY_CLASS):
        # "the number of people detained ... has risen to 61": what was done to them, not how the count moved
        predicate = _participle_after(noun, lexicon) or predicate
    if predicate is None and noun is not None:  # "among 15 people who wrote letters": what they did
        predicate = _relative_clause(noun)
    if (person := _parent_by_have(noun, lexicon)) is not None:
        return _children(span, context, amount, noun, person)
    if _counterfactual(span, predicate, context.prose.text):
        return None  # "there should've been five or six people dead": what did not happen
    concept = _concept(_others_of(noun, span) or noun, lexicon) if noun is not None else None
    if noun is None and any(c.dep_ == "prep" and c.i >= span.end for c in span.root.children):
        return None  # "one with windows shot out", "one in critical condition": a pronoun for something
    subtype = None
    # people can be casualties; things (containers, shells, homes) cannot, whatever the verb
    if concept is None or concept in lexicon.person_concepts or noun.lemma_.lower() in lexicon.casualty_nouns:
        subtype = casualty_subtype(span, noun, predicate, lexicon)
    if partitive and not (subtype == "killed" and amount.value >= 2 and predicate is not None
                          and lexicon.casualty_verbs.get(predicate.lemma_.lower()) == "killed"):
        return None  # but "three of the men died" tells how many died ("one of the dead men" is one man)
    if subtype is not None:
        if noun is not None and noun.lemma_.lower() in lexicon.casualty_nouns:
            concept = _ANYONE
        return _build(span, context, kind="casualties", amount=amount, unit="person", noun=noun,
                      subtype=subtype, concept=concept or _ANYONE, predicate=predicate)
    if noun is None and _counts_people_done_to(span, predicate, lexicon):
        return _build(span, context, kind="count", amount=amount, unit="person", noun=None,
                      concept=_ANYONE, predicate=predicate)
    if noun is None:
        return None  # a bare number with nothing counted is not a checkable claim
    if amount.value == 1 and amount.qualifier == "exact":
        return None  # "one man", "a single car": an individual, not a figure sources report
    if amount.qualifier == "range" and span.text.lower().strip() in {"several", "many", "few", "a few"} \
            and concept is None:
        return None
    unit = "person" if concept in lexicon.person_concepts else "item"
    if unit == "person" and _do_harm(noun, predicate, lexicon):
        concept = lexicon.perpetrator_concept  # "three men opened fire on a crowd": the attackers
    return _build(span, context, kind="count", amount=amount, unit=unit, noun=noun, concept=concept,
                  predicate=predicate)


def _relative_clause(token: Token) -> Token | None:
    """The relative clause that tells what befell all a figure counts ("the eight who were shot",
    "15 people who wrote letters"); not one that tells it of so many of them ("had two children,
    neither of whom were harmed": nothing befell the two; "two of whom died")."""
    clause = next((c for c in token.children if c.dep_ == "relcl"), None)
    if clause is None:
        return None
    quantified = any(c.dep_ in {"nsubj", "nsubjpass"} and (c.like_num or c.lower_ in _QUANTIFIERS)
                     and any(p.lower_ == "of" for p in c.children) for c in clause.children)
    return None if quantified else clause


_QUANTIFIERS = frozenset({"neither", "none", "both", "all", "some", "most", "many", "few", "each", "either",
                          "any", "several", "one"})


def _parent_of(span: Span, lexicon: Lexicon) -> Token | None:
    """The parent whose children a bare number counts: "a 24-year-old father of three", "Kills Father
    of 3" (never "the mother of one of his children", a part of them, nor "the father of 5-year-old
    Mya", an age)."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.lower_ not in lexicon.parent_roles:
        return None
    if any(c.dep_ == "prep" for c in root.children) or _adjacent_noun(span) is not None \
            or (span.end < len(span.doc) and span.doc[span.end].text in {"-", "‐", "–"}):
        return None
    return root.head.head


def _person_told(parent: Token) -> Token | None:
    """Who a parent noun is: the name it is put beside ("Ketron Nathan, a father of three") or the
    subject it is said of ("Holmes is a mother of three")."""
    if parent.dep_ == "appos":
        return parent.head
    if parent.dep_ == "attr":
        return next((c for c in parent.head.children if c.dep_ == "nsubj"), None)
    return None


def _parent_by_have(noun: Token | None, lexicon: Lexicon) -> Token | None:
    """The person whose children a count is, told by "have": "the woman had two children",
    "Holmes, who has three kids" (never "the school has 300 children": a school is no parent)."""
    if noun is None or noun.dep_ != "dobj" or noun.head.lemma_ != "have" \
            or _concept(noun, lexicon) != lexicon.concept_of.get(_CHILD):
        return None
    have = noun.head
    person = next((c for c in have.children if c.dep_ == "nsubj"), None)
    if person is None and have.dep_ == "conj":  # "the woman believed to have killed ... had two children"
        person = next((c for c in have.head.children if c.dep_ == "nsubj"), None)
    if person is not None and person.tag_ == "WP" and noun.head.dep_ == "relcl":
        person = noun.head.head  # "Holmes, who has three kids": Holmes
    if person is None or not (person.ent_type_ == "PERSON" or person.lemma_.lower() in lexicon.person_roles
                              or person.lower_ in lexicon.sex_of_pronoun or person.lower_ == "they"):
        return None
    return person


def _children(span: Span, context: _Context, amount: Amount, counted: Token, person: Token | None) -> Claim:
    """A parent's children as a count the parent has, whatever befell the parent ("a father of
    three was shot and killed" kills one man, not three), of the family class: the same fact as
    another source's "Nathan had four children", never a toll; owned by the parent's name."""
    lexicon = context.lexicon
    claim = _build(span, context, kind="count", amount=amount, unit="person", noun=counted,
                   concept=lexicon.concept_of.get(_CHILD), owned=True)
    ent = token_entity(person) if person is not None else None
    owners = (entity_name(ent.text, ent.label_, lexicon),) if ent is not None and ent.label_ == "PERSON" else ()
    subject = replace(claim.subject, text="children", head=_CHILD, modifiers=(), predicate=None,
                      predicate_class=lexicon.family_class, anchors=owners, complements=(), places=())
    return replace(claim, subject=subject, entities=owners + tuple(e for e in claim.entities if e not in owners))


_CHILD = "child"


def _noun_described(span: Span, noun: Token | None) -> Token | None:
    """The noun a figure is hyphenated into a description of ("the 620-bed hospital", "a 12-story
    building"): the sentence's verb ("the hospital detected the attack") is done to that noun, not
    to what the figure counts, and two sources' verbs say nothing of the beds."""
    doc = span.doc
    if noun is None or noun.i != span.end + 1 or doc[span.end].text not in {"-", "‐", "–"}:
        return None
    described = noun.head
    if noun.dep_ in {"compound", "amod", "nmod"} and described.pos_ in {"NOUN", "PROPN"} and described.i > noun.i:
        return described
    return None


def _is_held(span: Span, noun: Token | None) -> bool:
    """Whether a count is of all that a company or a place has ("the bank's 14 branches will
    reopen", "its 5,900 workers"): what the owner has, a fact whatever the sentence says is done to
    them, so another source's "operated 16 branches" tells the same figure. A person's ("their two
    children have not been found") are counted by what befell them, as casualties are."""
    return noun is not None and span.root.head.i == noun.i and span.root.dep_ == "nummod" \
        and any(child.dep_ == "poss" and child.lower_ not in _PERSONAL_POSSESSIVES and child.ent_type_ != "PERSON"
                for child in noun.children)


_PERSONAL_POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your"})


def _others_of(noun: Token, span: Span) -> Token | None:
    """What "others" are: the noun counted just before them in the sentence ("destroyed 30
    structures and damaged 12 others": structures; "killed three people and wounded 12 others":
    people)."""
    if noun.lower_ not in {"other", "others"}:
        return None
    sentence = sentence_of(span)
    earlier = [t for t in span.doc[sentence.start:span.start]
               if t.dep_ == "nummod" and t.head.pos_ == "NOUN" and t.head.i < span.start]
    return earlier[-1].head if earlier else None


def _part_is_figure(span: Span, lexicon: Lexicon) -> bool:
    """A part that is itself the figure: "won 152 of the 300 seats" is the winner's tally, "shot
    down 102 of the missiles" the air force's, where "three of the victims" is part of a set
    counted elsewhere (classes marked `part_is_figure`)."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "... and 99 of the drones"
        root = root.head
    return root.dep_ == "dobj" and predicate_class_of(root.head, lexicon) in lexicon.part_figure_classes


def _part_of_things(span: Span, lexicon: Lexicon) -> Token | None:
    """The things a part of a set counts, where the part is a figure of its own: "Twelve of the
    dead whales were euthanised", "35 of the block's 88 flats are uninhabitable" (those that were
    so), and "the block's 88 flats" (the set's size: what the block has). A part of a set of people
    ("three of the victims") stays a part of a set counted elsewhere."""
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass"} and (root.head.pos_ == "VERB" or any(
            c.dep_ == "acomp" for c in root.head.children)):  # (not "five of the boats are from Ho Chi Minh City")
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    elif root.dep_ == "nummod" and root.head.dep_ == "pobj" and root.head.head.lower_ == "of" \
            and root.head.head.head.like_num and root.head.head.head.dep_ in {"nsubj", "nsubjpass"}:
        noun = root.head  # the set's own size
    else:
        return None
    if noun is None or noun.pos_ != "NOUN" or _concept(noun, lexicon) in lexicon.person_concepts:
        return None
    return noun


def _group_of(span: Span, lexicon: Lexicon) -> Token | None:
    """The group of people a bare number sizes: "a crowd of 50,000", "a force of 12,000"."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.pos_ != "NOUN":
        return None
    group = root.head.head
    return group if _concept(group, lexicon) in lexicon.person_concepts else None


def _counts_people_done_to(span: Span, predicate: Token | None, lexicon: Lexicon) -> bool:
    """A bare number as the passive subject or the object of a verb done to people: "Three were
    taken to the hospital", "Two were arrested", "police detained 13" (not a light verb's object:
    "took 5" may be minutes)."""
    if predicate is None or span.root.head.i != predicate.i or predicate.lemma_.lower() not in lexicon.people_verbs:
        return False
    return span.root.dep_ == "nsubjpass" \
        or (span.root.dep_ == "dobj" and predicate.lemma_.lower() not in lexicon.light_verbs)


def _do_harm(noun: Token, predicate: Token | None, lexicon: Lexicon) -> bool:
    """People counted as the active subject of a violent act on someone or something ("three men
    opened fire on a crowd", "two men shot him"): those who did the harm."""
    return predicate is not None and noun.dep_ == "nsubj" and noun.head == predicate \
        and predicate_class_of(predicate, lexicon) == _HARM_CLASS and any(c.dep_ == "dobj" for c in predicate.children)


_ANYONE = "people"  # the concept of a figure of people that says no more of who they are
_HARM_CLASS = "incident"  # the predicate class of violent acts (rules/lexicon/predicates.toml)
_SIZE_CLASS = "size"  # the class of a figure that describes a noun ("the 230-seat parliament")
_COUNTERFACTUAL_MODALS = frozenset({"should", "would", "could", "might"})
# "there should've been five people": the modal perfect right before the figure, not a clause earlier
_COUNTERFACTUAL = re.compile(rf"\b(?:{'|'.join(sorted(_COUNTERFACTUAL_MODALS))})\s*(?:have|['’]ve)\s+been"
                             r"\s+(?:[^\s.,;:!?]+\s+){0,2}$", re.IGNORECASE)


def _counterfactual(span: Span, predicate: Token | None, text: str) -> bool:
    """A modal with a perfect ("could have been killed", "there should've been five people dead"):
    what might have happened and did not, no figure of what did."""
    if predicate is not None:
        auxiliaries = [c for c in predicate.children if c.dep_ in {"aux", "auxpass"}]
        if any(c.lower_ in _COUNTERFACTUAL_MODALS for c in auxiliaries) \
                and any(c.lemma_.lower() == "have" or c.lower_ in {"'ve", "’ve"} for c in auxiliaries):
            return True
    before = text[sentence_of(span).start_char:span.start_char]
    return bool(_COUNTERFACTUAL.search(before[-60:]))


def _is_label(span: Span, noun: Token, amount: Amount) -> bool:
    """ "a sweet 16 party", "the Big 12 title", "at Cloud 9": a number inside a name, not a count.
    English puts a count before what it counts and before the words that describe it, and a count
    above one takes a plural."""
    if noun.i < span.start and span.root.head.i == noun.i and span.root.dep_ != "conj":
        return True  # "Cloud 9", "Room 12": the name comes first ("41,872 votes ... and 37,731" counts)
    described_first = any(t.i < span.start and t.dep_ in {"amod", "compound", "nmod"} for t in noun.lefts)
    return described_first and noun.tag_ == "NN" and amount.value > 1


def _what_it_counts_of(noun: Token) -> list[str]:
    """What a counted noun is of, when the noun alone does not say: "two counts *of possession*",
    "three rounds *of ammunition*" (never a name: "two members of the Bloods" are members)."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ == "pobj" and t.pos_ == "NOUN"]
            if objects:
                return ["of", objects[0].lemma_.lower()]
    return []


def _concept(noun: Token, lexicon: Lexicon) -> str | None:
    compounds = [t.lower_ for t in noun.lefts if t.dep_ in {"compound", "amod"}]
    candidates = []
    if compounds:
        candidates.append(f"{compounds[-1]} {noun.lemma_.lower()}")
        candidates.append(f"{compounds[-1]} {noun.lower_}")
    candidates += [noun.lemma_.lower(), noun.lower_]
    concept = next((lexicon.concept_of[c] for c in candidates if c in lexicon.concept_of), None)
    if concept is None and (noun.ent_type_ == "NORP" or demonym_place(noun.lower_, lexicon)):
        return _ANYONE  # "19 Saudis", "four Sudanese", "21 Britons": people of a nation or group
    return concept


# --- assembly ------------------------------------------------------------------------------

def _build(span: Span, context: _Context, *, kind: str, amount: Amount, unit: str, noun: Token | None,
           subtype: str | None = None, concept: str | None = None, predicate: Token | None = None,
           concept_hint: str | None = None, owned: bool = False) -> Claim:
    lexicon = context.lexicon
    stop = int(_is_scale(span[-1]) and span[-1].text.endswith("."))  # "£2.3m.": the sentence's, not the sum's
    skip = set(range(span.start, span.end))
    if predicate is None:
        predicate = governing_predicate(noun if noun is not None else span.root, lexicon)
    modifiers = noun_modifiers(noun, skip) if noun is not None else []
    if noun is not None:
        subject_words = [t.text.lower() for t in modifiers if not t.like_num] + [noun.text.lower()]
        if kind == "count":
            subject_words += _what_it_counts_of(noun)
        subject_text = " ".join(subject_words)
        head = noun.lemma_.lower()
        if concept is None and kind != "percent":
            concept = _concept(noun, lexicon)
    else:
        head = ""
        subject_text = predicate.lemma_.lower() if predicate is not None else ""
        if kind == "money" and concept is None and predicate is not None:
            concept = lexicon.concept_of.get(subject_text)  # "was fined 85 million dong": a fine, "cost $3 million"
    if _is_limit(span, lexicon) or _permitted(predicate, lexicon):
        concept = "limit"  # "capacity for 3,000 people", "the 90 mph limit": compared only with limits
    if kind == "quantity":
        concept = concept_hint if concept is None else f"{concept_hint}:{concept}"
    # what was done to the counted thing, and by whom: nothing and no one when the figure only
    # describes another noun, whose own names are then the owners ("the 620-bed hospital in Bavaria")
    described = _noun_described(span, noun)
    held = owned or (kind == "count" and described is None and _is_held(span, noun))
    acted = None if described is not None or held else predicate
    anchors = entities_in([t for t in described.subtree if t.i not in skip], lexicon, _OWNERS) \
        if described is not None else _anchors(span, noun, modifiers, predicate, lexicon)
    sentence, sentence_start = context.prose.sentence(context.doc, span[0])
    clause = list(predicate.subtree) if predicate is not None else list(sentence_of(span))
    entities = anchors + [e for e in entities_in(clause, lexicon) if e not in anchors]
    predicate_lemma = acted.lemma_.lower() if acted is not None else None
    predicate_class = predicate_class_of(acted, lexicon) if acted is not None \
        else _SIZE_CLASS if described is not None else None
    if acted is not None and predicate_class not in known_classes(lexicon) \
            and concept in lexicon.person_concepts \
            and (status := next((lexicon.class_of_status[t.lemma_.lower()] for t in acted.subtree
                                 if t.lemma_.lower() in lexicon.class_of_status), None)):
        predicate_class = status  # "26,000 people remained under evacuation orders": evacuated
    if noun is not None and noun.dep_ == "attr" and noun.head.lemma_ == "be" \
            and (told := next((c for c in noun.head.children if c.dep_ == "nsubj"), None)) is not None \
            and told.lemma_.lower() in lexicon.event_nouns:
        predicate_class = lexicon.event_nouns[told.lemma_.lower()]  # "The crowd was more than 300 people": gathered
    if kind == "percent" and acted is not None and acted.lemma_.lower() in lexicon.session_close_verbs \
            and (moved := next((lexicon.session_directions[c.lower_] for c in acted.children
                                if c.lower_ in lexicon.session_directions), None)):
        predicate_class = moved  # "shares closed down 14.6%": they fell 14.6% that day
    if concept == _ANYONE and predicate_class in lexicon.people_of_class:
        concept = lexicon.people_of_class[predicate_class]  # "employs 14,200 people": its workers
    return Claim(
        id=f"{context.source_id}#{kind}@{span.start_char}",
        source=context.source_id,
        kind=kind,  # type: ignore[arg-type]
        subject=Subject(
            text=subject_text,
            head=head,
            concept=concept,
            modifiers=tuple(t.text.lower() for t in modifiers),
            predicate=predicate_lemma,
            predicate_class=predicate_class,
            anchors=tuple(anchors),
            complements=complements_of(acted, lexicon, span),
            places=places_of_clause(acted, sentence_of(span), lexicon),
        ),
        value=amount.value,
        unit=unit,
        subtype=subtype,
        qualifier=amount.qualifier,  # type: ignore[arg-type]
        low=amount.low,
        high=amount.high,
        modality="fact" if held else _modality(noun, predicate or _relational_verb(noun or span.root), lexicon),  # type: ignore[arg-type]
        attribution=attribution_of(predicate or span.root, sentence_of(span), lexicon),
        text=span.text.removesuffix(".") if stop else span.text,
        sentence=sentence,
        start=span.start_char,
        end=span.end_char - stop,
        entities=tuple(entities),
        extractor=context.extractor,
    )


_LIMIT_BEFORE = re.compile(r"\b(\w+)\s+(?:for|of|is|was|at|to)\s*$")  # "capacity for", "limit is"


def _is_limit(span: Span, lexicon: Lexicon) -> bool:
    """A figure of what is allowed or possible: a limit noun just before it ("capacity for 3,000
    people", "the speed limit is 90 mph", "a maximum of 200") or right after its unit ("the 90 mph
    limit", "a 3,000-person capacity")."""
    doc = span.doc
    before = _LIMIT_BEFORE.search(doc[max(0, span.start - 4):span.start].text.lower())
    if before is not None and before.group(1) in lexicon.limit_nouns:
        return True
    after = [t.lower_ for t in doc[span.end:span.end + 3] if not t.is_punct]
    return any(word in lexicon.limit_nouns for word in after[:2]) and not any(t.pos_ == "VERB" for t in
                                                                               doc[span.end:span.end + 2])


def _permitted(predicate: Token | None, lexicon: Lexicon) -> bool:
    """ "Licensed to carry 85 passengers", "the certificate allowed it to carry 85": what a verb of
    permitting or design lets happen, not what happened."""
    return predicate is not None and predicate.head.lemma_.lower() in lexicon.permitting_verbs \
        and predicate.dep_ in {"xcomp", "ccomp", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                  for c in predicate.children)


def _anchors(span: Span, noun: Token | None, modifiers: list[Token], predicate: Token | None,
             lexicon: Lexicon) -> list[str]:
    """Who the counted thing belongs to or who acts on it: "North Korean troops", "North Korea sent",
    "77 seats for the Socialist Party", "the Democratic Alliance had 79 seats", "gave Salcido 41,958
    votes". The second side of a score ("had 41,872 votes, to 37,731 for Brannigan") is never the
    actor's: the actor won the first."""
    if noun is not None and noun.i < span.start and (first := _first_of_pair(span.root)) is not None \
            and first.i == noun.i:
        holder = _gapped_holder(span.root)  # the noun and its owner are the other figure's
        held = [entity_name(ent.text, ent.label_, lexicon)] if holder is not None \
            and (ent := token_entity(holder)) is not None else []
        return held or _named_for(span[-1], lexicon)
    names = entities_in(modifiers, lexicon, _OWNERS)
    if noun is not None:
        possessor = [t for t in noun.children if t.dep_ == "poss"]
        names += [n for n in entities_in([t for p in possessor for t in p.subtree], lexicon) if n not in names]
        if (noun.ent_type_ in {"NORP", "GPE"} or (noun.pos_ == "PROPN" and noun.ent_type_ in _OWNERS)) \
                and (ent := token_entity(noun)) is not None \
                and (name := entity_name(ent.text, ent.label_, lexicon)) not in names:
            names.append(name)  # "Ukrainians"; a share said of a name ("Salcido had 52%")
        elif (country := demonym_place(noun.lower_, lexicon)) and country not in names:
            names.append(country)  # "21 Britons", a people the tagger missed
        beneficiary = [t for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "for"
                       for g in prep.children if g.dep_ == "pobj" for t in g.subtree]
        names += [n for n in entities_in(beneficiary, lexicon, _OWNERS) if n not in names]
    last = noun if noun is not None and noun.i >= span.end else span[-1]
    names += [n for n in _named_for(last, lexicon) if n not in names]
    if names:
        return names
    if _second_side(noun if noun is not None else span.root):
        return []
    if noun is not None and noun.dep_ == "dobj":  # "the final count gave Salcido 41,958 votes"
        recipient = [t for c in noun.head.children if c.dep_ == "dative" for t in c.subtree]
        if recipient:
            return entities_in(recipient, lexicon, _OWNERS)[:2]
    if predicate is None and noun is not None:  # "the Democratic Alliance had 29.5 percent and 79 seats"
        held = noun
        while held.dep_ == "conj":
            held = held.head
        if held.dep_ == "pobj" and held.head.lower_ == "of" and held.head.head.i in range(span.start, span.end):
            held = held.head.head  # "Salcido had 53.1% of the vote": what is had is the share
        if held.dep_ == "pobj" and held.head.lower_ == "with":  # "Pruitt was third with 6,327 votes"
            held = held.head
        predicate = held.head if held.dep_ in {"dobj", "prep"} and held.head.pos_ in {"VERB", "AUX"} else None
    actor = actor_of(predicate)
    if actor is not None and (noun is None or actor.i != noun.i):
        # the actor's own name first: "CDU candidate Kathrin Sommerfeld won" is Sommerfeld's, then her party's
        actor_tokens = [actor] + [t for t in actor.subtree if t.dep_ not in {"relcl", "acl"}]
        return entities_in(actor_tokens, lexicon, _OWNERS)[:2]
    return []


_SHARE_BETWEEN = frozenset({",", "or", "%", "percent", "per", "cent", "pct"})  # "37,731 votes, or 47.4%, for"


def _named_for(last: Token, lexicon: Lexicon) -> list[str]:
    """Whom a figure is for, named right after it however the parser hung the words: "38,108 votes
    for businessman Tom Brannigan", "37,731 votes, or 47.4%, for Brannigan", "37,731 for Brannigan".
    Only a person's or a party's name, with nothing but its own title between "for" and it ("for
    the murder of John Smith" is for no one, and "$61 billion in aid for Ukraine" is the House's
    to give)."""
    doc = last.doc
    at = last.i + 1
    while at < len(doc) and at - last.i <= 6 and (doc[at].lower_ in _SHARE_BETWEEN or doc[at].like_num):
        at += 1
    if at >= len(doc) or doc[at].lower_ != "for":
        return []
    start = at + 1
    named = next((ent for c in doc[at].children if c.dep_ == "pobj" and c.i - start < 6
                  and (ent := token_entity(c)) is not None and ent.label_ in _CANDIDATES), None)
    if named is not None:  # "for AfD regional lawmaker Joerg Brandtner": the lawmaker, then his party
        return entities_in([doc[named.start]] + list(doc[start:named.end]), lexicon, _CANDIDATES)[:2]
    at = start
    while at < len(doc) and at - start < 3 and token_entity(doc[at]) is None:
        at += 1
    ent = token_entity(doc[at]) if at < len(doc) else None
    if ent is None or ent.label_ not in _CANDIDATES or (ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"}):
        return []
    if any(not (t.dep_ in {"compound", "amod"} and ent.start <= t.head.i < ent.end) for t in doc[start:ent.start]):
        return []
    return [entity_name(ent.text, ent.label_, lexicon)]


def _second_side(figure: Token) -> bool:
    """Whether a figure is the second side of a score: the object of a "to" or an "against" after
    a verb whose own object is a figure ("had 41,872 votes, or 52.6%, to 37,731 votes", "won 52.6%
    of the vote to Brannigan's 47.4%", "won 54.3% of the vote against 45.7% for Brandtner")."""
    while figure.dep_ == "conj" and figure.head != figure:
        figure = figure.head
    if figure.dep_ != "pobj" or figure.head.lower_ not in _SCORE_SIDES or figure.head.dep_ != "prep":
        return False
    verb = figure.head.head
    return verb.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "dobj" and (c.like_num or any(g.dep_ == "nummod" or g.like_num for g in c.children))
        for c in verb.children)


_SCORE_SIDES = frozenset({"to", "against", "versus", "vs", "vs."})  # "52.6% to 47.4%", "54.3% against 45.7%"
_OWNERS = frozenset({"GPE", "NORP", "ORG", "PERSON"})  # what a counted thing can belong to
_CANDIDATES = frozenset({"NORP", "ORG", "PERSON"})  # who votes, shares and seats are for


# --- durations -----------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _duration_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A span of time as news writes it, with the qualifiers the lexicon knows before it ("about
    20 seconds", "up to seven years", "a five-hour standoff"), never an age ("a five-year-old")."""
    qualifiers = "|".join(re.escape(q) for q in sorted(lexicon.qualifiers, key=len, reverse=True))
    units = "second|minute|hour|day|week|month|year"
    return re.compile(rf"\b(?:(?:{qualifiers})\s+)?(?P<number>\d{{1,3}}(?:\.\d+)?|{SPELLED_NUMBER})"
                      r"(?P<half>\s+and\s+a\s+half)?(?P<joint>\s*-\s*|\s+)"
                      rf"(?P<unit>{units})s?\b(?!\s*-?\s*olds?\b)"
                      rf"(?:\s+and\s+(?P<part>\d{{1,2}}|{SPELLED_NUMBER})\s+(?P<part_unit>{units})s?\b)?",
                      re.IGNORECASE)


# a span's smaller unit, as a share of its larger one: "five years and six months" is 5.5 years
_UNIT_SHARES = {("year", "month"): 12, ("week", "day"): 7, ("day", "hour"): 24, ("hour", "minute"): 60,
                ("minute", "second"): 60}


_PRISON_AFTER = re.compile(r"^\s+(?:in|behind)\s+(?:(?:a|the)\s+)?(?:\w+\s+)?(?:prison|jail|bars|penitentiary)\b",
                           re.IGNORECASE)
_TERMS = frozenset({"sentence", "term"})  # "a seven-year prison term", "a 20-year sentence"


def _durations(context: _Context) -> Iterator[Claim]:
    """How long something that is a fact of the story lasted or was set to last: a prison term
    ("sentenced to seven years in prison", "a seven-year prison term"), what lasted ("the shaking
    lasted about 20 seconds"), and an event told with its length ("a five-hour standoff"). Other
    spans of time ("two years ago", "for 30 years he taught") date or tell a life, and are left to
    dates; NER often leaves a duration untagged, so they are found in the text and read in the parse."""
    doc, text = context.doc, context.prose.text
    for match in _duration_pattern(context.lexicon).finditer(text):
        if not context.prose.is_prose(match.start()):
            continue
        unit = match.group("unit").lower()
        share = _UNIT_SHARES.get((unit, (match.group("part_unit") or "").lower()))
        end = match.end() if share else match.end("unit")  # "two hours and 30 minutes"; never "two hours and 30 people"
        span = doc.char_span(match.start(), end, alignment_mode="expand")
        unit_token = doc.char_span(match.start("unit"), match.end("unit"), alignment_mode="expand")
        amount = parse_amount(text[match.start():match.end("number")], context.lexicon)  # "about 20", "seven"
        if span is None or unit_token is None or amount is None or amount.value <= 0:
            continue
        added = 0.5 if match.group("half") else 0.0  # "four and a half years"
        if share:  # "five years and six months"
            added += (parse_number(match.group("part")) or 0.0) / share
        if added:
            amount = replace(amount, value=amount.value + added, low=(amount.low or amount.value) + added,
                             high=(amount.high or amount.value) + added)
        measured = _what_lasted(unit_token.root, hyphenated="-" in match.group("joint"),
                                prison=bool(_PRISON_AFTER.match(text, end)))
        if measured is None:
            continue
        noun, predicate = measured
        yield _build(span, context, kind="quantity", amount=amount, unit=unit, noun=noun,
                     predicate=predicate, concept_hint="duration")


def _ratings(context: _Context) -> Iterator[Claim]:
    """Grades on the lexicon's named scales ("the tornado was an EF-3", "a Category 4 hurricane"):
    one word or a label and a number that neither NER nor a count reads as a figure, compared
    exactly. The thing rated is the noun the grade is written before, or what a copula says it of."""
    doc, text = context.doc, context.prose.text
    for rating in context.lexicon.ratings:
        for match in rating.pattern.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or not context.prose.is_prose(match.start()):
                continue
            if rating.needs and not rating.needs & {t.lower_ for t in sentence_of(span)}:
                continue
            grade = float(match.group("grade"))
            root = span.root
            rated = root.head if root.dep_ in {"compound", "amod", "nmod", "nummod"} and root.head.pos_ == "NOUN" \
                and root.head.i >= span.end else _copula_subject(span, context.lexicon)
            yield _build(span, context, kind="quantity", amount=Amount(grade, "exact", grade, grade), unit=rating.unit,
                         noun=rated, concept_hint="rating")


def _what_lasted(unit: Token, *, hyphenated: bool, prison: bool) -> tuple[Token | None, Token | None] | None:
    """(the noun, the verb) a duration is of, when it is a fact of the story; None otherwise."""
    head = unit.head
    if head.lemma_.lower() == "last" and head.pos_ in {"VERB", "AUX"}:  # "the shaking lasted 20 seconds"
        return next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}), None), head
    if prison or (head.lower_ == "to" and head.head.lemma_.lower() == "sentence"):
        verb = next((t for t in [head, *head.ancestors] if t.pos_ == "VERB"), None)
        return None, verb  # "sentenced to seven years in prison"
    if unit.dep_ in {"compound", "amod", "nmod"} and head.pos_ == "NOUN" and head.i > unit.i \
            and (hyphenated or head.lemma_.lower() in _TERMS):
        return head, None  # "a seven-year prison term", "a five-hour standoff"
    return None
