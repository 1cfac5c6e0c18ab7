"""The child-protection file transfer pack for a pupil moving school.

Three parts: the transfer record (what is sent, to whom, when, and by when it was due), the
pupil's child-protection records, and a receipt page for the receiving school's designated
safeguarding lead to sign and return. The file travels separately from the main pupil file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from ..domain import vocabulary as v
from ..domain.chronology import ChronologyEntry
from ..domain.fields import display_phone
from ..i18n import _
from .case_summary import AttendanceRow, TeamRow
from .chronology import chronology_flowables
from .furniture import (
    CELL_FONT,
    CONTENT_WIDTH,
    INK,
    ProgressFn,
    ReportMeta,
    Writer,
    build_pdf,
    report,
)
from .redaction import Redactor, person_name
from .tagging import HEADER_COLUMN

SCHOOL_DAYS_ALLOWED = 5


def add_school_days(start: date, days: int) -> date:
    """The day `days` school days (Monday to Friday) after `start`; holidays not known here."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def school_days_between(start: date, end: date) -> int:
    """School days (Monday to Friday) after `start` up to and including `end`."""
    if end <= start:
        return 0
    return sum(1 for i in range(1, (end - start).days + 1) if (start + timedelta(i)).weekday() < 5)


@dataclass(frozen=True)
class ConcernRow:
    """A recorded concern with what was added to it later."""

    raised_at: str
    raised_by: str
    urgency: str
    observed: str
    who_was_told: str
    additions: Sequence[tuple[str, str, str]] = ()  # (written_at, author, text)


@dataclass
class TransferData:
    """What goes into the pack."""

    transfer_id: str
    pupil: Mapping[str, Any]
    family: Mapping[str, Any]
    carers: Sequence[Mapping[str, Any]]
    receiving_school: str
    sending_school: str
    sent_on: date
    sent_by: str
    left_on: date | None = None
    due: date | None = None  # five school days after left_on, holidays counted by the service
    concerns: Sequence[ConcernRow] = ()
    team: Sequence[TeamRow] = ()
    attendance: Sequence[AttendanceRow] = ()
    chronology: Sequence[ChronologyEntry] = ()
    other_people: Sequence[Mapping[str, Any]] = field(default_factory=list)


