"""A pupil list imported again each term: a refresh, previewed before anything is written.

Each row is matched to a pupil already in the vault by UPN, else by name and date of birth
(only a pupil with no UPN yet). A matched pupil is unchanged, or changed (its names, date of
birth, year group, a UPN given for the first time, its family's address). A row that matches
nobody is new. New pupils are grouped into families as siblings when they share a household
(a family/household column), an address and postcode, or a carer (by name or phone), whatever
their surnames; a group whose address or carer's phone is already a family's joins that
family. The officer can split any new pupil into a family of its own. Pupils in the vault
that the list no longer has are listed as left, for review: nothing is ever deleted.

`plan_refresh` reads and checks the whole list and returns the plan (the dry run); it writes
nothing. `apply_refresh` writes the plan in one transaction: all of it or none of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import vocabulary as v
from ..errors import InputRejected
from ..i18n import _
from ..services.caseload import Caseload
from .json_reading import DEFAULT_MAX_BYTES, read_limited
from .pupil_columns import (
    COLUMN_LABELS,
    FACT_COLUMNS,
    SYNONYMS,
    _norm_header,
    decode,
    header_cells,
    read_rows,
)
from .pupil_csv import RowsRejected, _Carer, _Pupil, read_pupil_rows

NEW, CHANGED, UNCHANGED, LEFT = "new", "changed", "unchanged", "left"
# The column mapping the officer last gave (`--map`), kept in the vault as a setting and used
# again for the next list whose headers it fits: next term's export has the same headers.
MAPPING_SETTING = "pupil_list_columns"
PERSON_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "year_group",
    "upn",
    *FACT_COLUMNS,
)


@dataclass
class PupilLine:
    """One pupil in the preview: what the refresh will do with it, and why."""

    status: str  # new, changed, unchanged or left
    name: str
    row: int | None  # the list's row (a spreadsheet's numbering); None for a pupil who left
    upn: str | None
    person_id: str | None = None  # the pupil in the vault (changed, unchanged, left)
    family_id: str | None = None  # their family, or the family a new pupil joins
    group: int | None = None  # new pupils with the same number become one new family
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field, old, new)
    # A new pupil's carers as they will be written: (forename, surname), so a full name split
    # the wrong way is seen before anything is written.
    carers: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "name": self.name,
            "row": self.row,
            "upn": self.upn,
            "person_id": self.person_id,
            "family_id": self.family_id,
            "new_family": self.group,
            "changes": [{"field": f, "old": old, "new": new} for f, old, new in self.changes],
            "carers": [{"given_name": g, "family_name": f} for g, f in self.carers],
        }


@dataclass
class RefreshPlan:
    """What a refresh would write; `apply_refresh` writes exactly this."""

    lines: list[PupilLine]
    encoding: str
    mapping: dict[str, str]
    ignored_columns: list[str]
    # On an officer's laptop only its allocated families are known: the rest of a school's
    # list would come in as new families (and reach the lead as duplicates).
    on_officer_device: bool = False
    _pupils: dict[int, _Pupil] = field(default_factory=dict, repr=False)

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def new_families(self) -> int:
        return len({line.group for line in self.lines if line.group is not None})

    def as_dict(self) -> dict[str, Any]:
        return {
            "new": self.count(NEW),
            "changed": self.count(CHANGED),
            "unchanged": self.count(UNCHANGED),
            "left": self.count(LEFT),
            "new_families": self.new_families,
            "encoding": self.encoding,
            "mapping": self.mapping,
            "ignored_columns": self.ignored_columns,
            "on_officer_device": self.on_officer_device,
            "rows": [line.as_dict() for line in self.lines],
        }

    def columns_text(self) -> str:
        """Which header each column was read from, for the officer to check."""
        return _("Columns read: {pairs}").format(
            pairs=", ".join(
                f"{COLUMN_LABELS.get(canonical, canonical)} ← '{header}'"
                for canonical, header in self.mapping.items()
            )
        )

    def describe(self, *, written: bool) -> str:
        lines = [
            (
                _("Pupil list imported (read as {encoding}):")
                if written
                else _("Dry run: nothing was written. The list (read as {encoding}) would give:")
            ).format(encoding=self.encoding),
            _(
                "  {new} new (in {families} new families or joining their family), "
                "{changed} changed, {unchanged} unchanged, {left} no longer on the list"
            ).format(
                new=self.count(NEW),
                families=self.new_families,
                changed=self.count(CHANGED),
                unchanged=self.count(UNCHANGED),
                left=self.count(LEFT),
            ),
        ]
        for line in self.lines:
            if line.status == UNCHANGED:
                continue
            where = _("row {n}").format(n=line.row) if line.row else _("not on the list")
            lines.append(f"  {line.status:9} {line.name} ({where}) {line_details(line)}")
        if self.on_officer_device:
            lines.append(officer_warning())
        lines.append(self.columns_text())
        if self.ignored_columns:
            lines.append(
                _("Columns not imported: {cols}").format(cols=", ".join(self.ignored_columns))
            )
        return "\n".join(lines)


def _same(new: Any, old: Any) -> bool:
    """Whether a list's value is what the record holds (a "no" is what an unset yes/no was)."""
    return bool(new == old or (new is False and old is None))


