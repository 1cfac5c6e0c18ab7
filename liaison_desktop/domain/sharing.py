"""The information-sharing record's vocabulary and rules (issue 10): what left the vault, why.

Every time information leaves the vault — a PDF, a JSON export, a bundle for another
agency's device, a child-protection transfer — one entry per family is kept saying what went,
to whom, when, by whom, on which lawful basis and what the family's consent was at that
moment. Nothing here does I/O; `services/sharing_service.py` writes the entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import _
from .consent_rules import ConsentState

# What left the vault.
SHARED_WHAT = (
    "case_summary",
    "chronology",
    "caseload_overview",
    "transfer_pack",
    "subject_access",
    "json_export",
    "sync_bundle",
    "run_sheet",
    "letter",
    "handover",
    "caseload_list",
)
# "own_records": kept by the school itself (printed for the file); "shared": it went to
# someone outside the school, who is named.
SHARING_PURPOSES = ("own_records", "shared", "subject_access")
# UK GDPR Article 9 / DPA 2018 Schedule 1 conditions for special-category data — the short
# list a school's safeguarding work actually relies on.
SHARING_CONDITIONS = (
    "safeguarding",
    "statutory_purposes",
    "explicit_consent",
    "vital_interests",
    "legal_claims",
    "health_social_care",
    "none",
)
# The family's consent at the moment of sharing (derived from their consent records).
SHARING_CONSENT = (
    "given",
    "not_sought_safeguarding",
    "withdrawn",
    "expired",
    "not_recorded",
)


@dataclass(frozen=True)
class ShareDetails:
    """Who a report or export is for, as the person said (empty: kept for our own records)."""

    recipient: str = ""
    organisation: str = ""
    lawful_basis: str | None = None
    condition: str | None = None
    # The sharer decided not to seek consent because doing so would put a child at risk
    # (a safeguarding decision; it is recorded as such, never inferred).
    consent_not_sought: bool = False

    @property
    def external(self) -> bool:
        """True when someone outside the school was named as the recipient."""
        return bool(self.recipient.strip() or self.organisation.strip())


def consent_at_sharing(states: Iterable[ConsentState], *, not_sought: bool = False) -> str:
    """The family's consent when sharing, from the states of their consents on that day.

    Any consent in force wins; otherwise a recorded decision not to seek consent
    (safeguarding); otherwise the most telling lapsed state; otherwise none was recorded.
    """
    seen = set(states)
    if seen & {ConsentState.ACTIVE, ConsentState.EXPIRING}:
        return "given"
    if not_sought:
        return "not_sought_safeguarding"
    if ConsentState.WITHDRAWN in seen:
        return "withdrawn"
    if ConsentState.EXPIRED in seen:
        return "expired"
    return "not_recorded"


def what_label(value: str) -> str:
    """What was shared, in words."""
    return {
        "case_summary": _("Case summary (PDF)"),
        "chronology": _("Chronology (PDF)"),
        "caseload_overview": _("Caseload overview (PDF)"),
        "transfer_pack": _("Child-protection file transfer (PDF)"),
        "subject_access": _("Subject access export (PDF and JSON)"),
        "json_export": _("Data export (JSON, not encrypted)"),
        "sync_bundle": _("Sync bundle to another agency's device (encrypted)"),
        "run_sheet": _("Run sheet of visits (PDF)"),
        "letter": _("Letter or form (PDF)"),
        "handover": _("Caseload handover summary (PDF)"),
        "caseload_list": _("Caseload list (CSV, not encrypted)"),
    }.get(value, value)


def purpose_label(value: str) -> str:
    """Why it left the vault, in words."""
    return {
        "own_records": _("Own records"),
        "shared": _("Shared with another organisation"),
        "subject_access": _("Subject access request"),
    }.get(value, value)


def basis_label(value: str | None) -> str:
    """A UK GDPR Article 6 lawful basis, with its article."""
    if not value:
        return _("Not recorded")
    return {
        "consent": _("Consent — Article 6(1)(a)"),
        "contract": _("Contract — Article 6(1)(b)"),
        "legal_obligation": _("Legal obligation — Article 6(1)(c)"),
        "vital_interests": _("Vital interests — Article 6(1)(d)"),
        "public_task": _("Public task — Article 6(1)(e)"),
        "legitimate_interests": _("Legitimate interests — Article 6(1)(f)"),
    }.get(value, value)


def condition_label(value: str | None) -> str:
    """An Article 9 / DPA 2018 Schedule 1 condition, with where it is found."""
    if not value:
        return _("Not recorded")
    return {
        "safeguarding": _(
            "Safeguarding of children and individuals at risk — DPA 2018 Schedule 1 paragraph 18"
        ),
        "statutory_purposes": _("Statutory purposes — DPA 2018 Schedule 1 paragraph 6"),
        "explicit_consent": _("Explicit consent — Article 9(2)(a)"),
        "vital_interests": _("Vital interests — Article 9(2)(c)"),
        "legal_claims": _("Legal claims or court proceedings — Article 9(2)(f)"),
        "health_social_care": _("Health or social care — Article 9(2)(h)"),
        "none": _("No special-category data"),
    }.get(value, value)


def consent_label(value: str | None) -> str:
    """The family's consent at the time of sharing, in words."""
    return {
        "given": _("Given"),
        "not_sought_safeguarding": _("Not sought — safeguarding"),
        "withdrawn": _("Withdrawn"),
        "expired": _("Expired"),
        "not_recorded": _("Not recorded"),
    }.get(value or "", value or "")
