"""Word lists that drive extraction and alignment, read from `rules/lexicon/*.toml`.

The engine knows grammar; what words mean (which nouns are troops, which verbs kill, which
titles are offices) is data, so a newsroom can teach crosscheck its beat without touching code.
"""
from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from checker.resources import data_dir


@dataclass(frozen=True)
class AlignmentModel:
    """The weights that turn a pair's evidence into the probability of one fact (`alignment.toml`)."""

    weights: dict[str, float]
    bias: dict[str, float]  # by family ("amount", "date", ...), with "default"
    threshold: float  # the least mean link probability at which two groups join
    descriptions: dict[str, str] = field(default_factory=dict)  # feature -> words for a reader
    against: frozenset[str] = frozenset()  # features that are evidence of two facts (weight <= 0)
    differing: AlignmentModel | None = None  # the weights for a pair whose values differ, when fitted apart
    set_by_hand: frozenset[str] = frozenset()  # families' biases and features' weights the fit keeps as set


class LexiconError(Exception):
    """A lexicon file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class QualifierSpec:
    qualifier: str
    low_factor: float | None
    high_factor: float | None


@dataclass(frozen=True)
class Rating:
    """A grade on a named scale ("an EF-3", "a Category 4 hurricane"), read where `pattern` matches
    (its group `grade` is the value) in a sentence holding one of `needs` (any sentence when empty)."""
    unit: str
    pattern: re.Pattern[str]
    needs: frozenset[str]


@dataclass(frozen=True)
class Office:
    name: str
    single: bool


@dataclass(frozen=True, eq=False)
class Lexicon:
    concept_of: dict[str, str]  # noun lemma or phrase -> concept
    person_concepts: frozenset[str]
    broader: dict[str, str]  # concept -> wider concept
    cumulative_concepts: frozenset[str]  # figures that only grow as a story goes on: homes destroyed, arrests
    cumulative_dimensions: frozenset[str]  # measures that only grow: the area burned
    daily_readings: frozenset[str]  # measures read each day: a day's peak temperature
    casualty_precedence: tuple[str, ...]
    perpetrators: frozenset[str]
    perpetrator_concept: str  # "suspects": the people who did the harm, never its casualties
    casualty_verbs: dict[str, str]  # lemma -> subtype
    casualty_nouns: dict[str, str]
    casualty_adjectives: dict[str, str]
    casualty_phrases: dict[str, str]
    bearing_verbs: frozenset[str]  # "suffer", "sustain": their object is what befell their subject
    borne: dict[str, str]  # what those verbs' objects say befell it: "injury" -> wounded
    predicate_class: dict[str, str]  # verb lemma -> class
    event_nouns: dict[str, str]  # noun -> the class of event it names ("shooting" -> incident)
    counted_events: frozenset[str]  # event nouns whose count is a story's fact ("19 tornadoes"), not a tally
    # "leave" -> (departure, {"plane", ...}), "come down" -> (incident, {"balloon", ...}): a class by its doer
    class_by_subject: dict[str, tuple[str, frozenset[str]]]
    place_names: dict[str, str]  # "medical center" -> "hospital": what a phrasal verb's place goes by
    predicate_modality: dict[str, str]  # class -> modality
    progressive_modality: dict[str, str]  # class -> modality of its progressive ("is cutting 5,900 jobs": a plan)
    occasion_of: dict[str, str]  # class -> the class whose date and time it shares (response -> incident)
    class_of_status: dict[str, str]  # "evacuation" -> evacuate: people under it are counted in that class
    people_of_class: dict[str, str]  # class -> the concept of the people it acts on (employ -> workers)
    part_figure_classes: frozenset[str]  # "won 152 of the 300 seats": classes whose part is the figure
    class_actors: dict[str, frozenset[str]]  # class -> the concepts whose acts alone it classes (response -> police)
    own_event_classes: frozenset[str]  # classes whose verbs date their own act, not the event they name
    relational_verbs: frozenset[str]
    perceiving_verbs: frozenset[str]  # their object names the event they date ("received a call")
    scheduling_verbs: frozenset[str]  # they date the event they schedule ("a hearing is set for Dec. 1")
    light_verbs: frozenset[str]  # "make", "take": a date they govern says no event unless a noun names it
    causing_verbs: frozenset[str]  # "leave", "claim": with an event for subject, that event's class
    happening_verbs: frozenset[str]  # "happen", "take place": their subject says what happened
    happening_adjectives: dict[str, str]  # "effective" -> "take effect": what they are said of happens on the day
    change_verbs: frozenset[str]  # "rise", "fall": a figure given with the one it replaced
    session_close_verbs: frozenset[str]  # "closed down 14.6%": a price's move over a session
    session_directions: dict[str, str]  # "down" -> the class of a fall
    estimating_verbs: frozenset[str]  # "put", "set": with "at", a figure for their object
    amounting_verbs: frozenset[str]  # "came to", "stood at": with "to" or "at", a figure for their subject
    share_verbs: frozenset[str]  # "account for", "take": with "of" a budget's total, a share their subject holds
    share_wholes: frozenset[str]  # "total", "spending": a budget's total, however worded
    aboard_verbs: frozenset[str]  # "carry": a count of people it governs is of those aboard
    aboard_words: tuple[str, ...]  # "aboard", "on board": after the counted people, the same
    people_verbs: frozenset[str]  # done to people: "Three were taken to the hospital" counts people
    qualifiers: dict[str, QualifierSpec]
    emphasis: tuple[str, ...]  # "only", "just": words that stress a figure and leave it exact
    per_person_recipients: tuple[str, ...]  # "victim", "family": a sum "to each" of these is each one's share
    approx_tolerance: float
    vague: dict[str, tuple[float, float]]
    scope_modifiers: frozenset[str]
    period_measures: dict[str, str]  # "annual" -> "year", "monthly" -> "month": the period a measure is of
    narrowing_measures: frozenset[str]  # "core", "average": another measure of the thing than the plain one
    remainder_words: frozenset[str]
    increment_words: frozenset[str]  # "six more bodies": added since an earlier count
    part_of_words: tuple[str, ...]  # "including five children": a part of the sentence's total
    rest_after: tuple[str, ...]  # "four were taken to X and the other to Y": the four are a part
    also_words: frozenset[str]  # "two women were also shot": one group beside another
    whole_words: frozenset[str]  # "people", "victims": a toll of anyone, not of one kind of person
    roundup_phrases: tuple[str, ...]  # "across", "weekend": beside "shootings" in a lead, a roundup
    period_phrases: tuple[str, ...]  # "so far this year": a tally over a period, not one incident's
    change_period_phrases: tuple[str, ...]  # "over the following week": a change over a span, no day's
    change_classes: frozenset[str]  # "decline", "tally": the verb classes of a change over a span
    point_in_period: frozenset[str]  # "earlier" this year: one event's time, no period
    tally_words: frozenset[str]  # "vote", "voted": two numbers side by side near one are a vote's tally
    limit_nouns: frozenset[str]  # "capacity", "limit": a figure of what is allowed, not of what happened
    permitting_verbs: frozenset[str]  # "licensed to carry 85": what is allowed, too
    money_nouns: frozenset[str]  # "money", "funding": what pounds of something are paid in, not weighed
    elsewhere_phrases: tuple[str, ...]  # "in a separate shooting": a figure of another incident
    units: dict[str, tuple[str, str]]  # surface -> (unit, dimension)
    ratings: tuple[Rating, ...]  # grades on named scales, compared exactly
    vague_first_words: frozenset[str]
    currencies: dict[str, str]
    currency_of_country: dict[str, dict[str, str]]  # "pesos" -> {"Philippines": "PHP", "Mexico": "MXN", ...}
    local_dollars: dict[str, str]  # "Singapore" -> "SGD": its press's "$" where it writes "US$" apart
    dollar_domains: dict[str, str]  # "nz" -> "New Zealand": a site's country by its address's last part
    currency_prefixes: dict[str, str]  # "tk" -> "taka": a short form written before the figure
    office_of_title: dict[str, Office]
    generic_offices: frozenset[str]  # titles every body has ("director"): compared only where the text says whose
    fielded_offices: frozenset[str]  # "head": a field's word before the title makes an office ("race director")
    portfolio_offices: frozenset[str]  # "minister", "councillor": held for the portfolio named with them
    other_office_prefixes: frozenset[str]
    not_current_prefixes: frozenset[str]
    demonyms: dict[str, str]
    place_alias: dict[str, str]  # lower-case alias -> canonical place name
    street_kinds: dict[str, str]  # "ave" -> "avenue", "avenue" -> "avenue": the last word of a street's name
    facility_heads: frozenset[str]  # "airport", "school": the last word of a site's name, never of a person's
    sites_named_by_place: frozenset[str]  # "airport": "Punta Cana airport" is a site, not the town
    facility_first_heads: dict[str, str]  # "klinikum" -> "hospital": a site's kind written first, in English
    landforms: frozenset[str]  # "hill", "hamlet": a place's kind written after its name in lower case
    capital_of: dict[str, str]  # lower-case capital -> its country
    countries: frozenset[str]  # lower-case countries the demonyms, aliases and capitals name
    modality_cues: dict[str, str]  # word -> plan / estimate / denial
    superseded_cues: frozenset[str]  # "had earlier announced": a figure the source has since replaced
    modality_nouns: dict[str, str]  # "offer" -> plan: a verb's subject that makes its claims so
    measured_modality: dict[str, str]  # "forecast" -> plan: a figure's own noun that makes it so
    attribution_verbs: frozenset[str]
    attribution_phrases: tuple[str, ...]
    contrastive_words: frozenset[str]
    honorifics: frozenset[str]
    rank_first_words: frozenset[str]  # "air" of "Air Marshal": an honorific's first word, never a title alone
    time_zones: tuple[str, ...]  # "local time", "GMT", "WIB": what a 24-hour clock time is written with
    name_suffixes: frozenset[str]
    generic_name_suffixes: tuple[tuple[str, ...], ...]  # ("news", "agency"), ("county",): longest first
    place_name_suffixes: frozenset[str]  # "county", "regency": a place's kind, given or left out
    body_name_suffixes: frozenset[str]  # "inc", "airlines", "news agency": a body's form or trade
    place_name_prefixes: frozenset[str]  # "mount": "Mount Kelarong" is Kelarong
    body_name_prefixes: frozenset[str]  # "grupo": "Grupo Ferrovalle" is Ferrovalle
    vessel_prefixes: tuple[str, ...]  # "MV", "HMS": written before a ship's name ("MV Sagarkanya-3")
    body_levels: frozenset[str]  # "provincial", "city": a body's level, which its name tells by a place
    appointing_verbs: frozenset[str]  # "appoint", "name": verbs that give their object the title after them
    succeeding_verbs: frozenset[str]  # "succeed", "take over": verbs whose subject takes the title after them
    removing_verbs: frozenset[str]  # "dismiss", "oust": verbs whose object loses the office it is titled with
    leaving_verbs: frozenset[str]  # "resign", "step down": verbs whose subject leaves the office
    company_words: frozenset[str]  # "industries", "systems": the last word of a company's name in full
    first_word_forms: dict[str, str]  # "st" -> "saint": a place's first word written short
    acronym_skips: frozenset[str]  # "of", "the": words an acronym leaves out
    surname_particles: frozenset[str]  # "de", "van": lower-case words inside a person's name
    body_heads: frozenset[str]  # "agency", "ministry": the last word of a public body's name
    person_roles: frozenset[str]
    kin_roles: frozenset[str]  # "son", "nephew": one person each in a story, as a rule
    parent_roles: frozenset[str]  # "father", "mother": "a father of three" counts his children
    sex_of_word: dict[str, str]  # "son" -> male, "girlfriend" -> female
    sex_of_pronoun: dict[str, str]  # "her" -> female: whose a date is, never whose an age
    side_of_word: dict[str, str]  # "arrested" -> suspect, "wounded" -> victim
    died_words: frozenset[str]  # "dies", "killed": what befell the person whose age comes before
    plain_people: frozenset[str]  # "people", "men", "children": nouns that tell people by sex or age only
    given_name_forms: dict[str, frozenset[str]]  # a given name -> the group of its forms
    alignment: AlignmentModel = field(default_factory=lambda: AlignmentModel({}, {"default": 0.0}, 0.5))
    speech_class: str = "speech"
    family_class: str = "family"  # a parent's children: "a father of three", "she had two children"
    per_person_concept: str = "per person"  # "Rs 200,000 to the family of each deceased": each one's share
    max_title_words: int = field(default=4)


def _load(directory: Path) -> dict[str, dict]:
    tables: dict[str, dict] = {}
    for path in sorted(directory.glob("*.toml")):
        try:
            tables[path.stem] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise LexiconError(f"{path}: {error}") from error
    return tables


def _require(tables: dict[str, dict], directory: Path, name: str) -> dict:
    if name not in tables:
        raise LexiconError(f"{directory / (name + '.toml')}: missing lexicon file")
    return tables[name]


def _rating(spec: dict) -> Rating:
    """One `[[ratings]]` entry of quantities.toml, whose pattern must say where the grade is."""
    pattern = re.compile(spec["pattern"])
    if "grade" not in pattern.groupindex:
        raise ValueError(f"ratings: the pattern for {spec['unit']!r} has no group named 'grade'")
    return Rating(spec["unit"], pattern, frozenset(spec.get("needs", ())))


# the particles of phrasal verbs ("took off", "stepped down", "passed away", "ran aground"), which the parser may
# tag as adverbs or prepositions
PARTICLES = frozenset({"off", "out", "up", "down", "away", "back", "over", "aside", "aground", "ashore", "apart"})


def demonym_place(word: str, lexicon: Lexicon) -> str | None:
    """The place a demonym names, singular or plural ("British", "Ukrainians", "Britons"); None for
    any other word (lower case)."""
    return lexicon.demonyms.get(word) or (lexicon.demonyms.get(word[:-1]) if word.endswith("s") else None)


@lru_cache(maxsize=4)
def known_classes(lexicon: Lexicon) -> frozenset[str]:
    """The predicate classes the lexicon names: what happened, in words it knows apart (a verb it
    does not list is a class of its own, which tells nothing apart), and the events its nouns name
    (a curfew, told by no verb of its own)."""
    return frozenset(lexicon.predicate_class.values()) | frozenset(lexicon.event_nouns.values())


@lru_cache(maxsize=4)
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read and index every lexicon file in `directory` (default: the bundled one).

    Raises:
        LexiconError: a file is missing, is not TOML, or lacks a required table.
    """
    directory = directory or data_dir("rules") / "lexicon"
    tables = _load(directory)
    try:
        return _build(tables, directory)
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise LexiconError(f"{directory}: malformed lexicon ({type(error).__name__}: {error})") from error


