"""`liaison report …`: the files it writes, what it says about encryption, and its exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pikepdf
import pytest

from liaison_desktop.store import migrations
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

from .report_helpers import Household, caseload, make_household, pages_text, poppler_pages, squash

TODAY_ISO = date.today().isoformat()
ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


def _vault_with_household(data_dir: Path, role: str = "officer") -> Household:
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Cli Officer", role=role, kdf_target_seconds=0
    )
    with vault:
        return make_household(caseload(vault), notes=3)


@pytest.fixture
def house(data_dir: Path) -> Household:
    return _vault_with_household(data_dir)


def test_report_case_writes_the_pdf_and_says_it_is_not_encrypted(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    house: Household,
) -> None:
    out = tmp_path / "case.pdf"
    result = run_cli(
        capsys, monkeypatch, data_dir, "report", "case", house.family_id, "--out", str(out), env=ENV
    )
    assert result.code == 0, result.err
    assert "NOT encrypted" in result.out
    assert "Case summary written to" in result.out
    assert "OFFICIAL-SENSITIVE" in pages_text(out)[0]


def test_report_case_with_password_file_redaction_dates_and_sections(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    house: Household,
) -> None:
    out = tmp_path / "case.pdf"
    password_file = tmp_path / "pw.txt"
    password_file.write_text("a long enough password\n", encoding="utf-8")
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "case",
        house.family_id,
        "--out",
        str(out),
        "--password-file",
        str(password_file),
        "--redact",
        house.contact_id,
        house.partner_id,
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--sections",
        "household,team,chronology",
        "--json",
        env=ENV,
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["encrypted"] is True and data["redacted"] == 2 and data["pages"] >= 1
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    text = squash(" ".join(poppler_pages(out, "a long enough password")))
    assert "Reem Khoury" not in text and "[redacted]" in text
    assert "Open actions" not in text


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--from", "yesterday"], 3),
        (["--sections", "gossip"], 3),
        (["--redact", "no-such-id"], 3),
    ],
)
def test_report_case_rejects_bad_input_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    house: Household,
    args: list[str],
    code: int,
) -> None:
    out = tmp_path / "case.pdf"
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "case",
        house.family_id,
        "--out",
        str(out),
        *args,
        env=ENV,
    )
    assert result.code == code, result.err
    assert not out.exists()
    assert "Traceback" not in result.err


def test_wrong_passphrase_exits_2_and_unknown_family_exits_1(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    house: Household,
) -> None:
    out = tmp_path / "case.pdf"
    wrong = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "case",
        house.family_id,
        "--out",
        str(out),
        env={"LIAISON_PASSPHRASE": "not the passphrase at all"},
    )
    assert wrong.code == 2
    missing = run_cli(
        capsys, monkeypatch, data_dir, "report", "case", "nope", "--out", str(out), env=ENV
    )
    assert missing.code == 1 and "No family" in missing.err
    assert not out.exists()


def test_caseload_overview_on_an_officers_vault_exits_1_with_a_clear_message(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    house: Household,
) -> None:
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "caseload",
        "--out",
        str(tmp_path / "o.pdf"),
        env=ENV,
    )
    assert result.code == 1
    assert "safeguarding lead" in result.err


def test_caseload_overview_for_a_lead(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    _vault_with_household(data_dir, role="lead")
    out = tmp_path / "o.pdf"
    result = run_cli(
        capsys, monkeypatch, data_dir, "report", "caseload", "--out", str(out), env=ENV
    )
    assert result.code == 0, result.err
    assert "Caseload overview" in pages_text(out)[0]


def test_transfer_pack_then_confirm_receipt(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    house: Household,
) -> None:
    out = tmp_path / "transfer.pdf"
    usage = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "transfer",
        house.pupil_id,
        "--out",
        str(out),
        env=ENV,
    )
    assert usage.code == 64 and not out.exists()
    made = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "transfer",
        house.pupil_id,
        "--out",
        str(out),
        "--to-school",
        "Demo High",
        "--from-school",
        "Ysgol Demo",
        "--left-on",
        "2025-11-10",
        "--json",
        env=ENV,
    )
    assert made.code == 0, made.err
    transfer_id = json.loads(made.out)["transfer_id"]
    assert transfer_id in squash(pages_text(out)[-1])
    assert "returning this page to Ysgol Demo" in squash(pages_text(out)[-1])
    confirmed = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "transfer",
        house.pupil_id,
        "--confirm-received",
        TODAY_ISO,  # the day it was sent: receipt cannot be recorded for a later day
        "--received-by",
        "B. Evans",
        "--json",
        env=ENV,
    )
    assert confirmed.code == 0, confirmed.err
    data = json.loads(confirmed.out)
    assert data["confirmed"] is True
    assert data["transfer"]["id"] == transfer_id
    assert data["transfer"]["received_on"] == TODAY_ISO
    again = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "transfer",
        house.pupil_id,
        "--confirm-received",
        TODAY_ISO,
        env=ENV,
    )
    assert again.code == 1 and "nothing was changed" in again.err


def test_sar_writes_pdf_and_json(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    tmp_path: Path,
    house: Household,
) -> None:
    pdf, doc = tmp_path / "sar.pdf", tmp_path / "sar.json"
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "report",
        "sar",
        house.pupil_id,
        "--out",
        str(pdf),
        "--json-out",
        str(doc),
        env=ENV,
    )
    assert result.code == 0, result.err
    assert "The JSON file is never encrypted." in result.out
    assert json.loads(doc.read_text(encoding="utf-8"))["person"]["id"] == house.pupil_id
    assert "Subject access export" in pages_text(pdf)[0]


def test_migration_4_gives_an_older_vault_the_transfers_table(data_dir: Path) -> None:
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Old", role="officer", kdf_target_seconds=0
    )
    with vault:
        vault.conn.execute("DROP TABLE transfers")
        vault.conn.execute("PRAGMA user_version = 3")
    with Vault.unlock(data_dir, PASSPHRASE) as reopened:
        assert migrations.schema_version(reopened.conn) >= 4
        columns = {r[1] for r in reopened.conn.execute("PRAGMA table_info(transfers)")}
        assert {"person_id", "sent_on", "received_on", "receiving_school"} <= columns
