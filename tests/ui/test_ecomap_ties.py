"""The officer marks a tie as strong, tenuous or stressful in the Team tab; the ecomap draws
and says it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import activate


def test_a_tie_chosen_in_the_team_tab_shows_on_the_ecomap_and_in_its_png(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory, tmp_path: Path
) -> None:
    social = caseload.directory.create(
        {"organisation": "Children's Social Care", "kind": "social_care", "layer": 2}
    )
    caseload.directory.link(family_id, social.id, "Allocated social worker")
    page = make_page(family_id)
    activate(qtbot, page.window())
    page.tabs.setCurrentWidget(page.team)
    team = page.team
    assert not team.tie_combo.isEnabled()
    team.table.select_source_row(0)
    assert team.tie_combo.isEnabled() and team.tie_combo.currentText() == "Not said"
    team.tie_combo.setFocus()
    qtbot.keyClick(team.tie_combo, Qt.Key.Key_Down)  # Strong
    qtbot.keyClick(team.tie_combo, Qt.Key.Key_Down)  # Tenuous
    qtbot.keyClick(team.tie_combo, Qt.Key.Key_Down)  # Stressful
    (member,) = caseload.directory.team(family_id)
    assert member.tie == "stressful"
    assert team.model.index(0, 3).data() == "Stressful"

    page.tabs.setCurrentWidget(page.ecomap)
    ecomap = page.ecomap
    qtbot.waitUntil(lambda: any("stressful tie" in line for line in ecomap.ecomap.describe()))
    out = tmp_path / "ecomap.png"
    assert ecomap.export_png(str(out))
    assert out.stat().st_size > 10_000 and out.read_bytes()[:4] == b"\x89PNG"
