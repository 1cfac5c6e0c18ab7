"""The report export dialog: choose a report and its options, preview the pages, then save.

Building a PDF can take seconds, so the preview and the save each run as a background op on a
worker connection of their own, with progress and cancel. The preview is built in memory and
drawn in memory (`pdf_preview`); only Save writes a file, where the person chose, and says
plainly whether that file is protected by a password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain import sharing as sh
from ..domain import vocabulary as v
from ..domain.sharing import ShareDetails
from ..i18n import _
from ..services.caseload import Caseload
from ..services.people_service import PeopleService
from ..services.reports_service import (
    MIN_PASSWORD_LENGTH,
    ReportCancelled,
    ReportOptions,
    ReportResult,
    ReportsService,
    case_summary_sections,
)
from .file_dialogs import open_save_dialog, suggested_file_name
from .ops import BackgroundOp, Cancelled, OpContext
from .pdf_preview import PREVIEW_DPI, RenderedPreview, render_pages
from .widgets.busy_indicator import BusyIndicator
from .widgets.styles import apply_error_style

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1

CASE_SUMMARY = "case_summary"
CHRONOLOGY = "chronology"
CASELOAD = "caseload_overview"
ENGAGEMENT = "engagement_summary"
TRANSFER = "transfer_pack"
SUBJECT_ACCESS = "subject_access"
FAMILY_REPORTS = (CASE_SUMMARY, CHRONOLOGY)
WHOLE_CASELOAD_REPORTS = (CASELOAD, ENGAGEMENT)  # about no one family or person
PERSON_REPORTS = (TRANSFER, SUBJECT_ACCESS)


def report_kinds(is_lead: bool) -> list[tuple[str, str]]:
    """The reports this vault can make, as (key, label)."""
    kinds = [
        (CASE_SUMMARY, _("Case summary of a family")),
        (CHRONOLOGY, _("Chronology of a family")),
    ]
    if is_lead:
        kinds.append((CASELOAD, _("Caseload overview")))
        kinds.append((ENGAGEMENT, _("Engagement summary")))
    kinds += [
        (TRANSFER, _("Child-protection file transfer pack")),
        (SUBJECT_ACCESS, _("Subject access export for one person")),
    ]
    return kinds


def stage_label(stage: str) -> str:
    """What the report is doing, for the progress line."""
    return {
        "reading": _("Reading the records…"),
        "layout": _("Laying out the pages…"),
        "protecting": _("Counting the pages…"),
        "writing": _("Writing the file…"),
        "done": _("Done."),
    }.get(stage, _("Working…"))


class ChoiceListModel(QAbstractListModel):
    """(id, label) rows, optionally with a tick box each: subjects, sections, what to redact."""

    def __init__(self, checkable: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []
        self._checked: set[str] = set()
        self._checkable = checkable

    def set_rows(self, rows: list[tuple[str, str]], checked: set[str] | None = None) -> None:
        """Replace every row; `checked` ids start ticked."""
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = set(checked or ())
        self.endResetModel()

    def checked_ids(self) -> list[str]:
        """Ticked ids, in row order."""
        return [i for i, _label in self._rows if i in self._checked]

    def set_checked(self, record_id: str, checked: bool) -> None:
        """Tick or untick one row by id."""
        for row, (i, _label) in enumerate(self._rows):
            if i == record_id:
                self.setData(
                    self.index(row),
                    Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                    Qt.ItemDataRole.CheckStateRole,
                )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record_id, label = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return label
        if role == ID_ROLE:
            return record_id
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable:
            return Qt.CheckState.Checked if record_id in self._checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        record_id = self._rows[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(record_id)
        else:
            self._checked.discard(record_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if self._checkable else base


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


@dataclass(frozen=True)
class ReportRequest:
    """Everything chosen in the dialog, as plain values for a worker thread."""

    kind: str
    subject_id: str | None
    start: date | None
    end: date | None
    sections: tuple[str, ...]
    redact: tuple[str, ...]
    receiving_school: str
    password: str | None
    share: ShareDetails = field(default_factory=ShareDetails)  # empty: for our own records

    def options(self, out: Path) -> ReportOptions:
        """The service's options for writing to `out`."""
        return ReportOptions(
            out=out,
            password=self.password,
            redact=self.redact,
            start=self.start,
            end=self.end,
            sections=self.sections,
            share=self.share,
        )


