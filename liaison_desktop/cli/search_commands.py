"""`search QUERY`: full-text search across families, people, notes, referrals and contacts."""

from __future__ import annotations

from ..errors import EXIT_OK, UsageError
from ..i18n import _
from ..services.caseload import Caseload
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the search command to the parser."""
    p = sub.add_parser(
        "search", help=_("full-text search across families, people, notes, referrals, contacts")
    )
    p.add_argument("query", help=_("words to find; the last may be the start of a word"))
    p.add_argument("--limit", type=int, default=20, help=_("at most this many hits (default 20)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)


def cmd_search(ctx: CommandContext) -> int:
    """Print the best hits: kind, title, snippet and family id (`--json`: DESIGN §7 shape)."""
    if not 1 <= ctx.args.limit <= 1000:
        raise UsageError(_("--limit must be between 1 and 1000."))
    with ctx.open_vault() as vault:
        hits = Caseload(vault).search.search(ctx.args.query, limit=ctx.args.limit)
    rows = [
        {"family_id": h.family_id, "kind": h.kind, "record_id": h.record_id, "snippet": h.snippet}
        for h in hits
    ]
    lines = [
        f"{h.kind:<10} {h.title or '—'}\n           {h.snippet}\n           "
        + (
            _("family {label} ({id})").format(label=h.family_label, id=h.family_id)
            if h.family_id and h.family_label
            else _("family {id}").format(id=h.family_id or _("(directory)"))
        )
        for h in hits
    ]
    text = "\n".join(lines) if lines else _("No matches for '{q}'.").format(q=ctx.args.query)
    ctx.emit(rows, text)
    return EXIT_OK
