"""The pipeline end to end: sources -> claims -> alignment -> rules -> discrepancies.

`run()` is what `crosscheck check` calls; `detect()` is the pure step that applies rules to
aligned groups, so it can be tested and reused (by the store) without parsing anything.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from checker.align import align
from checker.compare import COMPARATORS, Verdict
from checker.entities import EntityIndex, resolve_entities, with_untagged_names
from checker.explain import (
    adds_up,
    consensus,
    distinct_values,
    group_reason,
    is_part_of_whole,
    killed_beside,
    outliers,
    pair_reason,
)
from checker.lexicon import Lexicon
from checker.model import NAMED_KINDS, Claim, ClaimGroup, Discrepancy, Notice, Report, Skipped, Source, SourceClaims
from checker.nlp import DEFAULT_MODEL
from checker.roundups import unrelated_roundup_claims
from checker.rules import Rule
from checker.sources import DEFAULT_MAX_BYTES, read_paths
from checker.store import Store, key_of
from checker.stories import cluster_stories, find_reprints, one_story_note

Progress = Callable[[int, int], None]  # (done, total)
_MIN_SOURCES_PER_JOB = 40


@dataclass(frozen=True)
class Options:
    """How a run reads and groups its inputs."""

    stories: str = "field"  # "field": story field or header, else one; "folder": one per folder; "auto": clustered
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    engine: str = "local"  # "local": spaCy processes here; "dask": workers of a Dask cluster
    scheduler: str | None = None  # a Dask scheduler's address; None starts a LocalCluster
    model: str = DEFAULT_MODEL  # the spaCy pipeline: an installed package's name or a folder


def run(paths: Sequence[Path], rules: Sequence[Rule], lexicon: Lexicon, options: Options = Options(),
        progress: Progress | None = None, store: Store | None = None, stdin: BinaryIO | None = None) -> Report:
    """Read, extract, align and check `paths`; the returned report is ready for any reporter.

    With a store, sources it holds unchanged are not parsed again, and new or changed ones are
    added to it. A path `-` is one article read from `stdin`.
    """
    started = time.perf_counter()
    read = read_paths(paths, max_bytes=options.max_bytes, story_from_folder=options.stories == "folder", stdin=stdin)
    extracted = extract_sources(read.sources, lexicon, options, progress=progress, store=store)
    return build_report(extracted, read.skipped, rules, lexicon, started=started,
                        auto_stories=options.stories == "auto", notices=read.notices)


def extract_sources(sources: Sequence[Source], lexicon: Lexicon, options: Options = Options(), *,
                    progress: Progress | None = None, store: Store | None = None) -> list[SourceClaims]:
    """Claims for every source, from the store when it holds them fresh, else by extraction.

    Sources are told apart by position, never by path: two records may share one.
    """
    found: dict[int, SourceClaims | None] = {}
    if store is not None:
        found = {index: store.get(key_of(source)) for index, source in enumerate(sources) if store.fresh(source)}
    stale = [index for index in range(len(sources)) if index not in found]
    if options.engine == "dask":
        from checker.distributed import extract_on_dask

        fresh = extract_on_dask([sources[i] for i in stale], scheduler=options.scheduler, workers=options.jobs,
                                progress=progress, model=options.model)
    else:
        fresh = extract_all([sources[i] for i in stale], lexicon, jobs=options.jobs, progress=progress,
                            model=options.model)
    with closing(fresh):
        for index, item in zip(stale, fresh, strict=True):  # strict: the generator runs to its end
            if store is not None:
                store.put(item)
            found[index] = item
    return [replace(found[index], source=source) for index, source in enumerate(sources)]  # type: ignore[arg-type]


def extract_all(sources: Sequence[Source], lexicon: Lexicon, *, jobs: int = 1, progress: Progress | None = None,
                model: str = DEFAULT_MODEL) -> Iterator[SourceClaims]:
    """Parse and extract every source, in order (spaCy spreads parsing over `jobs` processes).

    Worker processes cost a model load each, so small inputs are parsed in this process. A long
    article is parsed in pieces cut at line breaks (`nlp.pieces`), and pieces are parsed in
    batches of bounded size, so memory does not grow with its length; its claims keep offsets
    into the whole text. With nothing to parse, spaCy is not even imported: a re-index of an
    unchanged store must not pay seconds for a model it never uses.
    """
    if not sources:
        return
    from checker.extract import extract
    from checker.nlp import parse, pieces

    parts = [(index, offset, text) for index, source in enumerate(sources) for offset, text in pieces(source.text)]
    jobs = jobs if len(parts) >= _MIN_SOURCES_PER_JOB * jobs else 1
    current: list[SourceClaims] = []
    with closing(parse((text for _, _, text in parts), model=model, n_process=jobs)) as docs:  # workers end with it
        for position, ((index, offset, text), doc) in enumerate(zip(parts, docs)):
            source = sources[index]
            whole = offset == 0 and len(text) == len(source.text)
            current.append(_shifted(extract(source if whole else replace(source, text=text), doc, lexicon), source,
                                    offset))
            if position + 1 == len(parts) or parts[position + 1][0] != index:  # the source's last piece
                yield SourceClaims(source, tuple(c for p in current for c in p.claims),
                                   tuple(m for p in current for m in p.mentions))
                current = []
                if progress is not None:
                    progress(index + 1, len(sources))


def _shifted(piece: SourceClaims, source: Source, offset: int) -> SourceClaims:
    """A piece's claims and mentions with offsets into the whole source text."""
    if not offset:
        return SourceClaims(source, piece.claims, piece.mentions)
    claims = tuple(replace(c, id=f"{source.id}#{c.kind}@{c.start + offset}", start=c.start + offset,
                           end=c.end + offset) for c in piece.claims)
    mentions = tuple(replace(m, start=m.start + offset, end=m.end + offset) for m in piece.mentions)
    return SourceClaims(source, claims, mentions)


