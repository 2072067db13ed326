"""What surrounds a claim in its sentence: predicate, actors, modality and attribution.

Shared by every extractor. All functions read a parsed spaCy sentence and the lexicon; none
keeps state. The dependency parse is the evidence: a number is "deployed" because its noun
is the object of "deploy", not because "deploy" appears somewhere nearby.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from checker.lexicon import PARTICLES, Lexicon, demonym_place
from checker.nlp import DATELINE

ENTITY_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # cities, regions, streets and sites
INITIAL = re.compile(r"[A-Z]\.?")  # a name's initial as a token: "K." of "K. Venkata Ramana", "K" of "K Ramesh"
_CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "parataxis", "pcomp"})
_SENTENCE_END = re.compile(r"[.…][\"'”’)\]]*\s*$|[\"”’)]\s*$")
_TERMINAL = re.compile(r"[!?:;][\"'”’)\]]*\s*$")
# "Image 4 of 10 Police investigate ...": a photo gallery's caption, written whenever the photo
# was taken and repeated once per photo, so a developing story's earlier tolls outvote the article
_GALLERY_CAPTION = re.compile(r"\s*(?:image|photo|picture|slide)\s+\d+\s+(?:of|/)\s+\d+\b", re.IGNORECASE)
# "A 49-year-old man has surrendered after five children and three...": a teaser cut short, of a
# caption or of another story ("Dozen injured in New Orleans parade shooting - U.S. ..."), never prose
_CUT_SHORT = re.compile(r"(?:\.\.\.|…)\s*$")
_MAX_CLIMB = 8


@dataclass(frozen=True)
class Prose:
    """Which lines of a text are running prose (not menus, bylines or link lists)."""

    text: str  # the document's text (spaCy rebuilds `doc.text` from its tokens on every access)
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    prose: tuple[bool, ...]

    @classmethod
    def of(cls, text: str) -> Prose:
        starts, ends, prose = [], [], []
        offset = 0
        for line in text.split("\n"):
            starts.append(offset)
            ends.append(offset + len(line))
            prose.append(is_prose_line(line))
            offset += len(line) + 1
        return cls(text, tuple(starts), tuple(ends), tuple(prose))

    def line_at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def is_prose(self, char: int) -> bool:
        return self.prose[self.line_at(char)]

    def sentence(self, doc: Doc, token: Token) -> tuple[str, int]:
        """The token's sentence, clipped to its line: (text, start offset)."""
        sent = sentence_of(token)
        line = self.line_at(token.idx)
        start = max(sent.start_char, self.starts[line])
        end = min(sent.end_char, self.ends[line])
        text = self.text[start:end]
        stripped = text.lstrip()
        return stripped.rstrip(), start + (len(text) - len(stripped))


def is_prose_line(line: str, *, min_words: int = 4, long_line: int = 12) -> bool:
    """Whether a line reads as article prose rather than a menu, a byline or a list of links.

    A line ending in a full stop (or a closing quote) is prose; a question, exclamation or
    unpunctuated line is prose only when it is not in Title Case, as headlines of other
    stories are, and an unpunctuated one must also be long. A photo gallery's caption and a teaser
    cut short ("...") are never prose.
    """
    if _GALLERY_CAPTION.match(line) or _CUT_SHORT.search(line):
        return False
    stripped = line.strip().lstrip("*•·-–— ").strip()
    words = stripped.split()
    if len(words) < min_words:
        return False
    alphabetic = [w for w in words if w[:1].isalpha()]
    title_case = sum(w[0].isupper() for w in alphabetic) / max(1, len(alphabetic))
    if _SENTENCE_END.search(stripped):
        return True
    if _TERMINAL.search(stripped):
        return title_case < 0.5
    return len(words) >= long_line and title_case < 0.5


def surface_name(text: str) -> str:
    """A mention as written, without a possessive, a leading article or a bracket NER took in
    unclosed: "the U.S.'s" -> "U.S.", "World Health Organization (WHO" -> "World Health Organization"."""
    cleaned = re.sub(r"\s*\([^)]*$", "", text.strip())
    cleaned = re.sub(r"[’']s?$", "", cleaned).strip().rstrip("-‐–—").strip()
    return re.sub(r"^(the|The)\s+", "", cleaned)


