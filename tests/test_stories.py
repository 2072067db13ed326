"""Stories and copies: automatic clustering of real local news, the warning when inputs read as one
story share few names, and wire reprints as one voice."""
from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import SEEDS, SHARED, make_source

from checker.cli import main
from checker.engine import build_report
from checker.model import Claim, Mention, SourceClaims, Subject
from checker.normalize import name_key
from checker.similarity import (
    address_words,
    line_key,
    office_holders,
    publication_days,
    repeated_lines,
    repeated_title_parts,
    reporters,
    specific_names,
    story_terms,
    story_title,
)
from checker.stories import cluster_stories, find_reprints, site_names

FLOOD_A = ("Floods in Valencia killed 12 people on Tuesday, officials in Valencia said. Spain's prime minister "
           "Pedro Sanchez visited Paiporta.")
FLOOD_B = ("The flood death toll in Valencia rose to 19. Pedro Sanchez promised aid to Paiporta and the rest of "
           "the region.")
STRIKE = "Dockworkers in Baltimore and Houston went on strike, the International Longshoremen's Association said."


def test_auto_stories_cluster_by_shared_names(nlp, lexicon, rules) -> None:  # noqa: ANN001
    from checker.extract import extract

    extracted = [extract(make_source(text, source_id=sid), nlp(text), lexicon)
                 for sid, text in (("a", FLOOD_A), ("b", FLOOD_B), ("c", STRIKE))]
    stories = cluster_stories(extracted)
    assert stories["a"] == stories["b"] != stories["c"]
    report = build_report(extracted, [], rules, lexicon, auto_stories=True)
    assert {s.id: s.story for s in report.sources}["a"] == stories["a"]


def test_reprints_are_one_voice(nlp, lexicon, rules) -> None:  # noqa: ANN001
    from checker.extract import extract

    texts = {"wire": FLOOD_A, "copy": FLOOD_A + " (Reuters)", "other": FLOOD_B}
    published = {"wire": "2024-10-29", "copy": "2024-10-30", "other": "2024-10-30"}  # the earliest is the original
    extracted = [extract(make_source(t, source_id=sid, published=published[sid]), nlp(t), lexicon)
                 for sid, t in texts.items()]
    reprints = find_reprints(extracted, {sid: "" for sid in texts})
    assert reprints == {"copy": "wire"}
    report = build_report(extracted, [], rules, lexicon)
    flagged = {c for d in report.discrepancies for c in d.claims}
    assert not any(c.startswith("copy#") for c in flagged)
    assert report.reprints == {"copy": "wire"}


CORPUS = SHARED / "corpus" / "gunviolence" / "articles.jsonl"
FIVE_STORIES = ("108649", "111416", "117818", "134044", "138282")  # 15 real articles, 3 a story


