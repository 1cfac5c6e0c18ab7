"""`activity …`: school activities, the families invited to them, and who came."""

from __future__ import annotations

from typing import Any

from ..domain import engagement as eng
from ..errors import EXIT_OK, UsageError
from ..i18n import _, ngettext
from ..services.activities_service import ActivitiesService, RegisterRow
from ..services.caseload import Caseload
from ..services.validation import ValidationFailed
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the activity commands to the parser."""
    activity = sub.add_parser("activity", help=_("school activities, invitations and attendance"))
    asub: SubParsers = activity.add_subparsers(dest="activity_command", metavar="ACTION")
    asub.required = True

    p = asub.add_parser("add", help=_("create an activity with its sessions"))
    p.add_argument("title")
    # Validated by the service, so a wrong kind is "input rejected" (exit 3), not usage.
    p.add_argument("--kind", required=True, help=_("a kind from 'activity kinds'"))
    p.add_argument(
        "--session", action="append", default=[], metavar="DATE", help=_("a session day")
    )
    p.add_argument("--time", help=_("the sessions' start time, HH:MM"))
    p.add_argument("--venue")
    p.add_argument("--org", dest="contact_id", help=_("the partner organisation running it"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_activity_add)

    p = asub.add_parser("list", help=_("every activity with its sessions and invitations"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_activity_list)

    p = asub.add_parser("kinds", help=_("the kinds of activity"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_activity_kinds)

    p = asub.add_parser("add-kind", help=_("(lead) add a kind of activity"))
    p.add_argument("label")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_activity_add_kind)

    p = asub.add_parser("invite", help=_("invite families to an activity"))
    p.add_argument("activity_id")
    p.add_argument("family_ids", nargs="+", metavar="FAMILY_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_activity_invite)

    p = asub.add_parser("attend", help=_("mark families as came (or not) to a session"))
    p.add_argument("activity_id")
    p.add_argument("family_ids", nargs="+", metavar="FAMILY_ID")
    p.add_argument("--date", help=_("the session's day (needed when it has several)"))
    group = p.add_mutually_exclusive_group()
    group.add_argument("--did-not-attend", action="store_true", help=_("mark as did not come"))
    group.add_argument("--clear", action="store_true", help=_("remove the mark"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_activity_attend)

    p = asub.add_parser("register", help=_("the families expected at a session and their marks"))
    p.add_argument("activity_id")
    p.add_argument("--date", help=_("the session's day (needed when it has several)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_activity_register)


# -- activities ----------------------------------------------------------------------------------
def cmd_activity_add(ctx: CommandContext) -> int:
    """Create an activity and its sessions; bad values change nothing (exit 3)."""
    a = ctx.args
    extra = {k: getattr(a, k) for k in ("venue", "contact_id") if getattr(a, k)}
    with ctx.open_vault() as vault:
        acts = Caseload(vault).activities
        activity = acts.add(a.title, a.kind, sessions=a.session, time=a.time, **extra)
        data = _activity_json(acts, activity.id)
    ctx.emit(
        data,
        ngettext(
            "Activity {id} created: {title}, {n} session.",
            "Activity {id} created: {title}, {n} sessions.",
            len(data["sessions"]),
        ).format(id=activity.id, title=data["title"], n=len(data["sessions"])),
    )
    return EXIT_OK


def cmd_activity_list(ctx: CommandContext) -> int:
    """Every activity."""
    with ctx.open_vault() as vault:
        acts = Caseload(vault).activities
        data = [_activity_json(acts, a.id) for a in acts.all()]
    lines = [
        _("{id}  {title} ({kind}) · {sessions} · {invited} invited").format(
            id=d["id"],
            title=d["title"],
            kind=d["kind_label"],
            sessions=ngettext("{n} session", "{n} sessions", len(d["sessions"])).format(
                n=len(d["sessions"])
            ),
            invited=d["invited"],
        )
        for d in data
    ]
    ctx.emit(data, "\n".join(lines) if lines else _("No activities yet."))
    return EXIT_OK


def cmd_activity_kinds(ctx: CommandContext) -> int:
    """The kinds of activity."""
    with ctx.open_vault() as vault:
        kinds = Caseload(vault).activities.kinds.kinds()
    data = [{"key": k.key, "label": k.label, "configured": k.configured} for k in kinds]
    ctx.emit(data, "\n".join(f"{k.key}  {k.label}" for k in kinds))
    return EXIT_OK


def cmd_activity_add_kind(ctx: CommandContext) -> int:
    """(Lead) add a kind of activity."""
    with ctx.open_vault() as vault:
        kind = Caseload(vault).activities.kinds.add(ctx.args.label)
    ctx.emit(
        {"key": kind.key, "label": kind.label, "configured": kind.configured},
        _("Kind of activity {key}: {label}.").format(key=kind.key, label=kind.label),
    )
    return EXIT_OK


def cmd_activity_invite(ctx: CommandContext) -> int:
    """Invite families; one unknown family means nobody is invited (exit 3)."""
    with ctx.open_vault() as vault:
        acts = Caseload(vault).activities
        invited = acts.invite(ctx.args.activity_id, ctx.args.family_ids)
    data = [dict(r) for r in invited]
    ctx.emit(
        data,
        ngettext("{n} family invited.", "{n} families invited.", len(data)).format(n=len(data)),
    )
    return EXIT_OK


def cmd_activity_attend(ctx: CommandContext) -> int:
    """Mark (or clear) several families at one session, all or nothing."""
    a = ctx.args
    mark = "did_not_attend" if a.did_not_attend else "attended"
    with ctx.open_vault() as vault:
        acts = Caseload(vault).activities
        session = _session(acts, a.activity_id, a.date)
        rows: list[RegisterRow | None] = []
        with vault.transaction():
            for family_id in a.family_ids:
                if a.clear:
                    rows.append(acts.unmark(session, family_id))
                else:
                    rows.append(acts.mark(session, family_id, mark))
        register = acts.register(session)
    data = {
        "session_id": session,
        "date": register.session["date"],
        "marked": [_row_json(r) for r in rows if r is not None],
        "invited": register.invited,
        "attended": register.attended,
    }
    text = _("{date}: {came} came of {invited} invited.").format(
        date=data["date"], came=register.attended, invited=register.invited
    )
    ctx.emit(data, text)
    return EXIT_OK


def cmd_activity_register(ctx: CommandContext) -> int:
    """The door list for a session."""
    a = ctx.args
    with ctx.open_vault() as vault:
        acts = Caseload(vault).activities
        register = acts.register(_session(acts, a.activity_id, a.date))
    data = {
        "activity_id": register.activity.id,
        "title": register.activity["title"],
        "session_id": register.session.id,
        "date": register.session["date"],
        "rows": [_row_json(r) for r in register.rows],
    }
    lines = [f"{register.activity['title']} — {register.session['date']}"]
    for r in register.rows:
        mark = eng.mark_label(r.mark) if r.mark else _("not marked")
        walk = _(" (without an invitation)") if r.walk_in else ""
        lines.append(f"  {r.family_name}{walk}: {mark}  [{r.family_id}]")
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def _session(acts: ActivitiesService, activity_id: str, day: str | None) -> str:
    sessions = acts.sessions_of(acts.get(activity_id).id)
    if day is not None:
        sessions = [s for s in sessions if s["date"] == day.strip()]
    if len(sessions) == 1:
        return sessions[0].id
    if not sessions:
        raise ValidationFailed([("date", _("the activity has no session on that day"))])
    raise UsageError(_("The activity has several sessions; choose one with --date YYYY-MM-DD."))


def _activity_json(acts: ActivitiesService, activity_id: str) -> dict[str, Any]:
    activity = acts.get(activity_id)
    return {
        **dict(activity),
        "kind_label": acts.kind_label(activity),
        "sessions": [
            {"id": s.id, "date": s["date"], "time": s.get("time")}
            for s in acts.sessions_of(activity_id)
        ],
        "invited": len(acts.invitations_of(activity_id)),
    }


def _row_json(r: RegisterRow) -> dict[str, Any]:
    return {
        "family_id": r.family_id,
        "family_name": r.family_name,
        "invited": r.invited,
        "walk_in": r.walk_in,
        "mark": r.mark,
        "people": list(r.people),
    }
