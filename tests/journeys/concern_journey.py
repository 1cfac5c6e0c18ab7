"""A concern from an officer's laptop to the lead's decision and closure and back, through the
real app and real bundles (issue 23's acceptance), keyboard only.

Sam (officer) raises a concern about both children of the Ashworth family from its Concerns
tab, naming a category; the bundle reaches the lead; the lead, in the Concerns section, records
a decision (a referral to children's social care, with the reasons and who was told) and closes
the concern; the lead's bundle reaches Sam, whose Concerns tab then shows the decision and that
it is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.concerns.concern_steps import ConcernDecisionDialog, ConcernStepDialog
from liaison_desktop.ui.concerns.concerns_queue_view import ConcernsQueueView
from liaison_desktop.ui.family.concern_dialog import ConcernDialog
from liaison_desktop.ui.family.concerns_tab import ConcernsTab
from liaison_desktop.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.sync.test_authority import School, send

from .driver import Driver
from .journeys import ALT, CTRL, unlock
from .week_journey import active, open_family


@dataclass
class ConcernJourney:
    driver: Driver
    school: School
    concern_id: str
    officer_detail: str


def _open_family_concerns(d: Driver, window: MainWindow) -> ConcernsTab:
    """The Ashworth family (the one family on this laptop); Alt+4: the Concerns tab."""
    page = open_family(d, window, "ashworth", families=1)
    d.key(Qt.Key.Key_4, ALT)
    concerns = page.concerns
    d.wait_until(concerns.isVisible, "the Concerns tab")
    return concerns


def concern_to_decision(root: Path, d: Driver) -> ConcernJourney:
    school = School(root)
    with Vault.unlock(school.lead.data_dir, PASSPHRASE) as vault:
        c = Caseload(vault)
        for name in ("Ada", "Ben"):
            c.people.create({"family_id": school.sams, "given_name": name,
                             "family_name": "Ashworth", "role": "pupil"})  # fmt: skip
    send(school.lead, school.sam)

    # Sam: the family's Concerns tab, Alt+C raises one; what was seen, a category, both children.
    controller, window = unlock(d, school.sam.data_dir, PASSPHRASE)
    try:
        tab = _open_family_concerns(d, window)
        d.key(Qt.Key.Key_C, ALT)
        dialog = active(d, ConcernDialog)
        assert isinstance(dialog, ConcernDialog)
        d.key(Qt.Key.Key_S, ALT)
        d.type("Both children arrived hungry and in wet clothes")
        d.key(Qt.Key.Key_A, ALT)
        d.key(Qt.Key.Key_Down)  # "Not said" → "Neglect"
        assert dialog.category_combo.currentData() == "neglect"
        d.key(Qt.Key.Key_H, ALT)
        d.key(Qt.Key.Key_Space)  # Ada
        d.key(Qt.Key.Key_Down)
        d.key(Qt.Key.Key_Space)  # Ben
        assert len(dialog.chosen_children()) == 2
        d.step("raise", dialog)
        d.key(Qt.Key.Key_R, ALT)
        d.wait_until(lambda: not dialog.isVisible(), "the concern to be raised")
        d.activate(window)
        d.wait_until(lambda: tab.model.rowCount() == 1, "the concern listed")
    finally:
        controller.shutdown()
    send(school.sam, school.lead)

    # The lead: Ctrl+9 Concerns; Alt+N the decision; Alt+L closes it.
    controller, window = unlock(d, school.lead.data_dir, PASSPHRASE)
    try:
        d.key(Qt.Key.Key_9, CTRL)
        queue = window.view("concerns")
        assert isinstance(queue, ConcernsQueueView)
        d.wait_until(lambda: queue.model.rowCount() == 1, "the lead's queue")
        queue.table.setFocus()
        d.wait_until(lambda: queue.table.current() is not None, "the concern selected")
        concern_id = queue.table.current().concern.id  # type: ignore[union-attr]
        assert "About: Ada Ashworth, Ben Ashworth" in queue.detail.toPlainText()
        d.step("queue", window)
        d.key(Qt.Key.Key_N, ALT)
        decide = active(d, ConcernDecisionDialog)
        assert isinstance(decide, ConcernDecisionDialog)
        for _press in range(3):  # no further action, monitor, Early Help, → social care
            d.key(Qt.Key.Key_Down)
        assert decide.choice_combo.currentData() == "social_care"
        d.key(Qt.Key.Key_R, ALT)
        d.type("Disclosure of neglect; threshold for a referral met")
        d.key(Qt.Key.Key_I, ALT)
        d.type("Mum, by phone")
        d.step("decision", decide)
        d.key(Qt.Key.Key_S, ALT)
        d.wait_until(lambda: not decide.isVisible(), "the decision to be saved")
        d.activate(window)
        d.wait_until(lambda: queue.steps.close_button.isEnabled(), "the steps to update")
        d.key(Qt.Key.Key_L, ALT)
        close = active(d, ConcernStepDialog)
        assert isinstance(close, ConcernStepDialog)
        d.type("Referral accepted by children's social care")
        d.key(Qt.Key.Key_C, ALT)
        d.wait_until(lambda: not close.isVisible(), "the concern to be closed")
        d.activate(window)
        d.wait_until(lambda: queue.model.rowCount() == 0, "the queue to empty")
        d.step("closed", window)
    finally:
        controller.shutdown()
    send(school.lead, school.sam)

    # Sam again: the concern shows the lead's decision and that it is closed.
    controller, window = unlock(d, school.sam.data_dir, PASSPHRASE)
    try:
        tab = _open_family_concerns(d, window)
        d.wait_until(lambda: tab.model.rowCount() == 1, "the concern listed")
        tab.table.setFocus()
        d.wait_until(lambda: "Now:" in tab.detail.toPlainText(), "the concern's detail")
        detail = tab.detail.toPlainText()
        d.step("back-on-the-laptop", window)
    finally:
        controller.shutdown()
    return ConcernJourney(d, school, concern_id, detail)
