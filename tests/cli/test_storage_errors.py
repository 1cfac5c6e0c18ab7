"""A storage failure noticed anywhere is reported plainly, never as an unexpected error."""

from __future__ import annotations

import errno

from liaison_desktop.errors import StorageFull, VaultDamaged
from liaison_desktop.services.vault_service import as_liaison_error
from liaison_desktop.store.database import DatabaseError


def test_database_errors_become_messages_for_a_person() -> None:
    damaged = as_liaison_error(DatabaseError[0]("database disk image is malformed"))
    assert isinstance(damaged, VaultDamaged) and "damaged" in str(damaged)
    full = as_liaison_error(DatabaseError[0]("database or disk is full"))
    assert isinstance(full, StorageFull) and "disk is full" in str(full)


def test_os_level_full_or_read_only_disk_is_recognised() -> None:
    full = as_liaison_error(OSError(errno.ENOSPC, "No space left on device"))
    read_only = as_liaison_error(OSError(errno.EROFS, "Read-only file system"))
    assert isinstance(full, StorageFull) and isinstance(read_only, StorageFull)
    assert "read-only" in str(read_only)


def test_other_errors_are_not_disguised() -> None:
    assert as_liaison_error(ValueError("bug")) is None
    assert as_liaison_error(OSError(errno.ENOENT, "gone")) is None