@pytest.fixture(scope="module")
def five_stories(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The articles of five incidents as one JSONL without their story field, and the truth."""
    if not CORPUS.exists():
        pytest.skip("the shared gun-violence corpus is not beside the project")
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in records if r["story"] in FIVE_STORIES]
    path = tmp_path_factory.mktemp("five") / "articles.jsonl"
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "story"}) + "\n" for r in chosen),
                    encoding="utf-8")
    return path, {r["id"]: r["story"] for r in chosen}


def check(*argv: str) -> tuple[dict, str]:
    out = io.StringIO()
    main(["check", *argv, "--fail-on", "never"], stdout=out, stderr=io.StringIO())
    report_path = Path(argv[argv.index("--json") + 1])
    return json.loads(report_path.read_text(encoding="utf-8")), out.getvalue()


def test_auto_stories_find_the_incidents_of_real_local_news(five_stories, tmp_path: Path) -> None:  # noqa: ANN001
    path, truth = five_stories
    report, _ = check(str(path), "--stories", "auto", "--json", str(tmp_path / "r.json"))
    found = {s["id"]: s["story"] for s in report["sources"]}
    assert len(found) == 15
    for story in set(found.values()):  # no story mixes two incidents
        assert len({truth[sid] for sid, s in found.items() if s == story}) == 1
    assert len(set(found.values())) <= 6  # not 15 one-article stories
    assert report["notes"] == []


def test_one_story_of_unrelated_sources_is_flagged(five_stories, tmp_path: Path) -> None:  # noqa: ANN001
    path, _ = five_stories
    report, summary = check(str(path), "--json", str(tmp_path / "r.json"))
    assert len(report["notes"]) == 1 and "--stories auto" in report["notes"][0]
    assert "note: all 15 sources were read as one story, but they share few names" in summary


def test_one_real_story_is_not_flagged(tmp_path: Path) -> None:
    report, summary = check(str(SEEDS), "--json", str(tmp_path / "r.json"))
    assert report["notes"] == [] and "note:" not in summary


def article(sid: str, title: str, published: str, names: dict[str, str] = {}, times: int = 1) -> SourceClaims:  # noqa: B006
    """An extracted article without the language model: its title, and names (text: label) it gives."""
    prefix = f"Article {sid} names "  # one line of its own: lines many articles repeat are boilerplate
    text = prefix + " ".join([f"{name}." for name in names] * times)
    mentions, position = [], len(prefix)
    for _ in range(times):
        for name, label in names.items():
            mentions.append(Mention(name, label, position, position + len(name)))
            position += len(name) + 2
    return SourceClaims(make_source(text, source_id=sid, published=published, title=title), (), tuple(mentions))


UNRELATED = (("Fire closes school", "Lincoln School"), ("Bridge shut for repairs", "Main Street Bridge"),
             ("Council meets", "City Hall"), ("Trains delayed", "Union Station"))


def unrelated(published: str | Callable[[int], str], city: str | None = None) -> list[SourceClaims]:
    """Four articles of other news, "other0" to "other3", each naming a place of its own (and the
    `city`, when given): what any story is clustered among. `published` is one day, or a day for each."""
    return [article(f"other{n}", title, published if isinstance(published, str) else published(n),
                    {place: "FAC", **({city: "GPE"} if city else {})})
            for n, (title, place) in enumerate(UNRELATED)]


SITE = " - NBC12 - WWBT - Richmond, VA News On Your Side"


def test_a_sites_name_in_titles_is_not_the_story() -> None:
    """Titles ending in the site's name (even cut short) share those words with every article of the site."""
    titles = [f"{text}{SITE}" for text in ("Man shot on Hull Street", "Woman wounded at Mosby Court",
                                           "Teen injured near Broad Rock")] + ["Police: teen injured near Broad Rock"]
    items = [article(f"a{n}", title, "2017-02-02") for n, title in enumerate(titles)]
    items.append(article("cut", "Crash closes Church Hill - NBC12 - WWBT - Richmond, ", "2017-02-02"))
    assert repeated_title_parts(items) >= {"nbc12", "wwbt", "richmond va news"}
    assert story_title(titles[0], repeated_title_parts(items)) == "Man shot on Hull Street"
    assert story_title("Shooting - what we know", repeated_title_parts(items)) == "Shooting - what we know"
    stories = cluster_stories(items)
    assert stories["a2"] == stories["a3"]
    assert len({stories[sid] for sid in ("a0", "a1", "a2", "cut")}) == 4


def test_a_long_storys_names_still_single_it_out_months_later() -> None:
    """A name every article of a six-article story gives is rare all the same: it links the sentencing."""
    people = {"Antoine Smelley": "PERSON", "Makanzee Oldham": "PERSON", "Fairmount Drive": "FAC"}
    items = [article(f"s{day}", title, f"2016-05-{20 + day}", people) for day, title in enumerate(
        ("Girl, 2, shot in argument", "Three charged in shooting of girl", "Girl taken off life support",
         "Suspect arraigned", "Family bids farewell to toddler"))]
    items += [article("sentencing", "Brothers sentenced in murder of girl", "2017-03-30", people),
              *(article(f"other{n}", f"Man shot on {street}", "2016-06-01", {street: "FAC", "Detroit": "GPE"})
                for n, street in enumerate(("Gratiot Avenue", "Seven Mile Road", "Woodward Avenue")))]
    stories = cluster_stories(items)
    assert stories["sentencing"] == stories["s0"]
    assert not {stories[sid] for sid in ("other0", "other1", "other2")} & {stories["s0"]}


def test_a_city_weighs_less_than_the_places_of_the_story() -> None:
    """Every local article names its city: said as often as the street, it weighs less."""
    item = article("a", "Boy shot", "2016-04-17", {"Detroit": "GPE", "Gratiot Avenue": "FAC"}, 3)
    terms = story_terms(item)
    assert terms["n:detroit"] < terms["n:gratiot avenue"]


def test_a_footer_that_changes_its_year_is_boilerplate() -> None:
    """A site's footer carries the year it was written: the same line all the same, so the names
    in it ("CBS Radio Inc.") do not link the site's unrelated stories."""
    footer = "TM and © Copyright {} CBS Radio Inc. and its relevant subsidiaries. All Rights Reserved."
    items = [SourceClaims(make_source(f"{story}\n\n{footer.format(year)}", source_id=sid, title=story), (), ())
             for sid, story, year in (("a", "Man shot on Hull Street", 2013), ("b", "Two hurt in crash", 2015),
                                      ("c", "Fire closes school", 2016))]
    assert line_key(footer.format(2013)) in repeated_lines(items)
    assert line_key("Boy, 13, shot in 2016") != line_key("Boy, 14, shot in 2016")  # other numbers still count


def test_a_title_only_page_meets_the_names_of_its_story() -> None:
    """A page that kept only its title ("Five dead in Cascade Mall shooting") shares words with the
    other reports' names, not with the other stories of the day."""
    mall = {"Cascade Mall": "FAC", "Burlington": "GPE"}
    items = [article("title-only", "Five dead in Cascade Mall shooting", "2016-09-24"),
             article("report", "Gunman kills five in Washington", "2016-09-24", mall, 3),
             article("timeline", "Timeline of the response", "2016-09-24", mall, 2),
             article("other", "Two hurt in Tacoma shooting", "2016-09-24", {"Tacoma Dome": "FAC", "Tacoma": "GPE"}, 3),
             article("another", "Man dies in crash", "2016-09-24", {"Interstate 5": "FAC", "Seattle": "GPE"}, 3)]
    stories = cluster_stories(items)
    assert stories["title-only"] == stories["report"] == stories["timeline"] != stories["other"]


def on_site(item: SourceClaims, url: str) -> SourceClaims:
    return replace(item, source=replace(item.source, url=url))


def test_the_names_a_site_prints_on_every_page_are_not_a_story() -> None:
    """A site's footer names its owner on every page, in lines that change ("© 2016 CBS Local
    Media, a division of CBS Radio Inc."): those names do not link the site's stories of other
    years, while the site's own pages of one story, days apart, still share theirs."""
    footer = {"CBS Radio Inc": "ORG", "CBS Broadcasting Inc": "ORG"}
    streets = ("Hull Street", "Gratiot Avenue", "Fairmount Drive", "Broad Rock Road", "Seven Mile Road")
    items = [on_site(article(f"cbs{n}", f"Man shot on {street}", f"{2012 + n}-0{n + 1}-1{n}",
                             {street: "FAC", **footer}),
                     f"http://web.archive.org/web/2016/http://city{n}.cbslocal.com/{2012 + n}/shooting")
             for n, street in enumerate(streets)]
    items += [on_site(article(f"hayes{n}", title, f"2017-02-{10 + n}", {"Quanice Hayes": "PERSON", "Portland": "GPE"}),
                      f"https://www.kptv.com/news/{n}")
              for n, title in enumerate(("Teen killed by officer", "Officer identified", "Family speaks",
                                         "Vigil held", "Replica gun found"))]
    items += [article(f"other{n}", f"Fire closes {place}", "2016-05-01", {place: "FAC"})
              for n, place in enumerate(("Lincoln School", "Main Street Bridge", "City Hall"))]
    assert site_names(items)["cbs0"] == {"n:cbs radio inc", "n:cbs broadcasting inc"}
    assert site_names(items)["hayes0"] == frozenset()  # five pages in five days: the site's own story
    stories = cluster_stories(items)
    assert len({stories[f"cbs{n}"] for n in range(5)}) == 5
    assert len({stories[f"hayes{n}"] for n in range(5)}) == 1


def test_one_citys_incidents_months_apart_need_a_person_in_common() -> None:
    """Months apart, two of a city's shootings share its hospitals and its neighbourhood: not one
    story. The sentencing shares a person's full name with the first report: one story."""
    city = {"Sinai-Grace Hospital": "FAC", "Detroit Receiving Hospital": "FAC", "Detroit": "GPE"}
    first = {"Darnell Hicks": "PERSON", "Gratiot Avenue": "FAC", "Osborn High School": "ORG"}
    second = {"Marcus Webb": "PERSON", "Mack Avenue": "FAC", "Family Dollar": "ORG"}
    items = [article("first", "Teen shot near his school", "2016-06-01", {**city, **first}, 2),
             article("second", "Boy wounded outside store", "2016-09-12", {**city, **second}, 2),
             article("sentencing", "Man sentenced in teen's shooting", "2017-01-20",
                     {"Darnell Hicks": "PERSON", "Sinai-Grace Hospital": "FAC", "Detroit": "GPE"}, 2),
             *(article(f"other{n}", f"Fire closes {place}", "2016-05-01", {place: "FAC"})
               for n, place in enumerate(("Lincoln School", "Main Street Bridge", "City Hall")))]
    stories = cluster_stories(items)
    assert stories["first"] == stories["sentencing"] != stories["second"]


def test_the_report_of_a_week_later_is_near_in_time() -> None:
    """The funeral or the arrest comes days after the shooting: within a week, a little alike is
    enough, as it is the day after."""
    items = [article("shooting", "Teen shot near his school", "2016-06-01",
                     {"Hicks": "PERSON", "Gratiot Avenue": "FAC", "Detroit": "GPE"}, 2),
             article("funeral", "Hundreds mourn teen", "2016-06-07", {"Hicks": "PERSON", "Gratiot Avenue": "FAC"}),
             *(article(f"other{n}", f"Fire closes {place}", "2016-05-01", {place: "FAC"})
               for n, place in enumerate(("Lincoln School", "Main Street Bridge", "City Hall")))]
    stories = cluster_stories(items)
    assert stories["shooting"] == stories["funeral"]


def test_a_place_inside_a_hyphenated_word_is_a_word_of_its_own() -> None:
    """"Lacey-area shooting" names the place as "Victims near Lacey identified" does; the parts of
    a lower-case compound ("15-year-old", "drive-by") are no names and add nothing."""
    terms = story_terms(article("brief", "Second suspect arrested in deadly Lacey-area drive-by shooting", "2016-07-13"))
    assert "w:lacey" in terms and "w:lacey-area" in terms
    assert not {"w:area", "w:drive", "w:year", "w:old"} & set(terms)
    assert "w:old" not in story_terms(article("boy", "Boy, 15-year-old, shot", "2016-07-13"))


def test_a_citys_hospital_and_paper_do_not_single_out_its_incidents() -> None:
    """Two of a city's shootings three days apart: both victims went to its trauma centre and
    both reports came from its paper. Those names serve every incident of the city, and are no
    rare name the two share; a school or a person still is (see the tests above)."""
    city = {"Sinai-Grace Hospital": "FAC", "Detroit Free Press": "ORG"}
    first = {"Gratiot Avenue": "FAC", "Darnell Hicks": "PERSON", "Osborn High School": "ORG", "Kemba Hicks": "PERSON",
             "Seven Mile": "FAC", "Hicks Barbershop": "ORG", "Ray Hicks": "PERSON"}
    second = {"Mack Avenue": "FAC", "Marcus Webb": "PERSON", "Family Dollar": "ORG", "Tanya Webb": "PERSON",
              "Conner Street": "FAC", "Webb Auto": "ORG", "Lisa Webb": "PERSON"}
    items = [article("first", "Teen shot near his school", "2016-06-01", {**first, **city}),
             article("second", "Woman wounded outside store", "2016-06-04", {**second, **city}),
             *(article(f"earlier{n}", title, f"2016-0{n + 1}-15", {place: "FAC", person: "PERSON", **city})
               for n, (title, place, person) in enumerate((("Man hurt in crash", "Woodward Avenue", "Ray Stone"),
                                                           ("Boy bitten by dog", "Belle Isle", "Leo Park"),
                                                           ("Worker falls from roof", "Rosa Parks Boulevard", "Ann Fox")))),
             *unrelated("2016-05-01")]
    assert specific_names(items[0]) == {name_key(name) for name in first}
    stories = cluster_stories(items)
    assert stories["first"] != stories["second"]


def test_two_reports_of_one_night_each_the_others_closest_are_one_story() -> None:
    """A station's brief and the paper's report of the same night share few words ("Hull
    Street"); a crash of that night shares fewer still with the brief. Nothing of those days is
    closer to either report than the other: one story. The crash stays alone."""
    family = {f"{first} {last}": "PERSON" for first, last in (("Jamal", "Reed"), ("Tia", "Reed"), ("Omar", "Banks"),
                                                             ("Lee", "Cho"), ("Ava", "Diaz"), ("Max", "Ford"),
                                                             ("Kim", "Lang"), ("Ben", "Orr"))}
    items = [article("brief", "Man shot dead on Hull Street overnight", "2017-02-02"),
             article("report", "Father of three killed near his home", "2017-02-02",
                     {"Hull Street": "FAC", "Manchester Courts": "FAC", **family}, 2),
             article("crash", "Overnight crash closes Broad Rock Road", "2017-02-02",
                     {"Broad Rock Road": "FAC", "Ann Lowe": "PERSON", "Ray Lowe": "PERSON"}, 2),
             *(article(f"other{n}", f"Woman hurt on {street}", f"2016-{n + 1:02d}-10", {street: "FAC"})
               for n, street in enumerate(("Mosby Court", "Jefferson Davis Highway", "Chimborazo Boulevard",
                                           "Midlothian Turnpike")))]
    stories = cluster_stories(items)
    assert stories["brief"] == stories["report"]
    assert len({stories[sid] for sid in ("brief", "crash", "other0", "other1", "other2", "other3")}) == 6


def test_two_stories_a_report_of_both_links_stay_two() -> None:
    """Two incidents of one weekend, two reports each; one report of the clerk's killing also
    names the wounded teen. That link joins an article to a story, not two stories that are
    otherwise unalike."""
    teen = {"Darnell Hicks": "PERSON", "Gratiot Avenue": "FAC", "Osborn High School": "ORG"}
    clerk = {"Marcus Webb": "PERSON", "Mack Avenue": "FAC", "Family Dollar": "ORG"}
    items = [article("teen", "Teen wounded near his school", "2016-06-01", teen, 2),
             article("named", "Wounded student identified", "2016-06-02", {**teen, "Kemba Hicks": "PERSON"}, 2),
             article("clerk", "Clerk killed in robbery named", "2016-06-03", {**clerk, "Tanya Webb": "PERSON"}, 2),
             article("both", "Clerk killed in robbery", "2016-06-02",
                     {**clerk, "Darnell Hicks": "PERSON", "Webb Family": "ORG", "Lisa Webb": "PERSON",
                      "Conner Street": "FAC"}, 2),
             *unrelated("2016-03-01")]
    stories = cluster_stories(items)
    assert stories["teen"] == stories["named"] != stories["clerk"] == stories["both"]


def test_a_follow_up_like_the_whole_story_joins_it() -> None:
    """Three weeks on, the charge shares the street with the first report, the school with the
    second and the family with the vigil: a little with each, too little to link with any, but
    much with the story as a whole."""
    items = [article("shot", "Teen shot on Gratiot Avenue", "2016-06-01",
                     {"Gratiot Avenue": "FAC", "Darnell Hicks": "PERSON", "Detroit": "GPE"}, 2),
             article("named", "Victim was Osborn student", "2016-06-02",
                     {"Darnell Hicks": "PERSON", "Osborn High School": "ORG", "Detroit": "GPE"}, 2),
             article("vigil", "Classmates hold vigil", "2016-06-03",
                     {"Osborn High School": "ORG", "Kemba Hicks": "PERSON", "Gratiot Avenue": "FAC"}, 2),
             article("charged", "Man charged in Osborn student's death", "2016-06-24",
                     {"Hicks": "PERSON", "Gratiot Avenue": "FAC", "Osborn High School": "ORG", "Wayne County": "GPE",
                      "Frank Murphy Hall": "FAC"}),
             *unrelated(lambda n: f"2016-06-{20 + n}", city="Detroit")]
    stories = cluster_stories(items)
    assert stories["charged"] == stories["shot"] == stories["named"] == stories["vigil"]
    assert len({stories[f"other{n}"] for n in range(4)} | {stories["shot"]}) == 5


def spokesman_says(sid: str, title: str, published: str, names: dict[str, str], spokesman: str) -> SourceClaims:
    """An article giving `names` (text: label) that quotes a police officer: "Officer X said"."""
    item = article(sid, title, published, names, 2)
    said = f" Officer {spokesman} said."
    start = len(item.source.text) + len(" Officer ")
    return SourceClaims(replace(item.source, text=item.source.text + said), item.claims,
                        (*item.mentions, Mention(spokesman, "PERSON", start, start + len(spokesman))))


def test_a_police_spokesman_quoted_months_apart_is_no_person_in_common() -> None:
    """"Officer Dan Donakowski said" in April's shooting of a baby and in June's of a teen: an
    officer who speaks for the police speaks for many stories, and his name does not link them
    months apart. A victim's full name still does (the sentencing test above)."""
    items = [spokesman_says("baby", "Baby killed in drive-by", "2016-04-16",
                            {"Winthrop Street": "FAC", "Detroit": "GPE"}, "Dan Donakowski"),
             spokesman_says("teen", "Teen killed in yard", "2016-11-08",
                            {"Mack Avenue": "FAC", "Detroit": "GPE"}, "Dan Donakowski"),
             *unrelated("2016-08-01")]
    assert office_holders(items[0]) == {"dan donakowski"}
    stories = cluster_stories(items)
    assert stories["baby"] != stories["teen"]


def credited(sid: str, title: str, published: str, names: dict[str, str], credit: str, reporter: str) -> SourceClaims:
    """An article giving `names` (text: label) that ends with a credit: `credit` holds "{}" where
    the reporter's name goes ("Contact {} at ...")."""
    item = article(sid, title, published, names, 2)
    before, after = credit.split("{}")
    start = len(item.source.text) + 1 + len(before)
    return SourceClaims(replace(item.source, text=f"{item.source.text} {before}{reporter}{after}"), item.claims,
                        (*item.mentions, Mention(reporter, "PERSON", start, start + len(reporter))))


@pytest.mark.parametrize("credit", ["Contact {} at rjackson@reviewjournal.com.", "(Photo: {}, Detroit Free Press)",
                                    "View Full Caption DNAinfo/{}", "(Eric Clark / Chicago Tribune) ({} / Chicago Tribune)",
                                    "— {} WFTV (@CPutman_WFTV) February 7, 2017", "{} contributed to this report."])
def test_a_reporter_credited_months_apart_is_no_person_in_common(credit: str) -> None:
    """A site's reporter signs many of a city's stories ("Contact Raven Jackson at ..."): the
    byline does not link two shootings months apart, as a victim's full name would."""
    items = [credited("baby", "Baby killed in drive-by", "2016-04-16", {"Winthrop Street": "FAC", "Detroit": "GPE"},
                      credit, "Raven Jackson"),
             credited("teen", "Teen killed in yard", "2016-11-08", {"Mack Avenue": "FAC", "Detroit": "GPE"},
                      credit, "Raven Jackson"),
             *unrelated("2016-08-01")]
    assert "raven jackson" in reporters(items[0])
    stories = cluster_stories(items)
    assert stories["baby"] != stories["teen"]


def test_a_victim_is_no_reporter() -> None:
    """Names next to words of reporting in the story itself stay the story's own."""
    item = credited("a", "Teen shot", "2016-04-16", {}, "Police said {} was shot by a neighbour.", "Darnell Hicks")
    assert reporters(item) == frozenset()


def test_an_officer_who_speaks_after_a_verb_of_saying_speaks_for_the_police() -> None:
    """"said Detroit Police Officer Nicole Kirkwood" speaks for the police as "Officer Nicole
    Kirkwood said" does."""
    item = credited("a", "Teen shot", "2016-04-16", {}, "He was found by his father, said Detroit Police Officer {}.",
                    "Nicole Kirkwood")
    assert office_holders(item) == {"nicole kirkwood"}


def test_what_serves_a_citys_stories_is_no_rare_name() -> None:
    """Crime Stoppers, the parish prison and the county court come back in every story of a city."""
    item = article("a", "Man booked", "2016-04-16", {"Crime Stoppers": "ORG", "East Baton Rouge Parish Prison": "FAC",
                                                     "Clark County Superior Court": "ORG", "Darnell Hicks": "PERSON"})
    assert specific_names(item) == {"darnell hicks"}


def on_day(item: SourceClaims, day: str) -> SourceClaims:
    """The article with a claim that gives `day` (ISO) as the day of the shooting."""
    sentence = item.source.text
    claim = Claim(id=f"{item.source.id}#1", source=item.source.id, kind="date", subject=Subject("shooting"),
                  value=day, text=day, sentence=sentence, start=0, end=len(sentence))
    return SourceClaims(item.source, (claim,), item.mentions)


@pytest.mark.parametrize(("infant_day", "one_story"), [("2016-04-15", False), ("2016-03-27", True)])
def test_two_stories_that_give_incident_days_weeks_apart_stay_two(infant_day: str, one_story: bool) -> None:
    """A city's Easter shooting of a girl, and an infant shot three weeks later whose reports
    recall the girl by name and share the city's police and county: alike enough on average to
    join, but each story's reports give its own day of the shooting. Had they given one day,
    they would be one story."""
    city = {"Detroit": "GPE", "Wayne County": "GPE", "Detroit Police Department": "ORG"}
    girl = {"Aniaya Montgomery": "PERSON", "Winthrop Street": "FAC", "Michael Woody": "PERSON"}
    infant = {"Miracle Murray": "PERSON", "Riverview Street": "FAC", "Aniaya Montgomery": "PERSON"}
    items = [on_day(article(f"girl{n}", title, f"2016-04-0{n + 1}", {**city, **girl}, 2), "2016-03-27")
             for n, title in enumerate(("Girl, 3, killed on Easter", "Two arrested in Easter shooting",
                                        "Men charged in girl's death"))]
    items += [on_day(article(f"infant{n}", title, f"2016-04-1{n + 6}", {**city, **infant}, 2), infant_day)
              for n, title in enumerate(("Infant killed in drive-by", "Two held in infant's death",
                                         "Infant was struck in back"))]
    items += unrelated("2016-02-01")
    stories = cluster_stories(items)
    assert len({stories[f"girl{n}"] for n in range(3)}) == len({stories[f"infant{n}"] for n in range(3)}) == 1
    assert (stories["girl0"] == stories["infant0"]) is one_story


def test_a_title_only_follow_up_joins_the_story_it_is_all_words_of() -> None:
    """Three weeks on, a page that kept only its title behind a sign-in wall ("Man pleads in deadly
    Hamilton bar shooting"): every word it has is the bar shooting's, yet few words weigh little
    against the phantom term. It joins the story as a whole; a page that was read (a claim in it)
    needs to be more alike, as its other words would be the story's too."""
    bar = {"Doubles Bar": "FAC", "Hamilton": "GPE", "Main Street": "FAC"}
    items = [article("shot", "One killed, several hurt in deadly Hamilton bar shooting", "2016-07-24",
                     {**bar, "Kalif Goens": "PERSON"}, 2),
             article("brother", "Chief: man shot his brother in Hamilton bar", "2016-07-24",
                     {**bar, "Mondale Goens": "PERSON"}, 2),
             article("family", "Family insists suspect did not murder brother", "2016-07-26",
                     {"Doubles Bar": "FAC", "Kalif Goens": "PERSON", "Mondale Goens": "PERSON"}, 2),
             article("pleads", "Man pleads in deadly Hamilton bar shooting", "2016-08-15"),
             *unrelated(lambda n: f"2016-08-{10 + n}", city="Hamilton")]
    stories = cluster_stories(items)
    assert stories["pleads"] == stories["shot"] == stories["brother"] == stories["family"]
    assert len({stories[f"other{n}"] for n in range(4)} | {stories["shot"]}) == 5
    read = [*items[:3], on_day(items[3], "2016-08-15"), *items[4:]]
    assert cluster_stories(read)["pleads"] == "auto-pleads"


def test_an_address_carries_the_first_headline() -> None:
    """The site kept the first headline in the address when it retitled the page: its words are
    the story's, as the other report's title shows; an address's ids and numbers are no words."""
    url = ("http://web.archive.org/web/20160311/http://www.kltv.com/story/31376452/"
           "gangs-involved-in-fatal-tyler-truck-stop-shooting-arrests-expected.html?x=1")
    assert address_words(url) == {"gangs", "involved", "fatal", "tyler", "truck", "stop", "shooting", "arrests",
                                  "expected"}
    assert address_words("https://www.kptv.com/news/31376452") == address_words(None) == frozenset()
    items = [article("first", "Gangs involved in fatal Tyler truck stop shooting", "2016-03-10",
                     {"Smith County": "GPE"}),
             on_site(article("retitled", "Sheriff: arrests expected soon", "2016-03-10", {"Smith County": "GPE"}), url),
             *unrelated("2016-03-10", city="Smith County")]
    stories = cluster_stories(items)
    assert stories["first"] == stories["retitled"]
    assert len({stories[f"other{n}"] for n in range(4)} | {stories["first"]}) == 5


def test_a_title_only_page_meets_the_report_of_its_week_in_common_words() -> None:
    """"2-year-old killed in accidental shooting" is all a page behind a sign-in wall kept: words
    many of a year's articles have, which candidate pairs are not sought by. The report of that
    week tells them in a sentence (and names a street the page does not): the page's closest
    article of the week, alike enough with every word counted. The reports of other months, alike
    in the same words, are not of its week; a crash of that week shares none of them."""
    def read(sid: str, title: str, day: date, names: dict[str, str], told: str = "") -> SourceClaims:
        item = article(sid, title, day.isoformat(), names)
        return on_day(replace(item, source=replace(item.source, text=item.source.text + told)), day.isoformat())

    same_words = [read(f"earlier{n}", f"2-year-old killed in accidental shooting on Route {n}",
                       date(2016, 1, 1) + timedelta(n), {f"Route {n}": "FAC"}) for n in range(55)]
    others = [read(f"council{n}", f"Council meets on budget {n}", date(2015, 1, 1) + timedelta(n), {f"Hall {n}": "FAC"})
              for n in range(150)]
    items = [*same_words, *others,
             read("report", "Father turns himself in", date(2016, 6, 9), {"Elm Street": "FAC"},
                  " A 2-year-old was killed in an accidental shooting, police said."),
             read("crash", "Two hurt in crash on Broad Rock Road", date(2016, 6, 10),
                  {"Broad Rock Road": "FAC", "Ann Lowe": "PERSON"}),
             article("page", "2-year-old killed in accidental shooting", "2016-06-09")]
    stories = cluster_stories(items)
    assert stories["page"] == stories["report"] != stories["crash"]
    assert len(set(stories.values())) == len(items) - 1


def test_an_address_dates_a_page_its_published_field_misdates() -> None:
    """A page copied by an archive in June 2016 was given the crawl's day in 2017 as published;
    its address gives the day it was written, in the week of its story's other report. Where the
    field and the address agree, or no address gives a day, the field stands."""
    url = ("http://web.archive.org/web/20160619213004/http://www.poconorecord.com:80/news/20160612/"
           "father-daughter-found-dead-in-possible-murder-suicide?rssfeed=true")
    page = on_site(article("page", "Father, daughter found dead in possible murder-suicide", "2017-01-28",
                           {"Adams County": "GPE"}), url)
    assert publication_days(page.source) == {date(2016, 6, 12)}
    assert publication_days(replace(page.source, published="2016-06-13")) == {date(2016, 6, 13)}
    assert publication_days(replace(page.source, url="https://www.poconorecord.com/news/article_1.html")) == {
        date(2017, 1, 28)}
    items = [page, article("report", "Coroner confirms murder-suicide of daughter, father", "2016-06-14",
                           {"Adams County": "GPE", "Littlestown": "GPE"}),
             *unrelated("2016-06-13")]
    stories = cluster_stories(items)
    assert stories["page"] == stories["report"]
    assert len({stories[f"other{n}"] for n in range(4)} | {stories["page"]}) == 5


def test_a_list_of_a_years_incidents_is_placed_in_time_by_its_publication() -> None:
    """"Baltimore Homicides", published in January, gives a day for each of its dozen entries,
    one of them in March: a list is near every incident of its year, and a March report that
    shares its street is no report of the list's story. A report whose claims give a few days
    is placed by them all: January's shooting on the street, whose hearing is set for March."""
    def giving(item: SourceClaims, days: list[str]) -> SourceClaims:
        claims = tuple(replace(on_day(item, day).claims[0], id=f"{item.source.id}#{n}") for n, day in enumerate(days))
        return SourceClaims(item.source, claims, item.mentions)

    street = {"Baltimore": "GPE", "Greenmount Avenue": "FAC"}
    entries = [f"2017-01-{day:02d}" for day in range(2, 24, 2)] + ["2017-03-06"]
    arrest = article("arrest", "Police arrest suspect in triple shooting", "2017-03-08",
                     {**street, "Darnell Hicks": "PERSON"}, 2)
    others = unrelated("2016-11-01")
    homicides = giving(article("list", "Baltimore Homicides", "2017-01-26", street, 2), entries)
    assert cluster_stories([homicides, arrest, *others])["list"] == "auto-list"
    report = giving(article("report", "Man shot on Greenmount Avenue", "2017-01-26", street, 2),
                    ["2017-01-22", "2017-03-06"])
    stories = cluster_stories([report, arrest, *others])
    assert stories["report"] == stories["arrest"]


def test_a_plea_months_later_naming_the_storys_people_joins_it_as_a_whole() -> None:
    """Eight months on, the plea names the accused's mother from one report, a charged adult from
    another and the street of the first: too little with any one report to link months apart,
    much with the story as a whole, and people's full names in common say it is the same story
    however long after."""
    town = {"Mount Pleasant": "GPE", "Sam Lucia": "PERSON"}
    items = [article("charged", "Teen charged with shooting friend", "2016-03-21",
                     {**town, "James Gustafson": "PERSON", "Church Street": "FAC"}, 2),
             article("court", "Attorney wants case moved to juvenile court", "2016-03-30",
                     {**town, "Leah Gustafson": "PERSON", "Richard McCague": "PERSON"}, 2),
             article("adults", "Three adults charged in fatal shooting", "2016-04-03",
                     {**town, "John Burnsworth": "PERSON", "Kristopher Lewis": "PERSON"}, 2),
             article("plea", "Teen pleads guilty to lesser charges", "2016-12-02",
                     {"Mount Pleasant": "GPE", "Leah Gustafson": "PERSON", "Church Street": "FAC",
                      "Kristopher Lewis": "PERSON", "Westmoreland County Courthouse": "FAC"}),
             *unrelated(lambda n: f"2016-0{n + 4}-01")]
    stories = cluster_stories(items)
    assert stories["plea"] == stories["charged"] == stories["court"] == stories["adults"]
    assert len({stories[f"other{n}"] for n in range(4)} | {stories["plea"]}) == 5


def test_what_a_speaker_says_is_not_the_story_s_words() -> None:
    """A quotation's words ("we are praying for the families") are said of many stories: the
    sentences that carry a story's facts are its words, not those that carry only who said what."""
    text = "Article q: Two men were shot on Gratiot Avenue. Mayor Ana Ruiz said the city was praying for families."
    sentences = ("Two men were shot on Gratiot Avenue.", "Mayor Ana Ruiz said the city was praying for families.")
    fact = Claim(id="q#1", source="q", kind="casualties", subject=Subject("men"), value=2.0, text="Two",
                 sentence=sentences[0], start=text.index("Two"), end=text.index("Two") + 3, subtype="shot")
    said = Claim(id="q#2", source="q", kind="quote", subject=Subject("the city was praying for families", head="statement"),
                 value="Ana Ruiz", text="Ana Ruiz", sentence=sentences[1], start=text.index("Ana"),
                 end=text.index("Ana") + 8, subtype="person")
    terms = story_terms(SourceClaims(make_source(text, source_id="q", published="2016-04-17"), (fact, said), ()))
    assert "w:gratiot" in terms
    assert "w:praying" not in terms
