"""Backups of the open vault from the desktop: now, or once a day by themselves.

The folder chosen is kept in the vault (a setting, encrypted with it), with the time of the
last backup. Once a folder is set, the app backs up there when the vault is opened and the
last backup is a day old or more, if the folder is reachable (a USB stick may not be in).
`back_up` runs on a worker thread: it opens its own connection to the vault.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from ..errors import InputRejected
from ..i18n import _
from .context import ServiceContext
from .vault_service import DEFAULT_BACKUPS_KEPT, BackupResult, VaultService

FOLDER_SETTING = "backup_folder"
LAST_SETTING = "last_backup_at"
EVERY = timedelta(days=1)


class BackupsService:
    """Where backups go, when the last one was, and writing one."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def folder(self) -> Path | None:
        value = self.ctx.setting(FOLDER_SETTING, "")
        return Path(value) if value else None

    def last_backup_at(self) -> datetime | None:
        value = self.ctx.setting(LAST_SETTING, "")
        try:
            return datetime.fromisoformat(value) if value else None
        except ValueError:
            return None

    def due(self) -> bool:
        """A folder is set and reachable, and the last backup is a day old (or there is none)."""
        folder = self.folder()
        if folder is None or not folder.is_dir():
            return False
        last = self.last_backup_at()
        if last is not None and last.tzinfo is None:
            last = last.astimezone()  # written without an offset: this computer's time
        return last is None or self.ctx.now() - last >= EVERY

    def back_up(self, folder: Path | None = None) -> BackupResult:
        """Write a checked backup into `folder` (else the one set), which becomes the one set.
        Call it on a worker thread."""
        target = folder or self.folder()
        if target is None:
            raise InputRejected(_("Choose a folder for the backups first."))
        worker = self.ctx.vault.open_worker()
        try:
            result = VaultService.back_up(worker, target, keep=DEFAULT_BACKUPS_KEPT)
            worker.set_meta(f"setting.{FOLDER_SETTING}", str(target))
            worker.set_meta(f"setting.{LAST_SETTING}", result.created_at)
        finally:
            worker.close()
        return result
