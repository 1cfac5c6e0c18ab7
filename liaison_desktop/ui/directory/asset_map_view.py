"""The community asset map: "what resources are in your school community?"

The directory's organisations grouped by community layer (DESIGN §1) and kind, with what each
offers and how families were connected to it; beside them, the kinds of support with no local
organisation yet and the partnerships worth building. All of it is text in item views and
labels (a screen reader reads it as it is shown), laid out like a printed page. The map reads
every contact, referral and team link, so it is built on a worker the first time it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...services.asset_map_service import Asset, AssetMap, connections_text
from ...services.caseload import Caseload
from ..family.common import error_label, show_message
from ..widgets.scroll_area import quiet
from ..widgets.styles import heading, muted
from ..worker_caseload import read_in_background

COL_ORGANISATION, COL_OFFERS, COL_CONNECTED = range(3)
SIDE_BY_SIDE_CHARS = 120  # narrower than this (in average characters), the panels go below
# The organisation column fits its names up to this share of the tree's width (more of a narrow
# tree, as at 200%, where names matter most); "how families were connected" up to the second;
# what it offers takes the rest.
ORGANISATION_SHARE = 0.42
ORGANISATION_SHARE_NARROW = 0.52
CONNECTED_SHARE = 0.3
__all__ = ["AssetMapView", "connections_text"]


def _organisations(n: int) -> str:
    return ngettext("{n} organisation", "{n} organisations", n).format(n=n)


def _asset_row(asset: Asset) -> list[QStandardItem]:
    """One organisation's row; its tooltip names the directory contacts who work there."""
    items = _row(asset.organisation, asset.offers_text or "—", connections_text(asset.connections))
    contacts = [name for name in asset.contact_names if name and name != asset.organisation]
    if contacts:
        items[COL_ORGANISATION].setToolTip(
            _("{organisation}\nContacts: {names}").format(
                organisation=asset.organisation, names=", ".join(contacts)
            )
        )
    return items


def _row(*texts: str) -> list[QStandardItem]:
    items = []
    for text in texts:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setToolTip(text)
        items.append(item)
    return items


