"""A demo household's casework: visits, notes, referrals, actions, consents, its team,
attendance and the odd concern, written in the voice of its officer."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ..domain import vocabulary
from . import text
from .setting import (
    AGENCY_TOPIC_FOR_THEME,
    CONTACT_KIND_FOR_REFERRAL,
    REFERRAL_FOR_THEME,
    DemoRecord,
    DirectoryEntry,
    Household,
    academic_year_start,
    all_entries,
    choose,
    fill_placeholders,
    household_names,
    new_id,
)


class Casework:
    """Adds a household's casework to its records (deterministic from its generator)."""

    def __init__(self, *, today: date, author: str) -> None:
        self.today = today
        self.author = author

    def _visits(self, house: Household, family_id: str) -> list[DemoRecord]:
        rng = house.rng
        visits: list[DemoRecord] = []
        for _ in range(rng.choices((1, 2, 3), weights=(35, 40, 25))[0]):
            day = self.today - timedelta(days=rng.randint(3, 150))
            status = rng.choices(("completed", "no_access", "cancelled"), weights=(75, 12, 13))[0]
            visits.append(self._visit(house, family_id, day, status))
        if rng.random() < 0.6:
            ahead = rng.randint(0, 6) if rng.random() < 0.5 else rng.randint(7, 20)
            visits.append(
                self._visit(house, family_id, self.today + timedelta(days=ahead), "planned")
            )
        visits.sort(key=lambda r: (r.values["date"], r.values["time"]))
        house.records.extend(visits)
        return visits

    def _visit(self, house: Household, family_id: str, day: date, status: str) -> DemoRecord:
        rng = house.rng
        theme = rng.choice(house.themes) if house.themes else "positive"
        start = time(rng.choice((9, 10, 11, 13, 14, 15)), rng.choice((0, 15, 30, 45)))
        values: dict[str, Any] = {
            "family_id": family_id,
            "date": day.isoformat(),
            "time": start.strftime("%H:%M"),
            "status": status,
            "purpose": rng.choice(text.VISIT_PURPOSES[theme]),
            "officer": self.author,
        }
        begins = datetime.combine(day, start, tzinfo=UTC)
        values["expected_end"] = (begins + timedelta(minutes=60)).isoformat()
        if status == "completed":
            values["checked_in_at"] = (begins + timedelta(minutes=rng.randint(0, 10))).isoformat()
            values["checked_out_at"] = (begins + timedelta(minutes=rng.randint(35, 80))).isoformat()
        return DemoRecord("visit", new_id(), values)

    def _notes(
        self,
        house: Household,
        family_id: str,
        visits: list[DemoRecord],
        by_topic: dict[str, list[DirectoryEntry]],
    ) -> list[DemoRecord]:
        rng = house.rng
        completed = [v for v in visits if v.values["status"] == "completed"]
        wanted = max(rng.randint(3, 7), len(completed))
        plans: list[tuple[datetime, str, str | None]] = []
        for visit in completed:
            at = datetime.fromisoformat(str(visit.values["checked_out_at"]))
            plans.append((at + timedelta(minutes=rng.randint(5, 120)), "home_visit", visit.id))
        others = ("phone_call", "meeting", "taf", "general")
        while len(plans) < wanted:
            day = self.today - timedelta(days=rng.randint(1, 240))
            at = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=UTC)
            template = rng.choices(others, weights=(45, 25, 12, 18))[0]
            plans.append((at, template, None))
        plans.sort(key=lambda p: p[0])
        notes = []
        for number, (at, template, visit_id) in enumerate(plans):
            theme = rng.choice(house.themes) if house.themes else "positive"
            fill = fill_placeholders(house, by_topic, theme)
            if template == "home_visit":
                fill["day"] = at.strftime("%A")
            good = fill_placeholders(house, by_topic, "positive")
            parts = [rng.choice(text.OPENINGS[template]).format(**fill)]
            parts.extend(
                p.format(**fill)
                for p in rng.sample(text.THEMES[theme], min(2, len(text.THEMES[theme])))
            )
            if rng.random() < 0.35:
                parts.append(rng.choice(text.THEMES["positive"]).format(**good))
            parts.append(rng.choice(text.CLOSINGS).format(**good))
            parts.append(rng.choice(text.NEXT_STEPS[theme]).format(**fill))
            body = " ".join(p for p in parts if p)
            last = number == len(plans) - 1
            values: dict[str, Any] = {
                "family_id": family_id,
                "written_at": at.isoformat(),
                "author": self.author,
                "template": template,
                "text": body,
                "status": "draft" if last and rng.random() < 0.2 else "final",
                "visit_id": visit_id,
            }
            notes.append(DemoRecord("note", new_id(), values))
        house.records.extend(notes)
        return notes

    def _referrals(
        self, house: Household, family_id: str, by_topic: dict[str, list[DirectoryEntry]]
    ) -> None:
        rng = house.rng
        kinds = [REFERRAL_FOR_THEME[t] for t in house.themes if t in REFERRAL_FOR_THEME]
        if "food" in house.themes and rng.random() < 0.3:
            kinds.append("holiday_food")
        if "food_bank" in kinds and rng.random() < 0.15:
            kinds.extend(["food_bank"] * rng.randint(1, 2))  # reaches the voucher limit
        if "attendance" in house.themes and rng.random() < 0.25:
            kinds.append("other")
        for kind in kinds:
            day = self.today - timedelta(days=rng.randint(1, 170))
            status = rng.choices(
                ("draft", "sent", "accepted", "fulfilled", "declined", "withdrawn"),
                weights=(8, 15, 12, 45, 10, 10),
            )[0]
            contact_kind = CONTACT_KIND_FOR_REFERRAL[kind]
            org = choose(rng, [e for e in all_entries(by_topic) if e.kind == contact_kind])
            fill = fill_placeholders(house, by_topic, "food", org=org)
            values: dict[str, Any] = {
                "family_id": family_id,
                "kind": kind,
                "organisation_id": org.id if org else None,
                "status": status,
                "date": day.isoformat(),
                "reason": rng.choice(text.REFERRAL_REASONS[kind]).format(**fill),
            }
            if kind in ("school_uniform", "holiday_food") and house.pupils:
                values["person_id"] = rng.choice(house.pupils)[0]
            if kind == "food_bank" and status in ("sent", "accepted", "fulfilled"):
                values["vouchers"] = 1
            if status != "draft":
                changed = min(self.today, day + timedelta(days=rng.randint(1, 14)))
                values["status_changed_at"] = changed.isoformat()
            if status in text.REFERRAL_OUTCOMES:
                values["outcome"] = rng.choice(text.REFERRAL_OUTCOMES[status]).format(**fill)
            house.records.append(DemoRecord("referral", new_id(), values))

    def _actions(self, house: Household, family_id: str) -> None:
        rng = house.rng
        for _ in range(rng.choices((0, 1, 2), weights=(25, 50, 25))[0]):
            theme = rng.choice(house.themes) if house.themes else "positive"
            due = self.today + timedelta(days=rng.randint(-20, 21))
            done = due < self.today and rng.random() < 0.7
            values: dict[str, Any] = {
                "family_id": family_id,
                "title": rng.choice(text.ACTIONS[theme]).format(**household_names(house)),
                "owner": rng.choice((self.author, self.author, house.carers[0][1], "SENCo")),
                "due": due.isoformat(),
                "done": done,
            }
            if done:
                values["done_at"] = (due - timedelta(days=rng.randint(0, 3))).isoformat()
            house.records.append(DemoRecord("action", new_id(), values))

    def _week(
        self, rng: random.Random, house: Household, family_id: str, visits: list[DemoRecord]
    ) -> None:
        """How past visits ended (what was done at a closed door, who cancelled, time and
        miles), an action from the latest visit, and a case plan with a review for some."""
        for visit in visits:
            values = visit.values
            if values["status"] == "planned":
                continue
            values["outcome_at"] = values.get("checked_out_at") or (
                f"{values['date']}T{values['time']}:00+00:00"
            )
            if values["status"] == "no_access":
                values["no_access_steps"] = sorted(
                    rng.sample(
                        ("card_left", "asked_neighbour", "phoned", "texted"), rng.randint(1, 3)
                    )
                )
            elif values["status"] == "cancelled":
                values["cancelled_by"] = rng.choice(vocabulary.CANCELLED_BY)
                continue
            values["minutes"] = (
                rng.randint(5, 15) if values["status"] == "no_access" else (rng.randint(30, 75))
            )
            values["travel_minutes"] = rng.randint(10, 40)
            values["miles"] = rng.randint(1, 12)
        done = [v for v in visits if v.values["status"] in ("completed", "no_access")]
        if done and rng.random() < 0.4:
            visit = done[-1]
            house.records.append(
                DemoRecord(
                    "action",
                    new_id(),
                    {
                        "family_id": family_id,
                        "title": rng.choice(text.VISIT_ACTIONS),
                        "owner": self.author,
                        "due": (self.today + timedelta(days=rng.randint(-3, 10))).isoformat(),
                        "done": False,
                        "source_kind": "visit",
                        "source_id": visit.id,
                    },
                )
            )
        if rng.random() >= 0.35:
            return
        set_on = self.today - timedelta(days=rng.randint(30, 120))
        goals = rng.sample(text.PLAN_GOALS, rng.randint(1, 3))
        reviewed = set_on + timedelta(days=42)
        for goal, target, area in goals:
            goal_id = new_id()
            review_by = reviewed + timedelta(days=42) if reviewed < self.today else reviewed
            house.records.append(
                DemoRecord(
                    "plan_goal",
                    goal_id,
                    {
                        "family_id": family_id,
                        "goal": goal,
                        "target": target,
                        "area": area,
                        "owner": rng.choice((self.author, self.author, "SENCo")),
                        "set_on": set_on.isoformat(),
                        "review_by": review_by.isoformat(),
                        "status": "open",
                    },
                )
            )
            if reviewed < self.today:
                house.records.append(
                    DemoRecord(
                        "goal_review",
                        new_id(),
                        {
                            "family_id": family_id,
                            "goal_id": goal_id,
                            "reviewed_on": reviewed.isoformat(),
                            "reviewed_by": self.author,
                            "progress": rng.choice(
                                ("not_started", "some_progress", "good_progress")
                            ),
                        },
                    )
                )

    def _consents(self, house: Household, family_id: str) -> None:
        rng = house.rng
        carer = house.people[0]
        carer_id = carer.id
        carer_name = f"{carer.values['given_name']} {carer.values['family_name']}"
        scopes = ["Share information with the team around the family"]
        if rng.random() < 0.35:
            scopes.append("Referrals to community food, clothing and energy support")
        for scope in scopes:
            given = self.today - timedelta(days=rng.randint(20, 420))
            values: dict[str, Any] = {
                "family_id": family_id,
                "person_id": carer_id,
                "scope": scope,
                "given_by": carer_name,
                "lawful_basis": "consent" if rng.random() < 0.85 else "public_task",
                "status": "given",
                "date": given.isoformat(),
                "expires": (given + timedelta(days=365)).isoformat(),
            }
            if rng.random() < 0.06:
                values["status"] = "withdrawn"
                values["withdrawn_on"] = min(
                    self.today, given + timedelta(days=rng.randint(10, 200))
                ).isoformat()
            house.records.append(DemoRecord("consent", new_id(), values))

    def _case_links(
        self, house: Household, family_id: str, by_topic: dict[str, list[DirectoryEntry]]
    ) -> None:
        rng = house.rng
        chosen: list[DirectoryEntry] = []
        for theme in house.themes:
            topic = AGENCY_TOPIC_FOR_THEME.get(theme)
            entry = choose(rng, by_topic.get(topic, [])) if topic else None
            if entry is not None and entry not in chosen:
                chosen.append(entry)
        faith = house.pool.culture.faith
        if faith and rng.random() < 0.4:
            entry = choose(rng, by_topic.get(faith, []))
            if entry is not None and entry not in chosen:
                chosen.append(entry)
        if rng.random() < 0.5:
            entry = choose(
                rng,
                [
                    *by_topic.get("sport", []),
                    *by_topic.get("youth", []),
                    *by_topic.get("reading", []),
                    *by_topic.get("culture", []),
                ],
            )
            if entry is not None and entry not in chosen:
                chosen.append(entry)
        if rng.random() < 0.15:
            entry = choose(rng, [e for e in all_entries(by_topic) if e.layer == 4])
            if entry is not None and entry not in chosen:
                chosen.append(entry)
        for entry in chosen[:4]:
            house.records.append(
                DemoRecord(
                    "case_link",
                    new_id(),
                    {"family_id": family_id, "contact_id": entry.id, "role": entry.role},
                )
            )

    def _attendance(self, house: Household, family_id: str) -> None:
        rng = house.rng
        start = academic_year_start(self.today)
        school_days = max(10, int((self.today - start).days * 5 / 7) - 10)
        period = f"{start.year}-{(start.year + 1) % 100:02d}"
        low = "attendance" in house.themes
        for person_id, _given in house.pupils:
            possible = 2 * min(school_days, 190)
            share = rng.uniform(0.72, 0.9) if low or rng.random() < 0.08 else rng.uniform(0.9, 1.0)
            house.records.append(
                DemoRecord(
                    "attendance",
                    new_id(),
                    {
                        "family_id": family_id,
                        "person_id": person_id,
                        "period": period,
                        "sessions_possible": possible,
                        "sessions_attended": round(possible * share),
                    },
                )
            )

    def _concern(self, house: Household, family_id: str, note: DemoRecord) -> None:
        child = house.pupils[0]
        values = {
            "family_id": family_id,
            "person_id": child[0],
            "source": "note",
            "source_id": note.id,
            "raised_at": note.values["written_at"],
            "raised_by": self.author,
            "observed": f"{child[1]} said they had not had breakfast for two days and were very "
            "hungry before lunch. No marks or injuries seen; they were calm and chatty.",
            "urgency": "routine",
            "who_was_told": "Designated safeguarding lead told in person the same morning.",
        }
        house.records.append(DemoRecord("concern", new_id(), values))

    # -- small pieces --------------------------------------------------------------------------
