"""Write files so that a reader never sees half of one: a temp file, then a rename."""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step; an interrupted write leaves the old file intact.

    Raises:
        OSError: `path` exists and is not a regular file: a rename would replace a device, a
            FIFO or a folder (the command line refuses such targets before any work; this
            guards every other caller).
    """
    kind = not_a_regular_file(path)
    if kind is not None:
        raise OSError(errno.EINVAL, f"is {kind}; a report replaces only a regular file", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes owner-only files; a report is for sharing
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_a_regular_file(path: Path) -> str | None:
    """What sits at `path` when it exists and is not a regular file ("a FIFO"), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # missing (or a dangling link): writing creates it
        return None
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")
