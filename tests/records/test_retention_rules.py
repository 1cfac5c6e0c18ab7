"""The retention date maths: laws that hold for every date and every number of years."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from liaison_desktop.domain import retention_rules as rr

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
years = st.integers(min_value=0, max_value=100)


@given(dates, years)
def test_adding_years_keeps_the_month_and_day_except_29_february(day: date, n: int) -> None:
    later = rr.add_years(day, n)
    assert later.year == day.year + n and later.month == day.month
    if (day.month, day.day) == (2, 29) and later.day != 29:
        assert later.day == 28
    else:
        assert later.day == day.day


@given(dates, years, years)
def test_adding_more_years_is_never_earlier(day: date, a: int, b: int) -> None:
    if a <= b:
        assert rr.add_years(day, a) <= rr.add_years(day, b)


def test_29_february_becomes_28_february_in_a_common_year() -> None:
    assert rr.add_years(date(2004, 2, 29), 25) == date(2029, 2, 28)
    assert rr.add_years(date(2004, 2, 29), 4) == date(2008, 2, 29)


@given(st.sampled_from(["note", "visit", "concern", "transfer"]), st.none() | dates)
def test_nothing_of_an_open_case_is_ever_due(kind: str, birth: date | None) -> None:
    rule = rr.default_rule(kind)
    assert rr.due_date(rule, closed_on=None, birth_date=birth) is None
    assert not rr.is_due(None, date(2200, 1, 1))


@given(dates, dates)
def test_child_protection_is_kept_until_birth_plus_25_years(closed: date, born: date) -> None:
    rule = rr.default_rule("concern")
    assert (rule.basis, rule.years) == (rr.AFTER_BIRTH, 25)
    assert rr.due_date(rule, closed_on=closed, birth_date=born) == rr.add_years(born, 25)


@given(dates)
def test_unknown_birth_date_falls_back_to_the_closing_date(closed: date) -> None:
    rule = rr.default_rule("concern_addition")
    assert rr.due_date(rule, closed_on=closed, birth_date=None) == rr.add_years(closed, 25)


@given(dates, dates, years)
def test_general_records_are_due_years_after_closure(closed: date, born: date, n: int) -> None:
    rule = rr.RetentionRule("note", rr.AFTER_CLOSURE, n)
    due = rr.due_date(rule, closed_on=closed, birth_date=born)
    assert due == rr.add_years(closed, n) and due >= closed


@given(st.none() | dates, st.none() | dates)
def test_a_keep_decision_only_ever_moves_the_date_later(
    due: date | None, kept: date | None
) -> None:
    result = rr.effective_due(due, kept)
    if due is None:
        assert result is None
    else:
        assert result is not None and result >= due and (kept is None or result >= kept)


def test_default_schedule_follows_the_schools_toolkit() -> None:
    for kind in rr.CHILD_PROTECTION_KINDS:
        assert rr.default_rule(kind) == rr.RetentionRule(kind, rr.AFTER_BIRTH, 25)
    assert rr.default_rule("note") == rr.RetentionRule("note", rr.AFTER_CLOSURE, 6)
    assert rr.default_rule("attendance").years == 3
