"""`family list`, `family show`, `family set`, `note add`."""

from __future__ import annotations

import sys
from typing import Any

from ..errors import EXIT_OK, UsageError
from ..i18n import _
from ..services.caseload import Caseload
from ..services.families_service import EDITABLE
from ..services.people_service import PeopleService
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the family and note commands to the parser."""
    family = sub.add_parser("family", help=_("list, show and edit families"))
    fsub: SubParsers = family.add_subparsers(dest="family_command", metavar="ACTION")
    fsub.required = True

    p = fsub.add_parser("list", help=_("every family in the vault"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_family_list)

    p = fsub.add_parser("show", help=_("one family (with --json: in the interchange shape)"))
    p.add_argument("family_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_family_show)

    p = fsub.add_parser("set", help=_("change fields: name, address, postcode, phone, strengths"))
    p.add_argument("family_id")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_family_set)

    note = sub.add_parser("note", help=_("write case notes"))
    nsub: SubParsers = note.add_subparsers(dest="note_command", metavar="ACTION")
    nsub.required = True
    p = nsub.add_parser("add", help=_("write a note (text from --text or standard input)"))
    p.add_argument("family_id")
    p.add_argument("--text", help=_("the note; read from standard input when absent"))
    p.add_argument(
        "--template",
        default="general",
        choices=("home_visit", "phone_call", "meeting", "taf", "general"),
    )
    p.add_argument("--visit", dest="visit_id")
    p.add_argument("--final", action="store_true", help=_("finalise now (cannot be edited later)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_note_add)


def _family_summary(caseload: Caseload, family_id: str) -> dict[str, Any]:
    family = caseload.families.get(family_id)
    members = caseload.people.members(family_id)
    return {
        **{k: v for k, v in family.items() if v not in (None, [], "")},
        "members": [
            {
                "id": m.id,
                "name": PeopleService.display_name(m),
                "role": m.get("role"),
                "year_group": m.get("year_group"),
            }
            for m in members
        ],
    }


def cmd_family_list(ctx: CommandContext) -> int:
    """Print every family: id and name (and postcode)."""
    with ctx.open_vault() as vault:
        rows = [
            {"id": f.id, "name": f.name, "postcode": f.postcode, "needs": f.needs}
            for f in Caseload(vault).families.summaries()
        ]
    text = "\n".join(
        f"{r['id']}  {r['name']}" + (f"  ({r['postcode']})" if r["postcode"] else "") for r in rows
    ) or _("No families yet.")
    ctx.emit(rows, text)
    return EXIT_OK


def cmd_family_show(ctx: CommandContext) -> int:
    """Print one family; viewing it is audited."""
    with ctx.open_vault() as vault:
        caseload = Caseload(vault)
        caseload.families.view(ctx.args.family_id)
        if ctx.as_json:
            from ..interchange.json_export import family_document

            ctx.emit(family_document(caseload, ctx.args.family_id))
            return EXIT_OK
        summary = _family_summary(caseload, ctx.args.family_id)
    lines = [f"{summary['name']}  [{summary['id']}]"]
    for key in ("address", "postcode", "phone", "email", "strengths", "key_facts", "alerts"):
        if key in summary:
            lines.append(f"  {key.replace('_', ' ').capitalize()}: {summary[key]}")
    if summary.get("needs"):
        lines.append(_("  Needs: {needs}").format(needs=", ".join(summary["needs"])))
    for member in summary["members"]:
        year = f", year {member['year_group']}" if member["year_group"] is not None else ""
        lines.append(f"  - {member['name']} ({member['role']}{year})  [{member['id']}]")
    ctx.emit(summary, "\n".join(lines))
    return EXIT_OK


def _parse_assignments(items: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(_("'{item}' is not FIELD=VALUE").format(item=item))
        if name not in EDITABLE:
            raise UsageError(
                _("'{name}' cannot be set here; choose from: {fields}").format(
                    name=name, fields=", ".join(EDITABLE)
                )
            )
        values[name] = value
    return values


def cmd_family_set(ctx: CommandContext) -> int:
    """Change some fields of a family; invalid values change nothing (exit 3)."""
    values = _parse_assignments(ctx.args.assignments)
    with ctx.open_vault() as vault:
        family = Caseload(vault).families.set_fields(ctx.args.family_id, values)
    ctx.emit(dict(family), _("Saved {name}.").format(name=family.get("name")))
    return EXIT_OK


def cmd_note_add(ctx: CommandContext) -> int:
    """Write a note to a family's record."""
    text = ctx.args.text
    if text is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError(_("Give the note with --text or on standard input."))
        text = sys.stdin.read()
    with ctx.open_vault() as vault:
        note = Caseload(vault).notes.write(
            ctx.args.family_id,
            text,
            template=ctx.args.template,
            visit_id=ctx.args.visit_id,
            final=ctx.args.final,
        )
    status = _("finalised") if note.get("status") == "final" else _("saved as a draft")
    ctx.emit(dict(note), _("Note {id} {status}.").format(id=note.id, status=status))
    return EXIT_OK
