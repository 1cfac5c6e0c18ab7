"""Issue 23's acceptance in the app: a trust lead with two schools adds them in Settings,
filters the caseload and the concerns by school, and makes one school's caseload overview —
each with the keyboard."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.profile_service import ProfileService
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.concerns.concerns_queue_view import ConcernsQueueView
from liaison_desktop.ui.reports.report_dialog import ReportDialog
from liaison_desktop.ui.settings.settings_view import SettingsView
from tests.external_tools import tool

from .test_reports_view import _save_through_file_dialog
from .ui_helpers import OP_TIMEOUT_MS, activate, caseload_section

ALT = Qt.KeyboardModifier.AltModifier


def _trust(c: Caseload) -> dict[str, str]:
    hill = c.schools.add("Hillside Primary").id
    vale = c.schools.add("Vale Academy").id
    a = c.families.create({"name": "Ashworth family", "school_id": hill}).id
    b = c.families.create({"name": "Brennan family", "school_id": vale}).id
    c.concerns.raise_concern(a, "Hungry at breakfast club")
    c.concerns.raise_concern(b, "Late every day")
    return {"hill": hill, "vale": vale, "a": a, "b": b}


def test_the_lead_adds_schools_in_settings_with_the_keyboard(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    c = Caseload(lead_vault)
    view = SettingsView(SettingsService(data_dir), ProfileService(c.ctx), "lead", caseload=c)
    qtbot.addWidget(view)
    view.show()
    activate(qtbot, view)
    box = view.schools_box
    assert box is not None
    qtbot.keyClick(view, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(box.name_edit.hasFocus)  # type: ignore[attr-defined]
    for name in ("Hillside Primary", "Vale Academy"):
        qtbot.keyClicks(box.name_edit, name)  # type: ignore[attr-defined]
        qtbot.keyClick(box.name_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert [s["name"] for s in c.schools.all()] == ["Hillside Primary", "Vale Academy"]
    assert box.list.count() == 2  # type: ignore[attr-defined]


def test_a_trust_lead_filters_the_caseload_and_concerns_and_reports_one_school(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path, tmp_path: Path
) -> None:
    c = Caseload(lead_vault)
    ids = _trust(c)
    view = caseload_section(qtbot, c, data_dir, owner="Dana Lead", role="lead")
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 2, timeout=OP_TIMEOUT_MS)
    assert view.school_combo.isVisible()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_H, ALT)
    qtbot.waitUntil(view.school_combo.hasFocus)
    qtbot.keyClick(view.school_combo, Qt.Key.Key_Down)  # Hillside Primary (a person's choice)
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1)
    assert view.proxy.index(0, 0).data() == "Ashworth family"

    queue = ConcernsQueueView(c)
    qtbot.addWidget(queue)
    queue.show()
    qtbot.waitUntil(lambda: queue.model.rowCount() == 2)
    activate(qtbot, queue)
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_H, ALT)
    qtbot.waitUntil(queue.school_combo.hasFocus)
    qtbot.keyClick(queue.school_combo, Qt.Key.Key_End)  # Vale Academy
    assert queue.school_combo.currentData() == ids["vale"]
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1)
    assert queue.table.current().concern["family_id"] == ids["b"]  # type: ignore[union-attr]

    dialog = ReportDialog(c, kind="caseload_overview")
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    assert dialog.trust_school_combo.isVisible()
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_H, ALT)
    qtbot.waitUntil(dialog.trust_school_combo.hasFocus)
    qtbot.keyClick(dialog.trust_school_combo, Qt.Key.Key_End)  # Vale Academy
    assert dialog.trust_school_combo.currentData() == ids["vale"]
    out = tmp_path / "vale.pdf"
    _save_through_file_dialog(qtbot, dialog, out)
    text = " ".join(
        subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True, text=True,
                       check=True).stdout.split()
    )  # fmt: skip
    assert "Caseload overview: Vale Academy" in text and "1 families" in text
    dialog.done(0)


def test_today_shows_one_schools_day(qtbot: QtBot, lead_vault: Vault) -> None:
    from liaison_desktop.ui.today.today_view import TodayView

    c = Caseload(lead_vault)
    ids = _trust(c)  # two concerns waiting: one family at each school
    view = TodayView(c, lambda _fid: None)
    qtbot.addWidget(view)
    view.show()
    activate(qtbot, view)
    qtbot.waitUntil(lambda: view.snapshot is not None and not view.loading, timeout=OP_TIMEOUT_MS)
    assert view.concerns_group.model.rowCount() == 2
    assert view.school_combo.isVisible()
    view.school_combo.setFocus()
    qtbot.keyClick(view.school_combo, Qt.Key.Key_End)  # Vale Academy
    assert view.school_combo.currentData() == ids["vale"]
    assert view.concerns_group.model.rowCount() == 1
    qtbot.keyClick(view.school_combo, Qt.Key.Key_Home)  # all schools
    assert view.concerns_group.model.rowCount() == 2


def test_a_refusal_is_red_and_the_next_news_is_not(
    qtbot: QtBot, lead_vault: Vault, data_dir: Path
) -> None:
    from PySide6.QtGui import QPalette

    c = Caseload(lead_vault)
    view = SettingsView(SettingsService(data_dir), ProfileService(c.ctx), "lead", caseload=c)
    qtbot.addWidget(view)
    view.show()
    box = view.schools_box
    assert box is not None
    role = QPalette.ColorRole.WindowText
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert "Type a name first" in box.message.text()  # type: ignore[attr-defined]
    assert box.message.palette().color(role) != box.palette().color(role)  # type: ignore[attr-defined]
    box.name_edit.setText("Vale Academy")  # type: ignore[attr-defined]
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert "Added: Vale Academy" in box.message.text()  # type: ignore[attr-defined]
    assert box.message.palette().color(role) == box.palette().color(role)  # type: ignore[attr-defined]
