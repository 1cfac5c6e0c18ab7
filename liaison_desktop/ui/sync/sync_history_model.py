"""What each sync brought in and sent out, newest first, as a table model.

A sync that brought safeguarding concerns for the lead is highlighted (bold, with a warning
colour and a tooltip), so it stands out in the history as it did when it arrived.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...i18n import _

Index = QModelIndex | QPersistentModelIndex

WHEN, CAME_IN, WENT_OUT, CONCERNS, PROBLEMS = range(5)
CONCERNS_ROLE = Qt.ItemDataRole.UserRole + 1
# Amber that reads on both light and dark backgrounds behind dark text.
HIGHLIGHT = QColor(255, 214, 102)
# A security event (a bundle refused for what its sender may not do, or a flagged device):
# pale red behind dark text (contrast above 4.5:1), and said in words, never by colour alone.
ALARM = QColor(255, 190, 190)
SECURITY_ROLE = Qt.ItemDataRole.UserRole + 2


def _from(entry: dict[str, Any]) -> str:
    names = sorted({str(i.get("sender_name") or "") for i in entry.get("imported", [])} - {""})
    return ", ".join(names)


def concerns_in(entry: dict[str, Any]) -> int:
    """How many safeguarding concerns a sync brought in."""
    return sum(int(i.get("concerns", 0) or 0) for i in entry.get("imported", []))


def security_in(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The security events of a sync: bundles refused on authority, devices flagged."""
    return [e for e in entry.get("security", []) if isinstance(e, dict)]


def security_text(event: dict[str, Any]) -> str:
    """One security event in words."""
    name = str(event.get("sender_name") or event.get("sender") or "")
    if event.get("refused"):
        return _("Security: a bundle from {name} was refused: {what}").format(
            name=name, what=event.get("what", "")
        )
    return _("Security: {name}: {what}").format(name=name, what=event.get("what", ""))


def came_in(entry: dict[str, Any]) -> str:
    """'N change(s) from NAMES' or 'nothing'."""
    imported = entry.get("imported", [])
    changes = sum(int(i.get("ops_applied", 0) or 0) for i in imported)
    if not imported:
        return _("Nothing new")
    return _("{n} change(s) from {names}").format(n=changes, names=_from(entry) or _("a peer"))


def went_out(entry: dict[str, Any]) -> str:
    """'N change(s) to NAMES' or 'nothing'."""
    written = entry.get("written", [])
    if not written:
        return _("No bundle written (no trusted devices)")
    changes = sum(int(w.get("ops", 0) or 0) for w in written)
    names = ", ".join(str(w.get("peer_name") or "") for w in written)
    return _("{n} change(s) for {names}").format(n=changes, names=names)


class SyncHistoryModel(QAbstractTableModel):
    """One row per sync: when, what came in, what went out, concerns, files refused."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[dict[str, Any]] = []

    def set_entries(self, entries: list[dict[str, Any]]) -> None:
        """Replace every row (newest first)."""
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> dict[str, Any]:
        """The history entry shown in `row`."""
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("When"), _("Came in"), _("Went out"), _("Concerns"), _("Refused"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        concerns = concerns_in(entry)
        security = security_in(entry)
        column = index.column()
        if role == CONCERNS_ROLE:
            return concerns
        if role == SECURITY_ROLE:
            return len(security)
        if security and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._alarm(role, index, security)
        if role == Qt.ItemDataRole.BackgroundRole and concerns:
            return QBrush(HIGHLIGHT)
        if role == Qt.ItemDataRole.ForegroundRole and concerns:
            return QBrush(QColor(0, 0, 0))
        if role == Qt.ItemDataRole.FontRole and concerns:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if concerns:
                return _("{n} safeguarding concern(s) arrived in this sync.").format(n=concerns)
            if column == PROBLEMS and entry.get("rejected"):
                return "\n".join(
                    f"{r.get('file', '')}: {r.get('reason', '')}" for r in entry["rejected"]
                )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == WHEN:
            return str(entry.get("at", ""))[:16].replace("T", " ")
        if column == CAME_IN:
            return came_in(entry)
        if column == WENT_OUT:
            return went_out(entry)
        if column == CONCERNS:
            return _("{n} new").format(n=concerns) if concerns else ""
        if column == PROBLEMS:
            rejected = len(entry.get("rejected", []))
            text = _("{n} file(s)").format(n=rejected) if rejected else ""
            if security:
                text = _("Security event ({n})").format(n=len(security)) + (
                    f"; {text}" if text else ""
                )
            return text
        return None

    def _alarm(self, role: int, index: Index, security: list[dict[str, Any]]) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ALARM)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(0, 0, 0))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        words = "\n".join(security_text(e) for e in security)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return f"{shown}. {words}" if shown else words
        return words
