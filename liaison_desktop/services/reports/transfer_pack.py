"""A pupil's child-protection file transfer pack for their new school, with a receipt page.

Saving it records the transfer as sent today (`TransfersService`); a preview records nothing.
"""

from __future__ import annotations

from typing import Any

from ...i18n import _
from ...reports import case_summary as cs
from ...reports.furniture import ProgressFn, report
from ...reports.redaction import person_name
from ...reports.transfer_pack import ConcernRow, TransferData, build_transfer_pack
from ..validation import ValidationFailed
from .common import BuiltReport, ReportRequest, ReportTools


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """The transfer pack of pupil `request.subject_id` for `request.receiving_school`.

    The sending school is `request.sending_school`, else the vault's `school_name` setting.
    """
    person_id = str(request.subject_id)
    receiving_school = request.receiving_school
    if request.previewing and not receiving_school.strip():
        receiving_school = _("(receiving school)")
    sending_school = request.sending_school
    left_on = request.left_on
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    c = tools.caseload
    pupil = c.people.get(person_id)
    if pupil.get("role") != "pupil":
        raise ValidationFailed(
            [("person_id", _("is not a pupil; a transfer pack is for a pupil moving school"))]
        )
    if not receiving_school.strip():
        raise ValidationFailed([("receiving_school", _("is required"))])
    family_id = str(pupil["family_id"])
    # A child-protection file goes to the receiving school's designated safeguarding lead
    # because the law requires it (KCSIE): those are the defaults, any can be overridden.
    sharing = tools.sharing(
        "transfer_pack",
        options,
        [family_id],
        _("Child-protection file of one pupil: concerns, chronology, attendance, team"),
        person_id=person_id,
        default_recipient=_("Designated safeguarding lead"),
        default_organisation=receiving_school.strip(),
        default_basis="legal_obligation",
        default_condition="safeguarding",
    )
    report(progress, "reading", 0.0)
    family = c.families.get(family_id)
    people = [dict(p) for p in c.people.members(family_id)]
    team = [cs.TeamRow(m.role, dict(m.contact)) for m in c.directory.team(family_id)]
    redactor = tools.redactor(
        options.redact,
        family_id,
        people,
        [t.contact for t in team],
        keep=[str(family.get("name") or ""), person_name(pupil)],
    )
    transfer_id = tools.ctx.store.new_id()
    today = tools.ctx.today()
    sending_name = (sending_school or "").strip() or tools.ctx.setting("school_name", "")
    sending = sending_name or _("(school name not set)")
    concerns = []
    for concern in c.concerns.for_family(family_id, order_by="raised_at"):
        if concern.get("person_id") not in (None, person_id):
            continue
        additions = [
            (str(a["written_at"]), str(a["author"]), str(a["text"]))
            for a in c.concerns.additions_to(concern.id)
        ]
        concerns.append(
            ConcernRow(
                raised_at=str(concern["raised_at"]),
                raised_by=str(concern["raised_by"]),
                urgency=str(concern["urgency"]),
                observed=str(concern["observed"]),
                who_was_told=str(concern.get("who_was_told") or ""),
                additions=additions,
            )
        )
    data = TransferData(
        transfer_id=transfer_id,
        pupil=dict(pupil),
        family=dict(family),
        carers=[p for p in people if p.get("role") == "carer"],
        receiving_school=receiving_school.strip(),
        sending_school=sending,
        sent_on=today,
        sent_by=tools.ctx.owner_name,
        left_on=left_on,
        due=c.transfers.due_by(left_on) if left_on else None,
        concerns=concerns,
        team=team,
        attendance=tools.attendance(c.attendance.figures_for_person(person_id)),
        chronology=c.chronology.for_family(family_id, start=options.start, end=options.end),
    )
    pdf = build_transfer_pack(
        data, tools.meta(_("Child-protection file transfer")), redactor, progress
    )
    values: dict[str, Any] = {
        "family_id": family_id,
        "person_id": person_id,
        "receiving_school": receiving_school.strip(),
        "sending_school": sending_name or None,
        "sent_on": today.isoformat(),
        "sent_by": tools.ctx.owner_name or _("(no name set)"),
    }
    if left_on is not None:
        values["left_on"] = left_on.isoformat()
    # The transfer is recorded as sent when (and only if) the pack is saved: the record, the
    # export's audit event and the file go together in one transaction (pipeline.save).
    return BuiltReport(
        "transfer_pack",
        pdf,
        family_id=family_id,
        redacted=redactor.count,
        record=("transfer", transfer_id),
        sharing=sharing,
        effects=(lambda: tools.caseload.transfers.create(values, record_id=transfer_id),),
        result_extras={"transfer_id": transfer_id},
    )
