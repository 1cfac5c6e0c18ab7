"""Non-sensitive preferences in `settings.json` beside the vault (never names, notes or addresses).

Why a JSON file in the data directory and not QSettings: QSettings writes to the registry or
to the user's config folder, outside the data directory the officer chose, and this module
must stay free of Qt. Only the fields of `Settings` are ever written; anything else found in
the file is dropped, so nothing personal can ride along in it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import InputRejected, StorageFull
from ..i18n import _
from ..store.atomic import write_atomically
from ..store.file_modes import make_private_dir

log = logging.getLogger(__name__)

SETTINGS_NAME = "settings.json"
THEMES = ("system", "light", "dark")
DEFAULT_AUTO_LOCK_MINUTES = 5
MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = 240
_LANGUAGE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class Settings:
    """Preferences of this device; "" for language means the system's language."""

    auto_lock_minutes: int = DEFAULT_AUTO_LOCK_MINUTES
    theme: str = "system"
    language: str = ""
    sync_folder: str = ""


def _problem(name: str, value: Any) -> str | None:
    """Why `value` cannot be the setting `name`, or None when it can."""
    if name == "auto_lock_minutes":
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not MIN_AUTO_LOCK_MINUTES <= value <= MAX_AUTO_LOCK_MINUTES
        ):
            return _("Automatic lock must be between {low} and {high} minutes.").format(
                low=MIN_AUTO_LOCK_MINUTES, high=MAX_AUTO_LOCK_MINUTES
            )
    elif name == "theme":
        if value not in THEMES:
            return _("The theme must be one of: {choices}.").format(choices=", ".join(THEMES))
    elif name == "language":
        if not isinstance(value, str) or (value and not _LANGUAGE.match(value)):
            return _("The language must be a language code such as 'en' or 'cy'.")
    elif name == "sync_folder" and (not isinstance(value, str) or "\n" in value):
        return _("The sync folder must be a folder path.")
    return None


class SettingsService:
    """Reads and writes the preferences file of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._listeners: list[Callable[[Settings], None]] = []

    def subscribe(self, listener: Callable[[Settings], None]) -> None:
        """Call `listener` with the new preferences after each successful save."""
        self._listeners.append(listener)

    @property
    def path(self) -> Path:
        return self.data_dir / SETTINGS_NAME

    def load(self) -> Settings:
        """The saved preferences; a missing or damaged file (or field) gives the defaults."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, UnicodeDecodeError, ValueError):
            # Not fatal: the officer keeps working with defaults. Log no content.
            log.warning("settings file could not be read; using defaults")
            return Settings()
        if not isinstance(raw, dict):
            log.warning("settings file has an unexpected shape; using defaults")
            return Settings()
        values: dict[str, Any] = {}
        for field in fields(Settings):
            if field.name in raw and _problem(field.name, raw[field.name]) is None:
                values[field.name] = raw[field.name]
        return Settings(**values)

    def save(self, settings: Settings) -> None:
        """Write the preferences atomically; InputRejected when one is out of range."""
        for name, value in asdict(settings).items():
            problem = _problem(name, value)
            if problem:
                raise InputRejected(problem)
        if settings.sync_folder:
            folder = Path(settings.sync_folder).expanduser().resolve()
            private = self.data_dir.expanduser().resolve()
            if folder == private or private in folder.parents:
                raise InputRejected(
                    _(
                        "The sync folder cannot be the vault's own folder or a folder inside "
                        "it; choose a shared folder such as a USB stick."
                    )
                )
        data = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
        try:
            make_private_dir(self.data_dir)
            write_atomically(self.path, data.encode("utf-8"))
        except OSError as exc:
            raise StorageFull(
                _("Your preferences could not be saved ({reason}); the old ones are kept.").format(
                    reason=exc.strerror or exc.__class__.__name__
                )
            ) from exc
        # Whoever applies a preference (the idle watcher, say) follows the change at once.
        for listener in list(self._listeners):
            listener(settings)
