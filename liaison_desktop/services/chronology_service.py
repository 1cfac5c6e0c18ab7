"""A family's chronology, derived each time from its records (never stored twice)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from ..domain import records
from ..domain import sharing as sh
from ..domain import vocabulary as v
from ..domain.attendance_rules import attendance_percentage, persistently_absent
from ..domain.chronology import AMENDMENT, ChronologyEntry, arrange, moment, summarise
from ..domain.moments import local_moment
from ..domain.outcomes import stage_label
from ..i18n import _, ngettext
from .concerns_service import category_words, step_words
from .context import ServiceContext
from .outcomes_service import scoring_of
from .visit_notes import visit_outcome_words

# The kinds of entry a chronology can hold, in the order a filter menu lists them.
KINDS = (
    "visit",
    "note",
    AMENDMENT,
    "referral",
    "referral_status",
    "action",
    "action_done",
    "plan_goal",
    "goal_review",
    "consent",
    "consent_withdrawn",
    "concern",
    "concern_addition",
    "attendance",
    "case_link",
    "attachment",
    "outcome_review",
    "invitation",
    "activity_attendance",
    "volunteering",
    "volunteering_ended",
    "agreement",
    "case_closure",
    "sharing",
)
# Choosing a kind in a filter brings its follow-up entries with it: a note's amendments sit
# beside it, a referral's status changes and an action's completion are part of its story.
FOLLOWS = {
    "note": (AMENDMENT,),
    "referral": ("referral_status",),
    "action": ("action_done",),
    "plan_goal": ("goal_review",),
    "consent": ("consent_withdrawn",),
    "concern": ("concern_addition",),
    "volunteering": ("volunteering_ended",),
}

Row = dict[str, Any]


class ChronologyService:
    """Builds a family's chronology from visits, notes, referrals and everything else."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_child(
        self,
        family_id: str,
        person_id: str,
        *,
        kinds: Collection[str] | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[ChronologyEntry]:
        """One child's chronology: the family's entries about them — records that name them
        (consents, attendance, concerns, plan goals, engagement…), and visits, notes and
        concerns whose words mention their first or preferred name — with what follows those
        (amendments, updates)."""
        person = self.ctx.store.get("person", person_id)
        if person is None or person.get("family_id") != family_id:
            return []
        about: set[str] = {person_id}
        for spec in records.ALL:
            if spec.family_field == "family_id" and "person_id" in spec.by_name:
                about.update(
                    r["id"]
                    for r in self.ctx.store.query(
                        spec.kind, "family_id = ? AND person_id = ?", (family_id, person_id)
                    )
                )
        # A concern names every child it is about (issue 23); older ones name one in person_id.
        about.update(
            str(r["id"])
            for r in self._rows("concern", family_id)
            if person_id in (r.get("person_ids") or [])
        )
        names = [str(n) for n in (person.get("given_name"), person.get("preferred_name")) if n]
        if names:
            pattern = re.compile(
                r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE
            )
            for kind in ("note", "visit", "concern", "concern_addition", "action", "referral"):
                spec = records.spec_for(kind)
                words = (*spec.title_fields, *spec.body_fields)
                for r in self._rows(kind, family_id):
                    if any(pattern.search(str(r.get(f) or "")) for f in words):
                        about.add(str(r["id"]))
        return [
            e
            for e in self.for_family(family_id, kinds=kinds, start=start, end=end)
            if e.record_id in about or (e.related_id in about and e.kind != "note")
        ]

    def for_family(
        self,
        family_id: str,
        *,
        kinds: Collection[str] | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[ChronologyEntry]:
        """The family's chronology in time order, optionally only some kinds and dates.

        `start` and `end` are inclusive days. An amendment follows the note it amends even
        when it was written after `end`, so a note is never shown without its correction.
        """
        wanted: set[str] | None = None
        if kinds is not None:
            wanted = set(kinds)
            for kind in list(wanted):
                wanted.update(FOLLOWS.get(kind, ()))
        entries = [e for e in self._entries(family_id) if wanted is None or e.kind in wanted]
        low = datetime.combine(start, datetime.min.time()) if start else None
        high = datetime.combine(end + timedelta(days=1), datetime.min.time()) if end else None

        def in_range(entry: ChronologyEntry) -> bool:
            return (low is None or entry.when >= low) and (high is None or entry.when < high)

        kept = [e for e in entries if in_range(e)]
        kept_ids = {e.record_id for e in kept}
        # Amendments outside the range still follow a note inside it.
        for entry in entries:
            if entry.is_amendment and entry not in kept and entry.related_id in kept_ids:
                kept.append(entry)
                kept_ids.add(entry.record_id)
        return arrange(kept)

    # -- building entries ----------------------------------------------------------------------
    def _rows(self, kind: str, family_id: str) -> list[Row]:
        # rowid is the order rows were written in, which breaks ties between same-second events.
        return self.ctx.store.query(kind, "family_id = ?", (family_id,), order_by="rowid")

    def _entries(self, family_id: str) -> Iterator[ChronologyEntry]:
        yield from self._visits(family_id)
        yield from self._notes(family_id)
        yield from self._referrals(family_id)
        yield from self._actions(family_id)
        yield from self._plan(family_id)
        yield from self._consents(family_id)
        yield from self._concerns(family_id)
        yield from self._attendance(family_id)
        yield from self._case_links(family_id)
        yield from self._attachments(family_id)
        yield from self._outcome_reviews(family_id)
        yield from self._engagement(family_id)
        yield from self._case_closures(family_id)
        yield from self._sharing(family_id)

    @staticmethod
    def _entry(
        when: datetime | None,
        kind: str,
        summary: str,
        author: Any,
        record_id: str,
        related_id: Any = None,
    ) -> Iterator[ChronologyEntry]:
        if when is not None:
            yield ChronologyEntry(
                when=when,
                kind=kind,
                summary=summary,
                author=str(author) if author else None,
                record_id=record_id,
                related_id=str(related_id) if related_id else None,
            )

    def _visits(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("visit", family_id):
            status = v.label(str(r["status"]))
            purpose = summarise(r.get("purpose"))
            summary = (
                _("Visit ({status}): {purpose}").format(status=status, purpose=purpose)
                if purpose
                else _("Visit ({status})").format(status=status)
            )
            # A visit that happened is dated when the officer arrived (checked in), not when it
            # was planned: a visit planned for 10:00 and started at 14:20 happened at 14:20.
            when = (
                moment(r.get("checked_in_at"))
                if r.get("checked_in_at")
                else moment(r.get("date"), r.get("time"))
            )
            if r.get("checked_out_at"):
                summary += " " + _("(left {time})").format(
                    time=local_moment(r.get("checked_out_at"))[11:]
                )
            summary += visit_outcome_words(r)
            yield from self._entry(when, "visit", summary, r.get("officer"), r["id"])

    def _notes(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("note", family_id):
            text = summarise(r.get("text"))
            if r.get("amends"):
                draft = _(" (draft)") if r.get("status") == "draft" else ""
                kind, summary, related = (
                    AMENDMENT,
                    _("Amendment{draft}: {text}").format(draft=draft, text=text),
                    r["amends"],
                )
            else:
                template = v.label(str(r.get("template") or "general"))
                draft = _(" (draft)") if r.get("status") == "draft" else ""
                kind, summary, related = (
                    "note",
                    _("Note — {template}{draft}: {text}").format(
                        template=template, draft=draft, text=text
                    ),
                    r.get("visit_id"),
                )
            yield from self._entry(
                moment(r.get("written_at")), kind, summary, r.get("author"), r["id"], related
            )

    def _referrals(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("referral", family_id):
            kind = v.label(str(r["kind"]))
            vouchers = r.get("vouchers")
            extra = (
                ngettext(" ({n} voucher)", " ({n} vouchers)", int(vouchers)).format(n=vouchers)
                if vouchers not in (None, 0)
                else ""
            )
            reason = summarise(r.get("reason"), 80)
            summary = _("Referral: {kind}{extra}").format(kind=kind, extra=extra)
            if reason:
                summary += f" — {reason}"
            yield from self._entry(
                moment(r.get("date")), "referral", summary, None, r["id"], r.get("organisation_id")
            )
            if r.get("status") != "draft" and r.get("status_changed_at"):
                outcome = summarise(r.get("outcome"), 80)
                text = _("Referral ({kind}) {status}").format(
                    kind=kind, status=v.label(str(r["status"])).lower()
                )
                if outcome:
                    text += f" — {outcome}"
                yield from self._entry(
                    moment(r.get("status_changed_at")),
                    "referral_status",
                    text,
                    None,
                    r["id"],
                    r["id"],
                )

    def _actions(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("action", family_id):
            title = summarise(r.get("title"))
            due = _(" (due {due})").format(due=r["due"]) if r.get("due") else ""
            yield from self._entry(
                moment(r.get("created_at")),
                "action",
                _("Action agreed: {title}{due}").format(title=title, due=due),
                r.get("owner"),
                r["id"],
            )
            if r.get("done") and r.get("done_at"):
                outcome = summarise(r.get("outcome"), 80)
                yield from self._entry(
                    moment(r.get("done_at")),
                    "action_done",
                    _("Action done: {title}").format(title=title)
                    + (f" — {outcome}" if outcome else ""),
                    r.get("owner"),
                    r["id"],
                    r["id"],
                )

    def _plan(self, family_id: str) -> Iterator[ChronologyEntry]:
        goals = {r["id"]: r for r in self._rows("plan_goal", family_id)}
        for r in goals.values():
            review = (
                _(" (review by {date})").format(date=r["review_by"]) if r.get("review_by") else ""
            )
            yield from self._entry(
                moment(r.get("set_on")),
                "plan_goal",
                _("Plan goal set: {goal}{review}").format(
                    goal=summarise(r.get("goal")), review=review
                ),
                r.get("owner"),
                r["id"],
            )
        for r in self._rows("goal_review", family_id):
            goal = goals.get(r["goal_id"], {})
            comment = summarise(r.get("comment"), 80)
            yield from self._entry(
                moment(r.get("reviewed_on")),
                "goal_review",
                _("Plan review: {goal} — {progress}").format(
                    goal=summarise(goal.get("goal"), 80), progress=v.label(str(r["progress"]))
                )
                + (f": {comment}" if comment else ""),
                r.get("reviewed_by"),
                r["id"],
                r["goal_id"],
            )

    def _consents(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("consent", family_id):
            scope = summarise(r.get("scope"), 80)
            expires = _(", until {date}").format(date=r["expires"]) if r.get("expires") else ""
            yield from self._entry(
                moment(r.get("date")),
                "consent",
                _("Consent given by {who} for {scope}{expires}").format(
                    who=r.get("given_by"), scope=scope, expires=expires
                ),
                None,
                r["id"],
            )
            if r.get("status") == "withdrawn":
                yield from self._entry(
                    moment(r.get("withdrawn_on") or r.get("updated_at")),
                    "consent_withdrawn",
                    _("Consent withdrawn: {scope}").format(scope=scope),
                    None,
                    r["id"],
                    r["id"],
                )

    def _concerns(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("concern", family_id):
            urgency = v.label(str(r["urgency"])).lower()
            if r.get("category"):
                urgency += ", " + category_words(str(r["category"])).lower()
            yield from self._entry(
                moment(r.get("raised_at")),
                "concern",
                _("Concern raised ({urgency}): {text}").format(
                    urgency=urgency, text=summarise(r.get("observed"))
                ),
                r.get("raised_by"),
                r["id"],
                r.get("source_id"),
            )
        for r in self._rows("concern_addition", family_id):
            label = _("Concern acknowledged") if r.get("acknowledged") else _("Added to concern")
            if r.get("stage") in ("decision", "escalated", "closed"):
                label = _("Concern")
            yield from self._entry(
                moment(r.get("written_at")),
                "concern_addition",
                f"{label}: {summarise(step_words(r))}",
                r.get("author"),
                r["id"],
                r.get("concern_id"),
            )

    def _attendance(self, family_id: str) -> Iterator[ChronologyEntry]:
        names = {
            p["id"]: " ".join(x for x in (p.get("given_name"), p.get("family_name")) if x)
            for p in self._rows("person", family_id)
        }
        for r in self._rows("attendance", family_id):
            possible, attended = int(r["sessions_possible"]), int(r["sessions_attended"])
            percentage = attendance_percentage(attended, possible)
            figure = f"{percentage:.1f}%" if percentage is not None else _("no sessions")
            flag = _(" — persistent absence") if persistently_absent(attended, possible) else ""
            yield from self._entry(
                moment(r.get("updated_at")),
                "attendance",
                _("Attendance {period}: {name} {figure}{flag}").format(
                    period=r["period"], name=names.get(r["person_id"], ""), figure=figure, flag=flag
                ),
                None,
                r["id"],
                r.get("person_id"),
            )

    def _case_links(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("case_link", family_id):
            contact = self.ctx.store.get("contact", str(r["contact_id"])) or {}
            who = " — ".join(
                str(x) for x in (contact.get("organisation"), contact.get("name")) if x
            )
            role = f" ({r['role']})" if r.get("role") else ""
            yield from self._entry(
                moment(r.get("created_at")),
                "case_link",
                _("Joined the team around the family: {who}{role}").format(who=who, role=role),
                None,
                r["id"],
                r["contact_id"],
            )

    def _attachments(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("attachment", family_id):
            yield from self._entry(
                moment(r.get("added_at")),
                "attachment",
                _("File attached: {name}").format(name=r["filename"]),
                None,
                r["id"],
                r.get("record_id"),
            )

    def _case_closures(self, family_id: str) -> Iterator[ChronologyEntry]:
        # Closing and reopening the case (issue 10), with why and how it ended.
        for r in self._rows("case_closure", family_id):
            reason = summarise(r.get("reason"))
            if r["action"] == "close":
                summary = _("Case closed ({outcome}): {reason}").format(
                    outcome=v.label(str(r.get("outcome") or "other")).lower(), reason=reason
                )
            else:
                summary = _("Case reopened: {reason}").format(reason=reason)
            when = moment(r.get("at"))
            yield from self._entry(when, "case_closure", summary, r.get("by"), r["id"])

    def _sharing(self, family_id: str) -> Iterator[ChronologyEntry]:
        # Each time the family's information left the vault (issue 10): what, to whom, why.
        for r in self._rows("sharing", family_id):
            what = sh.what_label(str(r["what"]))
            if r["purpose"] == "shared":
                to_whom = ", ".join(
                    str(p) for p in (r.get("recipient"), r.get("organisation")) if p
                )
                summary = _("Shared: {what} with {to_whom} ({basis}; consent: {consent})").format(
                    what=what,
                    to_whom=to_whom,
                    basis=sh.basis_label(r.get("lawful_basis")),
                    consent=sh.consent_label(r.get("consent_status")).lower(),
                )
            elif r["purpose"] == "subject_access":
                summary = _("Subject access request answered: {what}").format(what=what)
            else:
                summary = _("Made for our own records: {what}").format(what=what)
            yield from self._entry(
                moment(r.get("shared_at")), "sharing", summary, r.get("shared_by"), r["id"]
            )

    def _outcome_reviews(self, family_id: str) -> Iterator[ChronologyEntry]:
        for r in self._rows("outcome_review", family_id):
            scoring = scoring_of(r)
            present = summarise(r.get("family_present"), 80)
            summary = _("Outcomes wheel scored ({stage}): average {average:.1f} of 10").format(
                stage=stage_label(scoring.stage).lower(), average=scoring.average
            )
            if present:
                summary += " — " + _("with {who}").format(who=present)
            yield from self._entry(
                moment(r.get("date")), "outcome_review", summary, r.get("scored_by"), r["id"]
            )

    def _engagement(self, family_id: str) -> Iterator[ChronologyEntry]:
        # Invitations, attendance at school activities, volunteering and the home-school
        # agreement: the family's engagement timeline, beside the rest of its story.
        titles: dict[str, str] = {}

        def title(activity_id: Any) -> str:
            key = str(activity_id)
            if key not in titles:
                row = self.ctx.store.get("activity", key, include_deleted=True) or {}
                titles[key] = str(row.get("title") or _("an activity"))
            return titles[key]

        for r in self._rows("invitation", family_id):
            yield from self._entry(
                moment(r.get("invited_on")),
                "invitation",
                _("Invited to {activity}").format(activity=title(r["activity_id"])),
                r.get("invited_by"),
                r["id"],
                r["activity_id"],
            )
        for r in self._rows("activity_attendance", family_id):
            session = self.ctx.store.get("activity_session", str(r["session_id"])) or {}
            if r["mark"] == "attended":
                text = (
                    _("Came to {activity} (without an invitation)")
                    if r.get("walk_in")
                    else _("Came to {activity}")
                )
            else:
                text = _("Did not come to {activity}")
            yield from self._entry(
                moment(session.get("date") or r.get("marked_at"), session.get("time")),
                "activity_attendance",
                text.format(activity=title(r["activity_id"])),
                r.get("marked_by"),
                r["id"],
                r["activity_id"],
            )
        for r in self._rows("volunteering", family_id):
            role = summarise(r.get("role"), 80)
            schedule = f" ({r['schedule']})" if r.get("schedule") else ""
            yield from self._entry(
                moment(r.get("started_on")),
                "volunteering",
                _("Started volunteering: {role}{schedule}").format(role=role, schedule=schedule),
                None,
                r["id"],
                r.get("activity_id"),
            )
            if r.get("ended_on"):
                yield from self._entry(
                    moment(r.get("ended_on")),
                    "volunteering_ended",
                    _("Finished volunteering: {role}").format(role=role),
                    None,
                    r["id"],
                    r["id"],
                )
        for r in self._rows("engagement_profile", family_id):
            if r.get("agreement_signed_on") and not r.get("person_id"):
                yield from self._entry(
                    moment(r.get("agreement_signed_on")),
                    "agreement",
                    _("Home-school agreement signed"),
                    None,
                    r["id"],
                )
