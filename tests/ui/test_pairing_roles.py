"""The pairing dialog certifies roles on a lead's vault: a lead only by an explicit deputy tick."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.context import ServiceContext
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.sync.pairing_dialog import PairingDialog
from liaison_desktop.ui.sync.peers_table_model import ROLE, PeersTableModel
from tests.conftest import PASSPHRASE
from tests.ui.ui_helpers import activate


@pytest.fixture
def school(tmp_path: Path) -> Iterator[dict[str, SyncService]]:
    vaults = {
        name: Vault.create(
            tmp_path / name, PASSPHRASE, owner_name=name.title(), role=role, kdf_target_seconds=0
        )[0]
        for name, role in (("lead", "lead"), ("deputy", "lead"), ("officer", "officer"))
    }
    try:
        yield {name: SyncService(ServiceContext.open(v)) for name, v in vaults.items()}
    finally:
        for vault in vaults.values():
            vault.close()


def _dialog(qtbot: QtBot, sync: SyncService, key: str) -> PairingDialog:
    dialog = PairingDialog(sync)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.key_edit.setPlainText(key)
    dialog.match_check.setChecked(True)
    return dialog


def test_a_key_that_says_lead_is_certified_as_lead_only_with_the_deputy_tick(
    qtbot: QtBot, school: dict[str, SyncService]
) -> None:
    lead, deputy = school["lead"], school["deputy"]
    dialog = _dialog(qtbot, lead, deputy.device().public_key)
    assert dialog.deputy_check.isVisibleTo(dialog)
    assert "tick the deputy lead box" in dialog.owner_label.text()
    dialog.add_button.click()  # no tick: refused, with the reason, nothing trusted
    assert dialog.error_label.isVisibleTo(dialog)
    assert "deputy safeguarding lead" in dialog.error_label.text()
    assert lead.peers() == []
    activate(qtbot, dialog)
    dialog.key_edit.setFocus()
    qtbot.keyClick(dialog.key_edit, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # mnemonic
    qtbot.waitUntil(dialog.deputy_check.isChecked)
    with qtbot.waitSignal(dialog.peer_added):
        dialog.add_button.click()
    [peer] = lead.peers()
    assert (peer.role, peer.certified) == ("lead", True)
    model = PeersTableModel()
    model.set_peers(lead.peers())
    assert model.index(0, ROLE).data() == "Safeguarding lead"


def test_an_officers_vault_offers_no_deputy_choice_and_shows_the_certified_role(
    qtbot: QtBot, school: dict[str, SyncService]
) -> None:
    lead, officer = school["lead"], school["officer"]
    dialog = _dialog(qtbot, officer, lead.device().public_key)
    assert not dialog.deputy_check.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.peer_added):
        dialog.add_button.click()
    model = PeersTableModel()
    model.set_peers(officer.peers())
    assert model.index(0, ROLE).data() == "Safeguarding lead"  # the trust root, in person
    lead.add_peer(None, officer.device().public_key)
    assert officer.device().certified_role is None
    officer.import_bytes([lead.export_bytes(officer.device().device_id).data])
    assert officer.device().certified_role == "officer"
