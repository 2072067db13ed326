"""`[tool.crosscheck]` in the working directory's pyproject.toml: defaults for the command line.

Command-line flags win over the file. Every key is checked before any work, and every problem
is reported at once, naming the file and the key.
"""
from __future__ import annotations

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
}


class ConfigError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_config(directory: Path) -> dict[str, Any]:
    """The `[tool.crosscheck]` table of `directory/pyproject.toml` ({} when there is none).

    Raises:
        ConfigError: the file is not TOML, or a key is unknown or of the wrong type.
    """
    path = directory / "pyproject.toml"
    if not path.is_file():
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
    problems = []
    for key, value in table.items():
        if key not in KEYS:
            problems.append(f"{path}: tool.crosscheck.{key}: unknown key (known: {', '.join(KEYS)})")
            continue
        kind, allowed = KEYS[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            problems.append(f"{path}: tool.crosscheck.{key}: must be a {kind.__name__}, not {type(value).__name__}")
        elif allowed is not None and value not in allowed:
            problems.append(f"{path}: tool.crosscheck.{key}: '{value}' must be one of {', '.join(allowed)}")
        elif key == "rules" and not all(isinstance(item, str) for item in value):
            problems.append(f"{path}: tool.crosscheck.rules: must be a list of folder paths")
        elif kind is int and value < 1:
            problems.append(f"{path}: tool.crosscheck.{key}: must be at least 1")
    if problems:
        raise ConfigError(problems)
    return table
