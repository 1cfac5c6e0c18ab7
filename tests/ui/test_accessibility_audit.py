"""Every window and dialog, in every state a person sees, read through Qt's accessibility
interfaces: nothing a person can Tab to is without a name, and no table keeps Tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.about_dialog import AboutDialog
from liaison_desktop.ui.keyboard_help import KeyboardShortcutsDialog
from liaison_desktop.ui.start.create_vault_view import CreateVaultView
from liaison_desktop.ui.start.recovery_key_dialog import RecoveryKeyDialog
from liaison_desktop.ui.start.unlock_view import UnlockView

from .accessibility import nameless_focusable, tab_traps
from .test_mnemonics import dialogs
from .window_states import every_state, session_window, settle


def test_the_audit_finds_a_nameless_field_and_passes_a_named_one(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    nameless, named = QLineEdit(), QLineEdit()
    named.setAccessibleName("Postcode")
    layout.addWidget(nameless)
    layout.addWidget(named)
    layout.addWidget(QPushButton("Save"))  # a button is named by its text
    window.show()
    settle()
    assert nameless_focusable(window) == ["EditableText QLineEdit (in '')"]
    nameless.setAccessibleName("Family name")
    assert nameless_focusable(window) == []


@pytest.mark.parametrize("role", ["lead", "officer"])
def test_no_nameless_tab_stop_in_any_section_or_family_tab(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, role: str
) -> None:
    vault, _key = Vault.create(
        tmp_path / "v", "correct horse battery staple 42", owner_name="Dana Lead",
        role=role, kdf_target_seconds=0,
    )  # fmt: skip
    with vault:
        caseload = Caseload(vault)
        fid = caseload.families.create({"name": "Nowak family", "postcode": "LS6 1AA"}).id
        caseload.concerns.raise_concern(fid, "Seen")  # the queue and tab have a row
        window = session_window(caseload, data_dir, role)
        qtbot.addWidget(window)
        window.show()
        settle()
        found: dict[str, list[str]] = {}
        for state in every_state(window, fid):
            found[state] = nameless_focusable(window) + tab_traps(window)
        assert {where: names for where, names in found.items() if names} == {}


def test_no_nameless_tab_stop_in_any_dialog_or_start_window(
    qtbot: QtBot, lead_vault: Vault, tmp_path: Path
) -> None:
    caseload = Caseload(lead_vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    vaults = VaultService(tmp_path / "start")
    makers: dict[str, Callable[[], QWidget]] = dict(dialogs(caseload, fid))
    makers["set up"] = lambda: CreateVaultView(vaults)
    makers["recovery key"] = lambda: RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    makers["about"] = lambda: AboutDialog()
    makers["keyboard shortcuts"] = lambda: KeyboardShortcutsDialog()
    found: dict[str, list[str]] = {}
    for name, make in makers.items():
        window = make()
        qtbot.addWidget(window)
        window.show()
        settle()
        found[name] = nameless_focusable(window) + tab_traps(window)
        window.hide()
    vaults.create("correct horse battery staple 42", owner_name="Sam", role="officer")[0].close()
    unlock = UnlockView(vaults)
    qtbot.addWidget(unlock)
    unlock.show()
    settle()
    found["unlock"] = nameless_focusable(unlock)
    unlock.show_recovery()
    settle()
    found["unlock with the recovery key"] = nameless_focusable(unlock)
    assert {name: names for name, names in found.items() if names} == {}


def test_the_recovery_key_and_the_fingerprint_are_read_out_group_by_group(
    qtbot: QtBot, lead_vault: Vault, tmp_path: Path
) -> None:
    from PySide6.QtGui import QAccessible

    from liaison_desktop.services.sync_service import SyncService
    from liaison_desktop.ui.spoken import spelled
    from liaison_desktop.ui.sync.sync_view import SyncView

    assert spelled("ABCD-EF12 3456") == "A B C D, E F 1 2, 3 4 5 6"
    key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
    dialog = RecoveryKeyDialog(key)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    names = _all_names(QAccessible.queryAccessibleInterface(dialog))
    spoken = "A B C D, E F G H, I J K L, M N O P, Q R S T, U V W X, Y Z 2 3, 4 5 6 7"
    assert f"Recovery key: {spoken}" in names

    caseload = Caseload(lead_vault)
    view = SyncView(caseload, SettingsService(tmp_path))
    qtbot.addWidget(view)
    view.show()
    settle()
    fingerprint = SyncService(caseload.ctx).device().fingerprint
    names = _all_names(QAccessible.queryAccessibleInterface(view))
    assert f"This device's fingerprint: {spelled(fingerprint)}" in names


def _all_names(iface: object) -> list[str]:
    from PySide6.QtGui import QAccessible, QAccessibleInterface

    found: list[str] = []

    def walk(node: QAccessibleInterface | None, depth: int) -> None:
        if node is None or not node.isValid() or depth > 80:
            return
        found.append(node.text(QAccessible.Text.Name))
        for index in range(node.childCount()):
            walk(node.child(index), depth + 1)

    walk(iface, 0)  # type: ignore[arg-type]
    return found
