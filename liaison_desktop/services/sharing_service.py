"""The information-sharing record: one entry per family each time information leaves the vault.

The services that write exports (reports, JSON export, bundles for another agency) call
`check` before the slow work and `record` inside the same vault transaction as the file
write, so an export and its entries stand or fall together: if the file cannot be written
the transaction rolls back and no entry is left; if an entry cannot be written the
transaction ends before the file is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..domain.sharing import SHARING_CONDITIONS, ShareDetails, consent_at_sharing
from ..i18n import _
from .consents_service import ConsentsService
from .context import ServiceContext
from .record_service import RecordService
from .validation import ValidationFailed

# Exports made only for a named outside recipient: there is no "own records" version of them.
ALWAYS_EXTERNAL = ("transfer_pack", "sync_bundle")


@dataclass(frozen=True)
class ResolvedShare:
    """A share with every default filled in, ready to be recorded for each family."""

    purpose: str
    recipient: str
    organisation: str
    lawful_basis: str | None
    condition: str | None
    consent_not_sought: bool


class SharingService(RecordService):
    """Checking, recording and listing what left the vault, family by family."""

    spec = records.SHARING

    def __init__(self, ctx: ServiceContext, consents: ConsentsService | None = None) -> None:
        super().__init__(ctx)
        self.consents = consents or ConsentsService(ctx)

    # -- rules ---------------------------------------------------------------------------------
    def resolve(
        self,
        what: str,
        share: ShareDetails,
        *,
        default_recipient: str = "",
        default_organisation: str = "",
        default_basis: str | None = None,
        default_condition: str | None = None,
        purpose: str | None = None,
    ) -> ResolvedShare:
        """Fill in defaults and refuse an outside share that does not say to whom and why.

        Without a recipient, a PDF or export counts as kept for the school's own records
        (recorded as such, on the public-task basis unless another is given). Naming anyone
        outside the school makes it a share, which needs the person, their organisation and
        a lawful basis.
        """
        recipient = share.recipient.strip() or default_recipient
        organisation = share.organisation.strip() or default_organisation
        basis = share.lawful_basis or default_basis
        condition = share.condition or default_condition
        problems: list[tuple[str, str]] = []
        if basis is not None and basis not in v.LAWFUL_BASES:
            problems.append(
                (
                    "lawful_basis",
                    _("'{value}' is not a lawful basis; choose from {known}").format(
                        value=basis, known=", ".join(v.LAWFUL_BASES)
                    ),
                )
            )
        if condition is not None and condition not in SHARING_CONDITIONS:
            problems.append(
                (
                    "condition",
                    _("'{value}' is not a condition; choose from {known}").format(
                        value=condition, known=", ".join(SHARING_CONDITIONS)
                    ),
                )
            )
        external = share.external or what in ALWAYS_EXTERNAL
        if purpose is None:
            purpose = "shared" if external else "own_records"
        if purpose == "shared":
            if not recipient:
                problems.append(("recipient", _("say who it is for (a person or a role)")))
            if not organisation:
                problems.append(("organisation", _("say which organisation they work for")))
            if basis is None:
                problems.append(
                    (
                        "lawful_basis",
                        _("say on which lawful basis it is shared; choose from {known}").format(
                            known=", ".join(v.LAWFUL_BASES)
                        ),
                    )
                )
        elif purpose == "own_records":
            recipient = recipient or self.ctx.owner_name or _("(own records)")
            organisation = organisation or self.ctx.setting("school_name", "") or _("This school")
            basis = basis or "public_task"
        if problems:
            raise ValidationFailed(problems)
        return ResolvedShare(
            purpose=purpose,
            recipient=recipient,
            organisation=organisation,
            lawful_basis=basis,
            condition=condition,
            consent_not_sought=share.consent_not_sought,
        )

    def consent_status(self, family_id: str, *, not_sought: bool = False) -> str:
        """The family's consent right now, as the sharing record keeps it."""
        states = [self.consents.state(c) for c in self.consents.for_family(family_id)]
        return consent_at_sharing(states, not_sought=not_sought)

    def check(self, resolved: ResolvedShare, family_ids: Sequence[str]) -> None:
        """Refuse sharing on the basis of consent for a family whose consent is not in force."""
        if resolved.lawful_basis != "consent":
            return
        missing = [f for f in family_ids if self.consent_status(f) != "given"]
        if missing:
            raise ValidationFailed(
                [
                    (
                        "lawful_basis",
                        _(
                            "is consent, but no consent is in force for {n} of the families "
                            "in it; record the consent first or choose another basis"
                        ).format(n=len(missing)),
                    )
                ]
            )

    # -- writing -------------------------------------------------------------------------------
    def record(
        self,
        what: str,
        resolved: ResolvedShare,
        family_ids: Sequence[str],
        *,
        details: str | dict[str, str] = "",
        person_id: str | None = None,
        encrypted: bool = False,
    ) -> list[Record]:
        """Write one entry per family, all or none (call inside the export's transaction).

        `details` says which sections or record kinds went: one text for every family, or a
        text per family id.
        """
        self.check(resolved, family_ids)
        export_id = self.ctx.store.new_id()
        shared_at = self.ctx.now_iso()
        out = []
        with self.ctx.vault.transaction():
            for family_id in dict.fromkeys(family_ids):
                text = details.get(family_id, "") if isinstance(details, dict) else details
                values: dict[str, Any] = {
                    "family_id": family_id,
                    "shared_at": shared_at,
                    "shared_by": self.ctx.owner_name or _("(no name set)"),
                    "what": what,
                    "details": text[:2000] or None,
                    "purpose": resolved.purpose,
                    "recipient": resolved.recipient[:200] or None,
                    "organisation": resolved.organisation[:200] or None,
                    "lawful_basis": resolved.lawful_basis,
                    "condition": resolved.condition,
                    "consent_status": self.consent_status(
                        family_id, not_sought=resolved.consent_not_sought
                    ),
                    "encrypted": encrypted,
                    "export_id": export_id,
                }
                if person_id is not None:
                    values["person_id"] = person_id
                out.append(self.create(values))
        return out

    # -- reading -------------------------------------------------------------------------------
    def history(self, family_id: str) -> list[Record]:
        """A family's sharing record, newest first."""
        return self.for_family(family_id, order_by="shared_at DESC, created_at DESC, rowid DESC")
