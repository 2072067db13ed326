"""What makes two articles tell one story: the rare names, facts and words they share, close in time.

Local news is the hard case: every article of a city names the same city, police department
and hospitals, and many pages carry the same site boilerplate ("sign in", "get email alerts").
What tells a story apart is what few other articles say: the victim's and the suspect's names,
the street or the bar, the ages and tolls, the incident's date. So an article's story terms are
its names (and their words, so "Bunny Friend Park" meets "Bunny Friend Playground" and a
title-only page's "Cascade Mall" meets another report's name), the words of its title and of
the sentences that carry its facts (not its menus and sign-up forms, nor what its speakers say,
which is said of many stories), and its facts (ages, tolls, dates), weighted by how rare they are
among the articles compared.

Shared by `--stories auto` (`stories.py`) and the store's retrieval (`store.py`); it reads
extracted claims and mentions only, so neither needs the language model.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from urllib.parse import urlsplit

from checker.model import Claim, Source, SourceClaims
from checker.normalize import name_key

NAME_LABELS = frozenset({"PERSON", "GPE", "ORG", "FAC", "LOC"})
_WEIGHTS = {"name": 2.0, "place": 1.0, "name-word": 1.0, "word": 1.0, "title": 2.0, "fact": 1.0}
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
# Words of the names of what serves all of a city's stories: its hospitals, its papers and stations,
# its jail, prison and courts, Crime Stoppers, a footer's copyright and a rank the model read into a
# name ("IMPD Sgt").
_SERVES_A_CITY = frozenset("""hospital hospitals trauma news times press tribune journal radio tv television
broadcasting corp inc prison jail court stoppers copyright sgt""".split())
# A rank or office just before a person's name ("Officer Dan Donakowski", "Sgt. Lisa Ruiz,"), and
# a verb of saying just after it.
_RANKED = re.compile(r"\b(?:officer|sgt|sergeant|lt|lieutenant|capt|captain|cpl|corporal|det|detective|deputy|col|colonel|"
                     r"trooper|chief|sheriff|spokesman|spokeswoman|spokesperson|cmdr|commander|inspector|"
                     r"investigator|prosecutor|attorney|judge|coroner|examiner|mayor|superintendent|commissioner|"
                     r"agent)\.?,?\s+$", re.IGNORECASE)
_RANK_REACH = 30  # characters before a name searched for its rank
_SPEAKS = re.compile(r"\W{0,3}\s*(?:said|says|told|added|explained|stated)\b", re.IGNORECASE)
# ...or before its rank ("said Detroit Police Officer Nicole Kirkwood"), a few words away at most.
_SPOKE = re.compile(r"\b(?:said|says|told|according\s+to)\s+(?:[\w.'-]+\s+){0,4}$", re.IGNORECASE)
_SPOKE_REACH = 60  # characters before a name searched for a verb of saying
# Who reports rather than who is reported on: "Contact Raven Jackson at", "(Photo: Daniel Bethencourt",
# "DNAinfo/Alex Nitkin", "(Eric Clark / Chicago Tribune)", "— Cierra Putman WFTV (@CPutman_WFTV)",
# "Melinda Meza contributed to this story".
_CREDIT_BEFORE = re.compile(r"(?:\b(?:contact|photo|photos|reporter|photographer|correspondent|(?:photo|written|"
                            r"reported|video)\s+by)\b\W{0,2}|[\w)]/)\s*$", re.IGNORECASE)
_CREDIT_AFTER = re.compile(r"\s*(?:/|(?:[A-Z0-9-]+\s+)?\(@|contributed\b)")
_CREDIT_REACH = 20  # characters before a name searched for a credit
_COMPOUND = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z']+)+")  # a hyphenated word: "Lacey-area", "drive-by"
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TITLE_PARTS = re.compile(r"\s+[-|\u2013\u2014]+\s+")  # "Man shot - WTVM.com-Columbus, GA News | Sports"
_ARCHIVED = re.compile(r".+?/(https?://.+)")  # "http://web.archive.org/web/2016…/http://www.wral.com/…"
_TITLE_PART_KEY = 3  # words that name a site in a title part (titles are cut short at any length)
_SLUG_WORDS = 3  # a part of an address of this many hyphenated words or more is a headline ("teen-charged-…")
_EXTENSION = re.compile(r"\.[a-z]+$")  # "…-sw-side-home.html"
_ADDRESS_DAY = re.compile(r"/((?:19|20)\d\d)[/-]?(\d\d)[/-]?(\d\d)(?=[/-])")  # "/2016/12/23/", "/news/20160612/"
_CAPTURED = re.compile(r".*?/web/(\d{4})(\d\d)(\d\d)\d*[a-z_]*/https?://")  # an archive's day of copying
_ADDRESS_SLACK = 2  # days a page's address and its published field may differ by (time zones, late edits)
_STOPWORDS = frozenset("""the and that this with from have been were said they their there which would about
after could when what where will also more than into other some such only over most very just year years
people police told according was for are but not his her has had who him she its our you your can all one
two three four five six seven eight nine ten out off any may new news""".split())


def line_key(line: str) -> str:
    """A line as compared across articles: its words, lower-cased, any year one "#" (a site's
    footer changes its copyright year, "TM and © Copyright 2013 CBS Radio Inc.", and is the
    same boilerplate)."""
    return " ".join("#" if _YEAR.fullmatch(word) else word for word in re.findall(r"\w+", line.lower()))


def repeated_lines(items: Iterable[SourceClaims], *, min_sources: int = 3, min_words: int = 6) -> frozenset[str]:
    """Lines that several articles carry word for word: a site's sign-in prompts and footers.

    A story's own sentences are rarely repeated verbatim by three outlets, and when they are
    (a wire copy), the articles still share every name and fact around them.
    """
    counts: Counter[str] = Counter()
    for item in items:
        counts.update({key for key in map(line_key, item.source.text.splitlines()) if len(key.split()) >= min_words})
    return frozenset(key for key, n in counts.items() if n >= min_sources)


def repeated_title_parts(items: Iterable[SourceClaims], *, min_sources: int = 3) -> frozenset[str]:
    """Title parts after a dash or bar that several articles' titles carry: a site's name.

    "2 teens shot in Richmond - NBC12 - WWBT - Richmond, VA News On Your Side" and every other
    title of that site would otherwise share heavy title words, and link unrelated local stories.
    A part is known by its first words, as sites' titles are cut short at any length.
    """
    counts: Counter[str] = Counter()
    for item in items:
        counts.update({_title_part_key(part) for part in _TITLE_PARTS.split(item.source.title)[1:]})
    counts.pop("", None)
    return frozenset(key for key, n in counts.items() if n >= min_sources)


def story_title(title: str, site_parts: frozenset[str]) -> str:
    """A title without its site's name: cut at the first part after a dash that is a site's."""
    separators = list(_TITLE_PARTS.finditer(title))
    for n, separator in enumerate(separators):
        end = separators[n + 1].start() if n + 1 < len(separators) else len(title)
        if _title_part_key(title[separator.end():end]) in site_parts:
            return title[:separator.start()]
    return title


def site_of(url: str | None) -> str | None:
    """The site an article's address belongs to ("wral.com", "cbslocal.com" for every city's
    station), through an archive's copy; None without an address.

    A site is its host's last two labels, or three when the second-to-last is a short one like
    "co" or "com" ("bbc.co.uk", "abc.net.au").
    """
    archived = _ARCHIVED.fullmatch(url or "")
    address = archived.group(1) if archived else url or ""
    host = urlsplit(address if "//" in address else "//" + address).hostname
    if not host:
        return None
    labels = host.split(".")
    keep = 3 if len(labels) > 2 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def address_words(url: str | None) -> frozenset[str]:
    """The words of the headline an article's address carries, through an archive's copy.

    Sites write the first headline into the address and keep it when the title changes:
    "…/officials-longview-gang-members-interest-smith-cou/" under "Longview gang members of
    interest", "…/police-investigating-shots-fired-in-littlestown/" under "Coroner confirms
    murder-suicide". A part of three hyphenated words or more is such a headline; numbers and
    ids are not words.
    """
    archived = _ARCHIVED.fullmatch(url or "")
    address = archived.group(1) if archived else url or ""
    path = urlsplit(address if "//" in address else "//" + address).path
    words: set[str] = set()
    for part in path.lower().split("/"):
        pieces = re.split(r"[-_]+", _EXTENSION.sub("", part))
        if len(pieces) >= _SLUG_WORDS:
            words.update(w for w in pieces if _WORD.fullmatch(w) and w not in _STOPWORDS)
    return frozenset(words)


def story_terms(item: SourceClaims, *, skip_lines: frozenset[str] = frozenset(),
                site_parts: frozenset[str] = frozenset()) -> dict[str, float]:
    """An article's story terms with sublinear weights (1 + log of the weighted count).

    `skip_lines` are boilerplate lines (`repeated_lines`), `site_parts` the site names titles
    end with (`repeated_title_parts`): neither says anything of the story.
    """
    kept = _kept_spans(item.source.text, skip_lines)

    def read(offset: int) -> bool:
        return any(start <= offset < end for start, end in kept)

    counts: Counter[str] = Counter()
    for mention in item.mentions:
        if mention.label in NAME_LABELS and read(mention.start):
            key = name_key(mention.text)
            counts["n:" + key] += _WEIGHTS["place" if mention.label == "GPE" else "name"]
            words = key.split()
            # a name's words are words like a title's or a sentence's: a page that is only a
            # title ("Five dead in Cascade Mall shooting") meets the other reports' names
            for word in words if len(words) > 1 else ():
                if len(word) > 2 and word not in _STOPWORDS:
                    counts["w:" + word] += _WEIGHTS["name-word"]
    for sentence in {c.sentence for c in item.claims if read(c.start) and c.kind != "quote"}:
        counts.update(_words(sentence, _WEIGHTS["word"]))
    counts.update(_words(story_title(item.source.title, site_parts), _WEIGHTS["title"]))
    for claim in item.claims:
        if read(claim.start):
            counts.update(dict.fromkeys(_facts(claim), _WEIGHTS["fact"]))
    return {term: 1 + math.log(n) for term, n in counts.items()}


def story_days(item: SourceClaims) -> frozenset[date]:
    """The days an article is about: its publication and every full date its claims give."""
    return claimed_days(item) | _days([item.source.published])


def publication_days(source: Source) -> frozenset[date]:
    """The day an article was published (none when unknown): its `published` field, unless the
    address gives another day and the field is more than `_ADDRESS_SLACK` days from it, or later
    than an archive copied the page: then the field is a crawl's day, and the address's is the
    article's ("…/news/20160612/father-daughter-9-found-dead…" given as published in 2017).
    """
    published = _days([source.published])
    archived = _ARCHIVED.fullmatch(source.url or "")
    address = _ADDRESS_DAY.search(archived.group(1) if archived else source.url or "")
    written, captured = _day(address), _day(_CAPTURED.match(source.url or ""))
    if published and written and (day_gap(published, frozenset({written})) > _ADDRESS_SLACK
                                  or (captured and min(published) > captured)):
        return frozenset({written})
    return published


def _day(found: re.Match[str] | None) -> date | None:
    """The day a match's three groups (year, month, day) give, if it is one."""
    try:
        return date(*map(int, found.groups())) if found else None
    except ValueError:
        return None


