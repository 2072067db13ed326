"""Stage 1: files -> sources.

Reads plain text and Markdown (with optional header lines), HTML (article text only, through
trafilatura) and JSON Lines (one article a record). Anything unreadable becomes a `Skipped`
with a one-line reason instead of an exception, so one bad file never stops a run; what was
read but repaired (a JSONL id used twice) becomes a `Notice`.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, NamedTuple

from checker.model import Notice, Skipped, Source

SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl"}
DEFAULT_MAX_BYTES = 5_000_000
STDIN = Path("-")  # as a path to read: one article from standard input

_HTML_START = re.compile(r"\s*(<!doctype html|<html)", re.IGNORECASE)
_HEADER = re.compile(r"^(title|source|url|published|date|story)\s*:\s*(.*)$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Byte-order marks of the encodings whose text holds NUL bytes (UTF-32 first: its LE mark starts like UTF-16's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Only dates that name their day: relative ones ("yesterday", "Sunday") would be read against the
# wall clock, and the same input would give another report tomorrow.
_ABSOLUTE_DATES = {"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}


class SourceError(Exception):
    """A source that cannot be read; the message is the one-line reason."""


class ReadResult(NamedTuple):
    """What a read found: the sources, the inputs (or records) skipped, and repairs worth knowing."""

    sources: tuple[Source, ...]
    skipped: tuple[Skipped, ...]
    notices: tuple[Notice, ...] = ()


class FileRead(NamedTuple):
    """One file's sources, with the per-record problems (skipped records) and notices of a JSONL file."""

    sources: list[Source]
    problems: list[str]
    notices: list[str]


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the readable files under `paths` (folders recursively), in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                              and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            yield path


def read_paths(paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, story_from_folder: bool = False,
               stdin: BinaryIO | None = None) -> ReadResult:
    """Read every file under `paths` (`-`: one article from `stdin`); unreadable ones are skipped with their reason."""
    sources: list[Source] = []
    skipped: list[Skipped] = []
    notices: list[Notice] = []
    seen_ids: set[str] = set()
    for path in discover(paths):
        try:
            found, problems, notes = read_stdin(stdin, max_bytes=max_bytes) if path == STDIN else \
                read_file(path, max_bytes=max_bytes)
            skipped.extend(Skipped(shown(path), problem) for problem in problems)
            notices.extend(Notice(shown(path), note) for note in notes)
            for source in found:
                if story_from_folder and source.story is None:
                    source = _with(source, story=path.parent.name)
                if source.id in seen_ids:  # two files with one stem: keep both, ids stay unique
                    source = _with(source, id=f"{source.id}~{len(seen_ids)}")
                seen_ids.add(source.id)
                sources.append(source)
        except SourceError as error:
            skipped.append(Skipped(shown(path), str(error)))
        except Exception as error:  # a library's failure on one input is that input's problem, not the run's
            skipped.append(Skipped(shown(path), _library_failure(error)))
    return ReadResult(tuple(sources), tuple(skipped), tuple(notices))


def _library_failure(error: Exception) -> str:
    return f"could not be read: {type(error).__name__}: {error}".strip()


