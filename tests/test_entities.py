"""Entity resolution: tests/cases/align/names.toml, unit tests of the variant and same-person tests,
and behaviour tests of the spellings that must join one person and the names that must stay apart."""
from __future__ import annotations

import pytest
from conftest import load_cases, make_source

from checker.entities import is_variant, resolve_entities, with_untagged_names
from checker.model import Claim, Mention, SourceClaims, Subject
from checker.normalize import name_key

CASES = load_cases("align")


def _owners(index, name: str) -> set[str]:  # noqa: ANN001
    return {e.id for e in index.entities
            if any(name_key(n) == name_key(name) for n in (e.name, *e.aliases))}


@pytest.mark.parametrize("case", [case for _, case in CASES], ids=[case_id for case_id, _ in CASES])
def test_names(case: dict, nlp, lexicon) -> None:  # noqa: ANN001
    from checker.extract import extract

    extracted = [extract(make_source(text, source_id=sid), nlp(text), lexicon) for sid, text in case["sources"].items()]
    index = resolve_entities(extracted, lexicon)
    for group in case.get("merge", []):
        owners = [_owners(index, name) for name in group]
        assert all(owners) and set.intersection(*owners), f"{group} are not one entity: {index.entities}"
    for a, b in case.get("apart", []):
        assert not _owners(index, a) & _owners(index, b), f"{a} and {b} were merged: {index.entities}"


@pytest.mark.parametrize(("a", "b", "variant"), [
    ("andrei rudenko", "andrey rudenko", True),
    ("kiev", "kyiv", False),  # too short to guess: the alias table joins these two
    ("marcus hill", "marcus hall", False),
    ("north korea", "south korea", False),
    ("kim jong un", "kim yong hyun", False),
    ("dan brown", "don brown", False),  # too short to call a spelling variant
    ("new york", "york", False),
])
def test_is_variant(lexicon, a: str, b: str, variant: bool) -> None:  # noqa: ANN001
    assert is_variant(a, b, lexicon) is variant


@pytest.mark.parametrize(("a", "b", "same"), [
    ("dennis clark iii", "dennis clark", True),  # a suffix on one side only
    ("chauncey broadway jr", "chauncey broadway sr", False),  # father and son
    ("justine e baez", "justine baez", True),  # a middle initial
    ("robert lewis dear", "robert dear", True),  # a middle name
    ("john a smith", "john b smith", False),  # middle initials that differ
    ("mike edmonson", "michael edmonson", True),  # a known short form
    ("doug greene", "douglas greene", True),  # a prefix short form
    ("malcolm hunt", "malcom hunt", True),  # a misspelling
    ("ana garza", "anna garza", True),  # a letter doubled, in a name too short for a similarity
    ("josh herrington", "josh harrington", True),
    ("filogonio rivera camacho", "filogonio rivera", True),  # one of two surnames
    ("joseph allen", "michael allen", False),  # brothers
    ("dekitta holmes", "laverne holmes", False),
    ("dan brown", "don brown", False),  # too short to call a misspelling
    ("kim jong un", "kim yong hyun", False),
    ("jr gustafson", "james robert gustafson", True),  # initials for the given and middle names
    ("aj perez", "armando j perez", True),
    ("ed perez", "eugene d perez", False),  # a short name, not initials
    ("aj perez", "james robert perez", False),  # initials of other names
    ("jr gustafson", "jeffrey allen gustafson", False),
    ("chen weiming", "weiming chen", True),  # the family name first in one outlet, last in another
    ("chen weiming", "weiming chang", False),
    ("md jalal uddin", "mohammad jalaluddin", True),  # "Md" for Mohammad; a surname written as one word
    ("aibek zhumabaev", "aybek jumabayev", True),  # y for i, j for zh
    ("dedi kurniawan", "dedy kurniawan", True),
    ("harold j whitfield", "hal whitfield", True),
    ("ujang suparman", "ujang saepudin", False),
    ("ahmed al muqbili", "ahmad saleh al maqbali", True),  # an Arabic surname's vowels as outlets write them
    ("ahmed al muqbili", "ahmed al maqbool", False),  # another name with those consonants
    ("han dong soo", "han dong su", True),  # "oo" for "u", as Korean and Indian names are written
    ("yoon tae sik", "yun tae sik", True),
    ("han dong soo", "han dong sik", False),
])
def test_same_person(lexicon, a: str, b: str, same: bool) -> None:  # noqa: ANN001
    from checker.entities import same_person

    assert same_person(a, b, lexicon) is same
    assert same_person(b, a, lexicon) is same


def test_quoted_nickname_is_left_out_of_the_key() -> None:
    from checker.entities import person_key

    assert person_key('Wilfred "Lil Wilfred" Celestine') == "wilfred celestine"
    assert person_key("Chauncey 'Trey' Broadway") == "chauncey broadway"
    assert person_key("Shaquille O'Neal") == "shaquille oneal"


def test_a_spelling_ner_missed_joins_the_person_it_names(lexicon) -> None:  # noqa: ANN001
    """The small model misses names, misspelt ones most of all: "Malcom Hunt" in one outlet is
    read as Malcolm Hunt, whom another outlet's NER found; a capitalised word that names nobody
    known stays out."""
    tagged = SourceClaims(make_source("Malcolm Hunt, 24, died.", source_id="a", story="s"), (),
                          (Mention("Malcolm Hunt", "PERSON", 0, 12),))
    untagged = SourceClaims(make_source("Police said Malcom Hunt was taken to Grady Memorial.", source_id="b",
                                        story="s"), (), ())
    index = resolve_entities([tagged, untagged], lexicon)
    assert _owners(index, "Malcolm Hunt") == _owners(index, "Malcom Hunt") != set()
    assert not _owners(index, "Grady Memorial")


def _tagged(text: str, source_id: str, *people: str) -> SourceClaims:
    """One source of story "s" whose NER found exactly `people` (as PERSON) in `text`."""
    return SourceClaims(make_source(text, source_id=source_id, story="s"), (),
                        tuple(Mention(name, "PERSON", text.index(name), text.index(name) + len(name)) for name in people))