def claimed_days(item: SourceClaims) -> frozenset[date]:
    """The full dates an article's claims give: the incident's day, a court date, an earlier
    incident recalled (not the day it was published)."""
    return _days([*(c.value for c in item.claims if c.kind == "date"), *(c.event_date for c in item.claims)])


def _days(values: Iterable[object]) -> frozenset[date]:
    return frozenset(date.fromisoformat(v) for v in values if isinstance(v, str) and _ISO_DAY.fullmatch(v))


def days_of_terms(terms: Iterable[str], published: str | None) -> frozenset[date]:
    """The days a stored article is about, read back from its date terms."""
    values = [published, *(t[2:] for t in terms if t.startswith("d:"))]
    return frozenset(date.fromisoformat(v) for v in values if v and _ISO_DAY.fullmatch(v))


def day_gap(a: frozenset[date], b: frozenset[date]) -> int | None:
    """The fewest days between any day of one article and any of the other (None: no days)."""
    return min((abs((x - y).days) for x in a for y in b), default=None)


def all_names(item: SourceClaims) -> frozenset[str]:
    """Every name an article gives, as its story terms have them (without "n:")."""
    return frozenset(name_key(m.text) for m in item.mentions if m.label in NAME_LABELS)


def specific_names(item: SourceClaims) -> frozenset[str]:
    """Names that single out a story: people, and places or bodies of more than one word,
    never a city or country (every local story names its city), nor a hospital or a news
    outlet: a city's incidents all go to its trauma centre and are all told by its paper."""
    names = set()
    for mention in item.mentions:
        key = name_key(mention.text)
        if _SERVES_A_CITY.intersection(key.split()):  # "Chicago Sun-Times" is often read as a person, too
            continue
        if mention.label == "PERSON" or (mention.label in NAME_LABELS - {"GPE"} and " " in key):
            names.add(key)
    return frozenset(names)