def _build(tables: dict[str, dict], directory: Path) -> Lexicon:
    concepts = _require(tables, directory, "concepts")["concepts"]
    concept_of = {noun.lower(): name for name, spec in concepts.items() for noun in spec["nouns"]}
    casualties = _require(tables, directory, "casualties")
    by_part: dict[str, dict[str, str]] = {"verbs": {}, "nouns": {}, "adjectives": {}, "phrases": {}}
    for subtype in reversed(casualties["precedence"]):  # earlier subtypes win on shared words
        spec = casualties["subtypes"][subtype]
        for part, index in by_part.items():
            index.update({word.lower(): subtype for word in spec.get(part, [])})
    predicates = _require(tables, directory, "predicates")
    quantities = _require(tables, directory, "quantities")
    offices = _require(tables, directory, "offices")
    places = _require(tables, directory, "places")
    language = _require(tables, directory, "language")
    office_of_title = {title.lower(): Office(name, bool(spec.get("single", False)))
                       for name, spec in offices["offices"].items() for title in spec["titles"]}
    place_alias = {alias.lower(): canonical for canonical, aliases in places.get("aliases", {}).items()
                   for alias in aliases}
    modality_cues = {word: modality for modality, words in language["modality"].items() for word in words}
    modality_nouns = {word: modality for modality, words in language["modality_nouns"].items() for word in words}
    measured_modality = {word: modality for modality, words in language["measured_modality"].items() for word in words}
    return Lexicon(
        concept_of=concept_of,
        person_concepts=frozenset(name for name, spec in concepts.items() if spec.get("person")),
        broader={name: spec["broader"] for name, spec in concepts.items() if spec.get("broader")},
        cumulative_concepts=frozenset(name for name, spec in concepts.items() if spec.get("cumulative")),
        casualty_precedence=tuple(casualties["precedence"]),
        perpetrators=frozenset(casualties.get("perpetrators", [])),
        perpetrator_concept=casualties["perpetrator_concept"],
        casualty_verbs=by_part["verbs"],
        casualty_nouns=by_part["nouns"],
        casualty_adjectives=by_part["adjectives"],
        casualty_phrases=by_part["phrases"],
        bearing_verbs=frozenset(casualties["bearing"]["verbs"]),
        borne=dict(casualties["bearing"]["objects"]),
        predicate_class={verb: name for name, spec in predicates["classes"].items() for verb in spec["verbs"]},
        event_nouns={noun: name for name, spec in predicates["classes"].items() for noun in spec.get("nouns", [])},
        counted_events=frozenset(noun for spec in predicates["classes"].values() for noun in spec.get("counted", [])),
        class_by_subject={verb: (name, frozenset(doers["subjects"])) for name, spec in predicates["classes"].items()
                          for doers in [{"verbs": spec.get("subject_verbs", []), "subjects": spec.get("subjects", [])},
                                        *spec.get("doers", [])]
                          for verb in doers["verbs"]},
        place_names={name: place for place, names in predicates["place_names"].items() for name in names},
        predicate_modality={name: spec["modality"] for name, spec in predicates["classes"].items()
                            if "modality" in spec},
        progressive_modality={name: spec["progressive_modality"] for name, spec in predicates["classes"].items()
                              if "progressive_modality" in spec},
        occasion_of={name: spec["occasion"] for name, spec in predicates["classes"].items() if "occasion" in spec},
        class_actors={name: frozenset(spec["actors"]) for name, spec in predicates["classes"].items() if "actors" in spec},
        own_event_classes=frozenset(name for name, spec in predicates["classes"].items() if spec.get("own_event")),
        class_of_status={noun: name for name, spec in predicates["classes"].items() for noun in spec.get("status_nouns", [])},
        people_of_class={name: spec["people_are"] for name, spec in predicates["classes"].items() if "people_are" in spec},
        part_figure_classes=frozenset(name for name, spec in predicates["classes"].items() if spec.get("part_is_figure")),
        relational_verbs=frozenset(predicates["relational"]["verbs"]),
        perceiving_verbs=frozenset(predicates["perceiving"]["verbs"]),
        scheduling_verbs=frozenset(predicates["scheduling"]["verbs"]),
        light_verbs=frozenset(predicates["light"]["verbs"]),
        causing_verbs=frozenset(predicates["causing"]["verbs"]),
        happening_verbs=frozenset(predicates["happening"]["verbs"]),
        happening_adjectives=dict(predicates["happening"]["adjectives"]),
        people_verbs=frozenset(predicates["people"]["verbs"]),
        change_verbs=frozenset(predicates["change"]["verbs"]),
        session_close_verbs=frozenset(predicates["session_close"]["verbs"]),
        session_directions=dict(predicates["session_close"]["directions"]),
        estimating_verbs=frozenset(predicates["estimating"]["verbs"]),
        amounting_verbs=frozenset(predicates["amounting"]["verbs"]),
        share_verbs=frozenset(predicates["share"]["verbs"]),
        share_wholes=frozenset(predicates["share"]["wholes"]),
        aboard_verbs=frozenset(predicates["aboard"]["verbs"]),
        aboard_words=tuple(predicates["aboard"]["words"]),
        qualifiers={phrase.lower(): QualifierSpec(spec["qualifier"], spec.get("low_factor"), spec.get("high_factor"))
                    for phrase, spec in quantities["qualifiers"].items()},
        approx_tolerance=float(quantities["approx_tolerance"]),
        emphasis=tuple(sorted(quantities["emphasis"], key=len, reverse=True)),
        per_person_recipients=tuple(quantities["per_person_recipients"]),
        cumulative_dimensions=frozenset(quantities["cumulative_dimensions"]),
        daily_readings=frozenset(quantities["daily_readings"]),
        vague={phrase.lower(): (float(low), float(high)) for phrase, (low, high) in quantities["vague"].items()},
        scope_modifiers=frozenset(quantities["scope"]["modifiers"]),
        period_measures=dict(quantities["scope"]["period_measures"]),
        narrowing_measures=frozenset(quantities["scope"]["narrowing_measures"]),
        remainder_words=frozenset(quantities["scope"]["remainder"]),
        increment_words=frozenset(quantities["scope"]["increment"]),
        part_of_words=tuple(quantities["scope"]["part_of"]),
        rest_after=tuple(quantities["scope"]["rest_after"]),
        also_words=frozenset(quantities["scope"]["also"]),
        whole_words=frozenset(quantities["scope"]["whole"]),
        roundup_phrases=tuple(quantities["scope"]["roundup"]),
        period_phrases=tuple(quantities["scope"]["period"]),
        change_period_phrases=tuple(quantities["scope"]["change_period"]),
        change_classes=frozenset(quantities["scope"]["change_classes"]),
        point_in_period=frozenset(quantities["scope"]["point_in_period"]),
        tally_words=frozenset(quantities["scope"]["tally_words"]),
        limit_nouns=frozenset(quantities["scope"]["limits"]),
        permitting_verbs=frozenset(quantities["scope"]["permitting"]),
        money_nouns=frozenset(quantities["money_nouns"]),
        elsewhere_phrases=tuple(quantities["scope"]["elsewhere"]),
        units={surface.lower(): (unit, dimension) for surface, (unit, dimension) in quantities.get("units", {}).items()},
        ratings=tuple(_rating(spec) for spec in quantities.get("ratings", [])),
        vague_first_words=frozenset(phrase.split()[0].lower() for phrase in quantities["vague"]),
        currencies={symbol.lower(): code for symbol, code in quantities["currencies"].items()},
        currency_of_country={word: shared["countries"] for shared in quantities["currency_of_country"].values()
                             for word in shared["words"]},
        currency_prefixes=dict(quantities["currency_prefixes"]),
        local_dollars=dict(quantities["local_dollars"]),
        dollar_domains=dict(quantities["dollar_domains"]),
        office_of_title=office_of_title,
        generic_offices=frozenset(name for name, spec in offices["offices"].items() if spec.get("generic")),
        fielded_offices=frozenset(name for name, spec in offices["offices"].items() if spec.get("fielded")),
        portfolio_offices=frozenset(offices["portfolio"]["offices"]),
        other_office_prefixes=frozenset(offices["prefixes"]["other_office"]),
        not_current_prefixes=frozenset(offices["prefixes"]["not_current"]),
        appointing_verbs=frozenset(offices["appointing"]["verbs"]),
        body_levels=frozenset(language["names"]["body_levels"]),
        succeeding_verbs=frozenset(offices["appointing"]["subject_verbs"]),
        removing_verbs=frozenset(offices["leaving"]["verbs"]),
        leaving_verbs=frozenset(offices["leaving"]["subject_verbs"]),
        demonyms={word.lower(): place for word, place in places["demonyms"].items()},
        street_kinds={**{kind: kind for kind in places["streets"]["suffixes"].values()},
                      **places["streets"]["suffixes"]},
        facility_heads=frozenset(places["facilities"]["heads"]),
        sites_named_by_place=frozenset(places["facilities"]["named_by_place"]),
        facility_first_heads=dict(places["facilities"]["first_heads"]),
        landforms=frozenset(places["facilities"]["landforms"]),
        place_alias=place_alias,
        capital_of={city.lower(): country for city, country in places.get("capitals", {}).items()},
        countries=frozenset(country.lower() for country in [*places["demonyms"].values(), *place_alias.values(),
                                                            *places.get("capitals", {}).values()]),
        modality_cues=modality_cues,
        superseded_cues=frozenset(language["superseded"]),
        modality_nouns=modality_nouns,
        measured_modality=measured_modality,
        attribution_verbs=frozenset(language["attribution"]["verbs"]),
        attribution_phrases=tuple(language["attribution"]["phrases"]),
        contrastive_words=frozenset(language["names"]["contrastive"]),
        honorifics=frozenset(language["names"]["honorifics"]),
        rank_first_words=frozenset(language["names"]["rank_first_words"]),
        time_zones=tuple(language["time"]["zones"]),
        name_suffixes=frozenset(language["names"]["suffixes"]),
        generic_name_suffixes=tuple(sorted((tuple(s.split()) for s in [*language["names"]["place_suffixes"],
                                                                        *language["names"]["body_suffixes"]]),
                                           key=len, reverse=True)),
        place_name_suffixes=frozenset(language["names"]["place_suffixes"]),
        body_name_suffixes=frozenset(language["names"]["body_suffixes"]),
        place_name_prefixes=frozenset(language["names"]["place_prefixes"]),
        body_name_prefixes=frozenset(language["names"]["body_prefixes"]),
        vessel_prefixes=tuple(language["names"]["vessel_prefixes"]),
        company_words=frozenset(language["names"]["company_words"]),
        first_word_forms=dict(language["names"]["first_word_forms"]),
        acronym_skips=frozenset(language["names"]["acronym_skips"]),
        surname_particles=frozenset(language["names"]["surname_particles"]),
        body_heads=frozenset(language["names"]["body_heads"]),
        person_roles=frozenset(language["people"]["roles"]),
        kin_roles=frozenset(language["people"]["kin"]),
        parent_roles=frozenset(language["people"]["parents"]),
        sex_of_word={word: sex for sex in ("male", "female") for word in language["people"][sex]},
        sex_of_pronoun=dict(language["people"]["pronouns"]),
        side_of_word={word: side for side in ("suspect", "victim") for word in language["people"][side]},
        died_words=frozenset(language["people"]["died"]),
        plain_people=frozenset(language["people"]["plain"]),
        given_name_forms=_name_forms(language["names"]["given_name_forms"]),
        max_title_words=max(len(title.split()) for title in office_of_title),
        alignment=_alignment_model(_require(tables, directory, "alignment")),
    )


