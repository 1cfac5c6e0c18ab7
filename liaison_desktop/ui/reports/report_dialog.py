"""The report export dialog: choose a report and its options, preview the pages, then save.

Building a PDF can take seconds, so the preview and the save each run as a background op on a
worker connection of their own, with progress and cancel. The preview is built in memory and
drawn in memory (`pdf_preview`); only Save writes a file, where the person chose, and says
plainly whether that file is protected by a password.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
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
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.sharing import ShareDetails
from ...domain.third_parties import FoundName
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.people_service import PeopleService
from ...services.reports_service import (
    BY_KEY,
    MIN_PASSWORD_LENGTH,
    ReportKind,
    ReportResult,
    case_summary_sections,
    kinds_for,
)
from ..announce import announce
from ..file_dialogs import open_save_dialog
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.choice_combo import refill_combo
from ..widgets.scroll_area import quiet
from ..widgets.secret_field import SecretField
from ..widgets.styles import apply_error_style
from .choice_list_model import ID_ROLE, ChoiceListModel
from .pdf_preview import RenderedPreview
from .preview_pane import PreviewPane
from .report_jobs import (
    ReportRequest,
    build_preview,
    find_third_parties,
    report_file_name,
    save_report,
    saved_message,
)
from .share_fields import ShareFields


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class ReportDialog(QDialog):
    """Options on the left, the preview on the right; Preview, Save…, Close."""

    previewed = Signal()
    saved = Signal(str)  # the message shown

    def __init__(
        self, caseload: Caseload, parent: QWidget | None = None, *, kind: str = "case_summary"
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._op: BackgroundOp[Any] | None = None
        self._families: dict[str, str] = {}
        self.preview_result: RenderedPreview | None = None
        self._scale = 1.0
        self.setWindowTitle(_("Make a report"))

        self.kind_combo = QComboBox()
        for report_kind in kinds_for(caseload.ctx.is_lead):
            self.kind_combo.addItem(report_kind.shown(report_kind.label), report_kind.key)
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

        # Subject access (issue 23): words redacted by hand, beside the names found.
        self.redact_text_edit = QLineEdit()
        self.redact_text_edit.setAccessibleName(_("Also redact these words"))
        self.redact_text_edit.setPlaceholderText(_("Words or phrases, separated by ;"))
        self._names_op: BackgroundOp[Any] | None = None
        self.names_found: list[FoundName] = []

        self.school_edit = QLineEdit()
        self.school_edit.setAccessibleName(_("Receiving school"))
        # A federation or trust (issue 23): the report of one of its schools.
        self.trust_school_combo = QComboBox()
        self.trust_school_combo.setAccessibleName(_("School"))
        self._trust_schools = caseload.schools.choices()
        refill_combo(self.trust_school_combo, _("All schools"), self._trust_schools)
        self.password_edit = SecretField()
        self.password_edit.setAccessibleName(_("Password for the PDF (optional)"))
        self.password_edit.setPlaceholderText(
            _("Optional, at least {n} characters").format(n=MIN_PASSWORD_LENGTH)
        )
        self.confirm_edit = SecretField()
        self.confirm_edit.setAccessibleName(_("Password again"))

        # Who the file is for (the information-sharing record). Empty: kept for our records.
        self.share = ShareFields()
        self.recipient_edit = self.share.recipient_edit
        self.organisation_edit = self.share.organisation_edit
        self.basis_combo = self.share.basis_combo
        self.condition_combo = self.share.condition_combo
        self.not_sought_check = self.share.not_sought_check

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
        row("redact_text", _("Also redact te&xt:"), self.redact_text_edit)
        row("school", _("Receiving &school:"), self.school_edit)
        row("trust_school", _("Sc&hool:"), self.trust_school_combo)
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
        self.status_label.setAccessibleName(_("What happened to the report"))

        self.preview_button = QPushButton(_("Previe&w"))
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
        options_scroll = quiet(QScrollArea())
        options_scroll.setWidgetResizable(True)
        options_scroll.setWidget(options)
        # As wide as the options need: they scroll up and down, never sideways.
        options_scroll.setMinimumWidth(
            options.sizeHint().width() + options_scroll.verticalScrollBar().sizeHint().width() + 4
        )

        self.preview_scroll = PreviewPane()
        self.pages_layout = self.preview_scroll.pages_layout
        self.preview_note = self.preview_scroll.note

        splitter = QSplitter()
        splitter.addWidget(options_scroll)
        splitter.addWidget(self.preview_scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.status_label)
        # Right above Preview and Save, not at the foot of the scrolled options: a refusal is
        # seen where the button was pressed, whatever the window's size.
        layout.addWidget(self.error_label)
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

    def report_kind(self) -> ReportKind:
        """The chosen report (from the registry)."""
        return BY_KEY[self.kind()]

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
        kind = self.report_kind()
        if not self._families:
            # Name, postcode and pupils: two families of the same name never look alike here.
            self._families = c.families.distinguishing_labels()
        if kind.subject == "family":
            rows = [(i, n) for i, n in self._families.items()]
        elif kind.subject == "person":
            rows = [
                (p.id, self._person_label(p))
                for p in c.people.everyone(pupils_only=kind.pupils_only)
            ]
        else:
            rows = []
        self.subject_model.set_rows(rows)

    def _person_label(self, person: Any) -> str:
        # The family's name and postcode (its pupils would repeat the person's own name).
        family = " · ".join(self._families.get(str(person.get("family_id")), "").split(" · ")[:2])
        return f"{PeopleService.display_name(person)} · {family}"

    def _family_of_subject(self) -> str | None:
        subject = self.subject_id()
        if subject is None:
            return None
        if self.report_kind().subject == "family":
            return subject
        person = self._caseload.people.find(subject)
        return str(person.get("family_id")) if person is not None else None

    def _load_redactable(self) -> None:
        if self.report_kind().reviews_third_parties:
            self._find_names()
            return
        self.redact_list.setAccessibleName(_("People, contacts and notes to redact"))
        family_id = self._family_of_subject()
        rows: list[tuple[str, str]] = []
        if family_id is not None and self.report_kind().takes_redactions:
            c = self._caseload
            for p in c.people.members(family_id):
                rows.append((p.id, _("Person: {name}").format(name=PeopleService.display_name(p))))
            for m in c.directory.team(family_id):
                rows.append(
                    (m.contact.id, _("Contact: {name}").format(name=m.contact.get("name") or ""))
                )
            for n in c.notes.in_writing_order(family_id):
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

    def _find_names(self) -> None:
        """Look for third parties in the chosen person's SAR text (off the GUI thread); each
        found is listed ticked (redacted) until the lead unticks it."""
        self.redact_model.set_rows([])
        self.names_found = []
        subject = self.subject_id()
        if self._names_op is not None:
            self._names_op.cancel()
            self._names_op = None
        if subject is None:
            return
        caseload = self._caseload
        self.redact_list.setAccessibleName(_("Other people named in the text: ticked are redacted"))
        self._names_op = BackgroundOp(
            owner=self,
            work=lambda ctx: find_third_parties(caseload, subject, ctx),
            success=self._on_names_found,
            failure=self._on_failed,
        )
        self._names_op.run_in_background()

    def _on_names_found(self, found: list[FoundName]) -> None:
        self._names_op = None
        self.names_found = found
        rows = [
            (
                f"name:{f.name}",
                ngettext(
                    "Named in the text: {name} ({n} time)",
                    "Named in the text: {name} ({n} times)",
                    f.count,
                ).format(name=f.name, n=f.count),
            )
            for f in found
        ]
        self.redact_model.set_rows(rows, {key for key, _label in rows})
        self.status_label.setText(
            ngettext(
                "{n} other person is named in the text and will be redacted unless you untick "
                "them.",
                "{n} other people are named in the text and will be redacted unless you untick "
                "them.",
                len(found),
            ).format(n=len(found))
            if found
            else _("No other person is named in the text.")
        )

    def _show_fields(self) -> None:
        kind = self.report_kind()
        visible = {
            "subject": kind.subject is not None,
            "dates": kind.takes_dates,
            "sections": kind.takes_sections,
            "redact": kind.takes_redactions or kind.reviews_third_parties,
            "redact_text": kind.reviews_third_parties,
            "school": kind.takes_receiving_school,
            "trust_school": kind.takes_school and bool(self._trust_schools),
        }
        widgets: dict[str, list[QWidget]] = {
            "subject": [self.subject_filter, self.subject_list],
            "dates": [self.from_check, self.from_date, self.to_check, self.to_date],
            "sections": [self.sections_list],
            "redact": [self.redact_list],
            "redact_text": [self.redact_text_edit],
            "school": [self.school_edit],
            "trust_school": [self.trust_school_combo],
        }
        for key, shown in visible.items():
            self._labels[key].setVisible(shown)
            for w in widgets[key]:
                w.setVisible(shown)
        self.from_date.setEnabled(self.from_check.isChecked())
        self.to_date.setEnabled(self.to_check.isChecked())

    def request(self) -> ReportRequest | None:
        """The options as chosen, or None (with the reason shown) when something is missing."""
        kind = self.report_kind()
        problems = []
        subject = self.subject_id()
        if kind.subject is not None and subject is None:
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
        if kind.takes_sections and not sections:
            problems.append(_("Tick at least one section."))
        self._show_problems(problems)
        if problems:
            return None
        return ReportRequest(
            kind=kind.key,
            subject_id=subject if kind.subject is not None else None,
            start=start,
            end=end,
            sections=sections,
            redact=() if kind.reviews_third_parties else tuple(self.redact_model.checked_ids()),
            receiving_school=self.school_edit.text().strip(),
            password=password or None,
            share=self.share_details(),
            keep_names=self.kept_names() if kind.reviews_third_parties else (),
            redact_text=tuple(
                part.strip() for part in self.redact_text_edit.text().split(";") if part.strip()
            )
            if kind.reviews_third_parties
            else (),
            school_id=(self.trust_school_combo.currentData() or None)
            if kind.takes_school
            else None,
        )

    def kept_names(self) -> tuple[str, ...]:
        """The names found that the lead unticked: left in the export."""
        checked = set(self.redact_model.checked_ids())
        return tuple(f.name for f in self.names_found if f"name:{f.name}" not in checked)

    def share_details(self) -> ShareDetails:
        """Who the file is for, as typed (the service fills defaults and refuses gaps)."""
        return self.share.details()

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
        self.preview_scroll.clear()

    def _show_preview(self, rendered: RenderedPreview) -> None:
        self.preview_result = rendered
        self.preview_scroll.show_rendered(rendered, self._scale)

    def page_labels(self) -> list[QLabel]:
        """The preview's page images, in order."""
        return self.preview_scroll.page_labels()

    # -- slots ---------------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self) -> None:
        kind = self.report_kind()
        if kind.takes_sections:  # each kind its own sections, all ticked to begin with
            sections = kind.sections()
            self.sections_model.set_rows(sections, {key for key, _heading in sections})
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
        # The next step is saving: the focus goes there (it fell on Close when Preview was
        # disabled while it ran), and the preview's arrival is said.
        self.save_button.setFocus()
        announce(self, self.preview_note.text() or _("Preview ready."))
        self.previewed.emit()

    def _on_saved(self, result: ReportResult) -> None:
        self._set_running(False)
        message = saved_message(result)
        self.status_label.setText(message)
        announce(self, message)
        self.saved.emit(message)

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self.status_label.setText(message)

    def _on_cancelled(self) -> None:
        self._set_running(False)
        self.status_label.setText(_("Stopped. Nothing was saved."))
