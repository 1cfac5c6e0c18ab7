"""Reports: the one door the UI and the CLI use to make PDFs (and the subject access JSON).

A report kind (services/reports/, listed in `reports.registry.REPORT_KINDS`) reads what it
needs through the caseload services and builds the PDF in memory; `preview` shows what was
built and keeps nothing but a "viewed" audit event; saving hands it to the one pipeline that
protects, audits, records the sharing and writes it (`reports.pipeline.save`). PDFs are built
in memory: nothing from the case is written anywhere else, and nothing under the vault's
folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.engagement import Term
from ..domain.third_parties import FoundName
from ..i18n import _
from ..reports.furniture import ProgressFn, ReportCancelled
from .caseload import Caseload
from .handover_service import HandoverResult
from .letters_service import LetterContent
from .reports import letter as letter_report
from .reports import pipeline
from .reports.case_summary import sections as case_summary_sections
from .reports.common import (
    MIN_PASSWORD_LENGTH,
    BuiltReport,
    ReportOptions,
    ReportPreview,
    ReportRequest,
    ReportResult,
    ReportTools,
    read_password_file,
)
from .reports.registry import BY_KEY, REPORT_KINDS, ReportKind, kinds_for
from .transfers_service import TransferStatus
from .validation import ValidationFailed

__all__ = [
    "BY_KEY",
    "MIN_PASSWORD_LENGTH",
    "REPORT_KINDS",
    "ReportCancelled",
    "ReportKind",
    "ReportOptions",
    "ReportPreview",
    "ReportRequest",
    "ReportResult",
    "ReportsService",
    "TransferStatus",
    "case_summary_sections",
    "kinds_for",
    "read_password_file",
]


class ReportsService:
    """Builds, previews and saves reports of any registered kind."""

    def __init__(self, caseload: Caseload) -> None:
        self.caseload = caseload
        self.ctx = caseload.ctx
        self._tools = ReportTools(caseload)

    # -- any kind ------------------------------------------------------------------------------
    def preview(
        self,
        kind: str,
        subject_id: str | None,
        options: ReportOptions,
        progress: ProgressFn | None = None,
        *,
        receiving_school: str = "",
    ) -> ReportPreview:
        """Build a report in memory only, for a preview; audited as viewed, nothing else kept.

        The same code as saving builds it, so the preview is what would be saved; none of
        what saving does (a transfer's "sent" record, the sharing entry, the file) happens.
        `options.out` and the password are not used.
        """
        report_kind = self._kind(kind)
        request = ReportRequest(
            subject_id,
            ReportOptions(
                out=options.out,
                redact=options.redact,
                start=options.start,
                end=options.end,
                sections=options.sections,
            ),
            receiving_school=receiving_school,
            previewing=True,
        )
        built = self._build(report_kind, request, progress)
        return pipeline.preview(
            self._tools, built, subject_id, about_person=report_kind.subject == "person"
        )

    def save(
        self, kind: str, request: ReportRequest, progress: ProgressFn | None = None
    ) -> ReportResult:
        """Build report `kind` and write it where `request.options.out` says: all or nothing."""
        report_kind = self._kind(kind)
        built = self._build(report_kind, request, progress)
        return pipeline.save(self._tools, built, request.options, progress)

    def _kind(self, kind: str) -> ReportKind:
        found = BY_KEY.get(kind)
        if found is None:
            raise ValidationFailed([("kind", _("is not a report this app makes"))])
        return found

    def _build(
        self, kind: ReportKind, request: ReportRequest, progress: ProgressFn | None
    ) -> BuiltReport:
        if kind.subject is not None and request.subject_id is None:
            raise ValidationFailed([("subject", _("choose who the report is about"))])
        return kind.build(self._tools, request, progress)

    # -- each kind, as the CLI and the tests ask for it ------------------------------------------
    def case_summary(
        self, family_id: str, options: ReportOptions, progress: ProgressFn | None = None
    ) -> ReportResult:
        """A family's case summary as a PDF at `options.out`."""
        return self.save("case_summary", ReportRequest(family_id, options), progress)

    def chronology(
        self, family_id: str, options: ReportOptions, progress: ProgressFn | None = None
    ) -> ReportResult:
        """A family's chronology as a PDF table."""
        return self.save("chronology", ReportRequest(family_id, options), progress)

    def caseload_overview(
        self, options: ReportOptions, progress: ProgressFn | None = None
    ) -> ReportResult:
        """The lead's overview of the whole caseload, with charts."""
        return self.save("caseload_overview", ReportRequest(None, options), progress)

    def letter(
        self,
        family_id: str,
        content: LetterContent,
        options: ReportOptions,
        progress: ProgressFn | None = None,
    ) -> ReportResult:
        """Write a filled letter or form as PDF, recorded as sent to its recipient."""
        built = letter_report.build(self._tools, family_id, content, options, progress)
        return pipeline.save(self._tools, built, options, progress)

    def preview_letter(
        self, family_id: str, content: LetterContent, progress: ProgressFn | None = None
    ) -> ReportPreview:
        """The letter built in memory only, to look at before saving."""
        built = letter_report.build(
            self._tools,
            family_id,
            content,
            ReportOptions(out=Path("preview.pdf")),
            progress,
            previewing=True,
        )
        return pipeline.preview(self._tools, built, family_id, about_person=False)

    def run_sheet(self, options: ReportOptions, progress: ProgressFn | None = None) -> ReportResult:
        """The officer's planned visits of `options.start` (to `options.end`) to carry."""
        return self.save("run_sheet", ReportRequest(None, options), progress)

    def engagement_summary(
        self,
        options: ReportOptions,
        progress: ProgressFn | None = None,
        *,
        term: Term | None = None,
    ) -> ReportResult:
        """Families engaged per term, activity attendance and new partnerships, with charts."""
        return self.save("engagement_summary", ReportRequest(None, options, term=term), progress)

    def transfer_pack(
        self,
        person_id: str,
        options: ReportOptions,
        *,
        receiving_school: str,
        left_on: date | None = None,
        sending_school: str | None = None,
        progress: ProgressFn | None = None,
    ) -> ReportResult:
        """A pupil's child-protection file transfer pack; records the transfer as sent today."""
        request = ReportRequest(
            person_id,
            options,
            receiving_school=receiving_school,
            left_on=left_on,
            sending_school=sending_school,
        )
        return self.save("transfer_pack", request, progress)

    def handover(
        self,
        result: HandoverResult,
        options: ReportOptions,
        progress: ProgressFn | None = None,
    ) -> ReportResult:
        """The handover summary of a caseload just moved (families, from and to whom)."""
        request = ReportRequest(
            result.from_device, options, families=result.families, handed_to=result.to_name
        )
        return self.save("handover", request, progress)

    def third_parties(self, person_id: str) -> list[FoundName]:
        """Other people named in the text of a person's subject access export, for the lead's
        review: each is redacted unless kept (`ReportOptions.keep_names`)."""
        from .reports.subject_access import third_parties

        return third_parties(self._tools, person_id)

    def subject_access(
        self,
        person_id: str,
        options: ReportOptions,
        json_out: Path,
        progress: ProgressFn | None = None,
    ) -> ReportResult:
        """One person's data as JSON and PDF, other people's information redacted."""
        return self.save(
            "subject_access", ReportRequest(person_id, options, json_out=json_out), progress
        )
