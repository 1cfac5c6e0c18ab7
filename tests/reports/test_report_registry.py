"""Reports describe themselves (issue 17 part 2): a kind is one module with `build` plus one line
in `services/reports/registry.py`; the dialog, the Reports section and the CLI list the
registry, and the one pipeline previews, protects, audits and writes whatever a kind built."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison_desktop.i18n import N_
from liaison_desktop.reports.chronology import ChronologyData, build_chronology
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports import registry
from liaison_desktop.services.reports.common import BuiltReport, ReportRequest, ReportTools
from liaison_desktop.services.reports_service import ReportOptions, ReportsService, kinds_for
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.reports.report_dialog import ReportDialog
from liaison_desktop.ui.reports.reports_view import ReportsView
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

from .report_helpers import caseload, make_household, pages_text


def _letter(tools: ReportTools, request: ReportRequest, progress: object) -> BuiltReport:
    """A new kind written as a kind module would be: read, draw, hand back what was built."""
    family_id = str(request.subject_id)
    family = tools.caseload.families.get(family_id)
    data = ChronologyData(family=dict(family), entries=[], start=None, end=None)
    pdf = build_chronology(data, tools.meta("Letter to the family"), None, None)
    return BuiltReport("family_letter", pdf, family_id=family_id)


LETTER = registry.ReportKind(
    "family_letter",
    N_("Letter to a family"),
    N_("&Letter…"),
    N_("A letter about the family's support."),
    N_("letter"),
    "family",
    False,
    _letter,
)


@pytest.fixture
def with_letter(monkeypatch: pytest.MonkeyPatch) -> registry.ReportKind:
    """The registry with one more kind: the only line a new report adds."""
    monkeypatch.setattr(registry, "REPORT_KINDS", (*registry.REPORT_KINDS, LETTER))
    monkeypatch.setitem(registry.BY_KEY, LETTER.key, LETTER)
    return LETTER


def test_every_kind_is_offered_in_registry_order_and_lead_only_ones_to_leads(
    qtbot: QtBot, vault: Vault, lead_vault: Vault
) -> None:
    officer_keys = [k.key for k in kinds_for(is_lead=False)]
    lead_keys = [k.key for k in kinds_for(is_lead=True)]
    # Every kind in registry order, except those made from elsewhere (the handover summary).
    assert lead_keys == [k.key for k in registry.REPORT_KINDS if k.listed]
    assert [k.key for k in registry.REPORT_KINDS if not k.listed] == ["handover"]
    assert set(lead_keys) - set(officer_keys) == {"caseload_overview", "engagement_summary"}
    for v, keys in ((vault, officer_keys), (lead_vault, lead_keys)):
        view = ReportsView(Caseload(v))
        qtbot.addWidget(view)
        assert list(view.buttons) == keys
        dialog = ReportDialog(Caseload(v))
        qtbot.addWidget(dialog)
        combo = dialog.kind_combo
        assert [combo.itemData(i) for i in range(combo.count())] == keys


def test_a_kind_added_to_the_registry_is_offered_previewed_and_saved_everywhere(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    with_letter: registry.ReportKind,
) -> None:
    vault, _key = Vault.create(
        data_dir, PASSPHRASE, owner_name="Cli Officer", role="officer", kdf_target_seconds=0
    )
    with vault:
        c = caseload(vault)
        house = make_household(c, notes=1)
        view = ReportsView(c)
        qtbot.addWidget(view)
        assert "family_letter" in view.buttons  # the Reports section shows it
        dialog = ReportDialog(c, kind="family_letter")
        qtbot.addWidget(dialog)
        assert dialog.kind() == "family_letter" and dialog.subject_list.isVisibleTo(dialog)
        preview = ReportsService(c).preview(
            "family_letter", house.family_id, ReportOptions(tmp_path / "x.pdf")
        )
        assert preview.pages >= 1 and not (tmp_path / "x.pdf").exists()
    out = tmp_path / "letter.pdf"
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "make",
        "family_letter",
        house.family_id,
        "--out",
        str(out),
        env={"LIAISON_PASSPHRASE": PASSPHRASE},
    )
    assert result.code == 0, result.err
    assert "Letter to a family written to" in result.out
    assert "Letter to the family" in pages_text(out)[0]
    with Vault.unlock(data_dir, PASSPHRASE) as reopened:  # audited by the pipeline
        events = reopened.conn.execute(
            "SELECT detail FROM audit WHERE action = 'export'"
        ).fetchall()
    assert any("report=family_letter" in str(e[0]) for e in events)


def test_previewing_a_transfer_pack_records_nothing_and_saving_records_the_transfer(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    svc = ReportsService(c)
    svc.preview("transfer_pack", house.pupil_id, ReportOptions(tmp_path / "p.pdf"))
    assert c.transfers.of_pupil(house.pupil_id) == []
    assert c.sharing.history(house.family_id) == []
    svc.transfer_pack(house.pupil_id, ReportOptions(tmp_path / "t.pdf"), receiving_school="X High")
    assert len(c.transfers.of_pupil(house.pupil_id)) == 1


def test_a_report_whose_file_cannot_be_written_leaves_no_transfer_or_sharing_behind(
    vault: Vault, tmp_path: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    target = tmp_path / "a-folder-not-a-file"
    target.mkdir()
    with pytest.raises(Exception, match="could not be written"):
        ReportsService(c).transfer_pack(
            house.pupil_id, ReportOptions(target), receiving_school="X High"
        )
    assert c.transfers.of_pupil(house.pupil_id) == []
    assert c.sharing.history(house.family_id) == []


def test_report_kinds_lists_the_registry(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    Vault.create(
        data_dir, PASSPHRASE, owner_name="Cli Officer", role="officer", kdf_target_seconds=0
    )[0].close()
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "kinds",
        "--json",
        env={"LIAISON_PASSPHRASE": PASSPHRASE},
    )
    assert result.code == 0, result.err
    assert "transfer_pack" in result.out and "caseload_overview" not in result.out
    assert dataclasses.is_dataclass(registry.REPORT_KINDS[0])
