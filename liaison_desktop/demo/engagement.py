"""Demo family engagement: school activities with sessions, and each family's part in them.

A handful of school-wide activities (coffee mornings, a cookery class, a parents' evening, the
onsite food bank, a PTFA fair) with dated sessions around 'today', then for each family a
profile (how and when to reach them), invitations, who came, and now and then a volunteer.
Ids are derived as the services derive them, so a second run finds the same activities.
Each family draws from a generator of its own, so adding this changed no other demo record.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..domain import engagement as eng

_NAMESPACE = uuid.UUID("c4d2e6f8-1a3b-5c7d-9e0f-2a4b6c8d0e1f")


@dataclass(frozen=True)
class DemoActivity:
    """One demo activity: its record values and its sessions (id, day)."""

    id: str
    kind: str
    values: dict[str, Any]
    sessions: tuple[tuple[str, date, str | None], ...]  # id, day, time


def _weekly(today: date, weekday: int, weeks_back: int, weeks_ahead: int) -> list[date]:
    last = today - timedelta(days=(today.weekday() - weekday) % 7)
    return [last + timedelta(weeks=w) for w in range(-weeks_back, weeks_ahead + 1)]


def demo_activities(seed: int, today: date) -> list[DemoActivity]:
    """The demo school's activities and their sessions around `today`."""
    plans: list[tuple[str, str, str, str | None, list[date]]] = [
        ("Coffee morning, Fridays", "coffee_morning", "Community room", "08:50",
         _weekly(today, 4, 5, 1)),
        ("Cookery class, Tuesdays", "cookery_class", "School kitchen", "09:15",
         _weekly(today, 1, 3, 2)),
        ("Onsite food bank, Wednesdays", "onsite_food_bank", "Main hall", "15:00",
         _weekly(today, 2, 4, 1)),
        ("Parents' evening", "parents_evening", "Classrooms", "16:00",
         [today - timedelta(days=40), today - timedelta(days=39)]),
        ("Reading with your child workshop", "workshop", "Library", "14:30",
         [today - timedelta(days=20)]),
        ("PTFA summer fair", "ptfa_event", "Playground", "13:00",
         [today - timedelta(days=150)]),
    ]  # fmt: skip
    out = []
    for number, (title, kind, venue, time, days) in enumerate(plans):
        activity_id = uuid.uuid5(_NAMESPACE, f"{seed}|activity|{number}").hex
        out.append(
            DemoActivity(
                id=activity_id,
                kind=kind,
                values={"title": title, "kind": kind, "venue": venue, "organiser": "Demo Officer"},
                sessions=tuple(
                    (eng.session_id(activity_id, d.isoformat(), time), d, time) for d in days
                ),
            )
        )
    return out


def activity_records(activities: Sequence[DemoActivity]) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, id, values) for each activity and session, in the order they must be written."""
    records: list[tuple[str, str, dict[str, Any]]] = []
    for activity in activities:
        records.append(("activity", activity.id, dict(activity.values)))
        for sid, day, time in activity.sessions:
            values = {"activity_id": activity.id, "date": day.isoformat(), "time": time}
            records.append(("activity_session", sid, values))
    return records


CHANNELS = ("phone", "text_message", "text_message", "email", "in_person", "school_app")
BEST_TIMES = (
    "At the school gate, mornings",
    "After 3pm on weekdays",
    "Lunchtimes",
    "Evenings after 6pm",
    "Any time by text",
)
ROLES = (
    ("Reading helper", "Friday mornings"),
    ("School trip helper", "When trips run"),
    ("Coffee morning host", "Fridays"),
    ("Breakfast club helper", "Tuesday and Thursday mornings"),
    ("PTFA committee member", "Monthly"),
)


def family_engagement(
    seed: int,
    index: int,
    today: date,
    family_id: str,
    languages: Sequence[str],
    carer_ids: Sequence[str],
    activities: Sequence[DemoActivity],
    author: str,
) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, id, values) of one family's engagement records."""
    rng = random.Random(f"liaison-demo/{seed}/engagement/{index}")
    out: list[tuple[str, str, dict[str, Any]]] = []
    if rng.random() < 0.45:
        profile: dict[str, Any] = {
            "family_id": family_id,
            "preferred_channel": rng.choice(CHANNELS),
            "preferred_language": languages[0] if languages else "English",
            "best_time": rng.choice(BEST_TIMES),
        }
        if rng.random() < 0.6:
            signed = today - timedelta(days=rng.randint(5, 420))
            profile["agreement_signed_on"] = signed.isoformat()
        out.append(("engagement_profile", eng.profile_id(family_id, None), profile))
    invited: list[DemoActivity] = []
    if activities and rng.random() < 0.35:
        invited = rng.sample(list(activities), k=min(len(activities), rng.choice((1, 1, 2))))
    for activity in invited:
        first_day = min(day for _sid, day, _time in activity.sessions)
        invited_on = min(today, first_day - timedelta(days=rng.randint(3, 14)))
        out.append(
            (
                "invitation",
                eng.invitation_id(activity.id, family_id),
                {
                    "family_id": family_id,
                    "activity_id": activity.id,
                    "people": list(carer_ids[:1]),
                    "invited_on": invited_on.isoformat(),
                    "invited_by": author,
                },
            )
        )
        keen = rng.random()
        past = [s for s in activity.sessions if s[1] <= today][-3:]
        for sid, day, time in past:
            draw = rng.random()
            mark = "attended" if draw < keen else ("did_not_attend" if draw < keen + 0.2 else None)
            if mark is not None:
                out.append(_mark(activity.id, sid, day, time, family_id, mark, False, author))
    coffee = next((a for a in activities if a.kind == "coffee_morning"), None)
    if coffee is not None and coffee not in invited and rng.random() < 0.04:
        sid, day, time = [s for s in coffee.sessions if s[1] <= today][-1]
        out.append(_mark(coffee.id, sid, day, time, family_id, "attended", True, author))
    if carer_ids and rng.random() < 0.08:
        role, schedule = rng.choice(ROLES)
        start = today - timedelta(days=rng.randint(20, 300))
        values: dict[str, Any] = {
            "family_id": family_id,
            "person_id": carer_ids[0],
            "role": role,
            "schedule": schedule,
            "started_on": start.isoformat(),
        }
        if rng.random() < 0.3:
            values["ended_on"] = min(
                today, start + timedelta(days=rng.randint(20, 120))
            ).isoformat()
        out.append(("volunteering", uuid.uuid5(_NAMESPACE, f"{seed}|vol|{index}").hex, values))
    return out


def _mark(
    activity_id: str,
    sid: str,
    day: date,
    time: str | None,
    family_id: str,
    mark: str,
    walk_in: bool,
    author: str,
) -> tuple[str, str, dict[str, Any]]:
    return (
        "activity_attendance",
        eng.mark_id(sid, family_id),
        {
            "family_id": family_id,
            "activity_id": activity_id,
            "session_id": sid,
            "mark": mark,
            "walk_in": walk_in,
            "marked_at": f"{day.isoformat()}T{time or '12:00'}:00+00:00",
            "marked_by": author,
        },
    )
