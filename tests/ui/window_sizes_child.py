"""Child process of test_window_sizes: opens every window and dialog on one simulated screen
(set by the offscreen platform's config file) and prints what fits, as JSON."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QPushButton,
    QScrollArea,
    QWidget,
)


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def buttons_shown(window: QWidget) -> list[str]:
    """The action buttons (of button boxes, and default buttons) outside the window's area."""
    area = window.rect()
    hidden = []
    wanted: list[QAbstractButton] = []
    for box in window.findChildren(QDialogButtonBox):
        if box.window() is window and box.isVisibleTo(window):
            wanted.extend(box.buttons())
    for button in window.findChildren(QPushButton):
        if button.window() is window and button.isDefault() and button.isVisibleTo(window):
            wanted.append(button)
    for button in wanted:
        top_left = button.mapTo(window, QPoint(0, 0))
        if not area.contains(QRect(top_left, button.size())):
            hidden.append(button.text())
    return hidden


def measure(name: str, window: QWidget, screen: QRect) -> dict[str, object]:
    window.show()
    settle()
    frame = window.frameGeometry()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    return {
        "name": name,
        "size": [window.width(), window.height()],
        "minimum": [minimum.width(), minimum.height()],
        "fits": screen.width() >= frame.width() and screen.height() >= frame.height(),
        "min_fits": screen.width() >= minimum.width() and screen.height() >= minimum.height(),
        "buttons_outside": buttons_shown(window),
        # A form that scrolls sideways hides the ends of its fields (or its labels).
        "sideways": [
            area.objectName() or type(area.widget()).__name__
            for area in window.findChildren(QScrollArea)
            if area.window() is window
            and area.isVisibleTo(window)
            and area.horizontalScrollBar().isVisible()
        ],
    }


def main() -> None:
    os.environ.setdefault("LIAISON_KDF_SECONDS", "0")
    app = QApplication(sys.argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from liaison_desktop.services.caseload import Caseload
    from liaison_desktop.services.vault_service import VaultService
    from liaison_desktop.store.vault import Vault
    from liaison_desktop.ui.about_dialog import AboutDialog
    from liaison_desktop.ui.keyboard_help import KeyboardShortcutsDialog
    from liaison_desktop.ui.session_controller import _place
    from liaison_desktop.ui.start.create_vault_view import CreateVaultView
    from liaison_desktop.ui.start.recovery_key_dialog import RecoveryKeyDialog
    from liaison_desktop.ui.start.unlock_view import UnlockView
    from tests.ui.test_mnemonics import dialogs
    from tests.ui.window_states import every_state, session_window

    screen = app.primaryScreen().availableGeometry()
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        vaults = VaultService(root / "start")
        create = CreateVaultView(vaults)
        _place(create)  # as the app places its top-level windows
        results.append(measure("set up", create, screen))
        vault, recovery = Vault.create(
            root / "v", "correct horse battery staple 42", owner_name="Dana Lead",
            role="lead", kdf_target_seconds=0,
        )  # fmt: skip
        results.append(measure("recovery key", RecoveryKeyDialog(recovery), screen))
        vaults.create("correct horse battery staple 42", owner_name="Sam", role="officer")[
            0
        ].close()
        unlock = UnlockView(vaults)
        _place(unlock)
        results.append(measure("unlock", unlock, screen))
        with vault:
            caseload = Caseload(vault)
            fid = caseload.families.create({"name": "Nowak family", "postcode": "LS6 1AA"}).id
            window = session_window(caseload, root, "lead")
            _place(window)
            window.show()
            settle()
            for state in every_state(window, fid):
                name = state if state.startswith("family:") else f"main window: {state}"
                results.append(measure(name, window, screen))
            makers: dict[str, Callable[[], QWidget]] = dict(dialogs(caseload, fid))
            makers["about"] = lambda: AboutDialog()
            makers["keyboard shortcuts"] = lambda: KeyboardShortcutsDialog()
            for name, make in makers.items():
                dialog = make()
                results.append(measure(name, dialog, screen))
                dialog.hide()
                dialog.deleteLater()
            window.close()
    print(json.dumps({"screen": [screen.width(), screen.height()], "windows": results}))


if __name__ == "__main__":
    main()
