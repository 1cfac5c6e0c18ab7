"""Every record kind of the caseload, declared once (DESIGN §4).

The store builds its tables from these specs, the services validate against them, the
interchange format maps them, and sync ships their fields. A record belongs to a family
through `family_field` (None for the shared directory), which is what chronology, search
and per-officer minimisation key on.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from . import engagement as eng
from . import outcomes
from . import sharing as sh
from . import vocabulary as v
from .fields import FieldSpec, FieldType

T = FieldType


@dataclass(frozen=True)
class RecordSpec:
    """One kind of record: its table, fields and how it is searched."""

    kind: str
    table: str
    fields: tuple[FieldSpec, ...]
    family_field: str | None = "family_id"
    title_fields: tuple[str, ...] = ()
    body_fields: tuple[str, ...] = ()
    append_only: bool = False  # never edited after creation (concerns and their additions)
    # Only a certified safeguarding lead may write this kind; checked where a bundle arrives
    # (sync/authority.py) as well as in the services.
    lead_only: bool = False
    # Field values only a lead may write on an otherwise open kind (a concern acknowledged).
    lead_only_values: tuple[tuple[str, Any], ...] = ()
    by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    @property
    def searchable(self) -> bool:
        return bool(self.title_fields or self.body_fields)

    def field(self, name: str) -> FieldSpec:
        return self.by_name[name]


def _family_ref() -> FieldSpec:
    return FieldSpec("family_id", T.REF, required=True, ref="family")


FAMILY = RecordSpec(
    kind="family",
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
        FieldSpec("needs", T.TAGS),
    ),
    title_fields=("name",),
    body_fields=("address", "postcode", "strengths", "key_facts", "alerts"),
)

PERSON = RecordSpec(
    kind="person",
    table="people",
    fields=(
        _family_ref(),
        FieldSpec("given_name", T.TEXT, required=True, max_length=200),
        FieldSpec("family_name", T.TEXT, max_length=200),
        FieldSpec("role", T.ENUM, required=True, choices=v.PERSON_ROLES),
        FieldSpec("relationship", T.TEXT, max_length=100),
        FieldSpec("date_of_birth", T.DATE),
        FieldSpec("year_group", T.INT, min_value=-1, max_value=14),
        FieldSpec("upn", T.UPN),
        FieldSpec("languages", T.TAGS),
        FieldSpec("interpreter_needed", T.BOOL),
        FieldSpec("phone", T.PHONE),
        FieldSpec("email", T.EMAIL),
        FieldSpec("needs", T.LONGTEXT),
    ),
    title_fields=("given_name", "family_name"),
    body_fields=("relationship", "upn", "needs"),
)

VISIT = RecordSpec(
    kind="visit",
    table="visits",
    fields=(
        _family_ref(),
        FieldSpec("date", T.DATE, required=True),
        FieldSpec("time", T.TIME),
        FieldSpec("status", T.ENUM, required=True, choices=v.VISIT_STATUSES),
        FieldSpec("purpose", T.TEXT, max_length=500),
        FieldSpec("officer", T.TEXT, max_length=200),
        FieldSpec("expected_end", T.DATETIME),
        FieldSpec("checked_in_at", T.DATETIME),
        FieldSpec("checked_out_at", T.DATETIME),
    ),
    title_fields=("purpose",),
)

NOTE = RecordSpec(
    kind="note",
    table="notes",
    fields=(
        _family_ref(),
        FieldSpec("visit_id", T.REF, ref="visit"),
        FieldSpec("amends", T.REF, ref="note"),
        FieldSpec("written_at", T.DATETIME, required=True),
        FieldSpec("author", T.TEXT, required=True, max_length=200),
        FieldSpec("template", T.ENUM, choices=v.NOTE_TEMPLATES),
        FieldSpec("text", T.LONGTEXT, max_length=200_000),
        FieldSpec("status", T.ENUM, required=True, choices=v.NOTE_STATUSES),
        FieldSpec("finalised_at", T.DATETIME),
    ),
    body_fields=("text",),
)

REFERRAL = RecordSpec(
    kind="referral",
    table="referrals",
    fields=(
        _family_ref(),
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
    table="case_links",
    fields=(
        _family_ref(),
        FieldSpec("contact_id", T.REF, required=True, ref="contact"),
        FieldSpec("role", T.TEXT, max_length=200),
    ),
)

ACTION = RecordSpec(
    kind="action",
    table="actions",
    fields=(
        _family_ref(),
        FieldSpec("title", T.TEXT, required=True, max_length=500),
        FieldSpec("owner", T.TEXT, max_length=200),
        FieldSpec("due", T.DATE),
        FieldSpec("done", T.BOOL),
        FieldSpec("done_at", T.DATE),
    ),
    title_fields=("title",),
)

CONSENT = RecordSpec(
    kind="consent",
    table="consents",
    fields=(
        _family_ref(),
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
    table="attendance",
    fields=(
        _family_ref(),
        FieldSpec("person_id", T.REF, required=True, ref="person"),
        FieldSpec("period", T.TEXT, required=True, max_length=50),
        FieldSpec("sessions_possible", T.INT, required=True, min_value=0, max_value=1000),
        FieldSpec("sessions_attended", T.INT, required=True, min_value=0, max_value=1000),
    ),
)

CONCERN = RecordSpec(
    kind="concern",
    table="concerns",
    append_only=True,
    fields=(
        _family_ref(),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("source", T.ENUM, required=True, choices=v.CONCERN_SOURCES),
        FieldSpec("source_id", T.REF),
        FieldSpec("raised_at", T.DATETIME, required=True),
        FieldSpec("raised_by", T.TEXT, required=True, max_length=200),
        FieldSpec("observed", T.LONGTEXT, required=True),
        FieldSpec("happened_at", T.DATETIME),
        FieldSpec("urgency", T.ENUM, required=True, choices=v.CONCERN_URGENCIES),
        FieldSpec("who_was_told", T.LONGTEXT, max_length=2000),
    ),
    body_fields=("observed",),
)

CONCERN_ADDITION = RecordSpec(
    kind="concern_addition",
    lead_only_values=(("acknowledged", True),),
    table="concern_additions",
    append_only=True,
    fields=(
        _family_ref(),
        FieldSpec("concern_id", T.REF, required=True, ref="concern"),
        FieldSpec("written_at", T.DATETIME, required=True),
        FieldSpec("author", T.TEXT, required=True, max_length=200),
        FieldSpec("text", T.LONGTEXT, required=True),
        FieldSpec("acknowledged", T.BOOL),
    ),
    body_fields=("text",),
)

ATTACHMENT = RecordSpec(
    kind="attachment",
    table="attachments",
    fields=(
        _family_ref(),
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
    lead_only=True,
    table="allocations",
    fields=(
        _family_ref(),
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
    table="transfers",
    fields=(
        _family_ref(),
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
    table="outcome_reviews",
    fields=(
        _family_ref(),
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
    table="sharing_records",
    append_only=True,
    fields=(
        _family_ref(),
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
ACTIVITY_KIND = RecordSpec(
    kind="activity_kind",
    lead_only=True,
    table="activity_kinds",
    family_field=None,
    fields=(
        FieldSpec("key", T.TEXT, required=True, max_length=eng.KIND_KEY_MAX),
        FieldSpec("label", T.TEXT, required=True, max_length=100),
    ),
)

ACTIVITY = RecordSpec(
    kind="activity",
    table="activities",
    family_field=None,
    fields=(
        FieldSpec("title", T.TEXT, required=True, max_length=200),
        FieldSpec("kind", T.TEXT, required=True, max_length=eng.KIND_KEY_MAX),
        FieldSpec("description", T.LONGTEXT, max_length=2000),
        FieldSpec("venue", T.TEXT, max_length=200),
        FieldSpec("organiser", T.TEXT, max_length=200),
        FieldSpec("contact_id", T.REF, ref="contact"),  # a partner organisation running it
    ),
)

ACTIVITY_SESSION = RecordSpec(
    kind="activity_session",
    table="activity_sessions",
    family_field=None,
    fields=(
        FieldSpec("activity_id", T.REF, required=True, ref="activity"),
        FieldSpec("date", T.DATE, required=True),
        FieldSpec("time", T.TIME),
    ),
)

INVITATION = RecordSpec(
    kind="invitation",
    table="invitations",
    fields=(
        _family_ref(),
        FieldSpec("activity_id", T.REF, required=True, ref="activity"),
        FieldSpec("people", T.TAGS),  # ids of the people named in the invitation
        FieldSpec("invited_on", T.DATE, required=True),
        FieldSpec("invited_by", T.TEXT, max_length=200),
    ),
)

ACTIVITY_ATTENDANCE = RecordSpec(
    kind="activity_attendance",
    table="activity_attendance",
    fields=(
        _family_ref(),
        FieldSpec("activity_id", T.REF, required=True, ref="activity"),
        FieldSpec("session_id", T.REF, required=True, ref="activity_session"),
        FieldSpec("mark", T.ENUM, required=True, choices=eng.ACTIVITY_MARKS),
        FieldSpec("people", T.TAGS),  # ids of the people who came
        FieldSpec("walk_in", T.BOOL),  # came without an invitation
        FieldSpec("marked_at", T.DATETIME, required=True),
        FieldSpec("marked_by", T.TEXT, max_length=200),
    ),
)

VOLUNTEERING = RecordSpec(
    kind="volunteering",
    table="volunteering",
    fields=(
        _family_ref(),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("role", T.TEXT, required=True, max_length=200),
        FieldSpec("schedule", T.TEXT, max_length=200),
        FieldSpec("started_on", T.DATE, required=True),
        FieldSpec("ended_on", T.DATE),
        FieldSpec("activity_id", T.REF, ref="activity"),
    ),
)

ENGAGEMENT_PROFILE = RecordSpec(
    kind="engagement_profile",
    table="engagement_profiles",
    fields=(
        _family_ref(),
        FieldSpec("person_id", T.REF, ref="person"),
        FieldSpec("preferred_channel", T.ENUM, choices=eng.CONTACT_CHANNELS),
        FieldSpec("preferred_language", T.TEXT, max_length=100),
        FieldSpec("best_time", T.TEXT, max_length=200),
        FieldSpec("agreement_signed_on", T.DATE),
        FieldSpec("interests", T.LONGTEXT, max_length=2000),  # skills and interests to share
    ),
)

# -- records management (issue 10) --------------------------------------------------------------
# A case closed or reopened, with why; the latest event decides whether the case is open.
CASE_CLOSURE = RecordSpec(
    kind="case_closure",
    table="case_closures",
    append_only=True,
    fields=(
        _family_ref(),
        FieldSpec("action", T.ENUM, required=True, choices=v.CASE_ACTIONS),
        FieldSpec("at", T.DATETIME, required=True),
        FieldSpec("reason", T.LONGTEXT, required=True, max_length=2000),
        FieldSpec("outcome", T.ENUM, choices=v.CLOSURE_OUTCOMES),
        FieldSpec("by", T.TEXT, max_length=200),
    ),
)

# How long one kind of record is kept, set by the lead. Not a family's record, so it syncs to
# every device like the directory; its id is fixed per kind, so the latest setting wins.
RETENTION_RULE = RecordSpec(
    kind="retention_rule",
    lead_only=True,
    table="retention_rules",
    family_field=None,
    fields=(
        FieldSpec("record_kind", T.TEXT, required=True, max_length=50),
        FieldSpec("basis", T.ENUM, required=True, choices=v.RETENTION_BASES),
        FieldSpec("years", T.INT, required=True, min_value=0, max_value=100),
        FieldSpec("set_by", T.TEXT, max_length=200),
        FieldSpec("set_at", T.DATETIME),
    ),
)

# A lead's decision to keep records past their retention date, with why and until when.
# target_kind "family" with the family's id covers every record of the family.
RETENTION_REVIEW = RecordSpec(
    kind="retention_review",
    lead_only=True,
    table="retention_reviews",
    append_only=True,
    fields=(
        _family_ref(),
        FieldSpec("target_kind", T.TEXT, required=True, max_length=50),
        FieldSpec("target_id", T.TEXT, required=True, max_length=200),
        FieldSpec("decision", T.ENUM, required=True, choices=v.REVIEW_DECISIONS),
        FieldSpec("reason", T.LONGTEXT, required=True, max_length=2000),
        FieldSpec("review_on", T.DATE, required=True),
        FieldSpec("decided_by", T.TEXT, max_length=200),
        FieldSpec("decided_at", T.DATETIME, required=True),
    ),
)

# A legal hold (an inquiry, proceedings): no purge touches what it covers until released.
# target_kind "family" covers the whole case.
LEGAL_HOLD = RecordSpec(
    kind="legal_hold",
    lead_only=True,
    table="legal_holds",
    fields=(
        _family_ref(),
        FieldSpec("target_kind", T.TEXT, required=True, max_length=50),
        FieldSpec("target_id", T.TEXT, required=True, max_length=200),
        FieldSpec("reason", T.LONGTEXT, required=True, max_length=2000),
        FieldSpec("placed_by", T.TEXT, required=True, max_length=200),
        FieldSpec("placed_at", T.DATETIME, required=True),
        FieldSpec("released_at", T.DATETIME),
        FieldSpec("released_by", T.TEXT, max_length=200),
        FieldSpec("release_reason", T.LONGTEXT, max_length=2000),
    ),
)

# A purge marker: this record was destroyed (retention). It carries ids only, no content, and
# a fixed reason (the lead's own words stay in the lead's audit log). It has no family of its
# own; it travels to the devices that held the record (sync_erasure_holders) so each purges it
# too and drops any operation for it that arrives later.
ERASURE = RecordSpec(
    kind="erasure",
    lead_only=True,
    table="erasures",
    family_field=None,
    append_only=True,
    fields=(
        FieldSpec("target_kind", T.TEXT, required=True, max_length=50),
        FieldSpec("target_id", T.TEXT, required=True, max_length=200),
        FieldSpec("target_family", T.TEXT, max_length=200),
        FieldSpec("reason", T.LONGTEXT, max_length=2000),
        FieldSpec("erased_by", T.TEXT, max_length=200),
        FieldSpec("erased_at", T.DATETIME, required=True),
    ),
)

ALL: tuple[RecordSpec, ...] = (
    FAMILY,
    PERSON,
    VISIT,
    NOTE,
    REFERRAL,
    CONTACT,
    CASE_LINK,
    ACTION,
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
