"""Every record kind of the caseload, declared once (DESIGN §4).

The store builds its tables from these specs, the services validate against them, the
interchange format maps them, and sync ships their fields. A record belongs to a family
through `family_field` (None for the shared directory), which is what chronology, search
and per-officer minimisation key on.
"""

from __future__ import annotations

import uuid

from ..i18n import N_, _
from . import letters, outcomes
from . import sharing as sh
from . import vocabulary as v
from .case_file_records import (
    CASE_CLOSURE as CASE_CLOSURE,
)
from .case_file_records import (
    ERASURE as ERASURE,
)
from .case_file_records import (
    LEGAL_HOLD as LEGAL_HOLD,
)
from .case_file_records import (
    RETENTION_REVIEW as RETENTION_REVIEW,
)
from .case_file_records import (
    RETENTION_RULE as RETENTION_RULE,
)
from .engagement_records import (
    ACTIVITY as ACTIVITY,
)
from .engagement_records import (
    ACTIVITY_ATTENDANCE as ACTIVITY_ATTENDANCE,
)
from .engagement_records import (
    ACTIVITY_KIND as ACTIVITY_KIND,
)
from .engagement_records import (
    ACTIVITY_SESSION as ACTIVITY_SESSION,
)
from .engagement_records import (
    ENGAGEMENT_PROFILE as ENGAGEMENT_PROFILE,
)
from .engagement_records import (
    INVITATION as INVITATION,
)
from .engagement_records import (
    VOLUNTEERING as VOLUNTEERING,
)
from .fields import FieldSpec, FieldType
from .record_spec import RETENTION_CLASSES as RETENTION_CLASSES
from .record_spec import RecordSpec as RecordSpec
from .record_spec import family_ref

T = FieldType


FAMILY = RecordSpec(
    kind="family",
    label=N_("Family"),
    case_file_label=N_("Family record (the case itself)"),
    retention="skeleton",
    in_interchange=True,
    service="families",
    table="families",
    family_field="id",
    fields=(
        FieldSpec("name", T.TEXT, required=True, max_length=200),
        FieldSpec("address", T.LONGTEXT, max_length=500),
        FieldSpec("postcode", T.POSTCODE),
        FieldSpec("phone", T.PHONE),
        FieldSpec("email", T.EMAIL),
        FieldSpec("strengths", T.LONGTEXT),
        FieldSpec("key_facts", T.LONGTEXT),
        FieldSpec("alerts", T.LONGTEXT),
        # How to get in on a visit ("knock at the side door"), for the run sheet (issue 22).
        FieldSpec("access_notes", T.TEXT, max_length=500),
        FieldSpec("needs", T.TAGS),
        # The school whose family this is (issue 23: a federation or trust lead holds several).
        FieldSpec("school_id", T.REF, ref="school"),
    ),
    title_fields=("name",),
    body_fields=("address", "postcode", "strengths", "key_facts", "alerts"),
)

PERSON = RecordSpec(
    kind="person",
    label=N_("Person"),
    retention="skeleton",
    in_interchange=True,
    service="people",
    table="people",
    fields=(
        family_ref(),
        FieldSpec("given_name", T.TEXT, required=True, max_length=200),
        FieldSpec("family_name", T.TEXT, max_length=200),
        # What the child is called day to day, where it is not the legal forename (the legal
        # names are what other agencies' records match).
        FieldSpec("preferred_name", T.TEXT, max_length=200),
        FieldSpec("role", T.ENUM, required=True, choices=v.PERSON_ROLES),
        FieldSpec("relationship", T.TEXT, max_length=100),
        FieldSpec("date_of_birth", T.DATE),
        FieldSpec("year_group", T.INT, min_value=-1, max_value=14),
        FieldSpec("upn", T.UPN),
        FieldSpec("languages", T.TAGS),
        FieldSpec("interpreter_needed", T.BOOL),
        # Pupil facts from the school's systems (issue 22), each with the day it began where
        # schools record one: free school meals, pupil premium, SEND, children's social care
        # status, young carer, English as an additional language.
        FieldSpec("fsm", T.BOOL),
        FieldSpec("fsm_since", T.DATE),
        FieldSpec("pupil_premium", T.BOOL),
        FieldSpec("send", T.ENUM, choices=v.SEND_STATUSES),
        FieldSpec("send_since", T.DATE),
        FieldSpec("care_status", T.ENUM, choices=v.CARE_STATUSES),
        FieldSpec("care_since", T.DATE),
        FieldSpec("young_carer", T.BOOL),
        FieldSpec("eal", T.BOOL),
        FieldSpec("phone", T.PHONE),
        FieldSpec("email", T.EMAIL),
        FieldSpec("needs", T.LONGTEXT),
        # A pupil's own school where it is not the family's (a sibling at another school of the
        # trust); empty means the family's school (issue 23).
        FieldSpec("school_id", T.REF, ref="school"),
    ),
    title_fields=("given_name", "preferred_name", "family_name"),
    body_fields=("relationship", "upn", "needs"),
)

