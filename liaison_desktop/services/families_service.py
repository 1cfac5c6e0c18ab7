"""Families (households): the centre of the caseload."""

from __future__ import annotations

from typing import Any

from ..domain import records
from ..domain.record import Record
from .record_service import RecordService

# Fields `liaison family set` may change (DESIGN §7), plus the narrative ones the UI edits.
EDITABLE = (
    "name",
    "address",
    "postcode",
    "phone",
    "email",
    "strengths",
    "key_facts",
    "alerts",
    "needs",
)


class FamiliesService(RecordService):
    """Create, find and change families; viewing a family is audited."""

    spec = records.FAMILY

    def view(self, family_id: str) -> Record:
        """Open a family for reading, leaving an audit event that it was viewed."""
        family = self.get(family_id)
        self.ctx.store.record_event("view", kind="family", record_id=family_id, family_id=family_id)
        return family

    def all(self) -> list[Record]:
        """Every family, by name."""
        return self.query(order_by="name COLLATE NOCASE")

    def set_fields(self, family_id: str, values: dict[str, Any]) -> Record:
        """Change some of a family's fields (the same rules as `update`)."""
        return self.update(family_id, values)
