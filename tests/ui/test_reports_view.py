"""The report export dialog: options, a preview drawn in memory, then Save."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.reports.pdf_preview import available_engines, render_pages
from liaison_desktop.ui.reports.report_dialog import ReportDialog
from liaison_desktop.ui.reports.reports_view import ReportsView
from tests.external_tools import tool
from tests.helpers import files_containing

from .ui_helpers import OP_TIMEOUT_MS


@pytest.fixture(autouse=True)
def _release_views() -> Iterator[None]:
    yield
    _VIEWS.clear()


def _listing(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def demo(vault: Vault) -> Caseload:
    caseload = Caseload(vault)
    populate_demo(caseload, families=3, seed=7)
    return caseload


_VIEWS: list[ReportsView] = []  # held for the test's length: the dialog is the view's child


def _open_case_summary(qtbot: QtBot, caseload: Caseload) -> tuple[ReportDialog, str]:
    view = ReportsView(caseload)
    _VIEWS.append(view)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.buttons["case_summary"], Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible() and dialog.kind() == "case_summary"
    family = caseload.families.all()[0]
    name = str(family["name"])
    dialog.subject_filter.setText(name)
    assert dialog.subject_proxy.rowCount() >= 1
    dialog.subject_list.setCurrentIndex(dialog.subject_proxy.index(0, 0))
    assert dialog.subject_id() == family.id
    return dialog, name


def _save_through_file_dialog(qtbot: QtBot, dialog: ReportDialog, out: Path) -> str:
    with qtbot.waitSignal(dialog.saved, timeout=OP_TIMEOUT_MS) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        chooser = dialog.findChild(QFileDialog)
        assert chooser is not None
        chooser.selectFile(str(out))
        chooser.accept()
    message = saved.args[0]
    assert isinstance(message, str)
    return message


def test_case_summary_previews_in_memory_then_saves_a_marked_pdf(
    qtbot: QtBot, demo: Caseload, vault: Vault, tmp_path: Path
) -> None:
    dialog, family_name = _open_case_summary(qtbot, demo)
    tmpdir = tmp_path / "tmp"  # the test's TMPDIR (tests/conftest.py)
    before = _listing(tmpdir)

    with qtbot.waitSignal(dialog.previewed, timeout=OP_TIMEOUT_MS):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        assert dialog.busy_now and dialog.cancel_button.isEnabled()

    rendered = dialog.preview_result
    assert rendered is not None and rendered.total_pages >= 1
    # The next step is Save: the focus is there, not on Close.
    assert dialog.focusWidget() is dialog.save_button
    if rendered.engine == "text":
        assert family_name in rendered.text
    else:
        pages = dialog.page_labels()
        assert len(pages) == len(rendered.pages) >= 1
        assert pages[0].pixmap().width() > 0 and pages[0].pixmap().height() > 0
    # The preview left nothing readable behind: no new temp file, nothing in the data dir.
    assert _listing(tmpdir) == before
    assert files_containing(vault.data_dir, [family_name]) == []
    assert files_containing(tmpdir, [family_name]) == []
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.png"))

    out = tmp_path / "exports" / "summary.pdf"
    out.parent.mkdir()
    message = _save_through_file_dialog(qtbot, dialog, out)
    assert "NOT encrypted" in message
    assert out.is_file()
    text = subprocess.run(
        [tool("pdftotext"), str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "OFFICIAL-SENSITIVE" in text and family_name in text
    dialog.done(0)


def test_a_password_makes_an_aes_protected_pdf_and_says_so(
    qtbot: QtBot, demo: Caseload, tmp_path: Path
) -> None:
    dialog, _name = _open_case_summary(qtbot, demo)
    dialog.password_edit.setText("short")
    dialog.confirm_edit.setText("short")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy_now and "at least 8" in dialog.error_label.text()

    dialog.password_edit.setText("maple kettle harbour")
    dialog.confirm_edit.setText("maple kettle harbour")
    out = tmp_path / "protected.pdf"
    message = _save_through_file_dialog(qtbot, dialog, out)
    assert "protected with your password (AES-256)" in message
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    with pikepdf.open(out, password="maple kettle harbour") as pdf:
        assert pdf.encryption.stream_method.name.lower() == "aesv3"
    dialog.done(0)


def test_choosing_nobody_is_explained_and_nothing_runs(qtbot: QtBot, demo: Caseload) -> None:
    dialog = ReportDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy_now
    assert "Choose who the report is about" in dialog.error_label.text()
    # Shown beside the buttons, whatever the dialog's size: never scrolled out of sight.
    dialog.resize(dialog.minimumSizeHint())
    qtbot.waitUntil(dialog.error_label.isVisible)
    top_left = dialog.error_label.mapTo(dialog, dialog.error_label.rect().topLeft())
    assert dialog.rect().contains(top_left)
    assert dialog.error_label.parentWidget() is dialog


def test_cancelling_a_preview_stops_it_and_says_nothing_was_saved(
    qtbot: QtBot, demo: Caseload
) -> None:
    dialog, _name = _open_case_summary(qtbot, demo)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=OP_TIMEOUT_MS)
    assert dialog.status_label.text() == "Stopped. Nothing was saved."
    assert dialog.preview_result is None
    dialog.done(0)


@pytest.mark.parametrize("engine", ["pdfium", "pdftoppm", "text"])
def test_each_renderer_draws_the_pages_it_is_given(
    engine: str, demo: Caseload, tmp_path: Path
) -> None:
    if engine not in available_engines():
        pytest.skip(f"{engine} is not installed here")
    from liaison_desktop.services.reports_service import ReportOptions, ReportsService

    family = demo.families.all()[0]
    built = ReportsService(demo).preview(
        "case_summary", family.id, ReportOptions(out=tmp_path / "x.pdf")
    )
    rendered = render_pages(built.pdf, built.pages, engine=engine, max_pages=2)
    assert rendered.engine == engine
    if engine == "text":
        assert "OFFICIAL-SENSITIVE" in rendered.text
    else:
        assert len(rendered.pages) == min(2, built.pages)
        assert all(page.startswith(b"\x89PNG") for page in rendered.pages)


def test_two_families_of_the_same_name_look_different_in_the_report_picker(
    qtbot: QtBot, vault: Vault
) -> None:
    from liaison_desktop.ui.reports.choice_list_model import ID_ROLE

    caseload = Caseload(vault)
    north = caseload.families.create({"name": "Ali family", "postcode": "LS6 1AA"}).id
    south = caseload.families.create({"name": "Ali family", "postcode": "BD1 2BB"}).id
    caseload.people.create({"family_id": north, "given_name": "Aisha", "role": "pupil"})
    dialog = ReportDialog(caseload, kind="case_summary")
    qtbot.addWidget(dialog)
    shown = {
        dialog.subject_model.index(r).data(ID_ROLE): dialog.subject_model.index(r).data()
        for r in range(dialog.subject_model.rowCount())
    }
    assert shown[north] == "Ali family · LS6 1AA · Aisha"
    assert shown[south] == "Ali family · BD1 2BB"
