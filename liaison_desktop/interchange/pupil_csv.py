"""Pupil lists exported by school information systems (SIMS, Arbor, Bromcom…), all or nothing.

The columns are matched by their headers (each system spells them its own way; a mapping
can override the guess), the text may be UTF-8 (with or without a byte-order mark) or
Windows-1252 or UTF-16, and dates may be DD/MM/YYYY or YYYY-MM-DD; the contact columns become
the family's carers. This module reads and checks the list; pupil_refresh matches it to the
vault (a termly refresh) and writes it.

Every row is checked before anything is written. If any row is rejected, nothing is
written and the report names every rejected row and why. Row numbers are those a
spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import records
from ..domain.fields import FieldError
from ..errors import InputRejected
from ..i18n import _
from ..services.caseload import Caseload
from ..services.validation import ValidationFailed
from .pupil_columns import (
    COLUMN_LABELS,
    FACT_COLUMNS,
    header_index,
    map_columns,
    parse_date,
    parse_fact,
    parse_year_group,
    split_name,
)


class RowsRejected(ValidationFailed):
    """Rows of a pupil list were refused; the message lists every one (nothing was written)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {path}: {reason}" for path, reason in problems)
        InputRejected.__init__(
            self,
            _(
                "Nothing was imported: {n} row(s) of the pupil list were rejected, and the "
                "list is imported whole or not at all. Correct these rows and import again:\n"
                "{lines}"
            ).format(n=len({p for p, _r in problems}), lines=lines),
        )


@dataclass
class _Carer:
    given_name: str
    family_name: str | None
    relationship: str | None
    phone: str | None
    email: str | None


@dataclass
class _Pupil:
    row: int
    values: dict[str, Any]
    address: str | None
    postcode: str | None
    carers: list[_Carer]
    group: tuple[str, ...]


def _clean(kind: str, name: str, value: Any) -> Any:
    return records.spec_for(kind).field(name).clean(value)


class _RowReader:
    """Turns one row into a pupil (and carers), or a list of reasons it was rejected."""

    def __init__(self, columns: dict[str, int], today: date) -> None:
        self.columns = columns
        self.today = today

    def cell(self, cells: list[str], canonical: str) -> str:
        index = self.columns.get(canonical)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    def read(self, row: int, cells: list[str]) -> _Pupil | list[str]:
        reasons: list[str] = []
        values: dict[str, Any] = {"role": "pupil"}
        for canonical in ("given_name", "family_name", "upn"):
            raw = self.cell(cells, canonical)
            try:
                values[canonical] = _clean("person", canonical, raw)
            except FieldError as exc:
                reasons.append(f"{COLUMN_LABELS[canonical]} {exc}")
        preferred = self.cell(cells, "preferred_name")
        if preferred and preferred != values.get("given_name"):
            try:
                values["preferred_name"] = _clean("person", "preferred_name", preferred)
            except FieldError as exc:
                reasons.append(f"{COLUMN_LABELS['preferred_name']} {exc}")
        # A pupil needs a surname to be grouped and named (a blank one crashed the import).
        if not reasons and not values.get("family_name"):
            reasons.append(
                _(
                    "the surname is empty: fill it in (in the school system or the file) and "
                    "import again"
                )
            )
        raw_dob = self.cell(cells, "date_of_birth")
        if not raw_dob:
            reasons.append(_("date of birth is required"))
        else:
            try:
                dob = parse_date(raw_dob)
                if dob > self.today:
                    reasons.append(_("date of birth {d} is in the future").format(d=raw_dob))
                else:
                    values["date_of_birth"] = _clean("person", "date_of_birth", dob.isoformat())
            except (ValueError, FieldError):
                reasons.append(
                    _("date of birth '{d}' is not a real date (DD/MM/YYYY or YYYY-MM-DD)").format(
                        d=raw_dob
                    )
                )
        for column in FACT_COLUMNS:
            if column not in self.columns:
                continue  # not in this export: the fact is left as it is
            raw = self.cell(cells, column)
            try:
                values[column] = parse_fact(column, raw)
            except ValueError:
                reasons.append(
                    _("{column} '{value}' is not yes or no (or an SEN code K, E or N)").format(
                        column=COLUMN_LABELS[column], value=raw
                    )
                )
        raw_year = self.cell(cells, "year_group")
        try:
            values["year_group"] = parse_year_group(raw_year)
        except ValueError:
            reasons.append(
                _("year group '{y}' is not a school year (N, R, or 1 to 14)").format(y=raw_year)
            )
        joined = ", ".join(
            part for part in (self.cell(cells, c) for c in ("address", "address_2", "town")) if part
        )
        address: str | None = None
        postcode: str | None = None
        try:
            address = _clean("family", "address", joined)
        except FieldError as exc:
            reasons.append(f"{COLUMN_LABELS['address']} {exc}")
        try:
            postcode = _clean("family", "postcode", self.cell(cells, "postcode"))
        except FieldError as exc:
            reasons.append(f"{COLUMN_LABELS['postcode']} {exc}")
        carers = []
        for prefix in ("contact", "contact2"):
            carer = self._carer(cells, prefix, reasons)
            if carer is not None:
                carers.append(carer)
        if reasons:
            return reasons
        return _Pupil(
            row,
            values,
            address,
            postcode,
            carers,
            self._group(cells, values, address, postcode, carers, row),
        )

    def _carer(self, cells: list[str], prefix: str, reasons: list[str]) -> _Carer | None:
        name = self.cell(cells, f"{prefix}_name")
        phone_raw = self.cell(cells, f"{prefix}_phone")
        email_raw = self.cell(cells, f"{prefix}_email")
        relationship = self.cell(cells, f"{prefix}_relationship") or None
        label = COLUMN_LABELS[f"{prefix}_name"]
        if not name:
            if phone_raw or email_raw:
                # Keeping a number with no name to put it against would lose what it is for.
                reasons.append(_("has {label} details but no {label} name").format(label=label))
            return None
        given, family = split_name(name)
        phone = email = None
        try:
            phone = _clean("person", "phone", phone_raw)
        except FieldError as exc:
            reasons.append(f"{COLUMN_LABELS[f'{prefix}_phone']} {exc}")
        try:
            email = _clean("person", "email", email_raw)
        except FieldError as exc:
            reasons.append(f"{COLUMN_LABELS[f'{prefix}_email']} {exc}")
        try:
            given = _clean("person", "given_name", given)
            family = _clean("person", "family_name", family)
            relationship = _clean("person", "relationship", relationship)
        except FieldError as exc:
            reasons.append(f"{label} {exc}")
        return _Carer(given, family, relationship, phone, email)

    def _group(
        self,
        cells: list[str],
        values: dict[str, Any],
        address: str | None,
        postcode: str | None,
        carers: list[_Carer],
        row: int,
    ) -> tuple[str, ...]:
        household = self.cell(cells, "family")
        surname = str(values.get("family_name") or "").casefold()
        if household:
            return ("household", household.casefold())
        if address or postcode:
            flat = re.sub(r"[\s,.]+", " ", (address or "").casefold()).strip()
            return ("address", flat, postcode or "", surname)
        if carers:
            first = carers[0]
            return ("contact", first.given_name.casefold(), first.phone or "", surname)
        return ("row", str(row))


