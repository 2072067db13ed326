"""Extraction on a Dask cluster, for corpora larger than one machine should parse alone.

Only extraction, the costly part, leaves the machine: sources go to workers in batches that
keep each story together (alignment stays per story), every worker loads the model once for
its lifetime, and the claims come back to the same alignment, rules and reports as the local
engine, so the report is identical. Without a scheduler address a `LocalCluster` is started
with one single-threaded worker process per job.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from checker.model import Source, SourceClaims
from checker.nlp import DEFAULT_MODEL
from checker.workers import WorkerError

BATCH_WORDS = 20_000  # about four seconds of parsing per task: enough to hide scheduling costs


class DaskUnavailable(Exception):
    """Dask is not installed; the message says how to install it."""


def _batches(sources: Sequence[Source]) -> list[list[int]]:
    """Source indexes grouped into tasks, a story never split across two."""
    by_story: dict[str, list[int]] = defaultdict(list)
    for index, source in enumerate(sources):
        by_story[source.story or ""].append(index)
    batches: list[list[int]] = []
    current: list[int] = []
    words = 0
    for indexes in by_story.values():
        current.extend(indexes)
        words += sum(len(sources[i].text.split()) for i in indexes)
        if words >= BATCH_WORDS:
            batches.append(current)
            current, words = [], 0
    if current:
        batches.append(current)
    return batches


def _extract_batch(batch: list[Source], model: str) -> list[SourceClaims]:
    """Runs on a worker: the model and lexicon load on the first task and stay loaded."""
    from checker.engine import extract_all
    from checker.lexicon import load_lexicon

    return list(extract_all(batch, load_lexicon(), jobs=1, model=model))


def extract_on_dask(sources: Sequence[Source], *, scheduler: str | None = None, workers: int = 2,
                    progress=None, model: str = DEFAULT_MODEL) -> Iterator[SourceClaims]:  # noqa: ANN001
    """Extract every source on a Dask cluster; yields results in the order of `sources`.

    Raises:
        DaskUnavailable: the `dask[distributed]` extra is not installed.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise DaskUnavailable("the Dask engine needs `pip install 'crosscheck[dask]'`") from error
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        batches = _batches(sources)
        futures = {client.submit(_extract_batch, [sources[i] for i in batch], model, pure=False): batch
                   for batch in batches}
        results: dict[int, SourceClaims] = {}
        for future in as_completed(futures):
            try:
                answer = future.result()
            except Exception as error:  # raised on a worker (or the worker was lost): end the run, not hang it
                raise WorkerError(f"a Dask task failed: {type(error).__name__}: {error}") from error
            for index, item in zip(futures[future], answer):
                results[index] = item
            if progress is not None:
                progress(len(results), len(sources))
        for index in range(len(sources)):
            yield results[index]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
