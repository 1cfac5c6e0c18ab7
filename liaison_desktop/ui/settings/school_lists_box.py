"""A lead's lists shared with every device (issue 23): the schools of the federation or trust,
and the school's own concern categories beside the built-in ones. Each entry is added by name
and retired rather than deleted (families and concerns keep naming it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ..widgets.styles import muted, show_status


class SharedListBox(QGroupBox):
    """A titled list with a name field, Add and Retire."""

    def __init__(
        self,
        title: str,
        explain: str,
        labels: tuple[str, str, str],
        read: Callable[[], list[Record]],
        add: Callable[[str], object],
        retire: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._read, self._add, self._retire = read, add, retire
        field_label, add_label, retire_label = labels
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.name_edit = QLineEdit()
        self.add_button = QPushButton(add_label)
        self.retire_button = QPushButton(retire_label)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(muted(QLabel(explain)))
        form.addRow(self.list)
        label = QLabel(field_label)
        label.setBuddy(self.name_edit)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.retire_button)
        form.addRow(label, row)
        form.addRow(self.message)
        self.add_button.clicked.connect(self._on_add)
        self.name_edit.returnPressed.connect(self._on_add)
        self.retire_button.clicked.connect(self._on_retire)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.refresh()

    def refresh(self) -> None:
        """Read the list again."""
        self.list.clear()
        for record in self._read():
            text = str(record["name"])
            if record.get("retired"):
                text += " — " + _("retired")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, bool(record.get("retired")))
            self.list.addItem(item)
        self._update()

    def _update(self) -> None:
        item = self.list.currentItem()
        self.retire_button.setEnabled(
            item is not None and not item.data(Qt.ItemDataRole.UserRole + 1)
        )

    def _say(self, text: str, *, problem: bool = False) -> None:
        show_status(self.message, text, problem=problem)

    @Slot()
    def _on_add(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self._say(_("Type a name first."), problem=True)
            return
        try:
            self._add(name)
        except LiaisonError as exc:
            self._say(str(exc), problem=True)
            return
        self.name_edit.clear()
        self._say(_("Added: {name}. It reaches every device at its next sync.").format(name=name))
        self.refresh()

    @Slot()
    def _on_retire(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self._retire(str(item.data(Qt.ItemDataRole.UserRole)))
        except LiaisonError as exc:
            self._say(str(exc), problem=True)
            return
        self._say(_("Retired: records that name it keep it; it is no longer offered."))
        self.refresh()


def schools_box(caseload: Caseload) -> SharedListBox:
    """The schools of the federation or trust (a lead's)."""
    schools = caseload.schools
    return SharedListBox(
        _("Schools of the federation or trust"),
        _("With two or more schools, families and pupils name theirs, and the caseload, the "
          "concerns and the caseload overview can be filtered by school."),
        (_("N&ew school:"), _("Add s&chool"), _("Re&tire school")),
        lambda: schools.all(include_retired=True),
        lambda name: schools.add(name),
        lambda school_id: schools.update(school_id, {"retired": True}),
    )  # fmt: skip


def categories_box(caseload: Caseload) -> SharedListBox:
    """The school's own concern categories (a lead's)."""
    categories = caseload.concerns.categories
    return SharedListBox(
        _("Concern categories of your own"),
        _("Offered after the built-in categories (neglect, physical abuse, …) when anyone "
          "raises a concern."),
        (_("New cate&gory:"), _("Add categor&y"), _("Ret&ire category")),
        categories.own,
        categories.add_category,
        categories.retire,
    )  # fmt: skip
