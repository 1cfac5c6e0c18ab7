"""What needs attention today, for the Today screen and `liaison today`: concerns waiting for
the lead, lone-working visits past their end, visits today and this week, overdue actions,
referrals waiting, consents expiring, low attendance, and when the vault last synced.

Read in one go (the screen reads it on a worker thread with its own connection); each line
names the family it is about, so a screen can open it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from ..domain import vocabulary as v
from ..domain.record import Record
from ..i18n import _, ngettext
from .caseload import Caseload
from .sync_service import SyncService
from .visit_notes import no_access_words


@dataclass(frozen=True)
class TodayItem:
    """One line of the Today screen and the family it opens."""

    text: str
    family_id: str | None


@dataclass(frozen=True)
class TodayGroup:
    """One heading of Today: its key (in `liaison today --json`), words, and whether it is an
    alarm (shown in the alarm colour, and always shown, only when something is in it)."""

    key: str
    heading: str
    empty: str
    alert: bool = False
    lead_only: bool = False


def today_groups() -> tuple[TodayGroup, ...]:
    """Today's headings in screen order: a day plan (safety first, then the day's visits by
    time, then what is overdue, then what is coming and waiting)."""
    return (
        TodayGroup(
            "concerns_waiting",
            _("Concerns waiting for you"),
            _("No concerns are waiting for you."),
            alert=True,
            lead_only=True,
        ),
        TodayGroup(
            "overdue_visits",
            _("Lone working: visits past their expected end"),
            _("No visit is past its expected end."),
            alert=True,
        ),
        TodayGroup(
            "transfers_overdue",
            _("Child-protection files not confirmed received in five school days"),
            _("No file transfer is overdue."),
            alert=True,
            lead_only=True,
        ),
        TodayGroup("visits_today", _("Your day: visits today"), _("No visits today.")),
        TodayGroup(
            "no_access",
            _("Not seen: no access in the last 14 days"),
            _("Every family visited lately was seen."),
        ),
        TodayGroup("overdue_actions", _("Overdue actions"), _("No actions are overdue.")),
        TodayGroup(
            "actions_due",
            _("Your open actions"),
            _("You have no open actions."),
        ),
        TodayGroup(
            "reviews_due",
            _("Case plan reviews due this week"),
            _("No plan reviews are due."),
        ),
        TodayGroup(
            "concerns_following",
            _("Concerns you are following up"),
            _("No acknowledged concern is still open."),
            lead_only=True,
        ),
        TodayGroup("visits_week", _("Coming up this week"), _("No other visits this week.")),
        TodayGroup(
            "referrals_waiting",
            _("Referrals waiting for a reply"),
            _("No referrals are waiting."),
        ),
        TodayGroup(
            "consents_expiring",
            _("Consents expiring in the next 30 days"),
            _("No consents expire soon."),
        ),
        TodayGroup("low_attendance", _("Pupils below 90% attendance"), _("No pupils below 90%.")),
    )


@dataclass
class TodaySnapshot:
    """Everything the Today screen shows, read in one go."""

    day: str
    concerns_waiting: list[TodayItem] = field(default_factory=list)
    overdue_visits: list[TodayItem] = field(default_factory=list)
    transfers_overdue: list[TodayItem] = field(default_factory=list)
    visits_today: list[TodayItem] = field(default_factory=list)
    no_access: list[TodayItem] = field(default_factory=list)
    overdue_actions: list[TodayItem] = field(default_factory=list)
    actions_due: list[TodayItem] = field(default_factory=list)
    reviews_due: list[TodayItem] = field(default_factory=list)
    concerns_following: list[TodayItem] = field(default_factory=list)
    visits_week: list[TodayItem] = field(default_factory=list)
    referrals_waiting: list[TodayItem] = field(default_factory=list)
    consents_expiring: list[TodayItem] = field(default_factory=list)
    low_attendance: list[TodayItem] = field(default_factory=list)
    last_sync: str | None = None
    is_lead: bool = False
    # A federation or trust (issue 23): its schools, and each school's families, for a filter.
    schools: tuple[tuple[str, str], ...] = ()
    school_families: dict[str, frozenset[str]] = field(default_factory=dict)

    def for_school(self, school_id: str | None) -> TodaySnapshot:
        """The same day with only one school's families (lines about no family stay)."""
        if not school_id:
            return self
        keep = self.school_families.get(school_id, frozenset())
        narrowed = replace(self)
        for group in today_groups():
            items = getattr(self, group.key)
            setattr(narrowed, group.key, [
                item for item in items if item.family_id is None or item.family_id in keep
            ])  # fmt: skip
        return narrowed

    def groups(self) -> list[tuple[TodayGroup, list[TodayItem]]]:
        """(heading, lines) in screen order; the lead's own headings only for a lead."""
        return [
            (group, getattr(self, group.key))
            for group in today_groups()
            if self.is_lead or not group.lead_only
        ]


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
    """Read everything the Today screen shows (runs on a worker thread).

    An officer sees their whole caseload's day. A lead sees what needs them: concerns waiting
    for them and those they are following up, every officer's overdue lone-working visit (as
    far as the last sync has brought it), and the day's work of families not allocated to an
    officer (the lead's own) or visits and actions in the lead's name.
    """
    ctx = caseload.ctx
    today = ctx.today()
    snap = TodaySnapshot(day=today.isoformat(), is_lead=ctx.role == "lead")
    names: dict[str, str] = {}

    def family(family_id: object) -> str:
        # The postcode tells same-named families apart ("Ali family (LS6 1AA)").
        key = str(family_id or "")
        if key and key not in names:
            record = caseload.families.find(key)
            if record is None:
                names[key] = _("a family")
            elif record.get("postcode"):
                names[key] = _("{name} ({postcode})").format(
                    name=record["name"], postcode=record["postcode"]
                )
            else:
                names[key] = str(record["name"])
        return names.get(key, _("no family"))

    # A closed case leaves the planning lists below; the lone-working check and concerns stay
    # whatever the case's state, since they are about someone's safety now.
    closed = caseload.closures.closed_family_ids()
    allocated = (
        {str(a["family_id"]) for a in caseload.allocations.query("active = 1")}
        if snap.is_lead
        else set()
    )
    me = ctx.owner_name or ""

    def open_case(family_id: object) -> bool:
        return str(family_id or "") not in closed

    def mine(family_id: object, person: object = None) -> bool:
        """For a lead: work in the lead's name, or (unnamed) of a family no officer holds;
        for an officer: everything on this laptop."""
        if not snap.is_lead:
            return True
        if person:
            return bool(me) and str(person) == me
        return str(family_id or "") not in allocated

    if snap.is_lead:
        for view in caseload.concerns.queue():
            concern = view.concern
            words = {
                "urgency": v.label(str(concern["urgency"])),
                "family": family(concern["family_id"]),
                "who": concern["raised_by"],
                "when": moment_words(concern["raised_at"]),
                "stage": v.label(view.stage),
            }
            if view.stage == "raised":
                # The urgency as raised, first, in words: not "URGENT" over a routine concern.
                text = _("{urgency} · {family} · from {who}, raised {when}").format(**words)
                snap.concerns_waiting.append(TodayItem(text, str(concern["family_id"])))
            else:
                text = _("{stage} · {urgency} · {family} · raised {when}").format(**words)
                snap.concerns_following.append(TodayItem(text, str(concern["family_id"])))
    for visit in caseload.visits.overdue():
        snap.overdue_visits.append(
            TodayItem(
                _(
                    "Check the officer is safe: {officer} at {family} should have left at {end} "
                    "and has not checked out"
                ).format(
                    family=family(visit["family_id"]),
                    officer=visit["officer"] or _("no officer named"),
                    end=moment_words(visit["expected_end"]),
                ),
                str(visit["family_id"]),
            )
        )
    if snap.is_lead:
        for transfer in caseload.transfers.awaiting_receipt():
            if not transfer.overdue:
                continue
            person = caseload.people.find(str(transfer.record["person_id"]))
            snap.transfers_overdue.append(
                TodayItem(
                    _("{pupil} · to {school} · due by {due} · chase the new school").format(
                        pupil=caseload.people.display_name(person) if person else _("a pupil"),
                        school=transfer.record["receiving_school"],
                        due=day_words(transfer.due_by.isoformat()) if transfer.due_by else "",
                    ),
                    str(person["family_id"]) if person else None,
                )
            )
    week = sorted(
        caseload.visits.this_week(), key=lambda r: (str(r["date"]), str(r["time"] or "99:99"))
    )
    for visit in week:
        if visit["status"] == "cancelled" or not open_case(visit["family_id"]):
            continue
        if not mine(visit["family_id"], visit["officer"]):
            continue
        purpose = visit["purpose"] or _("(no purpose given)")
        state = "" if visit["status"] == "planned" else f" ({v.label(str(visit['status']))})"
        if visit["date"] == today.isoformat():
            # The day plan: time first, so the day reads down the list.
            text = _("{time} · {family} · {purpose}{status}").format(
                time=visit["time"] or _("any time"),
                family=family(visit["family_id"]),
                purpose=purpose,
                status=state,
            )
            snap.visits_today.append(TodayItem(text, str(visit["family_id"])))
        else:
            time = f" {visit['time']}" if visit["time"] else ""
            text = _("{day}{time} · {family} · {purpose}").format(
                day=day_words(visit["date"]),
                time=time,
                family=family(visit["family_id"]),
                purpose=purpose,
            )
            snap.visits_week.append(TodayItem(text, str(visit["family_id"])))
    _not_seen(caseload, snap, family, lambda fid, who: open_case(fid) and mine(fid, who))
    # "My actions": every open action in this person's name not already overdue above,
    # soonest due first, undated last.
    for action in caseload.actions.mine():
        if not open_case(action["family_id"]):
            continue
        if action["due"] and str(action["due"]) < today.isoformat():
            continue
        due = _("due {day}").format(day=day_words(action["due"])) if action["due"] else _("no date")
        snap.actions_due.append(
            TodayItem(
                _("{title} · {family} · {due}").format(
                    title=action["title"], family=family(action["family_id"]), due=due
                ),
                str(action["family_id"]),
            )
        )
    for goal in caseload.plan.reviews_due(7):
        if open_case(goal["family_id"]) and mine(goal["family_id"], goal["owner"]):
            snap.reviews_due.append(
                TodayItem(
                    _("{goal} · {family} · review by {day}").format(
                        goal=goal["goal"],
                        family=family(goal["family_id"]),
                        day=day_words(goal["review_by"]),
                    ),
                    str(goal["family_id"]),
                )
            )
    for action in caseload.actions.overdue():
        if not open_case(action["family_id"]) or not mine(action["family_id"], action["owner"]):
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
        if not open_case(referral["family_id"]) or not mine(referral["family_id"]):
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
        if not open_case(consent["family_id"]) or not mine(consent["family_id"]):
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
        if not open_case(figure.family_id) or not mine(figure.family_id):
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
    snap.schools = tuple(caseload.schools.choices())
    snap.school_families = {
        school_id: frozenset(caseload.schools.family_ids_at(school_id))
        for school_id, _name in snap.schools
    }
    return snap


def _not_seen(
    caseload: Caseload,
    snap: TodaySnapshot,
    family: Callable[[object], str],
    wanted: Callable[[object, object], bool],
) -> None:
    """Families whose last visit in 14 days found nobody in, with no visit completed since:
    the safeguarding question is whether anyone has seen the children."""
    today = caseload.ctx.today()
    recent = caseload.visits.between(today - timedelta(days=14), today)
    last: dict[str, Record] = {}
    for visit in recent:
        if visit["status"] in ("completed", "no_access"):
            last[str(visit["family_id"])] = visit  # in date order: the last one stays
    for family_id, visit in sorted(last.items(), key=lambda kv: str(kv[1]["date"])):
        if visit["status"] != "no_access" or not wanted(family_id, visit["officer"]):
            continue
        steps = no_access_words(visit)
        snap.no_access.append(
            TodayItem(
                _("{family} · no access {day}{steps}").format(
                    family=family(family_id),
                    day=day_words(visit["date"]),
                    steps=f" ({steps})" if steps else "",
                ),
                family_id,
            )
        )