def field_label(name: str) -> str:
    """A changed field's name as the officer reads it."""
    return {
        "given_name": _("forename"),
        "family_name": _("surname"),
        "preferred_name": _("preferred name"),
        "date_of_birth": _("date of birth"),
        "year_group": _("year group"),
        "upn": _("UPN"),
        "fsm": _("free school meals"),
        "pupil_premium": _("pupil premium"),
        "send": _("SEN status"),
        "eal": _("EAL"),
        "young_carer": _("young carer"),
        "care_status": _("looked after"),
        "address": _("address"),
        "postcode": _("postcode"),
    }.get(name, name)


def change_text(changes: Iterable[tuple[str, Any, Any]]) -> str:
    """ "year group: 4 → 5; postcode: … → …"."""
    return "; ".join(
        _("{field}: {old} → {new}").format(field=field_label(f), old=_shown(old), new=_shown(new))
        for f, old, new in changes
    )


def _shown(value: Any) -> str:
    """A value in a change line: yes/no for a fact, a vocabulary value in words."""
    if value is True:
        return _("yes")
    if value is False or value in (None, ""):
        return "—" if value is not False else _("no")
    if isinstance(value, str) and value in (*v.SEND_STATUSES, *v.CARE_STATUSES):
        return v.label(value)
    return str(value)


def officer_warning() -> str:
    return _(
        "This is an officer's laptop: it knows only the families allocated to it, so pupils "
        "of other families on the list would be added as new families. The school's whole "
        "list is best imported on the lead's laptop."
    )


def line_details(line: PupilLine) -> str:
    """What happens to the pupil, in words (the preview's and the dry run's)."""
    if line.status == NEW:
        where = (
            _("joins the family already at this address or with this carer")
            if line.family_id
            else _("new family {n}").format(n=line.group)
        )
        return "; ".join(part for part in (where, carers_text(line)) if part)
    if line.status == LEFT:
        return _("kept: check whether they have left the school")
    if line.status == CHANGED:
        return change_text(line.changes)
    return "—"


def carers_text(line: PupilLine) -> str:
    """A new pupil's carers as they will be written, forename / surname."""
    if not line.carers:
        return ""
    return _("carer (forename / surname): {names}").format(
        names="; ".join(f"{given} / {family or '—'}" for given, family in line.carers)
    )


def _name(values: Mapping[str, Any]) -> str:
    return f"{values.get('given_name') or ''} {values.get('family_name') or ''}".strip()


def _flat(text: str | None) -> str:
    return re.sub(r"[\s,.]+", " ", (text or "").casefold()).strip()


class _Groups:
    """Union-find over new pupils' row numbers."""

    def __init__(self, rows: Iterable[int]) -> None:
        self.parent = {row: row for row in rows}

    def find(self, row: int) -> int:
        while self.parent[row] != row:
            self.parent[row] = self.parent[self.parent[row]]
            row = self.parent[row]
        return row

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _carer_keys(carer: _Carer) -> list[tuple[str, str]]:
    keys = [("carer", f"{carer.given_name} {carer.family_name or ''}".casefold().strip())]
    if carer.phone:
        keys.append(("phone", carer.phone))
    return keys


