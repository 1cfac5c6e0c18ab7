"""`liaison visit …` and `liaison action …`: the officer's week from a script — plan visits,
check in and out, record how a visit ended (no access above all), and agree and complete
actions."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

from ..domain import vocabulary as v
from ..domain.record import Record
from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.time_summary import time_summary
from ..services.validation import ValidationFailed
from ..services.visit_notes import visit_outcome_words
from ..services.visits_service import TimeSpent
from .context import CommandContext, SubParsers, parse_day


def register(sub: SubParsers) -> None:
    """Add the visit and action commands to the parser."""
    _register_visit(sub)
    _register_action(sub)


def _register_visit(sub: SubParsers) -> None:
    visit = sub.add_parser("visit", help=_("plan visits, check in and out, record outcomes"))
    vsub: SubParsers = visit.add_subparsers(dest="visit_command", metavar="ACTION")
    vsub.required = True
    p = vsub.add_parser("plan", help=_("plan a visit"))
    p.add_argument("family_id")
    p.add_argument("--date", required=True, help=_("the day, YYYY-MM-DD"))
    p.add_argument("--time", help=_("the time, HH:MM"))
    p.add_argument("--purpose", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_visit_plan)

    p = vsub.add_parser("list", help=_("visits from one day to another (default: this week)"))
    p.add_argument("--family", dest="family_id", help=_("only this family's visits"))
    p.add_argument("--from", dest="start", help=_("first day, YYYY-MM-DD (default today)"))
    p.add_argument("--to", dest="end", help=_("last day, YYYY-MM-DD (default six days on)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_visit_list)

    p = vsub.add_parser(
        "time", help=_("time and mileage per officer for a period (default: this term)")
    )
    p.add_argument("--from", dest="start", help=_("first day, YYYY-MM-DD"))
    p.add_argument("--to", dest="end", help=_("last day, YYYY-MM-DD"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_visit_time)

    p = vsub.add_parser("check-in", help=_("arrive at a visit (lone working)"))
    p.add_argument("visit_id")
    p.add_argument(
        "--minutes", type=int, default=60, help=_("when you expect to leave, in minutes from now")
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_visit_check_in)

    outcome_help = _("one of: {choices}").format(choices=", ".join(v.VISIT_OUTCOMES))
    for name, helptext in (
        ("outcome", _("say how a visit ended (checks you out if you were checked in)")),
        ("check-out", _("leave a visit, saying how it ended (default: completed)")),
    ):
        p = vsub.add_parser(name, help=helptext)
        p.add_argument("visit_id")
        p.add_argument(
            "--outcome",
            required=name == "outcome",
            default="completed",
            help=outcome_help,
        )
        p.add_argument(
            "--done",
            default="",
            help=_("no access: what you did, comma-separated, from: {steps}").format(
                steps=", ".join(v.NO_ACCESS_STEPS)
            ),
        )
        p.add_argument("--note", default="", help=_("what happened, in a line"))
        p.add_argument(
            "--by",
            help=_("cancelled: who cancelled, one of: {by}").format(by=", ".join(v.CANCELLED_BY)),
        )
        p.add_argument("--new-date", help=_("rescheduled: the new day, YYYY-MM-DD"))
        p.add_argument("--new-time", help=_("rescheduled: the new time, HH:MM"))
        p.add_argument("--minutes", type=int, help=_("minutes with the family"))
        p.add_argument("--travel", type=int, help=_("minutes travelling"))
        p.add_argument("--miles", type=int, help=_("miles driven"))
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=cmd_visit_outcome, checking_out=name == "check-out")


def _register_action(sub: SubParsers) -> None:
    action = sub.add_parser("action", help=_("agree, list and complete actions"))
    asub: SubParsers = action.add_subparsers(dest="action_command", metavar="ACTION")
    asub.required = True
    p = asub.add_parser("add", help=_("agree an action for a family"))
    p.add_argument("family_id")
    p.add_argument("title")
    p.add_argument("--owner", help=_("who does it (default: you)"))
    p.add_argument("--due", help=_("by when, YYYY-MM-DD"))
    p.add_argument(
        "--from", dest="source_id", help=_("the visit, note, concern or goal it came from")
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_action_add)

    p = asub.add_parser("list", help=_("your open actions, or a family's (--family)"))
    p.add_argument("--family", dest="family_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_action_list)

    p = asub.add_parser("done", help=_("mark an action done"))
    p.add_argument("action_id")
    p.add_argument("--outcome", default="", help=_("what came of it"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_action_done)


# -- visits ---------------------------------------------------------------------------------
def _visit_line(c: Caseload, visit: Record) -> str:
    family = c.families.get(str(visit["family_id"]))
    return _("{id}  {day} {time}  {family}: {status}{more}").format(
        id=visit.id[:8],
        day=visit.get("date"),
        time=visit.get("time") or "     ",
        family=family.get("name"),
        status=v.label(str(visit.get("status"))),
        more=visit_outcome_words(visit),
    )


def cmd_visit_plan(ctx: CommandContext) -> int:
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        visit = c.visits.plan(
            args.family_id, parse_day(args.date, "date"), purpose=args.purpose, time=args.time
        )
        ctx.emit(
            {"visit": dict(visit), "id": visit.id}, _("Visit {id} planned.").format(id=visit.id)
        )
    return EXIT_OK


def cmd_visit_list(ctx: CommandContext) -> int:
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        start = parse_day(args.start, "from") or c.ctx.today()
        end = parse_day(args.end, "to") or start + timedelta(days=6)
        visits = [
            r
            for r in c.visits.between(start, end)
            if args.family_id is None or r["family_id"] == args.family_id
        ]
        lines = [_visit_line(c, r) for r in visits] or [_("No visits.")]
        ctx.emit({"visits": [{"id": r.id, **r} for r in visits]}, "\n".join(lines))
    return EXIT_OK


def cmd_visit_time(ctx: CommandContext) -> int:
    """Each officer's visits, minutes, travel, miles and casework minutes for the period."""
    args = ctx.args
    with ctx.open_vault() as vault:
        summary = time_summary(
            Caseload(vault).ctx, parse_day(args.start, "from"), parse_day(args.end, "to")
        )
    lines = [_("{start} to {end}").format(start=summary.start, end=summary.end)]
    for row in (*summary.officers, summary.total()):
        lines.append(
            _(
                "{officer}: {visits} visits ({no_access} no access), {minutes} min with "
                "families, {travel} min travelling, {miles} miles, {casework} min casework"
            ).format(
                officer=row.officer or _("All officers"),
                visits=row.visits,
                no_access=row.outcomes.get("no_access", 0),
                minutes=row.minutes,
                travel=row.travel_minutes,
                miles=row.miles,
                casework=row.casework_minutes,
            )
        )
    data = {
        "from": summary.start.isoformat(),
        "to": summary.end.isoformat(),
        "officers": [asdict(row) for row in summary.officers],
    }
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def cmd_visit_check_in(ctx: CommandContext) -> int:
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        until = datetime.now(UTC) + timedelta(minutes=args.minutes)
        visit = c.visits.check_in(_visit_id(c, args.visit_id), until)
        ctx.emit(
            {"visit": dict(visit), "id": visit.id},
            _("Checked in; expected back by {when}.").format(
                when=until.astimezone().strftime("%H:%M")
            ),
        )
    return EXIT_OK


