"""Family engagement and community assets: the vocabularies, school terms and support kinds.

Pure rules, no I/O. The services in `services/activities_service.py`,
`services/engagement_service.py`, `services/asset_map_service.py` and
`services/engagement_summary_service.py` build on these.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..i18n import _

# -- activities ------------------------------------------------------------------------------
# The kinds every vault knows; a lead adds more as `activity_kind` records (they sync).
ACTIVITY_KINDS = (
    "parents_evening",
    "workshop",
    "cookery_class",
    "open_day",
    "coffee_morning",
    "volunteering",
    "ptfa_event",
    "onsite_food_bank",
    "onsite_clothing_bank",
    "other",
)
ACTIVITY_MARKS = ("attended", "did_not_attend")
CONTACT_CHANNELS = ("phone", "text_message", "email", "letter", "in_person", "school_app")
KIND_KEY_MAX = 60

# Fixed namespaces so the same invitation, mark, session or profile made on two devices (or
# twice on one) is one record, not a duplicate that sync would have to reconcile.
_NAMESPACE = uuid.UUID("b3a7d1e2-4c5f-5a69-8e0d-7f1c2b3a4d5e")


def activity_kind_id(key: str) -> str:
    """The id of a configured activity kind: two leads adding the same kind make one record."""
    return uuid.uuid5(_NAMESPACE, f"kind|{key}").hex


def session_id(activity_id: str, day: str, time: str | None) -> str:
    """The id of one session of an activity (its day and optional start time)."""
    return uuid.uuid5(_NAMESPACE, f"session|{activity_id}|{day}|{time or ''}").hex


def invitation_id(activity_id: str, family_id: str) -> str:
    """The id of a family's invitation to an activity: one invitation per family."""
    return uuid.uuid5(_NAMESPACE, f"invitation|{activity_id}|{family_id}").hex


def mark_id(session: str, family_id: str) -> str:
    """The id of a family's attendance mark for one session: one mark per family per session."""
    return uuid.uuid5(_NAMESPACE, f"mark|{session}|{family_id}").hex


def profile_id(family_id: str, person_id: str | None) -> str:
    """The id of an engagement profile: one for the family, one for each person in it."""
    return uuid.uuid5(_NAMESPACE, f"profile|{family_id}|{person_id or ''}").hex


def kind_key(label: str) -> str:
    """The stored key of an activity kind from its label ('Family Yoga!' → 'family_yoga')."""
    key = re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")
    return key[:KIND_KEY_MAX]


def activity_kind_label(key: str) -> str:
    """A built-in activity kind as a person reads it; unknown keys are made readable."""
    labels = {
        "parents_evening": _("Parents' evening"),
        "workshop": _("Workshop"),
        "cookery_class": _("Cookery class"),
        "open_day": _("Open day"),
        "coffee_morning": _("Coffee morning"),
        "volunteering": _("Volunteering"),
        "ptfa_event": _("PTFA event"),
        "onsite_food_bank": _("Onsite food bank"),
        "onsite_clothing_bank": _("Onsite clothing bank"),
        "other": _("Other"),
    }
    return labels.get(key) or key.replace("_", " ").capitalize()


def mark_label(mark: str) -> str:
    """An attendance mark as a person reads it."""
    return {"attended": _("Came"), "did_not_attend": _("Did not come")}.get(mark, mark)


def channel_label(channel: str) -> str:
    """A contact channel as a person reads it."""
    return {
        "phone": _("Phone call"),
        "text_message": _("Text message"),
        "email": _("Email"),
        "letter": _("Letter"),
        "in_person": _("In person"),
        "school_app": _("School app"),
    }.get(channel, channel)


