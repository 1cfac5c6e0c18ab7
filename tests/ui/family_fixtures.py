"""Building a family page on a real vault for the family-page tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices

PageFactory = Callable[..., FamilyPage]


@pytest.fixture(name="caseload")
def caseload_fixture(vault: Vault) -> Caseload:
    return Caseload(vault)


@pytest.fixture(name="family_id")
def family_id_fixture(caseload: Caseload) -> str:
    family = caseload.families.create(
        {
            "name": "Nowak-Jones household",
            "postcode": "CF10 1AA",
            "strengths": "Grandmother walks the children to school every day.",
        }
    )
    caseload.people.create(
        {"family_id": family.id, "given_name": "Zofia", "family_name": "Nowak", "role": "pupil"}
    )
    return family.id


@pytest.fixture(name="make_page")
def make_page_fixture(qtbot: QtBot, caseload: Caseload, data_dir: Path) -> Iterator[PageFactory]:
    """Builds a family page inside a real main window (shown offscreen)."""
    windows: list[MainWindow] = []

    def make(family_id: str, autosave_ms: int | None = None) -> FamilyPage:
        window = MainWindow("Test Officer", "officer")
        qtbot.addWidget(window)
        windows.append(window)
        services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
        default = FamilyPage.autosave_ms
        if autosave_ms is not None:
            FamilyPage.autosave_ms = autosave_ms
        try:
            page = FamilyPage(services, family_id)
        finally:
            FamilyPage.autosave_ms = default
        window.set_view("caseload", page)
        window.show_section("caseload")
        window.show()
        qtbot.waitExposed(window)
        return page

    yield make