@pytest.mark.parametrize(("known", "untagged_text", "spelling"), [
    ("Chauncey Broadway Jr.", "The death of Chauncey 'Trey' Broadway, Jr., who was 18, was ruled a homicide.",
     "Chauncey 'Trey' Broadway, Jr."),  # a nickname in quotes and a suffix after a comma
    ("Randy Henderson", "Speakers included Mayor Randall P. Henderson, Jr., and the chief.",
     "Randall P. Henderson, Jr."),  # a title before, a middle initial and a suffix
    ("Luis Nava Trujillo", "Police found Luis E. Nava Trujillo of Ephrata wounded.", "Luis E. Nava Trujillo"),
    ("Joseph Marsh", '"It was horrendous," Riverside Mayor Joe Marsh said.', "Joe Marsh"),  # a place and a title before
    ("Ryan McFarlane", "Witnesses said Ryan MacFarlane left.", "Ryan MacFarlane"),  # a capital inside a word
])
def test_a_fuller_spelling_ner_missed_joins_the_person_it_names(lexicon, known: str, untagged_text: str,  # noqa: ANN001
                                                                spelling: str) -> None:
    """Names NER did not tag are read from runs of capitalised words, with what a name carries
    (middle initials, a quoted nickname, a generational suffix), and without the titles and
    places written before them, so the spelling recorded is the name itself."""
    index = resolve_entities([_tagged(f"{known}, 18, died.", "a", known), _tagged(untagged_text, "b")], lexicon)
    assert _owners(index, known) == _owners(index, spelling) != set()


def test_an_untagged_run_naming_nobody_known_stays_out(lexicon) -> None:  # noqa: ANN001
    index = resolve_entities([_tagged("Randy Henderson, 60, spoke.", "a", "Randy Henderson"),
                              _tagged("Interim Police Chief Dennis Eads and Mayor Rick Scott spoke.", "b")], lexicon)
    assert not _owners(index, "Dennis Eads") and not _owners(index, "Rick Scott")


def test_a_name_ner_cut_short_is_the_full_name_it_is_cut_from(lexicon) -> None:  # noqa: ANN001
    """NER tagged "Marco A. Diaz" where the text says "Marco A. Diaz Lopez" every time: the cut
    name is that person, so it never keeps the full spelling from joining the other outlet's."""
    cut = _tagged("Police found Marco A. Diaz Lopez of Ephrata wounded.", "b", "Marco A. Diaz")
    index = resolve_entities([_tagged("Marco Diaz Lopez, 20, was hurt.", "a", "Marco Diaz Lopez"), cut], lexicon)
    assert _owners(index, "Marco Diaz Lopez") == _owners(index, "Marco A. Diaz Lopez") \
        == _owners(index, "Marco A. Diaz") != set()


@pytest.mark.parametrize(("full", "gone_by"), [
    ("Valerie Kay Wilkson", "Kay Wilkson"),  # the middle name
    ("John Russell Houser", "Rusty Houser"),  # a short form of the middle name
    ("Pablo Ignacio Reyes", "Ignacio Reyes"),
    ('Candace "Candy" Moreau', "Candy Moreau"),  # the nickname in quotes
    ("Arturo “AJ” Ruiz", "A.J. Ruiz"),
])
def test_a_name_a_person_goes_by_joins_the_full_name_that_gives_it(lexicon, full: str,  # noqa: ANN001
                                                                    gone_by: str) -> None:
    """Outlets name some people by their middle name or their nickname: "Kay Wilkson" is the
    "Valerie Kay Wilkson" of another outlet, when no one else of the story could be."""
    surname = full.split()[-1]
    index = resolve_entities([_tagged(f"{full}, 54, and Ronald {surname}, 55, died.", "a", full, f"Ronald {surname}"),
                              _tagged(f"{gone_by} and Ronald {surname} were found.", "b", gone_by, f"Ronald {surname}")],
                             lexicon)
    assert _owners(index, full) == _owners(index, gone_by) != set()
    assert not _owners(index, gone_by) & _owners(index, f"Ronald {surname}")


def test_a_middle_name_two_people_share_names_neither(lexicon) -> None:  # noqa: ANN001
    index = resolve_entities([_tagged("Valerie Kay Wilkson and Karen Kay Wilkson died.", "a",
                                      "Valerie Kay Wilkson", "Karen Kay Wilkson"),
                              _tagged("Kay Wilkson was found.", "b", "Kay Wilkson")], lexicon)
    assert len({*_owners(index, "Valerie Kay Wilkson"), *_owners(index, "Karen Kay Wilkson"),
                *_owners(index, "Kay Wilkson")}) == 3


def test_a_middle_name_that_is_someone_s_given_name_stays_theirs(lexicon) -> None:  # noqa: ANN001
    """"Kay Marie Wilkson" is the Kay Wilkson of this story, not Valerie Kay Wilkson."""
    index = resolve_entities([_tagged("Valerie Kay Wilkson and Kay Marie Wilkson died.", "a",
                                      "Valerie Kay Wilkson", "Kay Marie Wilkson"),
                              _tagged("Kay Wilkson was found.", "b", "Kay Wilkson")], lexicon)
    assert not _owners(index, "Kay Wilkson") & _owners(index, "Valerie Kay Wilkson")


def test_one_part_of_a_hyphenated_surname_names_its_bearer(lexicon) -> None:  # noqa: ANN001
    """Outlets drop either part of a double surname: "Reginald Rose-Robinson", "Reginald Robinson"
    and "Reginald Robinson-Foster" are one student; a Foster of another given name is not him, nor
    is a woman whose given name is Rose."""
    index = resolve_entities([
        _tagged("Police said the victim, Reginald Rose-Robinson, was 16.", "a", "Reginald Rose-Robinson"),
        _tagged("Reginald Robinson also known as Reginald Robinson-Foster died. His mother Taquanda Foster wept.",
                "b", "Reginald Robinson", "Reginald Robinson-Foster", "Taquanda Foster"),
        _tagged("A neighbour, Rose Robinson, heard the shot.", "c", "Rose Robinson"),
    ], lexicon)
    student = _owners(index, "Reginald Rose-Robinson")
    assert student == _owners(index, "Reginald Robinson") == _owners(index, "Reginald Robinson-Foster") != set()
    assert not student & (_owners(index, "Taquanda Foster") | _owners(index, "Rose Robinson"))


