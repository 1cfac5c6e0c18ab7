"""`liaison audit FAMILY_ID` and `liaison audit --access`: who viewed, changed or exported a
family's records (on a lead's vault, its officers' devices too, once they have synced), and the
data protection officer's access report. Events hold no case content."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.validation import ValidationFailed
from .context import CommandContext, SubParsers, parse_day


def register(sub: SubParsers) -> None:
    """Add the audit command to the parser."""
    p = sub.add_parser(
        "audit",
        help=_("who viewed, changed or exported a family's records; the access report"),
    )
    p.add_argument("family_id", nargs="?", help=_("the family (or --access for every family)"))
    p.add_argument("--child", dest="person_id", help=_("only what concerns this child"))
    p.add_argument(
        "--access", action="store_true", help=_("the access report: views and exports per person")
    )
    p.add_argument("--from", dest="start", help=_("first day, YYYY-MM-DD (default 30 days ago)"))
    p.add_argument("--to", dest="end", help=_("last day, YYYY-MM-DD (default today)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit)


def cmd_audit(ctx: CommandContext) -> int:
    """Print a family's (or child's) trail, or the access report."""
    args = ctx.args
    if args.access:
        return _access_report(ctx)
    if not args.family_id:
        raise ValidationFailed([("family_id", _("name a family, or ask for --access"))])
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        c.families.get(args.family_id)  # an unknown family is refused, not an empty trail
        if args.person_id is not None and c.people.get(args.person_id)["family_id"] != (
            args.family_id
        ):
            raise ValidationFailed([("child", _("is not a member of that family"))])
        entries = c.audit.trail(args.family_id, person_id=args.person_id)
    rows = [entry.as_dict() for entry in entries]
    lines = [
        _("{at}  {actor} ({device}) {action} {kind}{detail}").format(
            at=e.at,
            actor=e.actor or _("someone"),
            device=e.device_name,
            action=e.action_words,
            kind=e.kind or "",
            detail=f" — {e.detail}" if e.detail else "",
        )
        for e in entries
    ] or [_("Nothing is recorded about this family.")]
    ctx.emit({"family_id": args.family_id, "events": rows}, "\n".join(lines))
    return EXIT_OK


def _access_report(ctx: CommandContext) -> int:
    args = ctx.args
    end = parse_day(args.end, "to") or date.today()
    start = parse_day(args.start, "from") or end - timedelta(days=30)
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        report = c.audit.access_report(start.isoformat(), end.isoformat())
        labels = c.families.distinguishing_labels({line.family_id for line in report})
    rows = [{**asdict(line), "family": labels.get(line.family_id, "")} for line in report]
    lines = [
        _("{actor} ({device}): {family} — viewed {views}, exported {exports}").format(
            actor=r["actor"] or _("someone"),
            device=r["device_name"],
            family=r["family"] or r["family_id"],
            views=r["views"],
            exports=r["exports"],
        )
        for r in rows
    ] or [_("No family was viewed or exported in this period.")]
    ctx.emit(
        {"from": start.isoformat(), "to": end.isoformat(), "access": rows},
        "\n".join([_("Access from {start} to {end}:").format(start=start, end=end), *lines]),
    )
    return EXIT_OK
