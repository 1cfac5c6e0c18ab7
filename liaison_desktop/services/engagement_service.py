"""A family's engagement with school life: how to reach them, what they came to, what they give.

An engagement profile per family (and optionally per person in it) holds the preferred contact
channel and language, the best time to get in touch, the home-school agreement's signing date
and the skills and interests the family would like to share. Volunteering is its own record.
`for_family` gathers these with the family's invitations and attendance for one screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import engagement as eng
from ..domain import records
from ..domain.record import Record
from ..errors import NotFound
from ..i18n import _
from .activities_service import ActivitiesService
from .context import ServiceContext
from .record_service import RecordService
from .validation import ValidationFailed, clean_values


class ProfilesService(RecordService):
    """Engagement profiles: one per family, and one per person where it differs."""

    spec = records.ENGAGEMENT_PROFILE


class VolunteeringService(RecordService):
    """Who in a family volunteers, doing what, when."""

    spec = records.VOLUNTEERING

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_create(values)
        self._check_dates(cleaned.get("started_on"), cleaned.get("ended_on"))
        self._check_person(cleaned)
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_update(current, values)
        self._check_dates(
            cleaned.get("started_on", current.get("started_on")),
            cleaned.get("ended_on", current.get("ended_on")),
        )
        return cleaned

    @staticmethod
    def _check_dates(started: str | None, ended: str | None) -> None:
        if started and ended and ended < started:
            raise ValidationFailed([("ended_on", _("is before the day it started"))])

    def _check_person(self, cleaned: dict[str, Any]) -> None:
        person_id = cleaned.get("person_id")
        if person_id is None:
            return
        person = self.ctx.store.get("person", person_id)
        if person is not None and person["family_id"] != cleaned["family_id"]:
            raise ValidationFailed([("person_id", _("is not a person in that family"))])


@dataclass(frozen=True)
class InvitationStatus:
    """One activity a family was invited to (or walked in to), and how often they came."""

    activity_id: str
    title: str
    kind: str
    kind_label: str
    invited_on: str | None  # None: came without an invitation
    sessions_marked: int
    sessions_attended: int
    last_attended: str | None

    @property
    def attended(self) -> bool:
        """Whether the family came to at least one session."""
        return self.sessions_attended > 0


@dataclass(frozen=True)
class FamilyEngagement:
    """Everything about one family's engagement, for its Engagement tab and the CLI."""

    family_id: str
    profile: Record | None
    person_profiles: tuple[Record, ...]
    agreement_signed_on: str | None
    activities: tuple[InvitationStatus, ...]
    volunteering: tuple[Record, ...]
    engaged_terms: tuple[eng.Term, ...]  # terms the family was engaged in, oldest first


