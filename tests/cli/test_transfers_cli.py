"""`liaison transfers list/calendar`: files awaiting receipt with their clock, and the school
calendar, from a script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


def test_transfers_are_listed_with_their_clock_and_the_calendar_is_set(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from datetime import date, timedelta

    data = tmp_path / "lead"
    vault, _key = Vault.create(data, PASSPHRASE, owner_name="Dana Lead", role="lead",
                               kdf_target_seconds=0)  # fmt: skip
    with vault:
        c = Caseload(vault)
        fid = c.families.create({"name": "Okafor family"}).id
        pupil = c.people.create({"family_id": fid, "given_name": "Tobi", "role": "pupil"}).id
        left = (date.today() - timedelta(days=21)).isoformat()
        c.transfers.create(
            {"person_id": pupil, "family_id": fid, "receiving_school": "Ysgol Demo",
             "left_on": left, "sent_on": left, "sent_by": "Dana Lead"}
        )  # fmt: skip
    listed = run_cli(capsys, monkeypatch, data, "transfers", "list", "--json", env=ENV)
    assert listed.code == 0, listed.err
    (row,) = json.loads(listed.out)["transfers"]
    assert (row["pupil"], row["receiving_school"], row["overdue"]) == ("Tobi", "Ysgol Demo", True)
    text = run_cli(capsys, monkeypatch, data, "transfers", "list", env=ENV).out
    assert "Tobi → Ysgol Demo" in text and "OVERDUE" in text
    set_ = run_cli(capsys, monkeypatch, data, "transfers", "calendar", "--nation", "wales",
                   "--inset", "2026-09-01,2026-10-23", "--json", env=ENV)  # fmt: skip
    assert json.loads(set_.out) == {"nation": "wales", "inset_days": ["2026-09-01", "2026-10-23"]}
    bad = run_cli(capsys, monkeypatch, data, "transfers", "calendar", "--inset", "soon", env=ENV)
    assert bad.code == 3 and "'soon' is not a date" in bad.err