VISIT = RecordSpec(
    kind="visit",
    label=N_("Visit"),
    in_interchange=True,
    in_chronology=True,
    service="visits",
    table="visits",
    fields=(
        family_ref(),
        FieldSpec("date", T.DATE, required=True),
        FieldSpec("time", T.TIME),
        FieldSpec("status", T.ENUM, required=True, choices=v.VISIT_STATUSES),
        FieldSpec("purpose", T.TEXT, max_length=500),
        FieldSpec("officer", T.TEXT, max_length=200),
        FieldSpec("expected_end", T.DATETIME),
        FieldSpec("checked_in_at", T.DATETIME),
        FieldSpec("checked_out_at", T.DATETIME),
        # How it ended (issue 22): when the outcome was recorded, what was done when nobody
        # answered, who cancelled, the visit it was moved to; time and mileage for the term.
        FieldSpec("outcome_at", T.DATETIME),
        FieldSpec("no_access_steps", T.TAGS),
        FieldSpec("outcome_note", T.TEXT, max_length=1000),
        FieldSpec("cancelled_by", T.ENUM, choices=v.CANCELLED_BY),
        FieldSpec("rescheduled_to", T.REF, ref="visit"),
        FieldSpec("minutes", T.INT, min_value=0, max_value=1440),
        FieldSpec("travel_minutes", T.INT, min_value=0, max_value=1440),
        FieldSpec("miles", T.INT, min_value=0, max_value=1000),
    ),
    title_fields=("purpose", "outcome_note"),
)

NOTE = RecordSpec(
    kind="note",
    label=N_("Note"),
    in_interchange=True,
    in_chronology=True,
    service="notes",
    table="notes",
    fields=(
        family_ref(),
        FieldSpec("visit_id", T.REF, ref="visit"),
        FieldSpec("amends", T.REF, ref="note"),
        FieldSpec("written_at", T.DATETIME, required=True),
        FieldSpec("author", T.TEXT, required=True, max_length=200),
        FieldSpec("template", T.ENUM, choices=v.NOTE_TEMPLATES),
        FieldSpec("text", T.LONGTEXT, max_length=200_000),
        FieldSpec("status", T.ENUM, required=True, choices=v.NOTE_STATUSES),
        FieldSpec("finalised_at", T.DATETIME),
        FieldSpec("minutes", T.INT, min_value=0, max_value=1440),  # casework time
    ),
    body_fields=("text",),
)

REFERRAL = RecordSpec(
    kind="referral",
    label=N_("Referral"),
    in_interchange=True,
    in_chronology=True,
    service="referrals",
    table="referrals",
    fields=(
        family_ref(),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("kind", T.ENUM, required=True, choices=v.REFERRAL_KINDS),
        FieldSpec("organisation_id", T.REF, ref="contact"),
        FieldSpec("status", T.ENUM, required=True, choices=v.REFERRAL_STATUSES),
        FieldSpec("date", T.DATE, required=True),
        FieldSpec("reason", T.LONGTEXT),
        FieldSpec("vouchers", T.INT, min_value=0, max_value=100),
        FieldSpec("outcome", T.LONGTEXT),
        FieldSpec("status_changed_at", T.DATE),
    ),
    title_fields=("kind",),
    body_fields=("reason", "outcome"),
)

