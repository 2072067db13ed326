"""Person attributes local news states over and over: ages ("John Smith, 25," / "25-year-old
John Smith" / "Smith (25)" / "John Smith, age 25"). One person has one age, so two sources
giving two ages is a discrepancy worth a reader's eye.

People are often aged before they are named, or never named: "his 6-year-old brother", "the
28-year-old suspect", "a 46-year-old and a 24-year-old", "a woman in her 30s". Those ages are
claims about the role ("brother", "suspect", "person"); alignment decides who they are.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from checker.extract.context import Prose, entity_name, sentence_of
from checker.lexicon import Lexicon
from checker.model import Claim, Subject
from checker.normalize import COUNTING_WORDS, SPELLED_NUMBER, parse_number, without_possessive

_AGE_NUMBER = rf"\d{{1,3}}|{SPELLED_NUMBER}"  # "25", "six", "Twenty-six"
_YEARS_OLD = r"\s*-?\s*years?\s*-?\s*old"  # "25 years old", "25-year-old", "25-years-old"
_BEFORE = re.compile(rf"(?<![\w-])({_AGE_NUMBER}){_YEARS_OLD}"
                     r"(?:\s+[a-z]+){0,3}\s*,?\s*(?:identified\s+as\s+)?$", re.IGNORECASE)
# the age is followed by what ends an apposition, or by the verb when it closes a list of people
# ("..., Donald Jessup, 25 and Tobias Cole, 32 were all taken to the hospital")
_AFTER = re.compile(r"^\s*(?:,\s*(?:age[sd]?\s+)?|\(\s*(?:age[sd]?\s+)?)(\d{1,3})(?![.,]\d)\s*"
                    r"(?=[,.;)]|\s+(?:and|of|were|was|are|is|have|has|had|remains?|remained|died)\b|\s*$)")
# "Smith is 27 years old", "John Doe, who was 45 years old,": the age stated of the name
_STATED = re.compile(rf"^\s*,?\s+(?:who\s+)?(?:is|was|['’]s)\s+(?:only|just|now)?\s*(\d{{1,3}}){_YEARS_OLD}\b",
                     re.IGNORECASE)
# "Patricio Vergara, the 61-year-old history teacher who has led the union", "Wang Haoran, the
# company's 47-year-old founder": the age in an apposition. Not after "his" or "her", which as often
# begins the next of a list ("Marcus Hill, his 6-year-old son and ...")
_APPOSITION = re.compile(rf"^\s*,\s+(?:(?:the\s+)?[\w.&-]+(?:\s+[\w.&-]+)?['’]s\s+|(?:the|a|an)\s+)"
                         rf"(\d{{1,3}}){_YEARS_OLD}\b", re.IGNORECASE)
_PHRASE = re.compile(rf"(?:{_AGE_NUMBER}){_YEARS_OLD}", re.IGNORECASE)
_MAX_AGE = 120
# a determiner, a possessor or a number of people before an age: "the girl's 25-year-old mother"
_UNNAMED = re.compile(r"\b(?:a|an|the|his|her|their|its|whose|one|another|this|that|my|our|your|and|or"
                      r"|two|three|four|five|six|seven|eight|nine|ten|both|several"  # "two 13-year-olds"
                      r"|[a-z]+['’]s)\s+"
                      rf"((\d{{1,3}}|{COUNTING_WORDS})(?:(?:\s*-\s*years?|\s+year)\s*-?\s*old|\s*-?\s*y/?o\b))"  # "a 49-year old", "a 16yo",
                      # "a 49 year old" (not "between 20 and 25 years old": a range, which other patterns read)
                      r"(?:\s+(?!and\b|or\b)(?:[a-z]+\s+){0,2}?([a-z]+)\b)?", re.IGNORECASE)
# (no role is read across "and": "the 25-year-old and 34-year-old victims" are two ages)
# "hitting a 25- and 35-year-old in the leg": two ages sharing one "year-old"
_SUSPENDED = re.compile(r"\b(?:a|an|the)\s+(\d{1,3})\s*-\s+(?:and|or)\s+(\d{1,3})\s*-\s*years?\s*-\s*old"
                        r"(?:\s+([a-z]+)\b)?", re.IGNORECASE)
# "The other man, age 47, has been identified", "the driver, 34, was not hurt": an age set off by commas
# after a role word (one the lexicon lists, or the number is anything's)
# ("the victim, who was 19 years old, died")
_APPOSED = re.compile(r"\b(?:the|a|an|another|one)\s+(?:[a-z]+\s+){0,2}?([a-z]+)\s*,\s*"
                      rf"(?:age[sd]?\s+|who\s+(?:is|was)\s+(?=\d{{1,3}}{_YEARS_OLD}))?(\d{{1,3}})"
                      rf"(?![.,]?\d)(?:{_YEARS_OLD})?\s*(?=,|\s+(?:was|were|is|has|had|died|remains)\b)",
                      re.IGNORECASE)
# ("a man in his 20s", "the mother, believed to be in her 20s": the role before the comma)
_DECADE = re.compile(r"\b(?:(?:a|an)\s+([a-z]+)\s+|(?:the|a|an)\s+([a-z]+)\s*,\s*(?:[a-z]+\s+){1,4}?)?"
                     r"in\s+(?:his|her|their)\s+(?:(early|mid|mid-|late)\s*-?\s*"
                     r"(?:to\s+(early|mid|late)\s*-?\s*)?)?"  # "in her mid- to late 50s"
                     r"(\d)0s\b", re.IGNORECASE)
_DECADE_PART = {"early": (0, 3), "mid": (4, 6), "mid-": (4, 6), "late": (7, 9), None: (0, 9)}


# a capitalised name followed by one of these is where the person is from: "a 20-year-old Cleveland Heights man"
_PERSON_NOUN = r"(man|woman|men|women|boy|girl|teen|teenager|resident|native|student|mother|father)\b"
# (a preposition between is where the person is: "a 76-year-old woman in Tuguegarao City")
_AGED_NAME = re.compile(r"\b\d{1,3}\s*-\s*years?\s*-\s*old\s+(?:(?!(?:in|from|of|at|near|outside|on)\s)[a-z]+\s+){0,2}"
                        rf"([A-Z][a-z]+(?:\s+[A-Z][a-zA-Z'’-]+){{1,3}})(?!\s+{_PERSON_NOUN})")
_FROM_PLACE = re.compile(rf"\s+(?:[A-Z][\w'’-]+\s+){{1,3}}{_PERSON_NOUN}")


def aged_names(doc: Doc, text: str) -> list[Span]:
    """Proper names right after an age ("25-year-old Marcus Hill"): people, whatever NER said.

    A name followed by a person noun is where the person is from ("a 20-year-old Cleveland
    Heights man"), not who.
    """
    names = []
    for match in _AGED_NAME.finditer(text):
        span = doc.char_span(match.start(1), match.end(1), label="PERSON", alignment_mode="contract")
        if span is not None and all(t.pos_ == "PROPN" for t in span):
            names.append(span)
    return names


# a full name, or initials and a name ("K Ramesh", "P. Lakshmi Sravani", as South Asian names are written)
_FULL_NAME = r"(?:(?:[A-Z]\.?\s+){1,2}[A-Z][a-z]+|[A-Z][a-z]+\s+[A-Z][a-zA-Z'’-]+)(?:\s+[A-Z][a-zA-Z'’-]+){0,2}"
_IDENTIFIED = re.compile(rf"\b(?:identified|named)\s+(?:[a-z]+\s+){{0,3}}as\s+(?:\d{{1,3}}-year-old\s+)?({_FULL_NAME})"
                         rf"|\b({_FULL_NAME})(?:,\s+\d{{1,3}}(?:[,;)]|\s+and\b)|\s+\(\d{{1,3}}\))")


def identified_names(doc: Doc, text: str) -> list[Span]:
    """Names news introduces as people: "identified the victim as Darnell Price", "Darnell Price, 24,",
    "K Ramesh (32)", and in a list of victims "Shamekia Tyjuana Sanders, 17; Krystal Hutto, 28; and
    Jerome Butler, 50"."""
    names = []
    for match in _IDENTIFIED.finditer(text):
        group = 1 if match.group(1) else 2
        span = doc.char_span(match.start(group), match.end(group), label="PERSON", alignment_mode="contract")
        if span is not None and all(t.pos_ == "PROPN" for t in span) \
                and not any(t.ent_type_ in {"GPE", "LOC", "NORP", "DATE"} for t in span):
            names.append(span)
    return names


_LETTERS = r"[^\W\d_]+"  # of any alphabet: "Treviño", "Müller"
_AGED_SURNAME = re.compile(rf"(?<![\w'’-])((?=[A-ZÀ-Þ]){_LETTERS}(?:[-'’](?=[A-ZÀ-Þ]){_LETTERS})?),\s+\d{{1,3}}(?:[,;)]|\s+and\b)")


# a surname alone after an age: "including the 63-year-old Choi"
_SURNAME_AGED = re.compile(rf"\b\d{{1,3}}\s*-\s*years?\s*-\s*old\s+((?=[A-ZÀ-Þ]){_LETTERS})\b(?!\s+[A-Z])")
# a family name written first, before a given name of two syllables joined in lower case: "Choi Min-gyu"
_FAMILY_NAME_FIRST = re.compile(r"([A-Z][a-z]+) [A-Z][a-z]+-[a-z]+")


def _family_names(name: str) -> list[str]:
    """The words a full name's bearer is called by alone: the last ("Maria Martinez"), or, in a
    Korean name, the first ("Choi Min-gyu" is Choi)."""
    words = name.split()
    if len(words) < 2:
        return []
    first = _FAMILY_NAME_FIRST.fullmatch(name)
    return [first.group(1)] if first else [words[-1]]


def aged_surnames(doc: Doc, text: str, persons: list[Span]) -> list[Span]:
    """A surname alone before or after an age ("Martinez, 47, will be sworn in", "the 63-year-old
    Choi") that is how a full name the article gives is called ("Maria Martinez", "Choi Min-gyu"):
    NER often takes a surname alone for a place or an organisation, and the age would be lost."""
    surnames = {surname for person in persons for surname in _family_names(person.text.strip())}
    names = []
    for match in [*_AGED_SURNAME.finditer(text), *_SURNAME_AGED.finditer(text)]:
        if match.group(1) in surnames:
            span = doc.char_span(match.start(1), match.end(1), label="PERSON", alignment_mode="contract")
            if span is not None:
                names.append(span)
    return names


_WRITTEN_NAME = re.compile(
    r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?"  # a given name, perhaps an initial
    r"(?:\s+[\"“'‘][^\"“”'‘’\n]{1,25}[\"”'’](?=\s))?"  # a nickname in quotes: Wilfred "Lil Wilfred" Celestine
    r"(?:\s+[A-Z][a-zA-Z’'-]+){1,2}"  # the surname(s)
    r"(?:,?\s+(?:Jr|Sr|II|III|IV)\b\.?)?"  # a generational suffix: Randall P. Henderson, Jr.
)


def written_names(doc: Doc, text: str) -> list[Span]:
    """Names as news writes them in full, with a quoted nickname or a generational suffix.

    NER cuts 'Wilfred "Lil Wilfred" Celestine' and "Randall P. Henderson, Jr." into pieces; the
    whole is the spelling other sources are compared with.
    """
    names = []
    for match in _WRITTEN_NAME.finditer(text):
        written = match.group(0)
        if not re.search(r"[\"“'‘].+[\"”'’]\s|,?\s+(?:Jr|Sr|II|III|IV)\b", written):
            continue  # a plain name: NER's own span stands
        span = doc.char_span(match.start(), match.end(), label="PERSON", alignment_mode="contract")
        if span is not None and span[0].pos_ == "PROPN" and not any(t.ent_type_ in {"GPE", "DATE"} for t in span):
            names.append(span)
    return names


def age_claims(doc: Doc, persons: list[Span], *, source_id: str, lexicon: Lexicon, prose: Prose,
               extractor: str) -> Iterator[Claim]:
    """Yield an age claim for each person whose age is written beside the name, and for each of
    two people named together with their two ages ("Robert and Linda Haskell, 78 and 74")."""
    text = prose.text
    paired = [match for match in _PAIRED.finditer(text) if prose.is_prose(match.start())]
    in_pair = [range(match.start(), match.end()) for match in paired]
    aged = [(person, *found) for person in persons if prose.is_prose(person.start_char)
            and not any(person.start_char in pair for pair in in_pair)
            and (found := _age_beside(person, text)) is not None]
    owner_of_surname = _surnames_owned(persons, {person.text.strip() for person, *_ in aged}, lexicon)
    for person, age, start, end in aged:
        written = person.text.strip()
        full = written if " " in written else owner_of_surname.get(written)
        if full is None:
            continue  # "Smith, 25" is a Smith the article names in full, or could be any
        yield _named_age(doc, source_id, entity_name(full, "PERSON", lexicon), age, (start, end), person[0], prose,
                         extractor)
    for match in paired:
        first, second = match.group(1), match.group(2)
        if " " not in first:  # "Robert and Linda Haskell": one surname for both
            first = f"{first} {second.split()[-1]}"
        for name, group in ((first, 3), (second, 4)):
            token = doc.char_span(match.start(group), match.end(group), alignment_mode="expand")
            age = int(match.group(group))
            if token is not None and 0 < age <= _MAX_AGE:
                yield _named_age(doc, source_id, entity_name(name, "PERSON", lexicon), age,
                                 (match.start(group), match.end(group)), token[0], prose, extractor)


# two people named together, then their two ages in the same order: "Robert and Linda Haskell, a
# married couple, 78 and 74", "Marcus Hill and Jordan Ames, 19 and 22"
_PAIRED = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)*)\s+and\s+([A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+)\s*,\s*"
                     r"(?:(?:a|an|the)\s+[a-z][^,\d]{0,40},\s*)?(?:ages?\s+)?(\d{1,3})\s+and\s+(\d{1,3})\b"
                     r"(?!\s*(?:-|years?\b|percent\b|%|[.,]\d))")


