"""`[tool.crosscheck]` in the nearest pyproject.toml: defaults for the command line.

The file is looked for in the working directory and then in each folder above it, as ruff and
pytest do, so a run from a project's subfolder uses the project's settings; a pyproject.toml
without the table is passed over. Paths in the table are relative to the file's folder.
Command-line flags win over the file. Every key is checked before any work, and every problem
is reported at once, naming the file and the key.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

FAIL_ON = ("error", "warning", "info", "never")
# key -> (type, allowed values or None)
KEYS: dict[str, tuple[type, tuple[str, ...] | None]] = {
    "rules": (list, None),
    "fail-on": (str, FAIL_ON),
    "json": (str, None),
    "html": (str, None),
    "sarif": (str, None),
    "junit": (str, None),
    "baseline": (str, None),
    "format": (str, ("terminal", "github")),
    "stories": (str, ("field", "folder", "auto")),
    "jobs": (int, None),
    "max-bytes": (int, None),
    "strict": (bool, None),
    "engine": (str, ("local", "dask")),
    "scheduler": (str, None),
    "model": (str, None),
}
PATH_KEYS = ("json", "html", "sarif", "junit", "baseline")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?)?b?\s*$", re.IGNORECASE)
_SCALE = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}


class ConfigError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_size(text: str | int) -> int:
    """A byte count as people write it: 5000000, "5MB", "5 MB", "512KiB", "1.5G".

    Raises:
        ValueError: not a size, or less than one byte.
    """
    if isinstance(text, int):
        size = text
    elif match := _SIZE.match(text):
        size = int(float(match.group(1)) * _SCALE[(match.group(2) or "").lower()])
    else:
        raise ValueError(f"'{text}' is not a size (examples: 5000000, 5MB, 512KB, 1MiB)")
    if size < 1:
        raise ValueError(f"'{text}' must be at least 1 byte")
    return size


def find_config(directory: Path) -> Path | None:
    """The nearest pyproject.toml at or above `directory` that has a `[tool.crosscheck]` table.

    A file that cannot be read, or whose `tool` is not a table, is returned as found, so
    `load_config` reports it rather than silently using a file further up.
    """
    for folder in [directory, *directory.parents]:
        path = folder / "pyproject.toml"
        if not path.is_file():
            continue
        try:
            tool = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            return path
        if not isinstance(tool, dict) or "crosscheck" in tool:
            return path
    return None


def load_config(directory: Path) -> dict[str, Any]:
    """The `[tool.crosscheck]` table of the nearest pyproject.toml ({} when there is none).

    Relative paths in it (rules, reports, baseline) are made relative to the file's folder.

    Raises:
        ConfigError: the file is not TOML, or a key is unknown or of the wrong type.
    """
    path = find_config(directory)
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError([f"{path}: cannot read: {error}"]) from error
    except RecursionError as error:
        raise ConfigError([f"{path}: cannot read: nested too deeply"]) from error
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError([f"{path}: tool: must be a table"])
    table = tool.get("crosscheck", {})
    if not isinstance(table, dict):
        raise ConfigError([f"{path}: tool.crosscheck: must be a table"])
    problems = [problem for key, value in table.items() for problem in _problems(path, key, value)]
    if problems:
        raise ConfigError(problems)
    return _anchored(table, path.parent)


def _problems(path: Path, key: str, value: Any) -> list[str]:
    """What is wrong with one key of the table (nothing, usually)."""
    where = f"{path}: tool.crosscheck.{key}"
    if key not in KEYS:
        return [f"{where}: unknown key (known: {', '.join(KEYS)})"]
    if key == "max-bytes" and isinstance(value, str | int) and not isinstance(value, bool):
        try:
            parse_size(value)
        except ValueError as error:
            return [f"{where}: {error}"]
        return []
    kind, allowed = KEYS[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        return [f"{where}: must be a {kind.__name__}, not {type(value).__name__}"]
    if allowed is not None and value not in allowed:
        return [f"{where}: '{value}' must be one of {', '.join(allowed)}"]
    if key == "rules" and not all(isinstance(item, str) for item in value):
        return [f"{where}: must be a list of folder paths"]
    if kind is int and value < 1:
        return [f"{where}: must be at least 1"]
    return []


def _anchored(table: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The table with its paths made relative to the config file's folder, sizes in bytes."""
    anchored = dict(table)
    for key in PATH_KEYS:
        if key in anchored:
            anchored[key] = str(folder / anchored[key])
    if "rules" in anchored:
        anchored["rules"] = [str(folder / item) for item in anchored["rules"]]
    if "max-bytes" in anchored:
        anchored["max-bytes"] = parse_size(anchored["max-bytes"])
    return anchored
