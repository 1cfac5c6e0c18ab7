"""The officer's week through the real app, keyboard only: a reminder comes; the diary shows
next week and a visit is moved; a visit found nobody in is recorded with what was done; an
action is agreed and completed; a case plan gets a goal and a review; a letter and the day's
run sheet are saved as PDF; the vault is locked."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.diary.diary_view import DiaryView
from liaison_desktop.ui.family.action_dialogs import ActionDialog, CompleteActionDialog
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.family.letter_dialog import LetterDialog
from liaison_desktop.ui.family.plan_tab import GoalDialog, ReviewDialog
from liaison_desktop.ui.family.visit_dialogs import VisitDialog
from liaison_desktop.ui.family.visit_outcome_dialog import VisitOutcomeDialog
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.reminders import ReminderNotifier
from liaison_desktop.ui.reports.report_dialog import ReportDialog
from liaison_desktop.ui.reports.reports_view import ReportsView

from .driver import Driver
from .journeys import ALT, CTRL, PASSPHRASE, SHIFT, Journey, unlock

NONE = Qt.KeyboardModifier.NoModifier


def soon() -> str:
    """A time about ten minutes from now, today (the reminder's window is 30 minutes)."""
    moment = datetime.now() + timedelta(minutes=10)
    return moment.strftime("%H:%M") if moment.date() == date.today() else "23:59"


def week_vault(data_dir: Path) -> None:
    vault, _key = Vault.create(
        data_dir, PASSPHRASE, owner_name="Sam Officer", role="officer", kdf_target_seconds=0
    )
    with vault:
        c = Caseload(vault)
        nowak = c.families.create({"name": "Nowak family", "postcode": "LS6 1AA"}).id
        c.people.create({"family_id": nowak, "given_name": "Anna", "family_name": "Nowak",
                         "role": "carer"})  # fmt: skip
        c.people.create({"family_id": nowak, "given_name": "Zofia", "family_name": "Nowak",
                         "role": "pupil"})  # fmt: skip
        c.visits.plan(nowak, date.today(), purpose="Attendance check", time=soon())
        begum = c.families.create(
            {"name": "Begum family", "postcode": "LS8 3QB", "access_notes": "Side door"}
        ).id
        c.visits.plan(begum, date.today(), purpose="Uniform fitting", time="23:59")
        okafor = c.families.create({"name": "Okafor family", "postcode": "LS7 2BB"}).id
        monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(days=7)
        c.visits.plan(okafor, monday, purpose="Housing letter", time="10:00")


W = TypeVar("W", bound=QWidget)


def active(d: Driver, kind: type[W]) -> W:
    """The window of `kind` once it is the active one."""
    d.wait_until(lambda: isinstance(QApplication.activeWindow(), kind), f"a {kind.__name__}")
    window = QApplication.activeWindow()
    assert isinstance(window, kind)
    d.activate(window)
    return window


def open_family(d: Driver, window: MainWindow, typed: str, *, families: int) -> FamilyPage:
    """Ctrl+2 (the caseload of `families`), Alt+F and `typed` to leave one family, Tab on past
    the filters to the list, Enter: its page."""
    d.key(Qt.Key.Key_2, CTRL)
    caseload = window.view("caseload")
    assert isinstance(caseload, CaseloadView)
    d.wait_until(lambda: caseload.model.rowCount() == families, "the caseload list")
    d.key(Qt.Key.Key_F, ALT)
    d.type(typed)
    d.wait_until(lambda: caseload.proxy.rowCount() == 1, "one family left")
    for _press in range(12):  # Tab on past the filters to the list
        if QApplication.focusWidget() is caseload.table:
            break
        d.key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is caseload.table
    if not caseload.table.currentIndex().isValid():
        d.key(Qt.Key.Key_Down)
    d.key(Qt.Key.Key_Return)
    assert caseload.family_frame is not None
    page = caseload.family_frame.page
    assert isinstance(page, FamilyPage)
    return page


def save_as(d: Driver, path: Path) -> None:
    """In the save dialog that is open: type the whole path, press Return."""
    chooser = active(d, QFileDialog)
    assert isinstance(chooser, QFileDialog)
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    d.wait_until(name.hasFocus, "the file name field")
    d.key(Qt.Key.Key_A, CTRL)
    d.type(str(path))
    d.key(Qt.Key.Key_Return)
    d.wait_until(path.exists, f"{path.name} to be written")


def officer_week(data_dir: Path, out: Path, d: Driver) -> Journey:
    week_vault(data_dir)
    controller, window = unlock(d, data_dir)

    # A reminder comes by itself: the visit starts soon (the words name no family).
    notifier = controller.reminders
    assert isinstance(notifier, ReminderNotifier)
    d.wait_until(
        lambda: any(r.kind == "visit_soon" for r in notifier.said.values()), "the reminder"
    )
    message = window.statusBar().currentMessage()
    assert message.startswith("Visit at") and "Nowak" not in message
    d.step("reminder", window)

    # Ctrl+8: the diary; Alt+X: next week, with the Okafor visit; Alt+R moves it to 14:00.
    d.key(Qt.Key.Key_8, CTRL)
    diary = window.view("diary")
    assert isinstance(diary, DiaryView)
    d.wait_until(lambda: not diary.loading, "the diary")
    next_monday = date.today() - timedelta(days=date.today().weekday()) + timedelta(days=7)
    d.key(Qt.Key.Key_X, ALT)
    d.wait_until(
        lambda: (
            diary.period()[0] == next_monday
            and not diary.loading
            and [i.family for i in diary.items] == ["Okafor family"]
        ),
        "next week's visit",
    )
    diary.table.setFocus()
    d.key(Qt.Key.Key_Down)
    d.key(Qt.Key.Key_R, ALT)
    move = active(d, VisitDialog)
    assert isinstance(move, VisitDialog)
    d.key(Qt.Key.Key_T, ALT)  # the time: its hour is selected; typing replaces it
    d.wait_until(lambda: move.time_edit.hasFocus(), "the time field")
    d.type("14")
    d.wait_until(lambda: move.time_edit.time().hour() == 14, "the hour typed")
    d.key(Qt.Key.Key_Return)
    d.wait_until(lambda: not move.isVisible(), "the visit to be moved")
    d.activate(window)
    d.wait_until(lambda: diary.model.index(0, 1).data() == "14:00", "the diary to show 14:00")
    d.step("diary", window)

    # Ctrl+2, type the name, Enter: the family; Alt+3, the visit, Alt+T: no access.
    page = open_family(d, window, "nowak", families=3)
    d.key(Qt.Key.Key_3, ALT)
    notes = page.notes
    notes.table.setFocus()
    d.key(Qt.Key.Key_Down)
    d.key(Qt.Key.Key_T, ALT)
    outcome = active(d, VisitOutcomeDialog)
    assert isinstance(outcome, VisitOutcomeDialog)
    d.key(Qt.Key.Key_N, ALT)
    d.wait_until(lambda: outcome.chosen() == "no_access", "No access chosen")
    d.key(Qt.Key.Key_Tab)  # from the outcomes to what was done: "Card left" first
    assert QApplication.focusWidget() is outcome.step_checks["card_left"]
    d.key(Qt.Key.Key_Space)
    d.key(Qt.Key.Key_W, ALT)
    d.type("No answer, curtains drawn")
    d.step("no-access", outcome)
    d.key(Qt.Key.Key_Return)
    d.wait_until(lambda: not outcome.isVisible(), "the outcome to be saved")
    d.activate(window)

    # Alt+5: Actions; Alt+N agrees one, Alt+D marks it done.
    d.key(Qt.Key.Key_5, ALT)
    actions = page.actions_tab
    d.key(Qt.Key.Key_N, ALT)
    agree = active(d, ActionDialog)
    d.type("Phone Anna to rebook")
    d.key(Qt.Key.Key_Return)
    d.wait_until(lambda: not agree.isVisible(), "the action to be agreed")
    d.activate(window)
    actions.table.setFocus()
    d.key(Qt.Key.Key_Down)
    d.key(Qt.Key.Key_D, ALT)
    done = active(d, CompleteActionDialog)
    d.type("Rebooked for Thursday")
    d.key(Qt.Key.Key_Return)
    d.wait_until(lambda: not done.isVisible(), "the action to be done")
    d.activate(window)
    d.step("actions", window)

    # Alt+6: the plan; Alt+N a goal, Alt+P a review.
    d.key(Qt.Key.Key_6, ALT)
    plan = page.plan
    d.key(Qt.Key.Key_N, ALT)
    goal = active(d, GoalDialog)
    d.type("Zofia in school every day")
    d.key(Qt.Key.Key_Return)
    d.wait_until(lambda: not goal.isVisible(), "the goal")
    d.activate(window)
    plan.table.setFocus()
    d.key(Qt.Key.Key_P, ALT)
    review = active(d, ReviewDialog)
    assert isinstance(review, ReviewDialog)
    review.rows[0][1].setFocus()
    d.key(Qt.Key.Key_Down)
    d.key(Qt.Key.Key_Return)
    d.wait_until(lambda: not review.isVisible(), "the review")
    d.activate(window)
    d.wait_until(lambda: plan.model.index(0, 6).data() == "Some progress", "the progress")
    d.step("plan", window)

    # Ctrl+Shift+L: a letter; Alt+P saves it as PDF.
    d.key(Qt.Key.Key_L, CTRL | SHIFT)
    letter = active(d, LetterDialog)
    assert isinstance(letter, LetterDialog)
    assert "Dear Anna Nowak" in letter.body_edit.toPlainText()
    d.step("letter", letter)
    d.key(Qt.Key.Key_P, ALT)
    save_as(d, out / "letter.pdf")
    d.wait_until(lambda: "recorded as sent" in letter.status_label.text(), "the letter saved")
    d.activate(letter)
    d.key(Qt.Key.Key_Escape)
    d.wait_until(lambda: not letter.isVisible(), "the letter dialog to close")

    # Ctrl+5: Reports; Alt+U: the run sheet of today; Alt+V saves it.
    d.activate(window)
    d.key(Qt.Key.Key_5, CTRL)
    reports = window.view("reports")
    assert isinstance(reports, ReportsView)
    d.key(Qt.Key.Key_U, ALT)
    run = active(d, ReportDialog)
    assert isinstance(run, ReportDialog) and run.report_kind().key == "run_sheet"
    d.key(Qt.Key.Key_V, ALT)
    save_as(d, out / "run-sheet.pdf")
    d.wait_until(lambda: "Saved" in run.status_label.text(), "the run sheet saved")
    d.activate(run)
    d.step("run-sheet", run)
    d.key(Qt.Key.Key_Escape)

    # Ctrl+L: locked.
    d.activate(window)
    d.key(Qt.Key.Key_L, CTRL)
    d.wait_until(lambda: controller.main_window is None, "the lock")
    return Journey(d, data_dir, controller)