def shown(path: Path) -> str:
    """A path as text that can always be printed and stored: bytes no encoding explains become `\\xff`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def location(path: Path) -> str:
    """Where a file is, whatever spelling reached it: its resolved path, shown (the store's key)."""
    return shown(path.resolve())


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileRead:
    """Read one file into its sources (a JSONL file may hold many), its skipped records and notices.

    Raises:
        SourceError: the file is missing, unreadable, not a regular file, empty, binary, too large or
            of an unknown kind.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"unsupported file type '{suffix or shown(path)}' (expected .txt, .md, .html or .jsonl)")
    try:
        status = path.stat()
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror or error}") from error
    if not stat.S_ISREG(status.st_mode):  # a FIFO or a device would block the run or never end
        raise SourceError("not a regular file")
    if suffix == ".jsonl":  # a corpus: read record by record, the size limit applies to each article
        return _read_jsonl(path, max_bytes)
    if status.st_size > max_bytes:
        raise SourceError(f"file is {status.st_size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror or error}") from error
    text = decode(data)
    if not text.strip():
        raise SourceError("file is empty")
    name = shown(path)
    if suffix in {".html", ".htm"}:
        return FileRead([replace(_read_html(text, source_id=Path(name).stem, path=name), key=location(path))], [], [])
    return FileRead([replace(parse_text(text, source_id=Path(name).stem, path=name), key=location(path))], [], [])


def read_stdin(stream: BinaryIO | None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileRead:
    """One article piped in: an HTML page, or text with optional header lines; its id is `stdin`.

    Raises:
        SourceError: nothing to read, empty, binary or too large.
    """
    if stream is None:
        raise SourceError("no standard input to read")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(f"standard input is over the {max_bytes:,}-byte limit (--max-bytes)")
    text = decode(data)
    if not text.strip():
        raise SourceError("standard input is empty")
    if _HTML_START.match(text):
        return FileRead([_read_html(text, source_id="stdin", path=str(STDIN))], [], [])
    return FileRead([parse_text(text, source_id="stdin", path=str(STDIN))], [], [])


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (or UTF-16/32 with a byte-order mark), else as the most likely legacy
    encoding (cp1252, latin-1...).

    Raises:
        SourceError: the bytes are binary (NUL bytes, or no encoding explains them).
    """
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)  # the codec reads the mark and drops it
            except UnicodeDecodeError as error:
                raise SourceError(f"undecodable {encoding.upper()} text") from error
    if b"\x00" in data[:65536]:
        raise SourceError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only paid for non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise SourceError("binary or undecodable text")
    return str(best)


def parse_text(raw: str, *, source_id: str, path: str, story: str | None = None) -> Source:
    """Split optional `Key: value` header lines from the body of a text article."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.split("\n")
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines) and (match := _HEADER.match(lines[index].strip())):
        headers[match.group(1).lower()] = match.group(2).strip()
        index += 1
    first_line = 1
    if headers and index < len(lines) and not lines[index].strip():
        body = "\n".join(lines[index + 1:])
        first_line = index + 2
    else:
        headers, body = {}, raw
    title = headers.get("title") or guess_title(body)
    return Source(
        id=source_id,
        path=path,
        title=title[:300],
        text=body,
        url=headers.get("url") or headers.get("source") or None,
        published=normalise_date(headers.get("published") or headers.get("date")),
        story=headers.get("story") or story,
        first_line=first_line,
    )


def guess_title(body: str, *, look: int = 6) -> str:
    """The line near the top that reads like the article's headline.

    Web text often starts with menus, bylines or "close" buttons. A headline is a line of a
    few words whose content words recur in the article; a menu's words do not.
    """
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if not lines:
        return ""
    distinct = list(dict.fromkeys(line.lower() for line in lines))
    vocabulary = Counter(w for line in distinct for w in set(re.findall(r"[a-z]{4,}", line)))
    best, best_score = lines[0], 0.3
    for position, line in enumerate(lines[:look]):
        words = set(re.findall(r"[a-z]{4,}", line.lower()))
        if not 4 <= len(line.split()) <= 30 or not words or line.endswith("."):
            continue
        recurring = sum(vocabulary[w] > 1 for w in words) / len(words)  # used by another line too
        score = recurring * min(1.0, len(words) / 5) - 0.02 * position
        if score > best_score:
            best, best_score = line, score
    return best


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a header or record value; None when the value names no real
    day ("2024-13-45") or only one relative to today ("yesterday")."""
    if not value:
        return None
    value = str(value).strip()
    if match := _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(match.group(0)).isoformat()
        except ValueError:
            return None
    import dateparser  # rare path: non-ISO header dates

    parsed = dateparser.parse(value, languages=["en"], settings=_ABSOLUTE_DATES)
    return parsed.date().isoformat() if parsed else None


_OWN_REPORT = re.compile(r'<meta name="generator" content="crosscheck', re.IGNORECASE)


def is_crosscheck_report(html: str) -> bool:
    """Whether an HTML file is a report crosscheck wrote (into a folder it checks), not an article."""
    return bool(_OWN_REPORT.search(html[:2000]))


