"""People in a household: pupils, carers, siblings and other adults."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain import records
from ..domain.record import Record
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed

EARLIEST_BIRTH = date(1900, 1, 1)


class PeopleService(RecordService):
    """Members of families."""

    spec = records.PERSON

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_create(values)
        self._check_birth(cleaned)
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_update(current, values)
        self._check_birth(cleaned)
        return cleaned

    def _check_birth(self, cleaned: dict[str, Any]) -> None:
        """A date of birth is in the past (not today's or later) and after 1900."""
        raw = cleaned.get("date_of_birth")
        if not raw:
            return
        born = date.fromisoformat(str(raw)[:10])
        if born > self.ctx.today():
            raise ValidationFailed(
                [("date_of_birth", _("is in the future ({day}): check the year").format(day=raw))]
            )
        if born < EARLIEST_BIRTH:
            raise ValidationFailed(
                [("date_of_birth", _("is before 1900 ({day}): check the year").format(day=raw))]
            )

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
        """Given and family name as one string, with the name used day to day in brackets
        where it is not the legal one: "Zofia (Zosia) Kowalska"."""
        preferred = person.get("preferred_name")
        known = f"({preferred})" if preferred and preferred != person.get("given_name") else None
        return " ".join(
            str(p) for p in (person.get("given_name"), known, person.get("family_name")) if p
        )