CONTACT = RecordSpec(
    kind="contact",
    label=N_("Contact"),
    retention="not_retained",
    in_interchange=True,
    service="directory",
    table="contacts",
    family_field=None,
    fields=(
        FieldSpec("organisation", T.TEXT, required=True, max_length=200),
        FieldSpec("name", T.TEXT, max_length=200),
        FieldSpec("role", T.TEXT, max_length=200),
        FieldSpec("kind", T.ENUM, required=True, choices=v.CONTACT_KINDS),
        FieldSpec("layer", T.INT, required=True, min_value=1, max_value=4),
        FieldSpec("service_offered", T.LONGTEXT, max_length=2000),
        FieldSpec("opening_times", T.TEXT, max_length=500),
        FieldSpec("phone", T.PHONE),
        FieldSpec("email", T.EMAIL),
        FieldSpec("secure_email", T.EMAIL),
        FieldSpec("address", T.LONGTEXT, max_length=500),
        FieldSpec("website", T.TEXT, max_length=300),
    ),
    title_fields=("organisation", "name"),
    body_fields=("role", "service_offered", "address"),
)

CASE_LINK = RecordSpec(
    kind="case_link",
    label=N_("Team member link"),
    in_interchange=True,
    in_chronology=True,
    service="directory.links",
    table="case_links",
    fields=(
        family_ref(),
        FieldSpec("contact_id", T.REF, required=True, ref="contact"),
        FieldSpec("role", T.TEXT, max_length=200),
        FieldSpec("tie", T.ENUM, choices=v.TIE_KINDS),
    ),
)

ACTION = RecordSpec(
    kind="action",
    label=N_("Action"),
    in_interchange=True,
    in_chronology=True,
    service="actions",
    table="actions",
    fields=(
        family_ref(),
        FieldSpec("title", T.TEXT, required=True, max_length=500),
        FieldSpec("owner", T.TEXT, max_length=200),
        FieldSpec("due", T.DATE),
        FieldSpec("done", T.BOOL),
        FieldSpec("done_at", T.DATE),
        # What it came from besides the family (a visit, note, concern or plan goal).
        FieldSpec("source_kind", T.ENUM, choices=v.ACTION_SOURCES),
        FieldSpec("source_id", T.REF),
        FieldSpec("outcome", T.TEXT, max_length=1000),
    ),
    title_fields=("title", "outcome"),
)

# The case plan (issue 22): the Early Help / team-around-the-family goals a family works to,
# each with an owner, a target and a review date, tied to an area of the outcomes wheel.
PLAN_GOAL = RecordSpec(
    kind="plan_goal",
    label=N_("Plan goal"),
    in_interchange=True,
    in_chronology=True,
    service="plan",
    table="plan_goals",
    fields=(
        family_ref(),
        FieldSpec("goal", T.TEXT, required=True, max_length=500),
        FieldSpec("area", T.ENUM, choices=outcomes.AREA_KEYS),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("owner", T.TEXT, required=True, max_length=200),
        FieldSpec("target", T.TEXT, max_length=500),
        FieldSpec("set_on", T.DATE, required=True),
        FieldSpec("review_by", T.DATE),
        FieldSpec("status", T.ENUM, required=True, choices=v.GOAL_STATUSES),
    ),
    title_fields=("goal", "target"),
)

# The school's letter and form templates (issue 22): its own edits of the built-in ones
# (domain/letters.py), and its own new ones. Shared by every device, changed by a lead.
LETTER_TEMPLATE = RecordSpec(
    kind="letter_template",
    label=N_("Letter template"),
    in_interchange=True,
    lead_only=True,
    retention="not_retained",
    service="letters",
    table="letter_templates",
    family_field=None,
    fields=(
        FieldSpec("key", T.TEXT, required=True, max_length=80),
        FieldSpec("title", T.TEXT, required=True, max_length=200),
        FieldSpec("kind", T.ENUM, required=True, choices=letters.LETTER_KINDS),
        FieldSpec("body", T.LONGTEXT, required=True, max_length=20_000),
        FieldSpec("retired", T.BOOL),
    ),
)

# A school of the federation or trust the lead works for (issue 23); shared with every device.
SCHOOL = RecordSpec(
    kind="school",
    label=N_("School"),
    in_interchange=True,
    lead_only=True,
    retention="not_retained",
    service="schools",
    table="schools",
    family_field=None,
    fields=(
        FieldSpec("name", T.TEXT, required=True, max_length=200),
        FieldSpec("urn", T.TEXT, max_length=20),  # the DfE's unique reference number
        FieldSpec("trust", T.TEXT, max_length=200),
        FieldSpec("retired", T.BOOL),
    ),
    title_fields=("name",),
)

