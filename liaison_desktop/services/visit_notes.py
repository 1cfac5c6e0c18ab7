"""A family's visits and notes in the order the Visits and notes list shows them: newest
first, each note's amendments right after it; and a visit's state in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain import vocabulary as v
from ..domain.moments import local_moment
from ..domain.record import Record
from ..i18n import _


@dataclass(frozen=True)
class Entry:
    """One row of the list: a visit or a note (an amendment sits right after its note)."""

    record: Record
    depth: int = 0

    @property
    def is_visit(self) -> bool:
        return self.record.kind == "visit"

    @property
    def is_draft_note(self) -> bool:
        """A note still being written: it can be opened again."""
        return self.record.kind == "note" and self.record.get("status") == "draft"

    @property
    def is_final_note(self) -> bool:
        """A finalised note: it can only be amended."""
        return self.record.kind == "note" and self.record.get("status") == "final"


def _visit_key(r: Record) -> str:
    # A visit that happened sits at the officer's arrival, not at the time it was planned for.
    if r.get("checked_in_at"):
        return local_moment(r.get("checked_in_at")).replace(" ", "T")
    return "{d}T{t}".format(d=r.get("date") or "", t=r.get("time") or "00:00")


def visit_moment(r: Record) -> str:
    """When a visit happened (arrival, local time) or, not yet started, is planned for."""
    if r.get("checked_in_at"):
        return local_moment(r.get("checked_in_at"))
    return " ".join(x for x in (str(r.get("date") or ""), str(r.get("time") or "")) if x)


def _note_key(r: Record) -> str:
    # Notes store UTC date-times; comparing as local text is close enough for ordering a day.
    return local_moment(r.get("written_at")).replace(" ", "T")


def arrange_entries(visits: list[Record], notes: list[Record]) -> list[Entry]:
    """Newest first; each note's amendments directly after it, oldest amendment first."""
    ids = {n.id for n in notes}
    children: dict[str, list[Record]] = {}
    roots: list[tuple[str, Record]] = [(_visit_key(r), r) for r in visits]
    for note in notes:
        parent = note.get("amends")
        if parent and parent in ids:
            children.setdefault(str(parent), []).append(note)
        else:
            roots.append((_note_key(note), note))
    roots.sort(key=lambda item: item[0], reverse=True)
    out: list[Entry] = []

    def add(record: Record, depth: int) -> None:
        out.append(Entry(record, depth))
        for child in sorted(children.get(record.id, []), key=lambda n: str(n.get("written_at"))):
            add(child, depth + 1)

    for _key, record in roots:
        add(record, 0)
    return out


def visit_state(visit: Record, now_iso: str) -> str:
    """A visit's status in words, including lone-working check-in and out."""
    if visit.get("checked_in_at") and not visit.get("checked_out_at"):
        end = visit.get("expected_end")
        if end and str(end) < now_iso:
            return _("Overdue — expected back {when}").format(when=local_moment(end)[11:])
        return _("Checked in — expected back {when}").format(when=local_moment(end)[11:])
    return v.label(str(visit.get("status") or ""))


def no_access_words(visit: Mapping[str, Any]) -> str:
    """What was done when nobody answered, in words ("Card left, Phoned the family")."""
    return ", ".join(v.label(str(s)) for s in visit.get("no_access_steps") or [])


def visit_outcome_words(visit: Mapping[str, Any]) -> str:
    """What the outcome of a visit adds to its status, starting with a separator ('' if none):
    the steps taken when nobody answered, who cancelled, the new day, time and miles."""
    parts: list[str] = []
    steps = no_access_words(visit)
    if steps:
        parts.append(steps)
    if visit.get("cancelled_by"):
        parts.append(v.label(str(visit["cancelled_by"])))
    if visit.get("outcome_note"):
        parts.append(str(visit["outcome_note"]))
    spent = [
        text.format(n=visit[name])
        for name, text in (
            ("minutes", _("{n} min with the family")),
            ("travel_minutes", _("{n} min travel")),
            ("miles", _("{n} miles")),
        )
        if visit.get(name) is not None
    ]
    if spent:
        parts.append(", ".join(spent))
    return "".join(f" — {p}" for p in parts)
