"""Where reports may go: a report creates a file or replaces a regular one, nothing else.

Reports are written by renaming a temp file over the target, which replaces whatever is there:
run as root, `--json /dev/null` would replace the system's /dev/null with a JSON file. So before
any work is done, each target must be missing or a regular file, no two reports may share one,
and no report may overwrite what the run reads (an article, a JSONL corpus, the store).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from checker.atomic import not_a_regular_file
from checker.sources import discover, is_crosscheck_report


def target_problems(targets: Mapping[str, Path], inputs: Iterable[Path], store: Path | None = None) -> list[str]:
    """Every reason the reports cannot be written where asked, one line each (empty: all fine).

    Args:
        targets: each report's option ("--json") and path.
        inputs: the PATHs the run reads (files and folders).
        store: the SQLite store the run reads, if any.
    """
    problems = []
    read = {path.resolve() for path in discover(inputs) if not _is_own_report(path)}
    if store is not None:
        read.add(store.resolve())
    claimed: dict[Path, str] = {}
    for option, path in targets.items():
        resolved = path.resolve()
        kind = not_a_regular_file(path)
        if kind is not None:
            problems.append(f"{path}: {option}: is {kind}; a report replaces only a regular file")
        elif resolved in read:
            problems.append(f"{path}: {option}: is an input of this run; a report would replace it")
        if resolved in claimed:
            problems.append(f"{path}: {claimed[resolved]} and {option} name the same file")
        claimed.setdefault(resolved, option)
    return problems


def _is_own_report(path: Path) -> bool:
    """An HTML report from an earlier run in a folder it checks: not read, so it may be replaced."""
    if path.suffix.lower() not in {".html", ".htm"} or not path.is_file():  # never open a FIFO
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return is_crosscheck_report(head.decode("utf-8", errors="replace"))
