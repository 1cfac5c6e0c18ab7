"""The shape of `liaison-desktop/1` (DESIGN §8), shared by import and export.

One place says which record kind sits under which key of a family, and in what order the
kinds are written, so the importer and the exporter cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from ..domain import records
from ..domain.records import RecordSpec
from ..services.caseload import Caseload
from ..services.record_service import RecordService

FORMAT = "liaison-desktop/1"
SCHEMA_RESOURCE = "resources/schema/liaison-desktop-1.schema.json"

# (key in a family object, record kind), in the order they are written on import: a record
# is always written after the records it may point at.
FAMILY_ARRAYS: tuple[tuple[str, str], ...] = (
    ("members", "person"),
    ("visits", "visit"),
    ("notes", "note"),
    ("referrals", "referral"),
    ("plan_goals", "plan_goal"),
    ("goal_reviews", "goal_review"),
    ("actions", "action"),
    ("consents", "consent"),
    ("case_links", "case_link"),
    ("concerns", "concern"),
    ("attendance", "attendance"),
    ("transfers", "transfer"),
    ("outcome_reviews", "outcome_review"),
    ("engagement_profiles", "engagement_profile"),
    ("invitations", "invitation"),
    ("activity_attendance", "activity_attendance"),
    ("volunteering", "volunteering"),
    ("attachments", "attachment"),
    ("closures", "case_closure"),
    ("legal_holds", "legal_hold"),
    ("retention_reviews", "retention_review"),
    ("sharing", "sharing"),
)
# (top-level key, record kind) of the records shared by every family, written before them.
SHARED_ARRAYS: tuple[tuple[str, str], ...] = (
    ("schools", "school"),
    ("concern_categories", "concern_category"),
    ("contacts", "contact"),
    ("activity_kinds", "activity_kind"),
    ("activities", "activity"),
    ("activity_sessions", "activity_session"),
    ("retention_rules", "retention_rule"),
    ("letter_templates", "letter_template"),
)
# Kinds the format leaves out on purpose: allocations say which officer's laptop holds a
# family (a fact about this school's devices, not about the family: another vault's devices
# differ), and erasure records stand for data that is gone (the vault's own account of it).
NOT_EXCHANGED = ("allocation", "erasure")
# A concern's additions sit inside the concern object.
ADDITIONS_KEY = "additions"
# An attachment's bytes travel inside its object, base64-encoded, checked against its
# sha256 and size on import.
CONTENT_KEY = "content_base64"

# Fields implied by where a record sits in the document, so never written inside it.
IMPLIED_FIELDS: dict[str, tuple[str, ...]] = {
    "concern_addition": ("family_id", "concern_id"),
}

# How each kind is ordered on export: stable, so exporting twice gives the same file.
EXPORT_ORDER: dict[str, str] = {
    "family": "name COLLATE NOCASE, id",
    "person": "CASE role WHEN 'carer' THEN 0 WHEN 'pupil' THEN 1 WHEN 'sibling' THEN 2 "
    "ELSE 3 END, given_name COLLATE NOCASE, id",
    "visit": "date, time, id",
    "note": "written_at, id",
    "referral": "date, id",
    "action": "due IS NULL, due, id",
    "plan_goal": "set_on, id",
    "goal_review": "reviewed_on, goal_id, id",
    "consent": "date, id",
    "case_link": "id",
    "concern": "raised_at, id",
    "concern_addition": "written_at, id",
    "attendance": "person_id, period, id",
    "contact": "organisation COLLATE NOCASE, id",
    "transfer": "left_on, id",
    "outcome_review": "date, id",
    "engagement_profile": "person_id, id",
    "invitation": "invited_on, id",
    "activity_attendance": "marked_at, id",
    "volunteering": "started_on, id",
    "attachment": "added_at, id",
    "case_closure": "at, id",
    "legal_hold": "placed_at, id",
    "retention_review": "decided_at, id",
    "sharing": "shared_at, id",
    "activity_kind": "key, id",
    "activity": "title COLLATE NOCASE, id",
    "activity_session": "date, time, id",
    "retention_rule": "record_kind, id",
    "letter_template": "key, id",
    "school": "name COLLATE NOCASE, id",
    "concern_category": "name COLLATE NOCASE, id",
}


def implied_fields(kind: str) -> tuple[str, ...]:
    """Fields of a kind that the document expresses by nesting rather than by a key."""
    spec = records.spec_for(kind)
    if kind in IMPLIED_FIELDS:
        return IMPLIED_FIELDS[kind]
    if spec.family_field and spec.family_field != "id":
        return (spec.family_field,)
    return ()


class _PlainService(RecordService):
    """The base rules (validation, references) for a kind whose area has no service yet."""

    def __init__(self, caseload: Caseload, spec: RecordSpec) -> None:
        self.spec = spec
        super().__init__(caseload.ctx)


def service_for(caseload: Caseload, kind: str) -> RecordService:
    """The service that writes `kind`: the area's own where it exists, so its rules apply."""
    service = caseload.service_for(kind)
    return service if service is not None else _PlainService(caseload, records.spec_for(kind))


@cache
def _schema_text() -> str:
    return (resources.files("liaison_desktop") / SCHEMA_RESOURCE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The JSON Schema of `liaison-desktop/1`, read from the installed package."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def render_path(parts: Sequence[str | int]) -> str:
    """A JSON location as people read it: `families[3].members[0].date_of_birth`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
