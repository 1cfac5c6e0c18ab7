"""How long each kind of record is kept, and the date it falls due for review (pure, no I/O).

Defaults follow the IRMS Information Management Toolkit for Schools, which schools in England
use as their retention schedule: child-protection information kept apart from the pupil file
is kept until the child's date of birth + 25 years, then reviewed. The toolkit's family
liaison entries (day books, referral forms, contact sheets) are kept for a few years at most;
this app holds them together as one family-support case file, so they are kept 6 years after
the case closes (the Limitation Act 1980's six years, the period most local-authority early
help services use). Attendance figures follow the toolkit's 3 years. docs/decisions.md
records the choice; the lead can change any of it.

Two rules hold whatever the schedule says: nothing of an open case falls due (its records are
in use), and a date of birth that is unknown never shortens child-protection retention (the
case's closure date stands in for it, so the record is reviewed, never silently kept short).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .records import kinds_where

AFTER_CLOSURE = "after_closure"
AFTER_BIRTH = "after_birth"

# Each kind's spec says which class it is in (`RecordSpec.retention`, record_spec.py):
# child-protection information (concerns, additions to them, CP-file transfers) ...
CHILD_PROTECTION_KINDS = kinds_where(retention="child_protection")
# ... the skeleton of a case, kept as long as anything else of the family is kept: the family
# and its people, and the case's own records-management trail (its closures, holds, keep
# decisions and what was shared), which must outlive what it speaks about ...
TRAIL_KINDS = kinds_where(retention="trail")
SKELETON_KINDS = (*kinds_where(retention="skeleton"), *TRAIL_KINDS)
# ... and the kinds that are not part of any family's case file, or must outlive a purge.
NOT_RETAINED = kinds_where(retention="not_retained")
GENERAL_YEARS = 6
CHILD_PROTECTION_YEARS = 25


@dataclass(frozen=True)
class RetentionRule:
    """Keep records of `kind` for `years` after the case closes or after the pupil's birth."""

    kind: str
    basis: str
    years: int


def default_rule(kind: str) -> RetentionRule:
    """The rule a kind has until the lead sets another."""
    if kind in CHILD_PROTECTION_KINDS:
        return RetentionRule(kind, AFTER_BIRTH, CHILD_PROTECTION_YEARS)
    if kind == "attendance":
        return RetentionRule(kind, AFTER_CLOSURE, 3)
    return RetentionRule(kind, AFTER_CLOSURE, GENERAL_YEARS)


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def due_date(
    rule: RetentionRule, *, closed_on: date | None, birth_date: date | None
) -> date | None:
    """When a record falls due for review; None while its case is open."""
    if closed_on is None:
        return None
    if rule.basis == AFTER_BIRTH and birth_date is not None:
        return add_years(birth_date, rule.years)
    return add_years(closed_on, rule.years)


def effective_due(rule_due: date | None, kept_until: date | None) -> date | None:
    """The due date after a lead's keep decision, which can only move it later."""
    if rule_due is None:
        return None
    if kept_until is None:
        return rule_due
    return max(rule_due, kept_until)


def is_due(due: date | None, today: date) -> bool:
    """Whether a record with this due date belongs in the review queue today."""
    return due is not None and due <= today