def entity_name(text: str, label: str, lexicon: Lexicon) -> str:
    """A mention's canonical surface: possessive and article dropped, demonyms made places.

    "South Korea's" -> "South Korea"; NORP "North Korean" -> "North Korea"; "U.S." -> "United States".
    """
    cleaned = surface_name(text)
    key = cleaned.lower()
    if label in {"NORP", "GPE", "LOC"}:
        place = lexicon.demonyms.get(key) or lexicon.place_alias.get(key)
        if label == "NORP" and place is None:
            place = demonym_place(key, lexicon)  # "Ukrainians"
        return place or cleaned
    return cleaned


def sentence_of(item: Token | Span) -> Span:
    """The sentence of a token or span, from an index built once per document.

    spaCy's `.sent` scans the document on every call; extraction asks thousands of times.
    """
    doc = item.doc
    index = doc.user_data.get("crosscheck.sentences")
    if index is None:
        sentences = list(doc.sents)
        index = ([s.start for s in sentences], sentences)
        doc.user_data["crosscheck.sentences"] = index
    position = item.i if isinstance(item, Token) else item.start
    return index[1][max(0, bisect_right(index[0], position) - 1)]


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in its dependency tree."""
    depth_of = {}
    for depth, token in enumerate([a, *a.ancestors]):
        depth_of[token.i] = depth
    for depth, token in enumerate([b, *b.ancestors]):
        if token.i in depth_of:
            return depth + depth_of[token.i]
    return len(depth_of) + depth + 1  # two roots: a sentence the parser split


def entities_of(doc: Doc) -> tuple[Span, ...]:
    """The document's entities, built once (spaCy rebuilds `doc.ents` on every access)."""
    ents = doc.user_data.get("crosscheck.ents")
    if ents is None:
        ents = tuple(doc.ents)
        doc.user_data["crosscheck.ents"] = ents
    return ents


def token_entity(token: Token) -> Span | None:
    """The named entity a token belongs to, if any (indexed once per document)."""
    if not token.ent_type_:
        return None
    index = token.doc.user_data.get("crosscheck.entity_index")
    if index is None:
        index = {i: ent for ent in entities_of(token.doc) for i in range(ent.start, ent.end)}
        token.doc.user_data["crosscheck.entity_index"] = index
    return index.get(token.i)


def entities_in(tokens: list[Token], lexicon: Lexicon, labels: frozenset[str] = ENTITY_LABELS) -> list[str]:
    """Canonical names of the entities among `tokens`, in order, without repeats."""
    names: list[str] = []
    seen: set[int] = set()
    for token in tokens:
        ent = token_entity(token)
        if ent is None or ent.label_ not in labels or ent.start in seen:
            continue
        seen.add(ent.start)
        name = entity_name(ent.text, ent.label_, lexicon)
        if name and name not in names:
            names.append(name)
    return names


def noun_modifiers(noun: Token, skip: set[int]) -> list[Token]:
    """The words that narrow a noun: adjectives, compounds, possessors (left of the noun)."""
    found: list[Token] = []
    for child in noun.lefts:
        if child.i in skip or child.dep_ in {"det", "nummod", "quantmod", "punct", "case", "predet", "cc"}:
            continue
        if child.i > 0 and child.doc[child.i - 1].text == "-" and child.lower_ in {"strong", "member"}:
            continue  # "12,000-strong force": part of the number, not of the noun
        if child.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod"}:
            found.extend(t for t in child.subtree if t.i not in skip and t.dep_ not in {"case", "punct", "det"})
    return sorted(found, key=lambda t: t.i)


def governing_predicate(token: Token, lexicon: Lexicon, *, of_time: bool = False) -> Token | None:
    """The nearest verb above `token` that says what happened.

    Relational verbs ("totalling", "were", "hit") are passed, but not into a clause of their own
    ("seven were injured, but 16 people were involved": the 16 were not injured); a reporting
    verb ("said") ends the search empty-handed, since it says who speaks, not what happened to
    the counted thing. A date or a time (`of_time`) is of what an event did, though the verb
    is a relation for a figure: "the landslide hit the village at 10:40 p.m." (not "the toll hit 34").
    """
    current = token
    for _ in range(_MAX_CLIMB):
        if current.head == current:
            break
        if current.pos_ in {"VERB", "AUX"} and current.dep_ in {"conj", "parataxis"}:
            return None  # a relational verb coordinated with another clause: that clause is not its
        current = current.head
        lemma = current.lemma_.lower()
        if lemma == "be" and (planned := next((c for c in current.children if c.dep_ == "xcomp" and _to_be_done(c)),
                                              None)) is not None:
            return planned  # "877 detainees are to be transferred": the transfer is what is told
        relational = lemma in lexicon.relational_verbs and not (of_time and _done_by_event(current, lexicon))
        if current.pos_ in {"VERB", "AUX"} and not relational and not _misread_modifier(current) \
                and not _as_planned(current, lexicon):
            if predicate_class_of(current, lexicon) == lexicon.speech_class:
                return None
            return current
    return None


