"""`liaison today`: what needs attention today, as the Today screen shows it."""

from __future__ import annotations

from dataclasses import asdict

from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.today_service import day_words, gather_today
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the today command to the parser."""
    p = sub.add_parser("today", help=_("what needs attention today (as the Today screen)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_today)


def cmd_today(ctx: CommandContext) -> int:
    """Print today's visits, actions and alerts (every line names its family)."""
    with ctx.open_vault() as vault:
        snap = gather_today(Caseload(vault))
    lines = [_("Today is {day}.").format(day=day_words(snap.day))]
    for group, items in snap.groups():
        lines.append("")
        lines.append(f"{group.heading} ({len(items)})")
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
        **{group.key: [asdict(item) for item in items] for group, items in snap.groups()},
    }
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK
