"""The devices this vault trusts (and once trusted), as a table model for the Sync screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ...i18n import _
from ...services.sync_service import Peer
from ..family.common import Column, RowsModel
from ..roles import role_label

Index = QModelIndex | QPersistentModelIndex

NAME, ROLE, FINGERPRINT, ADDED, STATUS = range(5)
DEVICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REVOKED_ROLE = Qt.ItemDataRole.UserRole + 2


def _status(peer: Peer) -> str:
    if peer.revoked:
        return _("Revoked {date}").format(date=(peer.revoked_at or "")[:10])
    return _("Trusted")


def _role(peer: Peer) -> str:
    """The certified role; an uncertified device is shown as such (it has no authority)."""
    if peer.certified:
        return role_label(peer.role)
    return _("{role} (no certificate)").format(role=role_label(peer.role))


class PeersTableModel(RowsModel[Peer]):
    """One row per peer: name, certified role, fingerprint, when added, trusted or revoked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(_("Name"), lambda p: p.name),
                Column(_("Certified role"), _role),
                Column(_("Fingerprint"), lambda p: p.fingerprint),
                Column(_("Added"), lambda p: p.added_at[:10]),
                Column(_("Status"), _status),
            ],
            parent,
        )

    def set_peers(self, peers: list[Peer]) -> None:
        """Replace every row."""
        self.set_rows(peers)

    def peer(self, row: int) -> Peer:
        """The peer shown in `row`."""
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == DEVICE_ID_ROLE:
            return self.row_at(index.row()).device_id
        if index.isValid() and role == REVOKED_ROLE:
            return self.row_at(index.row()).revoked
        return super().data(index, role)