@pytest.mark.parametrize(("text", "spelling"), [
    ("According to Brinkely, the car was hit.", "Brinkely"),  # two letters swapped
    ("Sgt. Brinkly said five were shot.", "Brinkly"),  # one left out
])
def test_a_surname_ner_missed_joins_its_person_though_misspelt(lexicon, text: str, spelling: str) -> None:  # noqa: ANN001
    """A surname alone, one slip of the pen from a person's of the story, is that person when the
    word is long enough to tell a slip from another name."""
    index = resolve_entities([_tagged("Judith Brinkley lost her son.", "a", "Judith Brinkley"), _tagged(text, "b")],
                             lexicon)
    assert _owners(index, "Judith Brinkley") == _owners(index, spelling) != set()


def test_a_short_word_one_letter_from_a_surname_is_not_read_as_it(lexicon) -> None:  # noqa: ANN001
    """"Marvin" is as likely a boy of the story called by his given name as a slip for "Martin"."""
    index = resolve_entities([_tagged("Tony Martin was shot.", "a", "Tony Martin"),
                              _tagged("Marvin said he heard shots.", "b")], lexicon)
    assert not _owners(index, "Marvin")


def test_words_before_a_title_are_no_part_of_the_name_after_it(lexicon) -> None:  # noqa: ANN001
    """"Homicide Division Sergeant D. Marsh" names D. Marsh; read as "Division D. Marsh", a name
    no Derrick could share, it would keep Derrick Marsh from his initial."""
    index = resolve_entities([_tagged("Sgt. Derrick Marsh said three died.", "a", "Derrick Marsh"),
                              _tagged("HPD Homicide Division Sergeant D. Marsh confirms it.", "b", "D. Marsh")],
                             lexicon)
    assert _owners(index, "Derrick Marsh") == _owners(index, "D. Marsh") != set()
    assert not _owners(index, "Division Sergeant D. Marsh")


def test_a_surname_alone_joins_a_full_name_written_with_a_suffix(lexicon) -> None:  # noqa: ANN001
    """"Broadway" in a source that names "Chauncy Broadway, Jr." is him: the suffix is no surname."""
    index = resolve_entities([_tagged("Chauncy Broadway, Jr. of Shreveport died. Broadway was 18.", "a",
                                      "Chauncy Broadway, Jr.", "Broadway")], lexicon)
    assert _owners(index, "Broadway") == _owners(index, "Chauncy Broadway, Jr.") != set()


def test_a_surname_alone_tagged_an_organisation_is_the_person_of_that_surname(lexicon) -> None:  # noqa: ANN001
    """NER tags a lone foreign surname as an organisation ("Kilicdaroglu took 46 percent"); a story
    that names Kemal Kilicdaroglu means him. A name also placed somewhere stays where it was put."""
    text = "Kilicdaroglu took 46 percent. Jackson voted early."
    other = SourceClaims(make_source(text, source_id="b", story="s"), (),
                         (Mention("Kilicdaroglu", "ORG", 0, 12), Mention("Jackson", "GPE", 30, 37)))
    index = resolve_entities([_tagged("Kemal Kilicdaroglu and Dwayne Jackson spoke.", "a", "Kemal Kilicdaroglu",
                                      "Dwayne Jackson"), other], lexicon)
    assert _owners(index, "Kilicdaroglu") == _owners(index, "Kemal Kilicdaroglu") != set()
    assert not _owners(index, "Jackson") & _owners(index, "Dwayne Jackson")


def test_a_person_that_is_written_with_a_company_suffix_is_the_company(lexicon) -> None:  # noqa: ANN001
    """NER tags "Svaneti Resorts" as a person; a story that also writes "Svaneti Resorts LLC" means
    the company, and a person whose surname only begins a company's name stays a person."""
    full = _with_mentions("The operator, Svaneti Resorts LLC, and Eka Kovalenko's firm Kovalenko Group.", "a",
                          ("Svaneti Resorts LLC", "ORG"), ("Eka Kovalenko", "PERSON"), ("Kovalenko Group", "ORG"))
    short = _with_mentions("Svaneti Resorts said the cabin was inspected.", "b", ("Svaneti Resorts", "PERSON"))
    index = resolve_entities([full, short], lexicon)
    assert _owners(index, "Svaneti Resorts") == _owners(index, "Svaneti Resorts LLC") != set()
    assert index.label_of(next(iter(_owners(index, "Svaneti Resorts")))) == "ORG"
    assert not _owners(index, "Eka Kovalenko") & _owners(index, "Kovalenko Group")


def test_a_place_ner_took_for_a_person_in_one_spelling_is_the_place_of_the_other(lexicon) -> None:  # noqa: ANN001
    """NER tags one transliteration of a village as a place and the other as a person; pooled,
    the spellings are one place, as two spellings that differ only in accents already are."""
    places = _with_mentions("Fire reached Kallithea and Kallithea burned.", "a",
                            ("Kallithea", "GPE"), ("Kallithea", "GPE"))
    person = _with_mentions("Residents of Kalithea fled to the beach.", "b", ("Kalithea", "PERSON"))
    index = resolve_entities([places, person], lexicon)
    assert _owners(index, "Kalithea") == _owners(index, "Kallithea") != set()
    assert index.label_of(next(iter(_owners(index, "Kalithea")))) == "GPE"


