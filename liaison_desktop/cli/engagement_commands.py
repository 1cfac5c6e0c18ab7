"""`activity …`, `engagement …` and `assets`: family engagement and the community asset map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain import engagement as eng
from ..errors import EXIT_OK, UsageError
from ..i18n import _, ngettext
from ..services.activities_service import ActivitiesService, RegisterRow
from ..services.asset_map_service import Asset, AssetMap, connections_text
from ..services.caseload import Caseload
from ..services.engagement_summary_service import EngagementSummary
from ..services.reports_service import ReportsService
from ..services.validation import ValidationFailed
from . import report_commands
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the activity, engagement and assets commands to the parser."""
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

    engagement = sub.add_parser("engagement", help=_("a family's engagement; the lead's summary"))
    esub: SubParsers = engagement.add_subparsers(dest="engagement_command", metavar="ACTION")
    esub.required = True
    p = esub.add_parser("show", help=_("a family's engagement"))
    p.add_argument("family_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_engagement_show)

    p = esub.add_parser("set", help=_("set a family's engagement profile fields"))
    p.add_argument("family_id")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_engagement_set)

    p = esub.add_parser("summary", help=_("families engaged per term, attendance, partnerships"))
    p.add_argument("--term", help=_("a term such as 2026-autumn (default: this term)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_engagement_summary)

    p = esub.add_parser("report", help=_("the engagement summary as a PDF with charts"))
    p.add_argument("--term", help=_("a term such as 2026-autumn (default: this term)"))
    # The same --out, --password-file and sharing options as every `liaison report`.
    report_commands._output(p)
    p.set_defaults(handler=cmd_engagement_report)

    p = sub.add_parser("assets", help=_("the community asset map, with support nobody offers"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_assets)


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


# -- engagement ----------------------------------------------------------------------------------
def cmd_engagement_show(ctx: CommandContext) -> int:
    """A family's engagement: profile, activities, volunteering, engaged terms."""
    with ctx.open_vault() as vault:
        view = Caseload(vault).engagement.for_family(ctx.args.family_id)
    data = {
        "family_id": view.family_id,
        "profile": dict(view.profile) if view.profile else None,
        "person_profiles": [dict(p) for p in view.person_profiles],
        "agreement_signed_on": view.agreement_signed_on,
        "activities": [
            {
                "activity_id": s.activity_id,
                "title": s.title,
                "kind": s.kind,
                "kind_label": s.kind_label,
                "invited_on": s.invited_on,
                "sessions_marked": s.sessions_marked,
                "sessions_attended": s.sessions_attended,
                "last_attended": s.last_attended,
            }
            for s in view.activities
        ],
        "volunteering": [dict(r) for r in view.volunteering],
        "engaged_terms": [t.key for t in view.engaged_terms],
    }
    lines = []
    profile: Mapping[str, Any] = view.profile or {}
    if profile.get("preferred_channel"):
        lines.append(
            _("Prefers: {channel}").format(
                channel=eng.channel_label(str(profile["preferred_channel"]))
            )
        )
    for key, label in (
        ("preferred_language", _("Language: {value}")),
        ("best_time", _("Best time: {value}")),
    ):
        if profile.get(key):
            lines.append(label.format(value=profile[key]))
    lines.append(
        _("Home-school agreement signed: {day}").format(day=view.agreement_signed_on)
        if view.agreement_signed_on
        else _("Home-school agreement: not recorded")
    )
    for s in view.activities:
        invited = (
            _("invited {day}").format(day=s.invited_on)
            if s.invited_on
            else _("came without an invitation")
        )
        lines.append(
            ngettext(
                "{title} ({kind}): {invited}, came to {came} of {marked} session marked",
                "{title} ({kind}): {invited}, came to {came} of {marked} sessions marked",
                s.sessions_marked,
            ).format(
                title=s.title,
                kind=s.kind_label,
                invited=invited,
                came=s.sessions_attended,
                marked=s.sessions_marked,
            )
        )
    for r in view.volunteering:
        until = _(" until {day}").format(day=r["ended_on"]) if r.get("ended_on") else ""
        lines.append(
            _("Volunteers: {role} from {start}{until}").format(
                role=r["role"], start=r["started_on"], until=until
            )
        )
    lines.append(
        _("Engaged in: {terms}").format(
            terms=", ".join(t.label for t in view.engaged_terms) or _("no term yet")
        )
    )
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def cmd_engagement_set(ctx: CommandContext) -> int:
    """Set profile fields (preferred_channel, preferred_language, best_time, …)."""
    values: dict[str, Any] = {}
    for item in ctx.args.assignments:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(
                _("Write each change as FIELD=VALUE (got '{item}').").format(item=item)
            )
        values[name.strip()] = value
    with ctx.open_vault() as vault:
        profile = Caseload(vault).engagement.set_profile(ctx.args.family_id, values)
    ctx.emit(dict(profile), _("Engagement profile saved."))
    return EXIT_OK


def cmd_engagement_summary(ctx: CommandContext) -> int:
    """The lead's engagement summary for a term."""
    term = _term(ctx.args.term)
    with ctx.open_vault() as vault:
        summary = Caseload(vault).engagement_summary.summary(term)
    data = summary_json(summary)
    lines = [_("Engagement summary, {term}").format(term=summary.term.label)]
    for t in summary.terms:
        lines.append(
            ngettext(
                "  {term}: {n} family engaged", "  {term}: {n} families engaged", t.engaged
            ).format(term=t.term.label, n=t.engaged)
        )
    for a in summary.activities:
        lines.append(
            _("  {title}: {came} came of {invited} invited").format(
                title=a.title, came=a.attended, invited=a.invited
            )
        )
    for p in summary.partnerships:
        lines.append(_("  New partnership: {org}").format(org=p.organisation))
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def cmd_engagement_report(ctx: CommandContext) -> int:
    """Write the engagement summary PDF."""
    term = _term(ctx.args.term)
    options = report_commands._options(ctx.args)
    with ctx.open_vault() as vault:
        result = ReportsService(Caseload(vault)).engagement_summary(options, term=term)
    return report_commands._emit(ctx, result, _("Engagement summary"))


def _term(key: str | None) -> eng.Term | None:
    if not key:
        return None
    try:
        return eng.term_by_key(key)
    except ValueError:
        raise ValidationFailed(
            [("term", _("write a term as YEAR-autumn, YEAR-spring or YEAR-summer"))]
        ) from None


def summary_json(summary: EngagementSummary) -> dict[str, Any]:
    """The engagement summary as plain JSON values."""
    return {
        "term": summary.term.key,
        "term_label": summary.term.label,
        "families": summary.families,
        "terms": [
            {
                "term": t.term.key,
                "label": t.term.label,
                "start": t.term.start.isoformat(),
                "end": t.term.end.isoformat(),
                "engaged": t.engaged,
                "attended": t.attended,
                "volunteered": t.volunteered,
                "signed_agreement": t.signed_agreement,
            }
            for t in summary.terms
        ],
        "activities": [
            {
                "activity_id": a.activity_id,
                "title": a.title,
                "kind": a.kind,
                "sessions": a.sessions,
                "invited": a.invited,
                "attended": a.attended,
                "invited_attended": a.invited_attended,
                "walk_ins": a.walk_ins,
                "attendances": a.attendances,
            }
            for a in summary.activities
        ],
        "kinds": [
            {
                "kind": k.kind,
                "label": k.label,
                "activities": k.activities,
                "invited": k.invited,
                "attended": k.attended,
            }
            for k in summary.kinds
        ],
        "partnerships": [
            {
                "contact_id": p.contact_id,
                "organisation": p.organisation,
                "layer": p.layer,
                "added_on": p.added_on.isoformat() if p.added_on else None,
                "first_connected_on": (
                    p.first_connected_on.isoformat() if p.first_connected_on else None
                ),
                "how": p.how or None,
            }
            for p in summary.partnerships
        ],
    }


# -- the asset map -------------------------------------------------------------------------------
def cmd_assets(ctx: CommandContext) -> int:
    """The community asset map by layer and kind, with support nobody offers yet."""
    with ctx.open_vault() as vault:
        asset_map = Caseload(vault).asset_map.build()
    data = assets_json(asset_map)
    lines = [
        ngettext(
            "{n} organisation in your school community; {connected} of them connected to "
            "families on this caseload.",
            "{n} organisations in your school community; {connected} of them connected to "
            "families on this caseload.",
            asset_map.organisations,
        ).format(n=asset_map.organisations, connected=asset_map.connected)
    ]
    for layer in asset_map.layers:
        lines.append(_("Layer {n}: {label}").format(n=layer.layer, label=layer.label))
        for group in layer.kinds:
            for a in group.assets:
                lines.append(
                    _("  {org} ({kind}) · {connected}").format(
                        org=a.organisation,
                        kind=a.kind_label,
                        connected=connections_text(a.connections),
                    )
                )
                if a.offers:
                    lines.append(_("      offers: {offers}").format(offers=a.offers_text))
    gaps = ", ".join(c.label for c in asset_map.gaps)
    lines.append(_("No local organisation yet for: {kinds}").format(kinds=gaps or _("none")))
    if asset_map.partnerships_to_build:
        lines.append(_("Partnerships you could build:"))
        for need in asset_map.partnerships_to_build:
            lines.append(
                ngettext(
                    "  {label} — {n} family needs it",
                    "  {label} — {n} families need it",
                    need.families_needing,
                ).format(label=need.label, n=need.families_needing)
            )
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def _organisation_json(a: Asset) -> dict[str, Any]:
    return {
        "organisation": a.organisation,
        "kind": a.kind,
        "layer": a.layer,
        "offers": list(a.offers),
        "supports": list(a.supports),
        "referrals": a.connections.referrals,
        "referred_families": a.connections.referred_families,
        "team_families": a.connections.team_families,
        "activities": a.connections.activities,
        "activity_families": a.connections.activity_families,
        "contacts": [
            {"contact_id": cid, "name": name or None}
            for cid, name in zip(a.contact_ids, a.contact_names, strict=True)
        ],
    }


def assets_json(asset_map: AssetMap) -> dict[str, Any]:
    """The asset map as plain JSON values (the shape `liaison assets --json` prints).

    `organisations` and `connected` count organisations (contacts of one organisation are one
    entry). `layers[].kinds[].organisations[]`: `organisation` (a contact with no organisation:
    the contact's name), `kind`, `layer`, `offers` (a list, each offer once), `supports`
    (support-kind keys), `referrals`, and distinct families `referred_families`,
    `team_families`, `activities`, `activity_families`, then `contacts` ({`contact_id`,
    `name`}). `support[]`: `key`, `label`, `providers` (organisation names), `provider_contacts`
    (the contact ids of each provider, in the same order), `families_needing`, `gap`. `gaps` and
    `partnerships_to_build` are support-kind keys.
    """
    return {
        "organisations": asset_map.organisations,
        "connected": asset_map.connected,
        "layers": [
            {
                "layer": layer.layer,
                "label": layer.label,
                "kinds": [
                    {
                        "kind": g.kind,
                        "label": g.label,
                        "organisations": [_organisation_json(a) for a in g.assets],
                    }
                    for g in layer.kinds
                ],
            }
            for layer in asset_map.layers
        ],
        "support": [
            {
                "key": c.key,
                "label": c.label,
                "providers": [p.organisation for p in c.providers],
                "provider_contacts": [list(p.contact_ids) for p in c.providers],
                "families_needing": c.families_needing,
                "gap": c.gap,
            }
            for c in asset_map.coverage
        ],
        "gaps": [c.key for c in asset_map.gaps],
        "partnerships_to_build": [c.key for c in asset_map.partnerships_to_build],
    }
