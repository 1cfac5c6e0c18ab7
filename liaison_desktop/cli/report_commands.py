"""`report case|chronology|caseload|transfer|sar`: PDFs (and the subject access JSON).

A transfer pack records the transfer as sent today; when the receiving school returns the
signed receipt, `report transfer PERSON_ID --confirm-received DATE` records it (no PDF is
made then). PDF passwords are read from a file (`--password-file`), never from the command
line, and every report says whether the file it wrote is encrypted.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..domain.sharing import ShareDetails
from ..errors import EXIT_OK, UsageError
from ..i18n import _
from ..reports.case_summary import SECTIONS
from ..services.caseload import Caseload
from ..services.reports_service import (
    BY_KEY,
    ReportOptions,
    ReportRequest,
    ReportResult,
    ReportsService,
    TransferStatus,
    kinds_for,
    read_password_file,
)
from .context import CommandContext, SubParsers, parse_day


def register(sub: SubParsers) -> None:
    """Add the report commands to the parser."""
    report = sub.add_parser("report", help=_("make PDF reports (case, chronology, caseload, …)"))
    rsub: SubParsers = report.add_subparsers(dest="report_command", metavar="REPORT")
    rsub.required = True

    case = rsub.add_parser("case", help=_("a family's case summary"))
    case.add_argument("family_id")
    _output(case)
    _redaction(case)
    _dates(case)
    case.add_argument(
        "--sections",
        help=_("comma-separated sections to include (default all): {names}").format(
            names=",".join(SECTIONS)
        ),
    )
    case.set_defaults(handler=cmd_case)

    chronology = rsub.add_parser("chronology", help=_("a family's chronology as a table"))
    chronology.add_argument("family_id")
    _output(chronology)
    _redaction(chronology)
    _dates(chronology)
    chronology.set_defaults(handler=cmd_chronology)

    caseload = rsub.add_parser("caseload", help=_("(lead) the caseload overview with charts"))
    _output(caseload)
    caseload.add_argument(
        "--school", dest="school_id", help=_("only this school's families (its id or name)")
    )
    caseload.set_defaults(handler=cmd_caseload)

    transfer = rsub.add_parser(
        "transfer",
        help=_("a pupil's child-protection file transfer pack, or confirm its receipt"),
    )
    transfer.add_argument("person_id")
    _output(transfer, required=False)
    _redaction(transfer)
    transfer.add_argument("--to-school", help=_("the receiving school (needed with --out)"))
    transfer.add_argument(
        "--from-school", help=_("the sending school (default: the vault's school_name setting)")
    )
    transfer.add_argument(
        "--left-on",
        help=_("the day the pupil left (YYYY-MM-DD); 5 school days are counted from it"),
    )
    transfer.add_argument(
        "--confirm-received",
        metavar="DATE",
        help=_("record that the receiving school confirmed receipt on DATE (no PDF is made)"),
    )
    transfer.add_argument("--received-by", help=_("who signed the receipt"))
    transfer.set_defaults(handler=cmd_transfer)

    make = rsub.add_parser(
        "make",
        help=_("any report by its kind (liaison report kinds lists them), with its options"),
    )
    make.add_argument("kind", choices=[kind.key for kind in kinds_for(is_lead=True)])
    make.add_argument("subject", nargs="?", help=_("the family's or person's id, if it has one"))
    _output(make)
    _redaction(make)
    _dates(make)
    make.add_argument("--sections", help=_("comma-separated sections (case summary only)"))
    make.add_argument("--receiving-school", default="", help=_("(transfer pack) the new school"))
    make.add_argument("--json-out", help=_("(subject access) where to write the JSON copy"))
    make.set_defaults(handler=cmd_make)

    kinds = rsub.add_parser("kinds", help=_("the reports this vault can make"))
    kinds.add_argument("--json", action="store_true")
    kinds.set_defaults(handler=cmd_kinds)

    sar = rsub.add_parser("sar", help=_("a subject access export for one person (PDF and JSON)"))
    sar.add_argument("person_id")
    _output(sar)
    sar.add_argument("--json-out", required=True, help=_("where to write the JSON copy"))
    sar.add_argument(
        "--keep-name",
        dest="keep_names",
        nargs="+",
        action="extend",
        default=[],
        metavar="NAME",
        help=_("a name found in the text to leave in (see 'report sar-names'); others are "
               "redacted"),
    )  # fmt: skip
    sar.add_argument(
        "--redact-text",
        nargs="+",
        action="extend",
        default=[],
        metavar="TEXT",
        help=_("words or phrases to redact wherever they appear"),
    )
    sar.set_defaults(handler=cmd_sar)

    names = rsub.add_parser(
        "sar-names",
        help=_("other people named in the text of a subject access export, for review"),
    )
    names.add_argument("person_id")
    names.add_argument("--json", action="store_true")
    names.set_defaults(handler=cmd_sar_names)


def _output(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--out", required=required, help=_("where to write the PDF"))
    parser.add_argument(
        "--password-file",
        dest="pdf_password_file",
        help=_("protect the PDF with the password on this file's first line (AES-256)"),
    )
    parser.add_argument("--json", action="store_true")
    add_share_arguments(parser)


def add_share_arguments(parser: argparse.ArgumentParser, *, peer: bool = False) -> None:
    """--recipient, --organisation, --lawful-basis, --condition (the sharing record)."""
    what = _("its bundles go to") if peer else _("the file is for")
    parser.add_argument(
        "--recipient",
        default="",
        help=_("who {what}, outside the school (a person or a role)").format(what=what),
    )
    parser.add_argument("--organisation", default="", help=_("the organisation they work for"))
    parser.add_argument(
        "--lawful-basis",
        dest="lawful_basis",
        help=_(
            "UK GDPR Article 6 basis: consent, contract, legal_obligation, vital_interests, "
            "public_task, legitimate_interests (needed when --recipient or --organisation is "
            "given)"
        ),
    )
    parser.add_argument(
        "--condition",
        help=_(
            "Article 9 / DPA 2018 Schedule 1 condition for special-category data: "
            "safeguarding, statutory_purposes, explicit_consent, vital_interests, "
            "legal_claims, health_social_care, none"
        ),
    )
    if not peer:
        parser.add_argument(
            "--consent-not-sought",
            dest="consent_not_sought",
            action="store_true",
            help=_("consent was not sought because seeking it would put a child at risk"),
        )


def share_details(args: argparse.Namespace) -> ShareDetails:
    """The sharing flags as the service takes them."""
    return ShareDetails(
        recipient=getattr(args, "recipient", "") or "",
        organisation=getattr(args, "organisation", "") or "",
        lawful_basis=getattr(args, "lawful_basis", None) or None,
        condition=getattr(args, "condition", None) or None,
        consent_not_sought=bool(getattr(args, "consent_not_sought", False)),
    )


def _redaction(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--redact",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID",
        help=_("ids of people, contacts or notes to leave out (shown as [redacted])"),
    )


def _dates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", help=_("first day to include (YYYY-MM-DD)"))
    parser.add_argument("--to", dest="end", help=_("last day to include (YYYY-MM-DD)"))


def _options(args: argparse.Namespace) -> ReportOptions:
    password = None
    if getattr(args, "pdf_password_file", None):
        password = read_password_file(Path(args.pdf_password_file))
    sections: tuple[str, ...] = SECTIONS
    if getattr(args, "sections", None):
        sections = tuple(s.strip() for s in args.sections.split(",") if s.strip())
    return ReportOptions(
        out=Path(args.out),
        password=password,
        redact=tuple(getattr(args, "redact", ()) or ()),
        start=parse_day(getattr(args, "start", None), "from"),
        end=parse_day(getattr(args, "end", None), "to"),
        sections=sections,
        share=share_details(args),
        school_id=getattr(args, "school_id", None) or None,
    )


def _emit(ctx: CommandContext, result: ReportResult, title: str) -> int:
    data: dict[str, Any] = {
        "report": result.kind,
        "path": str(result.path),
        "pages": result.pages,
        "bytes": result.size,
        "encrypted": result.encrypted,
        "redacted": result.redacted,
    }
    if result.json_path is not None:
        data["json_path"] = str(result.json_path)
    if result.transfer_id is not None:
        data["transfer_id"] = result.transfer_id
    data["sharing_entries"] = result.sharing_entries
    lines = [
        _("{title} written to {path} ({pages} pages).").format(
            title=title, path=result.path, pages=result.pages
        )
    ]
    if result.json_path is not None:
        lines.append(_("The JSON copy is at {path}.").format(path=result.json_path))
    if result.transfer_id is not None:
        lines.append(
            _(
                "Transfer {id} recorded as sent today. When the signed receipt comes back, run: "
                "liaison report transfer PERSON_ID --confirm-received YYYY-MM-DD"
            ).format(id=result.transfer_id)
        )
    lines.append(
        _("Recorded in the information-sharing record of {n} families.").format(
            n=result.sharing_entries
        )
    )
    if result.encrypted:
        lines.append(_("The PDF is encrypted (AES-256) with the password you gave."))
    else:
        lines.append(
            _(
                "The file is NOT encrypted: anyone who can open it can read it. Keep it "
                "somewhere safe and delete it when it is no longer needed."
            )
        )
    if result.json_path is not None:
        lines.append(_("The JSON file is never encrypted."))
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def cmd_make(ctx: CommandContext) -> int:
    """Write any registered report (`liaison report make KIND [SUBJECT] --out …`)."""
    args = ctx.args
    kind = BY_KEY[args.kind]
    if kind.subject is not None and not args.subject:
        raise UsageError(
            _("This report is about a {subject}: give its id.").format(
                subject=_("family") if kind.subject == "family" else _("person")
            )
        )
    if kind.subject is None and args.subject:
        raise UsageError(_("This report is about the whole caseload: give no id."))
    options = _options(args)
    request = ReportRequest(
        args.subject,
        options,
        receiving_school=args.receiving_school,
        json_out=Path(args.json_out) if args.json_out else options.out.with_suffix(".json"),
    )
    with ctx.open_vault() as vault:
        result = ReportsService(Caseload(vault)).save(kind.key, request)
    return _emit(ctx, result, kind.shown(kind.label))


def cmd_kinds(ctx: CommandContext) -> int:
    """List the reports this vault can make, with what each is about."""
    with ctx.open_vault() as vault:
        is_lead = Caseload(vault).ctx.is_lead
    kinds = kinds_for(is_lead)
    data = [
        {"kind": k.key, "label": k.shown(k.label), "about": k.subject, "lead_only": k.lead_only}
        for k in kinds
    ]
    text = "\n".join(f"{k.key:<20} {k.shown(k.label)}" for k in kinds)
    ctx.emit(data, text)
    return EXIT_OK


def cmd_case(ctx: CommandContext) -> int:
    """Write a family's case summary."""
    options = _options(ctx.args)
    with ctx.open_vault() as vault:
        result = ReportsService(Caseload(vault)).case_summary(ctx.args.family_id, options)
    return _emit(ctx, result, _("Case summary"))


