"""One process at a time per vault: an exclusive OS lock on `vault.lock`, held while open."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import IO

from ..errors import StorageFull, VaultInUse
from ..i18n import _
from .file_modes import open_private

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class VaultLock:
    """Holds the vault's lock file until `release()`; a second holder is refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

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
        if not _try_lock(fh):
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

    def release(self) -> None:
        """Let another process open the vault."""
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.truncate(0)
            self._fh.close()  # closing the descriptor drops the OS lock
            self._fh = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fh is not None
