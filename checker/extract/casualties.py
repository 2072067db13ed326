"""Who was harmed, and which figures are parts or running totals rather than counts.

A number becomes a casualty figure when the words that govern it say killed, wounded, missing,
captured or shot ("500 soldiers have been killed", "12 workers dead", "25 people who remain
missing"); "three of the victims" is a part of a set counted elsewhere; "the death toll rose to
34" is a running total whose subject is the toll.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from checker.extract.context import TALLY_CLASS, phrasal_forms, sentence_of
from checker.lexicon import Lexicon


def casualty_subtype(span: Span, noun: Token | None, predicate: Token | None, lexicon: Lexicon) -> str | None:
    """killed / wounded / missing / captured / shot, from the words that govern the number."""
    found: list[str] = []
    if noun is not None:
        compound = " ".join(t.lower_ for t in noun.lefts if t.dep_ == "compound") + " " + noun.lemma_.lower()
        for word in (compound.strip(), noun.lemma_.lower(), noun.lower_):
            if word in lexicon.casualty_nouns:
                found.append(lexicon.casualty_nouns[word])
        for child in noun.children:
            if child.dep_ in {"amod", "acl", "relcl"} and child.lower_ in lexicon.casualty_adjectives \
                    and not _harms_another(child):
                found.append(lexicon.casualty_adjectives[child.lower_])
    doc = span.doc
    # "Two runners are dead and two more remain in intensive care": a noun the figure borrows from
    # a clause before its own is what it counts, and its own clause says what befell it
    borrowed = noun is not None and noun.i < span.start and span.root.dep_ in {"nsubj", "nsubjpass"} \
        and noun not in span.root.ancestors
    holder = noun if noun is not None and not borrowed else span.root
    if noun is not None and noun.dep_ == "conj":
        # "left one man dead and seven other victims – including two teens — wounded": the word
        # that closes the coordinated figure's own phrase is its own
        last = [t for t in noun.subtree if not t.is_punct][-1]
        if last.i > noun.i + 1 and last.dep_ in {"acl", "amod"} and last.lower_ in lexicon.casualty_adjectives:
            return lexicon.casualty_adjectives[last.lower_]
    # "12 dead", "three injured", "five other people injured"
    for token in doc[span.end: min(max(span.end + 2, holder.i + 2), sentence_of(span).end)]:
        if token.lower_ in lexicon.casualty_adjectives:
            if any(t.head.i == token.i and t.dep_ == "nsubj" for t in (holder, *span)) \
                    or token.head.i in {t.i for t in (holder, *span)}:
                # "two people were killed and two more wounded", "left two men dead and three
                # injured": the figure's own word, whatever the clause it is coordinated with says
                return lexicon.casualty_adjectives[token.lower_]
            found.append(lexicon.casualty_adjectives[token.lower_])
    subject = holder  # "three adults and five children are dead": the children are the verb's subject too
    while subject.dep_ == "conj" and subject.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        subject = subject.head
    verbs = [subject.head] if subject.dep_ in {"nsubj", "nsubjpass"} else []  # "two people are dead"
    relative = [c for c in holder.children if c.dep_ == "relcl"]  # "25 people who remain missing"
    for verb in verbs + relative:
        found.extend(lexicon.casualty_adjectives[c.lower_] for c in verb.children
                     if c.dep_ in {"acomp", "oprd", "attr"} and c.lower_ in lexicon.casualty_adjectives)
    # "the eight who were shot", "the three who died"; not "the two men who shot a woman", who did it
    found.extend(verb_subtypes([verb for verb in relative if not _harms_another(verb)], holder, lexicon))
    if predicate is not None and holder.dep_ == "nsubj" and holder.head.i == predicate.i \
            and predicate.lemma_.lower() in lexicon.bearing_verbs:  # "eleven people suffered minor injuries"
        found.extend(lexicon.borne[c.lemma_.lower()] for c in predicate.children
                     if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.borne)
    if predicate is not None:  # "lost their lives", "taken hostage"
        window = " ".join(t.lower_ for t in doc[max(predicate.i - 1, 0): predicate.i + 3])
        found.extend(subtype for phrase, subtype in lexicon.casualty_phrases.items() if phrase in window)
    if predicate is not None:
        # the predicate and what it coordinates ("shot and killed"); a coordinating head only
        # when the predicate itself says nothing ("45 killed and 200 injured" keeps "injured")
        verbs = [predicate, *(c for c in predicate.children if c.dep_ in {"oprd", "acomp", "xcomp"}
                              or (c.dep_ == "conj" and not _acts_on_another(c, holder)))]
        if not _is_agent(holder, verbs):
            found.extend(verb_subtypes(verbs, predicate, lexicon))
        if not found and predicate.dep_ == "conj" and predicate.pos_ != "VERB":
            # "three died and one has been upgraded": a verb of its own says what befell its figure
            found.extend(verb_subtypes([predicate.head], predicate, lexicon))
    if not found:
        return None
    return min(found, key=lexicon.casualty_precedence.index)


def _acts_on_another(verb: Token, holder: Token) -> bool:
    """ "shooting 11 people and then killing himself": a coordinated verb with an object of its
    own says what happened to that object, not to the people counted; one with a subject of its
    own ("22 people were detained and 56 were injured") what happened to that subject."""
    return any((c.dep_ == "dobj" or c.dep_ in {"nsubj", "nsubjpass"}) and c != holder for c in verb.children)


def _harms_another(relative: Token) -> bool:
    """ "two men who shot a woman", "who shot up a street": a relative clause whose active subject
    acts on an object of its own tells what the counted people did, not what befell them."""
    return any(c.dep_ == "nsubj" for c in relative.children) and any(c.dep_ == "dobj" for c in relative.children)


def _is_agent(holder: Token, verbs: list[Token]) -> bool:
    """"eight officers opened fire and shot Clark": the counted people did the harm, to someone else.

    An active subject of a verb that has an object of its own is the actor, not the casualty;
    "two people died" (no object) and "two people were shot" (passive) stay casualties.
    """
    return holder.dep_ == "nsubj" and any(c.dep_ == "dobj" for verb in verbs for c in verb.children)


def verb_subtypes(verbs: list[Token], predicate: Token, lexicon: Lexicon) -> list[str]:
    found = []
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in lexicon.casualty_verbs:
            found.append(lexicon.casualty_verbs[lemma])
        elif verb.lower_ in lexicon.casualty_adjectives and verb != predicate:
            found.append(lexicon.casualty_adjectives[verb.lower_])
    return found


def is_partitive(span: Span) -> bool:
    """"three of the victims", "one of two marshals", "14 of the 18 shots": a part of a set
    counted elsewhere, not a figure of its own."""
    inside = set(range(span.start, span.end))
    for token in span:
        for child in token.children:
            if child.lower_ == "of" and child.i not in inside:
                for obj in child.children:
                    if obj.dep_ == "pobj" and any(g.dep_ in {"det", "poss", "nummod"} or g.like_num
                                                  for g in obj.children):
                        return True
                    if obj.dep_ == "pobj" and obj.pos_ == "PRON":  # "two of them"
                        return True
    noun = span.root.head  # "one of two suspects": the set's size, with the predicate of the part
    return (noun.dep_ == "pobj" and noun.head.lower_ == "of"
            and (noun.head.head.like_num or noun.head.head.lower_ in _PARTITIVE_HEADS))


_PARTITIVE_HEADS = frozenset({"one", "some", "many", "all", "none", "each", "most", "several", "both", "among"})


_RUNNING_NOUNS = frozenset({"toll", "tally", "total", "count", "number", "figure"})


def toll_subject(span: Span, lexicon: Lexicon) -> Token | None:
    """"the death toll rose to 34", "police put the crowd at 50,000": a number reached by a verb is a
    figure for its subject, or for the object a verb of estimating puts it on."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in {"to", "at"}:
        # "bringing the death toll from the parade shooting to 7", however the parser hung "to 7"
        running = [t for t in sentence_of(span) if t.i < span.start and t.lemma_.lower() in _RUNNING_NOUNS
                   and t.dep_ in {"dobj", "nsubj", "nsubjpass"}
                   and (t.head.lemma_.lower() in lexicon.relational_verbs or _tallies(t.head, lexicon))]
        if running:
            inner = _counted_in(running[-1], lexicon)  # "the number of people killed ... has risen to 23": the dead,
            # as "the number of deaths from dengue this year rose to 29" is of deaths (and "the number of
            # containers lost ..." is of containers where the parser hangs "lost" on "number")
            return inner if any(c.dep_ == "acl" for c in (*inner.children, *running[-1].children)) \
                or inner.lemma_.lower() in lexicon.casualty_nouns else running[-1]
    verb = root.head if root.dep_ in {"pobj", "attr", "dobj"} else None
    estimated = verb is not None and verb.lower_ == "at" and verb.head.lemma_.lower() in lexicon.estimating_verbs
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    if verb is None or (verb.lemma_.lower() not in lexicon.relational_verbs and not estimated
                        and not _tallies(verb, lexicon)):
        return None
    subject = next((c for c in verb.children if c.dep_ == "dobj"), None) \
        or next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    return _counted_in(subject, lexicon)


def _tallies(verb: Token, lexicon: Lexicon) -> bool:
    """A verb that moves a running figure, alone ("rose to 34") or with its object ("raising the
    death toll to six", where a sum raised is spent)."""
    return any(lexicon.predicate_class.get(form) == TALLY_CLASS
               for form in (verb.lemma_.lower(), *phrasal_forms(verb, lexicon)))


def _counted_in(subject: Token, lexicon: Lexicon) -> Token:
    """What a running total counts: "people" of "the number of people killed" (whose participle then
    says what befell them), the incidents of "the city's homicide total" (a tally of incidents, no
    incident's own figure), or the toll itself ("the death toll")."""
    of = next((c for c in subject.children if c.lower_ == "of"), None)
    inner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if subject.lemma_.lower() in {"number", "total", "tally", "count", "figure"} and inner is not None:
        return inner
    before = subject.doc[subject.i - 1] if subject.i > 0 else None  # (whatever the parse made of "homicide total")
    if subject.lemma_.lower() in {"total", "tally", "count"} and before is not None \
            and lexicon.event_nouns.get(before.lower_) == "incident":
        return before
    return subject
