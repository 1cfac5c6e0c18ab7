"""What needs attention today, for the Today screen and `liaison today`: concerns waiting for
the lead, lone-working visits past their end, visits today and this week, overdue actions,
referrals waiting, consents expiring, low attendance, and when the vault last synced.

Read in one go (the screen reads it on a worker thread with its own connection); each line
names the family it is about, so a screen can open it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..domain import vocabulary as v
from ..i18n import _, ngettext
from .caseload import Caseload
from .sync_service import SyncService


@dataclass(frozen=True)
class TodayItem:
    """One line of the Today screen and the family it opens."""

    text: str
    family_id: str | None


@dataclass
class TodaySnapshot:
    """Everything the Today screen shows, read in one go."""

    day: str
    urgent_concerns: list[TodayItem] = field(default_factory=list)
    overdue_visits: list[TodayItem] = field(default_factory=list)
    visits_today: list[TodayItem] = field(default_factory=list)
    visits_week: list[TodayItem] = field(default_factory=list)
    overdue_actions: list[TodayItem] = field(default_factory=list)
    referrals_waiting: list[TodayItem] = field(default_factory=list)
    consents_expiring: list[TodayItem] = field(default_factory=list)
    low_attendance: list[TodayItem] = field(default_factory=list)
    last_sync: str | None = None
    is_lead: bool = False


def moment_words(value: object) -> str:
    """An ISO date-time as the officer reads it (local time, minutes)."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d %b %Y %H:%M")


def day_words(value: object) -> str:
    """An ISO date as a short day ("Mon 08 Dec")."""
    try:
        return datetime.fromisoformat(str(value)).strftime("%a %d %b")
    except ValueError:
        return str(value or "")


def gather_today(caseload: Caseload) -> TodaySnapshot:
    """Read everything the Today screen shows (runs on a worker thread)."""
    ctx = caseload.ctx
    today = ctx.today()
    snap = TodaySnapshot(day=today.isoformat(), is_lead=ctx.role == "lead")
    names: dict[str, str] = {}

    def family(family_id: object) -> str:
        key = str(family_id or "")
        if key and key not in names:
            record = caseload.families.find(key)
            names[key] = str(record["name"]) if record is not None else _("a family")
        return names.get(key, _("no family"))

    # A closed case leaves the planning lists below; the lone-working check and urgent concerns
    # stay whatever the case's state, since they are about someone's safety now.
    closed = caseload.closures.closed_family_ids()

    def open_case(family_id: object) -> bool:
        return str(family_id or "") not in closed

    if snap.is_lead:
        for concern in caseload.concerns.open_for_lead():
            snap.urgent_concerns.append(
                TodayItem(
                    _("URGENT · {urgency} concern for {family} from {who}, raised {when}").format(
                        urgency=v.label(str(concern["urgency"])),
                        family=family(concern["family_id"]),
                        who=concern["raised_by"],
                        when=moment_words(concern["raised_at"]),
                    ),
                    str(concern["family_id"]),
                )
            )
    for visit in caseload.visits.overdue():
        snap.overdue_visits.append(
            TodayItem(
                _(
                    "Check the officer is safe: the visit to {family} ({officer}) should have "
                    "ended at {end} and has not been checked out"
                ).format(
                    family=family(visit["family_id"]),
                    officer=visit["officer"] or _("no officer named"),
                    end=moment_words(visit["expected_end"]),
                ),
                str(visit["family_id"]),
            )
        )
    for visit in caseload.visits.this_week():
        if visit["status"] == "cancelled" or not open_case(visit["family_id"]):
            continue
        time = f" {visit['time']}" if visit["time"] else ""
        line = TodayItem(
            _("{day}{time} · {family} · {purpose}").format(
                day=day_words(visit["date"]),
                time=time,
                family=family(visit["family_id"]),
                purpose=visit["purpose"] or v.label(str(visit["status"])),
            ),
            str(visit["family_id"]),
        )
        if visit["date"] == today.isoformat():
            snap.visits_today.append(line)
        else:
            snap.visits_week.append(line)
    for action in caseload.actions.overdue():
        if not open_case(action["family_id"]):
            continue
        snap.overdue_actions.append(
            TodayItem(
                _("{title} · {family} · due {due}").format(
                    title=action["title"], family=family(action["family_id"]), due=action["due"]
                ),
                str(action["family_id"]),
            )
        )
    for referral in caseload.referrals.waiting():
        if not open_case(referral["family_id"]):
            continue
        snap.referrals_waiting.append(
            TodayItem(
                _("{kind} · {family} · sent {date}").format(
                    kind=v.label(str(referral["kind"])),
                    family=family(referral["family_id"]),
                    date=referral["status_changed_at"] or referral["date"],
                ),
                str(referral["family_id"]),
            )
        )
    for status in caseload.consents.expiring(30):
        consent = status.record
        if not open_case(consent["family_id"]):
            continue
        days = status.days_left or 0
        snap.consents_expiring.append(
            TodayItem(
                _("{scope} · {family} · expires today").format(
                    scope=consent["scope"], family=family(consent["family_id"])
                )
                if days <= 0
                else ngettext(
                    "{scope} · {family} · expires in {n} day",
                    "{scope} · {family} · expires in {n} days",
                    days,
                ).format(scope=consent["scope"], family=family(consent["family_id"]), n=days),
                str(consent["family_id"]),
            )
        )
    for figure in caseload.attendance.below_threshold():
        if not open_case(figure.family_id):
            continue
        person = caseload.people.find(figure.person_id)
        who = (
            " ".join(str(p) for p in (person["given_name"], person["family_name"]) if p)
            if person is not None
            else _("a pupil")
        )
        snap.low_attendance.append(
            TodayItem(
                _("{who} · {family} · {percent:.1f}% in {period}").format(
                    who=who,
                    family=family(figure.family_id),
                    percent=figure.percentage or 0.0,
                    period=figure.period,
                ),
                figure.family_id,
            )
        )
    history = SyncService(ctx).history(limit=1)
    if history:
        snap.last_sync = str(history[0].get("at") or "") or None
    return snap