# -- reading the whole list ------------------------------------------------------------------
def read_pupil_rows(
    caseload: Caseload, rows: list[list[str]], mapping: Mapping[str, str] | None = None
) -> tuple[list[_Pupil], dict[str, int], list[str], list[str]]:
    """(pupils, column map, headers, ignored headers) of the list's parsed `rows`;
    RowsRejected listing every bad row.

    Only the list itself is checked here (each row, and a UPN given twice); how the rows
    meet the pupils already in the vault is the refresh's work (pupil_refresh)."""
    header_at = header_index(rows)
    if header_at is None:
        raise InputRejected(_("The file is empty. Nothing was changed."))
    headers = rows[header_at]
    columns, ignored = map_columns(headers, mapping)
    reader = _RowReader(columns, caseload.ctx.today())
    problems: list[tuple[str, str]] = []
    pupils: list[_Pupil] = []
    seen_upn: dict[str, int] = {}
    for index in range(header_at + 1, len(rows)):
        cells = rows[index]
        row = index + 1  # as a spreadsheet numbers it
        if not any(c.strip() for c in cells):
            continue
        where = _("row {n}").format(n=row)
        extra = [c for c in cells[len(headers) :] if c.strip()]
        if extra:
            problems.append(
                (
                    where,
                    _("has {n} cells but the header has {m} columns").format(
                        n=len(cells), m=len(headers)
                    ),
                )
            )
            continue
        result = reader.read(row, cells)
        if isinstance(result, list):
            problems.append((where, "; ".join(result)))
            continue
        upn = result.values.get("upn")
        if upn and upn in seen_upn:
            problems.append(
                (where, _("UPN {upn} is the same as row {n}'s").format(upn=upn, n=seen_upn[upn]))
            )
            continue
        if upn:
            seen_upn[upn] = row
        pupils.append(result)
    if problems:
        raise RowsRejected(problems)
    if not pupils:
        raise InputRejected(_("The pupil list has a header but no pupils. Nothing was changed."))
    return pupils, columns, headers, ignored
