"""Malformed imports (issue acceptance 2): exit 3, the problem named, no traceback, vault unchanged.

Every case runs the real `liaison import` against a vault that already holds families, and
compares every table, the operation log and the audit chain's head before and after.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import CliResult, run_cli, run_cli_process

from .conftest import baseline, vault_state

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


def _new_family() -> dict[str, Any]:
    """A perfectly valid family placed before the bad record: it must not be written either."""
    return {
        "id": "f-new",
        "name": "Trần family",
        "members": [{"id": "p-new", "given_name": "Đức", "family_name": "Trần", "role": "pupil"}],
    }


def _doc_with(mutate: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = {"format": "liaison-desktop/1", "families": [_new_family()], "contacts": []}
    mutate(doc)
    return doc


def _write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _assert_rejected(result: CliResult, *needles: str) -> None:
    assert result.code == 3, (result.code, result.out, result.err)
    assert "Traceback" not in result.out + result.err
    for needle in needles:
        assert needle in result.err, (needle, result.err)


def _second_member(**fields: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        doc["families"].append(
            {
                "id": "f-bad",
                "name": "Abdi family",
                "members": [
                    {"id": "p-ok", "given_name": "Aisha", "role": "carer"},
                    {"id": "p-bad", "given_name": "Hodan", "role": "pupil", **fields},
                ],
            }
        )

    return mutate


def _cases(tmp: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """name → (file, words the message must contain)."""
    cases: dict[str, tuple[Path, tuple[str, ...]]] = {}

    def add(name: str, path: Path, *needles: str) -> None:
        cases[name] = (path, needles)

    add(
        "impossible_date",
        _write_json(tmp / "date.json", _doc_with(_second_member(date_of_birth="2015-02-30"))),
        "families[1].members[1].date_of_birth",
        "not a real date",
    )
    add(
        "future_birth",
        _write_json(tmp / "future.json", _doc_with(_second_member(date_of_birth="2199-01-01"))),
        "families[1].members[1].date_of_birth",
        "future",
    )
    add(
        "unknown_enum",
        _write_json(
            tmp / "enum.json",
            _doc_with(lambda d: d["families"][0]["members"][0].update(role="uncle")),
        ),
        "families[0].members[0].role",
        "'uncle' is not one of",
    )

    def duplicate(doc: dict[str, Any]) -> None:
        doc["families"][0]["members"].append(
            {"id": "p-new", "given_name": "Phương", "role": "sibling"}
        )

    add(
        "duplicate_id",
        _write_json(tmp / "dup.json", _doc_with(duplicate)),
        "families[0].members[1].id",
        "used twice",
    )

    def dangling(doc: dict[str, Any]) -> None:
        doc["families"][0]["notes"] = [
            {
                "id": "n-new",
                "visit_id": "no-such-visit",
                "written_at": "2024-03-01T09:00:00",
                "author": "Officer",
                "status": "draft",
            }
        ]

    add(
        "dangling_reference",
        _write_json(tmp / "dangling.json", _doc_with(dangling)),
        "families[0].notes[0].visit_id",
        "neither in this file nor in the vault",
    )

    def cross_family(doc: dict[str, Any]) -> None:
        # v1 exists, but in the vault's family f1, not in this one.
        doc["families"][0]["notes"] = [
            {
                "id": "n-x",
                "visit_id": "v1",
                "written_at": "2024-03-01T09:00:00",
                "author": "Officer",
                "status": "draft",
            }
        ]

    add(
        "reference_to_another_family",
        _write_json(tmp / "cross.json", _doc_with(cross_family)),
        "families[0].notes[0].visit_id",
        "another family",
    )
    add(
        "wrong_format",
        _write_json(tmp / "format.json", {**_doc_with(lambda d: None), "format": "liaison/2"}),
        "format",
        "liaison-desktop/1",
    )
    whole = json.dumps(_doc_with(lambda d: None))
    truncated = tmp / "truncated.json"
    truncated.write_text(whole[: len(whole) // 2], encoding="utf-8")
    add("truncated_json", truncated, "cut short")
    add(
        "wrong_types",
        _write_json(tmp / "types.json", _doc_with(_second_member(year_group="five"))),
        "families[1].members[1].year_group",
        "whole number",
    )
    add(
        "unknown_key",
        _write_json(tmp / "unknown.json", _doc_with(_second_member(nickname="Hodi"))),
        "families[1].members[1].nickname",
        "refused, not dropped",
    )
    empty = tmp / "empty.json"
    empty.write_bytes(b"")
    add("empty_file", empty, "empty")
    garbage = tmp / "garbage.json"
    garbage.write_bytes(random.Random(7).randbytes(4096))
    add("binary_garbage", garbage, "binary")
    latin = tmp / "latin.json"
    latin.write_bytes(
        json.dumps(_doc_with(lambda d: None), ensure_ascii=False)
        .replace("Trần", "Zoë")
        .replace("Đức", "Seán")
        .encode("cp1252")
    )
    add("json_not_utf8", latin, "not UTF-8")
    twice = tmp / "twice.json"
    twice.write_text('{"format": "liaison-desktop/1", "families": [], "families": []}')
    add("duplicate_key", twice, "'families' appears twice")

    def change_final_note(doc: dict[str, Any]) -> None:
        family = baseline()["families"][0]
        family["notes"][0]["text"] = "Rewritten history."
        doc["families"].append(family)

    add(
        "finalised_note_changed",
        _write_json(tmp / "final.json", _doc_with(change_final_note)),
        "families[1].notes[0].text",
        "can no longer be changed",
    )

    def moved_member(doc: dict[str, Any]) -> None:
        doc["families"][0]["members"].append({"id": "p2", "given_name": "Łukasz", "role": "pupil"})

    add(
        "id_of_another_family",
        _write_json(tmp / "moved.json", _doc_with(moved_member)),
        "families[0].members[1].id",
        "another family",
    )
    add(
        "csv_missing_columns",
        _csv(tmp / "missing.csv", "Forename,Surname,Year\r\nAisha,Abdi,Year 3\r\n"),
        "no column for date of birth",
        "'Forename'",
    )
    add(
        "csv_cp1252_invalid_row",
        _csv(
            tmp / "cp1252_bad.csv",
            "Legal Forename,Legal Surname,DOB,Year\r\nSiân,Jones,01/09/2016,Year 3\r\n"
            "Zoë,Müller,31/02/2015,Year 4\r\nSeán,O'Connor,12/12/2017,Year 2\r\n",
            encoding="cp1252",
        ),
        "row 3",
        "'31/02/2015' is not a real date",
    )
    return cases


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


CASE_NAMES = [
    "impossible_date",
    "future_birth",
    "unknown_enum",
    "duplicate_id",
    "dangling_reference",
    "reference_to_another_family",
    "wrong_format",
    "truncated_json",
    "wrong_types",
    "unknown_key",
    "empty_file",
    "binary_garbage",
    "json_not_utf8",
    "duplicate_key",
    "finalised_note_changed",
    "id_of_another_family",
    "csv_missing_columns",
    "csv_cp1252_invalid_row",
]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_malformed_import_is_rejected_whole_and_leaves_the_vault_unchanged(
    case: str,
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, needles = _cases(tmp_path)[case]
    before = vault_state(filled_vault)
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), env=ENV)
    _assert_rejected(result, *needles)
    assert vault_state(filled_vault) == before


def test_file_over_50_mb_is_refused_before_it_is_read(filled_vault: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.write(b'{"format": "liaison-desktop/1", "families": [')
        fh.truncate(50 * 1024 * 1024 + 1)
    before = vault_state(filled_vault)
    result = run_cli_process(filled_vault, "import", str(big), env=ENV)
    _assert_rejected(result, "more than the 50 MB", "nothing was changed")
    assert vault_state(filled_vault) == before


def test_truncated_json_in_a_real_process_names_the_problem_without_a_traceback(
    filled_vault: Path, tmp_path: Path
) -> None:
    whole = json.dumps(_doc_with(lambda d: None))
    cut = tmp_path / "cut.json"
    cut.write_text(whole[:-7], encoding="utf-8")
    before = vault_state(filled_vault)
    result = run_cli_process(filled_vault, "import", str(cut), "--json", env=ENV)
    _assert_rejected(result, "cut short")
    assert vault_state(filled_vault) == before


def test_json_report_lists_every_problem_with_its_path(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def many(doc: dict[str, Any]) -> None:
        doc["families"][0]["members"][0].update(role="uncle", date_of_birth="2020-13-01")
        doc["families"][0]["referrals"] = [
            {
                "id": "r1",
                "kind": "food_bank",
                "status": "sent",
                "date": "2024-01-01",
                "organisation_id": "nowhere",
            }
        ]

    path = _write_json(tmp_path / "many.json", _doc_with(many))
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert result.code == 3
    report = json.loads(result.out)
    assert report["imported"] is False
    paths = {p["path"] for p in report["problems"]}
    assert {
        "families[0].members[0].role",
        "families[0].members[0].date_of_birth",
        "families[0].referrals[0].organisation_id",
    } <= paths


def test_importing_a_document_twice_changes_nothing_the_second_time(
    filled_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _write_json(tmp_path / "again.json", baseline())
    before = vault_state(filled_vault)
    result = run_cli(capsys, monkeypatch, filled_vault, "import", str(path), "--json", env=ENV)
    assert result.code == 0, result.err
    assert json.loads(result.out)["created"] == {}
    after = vault_state(filled_vault)
    assert after["document"] == before["document"]
    assert after["counts"]["ops"] == before["counts"]["ops"]  # not one field rewritten
