"""The ecomap view: everyone on their layer's ring, the links as text, export as a real PNG."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.family.ecomap_view import EXPORT_SIZE, EcomapView


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    caseload = Caseload(vault)
    populate_demo(caseload, families=6, seed=3)
    return caseload


def _busiest_family(caseload: Caseload) -> str:
    """The demo family with the most agencies and assets around it."""
    return max(
        (f.id for f in caseload.families.all()), key=lambda f: len(caseload.directory.team(f))
    )


def test_each_linked_contact_sits_on_its_layers_ring(qtbot: QtBot, caseload: Caseload) -> None:
    family_id = _busiest_family(caseload)
    team = caseload.directory.team(family_id)
    assert team, "the demo family has a team around it"
    view = EcomapView(caseload, family_id)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)

    for member in team:
        node = view.ecomap.node(f"contact:{member.link_id}")
        assert node.layer == member.contact["layer"]
        assert math.hypot(node.x, node.y) == pytest.approx(member.contact["layer"])
    for person in caseload.people.members(family_id):
        node = view.ecomap.node(f"person:{person.id}")
        assert node.layer == 0  # the family's own ring, inside the community layers
    # The text alternative lists every link the picture draws.
    assert view.links_model.rowCount() == len(view.ecomap.links)
    assert view.links_list.accessibleName()
    # The picture itself is drawn (not blank) at the widget's size.
    shot = view.canvas.grab().toImage()
    assert _distinct_colours(shot) > 3


def _distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 60)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_export_writes_a_real_png_where_the_officer_chose_and_says_it_is_not_encrypted(
    qtbot: QtBot, caseload: Caseload, tmp_path: Path
) -> None:
    view = EcomapView(caseload, _busiest_family(caseload))
    qtbot.addWidget(view)
    view.show()
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    dialog = view.export_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert "not encrypted" in dialog.windowTitle()
    target = tmp_path / "chosen" / "ecomap.png"
    target.parent.mkdir()
    dialog.fileSelected.emit(str(target))
    dialog.reject()

    image = QImage(str(target))
    assert not image.isNull()
    assert image.size() == QSize(EXPORT_SIZE)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _distinct_colours(image) > 3
    assert "not encrypted" in view.status_label.text()


def test_a_family_with_nobody_linked_says_how_to_add_them(qtbot: QtBot, vault: Vault) -> None:
    caseload = Caseload(vault)
    family = caseload.families.create({"name": "Kowalczyk family"})
    view = EcomapView(caseload, family.id)
    qtbot.addWidget(view)
    assert view.links_model.rowCount() == 0
    assert view.ecomap.node("family").label == "Kowalczyk family"


def test_a_contact_linked_while_the_view_is_hidden_appears_when_it_is_shown_again(
    qtbot: QtBot, vault: Vault
) -> None:
    caseload = Caseload(vault)
    family = caseload.families.create({"name": "Nowak family"})
    view = EcomapView(caseload, family.id)
    qtbot.addWidget(view)
    view.show()
    assert view.links_model.rowCount() == 0 and view.empty_label.isVisibleTo(view)
    view.hide()
    library = caseload.directory.create(
        {"organisation": "Central Library", "kind": "library", "layer": 4}
    )
    caseload.directory.link(family.id, library.id, "Homework club")
    view.show()
    assert view.links_model.stringList() == [
        "Wider local community: Central Library — Homework club"
    ]
    assert not view.empty_label.isVisibleTo(view)
    node = view.canvas.ecomap.nodes[-1]
    assert node.layer == 4 and math.hypot(node.x, node.y) == pytest.approx(4)
