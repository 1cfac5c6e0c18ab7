"""Consents: who agreed to what, on which lawful basis, until when; and withdrawals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..domain import records
from ..domain.consent_rules import DEFAULT_EXPIRING_DAYS, ConsentState, consent_state, days_left
from ..domain.record import Record
from ..errors import NotPermitted
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


@dataclass(frozen=True)
class ConsentStatus:
    """A consent with its state today and the days left before it expires."""

    record: Record
    state: ConsentState
    days_left: int | None


class ConsentsService(RecordService):
    """Recording, withdrawing and watching the expiry of consents."""

    spec = records.CONSENT

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {"status": "given", "date": self.ctx.today().isoformat(), **values}
        cleaned = super().prepare_create(values)
        if cleaned["status"] == "withdrawn" and not cleaned.get("withdrawn_on"):
            cleaned["withdrawn_on"] = self.ctx.today().isoformat()
        self._check_dates(cleaned)
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_update(current, values)
        if current.get("status") == "withdrawn" and cleaned.get("status", "withdrawn") != (
            "withdrawn"
        ):
            raise NotPermitted(
                _(
                    "A withdrawn consent stays withdrawn, so the record shows it was withdrawn. "
                    "Record a new consent instead; nothing was changed."
                )
            )
        self._check_dates({**current.data, **cleaned})
        return cleaned

    @staticmethod
    def _check_dates(values: dict[str, Any]) -> None:
        given = _day(values.get("date"))
        expires = _day(values.get("expires"))
        withdrawn = _day(values.get("withdrawn_on"))
        problems = []
        if given and expires and expires < given:
            problems.append(("expires", _("is before the date the consent was given")))
        if given and withdrawn and withdrawn < given:
            problems.append(("withdrawn_on", _("is before the date the consent was given")))
        if problems:
            raise ValidationFailed(problems)

    # -- use-cases -----------------------------------------------------------------------------
    def give(
        self,
        family_id: str,
        scope: str,
        given_by: str,
        *,
        lawful_basis: str | None = None,
        expires: date | None = None,
        person_id: str | None = None,
        on: date | None = None,
    ) -> Record:
        """Record a consent."""
        values: dict[str, Any] = {"family_id": family_id, "scope": scope, "given_by": given_by}
        if lawful_basis is not None:
            values["lawful_basis"] = lawful_basis
        if expires is not None:
            values["expires"] = expires.isoformat()
        if person_id is not None:
            values["person_id"] = person_id
        if on is not None:
            values["date"] = on.isoformat()
        return self.create(values)

    def withdraw(self, consent_id: str, on: date | None = None) -> Record:
        """Record that a consent was withdrawn (today unless `on` is given)."""
        current = self.get(consent_id)
        if current.get("status") == "withdrawn":
            raise NotPermitted(_("This consent was already withdrawn; nothing was changed."))
        when = on or self.ctx.today()
        return self.update(consent_id, {"status": "withdrawn", "withdrawn_on": when.isoformat()})

    @property
    def expiring_days(self) -> int:
        """Days before expiry that a consent counts as expiring soon (setting, default 30)."""
        raw = self.ctx.setting("consent_expiring_days", str(DEFAULT_EXPIRING_DAYS))
        try:
            return max(0, int(raw))
        except ValueError:
            return DEFAULT_EXPIRING_DAYS

    def state(
        self, consent: Record, on: date | None = None, soon_days: int | None = None
    ) -> ConsentState:
        """The state of a consent on a day (today by default)."""
        day = on or self.ctx.today()
        return consent_state(
            on=day,
            status=consent.get("status"),
            expires=_day(consent.get("expires")),
            withdrawn_on=_day(consent.get("withdrawn_on")),
            soon_days=self.expiring_days if soon_days is None else soon_days,
        )

    def status(self, consent: Record, on: date | None = None) -> ConsentStatus:
        """A consent with its state and days left."""
        day = on or self.ctx.today()
        return ConsentStatus(
            consent, self.state(consent, day), days_left(_day(consent.get("expires")), day)
        )

    def for_family_with_state(self, family_id: str) -> list[ConsentStatus]:
        """A family's consents with their state today, newest first."""
        return [self.status(c) for c in self.for_family(family_id, order_by="date DESC")]

    def expiring(self, within_days: int | None = None) -> list[ConsentStatus]:
        """Consents still in force that expire within `within_days` days (Today screen)."""
        days = self.expiring_days if within_days is None else within_days
        today = self.ctx.today()
        candidates = self.query(
            "expires IS NOT NULL AND expires BETWEEN ? AND ? "
            "AND (status IS NULL OR status != 'withdrawn')",
            (today.isoformat(), (today + timedelta(days=days)).isoformat()),
            order_by="expires, created_at",
        )
        out = []
        for consent in candidates:
            state = self.state(consent, today, soon_days=days)
            if state is ConsentState.EXPIRING:
                out.append(
                    ConsentStatus(consent, state, days_left(_day(consent["expires"]), today))
                )
        return out

    def expired(self) -> list[ConsentStatus]:
        """Consents that have expired and were not withdrawn, most recently expired first."""
        today = self.ctx.today()
        return [
            self.status(c, today)
            for c in self.query(
                "expires IS NOT NULL AND expires < ? AND (status IS NULL OR status != 'withdrawn')",
                (today.isoformat(),),
                order_by="expires DESC",
            )
        ]
