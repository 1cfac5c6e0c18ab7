"""The note editor through real widgets: templates, autosave (timer and lock), finalise, amend."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.family.note_editor import NoteEditor, skeleton
from liaison_desktop.ui.section_views import SessionServices
from liaison_desktop.ui.session_controller import SessionController

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import PASSPHRASE, unlocked_session

CLICK = Qt.MouseButton.LeftButton
NEVER = 3_600_000


def _new_note(qtbot: QtBot, page: FamilyPage) -> NoteEditor:
    page.tabs.setCurrentWidget(page.notes)
    qtbot.mouseClick(page.notes.button(page.notes.new_note_action), CLICK)
    editor = page.notes.editor
    assert isinstance(editor, NoteEditor)
    qtbot.waitExposed(editor)
    return editor


def test_templates_prefill_an_outline_and_never_replace_typed_text(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    editor = _new_note(qtbot, make_page(family_id, autosave_ms=NEVER))
    assert editor.text_edit.toPlainText() == ""
    editor.template_combo.setCurrentIndex(editor.template_combo.findData("home_visit"))
    assert editor.text_edit.toPlainText() == skeleton("home_visit")
    assert "What is going well:" in editor.text_edit.toPlainText()
    editor.template_combo.setCurrentIndex(editor.template_combo.findData("taf"))
    assert editor.text_edit.toPlainText() == skeleton("taf")
    editor.text_edit.insertPlainText("Mam and Tadcu came. ")
    typed = editor.text_edit.toPlainText()
    editor.template_combo.setCurrentIndex(editor.template_combo.findData("phone_call"))
    assert editor.text_edit.toPlainText() == typed
    assert not editor.text_edit.document().toHtml().count("<img")  # plain text only


def test_write_and_finalise_a_note_after_confirming(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id, autosave_ms=NEVER)
    editor = _new_note(qtbot, page)
    editor.text_edit.setPlainText("Visited with Zofia; she is proud of her reading.")
    qtbot.mouseClick(editor.finalise_button, CLICK)
    box = editor.confirm_box
    assert box is not None and box.isVisible()
    assert "cannot be changed afterwards" in box.text()
    assert editor.confirm_yes is not None
    qtbot.mouseClick(editor.confirm_yes, CLICK)
    (note,) = caseload.notes.for_family(family_id)
    assert note["status"] == "final" and note.get("finalised_at")
    assert note["text"] == "Visited with Zofia; she is proud of her reading."
    assert not editor.isVisible()
    rows = page.notes.model.rows()
    assert [e.record.id for e in rows] == [note.id]
    assert page.notes.model.data(page.notes.model.index(0, 3)) == "Final"


def test_keeping_as_draft_leaves_the_note_a_draft(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    editor = _new_note(qtbot, make_page(family_id, autosave_ms=NEVER))
    editor.text_edit.setPlainText("Not sure yet.")
    qtbot.mouseClick(editor.finalise_button, CLICK)
    box = editor.confirm_box
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert editor.isVisible()
    (note,) = caseload.notes.for_family(family_id)
    assert note["status"] == "draft"


def test_amend_a_finalised_note_and_the_amendment_follows_it(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    original = caseload.notes.write(family_id, "Met on Tuesday.", final=True)
    later = caseload.notes.write(family_id, "A later note.", final=True)
    page = make_page(family_id, autosave_ms=NEVER)
    notes = page.notes
    page.tabs.setCurrentWidget(notes)
    assert notes.select_record(original.id)
    assert notes.button(notes.amend_action).isEnabled()
    assert not notes.button(notes.open_action).isEnabled()
    qtbot.mouseClick(notes.button(notes.amend_action), CLICK)
    editor = notes.editor
    assert isinstance(editor, NoteEditor)
    assert editor.amends_view.toPlainText() == "Met on Tuesday."
    editor.text_edit.setPlainText("Correction: we met on Wednesday.")
    qtbot.mouseClick(editor.finalise_button, CLICK)
    assert editor.confirm_yes is not None
    qtbot.mouseClick(editor.confirm_yes, CLICK)
    (amendment,) = caseload.notes.amendments(original.id)
    assert amendment["status"] == "final"
    assert caseload.notes.get(original.id)["text"] == "Met on Tuesday."
    order = [e.record.id for e in notes.model.rows()]
    assert order.index(amendment.id) == order.index(original.id) + 1
    assert later.id in order


def test_a_draft_is_saved_encrypted_after_the_autosave_interval(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    editor = _new_note(qtbot, make_page(family_id, autosave_ms=50))
    editor.text_edit.insertPlainText("Typed and not yet saved by hand")

    def saved() -> bool:
        drafts = caseload.notes.drafts()
        return bool(drafts) and drafts[0]["text"] == "Typed and not yet saved by hand"

    qtbot.waitUntil(saved, timeout=5_000)
    editor.text_edit.insertPlainText(" — and more")
    qtbot.waitUntil(lambda: caseload.notes.drafts()[0]["text"].endswith("and more"), timeout=5_000)
    assert len(caseload.notes.drafts()) == 1  # the same draft, saved again
    assert "Draft saved" in editor.status_label.text()


def test_reopening_a_draft_continues_it_and_closing_saves(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    draft = caseload.notes.write(family_id, "First half.")
    page = make_page(family_id, autosave_ms=NEVER)
    notes = page.notes
    assert notes.select_record(draft.id)
    qtbot.mouseClick(notes.button(notes.open_action), CLICK)
    editor = notes.editor
    assert isinstance(editor, NoteEditor)
    assert editor.text_edit.toPlainText() == "First half."
    editor.text_edit.moveCursor(editor.text_edit.textCursor().MoveOperation.End)
    editor.text_edit.insertPlainText(" Second half.")
    qtbot.mouseClick(editor.close_button, CLICK)
    assert caseload.notes.get(draft.id)["text"] == "First half. Second half."
    assert caseload.notes.get(draft.id)["status"] == "draft"


def test_a_pending_draft_is_saved_when_the_session_locks(
    qtbot: QtBot,
    recovery_key: str,
    controller: SessionController,
    vaults: VaultService,
    data_dir: Path,
) -> None:
    window = unlocked_session(qtbot, controller)
    assert controller.vault is not None
    caseload = Caseload(controller.vault)  # type: ignore[arg-type]  # the real vault
    family = caseload.families.create({"name": "Lock test household"})
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    FamilyPage.autosave_ms, default = NEVER, FamilyPage.autosave_ms
    try:
        page = FamilyPage(services, family.id)
    finally:
        FamilyPage.autosave_ms = default
    window.set_view("caseload", page)
    editor = _new_note(qtbot, page)
    editor.text_edit.insertPlainText("Typed just before Ctrl+L — Łucja's words")
    assert editor.dirty
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=5_000)

    reopened = vaults.unlock(PASSPHRASE)
    try:
        drafts = Caseload(reopened).notes.drafts()  # type: ignore[arg-type]
        assert [d["text"] for d in drafts] == ["Typed just before Ctrl+L — Łucja's words"]
    finally:
        reopened.close()


def test_ctrl_l_inside_the_note_editor_locks_and_the_passphrase_never_reaches_the_note(
    qtbot: QtBot,
    recovery_key: str,
    controller: SessionController,
    vaults: VaultService,
    data_dir: Path,
) -> None:
    from PySide6.QtWidgets import QApplication

    window = unlocked_session(qtbot, controller)
    caseload = Caseload(controller.vault)  # type: ignore[arg-type]  # the real vault
    family = caseload.families.create({"name": "Modal lock household"})
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    FamilyPage.autosave_ms, default = NEVER, FamilyPage.autosave_ms
    try:
        page = FamilyPage(services, family.id)
    finally:
        FamilyPage.autosave_ms = default
    window.set_view("caseload", page)
    editor = _new_note(qtbot, page)  # a modal dialog: the window's own shortcuts are blocked
    editor.text_edit.setFocus()
    qtbot.keyClicks(editor.text_edit, "Seen at home")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=5_000)
    assert controller.vault is None
    unlock = controller.unlock_view
    assert unlock is not None and unlock.isVisible()

    # What is typed next goes where the focus is: the unlock window's passphrase field.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is unlock.passphrase_edit, timeout=5_000)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, PASSPHRASE)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)

    notes = Caseload(controller.vault).notes  # type: ignore[arg-type]
    texts = [str(n["text"]) for n in notes.drafts()]
    assert texts == ["Seen at home"]
    assert not any(PASSPHRASE in t for t in texts)


def test_quick_hide_inside_a_dialog_hides_every_window_and_locks(
    qtbot: QtBot, recovery_key: str, controller: SessionController, data_dir: Path
) -> None:
    window = unlocked_session(qtbot, controller)
    caseload = Caseload(controller.vault)  # type: ignore[arg-type]  # the real vault
    family = caseload.families.create({"name": "Quick hide household"})
    services = SessionServices.for_window(caseload, SettingsService(data_dir), data_dir, window)
    page = FamilyPage(services, family.id)
    window.set_view("caseload", page)
    editor = _new_note(qtbot, page)
    qtbot.keyClick(
        editor.text_edit,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: controller.vault is None, timeout=5_000)
    assert controller.main_window is None
    assert controller.unlock_view is not None and controller.unlock_view.isMinimized()


def test_unlocking_returns_to_the_family_that_was_open_with_the_focus_off_text_fields(
    qtbot: QtBot, recovery_key: str, controller: SessionController
) -> None:
    from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

    from liaison_desktop.ui.caseload.caseload_view import CaseloadView

    window = unlocked_session(qtbot, controller)
    family = Caseload(controller.vault).families.create({"name": "Return household"})  # type: ignore[arg-type]
    window.show_section("caseload")
    view = window.view("caseload")
    assert isinstance(view, CaseloadView)
    view.open_family(family.id)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=5_000)
    assert controller.unlock_view is not None
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is controller.unlock_view.passphrase_edit,  # type: ignore[union-attr]
        timeout=5_000,
    )
    qtbot.keyClicks(QApplication.focusWidget(), PASSPHRASE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)

    window = controller.main_window
    assert window is not None and window.current_section() == "caseload"
    view = window.view("caseload")
    assert isinstance(view, CaseloadView) and view.open_family_id == family.id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    assert not isinstance(QApplication.focusWidget(), QLineEdit | QTextEdit | QPlainTextEdit)


def test_unlocking_returns_to_the_section_in_use(
    qtbot: QtBot, recovery_key: str, controller: SessionController
) -> None:
    window = unlocked_session(qtbot, controller)
    window.show_section("directory")
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=5_000)
    assert controller.unlock_view is not None
    controller.unlock_view.passphrase_edit.setText(PASSPHRASE)
    qtbot.mouseClick(controller.unlock_view.unlock_button, CLICK)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    assert controller.main_window.current_section() == "directory"  # type: ignore[union-attr]


def test_a_draft_can_be_discarded_after_a_confirmation(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id, autosave_ms=NEVER)
    editor = _new_note(qtbot, page)
    editor.text_edit.setPlainText("Wrong family: typed here by mistake")
    qtbot.mouseClick(editor.save_button, CLICK)
    assert [d["text"] for d in caseload.notes.drafts()] == ["Wrong family: typed here by mistake"]

    qtbot.mouseClick(editor.discard_button, CLICK)
    box = editor.discard_box
    assert box is not None and box.isVisible()
    keep = next(b for b in box.buttons() if b is not editor.discard_yes)
    qtbot.mouseClick(keep, CLICK)  # "Keep it" changes nothing
    assert editor.isVisible() and len(caseload.notes.drafts()) == 1

    qtbot.mouseClick(editor.discard_button, CLICK)
    assert editor.discard_box is not None and editor.discard_yes is not None
    qtbot.mouseClick(editor.discard_yes, CLICK)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2_000)
    assert caseload.notes.drafts() == []
    assert all(e.record.id != editor.note.id for e in page.notes.model.rows())  # type: ignore[union-attr]