# -- English school terms ----------------------------------------------------------------------
TERM_NAMES = ("autumn", "spring", "summer")


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@dataclass(frozen=True, order=True)
class Term:
    """One English school term, holidays included: every day of the year is in exactly one.

    Autumn runs 1 September to 31 December, spring 1 January to Easter Sunday and summer
    Easter Monday to 31 August, so the Christmas, Easter and summer holidays count with the
    term they follow.
    """

    start: date
    end: date  # inclusive
    name: str  # "autumn" | "spring" | "summer"

    @property
    def key(self) -> str:
        """A stable key: '2026-autumn'."""
        return f"{self.start.year}-{self.name}"

    @property
    def school_year(self) -> str:
        """The school year it belongs to: '2026/27'."""
        first = self.start.year if self.name == "autumn" else self.start.year - 1
        return f"{first}/{(first + 1) % 100:02d}"

    @property
    def label(self) -> str:
        """'Autumn 2026', as schools name their terms."""
        names = {"autumn": _("Autumn"), "spring": _("Spring"), "summer": _("Summer")}
        return _("{term} {year}").format(term=names[self.name], year=self.start.year)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> Term:
        """The term before this one."""
        return term_of(self.start - timedelta(days=1))

    def next(self) -> Term:
        """The term after this one."""
        return term_of(self.end + timedelta(days=1))


def term_of(day: date) -> Term:
    """The school term a day falls in."""
    year = day.year
    if day.month >= 9:
        return Term(date(year, 9, 1), date(year, 12, 31), "autumn")
    easter = easter_sunday(year)
    if day <= easter:
        return Term(date(year, 1, 1), easter, "spring")
    return Term(easter + timedelta(days=1), date(year, 8, 31), "summer")


def terms_up_to(day: date, count: int) -> list[Term]:
    """The `count` terms ending with the one `day` is in, oldest first."""
    terms = [term_of(day)]
    while len(terms) < count:
        terms.append(terms[-1].previous())
    return list(reversed(terms))


def term_by_key(key: str) -> Term:
    """The term named by a key like '2026-autumn' (ValueError when it is not one)."""
    match = re.fullmatch(r"(\d{4})-(autumn|spring|summer)", key.strip().lower())
    if not match:
        raise ValueError(key)
    year, name = int(match.group(1)), match.group(2)
    probe = {
        "autumn": date(year, 10, 1),
        "spring": date(year, 1, 15),
        "summer": date(year, 7, 1),
    }[name]
    return term_of(probe)


def overlaps(start: date, end: date | None, term: Term) -> bool:
    """Whether a period (open-ended when `end` is None) shares a day with a term."""
    return start <= term.end and (end is None or end >= term.start)


