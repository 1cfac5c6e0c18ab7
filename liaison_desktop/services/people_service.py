"""People in a household: pupils, carers, siblings and other adults."""

from __future__ import annotations

from ..domain import records
from ..domain.record import Record
from .record_service import RecordService


class PeopleService(RecordService):
    """Members of families."""

    spec = records.PERSON

    def pupils(self, family_id: str) -> list[Record]:
        """The family's pupils, youngest year group last."""
        return self.query(
            "family_id = ? AND role = 'pupil'", (family_id,), order_by="year_group DESC"
        )

    def everyone(self, *, pupils_only: bool = False) -> list[Record]:
        """Every person in the vault (or every pupil), by family name then given name."""
        where = "role = 'pupil'" if pupils_only else ""
        return self.query(where, order_by="family_name, given_name")

    def members(self, family_id: str) -> list[Record]:
        """Everyone in the household, carers first."""
        return self.query(
            "family_id = ?",
            (family_id,),
            order_by="CASE role WHEN 'carer' THEN 0 WHEN 'pupil' THEN 1 WHEN 'sibling' THEN 2 "
            "ELSE 3 END, given_name COLLATE NOCASE",
        )

    @staticmethod
    def display_name(person: Record) -> str:
        """Given and family name as one string."""
        return " ".join(p for p in (person.get("given_name"), person.get("family_name")) if p)
