"""Claims about an event rather than an amount: when it happened (dates, times of day).

Both kinds describe their subject the same way, by the predicate the expression hangs on, its
object or subject noun ("arrest suspect", "happen shooting"), who acted, what completes the verb
and where; only the value differs.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from checker.extract.context import (
    Prose,
    actor_of,
    attribution_of,
    complements_of,
    entities_in,
    event_class_of,
    happening_phrase,
    modality_of,
    phrasal_forms,
    places_of_clause,
    sentence_of,
)
from checker.lexicon import Lexicon
from checker.model import Claim, Subject


def event_claim(kind: str, span: Span, predicate: Token, *, value: str, unit: str | None, source_id: str,
                prose: Prose, lexicon: Lexicon, extractor: str, object_deps: frozenset[str],
                object_pos: frozenset[str], qualifier: str = "exact", event_date: str | None = None) -> Claim:
    """A claim that `span` (a date or a time) dates the event `predicate` describes."""
    # the phrase an adjective of happening stands for is the predicate ("pardons effective Dec. 31":
    # "take effect"), and so is a light verb's phrase of happening ("pardons that took effect on Wednesday")
    told = happening_phrase(predicate, lexicon)
    if told is not None:
        lemma, text, objects = told.split()[0], told, []
    else:
        lemma = predicate.lemma_.lower()
        objects = [c for c in predicate.children if c.dep_ in object_deps and c.pos_ in object_pos][:1]
        text = " ".join([lemma] + [o.lemma_.lower() for o in objects])
        told = next((phrase for phrase in phrasal_forms(predicate, lexicon) if phrase in lexicon.happening_verbs),
                    lemma)
    actor = actor_of(predicate)
    anchors = entities_in(list(actor.subtree), lexicon) if actor is not None else []
    sentence = sentence_of(span)
    return Claim(
        id=f"{source_id}#{kind}@{span.start_char}",
        source=source_id,
        kind=kind,  # type: ignore[arg-type]
        subject=Subject(text=text, head=lemma,
                        modifiers=tuple(o.lemma_.lower() for o in objects), predicate=told,
                        predicate_class=event_class_of(predicate, lexicon), anchors=tuple(anchors[:2]),
                        complements=complements_of(predicate, lexicon), places=places_of_clause(predicate, sentence, lexicon)),
        value=value,
        unit=unit,
        qualifier=qualifier,  # type: ignore[arg-type]
        modality=modality_of(predicate, lexicon),  # type: ignore[arg-type]
        attribution=attribution_of(predicate, sentence, lexicon),
        event_date=event_date,
        text=span.text,
        sentence=prose.sentence(span.doc, span[0])[0],
        start=span.start_char,
        end=span.end_char,
        entities=tuple(anchors + [e for e in entities_in(list(predicate.subtree), lexicon) if e not in anchors]),
        extractor=extractor,
    )


def read_as_of(span: Span) -> bool:
    """ "1,402 cases as of February 14", "438 admissions since August 3", "released by Monday", "no
    more shots as of noon": the day or hour a running count was read, began or had to be done by,
    which each source picks for itself, not when anything happened."""
    words = [t.lower_ for t in span[:2]]
    if words[:1] in (["by"], ["since"]) or words == ["as", "of"]:
        return True  # NER took the words in: "as of noon"
    doc, first = span.doc, span.sent.start
    at = span.start - 1
    while at > first and (doc[at].ent_type_ == "TIME" or doc[at].lower_ in {"on", "at", ","}):
        at -= 1  # "by 9 a.m. on Monday"
    if at < first:
        return False
    return doc[at].lower_ in {"by", "since"} or (doc[at].lower_ == "of" and at > first and doc[at - 1].lower_ == "as")


def did_not_happen(predicate: Token, span: Span) -> bool:
    """ "No one answered the door Tuesday", "police did not release the names on Monday": the day or
    hour of nothing that happened ("did not leave until 6:30" is when they left)."""
    negated = any(c.dep_ == "neg" or (c.dep_ in {"nsubj", "nsubjpass"} and (
        c.lower_ in {"nobody", "nothing"} or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)))
        for c in predicate.children)
    return negated and (span.start == 0 or span.doc[span.start - 1].lower_ != "until")
