"""Importing a school's attendance export (SIMS, Arbor and Bromcom style CSV files).

All or nothing: every row is checked against the vault's pupils first, and only a file with
no problem is written, in one transaction, through the attendance service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputRejected
from ..i18n import _, ngettext
from ..services.attendance_service import attendance_id
from ..services.caseload import Caseload
from . import attendance_csv
from .attendance_csv import RowProblem


@dataclass(frozen=True)
class AttendanceImportReport:
    """What an attendance import did: rows written (new or updated) and the file's encoding."""

    created: int
    updated: int
    unchanged: int
    encoding: str
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def imported(self) -> int:
        """Rows written or confirmed."""
        return self.created + self.updated + self.unchanged

    def describe(self) -> str:
        """What the import did, in a sentence."""
        return _(
            "Attendance imported ({encoding}): {new} new, {changed} changed, {same} unchanged."
        ).format(
            encoding=self.encoding, new=self.created, changed=self.updated, same=self.unchanged
        )


class AttendanceImportRejected(InputRejected):
    """Some rows were not accepted, so nothing was imported; `problems` names each row."""

    def __init__(self, problems: list[RowProblem], accepted: int) -> None:
        self.problems = problems
        self.accepted = accepted
        shown = [f"  {p}" for p in problems[:30]]
        if len(problems) > 30:
            shown.append("  " + _("… and {n} more rows").format(n=len(problems) - 30))
        super().__init__(
            ngettext(
                "Nothing was imported: {n} row of the attendance file was not accepted. "
                "Correct it (or remove it) and import the whole file again.\n{rows}",
                "Nothing was imported: {n} rows of the attendance file were not accepted. "
                "Correct them (or remove them) and import the whole file again.\n{rows}",
                len(problems),
            ).format(n=len(problems), rows="\n".join(shown))
        )


def import_attendance_file(
    caseload: Caseload, path: Path, *, default_period: str | None = None
) -> AttendanceImportReport:
    """Read `path` and import it (an unreadable file is refused plainly; nothing written)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputRejected(
            _("The file {path} could not be read ({reason}); nothing was imported.").format(
                path=path, reason=exc.strerror or type(exc).__name__
            )
        ) from exc
    return import_attendance_csv(caseload, data, default_period=default_period)


def import_attendance_csv(
    caseload: Caseload, data: bytes, *, default_period: str | None = None
) -> AttendanceImportReport:
    """Import an attendance export: every row is written, or (on any problem) none."""
    service = caseload.attendance

    parsed = attendance_csv.parse(data, default_period=default_period)
    problems = list(parsed.problems)
    pupils: dict[str, dict[str, Any]] = {}
    for pupil in caseload.ctx.store.query("person", "upn IS NOT NULL"):
        pupils.setdefault(str(pupil["upn"]), pupil)
    seen: dict[tuple[str, str], int] = {}
    accepted = []
    for row in parsed.rows:
        person = pupils.get(row.upn)
        if person is None:
            problems.append(
                RowProblem(
                    row.row_number,
                    _("no pupil in this vault has the UPN {upn}").format(upn=row.upn),
                )
            )
            continue
        key = (str(person["id"]), row.period.strip().lower())
        if key in seen:
            problems.append(
                RowProblem(
                    row.row_number,
                    _("the same pupil and term already appear on row {n}").format(n=seen[key]),
                )
            )
            continue
        seen[key] = row.row_number
        accepted.append((person, row))
    if problems:
        problems.sort(key=lambda p: p.row_number)
        raise AttendanceImportRejected(problems, len(accepted))
    created = updated = unchanged = 0
    with caseload.ctx.vault.transaction():
        for person, row in accepted:
            record_id = attendance_id(str(person["id"]), row.period)
            before = caseload.ctx.store.get(service.kind, record_id)
            after = service.record(
                str(person["id"]), row.period, row.sessions_possible, row.sessions_attended
            )
            if before is None:
                created += 1
            elif (before["sessions_possible"], before["sessions_attended"]) != (
                after["sessions_possible"],
                after["sessions_attended"],
            ):
                updated += 1
            else:
                unchanged += 1
    return AttendanceImportReport(created, updated, unchanged, parsed.encoding, parsed.columns)
