"""Child-protection file transfers: when a pupil's file was sent and when its receipt was
confirmed, against the five-school-day expectation. The pack itself is a report
(services/reports/transfer_pack.py), which records the transfer when it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import records
from ..domain.record import Record
from ..errors import NotFound
from ..i18n import _
from ..reports.transfer_pack import school_days_between
from .record_service import RecordService
from .validation import ValidationFailed


@dataclass(frozen=True)
class TransferStatus:
    """A transfer record with how long the file took to send and whether receipt is confirmed."""

    record: Record
    school_days_to_send: int | None
    on_time: bool | None
    confirmed: bool


class TransfersService(RecordService):
    """Child-protection file transfers: sent and confirmed dates."""

    spec = records.TRANSFER

    def confirm_received(
        self, person_id: str, received_on: date, received_by: str | None = None
    ) -> TransferStatus:
        """Record that the receiving school confirmed receipt of the pupil's latest transfer."""
        if self.ctx.store.get("person", person_id) is None:
            raise NotFound(
                _("No {kind} with id {id} in this vault.").format(kind="person", id=person_id)
            )
        pending = self.query(
            "person_id = ? AND received_on IS NULL", (person_id,), order_by="sent_on DESC"
        )
        if not pending:
            raise NotFound(
                _(
                    "No transfer of this pupil's file is waiting for confirmation; nothing was "
                    "changed. Make the transfer pack first (liaison report transfer)."
                )
            )
        transfer = pending[0]
        if received_on < date.fromisoformat(str(transfer["sent_on"])):
            raise ValidationFailed(
                [
                    (
                        "received_on",
                        _("is before the file was sent ({sent})").format(sent=transfer["sent_on"]),
                    )
                ]
            )
        values: dict[str, Any] = {"received_on": received_on.isoformat()}
        if received_by:
            values["received_by"] = received_by
        return self.status(self.update(transfer.id, values))

    def of_pupil(self, person_id: str) -> list[TransferStatus]:
        """A pupil's transfers, newest first."""
        return [
            self.status(t)
            for t in self.query("person_id = ?", (person_id,), order_by="sent_on DESC")
        ]

    @staticmethod
    def status(record: Record) -> TransferStatus:
        """How a transfer stands against the five-school-day expectation."""
        left = record.get("left_on")
        days = (
            school_days_between(
                date.fromisoformat(str(left)), date.fromisoformat(str(record["sent_on"]))
            )
            if left
            else None
        )
        return TransferStatus(
            record=record,
            school_days_to_send=days,
            on_time=None if days is None else days <= 5,
            confirmed=bool(record.get("received_on")),
        )