# -- what a school community needs, and who provides it ------------------------------------------
@dataclass(frozen=True)
class SupportKind:
    """A kind of support families may need, and how the app recognises it.

    An organisation provides it when its directory kind is one of `provider_kinds`, or when
    what it offers (its service, organisation name or role) mentions one of `offer_words`.
    Families need it when they were referred for one of `referral_kinds` or carry one of
    `need_tags` (case-insensitive) among their needs.
    """

    key: str
    provider_kinds: tuple[str, ...]
    offer_words: tuple[str, ...] = ()
    referral_kinds: tuple[str, ...] = ()
    need_tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The support kind as a person reads it."""
        return support_label(self.key)

    def provided_by(self, contact_kind: str, offer_text: str) -> bool:
        """Whether an organisation of this kind, offering this, provides the support."""
        if contact_kind in self.provider_kinds:
            return True
        text = offer_text.lower()
        return any(re.search(rf"\b{re.escape(word)}\b", text) for word in self.offer_words)

    def needed_by(self, referral_kinds: Iterable[str], needs: Iterable[str]) -> bool:
        """Whether a family with these referrals and needs tags needs the support."""
        if any(k in self.referral_kinds for k in referral_kinds):
            return True
        tags = {n.strip().lower() for n in needs}
        return any(tag in tags for tag in self.need_tags)


SUPPORT_KINDS: tuple[SupportKind, ...] = (
    SupportKind(
        "food",
        ("food_bank",),
        ("food bank", "food parcel", "pantry", "larder", "food share", "community meal"),
        ("food_bank",),
        ("food",),
    ),
    SupportKind(
        "holiday_food",
        ("holiday_food",),
        ("holiday club", "holiday activities"),
        ("holiday_food",),
        ("holiday food",),
    ),
    SupportKind(
        "clothing",
        ("clothing_bank",),
        ("clothing", "clothes"),
        ("clothing_bank",),
        ("clothing", "clothes"),
    ),
    SupportKind(
        "school_uniform",
        (),
        ("uniform",),
        ("school_uniform",),
        ("uniform", "school uniform"),
    ),
    SupportKind(
        "baby_items",
        ("baby_bank",),
        ("baby bank", "nappies", "prams"),
        ("baby_bank",),
        ("baby items", "baby"),
    ),
    SupportKind(
        "energy",
        ("energy_fuel",),
        ("fuel voucher", "energy advice", "energy adviser"),
        ("energy_fuel",),
        ("energy", "fuel"),
    ),
    SupportKind("furniture", ("furniture",), ("furniture", "beds"), ("furniture",), ("furniture",)),
    SupportKind(
        "housing",
        ("housing",),
        ("housing", "tenancy", "homelessness"),
        (),
        ("housing",),
    ),
    SupportKind(
        "money_advice",
        (),
        ("debt", "money advice", "benefits advice", "welfare rights", "budgeting"),
        (),
        ("money advice", "money", "debt"),
    ),
    SupportKind(
        "mental_health",
        ("mental_health",),
        ("counselling", "mental health", "wellbeing"),
        (),
        ("wellbeing", "mental health"),
    ),
    SupportKind(
        "parenting",
        (),
        ("parenting",),
        (),
        ("parenting",),
    ),
    SupportKind(
        "early_help",
        ("early_help",),
        ("early help", "family support"),
        (),
        ("early help",),
    ),
    SupportKind(
        "send",
        (),
        ("sen support", "send support", "special educational needs", "ehcp"),
        (),
        ("send", "sen"),
    ),
    SupportKind(
        "domestic_abuse",
        (),
        ("domestic abuse", "domestic violence", "refuge"),
        (),
        ("domestic abuse",),
    ),
    SupportKind(
        "english_language",
        (),
        ("esol", "english classes", "english language", "english conversation"),
        (),
        ("esol", "english language"),
    ),
    SupportKind(
        "attendance",
        ("attendance",),
        ("attendance",),
        (),
        ("attendance",),
    ),
    SupportKind(
        "health",
        ("health",),
        ("health visitor", "health visiting", "school nurse", "gp"),
        (),
        ("health",),
    ),
    SupportKind(
        "community_groups",
        ("community_group", "faith_group"),
        ("community café", "community cafe", "toddler group", "women's group"),
        (),
        ("isolation", "community"),
    ),
    SupportKind(
        "youth_and_activities",
        ("youth", "sports", "library", "museum"),
        ("youth club", "homework club", "after-school club"),
        (),
        ("youth", "activities"),
    ),
)
SUPPORT_BY_KEY = {kind.key: kind for kind in SUPPORT_KINDS}


def support_label(key: str) -> str:
    """A support kind as a person reads it."""
    return {
        "food": _("Food"),
        "holiday_food": _("Holiday food and activities"),
        "clothing": _("Clothing"),
        "school_uniform": _("School uniform"),
        "baby_items": _("Baby items"),
        "energy": _("Energy and fuel"),
        "furniture": _("Furniture"),
        "housing": _("Housing"),
        "money_advice": _("Debt and money advice"),
        "mental_health": _("Mental health and wellbeing"),
        "parenting": _("Parenting support"),
        "early_help": _("Early help"),
        "send": _("Special educational needs (SEND)"),
        "domestic_abuse": _("Domestic abuse support"),
        "english_language": _("English language (ESOL)"),
        "attendance": _("Attendance support"),
        "health": _("Health"),
        "community_groups": _("Community and faith groups"),
        "youth_and_activities": _("Youth, sport and learning"),
    }.get(key, key.replace("_", " ").capitalize())