def plan_refresh(
    caseload: Caseload,
    text: str,
    *,
    encoding: str = "UTF-8",
    mapping: Mapping[str, str] | None = None,
    split: Collection[int] = (),
) -> RefreshPlan:
    """Read and check the whole list and work out the refresh; writes nothing.

    `split`: rows of new pupils the officer wants in a family of their own."""
    return plan_rows(caseload, read_rows(text), encoding=encoding, mapping=mapping, split=split)


def plan_rows(
    caseload: Caseload,
    rows: list[list[str]],
    *,
    encoding: str = "UTF-8",
    mapping: Mapping[str, str] | None = None,
    split: Collection[int] = (),
) -> RefreshPlan:
    """`plan_refresh` for a list already parsed into rows."""
    pupils, columns, headers, ignored = read_pupil_rows(caseload, rows, mapping)
    store = caseload.ctx.store
    existing = [dict(p) for p in store.query("person", "role = 'pupil'")]
    by_upn = {str(p["upn"]): p for p in existing if p.get("upn")}
    by_name: dict[tuple[str, str, str], dict[str, Any]] = {}
    for known in existing:
        if not known.get("upn"):
            key = (
                str(known.get("given_name") or "").casefold(),
                str(known.get("family_name") or "").casefold(),
                str(known.get("date_of_birth") or ""),
            )
            by_name[key] = known
    families = {str(f["id"]): dict(f) for f in caseload.families.all()}

    lines: list[PupilLine] = []
    matched: dict[str, int] = {}
    problems: list[tuple[str, str]] = []
    new_rows: list[_Pupil] = []
    for pupil in pupils:
        values = pupil.values
        upn = values.get("upn")
        person: dict[str, Any] | None = by_upn.get(upn) if upn else None
        if person is None:
            person = by_name.get(
                (
                    str(values["given_name"]).casefold(),
                    str(values["family_name"]).casefold(),
                    str(values.get("date_of_birth") or ""),
                )
            )
        if person is None:
            new_rows.append(pupil)
            continue
        person_id = str(person["id"])
        if person_id in matched:
            problems.append(
                (
                    _("row {n}").format(n=pupil.row),
                    _("is the same pupil as row {m} ({name})").format(
                        m=matched[person_id], name=_name(person)
                    ),
                )
            )
            continue
        matched[person_id] = pupil.row
        changes = [
            (name, person.get(name), values.get(name))
            for name in PERSON_FIELDS
            if values.get(name) is not None and not _same(values.get(name), person.get(name))
        ]
        family = families.get(str(person.get("family_id")), {})
        for name, new in (("address", pupil.address), ("postcode", pupil.postcode)):
            if new and _flat(new) != _flat(family.get(name)):
                changes.append((name, family.get(name), new))
        lines.append(
            PupilLine(
                CHANGED if changes else UNCHANGED,
                _name(values),
                pupil.row,
                upn,
                person_id,
                str(person.get("family_id")),
                changes=changes,
            )
        )
    if problems:
        raise RowsRejected(problems)

    lines.extend(_group_new(caseload, new_rows, families, set(split)))
    for known in existing:
        if str(known["id"]) not in matched:
            lines.append(
                PupilLine(
                    LEFT,
                    _name(known),
                    None,
                    known.get("upn"),
                    str(known["id"]),
                    str(known.get("family_id")),
                )
            )
    order = {NEW: 0, CHANGED: 1, LEFT: 2, UNCHANGED: 3}
    lines.sort(key=lambda line: (order[line.status], line.row or 0, line.name))
    return RefreshPlan(
        lines,
        encoding,
        {canonical: headers[i] for canonical, i in columns.items()},
        ignored,
        not caseload.ctx.is_lead,
        {p.row: p for p in pupils},
    )