def _with_mentions(text: str, source_id: str, *names: tuple[str, str]) -> SourceClaims:
    """One source of story "s" whose NER found exactly `names` ((text, label) pairs) in `text`."""
    return SourceClaims(make_source(text, source_id=source_id, story="s"), (),
                        tuple(Mention(name, label, text.index(name), text.index(name) + len(name))
                              for name, label in names))


def test_a_short_form_in_brackets_is_the_name_before_it_in_every_source(lexicon) -> None:  # noqa: ANN001
    """Outlets translate a foreign body's name in different words, and give its own short form in
    brackets: all three spellings are one body. A person's bracket is a party, and a wire
    dateline's an agency, neither of them the name."""
    index = resolve_entities([
        _with_mentions("The National Disaster Mitigation Agency (BNPB) said 12 died.", "a",
                       ("National Disaster Mitigation Agency", "ORG")),
        _with_mentions("JAKARTA (AP) - The National Disaster Management Agency (BNPB) put the toll at 14.", "b",
                       ("JAKARTA", "GPE"), ("National Disaster Management Agency", "ORG")),
        _with_mentions("BNPB raised its figure. Lord Mayor Markus Brandl (CSU) spoke.", "c",
                       ("BNPB", "ORG"), ("Markus Brandl", "PERSON"), ("CSU", "ORG")),
    ], lexicon)
    body = _owners(index, "BNPB")
    assert body == _owners(index, "National Disaster Mitigation Agency") \
        == _owners(index, "National Disaster Management Agency") != set()
    assert not _owners(index, "AP")
    assert not _owners(index, "CSU") & _owners(index, "Markus Brandl")


def test_a_short_form_joins_a_name_ner_cut_short(lexicon) -> None:  # noqa: ANN001
    """NER cuts "Center for Volcanology and Geological Hazard Mitigation (PVMBG)" after "Volcanology":
    the short form still names the whole; a name written between is another's bracket."""
    cut = "The Center for Volcanology and Geological Hazard Mitigation (PVMBG) raised the alert."
    between = "The Democratic Party and Yoko Kamiyama (LDP) disagreed."
    index = resolve_entities([
        _with_mentions(cut, "a", ("Center for Volcanology", "ORG")),
        _with_mentions(between, "b", ("Democratic Party", "ORG"), ("Yoko Kamiyama", "PERSON")),
        _with_mentions("PVMBG said the LDP agreed.", "c", ("PVMBG", "ORG"), ("LDP", "ORG")),
    ], lexicon)
    assert _owners(index, "PVMBG") == _owners(index, "Center for Volcanology and Geological Hazard Mitigation") \
        == _owners(index, "Center for Volcanology") != set()
    assert not _owners(index, "LDP") & _owners(index, "Democratic Party")


def test_a_short_form_spells_the_name_before_it_however_ner_cut_it(lexicon) -> None:  # noqa: ANN001
    """NER splits "the National Grid Corporation of the Philippines (NGCP)" into a body and a country,
    and cuts "the Prime Minister's National Relief Fund (PMNRF)" after the title: the words whose
    initials spell the short form are its name. Initials that spell nothing name nothing."""
    grid = "Power failed, the National Grid Corporation of the Philippines (NGCP) said."
    fund = "Aid came from the Prime Minister's National Relief Fund (PMNRF) at once."
    index = resolve_entities([
        _with_mentions(grid, "a", ("National Grid Corporation", "ORG"), ("Philippines", "GPE")),
        _with_mentions(fund, "b", ("National Relief Fund", "ORG")),
        _with_mentions("NGCP restored it. PMNRF paid. Governor Ana Cruz (PDP) spoke.", "c",
                       ("NGCP", "ORG"), ("PMNRF", "ORG"), ("Ana Cruz", "PERSON"), ("PDP", "ORG")),
    ], lexicon)
    assert _owners(index, "NGCP") == _owners(index, "National Grid Corporation of the Philippines") != set()
    assert _owners(index, "PMNRF") == _owners(index, "Prime Minister's National Relief Fund") != set()
    assert not _owners(index, "PDP") & _owners(index, "Ana Cruz")


@pytest.mark.parametrize(("known", "untagged_text", "spelling"), [
    ("Nguyen Hoang Long", "Deputy Minister Nguyễn Hoàng Long said the ban was temporary.", "Nguyễn Hoàng Long"),
    ("Tran Quoc Hung", "Chairman Trần Quốc Hưng said exporters would comply.", "Trần Quốc Hưng"),
    ("Dragan Vukasinovic", "Police chief Dragan Vukašinović spoke.", "Dragan Vukašinović"),
    ("Lukasz Sieminski", "Mayor Łukasz Siemiński opened the bridge.", "Łukasz Siemiński"),
])
def test_a_spelling_with_letters_beyond_latin_1_joins_the_person_it_names(lexicon, known: str,  # noqa: ANN001
                                                                           untagged_text: str, spelling: str) -> None:
    """The small model tags "Nguyen Hoang Long" but not "Nguyễn Hoàng Long": the spelling with a
    language's own letters is read from the text, and kept as written, since it is the spelling a
    reader searches for."""
    index = resolve_entities([_tagged(f"{known}, 50, spoke.", "a", known), _tagged(untagged_text, "b")], lexicon)
    (person,) = [e for e in index.entities if name_key(e.name) == name_key(known)]
    assert spelling in (person.name, *person.aliases)


def test_a_town_ner_also_took_for_a_person_is_read_as_no_person(lexicon) -> None:  # noqa: ANN001
    """NER took "Tîrgu Neamţ" for a person in one outlet and "Târgu Neamț" for a place in another:
    "Targu Neamt", untagged in a third, is the town, never a spelling of that "person"."""
    index = resolve_entities([_with_mentions("Tîrgu Neamţ said the river rose.", "a", ("Tîrgu Neamţ", "PERSON")),
                              _with_mentions("Rain fell in Târgu Neamț.", "b", ("Târgu Neamț", "GPE")),
                              _tagged("Water rose in Targu Neamt overnight.", "c")], lexicon)
    assert not any("Targu Neamt" in (e.name, *e.aliases) for e in index.entities if e.label == "PERSON")