def _read_html(html: str, *, source_id: str, path: str) -> Source:
    if is_crosscheck_report(html):
        raise SourceError("a crosscheck report, not an article")
    try:
        import trafilatura
    except ImportError as error:  # a broken install: say which module is missing, keep the run going
        raise SourceError(f"cannot read HTML, a library is missing: {error}".replace("\n", " ")) from error
    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                               include_tables=False, favor_precision=True)
    except Exception as error:  # trafilatura raises many kinds on broken markup
        raise SourceError(f"malformed HTML: {type(error).__name__}: {error}") from error
    if document is None:
        raise SourceError("no article text found in HTML")
    get = document.get if isinstance(document, dict) else (lambda key: getattr(document, key, None))
    text = get("text") or ""
    if not text.strip():
        raise SourceError("no article text found in HTML")
    title = get("title") or next((line for line in text.split("\n") if line.strip()), "")
    return Source(id=source_id, path=path, title=title.strip()[:300], text=text,
                  url=get("url") or None, published=normalise_date(get("date")), first_line=None)


def _read_jsonl(path: Path, max_bytes: int) -> FileRead:
    """One source per line, streamed; bad lines are reported, the file fails only when none is good.

    A record keeps its id as its key in the file. An id used again for other content is read
    under the id plus a digest of its content (stable wherever the record moves) and noticed; a
    record that repeats an earlier one exactly is skipped, as it holds nothing new.
    """
    read = FileRead([], [], [])
    seen: dict[str, dict[str, int]] = {}  # record id -> {content digest: line}
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    _read_record(path, number, raw, max_bytes, read, seen)
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror or error}") from error
    if not read.sources:
        raise SourceError("; ".join(read.problems[:3]) or "file is empty")
    return read


def _read_record(path: Path, number: int, raw: bytes, max_bytes: int, read: FileRead,
                 seen: dict[str, dict[str, int]]) -> None:
    """Add one JSONL line to `read`: as a source, a problem or (for a reused id) a source and a notice."""
    if len(raw) > max_bytes:
        read.problems.append(f"line {number}: {len(raw):,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
        return
    try:
        record = json.loads(decode(raw))
    except (json.JSONDecodeError, SourceError) as error:
        read.problems.append(f"line {number}: not JSON ({getattr(error, 'msg', error)})")
        return
    except RecursionError:
        read.problems.append(f"line {number}: not JSON (nested too deeply)")
        return
    try:
        source = _record_source(path, number, record)
    except SourceError as error:
        read.problems.append(f"line {number}: {error}")
        return
    except Exception as error:  # one record a library chokes on must not cost the file
        read.problems.append(f"line {number}: {_library_failure(error)}")
        return
    digest = _digest(source)
    earlier = seen.setdefault(source.id, {})
    if digest in earlier:
        read.problems.append(f"line {number}: same id and text as line {earlier[digest]}")
        return
    if earlier:
        unique = f"{source.id}~{digest[:8]}"
        read.notices.append(f"line {number}: id '{source.id}' repeats line {min(earlier.values())}; read as '{unique}'")
        source = _with(source, id=unique, path=f"{shown(path)}#{unique}", key=f"{location(path)}#{unique}")
    earlier[digest] = number
    read.sources.append(source)


def _digest(source: Source) -> str:
    content = "\x1f".join([source.text, source.title, source.url or "", source.published or "", source.story or ""])
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _record_source(path: Path, number: int, record: object) -> Source:
    """A JSONL record as a source.

    JSON may spell a lone UTF-16 surrogate ("\\ud800"), which no UTF-8 output can hold: each
    becomes U+FFFD, one character for one, so offsets into the text stay true.

    Raises:
        SourceError: the record has no `text` string, or only whitespace in it.
    """
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise SourceError("no 'text'")
    if not record["text"].strip():
        raise SourceError("empty text")

    def field(key: str) -> str | None:
        value = record.get(key)
        return _SURROGATE.sub("\ufffd", str(value)) if value is not None and value != "" else None

    record_id = field("id") or f"{Path(shown(path)).stem}-{number}"
    body = field("text") or ""
    title = field("title") or guess_title(body)
    return Source(id=record_id, path=f"{shown(path)}#{record_id}", title=title.strip()[:300], text=body,
                  url=field("url"), published=normalise_date(field("published")), story=field("story"),
                  first_line=None, key=f"{location(path)}#{record_id}")


def _with(source: Source, **changes: str) -> Source:
    return replace(source, **changes)
