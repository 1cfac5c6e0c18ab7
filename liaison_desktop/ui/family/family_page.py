"""The family page: a heading and one tab per part of the record (Ctrl+Tab moves between them).

Opening the page reads the family through `families.view`, which leaves an audit event.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, SignalInstance, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from ...i18n import _
from ..ecomap_view import EcomapView
from ..section_views import SessionServices
from ..widgets.styles import heading, muted
from .attendance_tab import AttendanceTab
from .chronology_tab import ChronologyTab
from .concerns_tab import ConcernsTab
from .consents_tab import ConsentsTab
from .engagement_tab import EngagementTab
from .note_editor import AUTOSAVE_MS
from .notes_tab import NotesTab
from .outcomes_tab import OutcomesTab
from .overview_tab import OverviewTab
from .people_tab import PeopleTab
from .referrals_tab import ReferralsTab
from .sharing_tab import SharingTab
from .team_tab import TeamTab


def _about_to_lock(services: SessionServices) -> SignalInstance:
    # The main window's signal, emitted before the session destroys it (drafts save on it).
    return services.window.about_to_lock


class FamilyPage(QWidget):
    """Everything about one family, tab by tab."""

    autosave_ms = AUTOSAVE_MS  # tests set a short interval on the class or instance

    def __init__(
        self, services: SessionServices, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.family_id = family_id
        caseload = services.caseload
        self.family = caseload.families.view(family_id)

        self.title = heading(str(self.family.get("name") or ""))
        self.subtitle = muted(QLabel())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Family record"))
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(caseload, self.family)
        self.people = PeopleTab(caseload, family_id)
        self.notes = NotesTab(
            caseload,
            family_id,
            about_to_lock=_about_to_lock(services),
            autosave_ms=self.autosave_ms,
        )
        self.concerns = ConcernsTab(caseload, family_id)
        self.referrals = ReferralsTab(caseload, family_id)
        self.team = TeamTab(caseload, family_id)
        self.ecomap = EcomapView(caseload, family_id)
        self.chronology = ChronologyTab(caseload, family_id)
        self.consents = ConsentsTab(caseload, family_id)
        self.attendance = AttendanceTab(caseload, family_id)
        self.outcomes = OutcomesTab(caseload, family_id)
        self.sharing = SharingTab(caseload, family_id)  # reads its entries when first shown
        self.engagement = EngagementTab(caseload, family_id)  # reads when first shown
        for widget, title in (
            (self.overview, _("O&verview")),
            (self.people, _("&People")),
            (self.notes, _("Visits and &notes")),
            (self.concerns, _("Con&cerns")),
            (self.referrals, _("&Referrals")),
            (self.team, _("&Team")),
            (self.ecomap, _("Eco&map")),
            (self.chronology, _("C&hronology")),
            (self.consents, _("Con&sents")),
            (self.attendance, _("&Attendance")),
            (self.outcomes, _("O&utcomes")),
            (self.sharing, _("Shar&ing")),
            (self.engagement, _("&Engagement")),
        ):
            self.tabs.addTab(widget, title)

        self.tabs.setUsesScrollButtons(True)  # nine tabs on a small screen scroll, not clip
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addWidget(self.tabs, 1)
        # At 200% on a 1366×768 laptop the page is wider than the window: it scrolls instead of
        # forcing the window wider than the screen.
        self.scroll_area = QScrollArea()
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
        for action in (self.next_tab_action, self.previous_tab_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self._connect()
        self._update_subtitle()

    def _connect(self) -> None:
        self.next_tab_action.triggered.connect(self._on_next_tab)
        self.previous_tab_action.triggered.connect(self._on_previous_tab)
        self.overview.changed.connect(self._on_family_changed)
        self.people.changed.connect(self._on_people_changed)
        self.outcomes.changed.connect(self._on_records_changed)
        for tab in (
            self.notes,
            self.referrals,
            self.team,
            self.consents,
            self.concerns,
            self.engagement,
        ):
            tab.changed.connect(self._on_records_changed)

    def _update_subtitle(self) -> None:
        count = len(self.people.model.rows())
        self.subtitle.setText(
            _("{n} people · {postcode}").format(
                n=count, postcode=self.family.get("postcode") or _("no postcode")
            )
        )

    # -- slots -----------------------------------------------------------------------------------
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
        self.chronology.refresh()

    @Slot()
    def _on_people_changed(self) -> None:
        self.overview.refresh()
        self.attendance.refresh()
        self._update_subtitle()

    @Slot()
    def _on_records_changed(self) -> None:
        # Whatever changed shows in the chronology, the overview warnings and the concerns.
        self.chronology.refresh()
        self.overview.refresh()
        if self.sender() is not self.concerns:
            self.concerns.refresh()
