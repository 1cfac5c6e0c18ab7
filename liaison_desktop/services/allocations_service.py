"""Which officer's device holds which family (set by the lead; sync minimises by it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..domain import records
from ..domain.record import Record
from ..domain.records import allocation_id
from ..errors import NotFound
from ..i18n import _
from ..sync.peers import get_peer, list_peers
from .record_service import RecordService
from .validation import ValidationFailed

_DEVICE_ID = re.compile(r"^[0-9a-f]{32}$")


def _device(device_id: str) -> str:
    cleaned = device_id.strip().lower().replace("-", "")
    if not _DEVICE_ID.match(cleaned):
        raise ValidationFailed(
            [
                (
                    "device_id",
                    _(
                        "'{id}' is not a device id (32 letters and digits, as `liaison device "
                        "show` prints it)"
                    ).format(id=device_id),
                )
            ]
        )
    return cleaned


class AllocationsService(RecordService):
    """Allocating families to officers' devices and taking them back (lead only)."""

    spec = records.ALLOCATION

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        self.ctx.require_lead(_("allocate families"))
        return super().prepare_create(values)

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        self.ctx.require_lead(_("allocate families"))
        return super().prepare_update(current, values)

    def check_delete(self, current: Record) -> None:
        self.ctx.require_lead(_("allocate families"))

    def allocate(self, family_id: str, device_id: str, officer_name: str | None = None) -> Record:
        """Give a family to an officer's device (again after a removal: reactivated)."""
        self.ctx.require_lead(_("allocate families"))
        device = _device(device_id)
        record_id = allocation_id(family_id, device)
        values: dict[str, Any] = {"allocated_at": self.ctx.now_iso(), "active": True}
        if officer_name is None:
            # The officer's name as paired, so screens and PDFs never show a bare device id.
            peer = get_peer(self.ctx.vault, device)
            officer_name = peer.name if peer is not None and peer.name else None
        if officer_name is not None:
            values["officer_name"] = officer_name
        with self.ctx.vault.transaction():
            existing = self.ctx.store.get(self.kind, record_id, include_deleted=True)
            if existing is None:
                return self.create(
                    {"family_id": family_id, "device_id": device, **values}, record_id=record_id
                )
            if existing.get("active") and not existing.get("deleted"):
                if officer_name is not None and officer_name != existing.get("officer_name"):
                    return self.update(record_id, {"officer_name": officer_name})
                return self.get(record_id)
            if existing.get("deleted"):
                self.ctx.store.put(self.kind, record_id, {"deleted": False}, action="restore")
            return self.update(record_id, values)

    def allocate_many(
        self, family_ids: Sequence[str], device_id: str, officer_name: str | None = None
    ) -> list[Record]:
        """Give several families to one officer's device: all of them or, refused, none."""
        with self.ctx.vault.transaction():
            return [self.allocate(family_id, device_id, officer_name) for family_id in family_ids]

    def take_back(self, family_ids: Sequence[str]) -> int:
        """Take families back from every officer they are allocated to: all or none.

        Returns how many allocations ended; sync then asks each device to remove them.
        """
        self.ctx.require_lead(_("allocate families"))
        ended = 0
        with self.ctx.vault.transaction():
            for family_id in family_ids:
                for record in self.for_family(family_id):
                    self.update(record.id, {"active": False})
                    ended += 1
        return ended

    def officers(self) -> list[tuple[str, str]]:
        """The officers' devices a family can be allocated to, as (device id, name), by name:
        paired, certified as officers, not revoked."""
        return [
            (peer.device_id, peer.name or peer.device_id[:8])
            for peer in list_peers(self.ctx.vault, include_revoked=False)
            if peer.role == "officer"
        ]

    def remove(self, family_id: str, device_id: str) -> Record:
        """Take a family back from a device; sync will ask that device to purge it."""
        self.ctx.require_lead(_("allocate families"))
        device = _device(device_id)
        record = self.find(allocation_id(family_id, device))
        if record is None or not record.get("active"):
            raise NotFound(
                _("This family is not allocated to device {device}; nothing was changed.").format(
                    device=device
                )
            )
        return self.update(record.id, {"active": False})

    def for_family(
        self, family_id: str, *, order_by: str = "", active_only: bool = True
    ) -> list[Record]:
        """A family's allocations (only active ones unless `active_only` is False)."""
        where = '"family_id" = ?' + (" AND active = 1" if active_only else "")
        return self.query(where, (family_id,), order_by=order_by or "allocated_at")

    def families_for_device(self, device_id: str) -> list[str]:
        """Ids of the families actively allocated to a device."""
        device = _device(device_id)
        return [
            str(r["family_id"])
            for r in self.query("device_id = ? AND active = 1", (device,), order_by="allocated_at")
        ]

    def removed_for_device(self, device_id: str) -> list[str]:
        """Ids of families taken back from a device (sync sends a purge for these)."""
        device = _device(device_id)
        return [
            str(r["family_id"])
            for r in self.query("device_id = ? AND active = 0", (device,), order_by="allocated_at")
        ]
