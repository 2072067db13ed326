"""Stage 2: sources -> claims.

`extract(source, doc)` turns one parsed article into its claims and entity mentions. Each kind
has its own module (numbers, dates, roles); this one repairs what NER gets wrong about names,
decides which lines are article prose, and ties each sentence's date to its other claims.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from checker import EXTRACTOR_VERSION
from checker.extract.context import (
    ENTITY_LABELS,
    INITIAL,
    PLACE_LABELS,
    Prose,
    dateline_before,
    entities_of,
    entity_name,
    predicate_class_of,
    sentence_of,
    surface_name,
    tree_distance,
)
from checker.extract.dates import date_claims
from checker.extract.numbers import NUMERIC_LABELS, coded_sum, glued_currency, numeric_claims
from checker.extract.people import (
    age_claims,
    aged_names,
    aged_surnames,
    identified_names,
    unnamed_age_claims,
    written_names,
)
from checker.extract.quotes import quote_claims, speaking_names
from checker.extract.roles import role_claims, titled_names
from checker.extract.times import time_claims
from checker.lexicon import Lexicon
from checker.model import Claim, Mention, Source, SourceClaims
from checker.normalize import strip_accents

__all__ = ["extract"]


def extract(source: Source, doc: Doc, lexicon: Lexicon) -> SourceClaims:
    """Every claim and entity mention in one parsed source."""
    repair_entities(doc, lexicon)
    prose = Prose.of(source.text)
    extractor = EXTRACTOR_VERSION
    claims: list[Claim] = []
    dated_spans: dict[int, list[tuple[Span, str]]] = {}
    for span, claim, value in date_claims(doc, source_id=source.id, published=source.published,
                                          lexicon=lexicon, prose=prose, extractor=extractor):
        if claim is not None:  # a reporting verb's date ("said on Sunday") dates no event
            claims.append(claim)
        if claim is not None or _dates_a_thing(span, lexicon):
            dated_spans.setdefault(sentence_of(span).start, []).append((span, value))
    claims.extend(_dated(claim, doc, dated_spans)
                  for claim in numeric_claims(doc, source_id=source.id, lexicon=lexicon, prose=prose, extractor=extractor,
                                              url=source.url))
    persons = [ent for ent in entities_of(doc) if ent.label_ == "PERSON"]
    named = {i for ent in persons for i in range(ent.start, ent.end)}
    introduced = [_without_titles(name, lexicon) for name in (
        *written_names(doc, source.text), *aged_names(doc, source.text), *identified_names(doc, source.text),
        *aged_surnames(doc, source.text, persons))]
    titled = titled_names(doc, lexicon)
    for name in [*titled, *introduced, *speaking_names(doc, lexicon)]:
        inside = [p for p in persons if name.start <= p.start and p.end <= name.end and len(p) < len(name)]
        if inside and (name in introduced or (name in titled and _initials_before(name, inside))):
            # "Malcom Hunt, 19," where NER saw only "Hunt", "Collector K. Venkata Ramana" where it saw no
            # initial: the whole name wins
            persons = [p for p in persons if p not in inside]
            named.difference_update(i for p in inside for i in range(p.start, p.end))
        if not named.intersection(range(name.start, name.end)):
            persons.append(name)
            named.update(range(name.start, name.end))
    claims.extend(role_claims(persons, source_id=source.id, lexicon=lexicon, prose=prose, extractor=extractor))
    claims.extend(quote_claims(doc, persons, source_id=source.id, lexicon=lexicon, prose=prose, extractor=extractor))
    claims.extend(age_claims(doc, persons, source_id=source.id, lexicon=lexicon, prose=prose, extractor=extractor))
    named_ages = {c.start for c in claims if c.kind == "age"}
    # "Donald Jessup, 25 and Tobias Cole": a named person's age is not also a count of the next name
    claims = [c for c in claims if c.kind not in {"count", "casualties"} or c.start not in named_ages]
    # "shooting a 38-year-old man in the Bronx on May 5": an unnamed person is dated like a figure
    claims.extend(_dated(c, doc, dated_spans) for c in unnamed_age_claims(doc, source_id=source.id, lexicon=lexicon,
                                                                         prose=prose, extractor=extractor)
                  if c.start not in named_ages)
    times = [_dated(time, doc, dated_spans)
             for time in time_claims(doc, source_id=source.id, lexicon=lexicon, prose=prose, extractor=extractor)]
    clocks = [(time.start, time.end) for time in times]
    # "at around 23.40 WIB": a clock NER left untagged is no figure of 23.4 too
    claims = [c for c in claims if c.kind == "date" or not any(start < c.end and c.start < end for start, end in clocks)]
    claims.extend(times)
    named = {i for person in persons for i in range(person.start, person.end)}
    spans = [ent for ent in entities_of(doc)  # a fragment NER mislabelled inside a person's name goes
             if ent.label_ != "PERSON" and not named.intersection(range(ent.start, ent.end))] + persons
    mentions = tuple(
        Mention(surface_name(ent.text), _mention_label(ent, lexicon), ent.start_char, ent.end_char)
        for ent in sorted(spans, key=lambda e: e.start) if ent.label_ in ENTITY_LABELS and prose.is_prose(ent.start_char)
        and surface_name(ent.text))
    unique = {claim.id: _with_perpetrator_scope(_with_sentence_names(claim, doc, mentions), source.text, lexicon)
              for claim in claims}
    return SourceClaims(source, tuple(sorted(unique.values(), key=lambda c: (c.start, c.kind))), mentions)


_INCLUDING = re.compile(r"^[^.;]{0,40}?\binclud(?:ing|es|ed)\s+(?:the\s+|a\s+)?(?:alleged\s+|suspected\s+)?(\w+)")


def _initials_before(name: Span, inside: list[Span]) -> bool:
    """Whether a name holds no more than the names NER found inside it and initials before them
    ("K. Venkata Ramana", "R. Satyanarayana Murthy"): the initials are the name's, not a title's."""
    covered = {i for person in inside for i in range(person.start, person.end)}
    return all(token.i in covered or INITIAL.fullmatch(token.text) for token in name)


def _with_perpetrator_scope(claim: Claim, text: str, lexicon: Lexicon) -> Claim:
    """A toll "including the gunman" counts one person more than the victims: [value - 1, value].

    So "three dead, including the gunman" and "killed two" are compatible, not a contradiction.
    """
    if claim.kind != "casualties" or claim.subtype != "killed" or isinstance(claim.value, str) or claim.value < 1:
        return claim
    match = _INCLUDING.match(text[claim.end:claim.end + 80])
    if match is None or match.group(1).lower() not in lexicon.perpetrators:
        return claim
    value = float(claim.value)
    return replace(claim, low=value - 1 if claim.low is None else min(claim.low, value - 1))


def _with_sentence_names(claim: Claim, doc: Doc, mentions: tuple[Mention, ...]) -> Claim:
    """The claim with every name of its sentence among its entities, its own anchors first.

    Who else a sentence names is what ties its figure to the people and places of the story
    ("Dennis Clark III, 27, ... shot his girlfriend Justine Baez"), in the report and when
    alignment weighs whether two sentences concern the same people.
    """
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is None:
        return claim
    sentence = sentence_of(span)
    names = [m.text for m in mentions if sentence.start_char <= m.start < sentence.end_char]
    dateline = dateline_before(sentence)  # "HOUSTON, Texas (AP) --": where the lede's figures are
    if dateline is not None:
        names += [m.text for m in mentions if dateline.start_char <= m.start < dateline.end_char
                  and m.label in PLACE_LABELS]
    extra = tuple(dict.fromkeys(n for n in names if n not in claim.entities))
    return replace(claim, entities=claim.entities + extra) if extra else claim


def _mention_label(ent: Span, lexicon: Lexicon) -> str:
    """Nationalities name their country: a NORP that maps to a place is a GPE mention."""
    if ent.label_ == "NORP" and entity_name(ent.text, ent.label_, lexicon) != ent.text.strip():
        return "GPE"
    return ent.label_


def _dates_a_thing(span: Span, lexicon: Lexicon) -> bool:
    """A date with its year that no verb of the story's events governs, written before a noun ("the
    September 2021 derailment", "the 2019 floods") or put on one by "in" ("in March 2023 another
    bus overturned", as the parser reads it): it dates what that noun names, and the figures told
    of it, although the lexicon does not know the noun for an event."""
    verb = next((t for t in span.root.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    head = span.root.head
    before_noun = head.pos_ in {"NOUN", "PROPN"} and head.i >= span.end
    on_noun = head.lower_ == "in" and head.dep_ == "prep" and head.head.pos_ in {"NOUN", "PROPN"}
    return any(t.like_num and len(t.text) == 4 for t in span) and (before_noun or on_noun) \
        and (verb is None or predicate_class_of(verb, lexicon) != lexicon.speech_class)


def _dated(claim: Claim, doc: Doc, dated_spans: dict[int, list[tuple[Span, str]]]) -> Claim:
    """The claim with the date of the event its sentence tells it of, when the sentence dates one."""
    figure = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    date = _date_of(figure, dated_spans.get(sentence_of(figure).start, [])) if figure is not None else None
    return replace(claim, event_date=date) if date else claim


def _date_of(figure: Span, dated: list[tuple[Span, str]]) -> str | None:
    """The date of the event a figure is told of: of the sentence's event dates outside clauses the
    figure is not in ("77 seats for the Socialists, which have governed since 2015": not 2015), the
    one nearest the figure in its parse ("Monday's crash was the deadliest since the September 2021
    derailment, which killed three people": the three died in 2021), the first one on a tie."""
    near = [(span, value) for span, value in dated if not _in_other_clause(span, figure) and not _baseline(span)]
    if not near:
        return None
    return min(near, key=lambda span_value: tree_distance(figure.root, span_value[0].root))[1]


_SUBORDINATE = frozenset({"relcl", "acl", "advcl"})
_COMPARING = frozenset({"compared", "comparing", "relative"})  # "compared with 2024", "relative to 2024"
_BASELINE_WORDS = frozenset({"than", "versus", "vs", "vs.", "against"})  # "up 18% against 2024"


def _baseline(span: Span) -> bool:
    """Whether a date is what a change is measured against ("rose 18 percent in 2025 compared with
    2024"), not when the figure's event happened."""
    head = span.root.head
    if head.lower_ in {"with", "to"} and head.head.lower_ in _COMPARING:
        return True
    return head.lower_ in _BASELINE_WORDS and head.i < span.start


def _in_other_clause(span: Span, figure: Span) -> bool:
    """Whether a date sits in a relative or adverbial clause that does not hold the figure, or the
    figure in a clause of another time that does not hold the date ("marched on Tuesday, less than
    a day after eight protesters were shot": not Tuesday)."""
    for token in [span.root, *span.root.ancestors]:
        if token.dep_ in _SUBORDINATE:
            return not (token.left_edge.i <= figure.root.i <= token.right_edge.i)
    for token in [figure.root, *figure.root.ancestors]:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OTHER_TIME for c in token.children):
            return not (token.left_edge.i <= span.root.i <= token.right_edge.i)
    return False