def cmd_visit_outcome(ctx: CommandContext) -> int:
    """Record how a visit ended; refused values change nothing (exit 3)."""
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        visit_id = _visit_id(c, args.visit_id)
        outcome = {
            "steps": [s.strip() for s in args.done.split(",") if s.strip()],
            "note": args.note,
            "cancelled_by": args.by,
            "new_date": parse_day(args.new_date, "new-date"),
            "new_time": args.new_time,
            "time": TimeSpent(args.minutes, args.travel, args.miles),
        }
        if args.checking_out:
            visit = c.visits.check_out(visit_id, status=args.outcome, **outcome)
        else:
            visit = c.visits.record_outcome(visit_id, args.outcome, **outcome)
        ctx.emit({"visit": dict(visit), "id": visit.id}, _visit_line(c, visit))
    return EXIT_OK


def _visit_id(c: Caseload, given: str) -> str:
    """A visit's id from its full id or the first characters `visit list` shows."""
    if c.visits.find(given) is not None:
        return given
    matches = c.visits.query("id LIKE ?", (given.replace("%", "") + "%",))
    if len(matches) != 1:
        raise ValidationFailed(
            [("visit_id", _("no single visit has an id starting '{id}'").format(id=given))]
        )
    return matches[0].id


# -- actions --------------------------------------------------------------------------------
def _action_line(c: Caseload, action: Record, today: date) -> str:
    family = c.families.get(str(action["family_id"]))
    state = (
        _("done {day}").format(day=action.get("done_at"))
        if action.get("done")
        else (_("OVERDUE") if action.get("due") and str(action["due"]) < today.isoformat() else "")
    )
    return "  ".join(
        part
        for part in (
            action.id[:8],
            str(action.get("due") or _("no date")),
            f"{family.get('name')}: {action.get('title')}",
            f"({action.get('owner') or _('nobody')})",
            state,
        )
        if part
    )


def cmd_action_add(ctx: CommandContext) -> int:
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        source = _source(c, args.source_id) if args.source_id else None
        action = c.actions.add(
            args.family_id,
            args.title,
            owner=args.owner,
            due=parse_day(args.due, "due"),
            source=source,
        )
        ctx.emit(
            {"action": dict(action), "id": action.id},
            _("Action {id} agreed.").format(id=action.id),
        )
    return EXIT_OK


def _source(c: Caseload, record_id: str) -> Record:
    """The visit, note, concern or plan goal an action comes from."""
    for kind in v.ACTION_SOURCES:
        service = c.service_for(kind)
        found = service.find(record_id) if service is not None else None
        if found is not None:
            return found
    raise ValidationFailed(
        [("from", _("no visit, note, concern or goal with id '{id}'").format(id=record_id))]
    )


def cmd_action_list(ctx: CommandContext) -> int:
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        actions = c.actions.for_family(args.family_id) if args.family_id else c.actions.mine()
        today = c.ctx.today()
        lines = [_action_line(c, a, today) for a in actions] or [_("No actions.")]
        ctx.emit({"actions": [{"id": a.id, **a} for a in actions]}, "\n".join(lines))
    return EXIT_OK


def cmd_action_done(ctx: CommandContext) -> int:
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        action = c.actions.complete(args.action_id, args.outcome)
        ctx.emit(
            {"action": dict(action), "id": action.id},
            _action_line(c, action, c.ctx.today()),
        )
    return EXIT_OK
