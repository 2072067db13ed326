"""Role claims: who holds which office, for which country or organisation.

Two shapes cover most news: a title before the name ("South Korean Defense Minister Kim Yong
Hyun", "NATO Secretary General Mark Rutte") and a title in apposition after it ("Kim
Yong-Hyun, South Korea's defense minister,"). Titles come from `rules/lexicon/offices.toml`;
"former" and "deputy" change what a title claims.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from checker.extract.context import (
    INITIAL,
    PLACE_LABELS,
    Prose,
    attribution_of,
    entity_name,
    governing_predicate,
    sentence_of,
    token_entity,
)
from checker.lexicon import Lexicon, Office
from checker.model import Claim, Subject

# whose office a title before a name is: a country, a people, a body, a region, or a site NER takes for
# a building ("Suvarnabhumi Airport general manager", "Harborview Hospital director")
_JURISDICTION_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
_WINDOW = 6  # tokens before a title searched for a nationality when none is attached
_OWNING_PRONOUNS = frozenset({"its", "their"})  # "its president": the office of a body named before


def role_claims(persons: list[Span], *, source_id: str, lexicon: Lexicon, prose: Prose,
                extractor: str) -> Iterator[Claim]:
    """Yield a role claim for each person named with an office title."""
    for person in persons:
        if not prose.is_prose(person.start_char) or not person.text[0].isalpha() \
                or person[-1].lower_ in lexicon.facility_heads:
            continue  # "’s Office" of "Sheriff’s Office", "George Hospital" of "King George Hospital": no name
        ranked = _with_rank(person, lexicon)
        found = _title_before(person, lexicon) or _title_of_body_before(person, lexicon) \
            or (ranked is not person and (_title_before(ranked, lexicon) or _title_of_body_before(ranked, lexicon))) \
            or _title_after(person, lexicon) or _title_by_appointment(person, lexicon)
        if found is None:
            continue
        office, title_start, _, jurisdiction, span_start, span_end = found
        if _leaves_office(person, lexicon):
            office = Office(f"{_OUTGOING} {office.name}", office.single)
        if jurisdiction is None and (office.name in lexicon.generic_offices or not office.single) \
                and (owner := _owning_noun(person.doc, title_start, lexicon)) is not None:
            # (one thing's office of a rank many hold is one person's: "the ship's captain")
            office, jurisdiction, span_start = Office(office.name, True), owner.lemma_.lower(), min(span_start, owner.idx)
        for held, place, start, suffix in _with_coordinated_title(office, title_start, jurisdiction, span_start,
                                                                   person, lexicon):
            yield _role_claim(person, held, place, start, span_end, suffix, source_id=source_id, lexicon=lexicon,
                              prose=prose, extractor=extractor)


def _leaves_office(person: Span, lexicon: Lexicon) -> bool:
    """Whether the sentence takes the office from the person it titles: "dismissed National Bank
    chairman Yerlan Zhaksybekov", "Zhaksybekov, the chairman of the National Bank, had been removed",
    "Finance Minister X resigned". The story's new holder holds the office now; this one held it
    until then, and is its outgoing holder."""
    root = person.root
    verb = root.head
    if root.dep_ in {"dobj", "nsubjpass"}:
        return bool(_verb_phrase(verb) & lexicon.removing_verbs)
    return root.dep_ == "nsubj" and bool(_verb_phrase(verb) & lexicon.leaving_verbs)


_OUTGOING = "outgoing"


def _owning_noun(doc: Doc, title_start: int, lexicon: Lexicon) -> Token | None:
    """The thing whose office a title every body has (or a rank many hold) is, written as a common
    noun before it: "the museum's director", "the ship's captain", or a site's noun ("hospital
    director"): the story's museum, whose director each outlet names. Never a body's level ("the
    regional director")."""
    if title_start >= 1 and doc[title_start - 1].lower_ in lexicon.facility_heads \
            and doc[title_start - 1].dep_ == "compound" and token_entity(doc[title_start - 1]) is None:
        return doc[title_start - 1]
    if title_start < 2 or doc[title_start - 1].lower_ not in {"'s", "’s"}:
        return None
    owner = doc[title_start - 2]
    if owner.pos_ != "NOUN" or not owner.is_lower or token_entity(owner) is not None \
            or owner.lower_ in lexicon.body_levels \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in owner.children):
        return None
    return owner


def _with_coordinated_title(office: Office, title_start: int, jurisdiction: str | None, span_start: int,
                            person: Span, lexicon: Lexicon) -> list[tuple[Office, str | None, int, str]]:
    """(office, jurisdiction, where the claim's text starts, id suffix) of the title found, and of a
    title coordinated before it: "NGCP President and CEO Edgardo Salcedo" holds both offices, and
    the body before the first title places both."""
    doc = person.doc
    sent_start = sentence_of(person).start
    if title_start - 1 > sent_start and doc[title_start - 1].lower_ == "and" and title_start <= person.start:
        first = _title_ending_at(doc, title_start - 1, sent_start, lexicon)
        if first is not None and first[0] is not None and first[0].name != office.name:
            placed, placed_start = _jurisdiction_before(doc, first[2], sent_start, lexicon)
            start = doc[placed_start].idx
            return [(office, jurisdiction or placed, min(span_start, start), ""), (first[0], placed, start, "+")]
    return [(office, jurisdiction, span_start, "")]


def _role_claim(person: Span, office: Office, jurisdiction: str | None, span_start: int, span_end: int, suffix: str,
                *, source_id: str, lexicon: Lexicon, prose: Prose, extractor: str) -> Claim:
    """The claim that `person` holds `office` (of `jurisdiction`, when the text says whose)."""
    holder = entity_name(person.text, "PERSON", lexicon)
    sentence, _ = prose.sentence(person.doc, person[0])
    predicate = governing_predicate(person.root, lexicon)
    return Claim(
        id=f"{source_id}#role@{person.start_char}{suffix}",
        source=source_id,
        kind="role",
        subject=Subject(text=f"{jurisdiction or '?'} {office.name}", head=office.name, concept=office.name,
                        anchors=(jurisdiction,) if jurisdiction else ()),
        value=holder,
        unit=None,
        subtype="single" if office.single else "shared",
        attribution=attribution_of(predicate, sentence_of(person), lexicon),
        text=prose.text[span_start:span_end],
        sentence=sentence,
        start=span_start,
        end=span_end,
        entities=tuple(x for x in (holder, jurisdiction) if x),
        extractor=extractor,
    )


def _with_rank(person: Span, lexicon: Lexicon) -> Span:
    """The name with the ranks or honorifics written before it ("police chief Colonel Marco Pacheco",
    "the head of the police region, General Julio César Pacheco"): a title before them is still the
    person's, where none ends right before the name ("Secretary General Mark Rutte")."""
    start, sentence_start = person.start, sentence_of(person).start
    while start - 1 >= sentence_start and person.doc[start - 1].is_title \
            and person.doc[start - 1].lower_.rstrip(".") in lexicon.honorifics:
        start -= 1
    return person if start == person.start else Span(person.doc, start, person.end, label=person.label_)


