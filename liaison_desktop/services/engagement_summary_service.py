"""The lead's engagement summary: families engaged per term, activity attendance, partnerships.

A family is *engaged* in a term when, in that term, it came to a school activity, someone in it
volunteered (any day of the role falls in the term) or it signed the home-school agreement.
Terms are English school terms with their holidays (`domain/engagement.Term`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ..domain import engagement as eng
from ..domain import vocabulary as v
from ..i18n import _
from ..store.hlc import parse_stamp
from .activities_service import ActivityKindsService
from .asset_map_service import AssetMap
from .context import ServiceContext

if TYPE_CHECKING:  # reportlab loads only when a report is made, not when the vault unlocks
    from ..reports.engagement_summary import EngagementReport

DEFAULT_TERMS = 6  # two school years


@dataclass(frozen=True)
class TermFigures:
    """How many families were engaged in one term, and through what (families overlap)."""

    term: eng.Term
    engaged: int
    attended: int
    volunteered: int
    signed_agreement: int


@dataclass(frozen=True)
class ActivityFigures:
    """One activity with sessions in the term: invited against attended."""

    activity_id: str
    title: str
    kind: str
    kind_label: str
    sessions: int  # sessions in the term
    invited: int  # families invited (at any time)
    attended: int  # families who came to at least one session in the term
    invited_attended: int  # of those invited, how many came
    walk_ins: int  # families who came without an invitation
    attendances: int  # family visits: one per family per session they came to


@dataclass(frozen=True)
class KindFigures:
    """Activities of one kind in the term, added up."""

    kind: str
    label: str
    activities: int
    invited: int
    attended: int


@dataclass(frozen=True)
class Partnership:
    """An organisation first added, or first connected to a family, in the term."""

    contact_id: str
    organisation: str
    kind_label: str
    layer: int
    added_on: date | None
    first_connected_on: date | None
    how: str  # "referral" | "team" | "activity" | "" (added but not connected yet)


@dataclass(frozen=True)
class EngagementSummary:
    """Everything in the engagement summary, for the PDF, the CLI and the screen."""

    today: date
    term: eng.Term
    families: int
    terms: tuple[TermFigures, ...]
    activities: tuple[ActivityFigures, ...]
    kinds: tuple[KindFigures, ...]
    partnerships: tuple[Partnership, ...]

    @property
    def current(self) -> TermFigures:
        """The figures of the chosen term."""
        return next(t for t in self.terms if t.term == self.term)


class EngagementSummaryService:
    """Counts the engagement summary from this vault's records."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.kinds = ActivityKindsService(ctx)

    def summary(
        self, term: eng.Term | None = None, *, terms: int = DEFAULT_TERMS
    ) -> EngagementSummary:
        """The summary for a term (today's unless given), with `terms` terms of history."""
        store = self.ctx.store
        today = self.ctx.today()
        chosen = term or eng.term_of(today)
        history = eng.terms_up_to(chosen.start, max(1, terms))
        families = {str(r["id"]) for r in store.query("family")}
        session_day = {
            str(s["id"]): date.fromisoformat(str(s["date"]))
            for s in store.query("activity_session")
        }
        marks = [
            m
            for m in store.query("activity_attendance", "mark = 'attended'")
            if str(m["family_id"]) in families and str(m["session_id"]) in session_day
        ]

        attended: dict[eng.Term, set[str]] = {t: set() for t in history}
        volunteered: dict[eng.Term, set[str]] = {t: set() for t in history}
        signed: dict[eng.Term, set[str]] = {t: set() for t in history}
        for m in marks:
            t = eng.term_of(session_day[str(m["session_id"])])
            if t in attended:
                attended[t].add(str(m["family_id"]))
        for p in store.query("engagement_profile", "agreement_signed_on IS NOT NULL"):
            t = eng.term_of(date.fromisoformat(str(p["agreement_signed_on"])))
            if t in signed and str(p["family_id"]) in families:
                signed[t].add(str(p["family_id"]))
        for r in store.query("volunteering"):
            if str(r["family_id"]) not in families:
                continue
            start = date.fromisoformat(str(r["started_on"]))
            end = date.fromisoformat(str(r["ended_on"])) if r.get("ended_on") else today
            for t in history:
                if eng.overlaps(start, end, t):
                    volunteered[t].add(str(r["family_id"]))
        term_rows = tuple(
            TermFigures(
                term=t,
                engaged=len(attended[t] | volunteered[t] | signed[t]),
                attended=len(attended[t]),
                volunteered=len(volunteered[t]),
                signed_agreement=len(signed[t]),
            )
            for t in history
        )
        activities = self._activities(chosen, families, session_day, marks)
        return EngagementSummary(
            today=today,
            term=chosen,
            families=len(families),
            terms=term_rows,
            activities=activities,
            kinds=_by_kind(activities),
            partnerships=self._partnerships(chosen, families, session_day, marks),
        )

    def _activities(
        self,
        term: eng.Term,
        families: set[str],
        session_day: dict[str, date],
        marks: list[dict[str, Any]],
    ) -> tuple[ActivityFigures, ...]:
        store = self.ctx.store
        sessions_in: Counter[str] = Counter()
        for s in store.query(
            "activity_session",
            "date >= ? AND date <= ?",
            (
                term.start.isoformat(),
                term.end.isoformat(),
            ),
        ):
            sessions_in[str(s["activity_id"])] += 1
        invited: dict[str, set[str]] = {}
        for i in store.query("invitation"):
            if str(i["family_id"]) in families:
                invited.setdefault(str(i["activity_id"]), set()).add(str(i["family_id"]))
        came: dict[str, set[str]] = {}
        visits: Counter[str] = Counter()
        for m in marks:
            if session_day[str(m["session_id"])] in term:
                came.setdefault(str(m["activity_id"]), set()).add(str(m["family_id"]))
                visits[str(m["activity_id"])] += 1
        rows = []
        for a in store.query("activity", order_by="title COLLATE NOCASE, id"):
            aid = str(a["id"])
            if not sessions_in[aid]:
                continue
            asked, present = invited.get(aid, set()), came.get(aid, set())
            rows.append(
                ActivityFigures(
                    activity_id=aid,
                    title=str(a["title"]),
                    kind=str(a["kind"]),
                    kind_label=self.kinds.label_of(str(a["kind"])),
                    sessions=sessions_in[aid],
                    invited=len(asked),
                    attended=len(present),
                    invited_attended=len(present & asked),
                    walk_ins=len(present - asked),
                    attendances=visits[aid],
                )
            )
        return tuple(rows)

    def _partnerships(
        self,
        term: eng.Term,
        families: set[str],
        session_day: dict[str, date],
        marks: list[dict[str, Any]],
    ) -> tuple[Partnership, ...]:
        store = self.ctx.store
        added = self._first_written("contact")
        first: dict[str, tuple[date, str]] = {}

        def connect(contact_id: str, day: date, how: str) -> None:
            if contact_id not in first or day < first[contact_id][0]:
                first[contact_id] = (day, how)

        for r in store.query("referral", "organisation_id IS NOT NULL"):
            if str(r["family_id"]) in families:
                connect(str(r["organisation_id"]), date.fromisoformat(str(r["date"])), "referral")
        linked = self._first_written("case_link")
        for link in store.query("case_link"):
            day = linked.get(str(link["id"]))
            if day is not None and str(link["family_id"]) in families:
                connect(str(link["contact_id"]), day, "team")
        runs = {
            str(a["id"]): str(a["contact_id"])
            for a in store.query("activity", "contact_id IS NOT NULL")
        }
        for m in marks:
            contact_id = runs.get(str(m["activity_id"]))
            if contact_id is not None:
                connect(contact_id, session_day[str(m["session_id"])], "activity")
        rows = []
        for c in store.query("contact", order_by="organisation COLLATE NOCASE, id"):
            cid = str(c["id"])
            added_on = added.get(cid)
            connected = first.get(cid)
            if not ((added_on in term) or (connected is not None and connected[0] in term)):
                continue
            rows.append(
                Partnership(
                    contact_id=cid,
                    organisation=str(c.get("organisation") or ""),
                    kind_label=v.label(str(c["kind"])),
                    layer=int(c["layer"]),
                    added_on=added_on,
                    first_connected_on=connected[0] if connected else None,
                    how=connected[1] if connected else "",
                )
            )
        return tuple(rows)

    def _first_written(self, kind: str) -> dict[str, date]:
        """The day each record of a kind was first written, on whichever device wrote it.

        From the operation log's clock rather than the row's `created_at`, which on a synced
        vault is the day it arrived.
        """
        rows = self.ctx.store.conn.execute(
            "SELECT record_id, min(hlc) FROM ops WHERE kind = ? GROUP BY record_id", (kind,)
        )
        out = {}
        for record_id, stamp in rows:
            ms, _counter = parse_stamp(str(stamp))
            out[str(record_id)] = datetime.fromtimestamp(ms / 1000, UTC).date()
        return out


