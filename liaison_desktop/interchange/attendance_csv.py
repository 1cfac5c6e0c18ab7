"""Reading attendance from a school information system's CSV export.

Exports differ in column names ("UPN", "Unique Pupil Number"; "Possible Sessions",
"Sessions Possible"; "Term", "Period"), so headers are matched loosely against known
names. Files come as UTF-8 (with or without a byte-order mark) or Windows-1252. Parsing
never touches the vault: it returns rows and per-row problems, and the attendance service
decides whether to write (all or nothing).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from ..errors import InputRejected
from ..i18n import _
from .csv_text import CsvProblem, NotCsvText, decode_csv_bytes

MAX_BYTES = 20 * 1024 * 1024
MAX_SESSIONS = 1000

# Normalised header → the field it means. Normalising drops case, spaces and punctuation.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "upn": ("upn", "uniquepupilnumber", "pupilupn", "pupilnumber"),
    "period": ("period", "term", "attendanceperiod", "reportingperiod", "termname"),
    "sessions_possible": (
        "sessionspossible",
        "possiblesessions",
        "possible",
        "possiblemarks",
        "possibleattendance",
    ),
    "sessions_attended": (
        "sessionsattended",
        "attendedsessions",
        "attended",
        "present",
        "sessionspresent",
        "presentmarks",
        "attendancemarks",
    ),
}
REQUIRED = ("upn", "sessions_possible", "sessions_attended")


@dataclass(frozen=True)
class AttendanceRow:
    """One accepted row: a pupil's sessions for one period."""

    row_number: int  # the line in the file, counting the header as line 1
    upn: str
    period: str
    sessions_possible: int
    sessions_attended: int


@dataclass(frozen=True)
class RowProblem:
    """Why one row was not accepted."""

    row_number: int
    problem: str

    def __str__(self) -> str:
        return _("row {n}: {problem}").format(n=self.row_number, problem=self.problem)


@dataclass
class ParsedAttendance:
    """What a file holds: accepted rows, rejected rows, and the columns that were used."""

    rows: list[AttendanceRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field → header in the file
    encoding: str = "utf-8"


class AttendanceFileRejected(InputRejected):
    """The file cannot be read as an attendance export at all; nothing was changed."""


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and encoding: UTF-8 (BOM allowed), else Windows-1252."""
    if not data.strip():
        raise AttendanceFileRejected(_("The attendance file is empty; nothing was imported."))
    if len(data) > MAX_BYTES:
        raise AttendanceFileRejected(
            _(
                "The attendance file is larger than {mb} MB, which is more than any school "
                "export; nothing was imported. Check that this is the right file."
            ).format(mb=MAX_BYTES // (1024 * 1024))
        )
    try:
        return decode_csv_bytes(data)
    except NotCsvText as exc:
        if exc.problem is CsvProblem.BINARY:
            message = _(
                "This is not a CSV text file (it holds binary data); nothing was imported. "
                "Export the attendance from the school's system as CSV and try again."
            )
        else:
            message = _(
                "The attendance file is neither UTF-8 nor Windows-1252 text; nothing was "
                "imported. Save it as CSV (UTF-8) and try again."
            )
        raise AttendanceFileRejected(message) from None


def _sessions(value: str, label: str) -> tuple[int | None, str | None]:
    text = value.strip()
    if not text:
        return None, _("{column} is empty").format(column=label)
    if not re.fullmatch(r"[0-9]+(\.0+)?", text):
        return None, _("{column} '{value}' is not a whole number").format(column=label, value=text)
    number = int(float(text))
    if number > MAX_SESSIONS:
        return None, _("{column} {value} is more than {max}").format(
            column=label, value=number, max=MAX_SESSIONS
        )
    return number, None


def parse(data: bytes, *, default_period: str | None = None) -> ParsedAttendance:
    """Rows and row problems of an attendance export (the file's own problems raise)."""
    text, encoding = decode(data)
    # The delimiter is the one the header line uses most (some exports use ; or tabs);
    # csv.Sniffer guesses wrongly on short files with few columns.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise AttendanceFileRejected(
            _("The attendance file has no header row; nothing was imported.")
        ) from None
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, raw in enumerate(header):
        key = _normalise(raw)
        for name, aliases in COLUMN_NAMES.items():
            if key in aliases and name not in columns:
                columns[name] = index
                names[name] = raw.strip()
    needed = list(REQUIRED) + ([] if default_period else ["period"])
    missing = [n for n in needed if n not in columns]
    if missing:
        wanted = {
            "upn": "UPN",
            "period": _("Term (or Period)"),
            "sessions_possible": _("Sessions possible"),
            "sessions_attended": _("Sessions attended"),
        }
        raise AttendanceFileRejected(
            _(
                "The attendance file has no column for: {missing}. The columns found were: "
                "{found}. Nothing was imported."
            ).format(
                missing=", ".join(wanted[n] for n in missing),
                found=", ".join(h.strip() for h in header if h.strip()) or _("none"),
            )
        )
    parsed = ParsedAttendance(columns=names, encoding=encoding)
    labels = {
        "sessions_possible": names["sessions_possible"],
        "sessions_attended": names["sessions_attended"],
    }
    try:
        for row_number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue  # blank lines at the end of an export

            def cell(name: str, cells: list[str] = cells) -> str:
                index = columns.get(name)
                return cells[index] if index is not None and index < len(cells) else ""

            problems = []
            upn = cell("upn").strip().upper()
            if not upn:
                problems.append(_("the UPN is empty"))
            period = cell("period").strip() or (default_period or "")
            if not period:
                problems.append(_("the term is empty"))
            elif len(period) > 50:
                problems.append(_("the term is longer than 50 characters"))
            possible, p_problem = _sessions(cell("sessions_possible"), labels["sessions_possible"])
            attended, a_problem = _sessions(cell("sessions_attended"), labels["sessions_attended"])
            problems += [p for p in (p_problem, a_problem) if p]
            if possible is not None and attended is not None and attended > possible:
                problems.append(
                    _("{attended} sessions attended is more than the {possible} possible").format(
                        attended=attended, possible=possible
                    )
                )
            if problems:
                parsed.problems.append(RowProblem(row_number, "; ".join(problems)))
                continue
            if possible is None or attended is None:  # pragma: no cover - problems caught above
                continue
            parsed.rows.append(AttendanceRow(row_number, upn, period, possible, attended))
    except csv.Error as exc:
        raise AttendanceFileRejected(
            _(
                "The attendance file is not valid CSV near line {line}; nothing was imported."
            ).format(line=reader.line_num)
        ) from exc
    return parsed
