"""`engagement …` and `assets`: family engagement, the summary and the community asset map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain import engagement as eng
from ..errors import EXIT_OK, UsageError
from ..i18n import _, ngettext
from ..services.asset_map_service import Asset, AssetMap, connections_text
from ..services.caseload import Caseload
from ..services.engagement_summary_service import EngagementSummary
from ..services.reports_service import ReportsService
from ..services.validation import ValidationFailed
from . import report_commands
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the engagement and assets commands to the parser."""
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