def test_a_place_the_story_writes_as_one_is_no_surname_of_a_name_ner_took_for_a_person(lexicon) -> None:  # noqa: ANN001
    """NER takes "Klinikum Kaltenbrunn" (a hospital) for a person; "Kaltenbrunn", which the story
    writes "in Kaltenbrunn", is the town, not the hospital's surname. "Yoon" tagged a place joins
    "Yoon Suk Yeol" still."""
    text = "Patients in Kaltenbrunn waited after Klinikum Kaltenbrunn was hit. Yoon left, and Yoon Suk Yeol spoke."
    index = resolve_entities([_with_mentions(text, "a", ("Kaltenbrunn", "GPE"), ("Klinikum Kaltenbrunn", "PERSON"),
                                             ("Yoon", "GPE"), ("Yoon Suk Yeol", "PERSON"))], lexicon)
    assert not _owners(index, "Kaltenbrunn") & _owners(index, "Klinikum Kaltenbrunn")
    assert _owners(index, "Yoon") == _owners(index, "Yoon Suk Yeol") != set()


def test_a_company_goes_by_its_first_words_and_its_legal_form_comes_and_goes(lexicon) -> None:  # noqa: ANN001
    """ "Carraway Industries Inc.", "Carraway Industries" and "Carraway" are one company, as are
    "Vintra AB" and "Vintra"; a town's police department is not the town."""
    index = resolve_entities([
        _with_mentions("Carraway Industries Inc. will buy Vintra AB. Alturas Police Department said.", "a",
                       ("Carraway Industries Inc.", "ORG"), ("Vintra AB", "ORG"), ("Alturas Police Department", "ORG")),
        _with_mentions("Carraway Industries agreed. Carraway and Vintra declined. Alturas grieved.", "b",
                       ("Carraway Industries", "ORG"), ("Carraway", "ORG"), ("Vintra", "ORG"), ("Alturas", "ORG")),
    ], lexicon)
    assert _owners(index, "Carraway") == _owners(index, "Carraway Industries") \
        == _owners(index, "Carraway Industries Inc.") != set()
    assert _owners(index, "Vintra") == _owners(index, "Vintra AB") != set()
    assert not _owners(index, "Alturas") & _owners(index, "Alturas Police Department")


def test_a_body_called_by_its_kind_is_the_one_name_of_that_kind(lexicon) -> None:  # noqa: ANN001
    """ "the Assembly" is the story's "National Assembly"; "the Council", of a story with two
    councils, is neither."""
    index = resolve_entities([
        _with_mentions("Protesters gathered outside the National Assembly. The Vest County Council met.", "a",
                       ("National Assembly", "ORG"), ("Vest County Council", "ORG")),
        _with_mentions("Police guarded the Assembly. The Nord City Council and the Council disagreed.", "b",
                       ("Assembly", "ORG"), ("Nord City Council", "ORG"), ("Council", "ORG")),
    ], lexicon)
    assert _owners(index, "Assembly") == _owners(index, "National Assembly") != set()
    assert not _owners(index, "Council") & (_owners(index, "Vest County Council") | _owners(index, "Nord City Council"))


def test_a_family_named_by_its_surname_is_none_of_its_members(lexicon) -> None:  # noqa: ANN001
    """"The Brinkleys" are a family: the plural is no slip of the pen for one Brinkley."""
    index = resolve_entities([_tagged("Judith Brinkley lost her son.", "a", "Judith Brinkley"),
                              _tagged("Neighbours said the Brinkleys moved in last year.", "b")], lexicon)
    assert not _owners(index, "Brinkleys") & _owners(index, "Judith Brinkley")


def test_a_person_is_spelled_without_the_possessive_ner_tagged(lexicon) -> None:  # noqa: ANN001
    """"Houser's" is no spelling of Houser; a place keeps its own ("McDonald's" is a restaurant)."""
    index = resolve_entities([_tagged("John Houser fired. Houser's wife left.", "a", "John Houser", "Houser's"),
                              SourceClaims(make_source("They met at McDonald's.", source_id="b", story="s"), (),
                                           (Mention("McDonald's", "FAC", 12, 22),))], lexicon)
    spellings = {entity.label: {entity.name, *entity.aliases} for entity in index.entities}
    assert spellings == {"PERSON": {"John Houser", "Houser"}, "GPE": {"McDonald's"}}


def test_a_person_is_also_spelled_with_the_honorifics_written_before_the_name(lexicon) -> None:  # noqa: ANN001
    """ "Mr Bakhit" (NER tagged the surname an organisation) and "Ms Justice Orla Hennessy" are how
    the sources wrote them: spellings of the person, listed among the aliases."""
    index = resolve_entities([
        _with_mentions("Omar Bakhit spoke. Ms Justice Orla Hennessy chaired it.", "a",
                       ("Omar Bakhit", "PERSON"), ("Orla Hennessy", "PERSON")),
        _with_mentions('"We agreed," Mr Bakhit said.', "b", ("Bakhit", "ORG")),
    ], lexicon)
    assert _owners(index, "Mr Bakhit") == _owners(index, "Omar Bakhit") != set()
    assert _owners(index, "Ms Justice Orla Hennessy") == _owners(index, "Orla Hennessy") != set()


def test_an_untagged_name_is_read_whole_through_its_accented_letters(lexicon) -> None:  # noqa: ANN001
    """NER took "Taoiseach Micheál Martin" for a title of a work; the name is read to its end, never cut at "á" into a
    "Miche" no one is called."""
    index = resolve_entities([
        _with_mentions("Micheal Martin spoke.", "a", ("Micheal Martin", "PERSON")),
        _with_mentions("Taoiseach Micheál Martin said it was fair.", "b", ("Taoiseach Micheál Martin", "WORK_OF_ART")),
    ], lexicon)
    names = {name for entity in index.entities for name in (entity.name, *entity.aliases)}
    assert not any(name.endswith("Miche") for name in names)
    assert _owners(index, "Micheál Martin") == _owners(index, "Micheal Martin") != set()


