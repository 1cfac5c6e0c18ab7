"""The officer's day and the lead's day, step by step, through the real app.

Each journey starts the real session controller on a real vault, unlocks it by typing the
passphrase, and then only presses keys and clicks, asserting after every step what a person
would see. The pytest tests (test_journeys.py) run them; `make screenshots` runs them again
keeping a picture of each step, at 100 % and 200 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTabBar

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.allocate_dialog import AllocateDialog
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.concerns.concern_steps import ConcernStepDialog
from liaison_desktop.ui.concerns.concerns_queue_view import ConcernsQueueView
from liaison_desktop.ui.family.concern_dialog import ConcernDialog
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.family.visit_dialogs import CheckInDialog
from liaison_desktop.ui.family.visit_outcome_dialog import VisitOutcomeDialog
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.session_controller import SessionController
from liaison_desktop.ui.today.today_view import TodayView

from .driver import Driver

PASSPHRASE = "maple kettle harbour 47"
NEVER_MS = 3_600_000
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass
class Journey:
    """What a journey leaves behind to check afterwards."""

    driver: Driver
    data_dir: Path
    controller: SessionController


def lines(group: object) -> list[str]:
    model = getattr(group, "model")  # noqa: B009
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())]


def unlock(
    d: Driver, data_dir: Path, passphrase: str = PASSPHRASE
) -> tuple[SessionController, MainWindow]:
    """Start the app on the vault in `data_dir` and type the passphrase."""
    controller = SessionController(
        VaultService(data_dir), SettingsService(data_dir), idle_interval_ms=NEVER_MS
    )
    controller.start()
    view = controller.unlock_view
    assert view is not None
    d.activate(view.window())
    d.wait_until(view.passphrase_edit.hasFocus, "the passphrase field to have the focus")
    d.type(passphrase)
    d.key(Qt.Key.Key_Return)
    d.wait_until(lambda: controller.main_window is not None, "the main window")
    window = controller.main_window
    assert window is not None
    d.activate(window)
    return controller, window


def today_of(d: Driver, window: MainWindow) -> TodayView:
    today = window.view("today")
    assert isinstance(today, TodayView)
    d.wait_until(lambda: today.snapshot is not None and not today.loading, "Today to be read")
    return today


# -- the officer's day -----------------------------------------------------------------------------
def officer_vault(data_dir: Path) -> None:
    vault, _key = Vault.create(
        data_dir, PASSPHRASE, owner_name="Sam Officer", role="officer", kdf_target_seconds=0
    )
    with vault:
        c = Caseload(vault)
        nowak = c.families.create({"name": "Nowak family", "postcode": "LS6 1AA"}).id
        c.people.create({"family_id": nowak, "given_name": "Zofia", "role": "pupil"})
        c.visits.plan(nowak, date.today(), purpose="Uniform grant form", time="09:30")
        other = c.families.create({"name": "Okafor family", "postcode": "LS7 2BB"}).id
        c.visits.plan(other, date.today() + timedelta(days=2), purpose="Housing letter")


def officer_day(data_dir: Path, d: Driver) -> Journey:
    """Unlock, see the day, open the family, visit, write, raise a concern, leave, lock."""
    officer_vault(data_dir)
    controller, window = unlock(d, data_dir)
    today = today_of(d, window)
    assert window.current_section() == "today"
    assert lines(today.visits_today_group) == [
        "09:30 · Nowak family (LS6 1AA) · Uniform grant form"
    ]
    assert "Okafor family (LS7 2BB)" in lines(today.visits_week_group)[0]
    assert not today.concerns_group.isVisible()  # an officer has no lead's queue
    d.step("today", window)

    # Ctrl+2: the caseload; filter by typing; Enter opens the family, focus in its page.
    d.key(Qt.Key.Key_2, CTRL)
    assert window.current_section() == "caseload"
    caseload = window.view("caseload")
    assert isinstance(caseload, CaseloadView)
    d.wait_until(lambda: caseload.model.rowCount() == 2, "the caseload list")
    d.click(caseload.filter_edit)
    d.type("nowak")
    d.wait_until(lambda: caseload.proxy.rowCount() == 1, "the filter to leave one family")
    d.click_row(caseload.table, 0)
    d.key(Qt.Key.Key_Return)
    assert caseload.family_frame is not None
    page = caseload.family_frame.page
    assert isinstance(page, FamilyPage)
    assert isinstance(QApplication.focusWidget(), QTabBar)
    d.step("family", window)

    # Alt+3: Visits and notes; check in to today's visit.
    d.key(Qt.Key.Key_3, ALT)
    notes = page.notes
    assert page.tabs.currentWidget() is notes
    d.click_row(notes.table, 0)
    visit = notes.table.current()
    assert visit is not None and visit.is_visit
    d.click(notes.button(notes.check_in_action))
    dialog = notes.dialog
    assert isinstance(dialog, CheckInDialog)
    d.wait_until(dialog.isVisible, "the check-in dialog")
    # The dialog promises only what is true: the lead sees it after the next sync.
    assert any("at your next sync" in label.text() for label in dialog.findChildren(QLabel))
    d.click(dialog.check_in_button)
    d.wait_until(lambda: not dialog.isVisible(), "the check-in to be saved")
    d.activate(window)  # what the window manager does when a dialog closes
    d.step("checked-in", window)

    # Ctrl+N: a note, finalised.
    d.click_row(notes.table, 0)
    d.key(Qt.Key.Key_N, CTRL)
    editor = notes.editor
    assert editor is not None
    d.wait_until(editor.isVisible, "the note editor")
    d.click(editor.text_edit)
    d.type("Mum says Zofia worries about the school trip; her coat is too small.")
    d.click(editor.finalise_button)
    box = editor.confirm_box
    assert box is not None and editor.confirm_yes is not None
    d.wait_until(box.isVisible, "the finalise question")
    d.click(editor.confirm_yes)
    d.wait_until(lambda: not editor.isVisible(), "the note to be finalised")
    d.activate(window)
    d.step("note", window)

    # Ctrl+Shift+C on the note: a concern, Immediate, with the "phone now" guidance.
    note_row = next(r for r in range(notes.model.rowCount()) if not notes.model.row_at(r).is_visit)
    d.click_row(notes.table, note_row)
    d.key(Qt.Key.Key_C, CTRL | SHIFT)
    concern = notes.dialog
    assert isinstance(concern, ConcernDialog)
    d.wait_until(concern.isVisible, "the concern dialog")
    assert concern.source is not None and concern.source.kind == "note"
    d.activate(concern)
    d.key(Qt.Key.Key_U, ALT, to=concern)  # Alt+U: the Urgency field
    d.wait_until(concern.urgency_combo.hasFocus, "the urgency field to have the focus")
    d.key(Qt.Key.Key_End)  # Immediate, the last
    assert concern.urgency_combo.currentData() == "immediate"
    assert concern.phone_now_label.isVisible()
    d.step("concern", concern)
    d.click(concern.raise_button)
    d.wait_until(lambda: not concern.isVisible(), "the concern to be raised")
    d.activate(window)

    # Alt+4: the Concerns tab says where it stands.
    d.key(Qt.Key.Key_4, ALT, to=page.tabs.tabBar())
    assert page.tabs.currentWidget() is page.concerns
    assert page.concerns.model.index(0, 2).data() == "waiting for the safeguarding lead"
    d.step("concerns", window)

    # Back on Visits and notes: check out, saying how it went ("Completed", chosen to begin
    # with: Return); the visit is completed.
    d.key(Qt.Key.Key_3, ALT, to=page.tabs.tabBar())
    visit_row = next(r for r in range(notes.model.rowCount()) if notes.model.row_at(r).is_visit)
    d.click_row(notes.table, visit_row)
    d.click(notes.button(notes.check_out_action))
    outcome = notes.dialog
    assert isinstance(outcome, VisitOutcomeDialog)
    d.activate(outcome)
    d.step("visit-outcome", outcome)
    d.key(Qt.Key.Key_Return)
    d.wait_until(
        lambda: any(
            notes.model.row_at(r).is_visit and notes.model.row_at(r).record.get("checked_out_at")
            for r in range(notes.model.rowCount())
        ),
        "the visit to be checked out",
    )
    d.activate(window)  # the dialog closed: under a real X server with no window manager,
    # nothing gives the main window the keyboard back by itself
    d.step("checked-out", window)

    # Ctrl+L: locked; the unlock window is back, the main window gone.
    d.key(Qt.Key.Key_L, CTRL)
    d.wait_until(lambda: controller.main_window is None, "the lock")
    assert controller.unlock_view is not None and controller.unlock_view.isVisible()
    d.step("locked", controller.unlock_view.window())
    return Journey(d, data_dir, controller)


# -- the lead's day ----------------------------------------------------------------------------
def lead_vault(data_dir: Path, others: Path) -> None:
    from tests.sync.world import create_member

    vault, _key = Vault.create(
        data_dir, PASSPHRASE, owner_name="Dana Lead", role="lead", kdf_target_seconds=0
    )
    officer = create_member(others, "Sam Officer", "officer")
    with vault:
        c = Caseload(vault)
        SyncService(c.ctx).add_peer(None, officer.public_key)
        leeds = c.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
        c.people.create({"family_id": leeds, "given_name": "Aisha", "role": "pupil"})
        bradford = c.families.create({"name": "Ali family", "postcode": "BD1 2ZZ"}).id
        c.people.create({"family_id": bradford, "given_name": "Omar", "role": "pupil"})
        # As they arrive from Sam's laptop: an Immediate concern, a visit running over.
        c.concerns.create(
            {"family_id": bradford, "observed": "Omar said he is scared to go home.",
             "urgency": "immediate", "source": "other", "raised_by": "Sam Officer"}
        )  # fmt: skip
        late = c.visits.create(
            {"family_id": leeds, "date": date.today().isoformat(), "officer": "Sam Officer",
             "purpose": "Evening visit"}
        ).id  # fmt: skip
        c.visits.check_in(late, datetime.now().astimezone() - timedelta(minutes=5))


def step_dialog(d: Driver, queue: ConcernsQueueView, key: Qt.Key, what: str) -> ConcernStepDialog:
    """Alt+`key` on the queue opens a lead's step; returns it with the words' field focused."""
    old = queue.steps.dialog
    d.key(key, ALT, to=queue.table)
    d.wait_until(lambda: queue.steps.dialog is not old, what)
    dialog = queue.steps.dialog
    assert isinstance(dialog, ConcernStepDialog)
    d.wait_until(dialog.isVisible, what)
    d.activate(dialog)
    d.wait_until(lambda: QApplication.focusWidget() is dialog.text_edit, "the words to type in")
    return dialog


def lead_day(data_dir: Path, others: Path, d: Driver) -> Journey:
    """Unlock, see what needs the lead, take a concern to closure, allocate two families."""
    lead_vault(data_dir, others)
    controller, window = unlock(d, data_dir)
    today = today_of(d, window)
    waiting = lines(today.concerns_group)
    assert waiting[0].startswith("Immediate · Ali family (BD1 2ZZ) · from Sam Officer")
    (overdue,) = lines(today.overdue_visits_group)
    assert "Sam Officer at Ali family (LS6 1AA)" in overdue
    d.step("today", window)

    # The Concerns section (the last one): acknowledge, record what was done, close.
    number = window.section_keys().index("concerns") + 1
    d.key(Qt.Key(Qt.Key.Key_0 + number), CTRL)
    queue = window.view("concerns")
    assert isinstance(queue, ConcernsQueueView)
    d.wait_until(lambda: queue.model.rowCount() == 1, "the concern queue")
    d.click_row(queue.table, 0)
    assert queue.model.index(0, 2).data().startswith("Ali family · BD1 2ZZ · Omar")
    d.key(Qt.Key.Key_K, ALT)  # Acknowledge
    d.wait_until(lambda: "Now: acknowledged" in queue.detail.toPlainText(), "the acknowledgement")
    d.step("acknowledged", window)
    action = step_dialog(d, queue, Qt.Key.Key_W, "the action dialog")  # Record what was done…
    d.type("Referred to MASH at 14:10; strategy discussion booked for tomorrow.")
    d.step("action", action)
    d.click(action.save_button)
    d.wait_until(lambda: "Now: action taken" in queue.detail.toPlainText(), "the action")
    d.activate(window)
    closing = step_dialog(d, queue, Qt.Key.Key_L, "the closing dialog")  # Close concern…
    d.type("Accepted by children's social care; they lead from here.")
    d.click(closing.save_button)
    d.wait_until(lambda: queue.model.rowCount() == 0, "the closed concern to leave the queue")
    d.activate(window)
    d.step("closed", window)

    # The caseload: both Ali families, told apart, allocated to Sam in one go.
    d.key(Qt.Key.Key_2, CTRL)
    caseload = window.view("caseload")
    assert isinstance(caseload, CaseloadView)
    d.wait_until(lambda: caseload.model.rowCount() == 2, "the caseload list")
    d.click_row(caseload.table, 0)
    d.key(Qt.Key.Key_Down, SHIFT, to=caseload.table)
    assert len(caseload.selected_family_ids()) == 2
    d.key(Qt.Key.Key_T, ALT, to=caseload.table)  # Allocate to…
    d.wait_until(lambda: isinstance(caseload.allocate_dialog, AllocateDialog), "Allocate")
    allocate = caseload.allocate_dialog
    assert isinstance(allocate, AllocateDialog)
    d.wait_until(allocate.isVisible, "the allocate dialog")
    assert "Ali family · BD1 2ZZ · Omar" in allocate.families_label.text()
    assert "Ali family · LS6 1AA · Aisha" in allocate.families_label.text()
    assert allocate.officer_combo.currentText() == "Sam Officer"
    d.step("allocate", allocate)
    d.key(Qt.Key.Key_Return, to=allocate.officer_combo)
    d.wait_until(
        lambda: all(
            caseload.model.row_at(r).officers == ("Sam Officer",)
            for r in range(caseload.model.rowCount())
        ),
        "both families to show Sam",
    )
    d.activate(window)
    d.step("allocated", window)

    d.key(Qt.Key.Key_L, CTRL)
    d.wait_until(lambda: controller.main_window is None, "the lock")
    return Journey(d, data_dir, controller)
