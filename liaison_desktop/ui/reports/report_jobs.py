"""What the report dialog asks of the reports service, as background work on a worker's own
connection: build a preview (drawn in memory) or save the report; and the words around it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...domain.sharing import ShareDetails
from ...domain.third_parties import FoundName
from ...i18n import _
from ...services.caseload import Caseload
from ...services.reports_service import (
    BY_KEY,
    ReportCancelled,
    ReportOptions,
    ReportResult,
    ReportsService,
)
from ...services.reports_service import ReportRequest as ServiceRequest
from ..file_dialogs import suggested_file_name
from ..ops import Cancelled, OpContext
from ..worker_caseload import on_worker
from .pdf_preview import PREVIEW_DPI, RenderedPreview, render_pages


def stage_label(stage: str) -> str:
    """What the report is doing, for the progress line."""
    return {
        "reading": _("Reading the records…"),
        "layout": _("Laying out the pages…"),
        "protecting": _("Counting the pages…"),
        "writing": _("Writing the file…"),
        "done": _("Done."),
    }.get(stage, _("Working…"))


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
    keep_names: tuple[str, ...] = ()  # subject access: names found that the lead leaves in
    redact_text: tuple[str, ...] = ()  # subject access: phrases redacted by hand
    school_id: str | None = None  # the caseload overview of one school of a trust

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
            keep_names=self.keep_names,
            redact_text=self.redact_text,
            school_id=self.school_id,
        )


def report_file_name(request: ReportRequest, day: date) -> str:
    """The suggested file name: the report, the day and a short record reference, no name.

    A family's or child's name in the file name would be written wherever the officer's
    desktop records chosen files (docs/decisions.md, "Nothing left behind by the desktop").
    """
    kind = BY_KEY.get(request.kind)
    what = kind.shown(kind.file_word) if kind is not None else _("report")
    return suggested_file_name(what, day=day, reference=request.subject_id or "", suffix="pdf")


def _with_worker(caseload: Caseload, ctx: OpContext, job: Any) -> Any:
    """Run `job(reports_service, progress)` on a connection of this thread's own (the
    session's idea of today kept, as for every worker: `worker_caseload.on_worker`)."""

    def progress(stage: str, fraction: float) -> bool:
        ctx.report(int(fraction * 100), 100, stage_label(stage))
        return not ctx.cancelled

    def run(worker: Caseload) -> Any:
        try:
            return job(ReportsService(worker), progress)
        except ReportCancelled:
            raise Cancelled from None

    return on_worker(caseload, run)


def find_third_parties(caseload: Caseload, person_id: str, ctx: OpContext) -> list[FoundName]:
    """The other people named in a person's SAR text (worker thread: it reads every name)."""
    ctx.report(0, 0, _("Looking for other people named in the text…"))
    found: list[FoundName] = on_worker(
        caseload, lambda worker: ReportsService(worker).third_parties(person_id)
    )
    return found


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
        return reports.save(
            request.kind,
            ServiceRequest(
                request.subject_id,
                request.options(out),
                receiving_school=request.receiving_school,
                json_out=out.with_suffix(".json"),
            ),
            progress,
        )

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
