"""The shared shape of every area's service: validate, write through the op log, read back."""

from __future__ import annotations

from typing import Any

from ..domain.fields import FieldType
from ..domain.record import Record
from ..domain.records import RecordSpec
from ..errors import NotFound, NotPermitted
from ..i18n import _
from .context import ServiceContext
from .validation import ValidationFailed, clean_values


class RecordService:
    """Create, read, update and delete one kind of record. Areas subclass it to add rules."""

    spec: RecordSpec

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def kind(self) -> str:
        return self.spec.kind

    # -- reading -------------------------------------------------------------------------------
    def get(self, record_id: str) -> Record:
        """The record, or NotFound."""
        row = self.ctx.store.get(self.kind, record_id)
        if row is None:
            raise NotFound(
                _("No {kind} with id {id} in this vault.").format(kind=self.kind, id=record_id)
            )
        return self._record(row)

    def find(self, record_id: str) -> Record | None:
        """The record, or None."""
        row = self.ctx.store.get(self.kind, record_id)
        return self._record(row) if row is not None else None

    def query(
        self,
        where: str = "",
        params: tuple[Any, ...] = (),
        *,
        order_by: str = "",
        limit: int | None = None,
    ) -> list[Record]:
        """Records of this kind matching a condition on its own columns."""
        rows = self.ctx.store.query(self.kind, where, params, order_by=order_by, limit=limit)
        return [self._record(r) for r in rows]

    def for_family(self, family_id: str, *, order_by: str = "") -> list[Record]:
        """Every record of this kind belonging to one family."""
        field = self.spec.family_field
        if field is None:
            raise TypeError(f"{self.kind} records do not belong to families")
        return self.query(f'"{field}" = ?', (family_id,), order_by=order_by)

    # -- writing -------------------------------------------------------------------------------
    def create(self, values: dict[str, Any], *, record_id: str | None = None) -> Record:
        """Validate and write a new record; returns it as stored."""
        cleaned = self.prepare_create(values)
        new_id = record_id or self.ctx.store.new_id()
        with self.ctx.vault.transaction():
            if self.ctx.store.get(self.kind, new_id, include_deleted=True) is not None:
                raise ValidationFailed([("id", _("'{id}' is already used").format(id=new_id))])
            self.check_references(cleaned)
            self.ctx.store.put(self.kind, new_id, cleaned)
        return self.get(new_id)

    def update(self, record_id: str, values: dict[str, Any]) -> Record:
        """Validate and apply changes to some fields of an existing record."""
        current = self.get(record_id)
        if self.spec.append_only:
            raise NotPermitted(
                _("A {kind} cannot be changed once recorded; add to it instead.").format(
                    kind=self.kind
                )
            )
        cleaned = self.prepare_update(current, values)
        with self.ctx.vault.transaction():
            self.check_references(cleaned)
            self.ctx.store.put(self.kind, record_id, cleaned)
        return self.get(record_id)

    def delete(self, record_id: str) -> None:
        """Remove a record from views and search (kept as a tombstone for sync)."""
        current = self.get(record_id)
        self.check_delete(current)
        self.ctx.store.delete(self.kind, record_id)

    # -- hooks for areas ---------------------------------------------------------------------
    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        """Clean values for a new record; areas add defaults and rules."""
        return clean_values(self.spec, values, creating=True)

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        """Clean changed values; areas refuse changes their rules forbid."""
        cleaned = clean_values(self.spec, values, creating=False)
        missing = [
            name
            for name, value in cleaned.items()
            if self.spec.field(name).required and value is None
        ]
        if missing:
            raise ValidationFailed([(name, _("is required")) for name in missing])
        return cleaned

    def check_delete(self, current: Record) -> None:
        """Refuse deletes the area's rules forbid."""
        if self.spec.append_only:
            raise NotPermitted(_("A {kind} cannot be deleted.").format(kind=self.kind))

    def check_references(self, cleaned: dict[str, Any]) -> None:
        """Every REF field must name an existing record of the right kind."""
        problems = []
        for name, value in cleaned.items():
            field = self.spec.field(name)
            if (
                field.type is FieldType.REF
                and field.ref
                and value is not None
                and self.ctx.store.get(field.ref, value) is None
            ):
                problems.append(
                    (name, _("no {kind} with id '{id}'").format(kind=field.ref, id=value))
                )
        if problems:
            raise ValidationFailed(problems)

    def _record(self, row: dict[str, Any]) -> Record:
        values = {k: v for k, v in row.items() if k not in ("id", "deleted")}
        return Record(kind=self.kind, id=row["id"], data=values)