def _as_planned(verb: Token, lexicon: Lexicon) -> bool:
    """A scheduling verb that only says the event kept to its plan: "the ceasefire took effect as
    scheduled at 6 a.m." is the ceasefire's time, and it has passed."""
    return verb.lemma_.lower() in lexicon.scheduling_verbs and verb.dep_ == "advcl" \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _done_by_event(verb: Token, lexicon: Lexicon) -> bool:
    """A verb an event does ("the landslide hit the village at 10:40 p.m."), or one that is the
    event when its subject does it ("a train hit the rear of a second train"), which is no
    relation between a figure and a count ("the toll hit 34")."""
    return any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() in lexicon.event_nouns
               for c in verb.children) or _class_by_doer(verb, lexicon, nouns_only=True) is not None


def _misread_modifier(verb: Token) -> bool:
    """A participle the parser made a verb of its own although it describes the noun after it:
    "offered protesting farmers a package on Thursday" parsed as "protesting farmers" and
    "protesting a package", two direct objects no verb takes. The offer is the sentence's event."""
    return verb.tag_ == "VBG" and verb.dep_ == "xcomp" and sum(child.dep_ == "dobj" for child in verb.children) >= 2


PARTS_OF_DAY = frozenset({"night", "morning", "afternoon", "evening"})  # "on Tuesday morning"
_BEFORE_EVENT_NOUN = frozenset({"'s", "’s", ",", *PARTS_OF_DAY})


# the classes of harm, which a story's dates and times are mostly of
HARM_CLASSES = frozenset({"incident", "death"})
TALLY_CLASS = "tally"  # the class of a running figure's verbs: "the toll rose to 34", "has risen to 61"


def event_dated(span: Span, lexicon: Lexicon, root: Token | None = None) -> tuple[Token | None, bool]:
    """The event a date or time is of, and whether an event noun names it: the noun it is written
    before ("the 3:30 p.m. shooting", "Sunday's attack"), else a when clause's event, else the verb
    it hangs on (`root`'s, when given: the span's token that says most of what it is of)."""
    noun = event_noun_after(span, lexicon) or _event_noun_before(span, lexicon)
    if noun is not None:
        return noun, True
    happening = _happening_before(span, lexicon)
    if happening is not None:
        return happening, False
    predicate = governing_predicate(root if root is not None else span.root, lexicon, of_time=True)
    return _event_of_when_clause(span, predicate, lexicon) or predicate, False


def _happening_before(span: Span, lexicon: Lexicon) -> Token | None:
    """What a day is the day of when it is written right after what happens on it, however the
    sentence is parsed: "pardons effective Dec. 31", "will take effect Wednesday, the minister told
    a briefing" (where the parse hangs the day on the minister's telling)."""
    head = span.root.head
    if happening_phrase(head, lexicon) and head.i < span.start:
        return head
    if span.start == 0:
        return None
    before = span.doc[span.start - 1]
    verb = before.head if before.dep_ == "dobj" else before.head.head if before.dep_ == "pobj" else None
    if verb is not None and verb.pos_ == "VERB" and any(phrase in lexicon.happening_verbs
                                                         for phrase in phrasal_forms(verb, lexicon)):
        return verb
    return None


def _event_of_when_clause(span: Span, predicate: Token | None, lexicon: Lexicon) -> Token | None:
    """The event a when clause sets at a time or a day: "were standing on the street about 3:20 p.m.
    when someone walked up and shot him" gives the shooting's time, not the standing's.

    Only when the date's or time's own verb is no event of the story: "was shot around 4:30 p.m.
    when a gun went off" keeps its verb. The verb may be one the search for a predicate passes
    ("were standing").
    """
    if predicate is not None and predicate_class_of(predicate, lexicon) in HARM_CLASSES:
        return None
    verb = predicate if predicate is not None else next((t for t in span.root.ancestors if t.pos_ in {"VERB", "AUX"}),
                                                        None)
    clauses = [c for c in verb.children if c.dep_ == "advcl"] if verb is not None else []
    clauses += [c for token in span for c in token.children if c.dep_ == "relcl" and c.i >= span.end]
    for clause in clauses:
        if not any(c.lower_ == "when" and c.dep_ == "advmod" and c.i < clause.i for c in clause.children):
            continue
        for event in clause.subtree:
            if event.pos_ == "VERB" and predicate_class_of(event, lexicon) in HARM_CLASSES:
                return event
    doc, sentence = span.doc, sentence_of(span)
    if span.end < sentence.end and doc[span.end].lower_ == "when":  # a clause the parse broke up:
        # "congregating outside at 3:45 a.m. when at least one car ... drove by and began firing"
        return next((t for t in doc[span.end + 1:sentence.end]
                     if t.pos_ == "VERB" and predicate_class_of(t, lexicon) in HARM_CLASSES), None)
    return None


