"""Parser processes that can neither outlive, nor freeze, nor silently break a run.

spaCy's own `nlp.pipe(n_process=N)` waits forever for a worker that died, keeps its workers
busy after the caller stops reading (an exception during extraction, Ctrl-C) and leaves them
running when the main process is terminated. Here each worker parses the batches sent to it
and answers with serialised docs; the parent waits on every answer with an eye on the worker
itself, so a worker's exception, death or stall becomes a `WorkerError`, and leaving the
iteration for any reason (the end, an exception, a signal) terminates the workers.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

AHEAD = 2  # batches queued per worker, so that none idles while the parent reads another's answer
# A batch may take this long, plus a second per CHARS_PER_SECOND characters, before its worker
# counts as stuck: the parser reads some 30,000 characters a second here, so only a stuck
# worker (or a machine many times slower) is that slow.
STALL_SECONDS = 300.0
CHARS_PER_SECOND = 1_000
_STOP_SECONDS = 5.0  # how long a terminated worker may take to go before it is killed


class WorkerError(Exception):
    """A parser process failed, died or stopped answering; the message says which and why."""


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Queue  # the batches sent to it
    answers: Connection
    pending: deque[int] = field(default_factory=deque)  # sizes (characters) of the batches sent, oldest first
    since: float = 0.0  # when the oldest pending batch could start: sent to an idle worker, or the last answer


def parse_in_processes(texts: Iterable[str], *, model: str, processes: int, batch_size: int) -> Iterator[Doc]:
    """Parse `texts` with `model` in `processes` worker processes; yields the docs in the order of `texts`.

    Batch n (at most `batch_size` texts and `nlp.BATCH_CHARS` characters, so that a worker's
    memory stays bounded) goes to worker n % processes, so answers are read in turn and never
    reordered.

    Raises:
        WorkerError: a worker raised, died, or gave no answer in time.
    """
    from spacy.tokens import Doc

    from checker.nlp import batches as bounded_batches
    from checker.nlp import load

    vocab = load(model).vocab  # loaded before the workers start, so forked ones inherit the model
    batches = bounded_batches(texts, max_texts=batch_size)
    pool: list[_Worker] = []
    try:
        pool.extend(_start(_context(), model) for _ in range(processes))
        for _ in range(AHEAD):
            for worker in pool:
                _send(worker, next(batches, None))
        turn = 0
        while (worker := pool[turn % len(pool)]).pending:
            answer = _receive(worker)
            _send(worker, next(batches, None))
            for data in answer:
                yield Doc(vocab).from_bytes(data)
            turn += 1
    finally:
        _stop(pool)


def _parse_batch(texts: list[str], model: str) -> list[bytes]:
    """In a worker: parse a batch and serialise the docs (without the tensor, which extraction never reads)."""
    from checker.nlp import load

    return [doc.to_bytes(exclude=["tensor", "user_data"]) for doc in load(model).pipe(texts)]


def _serve(tasks: Queue, answers: Connection, parent: int, model: str) -> None:
    """A worker's life: parse batches until told to stop, or until the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited through fork
    while True:
        try:
            batch = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:
                return
            continue
        if batch is None:
            return
        try:
            answer: tuple[list[bytes] | None, str | None] = (_parse_batch(batch, model), None)
        except Exception as error:  # whatever parsing raises goes back to the parent as its message
            answer = (None, type(error).__name__ + (f": {error}" if str(error) else ""))
        try:
            answers.send(answer)
        except OSError:  # the parent is gone
            return


def _context() -> BaseContext:
    """Fork where the system has it: workers then share the parent's loaded model instead of loading it."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _start(context: BaseContext, model: str) -> _Worker:
    tasks = context.Queue()
    tasks.cancel_join_thread()  # never wait at exit to hand batches to a worker that is gone
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_serve, args=(tasks, sending, os.getpid(), model), daemon=True,
                              name="crosscheck-parser")
    process.start()
    sending.close()  # the worker holds the only sending end: its death reads as the end of the pipe
    return _Worker(process, tasks, receiving)


def _send(worker: _Worker, batch: list[str] | None) -> None:
    if batch is None:
        return
    if not worker.pending:
        worker.since = time.monotonic()
    worker.pending.append(sum(map(len, batch)))
    worker.tasks.put(batch)


def _receive(worker: _Worker) -> list[bytes]:
    """The worker's answer to its oldest batch.

    Raises:
        WorkerError: the worker raised, died, or did not answer within the batch's allowance.
    """
    allowance = STALL_SECONDS + worker.pending[0] / CHARS_PER_SECOND
    deadline = worker.since + allowance
    ready = wait([worker.answers, worker.process.sentinel], timeout=max(0.0, deadline - time.monotonic()))
    if worker.answers in ready:
        try:
            docs, error = worker.answers.recv()
        except (EOFError, OSError):  # the worker died before or while answering
            ready = [worker.process.sentinel]
        else:
            if error is not None:
                raise WorkerError(f"a parser process failed: {error}")
            worker.pending.popleft()
            worker.since = time.monotonic()
            return docs
    if worker.process.sentinel in ready:
        worker.process.join(_STOP_SECONDS)
        raise WorkerError(f"a parser process died ({_how(worker.process.exitcode)})")
    raise WorkerError(f"a parser process gave no answer in {allowance:.0f} s")


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"killed by {signal.Signals(-exitcode).name}"
    return f"exit status {exitcode}"


def _stop(pool: list[_Worker]) -> None:
    """Terminate every worker (idle or busy) and wait until each is gone, killing a slow one."""
    for worker in pool:
        if worker.process.is_alive():
            worker.process.terminate()
    for worker in pool:
        worker.process.join(_STOP_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.answers.close()
        worker.tasks.close()
