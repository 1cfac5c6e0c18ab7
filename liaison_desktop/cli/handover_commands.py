"""`liaison handover --from OFFICER --to OFFICER [--pdf OUT]`: a departing officer's whole
caseload moved to another officer in one step (or taken back with --take-back), with the
handover summary as PDF; `liaison handover --list` shows who holds how many families."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.reports_service import ReportOptions, ReportsService
from ..services.validation import ValidationFailed
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the handover command to the parser."""
    p = sub.add_parser(
        "handover", help=_("(lead) move an officer's whole caseload to another officer")
    )
    p.add_argument("--list", action="store_true", help=_("who holds how many families"))
    p.add_argument("--from", dest="source", metavar="OFFICER", help=_("device id or name"))
    p.add_argument("--to", dest="target", metavar="OFFICER", help=_("device id or name"))
    p.add_argument(
        "--take-back", action="store_true", help=_("take the families back, unallocated")
    )
    p.add_argument("--pdf", help=_("write the handover summary (PDF) here"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_handover)


def _device(caseload: Caseload, who: str, field: str, *, revoked_too: bool) -> str:
    """A device named by its id or its owner's name (as paired), case-insensitively."""
    holders = {h.device_id: h.name for h in caseload.handover.holders()}
    officers = dict(caseload.allocations.officers())
    known = {**officers, **holders} if revoked_too else officers
    wanted = who.strip().casefold().replace("-", "")
    found = [d for d, name in known.items() if wanted in (d, name.casefold())]
    if len(found) != 1:
        problem = _("no one device is '{who}'").format(who=who)
        raise ValidationFailed([(field, problem)])
    return found[0]


def cmd_handover(ctx: CommandContext) -> int:
    """List holders, or hand a caseload over (all or nothing) and write the summary."""
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        c.ctx.require_lead(_("hand over a caseload"))
        if args.list or not args.source:
            holders = c.handover.holders()
            rows = [asdict(h) for h in holders]
            lines = [
                _("{name}: {n} families{revoked}").format(
                    name=h.name, n=h.families, revoked=_(" (revoked)") if h.revoked else ""
                )
                for h in holders
            ] or [_("No family is allocated to any device.")]
            ctx.emit({"holders": rows}, "\n".join(lines))
            return EXIT_OK
        if bool(args.target) == bool(args.take_back):
            raise ValidationFailed([("to", _("name the officer who takes them, or --take-back"))])
        source = _device(c, args.source, "from", revoked_too=True)
        target = None if args.take_back else _device(c, args.target, "to", revoked_too=False)
        result = c.handover.hand_over(source, target)
        pdf = None
        if args.pdf:
            pdf = ReportsService(c).handover(result, ReportOptions(out=Path(args.pdf))).path
    text = _("{n} families moved from {source} to {target}.").format(
        n=len(result.families),
        source=result.from_name,
        target=result.to_name or _("nobody (taken back)"),
    )
    if pdf is not None:
        text += " " + _("Handover summary: {path}").format(path=pdf)
    ctx.emit({**asdict(result), "pdf": str(pdf) if pdf else None}, text)
    return EXIT_OK
