"""`referral add`: write a referral and show any voucher-limit warning."""

from __future__ import annotations

import sys

from ..domain import vocabulary as v
from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the referral commands to the parser."""
    referral = sub.add_parser("referral", help=_("write referrals"))
    rsub: SubParsers = referral.add_subparsers(dest="referral_command", metavar="ACTION")
    rsub.required = True
    p = rsub.add_parser("add", help=_("write a referral (a draft dated today)"))
    p.add_argument("family_id")
    # Validated by the service, not argparse, so a wrong value is "input rejected" (exit 3).
    p.add_argument(
        "--kind", required=True, help=_("one of: {kinds}").format(kinds=", ".join(v.REFERRAL_KINDS))
    )
    p.add_argument("--org", dest="organisation_id", help=_("the organisation's contact id"))
    p.add_argument("--reason", help=_("why the family is referred"))
    p.add_argument("--vouchers", help=_("vouchers issued (food bank)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_referral_add)


def cmd_referral_add(ctx: CommandContext) -> int:
    """Write a referral; invalid values change nothing (exit 3)."""
    args = ctx.args
    with ctx.open_vault() as vault:
        result = Caseload(vault).referrals.add(
            args.family_id,
            args.kind,
            organisation_id=args.organisation_id,
            reason=args.reason,
            vouchers=args.vouchers,
        )
    record = result.record
    data = {
        "referral": dict(record),
        "warnings": [
            {
                "kind": "voucher_limit",
                "message": w.message,
                "vouchers": w.vouchers,
                "limit": w.limit,
                "window_months": w.window_months,
            }
            for w in result.warnings
        ],
    }
    text = _("Referral {id} written: {kind}, {status}, dated {date}.").format(
        id=record.id,
        kind=v.label(str(record["kind"])),
        status=v.label(str(record["status"])).lower(),
        date=record["date"],
    )
    ctx.emit(data, text)
    if not ctx.as_json:
        for message in result.messages:
            sys.stderr.write(_("Warning: {message}").format(message=message) + "\n")
    return EXIT_OK