def event_noun_after(span: Span, lexicon: Lexicon) -> Token | None:
    """The event noun a date or time is written before: "the 3:30 p.m. shooting", "Sunday's attack".

    The noun says which event the date or time is of, whatever verb the sentence hangs on
    ("he was with them at the time of the 3:30 p.m. shooting").
    """
    doc = span.doc
    owner = span.root.head
    if span.root.dep_ in {"poss", "compound", "nmod"} and owner.i >= span.end and owner.pos_ == "NOUN" \
            and owner.lemma_.lower() in lexicon.event_nouns:
        return owner  # "Wednesday's hot-air balloon crash": the day of the noun it is written before
    for index in range(span.end, min(span.end + 3, len(doc))):
        token = doc[index]
        if token.lower_ in lexicon.event_nouns or (token.pos_ in {"NOUN", "PROPN"}
                                                  and token.lemma_.lower() in lexicon.event_nouns):
            return token  # "the July 15 slayings" as "the slaying"; never "at 11:02, according to"
        if token.lower_ not in _BEFORE_EVENT_NOUN:
            return None
    return None


def _event_noun_before(span: Span, lexicon: Lexicon) -> Token | None:
    """The event noun a date or time completes: "after the explosion on Tuesday morning", "the
    shooting at 2 a.m.". The noun's event is the one dated, not the verb the phrase hangs on
    ("residents were evacuated after the explosion on Tuesday")."""
    dated = span.root
    if dated.dep_ == "compound" and dated.head.lower_ in PARTS_OF_DAY:
        dated = dated.head  # "on Tuesday morning"
    preposition = dated.head
    if dated.dep_ != "pobj" or preposition.lower_ not in {"on", "at"} or preposition.dep_ != "prep":
        return None
    noun = preposition.head
    return noun if noun.pos_ == "NOUN" and _event_noun_class(noun, lexicon) else None


def event_class_of(predicate: Token, lexicon: Lexicon) -> str:
    """The class of the event a date or time is of: the noun's when it names one ("the shooting",
    "a call"), be it the predicate itself, its subject ("shots were fired at 4 a.m.", "the call came
    in around 7:45") or the object of a verb of perceiving ("received a call around 8"); what a
    scheduling verb schedules ("his plea was set for Thursday": the plea) or a verb of happening says
    happened ("a funeral will take place Monday": the funeral); otherwise the verb's. A verb of a
    class that dates its own act (finding the event out) is always its own.
    Other verbs act on the event later ("described the shooting Tuesday")."""
    lemma = predicate.lemma_.lower()
    found = predicate_class_of(predicate, lexicon)
    if found in lexicon.own_event_classes:
        return found  # "the attack was detected at 3:40 a.m.": when it was found, not when it began
    names_its_object = lemma in lexicon.perceiving_verbs or lemma in lexicon.scheduling_verbs
    roles = {"nsubj", "nsubjpass"} | ({"dobj"} if names_its_object else set())
    nouns = [predicate, *(c for c in predicate.children if c.dep_ in roles)]
    if predicate.dep_ == "acl":  # "a call of shots fired around 4 a.m."
        nouns.append(predicate.head)
    for noun in nouns:
        named = _event_noun_class(noun, lexicon)
        if named is not None and noun.pos_ in {"NOUN", "PROPN"}:
            return named
    happened = _what_happened(predicate, lexicon)
    if happened is not None:  # "a funeral will take place Monday": the funeral's date
        return _event_noun_class(happened, lexicon) or happened.lemma_.lower()
    if lemma in lexicon.scheduling_verbs:  # "a preliminary hearing is scheduled for Dec. 1": the hearing's date
        scheduled = next((n for n in nouns[1:] if n.pos_ == "NOUN" and n.dep_ in {"dobj", "nsubjpass"}), None)
        if scheduled is not None:
            return scheduled.lemma_.lower()
    if found in lexicon.class_actors:  # "police arrived", but "victims started arriving" is no response
        actor = actor_of(predicate)
        if actor is not None and lexicon.concept_of.get(actor.lemma_.lower()) not in lexicon.class_actors[found]:
            return f"{found} by others"  # a class of no event the lexicon dates
    return found


