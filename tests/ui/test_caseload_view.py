"""The Caseload section: the list loads off the GUI thread, filters, sorts and opens families."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.caseload_rows_service import CaseloadRow
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_table_model import (
    COLUMN_COUNT,
    FAMILY_ID_ROLE,
    LAST_CONTACT,
    NAME,
    NEEDS,
    OFFICER,
    OPEN_REFERRALS,
    POSTCODE,
    PUPILS,
    CaseloadFilterProxy,
    CaseloadTableModel,
    prepare_rows,
)
from liaison_desktop.ui.caseload.caseload_view import CaseloadView, build_caseload_section
from liaison_desktop.ui.family.family_summary_view import FamilySummaryView
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices

from .ui_helpers import OP_TIMEOUT_MS, caseload_section

DEVICE = "0123456789abcdef0123456789abcdef"
OTHER_DEVICE = "fedcba9876543210fedcba9876543210"


def make_view(qtbot: QtBot, caseload: Caseload) -> CaseloadView:
    view = CaseloadView(caseload, lambda fid: FamilySummaryView(caseload.families, fid))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading, timeout=OP_TIMEOUT_MS)
    return view


def shown_names(view: CaseloadView) -> list[str]:
    return [str(view.proxy.index(r, NAME).data()) for r in range(view.proxy.rowCount())]


def test_list_loads_every_family_in_the_background_and_says_how_many(
    qtbot: QtBot, vault: Vault
) -> None:
    caseload = Caseload(vault)
    for name in ("Nowak family", "Adeyemi family", "Ó Briain family"):
        caseload.families.create({"name": name})
    view = make_view(qtbot, caseload)
    assert shown_names(view) == ["Adeyemi family", "Nowak family", "Ó Briain family"]
    assert view.count_label.text() == "3 families"
    assert not view.busy.busy


def test_filter_box_officer_and_need_narrow_the_list(qtbot: QtBot, lead_vault: Vault) -> None:
    caseload = Caseload(lead_vault)
    a = caseload.families.create({"name": "Adeyemi family", "needs": ["housing"]}).id
    b = caseload.families.create({"name": "Nowak family", "needs": ["food", "housing"]}).id
    caseload.families.create({"name": "Zielinski family", "needs": ["food"]})
    caseload.allocations.allocate(a, DEVICE, "Priya Shah")
    caseload.allocations.allocate(b, OTHER_DEVICE, "Ffion Jones")
    view = make_view(qtbot, caseload)

    view.filter_edit.setText("nowak")
    qtbot.waitUntil(lambda: shown_names(view) == ["Nowak family"], timeout=OP_TIMEOUT_MS)
    assert view.count_label.text() == "1 of 3 families match"

    view.filter_edit.clear()
    view.need_combo.setCurrentIndex(view.need_combo.findData("housing"))
    view.need_combo.activated.emit(view.need_combo.currentIndex())
    assert shown_names(view) == ["Adeyemi family", "Nowak family"]

    view.officer_combo.setCurrentIndex(view.officer_combo.findData("Priya Shah"))
    view.officer_combo.activated.emit(view.officer_combo.currentIndex())
    assert shown_names(view) == ["Adeyemi family"]


def test_clicking_the_open_referrals_header_sorts_by_it(qtbot: QtBot, vault: Vault) -> None:
    caseload = Caseload(vault)
    busy = caseload.families.create({"name": "Busy family"}).id
    calm = caseload.families.create({"name": "Calm family"}).id
    some = caseload.families.create({"name": "Some family"}).id
    for _ in range(3):
        caseload.referrals.add(busy, "food_bank", status="sent", reason="Test referral")
    caseload.referrals.add(some, "baby_bank", reason="Test referral")
    assert calm
    view = make_view(qtbot, caseload)
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(OPEN_REFERRALS) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    counts = [int(view.proxy.index(r, OPEN_REFERRALS).data()) for r in range(view.proxy.rowCount())]
    assert counts in ([0, 1, 3], [3, 1, 0])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    again = [int(view.proxy.index(r, OPEN_REFERRALS).data()) for r in range(view.proxy.rowCount())]
    assert again == list(reversed(counts))


def test_enter_opens_the_family_and_escape_returns_to_it_in_the_list(
    qtbot: QtBot, vault: Vault
) -> None:
    caseload = Caseload(vault)
    caseload.families.create({"name": "Adeyemi family"})
    target = caseload.families.create({"name": "Nowak family", "strengths": "Loving grandparents"})
    view = make_view(qtbot, caseload)
    view.table.setFocus()
    view.select_family(target.id)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert view.family_frame is not None
    assert view.currentWidget() is view.family_frame
    page = view.family_frame.page
    assert isinstance(page, FamilySummaryView)
    assert page.title_label.text() == "Nowak family"
    # Opening a family is audited as a view.
    assert any(
        e.action == "view" and e.record_id == target.id
        for e in caseload.audit.for_family(target.id)
    )

    qtbot.keyClick(view.family_frame.back_button, Qt.Key.Key_Escape)
    assert view.currentWidget() is view.list_page
    assert view.current_family_id() == target.id


def test_the_section_builder_gives_the_list_a_search_button_and_ctrl_k(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    window = MainWindow("Test Officer", "officer")
    qtbot.addWidget(window)
    services = SessionServices.for_window(
        Caseload(vault), SettingsService(data_dir), data_dir, window
    )
    view = build_caseload_section(services)
    assert isinstance(view, CaseloadView)
    assert view.search_action is not None
    assert view.search_action.shortcut().toString() == "Ctrl+K"
    assert view.search_action in window.actions()


def test_sorting_and_filtering_20000_rows_keeps_every_row_and_the_order(
    qtbot: QtBot,
) -> None:
    rows = [
        CaseloadRow(
            f"id{i:05d}",
            f"Family {i:05d}",
            ("Priya Shah",) if i % 2 else (),
            ("food",) if i % 3 == 0 else (),
            i % 4,
            None,
        )
        for i in range(20_000)
    ]
    model = CaseloadTableModel()
    proxy = CaseloadFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    proxy.sort(OPEN_REFERRALS, Qt.SortOrder.DescendingOrder)
    values = [proxy.index(r, OPEN_REFERRALS).data() for r in range(proxy.rowCount())]
    assert len(values) == 20_000 and values == sorted(values, reverse=True)
    proxy.set_filters("", officer="Priya Shah", need="food")
    ids = {str(proxy.index(r, 0).data(FAMILY_ID_ROLE)) for r in range(proxy.rowCount())}
    assert ids == {f"id{i:05d}" for i in range(20_000) if i % 2 and i % 3 == 0}


def test_every_column_sorts_both_ways_by_its_value_then_name_with_filters_kept() -> None:
    names = ["brown", "Adeyemi", "Brown", "Çelik", "adeyemi", "Zhou"]
    rows = [
        CaseloadRow(
            f"id{i:02d}",
            f"{names[i % len(names)]} family",
            (("Priya Shah",), (), ("Ann Bell", "Priya Shah"))[i % 3],
            (("food",), (), ("uniform", "food"))[i % 3],
            i % 4,
            None if i % 5 == 0 else f"2025-0{1 + i % 3}-1{i % 7}",
            ("LS6 1AA", "", "bd1 2zz")[i % 3],
            (("Omar", "Aisha"), (), ("Zofia",))[i % 3],
        )
        for i in reversed(range(40))
    ]
    expected_key = {
        NAME: lambda r: (r.name.casefold(), r.postcode, r.family_id),
        POSTCODE: lambda r: (r.postcode.casefold(), r.name.casefold(), r.family_id),
        PUPILS: lambda r: (", ".join(r.pupils).casefold(), r.name.casefold(), r.family_id),
        OFFICER: lambda r: (", ".join(r.officers).casefold(), r.name.casefold(), r.family_id),
        NEEDS: lambda r: (", ".join(r.needs), r.name.casefold(), r.family_id),
        OPEN_REFERRALS: lambda r: (r.open_referrals, r.name.casefold(), r.family_id),
        LAST_CONTACT: lambda r: (r.last_contact or "", r.name.casefold(), r.family_id),
    }
    model = CaseloadTableModel()
    proxy = CaseloadFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(prepare_rows(rows))  # as the view's worker hands them over
    proxy.set_filters("", officer="Priya Shah")
    kept = [r for r in rows if "Priya Shah" in r.officers]
    for column in range(COLUMN_COUNT):
        ascending = [r.family_id for r in sorted(kept, key=expected_key[column])]
        for order, ids in (
            (Qt.SortOrder.AscendingOrder, ascending),
            (Qt.SortOrder.DescendingOrder, ascending[::-1]),
        ):
            proxy.sort(column, order)
            shown = [str(proxy.index(r, 0).data(FAMILY_ID_ROLE)) for r in range(proxy.rowCount())]
            assert shown == ids, (column, order)
    model.set_rows(rows[:3])  # a new load keeps the last sort (LAST_CONTACT, descending)
    proxy.set_filters("")
    shown = [str(proxy.index(r, 0).data(FAMILY_ID_ROLE)) for r in range(proxy.rowCount())]
    assert shown == [r.family_id for r in sorted(rows[:3], key=expected_key[LAST_CONTACT])][::-1]


def test_a_family_that_cannot_be_opened_is_explained_and_a_bug_reaches_the_crash_reporter(
    qtbot: QtBot, vault: Vault
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from liaison_desktop.errors import NotFound

    caseload = Caseload(vault)
    family_id = caseload.families.create({"name": "Okafor family"}).id

    def gone(_fid: str) -> FamilySummaryView:
        raise NotFound("This family is no longer in the vault.")

    view = CaseloadView(caseload, gone)
    qtbot.addWidget(view)
    view.open_family(family_id)  # a foreseen refusal: a message, the list stays
    boxes = [b for b in view.findChildren(QMessageBox) if "no longer" in b.text()]
    assert boxes and view.open_family_id is None

    def broken(_fid: str) -> FamilySummaryView:
        raise KeyError("a bug in a tab")

    view = CaseloadView(caseload, broken)
    qtbot.addWidget(view)
    # Not swallowed behind a generic box: it propagates to sys.excepthook (the crash dialog).
    with pytest.raises(KeyError):
        view.open_family(family_id)


def test_a_family_added_while_the_list_is_shown_appears_without_going_anywhere(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    view = caseload_section(qtbot, caseload, data_dir)
    qtbot.waitUntil(lambda: not view.loading, timeout=OP_TIMEOUT_MS)

    # Two writes in quick succession: the second lands while the first one's read is running.
    first = caseload.families.create({"name": "Mensah family"}).id
    second = caseload.families.create({"name": "Ionescu family"}).id

    qtbot.waitUntil(
        lambda: view.model.row_of(first) >= 0 and view.model.row_of(second) >= 0,
        timeout=OP_TIMEOUT_MS,
    )


def test_a_table_column_sorts_by_its_sort_key_not_its_text(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    from liaison_desktop.ui.family.common import Column, RowsModel, RowsTable

    model: RowsModel[int] = RowsModel(
        [Column("Sessions", lambda n: f"{n} sessions", sort_key=lambda n: n)]
    )
    table = RowsTable(model, "Sessions")
    qtbot.addWidget(table)
    table.setSortingEnabled(True)
    model.set_rows([9, 10, 100, 2])
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [table.proxy.index(r, 0).data() for r in range(4)]
    # By text, "10 sessions" < "100 sessions" < "2 sessions" < "9 sessions".
    assert shown == ["2 sessions", "9 sessions", "10 sessions", "100 sessions"]


def test_the_lead_allocates_a_family_to_an_officer_by_name(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from liaison_desktop.services.sync_service import SyncService
    from liaison_desktop.ui.caseload.allocate_dialog import AllocateDialog
    from tests.sync.world import create_member

    officer = create_member(tmp_path / "others", "Sam Officer", "officer")
    caseload = Caseload(lead_vault)
    SyncService(caseload.ctx).add_peer(None, officer.public_key)
    family_id = caseload.families.create({"name": "Novak family"}).id

    view = caseload_section(qtbot, caseload, data_dir, owner="Dana Lead", role="lead")
    qtbot.waitUntil(lambda: view.model.row_of(family_id) >= 0, timeout=OP_TIMEOUT_MS)
    assert view.allocate_button.isVisible() and not view.allocate_button.isEnabled()
    assert view.select_family(family_id)
    assert view.allocate_button.isEnabled()

    qtbot.mouseClick(view.allocate_button, Qt.MouseButton.LeftButton)
    dialog = view.allocate_dialog
    assert isinstance(dialog, AllocateDialog)
    assert dialog.officer_combo.currentText() == "Sam Officer"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    (allocation,) = caseload.allocations.for_family(family_id)
    assert allocation["device_id"] == officer.device_id
    assert allocation["officer_name"] == "Sam Officer"
    qtbot.waitUntil(
        lambda: (
            "Sam Officer" in str(view.model.index(view.model.row_of(family_id), OFFICER).data())
        ),
        timeout=OP_TIMEOUT_MS,
    )


def test_the_lead_allocates_several_families_at_once_and_takes_them_back(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from liaison_desktop.services.sync_service import SyncService
    from liaison_desktop.ui.caseload.allocate_dialog import AllocateDialog
    from tests.sync.world import create_member

    officer = create_member(tmp_path / "others", "Sam Officer", "officer")
    caseload = Caseload(lead_vault)
    SyncService(caseload.ctx).add_peer(None, officer.public_key)
    first = caseload.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    caseload.people.create({"family_id": first, "given_name": "Aisha", "role": "pupil"})
    second = caseload.families.create({"name": "Ali family", "postcode": "BD1 2ZZ"}).id
    untouched = caseload.families.create({"name": "Zed family"}).id

    view = caseload_section(qtbot, caseload, data_dir, owner="Dana Lead", role="lead")
    qtbot.waitUntil(lambda: view.model.row_of(untouched) >= 0, timeout=OP_TIMEOUT_MS)
    # Same-named families are told apart in the list itself.
    shown = {
        view.proxy.index(r, POSTCODE).data(): view.proxy.index(r, PUPILS).data()
        for r in range(view.proxy.rowCount())
    }
    assert shown["LS6 1AA"] == "Aisha" and shown["BD1 2ZZ"] == ""

    # Select the two Ali families with the keyboard: the first, then Shift+Down.
    view.table.setFocus()
    view.select_family(first if view.proxy.index(0, POSTCODE).data() == "LS6 1AA" else second)
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert set(view.selected_family_ids()) == {first, second}
    assert not view.take_back_button.isEnabled()  # nothing selected is allocated yet

    qtbot.mouseClick(view.allocate_button, Qt.MouseButton.LeftButton)
    dialog = view.allocate_dialog
    assert isinstance(dialog, AllocateDialog)
    assert dialog.windowTitle() == "Allocate 2 families"
    assert "Ali family · LS6 1AA · Aisha" in dialog.families_label.text()
    assert "Ali family · BD1 2ZZ" in dialog.families_label.text()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert [len(caseload.allocations.for_family(f)) for f in (first, second, untouched)] == [
        1,
        1,
        0,
    ]
    qtbot.waitUntil(
        lambda: view.model.row_at(view.model.row_of(first)).officers == ("Sam Officer",),
        timeout=OP_TIMEOUT_MS,
    )
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert view.take_back_button.isEnabled()
    qtbot.mouseClick(view.take_back_button, Qt.MouseButton.LeftButton)
    box = view.take_back_box
    assert box is not None and "Take these 2 families back?" in box.text()
    assert "from Sam Officer" in box.text()
    take = next(b for b in box.buttons() if b.text() == "&Take back")
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    assert caseload.allocations.for_family(first) == []
    assert caseload.allocations.for_family(second) == []


def test_allocating_several_families_is_all_or_nothing(lead_vault: Vault, tmp_path: Path) -> None:
    from liaison_desktop.errors import LiaisonError
    from liaison_desktop.services.sync_service import SyncService
    from tests.sync.world import create_member

    officer = create_member(tmp_path / "others", "Sam Officer", "officer")
    caseload = Caseload(lead_vault)
    SyncService(caseload.ctx).add_peer(None, officer.public_key)
    real = caseload.families.create({"name": "Ali family"}).id
    with pytest.raises(LiaisonError):
        # The second family does not exist: refused after the first was written.
        caseload.allocations.allocate_many([real, "0" * 32], officer.device_id)
    assert caseload.allocations.for_family(real) == []


def test_an_allocation_made_without_a_name_takes_the_paired_officers_name(
    lead_vault: Vault, tmp_path: Path
) -> None:
    from liaison_desktop.services.sync_service import SyncService
    from tests.sync.world import create_member

    officer = create_member(tmp_path / "others", "Priya Officer", "officer")
    caseload = Caseload(lead_vault)
    SyncService(caseload.ctx).add_peer(None, officer.public_key)
    family_id = caseload.families.create({"name": "Okafor family"}).id
    caseload.allocations.allocate(family_id, officer.device_id)  # as `liaison allocate` does
    (allocation,) = caseload.allocations.for_family(family_id)
    assert allocation["officer_name"] == "Priya Officer"  # not "da52dab0…"


def test_an_officer_sees_no_allocate_button(qtbot: QtBot, vault: Vault) -> None:
    view = make_view(qtbot, Caseload(vault))
    assert not view.allocate_button.isVisibleTo(view)


def test_attendance_is_imported_from_the_caseload_through_the_file_dialog(
    qtbot: QtBot, vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    from liaison_desktop.services.caseload import Caseload

    caseload = Caseload(vault)
    fid = caseload.families.create({"name": "Mensah family"}).id
    zoe = caseload.people.create(
        {"family_id": fid, "given_name": "Zoe", "role": "pupil", "upn": "A123456789012"}
    )
    export = tmp_path / "attendance.csv"
    export.write_text(
        "UPN,Term,Possible Sessions,Sessions Attended\r\nA123456789012,Autumn 2026,140,112\r\n"
    )
    view = caseload_section(qtbot, caseload, data_dir)
    view.attendance_button.setFocus()
    qtbot.keyClick(view.attendance_button, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(view.attendance_dialog, QFileDialog))
    chooser = view.attendance_dialog
    assert isinstance(chooser, QFileDialog)
    qtbot.waitUntil(chooser.isVisible)
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    name.setText(str(export))
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Attendance imported" in view.import_label.text())
    assert "1 new" in view.import_label.text()
    (figure,) = caseload.attendance.figures_for_person(zoe.id)
    assert (figure.period, figure.sessions_attended) == ("Autumn 2026", 112)
    # A file naming a pupil the vault does not have: refused whole, said in the error colour.
    export.write_text(
        "UPN,Term,Possible Sessions,Sessions Attended\r\nZ999999999999,Autumn 2026,140,1\r\n"
    )
    view.import_attendance(export)
    qtbot.waitUntil(view.import_problem_label.isVisible)
    assert "Nothing was imported" in view.import_problem_label.text()
    assert not view.import_label.isVisible()
