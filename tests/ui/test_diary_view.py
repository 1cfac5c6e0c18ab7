"""The Diary section with real widgets and events: a week with a clash said in words, a
visit rescheduled with the keyboard (the clash warned of first), a visit dragged onto another
day, a calendar file written through the save dialog, and reminders said once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import icalendar
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.ui.diary.diary_view import VISIT_MIME, DiaryView, ExportDialog
from liaison_desktop.ui.family.visit_dialogs import VisitDialog
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.reminders import ReminderNotifier
from liaison_desktop.ui.section_views import SessionServices

from .family_fixtures import caseload_fixture  # noqa: F401  (fixture, used by name)
from .ui_helpers import activate

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def _diary(qtbot: QtBot, caseload: Caseload, data_dir: Path) -> tuple[MainWindow, DiaryView]:
    window = MainWindow("Test Officer", "officer")
    qtbot.addWidget(window)
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    from liaison_desktop.ui.diary.diary_view import build_diary_section

    view = build_diary_section(services)
    assert isinstance(view, DiaryView)
    window.set_view("diary", view)
    window.show()
    activate(qtbot, window)
    # Ctrl+8: the Diary, last of an officer's sections.
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.isVisible)
    qtbot.waitUntil(lambda: not view.loading)
    return window, view


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


def test_a_week_with_a_clash_rescheduled_with_the_keyboard(
    qtbot: QtBot, caseload: Caseload, data_dir: Path
) -> None:
    monday = _monday()
    family = caseload.families.create({"name": "Okafor family"}).id
    other = caseload.families.create({"name": "Brennan family"}).id
    first = caseload.visits.plan(family, monday + timedelta(days=7), time="10:00")
    second = caseload.visits.plan(other, monday + timedelta(days=7), time="10:30")
    caseload.actions.add(family, "Phone the GP", due=monday + timedelta(days=8))
    _window, view = _diary(qtbot, caseload, data_dir)
    # Alt+X: next week.
    view.next_button.setFocus()
    _key(qtbot, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: view.period()[0] == monday + timedelta(days=7))
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    states = [view.model.index(r, 5).data() for r in range(3)]
    assert states[:2] == ["⚠ clashes with another visit"] * 2
    assert view.model.index(2, 3).data() == "Action due: Phone the GP"

    # The second visit, Alt+R: the dialog warns of the clash once; a new time saves.
    view.table.setFocus()
    view.table.select_first(lambda i: i.record_id == second.id)
    _key(qtbot, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), VisitDialog))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, VisitDialog)
    _key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "clashes with your visit at 10:00" in (
        dialog.form.errors["time"].text()
    )
    _key(qtbot, Qt.Key.Key_T, ALT)
    time_edit = QApplication.focusWidget()
    assert time_edit is dialog.time_edit or time_edit.parent() is dialog.time_edit
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("14:00", "HH:mm"))
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert caseload.visits.get(second.id)["time"] == "14:00"
    qtbot.waitUntil(lambda: view.model.index(0, 5).data() == "Planned")
    assert caseload.visits.get(first.id)["time"] == "10:00"


def test_a_visit_dropped_on_a_day_moves_there(
    qtbot: QtBot, caseload: Caseload, data_dir: Path
) -> None:
    monday = _monday() + timedelta(days=7)
    family = caseload.families.create({"name": "Okafor family"}).id
    visit = caseload.visits.plan(family, monday, time="10:00")
    _window, view = _diary(qtbot, caseload, data_dir)
    view.calendar.setSelectedDate(view.calendar.selectedDate().addDays(7))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    grid = view.calendar.findChild(QAbstractItemView)
    assert grid is not None
    # The cell of Wednesday that week: found by walking the grid's cells.
    target = monday + timedelta(days=2)
    model = grid.model()
    cell = next(
        grid.visualRect(model.index(r, c))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.index(r, c).data() == target.day
        and (r > 0 or target.day < 20)
        and (r < 5 or target.day > 10)
    )
    mime = QMimeData()
    mime.setData(VISIT_MIME, visit.id.encode())
    # What a drag from the diary's table delivers to the calendar: enter, then drop.
    enter = QDragEnterEvent(
        cell.center(), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, NONE
    )
    QApplication.sendEvent(grid.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(cell.center()), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, NONE
    )
    QApplication.sendEvent(grid.viewport(), drop)
    qtbot.waitUntil(lambda: caseload.visits.get(visit.id)["date"] == target.isoformat())
    assert caseload.visits.get(visit.id)["time"] == "10:00"
    assert "Visit moved" in view.notice.text()


def test_the_calendar_file_goes_through_the_save_dialog(
    qtbot: QtBot, caseload: Caseload, data_dir: Path, tmp_path: Path
) -> None:
    family = caseload.families.create({"name": "Okafor family"}).id
    caseload.visits.plan(family, date.today() + timedelta(days=1), time="09:30")
    _window, view = _diary(qtbot, caseload, data_dir)
    view.export_button.setFocus()
    _key(qtbot, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: isinstance(view.dialog, ExportDialog) and view.dialog.isVisible())
    export = view.dialog
    assert isinstance(export, ExportDialog) and not export.names_check.isChecked()
    activate(qtbot, export)  # the keyboard in the dialog before Return (it opens async)
    qtbot.waitUntil(lambda: export.isAncestorOf(QApplication.focusWidget()))
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(view.save_dialog, QFileDialog))
    chooser = view.save_dialog
    assert isinstance(chooser, QFileDialog)
    qtbot.waitUntil(chooser.isVisible)
    target = tmp_path / "my-week.ics"
    name_edit = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name_edit is not None
    name_edit.setText(str(target))
    qtbot.keyClick(name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(target.exists)
    calendar = icalendar.Calendar.from_ical(target.read_text())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Home visit"
    assert "Okafor" not in target.read_text()
    assert "1 visits written" in view.notice.text()


def test_a_reminder_is_said_once_in_the_window(
    qtbot: QtBot, caseload: Caseload, data_dir: Path
) -> None:
    soon = (datetime.now() + timedelta(minutes=10)).replace(second=0, microsecond=0)
    if soon.date() != date.today():  # just before midnight: a visit "today" cannot be soon
        soon = datetime.combine(date.today(), time(23, 59))
    family = caseload.families.create({"name": "Okafor family"}).id
    caseload.visits.plan(family, soon.date(), time=soon.strftime("%H:%M"))
    window, _view = _diary(qtbot, caseload, data_dir)
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    notifier = ReminderNotifier(services, window)
    notifier.check()
    qtbot.waitUntil(lambda: any(r.kind == "visit_soon" for r in notifier.said.values()))
    assert "Visit at" in window.statusBar().currentMessage()
    assert "Okafor" not in window.statusBar().currentMessage()
    said = dict(notifier.said)
    window.statusBar().clearMessage()
    notifier.check()
    qtbot.waitUntil(lambda: not notifier._op.running)  # type: ignore[union-attr]
    assert notifier.said == said and window.statusBar().currentMessage() == ""


def test_many_reminders_of_one_kind_come_as_one(
    qtbot: QtBot, caseload: Caseload, data_dir: Path
) -> None:
    family = caseload.families.create({"name": "Okafor family"}).id
    for scope in ("GP", "nurse", "housing", "food bank", "early help"):
        caseload.consents.give(
            family, f"Share with {scope}", "Mum", expires=date.today() + timedelta(days=3)
        )
    window, _view = _diary(qtbot, caseload, data_dir)
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    notifier = ReminderNotifier(services, window)
    notifier.check()
    qtbot.waitUntil(lambda: len(notifier.said) == 5)
    assert window.statusBar().currentMessage().startswith("Consent expiring (5)")
    assert notifier.last is None  # a click on the grouped one opens no single family