_OTHER_TIME = frozenset({"after", "before", "since", "until", "till"})  # what a clause so marked tells happened then


def repair_entities(doc: Doc, lexicon: Lexicon) -> None:
    """Fix NER's usual slips on names before anything reads them.

    - a hyphenated last part left outside ("Yoon Suk" + "-yeol") joins the name;
    - an office title or honorific inside a PERSON span ("President Yoon") is cut off, so the
      name is the person and the title can be read as a role;
    - a "person" whose name ends in a site's word ("Ngurah Rai International Airport"), is followed
      by one ("Marechal Rondon airport") or begins with one in another language ("Klinikum
      Kaltenbrunn") is the site, one followed by a kind of land or settlement in lower case
      ("Pasir Cikupa hill") a place, and one that begins with a body's generic first word
      ("Syarikat Air Darul Aman") a body;
    - a site's kind written after a place in lower case ("Punta Cana airport") makes the site;
    - a place's kind written after it in lower case ("the Osh region") is part of its name, and a
      storm's or a mountain's before it ("Hurricane" + "Teodoro", which NER takes for a person or
      tags with it as an event) too: a storm is named as a place is;
    - a ship's name after its prefix ("MV Sagar Kanya 3") is one name, which NER splits;
    - a grade on a named scale ("EF-3") is no name, nor a sum written with its currency ("RM14.5bn",
      "PLN 600,000");
    - two names side by side that spell another name the lexicon knows for a place ("Krivoy" +
      "Rog" for Kryvyi Rih) are that place, and two people side by side one person ("Datuk Mohd" +
      "Rizal Abdullah");
    - a given name NER left out after a description in lower case is the person's ("spokeswoman
      Beatriz Aranda Solís", where NER began at "Aranda");
    - a name after a rank written short ("SP Oluwatoyin Ajayi", "Sgt. Dale Moss") is a person's,
      whatever NER took it for;
    - a number NER took into a date before the noun it counts is a number ("in 2024 three workers");
    - a "work of art" or "product" that speaks is a person: NER takes the name after a closing
      quotation mark for a title ('..." Céline Dufresne, head of the delegation, told reporters').
    """
    fixed: list[Span] = []
    changed = False
    for ent in doc.ents:
        if any(rating.pattern.fullmatch(ent.text) for rating in lexicon.ratings):
            changed = True  # "EF-3", "EF4": a grade, which NER takes for an organisation or a place
            continue
        start, end, label = ent.start, ent.end, ent.label_
        if label not in NUMERIC_LABELS and coded_sum(ent, lexicon):
            if len(ent) == 1:  # "GEL" of "GEL 50,000": no body's name
                changed = True
                continue
            label = "MONEY"  # "a fine of PLN 600,000", which NER takes for a body
        if label in ENTITY_LABELS and (glued := next((t.i for t in ent if glued_currency(t, lexicon)), None)) is not None:
            end = glued  # "RM14.5bn", "Orchidtel S$1.05 million": the sum is no part of a name
            if end == start:
                changed = True
                continue
        if label == "DATE" and end - start > 1 and doc[end - 1].like_num and doc[end - 1].dep_ == "nummod" \
                and doc[end - 1].head.i >= end:
            fixed.append(Span(doc, end - 1, end, label="CARDINAL"))  # "in 2024 three workers were killed"
            end -= 1
        if label in {"WORK_OF_ART", "PRODUCT"} and _speaks(ent, lexicon):
            label = "PERSON"
        if label in {"ORG", "GPE", "LOC", "FAC", "NORP"} and _ranked_name(ent, lexicon):
            label = "PERSON"
        if label == "PERSON":
            if end < len(doc) and doc[end].lower_ in lexicon.facility_heads and not doc[end].ent_type_:
                end += 1
            if doc[end - 1].lower_.removesuffix(".") in lexicon.facility_heads \
                    or (end - start > 1 and strip_accents(doc[start].lower_) in lexicon.facility_first_heads):
                label = "FAC"
            elif end - start > 1 and doc[start].lower_ in lexicon.body_name_prefixes:
                label = "ORG"  # "Syarikat Air Darul Aman": a company, "syarikat" in Malay
            elif end < len(doc) and doc[end].is_lower and doc[end].lower_ in lexicon.landforms:
                label = "LOC"  # "Pasir Cikupa hill"
        if start > 0 and doc[start - 1].lower_ in lexicon.place_name_prefixes and doc[start - 1].is_title \
                and not doc[start - 1].ent_type_ and label in ENTITY_LABELS:
            start, label = start - 1, "LOC"  # "Hurricane" + "Teodoro", which NER takes for a person
        if label == "EVENT" and doc[start].lower_ in lexicon.place_name_prefixes and end - start > 1:
            label = "LOC"  # "Hurricane Teodoro" tagged an event: a storm is named as a place is
        if label in PLACE_LABELS and end < len(doc) and doc[end].lower_ in lexicon.sites_named_by_place \
                and doc[end].is_lower and not doc[end].ent_type_ \
                and (start == 0 or doc[start - 1].lower_ not in {"a", "an"}):  # never "a Chicago hospital"
            end, label = end + 1, "FAC"  # "Punta Cana airport": the site, not the town
        if label in {"GPE", "LOC"} and end < len(doc) and doc[end].is_lower \
                and doc[end].text in lexicon.place_name_suffixes and not doc[end].ent_type_:
            end += 1  # "the Osh region", "Sikka regency": the place, as "Osh Province" and "Sikka District" are
        if label == "PERSON":
            while end + 1 < len(doc) and doc[end].text in {"-", "‐"} and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].is_alpha:
                end += 2
            while end - start > 1 and (_is_title_word(doc[start].lower_, lexicon)):
                start += 1
            start = _name_after_inner_title(doc, start, end, lexicon)
            if start > 1 and _given_name_left_out(doc[start - 1], doc[start:end], lexicon):
                start -= 1  # "spokeswoman Beatriz Aranda Solís", where NER began at "Aranda"
            if doc[end - 1].lower_ in {"'s", "’s"} and end - start > 1:
                end -= 1
        if (start, end, label) != (ent.start, ent.end, ent.label_):
            changed = True
        if fixed and fixed[-1].end == start and doc[fixed[-1].start:end].text.lower() in lexicon.place_alias:
            fixed[-1] = Span(doc, fixed[-1].start, end, label="GPE")  # "Krivoy" + "Rog": one place's alias
            changed = True
            continue
        if fixed and fixed[-1].end == start and fixed[-1].label_ == label == "PERSON" \
                and doc[start - 1].whitespace_ == " " and not doc[start].is_sent_start:
            fixed[-1] = Span(doc, fixed[-1].start, end, label="PERSON")  # "Datuk Mohd" + "Rizal Abdullah"
            changed = True
            continue
        fixed.append(Span(doc, start, end, label=label))
    for match in _vessel_name(lexicon).finditer(doc.text):
        vessel = doc.char_span(match.start(), match.end(), label="FAC", alignment_mode="expand")
        if vessel is not None:
            fixed.append(vessel)
            changed = True
    if changed:
        doc.ents = _without_overlaps(fixed)
    for key in ("crosscheck.entity_index", "crosscheck.ents"):
        doc.user_data.pop(key, None)