def build_report(extracted: Sequence[SourceClaims], skipped: Sequence[Skipped], rules: Sequence[Rule],
                 lexicon: Lexicon, *, started: float | None = None, auto_stories: bool = False,
                 notices: Sequence[Notice] = ()) -> Report:
    """Align extracted claims within their stories (copies set aside) and apply the rules."""
    started = time.perf_counter() if started is None else started
    entities = resolve_entities(extracted, lexicon)
    note = None if auto_stories else one_story_note(extracted)
    if auto_stories:
        story_of_source = cluster_stories(extracted)
        extracted = [replace(item, source=replace(item.source, story=story_of_source[item.source.id]))
                     for item in extracted]
    sources = tuple(item.source for item in extracted)
    claims = with_untagged_names((claim for item in extracted for claim in item.claims), entities)
    story_of = {source.id: source.story or "" for source in sources}
    reprints = find_reprints(extracted, story_of)
    published = {source.id: source.published for source in sources}
    other_incidents = unrelated_roundup_claims(extracted, story_of, lexicon)
    comparable = [c for c in _not_reprinted(claims, reprints) if c.id not in other_incidents]
    groups = align(comparable, story_of, entities, lexicon, published)
    found = detect(groups, rules, entities, published, lexicon, killed_beside(comparable))
    # "over 1,500" and "about 2,000" do not disagree: shown apart, never counted as discrepancies
    discrepancies = tuple(d for d in found if d.reason != "bounds-compatible")
    reconciled = tuple(d for d in found if d.reason == "bounds-compatible")
    return Report(sources=sources, claims=claims, entities=entities.entities, entity_of=entities.entity_of,
                  discrepancies=discrepancies, reconciled=reconciled, skipped=tuple(skipped), rules=tuple(rules),
                  elapsed=time.perf_counter() - started, reprints=reprints, notices=tuple(notices),
                  notes=(note,) if note else ())


def _not_reprinted(claims: Sequence[Claim], reprints: dict[str, str]) -> list[Claim]:
    """Claims that say something their source's original does not: a near-copy of a wire report
    counts once, but a figure the copy changed ("Eight teens were shot" where the original says
    five) is a correction or an error, and is compared like any source's. Not its dates and
    times: a copy published a day later reads "Sunday" as another day without changing a word."""
    carried = {(c.source, c.kind, c.value) for c in claims}
    return [c for c in claims if c.source not in reprints
            or (c.kind not in {"date", "time"} and (reprints[c.source], c.kind, c.value) not in carried)]