def cmd_chronology(ctx: CommandContext) -> int:
    """Write a family's chronology."""
    options = _options(ctx.args)
    with ctx.open_vault() as vault:
        result = ReportsService(Caseload(vault)).chronology(ctx.args.family_id, options)
    return _emit(ctx, result, _("Chronology"))


def cmd_caseload(ctx: CommandContext) -> int:
    """Write the lead's caseload overview."""
    options = _options(ctx.args)
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        if options.school_id:
            options = replace(options, school_id=c.schools.resolve(options.school_id))
        result = ReportsService(c).caseload_overview(options)
    return _emit(ctx, result, _("Caseload overview"))


def cmd_transfer(ctx: CommandContext) -> int:
    """Write a transfer pack, or record that its receipt was confirmed."""
    args = ctx.args
    if args.confirm_received:
        if args.out:
            raise UsageError(_("Use either --out (make the pack) or --confirm-received, not both."))
        received = parse_day(args.confirm_received, "confirm_received")
        assert received is not None
        with ctx.open_vault() as vault:
            status = Caseload(vault).transfers.confirm_received(
                args.person_id, received, args.received_by
            )
        return _emit_transfer(ctx, status)
    if not args.out or not args.to_school:
        raise UsageError(
            _("report transfer needs --out and --to-school (or --confirm-received DATE).")
        )
    options = _options(args)
    left_on = parse_day(args.left_on, "left_on")
    with ctx.open_vault() as vault:
        result = ReportsService(Caseload(vault)).transfer_pack(
            args.person_id,
            options,
            receiving_school=args.to_school,
            left_on=left_on,
            sending_school=args.from_school,
        )
    return _emit(ctx, result, _("Transfer pack"))