def report_file_name(request: ReportRequest, day: date) -> str:
    """The suggested file name: the report, the day and a short record reference, no name.

    A family's or child's name in the file name would be written wherever the officer's
    desktop records chosen files (docs/decisions.md, "Nothing left behind by the desktop").
    """
    what = {
        CASE_SUMMARY: _("case-summary"),
        CHRONOLOGY: _("chronology"),
        CASELOAD: _("caseload-overview"),
        ENGAGEMENT: _("engagement-summary"),
        TRANSFER: _("transfer-pack"),
        SUBJECT_ACCESS: _("subject-access"),
    }.get(request.kind, _("report"))
    return suggested_file_name(what, day=day, reference=request.subject_id or "", suffix="pdf")


def _with_worker(caseload: Caseload, ctx: OpContext, job: Any) -> Any:
    """Run `job(reports_service, progress)` on a connection of this thread's own."""
    worker = caseload.vault.open_worker()
    try:
        reports = ReportsService(Caseload(worker))

        def progress(stage: str, fraction: float) -> bool:
            ctx.report(int(fraction * 100), 100, stage_label(stage))
            return not ctx.cancelled

        try:
            return job(reports, progress)
        except ReportCancelled:
            raise Cancelled from None
    finally:
        worker.close()


def build_preview(
    caseload: Caseload, request: ReportRequest, ctx: OpContext, scale: float = 1.0
) -> RenderedPreview:
    """Build the report in memory and draw its first pages (worker thread).

    `scale` is the screen's device pixel ratio: at 200% the pages are drawn at twice the
    resolution so they stay sharp at the same size on screen.
    """

    def job(reports: ReportsService, progress: Any) -> RenderedPreview:
        built = reports.preview(
            request.kind,
            request.subject_id,
            request.options(Path("preview.pdf")),  # never written
            progress,
            receiving_school=request.receiving_school,
        )
        ctx.raise_if_cancelled()
        ctx.report(0, 0, _("Drawing the pages…"))
        return render_pages(
            built.pdf,
            built.pages,
            dpi=round(PREVIEW_DPI * scale),
            cancelled=lambda: ctx.cancelled,
        )

    result: RenderedPreview = _with_worker(caseload, ctx, job)
    ctx.raise_if_cancelled()
    return result


def save_report(
    caseload: Caseload, request: ReportRequest, out: Path, ctx: OpContext
) -> ReportResult:
    """Build, protect, write and audit the report at `out` (worker thread)."""

    def job(reports: ReportsService, progress: Any) -> ReportResult:
        options = request.options(out)
        if request.kind == CASE_SUMMARY:
            return reports.case_summary(str(request.subject_id), options, progress)
        if request.kind == CHRONOLOGY:
            return reports.chronology(str(request.subject_id), options, progress)
        if request.kind == CASELOAD:
            return reports.caseload_overview(options, progress)
        if request.kind == ENGAGEMENT:
            return reports.engagement_summary(options, progress)
        if request.kind == TRANSFER:
            return reports.transfer_pack(
                str(request.subject_id),
                options,
                receiving_school=request.receiving_school,
                progress=progress,
            )
        json_out = out.with_suffix(".json")
        return reports.subject_access(str(request.subject_id), options, json_out, progress)

    result: ReportResult = _with_worker(caseload, ctx, job)
    return result


def saved_message(result: ReportResult) -> str:
    """What an officer is told after saving: where, how many pages, protected or not."""
    lines = [_("Saved {path} ({n} pages).").format(path=result.path, n=result.pages)]
    if result.json_path is not None:
        lines.append(_("Their data as JSON is in {path}.").format(path=result.json_path))
    if result.encrypted:
        lines.append(
            _("The PDF is protected with your password (AES-256). Send the password separately.")
        )
    else:
        lines.append(
            _(
                "The file is NOT encrypted: anyone who gets it can read it. Keep it somewhere "
                "safe and delete it when it is no longer needed."
            )
            + (_(" The JSON file is not encrypted either.") if result.json_path is not None else "")
        )
    return "\n".join(lines)


