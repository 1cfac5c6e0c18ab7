"""How far ahead of this device's clock an incoming stamp may be (issue 15, part 3).

A device whose clock runs a few hours fast still syncs (and is named in the history); a stamp
more than the allowed skew ahead (24 hours unless this vault says otherwise) is refused with
its whole bundle: accepted, it would win every later edit and could push the clock to the end
of its range. The setting binds only the device whose vault holds it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..i18n import _
from ..store.database import Connection
from ..store.hlc import HOUR_MS, parse_stamp
from ..store.record_tables import Op
from .peers import Peer
from .refusal import OpRefused

SETTING_KEY = "setting.max_clock_skew_hours"
DEFAULT_HOURS = 24
HOURS_RANGE = (1, 720)


def max_skew_hours(conn: Connection) -> int:
    """The skew this vault allows (the default when unset or unreadable)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (SETTING_KEY,)).fetchone()
    try:
        hours = int(str(row[0])) if row is not None else DEFAULT_HOURS
    except ValueError:
        return DEFAULT_HOURS
    low, high = HOURS_RANGE
    return hours if low <= hours <= high else DEFAULT_HOURS


def check_stamps(peer: Peer, ops: tuple[Op, ...], now_ms: int, hours: int) -> None:
    """Refuse the bundle when any stamp is more than `hours` ahead of `now_ms`."""
    limit = now_ms + hours * HOUR_MS
    worst = max((parse_stamp(op.hlc)[0] for op in ops), default=0)
    if worst <= limit:
        return
    ahead = (worst - now_ms) // HOUR_MS
    try:
        when = datetime.fromtimestamp(worst / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        when = _("a date beyond any calendar")
    raise OpRefused(
        peer.device_id,
        peer.name,
        _(
            "it holds a change stamped {when}, {ahead} hours ahead of this device's clock "
            "(more than the {hours} hours allowed). Check the date and time on both devices."
        ).format(when=when, ahead=ahead, hours=hours),
    )