def titled_names(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """Names NER missed that follow an office title: a capitalised one ("Defense Minister Rustem
    Umerov"), or one in lower case before a given name and a surname ("Hartwell spokesperson Elena
    Ruiz said", where the small model tags no one), or one in apposition that the model took for
    an organisation ("the attorney general, Mauricio Leal Cantu, said")."""
    names: list[Span] = []
    first_words = _title_first_words(lexicon)
    index = 0
    while index < len(doc):
        if doc[index].lower_ not in first_words and doc[index].lower_ not in lexicon.portfolio_offices:
            index += 1
            continue
        found, capitalised = None, False
        for width in range(lexicon.max_title_words, 0, -1):
            words = doc[index:index + width]
            capitalised = all(t.is_title or t.is_upper or t.text == "-" for t in words)
            in_lower_case = all(t.is_lower or t.text == "-" for t in words[1:]) and (width > 1 or words[0].is_lower)
            if len(words) == width and (capitalised or in_lower_case) and _match_title(list(words), lexicon) is not None:
                found = index + width
                break
        if found is None:
            found, capitalised = _portfolio_title_end(doc, index, lexicon), True
        if found is None:
            index += 1
            continue
        if found + 1 < len(doc) and doc[found].text == "," and _name_taken_for_body(doc, found + 1, lexicon):
            found += 1  # in apposition: "the state attorney general, Mauricio Leal Cantu, said"
        end = found
        kinds = {"", "PERSON", "ORG"} if _name_taken_for_body(doc, found, lexicon) else {"", "PERSON"}
        while end < len(doc) and end - found < 4 and sentence_of(doc[end]).start == sentence_of(doc[index]).start and (
                (doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ in kinds)
                or (doc[end].text == "-" and end > found and not doc[end - 1].whitespace_ and end + 1 < len(doc)
                    and doc[end + 1].is_alpha)  # a name's ("Suk-yeol"), never the title's ("officer-in-charge")
                or (end > found and _surname_particle(doc, end, lexicon))):  # "Marieke de Vries"
            end += 2 if doc[end].text == "-" else 1
        while end > found and doc[end - 1].lower_ in lexicon.surname_particles:
            end -= 1
        if end - found >= (1 if capitalised else 2):
            names.append(Span(doc, found, end, label="PERSON"))
            index = end
        else:  # no name after it: a longer title may begin inside ("state attorney" of "state attorney general")
            index += 1
    return names


def _portfolio_title_end(doc: Doc, index: int, lexicon: Lexicon) -> int | None:
    """Where a name may begin after a portfolio's office ("Finance councillor Henrique Lobo", "the
    finance councillor, Henrique Teixeira Lobo", "minister of production, Martín Quiroga"), which
    NER often takes for a body; None when `index` holds no such office."""
    if doc[index].lower_ not in lexicon.portfolio_offices:
        return None
    end = index + 1
    if end < len(doc) and doc[end].lower_ in _PORTFOLIO_LINKS:
        end += 1
        while end < len(doc) and end - index - 2 < _MAX_PORTFOLIO_NOUNS and doc[end].pos_ == "NOUN" \
                and doc[end].is_alpha:
            end += 1
    elif index == 0 or not (doc[index - 1].pos_ in {"NOUN", "PROPN", "ADJ"} and doc[index - 1].is_alpha):
        return None  # "the minister, X": no portfolio
    if end < len(doc) and doc[end].text == ",":
        end += 1
    return end


def _name_taken_for_body(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """Whether the "organisation" NER has after a title is a person's name it mistook ("returning
    officer Sabine Liebig", "District Collector K. Venkata Ramana", the title taken in too): two or
    three capitalised proper nouns, perhaps after initials, and nothing else, where a body's name
    has a word of its kind ("Acme Corp", "City Council")."""
    ent = token_entity(doc[start]) if start < len(doc) else None
    if ent is None or ent.label_ != "ORG":
        return False
    kinds = lexicon.body_heads | lexicon.body_name_suffixes | lexicon.place_name_suffixes
    after_title = [t for t in doc[start:ent.end] if not _surname_particle(doc, t.i, lexicon)]
    words = [t for t in after_title if not INITIAL.fullmatch(t.text)]
    return 2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in words) \
        and ent[-1].lower_ not in kinds


def _surname_particle(doc: Doc, index: int, lexicon: Lexicon) -> bool:
    """Whether a word is a lower-case particle inside a person's name ("de" of "Marieke de Vries",
    "van der" of "Ludwig van der Berg"): listed, after a capitalised word and before another word of
    the name."""
    return 0 < index < len(doc) - 1 and doc[index].is_lower and doc[index].lower_ in lexicon.surname_particles \
        and (doc[index - 1].is_title or doc[index - 1].lower_ in lexicon.surname_particles) \
        and (doc[index + 1].is_title or doc[index + 1].lower_ in lexicon.surname_particles)


@lru_cache(maxsize=4)
def _title_first_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(title.split()[0].split("-")[0] for title in lexicon.office_of_title)


def _match_title(tokens: list[Token], lexicon: Lexicon) -> Office | None:
    text = " ".join(t.lower_ for t in tokens).replace(" - ", "-").replace(" -", "-").replace("- ", "-") \
        .replace(" .", ".")  # "Sgt ." as the tokenizer cut it
    return lexicon.office_of_title.get(text)


def _title_before(person: Span, lexicon: Lexicon) -> tuple | None:
    doc = person.doc
    sent_start = sentence_of(person).start
    found = _title_ending_at(doc, person.start, sent_start, lexicon)
    if found is not None:
        office, start, cut = found
        if office is None:
            return None
    else:
        apposed = person.start - 1 >= sent_start and doc[person.start - 1].text == ","  # "the finance councillor, X"
        portfolio = _portfolio_title(doc, person.start - 1 if apposed else person.start, sent_start, lexicon)
        if portfolio is None:
            return None
        office, start = portfolio
        office, cut = _prefixed(office, doc, start, sent_start, lexicon)
        if office is None:
            return None
    jurisdiction, span_start = _jurisdiction_before(doc, cut, sent_start, lexicon)
    return office, start, person.start, jurisdiction, doc[span_start].idx, person.end_char


def _title_ending_at(doc: Doc, end: int, sent_start: int, lexicon: Lexicon) -> tuple[Office | None, int, int] | None:
    """The listed title, the longest, whose last word is right before `end`: (its office, where the
    title starts, where the words that qualify it start); the office is None for a former one
    ("former President X"), and the whole None when no title ends there. The widest search allows
    for the tokens a title is cut into ("Sgt ." as the tokenizer writes "Sgt.")."""
    for width in range(min(lexicon.max_title_words + 2, end - sent_start), 0, -1):
        office = _match_title(list(doc[end - width:end]), lexicon)
        if office is not None:
            office, start = _fielded(office, doc, end - width, end, sent_start, lexicon)
            office, cut = _prefixed(office, doc, start, sent_start, lexicon)
            return office, start, cut
    return None


_PORTFOLIO_JOINERS = frozenset({"and", "&", "of"})
_MAX_PORTFOLIO_WORDS = 5
_PORTFOLIO_LINKS = frozenset({"of", "for"})  # "minister of production", "councillor for housing"
_MAX_PORTFOLIO_NOUNS = 3  # nouns of a portfolio after its link


def _portfolio_title(doc: Doc, end: int, sent_start: int, lexicon: Lexicon) -> tuple[Office, int] | None:
    """A minister's or councillor's title the lexicon does not list, right before `end`, and where
    it begins: a portfolio's words before the office ("Tourism and Civil Aviation Minister",
    "Finance councillor") or after it ("minister of production", "councillor for housing")."""
    after = _portfolio_after(doc, end, sent_start, lexicon)
    if after is not None:
        return after
    start = _portfolio_start(doc, end, sent_start, lexicon)
    if start is None:
        return None
    office = _portfolio_office([t.lower_ for t in doc[start:end - 1]], doc[end - 1].lower_, lexicon)
    return (office, start) if office is not None else None


def _portfolio_start(doc: Doc, end: int, sent_start: int, lexicon: Lexicon) -> int | None:
    """Where the portfolio's words before an office begin: capitalised ("Agriculture Minister
    Stanisław Kaczmarek"), or nouns in lower case before one in lower case ("the finance
    councillor")."""
    if end - 1 < sent_start or doc[end - 1].lower_ not in lexicon.portfolio_offices:
        return None
    capitalised = doc[end - 1].is_title
    start = end - 1
    prefixes = lexicon.other_office_prefixes | lexicon.not_current_prefixes  # "Deputy", "former": not the portfolio's
    while start - 1 >= sent_start and end - start <= _MAX_PORTFOLIO_WORDS and doc[start - 1].lower_ not in prefixes and (
            (doc[start - 1].is_alpha and doc[start - 1].ent_type_ != "PERSON"  # (not "Kamiyama Yoko and ... Minister")
             and ((doc[start - 1].is_title and doc[start - 1].pos_ in {"PROPN", "NOUN", "ADJ"})
                  or (not capitalised and doc[start - 1].is_lower and doc[start - 1].pos_ == "NOUN")))
            or (doc[start - 1].lower_ in _PORTFOLIO_JOINERS and start - 2 >= sent_start and doc[start - 2].is_alpha
                and start < end - 1)):
        start -= 1
    while start < end - 1 and doc[start].lower_ in _PORTFOLIO_JOINERS:
        start += 1
    return start


def _portfolio_after(doc: Doc, end: int, sent_start: int, lexicon: Lexicon) -> tuple[Office, int] | None:
    """ "Mendoza's minister of production", "the councillor for housing": the office, then "of" or
    "for" and the portfolio's nouns."""
    start = end
    while start - 1 >= sent_start and end - start < _MAX_PORTFOLIO_NOUNS and doc[start - 1].pos_ in {"NOUN", "PROPN"} \
            and doc[start - 1].is_alpha and doc[start - 1].ent_type_ != "PERSON" \
            and doc[start - 1].lower_ not in lexicon.honorifics:  # "for environment Datuk Mohd Rizal"
        start -= 1
    if start == end or start - 2 < sent_start or doc[start - 1].lower_ not in _PORTFOLIO_LINKS \
            or doc[start - 2].lower_ not in lexicon.portfolio_offices:
        return None
    office = _portfolio_office([t.lower_ for t in doc[start:end]], doc[start - 2].lower_, lexicon)
    return (office, start - 2) if office is not None else None


def _portfolio_office(portfolio: list[str], office: str, lexicon: Lexicon) -> Office | None:
    """The office of a portfolio's words and "minister" or "councillor" ("agriculture minister",
    "finance councillor"; a level of government is no portfolio: a provincial production minister
    is the production minister): one holder at a time; a deputy or a former one is left to the
    listed titles, and "minister" alone is no portfolio."""
    words = [word for word in portfolio if word not in lexicon.body_levels]
    if not words or set(words) & (lexicon.other_office_prefixes | lexicon.not_current_prefixes):
        return None
    return Office(" ".join([*words, office]), True)


def _prefixed(office: Office, doc: Doc, start: int, sent_start: int, lexicon: Lexicon) -> tuple[Office | None, int]:
    """Apply "deputy"/"former" before a title: another office, or no current office at all."""
    if start - 1 >= sent_start:
        word = doc[start - 1].lower_.rstrip("-")
        if word in lexicon.not_current_prefixes:
            return None, start
        if word in lexicon.other_office_prefixes:
            return Office(f"{word} {office.name}", False), start - 1
    return office, start


_MAX_FIELD_WORDS = 2


def _fielded(office: Office, doc: Doc, start: int, end: int, sent_start: int, lexicon: Lexicon) -> tuple[Office, int]:
    """A title every body has, made an office of its own by its field's words before it ("race
    director", "the race's medical director", "IDX trading director"), and where those words begin:
    a body or its level before the title ("police director", "regional director") says whose office it
    is instead, and is read as such."""
    if office.name not in lexicon.fielded_offices:
        return office, start
    first = start
    while first - 1 >= sent_start and start - first < _MAX_FIELD_WORDS \
            and _field_word(doc[first - 1], first - 1 == sent_start, lexicon):
        first -= 1
    if first == start:
        return office, start
    return Office(" ".join(token.lower_ for token in doc[first:end]), True), first


def _field_word(token: Token, starts_sentence: bool, lexicon: Lexicon) -> bool:
    """A common noun or adjective that qualifies the title after it ("race", "medical", "trading"),
    never a name, a body's word or level, a rank or a word that makes another office ("deputy")."""
    word = token.lower_
    return token.is_alpha and token.pos_ in {"NOUN", "ADJ"} and token.dep_ in {"compound", "amod"} \
        and (token.is_lower or (starts_sentence and token.is_title)) and token_entity(token) is None \
        and word not in lexicon.body_levels and word not in lexicon.body_heads and word not in lexicon.facility_heads \
        and word not in lexicon.honorifics \
        and word not in lexicon.other_office_prefixes and word not in lexicon.not_current_prefixes


def _jurisdiction_before(doc: Doc, title_start: int, sent_start: int, lexicon: Lexicon) -> tuple[str | None, int]:
    """The country or body right before a title ("South Korea's", "Polish", "NATO", and a name NER
    tagged nothing: "Orchidtel chief executive"), over a word of level before or after it ("CDU
    district chairman", "District CDU chairman": the party's chairman in the district) and over
    another office it is coordinated with ("Acme's founder and chief executive")."""
    index = title_start - 1
    if index - 1 > sent_start and doc[index].lower_ in {"and", "&"} and doc[index - 1].pos_ == "NOUN" \
            and doc[index - 1].is_lower:
        index -= 2  # "Acme's founder and chief executive": the body of the title it is coordinated with
        while index - 1 > sent_start and doc[index].text == "-":  # "co-founder"
            index -= 2
    if index > sent_start and doc[index].lower_ == "own":  # "Acme's own chief executive", "its own president"
        index -= 1
    if index >= sent_start and doc[index].lower_ in {"'s", "’s", "'"}:
        index -= 1
    if index > sent_start and doc[index].lower_ in lexicon.body_levels and token_entity(doc[index]) is None:
        index -= 1
    if index >= sent_start and (ent := token_entity(doc[index])) is not None \
            and (ent.label_ in _JURISDICTION_LABELS or _company_taken_for_person(ent, index, lexicon)):
        if len(ent) == 2 and ent[0].lower_ in lexicon.body_levels and ent[1].is_upper:
            return entity_name(ent[1].text, ent.label_, lexicon), ent.start  # "District CDU chairman": the CDU's
        # (an entity that runs on over the title and the name is the body before them: "Anakapalli")
        return entity_name(doc[ent.start:min(ent.end, index + 1)].text, ent.label_, lexicon), ent.start
    if index >= sent_start and doc[index].lower_ in _OWNING_PRONOUNS:
        # "At the Rosario Chamber of Commerce, its president, Marcelo Quaranta": the body the sentence
        # named before it
        body = next((ent for ent in reversed(doc[sent_start:index].ents) if ent.label_ in {"ORG", "FAC"}), None)
        if body is not None:
            return entity_name(body.text, body.label_, lexicon), index
    if index >= sent_start and _untagged_body(doc[index], lexicon):
        start = index  # "Orchidtel chief executive Rachel Goh", the company's name left untagged
        while start - 1 >= sent_start and _untagged_body(doc[start - 1], lexicon):
            start -= 1
        return entity_name(doc[start:index + 1].text, "ORG", lexicon), start
    # "a Ukrainian delegation led by Defense Minister X": a nationality on a noun that governs the title
    governors = set()
    if title_start < len(doc):
        governors = {t.i for t in doc[title_start].ancestors}
    for token in reversed(doc[max(sent_start, title_start - _WINDOW):title_start]):
        ent = token_entity(token)
        if ent is not None and ent.label_ == "NORP" and ent.root.head.i in governors:
            return entity_name(ent.text, ent.label_, lexicon), title_start
    return None, title_start


def _company_taken_for_person(ent: Span, index: int, lexicon: Lexicon) -> bool:
    """A "person" whose name, up to the title, ends in a company's trade or legal form ("Qiankun
    Aerospace's founder", "Perkasa Resin Industries chairman"): the small model's slip on a company."""
    last = ent.doc[index].lower_.rstrip(".")
    return ent.label_ == "PERSON" and index > ent.start \
        and (last in lexicon.company_words or last in lexicon.body_name_suffixes)


def _untagged_body(token: Token, lexicon: Lexicon) -> bool:
    """A proper noun NER tagged nothing that modifies the title after it: the name of the body whose
    office it is ("Orchidtel chief executive", and an acronym the tagger takes for an adjective:
    "MinDA chairperson"), never a title's own word ("Deputy") or an honorific."""
    acronym = token.is_alpha and sum(char.isupper() for char in token.text) >= 2 and token.dep_ == "amod"
    return (token.pos_ == "PROPN" and token.dep_ in {"nmod", "compound"} or acronym) and token_entity(token) is None \
        and token.lower_ not in lexicon.honorifics and token.lower_ not in _title_first_words(lexicon)


def _title_after(person: Span, lexicon: Lexicon) -> tuple | None:
    """"Kim Yong-Hyun, South Korea's defense minister," and "Mark Rutte, NATO's secretary general"."""
    doc = person.doc
    end = sentence_of(person).end
    index = person.end
    if index >= end or doc[index].text != ",":
        return None
    index += 1
    stop = index
    while stop < end and stop - index < 10 and doc[stop].text not in {",", ";", ".", "(", ")"} \
            and (doc[stop].pos_ not in {"VERB", "AUX"} or doc[stop].lower_ in _title_first_words(lexicon)):
        stop += 1  # (a title's own participle: "the district's returning officer")
    words = list(doc[index:stop])
    if words and (words[0].dep_ == "cc" or words[0].lower_ == "whose"):
        return None  # "X, and its chairman, Y": the title is the next name's; "Chega, whose leader": the party's
    for first in range(len(words)):
        office = _match_title(words[first:], lexicon)
        if office is None:
            continue
        office, title_start = _fielded(office, doc, index + first, stop, index, lexicon)
        office, cut = _prefixed(office, doc, title_start, index, lexicon)
        if office is None:
            return None
        jurisdiction, _ = _jurisdiction_before(doc, cut, index, lexicon)
        return office, title_start, stop, jurisdiction, person.start_char, doc[stop - 1].idx + len(doc[stop - 1])
    # "X, the secretary general of NATO", "X, head of Indonesia's Geological Agency", "X, spokesman for DPMB"
    for first in range(len(words)):
        for last in range(len(words), first, -1):
            office = _match_title(words[first:last], lexicon)
            if office is None or last >= len(words) or words[last].lower_ not in {"of", "for"}:
                continue
            body = _body_of(words[last], lexicon)
            if body is not None:
                office, title_start = _prefixed(office, doc, index + first, index, lexicon)  # "deputy director of"
                if office is None:
                    return None
                return (office, title_start, stop, body, person.start_char, doc[stop - 1].idx + len(doc[stop - 1]))
    return None


def _title_by_appointment(person: Span, lexicon: Lexicon) -> tuple | None:
    """A title a verb of appointing gives the person: "was appointed finance minister", "named Ryo
    Nishida as economic security minister", "is expected to succeed Kamiyama as economic security
    minister", "took over as chief executive of Daeseong". Only the one who takes the office: never
    who appoints, nor who held it before ("succeed Kamiyama")."""
    root = person.root
    verb = root.head
    if root.dep_ not in {"dobj", "nsubjpass", "nsubj"}:
        return None
    verbs = [verb] if root.dep_ != "nsubj" and _verb_phrase(verb) & lexicon.appointing_verbs else []
    if root.dep_ != "dobj":  # "is expected to succeed": the subject of the verb it completes
        verbs += [v for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp"))
                  if _verb_phrase(v) & lexicon.succeeding_verbs]
    for appointing in verbs:
        for title in _titles_given(appointing, root):
            found = _title_phrase(title, lexicon)
            if found is None:
                continue
            office, start, end, jurisdiction = found
            doc = person.doc
            return (office, start, end, jurisdiction, min(person.start_char, doc[start].idx),
                    max(person.end_char, doc[end - 1].idx + len(doc[end - 1])))
    return None


def _verb_phrase(verb: Token) -> set[str]:
    """A verb as the appointing lists write it: its lemma, and with its particle ("take over")."""
    lemma = verb.lemma_.lower()
    return {lemma, *(f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt")}


def _titles_given(verb: Token, person: Token) -> list[Token]:
    """The nouns a verb of appointing gives as the title: after "as" (on the verb or on its object),
    or as its complement ("named CEO", "became mayor", "was appointed finance minister")."""
    titles = []
    for holder in (verb, person):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                titles += [g for g in child.children if g.dep_ == "pobj"]
    titles += [c for c in verb.children if c.i != person.i and c.pos_ in {"NOUN", "PROPN"}
               and (c.dep_ in {"oprd", "attr", "xcomp"} or (c.dep_ == "dobj" and person.dep_ == "nsubjpass"))]
    return [t for t in titles if t.ent_type_ not in {"PERSON", "ORG", "GPE"}]


def _title_phrase(noun: Token, lexicon: Lexicon) -> tuple[Office, int, int, str | None] | None:
    """The office a noun phrase names, where it starts and ends, and its body ("chief executive of
    Daeseong"); a minister or councillor of a portfolio the lexicon does not list ("economic
    security minister") is one of its own."""
    doc = noun.doc
    start = min((t.i for t in noun.subtree if t.i <= noun.i and t.dep_ not in {"det", "poss", "case", "punct"}),
                default=noun.i)
    found = _title_ending_at(doc, noun.i + 1, start, lexicon)
    if found is not None and found[0] is not None:
        office, title_start, cut = found
    elif noun.lower_ in lexicon.portfolio_offices and (office := _portfolio_office(
            [t.lower_ for t in doc[start:noun.i]], noun.lower_, lexicon)) is not None:
        title_start = cut = start
    else:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    body = _body_of(of, lexicon) if of is not None else None
    if body is None:
        body, _ = _jurisdiction_before(doc, cut, start, lexicon)
    end = max((t.i for t in of.subtree), default=noun.i) + 1 if of is not None and body is not None else noun.i + 1
    return office, title_start, end, body


def _title_of_body_before(person: Span, lexicon: Lexicon) -> tuple | None:
    """A title, then the name in apposition: "The head of the Osh Regional Health Department, Aibek
    Zhumabaev," (the body after "of" is the title's) or "The company's managing director, Sanjay
    Mehta," (the owner before it)."""
    doc = person.doc
    sent_start = sentence_of(person).start
    comma = person.start - 1
    if comma - 1 < sent_start or doc[comma].text != ",":
        return None
    of = next((t for t in doc[max(sent_start, comma - 8):comma - 1] if t.lower_ == "of"
               and any(c.dep_ == "pobj" and c.i == comma - 1 for c in t.children)), None)
    end = of.i if of is not None else comma
    found = _title_ending_at(doc, end, sent_start, lexicon)
    if found is None or found[0] is None:
        return None
    office, start, cut = found
    if of is not None:
        body, span_start = _body_of(of, lexicon), cut
    else:
        body, span_start = _jurisdiction_before(doc, cut, sent_start, lexicon)
    return office, start, end, body, doc[span_start].idx, person.end_char


def _body_of(of: Token, lexicon: Lexicon) -> str | None:
    """The country or body after "of" or "for" in a title ("of NATO", "of Indonesia's Geological
    Agency", "of the Osh regional health department", "for DPMB", "of Al Haouz province"): a name
    NER tagged, a short form, a place before its kind, or a phrase ending in a body's kind, written
    as the text has it, without article or possessor."""
    head = next((c for c in of.children if c.dep_ == "pobj"), None)
    if head is None:
        return None
    ent = token_entity(head)
    if ent is not None and ent.label_ in _JURISDICTION_LABELS:
        return entity_name(ent.text, ent.label_, lexicon)
    if head.is_upper and head.is_alpha and len(head) >= 2 and (ent is None or (ent.label_ == "PERSON" and len(ent) == 1)):
        return head.text  # a body's short form NER left untagged or took for a person: "spokesman for DPMB"
    named = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if ent is None and head.lower_ in lexicon.place_name_suffixes and named:
        # "Governor of Al Haouz province": Al Haouz's, whatever NER took the name for
        return entity_name(head.doc[named[0].i:named[-1].i + 1].text, "GPE", lexicon)
    if head.lower_ not in lexicon.body_heads:
        return None
    owned = [t for t in head.subtree if t.i <= head.i]
    possessive = max((t.i for t in owned if t.dep_ == "case"), default=None)
    words = [t for t in owned if (possessive is None or t.i > possessive) and t.dep_ not in {"det", "poss"}]
    named = token_entity(words[0]) if words else None
    described = [t for t in words if named is not None and t.i >= named.end]
    if named is not None and named.label_ in _JURISDICTION_LABELS and named.label_ not in PLACE_LABELS \
            and all(t.is_lower for t in described) and not any(t.lower_ in lexicon.body_levels for t in described):
        # "of the OPZZ trade union confederation": the OPZZ (a level names a body of the place: "of the
        # Osh regional health department"; a place's body is its own: "head of a Braila civic
        # association" is no head of Braila)
        return entity_name(named.text, named.label_, lexicon)
    return " ".join(t.text for t in words) if words else None
