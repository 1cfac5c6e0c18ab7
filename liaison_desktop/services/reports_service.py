"""Reports: the one door the UI and the CLI use to make PDFs (and the subject access JSON).

Each use-case reads what it needs through the caseload services, hands plain data to a
builder in `reports/`, and then — only if the whole PDF was built — encrypts it if a password
was given (AES-256 with pikepdf; never RC4), writes it atomically where the person chose, and
audits the export (action "export", never any content). PDFs are built in memory: nothing
from the case is written anywhere else, and nothing at all under the vault's folder.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pikepdf

from ..domain import records
from ..domain import sharing as sh
from ..domain import vocabulary as v
from ..domain.engagement import Term
from ..domain.record import Record
from ..domain.sharing import ShareDetails
from ..errors import InputRejected, NotFound, StorageFull
from ..i18n import _
from ..reports import case_summary as cs
from ..reports import subject_access as sar
from ..reports.caseload_overview import (
    AbsentPupil,
    CaseloadData,
    OutcomesChange,
    OverdueAction,
    build_caseload_overview,
)
from ..reports.chronology import ChronologyData, build_chronology
from ..reports.engagement_summary import EngagementReport, build_engagement_summary
from ..reports.furniture import ProgressFn, ReportCancelled, ReportMeta, report
from ..reports.redaction import Redactor, build_redactor, person_name, redacted_word
from ..reports.transfer_pack import (
    ConcernRow,
    TransferData,
    build_transfer_pack,
    school_days_between,
)
from ..store.atomic import write_atomically
from .caseload import Caseload
from .engagement_summary_service import to_report
from .record_service import RecordService
from .sharing_service import ResolvedShare
from .validation import ValidationFailed

MIN_PASSWORD_LENGTH = 8
OVERVIEW_MONTHS = 12
__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ReportCancelled",
    "ReportOptions",
    "ReportPreview",
    "ReportResult",
    "ReportsService",
    "TransferStatus",
]


@dataclass(frozen=True)
class ReportOptions:
    """What the person chose for a report: where, protected how, redacting what, which part."""

    out: Path
    password: str | None = None
    redact: tuple[str, ...] = ()  # ids of people, contacts or notes
    start: date | None = None
    end: date | None = None
    sections: tuple[str, ...] = cs.SECTIONS
    share: ShareDetails = field(default_factory=ShareDetails)  # empty: kept for own records


@dataclass(frozen=True)
class _Sharing:
    """What the information-sharing record keeps about one report (written with the file)."""

    resolved: ResolvedShare
    families: tuple[str, ...]
    details: str | dict[str, str]
    person_id: str | None = None


@dataclass(frozen=True)
class ReportResult:
    """What was written."""

    kind: str
    path: Path
    pages: int
    size: int
    encrypted: bool
    redacted: int = 0
    json_path: Path | None = None
    transfer_id: str | None = None
    sharing_entries: int = 0


@dataclass(frozen=True)
class TransferStatus:
    """A transfer record with how long the file took to send and whether receipt is confirmed."""

    record: Record
    school_days_to_send: int | None
    on_time: bool | None
    confirmed: bool


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


class TransfersService(RecordService):
    """Child-protection file transfers: sent and confirmed dates."""

    spec = records.TRANSFER


@dataclass(frozen=True)
class ReportPreview:
    """A report built in memory to look at before saving: never written, never encrypted."""

    kind: str
    pdf: bytes
    pages: int


class _PreviewBuilt(Exception):
    """Carries a preview's bytes out of `_finish`, rolling back anything the report recorded."""

    def __init__(self, preview: ReportPreview) -> None:
        super().__init__(preview.kind)
        self.preview = preview


PREVIEW_KINDS = (
    "case_summary",
    "chronology",
    "caseload_overview",
    "engagement_summary",
    "transfer_pack",
    "subject_access",
)


def case_summary_sections() -> list[tuple[str, str]]:
    """The case summary's sections as (key, heading), in the order they are printed."""
    return [(key, cs.section_title(key)) for key in cs.SECTIONS]