class AssetMapView(QWidget):
    """The organisations by layer and kind, the support not yet covered, partnerships to build."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._loaded = False
        self.asset_map: AssetMap | None = None

        self.summary_label = muted(QLabel(_("Reading the directory…")))
        self.refresh_button = QPushButton(_("&Refresh"))
        self.model = QStandardItemModel(self)
        headers = [_("Organisation"), _("What it offers"), _("How families were connected")]
        self.model.setHorizontalHeaderLabels(headers)
        for column, text in enumerate(headers):  # the whole heading, when a column is narrow
            self.model.setHeaderData(
                column, Qt.Orientation.Horizontal, text, Qt.ItemDataRole.ToolTipRole
            )
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(_("Organisations by community layer and kind"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_ORGANISATION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_OFFERS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CONNECTED, QHeaderView.ResizeMode.Interactive)
        chars = self.fontMetrics().averageCharWidth()
        header.resizeSection(COL_ORGANISATION, chars * 30)
        header.resizeSection(COL_CONNECTED, chars * 28)
        tree_label = QLabel(_("Organisations by &layer and kind"))
        tree_label.setBuddy(self.tree)

        self.gaps_label = QLabel()
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gaps_box = QGroupBox(_("Support with no local organisation yet"))
        gaps_column = QVBoxLayout(self.gaps_box)
        gaps_column.addWidget(
            muted(QLabel(_("No organisation in your directory offers these yet:")))
        )
        gaps_column.addWidget(self.gaps_label)
        self.partnerships_label = QLabel()
        self.partnerships_label.setWordWrap(True)
        self.partnerships_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.partnerships_box = QGroupBox(_("Partnerships you could build"))
        partnerships_column = QVBoxLayout(self.partnerships_box)
        partnerships_column.addWidget(
            muted(QLabel(_("Support families on your caseload use, with no local provider:")))
        )
        partnerships_column.addWidget(self.partnerships_label)
        self.error_label = error_label()

        top = QHBoxLayout()
        top.addWidget(heading(_("Community asset map"), scale=1.3), 1)
        top.addWidget(self.refresh_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(tree_label)
        left_column.addWidget(self.tree, 1)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.gaps_box)
        right_column.addWidget(self.partnerships_box)
        right_column.addStretch(1)
        panels = quiet(QScrollArea())
        panels.setWidgetResizable(True)
        panels.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panels.setWidget(right)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter
        splitter.addWidget(left)
        splitter.addWidget(panels)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([800, 250])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side on a wide window; on a narrow one (1366×768 at 200%) the gap panels go
        # below the organisations, so the tree keeps the width its columns need.
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            # Below, the panels scroll, so most of the height goes to the organisations.
            self.splitter.setSizes([400, 100] if wide else [450, 150])
            if self.asset_map is not None:
                self._refit.start()  # once the tree has its new width
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Build the map the first time it is shown."""
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    @Slot()
    def refresh(self) -> None:
        """Build the map again from the directory and the caseload (on a worker)."""
        self._loaded = True
        self.refresh_button.setEnabled(False)
        show_message(self.error_label, "")
        read_in_background(
            self, self._caseload, lambda c: c.asset_map.build(), self._show, self._on_failed
        )

    def _on_failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        show_message(self.error_label, message)

    def _show(self, asset_map: AssetMap) -> None:
        self.asset_map = asset_map
        self.refresh_button.setEnabled(True)
        self.model.removeRows(0, self.model.rowCount())
        for layer in asset_map.layers:
            # Layer and kind headings span the row, so their names are never cut short.
            layer_items = _row(
                _("Layer {n}: {label} — {count}").format(
                    n=layer.layer, label=layer.label, count=_organisations(layer.count)
                ),
                "",
                "",
            )
            font = layer_items[0].font()
            font.setBold(True)
            layer_items[0].setFont(font)
            for group in layer.kinds:
                kind_items = _row(
                    _("{kind} — {count}").format(
                        kind=group.label, count=_organisations(len(group.assets))
                    ),
                    "",
                    "",
                )
                for asset in group.assets:
                    kind_items[0].appendRow(_asset_row(asset))
                layer_items[0].appendRow(kind_items)
            if not layer.kinds:
                layer_items[0].appendRow(_row(_("No organisations in this layer yet"), "", ""))
            self.model.appendRow(layer_items)
        root = self.model.invisibleRootItem().index()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, root, True)
            layer_index = self.model.index(row, 0)
            for kind_row in range(self.model.rowCount(layer_index)):
                self.tree.setFirstColumnSpanned(kind_row, layer_index, True)
        self.tree.expandAll()
        self._fit_columns()
        self.summary_label.setText(
            ngettext(
                "{n} organisation in your school community; {connected} of them connected "
                "to families on this caseload.",
                "{n} organisations in your school community; {connected} of them connected "
                "to families on this caseload.",
                asset_map.organisations,
            ).format(n=asset_map.organisations, connected=asset_map.connected)
        )
        gaps = asset_map.gaps
        self.gaps_label.setText(
            "\n".join(f"• {gap.label}" for gap in gaps)
            if gaps
            else _("Every kind of support has at least one local organisation.")
        )
        to_build = asset_map.partnerships_to_build
        self.partnerships_label.setText(
            "\n".join(
                ngettext(
                    "• {support}: {n} family here uses it",
                    "• {support}: {n} families here use it",
                    c.families_needing,
                ).format(support=c.label, n=c.families_needing)
                for c in to_build
            )
            if to_build
            else _(
                "None needed right now: the support your families use has a local provider. "
                "The list above shows where a new partner would widen what you can offer."
            )
        )

    @Slot()
    def _fit_columns(self) -> None:
        # The organisation and connection columns fit their longest text (headings span the
        # row, so they do not count), each up to a share of the tree's width so what it offers
        # keeps room; the full text of every cell is its tooltip.
        header = self.tree.header()
        width = max(self.tree.viewport().width(), self.fontMetrics().averageCharWidth() * 60)
        narrow = self.splitter.orientation() == Qt.Orientation.Vertical
        shares = {
            COL_ORGANISATION: ORGANISATION_SHARE_NARROW if narrow else ORGANISATION_SHARE,
            COL_CONNECTED: CONNECTED_SHARE,
        }
        for column, share in shares.items():
            wanted = max(self.tree.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(wanted, int(width * share)))

    # -- reading the map (tests use these) ------------------------------------------------------
    def layer_rows(self) -> list[str]:
        """The layer headings as shown ("Layer 3: … — 2 organisations")."""
        return [self.model.item(r, 0).text() for r in range(self.model.rowCount())]

    def organisations_in(self, layer: int) -> list[tuple[str, str, str, str]]:
        """(kind, organisation, offers, connected) for every organisation of a layer."""
        found = []
        layer_item = self.model.item(layer - 1, 0)
        for k in range(layer_item.rowCount()):
            kind = layer_item.child(k, 0)
            for a in range(kind.rowCount()):
                found.append(
                    (
                        kind.text().split(" — ")[0],
                        kind.child(a, COL_ORGANISATION).text(),
                        kind.child(a, COL_OFFERS).text(),
                        kind.child(a, COL_CONNECTED).text(),
                    )
                )
        return found
