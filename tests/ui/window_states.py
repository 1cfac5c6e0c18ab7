"""The main window in every state a person sees it: each section, then each tab of a family.

Shared by the checks that must hold everywhere (mnemonics, accessibility names, window sizes),
so that each walks the same states.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices, install_section_views


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def session_window(caseload: Caseload, data_dir: Path, role: str) -> MainWindow:
    """A main window with every section's real view (not shown yet)."""
    window = MainWindow("Dana Lead", role)
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    install_section_views(services, window)
    return window


def every_state(window: MainWindow, family_id: str) -> Iterator[str]:
    """Show each section, then each tab of `family_id`'s page, yielding each state's name
    ("today", …, "family: Overview", …) once it is on screen."""
    for key in window.section_keys():
        window.show_section(key)
        settle()
        yield key
    window.show_section("caseload")
    view = window.view("caseload")
    assert isinstance(view, CaseloadView)
    view.open_family(family_id)
    settle()
    assert view.family_frame is not None
    page = view.family_frame.page
    assert isinstance(page, FamilyPage)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        settle()
        yield f"family: {page.tabs.tabText(index)}"
