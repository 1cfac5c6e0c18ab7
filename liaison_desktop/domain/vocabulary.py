"""The fixed vocabularies of the caseload (DESIGN §1, §4) and their labels for people."""

from __future__ import annotations

from ..i18n import _

PERSON_ROLES = ("pupil", "carer", "sibling", "other")
VISIT_STATUSES = ("planned", "completed", "no_access", "cancelled")
NOTE_TEMPLATES = ("home_visit", "phone_call", "meeting", "taf", "general")
NOTE_STATUSES = ("draft", "final")
REFERRAL_KINDS = (
    "food_bank",
    "clothing_bank",
    "school_uniform",
    "baby_bank",
    "holiday_food",
    "energy_fuel",
    "furniture",
    "other",
)
REFERRAL_STATUSES = ("draft", "sent", "accepted", "fulfilled", "declined", "withdrawn")
REFERRAL_TERMINAL = ("fulfilled", "declined", "withdrawn")
# Which status may follow which: a referral only moves forward.
REFERRAL_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("sent", "withdrawn"),
    "sent": ("accepted", "declined", "withdrawn"),
    "accepted": ("fulfilled", "withdrawn"),
    "fulfilled": (),
    "declined": (),
    "withdrawn": (),
}
CONTACT_KINDS = (
    "social_care",
    "health",
    "mental_health",
    "housing",
    "early_help",
    "police",
    "attendance",
    "food_bank",
    "clothing_bank",
    "baby_bank",
    "holiday_food",
    "energy_fuel",
    "furniture",
    "community_group",
    "faith_group",
    "youth",
    "library",
    "museum",
    "sports",
    "school",
    "volunteer",
    "business",
    "transport",
    "other",
)
LAYERS = (1, 2, 3, 4)
LAWFUL_BASES = (
    "consent",
    "legal_obligation",
    "public_task",
    "vital_interests",
    "legitimate_interests",
    "contract",
)
CONSENT_STATUSES = ("given", "withdrawn")
CONCERN_URGENCIES = ("routine", "urgent", "immediate")
CONCERN_SOURCES = ("visit", "note", "other")
ROLES = ("officer", "lead")
# Records management (issue 10): how a case ended, and how long its records are kept.
CASE_ACTIONS = ("close", "reopen")
CLOSURE_OUTCOMES = (
    "needs_met",
    "stepped_down",
    "stepped_up",
    "moved_school",
    "moved_area",
    "family_chose_to_end",
    "other",
)
RETENTION_BASES = ("after_closure", "after_birth")
REVIEW_DECISIONS = ("keep",)


def layer_label(layer: int) -> str:
    """The name of one of the four community layers around the child (DESIGN §1)."""
    return {
        1: _("Pupils and staff"),
        2: _("Families and multi-agency contacts"),
        3: _("Organisations linked to the school"),
        4: _("Wider local community"),
    }.get(layer, str(layer))


def label(value: str) -> str:
    """A vocabulary value as a person reads it ('no_access' → 'No access')."""
    special = {
        "taf": _("Team around the family"),
        "energy_fuel": _("Energy / fuel"),
        "holiday_food": _("Holiday food and activities"),
        "no_access": _("No access"),
    }
    if value in special:
        return special[value]
    return _(value.replace("_", " ").capitalize())
