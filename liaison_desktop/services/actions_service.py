"""Actions agreed for a family: who does what by when, and whether it is done."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..domain import records
from ..domain.record import Record
from .record_service import RecordService


class ActionsService(RecordService):
    """Owner, due date, done."""

    spec = records.ACTION

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {"owner": self.ctx.owner_name or None, "done": False, **values}
        cleaned = super().prepare_create(values)
        if cleaned.get("done") and not cleaned.get("done_at"):
            cleaned["done_at"] = self.ctx.today().isoformat()
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_update(current, values)
        if "done" in cleaned:
            if cleaned["done"] and not current.get("done"):
                cleaned.setdefault("done_at", self.ctx.today().isoformat())
            elif not cleaned["done"]:
                cleaned["done_at"] = None
        return cleaned

    def add(
        self, family_id: str, title: str, *, owner: str | None = None, due: date | None = None
    ) -> Record:
        """Agree an action."""
        values: dict[str, Any] = {"family_id": family_id, "title": title}
        if owner is not None:
            values["owner"] = owner
        if due is not None:
            values["due"] = due.isoformat()
        return self.create(values)

    def complete(self, action_id: str) -> Record:
        """Mark an action done today."""
        return self.update(action_id, {"done": True})

    def reopen(self, action_id: str) -> Record:
        """Mark a done action as not done after all."""
        return self.update(action_id, {"done": False})

    def open_for_family(self, family_id: str) -> list[Record]:
        """A family's actions not yet done, soonest due first (undated last)."""
        return self.query(
            "family_id = ? AND (done IS NULL OR done = 0)",
            (family_id,),
            order_by="due IS NULL, due, created_at",
        )

    def overdue(self) -> list[Record]:
        """Actions not done whose due date has passed (for the Today screen), oldest first."""
        return self.query(
            "(done IS NULL OR done = 0) AND due IS NOT NULL AND due < ?",
            (self.ctx.today().isoformat(),),
            order_by="due, created_at",
        )

    def due_within(self, days: int = 7) -> list[Record]:
        """Actions not done that fall due from today to `days` days ahead."""
        today = self.ctx.today()
        return self.query(
            "(done IS NULL OR done = 0) AND due BETWEEN ? AND ?",
            (today.isoformat(), (today + timedelta(days=days)).isoformat()),
            order_by="due, created_at",
        )
