"""Record kinds of the school's activities and each family's engagement with them."""

from __future__ import annotations

from ..i18n import N_
from . import engagement as eng
from .fields import FieldSpec, FieldType
from .record_spec import RecordSpec, family_ref

T = FieldType

ACTIVITY_KIND = RecordSpec(
    kind="activity_kind",
    in_interchange=True,
    label=N_("Kind of activity"),
    retention="not_retained",
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
    in_interchange=True,
    label=N_("Activity"),
    retention="not_retained",
    service="activities",
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
    in_interchange=True,
    label=N_("Activity session"),
    retention="not_retained",
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
    in_interchange=True,
    label=N_("Activity invitation"),
    in_chronology=True,
    table="invitations",
    fields=(
        family_ref(),
        FieldSpec("activity_id", T.REF, required=True, ref="activity"),
        FieldSpec("people", T.TAGS),  # ids of the people named in the invitation
        FieldSpec("invited_on", T.DATE, required=True),
        FieldSpec("invited_by", T.TEXT, max_length=200),
    ),
)

ACTIVITY_ATTENDANCE = RecordSpec(
    kind="activity_attendance",
    in_interchange=True,
    label=N_("Activity attendance"),
    in_chronology=True,
    table="activity_attendance",
    fields=(
        family_ref(),
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
    in_interchange=True,
    label=N_("Volunteering"),
    in_chronology=True,
    table="volunteering",
    fields=(
        family_ref(),
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
    in_interchange=True,
    label=N_("Engagement profile"),
    table="engagement_profiles",
    fields=(
        family_ref(),
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