def full_names(item: SourceClaims) -> frozenset[str]:
    """People named with a first and last name: the surest sign of one story months apart (a
    hospital, a spokesman's surname or a neighbourhood comes back in many)."""
    return frozenset(key for key in (name_key(m.text) for m in item.mentions if m.label == "PERSON") if " " in key)


def office_holders(item: SourceClaims) -> frozenset[str]:
    """People named with an office (a mayor, a police chief), and officers who speak for the
    police ("Officer Dan Donakowski said", "said Officer Nicole Kirkwood"): they speak for many
    stories. An officer who is
    only named (the officer shot) is a story's own."""
    text = item.source.text
    people = [m for m in item.mentions if m.label == "PERSON"]
    ranked = {name_key(m.text) for m in people if _RANKED.search(text[max(0, m.start - _RANK_REACH):m.start])}
    speaking = {name_key(m.text) for m in people
                if _SPEAKS.match(text, m.end) or _SPOKE.search(text[max(0, m.start - _SPOKE_REACH):m.start])}
    speaking.update(name_key(c.attribution) for c in item.claims if c.attribution)
    return frozenset(name_key(str(c.value)) for c in item.claims if c.kind == "role") | (ranked & speaking)


def reporters(item: SourceClaims) -> frozenset[str]:
    """People credited for the report or its photos ("Contact Raven Jackson at", "(Photo: Daniel
    Bethencourt)", "— Cierra Putman WFTV (@CPutman_WFTV)"): a site's reporters write many of a
    city's stories, and their names tie none of them together."""
    text = item.source.text
    return frozenset(name_key(m.text) for m in item.mentions if m.label == "PERSON" and (
        _CREDIT_AFTER.match(text, m.end) or _CREDIT_BEFORE.search(text[max(0, m.start - _CREDIT_REACH):m.start])))


