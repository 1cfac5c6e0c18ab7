"""Letters and forms for a family: choose a template, who it is about and to, read and change
the filled words, save as PDF (recorded in the sharing record as sent). A lead edits the
school's templates from here too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import letters
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ...services.letters_service import LetterContent, LetterTemplate
from ...services.people_service import PeopleService
from ...services.reports_service import ReportOptions, ReportResult, ReportsService
from ..announce import announce
from ..file_dialogs import open_save_dialog, suggested_file_name
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.styles import muted
from ..worker_caseload import on_worker
from .common import FieldForm, error_label, show_message


class LetterDialog(QDialog):
    """Write one letter or form for one family."""

    saved = Signal(object)

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self._op: BackgroundOp[ReportResult] | None = None
        self.save_dialog: QWidget | None = None
        self.templates_dialog: TemplatesDialog | None = None
        self.setWindowTitle(_("Letter or form"))
        self.form = FieldForm()
        self.template_combo = QComboBox()
        self.pupil_combo = QComboBox()
        self.visit_combo = QComboBox()
        self.organisation_combo = QComboBox()
        self.recipient_edit = QLineEdit()
        self.address_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setMinimumHeight(self.body_edit.fontMetrics().lineSpacing() * 12)
        self.unknown_label = error_label(self)
        self.form.add("template", _("&Template"), self.template_combo)
        self.form.add("person_id", _("&About"), self.pupil_combo)
        self.form.add("visit_id", _("&Visit"), self.visit_combo)
        self.form.add("organisation_id", _("&Organisation"), self.organisation_combo)
        self.form.add("recipient", _("&Recipient"), self.recipient_edit)
        self.form.add("address", _("Addre&ss"), self.address_edit)
        self.form.add("body", _("&Words (change them here before saving)"), self.body_edit)
        self.busy = BusyIndicator()
        self.status_label = muted(QLabel())
        self.status_label.setWordWrap(True)
        self.edit_templates_button = QPushButton(_("&Edit templates…"))
        if caseload.ctx.role != "lead":  # hide() only: a parentless show() opens a window
            self.edit_templates_button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            _("Save as &PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        row.addWidget(self.edit_templates_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self._load_choices()
        self.template_combo.currentIndexChanged.connect(self.refill)
        self.pupil_combo.currentIndexChanged.connect(self.refill)
        self.visit_combo.currentIndexChanged.connect(self.refill)
        self.organisation_combo.currentIndexChanged.connect(self.refill)
        self.save_button.clicked.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.edit_templates_button.clicked.connect(self._on_edit_templates)
        self.refill()

    def _load_choices(self) -> None:
        c = self._caseload
        self._load_templates()
        self.pupil_combo.addItem(_("(the first pupil)"), None)
        for person in c.people.pupils(self._family_id):
            self.pupil_combo.addItem(PeopleService.display_name(person), person.id)
        self.visit_combo.addItem(_("(none)"), None)
        for visit in c.visits.coming(self._family_id):
            self.visit_combo.addItem(
                f"{visit.get('date')} {visit.get('time') or ''}".strip(), visit.id
            )
        self.organisation_combo.addItem(_("(none: to the family)"), None)
        seen: set[str] = set()
        for member in c.directory.team(self._family_id):
            seen.add(member.contact.id)
            self.organisation_combo.addItem(
                str(member.contact.get("organisation")), member.contact.id
            )
        for contact in c.directory.all():
            if contact.id not in seen:
                self.organisation_combo.addItem(str(contact.get("organisation")), contact.id)

    def _load_templates(self) -> None:
        chosen = self.template_combo.currentData()
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for template in self._caseload.letters.templates():
            self.template_combo.addItem(
                _("{title} ({kind})").format(
                    title=template.title, kind=letters.kind_label(template.kind)
                ),
                template.key,
            )
        index = self.template_combo.findData(chosen)
        self.template_combo.setCurrentIndex(max(0, index))
        self.template_combo.blockSignals(False)

    @Slot()
    def refill(self) -> None:
        """Fill the chosen template again (what was typed in the words is replaced)."""
        key = self.template_combo.currentData()
        if key is None:
            return
        try:
            letter = self._caseload.letters.fill(
                str(key),
                self._family_id,
                person_id=self.pupil_combo.currentData(),
                visit_id=self.visit_combo.currentData(),
                organisation_id=self.organisation_combo.currentData(),
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self._letter = letter
        self.recipient_edit.setText(letter.recipient)
        self.address_edit.setText(letter.address)
        self.body_edit.setPlainText(letter.body)
        show_message(
            self.unknown_label,
            _(
                "Check the words: the template names {names}, which the record does not have."
            ).format(names=", ".join("{" + n + "}" for n in letter.unknown))
            if letter.unknown
            else "",
        )

    def content(self) -> LetterContent:
        """The letter as it stands in the dialog."""
        return LetterContent(
            self._letter.template_key,
            self._letter.title,
            self.recipient_edit.text().strip(),
            self._letter.organisation,
            self.address_edit.text().strip(),
            self.body_edit.toPlainText(),
            self._letter.unknown,
        )

    @Slot()
    def _on_save(self) -> None:
        self.save_dialog = open_save_dialog(
            self,
            _("Save the letter"),
            name_filter=_("PDF files (*.pdf)"),
            suggested_name=suggested_file_name(
                "letter", day=self._caseload.ctx.today(), reference=self._family_id, suffix="pdf"
            ),
            on_chosen=lambda path: self.save_to(Path(path)),
        )

    def save_to(self, path: Path) -> None:
        """Write the letter at `path` (on a worker) and record it as sent."""
        content, family_id, caseload = self.content(), self._family_id, self._caseload
        self.busy.start(_("Writing the letter…"))
        self.save_button.setEnabled(False)

        def work(_ctx: object) -> ReportResult:
            return on_worker(
                caseload,
                lambda c: ReportsService(c).letter(family_id, content, ReportOptions(out=path)),
            )

        def done(result: ReportResult) -> None:
            self.busy.stop()
            self.save_button.setEnabled(True)
            text = _("Saved {path}; recorded as sent to {who}.").format(
                path=result.path, who=content.recipient
            )
            self.status_label.setText(text)
            announce(self, text)
            self.saved.emit(result)

        def failed(message: str) -> None:
            self.busy.stop()
            self.save_button.setEnabled(True)
            show_message(self.form.general_error, message)

        self._op = BackgroundOp(owner=self, work=work, success=done, failure=failed)
        self._op.run_in_background()

    @Slot(int)
    def _on_templates_closed(self, _result: int) -> None:
        self._load_templates()
        self.refill()

    @Slot()
    def _on_edit_templates(self) -> None:
        dialog = TemplatesDialog(self._caseload, self)
        dialog.finished.connect(self._on_templates_closed)
        self.templates_dialog = dialog
        dialog.open()


class TemplatesDialog(QDialog):
    """The school's letter templates, for a lead: change the words, add, retire, restore."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self.setWindowTitle(_("Letter templates"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Templates"))
        self.form = FieldForm()
        self.title_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for kind in letters.LETTER_KINDS:
            self.kind_combo.addItem(letters.kind_label(kind), kind)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setMinimumHeight(self.body_edit.fontMetrics().lineSpacing() * 10)
        self.form.add("title", _("T&itle"), self.title_edit)
        self.form.add("kind", _("&Kind"), self.kind_combo)
        self.form.add("body", _("&Words"), self.body_edit)
        help_text = muted(
            QLabel(
                _("In braces, filled from the record: {names}").format(
                    names="; ".join(f"{{{key}}} {what}" for key, what in letters.placeholders())
                )
            )
        )
        help_text.setWordWrap(True)
        self.save_button = QPushButton(_("&Save template"))
        self.new_button = QPushButton(_("&New template"))
        self.restore_button = QPushButton(_("&Restore the app's words"))
        self.retire_button = QPushButton(_("Re&tire"))
        self.message = error_label(self)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.new_button, self.restore_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addWidget(help_text)
        right.addLayout(buttons)
        right.addWidget(self.message)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        close.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(self._show_current)
        self.save_button.clicked.connect(self._on_save)
        self.new_button.clicked.connect(self._on_new)
        self.restore_button.clicked.connect(self._on_restore)
        self.retire_button.clicked.connect(self._on_retire)
        self._new = False
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """List the templates again."""
        self.list.clear()
        for template in self._caseload.letters.templates():
            item = QListWidgetItem(template.title + (" ✎" if template.edited else ""))
            item.setData(Qt.ItemDataRole.UserRole, template.key)
            self.list.addItem(item)
            if template.key == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def current(self) -> LetterTemplate | None:
        item = self.list.currentItem()
        return (
            self._caseload.letters.template(str(item.data(Qt.ItemDataRole.UserRole)))
            if item
            else None
        )

    @Slot()
    def _show_current(self) -> None:
        template = self.current()
        self._new = False
        if template is None:
            return
        self.title_edit.setText(template.title)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(template.kind)))
        self.body_edit.setPlainText(template.body)
        self.restore_button.setEnabled(template.built_in and template.edited)
        self.retire_button.setEnabled(True)

    @Slot()
    def _on_new(self) -> None:
        self._new = True
        self.list.clearSelection()
        self.title_edit.clear()
        self.body_edit.setPlainText(_("Dear {carer},\n\n\n\nYours sincerely,\n\n{officer}"))
        self.title_edit.setFocus()

    @Slot()
    def _on_save(self) -> None:
        current = self.current()
        try:
            saved = self._caseload.letters.save_template(
                self.title_edit.text(),
                str(self.kind_combo.currentData()),
                self.body_edit.toPlainText(),
                key=None if self._new or current is None else current.key,
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        self.reload(saved.key)
        announce(self, _("Template saved."))

    @Slot()
    def _on_restore(self) -> None:
        current = self.current()
        if current is not None:
            self._run(lambda: self._caseload.letters.restore_built_in(current.key), current.key)

    @Slot()
    def _on_retire(self) -> None:
        current = self.current()
        if current is not None:
            self._run(lambda: self._caseload.letters.retire(current.key), None)

    def _run(self, change: Callable[[], object], select: str | None) -> None:
        try:
            change()
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.reload(select)
