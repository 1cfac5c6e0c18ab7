"""The officer's diary: visits and what falls due (actions, plan reviews, consents) by day;
clashes between visits; an iCalendar (.ics) export of one's own visits; and reminders.

An exported calendar leaves the vault: by default each event says only "Home visit" and the
time, never the family, unless the officer chooses to include family names (and knows where
the file goes). Reminders are worded the same way: a desktop notification can show on a
locked screen, so it names no family.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import vocabulary as v
from ..domain.record import Record
from ..i18n import _
from ..store.atomic import write_atomically
from .context import ServiceContext

if TYPE_CHECKING:
    from .caseload import Caseload

DEFAULT_VISIT_MINUTES = 60
REMINDER_KINDS = ("visit_soon", "checkout_overdue", "consent_expiring", "review_due", "action_due")
REMINDERS_SETTING = "setting.reminders"
REMINDER_MINUTES_SETTING = "setting.reminder_minutes"
DEFAULT_REMINDER_MINUTES = 30
# Visits that did not or will not happen leave the diary's plan (they stay in the record).
NOT_IN_DIARY = ("cancelled", "rescheduled")


def reminder_label(kind: str) -> str:
    """A reminder kind in words, for the settings."""
    return {
        "visit_soon": _("Visits about to start"),
        "checkout_overdue": _("Visits not checked out after their expected end"),
        "consent_expiring": _("Consents expiring within a week"),
        "review_due": _("Case plan reviews due"),
        "action_due": _("Your actions due today"),
    }[kind]


@dataclass(frozen=True)
class DiaryItem:
    """One line of the diary: a visit, or something falling due on a day."""

    day: date
    time: str | None  # HH:MM, visits only
    kind: str  # "visit", "action", "review", "consent"
    what: str
    family_id: str
    family: str
    record_id: str
    state: str = ""
    clash: bool = False

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.day.isoformat(), self.time or "99:99", self.kind)


@dataclass(frozen=True)
class Reminder:
    """A reminder due now; `key` says it once per session."""

    key: str
    kind: str
    title: str
    text: str
    family_id: str | None = None


def visit_span(visit: Record) -> tuple[datetime, datetime] | None:
    """A visit's start and end as naive local times (an hour when no end was planned)."""
    if not visit.get("time"):
        return None
    day = date.fromisoformat(str(visit["date"]))
    start = datetime.combine(day, time.fromisoformat(str(visit["time"])))
    end = start + timedelta(minutes=DEFAULT_VISIT_MINUTES)
    if visit.get("expected_end"):
        planned = datetime.fromisoformat(str(visit["expected_end"]))
        if planned.tzinfo is not None:
            planned = planned.astimezone().replace(tzinfo=None)
        if planned > start:
            end = planned
    return start, end


def overlaps(a: Record, b: Record) -> bool:
    """Whether two timed visits on the same day overlap."""
    span_a, span_b = visit_span(a), visit_span(b)
    if span_a is None or span_b is None or a.get("date") != b.get("date"):
        return False
    return span_a[0] < span_b[1] and span_b[0] < span_a[1]


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> Iterable[str]:
    """RFC 5545 folding: lines of at most 75 octets, continued with a leading space."""
    data = line.encode("utf-8")
    first = True
    while data:
        limit = 75 if first else 74
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:  # never inside a character
            cut -= 1
        chunk, data = data[:cut], data[cut:]
        yield ("" if first else " ") + chunk.decode("utf-8")
        first = False


