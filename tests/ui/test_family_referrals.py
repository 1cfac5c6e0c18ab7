"""Referrals from the family page: pick a food bank from the directory, move, voucher warning."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.referrals_tab import ReferralsTab

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)

CLICK = Qt.MouseButton.LeftButton


def _food_bank(caseload: Caseload) -> str:
    return caseload.directory.create(
        {"organisation": "Trelái Food Bank", "kind": "food_bank", "layer": 3}
    ).id


def _refer(qtbot: QtBot, tab: ReferralsTab, org_text: str, vouchers: int) -> None:
    tab.org_combo.setEditText(org_text)
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("food_bank"))
    tab.reason_edit.setText("Between pay dates")
    tab.vouchers_spin.setValue(vouchers)
    qtbot.mouseClick(tab.refer_button, CLICK)


def test_refer_to_a_food_bank_and_see_the_voucher_warning(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    org_id = _food_bank(caseload)
    page = make_page(family_id)
    tab = page.referrals
    page.tabs.setCurrentWidget(tab)
    assert tab.org_combo.findData(org_id) > 0
    _refer(qtbot, tab, "Trelái Food Bank", 2)
    (referral,) = caseload.referrals.for_family(family_id)
    assert referral["organisation_id"] == org_id and referral["vouchers"] == 2
    assert not tab.warning_label.isVisible()
    _refer(qtbot, tab, "Trelái Food Bank", 1)
    assert tab.warning_label.isVisible()
    assert tab.warning_label.text() == caseload.referrals.warnings_for(family_id)[0].message
    assert "3" in tab.vouchers_label.text()
    page.tabs.setCurrentWidget(page.overview)
    assert page.overview.warnings_label.isVisible()


def test_an_organisation_not_in_the_directory_is_refused_beside_its_field(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    _food_bank(caseload)
    page = make_page(family_id)
    tab = page.referrals
    page.tabs.setCurrentWidget(tab)
    _refer(qtbot, tab, "A food bank I made up", 1)
    assert tab.form.errors["organisation_id"].isVisible()
    assert caseload.referrals.for_family(family_id) == []


def test_only_allowed_status_moves_are_offered(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    caseload.referrals.add(family_id, "school_uniform", reason="Growing fast")
    page = make_page(family_id)
    tab = page.referrals
    page.tabs.setCurrentWidget(tab)
    tab.table.select_source_row(0)
    offered = [tab.move_combo.itemData(i) for i in range(tab.move_combo.count())]
    assert offered == ["sent", "withdrawn"]
    tab.move_combo.setCurrentIndex(tab.move_combo.findData("sent"))
    qtbot.mouseClick(tab.move_button, CLICK)
    (referral,) = caseload.referrals.for_family(family_id)
    assert referral["status"] == "sent"
    offered = [tab.move_combo.itemData(i) for i in range(tab.move_combo.count())]
    assert offered == ["accepted", "declined", "withdrawn"]
    tab.move_combo.setCurrentIndex(tab.move_combo.findData("declined"))
    qtbot.mouseClick(tab.move_button, CLICK)
    assert tab.move_combo.count() == 0 and not tab.move_button.isEnabled()
    kinds = {e.kind for e in page.chronology.model.rows()}
    assert "referral_status" in kinds