def detect(groups: Iterable[ClaimGroup], rules: Sequence[Rule], entities: EntityIndex,
           published: dict[str, str | None], lexicon: Lexicon,
           beside: Mapping[str, float] | None = None) -> list[Discrepancy]:
    """Apply every rule that fits each group; a group whose sources differ is a discrepancy.
    `beside` gives each wounded figure the dead its sentence counts with it (`killed_beside`)."""
    found: list[Discrepancy] = []
    for group in groups:
        for rule in rules:
            subtype = next((c.subtype for c in group.claims if c.kind == group.kind and c.subtype), None)
            if rule.applies_to(group.kind, subtype, group.claims[0].unit):
                discrepancy = _check(group, rule, entities, published, lexicon, beside or {})
                if discrepancy is not None:
                    found.append(discrepancy)
    severity_order = {"error": 0, "warning": 1, "info": 2}
    return sorted(found, key=lambda d: (severity_order[d.severity], d.story, d.rule, d.topic))


def _check(group: ClaimGroup, rule: Rule, entities: EntityIndex, published: dict[str, str | None],
           lexicon: Lexicon, beside: Mapping[str, float]) -> Discrepancy | None:
    compare = COMPARATORS[rule.comparator].compare
    different: list[tuple[Claim, Claim]] = []
    compatible = False
    claims = group.claims
    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if a.source == b.source:
                continue
            verdict = compare(a, b, rule.params, entities.resolve)
            if verdict is Verdict.DIFFERENT and (is_part_of_whole(a, b, lexicon) or adds_up(a, b, beside)):
                verdict = Verdict.COMPATIBLE
            if verdict is Verdict.DIFFERENT:
                different.append((a, b))
            elif verdict is Verdict.COMPATIBLE:
                compatible = True
    if not different and not compatible:
        return None
    # what the sources report as fact decides the reason; plans explain only what facts leave
    factual = [(a, b) for a, b in different if a.modality != "plan" and b.modality != "plan"]
    different = factual or different
    reasons = [pair_reason(a, b, published, lexicon) for a, b in different]
    reason = group_reason(reasons)
    same = _value_key(entities)
    agreed = consensus(claims, same)
    departing = outliers(claims, agreed, same, tolerance=float(rule.params.get("tolerance", 0.0)),
                         absolute=float(rule.params.get("absolute", 0.0)))
    values = distinct_values(claims, same)
    sources = len({c.source for c in claims})
    return Discrepancy(
        id=fingerprint(rule.id, group.story, group.key, sorted({c.display() for c in claims})),
        rule=rule.id,
        slug=rule.slug,
        kind=group.kind,
        severity=rule.severity_for(reason),
        topic=group.topic,
        story=group.story,
        claims=tuple(c.id for c in claims),
        reason=reason,  # type: ignore[arg-type]
        message=f"{sources} sources give {len(values)} values for {group.topic}: {', '.join(values)}",
        consensus=agreed,
        outliers=departing,
        explanation=_explanation(reasons, different),
        link_evidence=group.link_evidence,
    )


def fingerprint(rule_id: str, story: str, key: str, values: Sequence[str]) -> str:
    """A stable id: the same rule, fact and values give the same id in every run."""
    digest = hashlib.sha1("\x1f".join([rule_id, story, key, *values]).encode()).hexdigest()
    return f"{rule_id}-{digest[:12]}"


def _value_key(entities: EntityIndex) -> Callable[[Claim], Hashable]:
    """Which claims give one value: a name by the entity it resolves to, anything else by its value."""
    def same(claim: Claim) -> Hashable:
        if claim.kind in NAMED_KINDS:
            return entities.resolve(claim.source, str(claim.value))
        return claim.value

    return same


def _explanation(reasons: list[str], pairs: list[tuple[Claim, Claim]]) -> str:
    if not pairs:
        return "The values differ, but the qualifiers the sources use (over, up to, about) make them compatible."
    lines = [f"{a.source} '{a.text}' vs {b.source} '{b.text}': {reason}" for (a, b), reason in zip(pairs, reasons)]
    return "; ".join(lines[:6]) + (f"; and {len(lines) - 6} more pairs" if len(lines) > 6 else "")
