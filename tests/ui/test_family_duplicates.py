"""Two records of one family in the app: warned before creating one, merged or removed by the
lead, with real clicks and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.caseload.merge_dialog import MergeFamiliesDialog
from liaison_desktop.ui.caseload.new_family_dialog import NewFamilyDialog

from .test_caseload_view import make_view


def select(view: CaseloadView, *family_ids: str) -> None:
    view.table.clearSelection()
    for family_id in family_ids:
        row = view.proxy.mapFromSource(view.model.index(view.model.row_of(family_id), 0)).row()
        view.table.selectionModel().select(
            view.proxy.index(row, 0),
            view.table.selectionModel().SelectionFlag.Select
            | view.table.selectionModel().SelectionFlag.Rows,
        )


def test_creating_a_family_already_held_names_it_first(qtbot: QtBot, vault: Vault) -> None:
    caseload = Caseload(vault)
    existing = caseload.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    view = make_view(qtbot, caseload)
    qtbot.mouseClick(view.new_family_button, Qt.MouseButton.LeftButton)
    dialog = view.new_family_dialog
    assert isinstance(dialog, NewFamilyDialog)
    qtbot.keyClicks(dialog.name_edit, "ali family")
    qtbot.keyClicks(dialog.postcode_edit, "ls6 1aa")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Not created: the one held is named, and the officer can open it instead.
    assert len(caseload.families.all()) == 1
    assert dialog.duplicate_label.isVisibleTo(dialog)
    assert "Ali family · LS6 1AA" in dialog.duplicate_label.text()
    assert dialog.save_button.text() == "C&reate anyway"
    qtbot.mouseClick(dialog.open_existing_button, Qt.MouseButton.LeftButton)
    assert view.open_family_id == existing
    assert len(caseload.families.all()) == 1


def test_create_anyway_makes_a_second_household_of_that_name(qtbot: QtBot, vault: Vault) -> None:
    caseload = Caseload(vault)
    caseload.families.create({"name": "Ali family"})
    view = make_view(qtbot, caseload)
    qtbot.mouseClick(view.new_family_button, Qt.MouseButton.LeftButton)
    dialog = view.new_family_dialog
    assert isinstance(dialog, NewFamilyDialog)
    qtbot.keyClicks(dialog.name_edit, "Ali family")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(caseload.families.all()) == 1
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # Create anyway
    assert len(caseload.families.all()) == 2


def test_the_lead_merges_two_records_keeping_the_one_chosen(
    qtbot: QtBot, lead_vault: Vault
) -> None:
    caseload = Caseload(lead_vault)
    first = caseload.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    second = caseload.families.create({"name": "Ali family"}).id
    note = caseload.notes.write(first, "Phoned Mum", final=True).id
    view = make_view(qtbot, caseload)
    assert view.merge_button.isVisible() and not view.merge_button.isEnabled()
    select(view, first, second)
    assert view.merge_button.isEnabled() and not view.remove_button.isEnabled()
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    dialog = view.merge_dialog
    assert isinstance(dialog, MergeFamiliesDialog)
    keep_second = next(b for b in dialog.keep_buttons if "no postcode" in b.text())
    qtbot.mouseClick(keep_second, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert caseload.families.find(first) is None
    assert caseload.notes.get(note)["family_id"] == second
    assert caseload.families.get(second)["postcode"] == "LS6 1AA"  # filled from the other
    assert view.open_family_id == second


def test_the_lead_removes_a_mistake_but_is_told_why_not_a_family_with_records(
    qtbot: QtBot, lead_vault: Vault
) -> None:
    caseload = Caseload(lead_vault)
    mistake = caseload.families.create({"name": "Ali famly"}).id
    worked = caseload.families.create({"name": "Ali family"}).id
    caseload.notes.write(worked, "Phoned Mum", final=True)
    view = make_view(qtbot, caseload)

    select(view, worked)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    box = view.remove_box
    assert box is not None
    remove = next(b for b in box.buttons() if b.text() == "&Remove")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert caseload.families.find(worked) is not None
    assert "cannot be removed as a mistake" in view.problem_label.text()
    assert view.problem_label.isVisibleTo(view)

    select(view, mistake)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    box = view.remove_box
    assert box is not None
    cancel = box.button(box.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert caseload.families.find(mistake) is not None  # Cancel is the default, and safe
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    box = view.remove_box
    assert box is not None
    qtbot.mouseClick(
        next(b for b in box.buttons() if b.text() == "&Remove"), Qt.MouseButton.LeftButton
    )
    assert caseload.families.find(mistake) is None


def test_an_officer_has_no_merge_or_remove(qtbot: QtBot, vault: Vault) -> None:
    view = make_view(qtbot, Caseload(vault))
    assert not view.merge_button.isVisibleTo(view)
    assert not view.remove_button.isVisibleTo(view)
