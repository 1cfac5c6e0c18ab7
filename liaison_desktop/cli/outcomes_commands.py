"""`outcomes add` and `outcomes show`: the family outcomes wheel from the command line."""

from __future__ import annotations

from typing import Any

from ..domain import outcomes
from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.validation import ValidationFailed
from .context import CommandContext, SubParsers, parse_day


def register(sub: SubParsers) -> None:
    """Add the outcomes commands to the parser."""
    parser = sub.add_parser("outcomes", help=_("score the family outcomes wheel"))
    osub: SubParsers = parser.add_subparsers(dest="outcomes_command", metavar="ACTION")
    osub.required = True
    order = ", ".join(a.title for a in outcomes.areas())
    p = osub.add_parser("add", help=_("record a scoring of all eight areas"))
    p.add_argument("family_id")
    # Validated by the service, not argparse, so a wrong value is "input rejected" (exit 3).
    p.add_argument(
        "--scores",
        required=True,
        help=_("eight scores from 1 to 10, comma-separated, in this order: {order}").format(
            order=order
        ),
    )
    p.add_argument("--date", help=_("the day scored, YYYY-MM-DD (default today)"))
    p.add_argument("--stage", help=_("start or review (default: start for the first scoring)"))
    p.add_argument("--with", dest="family_present", default="", help=_("who scored with you"))
    p.add_argument("--note", default="", help=_("a short note"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_outcomes_add)
    s = osub.add_parser("show", help=_("a family's scorings and the change since the start"))
    s.add_argument("family_id")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=cmd_outcomes_show)


def parse_scores(text: str) -> dict[str, Any]:
    """'3,4,5,…' as the eight areas' scores; ValidationFailed when it is not eight numbers."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(outcomes.AREA_KEYS) or not all(p.lstrip("-").isdigit() for p in parts):
        raise ValidationFailed([("scores", _("must be eight whole numbers separated by commas"))])
    return {key: int(p) for key, p in zip(outcomes.AREA_KEYS, parts, strict=True)}


def cmd_outcomes_add(ctx: CommandContext) -> int:
    """Record a scoring; bad scores or dates change nothing (exit 3)."""
    args = ctx.args
    scores = parse_scores(args.scores)
    day = parse_day(args.date, "date")
    with ctx.open_vault() as vault:
        record = Caseload(vault).outcomes.record(
            args.family_id,
            scores,
            day=day,
            stage=args.stage,
            family_present=args.family_present,
            note=args.note,
        )
    text = _("Scoring {id} recorded: {stage}, {date}.").format(
        id=record.id, stage=outcomes.stage_label(str(record["stage"])).lower(), date=record["date"]
    )
    ctx.emit({"outcome_review": dict(record)}, text)
    return EXIT_OK


def cmd_outcomes_show(ctx: CommandContext) -> int:
    """Print a family's scorings, oldest first, and the change since the start."""
    with ctx.open_vault() as vault:
        caseload = Caseload(vault)
        caseload.families.get(ctx.args.family_id)  # NotFound for an unknown family
        history = caseload.outcomes.history(ctx.args.family_id)
    progress = outcomes.progress(history)
    titles = [a.title for a in outcomes.areas()]
    data = {
        "areas": list(outcomes.AREA_KEYS),
        "scorings": [
            {
                "id": s.id,
                "date": s.date,
                "stage": s.stage,
                "scores": dict(zip(outcomes.AREA_KEYS, s.scores, strict=True)),
                "scored_by": s.scored_by,
                "family_present": s.family_present,
                "note": s.note,
            }
            for s in history
        ],
        "change": dict(zip(outcomes.AREA_KEYS, progress.change, strict=True)) if progress else None,
    }
    lines = [
        "{date}  {stage:<7} {scores}  ({average:.1f})".format(
            date=s.date,
            stage=outcomes.stage_label(s.stage),
            scores=" ".join(f"{x:>2}" for x in s.scores),
            average=s.average,
        )
        for s in history
    ] or [_("Not scored yet.")]
    if progress:
        lines.append(
            _("Change since the start: {change}").format(
                change=", ".join(
                    f"{title} {delta:+d}"
                    for title, delta in zip(titles, progress.change, strict=True)
                )
            )
        )
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK
