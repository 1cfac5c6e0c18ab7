"""`liaison visit …` and `liaison action …` as an officer's script would use them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

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


def _json(capsys: Cap, monkeypatch: MP, data_dir: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = run_cli(capsys, monkeypatch, data_dir, *args, "--json", env=ENV)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_plan_check_in_no_access_then_an_action_done(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    today = date.today().isoformat()
    planned = _json(capsys, monkeypatch, data_dir, "visit", "plan", family_id,
                    "--date", today, "--time", "10:00", "--purpose", "Attendance")  # fmt: skip
    visit_id = planned["id"]
    listed = run_cli(capsys, monkeypatch, data_dir, "visit", "list", env=ENV)
    assert listed.code == 0 and "Okafor family: Planned" in listed.out
    short = visit_id[:8]  # the id as `visit list` shows it
    _json(capsys, monkeypatch, data_dir, "visit", "check-in", short, "--minutes", "45")
    # No access with nothing said about it: refused (exit 3), nothing changed.
    refused = run_cli(capsys, monkeypatch, data_dir, "visit", "check-out", short,
                      "--outcome", "no_access", env=ENV)  # fmt: skip
    assert refused.code == 3 and "no_access_steps" in refused.err
    out = _json(capsys, monkeypatch, data_dir, "visit", "check-out", short,
                "--outcome", "no_access", "--done", "card_left,phoned",
                "--note", "No answer", "--miles", "4")  # fmt: skip
    assert out["visit"]["status"] == "no_access" and out["visit"]["checked_out_at"]
    assert out["visit"]["no_access_steps"] == ["card_left", "phoned"]
    assert out["visit"]["miles"] == 4
    again = run_cli(capsys, monkeypatch, data_dir, "visit", "outcome", visit_id,
                    "--outcome", "completed", env=ENV)  # fmt: skip
    assert again.code != 0 and "already has an outcome" in again.err

    due = (date.today() + timedelta(days=1)).isoformat()
    added = _json(capsys, monkeypatch, data_dir, "action", "add", family_id,
                  "Phone to rebook", "--due", due, "--from", visit_id)  # fmt: skip
    assert added["action"]["source_kind"] == "visit"
    mine = _json(capsys, monkeypatch, data_dir, "action", "list")
    assert [a["id"] for a in mine["actions"]] == [added["id"]]
    done = _json(capsys, monkeypatch, data_dir, "action", "done", added["id"],
                 "--outcome", "Rebooked for Friday")  # fmt: skip
    assert done["action"]["done"] and done["action"]["outcome"] == "Rebooked for Friday"
    assert _json(capsys, monkeypatch, data_dir, "action", "list")["actions"] == []


def test_reschedule_and_cancel_from_the_command_line(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    day = (date.today() + timedelta(days=2)).isoformat()
    first = _json(capsys, monkeypatch, data_dir, "visit", "plan", family_id, "--date", day)["id"]
    moved = _json(capsys, monkeypatch, data_dir, "visit", "outcome", first,
                  "--outcome", "rescheduled", "--new-date",
                  (date.today() + timedelta(days=9)).isoformat())  # fmt: skip
    new_id = moved["visit"]["rescheduled_to"]
    cancelled = _json(capsys, monkeypatch, data_dir, "visit", "outcome", new_id,
                      "--outcome", "cancelled", "--by", "by_family")  # fmt: skip
    assert cancelled["visit"]["cancelled_by"] == "by_family"
    listed = _json(capsys, monkeypatch, data_dir, "visit", "list", "--family", family_id,
                   "--to", (date.today() + timedelta(days=30)).isoformat())  # fmt: skip
    assert [(v["status"]) for v in listed["visits"]] == ["rescheduled", "cancelled"]


def test_time_and_mileage_for_the_term(
    capsys: Cap, monkeypatch: MP, data_dir: Path, family_id: str
) -> None:
    today = date.today().isoformat()
    first = _json(capsys, monkeypatch, data_dir, "visit", "plan", family_id, "--date", today)
    _json(capsys, monkeypatch, data_dir, "visit", "outcome", first["id"], "--outcome",
          "completed", "--minutes", "40", "--travel", "25", "--miles", "7")  # fmt: skip
    summary = _json(capsys, monkeypatch, data_dir, "visit", "time")
    (row,) = summary["officers"]
    assert (row["officer"], row["minutes"], row["travel_minutes"], row["miles"]) == (
        "Test Officer",
        40,
        25,
        7,
    )
    assert row["outcomes"] == {"completed": 1}
    text = run_cli(capsys, monkeypatch, data_dir, "visit", "time", env=ENV).out
    assert "Test Officer: 1 visits (0 no access), 40 min with families" in text
