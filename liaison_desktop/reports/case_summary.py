"""The case summary of a family: who they are, their strengths, who works with them, and
what has happened — for strategy meetings, TAF meetings and conferences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..domain import vocabulary as v
from ..domain.chronology import ChronologyEntry
from ..domain.ecomap import Ecomap
from ..domain.fields import display_phone
from ..domain.outcomes import Scoring
from ..i18n import _
from .chronology import chronology_flowables, range_text
from .ecomap_chart import ecomap_flowables
from .furniture import CONTENT_WIDTH, ProgressFn, ReportMeta, Writer, build_pdf, report
from .outcomes_chart import outcomes_flowables
from .redaction import Redactor, person_name, redacted_word

SECTIONS = (
    "household",
    "strengths",
    "facts",
    "team",
    "ecomap",
    "plan",
    "actions",
    "referrals",
    "consents",
    "attendance",
    "outcomes",
    "chronology",
)


def section_title(section: str) -> str:
    """A section's heading."""
    return {
        "household": _("Household"),
        "strengths": _("Strengths"),
        "facts": _("Key facts and alerts"),
        "team": _("Team around the family"),
        "ecomap": _("Ecomap"),
        "plan": _("Case plan"),
        "actions": _("Open actions"),
        "referrals": _("Referrals and outcomes"),
        "consents": _("Consents"),
        "attendance": _("Attendance"),
        "outcomes": _("Outcomes wheel"),
        "chronology": _("Chronology"),
    }[section]


@dataclass(frozen=True)
class TeamRow:
    """A contact in the team around the family, in a role."""

    role: str | None
    contact: Mapping[str, Any]


@dataclass(frozen=True)
class ConsentRow:
    """A consent with its state today, in words."""

    record: Mapping[str, Any]
    state: str


@dataclass(frozen=True)
class AttendanceRow:
    """One pupil's attendance for one period."""

    person_id: str
    period: str
    possible: int
    attended: int
    percentage: float | None
    persistent_absence: bool


@dataclass(frozen=True)
class PlanRow:
    """A goal of the case plan and its latest review (None: not reviewed yet)."""

    goal: Mapping[str, Any]
    latest: Mapping[str, Any] | None


@dataclass
class CaseSummaryData:
    """Everything a case summary shows, read from the vault by the reports service."""

    family: Mapping[str, Any]
    people: Sequence[Mapping[str, Any]] = ()
    officers: Sequence[str] = ()
    team: Sequence[TeamRow] = ()
    ecomap: Ecomap | None = None
    plan: Sequence[PlanRow] = ()
    actions: Sequence[Mapping[str, Any]] = ()
    referrals: Sequence[Mapping[str, Any]] = ()
    organisations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    consents: Sequence[ConsentRow] = ()
    attendance: Sequence[AttendanceRow] = ()
    outcomes: Sequence[Scoring] = ()
    chronology: Sequence[ChronologyEntry] = ()
    start: date | None = None
    end: date | None = None
    sections: Sequence[str] = SECTIONS


def _join(*parts: Any) -> str:
    return ", ".join(str(p) for p in parts if p not in (None, "", []))


