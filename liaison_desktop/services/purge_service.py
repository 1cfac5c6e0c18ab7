"""Destroying records past their retention date: a purge here, and on every device by sync.

The lead destroys records from the review queue. Everything is checked first — the records
must be due, and no legal hold may cover any of them or anything that goes with them — and
then, in one transaction, each record gets a purge marker (`erasure`: ids only, synced to
the devices that held the case), an audit event without content (kind, id, who, when, the
lead's reason, which stays on this device), and is removed
from every table holding its values (store/purge.py). Afterwards the write-ahead log is folded
in and truncated, so no copy of a purged page is left on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain import records
from ..errors import InputRejected
from ..i18n import _
from ..store import purge
from ..store.database import translated_errors
from .context import ServiceContext
from .holds_service import HoldsService
from .retention_service import RetentionService
from .validation import ValidationFailed, clean_values

FAMILY = "family"
# What a purge marker says about why: the lead's own words stay in the lead's audit log; the
# marker, which other devices receive, carries no free text.
MARKER_REASON = "retention"


@dataclass(frozen=True)
class DestroyResult:
    """What a destruction removed."""

    family_id: str
    records: int
    family_destroyed: bool

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return dict(self.__dict__)


class PurgeService:
    """Destroy records the review queue lists (lead only)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.retention = RetentionService(ctx)
        self.holds = HoldsService(ctx)

    def destroy(
        self,
        family_id: str,
        *,
        reason: str,
        records_: list[tuple[str, str]] | None = None,
    ) -> DestroyResult:
        """Purge a closed case's records past their date (all of them, or the ones named)."""
        self.ctx.require_lead(_("destroy records"))
        if not reason or not reason.strip():
            raise ValidationFailed([("reason", _("is required"))])
        reason = clean_values(records.ERASURE, {"reason": reason}, creating=False)["reason"]
        review = self.retention.due_for_family(family_id)
        due = {(i.kind, i.record_id): i for i in review.items} if review else {}
        if records_ is None:
            chosen = list(due)
        else:
            chosen = list(dict.fromkeys(records_))
            not_due = [f"{k} {i}" for k, i in chosen if (k, i) not in due]
            if not_due:
                raise InputRejected(
                    _(
                        "These records have not reached their retention date (or are not in "
                        "this case): {records}. Nothing was destroyed."
                    ).format(records=", ".join(not_due))
                )
        if not chosen:
            raise InputRejected(
                _("Nothing of this case is past its retention date; nothing was destroyed.")
            )
        whole_family = (FAMILY, family_id) in chosen
        targets = [(FAMILY, family_id)] if whole_family else chosen
        with self.ctx.vault.transaction() as conn:
            with translated_errors():
                expanded = purge.expand(conn, targets)
            self._refuse_held(expanded, family_id)
            erased_at = self.ctx.now_iso()
            held_by = purge.holders(conn, family_id) - {self.ctx.store.device_id}
            # One marker per record (the family's own marker stands for the whole case), so
            # every device that held the case purges exactly what was purged here.
            for item in expanded:
                self._mark(item.kind, item.record_id, item.family_id, reason, erased_at, held_by)
            with translated_errors():
                removed = purge.purge_records(conn, expanded)
                for item in expanded:
                    self.ctx.vault.pending_changes.note(item.kind, item.family_id)
                if whole_family:
                    purge.purge_family_ops(conn, family_id)
        with translated_errors():
            purge.scrub(self.ctx.vault.conn)
        return DestroyResult(family_id, removed, whole_family)

    # -- internals -----------------------------------------------------------------------------
    def _refuse_held(self, expanded: list[purge.Purged], family_id: str) -> None:
        held = []
        for item in expanded:
            for hold in self.holds.holding(item.kind, item.record_id, item.family_id or family_id):
                held.append((item, hold))
        if not held:
            return
        hold = held[0][1]
        raise InputRejected(
            _(
                "{count} of these records are under a legal hold (placed by {who} on {day}). "
                "A held record cannot be destroyed until the hold is released. Nothing was "
                "destroyed."
            ).format(
                count=len({(i.kind, i.record_id) for i, _h in held}),
                who=hold["placed_by"],
                day=str(hold["placed_at"])[:10],
            )
        )

    def _mark(
        self,
        kind: str,
        record_id: str,
        family_id: str | None,
        reason: str,
        at: str,
        held_by: set[str],
    ) -> None:
        store = self.ctx.store
        marker = store.put(
            records.ERASURE.kind,
            store.new_id(),
            {
                "target_kind": kind,
                "target_id": record_id,
                "target_family": family_id,
                "reason": MARKER_REASON,
                "erased_by": self.ctx.owner_name,
                "erased_at": at,
            },
            action="purge-marker",
            detail=kind,
        )
        if marker is not None:
            purge.remember_holders(self.ctx.vault.conn, marker.op_id, held_by)
        store.record_event(
            "purge", kind=kind, record_id=record_id, family_id=family_id, detail=reason
        )