def rarity(frequency: int, total: int) -> float:
    """Inverse document frequency, smoothed: a term every article has still weighs 1."""
    return math.log((1 + total) / (1 + frequency)) + 1


def weigh(terms: Mapping[str, float], idf: Mapping[str, float], *, phantom: float = 0.0) -> dict[str, float]:
    """Terms times their rarity, scaled to unit length.

    `phantom` adds to the length as if the article had unshared terms of that weight: an
    article reduced to its city's name (a page whose text is all boilerplate) then cannot look
    like every other article of that city.
    """
    weighted = {t: w * idf.get(t, 1.0) for t, w in terms.items()}
    norm = math.sqrt(sum(w * w for w in weighted.values()) + phantom ** 2)
    return {t: w / norm for t, w in weighted.items()} if norm else {}


def _title_part_key(part: str) -> str:
    return " ".join(re.findall(r"\w+", part.lower())[:_TITLE_PART_KEY])


def _kept_spans(text: str, skip_lines: frozenset[str]) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.splitlines(keepends=True):
        if not skip_lines or line_key(line) not in skip_lines:
            spans.append((position, position + len(line)))
        position += len(line)
    return spans


def _words(text: str, weight: float) -> Counter[str]:
    """The words of a text, and the names inside its hyphenated words: "Lacey-area shooting"
    names the place that "victims near Lacey" does ("drive-by" has no name in it)."""
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        if word not in _STOPWORDS:
            counts["w:" + word] += weight
    for compound in _COMPOUND.findall(text):
        for part in compound.split("-"):
            if part[:1].isupper() and len(part) > 2 and part.lower() not in _STOPWORDS:
                counts["w:" + part.lower()] += weight
    return counts


def _facts(claim: Claim) -> list[str]:
    """Ages, tolls and full dates as terms: "v:age:None:23", "v:casualties:killed:3", "d:2016-07-24"."""
    if claim.kind in {"age", "casualties"} and not isinstance(claim.value, str):
        return [f"v:{claim.kind}:{claim.subtype}:{float(claim.value):g}"]
    if claim.kind == "date" and isinstance(claim.value, str) and _ISO_DAY.fullmatch(claim.value):
        return ["d:" + claim.value]
    return []
