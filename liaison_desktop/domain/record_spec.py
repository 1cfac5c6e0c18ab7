"""What a record kind is: its table, fields, search, sync rules and how the app treats it.

The kinds themselves are declared in `records.py` (and `engagement_records.py`,
`case_file_records.py`); everything that depends on a kind (its label, how long it is kept,
whether it is exported, synced first or shown in a chronology, which service writes it)
reads it from here, so a new kind is described in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fields import FieldSpec, FieldType

# How long a kind's records are kept (domain/retention_rules.py):
# - "child_protection": 25 years after the pupil's birth (concerns, CP-file transfers);
# - "skeleton": the family and its people, kept as long as anything else of the case;
# - "trail": the case's own records-management trail (closures, holds, keep decisions, what
#   was shared), which must outlive what it speaks about, and so also kept with the skeleton;
# - "general": the general rule (6 years after the case closed, unless the lead set another);
# - "not_retained": not part of any family's case file (the directory, activities, rules).
RETENTION_CLASSES = ("child_protection", "skeleton", "trail", "general", "not_retained")


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
    # What follows describes the kind to the rest of the app, so adding a kind is its spec, its
    # service and a migration (docs/decisions.md, "Adding a record kind"); tests hold each
    # list that depends on it to the specs.
    # What people call one record of the kind (a literal msgid: shown through `_()`).
    label: str = ""
    # How the records-management screens name it, where that differs ("" = `label`).
    case_file_label: str = ""
    # How long its records are kept (domain/retention_rules.py): one of RETENTION_CLASSES.
    retention: str = "general"
    # Written to the JSON interchange document (interchange/document.py lays out where).
    in_interchange: bool = False
    # Its records are chronology entries of their own (services/chronology_service.KINDS).
    in_chronology: bool = False
    # Sent before everything else in a bundle to a lead (a concern must not wait).
    sync_first: bool = False
    # The Caseload attribute holding its service ("families", "concerns.additions"), or "".
    service: str = ""
    by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        if self.retention not in RETENTION_CLASSES:
            raise ValueError(f"{self.kind}: unknown retention class {self.retention!r}")

    @property
    def searchable(self) -> bool:
        return bool(self.title_fields or self.body_fields)

    def field(self, name: str) -> FieldSpec:
        return self.by_name[name]


def family_ref() -> FieldSpec:
    """The field tying a record to its family."""
    return FieldSpec("family_id", FieldType.REF, required=True, ref="family")
