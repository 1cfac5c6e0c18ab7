"""Record kinds of records management: closures, retention rules and decisions, holds, purges."""

from __future__ import annotations

from ..i18n import N_
from . import vocabulary as v
from .fields import FieldSpec, FieldType
from .record_spec import RecordSpec, family_ref

T = FieldType

CASE_CLOSURE = RecordSpec(
    kind="case_closure",
    in_interchange=True,
    label=N_("Case closed or reopened"),
    retention="trail",
    in_chronology=True,
    service="closures",
    table="case_closures",
    append_only=True,
    fields=(
        family_ref(),
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
    in_interchange=True,
    label=N_("Retention rule"),
    retention="not_retained",
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
    in_interchange=True,
    label=N_("Retention decision"),
    retention="trail",
    lead_only=True,
    table="retention_reviews",
    append_only=True,
    fields=(
        family_ref(),
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
    in_interchange=True,
    label=N_("Legal hold"),
    retention="trail",
    service="holds",
    lead_only=True,
    table="legal_holds",
    fields=(
        family_ref(),
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
    label=N_("Purge marker"),
    retention="not_retained",
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
