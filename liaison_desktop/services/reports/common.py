"""What every report shares: the options chosen, what a built report carries, and the tools
its builder uses to read the caseload (redaction, date ranges, who it is shared with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Any

from ...domain.engagement import Term
from ...domain.sharing import ShareDetails
from ...errors import InputRejected
from ...i18n import _
from ...reports import case_summary as cs
from ...reports.furniture import ReportMeta
from ...reports.redaction import Redactor, build_redactor
from ..caseload import Caseload
from ..sharing_service import ResolvedShare
from ..validation import ValidationFailed

MIN_PASSWORD_LENGTH = 8


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
    # Subject access (issue 23): names found in the text that the lead chose to leave in, and
    # words or phrases the lead redacts by hand.
    keep_names: tuple[str, ...] = ()
    redact_text: tuple[str, ...] = ()
    # A federation or trust (issue 23): only this school's families (the caseload overview).
    school_id: str | None = None


@dataclass(frozen=True)
class ReportRequest:
    """One report asked for: who or what it is about, the options, and what some kinds need."""

    subject_id: str | None
    options: ReportOptions
    receiving_school: str = ""  # transfer pack
    left_on: date | None = None  # transfer pack
    sending_school: str | None = None  # transfer pack
    term: Term | None = None  # engagement summary
    json_out: Path | None = None  # subject access: where its JSON goes
    families: tuple[str, ...] = ()  # handover: the families handed over
    handed_to: str | None = None  # handover: the officer who takes them
    previewing: bool = False  # built to look at: nothing will be written


@dataclass(frozen=True)
class SharingPlan:
    """What the information-sharing record keeps about one report (written with the file)."""

    resolved: ResolvedShare
    families: tuple[str, ...]
    details: str | dict[str, str]
    person_id: str | None = None


@dataclass(frozen=True)
class BuiltReport:
    """A report built in memory, and what saving it must also do (its pending effects).

    A preview shows `pdf` and does nothing else; saving applies `effects` (a transfer recorded
    as sent), audits, records the sharing and writes `pdf` (and `extra_files`) in one
    transaction, so either all of it happens or none.
    """

    kind: str
    pdf: bytes
    family_id: str | None = None
    redacted: int = 0
    record: tuple[str, str] | None = None  # what the export audit event names
    sharing: SharingPlan | None = None
    extra_files: tuple[tuple[Path, bytes], ...] = ()
    effects: tuple[Callable[[], object], ...] = ()
    result_extras: Mapping[str, Any] = field(default_factory=dict)  # e.g. the transfer's id


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
class ReportPreview:
    """A report built in memory to look at before saving: never written, never encrypted."""

    kind: str
    pdf: bytes
    pages: int


class ReportTools:
    """What report builders share: the caseload, checks, redaction, dates and sharing."""

    def __init__(self, caseload: Caseload) -> None:
        self.caseload = caseload
        self.ctx = caseload.ctx

    def officers(self, family_id: str) -> list[str]:
        return [
            str(a.get("officer_name") or a["device_id"])
            for a in self.caseload.allocations.for_family(family_id)
        ]

    def contacts(self, ids: Iterable[Any]) -> dict[str, dict[str, Any]]:
        out = {}
        for contact_id in {str(i) for i in ids if i}:
            found = self.caseload.directory.find(contact_id)
            if found is not None:
                out[contact_id] = dict(found)
        return out

    @staticmethod
    def attendance(figures: Iterable[Any]) -> list[cs.AttendanceRow]:
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

    def redactor(
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
    def in_range(value: Any, options: ReportOptions) -> bool:
        if not value:
            return True
        day = date.fromisoformat(str(value)[:10])
        return (options.start is None or day >= options.start) and (
            options.end is None or day <= options.end
        )

    def meta(self, title: str) -> ReportMeta:
        now = self.ctx.now()
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        return ReportMeta(title=title, generated_by=self.ctx.owner_name, generated_at=now)

    def check_options(self, options: ReportOptions, *, previewing: bool = False) -> None:
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
        if not previewing:  # a preview writes nothing, so where it would go does not matter
            self.check_target(options.out)

    def check_target(self, path: Path) -> None:
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

    def sharing(
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
    ) -> SharingPlan:
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
        return SharingPlan(resolved, tuple(families), details, person_id)


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
