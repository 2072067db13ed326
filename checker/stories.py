"""Which sources tell the same story, and which are copies of one another.

Claims are compared only within a story. With `--stories auto`, sources are clustered into
stories by what they share that few others do (see `similarity.py`) and how close in time they
are. Within a story, near-copies of one wire report (most of their five-word shingles shared)
count as one voice: the copy is shown, its claims are not compared again as if a second outlet
had confirmed or contradicted them.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from checker.model import SourceClaims
from checker.similarity import (
    address_words,
    all_names,
    claimed_days,
    day_gap,
    full_names,
    office_holders,
    publication_days,
    rarity,
    repeated_lines,
    repeated_title_parts,
    reporters,
    site_of,
    specific_names,
    story_terms,
    weigh,
)

REPRINT_SIMILARITY = 0.8  # Jaccard of 5-word shingles
_SHINGLE = 5
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")

# Story clustering, tuned on the development half of the gun-violence corpus (bench/stories.py).
MIN_SIMILARITY = 0.03  # cosine of story terms below which two articles are never linked
SAME_DAYS = 7  # articles about days within a week (published, or dates they give) may be one story...
NEAR_SIMILARITY = 0.1  # ...from this cosine,
NEAR_NAMED_SIMILARITY = 0.05  # ...or this one when they share a rare name
CLOSEST_DAYS = 1  # articles about days this close, each the other's most alike such article, are one story
ANY_TIME_SIMILARITY = 0.65  # this alike, articles are one story whenever they were written
FAR_SHARED_NAMES = 3  # follow-ups weeks later share this many rare names, or a person's full name,...
FAR_SIMILARITY = 0.25  # ...and this cosine
RARE_NAME = 6  # a name that at most this many articles give singles out a story (a story has up to ~17)
STORY_MEAN_SIMILARITY = 0.07  # an article joins a story only if it is this alike to its articles on average,
STORIES_MEAN_SIMILARITY = 0.1  # two stories of two articles or more only if their articles are this alike
TITLE_SIMILARITY = 0.15  # a page no claim was read in, this alike (every word counted) to its closest article of the week
JOIN_STORY_SIMILARITY = 0.3  # an article left alone this alike to a story as a whole (the sum of its articles),...
JOIN_TITLE_SIMILARITY = 0.2  # ...or this alike when no claim was read in it (a title behind a sign-in wall),...
JOIN_STORY_ARTICLES = 3  # ...a story of this many articles at least,...
JOIN_STORY_DAYS = 30  # ...and about days within this many of the story's, joins it
LIST_DAYS = 10  # a page whose claims give more days than this is a list (a city's homicides of the year)
INCIDENT_DAYS = 7  # two stories of several articles whose incident days are further apart are two incidents
PHANTOM_TERM = 0.62  # an unshared term of this share of the rarest weight in every article's length
_COMMON_TERM = 50  # terms more articles share are not used to find candidate pairs
# A name that many of one site's articles give, written months apart, is the site's (its owner, its
# station, its parent company), not a story's.
SITE_NAME_SHARE = 0.4  # a site's name: given by this share of the site's articles (and 3 or more)...
SITE_ARTICLES = 5  # ...of a site with this many articles at least,
SITE_STORY_DAYS = 30  # ...unless most (SITE_STORY_SHARE) of the articles that give it are
SITE_STORY_SHARE = 0.7  # published within this many days: one story the site covered closely


def shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(int(hashlib.blake2b(" ".join(words[i:i + _SHINGLE]).encode(), digest_size=8).hexdigest(), 16)
                     for i in range(max(1, len(words) - _SHINGLE + 1)))


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def find_reprints(extracted: Sequence[SourceClaims], story_of: dict[str, str]) -> dict[str, str]:
    """{copy id: original id} for near-copies within a story; the earliest published is the original."""
    by_story: dict[str, list[SourceClaims]] = defaultdict(list)
    for item in extracted:
        by_story[story_of[item.source.id]].append(item)
    reprints: dict[str, str] = {}
    for items in by_story.values():
        ordered = sorted(items, key=lambda i: (i.source.published or "9999", i.source.id))
        kept: list[tuple[str, frozenset[int]]] = []
        for item in ordered:
            own = shingles(item.source.text)
            original = next((sid for sid, other in kept if _jaccard(own, other) >= REPRINT_SIMILARITY), None)
            if original is None:
                kept.append((item.source.id, own))
            else:
                reprints[item.source.id] = original
    return reprints


@dataclass(frozen=True)
class _Profile:
    """What clustering knows of one article."""

    vector: dict[str, float]  # story terms weighted by rarity, unit length
    days: frozenset[date]
    claimed: frozenset[date]  # the days its claims give (not its publication)
    names: frozenset[str]  # rare names that single out a story (no office holders or reporters)
    people: frozenset[str]  # those of them that are people's full names
    title_only: bool  # no claim was read in its text: what it says of its story is its title


def cluster_stories(extracted: Sequence[SourceClaims]) -> dict[str, str]:
    """{source id: story id}: articles that share rare names, facts and words, close in time.

    Two articles are linked when they are alike enough for how far apart they are in time: a
    little alike within a week (the first report and the next day's update, the funeral), very
    alike, or fairly alike and sharing a person's full name or three rare names, months later
    (the sentencing): a city's hospitals and neighbourhoods come back in its incidents all year.
    Two reports of one night are linked however little alike when each is the other's closest
    of those days (`_closest_of_the_day`), and a page that kept only its title with the article of
    its week most like it, every word counted (`_title_only_closest`).
    Linked articles join stories from the most alike pair down, but two stories join only if
    their articles are alike on average, so a round-up of a weekend's shootings does not chain
    its incidents into one. Two stories of several articles each must be more alike than an
    article joining a story: a brief or a title-only page shares little with a story's other
    reports, while two stories that share little are two incidents that one report of both, or
    a spokesman of both, linked. Nor do two such stories join when the days their articles give
    most are over a week apart (`_incident_days`): the later incident's reports recall the
    earlier one.
    The story id is "auto-" and the story's first source id in sorted order.
    """
    profiles = _profiles(extracted)
    similarity = _similarities({sid: p.vector for sid, p in profiles.items()})
    similarity.update(_title_only_closest(profiles, similarity))
    closest = _closest_of_the_day(similarity, profiles)
    links = sorted(((score, a, b) for (a, b), score in similarity.items()
                    if (a, b) in closest or _linked(score, profiles[a], profiles[b])),
                   key=lambda link: (-link[0], link[1], link[2]))
    story = {sid: [sid] for sid in profiles}
    owner = {sid: sid for sid in profiles}
    for _, a, b in links:
        first, second = owner[a], owner[b]
        if first == second:
            continue
        several = min(len(story[first]), len(story[second])) > 1
        if several and not _within(_incident_days(story[first], profiles), _incident_days(story[second], profiles),
                                   INCIDENT_DAYS):
            continue
        alike = STORIES_MEAN_SIMILARITY if several else STORY_MEAN_SIMILARITY
        if _mean(story[first], story[second], similarity) < alike:
            continue
        for sid in story[second]:
            owner[sid] = first
        story[first].extend(story.pop(second))
    for sid, joined in _joined_alone(story, profiles).items():
        owner[sid] = joined
        story[joined].append(story.pop(sid)[0])
    return {sid: f"auto-{min(story[owner[sid]])}" for sid in profiles}


def _incident_days(members: list[str], profiles: dict[str, _Profile]) -> frozenset[date]:
    """The days most of a story's articles give in their claims (two articles at least): the day
    of its incident. Nothing when no day is given twice.

    Three weeks after a city's Easter shooting of a girl, the reports of an infant's shooting recall
    her by name, and share the city's court, police and examiner with her story's reports: alike
    enough on average to join. But the one story's articles give Easter, the other's the night of
    the infant's shooting: two incidents.
    """
    given = Counter(day for sid in members for day in profiles[sid].claimed)
    most = max(given.values(), default=0)
    return frozenset(day for day, n in given.items() if n == most) if most >= 2 else frozenset()


def _joined_alone(story: dict[str, list[str]], profiles: dict[str, _Profile]) -> dict[str, str]:
    """{article left alone: the story (its key in `story`) it joins}.

    A follow-up weeks later ("Man charged in Osborn student's death") may share a little with
    each report of its story, the street with one, the school with another, the family with a
    third, and so link with none of them; but it shares much with the story as a whole. So an
    article left alone joins the story of `JOIN_STORY_ARTICLES` or more whose summed term
    vector it is most like, if that cosine reaches `JOIN_STORY_SIMILARITY` and the story is
    about days within `JOIN_STORY_DAYS` of its own, or shares a person's full name with its
    articles: the plea months later names the victim and the accused as the reports did, as
    links months apart need (`_linked`). The stories are taken as they are before any article
    joins them.
    A page that kept only its title (a sign-in wall, a video player: no claim was read in it)
    needs less, `JOIN_TITLE_SIMILARITY`: its few words are held down by the phantom term that
    keeps a page reduced to its city's name from looking like the city's every article, yet
    "Third person pleads in deadly Hamilton bar shooting" is all words of the Hamilton bar
    shooting's story as a whole, and of no other.
    """
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    days: dict[str, frozenset[date]] = {}
    people: dict[str, frozenset[str]] = {}
    for key, members in story.items():
        if len(members) < JOIN_STORY_ARTICLES:
            continue
        summed: Counter[str] = Counter()
        for sid in members:
            summed.update(profiles[sid].vector)
        length = math.sqrt(sum(weight * weight for weight in summed.values()))
        for term, weight in summed.items():
            postings[term].append((key, weight / length))
        days[key] = frozenset().union(*(profiles[sid].days for sid in members))
        people[key] = frozenset().union(*(profiles[sid].people for sid in members))
    joined = {}
    for key, members in story.items():
        if len(members) != 1:
            continue
        alike: Counter[str] = Counter()
        for term, weight in profiles[key].vector.items():
            for other, other_weight in postings.get(term, ()):
                alike[other] += weight * other_weight
        enough = JOIN_TITLE_SIMILARITY if profiles[key].title_only else JOIN_STORY_SIMILARITY
        near = [(score, other) for other, score in alike.items()
                if score >= enough and (_within(profiles[key].days, days[other], JOIN_STORY_DAYS)
                                        or profiles[key].people & people[other])]
        if near:
            joined[key] = max(near)[1]
    return joined


def _within(days: frozenset[date], other_days: frozenset[date], most: int) -> bool:
    """Whether two sets of days come within `most` days of one another (no days: nothing says
    they are apart)."""
    gap = day_gap(days, other_days)
    return gap is None or gap <= most


def one_story_note(extracted: Sequence[SourceClaims]) -> str | None:
    """A warning for the summary when inputs read as one story seem to tell several.

    Without a story field, header or option every input is one story, and the claims of
    unrelated incidents would be compared as if they were one fact. When clustering would put
    no more than half of the sources in one story, they share too few names to be one.
    """
    if len(extracted) < 2 or any(item.source.story for item in extracted):
        return None
    sizes = Counter(cluster_stories(extracted).values())
    if sizes.most_common(1)[0][1] * 2 > len(extracted):
        return None
    return (f"all {len(extracted)} sources were read as one story, but they share few names: --stories auto "
            f"finds {len(sizes)} stories in them (try it, or give each source a Story: header)")


def _profiles(extracted: Sequence[SourceClaims]) -> dict[str, _Profile]:
    boilerplate, sites = repeated_lines(extracted), repeated_title_parts(extracted)
    printed = site_names(extracted)  # each source's site's names, not its story's
    terms = {item.source.id: {term: weight for term, weight in story_terms(
        item, skip_lines=boilerplate, site_parts=sites).items() if term not in printed[item.source.id]}
        for item in extracted}
    for item in extracted:  # an address's headline words that the title has not: an earlier headline's
        terms[item.source.id].update(dict.fromkeys(("w:" + word for word in address_words(item.source.url)
                                                    if "w:" + word not in terms[item.source.id]), 1.0))
    frequency = Counter(term for vector in terms.values() for term in vector)
    idf = {term: rarity(n, len(terms)) for term, n in frequency.items()}
    phantom = PHANTOM_TERM * rarity(1, len(terms))
    names = {item.source.id: frozenset(n for n in specific_names(item) if "n:" + n not in printed[item.source.id])
             for item in extracted}
    given_by = Counter(name for own in names.values() for name in own)
    officials = frozenset(name for item in extracted for name in office_holders(item) | reporters(item))
    rare = {sid: frozenset(n for n in own if given_by[n] <= RARE_NAME and n not in officials)
            for sid, own in names.items()}
    return {item.source.id: _Profile(
        vector=weigh(terms[item.source.id], idf, phantom=phantom),
        days=_days(item),
        claimed=claimed_days(item),
        names=rare[item.source.id],
        people=rare[item.source.id] & full_names(item),
        title_only=not any(item.claims),
    ) for item in extracted}


def _days(item: SourceClaims) -> frozenset[date]:
    """The days an article is about: its publication and the days its claims give, but only its
    publication for a list ("Baltimore Homicides", a police bureau's news page) whose claims give
    more than `LIST_DAYS` days: a list of a year's incidents is near every incident of that year
    in time, and links the reports of any of them that share its city's words.
    """
    claimed, published = claimed_days(item), publication_days(item.source)
    return published if len(claimed) > LIST_DAYS and published else claimed | published


def site_names(extracted: Sequence[SourceClaims]) -> dict[str, frozenset[str]]:
    """{source id: the name terms ("n:cbs radio inc") its site prints on most of its pages}.

    Footers and sidebars name the site's owner ("CBS Radio Inc."), its station, its parent
    company, in lines that change from page to page (so `repeated_lines` keeps them), and they
    would link the site's unrelated stories. A site's own story told over many of its pages is
    spared: those pages come within a few weeks of one another, a footer's span the years.
    """
    by_site: dict[str, list[SourceClaims]] = defaultdict(list)
    for item in extracted:
        site = site_of(item.source.url)
        if site:
            by_site[site].append(item)
    found: dict[str, frozenset[str]] = defaultdict(frozenset)
    for items in by_site.values():
        if len(items) < SITE_ARTICLES:
            continue
        published: dict[str, list[str | None]] = defaultdict(list)
        for item in items:
            for name in all_names(item):
                published["n:" + name].append(item.source.published)
        common = frozenset(term for term, days in published.items()
                           if len(days) >= max(3, SITE_NAME_SHARE * len(items))
                           and _most_within(days, SITE_STORY_DAYS) < SITE_STORY_SHARE * len(days))
        found.update(dict.fromkeys((item.source.id for item in items), common))
    return found


def _most_within(published: list[str | None], days: int) -> int:
    """The most of these publication dates that fall within `days` of one another."""
    dates = sorted(date.fromisoformat(p) for p in published if p and _ISO_DAY.fullmatch(p))
    most, first = 0, 0
    for last, day in enumerate(dates):
        while (day - dates[first]).days > days:
            first += 1
        most = max(most, last - first + 1)
    return most


def _similarities(vectors: dict[str, dict[str, float]]) -> dict[tuple[str, str], float]:
    """Cosine of every pair that shares a term fewer than `_COMMON_TERM` articles have: never all
    pairs, and the terms skipped weigh little anyway."""
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for sid, vector in vectors.items():
        for term, weight in vector.items():
            postings[term].append((sid, weight))
    similarity: dict[tuple[str, str], float] = defaultdict(float)
    for members in postings.values():
        if len(members) > _COMMON_TERM:
            continue
        for i, (a, x) in enumerate(members):
            for b, y in members[i + 1:]:
                similarity[(a, b) if a < b else (b, a)] += x * y
    return {pair: score for pair, score in similarity.items() if score >= MIN_SIMILARITY}


def _title_only_closest(profiles: dict[str, _Profile],
                        similarity: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """{pair (as `similarity` keys them): cosine} of each page no claim was read in and the
    article of days within `SAME_DAYS` of its own most like it, if that cosine, with every word
    counted, reaches `TITLE_SIMILARITY`.

    A title is a few words, most of them words many articles have ("2-year-old killed in
    accidental shooting"), which `_similarities` leaves out; for a page that kept only its title
    they are all it says, and the other report of that week that has them all is its story's.
    """
    on_day: dict[date, list[str]] = defaultdict(list)
    for sid, profile in profiles.items():
        for day in profile.days:
            on_day[day].append(sid)
    found: dict[tuple[str, str], float] = {}
    for sid, profile in profiles.items():
        if not profile.title_only:
            continue
        week = {oid for day in profile.days for shift in range(-SAME_DAYS, SAME_DAYS + 1)
                for oid in on_day.get(day + timedelta(days=shift), ())} - {sid}
        near = [(sum(weight * profiles[oid].vector.get(term, 0.0) for term, weight in profile.vector.items()), oid)
                for oid in sorted(week)]
        score, closest = max(near, default=(0.0, ""))
        pair = (sid, closest) if sid < closest else (closest, sid)
        if score >= max(TITLE_SIMILARITY, similarity.get(pair, 0.0)):
            found[pair] = score
    return found


def _closest_of_the_day(similarity: dict[tuple[str, str], float],
                        profiles: dict[str, _Profile]) -> set[tuple[str, str]]:
    """Pairs (as `similarity` keys them) of articles about days within `CLOSEST_DAYS` of one
    another that are each the other's most alike article of such days.

    A station's brief and the paper's report of the same night may share a street and little
    else, too little to link them among all articles; but when nothing else of those days is
    closer to either, they tell one incident. Only pairs `similarity` keeps are weighed (a
    cosine of `MIN_SIMILARITY` at least).
    """
    closest: dict[str, tuple[float, str]] = {}
    for (a, b), score in similarity.items():
        gap = day_gap(profiles[a].days, profiles[b].days)
        if gap is None or gap > CLOSEST_DAYS:
            continue
        for one, other in ((a, b), (b, a)):
            closest[one] = max(closest.get(one, (score, other)), (score, other))
    return {(a, b) for a, (_, b) in closest.items() if a < b and closest[b][1] == a}


def _linked(score: float, a: _Profile, b: _Profile) -> bool:
    """Whether two articles are one story, given how alike and how far apart in time they are."""
    if score >= ANY_TIME_SIMILARITY:
        return True
    shared = len(a.names & b.names)
    gap = day_gap(a.days, b.days)  # None: no dates known, nothing says they are apart
    if (gap is None or gap <= SAME_DAYS) and (score >= NEAR_SIMILARITY or (shared and score >= NEAR_NAMED_SIMILARITY)):
        return True
    return score >= FAR_SIMILARITY and (shared >= FAR_SHARED_NAMES or bool(a.people & b.people))


def _mean(first: list[str], second: list[str], similarity: dict[tuple[str, str], float]) -> float:
    total = sum(similarity.get((a, b) if a < b else (b, a), 0.0) for a in first for b in second)
    return total / (len(first) * len(second))
