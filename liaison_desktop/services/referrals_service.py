"""Referrals to food banks and other support: status moves and the voucher-limit warning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..domain import records, referral_rules
from ..domain import vocabulary as v
from ..domain.record import Record
from ..domain.referral_rules import VoucherWarning
from ..errors import NotPermitted
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


@dataclass(frozen=True)
class ReferralResult:
    """A referral just written, with any warnings to show beside it."""

    record: Record
    warnings: tuple[VoucherWarning, ...] = field(default=())

    @property
    def messages(self) -> list[str]:
        """The warnings in words."""
        return [w.message for w in self.warnings]


def _setting_int(raw: str, default: int, low: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if value >= low else default


class ReferralsService(RecordService):
    """Writing referrals, moving them through their statuses, and watching voucher limits."""

    spec = records.REFERRAL

    def newest_first(self, family_id: str) -> list[Record]:
        """A family's referrals, the latest first (as the Referrals tab lists them)."""
        return self.for_family(family_id, order_by="date DESC")

    # -- settings ------------------------------------------------------------------------------
    @property
    def voucher_limit(self) -> int:
        """Food-bank vouchers in the window that trigger the warning (setting, default 3)."""
        return _setting_int(
            self.ctx.setting("voucher_limit", str(referral_rules.DEFAULT_VOUCHER_LIMIT)),
            referral_rules.DEFAULT_VOUCHER_LIMIT,
            1,
        )

    @property
    def voucher_window_months(self) -> int:
        """How many months back vouchers are counted (setting, default 6)."""
        return _setting_int(
            self.ctx.setting(
                "voucher_window_months", str(referral_rules.DEFAULT_VOUCHER_WINDOW_MONTHS)
            ),
            referral_rules.DEFAULT_VOUCHER_WINDOW_MONTHS,
            1,
        )

    # -- hooks ---------------------------------------------------------------------------------
    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        # Any status is accepted here: imported referrals arrive already sent or fulfilled.
        values = {"status": "draft", "date": self.ctx.today().isoformat(), **values}
        return super().prepare_create(values)

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_update(current, values)
        if "family_id" in cleaned and cleaned["family_id"] != current.get("family_id"):
            raise ValidationFailed([("family_id", _("a referral cannot move to another family"))])
        new_status = cleaned.get("status")
        if new_status is not None and new_status != current.get("status"):
            self._check_move(str(current.get("status")), new_status)
            cleaned["status_changed_at"] = self.ctx.today().isoformat()
        return cleaned

    def _check_move(self, current: str, new: str) -> None:
        if referral_rules.can_move(current, new):
            return
        nexts = referral_rules.allowed_moves(current)
        if not nexts:
            raise NotPermitted(
                _(
                    "This referral is already {status}, so it cannot become {new}. Nothing was "
                    "changed; write a new referral if more help is needed."
                ).format(status=v.label(current).lower(), new=v.label(new).lower())
            )
        raise NotPermitted(
            _(
                "A referral that is {status} cannot become {new}; it can only become: {choices}. "
                "Nothing was changed."
            ).format(
                status=v.label(current).lower(),
                new=v.label(new).lower(),
                choices=", ".join(v.label(s).lower() for s in nexts),
            )
        )

    # -- use-cases -----------------------------------------------------------------------------
    def add(
        self,
        family_id: str,
        kind: str,
        *,
        organisation_id: str | None = None,
        reason: str | None = None,
        vouchers: int | str | None = None,
        person_id: str | None = None,
        status: str = "draft",
    ) -> ReferralResult:
        """Write a referral and return it with any voucher-limit warning to show.

        An empty referral says nothing to anyone, yet a food-bank one would count towards the
        voucher limit: one made here needs a reason or the organisation it goes to. (Records
        from other tools, through the interchange import, are taken as they were written.)
        """
        if not str(reason or "").strip() and not organisation_id:
            raise ValidationFailed(
                [("reason", _("is required: say why, or choose the organisation it goes to"))]
            )
        values: dict[str, Any] = {"family_id": family_id, "kind": kind, "status": status}
        for name, value in (
            ("organisation_id", organisation_id),
            ("reason", reason),
            ("vouchers", vouchers),
            ("person_id", person_id),
        ):
            if value is not None:
                values[name] = value
        record = self.create(values)
        warnings: tuple[VoucherWarning, ...] = ()
        if record.get("kind") == referral_rules.VOUCHER_KIND:
            warning = self.voucher_warning(family_id)
            warnings = (warning,) if warning else ()
        return ReferralResult(record, warnings)

    def move(self, referral_id: str, new_status: str, outcome: str | None = None) -> Record:
        """Move a referral on (draft → sent → accepted → fulfilled, or declined / withdrawn)."""
        if new_status not in v.REFERRAL_STATUSES:
            raise ValidationFailed(
                [
                    (
                        "status",
                        _("'{v}' is not one of: {choices}").format(
                            v=new_status, choices=", ".join(v.REFERRAL_STATUSES)
                        ),
                    )
                ]
            )
        current = self.get(referral_id)
        if current.get("status") == new_status:
            raise NotPermitted(
                _("This referral is already {status}; nothing was changed.").format(
                    status=v.label(new_status).lower()
                )
            )
        values: dict[str, Any] = {"status": new_status}
        if outcome is not None:
            values["outcome"] = outcome
        return self.update(referral_id, values)

    def vouchers_history(self, family_id: str) -> list[Record]:
        """The family's food-bank referrals, newest first (what the voucher count is made of)."""
        return self.query(
            "family_id = ? AND kind = ?",
            (family_id, referral_rules.VOUCHER_KIND),
            order_by="date DESC, created_at DESC",
        )

    def vouchers_in_window(self, family_id: str) -> int:
        """Food-bank vouchers counted towards the limit right now."""
        return referral_rules.vouchers_in_window(
            self.vouchers_history(family_id), self.ctx.today(), self.voucher_window_months
        )

    def voucher_warning(self, family_id: str) -> VoucherWarning | None:
        """The voucher-limit warning for a family today, or None."""
        return referral_rules.voucher_warning(
            family_id,
            self.vouchers_history(family_id),
            today=self.ctx.today(),
            limit=self.voucher_limit,
            window_months=self.voucher_window_months,
        )

    def warnings_for(self, family_id: str) -> list[VoucherWarning]:
        """Every referral warning that applies to a family today (for its page)."""
        warning = self.voucher_warning(family_id)
        return [warning] if warning else []

    def open_referrals(self) -> list[Record]:
        """Referrals still in progress (not fulfilled, declined or withdrawn), oldest first."""
        marks = ", ".join("?" for _ in v.REFERRAL_TERMINAL)
        return self.query(
            f"status NOT IN ({marks})", tuple(v.REFERRAL_TERMINAL), order_by="date, created_at"
        )

    def waiting(self) -> list[Record]:
        """Referrals sent and not yet answered (Today's "waiting" list), oldest first."""
        return self.query("status = 'sent'", order_by="date, created_at")