def _group_new(
    caseload: Caseload,
    new_rows: list[_Pupil],
    families: Mapping[str, Mapping[str, Any]],
    split: set[int],
) -> list[PupilLine]:
    """Siblings grouped by household, address or carer; groups that are a family's join it."""
    groups = _Groups(p.row for p in new_rows)
    seen: dict[tuple[str, ...], int] = {}
    for pupil in new_rows:
        if pupil.row in split:
            continue
        keys: list[tuple[str, ...]] = []
        if pupil.group[0] == "household":
            keys.append(pupil.group[:2])
        if pupil.address or pupil.postcode:
            keys.append(("address", _flat(pupil.address), _flat(pupil.postcode)))
        for carer in pupil.carers:
            keys.extend(_carer_keys(carer))
        for key in keys:
            if key in seen:
                groups.join(pupil.row, seen[key])
            else:
                seen[key] = pupil.row
    # Existing families, found by address and postcode or by a carer's phone.
    by_address: dict[tuple[str, ...], str] = {
        ("address", _flat(f.get("address")), _flat(f.get("postcode"))): fid
        for fid, f in families.items()
        if f.get("address") or f.get("postcode")
    }
    by_phone: dict[tuple[str, ...], str] = {
        ("phone", str(c["phone"])): str(c["family_id"])
        for c in caseload.ctx.store.query("person", "role = 'carer' AND phone IS NOT NULL")
    }
    numbers: dict[int, int] = {}
    joins: dict[int, str] = {}
    for pupil in new_rows:
        root = groups.find(pupil.row)
        if pupil.row in split or root in joins:
            continue
        for key in (
            ("address", _flat(pupil.address), _flat(pupil.postcode)),
            *(k for c in pupil.carers for k in _carer_keys(c)),
        ):
            family_id = by_address.get(key) or by_phone.get(key)
            if family_id:
                joins[root] = family_id
                break
    lines = []
    for pupil in new_rows:
        root = groups.find(pupil.row)
        family_id = None if pupil.row in split else joins.get(root)
        group = None
        if family_id is None:
            group = numbers.setdefault(root, len(numbers) + 1)
        lines.append(
            PupilLine(
                NEW,
                _name(pupil.values),
                pupil.row,
                pupil.values.get("upn"),
                None,
                family_id,
                group,
                carers=[(c.given_name, c.family_name or "") for c in pupil.carers],
            )
        )
    return lines


def apply_refresh(caseload: Caseload, plan: RefreshPlan, school_id: str | None = None) -> None:
    """Write the plan in one transaction: updates, new families, pupils joining families.
    A list that changes nothing writes nothing (not even an audit line). With `school_id` (one
    school of a trust), new families are that school's, and a new pupil joining a family of
    another school names this one as theirs."""
    if not plan.count(NEW) and not plan.count(CHANGED):
        return
    pupils = plan._pupils
    new_groups: dict[int, list[_Pupil]] = {}
    joining: dict[str, list[_Pupil]] = {}
    with caseload.vault.transaction():
        for line in plan.lines:
            if line.status == CHANGED and line.person_id and line.row is not None:
                person = {n: new for n, _old, new in line.changes if n in PERSON_FIELDS}
                if person:
                    caseload.people.update(line.person_id, person)
                home = {n: new for n, _old, new in line.changes if n in ("address", "postcode")}
                if home and line.family_id:
                    caseload.families.update(line.family_id, home)
            elif line.status == NEW and line.row is not None:
                pupil = pupils[line.row]
                if line.family_id:
                    joining.setdefault(line.family_id, []).append(pupil)
                elif line.group is not None:
                    new_groups.setdefault(line.group, []).append(pupil)
        for members in new_groups.values():
            surnames: list[str] = []
            for p in members:
                if p.values["family_name"] not in surnames:
                    surnames.append(p.values["family_name"])
            carers = _merged_carers(members)
            family = caseload.families.create(
                {
                    "name": _("{surnames} family").format(surnames=" / ".join(surnames)),
                    "address": next((p.address for p in members if p.address), None),
                    "postcode": next((p.postcode for p in members if p.postcode), None),
                    "phone": next((c.phone for c in carers if c.phone), None),
                    **({"school_id": school_id} if school_id else {}),
                }
            )
            _write_people(caseload, family.id, members, carers)
        for family_id, members in joining.items():
            known = {
                _name(person).casefold()
                for person in caseload.people.members(family_id)
                if person.get("role") != "pupil"
            }
            carers = [
                c
                for c in _merged_carers(members)
                if f"{c.given_name} {c.family_name or ''}".casefold().strip() not in known
            ]
            family_school = caseload.families.get(family_id).get("school_id")
            own = school_id if school_id and family_school != school_id else None
            _write_people(caseload, family_id, members, carers, own)
        caseload.ctx.store.record_event(
            "import",
            detail=f"pupil list refresh: {plan.count(NEW)} new, {plan.count(CHANGED)} changed, "
            f"{plan.count(UNCHANGED)} unchanged, {plan.count(LEFT)} left",
        )


