"""Who is using this vault (the officer's name) and the caseload rules a lead sets.

Both live in the vault's metadata, not in `settings.json`: the name is personal data and must
stay encrypted, and the rules belong with the caseload they govern (they travel with the vault).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import referral_rules
from ..i18n import _
from .context import ServiceContext
from .validation import ValidationFailed

MAX_NAME_LENGTH = 200
# The same as sync/clock_bounds.HOURS_RANGE (not imported here: the sync stack loads late).
CLOCK_SKEW_RANGE = (1, 720)
VOUCHER_LIMIT_RANGE = (1, 52)
VOUCHER_WINDOW_RANGE = (1, 24)


@dataclass(frozen=True)
class CaseloadRules:
    """The lead's rules: how many food-bank vouchers in how many months prompt a warning."""

    voucher_limit: int
    voucher_window_months: int


def _stored_int(raw: str, default: int, low: int, high: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if low <= value <= high else default


class ProfileService:
    """Reads and changes the officer's name and the lead's caseload rules."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- the officer's name --------------------------------------------------------------------
    def owner_name(self) -> str:
        """The name this vault records as author of new notes, visits and audit events."""
        return self.ctx.vault.meta().get("owner_name", "")

    def set_owner_name(self, name: str) -> str:
        """Change the officer's name (for new work; what was written keeps its author)."""
        cleaned = " ".join(name.split())
        if not cleaned:
            raise ValidationFailed([("owner_name", _("your name cannot be empty"))])
        if len(cleaned) > MAX_NAME_LENGTH:
            raise ValidationFailed(
                [("owner_name", _("at most {n} characters").format(n=MAX_NAME_LENGTH))]
            )
        if cleaned == self.owner_name():
            return cleaned
        with self.ctx.vault.transaction():
            self.ctx.vault.set_meta("owner_name", cleaned)
            # The audit names the change, not the names: the actor already identifies the device.
            self.ctx.store.record_event("profile.rename", detail="owner_name")
        # New work from this session is written under the new name at once.
        self.ctx.owner_name = cleaned
        self.ctx.store.actor = cleaned
        return cleaned

    # -- this device's clock bound ---------------------------------------------------------------
    def clock_skew_hours(self) -> int:
        """How far ahead of this device's clock an incoming change may be stamped."""
        from ..sync.clock_bounds import max_skew_hours

        return max_skew_hours(self.ctx.vault.conn)

    def set_clock_skew_hours(self, hours: int) -> int:
        """Change it (binds only this device: each device judges what reaches it)."""
        from ..sync.clock_bounds import SETTING_KEY

        low, high = CLOCK_SKEW_RANGE
        if isinstance(hours, bool) or not isinstance(hours, int) or not low <= hours <= high:
            raise ValidationFailed(
                [
                    (
                        "max_clock_skew_hours",
                        _("must be a whole number from {low} to {high}").format(low=low, high=high),
                    )
                ]
            )
        with self.ctx.vault.transaction():
            self.ctx.vault.set_meta(SETTING_KEY, str(hours))
            self.ctx.store.record_event("settings.clock_skew", detail=f"hours={hours}")
        return self.clock_skew_hours()

    # -- the lead's caseload rules -------------------------------------------------------------
    def caseload_rules(self) -> CaseloadRules:
        """The voucher limit and window in force (defaults when unset)."""
        return CaseloadRules(
            voucher_limit=_stored_int(
                self.ctx.setting("voucher_limit", ""),
                referral_rules.DEFAULT_VOUCHER_LIMIT,
                *VOUCHER_LIMIT_RANGE,
            ),
            voucher_window_months=_stored_int(
                self.ctx.setting("voucher_window_months", ""),
                referral_rules.DEFAULT_VOUCHER_WINDOW_MONTHS,
                *VOUCHER_WINDOW_RANGE,
            ),
        )

    def set_caseload_rules(self, rules: CaseloadRules) -> CaseloadRules:
        """Change the voucher rules (a lead's vault only); nothing changes if one is refused."""
        self.ctx.require_lead(_("change the caseload rules"))
        problems: list[tuple[str, str]] = []
        for name, value, (low, high) in (
            ("voucher_limit", rules.voucher_limit, VOUCHER_LIMIT_RANGE),
            ("voucher_window_months", rules.voucher_window_months, VOUCHER_WINDOW_RANGE),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                problems.append(
                    (
                        name,
                        _("must be a whole number from {low} to {high}").format(low=low, high=high),
                    )
                )
        if problems:
            raise ValidationFailed(problems)
        with self.ctx.vault.transaction():
            self.ctx.vault.set_meta("setting.voucher_limit", str(rules.voucher_limit))
            self.ctx.vault.set_meta(
                "setting.voucher_window_months", str(rules.voucher_window_months)
            )
            self.ctx.store.record_event(
                "settings.caseload_rules",
                detail=f"voucher_limit={rules.voucher_limit} "
                f"voucher_window_months={rules.voucher_window_months}",
            )
        return self.caseload_rules()