@pytest.mark.parametrize(("known", "untagged_text", "other"), [
    ("Chauncey Broadway Sr.", "His son, Chauncey 'Trey' Broadway, Jr., was shot.", "Chauncey 'Trey' Broadway, Jr."),
    ("Kim Jong Un", "Defense Minister Kim Yong Hyun criticised the move.", "Kim Yong Hyun"),
    ("Joseph Allen", "His brother, Michael Allen, was not hurt.", "Michael Allen"),
])
def test_an_untagged_name_of_another_person_never_joins_the_known_one(lexicon, known: str,  # noqa: ANN001
                                                                      untagged_text: str, other: str) -> None:
    index = resolve_entities([_tagged(f"{known} spoke on Monday.", "a", known), _tagged(untagged_text, "b")], lexicon)
    assert _owners(index, known) and not _owners(index, known) & _owners(index, other)


def test_initials_that_spell_a_suffix_join_the_full_name(lexicon) -> None:  # noqa: ANN001
    """ "J.R. Gustafson" (key "jr gustafson") is James Robert Gustafson: "Jr" first is initials."""
    index = resolve_entities([_tagged("James Robert Gustafson, 13, died.", "a", "James Robert Gustafson"),
                              _tagged("J.R. Gustafson was shot.", "b", "J.R. Gustafson")], lexicon)
    assert _owners(index, "James Robert Gustafson") == _owners(index, "J.R. Gustafson")


def test_initials_and_a_name_without_the_middle_one_join_through_the_full_name(lexicon) -> None:  # noqa: ANN001
    """ "AJ Perez" and "Armando Perez" tell the middle name apart, neither against the other: with
    "Armando J. Perez" of the story they are one man. "M. Allen" never joins two Allens of two names."""
    index = resolve_entities([_tagged("Armando J. Perez, 23, was shot.", "a", "Armando J. Perez"),
                              _tagged("AJ Perez was shot.", "b", "AJ Perez"),
                              _tagged("Armando Perez was shot.", "c", "Armando Perez")], lexicon)
    assert _owners(index, "AJ Perez") == _owners(index, "Armando Perez") == _owners(index, "Armando J. Perez")
    apart = resolve_entities([_tagged("Mark Allen and Michael Allen were shot.", "a", "Mark Allen", "Michael Allen"),
                              _tagged("MJ Allen was shot.", "b", "MJ Allen")], lexicon)
    assert not _owners(apart, "Mark Allen") & _owners(apart, "Michael Allen")


def test_a_claim_names_the_people_of_its_sentence_that_ner_missed(lexicon) -> None:  # noqa: ANN001
    """ "Malcom Hunt was shot Tuesday": NER tagged no one, resolution read Malcolm Hunt there, so
    the claim of that sentence concerns him (in the report and in alignment); a name read in
    another sentence is not the claim's."""
    text = "Police said Malcom Hunt was shot Tuesday. A man, 30, was arrested."
    sentence = "Police said Malcom Hunt was shot Tuesday."
    index = resolve_entities([_tagged("Malcolm Hunt, 24, died.", "a", "Malcolm Hunt"), _tagged(text, "b")], lexicon)
    shot, arrested = (Claim(id=f"b#{at}", source="b", kind="date", subject=Subject("shooting"), value="2024-01-02",
                            text=word, sentence=line, start=at, end=at + len(word))
                      for word, line, at in (("Tuesday", sentence, text.index("Tuesday")),
                                             ("30", "A man, 30, was arrested.", text.index("30"))))
    named, unnamed = with_untagged_names([shot, arrested], index)
    assert named.entities == ("Malcom Hunt",)
    assert index.resolve("b", "Malcom Hunt") == index.resolve("a", "Malcolm Hunt")
    assert unnamed.entities == ()


def _named(text: str, source_id: str, name: str, label: str, story: str = "s") -> SourceClaims:
    return SourceClaims(make_source(text, source_id=source_id, story=story), (),
                        (Mention(name, label, text.index(name), text.index(name) + len(name)),))


@pytest.mark.parametrize(("full", "full_label", "short", "short_label"), [
    ("Marion County", "GPE", "Marion", "ORG"),  # a generic last word, whatever label NER gave either
    ("Yonhap News Agency", "ORG", "Yonhap", "GPE"),
    ("Boeing Co.", "ORG", "Boeing", "ORG"),
    ("Saint Louis", "GPE", "St. Louis", "GPE"),  # a first word written short
    ("Federal Emergency Management Agency", "ORG", "FEMA", "ORG"),  # an acronym of its story's long name
    ("National Intelligence Service", "ORG", "N.I.S.", "ORG"),
    ("Ministry of Health of the Kyrgyz Republic", "ORG", "Health Ministry", "ORG"),  # its country left out
    ("Ministry of Defence of Ukraine", "ORG", "Ministry of Defence", "ORG"),
])
def test_a_place_or_body_written_short_is_the_one_written_in_full(lexicon, full: str, full_label: str,  # noqa: ANN001
                                                                 short: str, short_label: str) -> None:
    index = resolve_entities([_named(f"{full} said 12 homes burned.", "a", full, full_label),
                              _named(f"{short} said 12 homes burned.", "b", short, short_label)], lexicon)
    assert _owners(index, full) == _owners(index, short) != set()


@pytest.mark.parametrize(("one", "other", "same_story"), [
    ("Kansas City", "Kansas", True),  # "city" is no generic word: Kansas City is not Kansas
    ("Chicago Police Department", "Chicago", True),
    ("Federal Emergency Management Agency", "FEMA", False),  # an acronym is its own story's name only
])
def test_names_a_short_form_does_not_explain_stay_apart(lexicon, one: str, other: str,  # noqa: ANN001
                                                        same_story: bool) -> None:
    index = resolve_entities([_named(f"{one} said 12 homes burned.", "a", one, "ORG"),
                              _named(f"{other} said 12 homes burned.", "b", other, "ORG",
                                     story="s" if same_story else "t")], lexicon)
    assert not _owners(index, one) & _owners(index, other)


