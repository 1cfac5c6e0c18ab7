"""The Sync screen: pairing two devices by fingerprint, Sync now, resolving a conflict."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import Settings, SettingsService
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.sync.pairing_dialog import PairingDialog
from liaison_desktop.ui.sync.peers_table_model import NAME
from liaison_desktop.ui.sync.sync_history_model import CONCERNS_ROLE
from liaison_desktop.ui.sync.sync_view import SyncView
from tests.conftest import PASSPHRASE

from .ui_helpers import NEVER_MS, OP_TIMEOUT_MS


@dataclass
class Side:
    """One device: its vault, services and Sync screen."""

    vault: Vault
    caseload: Caseload
    view: SyncView

    @property
    def sync(self) -> SyncService:
        return self.view.sync


def _side(
    qtbot: QtBot, root: Path, name: str, role: str, folder: Path, *, watch: bool = False
) -> Side:
    vault, _key = Vault.create(root, PASSPHRASE, owner_name=name, role=role, kdf_target_seconds=0)
    settings = SettingsService(root)
    settings.save(Settings(sync_folder=str(folder)))
    caseload = Caseload(vault)
    view = SyncView(caseload, settings, auto_sync_ms=NEVER_MS, watch_folder=watch)
    qtbot.addWidget(view)
    return Side(vault, caseload, view)


@pytest.fixture
def shared_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    return folder


@pytest.fixture
def lead(qtbot: QtBot, tmp_path: Path, shared_folder: Path) -> Iterator[Side]:
    side = _side(qtbot, tmp_path / "lead", "Nia Lead", "lead", shared_folder)
    yield side
    side.vault.close()


@pytest.fixture
def officer(qtbot: QtBot, tmp_path: Path, shared_folder: Path) -> Iterator[Side]:
    side = _side(qtbot, tmp_path / "officer", "Oskar Officer", "officer", shared_folder)
    yield side
    side.vault.close()


def _pair_through_dialog(qtbot: QtBot, me: Side, them: Side) -> str:
    """Paste `them`'s key into `me`'s dialog, confirm, trust; returns the fingerprint shown."""
    qtbot.mouseClick(me.view.add_peer_button, Qt.MouseButton.LeftButton)
    dialog = me.view.findChild(PairingDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.add_button.isEnabled()
    dialog.key_edit.setPlainText(them.view.key_edit.text())
    shown = dialog.fingerprint_label.text()
    assert not dialog.add_button.isEnabled()  # not before the person confirms the match
    dialog.match_check.setChecked(True)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=OP_TIMEOUT_MS)
    return shown


def _sync_now(qtbot: QtBot, side: Side) -> dict[str, object]:
    with qtbot.waitSignal(side.view.synced, timeout=OP_TIMEOUT_MS) as signal:
        qtbot.mouseClick(side.view.sync_button, Qt.MouseButton.LeftButton)
        assert side.view.busy.busy and not side.view.sync_button.isEnabled()
    assert not side.view.busy.busy and side.view.sync_button.isEnabled()
    report = signal.args[0]
    assert isinstance(report, dict)
    return report


def _pair(lead: Side, officer: Side) -> None:
    lead.sync.add_peer(None, officer.sync.device().public_key)
    officer.sync.add_peer(None, lead.sync.device().public_key)
    lead.view.refresh()
    officer.view.refresh()


def test_pairing_two_devices_shows_each_others_fingerprint_and_trusts_them(
    qtbot: QtBot, lead: Side, officer: Side
) -> None:
    assert lead.view.fingerprint_label.text() == lead.sync.device().fingerprint
    shown_to_lead = _pair_through_dialog(qtbot, lead, officer)
    shown_to_officer = _pair_through_dialog(qtbot, officer, lead)

    # What each person sees is what the other device's own screen ("device show") says.
    assert shown_to_lead == officer.sync.device().fingerprint
    assert shown_to_officer == lead.sync.device().fingerprint
    assert shown_to_lead == officer.view.fingerprint_label.text()
    assert [p.name for p in lead.sync.peers()] == ["Oskar Officer"]
    assert [p.name for p in officer.sync.peers()] == ["Nia Lead"]
    assert lead.view.peers_model.index(0, NAME).data() == "Oskar Officer"


def test_a_damaged_key_shows_a_reason_and_cannot_be_trusted(
    qtbot: QtBot, lead: Side, officer: Side
) -> None:
    dialog = PairingDialog(lead.sync, lead.view)
    dialog.key_edit.setPlainText(officer.view.key_edit.text()[:-6])
    assert dialog.fingerprint_shown() == "" and not dialog.match_check.isEnabled()
    assert "not a device key" in dialog.error_label.text()
    assert not dialog.add_button.isEnabled()
    assert lead.sync.peers() == []


def test_revoking_a_device_asks_first_then_marks_it_revoked(
    qtbot: QtBot, lead: Side, officer: Side
) -> None:
    _pair(lead, officer)
    lead.view.peers_table.selectRow(0)
    qtbot.mouseClick(lead.view.revoke_button, Qt.MouseButton.LeftButton)
    box = lead.view.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    [revoke] = [b for b in box.buttons() if b.text() == "Revoke"]
    qtbot.mouseClick(revoke, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lead.sync.peers()[0].revoked, timeout=OP_TIMEOUT_MS)
    assert not lead.view.revoke_button.isEnabled()


def test_sync_now_carries_a_new_family_from_the_officer_to_the_lead(
    qtbot: QtBot, lead: Side, officer: Side, shared_folder: Path
) -> None:
    _pair(lead, officer)
    family = officer.caseload.families.create({"name": "Ashworth-Nowak family"})
    concern = officer.caseload.concerns.raise_concern(
        family.id, "Seemed withdrawn at pick-up", urgency="urgent"
    )

    sent = _sync_now(qtbot, officer)
    assert sent["written"] and list(shared_folder.glob("*.lbundle"))
    received = _sync_now(qtbot, lead)

    assert lead.caseload.families.get(family.id)["name"] == "Ashworth-Nowak family"
    assert lead.caseload.concerns.get(concern.id)["observed"] == "Seemed withdrawn at pick-up"
    assert received["imported"]
    # The history shows what came in, and the concern that arrived is highlighted.
    history = lead.view.history_model
    assert history.rowCount() == 1
    assert history.index(0, 0).data(CONCERNS_ROLE) == 1
    assert history.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not lead.view.concerns_label.isHidden()
    assert "1 new safeguarding concern" in lead.view.concerns_label.text()
    assert "Nothing new" not in history.index(0, 1).data()


def test_resolving_a_conflict_in_the_gui_keeps_the_chosen_value_everywhere(
    qtbot: QtBot, lead: Side, officer: Side
) -> None:
    _pair(lead, officer)
    family = officer.caseload.families.create({"name": "Kowalczyk family"})
    _sync_now(qtbot, officer)
    _sync_now(qtbot, lead)
    lead.caseload.allocations.allocate(family.id, officer.sync.device().device_id)
    _sync_now(qtbot, lead)
    _sync_now(qtbot, officer)

    # Both change the same field before either has seen the other's change.
    lead.caseload.families.update(family.id, {"strengths": "Grandmother helps every morning"})
    officer.caseload.families.update(family.id, {"strengths": "Dad walks the children to school"})
    _sync_now(qtbot, officer)
    _sync_now(qtbot, lead)
    _sync_now(qtbot, officer)
    assert "two devices at once" in officer.view.status_label.text()

    conflicts = officer.view.conflicts
    assert conflicts.model.rowCount() == 1
    assert officer.view.tabs.tabText(2) == "Conflicts (1)"
    conflicts.select_row(0)
    qtbot.mouseClick(conflicts.keep_theirs_button, Qt.MouseButton.LeftButton)

    assert conflicts.model.rowCount() == 0
    assert not conflicts.keep_theirs_button.isEnabled()
    assert officer.caseload.families.get(family.id)["strengths"] == (
        "Grandmother helps every morning"
    )
    # The choice is an edit like any other: it reaches the lead, who then agrees.
    _sync_now(qtbot, officer)
    _sync_now(qtbot, lead)
    assert lead.caseload.families.get(family.id)["strengths"] == "Grandmother helps every morning"


def test_automatic_sync_waits_for_a_reachable_folder_and_never_overlaps(
    qtbot: QtBot, lead: Side, officer: Side, shared_folder: Path
) -> None:
    _pair(lead, officer)
    assert officer.view.auto_timer.isActive()
    shared_folder.rename(shared_folder.with_name("unplugged"))
    officer.view.auto_timer.timeout.emit()
    assert not officer.view.syncing  # the stick is out: nothing starts, nothing complains
    shared_folder.with_name("unplugged").rename(shared_folder)
    with qtbot.waitSignal(officer.view.synced, timeout=OP_TIMEOUT_MS):
        officer.view.auto_timer.timeout.emit()
        assert officer.view.syncing
        assert not officer.view.start_sync(shared_folder)  # a second run is refused
    assert officer.view.history_model.rowCount() == 1


def test_a_bundle_refused_on_authority_shows_as_a_security_event_in_words(
    qtbot: QtBot, lead: Side, officer: Side
) -> None:
    from liaison_desktop.domain.records import allocation_id
    from liaison_desktop.ui.sync.sync_history_model import ALARM, PROBLEMS, SECURITY_ROLE

    _pair(lead, officer)
    taken = lead.caseload.families.create({"name": "Brennan family"}).id
    # The insider: an allocation to itself, written straight into its own vault.
    officer.caseload.ctx.store.put(
        "allocation",
        allocation_id(taken, officer.sync.identity.device_id),
        {"family_id": taken, "device_id": officer.sync.identity.device_id, "active": True,
         "allocated_at": "2026-12-01T09:00:00+00:00"},
    )  # fmt: skip
    _sync_now(qtbot, officer)
    report = _sync_now(qtbot, lead)

    assert report["security"] and report["security"][0]["refused"] is True
    assert lead.caseload.allocations.families_for_device(officer.sync.identity.device_id) == []
    status = lead.view.status_label.text()
    assert "Security: a bundle from Oskar Officer was refused" in status
    history = lead.view.history_model
    row = [history.index(0, c) for c in range(history.columnCount())]
    assert row[0].data(SECURITY_ROLE) == 1
    assert row[0].data(Qt.ItemDataRole.BackgroundRole).color() == ALARM
    assert "Security event (1)" in row[PROBLEMS].data()
    spoken = row[0].data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Security: a bundle from Oskar Officer was refused" in spoken  # not colour alone


def test_a_colleagues_bundle_arriving_in_the_folder_is_synced_by_itself(
    qtbot: QtBot, tmp_path: Path, shared_folder: Path, lead: Side
) -> None:
    watching = _side(
        qtbot, tmp_path / "watching", "Wen Officer", "officer", shared_folder, watch=True
    )
    try:
        _pair(lead, watching)
        assert "Not synced yet" in watching.view.state_label.text()
        family = lead.caseload.families.create({"name": "Okafor family"})
        lead.caseload.allocations.allocate(family.id, watching.sync.device().device_id, "Wen")
        # The lead syncs (from its own screen); the officer touches nothing.
        with qtbot.waitSignal(watching.view.synced, timeout=OP_TIMEOUT_MS):
            _sync_now(qtbot, lead)
        assert watching.caseload.families.get(family.id)["name"] == "Okafor family"
        state = watching.view.state_label.text()
        assert "Last synced" in state and "Nia Lead" in state
        # Its own bundles written and cleared are not news: no second sync follows.
        qtbot.wait(4000)
        assert len(watching.sync.history()) == 1
        # The lead has not yet read the officer's reply: its changes wait to be confirmed.
        lead_state = lead.sync.status_text()
        assert "Last synced" in lead_state and "Not yet confirmed by Wen Officer" in lead_state
        with qtbot.waitSignal(lead.view.synced, timeout=OP_TIMEOUT_MS):
            _sync_now(qtbot, lead)  # the officer's bundle acknowledges what it received
        assert "Not yet confirmed" not in lead.sync.status_text()
    finally:
        watching.vault.close()


def test_revoking_a_device_that_holds_families_offers_to_hand_them_over(
    qtbot: QtBot, lead: Side, officer: Side, tmp_path: Path
) -> None:
    """Issue 23: after the revocation the handover dialog opens for the revoked device; the
    lead picks the other officer with the keyboard, hands over and saves the summary."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    from liaison_desktop.ui.sync.handover_dialog import HandoverDialog
    from tests.sync.world import create_member

    other = create_member(tmp_path / "others", "Kim Officer", "officer")
    lead.sync.add_peer(None, other.public_key)
    _pair(lead, officer)
    families = [lead.caseload.families.create({"name": f"Family {n}"}).id for n in range(3)]
    oskar = officer.sync.device().device_id
    lead.caseload.allocations.allocate_many(families, oskar)
    lead.view.refresh()
    names = [lead.view.peers_model.index(r, NAME).data() for r in range(2)]
    lead.view.peers_table.selectRow(names.index("Oskar Officer"))
    qtbot.mouseClick(lead.view.revoke_button, Qt.MouseButton.LeftButton)
    box = lead.view.findChild(QMessageBox)
    assert box is not None
    [revoke] = [b for b in box.buttons() if b.text() == "Revoke"]
    qtbot.mouseClick(revoke, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(lead.view.handover_dialog, HandoverDialog))
    dialog = lead.view.handover_dialog
    assert isinstance(dialog, HandoverDialog)
    assert "still holds 3 families" in dialog.intro.text()
    assert dialog.from_combo.currentData() == oskar
    assert "revoked" in dialog.from_combo.currentText()
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.to_combo.currentText() == "Kim Officer"
    qtbot.keyClick(dialog.to_combo, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.moved is not None, timeout=OP_TIMEOUT_MS)
    assert set(lead.caseload.allocations.families_for_device(other.device_id)) == set(families)
    assert lead.caseload.allocations.families_for_device(oskar) == []
    qtbot.waitUntil(lambda: isinstance(dialog.save_dialog, QFileDialog))
    chooser = dialog.save_dialog
    assert isinstance(chooser, QFileDialog)
    qtbot.waitUntil(chooser.isVisible)
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    out = tmp_path / "handover.pdf"
    name.setText(str(out))
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "handover summary is saved" in dialog.message.text(),
                    timeout=OP_TIMEOUT_MS)  # fmt: skip
    assert out.read_bytes().startswith(b"%PDF")
    dialog.done(0)
