"""Where a claim sits in its file: line and column, for SARIF, annotations and editors."""
from __future__ import annotations

from dataclasses import dataclass

from checker.model import Claim, Source


@dataclass(frozen=True)
class Location:
    path: str  # the file (a JSONL record's file, without "#id")
    line: int | None  # 1-based; None when the text is not a verbatim slice of the file
    column: int | None
    end_line: int | None
    end_column: int | None
    record: str | None  # the JSONL record id, when the source is one


def locate(claim: Claim, source: Source) -> Location:
    path, _, record = source.path.partition("#")
    if source.first_line is None:
        return Location(path, None, None, None, None, record or None)
    text = source.text

    def line_col(offset: int) -> tuple[int, int]:
        line = source.first_line + text.count("\n", 0, offset)  # type: ignore[operator]
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    (line, column), (end_line, end_column) = line_col(claim.start), line_col(claim.end)
    return Location(path, line, column, end_line, end_column, record or None)
