"""The fictional town of the demo: its streets, numbers, themes and the records it is made of.

Shared by the household generator (`generator.py`) and its casework (`casework.py`).
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..domain import fields
from .directory import ASSETS, MARK
from .names import NamePool

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
class Household:
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


def new_id() -> str:
    return uuid.uuid4().hex


def academic_year_start(today: date) -> date:
    """1 September of the school year `today` falls in."""
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


upn_check_letter = fields.upn_check_letter  # the demo's UPNs pass the real check


def plain_ascii(text_: str) -> str:
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


def household_names(house: Household) -> dict[str, str]:
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


def fill_placeholders(
    house: Household,
    by_topic: dict[str, list[DirectoryEntry]],
    theme: str,
    *,
    org: DirectoryEntry | None = None,
) -> dict[str, str]:
    rng = house.rng
    if org is None:
        topics = ORG_TOPICS_FOR_THEME.get(theme, (theme,))
        org = choose(rng, [e for t in topics for e in by_topic.get(t, [])])
    agency = choose(rng, [e for e in all_entries(by_topic) if e.layer == 2])
    return {
        **household_names(house),
        "org": org.organisation if org else f"the {TOWN} community centre",
        "agency": f"{agency.role.lower()} ({agency.organisation})" if agency else "early help",
        "day": rng.choice(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")),
    }


def mobile_number(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def landline_number(rng: random.Random) -> str:
    prefix = rng.choice(_LANDLINE_PREFIXES)
    digits = 11 - sum(ch.isdigit() for ch in prefix)  # UK numbers have 11 digits
    return f"{prefix}{rng.randint(0, 10**digits - 1):0{digits}d}"


def postcode(rng: random.Random, district: int) -> str:
    letters = rng.choice(_UNIT_LETTERS) + rng.choice(_UNIT_LETTERS)
    return f"DM{district} {rng.randint(1, 9)}{letters}"


def random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def index_by_topic(directory: Sequence[DirectoryEntry]) -> dict[str, list[DirectoryEntry]]:
    by_topic: dict[str, list[DirectoryEntry]] = {"*": list(directory)}
    for entry in directory:
        by_topic.setdefault(entry.topic, []).append(entry)
    return by_topic


def all_entries(by_topic: dict[str, list[DirectoryEntry]]) -> list[DirectoryEntry]:
    return by_topic.get("*", [])


def choose(rng: random.Random, entries: Sequence[DirectoryEntry]) -> DirectoryEntry | None:
    return rng.choice(entries) if entries else None
