"""The lead's overview of the whole caseload: families per officer, visits and referrals per
month, absence, overdue actions, outcomes and engagement, with charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from ...domain import vocabulary as v
from ...domain.pupil_facts import FACTS, fact_label, facts_of
from ...i18n import _
from ...reports.caseload_overview import (
    AbsentPupil,
    CaseloadData,
    OutcomesChange,
    OverdueAction,
    TimeRow,
    build_caseload_overview,
)
from ...reports.furniture import ProgressFn, report
from ...reports.redaction import person_name
from ..time_summary import time_summary
from ..validation import ValidationFailed
from .common import BuiltReport, ReportRequest, ReportTools
from .engagement_summary import engagement_report

OVERVIEW_MONTHS = 12


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """The caseload overview (a lead's vault only)."""
    tools.ctx.require_lead(_("print the caseload overview"))
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    if options.redact:
        raise ValidationFailed([("redact", _("the caseload overview names no people to redact"))])
    # Every family is counted in it, and pupils and overdue actions are named: one entry
    # per family in the vault (of the school chosen).
    title = _("Caseload overview")
    only: set[str] | None = None
    if options.school_id:
        school = tools.caseload.schools.get(options.school_id)
        only = tools.caseload.schools.family_ids_at(school.id)
        title = _("Caseload overview: {school}").format(school=school["name"])
    sharing = tools.sharing(
        "caseload_overview",
        options,
        [str(r["id"]) for r in tools.ctx.store.query("family") if only is None or r["id"] in only],
        _("Counts across the caseload; pupils with low attendance and overdue actions named"),
    )
    report(progress, "reading", 0.0)
    data = caseload_figures(tools, only)
    pdf = build_caseload_overview(data, tools.meta(title), progress)
    return BuiltReport("caseload_overview", pdf, sharing=sharing)


def caseload_figures(tools: ReportTools, only: set[str] | None = None) -> CaseloadData:
    """Everything the overview counts, read from the vault (only the families in `only`, a
    school's, when given; time and the outcomes and engagement figures stay the caseload's)."""
    store = tools.ctx.store
    today = tools.ctx.today()
    families = {
        r["id"]: str(r.get("name") or "")
        for r in store.query("family")
        if only is None or r["id"] in only
    }
    per_officer: Counter[str] = Counter()
    allocated: set[str] = set()
    for a in store.query("allocation", "active = 1"):
        if a["family_id"] in families:
            per_officer[str(a.get("officer_name") or a["device_id"][:8])] += 1
            allocated.add(str(a["family_id"]))
    rows = sorted(per_officer.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    unallocated = len(set(families) - allocated)
    if unallocated:
        rows.append((_("Unallocated"), unallocated))
    months = last_months(today, OVERVIEW_MONTHS)
    index = {m: i for i, m in enumerate(months)}

    def monthly(kind: str, key: str, vocabulary: Sequence[str]) -> dict[str, list[int]]:
        counts = {k: [0] * len(months) for k in vocabulary}
        for r in store.query(kind, "date >= ?", (months[0] + "-01",)):
            month = str(r["date"])[:7]
            if r["family_id"] not in families:
                continue
            if month in index and r.get(key) in counts:
                counts[str(r[key])][index[month]] += 1
        return counts

    people = {p["id"]: p for p in store.query("person", "role = 'pupil'")}
    in_caseload = [p for p in people.values() if str(p["family_id"]) in families]
    fact_counts = Counter(fact for p in in_caseload for fact in facts_of(p))
    absent = []
    for r in store.query("attendance"):
        if r["family_id"] not in families:
            continue
        possible, attended = int(r["sessions_possible"]), int(r["sessions_attended"])
        if possible > 0 and attended * 100 < possible * 90:
            pupil = people.get(r["person_id"])
            absent.append(
                AbsentPupil(
                    name=person_name(pupil) if pupil else "",
                    family=families.get(str(r["family_id"]), ""),
                    period=str(r["period"]),
                    percentage=100.0 * attended / possible,
                )
            )
    absent.sort(key=lambda a: (a.percentage or 0.0, a.family, a.name))
    overdue = [
        OverdueAction(
            family=families.get(str(a["family_id"]), ""),
            title=str(a["title"]),
            owner=str(a.get("owner") or ""),
            due=str(a["due"]),
        )
        for a in tools.caseload.actions.overdue()
        if a["family_id"] in families
    ]
    return CaseloadData(
        today=today,
        families=len(families),
        families_per_officer=rows,
        months=months,
        visits_by_status=monthly("visit", "status", v.VISIT_STATUSES),
        referrals_by_kind=monthly("referral", "kind", v.REFERRAL_KINDS),
        open_actions=sum(
            1
            for a in store.query("action", "done IS NULL OR done = 0")
            if a["family_id"] in families
        ),
        overdue=overdue,
        absent=absent,
        outcomes_change=outcomes_change(tools),
        engagement=engagement_report(tools),
        **time_figures(tools),
        pupils=len(in_caseload),
        pupil_facts=[(fact_label(f), fact_counts[f]) for f in FACTS],
    )


def time_figures(tools: ReportTools) -> dict[str, Any]:
    """This term's time and mileage per officer, for the overview."""
    summary = time_summary(tools.ctx)
    return {
        "time_period": _("{start} to {end}").format(
            start=f"{summary.start:%d %b %Y}", end=f"{summary.end:%d %b %Y}"
        ),
        "time": [
            TimeRow(
                row.officer,
                row.visits,
                row.outcomes.get("no_access", 0),
                row.minutes,
                row.travel_minutes,
                row.miles,
                row.casework_minutes,
            )
            for row in summary.officers
        ],
    }


def outcomes_change(tools: ReportTools) -> OutcomesChange:
    found = tools.caseload.outcomes.caseload_change()
    return OutcomesChange(found.families, found.scored_once, found.average)


def last_months(today: date, count: int) -> list[str]:
    """The `count` calendar months up to and including today's, oldest first ('2025-03')."""
    year, month = today.year, today.month
    out = []
    for _i in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))
