"""English school terms: every day in exactly one term, in order (domain/engagement)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain import engagement as eng

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


def test_easter_sundays_are_the_known_ones() -> None:
    assert eng.easter_sunday(2024) == date(2024, 3, 31)
    assert eng.easter_sunday(2025) == date(2025, 4, 20)
    assert eng.easter_sunday(2026) == date(2026, 4, 5)
    assert eng.easter_sunday(2038) == date(2038, 4, 25)


def test_terms_are_named_as_schools_name_them() -> None:
    autumn = eng.term_of(date(2026, 11, 20))
    assert (autumn.label, autumn.key, autumn.school_year) == (
        "Autumn 2026",
        "2026-autumn",
        "2026/27",
    )
    spring = eng.term_of(date(2027, 3, 20))
    assert (spring.label, spring.school_year, spring.end) == (
        "Spring 2027",
        "2026/27",
        date(2027, 3, 28),
    )
    summer = eng.term_of(date(2027, 3, 29))
    assert (summer.label, summer.start, summer.end) == (
        "Summer 2027",
        date(2027, 3, 29),
        date(2027, 8, 31),
    )


@given(days)
def test_every_day_is_in_its_term_and_the_terms_tile_the_year(day: date) -> None:
    term = eng.term_of(day)
    assert day in term
    assert term.next().start == term.end + timedelta(days=1)
    assert term.next().previous() == term
    assert eng.term_by_key(term.key) == term


@given(days, st.integers(min_value=1, max_value=9))
def test_terms_up_to_are_consecutive_and_end_with_todays(day: date, count: int) -> None:
    terms = eng.terms_up_to(day, count)
    assert len(terms) == count and day in terms[-1]
    assert all(a.next() == b for a, b in itertools.pairwise(terms))
