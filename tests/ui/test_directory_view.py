"""The Directory: filter by layer and kind, add a contact, see the families it works with."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.directory.contact_dialog import ContactDialog
from liaison_desktop.ui.directory.contact_table_model import COL_ORGANISATION
from liaison_desktop.ui.directory.directory_view import DirectoryView, EcomapDialog
from liaison_desktop.ui.session_controller import SessionController

from .ui_helpers import unlocked_session


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    caseload = Caseload(vault)
    for values in (
        {"organisation": "Hope Food Bank", "kind": "food_bank", "layer": 3,
         "opening_times": "Tue 10–2", "phone": "0161 496 0000",
         "secure_email": "referrals@hope.example.org", "service_offered": "Food parcels"},
        {"organisation": "Children's Social Care", "name": "Priya Shah", "kind": "social_care",
         "layer": 2},
        {"organisation": "Central Library", "kind": "library", "layer": 4},
        {"organisation": "Al-Noor Mosque", "kind": "faith_group", "layer": 3},
    ):  # fmt: skip
        caseload.directory.create(values)
    return caseload


def _organisations(view: DirectoryView) -> list[str]:
    return sorted(
        str(view.proxy.index(row, COL_ORGANISATION).data()) for row in range(view.proxy.rowCount())
    )


def _choose(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))


def _contact_id(caseload: Caseload, organisation: str) -> str:
    return next(c.id for c in caseload.directory.all() if c["organisation"] == organisation)


def test_filters_by_layer_kind_and_text(qtbot: QtBot, caseload: Caseload) -> None:
    view = DirectoryView(caseload)
    qtbot.addWidget(view)
    assert view.proxy.rowCount() == 4 and view.count_label.text() == "4 contacts"

    _choose(view.layer_combo, 3)
    assert _organisations(view) == ["Al-Noor Mosque", "Hope Food Bank"]
    assert view.count_label.text() == "2 of 4 contacts"
    _choose(view.kind_combo, "food_bank")
    assert _organisations(view) == ["Hope Food Bank"]
    _choose(view.layer_combo, 0)
    _choose(view.kind_combo, "")
    view.search_edit.setText("priya")
    assert _organisations(view) == ["Children's Social Care"]
    view.search_edit.clear()
    assert view.proxy.rowCount() == 4


def test_selected_contact_shows_its_details(qtbot: QtBot, caseload: Caseload) -> None:
    view = DirectoryView(caseload)
    qtbot.addWidget(view)
    assert view.select_contact(_contact_id(caseload, "Hope Food Bank"))
    assert view.title_label.text() == "Hope Food Bank"
    assert "Organisations linked to the school" in view.subtitle_label.text()
    assert view.detail_values["phone"].text() == "0161 496 0000"
    assert view.detail_values["secure_email"].text() == "referrals@hope.example.org"
    assert view.detail_values["opening_times"].text() == "Tue 10–2"
    assert view.no_families_label.isVisibleTo(view)


def test_add_a_contact_with_a_refused_email_then_fixed(qtbot: QtBot, caseload: Caseload) -> None:
    view = DirectoryView(caseload)
    qtbot.addWidget(view)
    view.show()
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = view.contact_dialog
    assert isinstance(dialog, ContactDialog) and dialog.isVisible()
    organisation = dialog.edits["organisation"]
    assert isinstance(organisation, QLineEdit)
    organisation.setText("Clwb Ieuenctid Llanfair — Youth Club")
    _choose(dialog.edits["kind"], "youth")  # type: ignore[arg-type]
    _choose(dialog.edits["layer"], 3)  # type: ignore[arg-type]
    email = dialog.edits["email"]
    assert isinstance(email, QLineEdit)
    email.setText("not an email")
    dialog.buttons.accepted.emit()

    assert dialog.isVisible() and dialog.errors["email"].isVisibleTo(dialog)
    assert dialog.errors["email"].text()
    assert not dialog.errors["organisation"].isVisibleTo(dialog)
    assert len(caseload.directory.all()) == 4  # nothing saved

    email.setText("hello@youth.example.org")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    saved = [c for c in caseload.directory.all() if c["kind"] == "youth"]
    assert len(saved) == 1 and saved[0]["layer"] == 3
    assert view.title_label.text() == "Clwb Ieuenctid Llanfair — Youth Club"
    assert view.proxy.rowCount() == 5


def test_linked_families_are_listed_and_open_their_ecomap(qtbot: QtBot, caseload: Caseload) -> None:
    food_bank = _contact_id(caseload, "Hope Food Bank")
    for name in ("Nowak family", "Adeyemi family"):
        family = caseload.families.create({"name": name})
        caseload.directory.link(family.id, food_bank, "Weekly parcels")
    caseload.families.create({"name": "Unlinked family"})
    view = DirectoryView(caseload)
    qtbot.addWidget(view)
    view.select_contact(food_bank)
    assert view.linked_family_names() == ["Adeyemi family", "Nowak family"]
    assert view.ecomap_button.isEnabled()

    qtbot.mouseClick(view.ecomap_button, Qt.MouseButton.LeftButton)
    dialog = view.ecomap_dialog
    assert isinstance(dialog, EcomapDialog) and dialog.isVisible()
    assert dialog.view.ecomap.family_name == "Adeyemi family"
    assert "Organisations linked to the school: Hope Food Bank — Weekly parcels" in (
        dialog.view.links_model.stringList()
    )
    dialog.reject()


def test_directory_section_is_built_when_the_vault_unlocks(
    qtbot: QtBot, recovery_key: str, controller: SessionController
) -> None:
    window = unlocked_session(qtbot, controller)
    window.show_section("directory")
    assert isinstance(window.view("directory"), DirectoryView)


def test_a_contact_hidden_by_the_filters_is_shown_once_added(
    qtbot: QtBot, caseload: Caseload
) -> None:
    view = DirectoryView(caseload)
    qtbot.addWidget(view)
    _choose(view.layer_combo, 4)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = view.contact_dialog
    assert dialog is not None
    dialog.edits["organisation"].setText("St Teilo's Health Visitors")  # type: ignore[union-attr]
    _choose(dialog.edits["kind"], "health")  # type: ignore[arg-type]
    _choose(dialog.edits["layer"], 2)  # type: ignore[arg-type]
    dialog.buttons.accepted.emit()
    assert view.layer_combo.currentData() == 0
    assert view.title_label.text() == "St Teilo's Health Visitors"


def test_keyboard_only_find_move_and_open_a_contact(qtbot: QtBot, caseload: Caseload) -> None:
    view = DirectoryView(caseload)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_edit.hasFocus()
    qtbot.keyClicks(view.search_edit, "library")
    assert view.proxy.rowCount() == 1
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    assert view.table.hasFocus()
    assert view.title_label.text() == "Central Library"
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.contact_dialog
    assert isinstance(dialog, ContactDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Edit contact"
    dialog.reject()
