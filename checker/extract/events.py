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
    modality_of,
    places_of_clause,
    sentence_of,
)
from checker.lexicon import Lexicon
from checker.model import Claim, Subject


def event_claim(kind: str, span: Span, predicate: Token, *, value: str, unit: str | None, source_id: str,
                prose: Prose, lexicon: Lexicon, extractor: str, object_deps: frozenset[str],
                object_pos: frozenset[str], qualifier: str = "exact", event_date: str | None = None) -> Claim:
    """A claim that `span` (a date or a time) dates the event `predicate` describes."""
    lemma = predicate.lemma_.lower()
    objects = [c for c in predicate.children if c.dep_ in object_deps and c.pos_ in object_pos][:1]
    actor = actor_of(predicate)
    anchors = entities_in(list(actor.subtree), lexicon) if actor is not None else []
    sentence = sentence_of(span)
    return Claim(
        id=f"{source_id}#{kind}@{span.start_char}",
        source=source_id,
        kind=kind,  # type: ignore[arg-type]
        subject=Subject(text=" ".join([lemma] + [o.lemma_.lower() for o in objects]), head=lemma,
                        modifiers=tuple(o.lemma_.lower() for o in objects), predicate=lemma,
                        predicate_class=event_class_of(predicate, lexicon), anchors=tuple(anchors[:2]),
                        complements=complements_of(predicate), places=places_of_clause(predicate, sentence, lexicon)),
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
