"""The lead's Records section: the review queue (keep, destroy, holds) and the schedule editor.

A real lead vault whose caseload's `today()` is fixed, with a case closed in 2010: in 2025 its
notes are past their six years, its concern (pupil born 2004, kept to 25) is not; by 2040
everything is, the family record included, so destroying it is destroying the whole case.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.records.records_view import DestroyDialog, KeepDialog, RecordsView
from liaison_desktop.ui.records.review_queue_model import RECORD, STATUS
from liaison_desktop.ui.section_views import SessionServices, section_builder
from tests.records.case_helpers import Case, close_long_ago, make_case
from tests.services.caseload_helpers import caseload_on

from .ui_helpers import OP_TIMEOUT_MS

CLOSED_ON = date(2010, 7, 20)
LATER = date(2040, 1, 1)  # the concern is due too, and with it the family itself


@pytest.fixture
def case(lead_vault: Vault) -> Case:
    caseload = caseload_on(lead_vault)
    made = make_case(caseload)
    close_long_ago(caseload, made.family_id, CLOSED_ON)
    return made


def _view(qtbot: QtBot, caseload: Caseload) -> RecordsView:
    view = RecordsView(caseload)
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.queue.busy_now and view.queue.model.rowCount() >= 0)
    qtbot.waitUntil(lambda: not view.queue.busy.busy, timeout=OP_TIMEOUT_MS)
    return view


def _listed(view: RecordsView) -> dict[tuple[str, str], list[str]]:
    """(kind, record id) → the row's cells, for every record listed."""
    model = view.queue.model
    out: dict[tuple[str, str], list[str]] = {}
    for case_row in range(model.rowCount()):
        parent = model.index(case_row, 0)
        for row in range(model.rowCount(parent)):
            item = model.item_at(model.index(row, 0, parent))
            assert item is not None
            out[(item.kind, item.record_id)] = [
                str(model.index(row, col, parent).data()) for col in range(model.columnCount())
            ]
    return out


def _reload(qtbot: QtBot, view: RecordsView) -> None:
    qtbot.waitUntil(lambda: not view.queue.busy_now, timeout=OP_TIMEOUT_MS)