def _named_age(doc: Doc, source_id: str, name: str, age: int, span: tuple[int, int], token: Token, prose: Prose,
               extractor: str) -> Claim:
    """A named person's age claim: the person is its subject and owner, so two ages of one person
    align whatever else their sentences say."""
    start, end = span
    sentence, _ = prose.sentence(doc, token)
    return Claim(
        id=f"{source_id}#age@{start}",
        source=source_id,
        kind="age",
        subject=Subject(text=name, head="age", concept="age", anchors=(name,)),
        value=float(age),
        unit="years",
        low=float(age),
        high=float(age),
        text=prose.text[start:end],
        sentence=sentence,
        start=start,
        end=end,
        entities=(name,),
        extractor=extractor,
    )


def _age_beside(person: Span, text: str) -> tuple[int, int, int] | None:
    """(age, start, end) of an age written right after a name ("Ann Lee, 34,", "Lee, who is 34
    years old", "Ann Lee, the 34-year-old nurse") or right before it ("34-year-old Ann Lee")."""
    after = _AFTER.match(text[person.end_char:person.end_char + 16]) \
        or _STATED.match(text[person.end_char:person.end_char + 40])
    apposed = _APPOSITION.match(text[person.end_char:person.end_char + 48])
    before = _BEFORE.search(text[max(0, person.start_char - 48):person.start_char])
    if after:
        age, start, end = int(after.group(1)), person.end_char + after.start(1), person.end_char + after.end(1)
    elif apposed:
        age, start, end = int(apposed.group(1)), person.end_char + apposed.start(1), person.end_char + apposed.end()
    elif before:
        start = max(0, person.start_char - 48) + before.start(1)
        phrase = _PHRASE.match(text, start)
        age, end = int(parse_number(before.group(1)) or 0), phrase.end() if phrase else start + len(before.group(1))
    else:
        return None
    return (age, start, end) if 0 < age <= _MAX_AGE else None


