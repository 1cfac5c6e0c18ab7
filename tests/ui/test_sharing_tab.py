"""The family page's Sharing tab: what left the vault, to whom, on which basis, consent then."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.domain.sharing import ShareDetails
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.ui.reports.report_dialog import ReportDialog

from .family_fixtures import (  # noqa: F401  (fixtures, used by name)
    PageFactory,
    caseload_fixture,
    family_id_fixture,
    make_page_fixture,
)
from .ui_helpers import OP_TIMEOUT_MS


def _cells(page_tab: object, row: int) -> list[str]:
    model = page_tab.model  # type: ignore[attr-defined]
    return [
        str(model.index(row, col).data(Qt.ItemDataRole.DisplayRole))
        for col in range(model.columnCount())
    ]


def test_sharing_tab_lists_each_share_after_attendance_and_loads_on_first_show(
    qtbot: QtBot, caseload: Caseload, family_id: str, make_page: PageFactory, tmp_path: Path
) -> None:
    reports = ReportsService(caseload)
    reports.case_summary(family_id, ReportOptions(out=tmp_path / "own.pdf"))
    reports.chronology(
        family_id,
        ReportOptions(
            out=tmp_path / "chron.pdf",
            share=ShareDetails(
                recipient="Duty social worker",
                organisation="Demoford Children's Social Care",
                lawful_basis="public_task",
                condition="safeguarding",
                consent_not_sought=True,
            ),
        ),
    )
    page = make_page(family_id)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles.index("Sharing") > titles.index("Attendance")
    assert page.sharing.model.rowCount() == 0  # not read until shown

    page.tabs.setCurrentWidget(page.sharing)
    qtbot.waitUntil(lambda: page.sharing.model.rowCount() == 2)
    headers = [
        page.sharing.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(page.sharing.model.columnCount())
    ]
    assert headers[:6] == ["Date", "What", "To whom", "Why", "Lawful basis", "Consent then"]
    newest = _cells(page.sharing, 0)
    assert newest[1] == "Chronology (PDF)"
    assert newest[2] == "Duty social worker, Demoford Children's Social Care"
    assert newest[3] == "Shared with another organisation"
    assert newest[4].startswith("Public task — Article 6(1)(e); Safeguarding of children")
    assert newest[5] == "Not sought — safeguarding"
    oldest = _cells(page.sharing, 1)
    assert oldest[1] == "Case summary (PDF)" and oldest[3] == "Own records"
    assert "2 entries" in page.sharing.summary.text()
    assert page.sharing.table.accessibleName() == "Information-sharing record"


def test_sharing_tab_says_when_nothing_has_left_the_vault(
    qtbot: QtBot, family_id: str, make_page: PageFactory
) -> None:
    page = make_page(family_id)
    page.tabs.setCurrentWidget(page.sharing)
    qtbot.waitUntil(lambda: "Nothing about this family" in page.sharing.summary.text())
    assert page.sharing.model.rowCount() == 0


def test_the_report_dialog_asks_who_it_is_for_and_the_share_is_recorded(
    qtbot: QtBot, caseload: Caseload, family_id: str, tmp_path: Path
) -> None:
    dialog = ReportDialog(caseload, kind="case_summary")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.choose_subject(str(caseload.families.get(family_id)["name"]))
    dialog.recipient_edit.setText("School nurse")
    dialog.organisation_edit.setText("Demoford Health")
    out = tmp_path / "summary.pdf"

    # Naming an outside recipient without a lawful basis is refused; nothing is written.
    dialog.save_to(out)
    qtbot.waitUntil(lambda: not dialog.busy_now, timeout=OP_TIMEOUT_MS)
    assert "lawful_basis" in dialog.status_label.text()
    assert not out.exists() and caseload.sharing.history(family_id) == []

    dialog.basis_combo.setCurrentIndex(dialog.basis_combo.findData("vital_interests"))
    dialog.condition_combo.setCurrentIndex(dialog.condition_combo.findData("safeguarding"))
    with qtbot.waitSignal(dialog.saved, timeout=OP_TIMEOUT_MS):
        dialog.save_to(out)
    assert out.is_file()
    [entry] = caseload.sharing.history(family_id)
    assert (entry["recipient"], entry["organisation"]) == ("School nurse", "Demoford Health")
    assert (entry["lawful_basis"], entry["condition"]) == ("vital_interests", "safeguarding")
    assert entry["what"] == "case_summary"
    dialog.done(0)
