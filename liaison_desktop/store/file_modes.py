"""Owner-only files on POSIX: the data folder 0700 and every file in it 0600, whatever the umask.

SQLite creates a database's -wal, -shm and rollback journal with the mode of the database file
itself, so a database file made 0600 before SQLite first opens it keeps those private too.
On Windows the per-user application-data folder's inherited ACL is what keeps other accounts
out; these functions change nothing there (docs/decisions.md says what is and is not done).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
POSIX = os.name == "posix"


def make_private_dir(path: Path) -> None:
    """Create `path` (and its parents) if needed and make the folder itself owner-only."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if POSIX:
        os.chmod(path, PRIVATE_DIR_MODE)


def open_private(path: Path, flags: int = os.O_WRONLY) -> int:
    """`os.open` that creates the file (or leaves an existing one) owner-only; returns the fd.

    The mode given to open() is masked by the umask, and an existing file keeps its old mode,
    so the descriptor is chmodded as well.
    """
    fd = os.open(path, flags | os.O_CREAT, PRIVATE_FILE_MODE)
    if POSIX:
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
        except BaseException:
            os.close(fd)
            raise
    return fd


def touch_private(path: Path) -> None:
    """Create `path` empty and owner-only unless it exists (an empty file is a new database
    to SQLite, which then gives its WAL and shared-memory files the same mode)."""
    os.close(open_private(path))


def tighten(folder: Path) -> list[Path]:
    """Make `folder` 0700, and each file or folder directly in it 0600 / 0700; returns what
    changed. A vault written by an older version (umask 022) is closed to other users this way.

    Symbolic links are left alone (chmod would follow them out of the folder), and a file this
    account cannot change is skipped: opening the vault must not fail over it.
    """
    if not POSIX:
        return []
    changed: list[Path] = []
    with contextlib.suppress(OSError):
        for path in [folder, *folder.iterdir()]:
            with contextlib.suppress(OSError):
                mode = path.lstat().st_mode
                if stat.S_ISDIR(mode):
                    wanted = PRIVATE_DIR_MODE
                elif stat.S_ISREG(mode):
                    wanted = PRIVATE_FILE_MODE
                else:
                    continue
                if stat.S_IMODE(mode) != wanted:
                    os.chmod(path, wanted)
                    changed.append(path)
    return changed
