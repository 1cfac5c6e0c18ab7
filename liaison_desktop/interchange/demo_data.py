"""Synthetic, clearly fictional caseload data for demos, training and benchmarks.

Households come from many cultures (see `demo_names`), live in the made-up town of Demoford
(postcode area DM, which does not exist), have Ofcom drama phone numbers and `.example`
email addresses, and every family's key facts begin "Demo data". The content is a pure
function of the seed and `today`, family by family (each household has its own random
stream), so a family can be generated alone and the same seed always tells the same story.
Record ids are fresh on every run, so the same seed can fill a vault twice without clashes.

Nothing here writes: `services.demo_service` feeds these records through the services.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ..domain import outcomes
from . import demo_text as text
from .demo_directory import ASSETS, MARK, Asset, slug
from .demo_engagement import activity_records, demo_activities, family_engagement
from .demo_names import NamePool, name_pools, pick_pool

DEMO_OWNER = "Demo Officer"
DEMO_MARK = "Demo data"
TOWN = "Demoford"

# Need themes (keys of demo_text.THEMES) as the family's `needs` tags show them.
NEED_TAGS = {
    "food": "food",
    "uniform": "uniform",
    "housing": "housing",
    "energy": "energy",
    "attendance": "attendance",
    "wellbeing": "wellbeing",
    "send": "SEND",
    "esol": "ESOL",
    "baby": "baby items",
    "furniture": "furniture",
    "money": "money advice",
}
THEME_WEIGHTS = {
    "food": 30,
    "uniform": 12,
    "housing": 14,
    "energy": 12,
    "attendance": 18,
    "wellbeing": 16,
    "send": 10,
    "esol": 6,
    "baby": 4,
    "furniture": 5,
    "money": 10,
}
# What a need is usually referred for, and which directory kind receives it.
REFERRAL_FOR_THEME = {
    "food": "food_bank",
    "uniform": "school_uniform",
    "baby": "baby_bank",
    "energy": "energy_fuel",
    "furniture": "furniture",
}
CONTACT_KIND_FOR_REFERRAL = {
    "food_bank": "food_bank",
    "clothing_bank": "clothing_bank",
    "school_uniform": "clothing_bank",
    "baby_bank": "baby_bank",
    "holiday_food": "holiday_food",
    "energy_fuel": "energy_fuel",
    "furniture": "furniture",
    "other": "transport",
}
# The multi-agency contact (layer 2) a family with this need most often has in its team.
AGENCY_TOPIC_FOR_THEME = {
    "housing": "housing",
    "wellbeing": "wellbeing",
    "attendance": "attendance",
    "baby": "baby",
    "send": "send",
    "food": "early_help",
    "money": "early_help",
}
# Which directory topics a note on each theme may name as "{org}".
ORG_TOPICS_FOR_THEME = {
    "food": ("food",),
    "uniform": ("uniform",),
    "housing": ("housing", "money"),
    "energy": ("energy",),
    "attendance": ("attendance", "transport"),
    "wellbeing": ("wellbeing",),
    "send": ("send",),
    "esol": ("esol",),
    "baby": ("baby",),
    "furniture": ("furniture",),
    "money": ("money",),
    "positive": ("sport", "youth", "culture", "reading", "church", "mosque", "gurdwara"),
}
# Neighbourhoods of Demoford and the postcode district each sits in.
AREAS = (
    ("Hollins Park", 1),
    ("Foundry Lane", 2),
    ("Northgate", 3),
    ("Riverside", 4),
    ("St Anne's", 5),
    ("Millbrook", 6),
    ("Castle Hill", 7),
    ("Brightwell Road", 8),
)
STREET_WORDS = (
    "Orchard", "Beacon", "Mill", "Chapel", "Foundry", "Willow", "Station", "Canal", "Elm",
    "Victoria", "Albert", "Spring", "Meadow", "Church", "Park", "Hawthorn", "Rowan", "Queen's",
    "Coronation", "Weavers", "Cobden", "Peel", "Garden", "Bridge", "Kiln", "Brook",
)  # fmt: skip
STREET_KINDS = ("Road", "Street", "Close", "Way", "Terrace", "Gardens", "Court", "Avenue", "Lane")
# Postcode units use letters valid in the last two characters of a UK postcode.
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Ofcom's numbers for drama: 07700 900xxx and the local ranges that read as real towns.
_LANDLINE_PREFIXES = ("01632 960", "0161 496 0", "0113 496 0", "0117 496 0", "020 7946 0")
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


@dataclass(frozen=True)
class DemoRecord:
    """One record to create: its kind, a fresh id, and the values its service validates."""

    kind: str
    id: str
    values: dict[str, Any]


@dataclass(frozen=True)
class DirectoryEntry:
    """What the family generator needs to know about a directory contact to link to it."""

    id: str
    kind: str
    layer: int
    organisation: str
    role: str
    topic: str


@dataclass
class _Household:
    """Working state while one family is generated."""

    rng: random.Random
    pool: NamePool
    themes: list[str]
    carers: list[tuple[str, str, bool]] = field(default_factory=list)  # id, name, female
    pupils: list[tuple[str, str]] = field(default_factory=list)  # id, given name
    children: list[str] = field(default_factory=list)  # given names of every child
    people: list[DemoRecord] = field(default_factory=list)
    records: list[DemoRecord] = field(default_factory=list)
    school: str = "Demoford Primary School"


def _new_id() -> str:
    return uuid.uuid4().hex


def academic_year_start(today: date) -> date:
    """1 September of the school year `today` falls in."""
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def upn_check_letter(body: str) -> str:
    """The check letter of a unique pupil number (DfE algorithm) for its 12 other characters."""
    total = sum(int(ch) * weight for weight, ch in enumerate(body, start=2))
    return _UPN_LETTERS[total % 23]


def _ascii(text_: str) -> str:
    folded = unicodedata.normalize("NFKD", text_).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def entries_from_contacts(contacts: Iterable[DemoRecord | dict[str, Any]]) -> list[DirectoryEntry]:
    """Directory entries from contact records (generated now, or already in the vault)."""
    topics = {(a.organisation + MARK, a.role): a.topic for a in ASSETS}
    entries = []
    for contact in contacts:
        values = contact.values if isinstance(contact, DemoRecord) else contact
        record_id = contact.id if isinstance(contact, DemoRecord) else str(contact["id"])
        organisation = str(values.get("organisation") or "")
        role = str(values.get("role") or "")
        kind = str(values.get("kind") or "other")
        entries.append(
            DirectoryEntry(
                id=record_id,
                kind=kind,
                layer=int(values.get("layer") or 3),
                organisation=organisation,
                role=role,
                topic=topics.get((organisation, role), kind),
            )
        )
    return entries


class DemoGenerator:
    """Deterministic fictional data for one seed and one 'today'."""

    def __init__(self, seed: int, *, today: date, author: str = DEMO_OWNER) -> None:
        self.seed = seed
        self.today = today
        self.author = author
        self.pools = name_pools(seed)
        self._english = next(p for p in self.pools if p.culture.key == "british")
        self.activities = demo_activities(seed, today)

    # -- the directory -----------------------------------------------------------------------
    def directory(self) -> list[DemoRecord]:
        """The community directory: every asset of `demo_directory` as a contact record."""
        rng = random.Random(f"liaison-demo/{self.seed}/directory")
        records = []
        for number, asset in enumerate(ASSETS):
            records.append(DemoRecord("contact", _new_id(), self._contact(rng, number, asset)))
        return records

    def _contact(self, rng: random.Random, number: int, asset: Asset) -> dict[str, Any]:
        pool = pick_pool(rng, self.pools)
        female = rng.random() < 0.6
        given = rng.choice(pool.female if female else pool.male)
        surname = pool.surname_for(rng.choice(pool.surnames), female)
        area, district = AREAS[number % len(AREAS)]
        domain = f"{slug(asset.organisation)}.example"
        values: dict[str, Any] = {
            "organisation": asset.organisation + MARK,
            "name": f"{given} {surname}",
            "role": asset.role,
            "kind": asset.kind,
            "layer": asset.layer,
            "service_offered": asset.service,
            "opening_times": asset.opening or None,
            "phone": self._landline(rng),
            "email": f"hello@{domain}",
            "address": f"{rng.randint(1, 120)} {rng.choice(STREET_WORDS)} "
            f"{rng.choice(STREET_KINDS)}, {area}, {TOWN} {self._postcode(rng, district)}",
            "website": f"https://{domain}/",
        }
        if asset.agency:
            values["secure_email"] = f"{_ascii(given)}.{_ascii(surname)}@secure.{domain}"
        return values

    # -- families ------------------------------------------------------------------------------
    def families(
        self, count: int, directory: Sequence[DirectoryEntry], *, start: int = 0
    ) -> Iterable[list[DemoRecord]]:
        """`count` households (numbers `start`…), each as its records in creation order."""
        for index in range(start, start + count):
            yield self.family(index, directory)

    def family(self, index: int, directory: Sequence[DirectoryEntry]) -> list[DemoRecord]:
        """Household number `index`: the family, its people and its history."""
        rng = random.Random(f"liaison-demo/{self.seed}/family/{index}")
        pool = pick_pool(rng, self.pools)
        themes = self._themes(rng, pool)
        house = _Household(rng=rng, pool=pool, themes=themes)
        family_id = _new_id()
        house.people = self._people(house, family_id)
        by_topic = _index(directory)
        house.records.append(DemoRecord("family", family_id, self._family(house, by_topic)))
        house.records.extend(house.people)
        visits = self._visits(house, family_id)
        notes = self._notes(house, family_id, visits, by_topic)
        self._referrals(house, family_id, by_topic)
        self._actions(house, family_id)
        self._consents(house, family_id)
        self._case_links(house, family_id, by_topic)
        self._attendance(house, family_id)
        if rng.random() < 0.03 and notes:
            self._concern(house, family_id, notes[-1])
        self._outcome_reviews(house, family_id, index)
        engagement = family_engagement(
            self.seed,
            index,
            self.today,
            family_id,
            house.pool.culture.languages,
            [carer_id for carer_id, _name, _female in house.carers],
            self.activities,
            self.author,
        )
        house.records.extend(DemoRecord(kind, rid, values) for kind, rid, values in engagement)
        return house.records

    def activity_records(self) -> list[DemoRecord]:
        """The school's demo activities and their sessions (written before any family)."""
        return [DemoRecord(k, rid, values) for k, rid, values in activity_records(self.activities)]

    def _outcome_reviews(self, house: _Household, family_id: str, index: int) -> None:
        # A generator of its own, so adding scorings changed none of the other demo records.
        rng = random.Random(f"liaison-demo/{self.seed}/outcomes/{index}")
        if rng.random() >= 0.6:
            return
        start = self.today - timedelta(days=rng.randint(70, 220))
        present = [given for _id, given, _female in house.carers[:1]]
        present += [given for _id, given in house.pupils[:1] if rng.random() < 0.5]
        scores = {key: rng.randint(2, 6) for key in outcomes.AREA_KEYS}
        sittings = [(start, "start", scores)]
        if rng.random() < 0.75:
            later = {
                k: max(1, min(10, v + rng.choice((-1, 0, 1, 1, 2, 2, 3))))
                for k, v in scores.items()
            }
            review = min(self.today, start + timedelta(days=rng.randint(42, 100)))
            sittings.append((review, "review", later))
        for day, stage, values in sittings:
            house.records.append(
                DemoRecord(
                    "outcome_review",
                    _new_id(),
                    {
                        "family_id": family_id,
                        "date": day.isoformat(),
                        "stage": stage,
                        **values,
                        "scored_by": self.author,
                        "family_present": " and ".join(present),
                    },
                )
            )

    def _themes(self, rng: random.Random, pool: NamePool) -> list[str]:
        names = list(THEME_WEIGHTS)
        weights = [THEME_WEIGHTS[n] for n in names]
        if pool.culture.english_fluent < 0.8:
            weights[names.index("esol")] *= 4
        chosen: list[str] = []
        for _ in range(rng.choices((1, 2, 3), weights=(40, 40, 20))[0]):
            theme = rng.choices(names, weights=weights)[0]
            if theme not in chosen:
                chosen.append(theme)
        return chosen

    def _people(self, house: _Household, family_id: str) -> list[DemoRecord]:
        rng, pool = house.rng, house.pool
        records: list[DemoRecord] = []
        surname = rng.choice(pool.surnames)
        single = rng.random() < 0.45
        first_female = rng.random() < (0.85 if single else 0.9)
        carer_sexes = [first_female] if single else [first_female, not first_female]
        if not single and rng.random() < 0.06:
            carer_sexes = [first_female, first_female]
        pupil_years = sorted(
            rng.sample(range(-1, 14), rng.choices((1, 2, 3), weights=(50, 35, 15))[0]),
            reverse=True,
        )
        ay_start = academic_year_start(self.today)
        eldest_birth_year = ay_start.year - pupil_years[0] - 5
        fluent = rng.random() < pool.culture.english_fluent
        for n, female in enumerate(carer_sexes):
            given = rng.choice(pool.female if female else pool.male)
            carer_surname = surname if n == 0 or rng.random() < 0.7 else rng.choice(pool.surnames)
            family_name = pool.surname_for(carer_surname, female)
            birth = _random_date(
                rng,
                date(eldest_birth_year - rng.randint(20, 38), 1, 1),
                date(eldest_birth_year - 19, 12, 31),
            )
            person_id = _new_id()
            values: dict[str, Any] = {
                "family_id": family_id,
                "given_name": given,
                "family_name": family_name,
                "role": "carer",
                "relationship": ("Mother" if female else "Father")
                if rng.random() < 0.85
                else ("Stepmother" if female else "Stepfather"),
                "date_of_birth": birth.isoformat(),
                "languages": list(pool.culture.languages[:2]),
                "interpreter_needed": not fluent and n == 0,
                "phone": self._mobile(rng),
            }
            if rng.random() < 0.4:
                values["email"] = (
                    f"{_ascii(given)}.{_ascii(family_name)}{rng.randint(1, 99)}@example.com"
                )
            records.append(DemoRecord("person", person_id, values))
            house.carers.append((person_id, given, female))
        child_languages = list(dict.fromkeys([*pool.culture.languages[:1], "English"]))
        school_code = rng.choice(("2001", "2002", "4003"))
        for year in pupil_years:
            female = rng.random() < 0.5
            names_from = pool if rng.random() < 0.7 else self._english
            given = rng.choice(names_from.female if female else names_from.male)
            start = date(ay_start.year - year - 5, 9, 1)
            birth = _random_date(rng, start, date(start.year + 1, 8, 31))
            serial = f"{rng.randint(0, 999):03d}"
            body = f"999{school_code}{birth.year % 100:02d}{serial}"
            person_id = _new_id()
            values = {
                "family_id": family_id,
                "given_name": given,
                "family_name": pool.surname_for(surname, female),
                "role": "pupil",
                "relationship": "Daughter" if female else "Son",
                "date_of_birth": birth.isoformat(),
                "year_group": year,
                "upn": upn_check_letter(body) + body,
                "languages": child_languages,
            }
            if house.themes and "send" in house.themes and not house.pupils:
                values["needs"] = "SEN support: speech and language; visual timetable helps."
            records.append(DemoRecord("person", person_id, values))
            house.pupils.append((person_id, given))
            house.children.append(given)
        if pupil_years[0] >= 7:
            house.school = "Northgate Academy"
        # Younger siblings (and sometimes a grown-up one) who are not pupils here.
        for _ in range(rng.choices((0, 1, 2), weights=(60, 30, 10))[0]):
            female = rng.random() < 0.5
            baby = rng.random() < 0.7 or "baby" in house.themes
            birth = (
                _random_date(
                    rng, self.today - timedelta(days=4 * 365), self.today - timedelta(days=30)
                )
                if baby
                else _random_date(
                    rng, date(eldest_birth_year - 6, 1, 1), date(eldest_birth_year - 2, 12, 31)
                )
            )
            given = rng.choice(pool.female if female else pool.male)
            records.append(
                DemoRecord(
                    "person",
                    _new_id(),
                    {
                        "family_id": family_id,
                        "given_name": given,
                        "family_name": pool.surname_for(surname, female),
                        "role": "sibling",
                        "relationship": "Sister" if female else "Brother",
                        "date_of_birth": birth.isoformat(),
                        "languages": child_languages,
                    },
                )
            )
            house.children.append(given)
        if rng.random() < 0.06:
            female = rng.random() < 0.7
            records.append(
                DemoRecord(
                    "person",
                    _new_id(),
                    {
                        "family_id": family_id,
                        "given_name": rng.choice(pool.female if female else pool.male),
                        "family_name": pool.surname_for(surname, female),
                        "role": "other",
                        "relationship": "Grandmother" if female else "Grandfather",
                        "languages": list(pool.culture.languages[:1]),
                        "interpreter_needed": pool.culture.english_fluent < 0.8,
                    },
                )
            )
        return records

    def _family(
        self, house: _Household, by_topic: dict[str, list[DirectoryEntry]]
    ) -> dict[str, Any]:
        rng, pool = house.rng, house.pool
        area, district = rng.choice(AREAS)
        # The household is named after its carers' surnames (one, or both when they differ).
        surnames: list[str] = []
        for record in house.people:
            if record.values["role"] == "carer" and record.values["family_name"] not in surnames:
                surnames.append(str(record.values["family_name"]))
        fill = self._fill(house, by_topic, "positive")
        strengths = " ".join(
            s.format(**fill) for s in rng.sample(text.STRENGTHS, rng.randint(2, 3))
        )
        facts = [f"{DEMO_MARK}: a fictional family generated for practice and demonstrations."]
        if pool.culture.english_fluent < 1.0:
            facts.append(f"Home languages: {', '.join(pool.culture.languages)}.")
        facts.append(f"Pupils at {house.school}.")
        values: dict[str, Any] = {
            "name": f"{' / '.join(surnames)} family",
            "address": f"{rng.randint(1, 240)} {rng.choice(STREET_WORDS)} "
            f"{rng.choice(STREET_KINDS)}, {area}, {TOWN}",
            "postcode": self._postcode(rng, district),
            "phone": house.people[0].values.get("phone"),
            "strengths": strengths,
            "key_facts": " ".join(facts),
            "needs": [NEED_TAGS[t] for t in house.themes],
        }
        interpreter = any(p.values.get("interpreter_needed") for p in house.people)
        if interpreter:
            facts.append("Book an interpreter for meetings.")
            values["key_facts"] = " ".join(facts)
        if rng.random() < 0.1:
            alerts = text.ALERTS if interpreter else text.ALERTS[:-1]
            values["alerts"] = rng.choice(alerts).format(**fill)
        return values

    def _visits(self, house: _Household, family_id: str) -> list[DemoRecord]:
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

    def _visit(self, house: _Household, family_id: str, day: date, status: str) -> DemoRecord:
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
        return DemoRecord("visit", _new_id(), values)

    def _notes(
        self,
        house: _Household,
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
            fill = self._fill(house, by_topic, theme)
            if template == "home_visit":
                fill["day"] = at.strftime("%A")
            good = self._fill(house, by_topic, "positive")
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
            notes.append(DemoRecord("note", _new_id(), values))
        house.records.extend(notes)
        return notes

    def _referrals(
        self, house: _Household, family_id: str, by_topic: dict[str, list[DirectoryEntry]]
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
            org = _choose(rng, [e for e in _all(by_topic) if e.kind == contact_kind])
            fill = self._fill(house, by_topic, "food", org=org)
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
            house.records.append(DemoRecord("referral", _new_id(), values))

    def _actions(self, house: _Household, family_id: str) -> None:
        rng = house.rng
        for _ in range(rng.choices((0, 1, 2), weights=(25, 50, 25))[0]):
            theme = rng.choice(house.themes) if house.themes else "positive"
            due = self.today + timedelta(days=rng.randint(-20, 21))
            done = due < self.today and rng.random() < 0.7
            values: dict[str, Any] = {
                "family_id": family_id,
                "title": rng.choice(text.ACTIONS[theme]).format(**self._names(house)),
                "owner": rng.choice((self.author, self.author, house.carers[0][1], "SENCo")),
                "due": due.isoformat(),
                "done": done,
            }
            if done:
                values["done_at"] = (due - timedelta(days=rng.randint(0, 3))).isoformat()
            house.records.append(DemoRecord("action", _new_id(), values))

    def _consents(self, house: _Household, family_id: str) -> None:
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
            house.records.append(DemoRecord("consent", _new_id(), values))

    def _case_links(
        self, house: _Household, family_id: str, by_topic: dict[str, list[DirectoryEntry]]
    ) -> None:
        rng = house.rng
        chosen: list[DirectoryEntry] = []
        for theme in house.themes:
            topic = AGENCY_TOPIC_FOR_THEME.get(theme)
            entry = _choose(rng, by_topic.get(topic, [])) if topic else None
            if entry is not None and entry not in chosen:
                chosen.append(entry)
        faith = house.pool.culture.faith
        if faith and rng.random() < 0.4:
            entry = _choose(rng, by_topic.get(faith, []))
            if entry is not None and entry not in chosen:
                chosen.append(entry)
        if rng.random() < 0.5:
            entry = _choose(
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
            entry = _choose(rng, [e for e in _all(by_topic) if e.layer == 4])
            if entry is not None and entry not in chosen:
                chosen.append(entry)
        for entry in chosen[:4]:
            house.records.append(
                DemoRecord(
                    "case_link",
                    _new_id(),
                    {"family_id": family_id, "contact_id": entry.id, "role": entry.role},
                )
            )

    def _attendance(self, house: _Household, family_id: str) -> None:
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
                    _new_id(),
                    {
                        "family_id": family_id,
                        "person_id": person_id,
                        "period": period,
                        "sessions_possible": possible,
                        "sessions_attended": round(possible * share),
                    },
                )
            )

    def _concern(self, house: _Household, family_id: str, note: DemoRecord) -> None:
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
        house.records.append(DemoRecord("concern", _new_id(), values))

    # -- small pieces --------------------------------------------------------------------------
    def _names(self, house: _Household) -> dict[str, str]:
        carer = house.carers[0]
        children = house.children or ["the children"]
        return {
            "carer": carer[1],
            "child": children[0],
            "child2": children[-1],
            "they": "she" if carer[2] else "he",
            "them": "her" if carer[2] else "him",
            "their": "her" if carer[2] else "his",
            "have": "has",
            "need": "needs",
            "school": house.school,
            "size": str(len(house.carers) + len(house.children)),
        }

    def _fill(
        self,
        house: _Household,
        by_topic: dict[str, list[DirectoryEntry]],
        theme: str,
        *,
        org: DirectoryEntry | None = None,
    ) -> dict[str, str]:
        rng = house.rng
        if org is None:
            topics = ORG_TOPICS_FOR_THEME.get(theme, (theme,))
            org = _choose(rng, [e for t in topics for e in by_topic.get(t, [])])
        agency = _choose(rng, [e for e in _all(by_topic) if e.layer == 2])
        return {
            **self._names(house),
            "org": org.organisation if org else f"the {TOWN} community centre",
            "agency": f"{agency.role.lower()} ({agency.organisation})" if agency else "early help",
            "day": rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")),
        }

    @staticmethod
    def _mobile(rng: random.Random) -> str:
        return f"07700 900{rng.randint(0, 999):03d}"

    @staticmethod
    def _landline(rng: random.Random) -> str:
        prefix = rng.choice(_LANDLINE_PREFIXES)
        digits = 11 - sum(ch.isdigit() for ch in prefix)  # UK numbers have 11 digits
        return f"{prefix}{rng.randint(0, 10**digits - 1):0{digits}d}"

    @staticmethod
    def _postcode(rng: random.Random, district: int) -> str:
        letters = rng.choice(_UNIT_LETTERS) + rng.choice(_UNIT_LETTERS)
        return f"DM{district} {rng.randint(1, 9)}{letters}"


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _index(directory: Sequence[DirectoryEntry]) -> dict[str, list[DirectoryEntry]]:
    by_topic: dict[str, list[DirectoryEntry]] = {"*": list(directory)}
    for entry in directory:
        by_topic.setdefault(entry.topic, []).append(entry)
    return by_topic


def _all(by_topic: dict[str, list[DirectoryEntry]]) -> list[DirectoryEntry]:
    return by_topic.get("*", [])


def _choose(rng: random.Random, entries: Sequence[DirectoryEntry]) -> DirectoryEntry | None:
    return rng.choice(entries) if entries else None
