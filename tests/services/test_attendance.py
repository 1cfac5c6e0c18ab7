"""Attendance: the persistent-absence flag and importing a school's attendance export."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain.attendance_rules import attendance_percentage, persistently_absent
from liaison_desktop.interchange.attendance_csv import AttendanceFileRejected
from liaison_desktop.interchange.attendance_import import (
    AttendanceImportRejected,
    import_attendance_csv,
)
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import caseload_on, new_family

UPN_ZOE = "A123456789012"
UPN_KOFI = "J987654321098"


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


@pytest.fixture
def pupils(caseload: Caseload) -> dict[str, str]:
    fid = new_family(caseload, "Mensah family")
    zoe = caseload.people.create(
        {"family_id": fid, "given_name": "Zoë", "role": "pupil", "upn": UPN_ZOE}
    )
    kofi = caseload.people.create(
        {"family_id": fid, "given_name": "Kofi", "role": "pupil", "upn": UPN_KOFI}
    )
    return {"family": fid, UPN_ZOE: zoe.id, UPN_KOFI: kofi.id}


# -- the rule ----------------------------------------------------------------------------------
def test_below_ninety_percent_is_flagged_and_ninety_is_not() -> None:
    assert persistently_absent(899, 1000)  # 89.9%
    assert not persistently_absent(900, 1000)  # 90.0%
    assert persistently_absent(17, 19)  # 89.47%
    assert not persistently_absent(9, 10)


def test_no_possible_sessions_gives_no_figure_and_no_flag() -> None:
    assert attendance_percentage(0, 0) is None
    assert not persistently_absent(0, 0)


@given(possible=st.integers(1, 1000), data=st.data())
def test_flag_agrees_with_the_percentage(possible: int, data: st.DataObject) -> None:
    attended = data.draw(st.integers(0, possible))
    percentage = attendance_percentage(attended, possible)
    assert percentage is not None and 0 <= percentage <= 100
    # Exact rational comparison; the float percentage may round at the boundary.
    assert persistently_absent(attended, possible) == (attended * 10 < possible * 9)
    if abs(percentage - 90) > 1e-9:
        assert persistently_absent(attended, possible) == (percentage < 90)


# -- the service -------------------------------------------------------------------------------
def test_below_threshold_lists_flagged_pupils_lowest_first(
    caseload: Caseload, pupils: dict[str, str]
) -> None:
    caseload.attendance.record(pupils[UPN_ZOE], "Autumn 2024", 1000, 899)
    caseload.attendance.record(pupils[UPN_KOFI], "Autumn 2024", 1000, 900)
    caseload.attendance.record(pupils[UPN_KOFI], "Spring 2025", 100, 50)
    caseload.attendance.record(pupils[UPN_ZOE], "Summer 2025", 0, 0)
    flagged = caseload.attendance.below_threshold()
    assert [(f.person_id, f.period) for f in flagged] == [
        (pupils[UPN_KOFI], "Spring 2025"),
        (pupils[UPN_ZOE], "Autumn 2024"),
    ]
    assert [f.period for f in caseload.attendance.below_threshold("Autumn 2024")] == ["Autumn 2024"]


def test_recording_a_period_again_replaces_the_figures(
    caseload: Caseload, pupils: dict[str, str]
) -> None:
    caseload.attendance.record(pupils[UPN_ZOE], "Autumn 2024", 100, 80)
    caseload.attendance.record(pupils[UPN_ZOE], "autumn 2024 ", 120, 118)
    figures = caseload.attendance.figures_for_person(pupils[UPN_ZOE])
    assert [(f.sessions_possible, f.sessions_attended) for f in figures] == [(120, 118)]
    assert caseload.attendance.figures_for_family(pupils["family"]) == figures


def test_more_sessions_attended_than_possible_is_refused(
    caseload: Caseload, pupils: dict[str, str]
) -> None:
    with pytest.raises(ValidationFailed, match="sessions_attended"):
        caseload.attendance.record(pupils[UPN_ZOE], "Autumn 2024", 10, 11)


# -- importing a school export ----------------------------------------------------------------
GOOD_CSV = (
    "UPN,Forename,Surname,Term,Possible Sessions,Sessions Attended\r\n"
    f"{UPN_ZOE},Zoë,Mensah,Autumn 2024,140,125\r\n"
    f"{UPN_KOFI.lower()},Kofi,Mensah,Autumn 2024,140,133\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_import_in_utf8_or_windows_1252(
    caseload: Caseload, pupils: dict[str, str], encoding: str
) -> None:
    report = import_attendance_csv(caseload, GOOD_CSV.encode(encoding))
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert report.encoding == ("windows-1252" if encoding == "cp1252" else "utf-8")
    assert [f.person_id for f in caseload.attendance.below_threshold()] == [pupils[UPN_ZOE]]
    again = import_attendance_csv(caseload, GOOD_CSV.encode(encoding))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_csv_import_accepts_semicolons_and_other_column_names(
    caseload: Caseload, pupils: dict[str, str]
) -> None:
    data = f"Unique Pupil Number;Sessions possible;Present\n{UPN_ZOE};10;10\n".encode()
    report = import_attendance_csv(caseload, data, default_period="Spring 2025")
    assert report.created == 1
    assert caseload.attendance.figures_for_person(pupils[UPN_ZOE])[0].period == "Spring 2025"


def test_csv_import_is_all_or_nothing_with_a_report_naming_each_row(
    caseload: Caseload, pupils: dict[str, str]
) -> None:
    csv_text = (
        "UPN,Name,Term,Sessions possible,Sessions attended\n"
        f"{UPN_ZOE},Zoë,Autumn 2024,140,125\n"  # row 2: fine
        "F999999999999,Nobody,Autumn 2024,140,120\n"  # row 3: unknown pupil
        f"{UPN_KOFI},Kofi,Autumn 2024,140,150\n"  # row 4: attended > possible
        f"{UPN_KOFI},Kofi,,abc,10\n"  # row 5: no term, not a number
        f"{UPN_ZOE},Zoë,Autumn 2024,140,100\n"  # row 6: duplicate of row 2
    )
    with pytest.raises(AttendanceImportRejected) as caught:
        import_attendance_csv(caseload, csv_text.encode("cp1252"))
    problems = caught.value.problems
    assert [p.row_number for p in problems] == [3, 4, 5, 6]
    message = str(caught.value)
    assert "Nothing was imported" in message
    assert "row 3: no pupil in this vault has the UPN F999999999999" in message
    assert "row 4: 150 sessions attended is more than the 140 possible" in message
    assert "row 5:" in message and "term is empty" in message and "'abc'" in message
    assert "row 6: the same pupil and term already appear on row 2" in message
    assert "Zoë" not in message  # names stay out of messages that may be logged
    assert caseload.attendance.query() == []
    assert caught.value.exit_code == 3


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"UPN,Term\nA123456789012,Autumn\n", "Sessions possible, Sessions attended"),
        (b"\x00\x01\x02PK\x03\x04garbage", "not a CSV"),
        (b"UPN,Sessions possible,Sessions attended\n", "Term"),
    ],
)
def test_an_unreadable_file_is_refused_with_the_reason(
    caseload: Caseload, pupils: dict[str, str], data: bytes, problem: str
) -> None:
    with pytest.raises(AttendanceFileRejected, match=problem):
        import_attendance_csv(caseload, data)
    assert caseload.attendance.query() == []