@lru_cache(maxsize=4)
def _vessel_name(lexicon: Lexicon) -> re.Pattern[str]:
    """A ship's name: a vessel prefix and up to four capitalised words or numbers ("MV Sagar Kanya 3",
    "MV Sagarkanya-3", "HMS Queen Elizabeth")."""
    prefixes = "|".join(re.escape(prefix) for prefix in sorted(lexicon.vessel_prefixes, key=len, reverse=True))
    return re.compile(rf"(?<![\w/])(?:{prefixes})\s+[A-Z][\w'’]*(?:(?:-|\s+)(?:[A-Z][\w'’]*|\d+\b)){{0,3}}")


def _name_after_inner_title(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int:
    """Where the name begins in a PERSON span that NER ran on over a body's or a place's name and an
    office title ("Ferrovalle CEO Eduardo Garza", "Cundinamarca Governor Andres Villamizar"): after
    the title, when a given name and a surname follow it. The words before it are left untagged, so
    they are read as the office's jurisdiction, as an untagged company's name before a title is. A
    rank's first word alone ("Air" of "Air Marshal") is no title: "Syarikat Air Darul Aman" is a body."""
    for index in range(start + 1, end - 2):
        width = next((width for width in range(min(lexicon.max_title_words, end - index - 2), 0, -1)
                      if _office_title(doc[index:index + width], lexicon)), 0)
        if width and all(t.is_title for t in doc[start:index]) \
                and all(t.is_title and t.is_alpha for t in doc[index + width:end]):
            return index + width
    return start


def _office_title(words: Span, lexicon: Lexicon) -> bool:
    text = " ".join(t.lower_.rstrip(".") for t in words)
    return text in lexicon.office_of_title or (len(words) == 1 and text in lexicon.honorifics
                                               and text not in lexicon.rank_first_words)


def _given_name_left_out(token: Token, name: Span, lexicon: Lexicon) -> bool:
    """A capitalised word NER left out before a person's name, which the parse makes part of it,
    right after a description in lower case ("spokeswoman Beatriz Aranda Solís", NER's name
    "Aranda Solís"): a proper noun of the name's head that is no entity, title, role or counted
    thing. After a capitalised word it is as often a title's last word ("Major General Nasser
    Hadi al-Qubati", "Sikka Regent Frans Lengari")."""
    word = token.lower_.rstrip(".")
    before = token.doc[token.i - 1]
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha and not token.ent_type_ \
        and token.dep_ == "compound" and token.head.i in range(name.start, name.end) \
        and before.is_lower and before.pos_ == "NOUN" \
        and not _is_title_word(word, lexicon) and word not in lexicon.person_roles and word not in lexicon.concept_of


def _ranked_name(ent: Span, lexicon: Lexicon) -> bool:
    """A rank or title written short (in capitals, or with its full stop) or in two words before two
    or more capitalised words: "SP Oluwatoyin Ajayi", "Det. Mark Hill", "Rear Admiral Chukwuemeka
    Okafor" (one rank's word alone begins many a body's name: "General Motors", "Air France")."""
    first, rest = ent[0], [t for t in ent[1:] if t.text != "."]
    short = first.text.isupper() or first.text.endswith(".") or (len(ent) > 1 and ent[1].text == ".")
    if not short and len(rest) >= 3 and rest[0].lower_ in lexicon.honorifics:
        short, rest = True, rest[1:]
    return short and first.lower_.rstrip(".") in lexicon.honorifics and len(rest) >= 2 \
        and all(t.is_alpha and t.is_title for t in rest)


def _speaks(ent: Span, lexicon: Lexicon) -> bool:
    """Whether a name of two to four capitalised words, not "The ...", is the subject of a verb of
    speaking."""
    words = [t for t in ent if t.is_alpha]
    return 2 <= len(words) <= 4 and all(t.is_title for t in words) and words[0].lower_ != "the" \
        and ent.root.dep_ == "nsubj" and lexicon.predicate_class.get(ent.root.head.lemma_.lower()) == lexicon.speech_class


def _without_titles(name: Span, lexicon: Lexicon) -> Span:
    """A name read from its pattern ("Andi Prasetyo, 52,") without the title words before it that
    the pattern took in ("President Director Andi Prasetyo"), nor a body's name before them
    ("Ferrovalle CEO Eduardo Garza"): the title is read as a role."""
    start = name.start
    while name.end - start > 2 and _is_title_word(name.doc[start].lower_, lexicon):
        start += 1
    start = _name_after_inner_title(name.doc, start, name.end, lexicon)  # "Ferrovalle CEO Eduardo Garza, 58,"
    return name if start == name.start else Span(name.doc, start, name.end, label=name.label_)


def _is_title_word(word: str, lexicon: Lexicon) -> bool:
    word = re.sub(r"\.$", "", word)
    return word in lexicon.honorifics or any(title.split()[0] == word for title in lexicon.office_of_title)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)
