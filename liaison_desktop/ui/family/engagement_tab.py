"""Engagement: how this family likes to be reached, what they came to, what they give.

The profile (preferred way to get in touch, language, best time, the home-school agreement,
skills to share) is edited here and saved with one button; the activities they were invited to
or came to are read from the Activities screen's records; volunteering roles are added and
ended here. Read the first time the tab is shown, so opening a family stays quick.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain import engagement as eng
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.engagement_service import FamilyEngagement, InvitationStatus
from ...services.validation import ValidationFailed
from ..qt_dates import qdate
from ..widgets.scroll_area import quiet
from ..widgets.styles import heading, muted
from .common import (
    Column,
    FieldForm,
    RowsModel,
    RowsTable,
    error_label,
    py_date,
    show_message,
    submit_on_return,
)

TEXT_BOX_LINES = 3


def _qdate(text: str) -> QDate:
    return QDate.fromString(text[:10], "yyyy-MM-dd")


def _came(status: InvitationStatus) -> str:
    if not status.sessions_marked:
        return _("Not yet")
    return ngettext(
        "{came} of {marked} session", "{came} of {marked} sessions", status.sessions_marked
    ).format(came=status.sessions_attended, marked=status.sessions_marked)


class EngagementTab(QWidget):
    """The family's engagement profile (editable), activities and volunteering."""

    changed = Signal()  # something the chronology shows was saved

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._engagement = caseload.engagement
        self._family_id = family_id
        self._loaded = False
        self.engagement: FamilyEngagement | None = None
        today = caseload.ctx.today()

        # -- the profile ---------------------------------------------------------------------
        self.form = FieldForm()
        self.channel_combo = QComboBox()
        self.channel_combo.addItem(_("Not known yet"), None)
        for channel in eng.CONTACT_CHANNELS:
            self.channel_combo.addItem(eng.channel_label(channel), channel)
        self.language_edit = QLineEdit()
        self.language_edit.setPlaceholderText(_("e.g. Polish, English"))
        self.best_time_edit = QLineEdit()
        self.best_time_edit.setPlaceholderText(_("e.g. after 3 pm, not Fridays"))
        self.agreement_check = QCheckBox(_("Signed on"))
        self.agreement_date = QDateEdit(qdate(today))
        self.agreement_date.setCalendarPopup(True)
        self.agreement_date.setDisplayFormat("yyyy-MM-dd")
        self.agreement_date.setAccessibleName(_("Day the agreement was signed"))
        agreement = QWidget()
        agreement_row = QHBoxLayout(agreement)
        agreement_row.setContentsMargins(0, 0, 0, 0)
        agreement_row.addWidget(self.agreement_check)
        agreement_row.addWidget(self.agreement_date)
        agreement_row.addStretch(1)
        self.interests_edit = QPlainTextEdit()
        self.interests_edit.setTabChangesFocus(True)
        lines = self.interests_edit.fontMetrics().lineSpacing() * TEXT_BOX_LINES
        self.interests_edit.setMaximumHeight(lines + 2 * self.interests_edit.frameWidth() + 8)
        self.form.add("preferred_channel", _("Pre&ferred way to get in touch"), self.channel_combo)
        self.form.add("preferred_language", _("&Language"), self.language_edit)
        self.form.add("best_time", _("Best &time to get in touch"), self.best_time_edit)
        self.form.add("agreement_signed_on", _("Home-school agreement signe&d"), agreement)
        self.agreement_check.setAccessibleName(_("Home-school agreement signed"))
        self.form.add("interests", _("S&kills and interests to share"), self.interests_edit)
        self.save_button = QPushButton(_("Save profile"))  # letters taken by the page and tabs
        self.saved_label = muted(QLabel())

        # -- activities ------------------------------------------------------------------------
        self.activities_model: RowsModel[InvitationStatus] = RowsModel(
            [
                Column(_("Activity"), lambda s: s.title),
                Column(_("Kind"), lambda s: s.kind_label),
                Column(_("Invited on"), lambda s: s.invited_on or _("Came without an invitation")),
                Column(_("Came"), _came),
                Column(_("Last came"), lambda s: s.last_attended or ""),
            ],
            self,
        )
        self.activities_table: RowsTable[InvitationStatus] = RowsTable(
            self.activities_model, _("Activities invited to and came to")
        )
        self.activities_table.stretch(0)
        self.terms_label = muted(QLabel())

        # -- volunteering -----------------------------------------------------------------------
        self.volunteering_model: RowsModel[Record] = RowsModel(
            [
                Column(_("Role"), lambda r: str(r.get("role") or "")),
                Column(_("Days and times"), lambda r: str(r.get("schedule") or "")),
                Column(_("From"), lambda r: str(r.get("started_on") or "")),
                Column(_("Until"), lambda r: str(r.get("ended_on") or _("still volunteering"))),
            ],
            self,
        )
        self.volunteering_table: RowsTable[Record] = RowsTable(
            self.volunteering_model, _("Volunteering")
        )
        self.volunteering_table.stretch(0)
        self.role_edit = QLineEdit()
        self.role_edit.setPlaceholderText(_("e.g. Reading helper"))
        role_label = QLabel(_("&What they do"))
        role_label.setBuddy(self.role_edit)
        self.role_edit.setAccessibleName(_("Volunteering role"))
        self.schedule_edit = QLineEdit()
        self.schedule_edit.setPlaceholderText(_("e.g. Fridays"))
        self.schedule_edit.setAccessibleName(_("Days and times"))
        self.started_date = QDateEdit(qdate(today))
        self.started_date.setCalendarPopup(True)
        self.started_date.setDisplayFormat("yyyy-MM-dd")
        self.started_date.setAccessibleName(_("Started on"))
        self.add_role_button = QPushButton(_("Add volunteering"))  # Enter in the role adds it too
        self.end_role_button = QPushButton(_("Role ended toda&y"))
        self.end_role_button.setEnabled(False)
        self.volunteering_error = error_label()
        add_row = QHBoxLayout()
        add_row.addWidget(role_label)
        add_row.addWidget(self.role_edit, 2)
        add_row.addWidget(self.schedule_edit, 1)
        add_row.addWidget(self.started_date)
        add_row.addWidget(self.add_role_button)
        end_row = QHBoxLayout()
        end_row.addStretch(1)
        end_row.addWidget(self.end_role_button)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(heading(_("How to reach this family"), scale=1.15))
        column.addWidget(self.form)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)
        column.addLayout(save_row)
        column.addWidget(heading(_("School activities"), scale=1.15))
        column.addWidget(self.terms_label)
        column.addWidget(self.activities_table, 1)
        column.addWidget(heading(_("Volunteering"), scale=1.15))
        column.addWidget(self.volunteering_table, 1)
        column.addLayout(end_row)
        column.addLayout(add_row)
        column.addWidget(self.volunteering_error)
        # At 200% the tab is taller than the window: it scrolls instead of squeezing tables.
        scroll = quiet(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._connect()

    def _connect(self) -> None:
        self.agreement_check.toggled.connect(self.agreement_date.setEnabled)
        self.save_button.clicked.connect(self._on_save_profile)
        submit_on_return(self.save_button, self.language_edit, self.best_time_edit)
        self.add_role_button.clicked.connect(self._on_add_role)
        self.role_edit.returnPressed.connect(self._on_add_role)
        self.end_role_button.clicked.connect(self._on_end_role)
        self.volunteering_table.selectionModel().currentChanged.connect(self._on_role_current)

    def showEvent(self, event: QShowEvent) -> None:
        """Read the family's engagement the first time the tab is shown."""
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Re-read the profile, activities and volunteering."""
        self._loaded = True
        engagement = self._engagement.for_family(self._family_id)
        self.engagement = engagement
        profile: Record | dict[str, object] = engagement.profile or {}
        self.channel_combo.setCurrentIndex(
            max(0, self.channel_combo.findData(profile.get("preferred_channel")))
        )
        self.language_edit.setText(str(profile.get("preferred_language") or ""))
        self.best_time_edit.setText(str(profile.get("best_time") or ""))
        signed = engagement.agreement_signed_on
        self.agreement_check.setChecked(bool(signed))
        self.agreement_date.setEnabled(bool(signed))
        if signed:
            self.agreement_date.setDate(_qdate(signed))
        self.interests_edit.setPlainText(str(profile.get("interests") or ""))
        self.activities_model.set_rows(engagement.activities)
        self.volunteering_model.set_rows(engagement.volunteering)
        self.end_role_button.setEnabled(False)
        if engagement.engaged_terms:
            terms = ", ".join(t.label for t in engagement.engaged_terms)
            self.terms_label.setText(_("Took part in school life in: {terms}").format(terms=terms))
        else:
            self.terms_label.setText(
                _(
                    "No activities, volunteering or agreement recorded yet. Families are "
                    "invited to activities from the Activities section."
                )
            )

    # -- slots -----------------------------------------------------------------------------------
    @Slot()
    def _on_save_profile(self) -> None:
        values = {
            "preferred_channel": self.channel_combo.currentData(),
            "preferred_language": self.language_edit.text().strip() or None,
            "best_time": self.best_time_edit.text().strip() or None,
            "agreement_signed_on": py_date(self.agreement_date.date()).isoformat()
            if self.agreement_check.isChecked()
            else None,
            "interests": self.interests_edit.toPlainText().strip() or None,
        }
        self.form.clear_errors()
        try:
            self._engagement.set_profile(self._family_id, values)
        except LiaisonError as exc:
            self.form.show_error(exc)
            self.saved_label.setText("")
            return
        self.saved_label.setText(_("Saved."))
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_add_role(self) -> None:
        show_message(self.volunteering_error, "")
        try:
            self._engagement.add_volunteering(
                self._family_id,
                self.role_edit.text().strip(),
                started_on=py_date(self.started_date.date()),
                schedule=self.schedule_edit.text().strip() or None,
            )
        except LiaisonError as exc:
            show_message(
                self.volunteering_error, _("Not added: {reason}").format(reason=_reason(exc))
            )
            return
        self.role_edit.clear()
        self.schedule_edit.clear()
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_end_role(self) -> None:
        role = self.volunteering_table.current()
        if role is None:
            return
        show_message(self.volunteering_error, "")
        try:
            self._engagement.end_volunteering(role.id)
        except LiaisonError as exc:
            show_message(self.volunteering_error, _reason(exc))
            return
        self.refresh()
        self.changed.emit()

    @Slot()
    def _on_role_current(self) -> None:
        role = self.volunteering_table.current()
        self.end_role_button.setEnabled(role is not None and not role.get("ended_on"))


def _reason(exc: LiaisonError) -> str:
    if isinstance(exc, ValidationFailed):
        labels = {"role": _("What they do"), "ended_on": _("Until"), "started_on": _("From")}
        return "; ".join(
            _("{field} {problem}").format(field=labels.get(path, path), problem=problem)
            for path, problem in exc.problems
        )
    return str(exc)
