"""Running crosscheck in a child process that can never hang a test, and watching its workers."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import ROOT

HANG = 300  # seconds: far beyond any run these tests start; reaching it means the run hung


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def start(argv: Sequence[str], *, cwd: Path | None = None, unprivileged: bool = False) -> subprocess.Popen:
    """`python -m checker ARGV` in its own process group (so a hung run and its workers can be killed),
    with Ctrl-C's default meaning, as from a terminal: a test suite run as a background job inherits
    SIGINT ignored, and Python then keeps ignoring it."""
    prefix = without_file_privileges() if unprivileged else []
    return subprocess.Popen([*prefix, sys.executable, "-m", "checker", *argv], cwd=cwd, env=environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_interruptible)


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def finish(process: subprocess.Popen, *, timeout: float = HANG) -> tuple[int, str, str]:
    """Wait for the run; fail the test (and kill the run with its workers) when it does not end."""
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"the run did not end within {timeout} s; stderr:\n{err[-3000:]}")
    return process.returncode, out, err


def run(argv: Sequence[str], *, cwd: Path | None = None, unprivileged: bool = False,
        timeout: float = HANG) -> tuple[int, str, str]:
    return finish(start(argv, cwd=cwd, unprivileged=unprivileged), timeout=timeout)


def without_file_privileges() -> list[str]:
    """A command prefix under which file permissions apply, even for root (who ignores them)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (Linux /proc)."""
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()
    except OSError:
        return []
    return [int(child) for child in listed if alive(int(child))]


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in {"Z", "X"}


def wait_for_children(pid: int, count: int, *, timeout: float = HANG) -> list[int]:
    """Wait until `pid` runs `count` child processes (its parser workers); their pids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = children(pid)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    pytest.fail(f"process {pid} never started {count} workers")
