"""Builds each section's view for an unlocked vault and puts it in the main window.

This is the one place views meet the services they need (constructor injection). Each area
adds one builder to SECTION_BUILDERS; a section without a builder keeps its placeholder.
Everything built here is a child of the main window, so it is destroyed when the vault locks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ..services.caseload import Caseload
from ..services.settings_service import SettingsService
from .directory_view import build_directory_view
from .main_window import MainWindow
from .reports_view import build_reports_view
from .settings_view import build_settings_view
from .sync_view import build_sync_view


@dataclass
class SessionServices:
    """What the views of one unlocked session may use."""

    caseload: Caseload
    settings: SettingsService
    data_dir: Path
    window: MainWindow


# section key → function building that section's view (added by each area, one line each).
SectionBuilder = Callable[[SessionServices], QWidget]
SECTION_BUILDERS: dict[str, SectionBuilder] = {}
SECTION_BUILDERS["settings"] = build_settings_view
SECTION_BUILDERS["directory"] = build_directory_view
SECTION_BUILDERS["sync"] = build_sync_view
SECTION_BUILDERS["reports"] = build_reports_view


def install_section_views(services: SessionServices) -> None:
    """Replace each built section's placeholder with its real view."""
    for key in services.window.section_keys():
        builder = SECTION_BUILDERS.get(key)
        if builder is not None:
            services.window.set_view(key, builder(services))


# Each area registers its builder below (imports here: the builders need SessionServices).
from .caseload_view import build_caseload_section  # noqa: E402

SECTION_BUILDERS["caseload"] = build_caseload_section
from .today_view import build_today_section  # noqa: E402

SECTION_BUILDERS["today"] = build_today_section
