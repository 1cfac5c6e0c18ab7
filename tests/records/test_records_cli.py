"""`liaison close/reopen/retention/review/hold`: scriptable, --json, DESIGN §7 exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli
from tests.records.case_helpers import make_case

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


def _lead_with_case(data_dir: Path) -> tuple[str, str]:
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Dana Lead", role="lead", kdf_target_seconds=0
    )
    with vault:
        case = make_case(Caseload(vault), pupil_born="1990-01-01")
    return case.family_id, case.note_id


def test_a_script_closes_reviews_holds_and_destroys(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    family, note = _lead_with_case(data_dir)

    def cli(*args: str) -> tuple[int, object]:
        result = run_cli(capsys, monkeypatch, data_dir, *args, "--json", env=ENV)
        return result.code, json.loads(result.out) if result.out.strip() else result.err

    code, closed = cli(
        "close", family, "--reason", "Support ended", "--outcome", "needs_met", "--on", "2010-07-20"
    )
    assert code == 0 and isinstance(closed, dict) and closed["action"] == "close"
    code, schedule = cli("retention", "list")
    assert (
        code == 0
        and {"kind": "concern", "basis": "after_birth", "years": 25}.items()
        <= {
            **next(e for e in schedule if e["kind"] == "concern")  # type: ignore[union-attr]
        }.items()
    )
    code, entry = cli("retention", "set", "note", "--years", "7")
    assert code == 0 and entry["years"] == 7  # type: ignore[index]
    code, queue = cli("review", "list")
    assert code == 0 and [r["family_id"] for r in queue] == [family]  # type: ignore[union-attr]
    items = {(i["kind"], i["record_id"]) for i in queue[0]["items"]}  # type: ignore[index]
    assert ("note", note) in items and ("family", family) in items

    code, hold = cli("hold", "place", family, "--reason", "Inquiry")
    assert code == 0
    code, err = cli("review", "destroy", family, "--reason", "Retention ended")
    assert code == 3 and "legal hold" in str(err)
    code, holds = cli("hold", "list")
    assert code == 0 and [h["id"] for h in holds] == [hold["id"]]  # type: ignore[index,union-attr]
    code, _released = cli("hold", "release", hold["id"], "--reason", "Inquiry over")  # type: ignore[index]
    assert code == 0
    code, result = cli("review", "destroy", family, "--reason", "Retention ended")
    assert code == 0 and result["family_destroyed"] is True  # type: ignore[index]
    code, queue = cli("review", "list")
    assert code == 0 and queue == []
    code, _err = cli("reopen", family, "--reason", "x")
    assert code == 3  # the family is gone: input rejected, nothing changed


def test_lead_only_commands_exit_1_on_an_officers_vault_and_bad_usage_exits_64(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Sam Officer", role="officer", kdf_target_seconds=0
    )
    with vault:
        family = make_case(Caseload(vault)).family_id
    for args in (
        ("retention", "set", "note", "--years", "2"),
        ("review", "list"),
        ("review", "destroy", family, "--reason", "x"),
        ("hold", "place", family, "--reason", "x"),
    ):
        assert run_cli(capsys, monkeypatch, data_dir, *args, env=ENV).code == 1, args
    assert run_cli(capsys, monkeypatch, data_dir, "hold", "place", family, env=ENV).code == 64
    bad = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "review",
        "keep",
        family,
        "--reason",
        "x",
        "--until",
        "soon",
        env=ENV,
    )
    assert bad.code == 3 and "until" in bad.err
