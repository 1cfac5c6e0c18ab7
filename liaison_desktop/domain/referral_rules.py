"""Rules of referrals: which status may follow which, and the food-bank voucher limit.

Pure functions over plain values, so the rules can be tested (and property-tested) without
a vault, and the UI, CLI and importer all apply the same ones.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import _
from . import vocabulary as v

DEFAULT_VOUCHER_LIMIT = 3
DEFAULT_VOUCHER_WINDOW_MONTHS = 6
VOUCHER_KIND = "food_bank"
# Referrals that never led to vouchers being used do not count towards the limit.
NOT_COUNTED_STATUSES = ("declined", "withdrawn")


def can_move(current: str, new: str) -> bool:
    """Whether a referral in status `current` may move to `new` (forward only)."""
    return new in v.REFERRAL_TRANSITIONS.get(current, ())


def allowed_moves(current: str) -> tuple[str, ...]:
    """The statuses a referral in `current` may move to next."""
    return v.REFERRAL_TRANSITIONS.get(current, ())


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the end of a short month)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def vouchers_of(referral: Mapping[str, Any]) -> int:
    """Vouchers a referral counts for: its `vouchers`, or one when a food-bank referral omits it."""
    vouchers = referral.get("vouchers")
    if vouchers is None:
        # A food-bank referral is itself a voucher in the usual (Trussell) scheme; counting an
        # unstated number as none would let the warning be missed.
        return 1
    return int(vouchers)


def counts_towards_limit(referral: Mapping[str, Any], today: date, window_months: int) -> bool:
    """Whether a referral's vouchers count: food bank, not declined/withdrawn, dated in window."""
    if referral.get("kind") != VOUCHER_KIND or referral.get("status") in NOT_COUNTED_STATUSES:
        return False
    raw = referral.get("date")
    if not raw:
        return False
    dated = date.fromisoformat(str(raw))
    return months_before(today, window_months) < dated <= today


def vouchers_in_window(
    referrals: Iterable[Mapping[str, Any]], today: date, window_months: int
) -> int:
    """Food-bank vouchers counted in the window of `window_months` months ending `today`."""
    return sum(vouchers_of(r) for r in referrals if counts_towards_limit(r, today, window_months))


@dataclass(frozen=True)
class VoucherWarning:
    """A family has reached the food-bank voucher limit: shown beside a new referral."""

    family_id: str
    vouchers: int
    limit: int
    window_months: int
    since: date  # the window is the days after `since` up to and including today

    @property
    def message(self) -> str:
        """The warning in words for an officer."""
        return _(
            "This family has had {count} food-bank vouchers in the last {months} months "
            "(the limit is {limit}). The food bank may ask for a conversation about longer-term "
            "support before issuing more."
        ).format(count=self.vouchers, months=self.window_months, limit=self.limit)


def voucher_warning(
    family_id: str,
    referrals: Iterable[Mapping[str, Any]],
    *,
    today: date,
    limit: int = DEFAULT_VOUCHER_LIMIT,
    window_months: int = DEFAULT_VOUCHER_WINDOW_MONTHS,
) -> VoucherWarning | None:
    """A warning when the family's vouchers in the window reach `limit`, else None."""
    count = vouchers_in_window(referrals, today, window_months)
    if count < limit:
        return None
    return VoucherWarning(
        family_id=family_id,
        vouchers=count,
        limit=limit,
        window_months=window_months,
        since=months_before(today, window_months),
    )
