"""`liaison attendance import FILE`: a school's attendance export, all rows or none."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import EXIT_OK, EXIT_REJECTED, InputRejected
from ..i18n import _
from ..interchange.attendance_import import AttendanceImportRejected, import_attendance_file
from ..services.caseload import Caseload
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the attendance commands to the parser."""
    parser = sub.add_parser("attendance", help=_("import attendance from the school's system"))
    asub: SubParsers = parser.add_subparsers(dest="attendance_command", metavar="ACTION")
    asub.required = True
    p = asub.add_parser(
        "import",
        help=_("import an attendance export (CSV with UPN, sessions possible and attended)"),
    )
    p.add_argument("file", type=Path)
    p.add_argument("--period", help=_("the term, when the file has no period column"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_attendance_import)


def cmd_attendance_import(ctx: CommandContext) -> int:
    """Check every row, then write them all, or none (exit 3 with each problem)."""
    args = ctx.args
    try:
        with ctx.open_vault() as vault:
            report = import_attendance_file(Caseload(vault), args.file, default_period=args.period)
    except AttendanceImportRejected as exc:
        if ctx.as_json:
            ctx.emit(
                {
                    "imported": False,
                    "problems": [{"row": p.row_number, "reason": p.problem} for p in exc.problems],
                }
            )
        sys.stderr.write(f"liaison: {exc}\n")
        return EXIT_REJECTED
    except InputRejected as exc:
        sys.stderr.write(f"liaison: {exc}\n")
        return EXIT_REJECTED
    ctx.emit(
        {
            "imported": True,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "encoding": report.encoding,
        },
        report.describe(),
    )
    return EXIT_OK
