"""`liaison today`: the Today screen's lines on the command line (issue 17 part 5)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.today_service import gather_today
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


def test_today_lists_what_the_today_screen_shows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    vault, _key = Vault.create(
        data_dir, PASSPHRASE, owner_name="Sam Officer", role="officer", kdf_target_seconds=0
    )
    with vault:
        c = Caseload(vault)
        family = c.families.create({"name": "Novak family"}).id
        c.visits.plan(family, date.today(), purpose="Uniform fitting", time="10:00")
        c.actions.add(family, "Book interpreter", due=date.today() - timedelta(days=2))
        snap = gather_today(c)

    result = run_cli(capsys, monkeypatch, data_dir, "today", env=ENV)
    assert result.code == 0, result.err
    assert "Your day: visits today (1)" in result.out
    assert "Novak family · Uniform fitting" in result.out
    assert "Overdue actions (1)" in result.out and "Book interpreter" in result.out
    assert "Concerns waiting for you" not in result.out  # an officer has no lead's queue

    as_json = run_cli(capsys, monkeypatch, data_dir, "today", "--json", env=ENV)
    data = json.loads(as_json.out)
    assert [i["text"] for i in data["visits_today"]] == [i.text for i in snap.visits_today]
    assert data["overdue_actions"][0]["family_id"] == family
