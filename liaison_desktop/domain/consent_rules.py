"""The state of a consent on a given day: active, expiring soon, expired or withdrawn."""

from __future__ import annotations

from datetime import date
from enum import Enum

from ..i18n import _

DEFAULT_EXPIRING_DAYS = 30


class ConsentState(Enum):
    ACTIVE = "active"
    EXPIRING = "expiring"  # still valid, but ends within the warning period
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The state in words."""
        return {
            ConsentState.ACTIVE: _("Active"),
            ConsentState.EXPIRING: _("Expiring soon"),
            ConsentState.EXPIRED: _("Expired"),
            ConsentState.WITHDRAWN: _("Withdrawn"),
        }[self]


def days_left(expires: date | None, on: date) -> int | None:
    """Days from `on` to the expiry date (0 on the last valid day, negative after); None if none."""
    return None if expires is None else (expires - on).days


def consent_state(
    *,
    on: date,
    status: str | None = "given",
    expires: date | None = None,
    withdrawn_on: date | None = None,
    soon_days: int = DEFAULT_EXPIRING_DAYS,
) -> ConsentState:
    """The state of a consent on day `on`.

    The expiry date is the last day the consent is valid (as on a form: "valid until").
    Withdrawal wins over everything from the day it happens; a withdrawal recorded without a
    date counts from always. Expiring soon means at most `soon_days` days are left.
    """
    if status == "withdrawn" and (withdrawn_on is None or withdrawn_on <= on):
        return ConsentState.WITHDRAWN
    if withdrawn_on is not None and withdrawn_on <= on:
        return ConsentState.WITHDRAWN
    left = days_left(expires, on)
    if left is None:
        return ConsentState.ACTIVE
    if left < 0:
        return ConsentState.EXPIRED
    if left <= soon_days:
        return ConsentState.EXPIRING
    return ConsentState.ACTIVE
