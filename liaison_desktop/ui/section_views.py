"""Builds each section's view for an unlocked vault and puts it in the main window.

This is the one place views meet the services they need (constructor injection). Each area
adds one builder to SECTION_BUILDERS; a section without a builder keeps its placeholder.
Everything built here is a child of the main window, so it is destroyed when the vault locks.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..services.settings_service import SettingsService
from .change_events import ChangeRelay
from .main_window import MainWindow
from .navigator import SessionNavigator

if TYPE_CHECKING:  # the caseload services load once a vault is unlocked, not at start-up
    from ..services.caseload import Caseload


@dataclass
class SessionServices:
    """What the views of one unlocked session may use.

    Not the main window: a view asks the `navigator` to open a family or show a section, and
    follows `changes` to read again when records it shows were written (store/changes.py).
    """

    caseload: Caseload
    settings: SettingsService
    data_dir: Path
    navigator: SessionNavigator
    changes: ChangeRelay

    @classmethod
    def for_window(
        cls, caseload: Caseload, settings: SettingsService, data_dir: Path, window: MainWindow
    ) -> SessionServices:
        """The services of a session shown in `window`, with its navigator connected to it."""
        changes = ChangeRelay(caseload.vault.changes, window)
        window.about_to_lock.connect(changes.stop)  # first: drafts saved on lock refresh nothing
        navigator = SessionNavigator(window)
        navigator.section_requested.connect(window.show_section)
        navigator.notice_requested.connect(window.show_notice)
        window.about_to_lock.connect(navigator.about_to_lock)
        return cls(caseload, settings, data_dir, navigator, changes)


SectionBuilder = Callable[[SessionServices], QWidget]

# section key → "module:function" building that section's view (one line per area). Named,
# not imported, so the views (and what they pull in: reportlab, for one) load when a vault
# is unlocked rather than before the first window appears.
SECTION_BUILDERS: dict[str, str] = {
    "today": "liaison_desktop.ui.today.today_view:build_today_section",
    "caseload": "liaison_desktop.ui.caseload.caseload_view:build_caseload_section",
    "directory": "liaison_desktop.ui.directory.directory_view:build_directory_view",
    "sync": "liaison_desktop.ui.sync.sync_view:build_sync_view",
    "reports": "liaison_desktop.ui.reports.reports_view:build_reports_view",
    "settings": "liaison_desktop.ui.settings.settings_view:build_settings_view",
    "activities": "liaison_desktop.ui.activities.activities_view:build_activities_section",
    "records": "liaison_desktop.ui.records.records_view:build_records_section",
    "concerns": "liaison_desktop.ui.concerns.concerns_queue_view:build_concerns_section",
    "diary": "liaison_desktop.ui.diary.diary_view:build_diary_section",
}


def section_builder(key: str) -> SectionBuilder | None:
    """The builder registered for section `key`, imported on first use."""
    target = SECTION_BUILDERS.get(key)
    if target is None:
        return None
    module_name, _sep, function_name = target.partition(":")
    builder: SectionBuilder = getattr(importlib.import_module(module_name), function_name)
    return builder


def install_section_views(services: SessionServices, window: MainWindow) -> None:
    """Replace each built section's placeholder in `window` with its real view."""
    for key in window.section_keys():
        builder = section_builder(key)
        if builder is not None:
            window.set_view(key, builder(services))
