"""Entity resolution: one entity per real-world referent across sources.

Spellings merge when they are the same name written another way: case, hyphens and accents
("Yoon Suk-yeol"), a known alias ("Kiev"/"Kyiv", "U.S."), or a transliteration that keeps
the consonants and differs in one word ("Andrei"/"Andrey"). A surname alone ("Yoon") joins the
full name used earlier in the same source when exactly one full name fits, and so does a double
surname alone ("Danjuma-Kolo"), though its key has two words as a full name's has. Names that differ
in a word that matters ("North"/"South") never merge.

People are written more loosely than places: a middle name or initial, a generational suffix,
a nickname in quotes, a short given name ("Mike") or a misspelling ("Malcom") may come and go
between outlets. Two personal names of one story are one person when their given names are
forms of one name and every other word of the shorter name has its match, in order, in the
longer one; merges are complete-linkage, so "M. Allen" never joins "Michael" and "Mark Allen".
Initials that tell more or less than a fuller name ("AJ Perez", "Armando Perez") are no evidence
against it, so the two join once a name that fits both ("Armando J. Perez") links them.
Some names need the full name to be joined: a person named by the middle name or the quoted
nickname another outlet gives ("Kay Wilkson" for Valerie Kay Wilkson), or by one part of a double
surname ("Reginald Rose-Robinson", "Reginald Robinson-Foster").

An organisation or place written out with its short form in brackets ("the National Disaster
Mitigation Agency (BNPB)") is that short form in every source of the story, however another
outlet translates the long one ("National Disaster Management Agency (BNPB)").

The small NER model misses names, misspelt ones most of all, and cuts some short. Runs of
capitalised words that name a person the story knows are read as names, and a tagged name that
the source only ever writes inside a longer one ("Luis E. Nava" of "Luis E. Nava Trujillo") is
that longer name.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel

from checker.lexicon import Lexicon, demonym_place
from checker.model import Claim, Entity, SourceClaims
from checker.normalize import name_key, skeleton, without_possessive

_CLASS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "NORP": "PLACE", "FAC": "PLACE", "ORG": "ORG"}
_MIN_VARIANT_SIMILARITY = 0.8
_MIN_VARIANT_LENGTH = 5
_MIN_MISSPELLING_LENGTH = 4  # shorter words differ in too few letters to tell a typo from another name
_MIN_SLIP_LENGTH = 7  # a surname alone one letter from another: "Marvin" may be a boy, "Brinkely" is Brinkley
_ACRONYM = re.compile(r"[a-z]{2,6}")  # a key of one short word...
_ACRONYM_SPELLING = re.compile(r"(?:[A-Z]\.?){2,6}")  # ...written in capitals: "FEMA", "N.I.S."
# a short form in brackets right after a name, never a wire dateline's "(AP) -": "(BNPB)", "(Basarnas)";
# after the rest of a name NER cut short ("Center for Volcanology| and Geological Hazard Mitigation (PVMBG)")
_SHORT_FORM = r"\s?\(([A-Z][A-Za-z&./-]{1,11})\)(?!\s*[-–—])"
_SHORT_FORM_AFTER = re.compile(rf"((?:,?\s+(?:and|of|for|the|on|de|del|[A-Z][\w'’-]*)){{0,8}}?){_SHORT_FORM}")
_BRACKETED_SHORT_FORM = re.compile(_SHORT_FORM)
# The Latin letters of Europe's and Vietnam's names, by case: "Łukasz", "Şahin", "Nguyễn Hoàng Long"
_LATIN_LETTERS = [chr(code) for span in ((0xC0, 0x250), (0x1E00, 0x1F00)) for code in range(*span)]
_UPPER = "A-Z" + "".join(letter for letter in _LATIN_LETTERS if letter.isupper())
_LOWER = "a-z" + "".join(letter for letter in _LATIN_LETTERS if letter.islower())
# a body's own name in its language, in brackets after the English one, with its short form or
# without: "Lisbon City Council (Câmara Municipal de Lisboa, CML)", "the National Police (Policía Nacional)"
_JOINING = r"(?:de|del|della|di|da|do|dos|das|du|des|la|le|el|van|von|der|den|y|e|et|und|of|and|for)"
_NAME_PART = rf"[{_UPPER}][\w'’-]*"
_OWN_NAME_AFTER = re.compile(rf"\s?\(({_NAME_PART}(?:\s+(?:{_JOINING}\s+)*{_NAME_PART}){{1,6}})"
                             r"(?:,\s*([A-Z][A-Za-z&./-]{1,11}))?\)")
_UKRAINIAN_H = re.compile(r"h[rln]")
_QUOTED_NICKNAME = re.compile(r"""\s["“'‘]([^"“”'‘’]{1,30})["”'’](?=\s)""")


@dataclass(frozen=True)
class EntityIndex:
    """Resolved entities, and which entity each (source, name) refers to."""

    entities: tuple[Entity, ...]
    entity_of: dict[tuple[str, str], str]
    labels: dict[str, str] = field(default_factory=dict)  # entity id -> PERSON / GPE / ORG
    untagged: dict[str, tuple[str, ...]] = field(default_factory=dict)  # source -> names read past NER
    # ids of companies whose name the model took for a person's ("Svaneti Resorts" of "Svaneti Resorts LLC")
    companies: frozenset[str] = frozenset()

    def label_of(self, entity_id: str) -> str | None:
        """PERSON, GPE or ORG for a resolved entity id; None for a name no source used."""
        return self.labels.get(entity_id)

    def resolve(self, source: str, name: str) -> str:
        """The entity id of `name` as written in `source` (the name's key when unknown)."""
        return self.entity_of.get((source, name)) or self.entity_of.get(("", name_key(name))) or name_key(name)


def resolve_entities(extracted: Iterable[SourceClaims], lexicon: Lexicon) -> EntityIndex:
    """Cluster every name used by the sources into entities."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)  # surface -> label counts
    by_source: dict[str, list[str]] = defaultdict(list)
    story_of: dict[str, str] = {}
    extracted_list = list(extracted)
    for item in extracted_list:
        story_of[item.source.id] = item.source.story or ""
        names = by_source[item.source.id]
        for mention in item.mentions:
            labels[mention.text][_CLASS.get(mention.label, "ORG")] += 1
            names.append(mention.text)
        for claim in item.claims:
            for name in claim.subject.anchors:
                if claim.kind == "age":  # "Darnell Price, 24": whoever has an age is a person
                    labels[name]["PERSON"] += 1
                elif name not in labels:
                    labels[name]["PLACE"] += 1
                names.append(name)
            if claim.kind == "role":
                labels[str(claim.value)]["PERSON"] += 1
                names.append(str(claim.value))
    # (a person NER took with a bracket for an organisation, "Kenta Morishita (LDP", gives a party)
    short_forms = [(item.source.id, long, short, label) for item in extracted_list
                   for long, short, label in _short_forms_defined(item, lexicon)
                   if not labels[long] or labels[long].most_common(1)[0][0] != "PERSON"]
    for source, long, short, label in short_forms:
        if long not in by_source[source]:  # the whole of a name NER cut short
            labels[long][label] += 1
            by_source[source].append(long)
        labels[short][label] += 1
        by_source[source].append(short)
    written_as_places = _written_as_places(extracted_list, story_of)
    taken_for_people = _relabel_companies(labels, by_source, story_of, lexicon)
    _relabel_people(labels, by_source, story_of, _known_places(lexicon))
    _relabel_places(extracted_list, labels, story_of, written_as_places, lexicon)
    untagged, cut_from = _add_untagged_people(extracted_list, labels, by_source, story_of, lexicon)
    labels_of_key = _labels_by_key(labels, lexicon)
    node_of: dict[tuple[str, str], tuple[str, str]] = {}  # (source, surface) -> (class, key)
    for source, names in by_source.items():
        for surface in names:
            node = _node(surface, labels_of_key[name_key(surface)], lexicon)
            if node[1]:
                node_of[(source, surface)] = node
    for (source, cut), full in cut_from.items():
        if (source, full) in node_of:
            node_of[(source, cut)] = node_of[(source, full)]
    _redirect_names_gone_by(node_of, story_of, lexicon)
    _redirect_short_names(by_source, node_of, _known_places(lexicon), story_of, lexicon, written_as_places)
    surfaces: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for source, names in by_source.items():
        for surface in names:
            if (source, surface) in node_of:
                surfaces[node_of[(source, surface)]][surface] += 1
    parent = {node: node for node in surfaces}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for group in _variant_blocks(surfaces):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if is_variant(a[1], b[1], lexicon):
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    members: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in surfaces:
        members[find(node)].append(node)
    stories_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (source, _), node in node_of.items():
        stories_of[node].add(story_of.get(source, ""))
    part_forms: dict[tuple[str, str], set[str]] = {}  # people with a hyphenated surname -> their name's forms
    for node, spelled in surfaces.items():
        forms = set().union(*(_surname_part_forms(surface) for surface in spelled)) if node[0] == "PERSON" else set()
        if forms:
            part_forms[node] = forms
    defined = [(node_of[(source, long)], node_of[(source, short)]) for source, long, short, _ in short_forms
               if (source, long) in node_of and (source, short) in node_of]
    for a, b in [*_same_people(members, stories_of, part_forms, lexicon),
                 *_same_places_and_bodies(surfaces, stories_of, lexicon), *defined]:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members = defaultdict(list)
    for node in surfaces:
        members[find(node)].append(node)
    written = _written_with_honorifics(extracted_list, node_of, lexicon)
    entities: list[Entity] = []
    id_of_root: dict[tuple[str, str], str] = {}
    for root, nodes in members.items():
        spelled: Counter[str] = Counter()  # a person's spellings, not the possessives NER tags ("Houser's")
        for node in nodes:
            for surface, count in surfaces[node].items():
                spelled[without_possessive(surface) if root[0] == "PERSON" else surface] += count
        name = max(spelled, key=lambda s: (spelled[s], len(s.split()), len(s), s))
        # the id comes from the cluster's smallest key, not from its most used spelling, so that
        # adding an unrelated article never renames an entity (discrepancy fingerprints use ids)
        entity_id = "E" + hashlib.sha1(f"{root[0]}|{root[1]}".encode()).hexdigest()[:10]
        id_of_root[root] = entity_id
        aliases = tuple(sorted({s for s in spelled if s != name}.union(*(written.get(node, ()) for node in nodes))))
        entities.append(Entity(entity_id, name, "PERSON" if root[0] == "PERSON" else
                               ("GPE" if root[0] == "PLACE" else "ORG"), aliases))
    entity_of = {key: id_of_root[find(node)] for key, node in node_of.items()}
    for node in surfaces:
        entity_of.setdefault(("", node[1]), id_of_root[find(node)])
    companies = frozenset(entity_of[written] for written in taken_for_people if written in entity_of)
    return EntityIndex(tuple(sorted(entities, key=lambda e: (e.label, e.name))), entity_of,
                       {e.id: e.label for e in entities}, untagged, companies)


def _written_with_honorifics(extracted: list[SourceClaims], node_of: dict[tuple[str, str], tuple[str, str]],
                             lexicon: Lexicon) -> dict[tuple[str, str], set[str]]:
    """{person's node: the name as a source wrote it with the honorifics before it}: "Dr. Adebayo
    Ogunleye", "Chief Emeka Okafor", which NER or the title repair left out of the name. Spellings
    the report lists among the person's aliases, never names of their own: story clustering and
    alignment read the names as mentioned."""
    written: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in extracted:
        text = item.source.text
        for mention in item.mentions:
            node = node_of.get((item.source.id, mention.text))  # a person's, whatever NER tagged ("Mr Bakhit")
            if node is None or node[0] != "PERSON" or not text.startswith(mention.text, mention.start):
                continue
            start = mention.start
            while (before := _HONORIFIC_BEFORE.search(text, max(0, start - 24), start)) is not None \
                    and before.group(1).lower() in lexicon.honorifics:
                start = before.start()
            if start < mention.start:
                written[node].add(text[start:mention.end])
    return written


_HONORIFIC_BEFORE = re.compile(r"\b([A-Z][a-zñ]+)\.? $")  # "Dr. ", "Chief ", "Doña " right before a name


def with_untagged_names(claims: Iterable[Claim], index: EntityIndex) -> tuple[Claim, ...]:
    """Claims with the people their sentence names that only resolution read ("Kendal Pinkerton
    was critically injured Tuesday", where NER tagged no one): extraction ties a claim to the names
    NER found in its sentence, and a person the claim concerns but NER missed would be in no
    claim's entities, so neither shown beside the claim nor weighed when claims are aligned."""
    patterns = {source: [(name, re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")) for name in names]
                for source, names in index.untagged.items()}
    return tuple(_with_names(claim, patterns.get(claim.source, ())) for claim in claims)


def _with_names(claim: Claim, patterns: Iterable[tuple[str, re.Pattern[str]]]) -> Claim:
    extra = tuple(name for name, pattern in patterns
                  if name not in claim.entities and pattern.search(claim.sentence))
    return replace(claim, entities=claim.entities + extra) if extra else claim


def _labels_by_key(labels: dict[str, Counter[str]], lexicon: Lexicon) -> dict[str, Counter[str]]:
    """The labels of every spelling of one name key, pooled.

    NER labels each spelling on its own, and the small model is least sure of foreign names:
    "Almodóvar del Río" a person in one outlet and "Almodovar del Rio" an organisation in another
    would be two classes, and names of two classes never meet. Spellings that differ only in case,
    accents or hyphens are one name, so they take one label: the one most of their mentions got.
    So do spellings of one name in another transliteration ("Polychrono" a place in three outlets,
    "Polichrono" a person in the fourth), or they would never meet as variants.
    """
    pooled: dict[str, Counter[str]] = defaultdict(Counter)
    for surface, counts in labels.items():
        pooled[name_key(surface)].update(counts)
    by_skeleton: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in pooled:
        by_skeleton[_skeletons(key)].append(key)
    for keys in by_skeleton.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if pooled[a] is not pooled[b] and is_variant(a, b, lexicon):
                    joined, shared = (pooled[a], pooled[b]), pooled[a] + pooled[b]
                    for key in keys:  # every spelling already pooled with either takes the sum
                        if any(pooled[key] is counts for counts in joined):
                            pooled[key] = shared
    return pooled


def _node(surface: str, label_counts: Counter[str], lexicon: Lexicon) -> tuple[str, str]:
    cls = label_counts.most_common(1)[0][0] if label_counts else "PLACE"
    key = person_key(surface) if cls == "PERSON" else name_key(surface)
    street = _street_key(name_key(surface), lexicon)
    if street is not None:  # "Fennimore Ave." is a place, whatever NER called it
        return "PLACE", street
    if cls == "PERSON":
        words = [w for w in key.split() if w not in lexicon.honorifics]
        key = " ".join(words) or key
        cls = _class_of_kind_word(words, lexicon)
    lowered = surface.lower()
    if lowered in lexicon.place_alias:  # a known place, whatever NER called it ("Kiev" as ORG)
        return "PLACE", name_key(lexicon.place_alias[lowered])
    if (place := demonym_place(lowered, lexicon)) and cls != "PERSON":  # "North Korean" names North Korea
        return "PLACE", name_key(place)
    if key in _canonical_places(lexicon):
        return "PLACE", key
    return cls, key


def _class_of_kind_word(words: list[str], lexicon: Lexicon) -> str:
    """PERSON for a personal name, unless its last word says what kind of place or body it names.

    The small model tags foreign places and bodies as people ("West Bandung Regency", "Voar
    Airlines"), and no person's name ends in "Regency" or "Airlines". (A company word such as
    "Capital" is not enough: people are named Steel and Banks.)"""
    if len(words) < 2:
        return "PERSON"
    if words[-1] in lexicon.place_name_suffixes:
        return "PLACE"
    if words[-1] in lexicon.body_name_suffixes:
        return "ORG"
    return "PERSON"


def _street_key(key: str, lexicon: Lexicon) -> str | None:
    """A street's key with its kind written in full ("fennimore ave" -> "fennimore avenue"); None
    for a name that does not end in a street's kind."""
    words = key.split()
    if len(words) < 2 or words[-1] not in lexicon.street_kinds:
        return None
    return " ".join([*words[:-1], lexicon.street_kinds[words[-1]]])


@lru_cache(maxsize=4)
def _canonical_places(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(name_key(p) for p in [*lexicon.place_alias.values(), *lexicon.demonyms.values()])


def _variant_blocks(surfaces: dict[tuple[str, str], Counter[str]]) -> list[list[tuple[str, str]]]:
    """Nodes that could be spelling variants: same class, same consonant skeleton per word."""
    blocks: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for node in surfaces:
        cls, key = node
        blocks[(cls, *_skeletons(key))].append(node)
    return [nodes for nodes in blocks.values() if len(nodes) > 1]


def _skeletons(key: str) -> tuple[str, ...]:
    """A name key's consonant skeleton, word by word: spellings of one name share it."""
    return tuple(skeleton(word) for word in key.split())


def is_variant(a: str, b: str, lexicon: Lexicon) -> bool:
    """Two name keys that spell one name: each differing word a close transliteration."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    for x, y in zip(words_a, words_b):
        if x == y:
            continue
        if x in lexicon.contrastive_words or y in lexicon.contrastive_words:
            return False
        if min(len(x), len(y)) < _MIN_VARIANT_LENGTH or skeleton(x) != skeleton(y):
            return False
        if Indel.normalized_similarity(x, y) < _MIN_VARIANT_SIMILARITY:
            return False
    return True


def _short_forms_defined(item: SourceClaims, lexicon: Lexicon) -> list[tuple[str, str, str]]:
    """(name, short form, class) of each short form a source defines by writing it in brackets
    after a name of two words or more: "the National Disaster Mitigation Agency (BNPB)", "Brazil's
    Aeronautical Accidents Investigation and Prevention Center (CENIPA)", also where NER cut the name
    short before it ("Center for Volcanology" of "Center for Volcanology and Geological Hazard
    Mitigation (PVMBG)": both the cut name and the whole are the short form's), and where NER
    began it late ("Geophysics Agency" of "the Meteorology, Climatology, and Geophysics Agency
    (BMKG)", "Disaster Mitigation Agency" of "the West Bandung Disaster Mitigation Agency (BPBD)":
    the capitalised words and joining words before it are the name's too). Never a person's:
    "Lord Mayor Markus Brandl (CSU)" gives his party, and so does "Kenta Morishita (LDP)" where NER
    took him for an organisation, nor another name's written between ("the Democratic Party and
    Yoko Kamiyama (LDP)"). A body's own name in its language, in brackets after the English one,
    is a short form too, with the short form after it or without ("Lisbon City Council (Câmara
    Municipal de Lisboa, CML)", "the National Police (Policía Nacional)")."""
    text = item.source.text
    starts = sorted(mention.start for mention in item.mentions)
    people = [(mention.start, mention.end) for mention in item.mentions if mention.label == "PERSON"]
    found_forms = []
    for mention in item.mentions:
        if mention.label == "PERSON" or len(mention.text.split()) < 2:
            continue
        label = _CLASS.get(mention.label, "ORG")
        # (where NER took in an unclosed bracket, "the National Police (Policía Nacional", the name ends before it)
        end = text.find(mention.text, mention.start, mention.end) + len(mention.text) \
            if mention.text in text[mention.start:mention.end] else mention.end
        own = _OWN_NAME_AFTER.match(text, end)
        if own is not None and label == "ORG" and not any(end <= start < own.end() for start, _ in people):
            found_forms.extend((mention.text, name, label) for name in own.groups() if name)
            continue
        found = _SHORT_FORM_AFTER.match(text, end)
        if found is None or name_key(found.group(2)) == name_key(mention.text) \
                or any(mention.end <= start < found.end(1) for start in starts):
            continue  # "the Democratic Party and Yoko Kamiyama (LDP)": another name's bracket
        found_forms.append((mention.text, found.group(2), label))
        if found.group(1):
            found_forms.append((f"{mention.text}{found.group(1)}", found.group(2), label))
        begun = _name_begun_before(text, mention.start, people, lexicon)
        if begun < mention.start:
            found_forms.append((text[begun:found.end(1)], found.group(2), label))
    return found_forms + _untagged_bodies_defined(text, people, found_forms, lexicon)


def _untagged_bodies_defined(text: str, people: list[tuple[int, int]], found: list[tuple[str, str, str]],
                             lexicon: Lexicon) -> list[tuple[str, str, str]]:
    """(name, short form, "ORG") of a public body NER tagged nowhere but whose short form a source
    gives in brackets after it: "the West Bandung Disaster Mitigation Agency (BPBD)". The name is
    the capitalised words before the bracket, and must end in a body's word ("Agency", "Ministry").
    """
    defined = {short for _, short, _ in found}
    bodies = []
    for bracket in _BRACKETED_SHORT_FORM.finditer(text):
        short, opening = bracket.group(1), bracket.start(1) - 1  # where "(" stands
        spelled = _name_spelled_before(text, opening, short, lexicon)
        if spelled:  # also where NER's cut of it defined the short form first
            if (spelled, short) not in {(name, form) for name, form, _ in found}:
                bodies.append((spelled, short, "ORG"))
            continue
        begin = _name_begun_before(text, opening, people, lexicon)
        name = text[begin:opening].strip(" ,")
        words = name_key(name).split()
        if short in defined or len(words) < 2 or words[-1] not in lexicon.body_heads:
            continue
        bodies.append((name, short, "ORG"))
    return bodies


def _name_spelled_before(text: str, opening: int, short: str, lexicon: Lexicon) -> str | None:
    """The name written before a bracket whose words' initials spell the short form in it, however
    NER cut it: "the National Grid Corporation of the Philippines (NGCP)" (tagged as a body and a
    country), "the Irish Business and Employers' Confederation (Ibec)", "the UN Office for the
    Coordination of Humanitarian Affairs (OCHA)" (the name is the words that spell it). Initials
    that match are evidence enough that the words are one name, so no word list is asked."""
    letters = re.sub(r"[^a-z]", "", short.lower())
    run = _name_run_before(lexicon).search(text[max(0, opening - 160):opening])
    if run is None or len(letters) < 2:
        return None
    begin = opening - len(run.group(0))
    words = list(_RUN_WORD.finditer(text, begin, opening))
    for first, word in enumerate(words):
        if not word.group(0)[0].isupper() or word.group(0).lower() in lexicon.acronym_skips:
            continue  # a name begins with its own word, never "The"
        initials = "".join(w.group(0)[0].lower() for w in words[first:] if w.group(0).lower() not in lexicon.acronym_skips)
        if initials == letters:
            return text[word.start():words[-1].end()]
    return None


@lru_cache(maxsize=4)
def _name_run_before(lexicon: Lexicon) -> re.Pattern[str]:
    """The capitalised words written right before a bracket, with the joining words an acronym
    leaves out between them ("of the", `acronym_skips`)."""
    joining = "|".join(re.escape(word) for word in sorted(lexicon.acronym_skips))
    return re.compile(rf"(?:[A-Z][\w&-]*(?:['’]s?)?,?[ \t]+(?:(?:{joining})[ \t]+)*)+$")


_RUN_WORD = re.compile(r"[\w&-]+(?:['’]s?)?")

# the words a name NER began late may start with: capitalised words, each after a comma or a
# joining word ("Meteorology, Climatology, and ", "Center for Volcanology and ", "West Bandung ")
_NAME_BEGUN_BEFORE = re.compile(r"(?:[A-Z][\w&-]*,?[ \t]+(?:(?:and|of|for|the)[ \t]+)?)+$")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w&-]*")


def _name_begun_before(text: str, start: int, people: list[tuple[int, int]], lexicon: Lexicon) -> int:
    """Where a name NER began late truly begins: the run of capitalised words written right
    before it, never into a person's name, a possessive or a title ("Governor")."""
    found = _NAME_BEGUN_BEFORE.search(text[max(0, start - 120):start])
    if found is None:
        return start
    begin = start - len(found.group(0))
    words = list(_CAPITALISED_WORD.finditer(text, begin, start))
    titles = 0  # "Governor Kenta Morishita (LDP)": a title is no part of a name
    while titles < len(words) and words[titles].group(0).lower() in lexicon.honorifics:
        titles += 1
    if titles == len(words):
        return start
    begin = words[titles].start()
    if any(lo < start and begin < hi for lo, hi in people):
        return start
    return begin


def _relabel_companies(labels: dict[str, Counter[str]], by_source: dict[str, list[str]], story_of: dict[str, str],
                       lexicon: Lexicon) -> set[tuple[str, str]]:
    """Call a name an organisation when its story also writes it with a company's suffix or trade,
    and return the (source, name) so relabelled: a name the model took for a person's, which no
    office's holder is either ("the technical director of the operating company, Svaneti Resorts").

    The small model tags many a company's name without its suffix as a person ("Svaneti Resorts",
    "Qiandaohu Shipping"), which keeps it from the name in full ("Svaneti Resorts LLC"): a person
    is never incorporated. So is a company's first word, where its story also writes an
    organisation of that word and a trade ("Qiankun" of "Qiankun Aerospace"), unless a person of
    the story bears it as a surname ("Smith" of "Smith Industries" and "Jane Smith").
    """
    suffixes = sorted((suffix.split() for suffix in lexicon.body_name_suffixes), key=len, reverse=True)
    companies: dict[str, set[str]] = defaultdict(set)  # story -> its companies' names without the suffix
    surnames: dict[str, set[str]] = defaultdict(set)  # story -> the last words of its people's full names
    for source, names in by_source.items():
        story = story_of.get(source, "")
        for surface in names:
            words = name_key(surface).split()
            label = labels[surface].most_common(1)[0][0]
            suffix = next((s for s in suffixes if len(words) > len(s) and words[-len(s):] == s), None)
            if suffix is not None and label != "PERSON":
                companies[story].add(" ".join(words[:-len(suffix)]))
            elif len(words) > 1 and words[-1] in lexicon.company_words and label == "ORG":
                companies[story].add(" ".join(words[:-1]))
            elif len(words) > 1 and label == "PERSON":
                surnames[story].add(words[-1])
    relabelled: set[tuple[str, str]] = set()
    for source, names in by_source.items():
        story = story_of.get(source, "")
        known = companies.get(story, set()) - surnames.get(story, set())
        for surface in set(names):
            counts = labels[surface]
            if counts.most_common(1)[0][0] == "PERSON" and name_key(surface) in known:
                counts["ORG"] = sum(counts.values()) + 1
                relabelled.add((source, surface))
    return relabelled


def _relabel_people(labels: dict[str, Counter[str]], by_source: dict[str, list[str]], story_of: dict[str, str],
                    places: frozenset[str]) -> None:
    """Call a name a person when its story knows a person of that surname.

    The small model often tags a full name as a place or an organisation ("Jaime Salazar" as
    GPE, "Cleveland Smelley" as ORG), which keeps it from every other spelling of the person.
    A name of two to four capitalised words whose last word is the surname of someone the
    story tags as a person (or a misspelling of it: "Smelly") is taken for that family's member;
    known places never are. So is a surname alone that NER tags only as an organisation
    ("Kilicdaroglu took 46 percent"): a name never placed anywhere is no place.
    """
    surnames: dict[str, set[str]] = defaultdict(set)
    place_ends: dict[str, set[str]] = defaultdict(set)  # the last words of a story's places of two words or more
    for source, names in by_source.items():
        for surface in names:
            counts, key = labels[surface], name_key(surface)
            if counts and counts.most_common(1)[0][0] == "PLACE" and len(key.split()) >= 2:
                place_ends[story_of.get(source, "")].add(key.split()[-1])
    for source, names in by_source.items():
        for surface in names:
            counts, key = labels[surface], name_key(surface)
            story = story_of.get(source, "")
            # a word alone that ends a place's name is that place written short, never a family's
            # name ("Cikupa" beside "Pasir Cikupa hill")
            if counts and counts.most_common(1)[0][0] == "PERSON" and key \
                    and (len(key.split()) >= 2 or key not in place_ends[story]):
                surnames[story].add(key.split()[-1])
    for source, names in by_source.items():
        known = surnames.get(story_of.get(source, ""), set())
        by_initial: dict[str, list[str]] = defaultdict(list)
        for surname in known:
            by_initial[surname[:1]].append(surname)
        for surface in set(names):
            counts = labels[surface]
            words = surface.split()
            if counts.most_common(1)[0][0] == "PERSON" \
                    or not all(word[:1].isupper() and word.replace("-", "").replace(".", "").isalpha() for word in words):
                continue
            key = name_key(surface)
            last = key.split()[-1] if key else ""
            if len(words) == 1 and set(counts) == {"ORG"} and last in known and key not in places:
                counts["PERSON"] = sum(counts.values()) + 1
            if not 2 <= len(words) <= 4:
                continue
            if key and key not in places and (last in known or any(_word_matches(last, surname)
                                                                   for surname in by_initial.get(last[:1], ()))):
                counts["PERSON"] = sum(counts.values()) + 1


_LOCATIVE = re.compile(r"\b(?:in|near|outside|across|around|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE)


def _written_as_places(extracted: list[SourceClaims], story_of: dict[str, str]) -> dict[str, set[str]]:
    """The name keys each story writes where places go: "in Klodzko", "near Bandung"."""
    placed: dict[str, set[str]] = defaultdict(set)
    for item in extracted:
        text = item.source.text
        for mention in item.mentions:
            if _LOCATIVE.search(text[max(0, mention.start - 16):mention.start]) and (key := name_key(mention.text)):
                placed[story_of.get(item.source.id, "")].add(key)
    return placed


def _relabel_places(extracted: list[SourceClaims], labels: dict[str, Counter[str]], story_of: dict[str, str],
                    written_as_places: dict[str, set[str]], lexicon: Lexicon) -> None:
    """Call a one-word name a place when its story puts it where places go and no person of the
    story bears it.

    The small model takes many foreign places for people ("Pütürge", "Kłodzko"), which keeps them
    from their other spellings and makes "Nysa Kłodzka" (a river) a relative. A one-word name
    tagged a person is a place when its story tags it a place too (alone or after a generic first
    word: "Typhoon Jelawat"), or writes it after "in", "near" or "outside" ("in Klodzko"), and no
    person of the story has it as a surname (so "Smith" after "John Smith" stays a person, wherever
    he is). A name of two words or more may be a person's the story gives nowhere else, and stays
    as NER tags it.
    """
    placed: dict[str, set[str]] = defaultdict(set)  # story -> keys tagged or written as places
    for story, keys in written_as_places.items():
        placed[story] |= keys
    surnames: dict[str, set[str]] = defaultdict(set)  # story -> last words of its people's full names
    for item in extracted:
        story = story_of.get(item.source.id, "")
        for mention in item.mentions:
            key = name_key(mention.text)
            if not key:
                continue
            if _CLASS.get(mention.label) == "PLACE":
                placed[story].add(key)
                words = key.split()
                if len(words) == 2 and words[0] in lexicon.place_name_prefixes:
                    placed[story].add(words[1])  # "Typhoon Jelawat" places "Jelawat", "Mount Kelarong" "Kelarong"
            if mention.label == "PERSON" and len(key.split()) >= 2:
                surnames[story].add(key.split()[-1])
    for item in extracted:
        story = story_of.get(item.source.id, "")
        for mention in item.mentions:
            counts = labels[mention.text]
            key = name_key(mention.text)
            if counts and counts.most_common(1)[0][0] == "PERSON" and " " not in key and key in placed[story] \
                    and key not in surnames[story]:
                counts["PLACE"] = sum(counts.values()) + 1


# "Malcom", "McKay", "O'Neil", "Rose-Robinson", "Micheál" (never cut at a letter with an accent)
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:['’-][{_UPPER}]?[{_LOWER}]+)?(?![^\W\d_])"
_INITIAL = r"[A-Z]\."  # "Luis E. Nava Trujillo"
_NICKNAME = r"[\"“'‘][A-Z][^\"“”'‘’\n]{0,28}[\"”'’]"  # "Chauncey 'Trey' Broadway"
_SUFFIX = r",?\s(?:Jr\b\.?|Sr\b\.?|II\b|III\b|IV\b)"  # "Broadway, Jr.", "Conley III"
_CAPITALISED_RUN = re.compile(rf"(?<![\w.'’-])(?:{_NAME_WORD}|{_INITIAL})"
                              rf"(?:\s(?:{_NICKNAME}\s)?(?:{_NAME_WORD}|{_INITIAL})){{0,5}}(?:{_SUFFIX})?")
_RUN_PART = re.compile(rf"{_SUFFIX}|{_NICKNAME}|{_INITIAL}|{_NAME_WORD}")


def _add_untagged_people(extracted: list[SourceClaims], labels: dict[str, Counter[str]], by_source: dict[str, list[str]],
                         story_of: dict[str, str], lexicon: Lexicon
                         ) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], str]]:
    """Spellings of a story's people that NER did not tag: "Malcom Hunt" where another outlet has
    "Malcolm Hunt", "Bennet told" beside "John Bennett".

    The small model misses names, misspelt ones most of all, and a spelling never read is never
    merged. A run of capitalised words is taken for a person when part of it names, by
    `same_person`, a person the story already knows by a full name with the same initials, and
    NER tags it no more often as a place than as a person ("Târgu Neamț"): the longest such
    part, so that titles and places written before a name ("Riverside Mayor Joe Marsh") stay out
    of the spelling recorded, while what a name carries (a middle initial, a nickname in quotes,
    ", Jr.") stays in. A single word counts only when the run is that word, after any title, and it
    is such a person's surname or a slip of the pen for it (`_slip_of`: a looser single word could
    be any word that starts a sentence).

    Returns the names read, by source, and the names NER cut short ("Luis E. Nava" where the
    source always writes "Luis E. Nava Trujillo"), by source, with the full name each is cut from:
    the cut one is that person, and left apart it would keep the full name from every spelling
    without its middle words.
    """
    full_names: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (story, initials) -> name keys
    surnames: dict[tuple[str, str], set[str]] = defaultdict(set)  # (story, initial) -> surnames
    given_names: set[tuple[str, str]] = set()  # (story, given name)
    tagged: Counter[tuple[str, str, str]] = Counter()  # (story, name key, class) -> mentions NER tagged so
    for item in extracted:
        for mention in item.mentions:
            tagged[(story_of.get(item.source.id, ""), name_key(mention.text), _CLASS.get(mention.label, "ORG"))] += 1
    placed = {(story, key) for story, key, label in tagged  # "Târgu Neamț", "Neamț": a town NER also took for a person
              if label == "PLACE" and tagged[(story, key, "PLACE")] >= tagged[(story, key, "PERSON")]}
    for source, names in by_source.items():
        story = story_of.get(source, "")
        for surface in names:
            counts = labels[surface]
            words = _person_words(person_key(surface), lexicon)
            if counts and counts.most_common(1)[0][0] == "PERSON" and len(words) >= 2:
                full_names[(story, words[0][0], words[-1][0])].add(" ".join(words))
                surnames[(story, words[-1][0])].add(words[-1])
                given_names.add((story, words[0]))
    if not full_names:
        return {}, {}
    places = _known_places(lexicon)
    answers: dict[tuple[str, str, bool], bool] = {}  # most capitalised runs ("The", "Police said") recur

    def names_someone(surface: str, story: str, single: bool) -> bool:
        if (surface, story, single) not in answers:
            answers[(surface, story, single)] = names_a_known_person(surface, story, single)
        return answers[(surface, story, single)]

    def names_a_known_person(surface: str, story: str, single: bool) -> bool:
        words = _person_words(person_key(surface), lexicon)
        key = " ".join(words)
        if not words or key in places or (story, key) in placed or (len(words) == 1) != single:
            return False
        if single:
            # a word the story gives first in a name only where it writes the family name first
            # ("Morioka Takeshi" beside "Takeshi Morioka") is still that person's surname
            known_surnames = surnames.get((story, words[0][0]), ())
            return len(words[0]) >= _MIN_VARIANT_LENGTH \
                and ((story, words[0]) not in given_names or words[0] in known_surnames) \
                and any(_slip_of(words[0], surname) for surname in known_surnames)
        return any(same_person(" ".join(words), key, lexicon)
                   for key in full_names.get((story, words[0][0], words[-1][0]), ()))

    read: dict[str, list[str]] = defaultdict(list)
    cut_from: dict[tuple[str, str], str] = {}
    for item in extracted:
        story = story_of.get(item.source.id, "")
        names = by_source[item.source.id]
        seen = set(names)
        for run in _CAPITALISED_RUN.finditer(item.source.text):
            surface = _person_in_run(run, story, names_someone, lexicon)
            if surface is None or surface in seen:
                continue
            seen.add(surface)
            names.append(surface)
            read[item.source.id].append(surface)
            labels[surface]["PERSON"] += 1
            for cut in {name for name in names if name != surface and name in surface}:
                if _always_within(cut, surface, item.source.text):
                    cut_from[(item.source.id, cut)] = surface
    return {source: tuple(names) for source, names in read.items()}, cut_from


def _slip_of(word: str, surname: str) -> bool:
    """Whether a word is a surname written with a slip of the pen: a letter doubled or not
    ("Bennet"), or, when either word has seven letters or more, one letter added, left out,
    changed or swapped with the next ("Brinkely", "Thibodeax"). Shorter words one letter apart
    are as often other names ("Marvin", "Martin"), and the surname with an "s" is the family
    ("the Wilksons"), not one of them."""
    if word == f"{surname}s":
        return False
    return _undoubled(word) == _undoubled(surname) \
        or (max(len(word), len(surname)) >= _MIN_SLIP_LENGTH and OSA.distance(word, surname) <= 1)


def _person_in_run(run: re.Match[str], story: str, names_someone: Callable[[str, str, bool], bool],
                   lexicon: Lexicon) -> str | None:
    """The longest end of a run of capitalised words that names a known person of the story.

    The part starts at a name word or an initial after the last title ("Homicide Division Sergeant
    D. Marsh" holds no more of a name than "D. Marsh") and ends where the run does, at a
    name word or a suffix: a run that goes on after a name is a headline or a list ("Louisiana
    Police Commend Baton Rouge Officers"), not a name. A single word is tried only when the run
    holds no other name word after its titles.
    """
    text = run.group(0)
    parts = [(part.start(), _run_part_kind(part.group(0), lexicon)) for part in _RUN_PART.finditer(text)]
    if not parts or parts[-1][1] not in ("word", "suffix"):
        return None
    after_titles = max((index for index, (_, kind) in enumerate(parts) if kind == "title"), default=-1)
    starts = [start for start, kind in parts[after_titles + 1:] if kind in ("word", "initial")]
    for start in starts:
        surface = without_possessive(text[start:])
        if names_someone(surface, story, len(starts) == 1):
            return surface
    return None


def _always_within(part: str, whole: str, text: str) -> bool:
    """Whether `part` is words of `whole` and every occurrence of it in `text` lies inside one of `whole`."""
    bounded = re.compile(rf"(?<!\w){re.escape(part)}(?!\w)")
    within = bounded.search(whole)
    if within is None:
        return False
    starts = {match.start() + within.start() for match in re.finditer(re.escape(whole), text)}
    return all(match.start() in starts for match in bounded.finditer(text))


def _run_part_kind(part: str, lexicon: Lexicon) -> str:
    """What a part of a run of capitalised words is: a name word, a title, an initial, a nickname
    in quotes or a generational suffix."""
    if part[:1] in "\"“'‘":
        return "nickname"
    bare = part.lstrip(", ").rstrip(".").lower()
    if bare in lexicon.name_suffixes:
        return "suffix"
    if bare in lexicon.honorifics:
        return "title"
    return "initial" if len(bare) == 1 else "word"


def _same_places_and_bodies(surfaces: dict[tuple[str, str], Counter[str]], stories_of: dict[tuple[str, str], set[str]],
                            lexicon: Lexicon) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of place or organisation names that one source writes in full and another short.

    A generic last word given or left out ("Marion County"/"Marion", "Yonhap News Agency"/"Yonhap",
    "Boeing Co."/"Boeing"), a first word written short ("St. Louis"/"Saint Louis") or words run
    together ("MV Nodi Rani 3"/"MV Nodirani-3") leave one name, whatever label NER gave either. An
    acronym ("FEMA", "N.I.S.") is the one long name of its story whose initials it spells: an
    acronym stands for different bodies in different stories, and for none when two of a story's
    names spell it.
    """
    named = [node for node in surfaces if node[0] != "PERSON"]
    by_core: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_initials: dict[tuple[str, str], set[str]] = defaultdict(set)  # (story, initials) -> cores
    core_of: dict[tuple[str, str], str] = {}
    for node in named:
        words = _expanded_words(node[1], lexicon)
        core_of[node] = core = " ".join(_core_words(words, lexicon))
        by_core[_core_key(core.split())].append(node)
        initials = "".join(word[0] for word in words if word not in lexicon.acronym_skips)
        if len(initials) >= 2:
            for story in stories_of[node]:
                by_initials[(story, initials)].add(core)
    pairs = [(nodes[0], other) for nodes in by_core.values() for other in nodes[1:]]
    pairs += _leading_names(core_of, stories_of, lexicon)
    pairs += _bodies_by_kind(core_of, stories_of, lexicon)
    pairs += _without_jurisdiction(named, by_core, stories_of, lexicon)
    for node in named:
        if not _ACRONYM.fullmatch(node[1]) or not any(_ACRONYM_SPELLING.fullmatch(s) for s in surfaces[node]):
            continue
        for story in stories_of[node]:
            cores = by_initials.get((story, node[1]), set()) - {core_of[node]}
            if len(cores) == 1:
                pairs.append((node, by_core[_core_key(cores.pop().split())][0]))
    return pairs


_OF_PLACE = re.compile(r"^(.+) of (?:the )?(.+)$")  # the last "of": "ministry of health | kyrgyz republic"


# a field's adjective ("geological", "meteorological", "economic"), which a body's name translated
# gives as often as its noun ("Geology Agency"): both are read as the noun
_FIELD_ADJECTIVE = re.compile(r"^(\w{4,}?)(?:ical|ic)$")


def _core_key(words: list[str]) -> str:
    """What names of one place or body share: their core words run together ("MV Nodi Rani 3" is
    "MV Nodirani-3"), each field's adjective read as its noun ("Geological Agency" is the "Geology
    Agency")."""
    return "".join(_FIELD_ADJECTIVE.sub(r"\1y", word) for word in words)


def _without_jurisdiction(named: list[tuple[str, str]], by_core: dict[str, list[tuple[str, str]]],
                          stories_of: dict[tuple[str, str], set[str]],
                          lexicon: Lexicon) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of a body named with its country and the same body named without ("Ministry of Health
    of the Kyrgyz Republic" and "the Ministry of Health", "Ministry of Defence of Ukraine" and "the
    Defence Ministry"): only when the story gives that body one country, since "the Ministry of Defence"
    of a story of two countries' ministries could be either."""
    places = _known_places(lexicon) | {key for label, key in named if label in {"GPE", "LOC"}}
    of_place: dict[tuple[str, str], set[str]] = defaultdict(set)  # (story, core) -> countries
    found: list[tuple[tuple[str, str], str, str]] = []
    for node in named:
        match = _OF_PLACE.match(node[1])
        if node[0] != "ORG" or match is None:
            continue
        body, place = match.groups()
        if place not in places and place.split()[0] not in lexicon.demonyms:
            continue
        core = _core_key(_core_words(_expanded_words(body, lexicon), lexicon))
        if core in by_core:
            found.append((node, core, place))
            for story in stories_of[node]:
                of_place[(story, core)].add(place)
    return [(node, by_core[core][0]) for node, core, place in found
            if all(of_place[(story, core)] == {place} for story in stories_of[node])]


def _leading_names(core_of: dict[tuple[str, str], str], stories_of: dict[tuple[str, str], set[str]],
                   lexicon: Lexicon) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of a company's short name and the names of its story that write it in full
    ("Carraway" and "Carraway Industries", "Crestline Capital" and "Crestline Capital Partners"):
    its first words, and then words that end in a company word. Only when those longer names are
    one name written more or less fully, and never a known place ("Chicago")."""
    places = _known_places(lexicon)
    by_first_word: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)  # (story, first word) -> names
    for node, core in core_of.items():
        if node[0] == "ORG" and core:
            for story in stories_of[node]:
                by_first_word[(story, core.split()[0])].append(node)
    pairs = []
    for (story, _), names in by_first_word.items():
        for short in names:
            core = core_of[short]
            if len(core) < 4 or core in places:
                continue
            longer_nodes = [node for node in names if core_of[node].startswith(core + " ")]
            longer = sorted({core_of[node] for node in longer_nodes}, key=len)
            if longer and all(name.split()[-1] in lexicon.company_words for name in longer) \
                    and all(longer[-1].startswith(name + " ") for name in longer[:-1]):
                pairs += [(short, node) for node in longer_nodes]
    return pairs


def _bodies_by_kind(core_of: dict[tuple[str, str], str], stories_of: dict[tuple[str, str], set[str]],
                    lexicon: Lexicon) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of a body called by its kind alone ("the Assembly", "the Commission") and the one name
    of its story that ends in that kind ("National Assembly", "European Commission"); a story with
    two such names leaves it alone."""
    by_last_word: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (story, kind) -> names
    for node, core in core_of.items():
        words = core.split()
        if node[0] == "ORG" and len(words) >= 2 and words[-1] in lexicon.body_heads:
            for story in stories_of[node]:
                by_last_word[(story, words[-1])].add(node)
    pairs = []
    for node, core in core_of.items():
        if core not in lexicon.body_heads:
            continue
        for story in stories_of[node]:
            longer = by_last_word.get((story, core), set())
            if len(longer) == 1:
                pairs.append((node, next(iter(longer))))
    return pairs


def _expanded_words(key: str, lexicon: Lexicon) -> list[str]:
    words = key.split()
    return [lexicon.first_word_forms.get(words[0], words[0]), *words[1:]] if len(words) > 1 else words


def _core_words(words: list[str], lexicon: Lexicon) -> list[str]:
    """The words that tell a place or body from others: without its generic last words or first
    word ("Mount Kelarong", "Sikka District", "Grupo Ferrovalle") or an "International" before a
    site's kind, a site's kind written first in another language as the English one after
    ("Klinikum Kaltenbrunn") or in other words after ("Stanford Medical Center" is Stanford
    Hospital), and a body named "X of Y" written as "Y X" ("Ministry of Health" is the Health
    Ministry, "Department of Justice" the Justice Department)."""
    words = _without_generic_suffix(words, lexicon)
    if len(words) > 1 and (words[0] in lexicon.place_name_prefixes or words[0] in lexicon.body_name_prefixes):
        words = words[1:]
    if len(words) > 1 and words[0] in lexicon.facility_first_heads:
        words = [*words[1:], lexicon.facility_first_heads[words[0]]]  # "Klinikum Kaltenbrunn" is Kaltenbrunn Hospital
    if len(words) > 2 and words[-2] == "international" and words[-1] in lexicon.facility_heads:
        words = [*words[:-2], words[-1]]  # "Marechal Rondon International Airport" is Marechal Rondon airport
    if len(words) > 2 and (kind := lexicon.place_names.get(" ".join(words[-2:]))) is not None:
        words = [*words[:-2], kind]  # "Stanford Medical Center" is Stanford Hospital
    if len(words) in (3, 4) and words[1] == "of" and "of" not in words[2:]:
        words = [*words[2:], words[0]]
    return words


def _without_generic_suffix(words: list[str], lexicon: Lexicon) -> list[str]:
    """A name without its generic last words, each in turn ("co ltd"), never down to nothing."""
    for suffix in lexicon.generic_name_suffixes:
        if len(words) > len(suffix) and tuple(words[-len(suffix):]) == suffix:
            return _without_generic_suffix(words[:-len(suffix)], lexicon)
    return words


def _same_people(members: dict[tuple[str, str], list[tuple[str, str]]], stories_of: dict[tuple[str, str], set[str]],
                 part_forms: dict[tuple[str, str], set[str]], lexicon: Lexicon) -> list[tuple[tuple[str, str], ...]]:
    """Pairs of person clusters of one story whose names are all one person's (complete linkage).

    A name with a hyphenated surname is compared in each of its forms too (`part_forms`), so
    "Reginald Rose-Robinson" and "Reginald Robinson-Foster" are one person.

    Candidates share a story, the initial of their given name (of its full form: Bill is a W)
    and the initial of a later word, as transliterations agree on them (Zhumabaev is a J), so a
    long run never compares every pair of names; a name of two or three words is a candidate
    with its family name first too ("Chen Weiming" and "Weiming Chen").
    """
    clusters = {root: [n for n in nodes if n[0] == "PERSON" and " " in n[1]] for root, nodes in members.items()
                if root[0] == "PERSON"}
    clusters = {root: nodes for root, nodes in clusters.items() if nodes}
    blocks: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for root, nodes in clusters.items():
        for node in nodes:
            words = _person_words(node[1], lexicon)
            if not words:
                continue
            given = _transliterated(min(lexicon.given_name_forms.get(words[0], {words[0]})))[0]  # Bill: "w"
            initials = [(given, _transliterated(word)[0]) for word in words[1:]]
            if len(words) <= 3:
                initials.append((_transliterated(words[-1])[0], given))
            for story in stories_of.get(node, {""}):
                for initial in initials:
                    blocks[(story, *initial)].add(root)
    candidates = sorted({(a, b) for roots in blocks.values() for a in roots for b in roots if a < b})
    group_of = {root: root for root in clusters}  # every cluster's current group, kept flat on each merge
    merged_nodes = {root: list(nodes) for root, nodes in clusters.items()}
    ambiguous = _ambiguous_without_suffix(clusters, lexicon)

    def one_person(x: tuple[str, str], y: tuple[str, str]) -> bool:
        return any(same_person(form_x, form_y, lexicon)
                   for form_x in part_forms.get(x, {x[1]}) for form_y in part_forms.get(y, {y[1]}))

    pairs = []
    for a, b in candidates:
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        cross = [(x, y, one_person(x, y)) for x in merged_nodes[ga] for y in merged_nodes[gb]]
        if any(linked for _, _, linked in cross) and all(
                (linked or _initials_fit(x[1], y[1], lexicon) or _initials_fit(y[1], x[1], lexicon))
                and not _suffix_guessed(x[1], y[1], ambiguous, lexicon) for x, y, linked in cross):
            keep, drop = min(ga, gb), max(ga, gb)
            merged_nodes[keep].extend(merged_nodes.pop(drop))
            group_of.update({root: keep for root, group in group_of.items() if group == drop})
            pairs.append((a, b))
    return pairs


_HYPHENATED = re.compile(r"(?<=\s)([A-Z][a-z'’]+)[-‐–]([A-Z][a-z'’]+)")  # "Reginald Rose-Robinson"


def _surname_part_forms(surface: str) -> set[str]:
    """The keys of a personal name as written and with either part of a hyphenated surname left
    out ("Reginald Rose-Robinson": "reginald rose robinson", "reginald robinson", "reginald rose");
    empty for a name without one. A hyphen in a given name ("Jean-Pierre") makes no forms."""
    forms = {person_key(surface[:match.start()] + part + surface[match.end():])
             for match in _HYPHENATED.finditer(surface) for part in match.groups()}
    return forms | {person_key(surface)} if forms else set()


def _ambiguous_without_suffix(clusters: dict[tuple[str, str], list[tuple[str, str]]], lexicon: Lexicon) -> set[str]:
    """Names given with two generational suffixes ("Dwayne Jackson Sr." and "Dwayne Jackson Jr."):
    written without one, such a name could be either man."""
    suffixes: dict[str, set[str]] = defaultdict(set)
    for nodes in clusters.values():
        for _, key in nodes:
            for word in key.split():
                if word in lexicon.name_suffixes:
                    suffixes[" ".join(_person_words(key, lexicon))].add(word)
    return {name for name, seen in suffixes.items() if len(seen) >= 2}


def _suffix_guessed(a: str, b: str, ambiguous: set[str], lexicon: Lexicon) -> bool:
    """Whether joining `a` and `b` would give a suffix to a name that could be either of two men."""
    has_a = any(word in lexicon.name_suffixes for word in a.split())
    has_b = any(word in lexicon.name_suffixes for word in b.split())
    bare = b if has_a and not has_b else a if has_b and not has_a else None
    return bare is not None and " ".join(_person_words(bare, lexicon)) in ambiguous


def _person_words(key: str, lexicon: Lexicon) -> list[str]:
    """A personal name's words without titles or generational suffixes; a suffix's letters first are
    initials ("J.R. Gustafson", key "jr gustafson"), never a suffix."""
    words = [w for w in key.split() if w not in lexicon.honorifics]
    return [w for at, w in enumerate(words) if at == 0 or w not in lexicon.name_suffixes]


def person_key(surface: str) -> str:
    """A person's name key with any nickname in quotes left out ('Wilfred "Lil Wilfred" Celestine')."""
    return name_key(_QUOTED_NICKNAME.sub(" ", f" {surface} ").strip())


def same_person(a: str, b: str, lexicon: Lexicon) -> bool:
    """Two personal name keys that can name one person.

    The given names are forms of one name (equal, a known short form, a prefix of three letters
    or more, an initial, or a misspelling), the generational suffixes do not differ, and each
    other word of the shorter name matches a word of the longer one, in order.
    """
    if _initials_of(a, b, lexicon) or _initials_of(b, a, lexicon):
        return True
    suffix_a = {w for w in a.split() if w in lexicon.name_suffixes}
    suffix_b = {w for w in b.split() if w in lexicon.name_suffixes}
    if suffix_a and suffix_b and suffix_a != suffix_b:
        return False
    words_a, words_b = _person_words(a, lexicon), _person_words(b, lexicon)
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    if len(words_a) == len(words_b) <= 3 and sorted(words_a) == sorted(words_b):
        return True  # the family name first or last: "Chen Weiming" and "Weiming Chen"
    if not _same_given_name(words_a[0], words_b[0], lexicon):
        return False
    if "".join(words_a[1:]) == "".join(words_b[1:]):
        return True  # "Jalal Uddin" and "Jalaluddin"
    short, long = sorted((words_a[1:], words_b[1:]), key=len)
    if _vowels_apart(short[-1], long[-1]):  # "Ahmed al-Muqbili" and "Ahmad Saleh Al Maqbali"
        short, long = short[:-1], long[:-1]
    elif not _word_matches(short[-1], long[-1]) and not any(_word_matches(short[-1], w) for w in long):
        return False
    position = 0
    for word in short:
        while position < len(long) and not _word_matches(word, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def _initials_of(short: str, long: str, lexicon: Lexicon) -> bool:
    """ "J.R. Gustafson" (key "jr gustafson") is James Robert Gustafson, "A.J. Perez" Armando J. Perez:
    a given name written as the initials of the other's given and middle names, and one surname.
    Not a short name ("Ed", "Dan"), and only with every initial told: "AJ" could be Alan James as
    well as Armando J. ("Jr" first is initials, never the suffix it is after a name.)"""
    initials = _initials_told(short, long, lexicon)
    return initials is not None and initials[0] == initials[1]


def _initials_fit(short: str, long: str, lexicon: Lexicon) -> bool:
    """Initials that do not contradict a fuller name of one surname, although they tell more or less
    than it: "AJ Perez" and "Armando Perez" (the J is a middle name the other leaves out), once an
    "Armando J. Perez" joins them. Never evidence alone: only no evidence against."""
    initials = _initials_told(short, long, lexicon)
    return initials is not None and (initials[0].startswith(initials[1]) or initials[1].startswith(initials[0]))


def _initials_told(short: str, long: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """When `short` is initials and a surname that `long` ends in: (the initials written, the
    initials of `long`'s given and middle names)."""
    short_words = [w for w in short.split() if w not in lexicon.honorifics]
    long_words = _person_words(long, lexicon)
    if len(short_words) != 2 or not 2 <= len(short_words[0]) <= 3 or len(long_words) < 2 \
            or short_words[0] in lexicon.given_name_forms or not _word_matches(short_words[1], long_words[-1]):
        return None
    return short_words[0], "".join(word[0] for word in long_words[:-1])


def _same_given_name(x: str, y: str, lexicon: Lexicon) -> bool:
    if _word_matches(x, y):
        return True
    if x in lexicon.contrastive_words or y in lexicon.contrastive_words:
        return False
    short, long = sorted((x, y), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    if len(short) >= 5 and short.endswith("s") and long.startswith(short[:-1]) and long.endswith("s"):
        return True  # a short form with the long one's ending: "Nikos" of Nikolaos, "Dimitris" of Dimitrios
    return bool(lexicon.given_name_forms.get(x, frozenset()) & lexicon.given_name_forms.get(y, frozenset()))


def _word_matches(x: str, y: str) -> bool:
    """One word of a name written twice: equal, an initial of the other, a transliteration that
    writes "y" for "i" or "j" for "zh" ("Aybek"/"Aibek", "Jumabayev"/"Zhumabaev"), or a misspelling."""
    x, y = _transliterated(x), _transliterated(y)
    if x == y:
        return True
    if x[0] != y[0]:
        return False
    if len(x) == 1 or len(y) == 1 or _undoubled(x) == _undoubled(y):  # an initial; "Ana"/"Anna", "Russel"/"Russell"
        return True
    return min(len(x), len(y)) >= _MIN_MISSPELLING_LENGTH \
        and Indel.normalized_similarity(x, y) >= _MIN_VARIANT_SIMILARITY


def _vowels_apart(x: str, y: str) -> bool:
    """Two transliterations of one surname that differ in their vowels only ("Muqbili"/"Maqbali",
    "Hussaini"/"Husseini"): long words with the same consonants in order and the same first and
    last letters. Only a surname, after a given name of one person: "Brian" and "Bruno" share
    their consonants too."""
    return x != y and min(len(x), len(y)) >= 6 and x[0] == y[0] and x[-1] == y[-1] and skeleton(x) == skeleton(y)


@lru_cache(maxsize=65536)
def _transliterated(word: str) -> str:
    """A name word as transliterations of one name agree on it: "y" as "i", "zh" as "j", "oo" as
    "u" ("Dong-soo"/"Dong-su", "Yoon"/"Yun", "Pooja"/"Puja"), a first "ye" as "e" (the Cyrillic
    "Е" that opens "Yerlan"/"Erlan" and "Yevgeny"/"Evgeny"), and the Ukrainian "h" the Russian
    form writes "g" before a consonant ("Hrytsenko"/"Gritsenko", "Hlib"/"Gleb"; no English name
    starts "Hr" or "Hl")."""
    word = word.replace("zh", "j").replace("y", "i").replace("oo", "u")
    if word.startswith("ie"):
        word = word[1:]
    return "g" + word[1:] if _UKRAINIAN_H.match(word) else word


@lru_cache(maxsize=65536)
def _undoubled(word: str) -> str:
    """A word with each run of one letter written once: a doubled letter dropped or added is the
    commonest misspelling of a name, and short names ("Ana") are too short for a similarity."""
    return re.sub(r"(.)\1+", r"\1", word)


def _double_surnames_alone(node_of: dict[tuple[str, str], tuple[str, str]], lexicon: Lexicon) -> set[tuple[str, str]]:
    """The people's names that every source writes as one hyphenated word after any title: a double
    surname alone ("Mr Danjuma-Kolo", "Abdel-Ghaffar"), whose key has two words as a full name's has.
    It is the surname of the full name ending in its words, never a given name and a surname."""
    written_apart: set[tuple[str, str]] = set()
    hyphenated: set[tuple[str, str]] = set()
    for (_, surface), node in node_of.items():
        if node[0] != "PERSON" or " " not in node[1]:
            continue
        words = [w for w in surface.split() if name_key(w) not in lexicon.honorifics]
        (hyphenated if len(words) == 1 and "-" in words[0] else written_apart).add(node)
    return hyphenated - written_apart


@lru_cache(maxsize=4)
def _known_places(lexicon: Lexicon) -> frozenset[str]:
    return _canonical_places(lexicon) | frozenset(name_key(p) for p in lexicon.place_alias)


def _redirect_names_gone_by(node_of: dict[tuple[str, str], tuple[str, str]], story_of: dict[str, str],
                            lexicon: Lexicon) -> None:
    """A two-word name whose given name is another name a person of the story goes by refers to that person.

    Outlets name some people by their middle name ("Kay Wilkson" for Valerie Kay Wilkson, "Rusty
    Houser" for John Russell Houser) or by the nickname another outlet gives in quotes ("Candy
    Moreau" for Candace "Candy" Moreau). Neither given name is a form of the other, so only the
    full name can join them. The link is made when exactly one person of the story goes by that
    name with that surname, and nobody of the story has it as a given name before more words
    ("Kay Marie Wilkson" would be the Kay Wilkson).
    """
    gone_by: dict[tuple[str, str, str], set[tuple[str, str, tuple[str, str]]]] = defaultdict(set)
    fuller: dict[tuple[str, str, str], set[tuple[str, ...]]] = defaultdict(set)  # names of three words or more
    for (source, surface), node in node_of.items():
        if node[0] != "PERSON":
            continue
        double_surname = _HYPHENATED.search(surface)  # "Reginald Rose-Robinson" has no middle name
        words = _person_words(person_key(_HYPHENATED.sub(r"\2", surface)) if double_surname else node[1], lexicon)
        if len(words) < 2:
            continue
        story = story_of.get(source, "")
        other_names = [*words[1:-1], *(name_key(nickname) for nickname in _QUOTED_NICKNAME.findall(f" {surface} "))]
        for name in other_names:
            for initial in _given_name_initials(name, lexicon) if len(name) > 1 else ():
                gone_by[(story, initial, words[-1][0])].add((name, words[-1], node))
        if len(words) >= 3:
            for initial in _given_name_initials(words[0], lexicon):
                fuller[(story, initial, words[-1][0])].add(tuple(words))
    for (source, surface), node in list(node_of.items()):
        words = _person_words(node[1], lexicon)
        if node[0] != "PERSON" or len(words) != 2 or len(words[0]) < 2 or _HYPHENATED.search(f" {surface}"):
            continue  # a double surname alone ("Rose-Robinson") has no given name
        given, surname = words
        blocks = [(story_of.get(source, ""), initial, surname[0]) for initial in _given_name_initials(given, lexicon)]
        if any(_same_given_name(given, other[0], lexicon) and _word_matches(surname, other[-1])
               for block in blocks for other in fuller.get(block, ())):
            continue
        owners = {owner for block in blocks for name, owner_surname, owner in gone_by.get(block, ())
                  if _same_given_name(given, name, lexicon) and _word_matches(surname, owner_surname)}
        if owners and all(same_person(x[1], y[1], lexicon) for x in owners for y in owners):
            node_of[(source, surface)] = min(owners)


def _given_name_initials(name: str, lexicon: Lexicon) -> set[str]:
    """The initials of a given name and of its known forms: two given names that `_same_given_name`
    joins share one ("bill" and "william" share "w")."""
    return {name[0], *(form[0] for form in lexicon.given_name_forms.get(name, ()))}


def _redirect_short_names(by_source: dict[str, list[str]], node_of: dict[tuple[str, str], tuple[str, str]],
                          places: frozenset[str], story_of: dict[str, str], lexicon: Lexicon,
                          written_as_places: dict[str, set[str]]) -> None:
    """A one-word name refers to the single full personal name of its source it is part of.

    The link is made per source, so "Kim" can be one person here and another there. NER often
    labels a surname alone as a place or an organisation ("Yoon", "Duda"), so the label need
    not match; but a known place name never becomes a person, nor a name tagged a place that its
    story writes where places go ("in Bandung": NER took "West Bandung" and "Klinikum Kaltenbrunn"
    for people, and the city is neither). A source that never gives the full
    name borrows it from the other sources when exactly one person of the run has that surname,
    or, failing that, when exactly one person of its story has a surname it misspells ("Swansey"),
    or, failing that too, when exactly one person of its story has it first ("Fang" is Fang Jianguo,
    named as Chinese names are, the family name first). Where no full name of the source ends in
    it, a name of three words or more that has it before its last is its owner: a Spanish name
    gives the father's surname before the mother's, and the first alone ("Lira" of "Octavio Lira
    Montaño").
    """
    double_surnames = _double_surnames_alone(node_of, lexicon)
    everyone = {node for node in node_of.values()
                if node[0] == "PERSON" and " " in node[1] and node not in double_surnames}
    # each name's words without titles or generational suffixes, and its given name and surname
    # ("chauncey broadway jr": chauncey, broadway)
    words_of = {node: _person_words(node[1], lexicon) or node[1].split() for node in everyone}
    ends = {node: (words[0], words[-1]) for node, words in words_of.items()}
    with_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node, (_, surname) in ends.items():
        with_surname[surname].append(node)
    in_story: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (source, _), node in node_of.items():
        if node in everyone:
            in_story[story_of.get(source, "")].add(node)
    for source, names in by_source.items():
        full = {node_of[(source, n)] for n in names if node_of.get((source, n)) in everyone}
        for name in set(names):
            node = node_of.get((source, name))
            if node in double_surnames:  # "Danjuma-Kolo" of "Ibrahim Danjuma-Kolo", in this source or another
                surname = _person_words(node[1], lexicon)
                owners = [f for f in full if words_of[f][-len(surname):] == surname] \
                    or [f for f in in_story[story_of.get(source, "")] if words_of[f][-len(surname):] == surname]
                if owners and all(same_person(x[1], y[1], lexicon) for x in owners for y in owners):
                    node_of[(source, name)] = min(owners)
                continue
            if node is None or " " in node[1] or node[1] in places \
                    or (node[0] == "PLACE" and node[1] in written_as_places[story_of.get(source, "")]):
                continue
            owners = [f for f in full if node[1] in ends[f]]
            if not owners:  # "Lira" of "Octavio Lira Montaño": the father's surname, before the mother's
                owners = [f for f in full if len(words_of[f]) >= 3 and words_of[f][-2] == node[1]]
            if not owners and node[0] == "PERSON":  # "Erdogan" in a source that never gave the full name
                owners = with_surname.get(node[1], [])
                if not owners and len(node[1]) >= _MIN_VARIANT_LENGTH:
                    owners = [f for f in in_story[story_of.get(source, "")] if _word_matches(node[1], ends[f][1])]
                if not owners:  # "Fang" where another source names Fang Jianguo, family name first
                    first = [f for f in in_story[story_of.get(source, "")] if ends[f][0] == node[1]]
                    owners = first if len(first) == 1 else []
            if owners and all(same_person(x[1], y[1], lexicon) for x in owners for y in owners):
                node_of[(source, name)] = min(owners)
