"""`liaison search` over a demo vault: text and the DESIGN §7 JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli, run_cli_process

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


@pytest.fixture
def demo_dir(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> Path:
    """A vault made by `liaison demo --families 20 --seed 1`."""
    result = run_cli(
        capsys, monkeypatch, data_dir, "demo", "--families", "20", "--seed", "1", env=ENV
    )
    assert result.code == 0, result.err
    assert "20" in result.out
    return data_dir


def _search(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    *args: str,
) -> CliResult:
    return run_cli(capsys, monkeypatch, data_dir, "search", *args, env=ENV)


def _a_family(data_dir: Path) -> tuple[str, str]:
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        family = Caseload(vault).families.all()[0]
    return family.id, str(family["name"])


def test_search_json_prints_hits_in_the_documented_shape(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_dir: Path
) -> None:
    family_id, name = _a_family(demo_dir)
    result = _search(capsys, monkeypatch, demo_dir, name.split()[0][:4], "--limit", "100", "--json")
    assert result.code == 0, result.err
    hits = json.loads(result.out)
    assert isinstance(hits, list) and hits
    for hit in hits:
        assert set(hit) == {"family_id", "kind", "record_id", "snippet"}
        assert hit["kind"] in {"family", "person", "note", "referral", "contact", "visit", "action"}
    assert {"family_id": family_id, "kind": "family"}.items() <= next(
        h for h in hits if h["record_id"] == family_id
    ).items()


def test_search_text_shows_kind_title_snippet_and_family(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_dir: Path
) -> None:
    family_id, name = _a_family(demo_dir)
    result = _search(capsys, monkeypatch, demo_dir, name.split()[0])
    assert result.code == 0, result.err
    assert "family" in result.out
    assert name in result.out
    assert family_id in result.out
    assert "[" in result.out  # the matched words are marked in the snippet


def test_search_finds_note_words_and_directory_entries(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_dir: Path
) -> None:
    # "visit" is in visits' purposes and actions too: room for the notes among the hits.
    notes = json.loads(
        _search(capsys, monkeypatch, demo_dir, "visit", "--limit", "200", "--json").out
    )
    assert any(h["kind"] == "note" for h in notes)
    contacts = json.loads(
        _search(capsys, monkeypatch, demo_dir, "food bank", "--limit", "200", "--json").out
    )
    directory = [h for h in contacts if h["kind"] == "contact"]
    assert directory and all(h["family_id"] is None for h in directory)


def test_search_with_no_match_says_so_and_prints_an_empty_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_dir: Path
) -> None:
    text = _search(capsys, monkeypatch, demo_dir, "Zzyzxqv")
    assert text.code == 0
    assert "No matches" in text.out
    as_json = _search(capsys, monkeypatch, demo_dir, "Zzyzxqv", "--json")
    assert json.loads(as_json.out) == []


def test_search_syntax_in_the_query_is_just_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_dir: Path
) -> None:
    result = _search(capsys, monkeypatch, demo_dir, 'food" OR title:* NEAR(', "--json")
    assert result.code == 0, result.err
    assert isinstance(json.loads(result.out), list)


def test_search_with_wrong_passphrase_exits_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_dir: Path
) -> None:
    result = run_cli(
        capsys,
        monkeypatch,
        demo_dir,
        "search",
        "food",
        env={"LIAISON_PASSPHRASE": "not the passphrase at all"},
    )
    assert result.code == 2
    assert "Traceback" not in result.err


def test_demo_on_an_existing_vault_adds_families(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo_dir: Path
) -> None:
    result = run_cli(
        capsys, monkeypatch, demo_dir, "demo", "--families", "5", "--seed", "2", "--json", env=ENV
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["created_vault"] is False
    assert data["contacts_created"] == 0
    assert "recovery_key" not in data
    with Vault.unlock(demo_dir, PASSPHRASE) as vault:
        assert Caseload(vault).ctx.store.count("family") == 25


def test_demo_refuses_a_family_count_out_of_range_with_usage_exit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    result = run_cli(capsys, monkeypatch, data_dir, "demo", "--families", "0", env=ENV)
    assert result.code == 64
    assert not (data_dir / "vault.db").exists()


def test_demo_and_search_work_as_a_script_would_run_them(tmp_path: Path) -> None:
    data_dir = tmp_path / "script"
    env = {**ENV, "LIAISON_KDF_SECONDS": "0"}
    made = run_cli_process(data_dir, "demo", "--families", "3", "--seed", "9", env=env)
    assert made.code == 0, made.err
    found = run_cli_process(data_dir, "search", "Demoford", "--json", env=env)
    assert found.code == 0, found.err
    assert json.loads(found.out)
