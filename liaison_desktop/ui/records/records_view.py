"""The lead's Records section: the review queue and the retention schedule (issue 10).

The queue lists closed cases with records past their retention date. For a case or one of
its records the lead chooses Keep… (a reason and a new review date) or Destroy… (a purge:
removed from this vault and, by sync, from every device). Reading the queue and destroying
run on a worker thread with a connection of their own, since both touch a whole case file; a
keep decision is one record and is written on the GUI thread. Officers never see this
section (the main window leaves it out for them, and the services refuse them anyway).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain import retention_rules as rr
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.purge_service import DestroyResult
from ...services.retention_service import DueRecord, FamilyReview
from ..family.closure_dialog import ReasonDialog, reason_edit_for
from ..family.common import error_label, py_date, show_message
from ..ops import BackgroundOp
from ..qt_dates import qdate
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.styles import heading, muted
from ..worker_caseload import read_in_background
from .access_report_panel import AccessReportPanel
from .retention_schedule_view import RetentionScheduleView
from .review_queue_model import DUE, RECORD, ReviewQueueModel, record_kind_label
from .transfers_panel import TransfersPanel

if TYPE_CHECKING:
    from ..section_views import SessionServices

FAMILY = "family"
KEEP_DEFAULT_DAYS = 365


def _what(case: FamilyReview, item: DueRecord | None) -> str:
    """What a keep or destroy covers, in words."""
    if item is not None:
        return _("{kind} recorded {day}, of {family}").format(
            kind=record_kind_label(item.kind), day=item.recorded_on, family=case.name
        )
    return ngettext(
        "the {n} record of {family} past its date",
        "all {n} records of {family} past their date",
        len(case.items),
    ).format(n=len(case.items), family=case.name)


def whole_case(case: FamilyReview, item: DueRecord | None) -> bool:
    """True when destroying this would destroy the family record itself, i.e. the whole case."""
    if item is not None:
        return item.kind == FAMILY
    return any(i.kind == FAMILY for i in case.items)


def held_refusal(case: FamilyReview, item: DueRecord | None) -> str:
    """Why a destroy is refused because of a legal hold ("" when nothing chosen is held)."""
    held = item.held if item is not None else case.held or any(i.held for i in case.items)
    if not held:
        return ""
    return _(
        "{what} is under a legal hold and cannot be destroyed until a lead releases the hold "
        "(on the family's page). Nothing was destroyed."
    ).format(what=_what(case, item).capitalize())


class KeepDialog(ReasonDialog):
    """Keep a case's records (or one record) past their date: why, and when to look again."""

    def __init__(
        self,
        caseload: Caseload,
        case: FamilyReview,
        item: DueRecord | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Keep records — {family}").format(family=case.name),
            _(
                "Keep {what} beyond its retention date. Say why (for example, a sibling's case "
                "is still open, or a request from the local authority) and when it should be "
                "reviewed again."
            ).format(what=_what(case, item)),
            _("&Keep"),
            parent,
        )
        self._caseload = caseload
        self._case = case
        self._item = item
        today = caseload.ctx.today()
        self.until_edit = QDateEdit()
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        self.until_edit.setMinimumDate(qdate(today + timedelta(days=1)))
        self.until_edit.setDate(qdate(rr.add_years(today, 1)))
        self.reason_edit = reason_edit_for(_("Why the records are kept"))
        self.form.add("reason", _("&Reason:"), self.reason_edit)
        self.form.add("until", _("Review a&gain on:"), self.until_edit)

    def save(self) -> None:
        """Record the keep decision."""
        item = self._item
        self._caseload.retention.keep(
            self._case.family_id,
            reason=self.reason_edit.toPlainText().strip(),
            until=py_date(self.until_edit.date()),
            record=(item.kind, item.record_id) if item is not None else None,
        )


