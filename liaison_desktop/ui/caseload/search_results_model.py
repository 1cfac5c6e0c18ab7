"""Search hits as a list model: kind, title and a snippet with the matched words marked."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ...domain.records import label_of
from ...services.search_service import SearchResult

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 4
HTML_ROLE = Qt.ItemDataRole.UserRole + 5
RESULT_ROLE = Qt.ItemDataRole.UserRole + 6

AnyIndex = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    """The kind of a hit in words (from its spec)."""
    return label_of(kind)


def plain_snippet(snippet: str) -> str:
    """The snippet without its match markers (for screen readers and tooltips)."""
    return snippet.replace("[", "").replace("]", "")


def snippet_html(snippet: str) -> str:
    """The snippet as rich text, each `[matched]` word in bold (everything else escaped)."""
    escaped = html.escape(snippet, quote=False)
    return escaped.replace("[", "<b>").replace("]", "</b>")


class SearchResultsModel(QAbstractListModel):
    """The hits of the latest search, best first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: list[SearchResult] = []

    def set_results(self, results: list[SearchResult]) -> None:
        """Show `results` in place of the previous ones."""
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def result(self, row: int) -> SearchResult:
        """The hit in `row`."""
        return self._results[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hit = self._results[index.row()]
        family = f" ({hit.family_label})" if hit.family_label and hit.kind != "family" else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            where = hit.family_label if hit.kind == "family" and hit.family_label else hit.title
            return f"{kind_label(hit.kind)}: {where}{family} — {plain_snippet(hit.snippet)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_snippet(hit.snippet)
        if role == KIND_ROLE:
            return hit.kind
        if role == TITLE_ROLE:
            return hit.title
        if role == SNIPPET_ROLE:
            return hit.snippet
        if role == FAMILY_ID_ROLE:
            return hit.family_id
        if role == HTML_ROLE:
            title = hit.family_label if hit.kind == "family" and hit.family_label else hit.title
            return (
                f"<small>{html.escape(kind_label(hit.kind))}</small> "
                f"<b>{html.escape(title)}</b>{html.escape(family)}<br>"
                f"{snippet_html(hit.snippet)}"
            )
        return None
