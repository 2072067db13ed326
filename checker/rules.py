"""Rule files: what is compared, how, and how serious a difference is.

A rule is data (`rules/CC101-count-mismatch.toml`): an id and slug, a description and
rationale, the claim kinds it applies to, a comparator from the registry in `compare.py` with
its parameters, and a severity (optionally by reason). Loading validates every file and
reports every problem at once, each with its file and key, before any article is read.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from checker.compare import COMPARATORS
from checker.model import SEVERITIES, Kind, Reason
from checker.resources import data_dir

KINDS: tuple[str, ...] = get_args(Kind)
REASONS: tuple[str, ...] = get_args(Reason)
_ID = re.compile(r"^[A-Z]{1,4}\d{2,4}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# every key a rule file may have: a misspelt one ("severty") would otherwise be ignored in silence
_KEYS = frozenset({"id", "slug", "description", "rationale", "severity", "applies", "comparator", "severity_by_reason"})
_APPLIES_KEYS = frozenset({"kinds", "subtypes", "units", "not_units"})


class RuleError(Exception):
    """Rule files that cannot be used; `problems` lists each as 'file: key: what is wrong'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Rule:
    id: str
    slug: str
    description: str
    rationale: str
    kinds: tuple[str, ...]
    comparator: str
    params: dict[str, Any] = field(hash=False)
    severity: str
    severity_by_reason: dict[str, str] = field(hash=False)
    subtypes: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # only figures in these units ("magnitude")...
    not_units: tuple[str, ...] = ()  # ...or all but these
    path: str = ""

    def applies_to(self, kind: str, subtype: str | None, unit: str | None = None) -> bool:
        return kind in self.kinds and (not self.subtypes or subtype in self.subtypes) \
            and (not self.units or unit in self.units) and unit not in self.not_units

    def severity_for(self, reason: str) -> str:
        return self.severity_by_reason.get(reason, self.severity)


def default_rule_dirs() -> list[Path]:
    return [data_dir("rules")]


def load_rules(directories: Iterable[Path]) -> list[Rule]:
    """Every rule in `directories` (`*.toml`, not recursing into `lexicon/`), sorted by id.

    Raises:
        RuleError: with every problem found in every file.
    """
    problems: list[str] = []
    rules: list[Rule] = []
    for directory in directories:
        if not directory.is_dir():
            problems.append(f"{directory}: not a folder of rule files")
            continue
        for path in sorted(directory.glob("*.toml")):
            rule = _parse(path, problems)
            if rule is not None:
                rules.append(rule)
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            problems.append(f"{rule.path}: id: '{rule.id}' is already used by {seen[rule.id]}")
        seen.setdefault(rule.id, rule.path)
    if not rules and not problems:
        problems.append(f"{', '.join(map(str, directories))}: no rule files (*.toml)")
    if problems:
        raise RuleError(problems)
    return sorted(rules, key=lambda r: r.id)


def _parse(path: Path, problems: list[str]) -> Rule | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path}: cannot read: {error}")
        return None
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{path}: not valid TOML: {error}")
        return None
    except RecursionError:
        problems.append(f"{path}: not valid TOML: nested too deeply")
        return None
    before = len(problems)
    problems.extend(f"{path}: {key}: unknown key" for key in data if key not in _KEYS)

    def need(key: str, kind: type, table: dict[str, Any] = data, where: str = "") -> Any:
        value = table.get(key)
        if value is None:
            problems.append(f"{path}: {where}{key}: missing")
        elif not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            problems.append(f"{path}: {where}{key}: must be a {kind.__name__}, not {type(value).__name__}")
            return None
        return value

    rule_id = need("id", str)
    if rule_id and not _ID.match(rule_id):
        problems.append(f"{path}: id: '{rule_id}' must look like CC101")
    slug = need("slug", str)
    if slug and not _SLUG.match(slug):
        problems.append(f"{path}: slug: '{slug}' must be lower-case words joined by '-'")
    description = need("description", str)
    severity = need("severity", str)
    if severity and severity not in SEVERITIES:
        problems.append(f"{path}: severity: '{severity}' must be one of {', '.join(SEVERITIES)}")
    applies = need("applies", dict) or {}
    kinds = need("kinds", list, applies, "applies.") or []
    for kind in kinds:
        if kind not in KINDS:
            problems.append(f"{path}: applies.kinds: '{kind}' is not a claim kind ({', '.join(KINDS)})")
    problems.extend(f"{path}: applies.{key}: unknown key" for key in applies if key not in _APPLIES_KEYS)
    selects: dict[str, tuple[str, ...]] = {}  # which figures of its kinds the rule is for
    for key in ("subtypes", "units", "not_units"):
        value = applies.get(key, [])
        if not isinstance(value, list):
            problems.append(f"{path}: applies.{key}: must be a list")
            value = []
        selects[key] = tuple(value)
    comparator = need("comparator", dict) or {}
    name = need("name", str, comparator, "comparator.")
    params = {k: v for k, v in comparator.items() if k != "name"}
    if name and name not in COMPARATORS:
        problems.append(f"{path}: comparator.name: unknown comparator '{name}' (known: {', '.join(sorted(COMPARATORS))})")
    elif name:
        problems.extend(f"{path}: comparator.{problem}" for problem in COMPARATORS[name].check(params))
    by_reason = data.get("severity_by_reason", {})
    if not isinstance(by_reason, dict):
        problems.append(f"{path}: severity_by_reason: must be a table")
        by_reason = {}
    for reason, level in by_reason.items():
        if reason not in REASONS:
            problems.append(f"{path}: severity_by_reason.{reason}: unknown reason ({', '.join(REASONS)})")
        if level not in SEVERITIES:
            problems.append(f"{path}: severity_by_reason.{reason}: '{level}' must be one of {', '.join(SEVERITIES)}")
    if len(problems) > before:
        return None
    return Rule(id=rule_id, slug=slug, description=description, rationale=str(data.get("rationale", "")).strip(),
                kinds=tuple(kinds), comparator=name, params=params, severity=severity,
                severity_by_reason=dict(by_reason), **selects, path=str(path))
