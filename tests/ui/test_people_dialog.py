"""Adding a person: a date of birth in the future is refused beside the field, not changed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.family.people_tab import PersonDialog


def test_a_future_date_of_birth_is_refused_beside_its_field(qtbot: QtBot, vault: Vault) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    dialog = PersonDialog(caseload.people, fid, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.given_edit.setText("Zofia")
    dialog.dob_check.setChecked(True)
    next_year = QDate.currentDate().addYears(1)
    dialog.dob_edit.setDate(next_year)
    assert dialog.dob_edit.date() == next_year  # the widget keeps what was typed
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert caseload.people.for_family(fid) == []
    assert dialog.isVisible()
    errors = dialog.form.errors["date_of_birth"]
    assert errors.isVisibleTo(dialog) and "in the future" in errors.text()
    dialog.dob_edit.setDate(QDate(2017, 5, 4))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    (person,) = caseload.people.for_family(fid)
    assert person["date_of_birth"] == "2017-05-04"


def test_the_service_refuses_impossible_dates_of_birth(vault: Vault) -> None:

    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    for day, why in ((tomorrow, "in the future"), ("1890-01-01", "out of range|before 1900")):
        with pytest.raises(ValidationFailed, match=why):
            caseload.people.create(
                {"family_id": fid, "given_name": "Zofia", "role": "pupil", "date_of_birth": day}
            )
    person = caseload.people.create({"family_id": fid, "given_name": "Zofia", "role": "pupil"})
    with pytest.raises(ValidationFailed, match="in the future"):
        caseload.people.update(person.id, {"date_of_birth": tomorrow})


def test_a_preferred_name_is_typed_with_its_mnemonic_and_kept_beside_the_legal_one(
    qtbot: QtBot, vault: Vault
) -> None:
    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Kowalska family"}).id
    dialog = PersonDialog(caseload.people, fid, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.given_edit, "Zofia")
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Preferred na&me
    assert dialog.preferred_edit.hasFocus()
    qtbot.keyClicks(dialog.preferred_edit, "Zosia")
    qtbot.keyClick(dialog.preferred_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(caseload.people.for_family(fid)))
    (person,) = caseload.people.for_family(fid)
    assert (person["given_name"], person["preferred_name"]) == ("Zofia", "Zosia")
    assert caseload.people.display_name(person) == "Zofia (Zosia)"
