"""The devices this vault trusts (and once trusted), as a table model for the Sync screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..i18n import _
from ..services.sync_service import Peer
from .roles import role_label

Index = QModelIndex | QPersistentModelIndex

NAME, ROLE, FINGERPRINT, ADDED, STATUS = range(5)
DEVICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REVOKED_ROLE = Qt.ItemDataRole.UserRole + 2


class PeersTableModel(QAbstractTableModel):
    """One row per peer: name, role, fingerprint, when added, trusted or revoked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._peers: list[Peer] = []

    def set_peers(self, peers: list[Peer]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._peers = list(peers)
        self.endResetModel()

    def peer(self, row: int) -> Peer:
        """The peer shown in `row`."""
        return self._peers[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._peers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Name"), _("Role"), _("Fingerprint"), _("Added"), _("Status"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        peer = self._peers[index.row()]
        column = index.column()
        if role == DEVICE_ID_ROLE:
            return peer.device_id
        if role == REVOKED_ROLE:
            return peer.revoked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == NAME:
                return peer.name
            if column == ROLE:
                return role_label(peer.role)
            if column == FINGERPRINT:
                return peer.fingerprint
            if column == ADDED:
                return peer.added_at[:10]
            if column == STATUS:
                if peer.revoked:
                    return _("Revoked {date}").format(date=(peer.revoked_at or "")[:10])
                return _("Trusted")
        return None
