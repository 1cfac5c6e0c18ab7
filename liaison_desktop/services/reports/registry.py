"""Every report the app makes, in the order they are offered (the dialog, the Reports section
and the CLI all iterate this). Adding a report is one module with `build` plus one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...i18n import N_, _
from ...reports.furniture import ProgressFn
from . import (
    case_summary,
    caseload_overview,
    chronology,
    engagement_summary,
    handover,
    run_sheet,
    subject_access,
    transfer_pack,
)
from .common import BuiltReport, ReportRequest, ReportTools

Build = Callable[[ReportTools, ReportRequest, ProgressFn | None], BuiltReport]


@dataclass(frozen=True)
class ReportKind:
    """One kind of report: what it is called, what it is about, who may make it, how."""

    key: str
    label: str  # in the dialog's list (msgid)
    button: str  # in the Reports section, with its access key (msgid)
    description: str  # under the button (msgid)
    file_word: str  # the suggested file name starts with it (msgid)
    subject: str | None  # "family", "person", or None for the whole caseload
    lead_only: bool
    build: Build
    # What the dialog asks for besides the subject (the CLI has the same options).
    takes_dates: bool = False
    takes_sections: bool = False
    takes_redactions: bool = False
    takes_receiving_school: bool = False
    # A subject access export: the third parties found in its text, reviewed before saving.
    reviews_third_parties: bool = False
    # A federation or trust: one school's families only (issue 23).
    takes_school: bool = False
    # Offered in the Reports section (a handover summary is made from the handover itself).
    listed: bool = True
    pupils_only: bool = False  # the subject must be a pupil (a transfer pack)
    # The sections offered when `takes_sections`, as (key, heading), all ticked to begin with.
    sections: Callable[[], list[tuple[str, str]]] = case_summary.sections

    def shown(self, text: str) -> str:
        """One of this kind's texts (`label`, `button`, …) in the language in use."""
        return _(text)


REPORT_KINDS: tuple[ReportKind, ...] = (
    ReportKind(
        "case_summary",
        N_("Case summary of a family"),
        N_("&Case summary…"),
        N_(
            "Household, strengths, team around the family, actions, referrals, consents, "
            "attendance and the chronology."
        ),
        N_("case-summary"),
        "family",
        False,
        case_summary.build,
        takes_dates=True,
        takes_sections=True,
        takes_redactions=True,
    ),
    ReportKind(
        "chronology",
        N_("Chronology of a family"),
        N_("Chrono&logy…"),
        N_("A table of what happened when, for strategy and TAF meetings."),
        N_("chronology"),
        "family",
        False,
        chronology.build,
        takes_dates=True,
        takes_redactions=True,
    ),
    ReportKind(
        "run_sheet",
        N_("Run sheet of your visits"),
        N_("R&un sheet…"),
        N_(
            "Your planned visits of a day (From; To for more days): addresses, how to get in, "
            "alerts, people, phones and interpreters, as you choose."
        ),
        N_("run-sheet"),
        None,
        False,
        run_sheet.build,
        takes_dates=True,
        takes_sections=True,
        sections=run_sheet.sections,
    ),
    ReportKind(
        "caseload_overview",
        N_("Caseload overview"),
        N_("Caseload &overview…"),
        N_("Families per officer, visits and referrals per month, absence, with charts."),
        N_("caseload-overview"),
        None,
        True,
        caseload_overview.build,
        takes_school=True,
    ),
    ReportKind(
        "engagement_summary",
        N_("Engagement summary"),
        N_("&Engagement summary…"),
        N_(
            "Families engaged per term, attendance at activities, new partnerships and the "
            "partnerships you could build, with charts."
        ),
        N_("engagement-summary"),
        None,
        True,
        engagement_summary.build,
    ),
    ReportKind(
        "transfer_pack",
        N_("Child-protection file transfer pack"),
        N_("&Transfer pack…"),
        N_("A pupil's child-protection file for their new school, with a receipt page."),
        N_("transfer-pack"),
        "person",
        False,
        transfer_pack.build,
        takes_dates=True,
        takes_redactions=True,
        takes_receiving_school=True,
        pupils_only=True,
    ),
    ReportKind(
        "subject_access",
        N_("Subject access export for one person"),
        N_("&Subject access export…"),
        N_("One person's own data as PDF and JSON, other people redacted."),
        N_("subject-access"),
        "person",
        False,
        subject_access.build,
        reviews_third_parties=True,
    ),
    ReportKind(
        "handover",
        N_("Caseload handover summary"),
        N_("Handover summary…"),
        N_("What the next officer needs to know about each family handed over."),
        N_("handover"),
        None,
        True,
        handover.build,
        listed=False,
    ),
)
BY_KEY: dict[str, ReportKind] = {kind.key: kind for kind in REPORT_KINDS}


def kinds_for(is_lead: bool) -> tuple[ReportKind, ...]:
    """The reports a vault of this role can make, in the order they are offered."""
    return tuple(kind for kind in REPORT_KINDS if kind.listed and (is_lead or not kind.lead_only))
