"""`liaison school list|add|set`: the schools of a federation or trust, and which school a
family (or one pupil) belongs to (issue 23). Only a lead adds schools."""

from __future__ import annotations

from ..errors import EXIT_OK
from ..i18n import _
from ..services.caseload import Caseload
from ..services.validation import ValidationFailed
from .context import CommandContext, SubParsers


def register(sub: SubParsers) -> None:
    """Add the school commands to the parser."""
    parser = sub.add_parser("school", help=_("the schools of a federation or trust"))
    ssub: SubParsers = parser.add_subparsers(dest="school_command", metavar="ACTION")
    ssub.required = True
    p = ssub.add_parser("list", help=_("the schools, with how many families each"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_school_list)
    p = ssub.add_parser("add", help=_("(lead) add a school"))
    p.add_argument("name")
    p.add_argument("--urn", help=_("the DfE unique reference number"))
    p.add_argument("--trust", help=_("the federation or trust"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_school_add)
    p = ssub.add_parser("set", help=_("put a family (or, with --person, one pupil) at a school"))
    p.add_argument("family_id")
    p.add_argument("school", help=_("the school's id or name"))
    p.add_argument("--person", dest="person_id", help=_("only this member of the family"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_school_set)


def cmd_school_list(ctx: CommandContext) -> int:
    """Every school with how many families it has."""
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        rows = [
            {
                "id": s.id,
                "name": s["name"],
                "urn": s.get("urn"),
                "trust": s.get("trust"),
                "families": len(c.schools.family_ids_at(s.id)),
            }
            for s in c.schools.all()
        ]
    lines = [
        _("{name}: {n} families ({id})").format(name=r["name"], n=r["families"], id=r["id"])
        for r in rows
    ] or [_("No schools: this vault is one school's.")]
    ctx.emit({"schools": rows}, "\n".join(lines))
    return EXIT_OK


def cmd_school_add(ctx: CommandContext) -> int:
    """Add a school (lead only)."""
    args = ctx.args
    with ctx.open_vault() as vault:
        school = Caseload(vault).schools.add(args.name, urn=args.urn, trust=args.trust)
    ctx.emit(dict(school), _("School added: {name} ({id}).").format(name=school["name"],
                                                                    id=school.id))  # fmt: skip
    return EXIT_OK


def cmd_school_set(ctx: CommandContext) -> int:
    """Put a family, or one pupil of it, at a school."""
    args = ctx.args
    with ctx.open_vault() as vault:
        c = Caseload(vault)
        school_id = c.schools.resolve(args.school)
        if args.person_id:
            person = c.people.get(args.person_id)
            if person["family_id"] != args.family_id:
                raise ValidationFailed([("person", _("is not a member of that family"))])
            c.people.update(args.person_id, {"school_id": school_id})
        else:
            c.schools.set_family_school(args.family_id, school_id)
        name = c.schools.names()[school_id]
    ctx.emit({"family_id": args.family_id, "person_id": args.person_id, "school_id": school_id},
             _("Now at {school}.").format(school=name))  # fmt: skip
    return EXIT_OK
