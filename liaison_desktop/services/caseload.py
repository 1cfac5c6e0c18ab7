"""Every caseload service for one unlocked vault, assembled once.

The CLI and the main window build one `Caseload` after unlocking and pass the individual
services on to the commands and views that need them (constructor injection).
"""

from __future__ import annotations

from ..store.vault import Vault
from .actions_service import ActionsService
from .activities_service import ActivitiesService
from .allocations_service import AllocationsService
from .asset_map_service import AssetMapService
from .attachments_service import AttachmentsService
from .attendance_service import AttendanceService
from .audit_service import AuditService
from .caseload_rows_service import CaseloadRowsService
from .chronology_service import ChronologyService
from .closure_service import ClosureService
from .concerns_service import ConcernsService
from .consents_service import ConsentsService
from .context import ServiceContext
from .directory_service import DirectoryService
from .engagement_service import EngagementService
from .engagement_summary_service import EngagementSummaryService
from .families_service import FamiliesService
from .holds_service import HoldsService
from .notes_service import NotesService
from .outcomes_service import OutcomesService
from .people_service import PeopleService
from .purge_service import PurgeService
from .referrals_service import ReferralsService
from .retention_service import RetentionService
from .search_service import SearchService
from .sharing_service import SharingService
from .visits_service import VisitsService


class Caseload:
    """The use-cases available on an unlocked vault."""

    def __init__(self, vault: Vault, ctx: ServiceContext | None = None) -> None:
        self.vault = vault
        self.ctx = ctx or ServiceContext.open(vault)
        self.families = FamiliesService(self.ctx)
        self.people = PeopleService(self.ctx)
        self.visits = VisitsService(self.ctx)
        self.notes = NotesService(self.ctx)
        self.search = SearchService(self.ctx)
        self.audit = AuditService(self.ctx)
        self.referrals = ReferralsService(self.ctx)
        self.directory = DirectoryService(self.ctx)
        self.case_links = self.directory.links
        self.actions = ActionsService(self.ctx)
        self.consents = ConsentsService(self.ctx)
        self.attendance = AttendanceService(self.ctx)
        self.concerns = ConcernsService(self.ctx)
        self.attachments = AttachmentsService(self.ctx)
        self.allocations = AllocationsService(self.ctx)
        self.chronology = ChronologyService(self.ctx)
        self.caseload_rows = CaseloadRowsService(self.ctx)
        self.outcomes = OutcomesService(self.ctx)
        self.sharing = SharingService(self.ctx, self.consents)
        self.activities = ActivitiesService(self.ctx)
        self.engagement = EngagementService(self.ctx, self.activities)
        self.asset_map = AssetMapService(self.ctx)
        self.engagement_summary = EngagementSummaryService(self.ctx)
        # Records management (issue 10): closure, retention schedule and review, holds, purge.
        self.closures = ClosureService(self.ctx)
        self.holds = HoldsService(self.ctx)
        self.retention = RetentionService(self.ctx)
        self.purges = PurgeService(self.ctx)
