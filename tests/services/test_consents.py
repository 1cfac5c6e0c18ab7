"""Consent states across their boundaries: active, expiring soon, expired, withdrawn."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain.consent_rules import ConsentState, consent_state
from liaison_desktop.errors import NotPermitted
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.services.caseload_helpers import TODAY, caseload_on, new_family

S = ConsentState
days = st.dates(date(2000, 1, 1), date(2100, 12, 31))


@pytest.fixture
def caseload(vault: Vault) -> Caseload:
    return caseload_on(vault)


@pytest.mark.parametrize(
    ("days_left", "state"),
    [
        (31, S.ACTIVE),
        (30, S.EXPIRING),
        (1, S.EXPIRING),
        (0, S.EXPIRING),  # the expiry date is the last valid day
        (-1, S.EXPIRED),
        (-400, S.EXPIRED),
    ],
)
def test_state_changes_exactly_at_the_boundaries(days_left: int, state: ConsentState) -> None:
    on = date(2025, 3, 15)
    assert consent_state(on=on, expires=on + timedelta(days=days_left)) is state


def test_a_consent_without_expiry_stays_active() -> None:
    assert consent_state(on=date(2090, 1, 1), expires=None) is S.ACTIVE


def test_withdrawal_counts_from_its_day_and_wins_over_expiry() -> None:
    on = date(2025, 3, 15)
    expired = on - timedelta(days=10)
    assert consent_state(on=on, status="withdrawn", withdrawn_on=on, expires=expired) is S.WITHDRAWN
    assert consent_state(on=on, withdrawn_on=on + timedelta(days=1)) is S.ACTIVE
    assert consent_state(on=on, status="withdrawn", withdrawn_on=None) is S.WITHDRAWN


@given(on=days, expires=st.one_of(st.none(), days), soon=st.integers(0, 365))
def test_state_follows_the_days_left(on: date, expires: date | None, soon: int) -> None:
    state = consent_state(on=on, expires=expires, soon_days=soon)
    if expires is None:
        assert state is S.ACTIVE
    else:
        left = (expires - on).days
        expected = S.EXPIRED if left < 0 else S.EXPIRING if left <= soon else S.ACTIVE
        assert state is expected


@given(given_on=days, expires=days, step=st.integers(1, 400), soon=st.integers(0, 90))
def test_as_time_passes_a_consent_never_goes_back(
    given_on: date, expires: date, step: int, soon: int
) -> None:
    order = [S.ACTIVE, S.EXPIRING, S.EXPIRED]
    earlier = consent_state(on=given_on, expires=expires, soon_days=soon)
    later = consent_state(on=given_on + timedelta(days=step), expires=expires, soon_days=soon)
    assert order.index(later) >= order.index(earlier)


@given(on=days, withdrawn=days, expires=st.one_of(st.none(), days))
def test_withdrawn_dominates_once_it_has_happened(
    on: date, withdrawn: date, expires: date | None
) -> None:
    state = consent_state(on=on, status="withdrawn", withdrawn_on=withdrawn, expires=expires)
    assert (state is S.WITHDRAWN) == (withdrawn <= on)


def test_service_reports_expiring_consents_for_the_today_screen(caseload: Caseload) -> None:
    fid = new_family(caseload)
    soon = caseload.consents.give(
        fid, "Share with health visitor", "Mum", expires=TODAY + timedelta(days=30)
    )
    caseload.consents.give(fid, "Photos", "Dad", expires=TODAY + timedelta(days=31))
    caseload.consents.give(
        fid, "Old", "Mum", expires=TODAY - timedelta(days=1), on=date(2024, 1, 1)
    )
    gone = caseload.consents.give(fid, "Withdrawn", "Mum", expires=TODAY + timedelta(days=5))
    caseload.consents.withdraw(gone.id)
    expiring = caseload.consents.expiring()
    assert [(e.record.id, e.state, e.days_left) for e in expiring] == [(soon.id, S.EXPIRING, 30)]
    assert [e.record["scope"] for e in caseload.consents.expiring(within_days=31)] == [
        "Share with health visitor",
        "Photos",
    ]
    assert [e.record["scope"] for e in caseload.consents.expired()] == ["Old"]
    states = {s.record["scope"]: s.state for s in caseload.consents.for_family_with_state(fid)}
    assert states == {
        "Share with health visitor": S.EXPIRING,
        "Photos": S.ACTIVE,
        "Old": S.EXPIRED,
        "Withdrawn": S.WITHDRAWN,
    }


def test_withdrawing_records_the_day_and_cannot_be_undone(caseload: Caseload) -> None:
    fid = new_family(caseload)
    consent = caseload.consents.give(
        fid, "Share with school nurse", "Grandma", lawful_basis="consent"
    )
    withdrawn = caseload.consents.withdraw(consent.id)
    assert (withdrawn["status"], withdrawn["withdrawn_on"]) == ("withdrawn", TODAY.isoformat())
    with pytest.raises(NotPermitted):
        caseload.consents.withdraw(consent.id)
    with pytest.raises(NotPermitted, match="stays withdrawn"):
        caseload.consents.update(consent.id, {"status": "given"})
    assert caseload.consents.state(caseload.consents.get(consent.id)) is S.WITHDRAWN


def test_an_expiry_before_the_consent_was_given_is_refused(caseload: Caseload) -> None:
    fid = new_family(caseload)
    with pytest.raises(ValidationFailed, match="expires"):
        caseload.consents.give(fid, "Scope", "Mum", expires=TODAY - timedelta(days=1))
    assert caseload.consents.for_family(fid) == []
