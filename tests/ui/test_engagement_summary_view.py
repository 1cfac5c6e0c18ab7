"""The lead's engagement summary on screen, and its PDF through the Reports dialog."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from liaison_desktop.domain import engagement as eng
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.ui.activities.engagement_summary_view import Bar, BarChart
from liaison_desktop.ui.reports.reports_view import ReportsView
from tests.external_tools import tool
from tests.services.caseload_helpers import create_lead_vault

from .family_fixtures import caseload_fixture  # noqa: F401  (fixture, used by name)
from .ui_helpers import OP_TIMEOUT_MS

_VIEWS: list[ReportsView] = []  # held for the test's length: the dialog is the view's child


@pytest.fixture(autouse=True)
def _release_views() -> Iterator[None]:
    yield
    _VIEWS.clear()


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Caseload]:
    vault = create_lead_vault(tmp_path / "lead")
    yield Caseload(vault)
    QThreadPool.globalInstance().waitForDone(OP_TIMEOUT_MS)
    vault.close()


def test_an_officer_sees_no_engagement_summary_and_no_such_report(
    qtbot: QtBot, caseload: Caseload
) -> None:
    view = ReportsView(caseload)
    qtbot.addWidget(view)
    assert view.engagement is None and "engagement_summary" not in view.buttons


def test_lead_reads_the_summary_per_term_and_saves_it_as_pdf(
    qtbot: QtBot, lead: Caseload, tmp_path: Path
) -> None:
    today = date.today()
    this_term = eng.term_of(today)
    last_term = this_term.previous()
    families = [lead.families.create({"name": f"Family {n}"}).id for n in range(4)]
    coffee = lead.activities.add("Coffee morning", "coffee_morning", sessions=[today])
    [session] = lead.activities.sessions_of(coffee.id)
    lead.activities.invite(coffee.id, families[:3])
    for family in families[:2]:
        lead.activities.mark(session.id, family)
    lead.activities.add_walk_in(session.id, families[3])
    lead.engagement.sign_agreement(families[0], last_term.start)

    view = ReportsView(lead)
    _VIEWS.append(view)
    qtbot.addWidget(view)
    view.show()
    assert view.engagement is not None and view.engagement.summary is None  # not counted yet
    view.tabs.setCurrentWidget(view.engagement)
    summary = view.engagement
    qtbot.waitUntil(lambda: summary.summary is not None, timeout=OP_TIMEOUT_MS)
    assert summary.headline_label.text() == (
        f"{this_term.label}: 3 of 4 families took part in school life"
    )
    assert [(t.term.label, t.engaged) for t in summary.terms_model.rows()][-2:] == [
        (last_term.label, 1),
        (this_term.label, 3),
    ]
    [row] = summary.activities_model.rows()
    assert (row.invited, row.attended, row.walk_ins) == (3, 3, 1)

    # Choosing the term before counts that term instead.
    summary.term_combo.setCurrentIndex(summary.term_combo.findData(last_term.key))
    qtbot.waitUntil(
        lambda: summary.summary is not None and summary.summary.term == last_term,
        timeout=OP_TIMEOUT_MS,
    )
    assert summary.headline_label.text().endswith(": 1 of 4 families took part in school life")
    assert summary.activities_model.rows() == []

    # Save as PDF opens the Reports dialog on the engagement summary; no family to choose.
    qtbot.mouseClick(summary.pdf_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible() and dialog.kind() == "engagement_summary"
    assert not dialog.subject_list.isVisible()
    out = tmp_path / "engagement.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=OP_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        chooser = dialog.findChild(QFileDialog)
        assert chooser is not None
        chooser.selectFile(str(out))
        chooser.accept()
    text = subprocess.run(
        [tool("pdftotext"), str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "OFFICIAL-SENSITIVE" in text and "Coffee morning" in text
    dialog.done(0)


def test_a_bar_chart_says_its_figures_in_words(qtbot: QtBot) -> None:
    chart = BarChart("Families engaged per term", ["Engaged", "Came to an activity"])
    qtbot.addWidget(chart)
    assert chart.description() == "Nothing to show yet."
    chart.set_bars([Bar("Autumn 2026", (3, 2)), Bar("Spring 2027", (0, 0))])
    assert chart.accessibleDescription() == (
        "Autumn 2026: Engaged 3, Came to an activity 2\n"
        "Spring 2027: Engaged 0, Came to an activity 0"
    )
    chart.resize(400, 200)
    image = chart.grab().toImage()  # paints without a warning (qt_default_raising)
    assert image.width() > 0
