"""Add a colleague's device: paste their key, compare fingerprints aloud, then trust it.

The fingerprint shown is computed here from the pasted key. The colleague reads theirs from
their own Sync screen; only when the two match has nobody swapped the key on its way (by
e-mail, chat or USB stick). One explicit tick confirms it; nothing is trusted before that.

On a lead's vault, pairing certifies the device. A key only claims its role, so a lead's role
is given only with a second, clearly worded tick ("This is a deputy safeguarding lead's
laptop"); without it a key that says "lead" is refused with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import sharing as sh
from ...domain import vocabulary as v
from ...domain.sharing import ShareDetails
from ...errors import LiaisonError
from ...i18n import _
from ...services.sync_service import DeviceInfo, SyncService
from ..roles import role_label
from ..spoken import spelled
from ..widgets.styles import apply_error_style


def fingerprint_font(base: QFont) -> QFont:
    """Large, fixed-width digits that are easy to read aloud."""
    font = QFont(base)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamilies(["DejaVu Sans Mono", "Monospace"])
    if base.pointSizeF() > 0:  # pixel-sized fonts report -1
        font.setPointSizeF(base.pointSizeF() * 1.8)
    font.setBold(True)
    return font


class PairingDialog(QDialog):
    """Paste → check fingerprint → confirm → the device is trusted (`peer_added`)."""

    peer_added = Signal(str)  # device id

    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sync = sync
        self._seen: DeviceInfo | None = None
        self.setWindowTitle(_("Add a colleague's device"))

        intro = QLabel(
            _(
                "Ask your colleague to open Sync on their laptop and send you their device key "
                "(the line starting 'liaison1:'). Paste it below."
            )
        )
        intro.setWordWrap(True)
        self.key_edit = QPlainTextEdit()
        self.key_edit.setAccessibleName(_("Their device key"))
        self.key_edit.setTabChangesFocus(True)
        self.key_edit.setPlaceholderText("liaison1:…")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(_("What to call this device"))
        self.name_edit.setPlaceholderText(_("Their name, as in the key"))
        key_label = QLabel(_("Their device &key:"))
        key_label.setBuddy(self.key_edit)
        name_label = QLabel(_("&Call it:"))
        name_label.setBuddy(self.name_edit)
        form = QFormLayout()
        form.addRow(key_label, self.key_edit)
        form.addRow(name_label, self.name_edit)

        # Another agency's device (a social worker's, say): every bundle for it is a share and
        # goes in the information-sharing record, so say whose it is and on which basis.
        self.agency_check = QCheckBox(
            _("Another &agency's device (not this school's): bundles for it are shared")
        )
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setAccessibleName(_("Their organisation"))
        self.organisation_edit.setPlaceholderText(_("For example: Demoford Children's Services"))
        self.basis_combo = QComboBox()
        self.basis_combo.setAccessibleName(_("Lawful basis for sharing"))
        for basis in v.LAWFUL_BASES:
            self.basis_combo.addItem(sh.basis_label(basis), basis)
        self.basis_combo.setCurrentIndex(max(self.basis_combo.findData("public_task"), 0))
        organisation_label = QLabel(_("&Organisation:"))
        organisation_label.setBuddy(self.organisation_edit)
        basis_label = QLabel(_("Lawful &basis:"))
        basis_label.setBuddy(self.basis_combo)
        self.agency_box = QWidget()
        agency_form = QFormLayout(self.agency_box)
        agency_form.setContentsMargins(0, 0, 0, 0)
        agency_form.addRow(organisation_label, self.organisation_edit)
        agency_form.addRow(basis_label, self.basis_combo)
        self.agency_box.hide()

        self.owner_label = QLabel()
        self.owner_label.setWordWrap(True)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setFont(fingerprint_font(self.font()))
        self.fingerprint_label.setAccessibleName(_("Fingerprint of the pasted key"))
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        apply_error_style(self.error_label)
        self.error_label.hide()
        self.match_check = QCheckBox(
            _("The &fingerprints match: my colleague read the same digits from their screen")
        )
        self.match_check.setEnabled(False)
        self.deputy_check = QCheckBox(
            _(
                "This is a &deputy safeguarding lead's laptop: certify it as a lead (it will "
                "receive every family and may revoke devices)"
            )
        )
        self.deputy_check.setAccessibleName(_("Certify as a deputy safeguarding lead"))
        self._lead_vault = sync.is_lead_vault()
        self.deputy_check.setVisible(self._lead_vault)  # only a lead certifies roles

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = QPushButton(_("&Trust this device"))
        self.add_button.setEnabled(False)
        self.add_button.setDefault(True)
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.agency_check)
        layout.addWidget(self.agency_box)
        layout.addWidget(self.owner_label)
        layout.addWidget(self.fingerprint_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.match_check)
        layout.addWidget(self.deputy_check)
        layout.addWidget(self.buttons)
        self._connect()
        self._show_key(None)

    def _connect(self) -> None:
        self.key_edit.textChanged.connect(self._on_key_changed)
        self.match_check.toggled.connect(self._on_match_toggled)
        self.agency_check.toggled.connect(self.agency_box.setVisible)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def fingerprint_shown(self) -> str:
        """The fingerprint computed from the pasted key ("" when none is shown)."""
        return self._seen.fingerprint if self._seen is not None else ""

    def _show_key(self, seen: DeviceInfo | None) -> None:
        self._seen = seen
        if seen is None:
            self.owner_label.setText("")
            self.fingerprint_label.setText("")
            self.fingerprint_label.hide()
        else:
            text = _(
                "This key belongs to {name} and says {role}. Ask them to read their "
                "fingerprint aloud and check it is exactly:"
            ).format(name=seen.name, role=role_label(seen.role))
            if seen.role == "lead" and self._lead_vault:
                text = _(
                    "It says it is a safeguarding lead's device: tick the deputy lead box "
                    "below only if it is. {text}"
                ).format(text=text)
            self.owner_label.setText(text)
            self.fingerprint_label.setText(seen.fingerprint)
            self.fingerprint_label.setAccessibleName(
                _("Fingerprint of the pasted key: {digits}").format(
                    digits=spelled(seen.fingerprint)
                )
            )
            self.fingerprint_label.show()
            if not self.name_edit.text().strip():
                self.name_edit.setPlaceholderText(seen.name)
        self.match_check.setChecked(False)
        self.match_check.setEnabled(seen is not None)
        self._update_add()

    def _update_add(self) -> None:
        self.add_button.setEnabled(self._seen is not None and self.match_check.isChecked())

    @Slot()
    def _on_key_changed(self) -> None:
        text = self.key_edit.toPlainText().strip()
        self.error_label.hide()
        if not text:
            self._show_key(None)
            return
        try:
            seen = self._sync.inspect_key(text)
        except LiaisonError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            self._show_key(None)
            return
        self._show_key(seen)

    @Slot(bool)
    def _on_match_toggled(self, _checked: bool) -> None:
        self._update_add()

    @Slot()
    def _on_accept(self) -> None:
        if self._seen is None or not self.match_check.isChecked():
            return
        external: ShareDetails | None = None
        if self.agency_check.isChecked():
            organisation = self.organisation_edit.text().strip()
            if not organisation:
                self.error_label.setText(
                    _("Say which organisation this device belongs to; nothing was added yet.")
                )
                self.error_label.show()
                self.organisation_edit.setFocus()
                return
            external = ShareDetails(
                organisation=organisation, lawful_basis=str(self.basis_combo.currentData())
            )
        try:
            peer = self._sync.add_peer(
                self.name_edit.text().strip() or None,
                self.key_edit.toPlainText(),
                external,
                role="lead" if self.deputy_check.isChecked() else None,
            )
        except LiaisonError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.peer_added.emit(peer.device_id)
        self.accept()
