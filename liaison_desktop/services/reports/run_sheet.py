"""The officer's day run sheet: their own planned visits of the chosen days, with what they
chose to carry (the sections), for the door-step and the car."""

from __future__ import annotations

from datetime import timedelta

from ...i18n import _
from ...reports import run_sheet as rs
from ...reports.furniture import ProgressFn, report
from ..validation import ValidationFailed
from .common import BuiltReport, ReportRequest, ReportTools

MAX_DAYS = 14


def sections() -> list[tuple[str, str]]:
    """The run sheet's sections as (key, heading)."""
    return [(key, rs.section_title(key)) for key in rs.SECTIONS]


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """The run sheet of today, or of the days chosen (at most a fortnight)."""
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    c = tools.caseload
    start = options.start or options.end or c.ctx.today()
    end = options.end or start
    chosen = [s for s in options.sections if s in rs.SECTIONS]
    if not chosen:
        chosen = list(rs.SECTIONS)
    if end - start > timedelta(days=MAX_DAYS - 1):
        raise ValidationFailed(
            [("to", _("a run sheet covers at most {n} days").format(n=MAX_DAYS))]
        )
    report(progress, "reading", 0.0)
    visits = [
        v
        for v in c.visits.between(start, end)
        if v["status"] == "planned" and v.get("officer") in (None, "", c.ctx.owner_name)
    ]
    families = sorted({str(v["family_id"]) for v in visits})
    sharing = tools.sharing(
        "run_sheet",
        options,
        families,
        _("Run sheet: {sections}").format(sections=", ".join(chosen)),
    )
    data = rs.RunSheetData(
        start=start,
        end=end,
        officer=c.ctx.owner_name,
        visits=[
            rs.RunSheetVisit(
                dict(v),
                dict(c.families.get(str(v["family_id"]))),
                [dict(p) for p in c.people.members(str(v["family_id"]))],
            )
            for v in visits
        ],
        sections=[s for s in rs.SECTIONS if s in chosen],
    )
    report(progress, "reading", 1.0)
    pdf = rs.build_run_sheet(data, tools.meta(_("Run sheet")), progress)
    return BuiltReport("run_sheet", pdf, sharing=sharing)
