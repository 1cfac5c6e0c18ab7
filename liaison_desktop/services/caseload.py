"""Every caseload service for one unlocked vault, each built the first time it is asked for.

The CLI and the main window build one `Caseload` after unlocking and pass the individual
services on to the commands and views that need them (constructor injection). A service's
module is imported only when the service is first used, so a command that lists families does
not pay for importing the engagement summary, the retention rules or the sharing checks.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..domain.records import spec_for
from ..store.vault import Vault
from . import audit_service  # noqa: F401 - registers the audit-chain check with `verify`
from .context import ServiceContext

if TYPE_CHECKING:
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
    from .diary_service import DiaryService
    from .directory_service import CaseLinksService, DirectoryService
    from .engagement_service import EngagementService
    from .engagement_summary_service import EngagementSummaryService
    from .families_service import FamiliesService
    from .family_merge_service import FamilyMergeService
    from .handover_service import HandoverService
    from .holds_service import HoldsService
    from .letters_service import LettersService
    from .notes_service import NotesService
    from .outcomes_service import OutcomesService
    from .people_service import PeopleService
    from .plan_service import PlanService
    from .purge_service import PurgeService
    from .record_service import RecordService
    from .referrals_service import ReferralsService
    from .retention_service import RetentionService
    from .schools_service import SchoolsService
    from .search_service import SearchService
    from .sharing_service import SharingService
    from .transfers_service import TransfersService
    from .visits_service import VisitsService


class Caseload:
    """The use-cases available on an unlocked vault."""

    def __init__(self, vault: Vault, ctx: ServiceContext | None = None) -> None:
        self.vault = vault
        self.ctx = ctx or ServiceContext.open(vault)

    def service_for(self, kind: str) -> RecordService | None:
        """The area service that writes `kind` (its spec's `service`), or None if it has none."""
        path = spec_for(kind).service
        if not path:
            return None
        service: object = self
        for part in path.split("."):
            service = getattr(service, part)
        from .record_service import RecordService

        if not isinstance(service, RecordService) or service.kind != kind:
            raise TypeError(f"{kind}: Caseload.{path} does not write {kind} records")
        return service

    @cached_property
    def families(self) -> FamiliesService:
        from .families_service import FamiliesService

        return FamiliesService(self.ctx)

    @cached_property
    def family_merge(self) -> FamilyMergeService:
        from .family_merge_service import FamilyMergeService

        return FamilyMergeService(self.ctx)

    @cached_property
    def people(self) -> PeopleService:
        from .people_service import PeopleService

        return PeopleService(self.ctx)

    @cached_property
    def visits(self) -> VisitsService:
        from .visits_service import VisitsService

        return VisitsService(self.ctx)

    @cached_property
    def notes(self) -> NotesService:
        from .notes_service import NotesService

        return NotesService(self.ctx)

    @cached_property
    def search(self) -> SearchService:
        from .search_service import SearchService

        return SearchService(self.ctx)

    @cached_property
    def audit(self) -> AuditService:
        from .audit_service import AuditService

        return AuditService(self.ctx)

    @cached_property
    def referrals(self) -> ReferralsService:
        from .referrals_service import ReferralsService

        return ReferralsService(self.ctx)

    @cached_property
    def directory(self) -> DirectoryService:
        from .directory_service import DirectoryService

        return DirectoryService(self.ctx)

    @cached_property
    def case_links(self) -> CaseLinksService:
        return self.directory.links

    @cached_property
    def actions(self) -> ActionsService:
        from .actions_service import ActionsService

        return ActionsService(self.ctx)

    @cached_property
    def diary(self) -> DiaryService:
        from .diary_service import DiaryService

        return DiaryService(self)

    @cached_property
    def letters(self) -> LettersService:
        from .letters_service import LettersService

        return LettersService(self.ctx)

    @cached_property
    def plan(self) -> PlanService:
        from .plan_service import PlanService

        return PlanService(self.ctx)

    @cached_property
    def handover(self) -> HandoverService:
        from .handover_service import HandoverService

        return HandoverService(self)

    @cached_property
    def schools(self) -> SchoolsService:
        from .schools_service import SchoolsService

        return SchoolsService(self.ctx)

    @cached_property
    def transfers(self) -> TransfersService:
        from .transfers_service import TransfersService

        return TransfersService(self.ctx)

    @cached_property
    def consents(self) -> ConsentsService:
        from .consents_service import ConsentsService

        return ConsentsService(self.ctx)

    @cached_property
    def attendance(self) -> AttendanceService:
        from .attendance_service import AttendanceService

        return AttendanceService(self.ctx)

    @cached_property
    def concerns(self) -> ConcernsService:
        from .concerns_service import ConcernsService

        return ConcernsService(self.ctx)

    @cached_property
    def attachments(self) -> AttachmentsService:
        from .attachments_service import AttachmentsService

        return AttachmentsService(self.ctx)

    @cached_property
    def allocations(self) -> AllocationsService:
        from .allocations_service import AllocationsService

        return AllocationsService(self.ctx)

    @cached_property
    def chronology(self) -> ChronologyService:
        from .chronology_service import ChronologyService

        return ChronologyService(self.ctx)

    @cached_property
    def caseload_rows(self) -> CaseloadRowsService:
        from .caseload_rows_service import CaseloadRowsService

        return CaseloadRowsService(self.ctx)

    @cached_property
    def outcomes(self) -> OutcomesService:
        from .outcomes_service import OutcomesService

        return OutcomesService(self.ctx)

    @cached_property
    def sharing(self) -> SharingService:
        from .sharing_service import SharingService

        return SharingService(self.ctx, self.consents)

    @cached_property
    def activities(self) -> ActivitiesService:
        from .activities_service import ActivitiesService

        return ActivitiesService(self.ctx)

    @cached_property
    def engagement(self) -> EngagementService:
        from .engagement_service import EngagementService

        return EngagementService(self.ctx, self.activities)

    @cached_property
    def asset_map(self) -> AssetMapService:
        from .asset_map_service import AssetMapService

        return AssetMapService(self.ctx)

    @cached_property
    def engagement_summary(self) -> EngagementSummaryService:
        from .engagement_summary_service import EngagementSummaryService

        return EngagementSummaryService(self.ctx)

    # Records management (issue 10): closure, retention schedule and review, holds, purge.
    @cached_property
    def closures(self) -> ClosureService:
        from .closure_service import ClosureService

        return ClosureService(self.ctx)

    @cached_property
    def holds(self) -> HoldsService:
        from .holds_service import HoldsService

        return HoldsService(self.ctx)

    @cached_property
    def retention(self) -> RetentionService:
        from .retention_service import RetentionService

        return RetentionService(self.ctx)

    @cached_property
    def purges(self) -> PurgeService:
        from .purge_service import PurgeService

        return PurgeService(self.ctx)
