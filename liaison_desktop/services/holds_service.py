"""Legal holds: a lead keeps a case (or one record) safe from any purge until released.

A hold is a `legal_hold` record of the family (synced, audited): who placed it, when and why,
and — once released — who released it, when and why. A hold on target kind "family" covers
every record of the family.
"""

from __future__ import annotations

from typing import Any

from ..domain import records
from ..domain.record import Record
from ..errors import InputRejected, NotFound
from ..i18n import _
from ..store.database import translated_errors
from .record_service import RecordService
from .validation import ValidationFailed

FAMILY = "family"


class HoldsService(RecordService):
    """Place, release and check legal holds (placing and releasing are for the lead)."""

    spec = records.LEGAL_HOLD

    def place(
        self, family_id: str, *, reason: str, record: tuple[str, str] | None = None
    ) -> Record:
        """Hold a family's whole case, or one of its records, against any purge."""
        self.ctx.require_lead(_("place a legal hold"))
        kind, record_id = record if record is not None else (FAMILY, family_id)
        self._check_target(family_id, kind, record_id)
        cleaned = self.prepare_create(
            {
                "family_id": family_id,
                "target_kind": kind,
                "target_id": record_id,
                "reason": reason,
                "placed_by": self.ctx.owner_name or self.ctx.device_id,
                "placed_at": self.ctx.now_iso(),
            }
        )
        new_id = self.ctx.store.new_id()
        with self.ctx.vault.transaction():
            self.ctx.store.put(self.kind, new_id, cleaned, action="hold-place", detail=kind)
        return self.get(new_id)

    def release(self, hold_id: str, *, reason: str) -> Record:
        """Release a hold, saying why; purges may then touch what it covered."""
        self.ctx.require_lead(_("release a legal hold"))
        hold = self.get(hold_id)
        if hold["released_at"]:
            raise InputRejected(_("That hold was released already; nothing was changed."))
        if not reason or not reason.strip():
            raise ValidationFailed([("release_reason", _("is required"))])
        values: dict[str, Any] = {
            "released_at": self.ctx.now_iso(),
            "released_by": self.ctx.owner_name or self.ctx.device_id,
            "release_reason": reason,
        }
        cleaned = self.prepare_update(hold, values)
        with self.ctx.vault.transaction():
            self.ctx.store.put(
                self.kind, hold_id, cleaned, action="hold-release", detail=hold["target_kind"]
            )
        return self.get(hold_id)

    def active(self, family_id: str | None = None) -> list[Record]:
        """Holds in force (of one family, or all), oldest first."""
        where = "released_at IS NULL"
        params: tuple[Any, ...] = ()
        if family_id is not None:
            where += " AND family_id = ?"
            params = (family_id,)
        return self.query(where, params, order_by="placed_at, id")

    def all(self, *, include_released: bool = False) -> list[Record]:
        """Every hold (released ones too when asked), oldest first."""
        if include_released:
            return self.query(order_by="placed_at, id")
        return self.active()

    def holding(self, kind: str, record_id: str, family_id: str | None) -> list[Record]:
        """The holds in force over one record (its own, and its family's)."""
        with translated_errors():
            rows = self.ctx.store.query(
                self.kind,
                "released_at IS NULL AND ((target_kind = ? AND target_id = ?) "
                "OR (target_kind = 'family' AND target_id = ?))",
                (kind, record_id, family_id if family_id is not None else "\x00"),
            )
        return [self._record(r) for r in rows]

    def _check_target(self, family_id: str, kind: str, record_id: str) -> None:
        if self.ctx.store.get(FAMILY, family_id) is None:
            raise ValidationFailed(
                [("family_id", _("no family with id '{id}'").format(id=family_id))]
            )
        if kind == FAMILY:
            if record_id != family_id:
                raise ValidationFailed([("record", _("a family hold names the family itself"))])
            return
        if kind not in records.BY_KIND:
            raise ValidationFailed([("record", _("no record kind '{kind}'").format(kind=kind))])
        found = self.ctx.store.get(kind, record_id)
        spec = records.BY_KIND[kind]
        if found is None or spec.family_field is None or found.get(spec.family_field) != family_id:
            raise NotFound(
                _("This family has no {kind} with id {id}; nothing was changed.").format(
                    kind=kind, id=record_id
                )
            )
