"""The Directory: agencies and community assets by layer and kind, their details, and the
families each one works with (with each family's ecomap a click away).

A directory holds tens to a few hundred contacts, read in one indexed query: it loads on the
GUI thread in well under the 50 ms budget. Everything shown comes from `DirectoryService`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Slot
from PySide6.QtGui import (
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.fields import display_phone
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ..family.ecomap_view import EcomapView
from ..widgets.scroll_area import quiet
from ..widgets.styles import heading, muted
from .asset_map_view import AssetMapView
from .contact_dialog import ContactDialog
from .contact_table_model import (
    COL_KIND,
    COL_LAYER,
    COL_NAME,
    COL_ORGANISATION,
    COL_PHONE,
    ContactFilterProxy,
    ContactTableModel,
)

if TYPE_CHECKING:
    from ...services.caseload import Caseload
    from ..section_views import SessionServices

FamilyIdRole = Qt.ItemDataRole.UserRole + 1
SIDE_BY_SIDE_CHARS = 110  # narrower than this (in average characters), details go below


def detail_labels() -> dict[str, str]:
    """The label of each detail shown for the selected contact."""
    return {
        "service_offered": _("Service offered"),
        "opening_times": _("Opening times"),
        "phone": _("Phone"),
        "email": _("Email"),
        "secure_email": _("Secure email"),
        "address": _("Address"),
        "website": _("Website"),
    }


class EcomapDialog(QDialog):
    """One family's ecomap in a window of its own (opened from the Directory)."""

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = EcomapView(caseload, family_id, self)
        self.setWindowTitle(self.view.ecomap.family_name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


class DirectoryView(QWidget):
    """Filter the directory, read a contact's details and linked families, add or edit one."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._directory = caseload.directory
        self.contact_dialog: ContactDialog | None = None
        self.ecomap_dialog: EcomapDialog | None = None

        # -- the filtered list -----------------------------------------------------------------
        self.model = ContactTableModel(self)
        self.proxy = ContactFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Organisation, name, service or address"))
        self.search_edit.setClearButtonEnabled(True)
        self.layer_combo = QComboBox()
        self.layer_combo.addItem(_("All layers"), 0)
        for layer in v.LAYERS:
            self.layer_combo.addItem(f"{layer} · {v.layer_label(layer)}", layer)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(_("All kinds"), "")
        for kind in v.CONTACT_KINDS:
            self.kind_combo.addItem(v.label(kind), kind)
        for combo in (self.layer_combo, self.kind_combo):
            # Long names must not widen the window beyond a small screen at 200%.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Contacts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ORGANISATION, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ORGANISATION, QHeaderView.ResizeMode.Stretch)
        for column in (COL_LAYER, COL_PHONE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Name and kind take a fair share and elide, so the organisation keeps room to be read.
        for column in (COL_NAME, COL_KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * 20)
        self.table.setWordWrap(False)  # one line per contact; long names elide
        self.count_label = muted(QLabel())
        self.add_button = QPushButton(_("&Add contact…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.setEnabled(False)

        filters = QFormLayout()
        filters.addRow(_("&Find"), self.search_edit)
        choices = QHBoxLayout()
        choices.addWidget(self.layer_combo, 1)
        kind_label = QLabel(_("&Kind"))
        kind_label.setBuddy(self.kind_combo)
        choices.addWidget(kind_label)
        choices.addWidget(self.kind_combo, 1)
        layer_label = QLabel(_("La&yer"))
        layer_label.setBuddy(self.layer_combo)
        filters.addRow(layer_label, choices)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.addWidget(heading(_("Directory")))
        left_column.addLayout(filters)
        left_column.addWidget(self.table, 1)
        left_column.addLayout(buttons)

        # -- the details panel -----------------------------------------------------------------
        self.title_label = heading("", scale=1.2)
        self.subtitle_label = muted(QLabel())
        self.detail_values: dict[str, QLabel] = {}
        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label in detail_labels().items():
            value = QLabel()
            value.setWordWrap(True)
            flags = Qt.TextInteractionFlag
            value.setTextInteractionFlags(
                flags.TextSelectableByKeyboard | flags.TextSelectableByMouse
            )
            self.detail_values[name] = value
            details.addRow(label, value)
        self.families_model = QStandardItemModel(self)
        self.families_list = QListView()
        self.families_list.setModel(self.families_model)
        self.families_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        families_label = QLabel(_("Families this contact &works with"))
        families_label.setBuddy(self.families_list)
        self.no_families_label = muted(QLabel(_("Not in any family's team yet.")))
        self.ecomap_button = QPushButton(_("Eco&map…"))
        self.ecomap_button.setToolTip(_("The selected family's ecomap"))
        self.ecomap_button.setEnabled(False)
        self.placeholder_label = muted(QLabel(_("Choose a contact to see their details.")))

        panel = QWidget()
        panel_column = QVBoxLayout(panel)
        panel_column.addWidget(self.placeholder_label)
        panel_column.addWidget(self.title_label)
        panel_column.addWidget(self.subtitle_label)
        panel_column.addLayout(details)
        panel_column.addWidget(families_label)
        panel_column.addWidget(self.families_list, 1)
        panel_column.addWidget(self.no_families_label)
        panel_column.addWidget(self.ecomap_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.details_panel = quiet(QScrollArea())
        self.details_panel.setWidgetResizable(True)
        # Values wrap instead of widening the panel past the window.
        self.details_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details_panel.setWidget(panel)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter
        splitter.addWidget(left)
        splitter.addWidget(self.details_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([600, 400])
        # The contacts and the community asset map (issue 11) are two views of one directory.
        self.asset_map = AssetMapView(caseload)  # built on a worker when first shown
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.setAccessibleName(_("Directory views"))
        self.views.addTab(splitter, _("Con&tacts"))
        self.views.addTab(self.asset_map, _("Asset ma&p"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.views)
        self._find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)

        self._connect()
        self.reload()
        self._show_contact(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side on a wide window; the details go below the list on a narrow one
        # (1366×768 at 200% scaling), where side by side would clip both.
        wide = event.size().width() >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARS
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            # Stacked, the list keeps most of the height; side by side, 3 : 2.
            share = (3, 2) if wide else (5, 2)
            self.splitter.setSizes([share[0] * 100, share[1] * 100])
        super().resizeEvent(event)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.search_edit.returnPressed.connect(self._on_search_return)
        self.layer_combo.currentIndexChanged.connect(self._on_layer_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_row_activated)  # Enter or double-click
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.families_list.selectionModel().currentChanged.connect(self._on_family_current)
        self.families_list.activated.connect(self._on_family_activated)
        self.ecomap_button.clicked.connect(self._on_ecomap)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._find_shortcut.activated.connect(self.search_edit.setFocus)

    # -- loading and showing -------------------------------------------------------------------
    def reload(self, select_id: str | None = None) -> None:
        """Read the directory again, keeping (or moving to) the selected contact."""
        selected = self.selected_contact()
        keep = select_id or (selected.id if selected is not None else None)
        self.model.set_contacts(self._directory.all())
        self._update_count()
        if keep:
            self.select_contact(keep)

    def select_contact(self, contact_id: str) -> bool:
        """Select a contact in the list if the filters show it."""
        row = self.model.row_of(contact_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_ORGANISATION))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def selected_contact(self) -> Record | None:
        """The contact selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.contact(self.proxy.mapToSource(rows[0]).row())

    def _show_contact(self, contact: Record | None) -> None:
        self.placeholder_label.setVisible(contact is None)
        self.edit_button.setEnabled(contact is not None)
        for widget in (self.title_label, self.subtitle_label, self.families_list):
            widget.setVisible(contact is not None)
        self.families_model.clear()
        self.ecomap_button.setEnabled(False)
        if contact is None:
            for value in self.detail_values.values():
                value.clear()
            self.no_families_label.hide()
            return
        organisation = str(contact.get("organisation") or "")
        person = ", ".join(str(p) for p in (contact.get("name"), contact.get("role")) if p)
        self.title_label.setText(organisation)
        self.title_label.setAccessibleName(organisation)
        layer = int(contact.get("layer") or 0)
        kind = v.label(str(contact.get("kind") or "other"))
        self.subtitle_label.setText(
            " · ".join(p for p in (person, kind, f"{layer} · {v.layer_label(layer)}") if p)
        )
        for name, label in self.detail_values.items():
            raw = contact.get(name)
            label.setText(display_phone(raw) if name == "phone" else str(raw or "—"))
        try:
            families = self._directory.families_linked_to(contact.id)
        except LiaisonError:
            families = []
        for family in families:
            item = QStandardItem(str(family.get("name") or _("(no name)")))
            item.setData(family.id, FamilyIdRole)
            self.families_model.appendRow(item)
        self.no_families_label.setVisible(not families)
        self.families_list.setVisible(bool(families))
        if families:
            self.families_list.setCurrentIndex(self.families_model.index(0, 0))

    def linked_family_names(self) -> list[str]:
        """The families shown for the selected contact."""
        return [
            self.families_model.item(row).text() for row in range(self.families_model.rowCount())
        ]

    # -- slots ---------------------------------------------------------------------------------
    @Slot()
    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            _("{shown} of {total} contacts").format(shown=shown, total=total)
            if shown != total
            else _("{total} contacts").format(total=total)
        )

    @Slot(str)
    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_text(text)

    @Slot()
    def _on_search_return(self) -> None:
        # Enter in the search box goes to the results, the first one chosen.
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.selected_contact() is None and self.proxy.rowCount():
            self.table.selectRow(0)

    @Slot(int)
    def _on_layer_changed(self, _index: int) -> None:
        self.proxy.set_layer(int(self.layer_combo.currentData()))

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        self.proxy.set_kind(str(self.kind_combo.currentData()))

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._show_contact(self.selected_contact())

    @Slot(QModelIndex)
    def _on_row_activated(self, _index: QModelIndex) -> None:
        self._on_edit()

    @Slot()
    def _on_add(self) -> None:
        self._open_dialog(None)

    @Slot()
    def _on_edit(self) -> None:
        contact = self.selected_contact()
        if contact is not None:
            self._open_dialog(contact)

    def _open_dialog(self, contact: Record | None) -> None:
        dialog = ContactDialog(self._directory, contact, self)
        dialog.saved.connect(self._on_contact_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.contact_dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_contact_saved(self, contact_id: str) -> None:
        self.contact_dialog = None
        self.reload(contact_id)
        if not self.select_contact(contact_id):
            # The filters hide the new contact: clear them so the officer sees what they saved.
            self.search_edit.clear()
            self.layer_combo.setCurrentIndex(0)
            self.kind_combo.setCurrentIndex(0)
            self.select_contact(contact_id)

    @Slot(QModelIndex, QModelIndex)
    def _on_family_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.ecomap_button.setEnabled(current.isValid())

    @Slot(QModelIndex)
    def _on_family_activated(self, _index: QModelIndex) -> None:
        self._on_ecomap()

    @Slot()
    def _on_ecomap(self) -> None:
        index = self.families_list.currentIndex()
        if not index.isValid():
            return
        family_id = str(index.data(FamilyIdRole))
        dialog = EcomapDialog(self._caseload, family_id, self)
        self.ecomap_dialog = dialog
        dialog.open()


def build_directory_view(services: SessionServices) -> DirectoryView:
    """The Directory section for an unlocked session."""
    return DirectoryView(services.caseload)
