"""The case summary of one family: household, strengths, team, ecomap, actions, referrals,
consents, attendance, outcomes and the chronology, in the sections chosen."""

from __future__ import annotations

from ...i18n import _
from ...reports import case_summary as cs
from ...reports.furniture import ProgressFn, report
from ...reports.redaction import redacted_word
from ..ecomap_service import EcomapService, redacted
from ..validation import ValidationFailed
from .common import BuiltReport, ReportRequest, ReportTools


def sections() -> list[tuple[str, str]]:
    """The case summary's sections as (key, heading), in the order they are printed."""
    return [(key, cs.section_title(key)) for key in cs.SECTIONS]


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """A family's case summary."""
    family_id = str(request.subject_id)
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    unknown = sorted(set(options.sections) - set(cs.SECTIONS))
    if unknown:
        raise ValidationFailed(
            [
                (
                    "sections",
                    _("unknown section {names}; choose from {known}").format(
                        names=", ".join(unknown), known=", ".join(cs.SECTIONS)
                    ),
                )
            ]
        )
    sharing = tools.sharing(
        "case_summary",
        options,
        [family_id],
        _("Sections: {sections}").format(
            sections=", ".join(cs.section_title(k) for k in options.sections)
        ),
    )
    report(progress, "reading", 0.0)
    c = tools.caseload
    family = c.families.get(family_id)
    people = [dict(p) for p in c.people.members(family_id)]
    members = c.directory.team(family_id)
    team = [cs.TeamRow(m.role, dict(m.contact)) for m in members]
    referrals = [
        dict(r)
        for r in c.referrals.for_family(family_id, order_by="date, created_at")
        if tools.in_range(r.get("date"), options)
    ]
    organisations = tools.contacts(r.get("organisation_id") for r in referrals)
    redactor = tools.redactor(
        options.redact,
        family_id,
        people,
        [t.contact for t in team] + list(organisations.values()),
        keep=[str(family.get("name") or "")],
    )
    contact_of_link = {m.link_id: dict(m.contact) for m in members}

    def hidden(node_id: str) -> bool:
        kind, _sep, ident = node_id.partition(":")
        if kind == "person":
            return redactor.person_redacted({"id": ident})
        contact = contact_of_link.get(ident)
        return kind == "contact" and contact is not None and redactor.contact_redacted(contact)

    ecomap = redacted(
        EcomapService(c.ctx).for_family(family_id), hidden, redacted_word(), redactor.scrub
    )
    data = cs.CaseSummaryData(
        family=dict(family),
        people=people,
        officers=tools.officers(family_id),
        team=team,
        ecomap=ecomap,
        plan=[
            cs.PlanRow(dict(g.record), dict(g.reviews[-1]) if g.reviews else None)
            for g in c.plan.goals(family_id)
        ],
        actions=[dict(a) for a in c.actions.open_for_family(family_id)],
        referrals=referrals,
        organisations=organisations,
        consents=[
            cs.ConsentRow(dict(s.record), s.state.label)
            for s in c.consents.for_family_with_state(family_id)
        ],
        attendance=tools.attendance(c.attendance.figures_for_family(family_id)),
        outcomes=[s for s in c.outcomes.history(family_id) if tools.in_range(s.date, options)],
        chronology=c.chronology.for_family(family_id, start=options.start, end=options.end),
        start=options.start,
        end=options.end,
        sections=options.sections,
    )
    report(progress, "reading", 1.0)
    pdf = cs.build_case_summary(data, tools.meta(_("Case summary")), redactor, progress)
    return BuiltReport(
        "case_summary",
        pdf,
        family_id=family_id,
        redacted=redactor.count,
        sharing=sharing,
    )
