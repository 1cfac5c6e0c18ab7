"""The JSON Schema of `liaison-desktop/1`, worked out from the record specs.

Run `python -m tools.interchange_schema` to rewrite
liaison_desktop/resources/schema/liaison-desktop-1.schema.json; a test checks the file is
exactly what this gives, so the schema cannot drift from the importer. Each field says as much
as JSON Schema can: lengths, enumerations, ranges, patterns for postcodes, phone numbers,
emails, UPNs, times and date-times, a real calendar date (`format: date`, asserted by the
importer's validator), and `null` allowed wherever a value is optional (read as absent). What
it cannot say (a reference must lead to a record, a UPN's check letter, attended sessions at
most those possible, dates in order) is in the descriptions, and checked by the importer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from liaison_desktop.domain import records
from liaison_desktop.domain.fields import FieldSpec, FieldType
from liaison_desktop.interchange.document import (
    ADDITIONS_KEY,
    CONTENT_KEY,
    FAMILY_ARRAYS,
    FORMAT,
    SHARED_ARRAYS,
    implied_fields,
)

OUT = Path(__file__).resolve().parents[1] / "liaison_desktop/resources/schema"
FILE = OUT / "liaison-desktop-1.schema.json"
DEF_NAMES = {"person": "member"}  # the kinds whose definition has another name
TITLES = {
    "family": "A family (household) with everything recorded about it",
    "person": "A member of the family: pupil, carer, sibling or other",
    "visit": "A home visit, planned or done",
    "note": "A note (draft or final); a final note is changed only by an amendment",
    "referral": "A referral to a food bank, clothing or uniform bank, holiday food and so on",
    "action": "An action someone is to take",
    "plan_goal": "A goal of the family's case plan, with its owner, target and review date",
    "goal_review": "One goal's progress at a review of the case plan",
    "letter_template": "The school's own words for a letter or form template",
    "school": "A school of the federation or trust (families and pupils name theirs)",
    "concern_category": "A concern category of the school's own, beside the built-in ones",
    "consent": "Consent to share information, with its lawful basis",
    "case_link": "A professional or organisation working with the family (the team)",
    "concern": "A safeguarding concern as raised (never changed afterwards)",
    "concern_addition": "A later addition to a concern (acknowledgement, action, closure)",
    "attendance": "Attendance of one pupil for one period",
    "contact": "A contact in the shared multi-agency directory",
    "transfer": "A child-protection file transferred to another school",
    "outcome_review": "A scoring of the outcomes wheel (1 to 10 per area)",
    "engagement_profile": "How a family member prefers to be contacted and engaged",
    "invitation": "A family invited to a school activity",
    "activity_attendance": "A family's attendance at one session of an activity",
    "volunteering": "A family member volunteering with the school",
    "attachment": "A file attached to the family; its bytes in content_base64",
    "case_closure": "A case closed or reopened (never changed afterwards)",
    "legal_hold": "A legal hold that stops records being destroyed",
    "retention_review": "A lead's retention decision about a record (never changed afterwards)",
    "sharing": "A record of information shared outside the school (never changed afterwards)",
    "activity_kind": "A kind of school activity",
    "activity": "A school activity families can be invited to",
    "activity_session": "One session (date and time) of an activity",
    "retention_rule": "How long a kind of record is kept",
}
DATE_TIME = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?"
    "(Z|[+-][0-9]{2}:?[0-9]{2})?$"
)
POSTCODE = (
    "^ *([Gg][Ii][Rr] ?0[Aa]{2}|[A-PR-UWYZa-pr-uwyz][A-HK-Ya-hk-y]?[0-9]"
    "[0-9A-HJKMNPR-Ya-hjkmnpr-y]? *[0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}) *$"
)
PHONE = "^ *\\+?[()\\- ]*([0-9][()\\- ]*){10,13}$"
UPN_LETTER = "A-HJ-NP-RT-Za-hj-np-rt-z"


def def_name(kind: str) -> str:
    return DEF_NAMES.get(kind, kind)


def property_for(field: FieldSpec) -> dict[str, Any]:
    """What JSON Schema can say about one field."""
    t = field.type
    if t in (FieldType.TEXT, FieldType.LONGTEXT):
        return {"type": "string", "maxLength": field.max_length}
    if t is FieldType.POSTCODE:
        return {
            "type": "string",
            "maxLength": 10,
            "pattern": POSTCODE,
            "description": "a UK postcode",
        }
    if t is FieldType.PHONE:
        return {
            "type": "string",
            "maxLength": 40,
            "pattern": PHONE,
            "description": "a UK phone number, 10 or 11 digits or +44… (stored in E.164, "
            "e.g. +447700900123; the importer also checks it is a real number range)",
        }
    if t is FieldType.EMAIL:
        return {
            "type": "string",
            "maxLength": 320,
            "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
            "description": "an email address",
        }
    if t is FieldType.DATE:
        return {
            "type": "string",
            "anyOf": [{"format": "date"}, {"pattern": DATE_TIME}],
            "description": "a real date written YYYY-MM-DD (an ISO 8601 date and time is "
            "accepted and its date kept)",
        }
    if t is FieldType.DATETIME:
        return {
            "type": "string",
            "pattern": DATE_TIME,
            "description": "a date and time in ISO 8601 (YYYY-MM-DDTHH:MM:SS, optional offset)",
        }
    if t is FieldType.TIME:
        return {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "a time written HH:MM",
        }
    if t is FieldType.INT:
        out: dict[str, Any] = {"type": "integer"}
        if field.min_value is not None:
            out["minimum"] = field.min_value
        if field.max_value is not None:
            out["maximum"] = field.max_value
        return out
    if t is FieldType.BOOL:
        return {"type": "boolean"}
    if t is FieldType.ENUM:
        return {"enum": list(field.choices)}
    if t is FieldType.UPN:
        return {
            "type": "string",
            "pattern": f"^ *[{UPN_LETTER}][0-9]{{11}}[0-9{UPN_LETTER}] *$",
            "description": "a unique pupil number: a check letter, 11 digits and a digit or "
            "letter (the importer also checks the check letter, DfE's algorithm)",
        }
    if t is FieldType.TAGS:
        return {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 100}}
    if t is FieldType.REF:
        target = field.ref or "record"
        return {
            "$ref": "#/$defs/id",
            "description": f"the id of a {target} (in this file or already in the vault; "
            "the importer checks it leads somewhere)",
        }
    raise ValueError(f"no schema for {t}")


def definition(kind: str) -> dict[str, Any]:
    spec = records.spec_for(kind)
    implied = set(implied_fields(kind))
    properties: dict[str, Any] = {"id": {"$ref": "#/$defs/id"}}
    required = ["id"]
    for field in spec.fields:
        if field.name in implied:
            continue
        prop = property_for(field)
        if field.required:
            required.append(field.name)
            properties[field.name] = prop
        else:
            properties[field.name] = {"anyOf": [prop, {"type": "null"}]}
    if kind == "family":
        for key, nested in FAMILY_ARRAYS:
            properties[key] = {"type": "array", "items": {"$ref": f"#/$defs/{def_name(nested)}"}}
    if kind == "concern":
        properties[ADDITIONS_KEY] = {
            "type": "array",
            "items": {"$ref": "#/$defs/concern_addition"},
        }
    if kind == "case_link":
        required.remove("id")  # the directory derives it from the family, contact and role
    if kind == "attachment":
        properties[CONTENT_KEY] = {
            "type": "string",
            "contentEncoding": "base64",
            "description": "the file's bytes; their length and sha256 must be size and sha256",
        }
        required.append(CONTENT_KEY)
    return {
        "type": "object",
        "title": TITLES[kind],
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def build() -> dict[str, Any]:
    kinds = ["family", *(k for _key, k in FAMILY_ARRAYS), "concern_addition"]
    kinds += [k for _key, k in SHARED_ARRAYS]
    defs: dict[str, Any] = {
        "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "pattern": "\\S",
            "description": "a record id (any non-blank text up to 100 characters)",
        }
    }
    for kind in kinds:
        defs[def_name(kind)] = definition(kind)
    properties: dict[str, Any] = {
        "format": {"const": FORMAT},
        "families": {"type": "array", "items": {"$ref": "#/$defs/family"}},
    }
    for key, kind in SHARED_ARRAYS:
        properties[key] = {"type": "array", "items": {"$ref": f"#/$defs/{def_name(kind)}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://liaison-desktop.invalid/schema/liaison-desktop-1.schema.json",
        "title": "Liaison Desktop interchange format liaison-desktop/1",
        "description": "Families with everything recorded about them, the shared contact "
        "directory and school activities. Unknown keys are rejected. A value absent or null "
        "is empty. Not exchanged: allocations to officers' laptops and erasure records.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format"],
        "properties": properties,
        "$defs": defs,
    }


def text() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    FILE.write_text(text(), encoding="utf-8")
    sys.stdout.write(f"wrote {FILE}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