def test_a_body_of_a_story_of_two_countries_is_neither_country_s_without_its_country(lexicon) -> None:  # noqa: ANN001
    text = "The Ministry of Defence of Ukraine and the Ministry of Defence of Russia gave figures."
    mentions = tuple(Mention(name, "ORG", text.index(name), text.index(name) + len(name))
                     for name in ("Ministry of Defence of Ukraine", "Ministry of Defence of Russia"))
    index = resolve_entities([SourceClaims(make_source(text, source_id="a", story="s"), (), mentions),
                              _named("The Ministry of Defence said 12 homes burned.", "b", "Ministry of Defence", "ORG")],
                             lexicon)
    assert not _owners(index, "Ministry of Defence") & _owners(index, "Ministry of Defence of Ukraine")
    assert not _owners(index, "Ministry of Defence") & _owners(index, "Ministry of Defence of Russia")


def test_an_acronym_two_long_names_of_its_story_spell_is_neither(lexicon) -> None:  # noqa: ANN001
    text = "Chicago Police Department and Chicago Public Defenders met. CPD said 12 homes burned."
    mentions = tuple(Mention(name, "ORG", text.index(name), text.index(name) + len(name))
                     for name in ("Chicago Police Department", "Chicago Public Defenders", "CPD"))
    index = resolve_entities([SourceClaims(make_source(text, source_id="a", story="s"), (), mentions)], lexicon)
    assert len({e.id for name in ("Chicago Police Department", "Chicago Public Defenders", "CPD")
                for e in index.entities if name in (e.name, *e.aliases)}) == 3


@pytest.mark.parametrize(("written", "name"), [
    ("World Health Organization (WHO", "World Health Organization"),  # NER took an unclosed bracket in
    ("the U.S.'s", "U.S."),
    ("Ministry of Health (Kyrgyzstan) office", "Ministry of Health (Kyrgyzstan) office"),  # a closed one stays
])
def test_a_mention_is_named_without_what_ner_took_in_by_mistake(written: str, name: str) -> None:
    from checker.extract.context import surface_name

    assert surface_name(written) == name


@pytest.mark.parametrize(("text", "site"), [
    ("The aircraft returned to Marechal Rondon airport and landed at 10:52 a.m.", "Marechal Rondon airport"),
    ("Students at Joseph Brennemann Elementary School were safe, police said.", "Joseph Brennemann Elementary School"),
])
def test_a_site_ner_took_for_a_person_is_the_site(nlp, lexicon, text: str, site: str) -> None:  # noqa: ANN001
    """NER tags "Marechal Rondon" a person and leaves "airport" out: a name ending in a site's word,
    or followed by one, is the site, so no person of that name joins the story's people."""
    from checker.extract import extract

    mentions = extract(make_source(text), nlp(text), lexicon).mentions
    assert [m.label for m in mentions if m.text == site] == ["FAC"]
    assert not [m for m in mentions if m.label == "PERSON"]


@pytest.mark.parametrize(("text", "person"), [
    ('"Records were broken," AEMET spokeswoman Beatriz Aranda Solís told EFE.', "Beatriz Aranda Solís"),
    ("Also freed was Major General Nasser Hadi al-Qubati, a senior army commander.", "Nasser Hadi al-Qubati"),
    ("Sikka Regent Frans Lengari said the regency had used its emergency fund.", "Frans Lengari"),
    ("The unit was led by army Colonel Marco Pacheco, officials said.", "Marco Pacheco"),
    ("Cundinamarca Governor Andres Villamizar visited the mine on Sunday.", "Andres Villamizar"),
])
def test_a_given_name_ner_left_out_after_a_description_is_the_name_s(nlp, lexicon, text: str,  # noqa: ANN001
                                                                     person: str) -> None:
    """NER begins "spokeswoman Beatriz Aranda Solís" at "Aranda": the given name after a description
    in lower case is the person's, but a rank or a title after another capitalised word is not, nor
    the place NER ran on into before a title ("Cundinamarca Governor")."""
    from checker.extract import extract

    mentions = extract(make_source(text), nlp(text), lexicon).mentions
    assert [m.text for m in mentions if m.label == "PERSON"] == [person]


def test_a_name_after_a_closing_quote_that_speaks_is_a_person(nlp, lexicon) -> None:  # noqa: ANN001
    """The small model takes the name after a closing quotation mark for a work of art; one that
    speaks is a person, and joins the same person written without the accent elsewhere."""
    from checker.extract import extract

    texts = {"a": '"Today some of that waiting comes to an end," Céline Dufresne, head of the ICRC delegation, '
                  'told reporters.',
             "b": "Celine Dufresne, who heads the ICRC delegation, said the flights would continue."}
    extracted = [extract(make_source(text, source_id=sid), nlp(text), lexicon) for sid, text in texts.items()]
    assert [m.label for m in extracted[0].mentions if m.text == "Céline Dufresne"] == ["PERSON"]
    index = resolve_entities(extracted, lexicon)
    assert _owners(index, "Céline Dufresne") & _owners(index, "Celine Dufresne")


def test_spellings_of_one_name_take_one_label(lexicon) -> None:  # noqa: ANN001
    """NER labels each spelling on its own: "Almodóvar del Río" a person in one outlet and
    "Almodovar del Rio" an organisation in another are still one town."""
    index = resolve_entities([
        _with_mentions("Temperatures in Almodóvar del Río reached 46.2C.", "a", ("Almodóvar del Río", "PERSON")),
        _with_mentions("Almodovar del Rio recorded 46.2C on Tuesday.", "b", ("Almodovar del Rio", "ORG")),
    ], lexicon)
    assert [entity.aliases for entity in index.entities] == [("Almodovar del Rio",)]