class ReportsService:
    """Builds, protects, writes and audits reports."""

    def __init__(self, caseload: Caseload) -> None:
        self.caseload = caseload
        self.ctx = caseload.ctx
        self.transfers = TransfersService(self.ctx)
        self._previewing = False

    def preview(
        self,
        kind: str,
        subject_id: str | None,
        options: ReportOptions,
        progress: ProgressFn | None = None,
        *,
        receiving_school: str = "",
    ) -> ReportPreview:
        """Build a report in memory only, for a preview; audited as viewed, nothing else kept.

        The same code as saving runs, so the preview is what would be saved; it stops just
        before protecting and writing, and anything the report records (a transfer's "sent"
        date) is rolled back with it. `options.out` and the password are not used.
        """
        if kind not in PREVIEW_KINDS:
            raise ValidationFailed([("kind", _("is not a report this app makes"))])
        options = ReportOptions(
            out=options.out,
            redact=options.redact,
            start=options.start,
            end=options.end,
            sections=options.sections,
        )
        self._previewing = True
        try:
            if kind == "caseload_overview":
                self.caseload_overview(options, progress)
            elif kind == "engagement_summary":
                self.engagement_summary(options, progress)
            elif subject_id is None:
                raise ValidationFailed([("subject", _("choose who the report is about"))])
            elif kind == "case_summary":
                self.case_summary(subject_id, options, progress)
            elif kind == "chronology":
                self.chronology(subject_id, options, progress)
            elif kind == "transfer_pack":
                self.transfer_pack(
                    subject_id,
                    options,
                    receiving_school=receiving_school or _("(receiving school)"),
                    progress=progress,
                )
            else:
                json_out = options.out.with_name(options.out.name + ".json")  # never written
                self.subject_access(subject_id, options, json_out, progress)
        except _PreviewBuilt as built:
            preview = built.preview
        else:  # pragma: no cover - every report ends in _finish
            raise AssertionError("report finished without a PDF")
        finally:
            self._previewing = False
        about_person = kind in ("transfer_pack", "subject_access")
        self.ctx.store.record_event(
            "view",
            kind=None if subject_id is None else ("person" if about_person else "family"),
            record_id=subject_id,
            family_id=None if about_person else subject_id,
            detail=f"report-preview={kind};pages={preview.pages}",
        )
        return preview

    # -- the reports ---------------------------------------------------------------------------
    def case_summary(
        self, family_id: str, options: ReportOptions, progress: ProgressFn | None = None
    ) -> ReportResult:
        """A family's case summary as a PDF at `options.out`."""
        self._check_options(options)
        unknown = sorted(set(options.sections) - set(cs.SECTIONS))
        if unknown:
            raise ValidationFailed(
                [
                    (
                        "sections",
                        _("unknown section {names}; choose from {known}").format(
                            names=", ".join(unknown), known=", ".join(cs.SECTIONS)
                        ),
                    )
                ]
            )
        sharing = self._sharing(
            "case_summary",
            options,
            [family_id],
            _("Sections: {sections}").format(
                sections=", ".join(cs.section_title(k) for k in options.sections)
            ),
        )
        report(progress, "reading", 0.0)
        c = self.caseload
        family = c.families.get(family_id)
        people = [dict(p) for p in c.people.members(family_id)]
        team = [cs.TeamRow(m.role, dict(m.contact)) for m in c.directory.team(family_id)]
        referrals = [
            dict(r)
            for r in c.referrals.for_family(family_id, order_by="date, created_at")
            if self._in_range(r.get("date"), options)
        ]
        organisations = self._contacts(r.get("organisation_id") for r in referrals)
        redactor = self._redactor(
            options.redact,
            family_id,
            people,
            [t.contact for t in team] + list(organisations.values()),
            keep=[str(family.get("name") or "")],
        )
        data = cs.CaseSummaryData(
            family=dict(family),
            people=people,
            officers=self._officers(family_id),
            team=team,
            actions=[dict(a) for a in c.actions.open_for_family(family_id)],
            referrals=referrals,
            organisations=organisations,
            consents=[
                cs.ConsentRow(dict(s.record), s.state.label)
                for s in c.consents.for_family_with_state(family_id)
            ],
            attendance=self._attendance(c.attendance.figures_for_family(family_id)),
            outcomes=[s for s in c.outcomes.history(family_id) if self._in_range(s.date, options)],
            chronology=c.chronology.for_family(family_id, start=options.start, end=options.end),
            start=options.start,
            end=options.end,
            sections=options.sections,
        )
        report(progress, "reading", 1.0)
        pdf = cs.build_case_summary(data, self._meta(_("Case summary")), redactor, progress)
        return self._finish(
            "case_summary",
            pdf,
            options,
            progress,
            family_id=family_id,
            redacted=redactor.count,
            sharing=sharing,
        )

    def chronology(
        self, family_id: str, options: ReportOptions, progress: ProgressFn | None = None
    ) -> ReportResult:
        """A family's chronology as a PDF table."""
        self._check_options(options)
        sharing = self._sharing(
            "chronology", options, [family_id], _("Every dated event of the family")
        )
        report(progress, "reading", 0.0)
        c = self.caseload
        family = c.families.get(family_id)
        people = [dict(p) for p in c.people.members(family_id)]
        contacts = [dict(m.contact) for m in c.directory.team(family_id)]
        redactor = self._redactor(
            options.redact, family_id, people, contacts, keep=[str(family.get("name") or "")]
        )
        data = ChronologyData(
            family=dict(family),
            entries=c.chronology.for_family(family_id, start=options.start, end=options.end),
            start=options.start,
            end=options.end,
            redacted_notes=redactor.notes,
        )
        pdf = build_chronology(data, self._meta(_("Chronology")), redactor, progress)
        return self._finish(
            "chronology",
            pdf,
            options,
            progress,
            family_id=family_id,
            redacted=redactor.count,
            sharing=sharing,
        )

    def caseload_overview(
        self, options: ReportOptions, progress: ProgressFn | None = None
    ) -> ReportResult:
        """The lead's overview of the whole caseload, with charts."""
        self.ctx.require_lead(_("print the caseload overview"))
        self._check_options(options)
        if options.redact:
            raise ValidationFailed(
                [("redact", _("the caseload overview names no people to redact"))]
            )
        # Every family is counted in it, and pupils and overdue actions are named: one entry
        # per family in the vault.
        sharing = self._sharing(
            "caseload_overview",
            options,
            [str(r["id"]) for r in self.ctx.store.query("family")],
            _("Counts across the caseload; pupils with low attendance and overdue actions named"),
        )
        report(progress, "reading", 0.0)
        data = self._caseload_figures()
        pdf = build_caseload_overview(data, self._meta(_("Caseload overview")), progress)
        return self._finish("caseload_overview", pdf, options, progress, sharing=sharing)

    def engagement_summary(
        self,
        options: ReportOptions,
        progress: ProgressFn | None = None,
        *,
        term: Term | None = None,
    ) -> ReportResult:
        """Families engaged per term, activity attendance and new partnerships, with charts."""
        self._check_options(options)
        if options.redact:
            raise ValidationFailed(
                [("redact", _("the engagement summary names no people to redact"))]
            )
        report(progress, "reading", 0.0)
        data = self._engagement_report(term)
        pdf = build_engagement_summary(data, self._meta(_("Engagement summary")), progress)
        return self._finish("engagement_summary", pdf, options, progress)

    def _engagement_report(self, term: Term | None = None) -> EngagementReport:
        summary = self.caseload.engagement_summary.summary(term)
        return to_report(summary, self.caseload.asset_map.build())

    def transfer_pack(
        self,
        person_id: str,
        options: ReportOptions,
        *,
        receiving_school: str,
        left_on: date | None = None,
        sending_school: str | None = None,
        progress: ProgressFn | None = None,
    ) -> ReportResult:
        """A pupil's child-protection file transfer pack; records the transfer as sent today.

        The sending school is `sending_school`, else the vault's `school_name` setting.
        """
        self._check_options(options)
        c = self.caseload
        pupil = c.people.get(person_id)
        if pupil.get("role") != "pupil":
            raise ValidationFailed(
                [("person_id", _("is not a pupil; a transfer pack is for a pupil moving school"))]
            )
        if not receiving_school.strip():
            raise ValidationFailed([("receiving_school", _("is required"))])
        family_id = str(pupil["family_id"])
        # A child-protection file goes to the receiving school's designated safeguarding lead
        # because the law requires it (KCSIE): those are the defaults, any can be overridden.
        sharing = self._sharing(
            "transfer_pack",
            options,
            [family_id],
            _("Child-protection file of one pupil: concerns, chronology, attendance, team"),
            person_id=person_id,
            default_recipient=_("Designated safeguarding lead"),
            default_organisation=receiving_school.strip(),
            default_basis="legal_obligation",
            default_condition="safeguarding",
        )
        report(progress, "reading", 0.0)
        family = c.families.get(family_id)
        people = [dict(p) for p in c.people.members(family_id)]
        team = [cs.TeamRow(m.role, dict(m.contact)) for m in c.directory.team(family_id)]
        redactor = self._redactor(
            options.redact,
            family_id,
            people,
            [t.contact for t in team],
            keep=[str(family.get("name") or ""), person_name(pupil)],
        )
        transfer_id = self.ctx.store.new_id()
        today = self.ctx.today()
        sending_name = (sending_school or "").strip() or self.ctx.setting("school_name", "")
        sending = sending_name or _("(school name not set)")
        concerns = []
        for concern in c.concerns.for_family(family_id, order_by="raised_at"):
            if concern.get("person_id") not in (None, person_id):
                continue
            additions = [
                (str(a["written_at"]), str(a["author"]), str(a["text"]))
                for a in c.concerns.additions_to(concern.id)
            ]
            concerns.append(
                ConcernRow(
                    raised_at=str(concern["raised_at"]),
                    raised_by=str(concern["raised_by"]),
                    urgency=str(concern["urgency"]),
                    observed=str(concern["observed"]),
                    who_was_told=str(concern.get("who_was_told") or ""),
                    additions=additions,
                )
            )
        data = TransferData(
            transfer_id=transfer_id,
            pupil=dict(pupil),
            family=dict(family),
            carers=[p for p in people if p.get("role") == "carer"],
            receiving_school=receiving_school.strip(),
            sending_school=sending,
            sent_on=today,
            sent_by=self.ctx.owner_name,
            left_on=left_on,
            concerns=concerns,
            team=team,
            attendance=self._attendance(c.attendance.figures_for_person(person_id)),
            chronology=c.chronology.for_family(family_id, start=options.start, end=options.end),
        )
        pdf = build_transfer_pack(
            data, self._meta(_("Child-protection file transfer")), redactor, progress
        )
        values: dict[str, Any] = {
            "family_id": family_id,
            "person_id": person_id,
            "receiving_school": receiving_school.strip(),
            "sending_school": sending_name or None,
            "sent_on": today.isoformat(),
            "sent_by": self.ctx.owner_name or _("(no name set)"),
        }
        if left_on is not None:
            values["left_on"] = left_on.isoformat()
        # The transfer, the export's audit event and the file go together: if the file cannot
        # be written the transaction rolls back, leaving no "sent" record behind.
        with self.ctx.vault.transaction():
            self.transfers.create(values, record_id=transfer_id)
            result = self._finish(
                "transfer_pack",
                pdf,
                options,
                progress,
                family_id=family_id,
                redacted=redactor.count,
                record=("transfer", transfer_id),
                sharing=sharing,
            )
        return ReportResult(**{**result.__dict__, "transfer_id": transfer_id})

    def confirm_transfer_received(
        self, person_id: str, received_on: date, received_by: str | None = None
    ) -> TransferStatus:
        """Record that the receiving school confirmed receipt of the pupil's latest transfer."""
        c = self.caseload
        c.people.get(person_id)
        pending = self.transfers.query(
            "person_id = ? AND received_on IS NULL", (person_id,), order_by="sent_on DESC"
        )
        if not pending:
            raise NotFound(
                _(
                    "No transfer of this pupil's file is waiting for confirmation; nothing was "
                    "changed. Make the transfer pack first (liaison report transfer)."
                )
            )
        transfer = pending[0]
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
        return self.transfer_status(self.transfers.update(transfer.id, values))

    def transfers_of(self, person_id: str) -> list[TransferStatus]:
        """A pupil's transfers, newest first."""
        return [
            self.transfer_status(t)
            for t in self.transfers.query("person_id = ?", (person_id,), order_by="sent_on DESC")
        ]

    @staticmethod
    def transfer_status(record: Record) -> TransferStatus:
        """How a transfer stands against the five-school-day expectation."""
        left = record.get("left_on")
        days = (
            school_days_between(
                date.fromisoformat(str(left)), date.fromisoformat(str(record["sent_on"]))
            )
            if left
            else None
        )
        return TransferStatus(
            record=record,
            school_days_to_send=days,
            on_time=None if days is None else days <= 5,
            confirmed=bool(record.get("received_on")),
        )

    def subject_access(
        self,
        person_id: str,
        options: ReportOptions,
        json_out: Path,
        progress: ProgressFn | None = None,
    ) -> ReportResult:
        """One person's data as JSON and PDF, other people's information redacted."""
        self._check_options(options)
        self._check_target(json_out)
        if json_out.resolve() == options.out.resolve():
            raise ValidationFailed([("json_out", _("must be a different file from the PDF"))])
        subject = self.caseload.people.get(person_id)
        sharing = self._sharing(
            "subject_access",
            options,
            [str(subject["family_id"])],
            _("Everything held about one person, other people's details redacted"),
            person_id=person_id,
            purpose="subject_access",
            default_recipient=person_name(subject),
            default_organisation=_("The person themselves"),
            default_basis="legal_obligation",
        )
        report(progress, "reading", 0.0)
        document = self._subject_access_document(person_id)
        pdf = sar.build_subject_access(document, self._meta(_("Subject access export")), progress)
        family_id = str(document["household"]["id"])
        payload = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)
        with self.ctx.vault.transaction():
            result = self._finish(
                "subject_access",
                pdf,
                options,
                progress,
                family_id=family_id,
                record=("person", person_id),
                sharing=sharing,
            )
            self._write(json_out, (payload + "\n").encode("utf-8"))
        return ReportResult(**{**result.__dict__, "json_path": json_out})

    # -- reading -------------------------------------------------------------------------------
    def _subject_access_document(self, person_id: str) -> dict[str, Any]:
        c = self.caseload
        subject = c.people.get(person_id)
        family_id = str(subject["family_id"])
        family = c.families.get(family_id)
        others = [dict(p) for p in c.people.members(family_id) if p.id != person_id]
        contacts = [dict(m.contact) for m in c.directory.team(family_id)]
        redactor = build_redactor(
            people=[dict(subject), *others],
            contacts=[],
            redact_people=[p["id"] for p in others],
            keep_words=[person_name(subject)],
        )
        # Professionals' own names are other people's personal data too; their organisations
        # are not, and officers' names (staff acting in their role) stay (docs/decisions.md).
        redactor.add_words(str(ct.get("name") or "") for ct in contacts)

        def clean(record: Mapping[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for key, value in record.items():
                if key in ("deleted", "versions", *drop):
                    continue
                out[key] = redactor.scrub(value) if isinstance(value, str) else value
            return out

        given = str(subject.get("given_name") or "")
        mention = re.compile(rf"(?<!\w){re.escape(given)}(?!\w)", re.IGNORECASE) if given else None
        notes = [
            clean(n, drop=("visit_id",))
            for n in c.notes.for_family(family_id, order_by="written_at")
            if mention is not None and mention.search(str(n.get("text") or ""))
        ]
        concerns = []
        for concern in c.concerns.query("person_id = ?", (person_id,), order_by="raised_at"):
            item = clean(concern, drop=("source_id",))
            item["additions"] = [clean(a) for a in c.concerns.additions_to(concern.id)]
            concerns.append(item)
        name = person_name(subject)
        return {
            "format": sar.FORMAT,
            "generated_at": self.ctx.now_iso(),
            "generated_by": self.ctx.owner_name,
            "subject_name": name,
            "explanation": _(
                "Everything this vault holds about {name}. Other people's names and details "
                "are replaced by {word}."
            ).format(name=name, word=redacted_word()),
            "person": clean(subject),
            "household": {
                "id": family_id,
                "name": family.get("name"),
                "address": family.get("address"),
                "postcode": family.get("postcode"),
                "other_members": len(others),
            },
            "attendance": [
                {
                    "period": f.period,
                    "sessions_possible": f.sessions_possible,
                    "sessions_attended": f.sessions_attended,
                    "percentage": None if f.percentage is None else round(f.percentage, 1),
                    "persistent_absence": f.persistent_absence,
                }
                for f in c.attendance.figures_for_person(person_id)
            ],
            "consents": [
                clean(x)
                for x in c.consents.for_family(family_id, order_by="date")
                if x.get("person_id") == person_id
                or (mention is not None and mention.search(str(x.get("given_by") or "")))
            ],
            "referrals": [
                clean(r, drop=("organisation_id",))
                for r in c.referrals.query("person_id = ?", (person_id,), order_by="date")
            ],
            "concerns": concerns,
            "notes": notes,
            "sharing": self._sharing_for_subject(family_id, person_id, clean),
        }

    def _sharing_for_subject(
        self, family_id: str, person_id: str, clean: Any
    ) -> list[dict[str, Any]]:
        """What left the vault about the person's household (Article 15(1)(c): recipients).

        Entries about another member alone (a sibling's transfer) are that member's, and the
        recipient's own name is a professional's personal data, so only their organisation
        is given (as for the team around the family).
        """
        out = []
        for entry in reversed(self.caseload.sharing.history(family_id)):
            if entry.get("person_id") not in (None, person_id):
                continue
            out.append(
                clean(
                    {
                        "shared_at": entry.get("shared_at"),
                        "what": sh.what_label(str(entry.get("what"))),
                        "details": entry.get("details"),
                        "purpose": sh.purpose_label(str(entry.get("purpose"))),
                        "organisation": entry.get("organisation"),
                        "lawful_basis": sh.basis_label(entry.get("lawful_basis")),
                        "condition": sh.condition_label(entry.get("condition")),
                        "consent_at_the_time": sh.consent_label(entry.get("consent_status")),
                    }
                )
            )
        return out

    def _caseload_figures(self) -> CaseloadData:
        store = self.ctx.store
        today = self.ctx.today()
        families = {r["id"]: str(r.get("name") or "") for r in store.query("family")}
        per_officer: Counter[str] = Counter()
        allocated: set[str] = set()
        for a in store.query("allocation", "active = 1"):
            if a["family_id"] in families:
                per_officer[str(a.get("officer_name") or a["device_id"][:8])] += 1
                allocated.add(str(a["family_id"]))
        rows = sorted(per_officer.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        unallocated = len(set(families) - allocated)
        if unallocated:
            rows.append((_("Unallocated"), unallocated))
        months = _last_months(today, OVERVIEW_MONTHS)
        index = {m: i for i, m in enumerate(months)}

        def monthly(kind: str, key: str, vocabulary: Sequence[str]) -> dict[str, list[int]]:
            counts = {k: [0] * len(months) for k in vocabulary}
            for r in store.query(kind, "date >= ?", (months[0] + "-01",)):
                month = str(r["date"])[:7]
                if month in index and r.get(key) in counts:
                    counts[str(r[key])][index[month]] += 1
            return counts

        people = {p["id"]: p for p in store.query("person", "role = 'pupil'")}
        absent = []
        for r in store.query("attendance"):
            possible, attended = int(r["sessions_possible"]), int(r["sessions_attended"])
            if possible > 0 and attended * 100 < possible * 90:
                pupil = people.get(r["person_id"])
                absent.append(
                    AbsentPupil(
                        name=person_name(pupil) if pupil else "",
                        family=families.get(str(r["family_id"]), ""),
                        period=str(r["period"]),
                        percentage=100.0 * attended / possible,
                    )
                )
        absent.sort(key=lambda a: (a.percentage or 0.0, a.family, a.name))
        overdue = [
            OverdueAction(
                family=families.get(str(a["family_id"]), ""),
                title=str(a["title"]),
                owner=str(a.get("owner") or ""),
                due=str(a["due"]),
            )
            for a in self.caseload.actions.overdue()
            if a["family_id"] in families
        ]
        return CaseloadData(
            today=today,
            families=len(families),
            families_per_officer=rows,
            months=months,
            visits_by_status=monthly("visit", "status", v.VISIT_STATUSES),
            referrals_by_kind=monthly("referral", "kind", v.REFERRAL_KINDS),
            open_actions=store.count("action", "done IS NULL OR done = 0"),
            overdue=overdue,
            absent=absent,
            outcomes_change=self._outcomes_change(),
            engagement=self._engagement_report(),
        )

    def _outcomes_change(self) -> OutcomesChange:
        found = self.caseload.outcomes.caseload_change()
        return OutcomesChange(found.families, found.scored_once, found.average)

    def _officers(self, family_id: str) -> list[str]:
        return [
            str(a.get("officer_name") or a["device_id"])
            for a in self.caseload.allocations.for_family(family_id)
        ]

    def _contacts(self, ids: Iterable[Any]) -> dict[str, dict[str, Any]]:
        out = {}
        for contact_id in {str(i) for i in ids if i}:
            found = self.caseload.directory.find(contact_id)
            if found is not None:
                out[contact_id] = dict(found)
        return out

    @staticmethod
    def _attendance(figures: Iterable[Any]) -> list[cs.AttendanceRow]:
        return [
            cs.AttendanceRow(
                person_id=f.person_id,
                period=f.period,
                possible=f.sessions_possible,
                attended=f.sessions_attended,
                percentage=f.percentage,
                persistent_absence=f.persistent_absence,
            )
            for f in figures
        ]

    def _redactor(
        self,
        ids: Sequence[str],
        family_id: str,
        people: Sequence[Mapping[str, Any]],
        contacts: Sequence[Mapping[str, Any]],
        keep: Sequence[str],
    ) -> Redactor:
        """Sort the ids to redact into people, contacts and notes of this family."""
        person_ids = {str(p["id"]) for p in people}
        contact_ids = {str(c["id"]) for c in contacts}
        redact_people, redact_contacts, redact_notes = [], [], []
        problems = []
        for record_id in ids:
            if record_id in person_ids:
                redact_people.append(record_id)
            elif record_id in contact_ids:
                redact_contacts.append(record_id)
            else:
                note = self.caseload.notes.find(record_id)
                if note is not None and note.get("family_id") == family_id:
                    redact_notes.append(record_id)
                else:
                    problems.append(
                        (
                            "redact",
                            _("'{id}' is not a person, contact or note of this family").format(
                                id=record_id
                            ),
                        )
                    )
        if problems:
            raise ValidationFailed(problems)
        return build_redactor(
            people=people,
            contacts=contacts,
            redact_people=redact_people,
            redact_contacts=redact_contacts,
            redact_notes=redact_notes,
            keep_words=keep,
        )

    @staticmethod
    def _in_range(value: Any, options: ReportOptions) -> bool:
        if not value:
            return True
        day = date.fromisoformat(str(value)[:10])
        return (options.start is None or day >= options.start) and (
            options.end is None or day <= options.end
        )

    def _meta(self, title: str) -> ReportMeta:
        now = self.ctx.now()
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        return ReportMeta(title=title, generated_by=self.ctx.owner_name, generated_at=now)

    # -- writing -------------------------------------------------------------------------------
    def _check_options(self, options: ReportOptions) -> None:
        problems = []
        if options.password is not None and len(options.password) < MIN_PASSWORD_LENGTH:
            problems.append(
                (
                    "password",
                    _("is shorter than {n} characters").format(n=MIN_PASSWORD_LENGTH),
                )
            )
        if options.start and options.end and options.start > options.end:
            problems.append(("from", _("is after the end date")))
        if problems:
            raise ValidationFailed(problems)
        self._check_target(options.out)

    def _check_target(self, path: Path) -> None:
        if self._previewing:
            return  # a preview writes nothing, so where it would go does not matter
        folder = path.parent.resolve()
        if not folder.is_dir():
            raise ValidationFailed(
                [("out", _("the folder {folder} does not exist").format(folder=folder))]
            )
        data_dir = self.ctx.vault.data_dir.resolve()
        if folder == data_dir or data_dir in folder.parents:
            raise ValidationFailed(
                [
                    (
                        "out",
                        _(
                            "is inside the vault's folder, where only encrypted files belong; "
                            "choose another folder"
                        ),
                    )
                ]
            )

    def _finish(
        self,
        kind: str,
        pdf: bytes,
        options: ReportOptions,
        progress: ProgressFn | None,
        *,
        family_id: str | None = None,
        redacted: int = 0,
        record: tuple[str, str] | None = None,
        sharing: _Sharing | None = None,
    ) -> ReportResult:
        report(progress, "protecting", 0.0)
        with pikepdf.open(io.BytesIO(pdf)) as document:
            pages = len(document.pages)
            if self._previewing:
                raise _PreviewBuilt(ReportPreview(kind, pdf, pages))
            if options.password:
                out = io.BytesIO()
                document.save(
                    out,
                    encryption=pikepdf.Encryption(
                        owner=options.password, user=options.password, R=6, aes=True
                    ),
                )
                pdf = out.getvalue()
        report(progress, "writing", 0.0)
        with self.ctx.vault.transaction():
            self.ctx.store.record_event(
                "export",
                kind=record[0] if record else None,
                record_id=record[1] if record else None,
                family_id=family_id,
                detail=f"report={kind};pages={pages};redactions={redacted};"
                f"encrypted={'yes' if options.password else 'no'}",
            )
            # The sharing entries are written before the file, in the same transaction: if
            # they fail nothing is written; if the file fails they are rolled back.
            entries = 0
            if sharing is not None:
                entries = len(
                    self.caseload.sharing.record(
                        kind,
                        sharing.resolved,
                        sharing.families,
                        details=sharing.details,
                        person_id=sharing.person_id,
                        encrypted=bool(options.password),
                    )
                )
            self._write(options.out, pdf)
        report(progress, "done", 1.0)
        return ReportResult(
            kind=kind,
            path=options.out,
            pages=pages,
            size=len(pdf),
            encrypted=bool(options.password),
            redacted=redacted,
            sharing_entries=entries,
        )

    def _sharing(
        self,
        what: str,
        options: ReportOptions,
        families: Sequence[str],
        details: str,
        *,
        person_id: str | None = None,
        purpose: str | None = None,
        default_recipient: str = "",
        default_organisation: str = "",
        default_basis: str | None = None,
        default_condition: str | None = None,
    ) -> _Sharing:
        """Check who the report is for before it is built, so a refusal costs nothing."""
        sharing = self.caseload.sharing
        resolved = sharing.resolve(
            what,
            options.share,
            default_recipient=default_recipient,
            default_organisation=default_organisation,
            default_basis=default_basis,
            default_condition=default_condition,
            purpose=purpose,
        )
        sharing.check(resolved, families)
        if options.start or options.end:
            details += "; " + _("dates {start} to {end}").format(
                start=options.start or "…", end=options.end or "…"
            )
        if options.redact:
            details += "; " + _("{n} redactions chosen").format(n=len(options.redact))
        return _Sharing(resolved, tuple(families), details, person_id)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        try:
            write_atomically(path, data)
        except OSError as exc:
            raise StorageFull(
                _(
                    "The report could not be written to {path} ({reason}); no file was left "
                    "there. Check the folder exists, is writable and has space."
                ).format(path=path, reason=exc.strerror or type(exc).__name__)
            ) from exc


def _last_months(today: date, count: int) -> list[str]:
    """The `count` calendar months up to and including today's, oldest first ('2025-03')."""
    year, month = today.year, today.month
    out = []
    for _i in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


def read_password_file(path: Path) -> str:
    """The PDF password: the first line of a file (so it never appears in a command line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputRejected(
            _("The password file {path} could not be read ({reason}); no report was made.").format(
                path=path, reason=exc.strerror or type(exc).__name__
            )
        ) from exc
    lines = text.splitlines()
    return lines[0] if lines else ""
