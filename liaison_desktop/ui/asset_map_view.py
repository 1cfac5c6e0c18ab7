"""The community asset map: "what resources are in your school community?"

The directory's organisations grouped by community layer (DESIGN §1) and kind, with what each
offers and how families were connected to it; beside them, the kinds of support with no local
organisation yet and the partnerships worth building. All of it is text in item views and
labels (a screen reader reads it as it is shown), laid out like a printed page. The map reads
every contact, referral and team link, so it is built on a worker the first time it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
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

from ..i18n import _, ngettext
from ..services.asset_map_service import AssetMap, Connections
from ..services.caseload import Caseload
from .family.common import error_label, show_message
from .widgets.styles import heading, muted
from .worker_caseload import read_in_background

COL_ORGANISATION, COL_OFFERS, COL_CONNECTED = range(3)
SIDE_BY_SIDE_CHARS = 120  # narrower than this (in average characters), the panels go below


def connections_text(c: Connections) -> str:
    """How families were connected to one organisation, in words."""
    parts = []
    if c.referrals:
        parts.append(
            ngettext("{n} referral", "{n} referrals", c.referrals).format(n=c.referrals)
            + " "
            + ngettext("({n} family)", "({n} families)", c.referred_families).format(
                n=c.referred_families
            )
        )
    if c.team_families:
        parts.append(
            ngettext(
                "in the team around {n} family", "in the team around {n} families", c.team_families
            ).format(n=c.team_families)
        )
    if c.activities:
        parts.append(
            ngettext("runs {n} activity", "runs {n} activities", c.activities).format(
                n=c.activities
            )
            + " "
            + ngettext("({n} family came)", "({n} families came)", c.activity_families).format(
                n=c.activity_families
            )
        )
    return "; ".join(parts) if parts else _("Not connected yet")


def _organisations(n: int) -> str:
    return ngettext("{n} organisation", "{n} organisations", n).format(n=n)


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
        self.model.setHorizontalHeaderLabels(
            [_("Organisation"), _("What it offers"), _("How families were connected")]
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
        header.resizeSection(COL_ORGANISATION, chars * 44)
        header.resizeSection(COL_CONNECTED, chars * 32)
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
        panels = QScrollArea()
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side on a wide window; on a narrow one (1366×768 at 200%) the gap panels go
        # below the organisations, so the tree keeps the width its columns need.
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self.splitter.setSizes([400, 100] if wide else [300, 200])
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
                    kind_items[0].appendRow(
                        _row(
                            asset.organisation or asset.name,
                            asset.offers or "—",
                            connections_text(asset.connections),
                        )
                    )
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
        self.summary_label.setText(
            _(
                "{n} organisations in your school community; {connected} of them connected "
                "to families on this caseload."
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