def test_queue_lists_the_record_past_its_date_under_its_closed_case(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    view = _view(qtbot, caseload_on(lead_vault))
    model = view.queue.model
    assert model.rowCount() == 1
    assert model.index(0, RECORD).data() == "Okafor family"
    assert "closed 2010-07-20" in model.index(0, 1).data()
    listed = _listed(view)
    note = listed[("note", case.note_id)]
    assert note[:4] == ["Note", "2009-09-01", "2016-07-20", "6 years after the case closed"]
    # The concern is kept until the pupil is 25 (2029): not due in 2025, so not listed.
    assert ("concern", case.concern_id) not in listed
    assert ("family", case.family_id) not in listed
    assert view.queue.tree.accessibleName() == "Review queue"


def test_keep_with_a_reason_takes_the_record_out_until_its_new_date(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    view = _view(qtbot, caseload_on(lead_vault))
    assert view.queue.select(case.family_id, case.note_id)
    view.queue.keep_button.click()
    dialog = view.queue.dialog
    assert isinstance(dialog, KeepDialog) and dialog.isVisible()
    dialog.reason_edit.setPlainText("Sibling's case is still open; keep for context.")
    dialog.until_edit.setDate(QDate(2026, 1, 1))
    dialog.save_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: ("note", case.note_id) not in _listed(view), timeout=OP_TIMEOUT_MS)
    _reload(qtbot, view)
    assert "new review date" in view.queue.notice_label.text()
    decision = caseload_on(lead_vault).retention.due_for_family(case.family_id)
    assert decision is None or all(i.record_id != case.note_id for i in decision.items)

    # On the new date it is back in the queue.
    later = _view(qtbot, caseload_on(lead_vault, today=date(2026, 1, 1)))
    assert ("note", case.note_id) in _listed(later)


def test_keep_without_a_reason_is_refused_and_nothing_changes(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    view = _view(qtbot, caseload_on(lead_vault))
    view.queue.select(case.family_id, case.note_id)
    view.queue.keep_button.click()
    dialog = view.queue.dialog
    assert isinstance(dialog, KeepDialog)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.form.errors["reason"].isVisibleTo(dialog)
    assert lead_vault.conn.execute("SELECT count(*) FROM retention_reviews").fetchone()[0] == 0
    dialog.reject()


def test_destroy_after_confirming_purges_the_record(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    caseload = caseload_on(lead_vault)
    view = _view(qtbot, caseload)
    view.queue.select(case.family_id, case.note_id)
    view.queue.destroy_button.click()
    dialog = view.queue.dialog
    assert isinstance(dialog, DestroyDialog)
    text = dialog.intro.text()
    assert "Note recorded 2009-09-01, of Okafor family" in text
    assert "cannot be undone" in text and "every device" in text
    assert not dialog.whole_case and not dialog.confirm_edit.isVisibleTo(dialog)
    with qtbot.waitSignal(view.queue.destroyed, timeout=OP_TIMEOUT_MS):
        dialog.save_button.click()
    _reload(qtbot, view)
    assert caseload.ctx.store.get("note", case.note_id, include_deleted=True) is None
    assert ("note", case.note_id) not in _listed(view)
    assert "Other devices remove" in view.queue.notice_label.text()
    assert caseload.families.find(case.family_id) is not None  # only the note went


def test_destroying_a_whole_case_needs_the_typed_word_and_removes_the_family(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    caseload = caseload_on(lead_vault, today=LATER)
    view = _view(qtbot, caseload)
    assert ("family", case.family_id) in _listed(view)
    assert view.queue.select(case.family_id)
    view.queue.destroy_button.click()
    dialog = view.queue.dialog
    assert isinstance(dialog, DestroyDialog) and dialog.whole_case
    assert "all" in dialog.intro.text() and "Family record (the case itself)" in dialog.intro.text()
    assert not dialog.save_button.isEnabled()
    dialog.confirm_edit.setText("destroy")  # not the word asked for
    assert not dialog.save_button.isEnabled()
    dialog.confirm_edit.setText("DESTROY")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(view.queue.destroyed, timeout=OP_TIMEOUT_MS) as signal:
        dialog.save_button.click()
    assert signal.args is not None and signal.args[0].family_destroyed
    _reload(qtbot, view)
    assert view.queue.model.rowCount() == 0
    assert caseload.families.find(case.family_id) is None
    assert all(
        r.family_id != case.family_id for r in caseload.caseload_rows.rows(include_closed=True)
    )
    assert caseload.ctx.store.get("concern", case.concern_id, include_deleted=True) is None


def test_a_held_record_is_shown_as_held_and_its_destruction_refused(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    caseload = caseload_on(lead_vault)
    caseload.holds.place(
        case.family_id, reason="Local authority review", record=("note", case.note_id)
    )
    view = _view(qtbot, caseload)
    assert "On legal hold" in _listed(view)[("note", case.note_id)][STATUS]
    view.queue.select(case.family_id, case.note_id)
    view.queue.destroy_button.click()
    assert view.queue.dialog is None  # refused before any confirmation
    assert view.queue.message_label.isVisibleTo(view)
    assert "legal hold" in view.queue.message_label.text()
    assert "Nothing was destroyed" in view.queue.message_label.text()
    assert caseload.ctx.store.get("note", case.note_id) is not None


def test_a_hold_placed_while_confirming_still_stops_the_destruction(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    caseload = caseload_on(lead_vault)
    view = _view(qtbot, caseload)
    view.queue.select(case.family_id, case.note_id)
    view.queue.destroy_button.click()
    dialog = view.queue.dialog
    assert isinstance(dialog, DestroyDialog)
    caseload.holds.place(case.family_id, reason="Court proceedings")  # e.g. from another window
    dialog.save_button.click()
    qtbot.waitUntil(lambda: view.queue.message_label.isVisibleTo(view), timeout=OP_TIMEOUT_MS)
    assert "legal hold" in view.queue.message_label.text()
    assert caseload.ctx.store.get("note", case.note_id) is not None


def test_the_lead_changes_a_retention_rule_and_the_queue_follows(
    qtbot: QtBot, lead_vault: Vault, case: Case
) -> None:
    caseload = caseload_on(lead_vault)
    view = _view(qtbot, caseload)
    schedule = view.schedule
    view.tabs.setCurrentWidget(schedule)
    kinds = [e.kind for e in schedule.model.rows()]
    assert "note" in kinds and "concern" in kinds
    concern_row = schedule.model.rows()[kinds.index("concern")]
    assert concern_row.is_default and concern_row.years == 25
    schedule.select_kind("note")
    assert "default: 6 years after the case closed" in schedule.kind_label.text()
    schedule.years_spin.setValue(20)
    schedule.save_button.click()
    entry = next(e for e in caseload.retention.schedule() if e.kind == "note")
    assert (entry.years, entry.is_default, entry.set_by) == (20, False, "Dana Lead")
    assert "Saved" in schedule.saved_label.text()
    # Closed in 2010 + 20 years: the note is no longer due in 2025.
    view.tabs.setCurrentWidget(view.queue)
    qtbot.waitUntil(lambda: ("note", case.note_id) not in _listed(view), timeout=OP_TIMEOUT_MS)


def _session_window(qtbot: QtBot, vault: Vault, data_dir: Path) -> MainWindow:
    meta = vault.meta()
    window = MainWindow(meta["owner_name"], meta["role"])
    qtbot.addWidget(window)
    services = SessionServices.for_window(
        caseload_on(vault), SettingsService(data_dir), data_dir, window
    )
    # The sections these tests use, built as the session builds them (only those: other
    # areas' views are being changed by their own engineers).
    for key in ("caseload", "records"):
        builder = section_builder(key)
        if key in window.section_keys() and builder is not None:
            window.set_view(key, builder(services))
    return window


def test_officers_do_not_see_the_records_section(
    qtbot: QtBot, vault: Vault, lead_vault: Vault, data_dir: Path
) -> None:
    officer = _session_window(qtbot, vault, data_dir)
    assert "records" not in officer.section_keys()
    assert not officer.findChildren(RecordsView)
    assert "Records" not in [
        officer.navigation.item(i).text() for i in range(officer.navigation.count())
    ]

    lead = _session_window(qtbot, lead_vault, data_dir)
    keys = lead.section_keys()
    assert keys[-3:] == ["records", "concerns", "diary"]
    assert isinstance(lead.view("records"), RecordsView)
    number = keys.index("records") + 1
    shortcuts = [a.shortcut() for a in lead.actions()]
    assert QKeySequence(f"Ctrl+{number}") in shortcuts
    assert lead.navigation.item(keys.index("records")).toolTip() == f"Records (Ctrl+{number})"
    lead.show()
    lead.show_section("records")
    view = lead.view("records")
    assert isinstance(view, RecordsView)
    qtbot.waitUntil(lambda: view.queue.count_label.text() != "", timeout=OP_TIMEOUT_MS)
    assert view.queue.count_label.text() == "Nothing is past its retention date."


def test_open_family_from_the_queue_shows_it_in_the_caseload(
    qtbot: QtBot, lead_vault: Vault, case: Case, data_dir: Path
) -> None:
    window = _session_window(qtbot, lead_vault, data_dir)
    window.show()
    window.show_section("records")
    view = window.view("records")
    assert isinstance(view, RecordsView)
    qtbot.waitUntil(lambda: view.queue.model.rowCount() == 1, timeout=OP_TIMEOUT_MS)
    view.queue.select(case.family_id)
    view.queue.open_button.click()
    assert window.current_section() == "caseload"
    caseload_view = window.view("caseload")
    assert getattr(caseload_view, "open_family_id", None) == case.family_id
