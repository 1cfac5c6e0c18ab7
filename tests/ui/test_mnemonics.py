"""No Alt+letter does two things: every window and dialog, in every state a person sees it
(each section of the main window, each tab of a family), uses each mnemonic once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.activities.activity_dialogs import FamilyPickerDialog, NewActivityDialog
from liaison_desktop.ui.caseload.allocate_dialog import AllocateDialog
from liaison_desktop.ui.caseload.merge_dialog import MergeFamiliesDialog
from liaison_desktop.ui.caseload.new_family_dialog import NewFamilyDialog
from liaison_desktop.ui.caseload.pupil_columns_dialog import PupilColumnsDialog
from liaison_desktop.ui.caseload.pupil_import_dialog import PupilImportDialog
from liaison_desktop.ui.concerns.concern_steps import ConcernDecisionDialog, ConcernStepDialog
from liaison_desktop.ui.diary.diary_view import ExportDialog
from liaison_desktop.ui.directory.contact_dialog import ContactDialog
from liaison_desktop.ui.family.action_dialogs import ActionDialog, CompleteActionDialog
from liaison_desktop.ui.family.closure_dialog import CloseCaseDialog, CloseManyDialog
from liaison_desktop.ui.family.concern_dialog import ConcernDialog
from liaison_desktop.ui.family.hold_dialog import PlaceHoldDialog
from liaison_desktop.ui.family.letter_dialog import LetterDialog, TemplatesDialog
from liaison_desktop.ui.family.note_editor import NoteEditor
from liaison_desktop.ui.family.people_tab import PersonDialog
from liaison_desktop.ui.family.plan_tab import GoalDialog, ReviewDialog
from liaison_desktop.ui.family.visit_dialogs import CheckInDialog, VisitDialog
from liaison_desktop.ui.family.visit_outcome_dialog import VisitOutcomeDialog
from liaison_desktop.ui.reports.report_dialog import ReportDialog
from liaison_desktop.ui.sync.handover_dialog import HandoverDialog
from liaison_desktop.ui.sync.pairing_dialog import PairingDialog

from .mnemonics import clashes, mnemonic_of, shown_mnemonics
from .window_states import every_state, session_window, settle


def test_the_mnemonic_reader_finds_clashes_and_ignores_literal_ampersands(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    assert mnemonic_of("Save &name") == "n"
    assert mnemonic_of("Fish && chips") is None
    assert mnemonic_of("Fish && &chips") == "c"
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    for text in ("&New", "&Next", "Fish && chips"):
        layout.addWidget(QPushButton(text))
    window.show()
    assert clashes(window) == {"n": ["&New", "&Next"]}


@pytest.mark.parametrize("role", ["lead", "officer"])
def test_every_section_and_every_family_tab_uses_each_mnemonic_once(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, role: str
) -> None:
    vault, _key = Vault.create(
        tmp_path / "v", "correct horse battery staple 42", owner_name="Dana Lead",
        role=role, kdf_target_seconds=0,
    )  # fmt: skip
    with vault:
        caseload = Caseload(vault)
        fid = caseload.families.create({"name": "Nowak family"}).id
        window = session_window(caseload, data_dir, role)
        qtbot.addWidget(window)
        window.show()
        settle()
        seen: dict[str, dict[str, list[str]]] = {}
        for state in every_state(window, fid):
            seen[state] = clashes(window)
            assert shown_mnemonics(window)  # the reader sees this window's mnemonics
        assert {where: found for where, found in seen.items() if found} == {}


def dialogs(caseload: Caseload, fid: str) -> dict[str, Callable[[], QDialog]]:
    visit = caseload.visits.plan(fid, date.today(), purpose="Check-in")
    concern = caseload.concerns.raise_concern(fid, "Seen")
    action = caseload.actions.add(fid, "Phone the family")
    caseload.plan.add_goal(fid, "Attendance above 90%")
    return {
        "new family": lambda: NewFamilyDialog(caseload.families),
        "person": lambda: PersonDialog(caseload.people, fid),
        "visit": lambda: VisitDialog(caseload.visits, fid),
        "check in": lambda: CheckInDialog(caseload.visits, visit),
        "concern": lambda: ConcernDialog(caseload.concerns, visit),
        "note": lambda: NoteEditor(caseload.notes, fid),
        "close case": lambda: CloseCaseDialog(caseload.closures, fid, "Nowak family"),
        "legal hold": lambda: PlaceHoldDialog(caseload.holds, fid, "Nowak family"),
        "contact": lambda: ContactDialog(caseload.directory, None),
        "activity": lambda: NewActivityDialog(caseload),
        "family picker": lambda: FamilyPickerDialog(
            caseload, title="Invite", prompt="Who?", many=True
        ),
        "report": lambda: ReportDialog(caseload),
        "pupil list": lambda: PupilImportDialog(caseload),
        "pupil list columns": lambda: PupilColumnsDialog(
            ["First", "Last", "Born"], {"given_name": "First"}
        ),
        "pairing": lambda: PairingDialog(SyncService(caseload.ctx)),
        "allocate": lambda: AllocateDialog(caseload.allocations, [fid], ["Nowak family"]),
        "merge": lambda: MergeFamiliesDialog(
            caseload.family_merge, (fid, fid), ("Nowak family", "Nowak family")
        ),
        "concern action": lambda: ConcernStepDialog(caseload.concerns, concern.id, "action", None),
        "concern closure": lambda: ConcernStepDialog(caseload.concerns, concern.id, "closed", None),
        # The lead's oversight (issue 23).
        "close many": lambda: CloseManyDialog(caseload.handover, [fid], ["Nowak family"]),
        "handover": lambda: HandoverDialog(caseload),
        "concern decision": lambda: ConcernDecisionDialog(
            caseload.concerns, concern.id, "decision", None
        ),
        "concern escalation": lambda: ConcernDecisionDialog(
            caseload.concerns, concern.id, "escalated", None
        ),
        # The officer's week (issue 22).
        "visit outcome": lambda: VisitOutcomeDialog(caseload.visits, visit),
        "action": lambda: ActionDialog(caseload.actions, fid, source=visit, source_text="Visit"),
        "action done": lambda: CompleteActionDialog(caseload.actions, action),
        "plan goal": lambda: GoalDialog(caseload, fid),
        "plan review": lambda: ReviewDialog(caseload, fid, caseload.plan.goals(fid)),
        "letter": lambda: LetterDialog(caseload, fid),
        "letter templates": lambda: TemplatesDialog(caseload),
        "calendar export": lambda: ExportDialog(),
    }


def test_every_dialog_uses_each_mnemonic_once(qtbot: QtBot, lead_vault: Vault) -> None:
    caseload = Caseload(lead_vault)
    fid = caseload.families.create({"name": "Nowak family"}).id
    found: dict[str, dict[str, list[str]]] = {}
    for name, make in dialogs(caseload, fid).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert shown_mnemonics(dialog), name  # each has some: the check is not vacuous
        found[name] = clashes(dialog)
        dialog.hide()
    assert {name: c for name, c in found.items() if c} == {}
