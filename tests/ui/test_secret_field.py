"""The passphrase field keeps the secret from Qt's accessibility layer and still edits like a
line edit: typed with real keys, pasted, deleted, selected, replaced and revealed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from liaison_desktop.ui.widgets.secret_field import MASK, SecretField

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def field_shown(qtbot: QtBot) -> SecretField:
    field = SecretField()
    field.setAccessibleName("Passphrase")
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    return field


def accessible_text(field: SecretField) -> str:
    """What a screen reader can read from the field: its accessible value and text."""
    interface = QAccessible.queryAccessibleInterface(field)
    assert interface is not None
    text_interface = interface.textInterface()
    assert text_interface is not None
    whole = text_interface.text(0, text_interface.characterCount())
    return interface.text(QAccessible.Text.Value) + "|" + whole


def test_typed_characters_are_kept_and_only_masks_reach_accessibility(qtbot: QtBot) -> None:
    field = field_shown(qtbot)
    heard: list[str] = []
    field.textChanged.connect(lambda _shown: heard.append(field.text()))
    qtbot.keyClicks(field, "horse battery 42")
    assert field.text() == "horse battery 42"
    # Listeners of textChanged read the secret already updated, character by character.
    assert heard[-1] == "horse battery 42" and heard[0] == "h"
    seen = accessible_text(field)
    assert set(seen.replace("|", "")) == {MASK}
    assert not any(ch in seen for ch in "horsebatty42")


def test_backspace_delete_selection_and_words_edit_the_secret_in_place(qtbot: QtBot) -> None:
    field = field_shown(qtbot)
    qtbot.keyClicks(field, "abcdef")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "abcde"
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "bcde"
    qtbot.keyClick(field, Qt.Key.Key_Right)
    qtbot.keyClick(field, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(field, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClicks(field, "XY")  # replaces the two selected characters
    assert field.text() == "bXYe"
    field.insert("ŷ€")  # Unicode, where keyClicks cannot type it
    assert field.text() == "bXYŷ€e"
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Backspace, CTRL)  # back to the word's start
    left = field.text()
    assert len(left) < 6 and left.endswith("e") and "bXYŷ€e".endswith(left)
    assert len(accessible_text(field)) == 2 * len(left) + 1
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "" and accessible_text(field) == "|"


def test_paste_puts_the_clipboard_in_the_secret_and_undo_does_nothing(qtbot: QtBot) -> None:
    field = field_shown(qtbot)
    QGuiApplication.clipboard().setText("pasted pass\n")
    qtbot.keyClicks(field, "my ")
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.text() == "my pasted pass"  # one line: the newline is dropped
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "my pasted pass"
    assert set(accessible_text(field).replace("|", "")) == {MASK}
    QGuiApplication.clipboard().clear()


def test_return_still_submits_and_revealing_shows_the_real_text(qtbot: QtBot) -> None:
    field = field_shown(qtbot)
    pressed: list[str] = []
    field.returnPressed.connect(lambda: pressed.append(field.text()))
    qtbot.keyClicks(field, "secret 1")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pressed == ["secret 1"]
    field.set_revealed(True)
    assert accessible_text(field).startswith("secret 1")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "2")
    assert field.text() == "secret 2"
    field.set_revealed(False)
    assert set(accessible_text(field).replace("|", "")) == {MASK}
    assert field.text() == "secret 2"
    field.clear()
    assert field.text() == ""