def _merged_carers(members: Iterable[_Pupil]) -> list[_Carer]:
    carers: dict[str, _Carer] = {}
    for p in members:
        for carer in p.carers:
            known = carers.setdefault(
                f"{carer.given_name} {carer.family_name or ''}".casefold().strip(), carer
            )
            known.phone = known.phone or carer.phone
            known.email = known.email or carer.email
            known.relationship = known.relationship or carer.relationship
    return list(carers.values())


def _write_people(
    caseload: Caseload,
    family_id: str,
    pupils: Iterable[_Pupil],
    carers: Iterable[_Carer],
    school_id: str | None = None,
) -> None:
    for p in pupils:
        own = {"school_id": school_id} if school_id else {}
        caseload.people.create({**p.values, "family_id": family_id, **own})
    for carer in carers:
        caseload.people.create(
            {
                "family_id": family_id,
                "role": "carer",
                "given_name": carer.given_name,
                "family_name": carer.family_name,
                "relationship": carer.relationship,
                "phone": carer.phone,
                "email": carer.email,
            }
        )


def refresh_from_file(
    caseload: Caseload,
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    split: Collection[int] = (),
    dry_run: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    school_id: str | None = None,
) -> RefreshPlan:
    """Read a pupil-list file, plan the refresh and (unless a dry run) write all of it.

    Without a `mapping`, the one last given is used where the file has its headers; a
    mapping given is remembered once the list has been written."""
    rows, encoding = read_list(path, max_bytes=max_bytes)
    plan = plan_list(caseload, rows, encoding=encoding, mapping=mapping, split=split)
    if not dry_run:
        with caseload.vault.transaction():
            apply_refresh(caseload, plan, school_id)
            if mapping:
                remember_mapping(caseload, mapping)
    return plan


def read_list(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[list[str]], str]:
    """A pupil-list file read, decoded and parsed once: (rows, encoding)."""
    text, encoding = decode(read_limited(path, max_bytes=max_bytes))
    return read_rows(text), encoding


def plan_list(
    caseload: Caseload,
    rows: list[list[str]],
    *,
    encoding: str,
    mapping: Mapping[str, str] | None = None,
    split: Collection[int] = (),
) -> RefreshPlan:
    """Plan the refresh of a file's rows, with the remembered mapping where its headers fit
    (a `mapping` given wins)."""
    used = {**fitting(remembered_mapping(caseload), header_cells(rows)), **(mapping or {})}
    return plan_rows(caseload, rows, encoding=encoding, mapping=used, split=split)


def remembered_mapping(caseload: Caseload) -> dict[str, str]:
    """The column mapping last given (canonical column → header), or {}."""
    try:
        value = json.loads(caseload.ctx.setting(MAPPING_SETTING, "{}"))
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if k in SYNONYMS}


def remember_mapping(caseload: Caseload, mapping: Mapping[str, str]) -> None:
    merged = {**remembered_mapping(caseload), **mapping}
    caseload.vault.set_meta(f"setting.{MAPPING_SETTING}", json.dumps(merged, sort_keys=True))


def fitting(mapping: Mapping[str, str], headers: list[str]) -> dict[str, str]:
    """The part of a remembered mapping whose headers this file has."""
    present = {_norm_header(h) for h in headers}
    return {k: v for k, v in mapping.items() if _norm_header(v) in present}


def apply_as_previewed(
    caseload: Caseload,
    path: Path,
    split: Collection[int],
    shown: RefreshPlan,
    mapping: Mapping[str, str] | None = None,
    school_id: str | None = None,
) -> RefreshPlan:
    """Write the refresh the officer was shown, worked out again from the same file, splits
    and column mapping; refused, with nothing written, if it would now differ (the file
    changed, or the caseload did through a sync, since the preview). A mapping the officer
    chose is remembered for next term's list."""
    plan = refresh_from_file(caseload, path, mapping=mapping, split=split, dry_run=True)
    if [line.as_dict() for line in plan.lines] != [line.as_dict() for line in shown.lines]:
        raise InputRejected(
            _(
                "The pupil list or the caseload changed since the preview, so nothing was "
                "imported. Look at the new preview and import again."
            )
        )
    with caseload.vault.transaction():
        apply_refresh(caseload, plan, school_id)
        if mapping:
            remember_mapping(caseload, mapping)
    return plan
