"""Search everything (Ctrl+K): families, people, notes, referrals and contacts as you type.

A small window over the main window. Typing waits a moment (150 ms) before searching, so a
fast typist does not search on every letter; the index answers in a few milliseconds even on
20,000 families (see the caseload benchmark), so the search runs on the GUI thread.
Enter opens the family of the chosen hit; a contact with no family opens the Directory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _, ngettext
from ...services.search_service import SearchResult, SearchService
from ..widgets.styles import muted
from .search_results_model import HTML_ROLE, SearchResultsModel

if TYPE_CHECKING:
    from ..section_views import SessionServices

SEARCH = "Ctrl+K"
SEARCH_DELAY_MS = 150
RESULT_LIMIT = 50


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HTML_ROLE text (bold matched words) inside the normal item frame."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        # The text takes the colour the style gives a selected or an ordinary item.
        role = (
            QPalette.ColorRole.HighlightedText
            if option.state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        colour = option.palette.color(role).name()
        document.setDefaultStyleSheet(f"body {{ color: {colour}; }}")
        document.setHtml(f"<body>{index.data(HTML_ROLE) or ''}</body>")
        width = option.rect.width()
        document.setTextWidth(width if width > 0 else -1)
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(index, QModelIndex)
        self.initStyleOption(option, index)
        document = self._document(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        painter.save()
        rect = option.rect
        painter.translate(rect.topLeft())
        document.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        assert isinstance(index, QModelIndex)
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))


class SearchPopup(QDialog):
    """A search box with its results; `open_hit` is called with the chosen hit."""

    def __init__(
        self,
        search: SearchService,
        open_hit: Callable[[SearchResult], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Search everything"))
        self._search = search
        self._open_hit = open_hit

        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(_("Families, people, notes, referrals, contacts…"))
        self.query_edit.setAccessibleName(_("Search everything"))
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.installEventFilter(self)
        self.model = SearchResultsModel(self)
        self.results_view = QListView()
        self.results_view.setModel(self.model)
        self.results_view.setAccessibleName(_("Search results"))
        self.results_view.setItemDelegate(RichTextDelegate(self.results_view))
        self.results_view.setWordWrap(True)
        self.results_view.setUniformItemSizes(False)
        self.status_label = muted(QLabel(_("Type a word or the start of one.")))

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results_view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._connect()

    def _connect(self) -> None:
        self.query_edit.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.returnPressed.connect(self._open_current)
        self.results_view.activated.connect(self._on_activated)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 72, metrics.height() * 24)

    def start(self) -> None:
        """Show the popup over its window, ready to type."""
        parent = self.parentWidget()
        size = self.sizeHint()
        if parent is not None:
            size = size.boundedTo(parent.size())
            top_left = parent.mapToGlobal(parent.rect().topLeft())
            self.move(top_left.x() + (parent.width() - size.width()) // 2, top_left.y() + 40)
        self.resize(size)
        self.show()
        self.raise_()
        self.activateWindow()
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    @Slot()
    def run_search(self) -> None:
        """Search for what is typed now (also called by the typing timer)."""
        self._timer.stop()
        query = self.query_edit.text().strip()
        if not query:
            self.model.set_results([])
            self.status_label.setText(_("Type a word or the start of one."))
            return
        try:
            hits = self._search.search(query, RESULT_LIMIT)
        except LiaisonError as exc:
            self.model.set_results([])
            self.status_label.setText(str(exc))
            return
        self.model.set_results(hits)
        if hits:
            self.status_label.setText(
                ngettext("{n} result", "{n} results", len(hits)).format(n=len(hits))
            )
            self.results_view.setCurrentIndex(self.model.index(0, 0))
        else:
            self.status_label.setText(_("Nothing matches. Try fewer or shorter words."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the box move through the results without leaving the box.
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.model.rowCount() > 0:
                row = self.results_view.currentIndex().row() + step
                row = max(0, min(row, self.model.rowCount() - 1))
                self.results_view.setCurrentIndex(self.model.index(row, 0))
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def _open_current(self) -> None:
        if self._timer.isActive():  # Enter before the pause: search what is typed first
            self.run_search()
        index = self.results_view.currentIndex()
        if index.isValid():
            self._on_activated(index)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        hit = self.model.result(index.row())
        self.hide()
        self._open_hit(hit)

    def hideEvent(self, event: QHideEvent) -> None:
        # Nothing found stays on screen (or in memory) once the popup is closed.
        self._timer.stop()
        self.query_edit.clear()
        self.model.set_results([])
        super().hideEvent(event)


def search_button(action: QAction) -> QPushButton:
    """A button that starts the search, for those who prefer the mouse."""
    button = QPushButton(_("&Search everything… ({key})").format(key=SEARCH))
    button.clicked.connect(action.trigger)
    return button


def install_global_search(
    services: SessionServices, caseload_view: QWidget
) -> tuple[SearchPopup, QAction]:
    """Ctrl+K anywhere in the main window opens the search; hits open in the Caseload."""
    navigator = services.navigator

    def open_hit(hit: SearchResult) -> None:
        if hit.family_id is not None:
            navigator.open_family(hit.family_id)
        elif hit.kind == "contact":
            navigator.show_section("directory")

    popup = SearchPopup(services.caseload.search, open_hit, navigator.dialog_parent)
    action = QAction(_("&Search everything…"), caseload_view)
    action.setShortcut(QKeySequence(SEARCH))
    action.setStatusTip(_("Search families, people, notes, referrals and contacts."))
    action.triggered.connect(popup.start)
    navigator.add_window_action(action)
    return popup, action