class DestroyDialog(ReasonDialog):
    """Confirm a destruction: names what goes, says it cannot be undone and reaches every device.

    Saving does not destroy anything itself: it emits `confirmed` with the reason, and the
    Records view runs the purge on a worker thread.
    """

    confirmed = Signal(str)

    def __init__(
        self, case: FamilyReview, item: DueRecord | None, parent: QWidget | None = None
    ) -> None:
        items = [item] if item is not None else case.items
        kinds: dict[str, int] = {}
        for i in items:
            kinds[record_kind_label(i.kind)] = kinds.get(record_kind_label(i.kind), 0) + 1
        listing = "\n".join(f"• {kind} × {n}" for kind, n in kinds.items())
        super().__init__(
            _("Destroy records — {family}").format(family=case.name),
            _(
                "This destroys {what}:\n{listing}\n\nIt cannot be undone. The records are removed "
                "from this vault for good and a purge is sent to every device that holds them at "
                "its next sync. The audit log keeps that they were destroyed, by whom and why — "
                "never what they said."
            ).format(what=_what(case, item), listing=listing),
            _("&Destroy"),
            parent,
        )
        self.whole_case = whole_case(case, item)
        self.reason_edit = reason_edit_for(_("Why the records are destroyed"))
        self.reason_edit.setPlainText(_("Retention period ended; reviewed, no reason to keep."))
        self.form.add("reason", _("&Reason:"), self.reason_edit)
        self.word = _("DESTROY")
        self.confirm_edit = QLineEdit()
        if self.whole_case:
            self.confirm_edit.setPlaceholderText(self.word)
            self.form.add(
                "confirm",
                _("This is the whole case. Type {word} to confirm:").format(word=self.word),
                self.confirm_edit,
            )
        self.confirm_edit.textChanged.connect(self._update_button)
        self.reason_edit.textChanged.connect(self._update_button)
        self._update_button()

    @Slot()
    def _update_button(self) -> None:
        typed = not self.whole_case or self.confirm_edit.text().strip() == self.word
        self.save_button.setEnabled(typed and bool(self.reason_edit.toPlainText().strip()))

    def save(self) -> None:
        """Hand the reason to the view, which runs the purge."""
        self.confirmed.emit(self.reason_edit.toPlainText().strip())