def _surnames_owned(persons: list[Span], aged: set[str], lexicon: Lexicon) -> dict[str, str]:
    """{surname: the full name the article means by it alone}: "Conley, 48" after "David Ray Conley III".

    Of the full names that end in one surname, those given an age of their own are meant by name
    ("her husband Dwayne Jackson, 50" is not "Jackson, 40"); of the rest, the first: news names
    its main person first and a namesake after ("council member Robert Treviño ... a fourth
    candidate, Luis Treviño ... Treviño, 47"). Two introduced in one sentence ("arrested Mark Smith
    and Jane Smith") are either.
    """
    introduced: dict[str, list[tuple[str, int]]] = {}
    for person in sorted(persons, key=lambda span: span.start):
        words = without_possessive(person.text.strip()).split()
        surnames = [w.rstrip(".,") for w in words[1:] if w.rstrip(".,").lower() not in lexicon.name_suffixes]
        full = " ".join(words)
        if len(words) >= 2 and surnames and surnames[-1][:1].isupper() and full not in aged:
            surname = _family_names(" ".join([words[0], *surnames]))[0]
            names = introduced.setdefault(surname, [])
            if all(name != full for name, _ in names):
                names.append((full, sentence_of(person).start))
    return {surname: names[0][0] for surname, names in introduced.items()
            if all(sentence != names[0][1] for _, sentence in names[1:])}