def _signature_box(w: Writer, labels: Sequence[str]) -> Table:
    rows = [[w.cell(label, bold=True), ""] for label in labels]
    table = Table(
        rows, colWidths=[50 * mm, CONTENT_WIDTH - 50 * mm], rowHeights=[12 * mm] * len(rows)
    )
    table.tag_kind = HEADER_COLUMN
    table.setStyle(
        TableStyle(
            [
                *CELL_FONT,
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def build_transfer_pack(
    data: TransferData,
    meta: ReportMeta,
    redactor: Redactor | None = None,
    progress: ProgressFn | None = None,
) -> bytes:
    """The transfer pack as PDF bytes."""
    w = Writer(redactor)
    s = w.styles
    r = w.redactor
    report(progress, "layout", 0.0)
    pupil = data.pupil
    name = person_name(pupil)
    label_w = (44 * mm, CONTENT_WIDTH - 44 * mm)
    pupil_pairs = [
        (_("Pupil"), name),
        (_("Date of birth"), pupil.get("date_of_birth")),
        (_("UPN"), pupil.get("upn")),
        (_("Year group"), pupil.get("year_group")),
    ]
    due = data.due or (add_school_days(data.left_on, SCHOOL_DAYS_ALLOWED) if data.left_on else None)
    story: list[Flowable] = [
        w.p(_("Child-protection file transfer"), s.title),
        w.p(_("Transfer reference {ref}").format(ref=data.transfer_id), s.subtitle),
        w.h1(_("Transfer record")),
        w.pairs(
            [
                *pupil_pairs,
                (_("Sending school"), data.sending_school),
                (_("Receiving school"), data.receiving_school),
                (_("Left the sending school"), f"{data.left_on:%d %b %Y}" if data.left_on else ""),
                (_("Due by"), f"{due:%d %b %Y}" if due else ""),
                (_("Sent on"), f"{data.sent_on:%d %b %Y}"),
                (_("Sent by"), data.sent_by),
            ],
            label_w,
        ),
        w.gap(6),
        w.p(
            _(
                "This child-protection file is sent separately from the main pupil file. It "
                "should reach the receiving school within {n} school days of the pupil leaving. "
                "The receiving school's designated safeguarding lead is asked to sign the "
                "receipt on the last page and return it to the sending school, quoting the "
                "transfer reference."
            ).format(n=SCHOOL_DAYS_ALLOWED)
        ),
        w.h1(_("Pupil and household")),
        w.pairs([*pupil_pairs, (_("Needs"), pupil.get("needs"))], label_w),
        w.h2(_("Parents and carers")),
    ]
    carers = [
        (
            r.value(r.person_redacted(c), person_name(c)),
            r.value(r.person_redacted(c), c.get("relationship")),
            r.value(
                r.person_redacted(c),
                ", ".join(x for x in (display_phone(c.get("phone")), c.get("email")) if x),
            ),
        )
        for c in data.carers
    ]
    story.append(
        w.table(
            (_("Name"), _("Relationship"), _("Contact")),
            carers,
            (60 * mm, 40 * mm, CONTENT_WIDTH - 100 * mm),
        )
        if carers
        else w.empty(_("No carers recorded."))
    )
    address = ", ".join(
        str(x) for x in (data.family.get("address"), data.family.get("postcode")) if x
    )
    if address:
        story.append(w.pairs([(_("Home address"), address)], label_w))
    if data.family.get("alerts"):
        story += [w.h2(_("Alerts")), w.p(data.family["alerts"], s.alert)]
    story.append(w.h1(_("Safeguarding concerns")))
    if not data.concerns:
        story.append(w.empty(_("No concerns recorded.")))
    for c in data.concerns:
        story.append(
            w.h2(
                _("{when} — {urgency}, raised by {who}").format(
                    when=c.raised_at, urgency=v.label(c.urgency).lower(), who=c.raised_by
                )
            )
        )
        story.append(w.p(c.observed))
        if c.who_was_told:
            story.append(w.p(_("Who was told: {who}").format(who=c.who_was_told), s.small))
        for when, author, text in c.additions:
            story.append(w.p(f"{when} · {author}: {text}", s.small))
    story.append(w.h1(_("Team around the family")))
    if data.team:
        story.append(
            w.table(
                (_("Organisation"), _("Contact"), _("Role"), _("Phone / email")),
                [
                    (
                        t.contact.get("organisation"),
                        t.contact.get("name") or "",
                        t.role or "",
                        ", ".join(
                            str(x)
                            for x in (
                                display_phone(t.contact.get("phone")),
                                t.contact.get("secure_email") or t.contact.get("email"),
                            )
                            if x
                        ),
                    )
                    for t in data.team
                ],
                (48 * mm, 38 * mm, 32 * mm, CONTENT_WIDTH - 118 * mm),
            )
        )
    else:
        story.append(w.empty(_("Nobody is recorded in the team around this family.")))
    story.append(w.h1(_("Attendance")))
    story.append(
        w.table(
            (_("Period"), _("Sessions"), _("Attendance"), _("Flag")),
            [
                (
                    a.period,
                    f"{a.attended} / {a.possible}",
                    f"{a.percentage:.1f}%" if a.percentage is not None else "—",
                    _("Persistent absence") if a.persistent_absence else "",
                )
                for a in data.attendance
            ],
            (50 * mm, 30 * mm, 30 * mm, CONTENT_WIDTH - 110 * mm),
        )
        if data.attendance
        else w.empty(_("No attendance figures recorded."))
    )
    story.append(w.h1(_("Chronology")))
    story.extend(chronology_flowables(w, data.chronology, r.notes))
    story.append(PageBreak())
    story += [
        w.h1(_("Receipt — please sign and return")),
        w.p(
            _(
                "To the designated safeguarding lead of {school}: please confirm that you have "
                "received this child-protection file by signing below and returning this page "
                "to {sender}, quoting transfer reference {ref}."
            ).format(school=data.receiving_school, sender=data.sending_school, ref=data.transfer_id)
        ),
        w.gap(4),
        w.pairs(
            [
                *pupil_pairs,
                (_("Sent by"), f"{data.sent_by}, {data.sending_school}"),
                (_("Sent on"), f"{data.sent_on:%d %b %Y}"),
                (_("Transfer reference"), data.transfer_id),
            ],
            label_w,
        ),
        w.gap(8),
        _signature_box(
            w,
            [
                _("Received by (name)"),
                _("Role"),
                _("School"),
                _("Date received"),
                _("Signature"),
            ],
        ),
    ]
    return build_pdf(meta, story, progress)
