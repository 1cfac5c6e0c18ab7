"""The family page: a heading and one tab per part of the record (Ctrl+Tab moves between them).

Opening the page reads the family through `families.view`, which leaves an audit event. Only
the Overview is built then; every other tab builds (and reads its records) the first time it
is shown or its attribute (`page.notes`, …) is read, so a family opens in well under 100 ms.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, SignalInstance, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Change
from ...i18n import _
from ..section_views import SessionServices
from ..widgets.scroll_area import quiet
from ..widgets.styles import heading, muted
from .access_tab import AccessTab
from .actions_tab import ActionsTab
from .attachments_tab import AttachmentsTab
from .attendance_tab import AttendanceTab
from .case_status_bar import CaseStatusBar
from .chronology_tab import ChronologyTab
from .concerns_tab import ConcernsTab
from .consents_tab import ConsentsTab
from .ecomap_view import EcomapView
from .engagement_tab import EngagementTab
from .lazy_tabs import LazyTabAttribute, LazyTabWidget
from .letter_dialog import LetterDialog
from .note_editor import AUTOSAVE_MS
from .notes_tab import NotesTab
from .outcomes_tab import OutcomesTab
from .overview_tab import OverviewTab
from .people_tab import PeopleTab
from .plan_tab import PlanTab
from .referrals_tab import ReferralsTab
from .sharing_tab import SharingTab
from .team_tab import TeamTab


def _about_to_lock(services: SessionServices) -> SignalInstance:
    # The main window's signal, emitted before the session destroys it (drafts save on it).
    return services.navigator.about_to_lock


# The kinds of record each tab shows (None: any kind of this family's). When a change touches
# the family, each built tab showing one of its kinds reads again (see `_on_vault_changed`).
TAB_KINDS: dict[str, frozenset[str] | None] = {
    "overview": None,
    "chronology": None,
    "people": frozenset({"person"}),
    "notes": frozenset({"visit", "note", "attachment"}),
    "concerns": frozenset({"concern", "concern_addition"}),
    "actions_tab": frozenset({"action"}),
    "plan": frozenset({"plan_goal", "goal_review"}),
    "referrals": frozenset({"referral"}),
    "team": frozenset({"case_link", "contact"}),
    "ecomap": frozenset({"case_link", "contact", "person"}),
    "consents": frozenset({"consent"}),
    "attendance": frozenset({"person", "attendance"}),
    "outcomes": frozenset({"outcome_review"}),
    "sharing": frozenset({"sharing"}),
    "engagement": frozenset(
        {"engagement_profile", "invitation", "activity_attendance", "volunteering"}
    ),
    "attachments": frozenset({"attachment"}),
}


class FamilyPage(QWidget):
    """Everything about one family, tab by tab."""

    autosave_ms = AUTOSAVE_MS  # tests set a short interval on the class or instance

    # Every tab but the Overview is built on first use; reading one of these builds it.
    people = LazyTabAttribute(PeopleTab)
    notes = LazyTabAttribute(NotesTab)
    concerns = LazyTabAttribute(ConcernsTab)
    actions_tab = LazyTabAttribute(ActionsTab)  # not `actions`: QWidget.actions() is Qt's
    plan = LazyTabAttribute(PlanTab)
    referrals = LazyTabAttribute(ReferralsTab)
    team = LazyTabAttribute(TeamTab)
    ecomap = LazyTabAttribute(EcomapView)
    chronology = LazyTabAttribute(ChronologyTab)
    consents = LazyTabAttribute(ConsentsTab)
    attendance = LazyTabAttribute(AttendanceTab)
    outcomes = LazyTabAttribute(OutcomesTab)
    sharing = LazyTabAttribute(SharingTab)
    engagement = LazyTabAttribute(EngagementTab)
    attachments = LazyTabAttribute(AttachmentsTab)
    access = LazyTabAttribute(AccessTab)

    def __init__(
        self, services: SessionServices, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.family_id = family_id
        # Pinned now: the Notes tab is built later, but takes the interval in force at opening.
        self.autosave_ms = self.autosave_ms
        caseload = services.caseload
        self.family = caseload.families.view(family_id)

        self.title = heading(str(self.family.get("name") or ""))
        self.subtitle = muted(QLabel())
        # Closed or open, legal holds, and the buttons that change them (issue 10).
        self.case_status = CaseStatusBar(caseload, family_id, str(self.family.get("name") or ""))
        self.tabs = LazyTabWidget(lambda _name, _tab: None)
        self.tabs.setAccessibleName(_("Family record"))
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(caseload, self.family)
        self.tabs.addTab(self.overview, _("Overview"))
        self._titles: dict[str, str] = {}
        for name, title, build in (
            ("people", _("People"), lambda: PeopleTab(caseload.people, family_id)),
            ("notes", _("Visits and notes"), self._build_notes),
            (
                "concerns",
                _("Concerns"),
                lambda: ConcernsTab(caseload.concerns, family_id, actions=caseload.actions),
            ),
            ("actions_tab", _("Actions"), lambda: ActionsTab(caseload.actions, family_id)),
            ("plan", _("Plan"), lambda: PlanTab(caseload, family_id)),
            ("referrals", _("Referrals"), lambda: ReferralsTab(caseload, family_id)),
            ("team", _("Team"), lambda: TeamTab(caseload.directory, family_id)),
            ("ecomap", _("Ecomap"), lambda: EcomapView(caseload, family_id)),
            ("chronology", _("Chronology"), self._build_chronology),
            ("consents", _("Consents"), lambda: ConsentsTab(caseload.consents, family_id)),
            ("attendance", _("Attendance"), lambda: AttendanceTab(caseload, family_id)),
            ("outcomes", _("Outcomes"), lambda: OutcomesTab(caseload.outcomes, family_id)),
            ("sharing", _("Sharing"), lambda: SharingTab(caseload.sharing, family_id)),
            ("engagement", _("Engagement"), lambda: EngagementTab(caseload, family_id)),
            (
                "attachments",
                _("Files"),
                lambda: AttachmentsTab(caseload.attachments, family_id),
            ),
            ("access", _("Access log"), lambda: AccessTab(caseload, family_id)),
        ):
            self.tabs.add_lazy(name, title, build)
            self._titles[name] = title

        self.tabs.setUsesScrollButtons(True)  # nine tabs on a small screen scroll, not clip
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addWidget(self.case_status, 1)
        self.letter_button = QPushButton(_("Letter or form…"))
        self.letter_button.setToolTip(_("Write a letter or form for the family (Ctrl+Shift+L)"))
        header.addWidget(self.letter_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(header)
        column.addWidget(self.tabs, 1)
        # At 200% on a 1366×768 laptop the page is wider than the window: it scrolls instead of
        # forcing the window wider than the screen.
        self.scroll_area = quiet(QScrollArea())
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

        # Ctrl+Tab / Ctrl+Shift+Tab move between tabs wherever the focus is on the page.
        self.next_tab_action = QAction(_("Next tab"), self)
        self.next_tab_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Tab))
        self.previous_tab_action = QAction(_("Previous tab"), self)
        self.previous_tab_action.setShortcut(
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Backtab)
        )
        # The tabs have no Alt+letter of their own (thirteen tabs and the forms in them would
        # share letters): Ctrl+Tab and Ctrl+Shift+Tab move between them, and Alt+1 … Alt+9
        # go straight to the first nine, as each tab's tooltip says.
        self.tab_actions: list[QAction] = []
        for index in range(min(9, self.tabs.count())):
            go = QAction(self.tabs.tabText(index), self)
            go.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            go.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.tabs.setTabToolTip(
                index, _("{tab} (Alt+{n})").format(tab=self.tabs.tabText(index), n=index + 1)
            )
            self.tab_actions.append(go)
        for index in range(9, self.tabs.count()):
            self.tabs.setTabToolTip(
                index, _("{tab} (Ctrl+Tab moves between tabs)").format(tab=self.tabs.tabText(index))
            )
        # Raise a concern from anywhere on the page: from the selected visit or note on Visits
        # and notes, otherwise on the Concerns tab as seen or said outside a visit or note.
        self.raise_concern_action = QAction(_("Raise a concern"), self)
        self.raise_concern_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.raise_concern_action.triggered.connect(self.raise_concern)
        self.letter_action = QAction(_("Write a letter or form"), self)
        self.letter_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.letter_action.triggered.connect(self.open_letter)
        self.letter_button.clicked.connect(self.open_letter)
        self.letter_dialog: LetterDialog | None = None
        for action in (
            self.next_tab_action,
            self.previous_tab_action,
            self.raise_concern_action,
            self.letter_action,
            *self.tab_actions,
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self._connect()
        self._update_subtitle()

    @Slot()
    def open_letter(self) -> None:
        """Write a letter or form for this family (the dialog is kept while open)."""
        dialog = LetterDialog(self.services.caseload, self.family_id, self)
        self.letter_dialog = dialog
        dialog.open()

    def _build_chronology(self) -> QWidget:
        caseload = self.services.caseload
        children = [
            (p.id, caseload.people.display_name(p))
            for p in caseload.people.members(self.family_id)
            if p.get("role") in ("pupil", "sibling")
        ]
        return ChronologyTab(caseload.chronology, self.family_id, children=children)

    def _build_notes(self) -> QWidget:
        return NotesTab(
            self.services.caseload,
            self.family_id,
            about_to_lock=_about_to_lock(self.services),
            autosave_ms=self.autosave_ms,
        )

    def _connect(self) -> None:
        self.next_tab_action.triggered.connect(self._on_next_tab)
        self.previous_tab_action.triggered.connect(self._on_previous_tab)
        self.overview.changed.connect(self._on_family_changed)
        self.services.changes.changed.connect(self._on_vault_changed)

    def _refresh_if_built(self, name: str) -> None:
        tab = self.tabs.if_built(name)
        if tab is not None:
            refresh: Callable[[], object] = getattr(tab, "refresh")  # noqa: B009
            refresh()

    def _update_subtitle(self) -> None:
        # From the Overview, which is always built and has just re-read the household (the People
        # tab may not be built yet): no second read of the members.
        count = len(self.overview.members)
        self.subtitle.setText(
            _("{n} people · {postcode}").format(
                n=count, postcode=self.family.get("postcode") or _("no postcode")
            )
        )

    # -- slots -----------------------------------------------------------------------------------
    def unfinished_tabs(self) -> list[str]:
        """The tabs (by title) holding something typed and not yet added: a referral, a
        consent or a team role started (the details form is asked about on its own). Only
        tabs already built can hold anything; none is built to ask."""
        found = []
        for name, title in self._titles.items():
            tab = self.tabs.if_built(name)
            check = getattr(tab, "has_unsaved_changes", None)
            if callable(check) and check():
                found.append(title)
        return found

    @Slot()
    def raise_concern(self) -> None:
        """Open the concern dialog: from the selected visit or note, or from the Concerns tab."""
        notes = self.tabs.if_built("notes")
        if (
            notes is not None
            and self.tabs.currentWidget() is notes
            and self.notes.concern_action.isEnabled()
        ):
            self.notes.concern_action.trigger()
            return
        self.tabs.setCurrentWidget(self.concerns)
        self.concerns.start_raise()

    @Slot()
    def _on_next_tab(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    @Slot()
    def _on_previous_tab(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count())

    @Slot()
    def _on_family_changed(self) -> None:
        self.family = self.overview.family
        self.title.setText(str(self.family.get("name") or ""))
        self._update_subtitle()
        self._refresh_if_built("chronology")

    @Slot(object, bool)
    def _on_vault_changed(self, change: Change, from_background: bool) -> None:
        """Read again what a committed write changed on this family's tabs.

        The tab the officer is using refreshes itself after its own writes, so a write made
        here (on the GUI thread) skips it; a write from a background job (a sync) refreshes it
        too. The case status bar and the overview follow every change to the family.
        """
        if not change.touches(family_id=self.family_id):
            return
        current = self.tabs.currentWidget()
        for name, kinds in TAB_KINDS.items():
            tab = self.overview if name == "overview" else self.tabs.if_built(name)
            if tab is None or (tab is current and not from_background):
                continue
            if kinds is None or change.touches(kinds, self.family_id):
                refresh: Callable[[], object] = getattr(tab, "refresh")  # noqa: B009
                refresh()
        if change.touches(("person",), self.family_id):
            self._update_subtitle()
