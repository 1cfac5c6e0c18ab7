"""`liaison transfers list` and `liaison transfers calendar`: child-protection files awaiting
receipt with their school-day clock, and whose bank holidays and which INSET days count."""

from __future__ import annotations

from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.people_service import PeopleService
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the transfers commands to the parser."""
    parser = sub.add_parser(
        "transfers", help=_("child-protection files awaiting receipt, and the school calendar")
    )
    tsub: SubParsers = parser.add_subparsers(dest="transfers_command", metavar="ACTION")
    tsub.required = True
    p = tsub.add_parser("list", help=_("transfers not yet confirmed received, with the clock"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_transfers_list)
    p = tsub.add_parser(
        "calendar", help=_("(lead) whose bank holidays count, and the school's INSET days")
    )
    p.add_argument("--nation", help=_("england or wales"))
    p.add_argument("--inset", help=_("INSET days, YYYY-MM-DD separated by commas"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_transfers_calendar)


def cmd_transfers_list(ctx: CommandContext) -> int:
    """Every transfer awaiting receipt: the pupil, the school, due by, school days waiting."""
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        waiting = c.transfers.awaiting_receipt()
        rows = []
        for status in waiting:
            record = status.record
            person = c.people.find(str(record["person_id"]))
            rows.append(
                {
                    "transfer_id": record.id,
                    "pupil": PeopleService.display_name(person) if person else "",
                    "receiving_school": record["receiving_school"],
                    "left_on": record.get("left_on"),
                    "sent_on": record["sent_on"],
                    "due_by": status.due_by.isoformat() if status.due_by else None,
                    "school_days_waiting": status.school_days_waiting,
                    "overdue": status.overdue,
                }
            )
    lines = [
        _("{pupil} → {school}: due by {due}, {days} school days{late}").format(
            pupil=r["pupil"],
            school=r["receiving_school"],
            due=r["due_by"],
            days=r["school_days_waiting"],
            late=_(" — OVERDUE") if r["overdue"] else "",
        )
        for r in rows
    ] or [_("No transfer is waiting for its receipt.")]
    ctx.emit({"transfers": rows}, "\n".join(lines))
    return EXIT_OK


def cmd_transfers_calendar(ctx: CommandContext) -> int:
    """Show (or, for a lead, set) the nation and the INSET days."""
    args = ctx.args
    with ctx.open_vault() as vault:
        transfers = Caseload(vault).transfers
        if args.nation is not None or args.inset is not None:
            transfers.set_school_days(
                args.nation or transfers.nation(),
                args.inset
                if args.inset is not None
                else ",".join(d.isoformat() for d in transfers.inset_days()),
            )
        nation, inset = transfers.nation(), [d.isoformat() for d in transfers.inset_days()]
    ctx.emit(
        {"nation": nation, "inset_days": inset},
        _("Bank holidays of {nation}; INSET days: {days}").format(
            nation=nation.capitalize(), days=", ".join(inset) or _("none set")
        ),
    )
    return EXIT_OK
