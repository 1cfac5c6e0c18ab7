"""School activities families are invited to, their sessions, and who came (issue 11).

Built for one screen at the door: `register(session_id)` lists the families expected at a
session with their marks, `mark`/`unmark` change one family in one call, and `add_walk_in`
marks a family who came without an invitation. Invitations, sessions and marks have ids
derived from what they are about, so inviting or marking twice changes nothing and two
devices doing the same thing make one record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import engagement as eng
from ..domain import records
from ..domain.record import Record
from ..errors import NotFound
from ..i18n import _
from .context import ServiceContext
from .record_service import RecordService
from .validation import ValidationFailed, clean_values


@dataclass(frozen=True)
class ActivityKind:
    """A kind of activity: built in, or added by the lead (`configured`)."""

    key: str
    label: str
    configured: bool = False


@dataclass(frozen=True)
class RegisterRow:
    """One family at a session: invited or walked in, and its mark (None: not marked yet)."""

    family_id: str
    family_name: str
    invited: bool
    walk_in: bool
    mark: str | None
    people: tuple[str, ...]  # person ids named in the invitation or mark

    @property
    def attended(self) -> bool:
        """Whether the family came."""
        return self.mark == "attended"


@dataclass(frozen=True)
class Register:
    """Everything the door screen shows for one session."""

    activity: Record
    session: Record
    rows: tuple[RegisterRow, ...]

    @property
    def attended(self) -> int:
        """How many families came."""
        return sum(1 for r in self.rows if r.attended)

    @property
    def invited(self) -> int:
        """How many families were invited."""
        return sum(1 for r in self.rows if r.invited)


class ActivityKindsService(RecordService):
    """The activity kinds: the built-in ones and those a lead added (which sync)."""

    spec = records.ACTIVITY_KIND

    def kinds(self) -> list[ActivityKind]:
        """Every kind, built-in first in their usual order, then the lead's by label."""
        built_in = [ActivityKind(k, eng.activity_kind_label(k)) for k in eng.ACTIVITY_KINDS]
        known = set(eng.ACTIVITY_KINDS)
        added = sorted(
            (
                ActivityKind(str(r["key"]), str(r["label"]), configured=True)
                for r in self.query()
                if r["key"] not in known
            ),
            key=lambda k: k.label.casefold(),
        )
        return built_in + added

    def keys_known(self) -> set[str]:
        """The keys an activity's kind may take."""
        return {k.key for k in self.kinds()}

    def label_of(self, key: str) -> str:
        """The label of a kind (a kind this vault has not heard of yet is made readable)."""
        if key in eng.ACTIVITY_KINDS:
            return eng.activity_kind_label(key)
        row = self.find(eng.activity_kind_id(key))
        return str(row["label"]) if row is not None else eng.activity_kind_label(key)

    def add(self, label: str) -> ActivityKind:
        """(Lead) add a kind of activity; adding one that exists returns it unchanged."""
        self.ctx.require_lead(_("add kinds of activity"))
        cleaned = clean_values(self.spec, {"label": label, "key": "x"}, creating=True)
        key = eng.kind_key(cleaned["label"])
        if not key:
            raise ValidationFailed([("label", _("needs at least one letter or digit"))])
        for kind in self.kinds():
            if kind.key == key:
                return kind
        self.create({"key": key, "label": cleaned["label"]}, record_id=eng.activity_kind_id(key))
        return ActivityKind(key, cleaned["label"], configured=True)


class ActivitySessionsService(RecordService):
    """The dated sessions of activities."""

    spec = records.ACTIVITY_SESSION


class InvitationsService(RecordService):
    """Which families were invited to which activity (one invitation per family)."""

    spec = records.INVITATION


class ActivityMarksService(RecordService):
    """Who came to each session (one mark per family per session)."""

    spec = records.ACTIVITY_ATTENDANCE


