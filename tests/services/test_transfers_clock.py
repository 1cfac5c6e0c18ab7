"""The five-school-day clock of a child-protection file transfer counts England's or Wales's
bank holidays (from the `holidays` library) and the school's INSET days; transfers awaiting
receipt are listed with it, overdue ones reach the lead's Today, and receipt is recorded."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from liaison_desktop.domain.school_calendar import SchoolCalendar, bank_holidays
from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.today_service import gather_today
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on


def test_bank_holidays_and_inset_days_are_not_school_days() -> None:
    england = bank_holidays("england", [2026])
    assert date(2026, 12, 25) in england and date(2026, 8, 31) in england  # summer bank holiday
    assert date(2026, 12, 28) in england  # Boxing Day falls on a Saturday: Monday instead
    calendar = SchoolCalendar.for_years("england", [2026, 2027], [date(2026, 12, 22)])
    # Left on Friday 18 December: Mon 21, (INSET 22), Wed 23, Thu 24, (25, weekend, 28),
    # Tue 29, Wed 30 — the fifth school day.
    assert calendar.add_school_days(date(2026, 12, 18), 5) == date(2026, 12, 30)
    assert calendar.school_days_between(date(2026, 12, 18), date(2026, 12, 30)) == 5
    plain = SchoolCalendar()
    assert plain.add_school_days(date(2026, 12, 18), 5) == date(2026, 12, 25)


def _transfer(c: Caseload, left: date, sent: date) -> tuple[str, str]:
    fid = c.families.create({"name": "Okafor family"}).id
    pupil = c.people.create({"family_id": fid, "given_name": "Tobi", "role": "pupil"}).id
    record = c.transfers.create(
        {"person_id": pupil, "family_id": fid, "receiving_school": "Ysgol Demo",
         "left_on": left.isoformat(), "sent_on": sent.isoformat(), "sent_by": "Dana Lead"}
    )  # fmt: skip
    return pupil, record.id


def test_the_clock_lists_overdue_transfers_on_the_leads_today(lead_vault: Vault) -> None:
    today = date(2027, 1, 8)  # a Friday
    c = caseload_on(lead_vault, today=today)
    _pupil, transfer = _transfer(c, left=date(2026, 12, 18), sent=date(2026, 12, 18))
    (waiting,) = c.transfers.awaiting_receipt()
    # Mon 21 to Thu 24 Dec, then Christmas (Fri) and the Boxing Day holiday (Mon 28): Tue 29.
    assert waiting.due_by == date(2026, 12, 29)
    # 21–24 and 29–31 Dec, New Year's Day (Fri 1 Jan) not, 4–8 Jan: 12 school days waiting.
    assert waiting.school_days_waiting == 12 and waiting.overdue
    snap = gather_today(c)
    assert [i.text.split(" · ")[0] for i in snap.transfers_overdue] == ["Tobi"]
    # Receipt recorded: no longer waiting; a day after today or a second receipt is refused.
    with pytest.raises(ValidationFailed):
        c.transfers.confirm_transfer(transfer, today + timedelta(days=1))
    confirmed = c.transfers.confirm_transfer(transfer, today, "Mr Jones, DSL")
    assert confirmed.confirmed and not confirmed.overdue
    with pytest.raises(ValidationFailed, match="already"):
        c.transfers.confirm_transfer(transfer, today)
    assert c.transfers.awaiting_receipt() == []
    assert gather_today(c).transfers_overdue == []


def test_inset_days_move_the_due_day_and_only_a_lead_sets_them(
    lead_vault: Vault, vault: Vault
) -> None:
    c = caseload_on(lead_vault, today=date(2026, 10, 20))
    _transfer(c, left=date(2026, 10, 16), sent=date(2026, 10, 16))  # a Friday
    assert c.transfers.awaiting_receipt()[0].due_by == date(2026, 10, 23)
    c.transfers.set_school_days("wales", "2026-10-19, 2026-10-20")
    assert (c.transfers.nation(), c.transfers.inset_days()) == (
        "wales",
        (date(2026, 10, 19), date(2026, 10, 20)),
    )
    assert c.transfers.awaiting_receipt()[0].due_by == date(2026, 10, 27)
    with pytest.raises(ValidationFailed):
        c.transfers.set_school_days("scotland", "")
    with pytest.raises(ValidationFailed):
        c.transfers.set_school_days("england", "2026-13-01")
    with pytest.raises(NotPermitted):
        caseload_on(vault).transfers.set_school_days("england", "")
