"""The fixed vocabularies of the caseload (DESIGN §1, §4) and their labels for people."""

from __future__ import annotations

from ..i18n import N_, _

PERSON_ROLES = ("pupil", "carer", "sibling", "other")
VISIT_STATUSES = ("planned", "completed", "no_access", "cancelled", "rescheduled")
# How a visit ended (a planned visit has no outcome yet).
VISIT_OUTCOMES = VISIT_STATUSES[1:]
# What an officer did when nobody answered: the safeguarding record of a no-access visit.
NO_ACCESS_STEPS = (
    "card_left",
    "asked_neighbour",
    "phoned",
    "texted",
    "school_told",
    "looked_around",
)
CANCELLED_BY = ("by_family", "by_school")
# A pupil's special educational needs provision, and children's social care status (issue 22);
# no value means none.
SEND_STATUSES = ("sen_support", "ehcp")
CARE_STATUSES = ("cin", "cp", "lac", "previously_lac")
# Where an action came from (besides the family itself).
ACTION_SOURCES = ("visit", "note", "concern", "plan_goal")
# A case-plan goal's state, and the progress a review records for it.
GOAL_STATUSES = ("open", "achieved", "partly_achieved", "not_achieved", "withdrawn")
GOAL_PROGRESS = ("not_started", "some_progress", "good_progress", "achieved", "worse")
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
# Where a concern stands with the lead: each addition may move it on (issue 18). "note" is
# information added by anyone; the others are the lead's alone (issue 23 added the decision
# and escalations).
CONCERN_STAGES = ("note", "acknowledged", "decision", "escalated", "action", "closed")
# What a concern is about (issue 23): the built-in list; a lead may add the school's own.
CONCERN_CATEGORIES = (
    "neglect",
    "physical_abuse",
    "emotional_abuse",
    "sexual_abuse",
    "domestic_abuse",
    "child_exploitation",
    "online_safety",
    "mental_health",
    "missing_education",
    "radicalisation",
    "other",
)
# The lead's decision on a concern, and where it was escalated (issue 23).
CONCERN_DECISIONS = ("no_further_action", "monitor", "early_help", "social_care", "police")
CONCERN_ESCALATIONS = ("early_help", "social_care", "police")
# How a tie on the ecomap feels to the family: the classic ecomap lines (issue 18).
TIE_KINDS = ("strong", "tenuous", "stressful")
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


