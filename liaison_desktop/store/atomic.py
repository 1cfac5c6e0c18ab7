"""Crash-safe file replacement: write a sibling temp file, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .file_modes import open_private


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable (a no-op where the OS has no directory fsync)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Make a file's contents durable (written by another library, e.g. SQLite or shutil)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, *, private: bool = True) -> None:
    """Replace `path` with `data` so a crash leaves either the old or the new file, whole.

    The file is owner-only (0600 on POSIX) unless `private` is False: bundles left in a shared
    sync folder must stay readable by the account that collects them (they are encrypted).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    try:
        fd = open_private(tmp, flags) if private else os.open(tmp, flags | os.O_CREAT, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)