def _event_noun_class(noun: Token, lexicon: Lexicon) -> str | None:
    """The class of the event a noun names, as written or as its lemma ("shootings", "shooting")."""
    return lexicon.event_nouns.get(noun.lower_) or lexicon.event_nouns.get(noun.lemma_.lower())


def _what_happened(predicate: Token, lexicon: Lexicon) -> Token | None:
    """The noun a verb of happening or beginning says happened: what was begun ("began a strike"),
    its subject, or that of the verb it completes ("a funeral is set to take place"), or the noun
    its relative clause tells of ("the fire that broke out Oct. 15"); None for any other verb, or
    one whose subject is no noun ("it happened")."""
    if happening_phrase(predicate, lexicon):
        return _said_effective(predicate)
    if not (predicate.lemma_.lower() in lexicon.happening_verbs
            or any(phrase in lexicon.happening_verbs for phrase in phrasal_forms(predicate, lexicon))):
        return None
    begun = next((n for n in predicate.children if n.pos_ == "NOUN" and n.dep_ == "dobj"), None) \
        if predicate.lemma_.lower() in lexicon.happening_verbs else None  # not "took place"'s own noun
    if begun is not None:  # "doctors began a strike on Monday": the strike began, not the doctors
        return begun
    governing = predicate  # "a funeral is set to take place", "the truce is due to take effect"
    while governing.dep_ == "xcomp" or (governing.dep_ == "acomp" and governing is not predicate):
        governing = governing.head
    said = next((n for n in governing.children if n.pos_ == "NOUN" and n.dep_ in {"nsubj", "nsubjpass"}), None)
    if said is None and predicate.dep_ == "relcl":
        told = predicate.head
        # "the assault on the Kuje prison, which began at 10:40 pm", "the fire at the Maasdelta refinery,
        # which broke out at around 4.30am": the parse hangs the clause on the nearest noun, but a place
        # begins nothing; the event before it did
        if told.pos_ in {"PROPN", "NOUN"} and _event_noun_class(told, lexicon) is None and told.dep_ == "pobj" \
                and told.head.head.pos_ == "NOUN" and told.head.head.lemma_.lower() in lexicon.event_nouns:
            return told.head.head
        return told if told.pos_ == "NOUN" else None
    return said


def happening_phrase(token: Token, lexicon: Lexicon) -> str | None:
    """The phrase of happening an adjective stands for ("effective" Thursday: "take effect"), or None."""
    return lexicon.happening_adjectives.get(token.lower_) if token.pos_ == "ADJ" else None