def _by_kind(activities: tuple[ActivityFigures, ...]) -> tuple[KindFigures, ...]:
    grouped: dict[str, list[ActivityFigures]] = {}
    for a in activities:
        grouped.setdefault(a.kind, []).append(a)
    rows = [
        KindFigures(
            kind=kind,
            label=items[0].kind_label,
            activities=len(items),
            invited=sum(a.invited for a in items),
            attended=sum(a.attended for a in items),
        )
        for kind, items in grouped.items()
    ]
    order = {k: i for i, k in enumerate(eng.ACTIVITY_KINDS)}
    rows.sort(key=lambda k: (order.get(k.kind, len(order)), k.label.casefold()))
    return tuple(rows)


def _how_words(p: Partnership) -> str:
    day = p.first_connected_on
    if day is None:
        added = p.added_on
        if added is None:
            return _("Added to the directory")
        return _("Added to the directory on {day}").format(day=f"{added:%d %b %Y}")
    words = {
        "referral": _("First referral on {day}"),
        "team": _("Joined a family's team on {day}"),
        "activity": _("Ran an activity a family came to on {day}"),
    }
    return words.get(p.how, _("First connected on {day}")).format(day=f"{day:%d %b %Y}")


def to_report(summary: EngagementSummary, asset_map: AssetMap | None = None) -> EngagementReport:
    """The summary (and the asset map's partnerships to build) as the PDF builder's data."""
    from ..reports.engagement_summary import (
        ActivityRow,
        EngagementReport,
        KindRow,
        PartnershipRow,
        TermRow,
    )

    return EngagementReport(
        term=summary.term.label,
        families=summary.families,
        terms=tuple(
            TermRow(t.term.label, t.engaged, t.attended, t.volunteered, t.signed_agreement)
            for t in summary.terms
        ),
        activities=tuple(
            ActivityRow(a.title, a.kind_label, a.sessions, a.invited, a.attended, a.walk_ins)
            for a in summary.activities
        ),
        kinds=tuple(KindRow(k.label, k.activities, k.invited, k.attended) for k in summary.kinds),
        partnerships=tuple(
            PartnershipRow(p.organisation, p.kind_label, p.layer, _how_words(p))
            for p in summary.partnerships
        ),
        gaps=tuple(c.label for c in asset_map.partnerships_to_build) if asset_map else (),
    )
