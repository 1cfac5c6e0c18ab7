"""A family's chronology as a PDF table, for strategy and TAF meetings."""

from __future__ import annotations

from ...i18n import _
from ...reports.chronology import ChronologyData, build_chronology
from ...reports.furniture import ProgressFn, report
from .common import BuiltReport, ReportRequest, ReportTools


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """A family's chronology."""
    family_id = str(request.subject_id)
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    sharing = tools.sharing(
        "chronology", options, [family_id], _("Every dated event of the family")
    )
    report(progress, "reading", 0.0)
    c = tools.caseload
    family = c.families.get(family_id)
    people = [dict(p) for p in c.people.members(family_id)]
    contacts = [dict(m.contact) for m in c.directory.team(family_id)]
    redactor = tools.redactor(
        options.redact, family_id, people, contacts, keep=[str(family.get("name") or "")]
    )
    data = ChronologyData(
        family=dict(family),
        entries=c.chronology.for_family(family_id, start=options.start, end=options.end),
        start=options.start,
        end=options.end,
        redacted_notes=redactor.notes,
    )
    pdf = build_chronology(data, tools.meta(_("Chronology")), redactor, progress)
    return BuiltReport(
        "chronology",
        pdf,
        family_id=family_id,
        redacted=redactor.count,
        sharing=sharing,
    )
