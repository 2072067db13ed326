"""The data that flows between pipeline stages.

sources -> claims -> alignment -> rules -> discrepancies -> reports. Every stage takes and
returns these frozen dataclasses, so a stage can be tested alone and a report can be rebuilt
from stored claims without re-reading a single article.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

Kind = Literal["count", "casualties", "money", "percent", "quantity", "date", "time", "age", "role", "quote"]
NAMED_KINDS = frozenset({"role", "quote"})  # kinds whose value is a name: who holds an office, who said it
Qualifier = Literal["exact", "approx", "lower-bound", "upper-bound", "range"]
Modality = Literal["fact", "plan", "estimate", "denial"]
Reason = Literal["update", "plan-vs-fact", "scope", "attribution", "bounds-compatible", "contradiction"]

SEVERITIES: tuple[str, ...] = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """Order severities so that `--fail-on warning` also fails on errors."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Source:
    """One article as read from disk, before any language processing."""

    id: str
    path: str
    title: str
    text: str
    url: str | None = None
    published: str | None = None  # ISO date, when the source says
    story: str | None = None
    first_line: int | None = 1  # the file line `text` starts on; None when text is not a slice of the file
    key: str = ""  # where it lives whatever the spelling: resolved file path (+ "#record id" in JSONL); the store's key


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with a one-line reason."""

    path: str
    error: str


@dataclass(frozen=True)
class Notice:
    """An input that was read, but only after a repair its author should know of (a reused JSONL id)."""

    path: str
    message: str


@dataclass(frozen=True)
class Mention:
    """A named entity as written in one source (resolved across sources later)."""

    text: str
    label: str  # PERSON, GPE, ORG, NORP, LOC, FAC
    start: int
    end: int


@dataclass(frozen=True)
class Subject:
    """What a claim is about: the counted thing, the event, or the office."""

    text: str  # normalised phrase, e.g. "north korean troops"
    head: str = ""  # lemma of the head noun, e.g. "troop"
    concept: str | None = None  # concept from rules/lexicon, e.g. "military-personnel"
    modifiers: tuple[str, ...] = ()
    predicate: str | None = None  # lemma of the governing verb, e.g. "deploy"
    predicate_class: str | None = None  # its class from the lexicon, e.g. "deploy"
    anchors: tuple[str, ...] = ()  # names of the entities that own or act on the subject
    complements: tuple[str, ...] = ()  # what completes the predicate: "to hospital", "into custody"
    places: tuple[str, ...] = ()  # cities, streets and sites the clause names (not countries)


@dataclass(frozen=True)
class Claim:
    """One checkable statement from one source, with its provenance."""

    id: str
    source: str
    kind: Kind
    subject: Subject
    value: float | str
    text: str
    sentence: str
    start: int
    end: int
    unit: str | None = None
    subtype: str | None = None  # casualties: killed / wounded / missing / captured / shot
    qualifier: Qualifier = "exact"
    low: float | None = None  # the least and greatest value the wording allows (a time's: minutes after midnight)
    high: float | None = None
    modality: Modality = "fact"
    attribution: str | None = None
    event_date: str | None = None  # the date the sentence reports the event for
    entities: tuple[str, ...] = ()  # names of the entities the sentence ties to the claim
    extractor: str = ""

    def display(self) -> str:
        """The value as a reader expects it: ">=10,000", "~3,000", "12,000,000 USD", "4.1%"."""
        if isinstance(self.value, str):
            return self.value
        value = float(self.value)
        number = f"{int(value):,}" if value.is_integer() else f"{value:,.2f}"
        if self.kind != "money" and "." in number:
            number = number.rstrip("0")  # "4.1%", "7.7 magnitude"; a sum keeps its cents ("34.50 USD")
        marks = {"lower-bound": ">=", "upper-bound": "<=", "approx": "~"}
        unit = f" {self.unit}" if self.kind in {"money", "quantity"} and self.unit else ""
        if self.kind == "percent":
            unit = "%"
        if self.qualifier == "range" and self.low is not None and self.high is not None:
            return f"{self.low:,.0f}-{self.high:,.0f}{unit}"
        return f"{marks.get(self.qualifier, '')}{number}{unit}"

    def text_around(self) -> tuple[str, str]:
        """Its sentence before the claim's text and after it (both empty when the text is not found):
        what the words beside a figure say of it ("five *others*", "*the night of* Dec. 19")."""
        at = self.sentence.find(self.text)
        return (self.sentence[:at], self.sentence[at + len(self.text):]) if at >= 0 else ("", "")


@dataclass(frozen=True)
class SourceClaims:
    """Everything extraction learned from one source."""

    source: Source
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Entity:
    """One real-world referent, with every spelling the sources use for it."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from one story that alignment judged to state the same fact."""

    story: str
    kind: Kind
    key: str  # the blocking key that brought the claims together
    topic: str
    claims: tuple[Claim, ...]
    link_evidence: tuple[str, ...] = ()  # why alignment took the claims for one fact, strongest first


