"""A family's chronology: entries derived from its records, in time order.

Nothing here is stored; `services/chronology_service.py` builds entries from the records
and `arrange` puts them in order, with each note amendment directly after what it amends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..i18n import _
from . import vocabulary as v

SUMMARY_LENGTH = 120
AMENDMENT = "amendment"


@dataclass(frozen=True)
class ChronologyEntry:
    """One event in a family's history; `related_id` names what it belongs to or amends."""

    when: datetime  # naive UTC; events known only by their day sit at midnight
    kind: str
    summary: str
    author: str | None
    record_id: str
    related_id: str | None = None

    @property
    def is_amendment(self) -> bool:
        """Whether this entry corrects an earlier note."""
        return self.kind == AMENDMENT


def summarise(text: str | None, length: int = SUMMARY_LENGTH) -> str:
    """The first non-empty line of `text`, cut to `length` characters with an ellipsis."""
    if not text:
        return ""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= length else first[: length - 1].rstrip() + "…"


def moment(value: str | date | datetime | None, time: str | None = None) -> datetime | None:
    """A stored date or date-time as naive UTC (a date with an optional HH:MM time)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, datetime.min.time())
    else:
        text = str(value).replace("Z", "+00:00")
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if len(text) == 10 and time:
            try:
                hours, minutes = (int(p) for p in time.split(":"))
                parsed = parsed.replace(hour=hours, minute=minutes)
            except ValueError:
                pass
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def arrange(entries: Iterable[ChronologyEntry]) -> list[ChronologyEntry]:
    """Entries in time order, each amendment placed directly after the entry it amends.

    Amendments of the same entry keep their own time order; an amendment of an amendment
    follows that amendment. An amendment whose original is absent (filtered out) sits at its
    own time.
    """
    items = list(entries)
    ids = {e.record_id for e in items if not e.is_amendment}
    children: dict[str, list[ChronologyEntry]] = {}
    roots: list[ChronologyEntry] = []
    amendment_ids = {e.record_id for e in items if e.is_amendment}
    for entry in items:
        parent = entry.related_id
        if entry.is_amendment and parent is not None and (parent in ids or parent in amendment_ids):
            children.setdefault(parent, []).append(entry)
        else:
            roots.append(entry)

    # Ties (events in the same second) keep the order they were given in — the services give
    # them in the order they were written — and a record's own follow-ups ("referral_status",
    # "concern_addition") sort after it because their kind names extend its own.
    def key(e: ChronologyEntry) -> tuple[datetime, str]:
        return (e.when, e.kind)

    ordered: list[ChronologyEntry] = []
    placed: set[int] = set()

    def place(entry: ChronologyEntry) -> None:
        if id(entry) in placed:
            return
        placed.add(id(entry))
        ordered.append(entry)
        for child in sorted(children.get(entry.record_id, ()), key=key):
            place(child)

    for root in sorted(roots, key=key):
        place(root)
    # Amendments whose chain never reaches a root (a cycle in bad data) still appear.
    for entry in sorted(items, key=key):
        place(entry)
    return ordered


def kind_label(kind: str) -> str:
    """An entry's type as a person reads it, on screen and in reports."""
    special = {
        "visit": _("Visit"),
        "note": _("Note"),
        "referral": _("Referral"),
        "action": _("Action"),
        "consent": _("Consent"),
        "concern": _("Concern"),
        "attachment": _("Attachment"),
        AMENDMENT: _("Amendment"),
        "referral_status": _("Referral update"),
        "action_done": _("Action done"),
        "plan_goal": _("Plan goal"),
        "goal_review": _("Plan review"),
        "consent_withdrawn": _("Consent withdrawn"),
        "concern_addition": _("Concern update"),
        "case_link": _("Team"),
        "attendance": _("Attendance"),
        "outcome_review": _("Outcomes wheel"),
        "invitation": _("Invited to an activity"),
        "activity_attendance": _("School activity"),
        "volunteering": _("Volunteering"),
        "volunteering_ended": _("Volunteering ended"),
        "agreement": _("Home-school agreement"),
        "case_closure": _("Case closed or reopened"),
        "sharing": _("Information shared"),
    }
    return special.get(kind, v.label(kind))