class ActivitiesService(RecordService):
    """Activities, their sessions, invitations and attendance."""

    spec = records.ACTIVITY

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__(ctx)
        self.kinds = ActivityKindsService(ctx)
        self.sessions = ActivitySessionsService(ctx)
        self.invitations = InvitationsService(ctx)
        self.marks = ActivityMarksService(ctx)

    # -- activities ------------------------------------------------------------------------
    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_create(values)
        self._check_kind(cleaned)
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_update(current, values)
        self._check_kind(cleaned)
        return cleaned

    def _check_kind(self, cleaned: Mapping[str, Any]) -> None:
        kind = cleaned.get("kind")
        if kind is not None and kind not in self.kinds.keys_known():
            raise ValidationFailed(
                [
                    (
                        "kind",
                        _("'{kind}' is not a kind of activity; a lead can add it").format(
                            kind=kind
                        ),
                    )
                ]
            )

    def add(
        self,
        title: str,
        kind: str,
        *,
        sessions: Iterable[str | date] = (),
        time: str | None = None,
        **values: Any,
    ) -> Record:
        """Create an activity and its sessions (each a day, all at `time`), all or nothing."""
        days = [d.isoformat() if isinstance(d, date) else d for d in sessions]
        with self.ctx.vault.transaction():
            activity = self.create({"title": title, "kind": kind, **values})
            for day in days:
                self.add_session(activity.id, day, time)
        return activity

    def all(self) -> list[Record]:
        """Every activity, by title."""
        return self.query(order_by="title COLLATE NOCASE, id")

    def upcoming(self, today: date | None = None) -> list[Record]:
        """Activities with a session today or later, soonest first (for the invite screens)."""
        day = (today or self.ctx.today()).isoformat()
        soonest: dict[str, str] = {}
        for s in self.ctx.store.query("activity_session", "date >= ?", (day,)):
            aid = str(s["activity_id"])
            soonest[aid] = min(soonest.get(aid, "9999"), str(s["date"]))
        found = [a for a in (self.find(aid) for aid in soonest) if a is not None]
        return sorted(found, key=lambda a: (soonest[a.id], str(a["title"]).casefold()))

    def kind_label(self, activity: Mapping[str, Any]) -> str:
        """The label of an activity's kind."""
        return self.kinds.label_of(str(activity["kind"]))

    # -- sessions --------------------------------------------------------------------------
    def add_session(self, activity_id: str, day: str | date, time: str | None = None) -> Record:
        """Add a dated session to an activity (the same day and time again changes nothing)."""
        self.get(activity_id)
        values = {
            "activity_id": activity_id,
            "date": day.isoformat() if isinstance(day, date) else day,
            "time": time,
        }
        cleaned = clean_values(self.sessions.spec, values, creating=True)
        sid = eng.session_id(activity_id, cleaned["date"], cleaned.get("time"))
        existing = self.sessions.find(sid)
        if existing is not None:
            return existing
        return self.sessions.create(values, record_id=sid)

    def sessions_of(self, activity_id: str) -> list[Record]:
        """An activity's sessions, in date and time order."""
        return self.sessions.query(
            "activity_id = ?", (activity_id,), order_by="date, coalesce(time, ''), id"
        )

    def remove_session(self, session_id: str) -> None:
        """Remove a session that did not happen, with any marks taken for it."""
        self.sessions.get(session_id)
        with self.ctx.vault.transaction():
            for mark in self.marks.query("session_id = ?", (session_id,)):
                self.marks.delete(mark.id)
            self.sessions.delete(session_id)

    # -- invitations -----------------------------------------------------------------------
    def invite(
        self,
        activity_id: str,
        family_ids: Sequence[str],
        *,
        people: Mapping[str, Sequence[str]] | None = None,
        on: date | None = None,
    ) -> list[Record]:
        """Invite families (optionally naming people in each); all or nothing.

        A family already invited keeps its invitation; naming people again replaces who is
        named. Every family must exist and every person named must belong to that family.
        """
        self.get(activity_id)
        people = people or {}
        problems = []
        for family_id in family_ids:
            if self.ctx.store.get("family", family_id) is None:
                problems.append(("family", _("no family with id '{id}'").format(id=family_id)))
                continue
            for person_id in people.get(family_id, ()):
                person = self.ctx.store.get("person", person_id)
                if person is None or person["family_id"] != family_id:
                    problems.append(
                        (
                            "people",
                            _("'{id}' is not a person in that family").format(id=person_id),
                        )
                    )
        if problems:
            raise ValidationFailed(problems)
        day = (on or self.ctx.today()).isoformat()
        invited = []
        with self.ctx.vault.transaction():
            for family_id in dict.fromkeys(family_ids):
                iid = eng.invitation_id(activity_id, family_id)
                named = list(people.get(family_id, ()))
                existing = self.ctx.store.get("invitation", iid, include_deleted=True)
                if existing is None:
                    invited.append(
                        self.invitations.create(
                            {
                                "family_id": family_id,
                                "activity_id": activity_id,
                                "people": named,
                                "invited_on": day,
                                "invited_by": self.ctx.owner_name or None,
                            },
                            record_id=iid,
                        )
                    )
                    continue
                changes: dict[str, Any] = {}
                if existing["deleted"]:
                    changes.update({"deleted": False, "invited_on": day})
                if family_id in people:
                    changes["people"] = named
                if changes:
                    self.ctx.store.put("invitation", iid, changes, action="update")
                invited.append(self.invitations.get(iid))
        return invited

    def uninvite(self, activity_id: str, family_id: str) -> None:
        """Withdraw a family's invitation (marks already taken stay)."""
        self.invitations.delete(eng.invitation_id(activity_id, family_id))

    def invitations_of(self, activity_id: str) -> list[Record]:
        """An activity's invitations, in the order they were made."""
        return self.invitations.query("activity_id = ?", (activity_id,), order_by="rowid")

    # -- taking attendance at the door -------------------------------------------------------
    def register(self, session_id: str) -> Register:
        """The families expected at a session (invited, then walk-ins) with their marks."""
        session = self.sessions.get(session_id)
        activity = self.get(str(session["activity_id"]))
        invitations = {str(r["family_id"]): r for r in self.invitations_of(activity.id)}
        marks = {
            str(m["family_id"]): m
            for m in self.marks.query("session_id = ?", (session_id,), order_by="rowid")
        }
        names = self._family_names([*invitations, *marks])
        rows = []
        for family_id in [*invitations, *(f for f in marks if f not in invitations)]:
            if family_id not in names:
                continue  # a family not on this vault (not allocated here)
            mark = marks.get(family_id)
            source = mark if mark is not None and mark.get("people") else invitations.get(family_id)
            rows.append(
                RegisterRow(
                    family_id=family_id,
                    family_name=names[family_id],
                    invited=family_id in invitations,
                    walk_in=family_id not in invitations,
                    mark=str(mark["mark"]) if mark is not None else None,
                    people=tuple(source.get("people") or ()) if source is not None else (),
                )
            )
        invited = sorted((r for r in rows if r.invited), key=_by_name)
        walk_ins = sorted((r for r in rows if not r.invited), key=_by_name)
        return Register(activity, session, tuple(invited + walk_ins))

    def mark(
        self,
        session_id: str,
        family_id: str,
        mark: str = "attended",
        *,
        people: Sequence[str] | None = None,
    ) -> RegisterRow:
        """Mark one family as came or did not come to a session; returns its register row.

        A family who was not invited is recorded as a walk-in.
        """
        session = self.sessions.get(session_id)
        activity_id = str(session["activity_id"])
        if self.ctx.store.get("family", family_id) is None:
            raise NotFound(_("No family with id {id} in this vault.").format(id=family_id))
        values: dict[str, Any] = {
            "family_id": family_id,
            "activity_id": activity_id,
            "session_id": session_id,
            "mark": mark,
            "walk_in": self.invitations.find(eng.invitation_id(activity_id, family_id)) is None,
            "marked_at": self.ctx.now_iso(),
            "marked_by": self.ctx.owner_name or None,
        }
        if people is not None:
            values["people"] = list(people)
        cleaned = clean_values(self.marks.spec, values, creating=True)
        mid = eng.mark_id(session_id, family_id)
        with self.ctx.vault.transaction():
            existing = self.ctx.store.get("activity_attendance", mid, include_deleted=True)
            if existing is None:
                self.marks.create(values, record_id=mid)
            else:
                changes = {k: val for k, val in cleaned.items() if k != "marked_at"}
                if existing["deleted"]:
                    changes["deleted"] = False
                if any(existing.get(k) != val for k, val in changes.items()):
                    changes["marked_at"] = cleaned["marked_at"]
                    self.ctx.store.put("activity_attendance", mid, changes)
        row = self._row(session_id, family_id)
        assert row is not None  # the family exists and now has a mark
        return row

    def unmark(self, session_id: str, family_id: str) -> RegisterRow | None:
        """Clear a family's mark for a session; returns its row (None for a walk-in)."""
        self.sessions.get(session_id)
        mid = eng.mark_id(session_id, family_id)
        if self.marks.find(mid) is not None:
            self.marks.delete(mid)
        return self._row(session_id, family_id)

    def add_walk_in(
        self, session_id: str, family_id: str, *, people: Sequence[str] | None = None
    ) -> RegisterRow:
        """Record a family who came without an invitation (marked as came)."""
        return self.mark(session_id, family_id, "attended", people=people)

    def _row(self, session_id: str, family_id: str) -> RegisterRow | None:
        for row in self.register(session_id).rows:
            if row.family_id == family_id:
                return row
        return None

    def _family_names(self, family_ids: Iterable[str]) -> dict[str, str]:
        ids = list(dict.fromkeys(family_ids))
        if not ids:
            return {}
        rows = self.ctx.store.query(
            "family", "id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        )
        return {str(r["id"]): str(r.get("name") or "") for r in rows}


def _by_name(row: RegisterRow) -> tuple[str, str]:
    return (row.family_name.casefold(), row.family_id)
