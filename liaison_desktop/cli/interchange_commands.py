"""`import FILE` (interchange JSON or a pupil-list CSV) and `export-json --out FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import EXIT_OK, EXIT_REJECTED, UsageError
from ..i18n import _
from ..interchange import json_export, json_import, pupil_refresh
from ..services.caseload import Caseload
from ..services.validation import ValidationFailed
from .context import CommandContext, SubParsers
from .report_commands import add_share_arguments, share_details


def register(sub: SubParsers) -> None:
    """Add `import` and `export-json` to the parser."""
    p = sub.add_parser(
        "import",
        help=_("import interchange JSON (liaison-desktop/1) or a pupil-list CSV; all or nothing"),
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--format",
        dest="file_format",
        choices=("json", "csv"),
        help=_("the file's kind (default: from its name, else its content)"),
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=HEADER",
        help=_("pupil CSV: which header holds a column, e.g. date_of_birth='Birth Date'"),
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=_("pupil CSV: show what would be new, changed, unchanged and left; write nothing"),
    )
    p.add_argument(
        "--split",
        action="append",
        type=int,
        default=[],
        metavar="ROW",
        help=_("pupil CSV: put the new pupil on this row in a family of its own (repeatable)"),
    )
    p.add_argument(
        "--school",
        help=_("pupil CSV: the school of the trust whose list it is (its id or name)"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "export-json",
        help=_("write every family and contact as liaison-desktop/1 JSON (NOT encrypted)"),
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--json", action="store_true")
    add_share_arguments(p)
    p.set_defaults(handler=cmd_export_json)


def detect_format(path: Path) -> str:
    """'json' or 'csv', from the file's extension, else from its first non-blank byte."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return "json"  # the importer reports the unreadable file in its own words
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return "json" if head[:1] in (b"{", b"[") or not head else "csv"


def cmd_import(ctx: CommandContext) -> int:
    """Check the whole file, then write all of it or none of it."""
    path: Path = ctx.args.file
    kind = ctx.args.file_format or detect_format(path)
    try:
        with ctx.open_vault() as vault:
            caseload = Caseload(vault)
            if kind == "json":
                summary = json_import.import_json_file(caseload, path)
                report = {
                    "imported": True,
                    "format": "json",
                    "created": summary.created,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                }
                text = _describe_json(summary)
            else:
                dry_run = bool(ctx.args.dry_run)
                school = caseload.schools.resolve(ctx.args.school) if ctx.args.school else None
                plan = pupil_refresh.refresh_from_file(
                    caseload, path, mapping=_mapping(ctx), split=ctx.args.split,
                    dry_run=dry_run, school_id=school,
                )  # fmt: skip
                report = {"imported": not dry_run, "format": "csv", **plan.as_dict()}
                text = plan.describe(written=not dry_run)
    except ValidationFailed as exc:
        if ctx.as_json:
            ctx.emit(
                {
                    "imported": False,
                    "problems": [{"path": p, "reason": r} for p, r in exc.problems],
                }
            )
        sys.stderr.write(f"liaison: {exc}\n")
        return EXIT_REJECTED
    ctx.emit(report, text)
    return EXIT_OK


def _mapping(ctx: CommandContext) -> dict[str, str]:
    mapping = {}
    for item in ctx.args.map:
        column, sep, header = item.partition("=")
        if not sep or not column.strip() or not header.strip():
            raise UsageError(
                _(
                    "--map takes COLUMN=HEADER, e.g. date_of_birth='Birth Date' (got '{item}')"
                ).format(item=item)
            )
        mapping[column.strip()] = header.strip()
    return mapping


def _describe_json(summary: json_import.ImportSummary) -> str:
    def counts(bucket: dict[str, int]) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in sorted(bucket.items())) or _("nothing")

    lines = [_("Import finished: every record in the file was checked and saved together.")]
    lines.append(_("  new: {counts}").format(counts=counts(summary.created)))
    if summary.updated:
        lines.append(_("  updated: {counts}").format(counts=counts(summary.updated)))
    if summary.unchanged:
        lines.append(_("  already up to date: {counts}").format(counts=counts(summary.unchanged)))
    return "\n".join(lines)


def cmd_export_json(ctx: CommandContext) -> int:
    """Write the whole vault as plain JSON where the person asked, and say it is unencrypted."""
    out: Path = ctx.args.out
    with ctx.open_vault() as vault:
        counts = json_export.export_json(Caseload(vault), out, share_details(ctx.args))
    warning = _(
        "This file is NOT encrypted: anyone who can open it can read every family in it. "
        "Keep it on an encrypted drive and delete it when it is no longer needed."
    )
    ctx.emit(
        {"out": str(out), "encrypted": False, **counts},
        _(
            "Wrote {families} families and {contacts} contacts to {out}.\n"
            "Recorded in the information-sharing record of each family.\n{warning}"
        ).format(
            families=counts["families"], contacts=counts["contacts"], out=out, warning=warning
        ),
    )
    if ctx.as_json:
        sys.stderr.write(warning + "\n")
    return EXIT_OK
