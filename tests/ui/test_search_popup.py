"""Search everything (Ctrl+K): results as you type, matched words in bold, Enter opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import SettingsService
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView, build_caseload_section
from liaison_desktop.ui.caseload.search_popup import SearchPopup
from liaison_desktop.ui.caseload.search_results_model import HTML_ROLE, KIND_ROLE, snippet_html
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.section_views import SessionServices

from .ui_helpers import OP_TIMEOUT_MS, activate


def session(qtbot: QtBot, vault: Vault, data_dir: Path) -> tuple[MainWindow, CaseloadView]:
    window = MainWindow("Test Officer", "officer")
    qtbot.addWidget(window)
    services = SessionServices.for_window(
        Caseload(vault), SettingsService(data_dir), data_dir, window
    )
    view = build_caseload_section(services)
    assert isinstance(view, CaseloadView)
    window.set_view("caseload", view)
    window.show()
    activate(qtbot, window)
    return window, view


def open_search(qtbot: QtBot, window: MainWindow, view: CaseloadView) -> SearchPopup:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    popup = view.search_popup
    assert isinstance(popup, SearchPopup)
    qtbot.waitUntil(popup.isVisible, timeout=OP_TIMEOUT_MS)
    # The popup is a window of its own: typing goes there once it is active.
    qtbot.waitUntil(popup.query_edit.hasFocus, timeout=OP_TIMEOUT_MS)
    return popup


def test_matched_words_are_bold_and_everything_else_escaped() -> None:
    assert snippet_html("Mum & [Zofia] <3") == "Mum &amp; <b>Zofia</b> &lt;3"


def test_ctrl_k_searches_as_you_type_and_enter_opens_the_family(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    caseload.families.create({"name": "Adeyemi family"})
    fid = caseload.families.create({"name": "Wiśniewski family"}).id
    caseload.notes.write(fid, "Talked about the breakfast club and a bus pass.")
    window, view = session(qtbot, vault, data_dir)

    popup = open_search(qtbot, window, view)
    assert popup.query_edit.hasFocus()
    qtbot.keyClicks(popup.query_edit, "breakf")
    # Typing waits for a pause before searching (the debounce), then results arrive.
    assert popup.model.rowCount() == 0
    qtbot.waitUntil(lambda: popup.model.rowCount() == 1, timeout=OP_TIMEOUT_MS)
    hit = popup.model.index(0, 0)
    assert hit.data(KIND_ROLE) == "note"
    assert "<b>breakfast</b>" in str(hit.data(HTML_ROLE))
    assert popup.status_label.text() == "1 result"

    qtbot.keyClick(popup.query_edit, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert window.current_section() == "caseload"
    assert view.open_family_id == fid
    # Closing the popup leaves nothing typed or found behind it.
    assert popup.query_edit.text() == "" and popup.model.rowCount() == 0


def test_down_arrow_chooses_another_hit_and_unicode_names_are_found(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    first = caseload.families.create({"name": "Ó Briain family"}).id
    second = caseload.families.create({"name": "Ó Briain-Walsh family"}).id
    window, view = session(qtbot, vault, data_dir)
    popup = open_search(qtbot, window, view)
    popup.query_edit.insert("Briain")
    qtbot.waitUntil(lambda: popup.model.rowCount() == 2, timeout=OP_TIMEOUT_MS)
    found = {str(popup.model.result(r).family_id) for r in range(2)}
    assert found == {first, second}
    qtbot.keyClick(popup.query_edit, Qt.Key.Key_Down)
    chosen = popup.model.result(popup.results_view.currentIndex().row()).family_id
    assert popup.results_view.currentIndex().row() == 1
    qtbot.keyClick(popup.query_edit, Qt.Key.Key_Return)
    assert view.open_family_id == chosen


def test_a_directory_contact_opens_the_directory_section(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    caseload.directory.create({"organisation": "Riverside Pantry", "kind": "food_bank", "layer": 3})
    window, view = session(qtbot, vault, data_dir)
    popup = open_search(qtbot, window, view)
    popup.query_edit.insert("Riverside")
    qtbot.waitUntil(lambda: popup.model.rowCount() == 1, timeout=OP_TIMEOUT_MS)
    assert popup.model.result(0).kind == "contact"
    qtbot.keyClick(popup.query_edit, Qt.Key.Key_Return)
    assert window.current_section() == "directory"


def test_nothing_found_says_what_to_try_and_escape_closes(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    window, view = session(qtbot, vault, data_dir)
    popup = open_search(qtbot, window, view)
    qtbot.keyClicks(popup.query_edit, "zzqx")
    qtbot.waitUntil(
        lambda: popup.status_label.text().startswith("Nothing matches"), timeout=OP_TIMEOUT_MS
    )
    qtbot.keyClick(popup.query_edit, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_same_named_families_are_told_apart_by_postcode_and_pupils(
    qtbot: QtBot, vault: Vault, data_dir: Path
) -> None:
    caseload = Caseload(vault)
    leeds = caseload.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    caseload.people.create({"family_id": leeds, "given_name": "Aisha", "role": "pupil"})
    bradford = caseload.families.create({"name": "Ali family", "postcode": "BD1 2ZZ"}).id
    caseload.notes.write(bradford, "Ali family asked about the uniform bank.")
    window, view = session(qtbot, vault, data_dir)
    popup = open_search(qtbot, window, view)
    qtbot.keyClicks(popup.query_edit, "Ali")
    qtbot.waitUntil(lambda: popup.model.rowCount() == 3, timeout=OP_TIMEOUT_MS)
    shown = sorted(str(popup.model.index(r, 0).data()) for r in range(3))
    assert shown[0].startswith("Family: Ali family · BD1 2ZZ")
    assert shown[1].startswith("Family: Ali family · LS6 1AA · Aisha")
    assert shown[2].startswith("Note: ") and "(Ali family · BD1 2ZZ)" in shown[2]