# A concern category of the school's own, added by a lead to the built-in list (issue 23).
CONCERN_CATEGORY = RecordSpec(
    kind="concern_category",
    label=N_("Concern category"),
    in_interchange=True,
    lead_only=True,
    retention="not_retained",
    service="concerns.categories",
    table="concern_categories",
    family_field=None,
    fields=(
        FieldSpec("name", T.TEXT, required=True, max_length=100),
        FieldSpec("retired", T.BOOL),
    ),
    title_fields=("name",),
)

# One goal's progress at a plan review; a review writes one per goal, on the same day.
GOAL_REVIEW = RecordSpec(
    kind="goal_review",
    label=N_("Plan review"),
    in_interchange=True,
    in_chronology=True,
    append_only=True,
    service="plan.reviews",
    table="goal_reviews",
    fields=(
        family_ref(),
        FieldSpec("goal_id", T.REF, required=True, ref="plan_goal"),
        FieldSpec("reviewed_on", T.DATE, required=True),
        FieldSpec("reviewed_by", T.TEXT, required=True, max_length=200),
        FieldSpec("progress", T.ENUM, required=True, choices=v.GOAL_PROGRESS),
        FieldSpec("comment", T.LONGTEXT, max_length=2000),
    ),
    body_fields=("comment",),
)

CONSENT = RecordSpec(
    kind="consent",
    label=N_("Consent"),
    in_interchange=True,
    in_chronology=True,
    service="consents",
    table="consents",
    fields=(
        family_ref(),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("scope", T.TEXT, required=True, max_length=500),
        FieldSpec("given_by", T.TEXT, required=True, max_length=200),
        FieldSpec("lawful_basis", T.ENUM, choices=v.LAWFUL_BASES),
        FieldSpec("status", T.ENUM, choices=v.CONSENT_STATUSES),
        FieldSpec("date", T.DATE, required=True),
        FieldSpec("withdrawn_on", T.DATE),
        FieldSpec("expires", T.DATE),
    ),
)

ATTENDANCE = RecordSpec(
    kind="attendance",
    label=N_("Attendance figure"),
    in_interchange=True,
    in_chronology=True,
    service="attendance",
    table="attendance",
    fields=(
        family_ref(),
        FieldSpec("person_id", T.REF, required=True, ref="person"),
        FieldSpec("period", T.TEXT, required=True, max_length=50),
        FieldSpec("sessions_possible", T.INT, required=True, min_value=0, max_value=1000),
        FieldSpec("sessions_attended", T.INT, required=True, min_value=0, max_value=1000),
    ),
)

CONCERN = RecordSpec(
    kind="concern",
    label=N_("Safeguarding concern"),
    retention="child_protection",
    in_interchange=True,
    in_chronology=True,
    sync_first=True,
    service="concerns",
    table="concerns",
    append_only=True,
    fields=(
        family_ref(),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("source", T.ENUM, required=True, choices=v.CONCERN_SOURCES),
        FieldSpec("source_id", T.REF),
        FieldSpec("raised_at", T.DATETIME, required=True),
        FieldSpec("raised_by", T.TEXT, required=True, max_length=200),
        FieldSpec("observed", T.LONGTEXT, required=True),
        FieldSpec("happened_at", T.DATETIME),
        FieldSpec("urgency", T.ENUM, required=True, choices=v.CONCERN_URGENCIES),
        FieldSpec("who_was_told", T.LONGTEXT, max_length=2000),
        # Issue 23: what it is about (a built-in or the school's own category) and every
        # child it concerns (`person_id` is the first of them, kept for older readers).
        FieldSpec("category", T.TEXT, max_length=100),
        FieldSpec("person_ids", T.TAGS),
    ),
    body_fields=("observed",),
)

