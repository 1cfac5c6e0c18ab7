"""Referrals: status moves, the food-bank voucher-limit warning, and `liaison referral add`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain import referral_rules, vocabulary
from liaison_desktop.domain.record import Record
from liaison_desktop.domain.referral_rules import months_before, voucher_warning
from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli
from tests.services.caseload_helpers import TODAY, caseload_on, new_family

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


def _food_bank(
    caseload: Caseload, fid: str, on: date, *, vouchers: int = 1, status: str = "sent"
) -> Record:
    return caseload.referrals.create(
        {
            "family_id": fid,
            "kind": "food_bank",
            "date": on.isoformat(),
            "vouchers": vouchers,
            "status": status,
        }
    )


# -- the voucher-limit warning -----------------------------------------------------------------
def test_voucher_warning_appears_at_the_limit_and_not_before(caseload: Caseload) -> None:
    fid = new_family(caseload)
    first = caseload.referrals.add(fid, "food_bank", vouchers=1, reason="Test referral")
    second = caseload.referrals.add(fid, "food_bank", vouchers=1, reason="Test referral")
    assert first.warnings == () and second.warnings == ()
    assert caseload.referrals.warnings_for(fid) == []
    third = caseload.referrals.add(fid, "food_bank", vouchers=1, reason="Test referral")
    assert len(third.warnings) == 1
    warning = third.warnings[0]
    assert (warning.vouchers, warning.limit, warning.window_months) == (3, 3, 6)
    assert "3 food-bank vouchers" in warning.message
    assert caseload.referrals.warnings_for(fid) == [warning]


def test_one_referral_with_several_vouchers_counts_them_all(caseload: Caseload) -> None:
    fid = new_family(caseload)
    assert caseload.referrals.add(fid, "food_bank", vouchers=2, reason="Food").warnings == ()
    assert caseload.referrals.add(fid, "food_bank", vouchers=1, reason="Food").warnings != ()


def test_vouchers_outside_the_window_are_not_counted(caseload: Caseload) -> None:
    fid = new_family(caseload)
    six_months_ago = date(2024, 9, 15)  # TODAY is 2025-03-15: the window starts the day after
    _food_bank(caseload, fid, six_months_ago)
    _food_bank(caseload, fid, six_months_ago - timedelta(days=40))
    _food_bank(caseload, fid, TODAY - timedelta(days=10))
    _food_bank(caseload, fid, six_months_ago + timedelta(days=1))
    assert caseload.referrals.vouchers_in_window(fid) == 2
    assert caseload.referrals.voucher_warning(fid) is None
    _food_bank(caseload, fid, TODAY)
    assert caseload.referrals.vouchers_in_window(fid) == 3
    assert caseload.referrals.voucher_warning(fid) is not None


def test_declined_and_withdrawn_referrals_are_not_counted(caseload: Caseload) -> None:
    fid = new_family(caseload)
    _food_bank(caseload, fid, TODAY, status="declined")
    _food_bank(caseload, fid, TODAY, status="withdrawn")
    _food_bank(caseload, fid, TODAY, status="fulfilled")
    _food_bank(caseload, fid, TODAY, status="draft")
    assert caseload.referrals.vouchers_in_window(fid) == 2
    assert caseload.referrals.voucher_warning(fid) is None


def test_other_kinds_and_other_families_are_not_counted(caseload: Caseload) -> None:
    fid = new_family(caseload)
    neighbour = new_family(caseload, "Neighbours")
    for _ in range(3):
        caseload.referrals.add(fid, "clothing_bank", vouchers=5, reason="Test referral")
        _food_bank(caseload, neighbour, TODAY)
    assert caseload.referrals.voucher_warning(fid) is None
    assert caseload.referrals.voucher_warning(neighbour) is not None


def test_a_food_bank_referral_without_a_voucher_count_counts_as_one(caseload: Caseload) -> None:
    fid = new_family(caseload)
    for _ in range(2):
        caseload.referrals.add(fid, "food_bank", reason="Test referral")
    assert caseload.referrals.vouchers_in_window(fid) == 2
    assert caseload.referrals.add(fid, "food_bank", vouchers=0, reason="Food").warnings == ()


def test_voucher_limit_and_window_settings_are_honoured(vault: Vault) -> None:
    vault.set_meta("setting.voucher_limit", "2")
    vault.set_meta("setting.voucher_window_months", "12")
    caseload = caseload_on(vault)
    fid = new_family(caseload)
    _food_bank(caseload, fid, TODAY - timedelta(days=300))  # inside 12 months, outside 6
    result = caseload.referrals.add(fid, "food_bank", vouchers=1, reason="Test referral")
    assert [w.limit for w in result.warnings] == [2]
    assert result.warnings[0].window_months == 12


def test_a_nonsense_limit_setting_falls_back_to_the_default(vault: Vault) -> None:
    vault.set_meta("setting.voucher_limit", "lots")
    caseload = caseload_on(vault)
    assert caseload.referrals.voucher_limit == referral_rules.DEFAULT_VOUCHER_LIMIT


referral_dicts = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(vocabulary.REFERRAL_KINDS),
        "status": st.sampled_from(vocabulary.REFERRAL_STATUSES),
        "date": st.dates(date(2023, 1, 1), date(2026, 1, 1)).map(date.isoformat),
        "vouchers": st.one_of(st.none(), st.integers(0, 5)),
    }
)


@given(
    referrals=st.lists(referral_dicts, max_size=12),
    today=st.dates(date(2024, 1, 1), date(2025, 12, 31)),
    limit=st.integers(1, 6),
    months=st.integers(1, 12),
)
def test_warning_is_exactly_count_reaching_the_limit(
    referrals: list[dict[str, object]], today: date, limit: int, months: int
) -> None:
    warning = voucher_warning("f", referrals, today=today, limit=limit, window_months=months)
    count = referral_rules.vouchers_in_window(referrals, today, months)
    assert (warning is not None) == (count >= limit)
    # Adding a referral never takes a warning away.
    more = [*referrals, {"kind": "food_bank", "status": "sent", "date": today.isoformat()}]
    if warning is not None:
        assert voucher_warning("f", more, today=today, limit=limit, window_months=months)


@given(day=st.dates(date(1950, 1, 1), date(2150, 12, 31)), months=st.integers(0, 36))
def test_months_before_goes_back_whole_months(day: date, months: int) -> None:
    earlier = months_before(day, months)
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day == day.day or (earlier.day < day.day and (earlier + timedelta(1)).day == 1)


# -- status moves ------------------------------------------------------------------------------
def test_a_referral_moves_forward_and_records_when(caseload: Caseload) -> None:
    fid = new_family(caseload)
    referral = caseload.referrals.add(fid, "baby_bank", reason="Cot and clothes").record
    assert (referral["status"], referral["date"]) == ("draft", TODAY.isoformat())
    for status in ("sent", "accepted", "fulfilled"):
        referral = caseload.referrals.move(referral.id, status, outcome=f"now {status}")
        assert referral["status"] == status
    assert referral["status_changed_at"] == TODAY.isoformat()
    assert referral["outcome"] == "now fulfilled"


@pytest.mark.parametrize("current", vocabulary.REFERRAL_STATUSES)
@pytest.mark.parametrize("new", vocabulary.REFERRAL_STATUSES)
def test_only_the_listed_status_moves_are_allowed(
    caseload: Caseload, current: str, new: str
) -> None:
    fid = new_family(caseload)
    referral = caseload.referrals.create({"family_id": fid, "kind": "food_bank", "status": current})
    if new in vocabulary.REFERRAL_TRANSITIONS[current]:
        assert caseload.referrals.move(referral.id, new)["status"] == new
    else:
        with pytest.raises(NotPermitted, match=r"(?i)nothing was changed"):
            caseload.referrals.move(referral.id, new)
        assert caseload.referrals.get(referral.id)["status"] == current


def test_update_cannot_skip_the_status_rules(caseload: Caseload) -> None:
    fid = new_family(caseload)
    referral = caseload.referrals.add(fid, "furniture", reason="Test referral").record
    with pytest.raises(NotPermitted, match="can only become: sent, withdrawn"):
        caseload.referrals.update(referral.id, {"status": "fulfilled"})
    assert caseload.referrals.get(referral.id)["status"] == "draft"


def test_an_unknown_status_is_rejected_as_input(caseload: Caseload) -> None:
    fid = new_family(caseload)
    referral = caseload.referrals.add(fid, "furniture", reason="Test referral").record
    with pytest.raises(ValidationFailed, match="not one of"):
        caseload.referrals.move(referral.id, "lost")


def test_an_imported_referral_can_arrive_in_any_status(caseload: Caseload) -> None:
    fid = new_family(caseload)
    record = caseload.referrals.create(
        {"family_id": fid, "kind": "energy_fuel", "status": "fulfilled", "date": "2024-11-02"},
        record_id="ref-1",
    )
    assert (record.id, record["status"], record["date"]) == ("ref-1", "fulfilled", "2024-11-02")


# -- the command line --------------------------------------------------------------------------
def _cli_vault(data_dir: Path) -> str:
    vault, _ = Vault.create(
        data_dir, PASSPHRASE, owner_name="Test Officer", role="officer", kdf_target_seconds=0
    )
    try:
        return Caseload(vault).families.create({"name": "Nowak family"}).id
    finally:
        vault.close()


def _referral_count(data_dir: Path) -> int:
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        return Caseload(vault).referrals.ctx.store.count("referral")
    finally:
        vault.close()


def test_cli_referral_add_prints_the_referral_and_the_voucher_warning(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    fid = _cli_vault(data_dir)
    first = run_cli(
        capsys, monkeypatch, data_dir, "referral", "add", fid, "--kind", "food_bank",
        "--vouchers", "2", "--reason", "Universal Credit delay", "--json", env=ENV,
    )  # fmt: skip
    assert first.code == 0, first.err
    body = json.loads(first.out)
    assert body["referral"]["kind"] == "food_bank" and body["referral"]["vouchers"] == 2
    assert body["warnings"] == []
    second = run_cli(
        capsys, monkeypatch, data_dir, "referral", "add", fid, "--kind", "food_bank",
        "--reason", "Still short", env=ENV,
    )  # fmt: skip
    assert second.code == 0
    assert "Food bank" in second.out and "Warning:" in second.err and "limit is 3" in second.err


@pytest.mark.parametrize(
    "extra",
    [
        ["--kind", "pet_food"],
        ["--kind", "food_bank", "--vouchers", "many"],
        ["--kind", "food_bank", "--vouchers", "-1"],
        ["--kind", "food_bank", "--org", "no-such-contact"],
        ["--kind", "food_bank"],  # empty: no reason, no organisation
        ["--kind", "food_bank", "--reason", "   "],
    ],
)
def test_cli_referral_add_rejects_bad_input_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    extra: list[str],
) -> None:
    fid = _cli_vault(data_dir)
    result = run_cli(capsys, monkeypatch, data_dir, "referral", "add", fid, *extra, env=ENV)
    assert result.code == 3, result.err
    assert "Nothing was saved" in result.err and "Traceback" not in result.err
    assert _referral_count(data_dir) == 0


def test_cli_referral_add_for_an_unknown_family_is_rejected(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    _cli_vault(data_dir)
    result = run_cli(
        capsys, monkeypatch, data_dir, "referral", "add", "nobody", "--kind", "food_bank",
        "--reason", "Short of food", env=ENV,
    )  # fmt: skip
    assert result.code == 3 and "family_id" in result.err
    assert _referral_count(data_dir) == 0


def test_an_empty_referral_is_refused_and_never_counts_towards_the_limit(
    caseload: Caseload,
) -> None:
    fid = new_family(caseload)
    with pytest.raises(ValidationFailed, match="say why, or choose the organisation"):
        caseload.referrals.add(fid, "food_bank", reason="  ")
    assert caseload.referrals.for_family(fid) == []
    assert caseload.referrals.vouchers_in_window(fid) == 0