def _name_forms(groups: list[list[str]]) -> dict[str, frozenset[str]]:
    """Each form -> every name it may stand for ("ted" is Edward's and Theodore's)."""
    forms: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for form in group:
            forms[form].update(group)
    return {form: frozenset(names) for form, names in forms.items()}


def _alignment_model(table: dict) -> AlignmentModel:
    """The model for pairs that give one value and, when `[differing]` is present, the one for
    pairs whose values differ (feature weights under `weight_differing`, biases under
    `[differing.bias]`; what is missing is taken from the first)."""
    features = table["features"]
    descriptions = {name: str(spec.get("description", name)) for name, spec in features.items()}
    against = frozenset(name for name, spec in features.items() if spec.get("direction") == "against")
    differing = None
    if "differing" in table:
        differing = AlignmentModel(
            weights={name: float(spec.get("weight_differing", spec["weight"])) for name, spec in features.items()},
            bias={family: float(value) for family, value in table["differing"].get("bias", table["bias"]).items()},
            threshold=float(table["differing"]["threshold"]),
            descriptions=descriptions,
            against=against,
            set_by_hand=frozenset(table["differing"].get("set_by_hand", ())),
        )
    return AlignmentModel(
        weights={name: float(spec["weight"]) for name, spec in features.items()},
        bias={family: float(value) for family, value in table["bias"].items()},
        threshold=float(table["threshold"]),
        descriptions=descriptions,
        against=against,
        differing=differing,
        set_by_hand=frozenset(table.get("set_by_hand", ())),
    )