CONCERN_ADDITION = RecordSpec(
    kind="concern_addition",
    label=N_("Addition to a concern"),
    retention="child_protection",
    in_interchange=True,
    in_chronology=True,
    sync_first=True,
    service="concerns.additions",
    lead_only_values=(
        ("acknowledged", True),
        ("stage", "acknowledged"),
        ("stage", "decision"),
        ("stage", "escalated"),
        ("stage", "action"),
        ("stage", "closed"),
    ),
    table="concern_additions",
    append_only=True,
    fields=(
        family_ref(),
        FieldSpec("concern_id", T.REF, required=True, ref="concern"),
        FieldSpec("written_at", T.DATETIME, required=True),
        FieldSpec("author", T.TEXT, required=True, max_length=200),
        FieldSpec("text", T.LONGTEXT, required=True),
        FieldSpec("acknowledged", T.BOOL),
        FieldSpec("stage", T.ENUM, choices=v.CONCERN_STAGES),
        # The lead's decision or escalation (issue 23), and who was informed of it, when.
        FieldSpec("decision", T.ENUM, choices=v.CONCERN_DECISIONS),
        FieldSpec("escalated_to", T.ENUM, choices=v.CONCERN_ESCALATIONS),
        FieldSpec("reference", T.TEXT, max_length=200),
        FieldSpec("informed", T.LONGTEXT, max_length=2000),
        FieldSpec("informed_at", T.DATETIME),
    ),
    body_fields=("text",),
)

ATTACHMENT = RecordSpec(
    kind="attachment",
    in_interchange=True,
    label=N_("Attached file"),
    in_chronology=True,
    service="attachments",
    table="attachments",
    fields=(
        family_ref(),
        FieldSpec("record_kind", T.TEXT, max_length=50),
        FieldSpec("record_id", T.REF),
        FieldSpec("filename", T.TEXT, required=True, max_length=255),
        FieldSpec("media_type", T.TEXT, max_length=100),
        FieldSpec("size", T.INT, required=True, min_value=0),
        FieldSpec("sha256", T.TEXT, required=True, max_length=64),
        FieldSpec("added_at", T.DATETIME, required=True),
    ),
    title_fields=("filename",),
)

ALLOCATION_NAMESPACE = uuid.UUID("9b3e2f71-4c5d-5a8e-b0f6-1d2c3e4f5a6b")


def allocation_id(family_id: str, device_id: str) -> str:
    """The deterministic id of a family's allocation to a device (one per pair)."""
    return uuid.uuid5(ALLOCATION_NAMESPACE, f"{family_id}|{device_id}").hex


ALLOCATION = RecordSpec(
    kind="allocation",
    label=N_("Allocation to an officer"),
    service="allocations",
    lead_only=True,
    table="allocations",
    fields=(
        family_ref(),
        FieldSpec("device_id", T.TEXT, required=True, max_length=64),
        FieldSpec("officer_name", T.TEXT, max_length=200),
        FieldSpec("allocated_at", T.DATETIME, required=True),
        FieldSpec("active", T.BOOL, required=True),
    ),
)

# A child-protection file sent to a pupil's new school: when it went and when the receiving
# school confirmed receipt (the statutory expectation is within 5 school days, sent apart
# from the main pupil file, with confirmation of receipt).
TRANSFER = RecordSpec(
    kind="transfer",
    in_interchange=True,
    label=N_("Child-protection file transfer"),
    retention="child_protection",
    service="transfers",
    table="transfers",
    fields=(
        family_ref(),
        FieldSpec("person_id", T.REF, required=True, ref="person"),
        FieldSpec("receiving_school", T.TEXT, required=True, max_length=200),
        FieldSpec("sending_school", T.TEXT, max_length=200),
        FieldSpec("left_on", T.DATE),
        FieldSpec("sent_on", T.DATE, required=True),
        FieldSpec("sent_by", T.TEXT, required=True, max_length=200),
        FieldSpec("received_on", T.DATE),
        FieldSpec("received_by", T.TEXT, max_length=200),
    ),
)