class EngagementService:
    """Engagement profiles, the home-school agreement, volunteering and a family's overview."""

    def __init__(self, ctx: ServiceContext, activities: ActivitiesService | None = None) -> None:
        self.ctx = ctx
        self.profiles = ProfilesService(ctx)
        self.volunteering = VolunteeringService(ctx)
        self.activities = activities or ActivitiesService(ctx)

    # -- profiles ----------------------------------------------------------------------------
    def profile(self, family_id: str, person_id: str | None = None) -> Record | None:
        """The family's (or one person's) engagement profile, or None when none is kept."""
        return self.profiles.find(eng.profile_id(family_id, person_id))

    def set_profile(
        self, family_id: str, values: dict[str, Any], *, person_id: str | None = None
    ) -> Record:
        """Create or change the family's (or one person's) profile with these fields."""
        if self.ctx.store.get("family", family_id) is None:
            raise NotFound(_("No family with id {id} in this vault.").format(id=family_id))
        if person_id is not None:
            person = self.ctx.store.get("person", person_id)
            if person is None or person["family_id"] != family_id:
                raise ValidationFailed([("person_id", _("is not a person in that family"))])
        for key in ("family_id", "person_id"):
            if key in values:
                raise ValidationFailed([(key, _("cannot be changed here"))])
        pid = eng.profile_id(family_id, person_id)
        with self.ctx.vault.transaction():
            existing = self.ctx.store.get("engagement_profile", pid, include_deleted=True)
            if existing is None:
                return self.profiles.create(
                    {"family_id": family_id, "person_id": person_id, **values}, record_id=pid
                )
            if existing["deleted"]:
                clean_values(self.profiles.spec, values, creating=False)
                self.ctx.store.put("engagement_profile", pid, {"deleted": False}, action="restore")
            return self.profiles.update(pid, values)

    def sign_agreement(self, family_id: str, on: date | None = None) -> Record:
        """Record that the family signed the home-school agreement (today unless given)."""
        day = (on or self.ctx.today()).isoformat()
        return self.set_profile(family_id, {"agreement_signed_on": day})

    # -- volunteering ------------------------------------------------------------------------
    def add_volunteering(
        self,
        family_id: str,
        role: str,
        *,
        started_on: date | str | None = None,
        ended_on: date | str | None = None,
        person_id: str | None = None,
        schedule: str | None = None,
        activity_id: str | None = None,
    ) -> Record:
        """Record that someone in the family volunteers or volunteered (what, and when)."""
        start = started_on or self.ctx.today()
        end = ended_on.isoformat() if isinstance(ended_on, date) else ended_on
        return self.volunteering.create(
            {
                "family_id": family_id,
                "person_id": person_id,
                "role": role,
                "schedule": schedule,
                "started_on": start.isoformat() if isinstance(start, date) else start,
                "ended_on": end,
                "activity_id": activity_id,
            }
        )

    def end_volunteering(self, volunteering_id: str, on: date | None = None) -> Record:
        """Record the last day of a volunteering role (today unless given)."""
        day = (on or self.ctx.today()).isoformat()
        return self.volunteering.update(volunteering_id, {"ended_on": day})

    # -- one family's engagement ----------------------------------------------------------------
    def for_family(self, family_id: str) -> FamilyEngagement:
        """A family's profile, activities (invited and walked in to), volunteering and terms."""
        if self.ctx.store.get("family", family_id) is None:
            raise NotFound(_("No family with id {id} in this vault.").format(id=family_id))
        profiles = self.profiles.for_family(family_id, order_by="rowid")
        family_profile = next((p for p in profiles if not p.get("person_id")), None)
        acts = self.activities
        invitations = {str(r["activity_id"]): r for r in acts.invitations.for_family(family_id)}
        marks = acts.marks.for_family(family_id, order_by="rowid")
        session_days = self._session_days({str(m["session_id"]) for m in marks})
        by_activity: dict[str, list[Record]] = {}
        for m in marks:
            by_activity.setdefault(str(m["activity_id"]), []).append(m)
        statuses = []
        for activity_id in [*invitations, *(a for a in by_activity if a not in invitations)]:
            activity = acts.find(activity_id)
            if activity is None:
                continue
            own = by_activity.get(activity_id, [])
            came = sorted(
                session_days.get(str(m["session_id"]), "") for m in own if m["mark"] == "attended"
            )
            invitation = invitations.get(activity_id)
            statuses.append(
                InvitationStatus(
                    activity_id=activity_id,
                    title=str(activity["title"]),
                    kind=str(activity["kind"]),
                    kind_label=acts.kind_label(activity),
                    invited_on=str(invitation["invited_on"]) if invitation else None,
                    sessions_marked=len(own),
                    sessions_attended=len(came),
                    last_attended=came[-1] if came else None,
                )
            )
        statuses.sort(key=lambda s: (s.invited_on or s.last_attended or "", s.title.casefold()))
        volunteering = tuple(self.volunteering.for_family(family_id, order_by="started_on"))
        agreement = family_profile.get("agreement_signed_on") if family_profile else None
        attended_days = {
            date.fromisoformat(session_days[str(m["session_id"])])
            for m in marks
            if m["mark"] == "attended" and session_days.get(str(m["session_id"]))
        }
        terms = engaged_terms(attended_days, volunteering, agreement, today=self.ctx.today())
        return FamilyEngagement(
            family_id=family_id,
            profile=family_profile,
            person_profiles=tuple(p for p in profiles if p.get("person_id")),
            agreement_signed_on=str(agreement) if agreement else None,
            activities=tuple(statuses),
            volunteering=volunteering,
            engaged_terms=terms,
        )

    def _session_days(self, session_ids: set[str]) -> dict[str, str]:
        days = {}
        for sid in session_ids:
            row = self.ctx.store.get("activity_session", sid, include_deleted=True)
            if row is not None:
                days[sid] = str(row["date"])
        return days


def engaged_terms(
    attended_days: set[date],
    volunteering: tuple[Record, ...] | list[Record],
    agreement_signed_on: Any,
    *,
    today: date,
) -> tuple[eng.Term, ...]:
    """The terms in which a family came to an activity, volunteered or signed the agreement."""
    terms: set[eng.Term] = {eng.term_of(d) for d in attended_days}
    if agreement_signed_on:
        terms.add(eng.term_of(date.fromisoformat(str(agreement_signed_on))))
    for role in volunteering:
        start = date.fromisoformat(str(role["started_on"]))
        end_value = role.get("ended_on")
        term = eng.term_of(start)
        last = eng.term_of(date.fromisoformat(str(end_value))) if end_value else None
        # A role still going counts in every term up to today's.
        ceiling = last or max(term, eng.term_of(today))
        while term <= ceiling:
            terms.add(term)
            term = term.next()
    return tuple(sorted(terms))