class ReviewQueuePanel(QWidget):
    """The review queue: cases and records past date, with Keep… and Destroy…."""

    open_family = Signal(str)
    destroyed = Signal(object)  # DestroyResult

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._load_op: BackgroundOp[list[FamilyReview]] | None = None
        self._destroy_op: BackgroundOp[DestroyResult] | None = None
        self.dialog: ReasonDialog | None = None

        self.model = ReviewQueueModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(_("Review queue"))
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        chars = self.fontMetrics().averageCharWidth()
        for column, width in ((RECORD, 36), (1, 24), (DUE, 16), (3, 38)):
            header.resizeSection(column, width * chars)

        intro = muted(
            QLabel(
                _(
                    "Closed cases with records past their retention date. Keep them with a "
                    "reason and a new review date, or destroy them. Records on legal hold "
                    "cannot be destroyed."
                )
            )
        )
        self.busy = BusyIndicator()
        self.message_label = error_label()
        self.notice_label = muted(QLabel())
        self.notice_label.hide()
        self.count_label = muted(QLabel())
        self.keep_button = QPushButton(_("&Keep…"))
        self.keep_button.setToolTip(_("Keep the chosen case or record, with a reason and date"))
        self.destroy_button = QPushButton(_("&Destroy…"))
        self.destroy_button.setToolTip(_("Destroy the chosen case or record on every device"))
        self.open_button = QPushButton(_("Open &family"))
        self.refresh_button = QPushButton(_("&Refresh"))
        buttons = QHBoxLayout()
        for button in (self.keep_button, self.destroy_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.busy)
        layout.addWidget(self.message_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)
        self._connect()
        self._update_buttons()

    def _connect(self) -> None:
        self.keep_button.clicked.connect(self.start_keep)
        self.destroy_button.clicked.connect(self.start_destroy)
        self.open_button.clicked.connect(self._on_open)
        self.refresh_button.clicked.connect(self.refresh)
        self.tree.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.tree.activated.connect(self._on_open)

    # -- reading ---------------------------------------------------------------------------------
    @property
    def busy_now(self) -> bool:
        """True while the queue is read or records are being destroyed."""
        return any(op is not None and op.running for op in (self._load_op, self._destroy_op))

    @Slot()
    def refresh(self) -> None:
        """Read the queue again (in the background)."""
        if self.busy_now:
            return
        self.busy.start(_("Reading the review queue…"))
        self._update_buttons()
        self._load_op = read_in_background(
            self,
            self._caseload,
            lambda c: c.retention.review_queue(),
            self._on_loaded,
            self._on_failed,
        )

    def _on_loaded(self, cases: list[FamilyReview]) -> None:
        self.busy.stop()
        chosen = self.chosen()
        self.model.set_queue(cases)
        self.tree.expandAll()
        if chosen is not None:
            self.select(chosen[0].family_id)
        n = self.model.record_count()
        self.count_label.setText(
            ngettext(
                "{n} record past its date in {cases} closed cases",
                "{n} records past their date in {cases} closed cases",
                n,
            ).format(n=n, cases=len(cases))
            if cases
            else _("Nothing is past its retention date.")
        )
        self._update_buttons()

    def _on_failed(self, message: str) -> None:
        self.busy.stop()
        show_message(self.message_label, message)
        self._update_buttons()

    # -- choosing ------------------------------------------------------------------------------
    def chosen(self) -> tuple[FamilyReview, DueRecord | None] | None:
        """The chosen case, and the chosen record of it (None when the case row is chosen)."""
        index = self.proxy.mapToSource(self.tree.currentIndex())
        case = self.model.case_at(index)
        if case is None:
            return None
        return case, self.model.item_at(index)

    def select(self, family_id: str, record_id: str | None = None) -> bool:
        """Choose a case (or one of its records); True when it is listed."""
        source = self.model.case_index(family_id)
        if not source.isValid():
            return False
        if record_id is not None:
            case = self.model.case_at(source)
            assert case is not None
            rows = [i for i, item in enumerate(case.items) if item.record_id == record_id]
            if not rows:
                return False
            source = self.model.index(rows[0], 0, source)
        index = self.proxy.mapFromSource(source)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.chosen() is not None and not self.busy_now
        for button in (self.keep_button, self.destroy_button, self.open_button):
            button.setEnabled(chosen)
        self.refresh_button.setEnabled(not self.busy_now)

    @Slot()
    def _on_open(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.open_family.emit(chosen[0].family_id)

    # -- keep ----------------------------------------------------------------------------------
    @Slot()
    def start_keep(self) -> None:
        """Ask why and until when, then keep the chosen case or record."""
        chosen = self.chosen()
        if chosen is None:
            return
        show_message(self.message_label, "")
        dialog = KeepDialog(self._caseload, chosen[0], chosen[1], self)
        dialog.saved.connect(self._on_kept)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_kept(self) -> None:
        show_message(
            self.notice_label, _("Kept. It comes back to this queue on its new review date.")
        )
        self.refresh()

    # -- destroy -------------------------------------------------------------------------------
    @Slot()
    def start_destroy(self) -> None:
        """Confirm, then destroy the chosen case or record (refused at once if it is held)."""
        chosen = self.chosen()
        if chosen is None:
            return
        case, item = chosen
        refusal = held_refusal(case, item)
        show_message(self.message_label, refusal)
        if refusal:
            return
        dialog = DestroyDialog(case, item, self)
        dialog.confirmed.connect(lambda reason: self._destroy(case, item, reason))
        self.dialog = dialog
        dialog.open()

    def _destroy(self, case: FamilyReview, item: DueRecord | None, reason: str) -> None:
        records = [(item.kind, item.record_id)] if item is not None else None
        family_id = case.family_id
        self.busy.start(
            _("Destroying {what}… (this can take a moment on a large case)").format(
                what=_what(case, item)
            )
        )
        self._destroy_op = read_in_background(
            self,
            self._caseload,
            lambda c: c.purges.destroy(family_id, reason=reason, records_=records),
            self._on_destroyed,
            self._on_failed,
        )
        self._update_buttons()

    def _on_destroyed(self, result: DestroyResult) -> None:
        self.busy.stop()
        show_message(
            self.notice_label,
            ngettext(
                "Destroyed {n} record. Other devices remove it at their next sync.",
                "Destroyed {n} records. Other devices remove them at their next sync.",
                result.records,
            ).format(n=result.records),
        )
        self.destroyed.emit(result)
        self.refresh()


class RecordsView(QWidget):
    """The Records section: review queue and retention schedule, in two tabs."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = ReviewQueuePanel(caseload)
        self.schedule = RetentionScheduleView(caseload.retention)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Records management"))
        self.tabs.addTab(self.queue, _("Review &queue"))
        self.tabs.addTab(self.schedule, _("Retention &schedule"))
        self.transfers = TransfersPanel(caseload)
        self.tabs.addTab(self.transfers, _("&Transfers"))
        self.access = AccessReportPanel(caseload)
        self.tabs.addTab(self.access, _("&Access report"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Records")))
        layout.addWidget(self.tabs, 1)
        # A changed rule can bring records into the queue or take them out.
        self.schedule.changed.connect(self.queue.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.queue.refresh()
        self.transfers.refresh()


def build_records_section(services: SessionServices) -> QWidget:
    """The lead's Records section; a family opens in the Caseload section."""
    view = RecordsView(services.caseload)
    view.queue.open_family.connect(services.navigator.open_family)
    return view
