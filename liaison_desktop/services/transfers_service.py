"""Child-protection file transfers: when a pupil's file was sent and when its receipt was
confirmed, against the five-school-day expectation. The pack itself is a report
(services/reports/transfer_pack.py), which records the transfer when it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import records
from ..domain.record import Record
from ..domain.school_calendar import NATIONS, SchoolCalendar, parse_inset_days
from ..errors import NotFound
from ..i18n import _
from ..reports.transfer_pack import SCHOOL_DAYS_ALLOWED
from .record_service import RecordService
from .validation import ValidationFailed

NATION_SETTING = "school_nation"
INSET_SETTING = "inset_days"


@dataclass(frozen=True)
class TransferStatus:
    """A transfer record with how long the file took to send and whether receipt is confirmed;
    for one awaiting receipt, the school days since the pupil left and the day it was due."""

    record: Record
    school_days_to_send: int | None
    on_time: bool | None
    confirmed: bool
    due_by: date | None = None
    school_days_waiting: int | None = None

    @property
    def overdue(self) -> bool:
        """Not confirmed received, and the five school days have passed."""
        return (
            not self.confirmed
            and self.school_days_waiting is not None
            and (self.school_days_waiting > SCHOOL_DAYS_ALLOWED)
        )


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
        return self.confirm_transfer(pending[0].id, received_on, received_by)

    def confirm_transfer(
        self, transfer_id: str, received_on: date, received_by: str | None = None
    ) -> TransferStatus:
        """Record that the receiving school confirmed receipt of this transfer."""
        transfer = self.get(transfer_id)
        if transfer.get("received_on"):
            raise ValidationFailed(
                [
                    (
                        "received_on",
                        _("was recorded already ({day})").format(day=transfer["received_on"]),
                    )
                ]
            )
        if received_on > self.ctx.today():
            raise ValidationFailed([("received_on", _("cannot be a later day than today"))])
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

    # -- the school-day clock --------------------------------------------------------------------
    def nation(self) -> str:
        """Whose bank holidays count: England's (the default) or Wales's."""
        value = self.ctx.setting(NATION_SETTING, "england")
        return value if value in NATIONS else "england"

    def inset_days(self) -> tuple[date, ...]:
        """The school's INSET days, as the lead set them."""
        try:
            return parse_inset_days(self.ctx.setting(INSET_SETTING, ""))
        except ValueError:
            return ()

    def set_school_days(self, nation: str, inset_days: str) -> None:
        """The lead sets whose bank holidays count and the school's INSET days."""
        self.ctx.require_lead(_("set the school's calendar"))
        problems: list[tuple[str, str]] = []
        if nation not in NATIONS:
            problems.append(("nation", _("choose one of: {n}").format(n=", ".join(NATIONS))))
        try:
            days = parse_inset_days(inset_days)
        except ValueError as exc:
            problems.append(("inset_days", _("'{day}' is not a date (YYYY-MM-DD)").format(day=exc)))
            days = ()
        if problems:
            raise ValidationFailed(problems)
        self.ctx.vault.set_meta(f"setting.{NATION_SETTING}", nation)
        self.ctx.vault.set_meta(f"setting.{INSET_SETTING}", ",".join(d.isoformat() for d in days))

    def calendar(self, *around: date) -> SchoolCalendar:
        """School days in the years around the days given (and the next, for a clock that runs
        over New Year)."""
        years = {d.year for d in around} | {d.year + 1 for d in around}
        return SchoolCalendar.for_years(self.nation(), sorted(years), self.inset_days())

    def due_by(self, left_on: date) -> date:
        """The day the file is due at the new school: five school days after the pupil left."""
        return self.calendar(left_on).add_school_days(left_on, SCHOOL_DAYS_ALLOWED)

    def status(self, record: Record) -> TransferStatus:
        """How a transfer stands against the five-school-day expectation."""
        left = date.fromisoformat(str(record["left_on"])) if record.get("left_on") else None
        sent = date.fromisoformat(str(record["sent_on"]))
        today = self.ctx.today()
        calendar = self.calendar(*(d for d in (left, sent, today) if d is not None))
        days = calendar.school_days_between(left, sent) if left else None
        confirmed = bool(record.get("received_on"))
        start = left or sent
        return TransferStatus(
            record=record,
            school_days_to_send=days,
            on_time=None if days is None else days <= SCHOOL_DAYS_ALLOWED,
            confirmed=confirmed,
            due_by=calendar.add_school_days(start, SCHOOL_DAYS_ALLOWED),
            school_days_waiting=None if confirmed else calendar.school_days_between(start, today),
        )

    def awaiting_receipt(self) -> list[TransferStatus]:
        """Transfers whose receipt is not confirmed, the longest waiting first."""
        return [
            self.status(t)
            for t in self.query("received_on IS NULL", order_by="coalesce(left_on, sent_on)")
        ]
