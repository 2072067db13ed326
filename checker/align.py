"""Stage 3: claims -> groups of claims that state the same fact.

Alignment is graded, not a chain of vetoes: one wording difference ("the shooting happened" /
"occurred", "were wounded" / "suffered gunshot injuries", a figure typed a count in one source
and casualties in another) must not keep two statements of one fact apart. For each pair of
claims of one story and family (counts and casualties are one family) `pair_evidence` lists what
speaks for and against one fact: the counted concept and head, the casualty type, the predicate,
the subject's words, the people and places the sentences name, the event day, the sentences'
other words, modality and how far apart the values, days or hours are. Logistic models whose
weights are data (`rules/lexicon/alignment.toml`, fitted on labelled real stories by
`bench/alignfit.py`) turn the evidence into the probability that the two claims state one fact:
one model for pairs that give one value, one for pairs whose values differ (a shared value is
itself evidence, and the many agreeing pairs must not set the weights by which conflicts are
found). Average-linkage clustering over those probabilities makes the groups; each group keeps
the evidence that linked it.

Only a few things stay hard rules: claims of different stories or families are never compared
(blocking), one source's two different values are two facts unless one is a plan, two people's
ages are never one fact, and an office is compared only with the same office of one place.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from checker.entities import EntityIndex
from checker.lexicon import PARTICLES, AlignmentModel, Lexicon, demonym_place, known_classes
from checker.model import Claim, ClaimGroup, Subject
from checker.normalize import (
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    WEEKDAYS,
    clock_gap,
    clock_minutes,
    name_key,
    strip_accents,
)

FAMILY = {"count": "amount", "casualties": "amount", "money": "money", "percent": "percent",
          "quantity": "quantity", "date": "date", "time": "time", "age": "age", "role": "role",
          "quote": "quote"}
UNSCORED_FAMILIES = frozenset({"role", "quote"})  # grouped by office or by words, never by the model's links
_MAX_BLOCK = 600  # larger blocks (a corpus read as one story) are split by the counted thing first
_RARE_WORD_ITEMS = 12  # in a larger block, a word held by at most this many claims is rare enough to pair on
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_CALENDAR_DAY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")  # a day, with or without its year
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_FAR_APART = 5.0
_SLIP_DIGITS = 3  # a misplaced decimal point is told from two figures only in a figure of this many digits
# whole numbers below these with swapped digits ("12", "21") are as often two figures as one misprinted:
# any two below 100 (two people's ages, two shares), but of two counts only one-digit ones, as two
# counts of one thing ("14 containers", "41 containers") are one count misprinted
_SWAP_MIN = 100
_SWAP_MIN_COUNTED = 10
_COUNTED = frozenset({"count", "casualties"})
_NOUN_ENDINGS = frozenset({"ion", "ation", "ing", "ment", "al", "ure", "s", "es"})  # inspect-ion, read-ing, fail-ure
_SLIP_HOURS = 2  # hours between a time and its misprint: a digit, or a neighbouring time zone
_ROUND_MINUTES = 15  # minutes past the hour a writer rounds to: "3:30" and "4:30" may be two events
_CLOSE_DAYS = 3  # dates of one event told apart by more days than this are rarely one event's
_CLOSE_MINUTES = 120  # and times by more minutes than this
_SELF_CONTRADICTION = 0.9  # link probability at which one source's two values are one fact told twice
_STRAY_LINK = 0.6  # the least median, over the other sources, of a stray figure's best link to their statements
_OWN_FIGURES = frozenset({"age", "role", "quote"})  # each figure of a sentence is one person's, never an alternative
_UNTIMED_EVENTS = frozenset({"hold", "memorial", "speech", "pledge", "release", "post", "update"})  # news about the news
_TALLY = "tally"  # the class of a running figure's verbs: "the toll rose to 34", "brought the total to 12"
_HARM_EVENTS = frozenset({"incident", "death", _TALLY})  # what a count of casualties may be said to do
_PLAUSIBLE_AGE_GAP = 2  # years between two ages one unnamed person could be given
_PLAUSIBLE_CHILD_AGE_GAP = 1  # and a young child
_CHILDHOOD = 10  # below this age
_GENERIC_ROLES = frozenset({"person", "man", "woman", "male", "female", "individual"})
# heads that count anyone, told apart only by what they did: "two others left", "three others entered"
_ANYONE = _GENERIC_ROLES | frozenset({"people", "other", "others", "men", "women", "individuals", "persons"})
_SAME_QUOTE = 90  # quoted words this alike (rapidfuzz ratio) are one quotation, give or take a word
_QUOTE_FRAGMENT_WORDS = 6  # a quotation this long found whole in another is a fragment of it
_SAME_EVENT_MAX_DAYS = 31  # two dates of one event further apart than this are two events' dates
_SIDE_WINDOW = 8  # words after an age that say what happened to its person, before other people's deeds
_DETERMINERS = frozenset({"his", "her", "their", "its", "a", "an", "the"})
_BY_AGENT = re.compile(rf"\bby\s+(?:{'|'.join(sorted(_DETERMINERS))})\s*$", re.IGNORECASE)  # "by his 14-year-old friend"
_SEX_WINDOW = 6  # words before an age that may say whose it is: "two men; a 46-year-old and a 24-year-old"
_EARLIER_INCIDENT_DAYS = 7  # a story's incident is first reported within days, never a week on
_LATE_REPORT_DAYS = 1  # a shooting late at night is news the next day; dated later, it is misread
_BACKGROUND_DAYS = 400  # a year and some: court dates a year on still belong to the story
_BACKGROUND_FIGURE_DAYS = 120  # a figure is news within days: one of an event months earlier is another event's
_STOPWORDS = frozenset("""the and for that with was were are has have had from this his her their its they
them who which when where what said says into about after before than then there been being also but not
would could will would over under more most some other others one two three four five six seven eight nine
ten after police""".split())

# words that tell when, not what: two sentences sharing them say nothing of sharing an event
_WHEN_WORDS = frozenset("""around about until shortly early late later morning afternoon evening night today tonight
yesterday""".split()) | frozenset(WEEKDAYS) | frozenset(MONTHS)


@dataclass(frozen=True)
class _Item:
    claim: Claim
    family: str
    anchors: frozenset[str]  # entity ids of owners and actors (a capital adds its country)
    places: frozenset[str]  # entity ids of cities, streets and sites in the sentence
    names: frozenset[str]  # entity ids of every name the sentence holds
    people: frozenset[str]  # the ones of them that are people
    day: str | None  # the event's calendar day, when the sentence gives one
    words: frozenset[str]  # the sentence's content words
    event: str | None  # the predicate's class as the lexicon has it now ("occur" and "shoot": incident)
    part: str | None  # "remainder" ("four others"), "increment" ("six more"), "subgroup" ("including two children"), "beside"
    # ("one adult and two children") or "split" ("four were taken to X and the other to Y"): not a total
    subject: str  # the subject's words without accents, compared in every pair
    lead: bool  # the source's first claim of this kind about this thing: the story's own figure
    sex: str | None  # an age's person's, or whose date or time it is, when the words tell it: "male" / "female"
    side: str | None  # an age's person's: "suspect" or "victim", when the role or the clause tells it
    place_frame: bool  # the sentence opens by setting its figures in a place ("In the Faro district, ...")
    past_year: str | None = None  # the whole year before the story's news the sentence sets its figure in
    over_a_period: bool = False  # a count "so far this year": compared only with counts over a period
    periods: frozenset[str] = frozenset()  # the periods its subject's words name ("annual": year)
    narrowed: frozenset[str] = frozenset()  # the words that make its subject a narrower measure ("core")
    scale: str | None = None  # "country" when its owners are countries, "region" when places within one


def align(claims: Iterable[Claim], story_of: dict[str, str], entities: EntityIndex,
          lexicon: Lexicon, published: dict[str, str | None] | None = None) -> list[ClaimGroup]:
    """Group the claims of each story into facts stated by two or more sources."""
    groups: list[ClaimGroup] = []
    for (story, key), items in sorted(blocks(claims, story_of, entities, lexicon, published).items()):
        for cluster, evidence in _cluster(items, lexicon):
            if len({item.claim.source for item in cluster}) >= 2:
                members = tuple(sorted((i.claim for i in cluster), key=lambda c: (c.source, c.start)))
                kind = "casualties" if any(c.kind == "casualties" for c in members) else members[0].kind
                groups.append(ClaimGroup(story, kind, f"{key}|{_fine_key(members)}", topic_of(members, lexicon), members,
                                         evidence))
    return groups


def blocks(claims: Iterable[Claim], story_of: dict[str, str], entities: EntityIndex,
           lexicon: Lexicon, published: dict[str, str | None] | None = None) -> dict[tuple[str, str], list[_Item]]:
    """Claims worth comparing, by (story, block); blocks with one source only are left out.

    Claims about an earlier event than the story's ("the 2012 theater shooting that killed 12",
    "in 2010, he was arrested": long before the story's first report, so that an anniversary
    piece's date of the story's own event still counts) are background, and tallies of a city or
    a year ("500 homicides so far this year") context: both are compared with nothing.
    """
    published = published or {}
    first_report: dict[str, str] = {}  # each story's earliest publication date: when its events were news
    for source, day in published.items():
        story = story_of.get(source, "")
        if day and (story not in first_report or day < first_report[story]):
            first_report[story] = day
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        story = story_of.get(claim.source, "")
        if (not is_background(claim, first_report.get(story)) or _of_a_past_year(claim)) and not _is_tally(claim, lexicon) \
                and not _is_earlier_incident(claim, first_report.get(story), lexicon) \
                and not _is_dated_after_news(claim, first_report.get(story), lexicon):
            by_story[story].append(claim)
    found: dict[tuple[str, str], list[_Item]] = {}
    for story, story_claims in by_story.items():
        story_claims = infer_jurisdictions(story_claims, entities, lexicon)
        lead_seen: set[tuple[str, str, str | None]] = set()
        other_fates = _others_of_another_fate(story_claims)
        coarse: dict[str, list[_Item]] = defaultdict(list)
        for claim in sorted(alignable(story_claims, entities, lexicon), key=lambda c: (c.source, c.start)):
            key = coarse_key(claim, entities)
            if key is None or _is_vague(claim, lexicon) or _measures_nothing_said(claim):
                continue
            lead_key = (claim.source, claim.kind, _lead_topic(claim))
            coarse[key].append(_item(claim, entities, lexicon, lead=lead_key not in lead_seen,
                                     first_report=first_report.get(story), other_fate=claim.id in other_fates))
            lead_seen.add(lead_key)
        for key, items in coarse.items():
            parts = {key: items} if len(items) <= _MAX_BLOCK else _split(key, items, entities)
            for part_key, part in parts.items():
                if len({item.claim.source for item in part}) >= 2:
                    found[(story, part_key)] = part
    return found


def _lead_topic(claim: Claim) -> str | None:
    """What a source's first figure is the lead figure of: a casualty type, the counted thing,
    the event a date or time is of, the person an age is of."""
    subject = claim.subject
    if claim.kind == "casualties":
        return claim.subtype
    if claim.kind in {"date", "time"}:
        return subject.predicate_class
    if claim.kind == "age":
        return subject.anchors[0] if subject.anchors else subject.head
    return subject.concept or subject.head


def _is_tally(claim: Claim, lexicon: Lexicon) -> bool:
    """A count of incidents ("500 homicides"), or a figure the sentence sets in another incident
    ("last summer, one man was killed"): a city's tally is context, never one incident's toll."""
    if claim.kind not in {"count", "casualties"}:
        return False
    head = claim.subject.head  # a lemma; the lexicon lists event nouns as written ("shootings", "shots")
    if head not in lexicon.counted_events \
            and "incident" in {lexicon.event_nouns.get(head), lexicon.event_nouns.get(head + "s")}:
        return True
    return _told_with(claim, lexicon.elsewhere_phrases, lexicon)


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `phrases` in a lower-case sentence, its words apart by anything but letters and hyphens,
    as `_told_with` reads the sentence."""
    alternatives = "|".join("[^a-z-]+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)
    return re.compile(rf"(?<![a-z-])(?:{alternatives})(?![a-z-])")


def _over_a_period(claim: Claim, lexicon: Lexicon) -> bool:
    """A count or a change over a period ("38,412 confirmed cases so far this year", "100 people
    killed as of June", "shares fell 6% over the following week", a stake held now not being a
    change: "owns 9.8% after buying shares over the past year"): comparable only with another
    source's figure over a period, never one day's or one event's, two outlets' tallies being of one
    period as a rule only when both say so. A plan is one announcement's figure, whatever period it
    is of ("would cut 5,900 jobs in its second round of layoffs this year")."""
    if claim.modality == "plan":
        return False
    if claim.kind == "percent":
        return claim.subject.predicate_class in lexicon.change_classes \
            and _told_with(claim, lexicon.change_period_phrases, lexicon)
    return claim.kind in {"count", "casualties"} and _told_with(claim, lexicon.period_phrases, lexicon)


def _told_with(claim: Claim, phrases: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Whether a claim's sentence holds one of `phrases`, not as one event's time ("an attack
    earlier this year")."""
    lowered = claim.sentence.lower()
    if not _phrase_pattern(phrases).search(lowered):
        return False  # the common case, decided in one search
    sentence = " " + " ".join(re.findall(r"[a-z-]+", lowered)) + " "
    return any(word_before not in lexicon.point_in_period
               for phrase in phrases if f" {phrase} " in sentence
               for word_before in re.findall(rf"(\S*) {re.escape(phrase)} ", sentence))


def _is_earlier_incident(claim: Claim, first_report: str | None, lexicon: Lexicon) -> bool:
    """The date of a shooting more than a week before the story was first reported: another one
    ("charged with robbery for an incident that occurred March 20"), since a story's own
    incident is news within days. Court dates and other later events are the story's own.
    So is a person told by age alone in a sentence of such a day ("accused of shooting a
    38-year-old man in the Bronx on May 5"): another incident's victim."""
    if claim.kind == "age" and not claim.subject.anchors and first_report and claim.event_date \
            and _DAY.match(claim.event_date):
        days = _days_before(first_report, claim.event_date)
        return days is not None and days > _EARLIER_INCIDENT_DAYS
    if claim.kind != "date" or not first_report or not _DAY.match(str(claim.value)):
        return False
    if occasion(_event_of(claim, lexicon), lexicon) != "incident":
        return False
    days = _days_before(first_report, str(claim.value))
    return days is not None and days > _EARLIER_INCIDENT_DAYS


def _is_dated_after_news(claim: Claim, first_report: str | None, lexicon: Lexicon) -> bool:
    """A shooting dated by a weekday after the story was first reported: read from a later report's
    publication day ("Tuesday morning" in a piece a week on is last week's Tuesday, not this one's),
    never the date of the shooting the first report told."""
    if claim.kind != "date" or not first_report or not _DAY.match(str(claim.value)):
        return False
    if any(char.isdigit() for char in claim.text) or occasion(_event_of(claim, lexicon), lexicon) != "incident":
        return False  # "March 4" written out is the outlet's word, and a misdated shooting a conflict to show
    days = _days_before(first_report, str(claim.value))
    return days is not None and days < -_LATE_REPORT_DAYS


def is_background(claim: Claim, published: str | None) -> bool:
    """A claim whose own date lies long before `published` (its story's first report): an earlier
    event told as background. A date of the story's own event may come back in a follow-up a year
    on; a figure dated months before the first report ("the last comparable clash came in December
    2024, when 19 people were detained") is another event's."""
    when = claim.value if claim.kind == "date" else claim.event_date
    if not published or not isinstance(when, str) or not _ISO_PREFIX.match(when):
        return False
    days = _days_before(published, when)
    return days is not None and days > (_BACKGROUND_DAYS if claim.kind == "date" else _BACKGROUND_FIGURE_DAYS)


def _days_before(published: str, when: str) -> int | None:
    """Days from the last day an ISO date may mean to a publication date; None when either is unreadable."""
    try:
        reported = date.fromisoformat(published[:10])
    except ValueError:
        return None
    happened = _latest_day(when)
    return None if happened is None else (reported - happened).days


def _latest_day(when: str) -> date | None:
    """The last day an ISO date of any precision may mean: "2015" -> 2015-12-28, "2015-11" -> 2015-11-28."""
    parts = [int(part) for part in when.split("-")]
    year, month, day = (parts + [12, 28][len(parts) - 1:])[:3]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _is_vague(claim: Claim, lexicon: Lexicon) -> bool:
    """ "Several people", "dozens of shots": a vague amount is never set against a figure.

    Its range ("several" = 3-9) makes almost any precise figure a "contradiction" that no
    reader would call one.
    """
    return claim.kind in {"count", "casualties"} and claim.text.lower().strip() in lexicon.vague


def _measures_nothing_said(claim: Claim) -> bool:
    """ "About 40 yards away, Vancel said he saw a man": a distance or weight of nothing the
    sentence names, no act and no place it is measured from, set against any other of its unit."""
    subject = claim.subject
    return claim.kind == "quantity" and not (subject.text or subject.predicate or subject.anchors or subject.complements)


def _split(key: str, items: list[_Item], entities: EntityIndex) -> dict[str, list[_Item]]:
    parts: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        parts[f"{key}|{block_key(item.claim, entities)}"].append(item)
    return parts


def _others_of_another_fate(claims: list[Claim]) -> set[str]:
    """The casualty figures whose sentence gives a fate outside the harm just before them, or this
    fate after one: "Four people died and three others are missing" counts the missing, all of
    them. The dead and the wounded are each part of those harmed, so "two were killed and four
    others wounded" stays the rest of the shot, never their number."""
    previous: dict[tuple[str, str], Claim] = {}
    found = set()
    for claim in sorted((c for c in claims if c.kind == "casualties"), key=lambda c: (c.source, c.start)):
        before = previous.get((claim.source, claim.sentence))
        if before is not None and before.subtype != claim.subtype \
                and not {before.subtype, claim.subtype} <= _HARMED:
            found.add(claim.id)
        previous[(claim.source, claim.sentence)] = claim
    return found


_HARMED = frozenset({"killed", "wounded", "shot"})  # the casualty types one toll of the harmed divides into


def _item(claim: Claim, entities: EntityIndex, lexicon: Lexicon, *, lead: bool, first_report: str | None = None,
          other_fate: bool = False) -> _Item:
    places = frozenset(entities.resolve(claim.source, p) for p in claim.subject.places)
    names = frozenset(entities.resolve(claim.source, n) for n in claim.entities)
    people = frozenset(n for n in names if entities.label_of(n) == "PERSON")
    day = claim.event_date if claim.event_date and _DAY.match(claim.event_date) else None
    words = frozenset(w for w in _WORD.findall(claim.sentence.lower()) if w not in _STOPWORDS)
    return _Item(claim, FAMILY[claim.kind], anchor_ids(claim, entities, lexicon), places, names, people, day, words,
                 _event_of(claim, lexicon), _part_of_toll(claim, lexicon, other_fate=other_fate),
                 strip_accents(claim.subject.text), lead,
                 _sex_told(claim, lexicon),
                 _side_of(claim, lexicon) if claim.kind == "age" else None, _framed_by_place(claim),
                 _past_year(claim, first_report), _over_a_period(claim, lexicon),
                 *_measure_of(claim.subject, lexicon), _scale_of(claim, entities, lexicon))


def _scale_of(claim: Claim, entities: EntityIndex, lexicon: Lexicon) -> str | None:
    """Whether a claim's owners are countries ("Vietnamese police") or places no country is ("police
    in the northern province of Hưng Yên"): one story's figure told of a country by one outlet and of
    the province it happened in by another, which no list of places says lies within it."""
    anchors = claim.subject.anchors
    if not anchors:
        return None
    if all(anchor.lower() in lexicon.countries for anchor in anchors):
        return "country"
    if all(anchor.lower() not in lexicon.countries and entities.label_of(entities.resolve(claim.source, anchor)) == "GPE"
           for anchor in anchors):
        return "region"
    return None


def _nested(a: _Item, b: _Item) -> bool:
    """Whether one claim's owners are a country and the other's a place that may lie within it."""
    return {a.scale, b.scale} == {"country", "region"}


def _side_of(claim: Claim, lexicon: Lexicon) -> str | None:
    """Whether an age's person is a suspect or a victim, as the role ("the 35-year-old suspect") or
    the clause after the age tells it ("a 35-year-old man was arrested", "a 35-year-old man shot
    in the head"), or else the words just before it: the agent of a passive ("the shooting death
    of a 13-year-old, allegedly by his 14-year-old friend") or the one a harm is done to ("killing
    his 13-year-old friend"); nothing when it tells both or neither."""
    told = _told(claim.subject.head, _clause_after(claim)[:_SIDE_WINDOW], lexicon.side_of_word)
    if told is not None:
        return told
    before = claim.text_around()[0]
    if _BY_AGENT.search(before):
        return "suspect"
    words = re.findall(r"[a-z]+", before.lower())[-2:]
    if len(words) == 2 and words[1] in _DETERMINERS and lexicon.side_of_word.get(words[0]) == "victim":
        return "victim"
    return None


def _sex_of(claim: Claim, lexicon: Lexicon) -> str | None:
    """A person's sex as their role tells it ("his 11-year-old son"), or as the few words before
    the age do when they name one sex only ("two men; a 46-year-old and a 24-year-old", "his
    girlfriend as Justine E. Baez, 24"). Further back the words are other people's ("the mother
    is in jail, a 4-year-old is dead and a 5-year-old is responsible")."""
    before = claim.text_around()[0].lower()
    decade_of = _DECADE_OF.search(before)  # "he was in his 20s": whose decade the possessive says
    if decade_of is not None and claim.subject.head not in lexicon.sex_of_word:
        return "male" if decade_of.group(1) == "his" else "female"
    return _told(claim.subject.head, re.findall(r"[a-z]+", before)[-_SEX_WINDOW:], lexicon.sex_of_word)


def _sex_told(claim: Claim, lexicon: Lexicon) -> str | None:
    """The sex of whom a claim is about, where it tells people apart: an age's person's (`_sex_of`),
    or for a date or time whoever the words before it name, pronouns too, when they name one sex
    only ("a two-year-old boy died on Saturday" is not "a nine-month-old girl died on February
    11", nor "she succumbed to her injuries on Wednesday")."""
    if claim.kind == "age":
        return _sex_of(claim, lexicon)
    if claim.kind in {"date", "time"}:
        return _told("", re.findall(r"[a-z]+", claim.text_around()[0].lower()), _sex_of_words_and_pronouns(lexicon))
    return None


@lru_cache(maxsize=4)
def _sex_of_words_and_pronouns(lexicon: Lexicon) -> dict[str, str]:
    return lexicon.sex_of_word | lexicon.sex_of_pronoun


_DECADE_OF = re.compile(r"\bin\s+(his|her)\s+(?:(?:early|mid|late)\s*-?\s*(?:to\s+(?:early|mid|late)\s*-?\s*)?)?$")


def _told(role: str, words: list[str], meaning: dict[str, str]) -> str | None:
    """What a person's role word says ("son": male), or else what the nearby words say when they
    all say one thing; nothing when they say both or neither."""
    if role in meaning:
        return meaning[role]
    told = {meaning[word] for word in words if word in meaning}
    return told.pop() if len(told) == 1 else None


def _event_of(claim: Claim, lexicon: Lexicon) -> str | None:
    """The class of what a claim's predicate says happened, as the lexicon has it now (a verb it
    did not class when the claim was read may be classed since); a date's or time's is the event
    noun it is written before, when there is one. A verb of estimating tells no event."""
    predicate, event = claim.subject.predicate, claim.subject.predicate_class
    if claim.kind == "count" and claim.unit == "person" and _told_aboard(claim, lexicon):
        return _ABOARD
    if claim.kind not in {"date", "time"} and predicate in lexicon.estimating_verbs:
        # "police put the crowd at 50,000": who puts the figure, not what happened; but a crowd is
        # of people gathered, as "50,000 people rallied" is
        return lexicon.event_nouns.get(claim.subject.head)
    if predicate and event in {None, predicate}:
        event = lexicon.predicate_class.get(predicate, event)
    if claim.kind in {"date", "time"}:
        named = _event_named_after(claim, lexicon)
        if named is None and predicate in lexicon.light_verbs and occasion(event, lexicon) != "incident" \
                and not _phrasal_class(predicate, event, lexicon) and event not in _noun_classes(lexicon):
            # "made that announcement Sunday": a light verb dates no event of the story, unless it
            # makes a phrase that tells the incident ("made landfall at 2:40 p.m.", "the dam gave way"),
            # a phrasal verb of its own with a particle ("took off at 10:33"), or says that an event
            # its noun names happened ("the emergency landing took place at 11:02")
            return None
        event = named or event
    return event


_ABOARD = "aboard"  # the event of a count of the people a vessel or vehicle held


def _told_aboard(claim: Claim, lexicon: Lexicon) -> bool:
    """Whether a count of people is of those aboard: its verb carries them ("a boat carrying about
    60 migrants") or a word right after them says so ("with about 140 people aboard", "There were
    124 people on board")."""
    if claim.subject.predicate in lexicon.aboard_verbs:
        return True
    return bool(_aboard_words(lexicon).search(" ".join(_words_after(claim)[:4])))


@lru_cache(maxsize=4)
def _aboard_words(lexicon: Lexicon) -> re.Pattern[str]:
    """The lexicon's words for being aboard ("aboard", "on board"), as whole words."""
    return re.compile(rf"\b(?:{'|'.join(re.escape(word) for word in lexicon.aboard_words)})\b")


def alignable(claims: list[Claim], entities: EntityIndex, lexicon: Lexicon) -> list[Claim]:
    """Claims that can stand for one fact: not one of several same-kind figures in a sentence.

    "It was like 15 gunshots, 20 gunshots", "two counts of homicide, four counts of assault",
    "six men and one woman": a sentence that lists figures of one block gives alternatives or
    parts, and comparing any one of them across sources would be a guess. Ages and offices
    are each one person's ("a 46-year-old and a 24-year-old"), and a part the sentence marks
    as one ("eight people, including five children, were killed") lists nothing: the total
    and the part are each a fact.
    """
    listed: defaultdict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        key = block_key(claim, entities)
        if key is not None and claim.kind not in _OWN_FIGURES and not _is_marked_part(claim, lexicon):
            listed[(claim.source, claim.sentence, key)].append(claim)

    def stands_alone(claim: Claim) -> bool:
        if claim.kind in _OWN_FIGURES or _is_marked_part(claim, lexicon):
            return True
        if claim.kind == "percent" and claim.subject.predicate in lexicon.session_close_verbs:
            return True  # "fell as much as 9.1% before closing down 6.8%": the close is the day's move
        sentence_list = listed[(claim.source, claim.sentence, block_key(claim, entities) or "")]
        if any(c.subject.predicate_class == _TALLY for c in sentence_list):
            # "the death toll has risen to six after rescuers recovered two more bodies": the rise
            # holds the bodies added, which are no alternative to it (but "fourteen were arrested and
            # two more detained later" gives no total)
            if _told_as_more(claim, lexicon):
                return False
            sentence_list = [c for c in sentence_list if not _told_as_more(c, lexicon)]
        return _own_thing(sentence_list, lexicon) or _restated_day(claim, sentence_list)

    return [claim for claim in claims if stands_alone(claim)]


def _restated_day(claim: Claim, listed: list[Claim]) -> bool:
    """The first of a sentence's statements of one day or hour, all of it given twice ("on Tuesday
    night (23 September)"): one fact, which its restatement does not make a list."""
    return claim.kind in {"date", "time"} and claim is listed[0] and len({str(c.value) for c in listed}) == 1


def _own_thing(listed: list[Claim], lexicon: Lexicon) -> bool:
    """Whether the figures a sentence gives of one block are each a thing of its own: one figure,
    figures each of its own owner ("79 seats, against 77 seats for the Socialist Party"), counts of
    things each done something else to ("tens of thousands rallied; police detained nine people"),
    counts of different things ("243 passengers and 12 crew members"), or sums of things the
    lexicon tells apart (revenue and net profit). Casualties only of groups the lexicon tells apart
    (`_people_of_other_kinds`), never people told by sex or age or as people ("seven men and two
    women", "10 people: four victims, two suspects and four witnesses"), which are a toll, its
    parts or their total."""
    if len(listed) <= 1 or sorted(str(claim.subtype) for claim in listed) == ["end", "start"]:
        return True  # one figure, or a range's start and end ("a curfew from 9 p.m. to 6 a.m.")
    owners = [frozenset(claim.subject.anchors) for claim in listed]
    if all(owners) and all(not a & b for i, a in enumerate(owners) for b in owners[i + 1:]):
        return True
    if any(claim.kind == "casualties" for claim in listed):
        return _people_of_other_kinds(listed, lexicon)
    if len(listed) == 2 and {claim.modality for claim in listed} == {"plan", "fact"}:
        return True  # "approved with a budget of 179.4 billion baht, has ended up costing 214.6 billion": the plan and the outcome
    if any(claim.kind != "count" for claim in listed):
        # sums, shares or measures of things the lexicon tells apart ("revenue fell to 412.6 billion
        # yen, and net profit came to 17.9 billion yen"), or things of other names where it knows
        # one, each as a fact ("a Sh30 million cash bail ... the Sh25 billion dam tender"; but
        # "revenue of $13.6 billion, against estimates of $13.7 billion" gives one thing's two values)
        concepts = [claim.subject.concept for claim in listed]
        told_apart = not any(a and b and _concepts_compatible(a, b, lexicon)
                             for i, a in enumerate(concepts) for b in concepts[i + 1:])
        if all(concepts):
            return told_apart
        heads = [claim.subject.head for claim in listed]
        return told_apart and any(concepts) and all(heads) and len(set(heads)) == len(heads) \
            and not any(claim.modality in {"plan", "estimate"} for claim in listed)
    done = [_event_of(claim, lexicon) for claim in listed]
    if all(event in known_classes(lexicon) for event in done) and len(set(done)) == len(done):
        return True  # "tens of thousands rallied, and police detained nine people": what was done to each
    heads = [claim.subject.head for claim in listed]
    if len(set(heads)) < len(heads) or not all(heads):
        return False
    verbs = [claim.subject.predicate for claim in listed]
    # "1,240 people were evacuated and 860 households were flooded": other things, each its own verb
    return (all(verbs) and len(set(verbs)) == len(verbs)) or not any(head in lexicon.plain_people for head in heads)


def _people_of_other_kinds(listed: list[Claim], lexicon: Lexicon) -> bool:
    """ "Twenty-three protesters and nine police officers were hurt": casualties of groups the
    lexicon tells apart, each group's own figure, where people told only by sex or age ("seven men
    and two women") are a toll's parts."""
    concepts = [claim.subject.concept for claim in listed]
    return all(concept and concept not in _ANYONE for concept in concepts) \
        and not any(claim.subject.head in lexicon.plain_people for claim in listed) \
        and not any(_concepts_compatible(a, b, lexicon) for i, a in enumerate(concepts) for b in concepts[i + 1:])


def _told_as_more(claim: Claim, lexicon: Lexicon) -> bool:
    """A figure told as added to an earlier count ("two more bodies", "three more were found")."""
    return bool(set(_words_after(claim)[:1]) & lexicon.increment_words)


def _is_marked_part(claim: Claim, lexicon: Lexicon) -> bool:
    """ "including five children", "two of them": a figure the sentence gives as a part of another."""
    before = " ".join(re.findall(r"[a-z]+", claim.text_around()[0].lower())[-2:])
    return any(before.endswith(words) for words in lexicon.part_of_words)


def _rest_told_after(claim: Claim, lexicon: Lexicon) -> bool:
    """ "Four victims were taken to St. Vincent's and the other to Bridgeport Hospital": the sentence
    goes on to the rest of the figure's group, with the figure's verb left out, so the figure counts
    a share of it. "One was killed and the other was wounded" tells the other's own fate: the one
    killed is the toll."""
    after = " " + " ".join(_words_after(claim)) + " "
    return any(f" {phrase} {preposition} " in after for phrase in lexicon.rest_after for preposition in _ELLIPSIS)


_ELLIPSIS = ("to", "at", "in", "into", "on", "by", "with", "from")  # "... and the other to Bridgeport Hospital"


def anchor_ids(claim: Claim, entities: EntityIndex, lexicon: Lexicon) -> frozenset[str]:
    """The entities a claim is anchored to; a capital also anchors its country ("Pyongyang sent")."""
    ids = set()
    for anchor in claim.subject.anchors:
        ids.add(entities.resolve(claim.source, anchor))
        country = lexicon.capital_of.get(anchor.lower())
        if country is not None:
            ids.add(entities.resolve("", country))
    return frozenset(ids)


def coarse_key(claim: Claim, entities: EntityIndex) -> str | None:
    """The block a claim is compared within: its family, and what no wording can change."""
    if claim.kind in {"count", "casualties"}:
        return "amount"
    if claim.kind == "money":
        return f"money|{claim.unit}"
    if claim.kind == "quantity":
        return f"quantity|{claim.unit}"
    if claim.kind in {"role", "quote"}:
        return block_key(claim, entities)
    if claim.kind == "date" and not (claim.subject.predicate_class or claim.subject.anchors):
        return None  # a bare date in a sentence of no event
    if claim.kind == "date" and not _CALENDAR_DAY.match(str(claim.value)):
        return None  # "in August", "last year": too coarse to set against a day, and mostly background
    return claim.kind


def block_key(claim: Claim, entities: EntityIndex) -> str | None:
    """The finest key a claim has: what it counts, the casualty type, currency, unit or office."""
    subject = claim.subject
    if claim.kind == "count":
        return f"count|{subject.concept or 'head:' + subject.head}"
    if claim.kind == "casualties":
        return f"casualties|{claim.subtype}"
    if claim.kind == "money":
        return f"money|{claim.unit}"
    if claim.kind == "percent":  # a share of something, or held by someone ("Kilicdaroglu took 46 percent")
        head = strip_accents(subject.head or subject.text)
        return f"percent|{head}" if head else None
    if claim.kind == "quantity":
        return f"quantity|{claim.unit}|{subject.concept or subject.head}"
    if claim.kind == "date":
        return f"date|{subject.predicate_class}"
    if claim.kind == "time":
        return f"time|{subject.predicate_class}"
    if claim.kind == "age":
        return f"age|{entities.resolve(claim.source, subject.anchors[0])}" if subject.anchors else "age|"
    if claim.kind == "role":  # an office without a country or body is the story's (`infer_jurisdictions`)
        jurisdiction = entities.resolve(claim.source, subject.anchors[0]) if subject.anchors else ""
        return f"role|{subject.head}|{jurisdiction}"
    if claim.kind == "quote":  # words in the speaker's own, never what a reporter says they said
        return f"quote|{claim.subtype}" if subject.head == "quote" else None
    return None


def _fine_key(claims: tuple[Claim, ...]) -> str:
    """What most members count and of whom, and the group's first claim: keeps the fingerprints
    of one block's groups apart ("the girl" and "Makanzee Oldham" may both be aged 2 and 3)."""
    keys = Counter(f"{c.kind}|{c.subtype or c.subject.concept or c.subject.head}|{c.subject.text}" for c in claims)
    return f"{max(keys, key=lambda k: (keys[k], k))}|{claims[0].id}"


def infer_jurisdictions(claims: list[Claim], entities: EntityIndex, lexicon: Lexicon) -> list[Claim]:
    """Give each office title without a country or body one, or leave it out of alignment.

    "President Yoon" takes the country that other claims of the story give the same person. An
    office whose jurisdiction no claim of the story gives is the story's own: "Interior Minister
    Dragan Vukasinovic" in one report of a Belgrade protest and "Interior Minister Dragan Vukotic"
    in another name two holders of one office. An unplaced title is compared with nothing where
    it could be any of several offices of that name:
    - the story gives the office's jurisdiction elsewhere ("Defense Minister Rustem Umerov"
      beside "South Korean Defense Minister Kim Yong Hyun");
    - one source names two holders of it ("Socialist leader Pedro Nuno Santos" and "AD leader
      Luis Montenegro": each party has its own);
    - it names its holder by one word only, the surname or a shop's name ("King Soopers");
    - every body has such an office ("the union's director of flight safety, Marcelo Antunes").
    A holder that is a company whose name the model took for a person's (`EntityIndex.companies`) is
    no holder: "the technical director of the operating company, Svaneti Resorts, Zurab
    Kvaratskhelia" names the company after the office.
    """
    claims = [c for c in _heads_named(_described_bodies_named(claims, lexicon), entities)
              if c.kind != "role" or entities.resolve(c.source, str(c.value)) not in entities.companies]
    known: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    unplaced_holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    placed_at: dict[str, dict[str, str]] = defaultdict(dict)  # office -> its places' entity ids -> a name of each
    placed_by_source: dict[tuple[str, str], set[str]] = defaultdict(set)  # (office, source) -> holders it places
    for claim in claims:
        if claim.kind != "role":
            continue
        holder = entities.resolve(claim.source, str(claim.value))
        if claim.subject.anchors:
            known[(claim.subject.head, holder)][claim.subject.anchors[0]] += 1
            placed_at[claim.subject.head][entities.resolve(claim.source, claim.subject.anchors[0])] = claim.subject.anchors[0]
            placed_by_source[(claim.subject.head, claim.source)].add(holder)
        else:
            unplaced_holders[(claim.subject.head, claim.source)].add(holder)
    shared = lexicon.generic_offices | {head for (head, _), holders in unplaced_holders.items() if len(holders) > 1}
    placed_or_shared = {head for head, _ in known} | shared
    never_placed: dict[str, set[str]] = defaultdict(set)  # office -> holders no claim of the story places
    for (head, _), holders in unplaced_holders.items():
        never_placed[head].update(holder for holder in holders if (head, holder) not in known)
    several = {head for head, holders in never_placed.items() if len(holders) > 1}  # "AD leader" and "Chega leader"
    of_no_one_body = shared | several
    inferred: list[Claim] = []
    for claim in claims:
        if claim.kind == "role" and not claim.subject.anchors:
            holder = entities.resolve(claim.source, str(claim.value))
            places = known.get((claim.subject.head, holder))
            # (not where its own source places another holder: "MSA's chief executive, X" and
            # "Valadares' own chief executive, Y" are two companies' officers)
            only = _only_place(claim, placed_at.get(claim.subject.head, {}), entities, lexicon) \
                if claim.subject.head not in of_no_one_body \
                and not placed_by_source[(claim.subject.head, claim.source)] - {holder} else None
            if places and len(places) == 1:
                claim = _office_at(claim, next(iter(places)))
            elif only is not None and len(str(claim.value).split()) >= 2:
                claim = _office_at(claim, only)
            elif claim.subject.head in placed_or_shared or len(str(claim.value).split()) < 2:
                continue
        inferred.append(claim)
    return inferred


def _only_place(claim: Claim, places: dict[str, str], entities: EntityIndex, lexicon: Lexicon) -> str | None:
    """The one body its story gives a body's office that a claim names without one, when the
    claim's sentence names no other body: "Chief Executive Daniel Lim" in a story whose only chief
    executive named with a body is Orchidtel's. Never a country's or a public office written as an
    honorific ("President Erdogan", "Agriculture Minister X"), which a reader places in the outlet's
    own country whatever body the story names."""
    if len(places) != 1 or claim.subject.head.split()[-1] in lexicon.honorifics:
        return None
    (place_id, name), = places.items()
    if entities.label_of(place_id) != "ORG":
        return None
    other_body = any(entity != str(claim.value) and (entity_id := entities.resolve(claim.source, entity)) != place_id
                     and entities.label_of(entity_id) == "ORG" for entity in claim.entities)
    return None if other_body else name


def _described_bodies_named(claims: list[Claim], lexicon: Lexicon) -> list[Claim]:
    """Give an office of a body described in lower case ("director of the provincial health
    department") the body another claim of the story names ("director of the Dong Nai Department
    of Health"): the one name whose words hold the description's kind and its other words but
    those of level ("provincial", "city"). Two such names leave it as written."""
    named = {anchor for claim in claims if claim.kind == "role" for anchor in claim.subject.anchors
             if not anchor.islower()}
    words_of = {anchor: set(name_key(anchor).split()) for anchor in named}
    described: list[Claim] = []
    for claim in claims:
        anchors = claim.subject.anchors
        if claim.kind == "role" and anchors and anchors[0].islower() and anchors[0].split()[-1] in lexicon.body_heads:
            told = set(name_key(anchors[0]).split()) - lexicon.body_levels
            matches = [anchor for anchor, words in words_of.items() if told <= words]
            if len(matches) == 1:
                claim = _office_at(claim, matches[0])
        described.append(claim)
    return described


def _heads_named(claims: list[Claim], entities: EntityIndex) -> list[Claim]:
    """Call "head of" a body by the one office of one holder another claim of the story gives
    at that body: "George Lazar, head of the Neamt county council" holds what "the president of
    the Neamţ County Council, Ionuț Lazăr" holds. A body with two such offices leaves it a head."""
    offices_at: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.kind == "role" and claim.subtype == "single" and claim.subject.head != _HEAD_OFFICE \
                and claim.subject.anchors:
            offices_at[entities.resolve(claim.source, claim.subject.anchors[0])].add(claim.subject.head)
    named: list[Claim] = []
    for claim in claims:
        if claim.kind == "role" and claim.subject.head == _HEAD_OFFICE and claim.subject.anchors:
            offices = offices_at.get(entities.resolve(claim.source, claim.subject.anchors[0]), set())
            if len(offices) == 1:
                claim = _office_at(claim, claim.subject.anchors[0], next(iter(offices)))
        named.append(claim)
    return named


_HEAD_OFFICE = "head"  # the office `offices.toml` gives "head of", "director", "general manager"


def _office_at(claim: Claim, place: str, office: str | None = None) -> Claim:
    """A role claim told as `office` (its own, unless given) of `place`, as its subject's text writes it."""
    office = office or claim.subject.head
    return replace(claim, subject=replace(claim.subject, anchors=(place,), head=office, concept=office,
                                          text=f"{place} {office}"))


def pair_evidence(a: _Item, b: _Item, lexicon: Lexicon) -> dict[str, float]:
    """What speaks for (and against) two claims stating one fact, each feature in [0, 1].

    The names are the model's feature names in `rules/lexicon/alignment.toml`.
    """
    ca, cb = a.claim, b.claim
    sa, sb = ca.subject, cb.subject
    both_casualties = ca.kind == cb.kind == "casualties"
    features: dict[str, float] = {
        "same_kind": float(ca.kind == cb.kind),
        "same_casualty_type": float(both_casualties and ca.subtype == cb.subtype),
        "other_casualty_type": float(both_casualties and ca.subtype != cb.subtype),
        "shot_and_hurt": float(both_casualties and {ca.subtype, cb.subtype} == {"shot", "wounded"}),
        "same_concept": float(bool(sa.concept) and sa.concept == sb.concept),
        "other_concept": float(bool(sa.concept and sb.concept) and not _concepts_compatible(sa.concept, sb.concept,
                                                                                               lexicon)),
        "same_head": float(bool(sa.head) and sa.head == sb.head),
        "same_predicate": float(bool(a.event) and a.event == b.event),
        "other_predicate": float(bool(a.event and b.event) and a.event != b.event),
        "subject_words": fuzz.token_set_ratio(a.subject, b.subject) / 100 if a.subject and b.subject else 0.0,
        "same_thing_other_verb": float(bool(a.event and b.event) and a.event != b.event and bool(sa.head)
                                       and sa.head == sb.head and a.subject == b.subject
                                       and sa.head not in _ANYONE),
        "same_owner": float(bool(a.anchors & b.anchors)),
        "other_owner": float(bool(a.anchors and b.anchors) and not a.anchors & b.anchors),
        "same_place": float(bool(a.places & b.places)),
        "other_place": float(bool(a.places and b.places) and not a.places & b.places),
        "shared_names": _jaccard(a.names, b.names),
        "other_day": float(bool(a.day and b.day) and a.day != b.day),
        "other_date": float(not _dates_agree(ca.event_date, cb.event_date)),
        "shared_words": _jaccard(a.words, b.words),
        "both_lead": float(a.lead and b.lead),
        "plan_and_fact": float((ca.modality == "plan") != (cb.modality == "plan")),
        "other_complement": float(bool(sa.complements and sb.complements)
                                  and not set(sa.complements) & set(sb.complements)),
        "values_far_apart": _far_apart(ca, cb),
        "misprint": float(_misprinted(ca, cb)),
        "days_apart": float(_days_apart(ca, cb)),
        "hours_apart": float(_hours_apart(ca, cb)),
    }
    return features


def link_probability(features: dict[str, float], family: str, model: AlignmentModel,
                     threshold: float | None = None) -> float:
    """The model's probability that a pair with these features states one fact, moved so that
    the model's own threshold falls on `threshold` (the one clustering joins at) when given."""
    score = model.bias.get(family, model.bias.get("default", 0.0))
    score += sum(model.weights.get(name, 0.0) * value for name, value in features.items())
    if threshold is not None:
        score += _logit(threshold) - _logit(model.threshold)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _model_for(a: _Item, b: _Item, model: AlignmentModel) -> AlignmentModel:
    """The weights for a pair. Two claims that give one value and two that differ are weighed
    apart: a shared value is itself evidence of one fact, and a story's agreeing statements
    (most of its pairs) would otherwise set the weights by which its conflicts are found."""
    return model.differing if model.differing is not None and a.claim.value != b.claim.value else model


def occasion(event: str | None, lexicon: Lexicon) -> str | None:
    """The occasion whose date and time an event shares: a call to police or their arrival is
    timed as the incident it reports (the evidence still weighs the difference of action)."""
    return lexicon.occasion_of.get(event or "", event)


def _phrasal_class(verb: str, event: str | None, lexicon: Lexicon) -> bool:
    """Whether a light verb's class is that of a phrasal verb the lexicon lists, made with a
    particle ("took off at 10:33": a departure), a word of its own rather than the light verb."""
    return (verb, event) in _particle_verbs(lexicon)


@lru_cache(maxsize=4)
def _noun_classes(lexicon: Lexicon) -> frozenset[str]:
    """The classes of events the lexicon knows nouns of ("landing", "departure", "talks")."""
    return frozenset(lexicon.event_nouns.values())


@lru_cache(maxsize=4)
def _particle_verbs(lexicon: Lexicon) -> frozenset[tuple[str, str]]:
    """(verb, class) of the lexicon's phrasal verbs made with a particle: ("take", "departure")."""
    return frozenset((words[0], name) for phrase, name in lexicon.predicate_class.items()
                     if len(words := phrase.split()) == 2 and words[1] in PARTICLES)


def _event_named_after(claim: Claim, lexicon: Lexicon) -> str | None:
    """The event a date is written before: "the July 4 shooting", "Sunday's attack" -> incident.

    The sentence's verb may be another event's ("the man charged in the July 4 shooting"); the
    noun the date modifies says which event the date is of.
    """
    for word in _words_after(claim)[:2]:
        if word in lexicon.event_nouns:
            return lexicon.event_nouns[word]
        if word not in {"s", "night", "morning", "afternoon", "evening"}:
            break
    return None


def _part_of_toll(claim: Claim, lexicon: Lexicon, *, other_fate: bool = False) -> str | None:
    """What part of a toll a figure counts, if not the whole: the rest beside another figure
    ("four others were shot", "killed three more people"), or a group the sentence singles out
    ("including five children", "two women were also shot"), or one share of a group the sentence
    goes on to divide ("four were taken to X and the other to Y"). A rest, a subgroup and a share
    count different people, and none is the toll."""
    words = {claim.subject.head, *claim.subject.modifiers, *claim.subject.text.split(), *_words_after(claim)[:1]}
    if words & lexicon.increment_words and not _figure_before(claim):
        return "increment"  # "six more bodies were recovered": more than an earlier count, not than a figure beside
    if words & (lexicon.remainder_words | lexicon.increment_words) and not other_fate:
        return "remainder"  # "four others were shot", "two were killed and two more wounded"
    if _is_marked_part(claim, lexicon) or set(_clause_after(claim)) & lexicon.also_words or _one_of_two(claim):
        return "subgroup"
    if _rest_told_after(claim, lexicon):
        return "split"
    if _coordinated_group(claim, lexicon):
        return "beside"
    return None


def _figure_before(claim: Claim) -> bool:
    """Whether the claim's sentence gives a figure before it."""
    return any(word.isdigit() or word in NUMBER_WORDS for word in re.findall(r"[a-z0-9]+", claim.text_around()[0].lower()))


def _coordinated_group(claim: Claim, lexicon: Lexicon) -> bool:
    """ "One adult and two children are dead", "three women and a man injured": one group of people
    counted beside another, a part of the toll however the sentence goes on. Only people nouns
    join the groups, so "one killed and two injured" keeps both its figures whole."""
    people = _person_nouns(lexicon)
    before, after = claim.text_around()
    words_after = re.findall(r"[a-z0-9-]+", after.lower())[:4]
    if "and" in words_after[1:3]:
        at = words_after.index("and")
        if _is_person_word(words_after[at - 1], people) and at + 1 < len(words_after) and _is_group_start(words_after[at + 1]):
            return True
    words_before = [word for word in re.findall(r"[a-z0-9-]+", before.lower()) if word not in _POSSESSIVES][-4:]
    if len(words_before) >= 3 and words_before[-1] == "and" and _is_person_word(words_before[-2], people):
        return any(_is_group_start(word) for word in words_before[-4:-2])
    return False


_POSSESSIVES = frozenset({"his", "her", "their", "its"})  # "a woman and her two boys": the boys counted beside her


def _is_person_word(word: str, people: frozenset[str]) -> bool:
    """ "adult" or "adults": the lexicon lists lemmas, the sentence has plurals."""
    return word in people or (word.endswith("s") and word[:-1] in people)


def _is_group_start(word: str) -> bool:
    """A word that opens a counted group of people: a number or an article ("two children", "a man")."""
    return word in {"a", "an"} or word in NUMBER_WORDS or word.isdigit()


@lru_cache(maxsize=4)
def _person_nouns(lexicon: Lexicon) -> frozenset[str]:
    """The nouns the lexicon counts as people ("adult", "women", "children")."""
    return frozenset(noun for noun, concept in lexicon.concept_of.items() if concept in lexicon.person_concepts)


def _parts_comparable(a: _Item, b: _Item, lexicon: Lexicon) -> bool:
    """Whether two figures count the same part of a toll. A group counted beside another ("two
    male students and a female student") is the fact of a figure of that kind of person alone
    ("two boys were wounded") or beside others, but never of a toll of anyone ("three victims"),
    and groups of other kinds ("one adult and two children") are two facts."""
    if "increment" in {a.part, b.part}:
        return False  # what each source added since its own earlier count
    if {a.part, b.part} == {"subgroup", None}:
        # "including two children" and "three children were killed", "among them 19 Saudis" and
        # "Sixteen Saudi citizens": the same group when the whole figure names the subgroup's own kind
        subgroup, other = (a, b) if a.part == "subgroup" else (b, a)
        return _names_kind_of(other.claim.subject, subgroup.claim.subject.head, lexicon)
    if a.part != "beside" and b.part != "beside":
        return a.part == b.part
    if a.part == b.part:
        return a.claim.subject.concept == b.claim.subject.concept
    whole = b if a.part == "beside" else a
    return whole.part is None and bool(whole.claim.subject.head) and whole.claim.subject.head not in lexicon.whole_words


def _names_kind_of(subject: Subject, head: str, lexicon: Lexicon) -> bool:
    """Whether a subject counts the kind of thing a subgroup's head names in a modifier of another
    head ("Saudi citizens" for "Saudis"); never a toll's word for anyone. The same head is no sign:
    "including 312 detainees on the first day" is one day's share of all the detainees."""
    if not head or head in lexicon.whole_words or subject.head == head:
        return False
    return bool(_kinds(head, lexicon) & {kind for word in subject.modifiers for kind in _kinds(word, lexicon)})


def _kinds(word: str, lexicon: Lexicon) -> set[str]:
    """The country a demonym names ("Britons" and "British" alike), or else the word and its singular."""
    place = demonym_place(word, lexicon)
    return {place} if place else {word, word.removesuffix("s")}


def _one_of_two(claim: Claim) -> bool:
    """ "One officer was wounded in his foot, and the other was wounded in his leg": one of a pair,
    each told apart, not a toll of one. Only when the other is said to suffer the same ("one was
    killed and the other wounded" keeps its toll of one killed)."""
    if claim.value != 1 or not claim.subject.predicate:
        return False
    after = claim.text_around()[1].lower()
    at = after.find("the other ")
    return at >= 0 and any(word.startswith(claim.subject.predicate) for word in re.findall(r"[a-z]+", after[at:]))


def _clause_after(claim: Claim) -> list[str]:
    """The words after a claim's text up to the end of its clause ("two women ... were *also* shot")."""
    return re.findall(r"[a-z]+", re.split(r"[,;:.!?]", claim.text_around()[1], maxsplit=1)[0].lower())


def _words_after(claim: Claim) -> list[str]:
    """The lower-case words that follow a claim's text in its sentence ("three *more* people")."""
    return re.findall(r"[a-z]+", claim.text_around()[1].lower())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _far_apart(a: Claim, b: Claim) -> float:
    """1 for numbers a factor of five or more apart: implausible as two reports of one figure.

    Only implausibility counts: a closer difference is what the check looks for, and letting it
    weigh against a link would hide the very contradictions crosscheck exists to find.
    """
    magnitudes = _magnitudes(a, b)
    if magnitudes is None:
        return 0.0
    low, high = magnitudes
    return float(high >= _FAR_APART * max(low, 1.0) and not _decimal_slip(low, high))


def _magnitudes(a: Claim, b: Claim) -> tuple[float, float] | None:
    """Two numeric claims' absolute values, the smaller first; None when either is no number."""
    if isinstance(a.value, str) or isinstance(b.value, str):
        return None
    low, high = sorted((abs(float(a.value)), abs(float(b.value))))
    return low, high


def _decimal_slip(low: float, high: float) -> bool:
    """One figure of three significant digits or more written with its decimal point in another place
    ("$28.75 million" for $287.5 million): the commonest misprint of a figure, never two figures."""
    digits = _significant_digits(low)
    return len(digits) >= _SLIP_DIGITS and digits == _significant_digits(high) \
        and abs(math.log10(high / low) - round(math.log10(high / low))) < 1e-9


def _misprinted(a: Claim, b: Claim) -> bool:
    """Two figures that one slip of a writer turns into each other: two neighbouring digits swapped
    ("9.8%" and "8.9%", "R$18.40" and "R$18.04", "420 million" and "240 million"), the decimal
    point moved (`_decimal_slip`) or a clock time's hour (`_other_hour`). Evidence of one figure
    misprinted, which is what a conflict is."""
    if a.kind == b.kind == "time":
        minutes = _clock_minutes_of(a, b)
        return minutes is not None and _other_hour(*minutes)
    magnitudes = _magnitudes(a, b)
    counted = a.kind in _COUNTED and b.kind in _COUNTED
    return magnitudes is not None and a.value != b.value \
        and _one_slip_apart(*magnitudes, _SWAP_MIN_COUNTED if counted else _SWAP_MIN)


@lru_cache(maxsize=65536)
def _one_slip_apart(low: float, high: float, swap_min: int) -> bool:
    """`_misprinted` of two magnitudes, the smaller first (a story's figures recur in many pairs),
    whose whole numbers below `swap_min` are never taken for two digits swapped."""
    if low == 0:
        return False
    if _decimal_slip(low, high):
        return True
    if high < swap_min and low.is_integer() and high.is_integer():
        return False  # "12" and "21" of two ages are as often two people's
    decimals = max(len(f"{value:.6f}".rstrip("0").split(".")[1]) for value in (low, high))
    first, second = (f"{value:.{decimals}f}".replace(".", "") for value in (low, high))
    differ = [i for i, (x, y) in enumerate(zip(first, second)) if x != y]
    return len(first) == len(second) and len(differ) == 2 and differ[1] == differ[0] + 1 \
        and first[differ[0]] == second[differ[1]] and first[differ[1]] == second[differ[0]]


def _other_hour(ma: int, mb: int) -> bool:
    """Two clock times (minutes after midnight) with the same odd minutes past hours one slip apart
    ("3:42 a.m." and "4:42 a.m." or "3:42 p.m."; a neighbouring zone's "5:42"): one time with its
    hour mistyped or taken in another zone. Minutes a writer rounds to (":30", ":45") are as often
    two events an hour apart, and so are odd ones hours apart (an update stamped 12:52 p.m., a
    surrender at 4:52)."""
    if ma == mb or ma % 60 != mb % 60 or ma % _ROUND_MINUTES == 0:
        return False
    return clock_gap((ma, ma), (mb, mb)) <= _SLIP_HOURS * 60 or abs(ma - mb) == 12 * 60


def _clock_minutes_of(a: Claim, b: Claim) -> tuple[int, int] | None:
    """Two time claims' values as minutes after midnight; None unless both are clock times."""
    ma, mb = clock_minutes(str(a.value)), clock_minutes(str(b.value))
    if a.kind != "time" or b.kind != "time" or ma is None or mb is None:
        return None
    return ma, mb


def _significant_digits(value: float) -> str:
    return f"{value:.6e}".split("e")[0].replace(".", "").rstrip("0")


def _days_apart(a: Claim, b: Claim) -> bool:
    """Two days more than a few days apart: two incidents, more often than one misdated."""
    return a.kind == b.kind == "date" and _days_between(a, b) > _CLOSE_DAYS


def _weeks_apart(a: Claim, b: Claim) -> bool:
    """Two days a month or more apart: one event misdated by weeks is rarer than two events."""
    return _days_between(a, b) > _SAME_EVENT_MAX_DAYS


def _days_between(a: Claim, b: Claim) -> int:
    """Days between two claims' calendar days; 0 unless both values are whole days."""
    if not (_DAY.match(str(a.value)) and _DAY.match(str(b.value))):
        return 0
    return abs((date.fromisoformat(str(a.value)) - date.fromisoformat(str(b.value))).days)


def _hours_apart(a: Claim, b: Claim) -> bool:
    """Two clock times hours apart: the shooting and the coroner's arrival, not one event misreported."""
    minutes = _clock_minutes_of(a, b)
    if minutes is None:
        return False
    ma, mb = minutes
    return clock_gap((ma, ma), (mb, mb)) > _CLOSE_MINUTES and not _other_hour(ma, mb)


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Two event dates that could name the same time ("2015-11" and "2015-11-27" do)."""
    if not a or not b or not _ISO_PREFIX.match(a) or not _ISO_PREFIX.match(b):
        return True
    return a.startswith(b) or b.startswith(a)


def _of_a_past_year(claim: Claim) -> bool:
    """A figure a sentence sets in a past year ("renovated in 2022 at a cost of 2.4 million lei"):
    background, but comparable with what other sources say of that year, and only that (`_past_year`).
    Not a past disaster's toll ("the 1997 flood killed 56 people in the country"), which sources tell
    for other scopes and from other counts as a matter of course."""
    return claim.kind not in {"date", "casualties"} and bool(claim.event_date and _YEAR.match(claim.event_date))


def _past_year(claim: Claim, first_report: str | None) -> str | None:
    """The year a sentence sets its figure in ("In 2024, 2,211 cases were registered"), when it is a
    whole year before the one its story was news in."""
    year = claim.event_date
    return year if year and _YEAR.match(year) and first_report and year < first_report[:4] else None


def _of_another_year(item: _Item, other: Claim) -> bool:
    """A figure of a past year is that year's: no figure of another time, or of none told (the
    story's own), is the same fact."""
    return item.past_year is not None and not (other.event_date or "").startswith(item.past_year)


def _is_measured_from(claim: Claim) -> bool:
    """A distance from a place ("65 miles east of Syracuse"): extraction gives it the place as its
    anchor and "east of" (or "from") as its complement."""
    return claim.kind == "quantity" and any(c.split()[-1] in {"of", "from"} for c in claim.subject.complements if c)


def _of_other_things(a: Claim, b: Claim) -> bool:
    """Both counted nouns say what they are of, and not the same ("counts of trafficking", "counts
    of possession"), as extraction wrote it into the subject."""
    of_a, of_b = _of_what(a), _of_what(b)
    return of_a is not None and of_b is not None and of_a != of_b


def _of_what(claim: Claim) -> str | None:
    words = claim.subject.text.split()
    return words[words.index("of") + 1] if "of" in words[:-1] else None


def _measure_of(subject: Subject, lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The periods a subject's words name ("annual", "year-on-year": year) and the words that make it
    a narrower measure ("core", "average"); nothing for a subject not told ("the minimum wage, at
    332,000 pesos") says nothing against any measure (`_other_measures`)."""
    words = set(subject.modifiers) | {f"{x}-on-{z}" for x, y, z in zip(subject.modifiers, subject.modifiers[1:],
                                                                      subject.modifiers[2:]) if y == "on"}
    return (frozenset(lexicon.period_measures[word] for word in words if word in lexicon.period_measures),
            frozenset(words & lexicon.narrowing_measures))


def _other_measures(a: _Item, b: _Item) -> bool:
    """Whether two claims are of other measures of one thing: of two periods ("annual" and "monthly"
    inflation), or one narrower than the other ("core inflation" and "inflation")."""
    if not (a.claim.subject.head and b.claim.subject.head):
        return False
    return bool(a.periods and b.periods and a.periods != b.periods) or a.narrowed != b.narrowed


def _concepts_compatible(a: str | None, b: str | None, lexicon: Lexicon) -> bool:
    if a is None or b is None or a == b:
        return True
    return lexicon.broader.get(a) == b or lexicon.broader.get(b) == a


def _is_duration(claim: Claim) -> bool:
    """ "Sentenced to seven years", "a five-hour standoff": a quantity of time."""
    return claim.kind == "quantity" and (claim.subject.concept or "").startswith("duration")


def _may_link(a: _Item, b: _Item, known_classes: frozenset[str], lexicon: Lexicon) -> bool:
    """The few hard rules, each where both claims say something that excludes the other: owners,
    counted concepts or known predicate classes that differ; two people's ages; a date or time of
    another event; the dead against the wounded; a remainder ("four others") against a total or
    against a subgroup ("two women were also shot").
    What one claim leaves unsaid is never a veto: that is for the graded evidence.

    A story's dates and times belong to many events (the shooting, the arrest, the hearing,
    the funeral), and nothing in a bare "Sunday" says which: only the predicate can, whom it
    befell when the sentences name two people or one sex each ("a boy died on Saturday", "a girl
    died on February 11"), and who did it ("Pruitt endorsed her on Monday", "on Saturday, Luis
    Treviño also endorsed her").
    """
    if a.family == "age":
        return _may_be_one_person(a, b)
    if a.family in {"date", "time"}:  # and one person's booking is not another's (the shooting is everyone's)
        occasion_a, occasion_b = occasion(a.event, lexicon), occasion(b.event, lexicon)
        actors_a, actors_b = a.anchors & a.people, b.anchors & b.people  # who did it: "Pruitt endorsed her Monday"
        other_people = occasion_a != "incident" and (bool(a.people and b.people and not a.people & b.people)
                                                     or bool(actors_a and actors_b and not actors_a & actors_b)
                                                     or bool(a.sex and b.sex and a.sex != b.sex))
        if a.family == "time" and a.event in _UNTIMED_EVENTS:
            return False  # when a briefing was held or a statement released is not a fact of the story
        if {a.claim.subtype, b.claim.subtype} == {"start", "end"}:
            return False  # when a curfew begins is not when it ends
        if a.family == "time" and (a.claim.modality == "plan") != (b.claim.modality == "plan") and _other_day(a, b):
            return False  # a flight scheduled for 9am tomorrow is not the one that left at 10:05 today
        if a.event == _TALLY or b.event == _TALLY:
            return False  # the day a count rose ("the toll rose to 34 on Tuesday") is no event's: each day's is its own
        if a.family == "date" and _weeks_apart(a.claim, b.claim):
            return False  # "the January 7th murder" and "Thursday's drive-by" in June: two incidents
        if other_people:
            return False
        if a.family == "time" and _misprinted(a.claim, b.claim):
            return True  # one time with its hour mistyped, whatever verb each source tells it by
        if occasion_a != occasion_b:
            return _noun_of_verb(occasion_a, occasion_b)
        # an event the lexicon does not class is a fact of the story only when told alike ("the gates
        # were opened at 6:30", "opened the gates at 5 a.m.") or named as what happened ("the recount
        # got under way", "the recount started"); one of none ("made that announcement Sunday") never is
        return occasion_a in known_classes or _told_alike(a, b) \
            or (_named_by_noun(a, lexicon) and _named_by_noun(b, lexicon)) \
            or ((_named_by_noun(a, lexicon) or _named_by_noun(b, lexicon)) and _told_by_its_verb(a, b))
    ca, cb = a.claim, b.claim
    if a.over_a_period != b.over_a_period:
        return False  # "38,412 cases so far this year" is no count of one day's or one event's
    if _of_another_year(a, cb) or _of_another_year(b, ca):
        return False  # "In 2024, 2,211 cases were registered": last year's figure, not this one's
    if a.anchors and b.anchors and not a.anchors & b.anchors and not _nested(a, b):
        return False  # both say whose: North Korean troops are not South Korean troops
    if (a.place_frame and not b.places) or (b.place_frame and not a.places):
        return False  # "In the Faro district, Chega took 27.2 percent": one district's, not the country's
    if a.family in {"money", "quantity"} and {a.part, b.part} & {"increment", "remainder"}:
        return False  # "an additional 4 billion guaranies": what was added, not the sum the other tells
    if a.family == "money" and a.people and b.people and not a.people & b.people \
            and not ca.subject.concept == cb.subject.concept == lexicon.per_person_concept:
        return False  # one person's bail, fine or fund is not another's (each victim's share is no one's)
    if _is_duration(ca) and _is_duration(cb) and (a.people or b.people) and not a.people & b.people:
        return False  # one man's prison term or years of service is not another's, nor an unnamed one's
    if ca.kind == cb.kind == "quantity" and ca.subject.concept in lexicon.daily_readings \
            and _other_day(a, b):
        return False  # Sunday's peak of 42.8C is not Thursday's 36C
    if ca.kind == cb.kind == "quantity" and (_is_measured_from(ca) or _is_measured_from(cb)) \
            and ca.subject.complements != cb.subject.complements:
        # from one place, another way ("35 miles northeast" and "130 miles northwest of Oklahoma City"),
        # or a distance from a place against the length of something ("his 25-mile rampage")
        return False
    if not _concepts_compatible(ca.subject.concept, cb.subject.concept, lexicon):
        return False  # both say what: soldiers are not civilians
    if _other_measures(a, b):
        return False  # annual inflation is not monthly inflation, nor core inflation inflation
    if ca.kind == cb.kind == "count" and _of_other_things(ca, cb):
        return False  # both say of what: counts of trafficking are not counts of possession
    if ca.kind == cb.kind == "count" and not _count_in_common(a, b):
        return False  # "two funds" and "two administrative holds": nothing but a number in common
    if ca.kind == cb.kind == "count" and a.event in known_classes and b.event in known_classes and a.event != b.event:
        return False  # both say what happened, in words the lexicon knows apart: trained is not deployed
    if a.family == "amount":
        killed = {a.claim.subtype == "killed", b.claim.subtype == "killed"}
        both_casualties = a.claim.kind == b.claim.kind == "casualties"
        if not _parts_comparable(a, b, lexicon) or (both_casualties and len(killed) == 2):
            return False
        if a.claim.kind != b.claim.kind:  # a count stands for casualties only if nothing else happened to it
            count = a if a.claim.kind == "count" else b
            if count.claim.subject.concept == lexicon.perpetrator_concept:
                return False  # "two gunmen", "three men opened fire": those who did the harm
            # ...or the casualties had it done to them too: "Three were taken to the hospital" and "the
            # four injured were taken to area hospitals"
            other = b if count is a else a
            return count.event is None or count.event in _HARM_EVENTS or count.event not in known_classes \
                or count.event == other.event
    return True


_PLACE_FRAME = re.compile(r"^\s*In\s+(?:the\s+)?((?:[A-Z][\w'’-]*\s*){1,4})(?:district|county|region|province|state)?\s*,")


def _framed_by_place(claim: Claim) -> bool:
    """Whether a figure's sentence opens by setting it in a place ("In the Faro district, Chega
    took 27.2 percent"): one place's figure, not the whole story's ("In March," is a time)."""
    frame = _PLACE_FRAME.match(claim.sentence)
    return frame is not None and not any(re.sub(r"[’']s$", "", word.lower()) in _WHEN_WORDS
                                         for word in frame.group(1).split())


def _noun_of_verb(a: str | None, b: str | None) -> bool:
    """Whether two events are one told by its noun and by its verb ("the inspection began at 8:30",
    "officers began inspecting the containers at 9:30"; "the reading of the verdict", "began reading
    the verdict"; "the operation", "operated"): the verb, less a final "e", and a noun's ending."""
    if not a or not b:
        return False
    verb, noun = sorted((a, b), key=len)
    stem = verb[:-1] if verb.endswith("e") else verb
    return noun.startswith(stem) and noun[len(stem):] in _NOUN_ENDINGS


def _named_by_noun(item: _Item, lexicon: Lexicon) -> bool:
    """Whether an event the lexicon does not class is a noun a verb of happening says happened ("the
    recount got under way", "the recount started"): the noun says what happened, whatever the verb.
    What a scheduling verb sets is not ("the next hearing was scheduled for Feb. 3"): a story's
    hearings are many."""
    return item.event is not None and item.event != item.claim.subject.head \
        and item.claim.subject.predicate in lexicon.happening_verbs


def _told_by_its_verb(a: _Item, b: _Item) -> bool:
    """Whether one of two events is told by its verb and the other by that verb's noun, which a
    verb of happening says happened: "the IDX halted trading at 10:41", "triggering a trading halt
    at 10:14"; not an exchange planned for Thursday beside the one made on Sunday."""
    return a.claim.modality == b.claim.modality \
        and any(x.claim.subject.head == x.event == y.event for x, y in ((a, b), (b, a)))


def _told_alike(a: _Item, b: _Item) -> bool:
    """Whether two dates or times of a verb the lexicon does not class are of one event: the same
    verb, and their sentences share a word besides it (the gates that were opened, the recall that
    was expanded), so "detectives did not leave until 6:30" is not "ambulances leaving around 7"."""
    verb = a.claim.subject.head
    if not verb or verb != b.claim.subject.head or a.event is None:
        return False
    return any(not word.startswith(verb[:4]) and word not in _WHEN_WORDS for word in a.words & b.words)


def _count_in_common(a: _Item, b: _Item) -> bool:
    """Whether two counts share what they count (the noun or its concept) or what was done to it."""
    sa, sb = a.claim.subject, b.claim.subject
    return (not sa.head or not sb.head or sa.head == sb.head or bool(sa.concept and sa.concept == sb.concept)
            or bool(a.event and a.event == b.event))


def _cluster(items: list[_Item], lexicon: Lexicon) -> list[tuple[list[_Item], tuple[str, ...]]]:
    """Average-linkage clustering over link probabilities, strongest links first; each cluster
    with the evidence that linked it.

    Two clusters join when the mean probability over their cross pairs reaches the model's
    threshold and no source would hold two different values of one fact (unless one is a plan:
    "around 3,000 deployed" and "up to 10,000 planned"). Average linkage lets a strong wording
    match outvote one weak feature, where a chain of single links would join unrelated facts
    through one vague claim ("two people" ... "two officers").
    """
    if items and items[0].family == "role":
        return [(items, ())]  # the block already holds one office of one place
    if items and items[0].family == "quote":
        return _same_quotations(items)
    model = lexicon.alignment
    classes = known_classes(lexicon)
    n = len(items)
    probability_of: defaultdict[tuple[int, int], float] = defaultdict(float)  # pairs never scored: 0
    evidence_of: dict[tuple[int, int], dict[str, float]] = {}
    edges: list[tuple[float, int, int]] = []
    for i, j in _candidate_pairs(items):
        a, b = items[i], items[j]
        if not _may_link(a, b, classes, lexicon):
            continue
        evidence_of[(i, j)] = pair_evidence(a, b, lexicon)
        probability = link_probability(evidence_of[(i, j)], a.family, _model_for(a, b, model), model.threshold)
        probability_of[(i, j)] = probability
        if probability >= model.threshold and a.claim.source != b.claim.source:
            edges.append((probability, i, j))
    owner = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    for _, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        ri, rj = _root(owner, i), _root(owner, j)
        if ri == rj or not _sources_allow(items, members[ri], members[rj], probability_of):
            continue
        cross = [probability_of[_pair(x, y)] for x in members[ri] for y in members[rj]]
        if sum(cross) / len(cross) < model.threshold and not _joins_by_best_links(items, members[ri], members[rj],
                                                                                  probability_of):
            continue
        keep, drop = min(ri, rj), max(ri, rj)
        owner[drop] = keep
        members[keep].extend(members.pop(drop))
    _attach_strays(items, members, probability_of, model.threshold, lexicon)
    groups = []
    for members_of_group in members.values():
        group, earlier = _without_earlier_counts(items, sorted(members_of_group))
        groups.append(group)
        groups.extend([i] for i in earlier)
    return [([items[i] for i in group], link_evidence(items, group, evidence_of, model)) for group in groups]


def _same_quotations(items: list[_Item]) -> list[tuple[list[_Item], tuple[str, ...]]]:
    """Quotations of one statement: the same words give or take one, or a long fragment of them.

    Two people may say one thing, never in one string of words; so each group of quotations is
    one statement, and the speakers the sources give it are compared.
    """
    owner = list(range(len(items)))
    for i, j in _candidate_pairs(items):
        a, b = items[i].subject, items[j].subject
        short, long = sorted((a, b), key=len)
        if fuzz.ratio(a, b) >= _SAME_QUOTE or (len(short.split()) >= _QUOTE_FRAGMENT_WORDS
                                               and fuzz.partial_ratio(short, long) >= _SAME_QUOTE):
            ri, rj = _root(owner, i), _root(owner, j)
            owner[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[_Item]] = defaultdict(list)
    for index, item in enumerate(items):
        groups[_root(owner, index)].append(item)
    return [(group, ("the same quoted words",)) for group in groups.values()]


def _root(owner: list[int], i: int) -> int:
    """The representative of `i`'s set in a union-find forest, halving the path on the way."""
    while owner[i] != i:
        owner[i] = owner[owner[i]]
        i = owner[i]
    return i


def _joins_by_best_links(items: list[_Item], left: list[int], right: list[int],
                         probability_of: dict[tuple[int, int], float]) -> bool:
    """A lone figure joins a fact its best links say it states, although the average says no:
    "Eight teens were shot" beside a fact each outlet gives as "five teens were shot" and, weakly
    linked, "five counts", whose weak members would sink the average."""
    lone, group = (left, right) if len(left) == 1 else (right, left) if len(right) == 1 else (None, None)
    if lone is None or items[lone[0]].family != "amount":
        return False
    return _median_best_link(lone[0], group, items, probability_of) >= _STRAY_LINK


def _median_best_link(lone: int, group: list[int], items: list[_Item],
                      probability_of: dict[tuple[int, int], float]) -> float:
    """The median, over a group's sources, of a claim's best link to each source's statements:
    half the outlets or more state the fact so that it matches the claim this well (one noisy
    member of a group, "her 4 younger siblings", must not hide the match)."""
    best_by_source: dict[str, float] = {}
    for i in group:
        source = items[i].claim.source
        best_by_source[source] = max(best_by_source.get(source, 0.0), probability_of[_pair(lone, i)])
    return sorted(best_by_source.values())[len(best_by_source) // 2]


def _pair(x: int, y: int) -> tuple[int, int]:
    """The key of a pair of a block's items in the probabilities: the smaller index first."""
    return (x, y) if x < y else (y, x)


def _candidate_pairs(items: list[_Item]) -> Iterable[tuple[int, int]]:
    """The pairs worth scoring: all of them in a block of a story's size; in a larger block
    (a corpus read as one story) only pairs whose sentences share a rare word (a name, a street,
    an unusual noun), since pairs that share none never reach the threshold and scoring every
    pair would grow with the square of the corpus."""
    n = len(items)
    if n <= _MAX_BLOCK:
        return ((i, j) for i in range(n) for j in range(i + 1, n))
    postings: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for word in item.words:
            postings[word].append(index)
    pairs = {(x, y) for holders in postings.values() if len(holders) <= _RARE_WORD_ITEMS
             for k, x in enumerate(holders) for y in holders[k + 1:]}
    return sorted(pairs)


def _other_occasion(a: _Item, b: _Item) -> bool:
    """Claims whose sentences name different days or places: two occasions."""
    return _other_day(a, b) or bool(a.places and b.places and not a.places & b.places)


def _other_day(a: _Item, b: _Item) -> bool:
    """Claims whose sentences name different days."""
    return bool(a.day and b.day and a.day != b.day)


def _attach_strays(items: list[_Item], members: dict[int, list[int]], probability_of: dict[tuple[int, int], float],
                   threshold: float, lexicon: Lexicon) -> None:
    """A claim left alone because its own source gives the fact another value joins that fact.

    "All five men who were shot are home" and, further down, "the eight men who were shot":
    the source contradicts itself, and the other sources' five. Alone, the eight would never
    be compared; joined to the fact it states (by `_median_best_link` to the other sources'
    statements), it is shown beside them.
    """
    groups = [group for group in members.values() if len({items[i].claim.source for i in group}) >= 2]
    for root, group in list(members.items()):
        if len(group) != 1:
            continue
        stray = group[0]
        if items[stray].family not in {"amount", "age"}:
            continue  # one source's two dates or times are two events' more often than a contradiction
        best, best_score = None, max(threshold, _STRAY_LINK)
        for target in groups:
            others = [i for i in target if items[i].claim.source != items[stray].claim.source]
            own = [i for i in target if items[i].claim.source == items[stray].claim.source]
            if not own or not others:
                continue  # only a source at odds with itself is attached this way
            if items[stray].family == "age" and not _same_role(stray, own, items, lexicon):
                continue  # a source's two ages are two people's, unless one kin role tells both
            if items[stray].family == "amount" and not any(_told_of_alike(items[stray], items[i]) for i in own):
                continue  # "four officers were at the scene" is no second toll beside "two people were killed"
            # "on Saturday, two people were shot": another day's incident. Not the places: one outlet
            # names the club where another names the town, and a stray sentence names either
            if 2 * sum(_other_day(items[stray], items[i]) for i in others) > len(others):
                continue
            score = _median_best_link(stray, others, items, probability_of)
            if score >= best_score:
                best, best_score = target, score
        if best is not None:
            best.append(stray)
            del members[root]


def _told_of_alike(a: _Item, b: _Item) -> bool:
    """Whether one source's two figures name the same thing, the same action or the same harm
    ("the eight men who were shot" and "all five men who were shot", "Seven were killed" and "four
    people died"): only then is the source at odds with itself, not counting other people ("four
    officers were at the scene")."""
    ca, cb = a.claim, b.claim
    return bool(ca.subject.head and ca.subject.head == cb.subject.head) or bool(a.event and a.event == b.event) \
        or (ca.kind == cb.kind == "casualties" and ca.subtype == cb.subtype)


def _one_thing(a: _Item, b: _Item) -> bool:
    """Whether two figures are of one thing (a fine asked for and the fine imposed), not a company's
    offer and its loan beside it: told alike, or of one concept."""
    return _told_of_alike(a, b) or bool(a.claim.subject.concept and a.claim.subject.concept == b.claim.subject.concept)


def _same_role(stray: int, own: list[int], items: list[_Item], lexicon: Lexicon) -> bool:
    """An unnamed age whose source gives the fact's person by the same kin role, in another sentence
    ("his 10-year-old son" beside "his 11-year-old son"), or as the one who died ("A 15-year-old has
    died", "a 16yo dies of his injuries"): the source at odds with itself about one person. Not a
    role many share ("a 15-year-old", "a 20-year-old man", "a 12-year-old boy") told alive, nor one
    of a list of ages."""
    claim = items[stray].claim
    kin = claim.subject.head in lexicon.kin_roles
    if claim.subject.anchors or not (kin or _died(claim, lexicon)):
        return False
    return any(not other.subject.anchors and other.sentence != claim.sentence
               and (other.subject.head == claim.subject.head if kin else _died(other, lexicon))
               for other in (items[i].claim for i in own))


def _died(claim: Claim, lexicon: Lexicon) -> bool:
    """ "A 15-year-old has died", "a 16yo dies of his injuries": the age of one who died."""
    return any(word in lexicon.died_words for word in _clause_after(claim)[:_SIDE_WINDOW])


def _may_be_one_person(a: _Item, b: _Item) -> bool:
    """Whether two ages can be one person's: one name; or one role ("brother", "suspect") whose
    stated ages could be one person's; or a role and a name whose sentence gives that role.

    A person told by role is recognised by the role, a plausible age (within a few years) and
    their sex where both sentences tell it: "a 46-year-old" can be "Bradley Fischer, 47", never
    "Justine Baez, 24".
    """
    if a.anchors and b.anchors:
        return a.anchors == b.anchors
    if a.sex and b.sex and a.sex != b.sex:
        return False  # "a 24-year-old" among "two men" is not "his girlfriend Justine Baez, 24"
    if a.side and b.side and a.side != b.side:
        return False  # "a 35-year-old man was arrested" is not "a 35-year-old man shot in the head"
    (low_a, high_a), (low_b, high_b) = _age_bounds(a.claim), _age_bounds(b.claim)
    gap = _PLAUSIBLE_CHILD_AGE_GAP if min(high_a, high_b) < _CHILDHOOD else _PLAUSIBLE_AGE_GAP
    if max(low_a, low_b) - min(high_a, high_b) > gap and not _transposed(a.claim, b.claim):
        return False  # a 4-year-old is not told as 6: a young child's year is a large part of its age
    role_a, role_b = a.claim.subject.head, b.claim.subject.head
    if not a.anchors and not b.anchors:
        return role_a == role_b or "person" in {role_a, role_b}
    (role, unnamed), named = ((role_a, a), b) if not a.anchors else ((role_b, b), a)
    # "a 17-year-old boy from Guinea, Ibrahima Diallo": the role's own sentence may name the person
    return role in _GENERIC_ROLES or role in named.words or bool(named.anchors & unnamed.names)


def _transposed(a: Claim, b: Claim) -> bool:
    """Whether two exact ages are each other's digits swapped ("a 67-year-old woman drowned", "a
    76-year-old woman drowned"): the slip of one writer, not a second person."""
    if a.qualifier != "exact" or b.qualifier != "exact":
        return False
    first, second = f"{float(a.value):g}", f"{float(b.value):g}"
    return len(first) == len(second) == 2 and first != second and first == second[::-1]


def _age_bounds(claim: Claim) -> tuple[float, float]:
    value = float(claim.value)
    return (claim.low if claim.low is not None else value), (claim.high if claim.high is not None else value)


def _told_twice(a: _Item, b: _Item, probability: float) -> bool:
    """One source's two values of one fact: worded alike, of one occasion, and not two dates
    (one source's Saturday and Sunday are two days' events) or two unnamed men."""
    return probability >= _SELF_CONTRADICTION and a.family not in {"date", "time"} \
        and not _other_occasion(a, b) and not _generic_person(a.claim)


def _generic_person(claim: Claim) -> bool:
    """ "A 19-year-old man" and "an 18-year-old man" in one source are two men; "his 11-year-old
    son" and "his 10-year-old son" are one son given two ages."""
    return claim.kind == "age" and not claim.subject.anchors and claim.subject.head in _GENERIC_ROLES


def _sources_allow(items: list[_Item], left: list[int], right: list[int],
                   probability_of: dict[tuple[int, int], float]) -> bool:
    """Two different values from one source are two facts, unless one is the plan of the other (of
    one thing, action or harm: "plans to cut 300 jobs", "cut 250 jobs"), or the source
    states one fact twice in words so alike that it contradicts itself ("Four people were
    injured" and later "Seven people were injured"): that, too, a reader must see. Two people
    named apart are never one person's age."""
    for x in left:
        a = items[x].claim
        if a.kind == "role":
            continue
        for y in right:
            b = items[y].claim
            if a.kind == "age" and items[x].anchors and items[y].anchors and items[x].anchors != items[y].anchors:
                return False  # two named people, however alike the unnamed ages that would join them
            if a.kind == "age" and a.subject.anchors and a.subject.anchors == b.subject.anchors:
                continue  # one source giving one named person two ages is itself worth showing
            if a.source == b.source and a.value != b.value \
                    and ((a.modality == "plan") == (b.modality == "plan") or not _one_thing(items[x], items[y])) \
                    and (_is_duration(a) or not _told_twice(items[x], items[y], probability_of[_pair(x, y)])) \
                    and _risen_to(items, [*left, *right], a.source) is None:
                return False  # a span of time one source gives twice is told of two times ("a three-year
                # veteran at the time", "now a seven-year veteran")
    return True


def _risen_to(items: list[_Item], group: list[int], source: str) -> float | None:
    """The figure a source's toll rose to, when it tells the rise in the group's own words: its
    largest count there, told by a verb of a running figure or an ordinal ("five people were dead by
    the morning", then "a sixth victim died in hospital", "the toll has risen to six"). Its smaller
    ones are earlier counts of the same toll, and the fact is the toll it reached."""
    own = [items[i].claim for i in group if items[i].claim.source == source]
    if not own or any(c.kind not in _COUNTED or isinstance(c.value, str) for c in own):
        return None
    top = max(float(c.value) for c in own)
    rises = any(float(c.value) == top and (c.subject.predicate_class == _TALLY or c.text.lower() in ORDINALS)
                for c in own)
    return top if rises and len({float(c.value) for c in own}) > 1 else None


def _without_earlier_counts(items: list[_Item], group: list[int]) -> tuple[list[int], list[int]]:
    """A group, and apart from it each source's counts below the toll it tells a rise to."""
    earlier = set()
    for source in {items[i].claim.source for i in group}:
        top = _risen_to(items, group, source)
        if top is not None:
            earlier.update(i for i in group if items[i].claim.source == source and float(items[i].claim.value) < top)
    return [i for i in group if i not in earlier], sorted(earlier)


def link_evidence(items: list[_Item], group: list[int], evidence_of: dict[tuple[int, int], dict[str, float]],
                  model: AlignmentModel) -> tuple[str, ...]:
    """What linked a group's members: the features that added most to their links, in words.

    The features are those clustering scored; a pair a hard rule kept from being scored adds none.
    """
    totals: Counter[str] = Counter()
    pairs = 0
    for k, x in enumerate(group):
        for y in group[k + 1:]:
            if items[x].claim.source == items[y].claim.source:
                continue
            pairs += 1
            weights = _model_for(items[x], items[y], model).weights
            for name, value in evidence_of.get(_pair(x, y), {}).items():
                contribution = weights.get(name, 0.0) * value
                if contribution > 0:
                    totals[name] += contribution
    if not pairs:
        return ()
    return tuple(f"{model.descriptions.get(name, name)} ({total / pairs:+.1f})"
                 for name, total in totals.most_common(4))


def topic_of(claims: tuple[Claim, ...], lexicon: Lexicon) -> str:
    """A short human label for the fact a group states: "North Korean troops (transfer)"; a verb
    of estimating ("police put the crowd at 50,000") says nothing of the fact."""
    subject = Counter(c.subject.text for c in claims if c.subject.text).most_common(1)
    text = subject[0][0] if subject else claims[0].kind
    anchors = Counter(a for c in claims for a in c.subject.anchors).most_common(1)
    anchor = anchors[0][0] if anchors else ""
    kind = "casualties" if any(c.kind == "casualties" for c in claims) else claims[0].kind
    if kind == "role":
        return f"{anchor}'s {claims[0].subject.head}" if anchor else claims[0].subject.head
    if kind == "quote":
        words = text.split()
        return f'who said "{" ".join(words[:8])}{"…" if len(words) > 8 else ""}"'
    if kind == "casualties":
        casualty = [c for c in claims if c.kind == "casualties"]
        nouns = Counter(c.subject.text for c in casualty if c.subject.head).most_common(1)
        subtypes = Counter(c.subtype for c in casualty).most_common(1)
        text = f"{nouns[0][0] if nouns else 'people'} {subtypes[0][0]}"
    elif kind == "money":
        text = f"{claims[0].unit} {text}"
    if anchor and anchor.lower().split()[-1] not in text.lower():
        text = f"{text} ({anchor})"
    predicates = Counter(c.subject.predicate for c in claims
                         if c.subject.predicate and c.subject.predicate not in lexicon.estimating_verbs).most_common(1)
    if predicates and kind in {"count", "quantity"} and predicates[0][0] not in text:
        text = f"{text}: {predicates[0][0]}"
    return text