def test_a_name_ending_in_a_kind_of_place_or_body_is_no_person(lexicon) -> None:  # noqa: ANN001
    """The small model tags foreign places and bodies as people; "West Bandung Regency" is West
    Bandung and "Voar Airlines" is Voar, whatever NER called them."""
    index = resolve_entities([
        _with_mentions("Rain hit West Bandung Regency. Voar Airlines said the crew was safe.", "a",
                       ("West Bandung Regency", "PERSON"), ("Voar Airlines", "PERSON")),
        _with_mentions("Villages in West Bandung were buried. Voar grounded its fleet.", "b",
                       ("West Bandung", "GPE"), ("Voar", "ORG")),
    ], lexicon)
    assert _owners(index, "West Bandung Regency") == _owners(index, "West Bandung") != set()
    assert _owners(index, "Voar Airlines") == _owners(index, "Voar") != set()


def test_an_airport_is_named_with_or_without_international(lexicon) -> None:  # noqa: ANN001
    """ "Marechal Rondon International Airport" and "Marechal Rondon airport" are one airport,
    whichever of organisation and place NER took each for."""
    index = resolve_entities([
        _with_mentions("The plane landed at Marechal Rondon International Airport.", "a",
                       ("Marechal Rondon International Airport", "ORG")),
        _with_mentions("Passengers waited at Marechal Rondon airport.", "b", ("Marechal Rondon airport", "GPE")),
    ], lexicon)
    assert len(index.entities) == 1


def test_a_name_ner_began_late_is_its_short_form_from_its_first_word(lexicon) -> None:  # noqa: ANN001
    """NER tags "Geophysics Agency" of "the Meteorology, Climatology, and Geophysics Agency
    (BMKG)": the capitalised words before it are the name too, and the whole is BMKG; a title
    before a name is no part of it."""
    text = "The West Java office of the Meteorology, Climatology, and Geophysics Agency (BMKG) warned of rain."
    index = resolve_entities([
        _with_mentions(text, "a", ("Geophysics Agency", "ORG"), ("BMKG", "ORG")),
        _with_mentions("Governor Dedi Mulyadi (Gerindra) said the BMKG warning came late.", "b",
                       ("Dedi Mulyadi", "ORG"), ("BMKG", "ORG")),
    ], lexicon)
    assert _owners(index, "Meteorology, Climatology, and Geophysics Agency") == _owners(index, "BMKG") != set()
    assert not _owners(index, "Governor Dedi Mulyadi")


def test_a_body_ner_tagged_nowhere_is_its_bracketed_short_form(lexicon) -> None:  # noqa: ANN001
    """ "the West Bandung Disaster Mitigation Agency (BPBD)" with only "BPBD" tagged: the
    capitalised words before the bracket name the body, as they end in a body's word; a person's
    name before a party's short form never does."""
    index = resolve_entities([
        _with_mentions("Data from the West Bandung Disaster Mitigation Agency (BPBD) showed the toll.", "a",
                       ("BPBD", "ORG")),
        _with_mentions("The BPBD said 12 houses were buried. Lord Mayor Markus Brandl (CSU) spoke.", "b",
                       ("BPBD", "ORG"), ("CSU", "ORG")),
    ], lexicon)
    assert _owners(index, "West Bandung Disaster Mitigation Agency") == _owners(index, "BPBD") != set()
    assert not _owners(index, "Markus Brandl")


def test_a_sum_ner_took_for_a_name_is_no_entity(nlp, lexicon) -> None:  # noqa: ANN001
    """NER tags "RM14.5bn" a place and "Sh148m" a body: a sum written with its currency is no name."""
    from checker.extract import extract

    text = "The company will invest RM14.5bn in Johor. The tender was worth Sh148m, officials said in Nairobi."
    extracted = extract(make_source(text, source_id="a"), nlp(text), lexicon)
    assert "Nairobi" in {m.text for m in extracted.mentions}
    assert not any(any(ch.isdigit() for ch in m.text) for m in extracted.mentions)
    assert not any(any(ch.isdigit() for ch in name) for claim in extracted.claims for name in claim.entities)


@pytest.mark.parametrize(("text", "names"), [
    ("The executive of Lisbon City Council (Câmara Municipal de Lisboa, CML) approved the budget.",
     ["Lisbon City Council", "Câmara Municipal de Lisboa", "CML"]),
    # NER took the bracket in, unclosed: "the National Police (Policía Nacional"
    ("Agents of the National Police (Policía Nacional) and the National Customs Service of Ecuador (SENAE) found it.",
     ["National Police", "Policía Nacional"]),
])
def test_a_body_s_own_name_in_brackets_is_that_body(nlp, lexicon, text: str, names: list[str]) -> None:  # noqa: ANN001
    """A foreign body's name in its own language, with its short form or without, written in
    brackets after the English one, is that body in every source of the story."""
    from checker.extract import extract

    index = resolve_entities([extract(make_source(text, source_id="a", story="s"), nlp(text), lexicon)], lexicon)
    owners = [_owners(index, name) for name in names]
    assert owners[0] and all(owner == owners[0] for owner in owners)


@pytest.mark.parametrize(("text", "person_span", "expected"), [
    ("Ferrovalle CEO Eduardo Garza said the offer was final.", 4, ("Eduardo Garza", "PERSON")),
    ("Syarikat Air Darul Aman said supply would resume.", 4, ("Syarikat Air Darul Aman", "ORG")),
])
def test_a_person_span_ner_ran_on_over_a_body_and_a_title(nlp, lexicon, text: str, person_span: int,  # noqa: ANN001
                                                          expected: tuple[str, str]) -> None:
    """A name after an office title inside a PERSON span is the person ("Ferrovalle CEO Eduardo
    Garza"); a rank's first word is no title ("Air" of "Air Marshal"), and a body's generic first
    word makes the span a body ("Syarikat Air Darul Aman", Malay for a company)."""
    from spacy.tokens import Span

    from checker.extract import repair_entities

    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, 0, person_span, label="PERSON")]
    repair_entities(doc, lexicon)
    assert (doc.ents[0].text, doc.ents[0].label_) == expected
