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
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from ..domain import outcomes
from . import text
from .casework import Casework
from .directory import ASSETS, MARK, Asset, slug
from .engagement import activity_records, demo_activities, family_engagement
from .names import NamePool, name_pools, pick_pool
from .setting import (
    AREAS,
    DEMO_MARK,
    DEMO_OWNER,
    NEED_TAGS,
    STREET_KINDS,
    STREET_WORDS,
    THEME_WEIGHTS,
    TOWN,
    DemoRecord,
    DirectoryEntry,
    Household,
    academic_year_start,
    fill_placeholders,
    index_by_topic,
    landline_number,
    mobile_number,
    new_id,
    plain_ascii,
    postcode,
    random_date,
    upn_check_letter,
)


class DemoGenerator:
    """Deterministic fictional data for one seed and one 'today'."""

    def __init__(self, seed: int, *, today: date, author: str = DEMO_OWNER) -> None:
        self.seed = seed
        self.today = today
        self.author = author
        self.pools = name_pools(seed)
        self._english = next(p for p in self.pools if p.culture.key == "british")
        self.activities = demo_activities(seed, today)
        self._casework = Casework(today=today, author=author)

    # -- the directory -----------------------------------------------------------------------
    def directory(self) -> list[DemoRecord]:
        """The community directory: every asset of `demo_directory` as a contact record."""
        rng = random.Random(f"liaison-demo/{self.seed}/directory")
        records = []
        for number, asset in enumerate(ASSETS):
            records.append(DemoRecord("contact", new_id(), self._contact(rng, number, asset)))
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
            "phone": landline_number(rng),
            "email": f"hello@{domain}",
            "address": f"{rng.randint(1, 120)} {rng.choice(STREET_WORDS)} "
            f"{rng.choice(STREET_KINDS)}, {area}, {TOWN} {postcode(rng, district)}",
            "website": f"https://{domain}/",
        }
        if asset.agency:
            values["secure_email"] = f"{plain_ascii(given)}.{plain_ascii(surname)}@secure.{domain}"
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
        house = Household(rng=rng, pool=pool, themes=themes)
        family_id = new_id()
        house.people = self._people(house, family_id)
        by_topic = index_by_topic(directory)
        house.records.append(DemoRecord("family", family_id, self._family(house, by_topic)))
        house.records.extend(house.people)
        visits = self._casework._visits(house, family_id)
        notes = self._casework._notes(house, family_id, visits, by_topic)
        self._casework._referrals(house, family_id, by_topic)
        self._casework._actions(house, family_id)
        # Its own generator, so the rest of each household stays as it was before plans existed.
        week = random.Random(f"liaison-demo/{self.seed}/family/{index}/week")
        self._casework._week(week, house, family_id, visits)
        self._casework._consents(house, family_id)
        self._casework._case_links(house, family_id, by_topic)
        self._casework._attendance(house, family_id)
        if rng.random() < 0.03 and notes:
            self._casework._concern(house, family_id, notes[-1])
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

    def _outcome_reviews(self, house: Household, family_id: str, index: int) -> None:
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
                    new_id(),
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

    def _people(self, house: Household, family_id: str) -> list[DemoRecord]:
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
            birth = random_date(
                rng,
                date(eldest_birth_year - rng.randint(20, 38), 1, 1),
                date(eldest_birth_year - 19, 12, 31),
            )
            person_id = new_id()
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
                "phone": mobile_number(rng),
            }
            if rng.random() < 0.4:
                local = f"{plain_ascii(given)}.{plain_ascii(family_name)}{rng.randint(1, 99)}"
                values["email"] = f"{local}@example.com"
            records.append(DemoRecord("person", person_id, values))
            house.carers.append((person_id, given, female))
        child_languages = list(dict.fromkeys([*pool.culture.languages[:1], "English"]))
        school_code = rng.choice(("2001", "2002", "4003"))
        for year in pupil_years:
            female = rng.random() < 0.5
            names_from = pool if rng.random() < 0.7 else self._english
            given = rng.choice(names_from.female if female else names_from.male)
            start = date(ay_start.year - year - 5, 9, 1)
            birth = random_date(rng, start, date(start.year + 1, 8, 31))
            serial = f"{rng.randint(0, 999):03d}"
            body = f"999{school_code}{birth.year % 100:02d}{serial}"
            person_id = new_id()
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
                random_date(
                    rng, self.today - timedelta(days=4 * 365), self.today - timedelta(days=30)
                )
                if baby
                else random_date(
                    rng, date(eldest_birth_year - 6, 1, 1), date(eldest_birth_year - 2, 12, 31)
                )
            )
            given = rng.choice(pool.female if female else pool.male)
            records.append(
                DemoRecord(
                    "person",
                    new_id(),
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
                    new_id(),
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
        self, house: Household, by_topic: dict[str, list[DirectoryEntry]]
    ) -> dict[str, Any]:
        rng, pool = house.rng, house.pool
        area, district = rng.choice(AREAS)
        # The household is named after its carers' surnames (one, or both when they differ).
        surnames: list[str] = []
        for record in house.people:
            if record.values["role"] == "carer" and record.values["family_name"] not in surnames:
                surnames.append(str(record.values["family_name"]))
        fill = fill_placeholders(house, by_topic, "positive")
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
            "postcode": postcode(rng, district),
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