class DiaryService:
    """The diary of whoever uses this vault (a lead: their own, or everyone's)."""

    def __init__(self, caseload: Caseload) -> None:
        self._caseload = caseload
        self.ctx: ServiceContext = caseload.ctx

    def _visits(self, start: date, end: date, *, mine_only: bool) -> list[Record]:
        c = self._caseload
        closed = c.closures.closed_family_ids()
        return [
            r
            for r in c.visits.between(start, end)
            if r["status"] not in NOT_IN_DIARY
            and str(r["family_id"]) not in closed
            and (not mine_only or r.get("officer") in (None, "", self.ctx.owner_name))
        ]

    def items(self, start: date, end: date, *, mine_only: bool = True) -> list[DiaryItem]:
        """Everything in the diary from `start` to `end` inclusive, by day and time."""
        c = self._caseload
        names: dict[str, str] = {}

        def family(family_id: object) -> str:
            key = str(family_id)
            if key not in names:
                record = c.families.find(key)
                names[key] = str(record["name"]) if record is not None else _("a family")
            return names[key]

        visits = self._visits(start, end, mine_only=mine_only)
        clashing = {
            r.id for r in visits for other in visits if other.id != r.id and overlaps(r, other)
        }
        out = [
            DiaryItem(
                date.fromisoformat(str(r["date"])),
                r.get("time"),
                "visit",
                str(r.get("purpose") or _("Visit")),
                str(r["family_id"]),
                family(r["family_id"]),
                r.id,
                v.label(str(r["status"])),
                r.id in clashing,
            )
            for r in visits
        ]
        me = self.ctx.owner_name
        for action in c.actions.query(
            "(done IS NULL OR done = 0) AND due BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        ):
            if mine_only and action.get("owner") != me:
                continue
            out.append(
                DiaryItem(
                    date.fromisoformat(str(action["due"])),
                    None,
                    "action",
                    _("Action due: {title}").format(title=action["title"]),
                    str(action["family_id"]),
                    family(action["family_id"]),
                    action.id,
                    _("Overdue") if str(action["due"]) < self.ctx.today().isoformat() else "",
                )
            )
        for goal in c.plan.query(
            "status = 'open' AND review_by BETWEEN ? AND ?", (start.isoformat(), end.isoformat())
        ):
            if mine_only and goal.get("owner") != me:
                continue
            out.append(
                DiaryItem(
                    date.fromisoformat(str(goal["review_by"])),
                    None,
                    "review",
                    _("Plan review: {goal}").format(goal=goal["goal"]),
                    str(goal["family_id"]),
                    family(goal["family_id"]),
                    goal.id,
                )
            )
        for consent in c.consents.query(
            "expires BETWEEN ? AND ? AND (status IS NULL OR status != 'withdrawn')",
            (start.isoformat(), end.isoformat()),
        ):
            out.append(
                DiaryItem(
                    date.fromisoformat(str(consent["expires"])),
                    None,
                    "consent",
                    _("Consent expires: {scope}").format(scope=consent["scope"]),
                    str(consent["family_id"]),
                    family(consent["family_id"]),
                    consent.id,
                )
            )
        return sorted(out, key=lambda i: i.sort_key)

    def clashes(
        self,
        day: date,
        at: str | None,
        expected_end: datetime | None = None,
        *,
        exclude: str | None = None,
    ) -> list[Record]:
        """This officer's visits that a visit on `day` at `at` would overlap."""
        if not at:
            return []
        probe = Record(
            "visit",
            "",
            {
                "date": day.isoformat(),
                "time": at,
                "expected_end": expected_end.isoformat() if expected_end else None,
            },
        )
        return [
            r
            for r in self._visits(day, day, mine_only=True)
            if r.id != exclude and overlaps(probe, r)
        ]

    # -- calendar export ------------------------------------------------------------------------
    def ics(self, start: date, end: date, *, with_names: bool = False) -> str:
        """The officer's own visits from `start` to `end` as an iCalendar file (RFC 5545)."""
        c = self._caseload
        stamp = self.ctx.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Liaison Desktop//Diary//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        for visit in self._visits(start, end, mine_only=True):
            summary = _("Home visit")
            if with_names:
                family = c.families.find(str(visit["family_id"]))
                if family is not None:
                    summary = _("Home visit: {family}").format(family=family["name"])
            lines += ["BEGIN:VEVENT", f"UID:{visit.id}@liaison-desktop", f"DTSTAMP:{stamp}"]
            span = visit_span(visit)
            if span is None:
                day = date.fromisoformat(str(visit["date"]))
                lines += [
                    f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                    f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                ]
            else:
                # Local wall-clock times ("floating"): the visit is at 10:00 wherever it is read.
                lines += [f"DTSTART:{span[0]:%Y%m%dT%H%M%S}", f"DTEND:{span[1]:%Y%m%dT%H%M%S}"]
            lines += [f"SUMMARY:{_ics_text(summary)}", "CLASS:PRIVATE", "END:VEVENT"]
        lines.append("END:VCALENDAR")
        c.audit.record("diary-export", detail="with names" if with_names else "no names")
        return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))

    def write_ics(self, path: Path, start: date, end: date, *, with_names: bool = False) -> int:
        """Write the calendar to `path` (whole or not at all); returns the number of visits."""
        text = self.ics(start, end, with_names=with_names)
        write_atomically(path, text.encode("utf-8"))
        return text.count("BEGIN:VEVENT")

    # -- reminders ------------------------------------------------------------------------------
    def reminder_kinds(self) -> tuple[str, ...]:
        """The reminders switched on (all of them until the officer changes it)."""
        raw = self.ctx.vault.meta().get(REMINDERS_SETTING)
        if raw is None:
            return REMINDER_KINDS
        return tuple(k for k in raw.split(",") if k in REMINDER_KINDS)

    def reminder_minutes(self) -> int:
        """How long before a visit its reminder comes."""
        try:
            return max(5, int(self.ctx.setting("reminder_minutes", str(DEFAULT_REMINDER_MINUTES))))
        except ValueError:
            return DEFAULT_REMINDER_MINUTES

    def set_reminders(self, kinds: Iterable[str], minutes: int) -> None:
        """Switch reminders on and off, and say how long before a visit to remind."""
        chosen = [k for k in REMINDER_KINDS if k in set(kinds)]
        self.ctx.vault.set_meta(REMINDERS_SETTING, ",".join(chosen))
        self.ctx.vault.set_meta(REMINDER_MINUTES_SETTING, str(max(5, min(240, minutes))))

    def due_reminders(self) -> list[Reminder]:
        """The reminders due now (each has a key: show it once)."""
        c = self._caseload
        kinds = set(self.reminder_kinds())
        now = self.ctx.now().astimezone().replace(tzinfo=None)
        today = self.ctx.today()
        out: list[Reminder] = []
        if "visit_soon" in kinds:
            soon = now + timedelta(minutes=self.reminder_minutes())
            for visit in self._visits(today, today, mine_only=True):
                span = visit_span(visit)
                if visit["status"] == "planned" and span and now <= span[0] <= soon:
                    out.append(
                        Reminder(
                            f"visit:{visit.id}",
                            "visit_soon",
                            _("Visit at {time}").format(time=visit["time"]),
                            _("A home visit starts at {time}. Check in when you arrive.").format(
                                time=visit["time"]
                            ),
                            str(visit["family_id"]),
                        )
                    )
        if "checkout_overdue" in kinds:
            for visit in c.visits.overdue():
                if visit.get("officer") not in (None, "", self.ctx.owner_name):
                    continue
                out.append(
                    Reminder(
                        f"checkout:{visit.id}",
                        "checkout_overdue",
                        _("Not checked out"),
                        _(
                            "A visit is past its expected end and not checked out. Are you safe? "
                            "Check out, or tell someone at school."
                        ),
                        str(visit["family_id"]),
                    )
                )
        if "consent_expiring" in kinds:
            for status in c.consents.expiring(7):
                out.append(
                    Reminder(
                        f"consent:{status.record.id}:{today}",
                        "consent_expiring",
                        _("Consent expiring"),
                        _(
                            "A family's consent expires on {day}: renew it on your next visit."
                        ).format(day=status.record["expires"]),
                        str(status.record["family_id"]),
                    )
                )
        me = self.ctx.owner_name
        if "review_due" in kinds:
            for goal in c.plan.reviews_due(0):
                if goal.get("owner") == me:
                    out.append(
                        Reminder(
                            f"review:{goal.id}:{today}",
                            "review_due",
                            _("Plan review due"),
                            _("A case plan goal is due for review ({day}).").format(
                                day=goal["review_by"]
                            ),
                            str(goal["family_id"]),
                        )
                    )
        if "action_due" in kinds:
            for action in c.actions.due_within(0):
                if action.get("owner") == me:
                    out.append(
                        Reminder(
                            f"action:{action.id}:{today}",
                            "action_due",
                            _("Action due today"),
                            _("One of your actions is due today."),
                            str(action["family_id"]),
                        )
                    )
        return out