# Every value's label as a literal msgid, so `make messages` puts it in the catalogue (a label
# built from the value at run time never reaches it, and Welsh users saw English). N_ only
# marks them: label() translates at the moment of showing, in the language then loaded.
_LABELS: dict[str, str] = {
    "pupil": N_("Pupil"),
    "carer": N_("Carer"),
    "sibling": N_("Sibling"),
    "other": N_("Other"),
    "planned": N_("Planned"),
    "completed": N_("Completed"),
    "no_access": N_("No access"),
    "cancelled": N_("Cancelled"),
    "rescheduled": N_("Rescheduled"),
    "card_left": N_("Card left"),
    "asked_neighbour": N_("Spoke to a neighbour"),
    "phoned": N_("Phoned the family"),
    "texted": N_("Texted the family"),
    "school_told": N_("Told the school's safeguarding lead"),
    "looked_around": N_("Checked for signs of occupancy"),
    "by_family": N_("Cancelled by the family"),
    "by_school": N_("Cancelled by the school"),
    "plan_goal": N_("Plan goal"),
    "sen_support": N_("SEN support"),
    "ehcp": N_("EHC plan"),
    "cin": N_("Child in need"),
    "cp": N_("Child protection plan"),
    "lac": N_("Looked after"),
    "previously_lac": N_("Previously looked after"),
    "family": N_("Family"),
    "concern": N_("Concern"),
    "open": N_("Open"),
    "achieved": N_("Achieved"),
    "partly_achieved": N_("Partly achieved"),
    "not_achieved": N_("Not achieved"),
    "not_started": N_("Not started"),
    "some_progress": N_("Some progress"),
    "good_progress": N_("Good progress"),
    "worse": N_("Got worse"),
    "home_visit": N_("Home visit"),
    "phone_call": N_("Phone call"),
    "meeting": N_("Meeting"),
    "taf": N_("Team around the family"),
    "general": N_("General"),
    "draft": N_("Draft"),
    "final": N_("Final"),
    "food_bank": N_("Food bank"),
    "clothing_bank": N_("Clothing bank"),
    "school_uniform": N_("School uniform"),
    "baby_bank": N_("Baby bank"),
    "holiday_food": N_("Holiday food and activities"),
    "energy_fuel": N_("Energy / fuel"),
    "furniture": N_("Furniture"),
    "sent": N_("Sent"),
    "accepted": N_("Accepted"),
    "fulfilled": N_("Fulfilled"),
    "declined": N_("Declined"),
    "withdrawn": N_("Withdrawn"),
    "social_care": N_("Social care"),
    "health": N_("Health"),
    "mental_health": N_("Mental health"),
    "housing": N_("Housing"),
    "early_help": N_("Early help"),
    "police": N_("Police"),
    "attendance": N_("Attendance"),
    "community_group": N_("Community group"),
    "faith_group": N_("Faith group"),
    "youth": N_("Youth"),
    "library": N_("Library"),
    "museum": N_("Museum"),
    "sports": N_("Sports"),
    "school": N_("School"),
    "volunteer": N_("Volunteer"),
    "business": N_("Business"),
    "transport": N_("Transport"),
    "consent": N_("Consent"),
    "legal_obligation": N_("Legal obligation"),
    "public_task": N_("Public task"),
    "vital_interests": N_("Vital interests"),
    "legitimate_interests": N_("Legitimate interests"),
    "contract": N_("Contract"),
    "given": N_("Given"),
    "routine": N_("Routine"),
    "urgent": N_("Urgent"),
    "immediate": N_("Immediate"),
    "visit": N_("Visit"),
    "note": N_("Note"),
    "officer": N_("Officer"),
    "lead": N_("Lead"),
    "close": N_("Close"),
    "reopen": N_("Reopen"),
    "needs_met": N_("Needs met"),
    "stepped_down": N_("Stepped down"),
    "stepped_up": N_("Stepped up"),
    "moved_school": N_("Moved school"),
    "moved_area": N_("Moved area"),
    "family_chose_to_end": N_("Family chose to end"),
    "after_closure": N_("After closure"),
    "after_birth": N_("After birth"),
    "keep": N_("Keep"),
    "acknowledged": N_("Acknowledged"),
    "action": N_("Action taken"),
    "closed": N_("Closed"),
    # Issue 23: concern categories, the lead's decision and escalation.
    "decision": N_("Decision"),
    "escalated": N_("Escalated"),
    "no_further_action": N_("No further action"),
    "monitor": N_("Monitor"),
    "neglect": N_("Neglect"),
    "physical_abuse": N_("Physical abuse"),
    "emotional_abuse": N_("Emotional abuse"),
    "sexual_abuse": N_("Sexual abuse"),
    "domestic_abuse": N_("Domestic abuse"),
    "child_exploitation": N_("Child exploitation"),
    "online_safety": N_("Online safety"),
    "missing_education": N_("Missing education"),
    "radicalisation": N_("Radicalisation"),
    "strong": N_("Strong"),
    "tenuous": N_("Tenuous"),
    "stressful": N_("Stressful"),
}


def label(value: str) -> str:
    """A vocabulary value as a person reads it ('no_access' → 'No access')."""
    msgid = _LABELS.get(value)
    if msgid is not None:
        return _(msgid)
    # A value this version does not know (from a newer device, say): readable, in English.
    return value.replace("_", " ").capitalize()
