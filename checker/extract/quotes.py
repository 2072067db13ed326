"""Who said what: a named speaker and the words the sentence gives them.

A quotation attributed to one person in one outlet and to another in the next is a standards
error a desk wants to see, and each speaker is a person or organisation the story turns on. Two
shapes cover most news: a verb of speech whose subject is a name ('"We will rebuild," said Mayor
Ana Ruiz'; "The ministry said 40 schools were closed") and "according to" a name. Speakers that
are no name ("police said", "he added") say nothing a reader could check, and yield no claim.

The claim's value is the speaker; its subject is what they said: the quoted words when the
sentence quotes them (`head` "quote"), else the reported clause (`head` "statement"). Only
quotations are ever compared: two people may well say the same thing in their own words, but
rarely in the same words.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from checker.extract.context import Prose, entity_name, sentence_of
from checker.lexicon import Lexicon
from checker.model import Claim, Subject
from checker.normalize import strip_accents

_SPEAKER_LABELS = {"PERSON": "person", "ORG": "organisation"}
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_MIN_QUOTED_WORDS = 4  # fewer are a scare quote or a title ('the "deadliest" day'), not a statement


def quote_claims(doc: Doc, persons: list[Span], *, source_id: str, lexicon: Lexicon, prose: Prose,
                 extractor: str) -> Iterator[Claim]:
    """Yield a claim for each named speaker of a sentence, with what the sentence says they said."""
    speakers = _speaker_index(doc, persons, lexicon)
    for sentence in doc.sents:
        if not prose.is_prose(sentence.start_char):
            continue
        seen: set[int] = set()
        for speaker, cue in _speakers_of(sentence, speakers, lexicon):
            if speaker.start in seen:
                continue
            seen.add(speaker.start)
            said = _quoted(sentence) or _reported(cue)
            if not said:
                continue
            head, words = said
            name = entity_name(speaker.text, speaker.label_, lexicon)
            yield Claim(
                id=f"{source_id}#quote@{speaker.start_char}",
                source=source_id,
                kind="quote",
                subject=Subject(text=words, head=head, predicate=cue.lemma_.lower()),
                value=name,
                subtype=_SPEAKER_LABELS[speaker.label_],
                text=speaker.text,
                sentence=prose.sentence(doc, speaker[0])[0],
                start=speaker.start_char,
                end=speaker.end_char,
                entities=(name,),
                extractor=extractor,
            )


def speaking_names(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """People NER missed who speak: the subject of a verb of speech written as a name of two words
    or more, told as a person's by an honorific or a title before it ('"Every degree matters," said
    Dr Pablo Ruiz-Herrera'; "Police Department Superintendent Ronal Serpas said").

    Without one, a capitalised subject is as often a newsroom, an airline or a hotel ("Eyewitness
    News reported", "Orient Pacific, Singapore's second-largest carrier, said"). A word the article
    also writes in lower case, or one the lexicon knows as a counted thing, a role or a body's or
    site's kind, is no part of a name.
    """
    common = {t.text for t in doc if t.is_lower} | set(lexicon.concept_of) | lexicon.person_roles \
        | lexicon.body_heads | lexicon.facility_heads
    title_ends = _title_ends(lexicon)
    names: list[Span] = []
    for verb in doc:
        subject = _speaker_of(verb, lexicon)
        if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ or not subject.is_title:
            continue
        start = subject.i
        while start > 0 and doc[start - 1].head == subject and doc[start - 1].dep_ in {"compound", "punct"} \
                and (doc[start - 1].is_title or doc[start - 1].text == "-") and not doc[start - 1].ent_type_ \
                and doc[start - 1].lower_.rstrip(".") not in title_ends:
            start -= 1
        introduced = start > 0 and doc[start - 1].lower_.rstrip(".") in title_ends
        while doc[start].lower_.rstrip(".") in lexicon.honorifics and start < subject.i:
            start, introduced = start + 1, True
        words = [t for t in doc[start:subject.i + 1] if t.is_alpha]
        if introduced and len(words) >= 2 and doc[start].text != "-" and not any(t.lower_ in common for t in words):
            names.append(Span(doc, start, subject.i + 1, label="PERSON"))
    return names


@lru_cache(maxsize=4)
def _title_ends(lexicon: Lexicon) -> frozenset[str]:
    """The last words of office titles and honorifics: what stands right before a person's name."""
    return frozenset(title.split()[-1] for title in lexicon.office_of_title) | lexicon.honorifics


def _speaker_index(doc: Doc, persons: list[Span], lexicon: Lexicon) -> dict[int, Span]:
    """Each token of a name that can speak (people, as extraction found them, and organisations),
    mapped to its name. An "organisation" that is a surname of the article's people is that person
    (NER tags "Deenihan said" so after "Sheriff Mike Deenihan"), and one the lexicon knows as a kind
    of people or an office ("Detectives said") is no name at all."""
    surnames = {person[-1].lower_ for person in persons if len(person) > 1}
    people_words = set(lexicon.concept_of) | lexicon.person_roles | set(lexicon.office_of_title)
    index: dict[int, Span] = {}
    for span in doc.ents:
        word = span.root.lower_
        if span.label_ != "ORG" or word in people_words or (word.endswith("s") and word[:-1] in people_words):
            continue
        label = "PERSON" if span[-1].lower_ in surnames else "ORG"
        index.update({i: Span(doc, span.start, span.end, label=label) for i in range(span.start, span.end)})
    for person in persons:  # NER's, and the ones extraction found that NER missed
        index.update({i: Span(doc, person.start, person.end, label="PERSON") for i in range(person.start, person.end)})
    return index


def _speakers_of(sentence: Span, speakers: dict[int, Span], lexicon: Lexicon) -> Iterator[tuple[Span, Token]]:
    """The named speakers of a sentence, each with the word that makes them one: its verb of
    speech, or "according" of "according to"."""
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor(1).lower_ == "to":
            named = next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
        else:
            named = _speaker_of(token, lexicon)
        if named is not None and named.i in speakers:
            yield speakers[named.i], token


def _speaker_of(verb: Token, lexicon: Lexicon) -> Token | None:
    """The subject of a verb of speech ("Ruiz said", "said Ruiz"); None for any other word. The
    verb's own class, not `predicate_class_of`'s, which reads one with a noun object as an act
    ("employers added 254,000 jobs"): "Fontenot told reporters" speaks."""
    if verb.pos_ != "VERB" or lexicon.predicate_class.get(verb.lemma_.lower()) != lexicon.speech_class:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _quoted(sentence: Span) -> tuple[str, str] | None:
    """The words the sentence quotes, when they are a statement: ("quote", normalised words)."""
    quoted = [m.group(1) for m in _QUOTED.finditer(sentence.text)]
    words = _normalised(" ".join(q for q in quoted if len(q.split()) >= _MIN_QUOTED_WORDS))
    return ("quote", words) if words else None


def _reported(cue: Token) -> tuple[str, str] | None:
    """What a speaker is reported to say: the clause their verb governs ("said [40 schools were
    closed]"), or the sentence around "according to X": ("statement", normalised words)."""
    if cue.lower_ == "according":
        phrase = range(cue.left_edge.i, cue.right_edge.i + 1)
        words = _normalised(" ".join(t.text for t in sentence_of(cue) if t.i not in phrase))
    else:
        clause = next((c for c in cue.children if c.dep_ in {"ccomp", "xcomp", "parataxis"}), None)
        words = _normalised(" ".join(t.text for t in clause.subtree)) if clause is not None else ""
    return ("statement", words) if words else None


def _normalised(text: str) -> str:
    """Words to compare across outlets: lower case, no accents, no punctuation or curly quotes."""
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", strip_accents(text.replace("’", "'")).lower()))
