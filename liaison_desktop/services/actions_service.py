"""Actions agreed for a family: who does what by when, and whether it is done."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


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
        self,
        family_id: str,
        title: str,
        *,
        owner: str | None = None,
        due: date | None = None,
        source: Record | None = None,
    ) -> Record:
        """Agree an action, from the family or from one of its records (`source`)."""
        values: dict[str, Any] = {"family_id": family_id, "title": title}
        if owner is not None:
            values["owner"] = owner
        if due is not None:
            values["due"] = due.isoformat()
        if source is not None:
            if source.kind not in v.ACTION_SOURCES or source.get("family_id") != family_id:
                raise ValidationFailed(
                    [("source_id", _("must be a visit, note, concern or plan goal of this family"))]
                )
            values["source_kind"] = source.kind
            values["source_id"] = source.id
        return self.create(values)

    def complete(self, action_id: str, outcome: str = "") -> Record:
        """Mark an action done today, with what came of it."""
        values: dict[str, Any] = {"done": True}
        if outcome.strip():
            values["outcome"] = outcome
        return self.update(action_id, values)

    def for_family(self, family_id: str, *, order_by: str = "") -> list[Record]:
        """All a family's actions: open ones first (soonest due first), then done ones."""
        return super().for_family(
            family_id,
            order_by=order_by or "COALESCE(done, 0), due IS NULL, due, done_at DESC, created_at",
        )

    def from_source(self, source_id: str) -> list[Record]:
        """The actions raised from one record (a visit, note, concern or plan goal)."""
        return self.query("source_id = ?", (source_id,), order_by="created_at")

    def owner_names(self) -> list[str]:
        """Who can own an action: whoever uses this vault, then the paired officers and leads."""
        from ..sync.peers import list_peers

        names = [self.ctx.owner_name]
        names += sorted(
            peer.name for peer in list_peers(self.ctx.vault, include_revoked=False) if peer.name
        )
        return list(dict.fromkeys(n for n in names if n))

    def mine(self, *, include_done: bool = False) -> list[Record]:
        """The actions owned by whoever uses this vault, soonest due first (undated last)."""
        where = "owner = ?" if include_done else "owner = ? AND (done IS NULL OR done = 0)"
        return self.query(
            where, (self.ctx.owner_name,), order_by="COALESCE(done, 0), due IS NULL, due"
        )

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
