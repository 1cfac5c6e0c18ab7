"""`liaison outcomes add/show`: the outcomes wheel from a script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.domain.outcomes import AREA_KEYS
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}
Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


@pytest.fixture
def family_id(vault: Vault) -> str:
    family = Caseload(vault).families.create({"name": "Okafor family"})
    vault.close()
    return family.id


def test_add_twice_then_show_gives_both_scorings_and_the_change(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    first = run_cli(
        capsys, monkeypatch, data_dir, "outcomes", "add", family_id,
        "--scores", "2,3,4,3,2,5,4,2", "--date", "2025-01-10", "--with", "Ada", env=ENV,
    )  # fmt: skip
    assert first.code == 0, first.err
    assert "start" in first.out
    second = run_cli(
        capsys, monkeypatch, data_dir, "outcomes", "add", family_id,
        "--scores", "5,3,4,3,6,5,4,9", "--date", "2025-04-10", "--json", env=ENV,
    )  # fmt: skip
    assert second.code == 0, second.err
    assert json.loads(second.out)["outcome_review"]["stage"] == "review"
    shown = run_cli(capsys, monkeypatch, data_dir, "outcomes", "show", family_id, "--json", env=ENV)
    assert shown.code == 0
    data = json.loads(shown.out)
    assert [s["date"] for s in data["scorings"]] == ["2025-01-10", "2025-04-10"]
    assert data["scorings"][0]["family_present"] == "Ada"
    assert data["change"] == dict(zip(AREA_KEYS, (3, 0, 0, 0, 4, 0, 0, 7), strict=True))
    text = run_cli(capsys, monkeypatch, data_dir, "outcomes", "show", family_id, env=ENV)
    assert "Home and money +3" in text.out and "Connection to the community +7" in text.out


@pytest.mark.parametrize(
    "scores", ["1,2,3", "1,2,3,4,5,6,7,eleven", "1,2,3,4,5,6,7,11", "0,2,3,4,5,6,7,8"]
)
def test_bad_scores_are_rejected_with_exit_3_and_nothing_written(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str, scores: str
) -> None:
    result = run_cli(
        capsys, monkeypatch, data_dir, "outcomes", "add", family_id, "--scores", scores, env=ENV
    )
    assert result.code == 3
    assert "Traceback" not in result.err
    shown = run_cli(capsys, monkeypatch, data_dir, "outcomes", "show", family_id, "--json", env=ENV)
    assert json.loads(shown.out)["scorings"] == []
