"""Records management on the command line: close and reopen cases, the retention schedule,
the review queue (keep or destroy) and legal holds. Every command accepts `--json`."""

from __future__ import annotations

import argparse

from ..domain import vocabulary as v
from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from .context import CommandContext, SubParsers, parse_day


def _record(text: str) -> tuple[str, str]:
    kind, sep, record_id = text.partition(":")
    if not sep or not kind or not record_id:
        raise argparse.ArgumentTypeError(_("name a record as KIND:ID, e.g. note:3f2a…"))
    return kind, record_id


def register(sub: SubParsers) -> None:
    """Add close, reopen, retention, review and hold to the parser."""
    p = sub.add_parser("close", help=_("close a family's case, with a reason and an outcome"))
    p.add_argument("family_id")
    p.add_argument("--reason", required=True)
    p.add_argument("--outcome", required=True, choices=v.CLOSURE_OUTCOMES)
    p.add_argument("--on", help=_("the closing date (YYYY-MM-DD); today if not given"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_close)

    p = sub.add_parser("reopen", help=_("reopen a closed case, with a reason"))
    p.add_argument("family_id")
    p.add_argument("--reason", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_reopen)

    p = sub.add_parser("retention", help=_("the retention schedule"))
    rsub = p.add_subparsers(dest="retention_command", required=True)
    q = rsub.add_parser("list", help=_("how long each kind of record is kept"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_retention_list)
    q = rsub.add_parser("set", help=_("(lead) keep one kind of record for N years"))
    q.add_argument("kind")
    q.add_argument("--years", type=int, required=True)
    q.add_argument("--basis", choices=v.RETENTION_BASES)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_retention_set)

    p = sub.add_parser("review", help=_("(lead) records past their retention date"))
    rsub = p.add_subparsers(dest="review_command", required=True)
    q = rsub.add_parser("list", help=_("closed cases with records past their date"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_list)
    q = rsub.add_parser("keep", help=_("keep a case's records (or one) until a new date"))
    q.add_argument("family_id")
    q.add_argument("--reason", required=True)
    q.add_argument("--until", required=True, help=_("the new review date (YYYY-MM-DD)"))
    q.add_argument("--record", type=_record, metavar="KIND:ID")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_keep)
    q = rsub.add_parser(
        "destroy", help=_("purge a case's records past their date, here and on every device")
    )
    q.add_argument("family_id")
    q.add_argument("--reason", required=True)
    q.add_argument("--record", type=_record, action="append", metavar="KIND:ID")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_review_destroy)

    p = sub.add_parser("hold", help=_("legal holds: no purge touches a held record"))
    rsub = p.add_subparsers(dest="hold_command", required=True)
    q = rsub.add_parser("place", help=_("(lead) hold a case, or one of its records"))
    q.add_argument("family_id")
    q.add_argument("--reason", required=True)
    q.add_argument("--record", type=_record, metavar="KIND:ID")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_hold_place)
    q = rsub.add_parser("release", help=_("(lead) release a hold, with a reason"))
    q.add_argument("hold_id")
    q.add_argument("--reason", required=True)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_hold_release)
    q = rsub.add_parser("list", help=_("holds in force"))
    q.add_argument("--all", action="store_true", help=_("released holds too"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_hold_list)


def cmd_close(ctx: CommandContext) -> int:
    """Close a case."""
    args = ctx.args
    on = parse_day(args.on or None, "on")
    with ctx.open_vault() as vault:
        record = Caseload(vault).closures.close(
            args.family_id, reason=args.reason, outcome=args.outcome, on=on
        )
    ctx.emit(dict(record), _("The case is closed; it has left the caseload lists."))
    return EXIT_OK


def cmd_reopen(ctx: CommandContext) -> int:
    """Reopen a case."""
    with ctx.open_vault() as vault:
        record = Caseload(vault).closures.reopen(ctx.args.family_id, reason=ctx.args.reason)
    ctx.emit(dict(record), _("The case is open again."))
    return EXIT_OK


def cmd_retention_list(ctx: CommandContext) -> int:
    """Print the schedule."""
    with ctx.open_vault() as vault:
        entries = Caseload(vault).retention.schedule()
    lines = [
        _("{kind}: {years} years {basis}{default}").format(
            kind=e.kind,
            years=e.years,
            basis=_("after the pupil's birth")
            if e.basis == "after_birth"
            else _("after the case closes"),
            default=_(" (default)") if e.is_default else "",
        )
        for e in entries
    ]
    ctx.emit([e.as_dict() for e in entries], "\n".join(lines))
    return EXIT_OK


def cmd_retention_set(ctx: CommandContext) -> int:
    """Change one kind's rule."""
    args = ctx.args
    with ctx.open_vault() as vault:
        entry = Caseload(vault).retention.set_rule(args.kind, years=args.years, basis=args.basis)
    ctx.emit(
        entry.as_dict(),
        _("{kind} records are now kept for {years} years.").format(
            kind=entry.kind, years=entry.years
        ),
    )
    return EXIT_OK


def cmd_review_list(ctx: CommandContext) -> int:
    """Print the review queue."""
    with ctx.open_vault() as vault:
        caseload = Caseload(vault)
        caseload.ctx.require_lead(_("review records past their retention date"))
        queue = caseload.retention.review_queue()
    lines = []
    for review in queue:
        lines.append(
            _("{name} ({id}), closed {closed}: {count} records past their date{held}").format(
                name=review.name,
                id=review.family_id,
                closed=review.closed_on.isoformat(),
                count=len(review.items),
                held=_(" — ON HOLD") if review.held else "",
            )
        )
        for item in review.items:
            lines.append(
                f"  {item.kind}:{item.record_id}  {item.recorded_on}  "
                + _("due {day}").format(day=item.due_on.isoformat())
            )
    text = "\n".join(lines) if lines else _("No records are past their retention date.")
    ctx.emit([r.as_dict() for r in queue], text)
    return EXIT_OK


def cmd_review_keep(ctx: CommandContext) -> int:
    """Keep records past their date until a new review date."""
    args = ctx.args
    until = parse_day(args.until, "until")
    with ctx.open_vault() as vault:
        record = Caseload(vault).retention.keep(
            args.family_id, reason=args.reason, until=until, record=args.record
        )
    ctx.emit(
        dict(record), _("Kept; they will be reviewed again on {day}.").format(day=until.isoformat())
    )
    return EXIT_OK


def cmd_review_destroy(ctx: CommandContext) -> int:
    """Purge records past their date (all of a case's, or those named)."""
    args = ctx.args
    with ctx.open_vault() as vault:
        result = Caseload(vault).purges.destroy(
            args.family_id, reason=args.reason, records_=args.record
        )
    ctx.emit(
        result.as_dict(),
        _(
            "{count} records were destroyed on this device. The purge reaches every other "
            "device at its next sync; the audit log keeps the event, not the content."
        ).format(count=result.records),
    )
    return EXIT_OK


def cmd_hold_place(ctx: CommandContext) -> int:
    """Place a legal hold."""
    args = ctx.args
    with ctx.open_vault() as vault:
        record = Caseload(vault).holds.place(args.family_id, reason=args.reason, record=args.record)
    ctx.emit(
        dict(record),
        _("Hold {id} placed: nothing it covers can be destroyed.").format(id=record.id),
    )
    return EXIT_OK


def cmd_hold_release(ctx: CommandContext) -> int:
    """Release a legal hold."""
    with ctx.open_vault() as vault:
        record = Caseload(vault).holds.release(ctx.args.hold_id, reason=ctx.args.reason)
    ctx.emit(dict(record), _("Hold released."))
    return EXIT_OK


def cmd_hold_list(ctx: CommandContext) -> int:
    """List legal holds."""
    with ctx.open_vault() as vault:
        holds = Caseload(vault).holds.all(include_released=ctx.args.all)
    lines = [
        _("{id}  {kind} {target}  placed by {who} on {day}{released}").format(
            id=h.id,
            kind=h["target_kind"],
            target=h["target_id"],
            who=h["placed_by"],
            day=str(h["placed_at"])[:10],
            released=_(" (released)") if h["released_at"] else "",
        )
        for h in holds
    ]
    ctx.emit([dict(h) for h in holds], "\n".join(lines) if lines else _("No holds."))
    return EXIT_OK
