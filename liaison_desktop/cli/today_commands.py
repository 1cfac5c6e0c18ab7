"""`liaison today`: what needs attention today, as the Today screen shows it."""

from __future__ import annotations

from dataclasses import asdict

from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.today_service import TodayItem, TodaySnapshot, day_words, gather_today
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the today command to the parser."""
    p = sub.add_parser("today", help=_("what needs attention today (as the Today screen)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_today)


def groups(snap: TodaySnapshot) -> list[tuple[str, str, list[TodayItem]]]:
    """(key, heading, lines) in the Today screen's order; the lead's concerns only for a lead."""
    found = [
        (
            "overdue_visits",
            _("Lone working: visits past their expected end"),
            snap.overdue_visits,
        ),
        ("visits_today", _("Visits today"), snap.visits_today),
        ("visits_week", _("Visits this week"), snap.visits_week),
        ("overdue_actions", _("Overdue actions"), snap.overdue_actions),
        ("referrals_waiting", _("Referrals waiting for a reply"), snap.referrals_waiting),
        ("consents_expiring", _("Consents expiring in the next 30 days"), snap.consents_expiring),
        ("low_attendance", _("Pupils below 90% attendance"), snap.low_attendance),
    ]
    if snap.is_lead:
        found.insert(
            0, ("urgent_concerns", _("URGENT: concerns waiting for you"), snap.urgent_concerns)
        )
    return found


def cmd_today(ctx: CommandContext) -> int:
    """Print today's visits, actions and alerts (every line names its family)."""
    with ctx.open_vault() as vault:
        snap = gather_today(Caseload(vault))
    lines = [_("Today is {day}.").format(day=day_words(snap.day))]
    for _key, heading, items in groups(snap):
        lines.append("")
        lines.append(f"{heading} ({len(items)})")
        lines.extend(f"  {item.text}" for item in items)
        if not items:
            lines.append("  " + _("nothing"))
    lines.append("")
    lines.append(
        _("Last sync: {when}").format(when=snap.last_sync)
        if snap.last_sync
        else _("Not synced yet")
    )
    data = {
        "day": snap.day,
        "last_sync": snap.last_sync,
        **{key: [asdict(item) for item in items] for key, _heading, items in groups(snap)},
    }
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK
