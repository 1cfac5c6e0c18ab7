"""Pairing another agency's device from the dialog marks it, as `peer add --organisation` does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison_desktop.services.context import ServiceContext
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.sync.pairing_dialog import PairingDialog
from tests.conftest import PASSPHRASE


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[SyncService, SyncService]]:
    school, _k = Vault.create(
        tmp_path / "lead", PASSPHRASE, owner_name="Dana Lead", role="lead", kdf_target_seconds=0
    )
    agency, _k = Vault.create(
        tmp_path / "sw", PASSPHRASE, owner_name="Sol Worker", role="officer", kdf_target_seconds=0
    )
    try:
        yield SyncService(ServiceContext.open(school)), SyncService(ServiceContext.open(agency))
    finally:
        school.close()
        agency.close()


def _dialog(qtbot: QtBot, sync: SyncService, key: str) -> PairingDialog:
    dialog = PairingDialog(sync)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.key_edit.setPlainText(key)
    dialog.match_check.setChecked(True)
    return dialog


def test_a_device_marked_as_another_agencys_is_kept_with_organisation_and_basis(
    qtbot: QtBot, two: tuple[SyncService, SyncService]
) -> None:
    school, agency = two
    dialog = _dialog(qtbot, school, agency.device().public_key)
    assert not dialog.agency_box.isVisibleTo(dialog)
    dialog.agency_check.setChecked(True)
    assert dialog.agency_box.isVisibleTo(dialog)
    dialog.organisation_edit.setText("Demoford Children's Services")
    dialog.basis_combo.setCurrentIndex(dialog.basis_combo.findData("legal_obligation"))
    with qtbot.waitSignal(dialog.peer_added):
        dialog.add_button.click()
    share = school.external_share(agency.device().device_id)
    assert share is not None
    assert share.organisation == "Demoford Children's Services"
    assert share.lawful_basis == "legal_obligation"
    assert share.recipient == "Sol Worker"


def test_an_agency_device_without_an_organisation_is_not_added(
    qtbot: QtBot, two: tuple[SyncService, SyncService]
) -> None:
    school, agency = two
    dialog = _dialog(qtbot, school, agency.device().public_key)
    dialog.agency_check.setChecked(True)
    dialog.add_button.click()
    assert dialog.isVisible()
    assert "organisation" in dialog.error_label.text()
    assert school.peers() == []


def test_a_colleagues_device_is_not_marked(
    qtbot: QtBot, two: tuple[SyncService, SyncService]
) -> None:
    school, agency = two
    dialog = _dialog(qtbot, school, agency.device().public_key)
    dialog.add_button.click()
    assert [p.name for p in school.peers()] == ["Sol Worker"]
    assert school.external_share(agency.device().device_id) is None
