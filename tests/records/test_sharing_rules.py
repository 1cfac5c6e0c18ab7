"""The consent recorded with a share is derived from the family's consents, by fixed rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain.consent_rules import ConsentState
from liaison_desktop.domain.sharing import SHARING_CONSENT, ShareDetails, consent_at_sharing

states = st.lists(st.sampled_from(list(ConsentState)), max_size=6)


@given(states, st.booleans())
def test_any_consent_in_force_means_given_whatever_else(
    found: list[ConsentState], not_sought: bool
) -> None:
    result = consent_at_sharing([*found, ConsentState.ACTIVE], not_sought=not_sought)
    assert result == "given"
    assert consent_at_sharing([*found, ConsentState.EXPIRING]) == "given"


@given(states, st.booleans())
def test_the_result_is_always_one_of_the_recorded_states_and_order_does_not_matter(
    found: list[ConsentState], not_sought: bool
) -> None:
    result = consent_at_sharing(found, not_sought=not_sought)
    assert result in SHARING_CONSENT
    assert consent_at_sharing(list(reversed(found)), not_sought=not_sought) == result


def test_without_consent_in_force_the_safeguarding_decision_then_lapses_are_named() -> None:
    assert consent_at_sharing([]) == "not_recorded"
    assert consent_at_sharing([], not_sought=True) == "not_sought_safeguarding"
    assert consent_at_sharing([ConsentState.EXPIRED]) == "expired"
    assert consent_at_sharing([ConsentState.EXPIRED, ConsentState.WITHDRAWN]) == "withdrawn"
    assert consent_at_sharing([ConsentState.WITHDRAWN], not_sought=True) == (
        "not_sought_safeguarding"
    )


def test_naming_anyone_makes_it_an_outside_share() -> None:
    assert not ShareDetails().external
    assert not ShareDetails(recipient="  ").external
    assert ShareDetails(organisation="Demoford Health").external
    assert ShareDetails(recipient="School nurse").external
