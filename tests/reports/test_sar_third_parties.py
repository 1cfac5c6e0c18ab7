"""Issue 23, item 4: a subject access export finds third parties named only in the text (a
neighbour, a relative, anyone the vault knows) and redacts them by default; the lead reviews
the list, may leave a name in and may redact more words by hand. Redacting a person removes
their phone and email wherever they appear. Read back from the real PDF and JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from liaison_desktop.domain.third_parties import find_third_parties
from liaison_desktop.errors import EXIT_OK
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

from .report_helpers import caseload, make_household, poppler_pages, squash

NOTE = (
    "Siân said her uncle Dave shouts when he visits. Mrs Patel next door hears it too. "
    "Gwen Morgan from the chapel brings food; Siân's friend Tomos Price walks her home."
)


def _sar(vault: Vault, out: Path, **options: tuple[str, ...]) -> tuple[str, str]:
    c = caseload(vault)
    house = make_household(c, notes=1)
    other = c.families.create({"name": "Price family"}).id
    c.people.create({"family_id": other, "given_name": "Tomos", "family_name": "Price",
                     "role": "pupil"})  # fmt: skip
    c.notes.write(house.family_id, NOTE)
    reports = ReportsService(c)
    found = {f.name: f for f in reports.third_parties(house.pupil_id)}
    assert {"Dave", "Patel", "Tomos Price"} <= set(found)
    assert found["Tomos Price"].known and not found["Dave"].known
    base = ReportOptions(out=out / "sar.pdf")
    result = reports.subject_access(house.pupil_id, replace(base, **options), out / "sar.json")
    pdf = squash(" ".join(poppler_pages(result.path)))
    return pdf, (out / "sar.json").read_text(encoding="utf-8")


def test_a_neighbour_and_a_relative_are_redacted_by_default(vault: Vault, out_dir: Path) -> None:
    pdf, raw = _sar(vault, out_dir)
    for name in ("Dave", "Patel", "Tomos Price", "Tomos"):
        assert name not in pdf, name
        assert name not in raw, name
    assert "her uncle [redacted] shouts" in pdf
    assert "Mrs [redacted] next door" in pdf
    assert "Siân said" in pdf  # the subject's own name stays


def test_the_lead_leaves_a_name_in_and_redacts_more_by_hand(vault: Vault, out_dir: Path) -> None:
    pdf, raw = _sar(vault, out_dir, keep_names=("Patel",), redact_text=("the chapel",))
    assert "Mrs Patel next door" in pdf and "Patel" in raw
    assert "Dave" not in pdf and "the chapel" not in pdf
    assert "from [redacted] brings food" in pdf


def test_redacting_a_person_removes_their_phone_wherever_it_appears(
    vault: Vault, out_dir: Path
) -> None:
    c = caseload(vault)
    house = make_household(c, notes=1)
    c.families.update(house.family_id, {"phone": "07700 900123"})  # the mother's number
    result = ReportsService(c).case_summary(
        house.family_id, ReportOptions(out=out_dir / "case.pdf", redact=(house.carer_id,))
    )
    text = squash(" ".join(poppler_pages(result.path)))
    assert "07700 900123" not in text and "900123" not in text


def test_the_names_can_be_reviewed_and_kept_from_the_command_line(
    vault_dir_with_household: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    data_dir, pupil = vault_dir_with_household
    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    listed = run_cli(capsys, monkeypatch, data_dir, "report", "sar-names", pupil, "--json",
                     env=env)  # fmt: skip
    assert listed.code == EXIT_OK, listed.err
    names = {n["name"] for n in json.loads(listed.out)["names"]}
    assert {"Dave", "Patel"} <= names
    made = run_cli(
        capsys, monkeypatch, data_dir, "report", "sar", pupil, "--out", str(tmp_path / "s.pdf"),
        "--json-out", str(tmp_path / "s.json"), "--keep-name", "Dave", env=env,
    )  # fmt: skip
    assert made.code == EXIT_OK, made.err
    text = (tmp_path / "s.json").read_text(encoding="utf-8")
    assert "uncle Dave" in text and "Patel" not in text


@pytest.fixture
def vault_dir_with_household(vault: Vault) -> tuple[Path, str]:
    c = caseload(vault)
    house = make_household(c, notes=1)
    c.notes.write(house.family_id, NOTE)
    folder = vault.data_dir
    vault.close()
    return folder, house.pupil_id


def test_the_finder_keeps_staff_and_the_subject_and_ignores_ordinary_words() -> None:
    found = find_third_parties(
        ["His friend The dog barked. Gwen Lead visited with Siân. Her nan, Margaret Hughes, came."],
        ["Margaret Hughes"],
        ["Gwen Lead", "Siân Llŷr"],
    )
    assert [f.name for f in found] == ["Margaret Hughes"]