def unnamed_age_claims(doc: Doc, *, source_id: str, lexicon: Lexicon, prose: Prose,
                       extractor: str) -> Iterator[Claim]:
    """Ages of people told by role, not name: "his 6-year-old brother", "a six-year-old boy", "a man
    in his late 50s".

    An age followed by a capitalised name is left to `age_claims`; a role word the lexicon does
    not list ("a 6-year-old playing with a gun") makes the role "person".
    """
    text = prose.text
    for match in _UNNAMED.finditer(text):
        role = (match.group(3) or "").lower()
        if re.match(r"\s+[A-Z]", text[match.end(1):match.end(1) + 3]):
            from_place = _FROM_PLACE.match(text, match.end(1))
            if from_place is None:
                continue  # "25-year-old Marcus Hill": the named person's age
            role = from_place.group(1).lower()  # "a 20-year-old Cleveland Heights man"
        role = role if role in lexicon.person_roles else "person"
        age = int(parse_number(match.group(2)) or 0)
        if 0 < age <= _MAX_AGE and prose.is_prose(match.start(1)):
            yield _unnamed_claim(doc, source_id, role, float(age), (float(age), float(age)),
                                 (match.start(1), match.end(1)), prose, extractor)
    for match in _SUSPENDED.finditer(text):
        role = (match.group(3) or "").lower()
        role = role if role in lexicon.person_roles else "person"
        for group in (1, 2):
            age = int(match.group(group))
            if 0 < age <= _MAX_AGE and prose.is_prose(match.start(group)):
                yield _unnamed_claim(doc, source_id, role, float(age), (float(age), float(age)),
                                     (match.start(group), match.end(group)), prose, extractor)
    for match in _APPOSED.finditer(text):
        role, age = match.group(1).lower(), int(match.group(2))
        if role in lexicon.person_roles and 0 < age <= _MAX_AGE and prose.is_prose(match.start(2)):
            yield _unnamed_claim(doc, source_id, role, float(age), (float(age), float(age)),
                                 (match.start(2), match.end(2)), prose, extractor)
    for match in _DECADE.finditer(text):
        decade = int(match.group(5)) * 10
        first = _DECADE_PART[(match.group(3) or "").lower() or None][0]
        last = _DECADE_PART[(match.group(4) or match.group(3) or "").lower() or None][1]
        role = (match.group(1) or match.group(2) or "").lower()
        role = role if role in lexicon.person_roles else "person"
        if decade >= 10 and prose.is_prose(match.start()):
            low, high = float(decade + first), float(decade + last)
            yield _unnamed_claim(doc, source_id, role, (low + high) / 2, (low, high),
                                 (match.start(3) if match.group(3) else match.start(5), match.end()), prose,
                                 extractor, qualifier="range")


def _unnamed_claim(doc: Doc, source_id: str, role: str, value: float, bounds: tuple[float, float],
                   span: tuple[int, int], prose: Prose, extractor: str, qualifier: str = "exact") -> Claim:
    start, end = span
    token = doc.char_span(start, end, alignment_mode="expand")
    sentence = prose.sentence(doc, token[0])[0] if token is not None else prose.text[start:end]
    return Claim(
        id=f"{source_id}#age@{start}",
        source=source_id,
        kind="age",
        subject=Subject(text=role, head=role, concept="age"),
        value=value,
        unit="years",
        qualifier=qualifier,  # type: ignore[arg-type]
        low=bounds[0],
        high=bounds[1],
        text=prose.text[start:end],
        sentence=sentence,
        start=start,
        end=end,
        extractor=extractor,
    )
