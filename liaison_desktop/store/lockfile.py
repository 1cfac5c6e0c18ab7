"""One process at a time per vault: exclusive OS locks, held while the vault is open.

On POSIX the lock that counts is a `flock` on the data folder itself: deleting or replacing
`vault.lock` gives a new file (a new inode) that a second process could lock, but the folder
cannot be replaced without moving the vault out of it. SQLite's own locks are `fcntl` locks
on the database files, which are separate from `flock` and never touch the folder, so neither
disturbs the other. `vault.lock` is still locked too (an older version of the app locks only
that file) and names the process holding the vault. On Windows the lock is on `vault.lock`,
which cannot be deleted while another process has it open.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
from pathlib import Path
from typing import IO

from ..errors import StorageFull, VaultInUse
from ..i18n import _
from .file_modes import open_private

# `_lock_folder`'s answer where the folder needs no lock of its own.
NOT_NEEDED = -1

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock_folder(folder: Path) -> int | None:
        return NOT_NEEDED  # the open vault.lock cannot be deleted on Windows

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock_folder(folder: Path) -> int | None:
        """The folder's descriptor, locked; None when another process holds it."""
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        if _try_lock(fd):
            return fd
        os.close(fd)
        return None


class VaultLock:
    """Holds the vault's lock file until `release()`; a second holder is refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None
        self._folder_fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise VaultInUse with a message a person can act on."""
        try:
            # Owner-only: the file says nothing secret, but nothing in the data folder is
            # left for other accounts to read.
            fh = os.fdopen(open_private(self.path, os.O_RDWR | os.O_APPEND), "a+b")
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise
            # A read-only folder (a locked-down share, a write-protected stick): the vault
            # needs its lock file and journal beside it, so it is not opened at all rather
            # than opened half-working.
            raise StorageFull(
                _(
                    "The vault's folder ({path}) is read-only, so Liaison Desktop cannot open "
                    "the vault there. Nothing has been changed. Copy the whole folder to a "
                    "place you can write to and open it from there, or ask your IT team to "
                    "make this folder writable."
                ).format(path=self.path.parent)
            ) from None
        folder_fd = _lock_folder(self.path.parent)
        if folder_fd is None or not _try_lock(fh.fileno()):
            if folder_fd is not None and folder_fd != NOT_NEEDED:
                os.close(folder_fd)  # closing the descriptor drops the folder's lock
            holder = ""
            with contextlib.suppress(OSError):  # Windows refuses reads of a locked region
                fh.seek(0)
                holder = fh.read(32).decode("ascii", "replace").strip()
            fh.close()
            detail = _(" (process {pid})").format(pid=holder) if holder.isdigit() else ""
            raise VaultInUse(
                _(
                    "This vault is already open in another Liaison Desktop window or command"
                    "{detail}. Close it there first; nothing has been changed."
                ).format(detail=detail)
            )
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()).encode("ascii"))
        fh.flush()
        self._fh = fh
        self._folder_fd = folder_fd

    def release(self) -> None:
        """Let another process open the vault."""
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.truncate(0)
            self._fh.close()  # closing the descriptor drops the OS lock
            self._fh = None
        if self._folder_fd is not None and self._folder_fd != NOT_NEEDED:
            os.close(self._folder_fd)
            self._folder_fd = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fh is not None


class LockHolders:
    """The vault's lock file and how many connections (the vault's and its workers') hold it."""

    def __init__(self, lock: VaultLock) -> None:
        self.lock = lock
        self.count = 1
        self.released = False
        self.guard = threading.Condition()
