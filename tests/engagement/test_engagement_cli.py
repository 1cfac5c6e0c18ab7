"""`liaison activity …`, `liaison engagement …` and `liaison assets`, as a script uses them."""

from __future__ import annotations

import json
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
def families(vault: Vault) -> list[str]:
    caseload = Caseload(vault)
    ids = [caseload.families.create({"name": f"{n} family"}).id for n in ("Ali", "Bell", "Cruz")]
    caseload.directory.create(
        {"organisation": "Hillside Food Bank", "kind": "food_bank", "layer": 3}
    )
    caseload.families.update(ids[0], {"needs": ["ESOL"]})
    vault.close()
    return ids


def _cli(capsys: Cap, monkeypatch: MP, data_dir: Path, *args: str) -> tuple[int, object]:
    result = run_cli(capsys, monkeypatch, data_dir, *args, "--json", env=ENV)
    return result.code, json.loads(result.out) if result.code == 0 else result.err


def test_add_invite_attend_and_show_through_the_cli(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    code, activity = _cli(
        capsys, monkeypatch, data_dir,
        "activity", "add", "Cookery class, Tuesdays", "--kind", "cookery_class",
        "--session", "2026-11-03", "--session", "2026-11-10", "--time", "09:15",
    )  # fmt: skip
    assert code == 0 and isinstance(activity, dict)
    assert [s["date"] for s in activity["sessions"]] == ["2026-11-03", "2026-11-10"]
    aid = activity["id"]
    code, invited = _cli(capsys, monkeypatch, data_dir, "activity", "invite", aid, *families)
    assert code == 0 and isinstance(invited, list) and len(invited) == 3
    code, marked = _cli(
        capsys, monkeypatch, data_dir,
        "activity", "attend", aid, families[0], families[1], "--date", "2026-11-03",
    )  # fmt: skip
    assert code == 0 and isinstance(marked, dict)
    assert (marked["invited"], marked["attended"]) == (3, 2)
    code, register = _cli(
        capsys, monkeypatch, data_dir, "activity", "register", aid, "--date", "2026-11-03"
    )
    assert code == 0 and isinstance(register, dict)
    assert [(r["family_name"], r["mark"]) for r in register["rows"]] == [
        ("Ali family", "attended"),
        ("Bell family", "attended"),
        ("Cruz family", None),
    ]
    code, shown = _cli(capsys, monkeypatch, data_dir, "engagement", "show", families[0])
    assert code == 0 and isinstance(shown, dict)
    [status] = shown["activities"]
    assert (status["title"], status["sessions_attended"]) == ("Cookery class, Tuesdays", 1)
    assert shown["engaged_terms"] == ["2026-autumn"]
    code, summary = _cli(
        capsys, monkeypatch, data_dir, "engagement", "summary", "--term", "2026-autumn"
    )
    assert code == 0 and isinstance(summary, dict)
    assert summary["terms"][-1]["engaged"] == 2
    assert (summary["activities"][0]["invited"], summary["activities"][0]["attended"]) == (3, 2)


def test_attend_needs_a_date_when_an_activity_has_several_sessions(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    _code, activity = _cli(
        capsys, monkeypatch, data_dir,
        "activity", "add", "Coffee morning", "--kind", "coffee_morning",
        "--session", "2026-11-03", "--session", "2026-11-10",
    )  # fmt: skip
    assert isinstance(activity, dict)
    result = run_cli(
        capsys, monkeypatch, data_dir, "activity", "attend", activity["id"], families[0], env=ENV
    )
    assert result.code == 64 and "--date" in result.err
    result = run_cli(
        capsys, monkeypatch, data_dir,
        "activity", "attend", activity["id"], families[0], "--date", "2026-12-25", env=ENV,
    )  # fmt: skip
    assert result.code == 3


def test_an_unknown_kind_or_family_is_rejected_and_changes_nothing(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    result = run_cli(
        capsys, monkeypatch, data_dir, "activity", "add", "Yoga", "--kind", "yoga", env=ENV
    )
    assert result.code == 3 and "Traceback" not in result.err
    _code, activity = _cli(
        capsys, monkeypatch, data_dir, "activity", "add", "Open day", "--kind", "open_day"
    )
    assert isinstance(activity, dict)
    result = run_cli(
        capsys, monkeypatch, data_dir,
        "activity", "invite", activity["id"], families[0], "not-a-family", env=ENV,
    )  # fmt: skip
    assert result.code == 3
    _code, listed = _cli(capsys, monkeypatch, data_dir, "activity", "list")
    assert isinstance(listed, list) and [a["invited"] for a in listed] == [0]


def test_adding_a_kind_is_for_the_lead(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    result = run_cli(capsys, monkeypatch, data_dir, "activity", "add-kind", "Family yoga", env=ENV)
    assert result.code == 1 and "lead" in result.err
    _code, kinds = _cli(capsys, monkeypatch, data_dir, "activity", "kinds")
    assert isinstance(kinds, list) and "cookery_class" in [k["key"] for k in kinds]


def test_assets_lists_layers_and_gaps(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    code, assets = _cli(capsys, monkeypatch, data_dir, "assets")
    assert code == 0 and isinstance(assets, dict)
    assert [layer["layer"] for layer in assets["layers"]] == [1, 2, 3, 4]
    [food] = assets["layers"][2]["kinds"]
    assert food["organisations"][0]["organisation"] == "Hillside Food Bank"
    assert "money_advice" in assets["gaps"] and "food" not in assets["gaps"]
    assert assets["partnerships_to_build"] == ["english_language"]
    text = run_cli(capsys, monkeypatch, data_dir, "assets", env=ENV).out
    assert "Partnerships you could build:" in text
    assert "English language (ESOL) — 1 family needs it" in text
    assert text.startswith("1 organisation in your school community; 0 of them connected")


def test_assets_json_lists_an_organisation_once_with_all_its_contacts(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    vault = Vault.unlock(data_dir, PASSPHRASE)
    caseload = Caseload(vault)
    ids = [
        caseload.directory.create(
            {"organisation": org, "name": name, "kind": "food_bank", "layer": 3,
             "service_offered": offer}
        ).id
        for org, name, offer in (
            ("Hillside food bank", "Pat", "Food parcels"),
            ("HILLSIDE FOOD  BANK", "Lee", "food parcels"),
        )
    ]  # fmt: skip
    for contact in ids:  # one family referred through both contacts counts once
        caseload.referrals.create(
            {"family_id": families[0], "kind": "food_bank", "organisation_id": contact,
             "status": "sent", "date": "2026-10-01"}
        )  # fmt: skip
    vault.close()

    code, assets = _cli(capsys, monkeypatch, data_dir, "assets")
    assert code == 0 and isinstance(assets, dict)
    assert (assets["organisations"], assets["connected"]) == (1, 1)
    [food] = assets["layers"][2]["kinds"]
    [bank] = food["organisations"]
    assert (bank["organisation"], bank["kind"], bank["layer"]) == (
        "Hillside Food Bank",
        "food_bank",
        3,
    )
    assert [o.casefold() for o in bank["offers"]] == ["food parcels"]  # once, as first written
    assert (bank["referrals"], bank["referred_families"]) == (2, 1)
    assert sorted(str(c["name"]) for c in bank["contacts"]) == ["Lee", "None", "Pat"]
    assert set(ids) <= {c["contact_id"] for c in bank["contacts"]}
    [support] = [s for s in assets["support"] if s["key"] == "food"]
    assert support["providers"] == ["Hillside Food Bank"] and not support["gap"]
    assert sorted(support["provider_contacts"][0]) == sorted(
        c["contact_id"] for c in bank["contacts"]
    )
    text = run_cli(capsys, monkeypatch, data_dir, "assets", env=ENV).out
    assert text.count("Hillside") == 1
    assert "Hillside Food Bank (Food bank) · 2 referrals (1 family)" in text


def test_counts_read_right_in_the_singular(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    out = run_cli(
        capsys, monkeypatch, data_dir,
        "activity", "add", "Open day", "--kind", "open_day", "--session", "2026-11-03", env=ENV,
    ).out  # fmt: skip
    assert out.rstrip().endswith("Open day, 1 session.")
    aid = out.split()[1]
    assert (
        "· 1 session ·" in run_cli(capsys, monkeypatch, data_dir, "activity", "list", env=ENV).out
    )
    out = run_cli(
        capsys, monkeypatch, data_dir, "activity", "invite", aid, families[0], env=ENV
    ).out
    assert out.strip() == "1 family invited."
    run_cli(capsys, monkeypatch, data_dir, "activity", "attend", aid, families[0], env=ENV)
    out = run_cli(capsys, monkeypatch, data_dir, "engagement", "show", families[0], env=ENV).out
    assert "came to 1 of 1 session marked" in out
    out = run_cli(
        capsys, monkeypatch, data_dir, "engagement", "summary", "--term", "2026-autumn", env=ENV
    ).out
    assert "Autumn 2026: 1 family engaged" in out


def test_engagement_set_saves_the_profile(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str]
) -> None:
    code, profile = _cli(
        capsys, monkeypatch, data_dir,
        "engagement", "set", families[1], "preferred_channel=text_message", "best_time=after 3pm",
    )  # fmt: skip
    assert code == 0 and isinstance(profile, dict)
    assert (profile["preferred_channel"], profile["best_time"]) == ("text_message", "after 3pm")
    result = run_cli(
        capsys,
        monkeypatch,
        data_dir,
        "engagement",
        "set",
        families[1],
        "preferred_channel=fax",
        env=ENV,
    )
    assert result.code == 3


def test_engagement_report_writes_a_pdf(
    capsys: Cap, monkeypatch: MP, data_dir: Path, families: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "engagement.pdf"
    code, written = _cli(capsys, monkeypatch, data_dir, "engagement", "report", "--out", str(out))
    assert code == 0 and isinstance(written, dict)
    assert out.read_bytes().startswith(b"%PDF") and written["pages"] >= 1
    result = run_cli(
        capsys, monkeypatch, data_dir, "engagement", "summary", "--term", "2026-winter", env=ENV
    )
    assert result.code == 3