# One scoring of the family outcomes wheel (domain/outcomes.py): the eight areas scored 1–10
# together with the family, at the start of support or at a review.
OUTCOME_REVIEW = RecordSpec(
    kind="outcome_review",
    in_interchange=True,
    label=N_("Outcomes wheel scoring"),
    in_chronology=True,
    service="outcomes",
    table="outcome_reviews",
    fields=(
        family_ref(),
        FieldSpec("date", T.DATE, required=True),
        FieldSpec("stage", T.ENUM, required=True, choices=outcomes.STAGES),
        *(
            FieldSpec(
                key,
                T.INT,
                required=True,
                min_value=outcomes.LOWEST,
                max_value=outcomes.HIGHEST,
            )
            for key in outcomes.AREA_KEYS
        ),
        FieldSpec("scored_by", T.TEXT, required=True, max_length=200),
        FieldSpec("family_present", T.TEXT, max_length=500),
        FieldSpec("note", T.LONGTEXT, max_length=2000),
    ),
    body_fields=("note",),
)

# One entry of the information-sharing record (domain/sharing.py): what left the vault for one
# family, to whom, when, by whom, on which lawful basis, and the family's consent then.
# Written in the same transaction as the export it records; never edited afterwards.
SHARING = RecordSpec(
    kind="sharing",
    in_interchange=True,
    label=N_("Information-sharing entry"),
    retention="trail",
    in_chronology=True,
    service="sharing",
    table="sharing_records",
    append_only=True,
    fields=(
        family_ref(),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("shared_at", T.DATETIME, required=True),
        FieldSpec("shared_by", T.TEXT, required=True, max_length=200),
        FieldSpec("what", T.ENUM, required=True, choices=sh.SHARED_WHAT),
        FieldSpec("details", T.LONGTEXT, max_length=2000),
        FieldSpec("purpose", T.ENUM, required=True, choices=sh.SHARING_PURPOSES),
        FieldSpec("recipient", T.TEXT, max_length=200),
        FieldSpec("organisation", T.TEXT, max_length=200),
        FieldSpec("lawful_basis", T.ENUM, choices=v.LAWFUL_BASES),
        FieldSpec("condition", T.ENUM, choices=sh.SHARING_CONDITIONS),
        FieldSpec("consent_status", T.ENUM, required=True, choices=sh.SHARING_CONSENT),
        FieldSpec("encrypted", T.BOOL),
        FieldSpec("export_id", T.TEXT, max_length=64),
    ),
)

# Family engagement (issue 11): activities and their sessions are shared like the directory
# (family_field None), so every officer can invite to them; invitations, attendance marks,
# volunteering and engagement profiles belong to a family.
ALL: tuple[RecordSpec, ...] = (
    SCHOOL,
    CONCERN_CATEGORY,
    FAMILY,
    PERSON,
    VISIT,
    NOTE,
    REFERRAL,
    CONTACT,
    CASE_LINK,
    ACTION,
    PLAN_GOAL,
    GOAL_REVIEW,
    LETTER_TEMPLATE,
    CONSENT,
    ATTENDANCE,
    CONCERN,
    CONCERN_ADDITION,
    ATTACHMENT,
    ALLOCATION,
    TRANSFER,
    OUTCOME_REVIEW,
    SHARING,
    ACTIVITY_KIND,
    ACTIVITY,
    ACTIVITY_SESSION,
    INVITATION,
    ACTIVITY_ATTENDANCE,
    VOLUNTEERING,
    ENGAGEMENT_PROFILE,
    CASE_CLOSURE,
    RETENTION_RULE,
    RETENTION_REVIEW,
    LEGAL_HOLD,
    ERASURE,
)
BY_KIND: dict[str, RecordSpec] = {spec.kind: spec for spec in ALL}


def spec_for(kind: str) -> RecordSpec:
    """The spec of a record kind (KeyError for an unknown kind)."""
    return BY_KIND[kind]


def kinds_where(**facts: object) -> tuple[str, ...]:
    """The kinds whose specs have these facts, in declaration order (`retention="trail"`)."""
    return tuple(s.kind for s in ALL if all(getattr(s, k) == v for k, v in facts.items()))


def label_of(kind: str) -> str:
    """A kind in words (an unknown kind, from a newer version, by its name)."""
    spec = BY_KIND.get(kind)
    if spec is None:
        return kind.replace("_", " ").capitalize()
    label = spec.label  # an N_() msgid of the table above
    return _(label)


def case_file_label_of(kind: str) -> str:
    """A kind as the review queue and retention schedule name it."""
    spec = BY_KIND.get(kind)
    if spec is None:
        return label_of(kind)
    label = spec.case_file_label or spec.label
    return _(label)