class ReportDialog(QDialog):
    """Options on the left, the preview on the right; Preview, Save…, Close."""

    previewed = Signal()
    saved = Signal(str)  # the message shown

    def __init__(
        self, caseload: Caseload, parent: QWidget | None = None, *, kind: str = CASE_SUMMARY
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._op: BackgroundOp[Any] | None = None
        self._families: dict[str, str] = {}
        self.preview_result: RenderedPreview | None = None
        self._scale = 1.0
        self.setWindowTitle(_("Make a report"))

        self.kind_combo = QComboBox()
        for key, label in report_kinds(caseload.ctx.is_lead):
            self.kind_combo.addItem(label, key)
        self.kind_combo.setAccessibleName(_("Report"))

        self.subject_filter = QLineEdit()
        self.subject_filter.setPlaceholderText(_("Type to find a family or person"))
        self.subject_filter.setAccessibleName(_("Find who the report is about"))
        self.subject_filter.setClearButtonEnabled(True)
        self.subject_model = ChoiceListModel(parent=self)
        self.subject_proxy = QSortFilterProxyModel(self)
        self.subject_proxy.setSourceModel(self.subject_model)
        self.subject_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.subject_list = QListView()
        self.subject_list.setModel(self.subject_proxy)
        self.subject_list.setAccessibleName(_("Who the report is about"))
        self.subject_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.from_check = QCheckBox(_("&From"))
        self.from_date = QDateEdit(QDate.currentDate().addYears(-1))
        self.from_date.setCalendarPopup(True)
        self.from_date.setAccessibleName(_("From date"))
        self.to_check = QCheckBox(_("T&o"))
        self.to_date = QDateEdit(QDate.currentDate())
        self.to_date.setCalendarPopup(True)
        self.to_date.setAccessibleName(_("To date"))
        dates = QHBoxLayout()
        for w in (self.from_check, self.from_date, self.to_check, self.to_date):
            dates.addWidget(w)
        dates.addStretch(1)

        self.sections_model = ChoiceListModel(checkable=True, parent=self)
        sections = case_summary_sections()
        self.sections_model.set_rows(sections, {key for key, _heading in sections})
        self.sections_list = QListView()
        self.sections_list.setModel(self.sections_model)
        self.sections_list.setAccessibleName(_("Sections to include"))

        self.redact_model = ChoiceListModel(checkable=True, parent=self)
        self.redact_list = QListView()
        self.redact_list.setModel(self.redact_model)
        self.redact_list.setAccessibleName(_("People, contacts and notes to redact"))

        self.school_edit = QLineEdit()
        self.school_edit.setAccessibleName(_("Receiving school"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(_("Password for the PDF (optional)"))
        self.password_edit.setPlaceholderText(
            _("Optional, at least {n} characters").format(n=MIN_PASSWORD_LENGTH)
        )
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setAccessibleName(_("Password again"))

        # Who the file is for (the information-sharing record). Empty: kept for our records.
        self.recipient_edit = QLineEdit()
        self.recipient_edit.setAccessibleName(_("Recipient outside the school"))
        self.recipient_edit.setPlaceholderText(_("Leave empty if it is for our own records"))
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setAccessibleName(_("Recipient's organisation"))
        self.basis_combo = QComboBox()
        self.basis_combo.setAccessibleName(_("Lawful basis for sharing"))
        self.basis_combo.addItem(_("(choose when sharing)"), None)
        for basis in v.LAWFUL_BASES:
            self.basis_combo.addItem(sh.basis_label(basis), basis)
        self.condition_combo = QComboBox()
        self.condition_combo.setAccessibleName(_("Special-category condition"))
        self.condition_combo.addItem(_("(none chosen)"), None)
        for condition in sh.SHARING_CONDITIONS:
            self.condition_combo.addItem(sh.condition_label(condition), condition)
        self.not_sought_check = QCheckBox(
            _("Consent not sou&ght: asking would put a child at risk")
        )

        form = QFormLayout()
        self._labels: dict[str, QLabel] = {}

        def row(key: str, text: str, field: QWidget | Any) -> None:
            label = QLabel(text)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                form.addRow(label, field)
            else:
                form.addRow(label, field)
            self._labels[key] = label

        row("kind", _("&Report:"), self.kind_combo)
        row("subject", _("&About:"), self.subject_filter)
        form.addRow("", self.subject_list)
        row("dates", _("Dates:"), dates)
        row("sections", _("S&ections:"), self.sections_list)
        row("redact", _("Re&dact:"), self.redact_list)
        row("school", _("Receiving &school:"), self.school_edit)
        row("password", _("&Password:"), self.password_edit)
        row("confirm", _("Password a&gain:"), self.confirm_edit)
        row("recipient", _("Recip&ient:"), self.recipient_edit)
        row("organisation", _("Organisatio&n:"), self.organisation_edit)
        row("basis", _("&Lawful basis:"), self.basis_combo)
        row("condition", _("Condi&tion:"), self.condition_combo)
        form.addRow("", self.not_sought_check)

        self.error_label = QLabel()
        apply_error_style(self.error_label)
        self.error_label.hide()
        self.busy = BusyIndicator()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.preview_button = QPushButton(_("Pre&view"))
        self.preview_button.setDefault(True)
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.setEnabled(False)
        self.save_button = QPushButton(_("Sa&ve…"))
        self.close_button = QPushButton(_("Close"))
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.cancel_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        options = QWidget()
        options_layout = QVBoxLayout(options)
        options_layout.addLayout(form)
        options_layout.addWidget(self.error_label)
        options_scroll = QScrollArea()
        options_scroll.setWidgetResizable(True)
        options_scroll.setWidget(options)

        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.addStretch(1)
        self.preview_note = QLabel(_("Press Preview to see the pages before saving."))
        self.preview_note.setWordWrap(True)
        self.pages_layout.insertWidget(0, self.preview_note)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setWidget(self.pages_widget)
        self.preview_scroll.setAccessibleName(_("Preview of the report"))

        splitter = QSplitter()
        splitter.addWidget(options_scroll)
        splitter.addWidget(self.preview_scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

        self._connect()
        index = self.kind_combo.findData(kind)
        self.kind_combo.setCurrentIndex(max(index, 0))
        self._on_kind_changed()

    def _connect(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.subject_filter.textChanged.connect(self._on_filter_changed)
        self.subject_list.selectionModel().currentChanged.connect(self._on_subject_changed)
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        self.preview_button.clicked.connect(self._on_preview)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.save_button.clicked.connect(self._on_save)
        self.close_button.clicked.connect(self.reject)

    # -- state -------------------------------------------------------------------------------
    def kind(self) -> str:
        """The chosen report's key."""
        return str(self.kind_combo.currentData())

    def subject_id(self) -> str | None:
        """The chosen family's or person's id."""
        current = self.subject_list.currentIndex()
        return str(current.data(ID_ROLE)) if current.isValid() else None

    def choose_subject(self, text: str) -> bool:
        """Filter by `text` and pick the first match (as typing then choosing would)."""
        self.subject_filter.setText(text)
        if self.subject_proxy.rowCount() == 0:
            return False
        self.subject_list.setCurrentIndex(self.subject_proxy.index(0, 0))
        return True

    @property
    def busy_now(self) -> bool:
        """True while a preview or save runs."""
        return self._op is not None and self._op.running

    def _load_subjects(self) -> None:
        c = self._caseload
        kind = self.kind()
        if not self._families:
            self._families = {f.id: str(f.get("name") or "") for f in c.families.all()}
        if kind in FAMILY_REPORTS:
            rows = [(i, n) for i, n in self._families.items()]
        elif kind in PERSON_REPORTS:
            where = "role = 'pupil'" if kind == TRANSFER else ""
            rows = [
                (p.id, self._person_label(p))
                for p in c.people.query(where, order_by="family_name, given_name")
            ]
        else:
            rows = []
        self.subject_model.set_rows(rows)

    def _person_label(self, person: Any) -> str:
        family = self._families.get(str(person.get("family_id")), "")
        return f"{PeopleService.display_name(person)} · {family}"

    def _family_of_subject(self) -> str | None:
        subject = self.subject_id()
        if subject is None:
            return None
        if self.kind() in FAMILY_REPORTS:
            return subject
        person = self._caseload.people.find(subject)
        return str(person.get("family_id")) if person is not None else None

    def _load_redactable(self) -> None:
        family_id = self._family_of_subject()
        rows: list[tuple[str, str]] = []
        if family_id is not None and self.kind() != SUBJECT_ACCESS:
            c = self._caseload
            for p in c.people.members(family_id):
                rows.append((p.id, _("Person: {name}").format(name=PeopleService.display_name(p))))
            for m in c.directory.team(family_id):
                rows.append(
                    (m.contact.id, _("Contact: {name}").format(name=m.contact.get("name") or ""))
                )
            for n in c.notes.for_family(family_id, order_by="written_at"):
                words = " ".join(str(n.get("text") or "").split()[:8])
                rows.append(
                    (
                        n.id,
                        _("Note of {day}: {words}…").format(
                            day=str(n.get("written_at") or "")[:10], words=words
                        ),
                    )
                )
        self.redact_model.set_rows(rows)

    def _show_fields(self) -> None:
        kind = self.kind()
        visible = {
            "subject": kind not in WHOLE_CASELOAD_REPORTS,
            "dates": kind in (CASE_SUMMARY, CHRONOLOGY, TRANSFER),
            "sections": kind == CASE_SUMMARY,
            "redact": kind in (CASE_SUMMARY, CHRONOLOGY, TRANSFER),
            "school": kind == TRANSFER,
        }
        widgets: dict[str, list[QWidget]] = {
            "subject": [self.subject_filter, self.subject_list],
            "dates": [self.from_check, self.from_date, self.to_check, self.to_date],
            "sections": [self.sections_list],
            "redact": [self.redact_list],
            "school": [self.school_edit],
        }
        for key, shown in visible.items():
            self._labels[key].setVisible(shown)
            for w in widgets[key]:
                w.setVisible(shown)
        self.from_date.setEnabled(self.from_check.isChecked())
        self.to_date.setEnabled(self.to_check.isChecked())

    def request(self) -> ReportRequest | None:
        """The options as chosen, or None (with the reason shown) when something is missing."""
        kind = self.kind()
        problems = []
        subject = self.subject_id()
        if kind not in WHOLE_CASELOAD_REPORTS and subject is None:
            problems.append(_("Choose who the report is about."))
        password = self.password_edit.text()
        if password and len(password) < MIN_PASSWORD_LENGTH:
            problems.append(
                _("The password needs at least {n} characters.").format(n=MIN_PASSWORD_LENGTH)
            )
        if password != self.confirm_edit.text():
            problems.append(_("The two passwords are not the same."))
        start = _day(self.from_date) if self.from_check.isChecked() else None
        end = _day(self.to_date) if self.to_check.isChecked() else None
        if start and end and start > end:
            problems.append(_("The From date is after the To date."))
        sections = tuple(self.sections_model.checked_ids())
        if kind == CASE_SUMMARY and not sections:
            problems.append(_("Tick at least one section."))
        self._show_problems(problems)
        if problems:
            return None
        return ReportRequest(
            kind=kind,
            subject_id=subject if kind not in WHOLE_CASELOAD_REPORTS else None,
            start=start,
            end=end,
            sections=sections,
            redact=tuple(self.redact_model.checked_ids()),
            receiving_school=self.school_edit.text().strip(),
            password=password or None,
            share=self.share_details(),
        )

    def share_details(self) -> ShareDetails:
        """Who the file is for, as typed (the service fills defaults and refuses gaps)."""
        return ShareDetails(
            recipient=self.recipient_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            lawful_basis=self.basis_combo.currentData(),
            condition=self.condition_combo.currentData(),
            consent_not_sought=self.not_sought_check.isChecked(),
        )

    def _show_problems(self, problems: list[str]) -> None:
        self.error_label.setText("\n".join(problems))
        self.error_label.setVisible(bool(problems))

    def _set_running(self, running: bool, text: str = "") -> None:
        for w in (self.preview_button, self.save_button, self.kind_combo):
            w.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.busy.start(text)
        else:
            self.busy.stop()

    def _clear_pages(self) -> None:
        while self.pages_layout.count() > 2:
            item = self.pages_layout.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _show_preview(self, rendered: RenderedPreview) -> None:
        self._clear_pages()
        self.preview_result = rendered
        if rendered.engine == "text":
            self.preview_note.setText(
                _("The pages cannot be drawn on this computer; this is the report's text.")
            )
            text = QPlainTextEdit(rendered.text)
            text.setReadOnly(True)
            text.setAccessibleName(_("Text of the report"))
            self.pages_layout.insertWidget(1, text, 1)
            return
        shown = len(rendered.pages)
        self.preview_note.setText(
            _("Page 1 to {shown} of {total}.").format(shown=shown, total=rendered.total_pages)
            if shown < rendered.total_pages
            else _("All {total} page(s).").format(total=rendered.total_pages)
        )
        for number, png in enumerate(rendered.pages, start=1):
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            pixmap.setDevicePixelRatio(self._scale)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(_("Page {n}").format(n=number))
            self.pages_layout.insertWidget(number, label)

    def page_labels(self) -> list[QLabel]:
        """The preview's page images, in order."""
        labels = []
        for i in range(self.pages_layout.count()):
            item = self.pages_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if (
                isinstance(widget, QLabel)
                and widget.pixmap() is not None
                and not widget.pixmap().isNull()
            ):
                labels.append(widget)
        return labels

    # -- slots ---------------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self) -> None:
        self._load_subjects()
        self._on_filter_changed(self.subject_filter.text())
        self._load_redactable()
        self._show_fields()

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self.subject_proxy.setFilterFixedString(text)

    @Slot()
    def _on_subject_changed(self) -> None:
        self._load_redactable()

    @Slot()
    def _on_preview(self) -> None:
        request = self.request()
        if request is None:
            return
        caseload = self._caseload
        scale = max(1.0, self.devicePixelRatioF())
        self._scale = scale
        self._op = BackgroundOp(
            owner=self,
            work=lambda ctx: build_preview(caseload, request, ctx, scale),
            success=self._on_preview_done,
            failure=self._on_failed,
            progress=self._on_progress,
            cancelled=self._on_cancelled,
        )
        self._set_running(True, _("Building the preview…"))
        self.status_label.setText("")
        self._op.run_in_background()

    @Slot()
    def _on_cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    @Slot()
    def _on_save(self) -> None:
        request = self.request()
        if request is None:
            return
        open_save_dialog(
            self,
            _("Save the report"),
            name_filter=_("PDF files (*.pdf)"),
            suggested_name=report_file_name(request, self._caseload.ctx.today()),
            on_chosen=self._on_file_chosen,
        )

    @Slot(str)
    def _on_file_chosen(self, path: str) -> None:
        if path:
            self.save_to(Path(path))

    def save_to(self, out: Path) -> None:
        """Build and write the report at `out` in the background."""
        request = self.request()
        if request is None:
            return
        caseload = self._caseload
        self._op = BackgroundOp(
            owner=self,
            work=lambda ctx: save_report(caseload, request, out, ctx),
            success=self._on_saved,
            failure=self._on_failed,
            progress=self._on_progress,
            cancelled=self._on_cancelled,
        )
        self._set_running(True, _("Making the report…"))
        self._op.run_in_background()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.busy.set_progress(done, total, label)

    def _on_preview_done(self, rendered: RenderedPreview) -> None:
        self._set_running(False)
        self._show_preview(rendered)
        self.previewed.emit()

    def _on_saved(self, result: ReportResult) -> None:
        self._set_running(False)
        message = saved_message(result)
        self.status_label.setText(message)
        self.saved.emit(message)

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.status_label.setText(message)

    def _on_cancelled(self) -> None:
        self._set_running(False)
        self.status_label.setText(_("Stopped. Nothing was saved."))
