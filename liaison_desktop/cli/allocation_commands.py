"""`allocate FAMILY_ID --to DEVICE_ID [--remove]`: the lead gives families to officers."""

from __future__ import annotations

from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the allocate command to the parser."""
    p = sub.add_parser(
        "allocate",
        help=_("(lead) allocate a family to an officer's device; --remove takes it back"),
    )
    p.add_argument("family_id")
    p.add_argument("--to", dest="device_id", required=True, metavar="DEVICE_ID")
    p.add_argument(
        "--name", dest="officer_name", help=_("the officer's name, for the lead's lists")
    )
    p.add_argument("--remove", action="store_true", help=_("take the family back from the device"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_allocate)


def cmd_allocate(ctx: CommandContext) -> int:
    """Allocate (or with --remove, de-allocate) a family; refused on an officer's vault."""
    args = ctx.args
    with ctx.open_vault() as vault:
        caseload = Caseload(vault)
        caseload.ctx.require_lead(_("allocate families"))
        if args.remove:
            record = caseload.allocations.remove(args.family_id, args.device_id)
            text = _(
                "Family {family} is no longer allocated to device {device}; it will be removed "
                "from that device at its next sync."
            ).format(family=args.family_id, device=record["device_id"])
        else:
            record = caseload.allocations.allocate(
                args.family_id, args.device_id, officer_name=args.officer_name
            )
            text = _(
                "Family {family} is allocated to device {device}; it will be sent at the next sync."
            ).format(family=args.family_id, device=record["device_id"])
    ctx.emit(dict(record), text)
    return EXIT_OK
