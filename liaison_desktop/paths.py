"""Where the data directory is: --data-dir, else LIAISON_DATA_DIR, else the app-data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "LiaisonDesktop"


def platform_data_dir() -> Path:
    """The per-user application data folder of this platform."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "liaison-desktop"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory to use, by the precedence of DESIGN §2."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("LIAISON_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return platform_data_dir()