def _emit_transfer(ctx: CommandContext, status: TransferStatus) -> int:
    record = status.record
    data = {
        "transfer": dict(record),
        "school_days_to_send": status.school_days_to_send,
        "on_time": status.on_time,
        "confirmed": status.confirmed,
    }
    text = _("Receipt recorded: the file sent to {school} on {sent} was received on {received}.")
    ctx.emit(
        data,
        text.format(
            school=record["receiving_school"],
            sent=record["sent_on"],
            received=record["received_on"],
        ),
    )
    return EXIT_OK


def cmd_sar_names(ctx: CommandContext) -> int:
    """List the third parties found in a SAR's text (each redacted unless kept)."""
    with ctx.open_vault() as vault:
        found = ReportsService(Caseload(vault)).third_parties(ctx.args.person_id)
    rows = [{"name": f.name, "count": f.count, "known": f.known} for f in found]
    lines = [
        _("{name}: {count} mention(s){known}").format(
            name=r["name"], count=r["count"], known=_(" (known to the vault)") if r["known"] else ""
        )
        for r in rows
    ] or [_("No other person is named in the text.")]
    ctx.emit({"names": rows}, "\n".join(lines))
    return EXIT_OK


def cmd_sar(ctx: CommandContext) -> int:
    """Write a subject access export (PDF and JSON)."""
    options = replace(
        _options(ctx.args),
        keep_names=tuple(ctx.args.keep_names),
        redact_text=tuple(ctx.args.redact_text),
    )
    with ctx.open_vault() as vault:
        result = ReportsService(Caseload(vault)).subject_access(
            ctx.args.person_id, options, Path(ctx.args.json_out)
        )
    return _emit(ctx, result, _("Subject access export"))