@dataclass(frozen=True)
class ValueShare:
    """One value a fact is given as, and the independent sources that give it."""

    shown: str  # as the sources write it: "~3,000", "Kim Yong Hyun" (one entity, however spelled)
    sources: tuple[str, ...]
    also: tuple[str, ...] = ()  # other spellings or qualifiers the same value is written with


@dataclass(frozen=True)
class Consensus:
    """What the sources say about a fact, and never a figure none of them reported.

    A median or mean of the values would be a number no source gave (6,500 troops from 3,000
    and 10,000); a reader needs the value most sources give, with how many give it, or, when
    no value leads, the range the sources span.
    """

    values: tuple[ValueShare, ...]  # most sources first
    leading: float | str | None = None  # the value more independent sources give than any other (2 or more)
    low: str | None = None  # the smallest and largest reported numbers, as written, when no value leads
    high: str | None = None

    @property
    def agreeing(self) -> int:
        """How many independent sources give the leading value (0 when none leads)."""
        return len(self.values[0].sources) if self.leading is not None else 0

    @property
    def sources(self) -> int:
        return len({s for share in self.values for s in share.sources})

    def summary(self) -> str:
        """One line for a reader: "~3,000 (3 of 4 sources)" or "from >=1,500 to 12,000 (no two sources agree)"."""
        if self.leading is not None:
            return f"{self.values[0].shown} ({self.agreeing} of {self.sources} sources)"
        spread = f"from {self.low} to {self.high}" if self.low is not None else " or ".join(v.shown for v in self.values)
        most = max((len(v.sources) for v in self.values), default=0)
        return f"{spread} ({'no two sources agree' if most < 2 else 'no value given by more sources than the others'})"


@dataclass(frozen=True)
class Discrepancy:
    """A fact on which sources disagree, with the rule that flagged it and a likely reason."""

    id: str  # stable fingerprint: rule, story, subject, sorted values
    rule: str
    slug: str
    kind: Kind
    severity: str
    topic: str
    story: str
    claims: tuple[str, ...]
    reason: Reason
    message: str
    consensus: Consensus | None = None
    outliers: tuple[str, ...] = ()
    explanation: str = ""
    link_evidence: tuple[str, ...] = ()
    baseline_state: str | None = None  # "new" or "unchanged" when a baseline was given


@dataclass(frozen=True)
class Report:
    """The outcome of one run: what every reporter renders, and what decides the exit code."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    entities: tuple[Entity, ...]
    entity_of: dict[tuple[str, str], str] = field(hash=False, compare=False)  # (source, name) -> id
    discrepancies: tuple[Discrepancy, ...] = ()
    reconciled: tuple[Discrepancy, ...] = ()  # values that differ but whose qualifiers agree: not disagreements
    skipped: tuple[Skipped, ...] = ()
    rules: tuple[object, ...] = ()
    elapsed: float = 0.0
    reprints: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # copy -> original
    notices: tuple[Notice, ...] = ()
    notes: tuple[str, ...] = ()  # what a reader should know about the run as a whole

    def worst_severity(self) -> str | None:
        """The highest severity among discrepancies not accepted by a baseline, or None."""
        fresh = [d.severity for d in self.discrepancies if d.baseline_state != "unchanged"]
        return max(fresh, key=severity_rank) if fresh else None


class ExitStatus(IntEnum):
    """The command's exit codes, as documented in the README."""

    OK = 0
    DISCREPANCIES = 1
    ERROR = 2
    INTERRUPTED = 130  # SIGINT: 128 + 2, as shells report it
    TERMINATED = 143  # SIGTERM: 128 + 15