def _said_effective(adjective: Token) -> Token | None:
    """What "effective" is said of: the subject of "the pardons are effective Thursday", the
    object of "will receive pardons effective Dec. 31", the noun of "a ban effective Monday"."""
    head = adjective.head
    if adjective.dep_ == "acomp":
        return next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN"), None)
    if head.pos_ == "NOUN":
        return head
    return next((c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None) if head.pos_ == "VERB" else None


def _class_by_doer(verb: Token, lexicon: Lexicon, *, nouns_only: bool = False) -> str | None:
    """The class a verb or phrasal verb has when the lexicon's subjects of it do it (`subject_verbs`,
    `doers`), its subject or the passive's agent: "the plane left", "a train hit", "the balloon came
    down", "was boarded by eight armed pirates";
    a second verb without its own subject has the first one's ("the tram derailed and overturned")."""
    lemma = verb.lemma_.lower()
    phrases = phrasal_forms(verb, lexicon) if lemma in _phrasal_doer_verbs(lexicon) else []
    told = next((phrase for phrase in [*phrases, lemma] if phrase in lexicon.class_by_subject),
                None)  # "went down" before "go" ("jobs will go")
    if told is None:
        return None
    name, subjects = lexicon.class_by_subject[told]
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    if not doers and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        doers = [c for c in verb.head.children if c.dep_ == "nsubj"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    doers += [c for doer in doers for c in doer.children if c.dep_ == "appos"]  # "a line 4 tram", parsed "line"
    return name if any(doer.lemma_.lower() in subjects and (doer.pos_ == "NOUN" or not nouns_only)
                       for doer in doers) else None


@lru_cache(maxsize=4)
def _phrasal_doer_verbs(lexicon: Lexicon) -> frozenset[str]:
    """The verbs that begin a phrasal verb of a class by its doer ("come" of "come down"): only
    their phrasal forms are worth building, for every verb of every sentence."""
    return frozenset(phrase.split()[0] for phrase in lexicon.class_by_subject if " " in phrase)


def predicate_class_of(verb: Token, lexicon: Lexicon) -> str:
    """The verb's class (for some verbs, by who does it: a plane that leaves departs); a reporting
    verb with a noun object acts ("employers added 254,000 jobs"),
    and so does one whose passive subject is an event ("the call was reported just after 9:30 a.m.")."""
    lemma = verb.lemma_.lower()
    by_doer = _class_by_doer(verb, lexicon)  # "the plane left at 10:15": a departure, as no one else's leaving is
    if by_doer is not None:
        return by_doer
    if lemma in lexicon.causing_verbs and (named := next(
            (found for cause in _causes_of(verb) if (found := _event_noun_class(cause, lexicon))), None)):
        return named  # "a shooting that left six people injured": the shooting's toll
    found = next((lexicon.predicate_class[phrase] for phrase in phrasal_forms(verb, lexicon) if phrase in lexicon.predicate_class),
                 lexicon.predicate_class.get(lemma, lemma))
    if found == lexicon.speech_class and any((c.dep_ == "dobj" and c.pos_ in {"NOUN", "NUM"})
                                             or (c.dep_ == "nsubjpass" and c.lower_ in lexicon.event_nouns)
                                             for c in verb.children):
        return lemma
    return found


def _causes_of(verb: Token) -> list[Token]:
    """What a verb's clause may say did it: its subject; for a relative clause the noun it tells
    of, or the one that noun's phrase hangs from ("a shooting at a party that left six injured");
    for a participle the subject of the clause it follows ("shots were fired, resulting in six
    victims")."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ == "advcl":
        subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.tag_ == "WDT" and verb.dep_ == "relcl":
        told = verb.head
        return [told, told.head.head] if told.dep_ == "pobj" and told.head.dep_ == "prep" else [told]
    return [subject] if subject is not None else []


def phrasal_forms(verb: Token, lexicon: Lexicon) -> list[str]:
    """The verb with its particle, object, complement or prepositional phrase, as the lexicon lists
    phrasal verbs: "broke out" -> "break out", "opened fire" -> "open fire", "fell ill", "passed
    away", "stepped down" (a particle the parser takes for an adverb), "laid to rest", and "taken
    to Stanford Medical Center" -> "take to hospital" (the place's other name, `place_names`)."""
    lemma = verb.lemma_.lower()
    phrases = []
    for child in verb.children:
        if child.dep_ in {"prt", "dobj", "acomp"} \
                or (child.dep_ == "advmod" and (child.pos_ == "ADJ" or child.lower_ in PARTICLES)):
            phrases.append(f"{lemma} {child.lower_}")
        elif child.dep_ == "prep":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and all(g.ent_type_ in {"DATE", "TIME"} for g in objects):
                continue  # "fired its chief executive at 5 p.m.": when, not what is fired at
            for place in objects:
                phrases.append(f"{lemma} {child.lower_} {place.lower_}")
                if other_name := _place_name(place, lexicon):
                    phrases.append(f"{lemma} {child.lower_} {other_name}")
            phrases.append(f"{lemma} {child.lower_}")
    return phrases


def _place_name(place: Token, lexicon: Lexicon) -> str | None:
    """What the lexicon calls a place by another name ("Stanford Medical Center", "a trauma
    center": hospital), from its noun and the word before it, or by its own ("Stanford Hospital");
    None for any other. A name the parse splits at "of" is read to its end: "the University of New
    Mexico Hospital" is a hospital."""
    named = [f"{word.lower_} {place.lemma_.lower()}" for word in place.lefts if word.dep_ in {"compound", "amod"}]
    if place.lemma_.lower() in lexicon.place_names.values():
        return place.lemma_.lower()  # "Stanford Hospital": a hospital, named
    found = next((lexicon.place_names[name] for name in (*named, place.lemma_.lower()) if name in lexicon.place_names),
                 None)
    if found is None and place.pos_ == "PROPN":
        of_place = next((obj for prep in place.children if prep.dep_ == "prep" and prep.lower_ == "of"
                         for obj in prep.children if obj.dep_ == "pobj"), None)
        return _place_name(of_place, lexicon) if of_place is not None else None
    return found


def actor_of(verb: Token | None) -> Token | None:
    """The verb's active subject or passive agent, following xcomp/conj chains upward."""
    current = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if current.dep_ in {"xcomp", "conj", "advcl"} and current.head != current:
            current = current.head
        else:
            return None
    return None


def complements_of(predicate: Token | None, lexicon: Lexicon, figure: Span | None = None) -> tuple[str, ...]:
    """What completes a predicate, as lemmas: "taken to hospital" -> ("to hospital",), and so is
    "taken to Stanford Medical Center".

    Two claims with one verb can still state different facts ("taken to hospital" and
    "taken into custody"); the complements tell them apart. A phrase that holds the claim's own
    `figure` ("loans to 37 shell companies") is what is counted, not what completes the verb.
    """
    if predicate is None:
        return ()
    found: list[str] = []
    for child in predicate.children:
        if child.dep_ == "prt":
            found.append(child.lower_)
        elif child.dep_ == "prep" and figure is not None \
                and child.left_edge.i <= figure.start and figure.end - 1 <= child.right_edge.i:
            continue
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and (other_name := _place_name(obj, lexicon)):
                    found.append(f"{child.lower_} {other_name}")
                elif obj.dep_ == "pobj" and obj.pos_ == "NOUN" and not obj.ent_type_ and not obj.like_num:
                    found.append(f"{child.lower_} {obj.lemma_.lower()}")
    return tuple(found[:4])


def places_of_clause(predicate: Token | None, sentence: Span, lexicon: Lexicon) -> tuple[str, ...]:
    """The places a figure's own clause names, else its sentence's.

    "which came 10 days after a gunman killed five officers in Dallas, and 12 days after police in
    Baton Rouge ...": the five were killed in Dallas, not in Baton Rouge. A clause that names no
    place ("two officers were killed, police in Baton Rouge said") takes the sentence's.
    """
    if predicate is not None:
        own = places_in(list(predicate.subtree), lexicon)
        if own:
            return own
    dateline = dateline_before(sentence)
    return places_in(list(sentence), lexicon) or (places_in(list(dateline), lexicon) if dateline else ())


def dateline_before(sentence: Span) -> Span | None:
    """The wire dateline a lede follows ("HOUSTON --" before "Police found two people dead"):
    parsing keeps a dateline a sentence of its own (`checker.nlp`), but it still says where the
    lede's figures are."""
    if sentence.start == 0:
        return None
    before = sentence_of(sentence.doc[sentence.start - 1])
    if before[-1].text.strip("-–—"):  # a dateline ends in its dash
        return None
    dateline = DATELINE.match(before.text_with_ws + sentence[0].text)
    if dateline is None or dateline.end() != len(before.text_with_ws):
        return None
    return before


def places_in(tokens: list[Token], lexicon: Lexicon) -> tuple[str, ...]:
    """Cities, streets and sites among `tokens`, and any name a "where" clause tells of ("In
    Altenspier, where the candidate grew up", a town the tagger took for a company); countries are
    left to the anchors."""
    names = entities_in([t for t in tokens if t.ent_type_ in PLACE_LABELS or _told_where(t)], lexicon)
    return tuple(n for n in names if n.lower() not in lexicon.countries and n.lower() not in lexicon.place_alias)


def _told_where(token: Token) -> bool:
    """Whether a proper name heads a relative clause opened by "where": a place, whatever its tag."""
    return token.pos_ == "PROPN" and any(
        c.dep_ == "relcl" and any(g.dep_ == "advmod" and g.lower_ == "where" for g in c.children)
        for c in token.children)


_PAST_CLAUSE_MARKS = frozenset({"when", "after", "once"})  # of time: "because no candidate received" may deny


def modality_of(predicate: Token | None, lexicon: Lexicon) -> str:
    """fact, plan, estimate or denial: the cue nearest the predicate wins, or what its subject is
    ("the company's offer included a 24% wage increase": an offer)."""
    subject = next((c for c in predicate.children if c.dep_ in {"nsubj", "nsubjpass"}), None) \
        if predicate is not None else None
    if subject is not None and subject.lemma_.lower() in lexicon.modality_nouns:
        return lexicon.modality_nouns[subject.lemma_.lower()]
    if predicate is not None and _is_progressive(predicate) \
            and (announced := lexicon.progressive_modality.get(predicate_class_of(predicate, lexicon))):
        return announced
    current = predicate
    for _ in range(_MAX_CLIMB):
        if current is None:
            return "fact"
        lemma = current.lemma_.lower()
        if current.pos_ in {"VERB", "AUX"} \
                and (modality := lexicon.predicate_modality.get(predicate_class_of(current, lexicon))):
            return modality  # "pledged", "voters approved" (a ballot, no pledge): as its class, by its subject
        cues = [child for child in current.children
                if child.dep_ in {"aux", "advmod", "neg", "auxpass"} and child.lemma_.lower() in lexicon.modality_cues]
        if cues:
            return lexicon.modality_cues[cues[0].lemma_.lower()]
        if current != predicate and lemma in lexicon.modality_cues:
            return lexicon.modality_cues[lemma]
        if _to_be_done(current):
            return "plan"
        if current.head == current or _told_as_done(current):
            return "fact"
        if current.dep_ == "relcl" and current.tag_ in {"VBZ", "VBP", "VBD"}:
            # a relative clause in a tense of its own tells of its noun as things are: "is expected to
            # affect 40 suppliers, which employ about 3,500 people"
            return "fact"
        if current.dep_ == "advcl" and current.tag_ == "VBD" and any(
                c.dep_ in {"advmod", "mark"} and c.lower_ in _PAST_CLAUSE_MARKS for c in current.children):
            # a clause of what had happened when the main one's hopes were had: "When the House voted
            # through a reform last Tuesday, the government hoped to close the file"
            return "fact"
        if current.dep_ not in _CLAUSE_LINKS:
            # "denied reports that it had moved ...": climb from the reported clause's noun
            if not (current.pos_ in {"NOUN", "PROPN"} and current.dep_ in {"dobj", "pobj", "nsubj"}
                    and current != predicate):
                return "fact"
        current = current.head
    return "fact"


# subordinators of a clause that tells what happened in its own time, whatever its head plans or
# promises: "offered a support package, a day after 1,000 tractors brought Warsaw to a standstill"
_DONE_MARKERS = frozenset({"after", "before", "when", "while", "since", "once"})


def _to_be_done(verb: Token) -> bool:
    """An infinitive that says what is to happen, not what did: "the rebels are to free 18 hostages",
    "the deal provides for the rebels to release 18" (but "he was to blame" is an idiom)."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    to_be = verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.lemma_ != "blame"
    for_to = any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
    return to and (to_be or for_to)


def _is_progressive(verb: Token) -> bool:
    """ "is cutting", "were closing": a verb in the progressive, which news uses for what a
    company or a government has announced it will do."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


def _told_as_done(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _DONE_MARKERS for c in clause.children)


def _phrase(token: Token) -> str:
    """A noun phrase's words without its relative clauses, at most 12 of them."""
    dropped = {t.i for child in token.children if child.dep_ in {"relcl", "acl", "appos", "advcl"}
               for t in child.subtree}
    words = [t for t in token.subtree if t.i not in dropped and not t.is_space and t.i - token.left_edge.i < 12]
    while words and words[-1].is_punct:
        words.pop()
    text = "".join(t.text_with_ws for t in words).strip()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"^(the|a|an|The|A|An)\s+", "", text)


def attribution_of(predicate: Token | None, sentence: Span, lexicon: Lexicon) -> str | None:
    """Who the sentence says the claim comes from ("according to X", "X said ...")."""
    for token in sentence:
        lowered = token.text.lower()
        for phrase in lexicon.attribution_phrases:
            first, *rest = phrase.split()
            if lowered != first:
                continue
            tail = [t.text.lower() for t in sentence.doc[token.i + 1: token.i + 1 + len(rest)]]
            if tail != rest:
                continue
            after = token.i + len(rest)
            objects = [t for t in sentence.doc[after: sentence.end] if t.dep_ == "pobj" and t.head.i == after] \
                or [t for t in token.subtree if t.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    if predicate is not None and predicate.lemma_.lower() in lexicon.estimating_verbs:
        # "Police estimated the crowd at 107,000", "an independent group estimating it at 300,000"
        subject = next((c for c in predicate.children if c.dep_ == "nsubj"), None)
        if subject is None and predicate.dep_ == "acl" and predicate.head.pos_ in {"NOUN", "PROPN"}:
            subject = predicate.head
        if subject is not None and subject.pos_ != "PRON":
            return _phrase(subject)
    current = predicate
    for _ in range(_MAX_CLIMB):
        if current is None or current.head == current:
            break
        parent = current.head
        if parent.lemma_.lower() in lexicon.attribution_verbs and current.dep_ in _CLAUSE_LINKS | {"dobj"}:
            subject = next((c for c in parent.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and subject.pos_ != "PRON":
                return _phrase(subject)
        current = parent
    if predicate is not None and predicate.lemma_.lower() in lexicon.attribution_verbs:
        return None
    # "..., police said." attached as the sentence root above the claim's clause
    root = sentence.root
    if root.lemma_.lower() in lexicon.attribution_verbs and predicate is not None and predicate is not root:
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            return _phrase(subject)
    return None