class _CaseSummary:
    def __init__(self, data: CaseSummaryData, redactor: Redactor) -> None:
        self.data = data
        self.r = redactor
        self.w = Writer(redactor)
        self.people = {str(p["id"]): p for p in data.people}

    def name_of(self, person_id: Any) -> str:
        person = self.people.get(str(person_id)) if person_id else None
        if person is None:
            return ""
        return redacted_word() if self.r.person_redacted(person) else person_name(person)

    def contact_value(self, contact: Mapping[str, Any] | None, key: str) -> str:
        if contact is None:
            return ""
        return self.r.value(self.r.contact_redacted(contact), contact.get(key))

    def story(self) -> list[Flowable]:
        d, w, s = self.data, self.w, self.w.styles
        family = d.family
        story: list[Flowable] = [
            w.p(_("Case summary"), s.title),
            w.p(
                _("{family} · {range}").format(
                    family=family.get("name") or "", range=range_text(d.start, d.end)
                ),
                s.subtitle,
            ),
            w.pairs(
                [
                    (_("Family"), family.get("name")),
                    (_("Address"), _join(family.get("address"), family.get("postcode"))),
                    # A redacted carer's phone or email given as the family's goes with them.
                    (_("Phone"), self.r.scrub(display_phone(family.get("phone")))),
                    (_("Email"), self.r.scrub(str(family.get("email") or ""))),
                    (_("Allocated to"), ", ".join(d.officers) or _("Unallocated")),
                    (_("Needs"), ", ".join(str(n) for n in family.get("needs") or [])),
                ],
                (34 * mm, CONTENT_WIDTH - 34 * mm),
            ),
        ]
        builders = {
            "household": self.household,
            "strengths": self.strengths,
            "facts": self.facts,
            "team": self.team,
            "ecomap": lambda: ecomap_flowables(self.w, self.data.ecomap),
            "plan": self.plan,
            "actions": self.actions,
            "referrals": self.referrals,
            "consents": self.consents,
            "attendance": self.attendance,
            "outcomes": self.outcomes,
            "chronology": self.chronology,
        }
        for section in SECTIONS:
            if section in d.sections:
                story.append(w.h1(section_title(section)))
                story.extend(builders[section]())
        return story

    def household(self) -> list[Flowable]:
        w = self.w
        if not self.data.people:
            return [w.empty(_("No people recorded."))]
        rows = []
        for p in self.data.people:
            hidden = self.r.person_redacted(p)
            details = _join(
                _("Year {n}").format(n=p["year_group"]) if p.get("year_group") is not None else "",
                _("UPN {upn}").format(upn=p["upn"]) if p.get("upn") else "",
                ", ".join(str(x) for x in p.get("languages") or []),
                _("interpreter needed") if p.get("interpreter_needed") else "",
                display_phone(p.get("phone")),
                p.get("email"),
                p.get("needs"),
            )
            rows.append(
                (
                    self.name_of(p["id"]),
                    v.label(str(p.get("role") or "other")),
                    self.r.value(hidden, p.get("relationship")),
                    self.r.value(hidden, p.get("date_of_birth")),
                    self.r.value(hidden, details),
                )
            )
        widths = (40 * mm, 18 * mm, 26 * mm, 22 * mm, CONTENT_WIDTH - 106 * mm)
        return [
            w.table(
                (_("Name"), _("Role"), _("Relationship"), _("Born"), _("Details")), rows, widths
            )
        ]

    def strengths(self) -> list[Flowable]:
        text = self.data.family.get("strengths")
        return [self.w.p(text)] if text else [self.w.empty(_("No strengths recorded yet."))]

    def facts(self) -> list[Flowable]:
        w, s = self.w, self.w.styles
        out: list[Flowable] = []
        if self.data.family.get("alerts"):
            out += [w.h2(_("Alerts")), w.p(self.data.family["alerts"], s.alert)]
        if self.data.family.get("key_facts"):
            out += [w.h2(_("Key facts")), w.p(self.data.family["key_facts"])]
        return out or [w.empty(_("No key facts or alerts recorded."))]

    def team(self) -> list[Flowable]:
        w = self.w
        if not self.data.team:
            return [w.empty(_("Nobody is recorded in the team around this family."))]
        rows = []
        for member in self.data.team:
            c = member.contact
            hidden = self.r.contact_redacted(c)
            rows.append(
                (
                    self.r.value(hidden, c.get("organisation")),
                    self.r.value(hidden, _join(c.get("name"), c.get("role"))),
                    member.role or "",
                    self.r.value(
                        hidden,
                        _join(
                            display_phone(c.get("phone")), c.get("secure_email") or c.get("email")
                        ),
                    ),
                )
            )
        widths = (48 * mm, 40 * mm, 30 * mm, CONTENT_WIDTH - 118 * mm)
        return [
            w.table(
                (_("Organisation"), _("Contact"), _("Role for family"), _("Phone / email")),
                rows,
                widths,
            )
        ]

    def plan(self) -> list[Flowable]:
        w = self.w
        if not self.data.plan:
            return [w.empty(_("No case plan goals."))]
        rows = []
        for row in self.data.plan:
            goal, latest = row.goal, row.latest
            progress = (
                _join(
                    f"{v.label(str(latest.get('progress')))} ({latest.get('reviewed_on')})",
                    latest.get("comment"),
                )
                if latest
                else _("not reviewed yet")
            )
            rows.append(
                (
                    _join(goal.get("goal"), goal.get("target")),
                    goal.get("owner") or "",
                    goal.get("review_by") or "",
                    v.label(str(goal.get("status"))),
                    progress,
                )
            )
        widths = (CONTENT_WIDTH - 120 * mm, 30 * mm, 22 * mm, 23 * mm, 45 * mm)
        return [
            w.table(
                (_("Goal and target"), _("Who"), _("Review by"), _("Status"), _("Last review")),
                rows,
                widths,
            )
        ]

    def actions(self) -> list[Flowable]:
        w = self.w
        if not self.data.actions:
            return [w.empty(_("No open actions."))]
        rows = [
            (a.get("title"), a.get("owner") or "", a.get("due") or "") for a in self.data.actions
        ]
        widths = (CONTENT_WIDTH - 70 * mm, 45 * mm, 25 * mm)
        return [w.table((_("Action"), _("Owner"), _("Due")), rows, widths)]

    def referrals(self) -> list[Flowable]:
        w = self.w
        if not self.data.referrals:
            return [w.empty(_("No referrals in this period."))]
        rows = []
        for r in self.data.referrals:
            org = self.data.organisations.get(str(r.get("organisation_id") or ""))
            vouchers = r.get("vouchers")
            rows.append(
                (
                    r.get("date"),
                    v.label(str(r.get("kind"))) + (f" ({vouchers})" if vouchers else ""),
                    self.contact_value(org, "organisation"),
                    v.label(str(r.get("status"))),
                    _join(r.get("reason"), r.get("outcome")),
                )
            )
        widths = (20 * mm, 30 * mm, 36 * mm, 20 * mm, CONTENT_WIDTH - 106 * mm)
        return [
            w.table(
                (_("Date"), _("Kind"), _("Organisation"), _("Status"), _("Reason / outcome")),
                rows,
                widths,
            )
        ]

    def consents(self) -> list[Flowable]:
        w = self.w
        if not self.data.consents:
            return [w.empty(_("No consents recorded."))]
        rows = []
        for c in self.data.consents:
            rec = c.record
            rows.append(
                (
                    rec.get("scope"),
                    _join(rec.get("given_by"), self.name_of(rec.get("person_id"))),
                    v.label(str(rec["lawful_basis"])) if rec.get("lawful_basis") else "",
                    rec.get("date"),
                    rec.get("expires") or "",
                    c.state,
                )
            )
        widths = (CONTENT_WIDTH - 122 * mm, 34 * mm, 26 * mm, 20 * mm, 20 * mm, 22 * mm)
        headers = (_("Scope"), _("Given by"), _("Basis"), _("Given"), _("Expires"), _("State"))
        return [w.table(headers, rows, widths)]

    def attendance(self) -> list[Flowable]:
        w = self.w
        if not self.data.attendance:
            return [w.empty(_("No attendance figures recorded."))]
        rows = []
        for a in self.data.attendance:
            pct = f"{a.percentage:.1f}%" if a.percentage is not None else "—"
            rows.append(
                (
                    self.name_of(a.person_id),
                    a.period,
                    f"{a.attended} / {a.possible}",
                    pct,
                    _("Persistent absence") if a.persistent_absence else "",
                )
            )
        widths = (50 * mm, 34 * mm, 28 * mm, 20 * mm, CONTENT_WIDTH - 132 * mm)
        headers = (_("Pupil"), _("Period"), _("Sessions"), _("Attendance"), _("Flag"))
        return [w.table(headers, rows, widths)]

    def outcomes(self) -> list[Flowable]:
        return outcomes_flowables(self.w, self.data.outcomes)

    def chronology(self) -> list[Flowable]:
        return chronology_flowables(self.w, self.data.chronology, self.r.notes)


def build_case_summary(
    data: CaseSummaryData,
    meta: ReportMeta,
    redactor: Redactor | None = None,
    progress: ProgressFn | None = None,
) -> bytes:
    """The case summary as PDF bytes."""
    report(progress, "layout", 0.0)
    story = _CaseSummary(data, redactor or Redactor()).story()
    return build_pdf(meta, story, progress)
