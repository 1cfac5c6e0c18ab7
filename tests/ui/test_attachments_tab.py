"""Files kept with a family: attached by button or drop, refused over the limit, saved out
whole, removed after asking, and never in plaintext on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.family.attachments_tab import AttachmentsTab

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import OP_TIMEOUT_MS


def files_tab(qtbot: QtBot, make_page: PageFactory, family_id: str) -> AttachmentsTab:
    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.attachments)
    tab = page.attachments
    assert isinstance(tab, AttachmentsTab)
    qtbot.waitUntil(tab.isVisible)
    return tab


def names(tab: AttachmentsTab) -> list[str]:
    return [str(tab.model.index(r, 0).data()) for r in range(tab.model.rowCount())]


def drop(tab: AttachmentsTab, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(tab, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(tab, event)


def test_a_file_chosen_or_dropped_is_attached_and_saved_out_whole(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory, tmp_path: Path
) -> None:
    letter = tmp_path / "housing letter.pdf"
    letter.write_bytes(b"%PDF-1.4 housing letter " + bytes(range(256)) * 40)
    photo = tmp_path / "cot.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo bytes")
    tab = files_tab(qtbot, make_page, family_id)
    assert "Files up to 10.0 MiB" in tab.limit_label.text()
    assert not tab.save_button.isEnabled() and not tab.remove_button.isEnabled()

    tab.attach_files([str(letter)])  # what the file chooser hands over
    qtbot.waitUntil(lambda: names(tab) == ["housing letter.pdf"], timeout=OP_TIMEOUT_MS)
    drop(tab, photo)
    qtbot.waitUntil(lambda: len(names(tab)) == 2, timeout=OP_TIMEOUT_MS)
    assert sorted(a["filename"] for a in caseload.attachments.for_family(family_id)) == [
        "cot.jpg",
        "housing letter.pdf",
    ]

    tab.table.select_first(lambda a: a["filename"] == "housing letter.pdf")
    out = tmp_path / "out" / "copy.pdf"
    out.parent.mkdir()
    tab.save_copy(tab.table.current().id, str(out))  # type: ignore[union-attr]
    assert out.read_bytes() == letter.read_bytes()
    assert "not encrypted" in tab.status_label.text()


def test_a_file_over_the_limit_is_refused_by_name_and_nothing_is_attached(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory, tmp_path: Path
) -> None:
    caseload.ctx.vault.set_meta("setting.attachment_max_bytes", "1000")
    big = tmp_path / "scan.tiff"
    big.write_bytes(b"x" * 1001)
    tab = files_tab(qtbot, make_page, family_id)
    assert "Files up to 1000 bytes" in tab.limit_label.text()
    tab.attach_files([str(big)])
    qtbot.waitUntil(lambda: tab.message.isVisibleTo(tab), timeout=OP_TIMEOUT_MS)
    assert "'scan.tiff' is over the limit" in tab.message.text()
    assert caseload.attachments.for_family(family_id) == []


def test_a_dropped_folder_is_refused_with_the_reason(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "Letters"
    folder.mkdir()
    tab = files_tab(qtbot, make_page, family_id)
    drop(tab, folder)
    assert "Folders cannot be attached (Letters)" in tab.message.text()
    assert caseload.attachments.for_family(family_id) == []


def test_remove_asks_first_then_erases(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory
) -> None:
    caseload.attachments.attach(family_id, "consent.pdf", b"%PDF consent")
    tab = files_tab(qtbot, make_page, family_id)
    tab.table.select_source_row(0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    box = tab.remove_box
    assert box is not None
    qtbot.mouseClick(box.button(box.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(caseload.attachments.for_family(family_id)) == 1
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    box = tab.remove_box
    assert box is not None
    remove = next(b for b in box.buttons() if b.text() == "&Remove")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert caseload.attachments.for_family(family_id) == []
    assert names(tab) == []


def test_an_attached_files_words_never_reach_the_disk_in_plaintext(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory, tmp_path: Path,
    data_dir: Path,
) -> None:  # fmt: skip
    canary = "CANARY-ATTACHMENT-7f3e2a91"
    source = tmp_path / "outside" / "note.txt"
    source.parent.mkdir()
    source.write_text(f"Mum said {canary} on the phone")
    tab = files_tab(qtbot, make_page, family_id)
    tab.attach_files([str(source)])
    qtbot.waitUntil(lambda: names(tab) == ["note.txt"], timeout=OP_TIMEOUT_MS)
    assert caseload.attachments.open_bytes(caseload.attachments.for_family(family_id)[0].id)
    checked = 0
    for folder in {caseload.ctx.vault.data_dir, data_dir}:
        for path in folder.rglob("*"):
            if path.is_file():
                assert canary.encode() not in path.read_bytes(), path
                checked += 1
    assert checked >= 2  # the vault file at least, and its key file
