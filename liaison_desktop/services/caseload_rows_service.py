"""The caseload list: one row per family with its officer, needs, referrals and last contact.

The list view shows every family at once (20,000 on a large caseload), so the rows come from
one aggregated query rather than a query per family.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..domain import records
from ..domain import vocabulary as v
from ..domain.pupil_facts import FACTS
from ..store.database import translated_errors
from .closure_service import CLOSED_FAMILIES_SQL
from .context import ServiceContext

# Visits that were contact with the family (a planned or cancelled visit was not).
CONTACT_VISIT_STATUSES = ("completed", "no_access")


@dataclass(frozen=True)
class CaseloadRow:
    """One family as the caseload list shows it."""

    family_id: str
    name: str
    officers: tuple[str, ...]
    needs: tuple[str, ...]
    open_referrals: int
    last_contact: str | None  # ISO date of the latest contact visit or note, if any
    # What tells two same-named families apart (two "Ali family" rows must never look alike).
    postcode: str = ""
    pupils: tuple[str, ...] = ()
    facts: frozenset[str] = frozenset()  # of any pupil of the family (domain/pupil_facts.py)
    # The family's school and any school a member attends (a trust's lead filters by school).
    schools: frozenset[str] = frozenset()


class CaseloadRowsService:
    """Reads the caseload list in one pass over the vault."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def rows(self, *, include_closed: bool = False) -> list[CaseloadRow]:
        """Every family (not deleted; open cases only unless asked) with its list columns."""
        terminal = ", ".join("?" for _ in v.REFERRAL_TERMINAL)
        # A closed case leaves the caseload list (issue 10); it stays searchable for the lead.
        closed_filter = "" if include_closed else f" AND f.id NOT IN ({CLOSED_FAMILIES_SQL})"
        contact = ", ".join("?" for _ in CONTACT_VISIT_STATUSES)
        # A single-school vault (no school records) reads no member's school at all; a trust's
        # reads them from the covering index `people_school` (migration 14).
        member_schools = (
            "school_id IS NOT NULL AND deleted = 0"
            if self.ctx.vault.conn.execute(
                f'SELECT 1 FROM "{records.SCHOOL.table}" LIMIT 1'
            ).fetchone()
            else "0"
        )
        sql = f"""
            WITH officer_names AS (
                SELECT family_id,
                       group_concat(coalesce(officer_name, device_id), char(31)) AS names
                FROM "{records.ALLOCATION.table}"
                WHERE deleted = 0 AND active = 1
                GROUP BY family_id
            ),
            open_referrals AS (
                SELECT family_id, count(*) AS open_count
                FROM "{records.REFERRAL.table}"
                WHERE deleted = 0 AND status NOT IN ({terminal})
                GROUP BY family_id
            ),
            pupils AS (
                SELECT family_id, group_concat(given_name, char(31)) AS names,
                       max(coalesce(fsm, 0)) AS fsm,
                       max(coalesce(pupil_premium, 0)) AS pupil_premium,
                       max(send IS NOT NULL) AS send,
                       max(coalesce(send = 'ehcp', 0)) AS ehcp,
                       max(care_status IS NOT NULL) AS social_care,
                       max(coalesce(care_status = 'cp', 0)) AS cp,
                       max(coalesce(care_status IN ('lac', 'previously_lac'), 0)) AS lac,
                       max(coalesce(young_carer, 0)) AS young_carer,
                       max(coalesce(eal, 0)) AS eal
                FROM "{records.PERSON.table}"
                WHERE deleted = 0 AND role = 'pupil'
                GROUP BY family_id
            ),
            last_contacts AS (
                SELECT family_id, max(day) AS last_day FROM (
                    SELECT family_id, date AS day FROM "{records.VISIT.table}"
                    WHERE deleted = 0 AND status IN ({contact})
                    UNION ALL
                    SELECT family_id, substr(written_at, 1, 10) AS day
                    FROM "{records.NOTE.table}" WHERE deleted = 0
                ) GROUP BY family_id
            ),
            member_schools AS (
                SELECT family_id, group_concat(DISTINCT school_id) AS ids
                FROM "{records.PERSON.table}"
                WHERE {member_schools}
                GROUP BY family_id
            )
            SELECT f.id, f.name, f.needs, o.names, coalesce(r.open_count, 0), c.last_day,
                   f.postcode, p.names, f.school_id, m.ids,
                   {", ".join(f"p.{key}" for key in FACTS)}
            FROM "{records.FAMILY.table}" AS f
            LEFT JOIN officer_names AS o ON o.family_id = f.id
            LEFT JOIN pupils AS p ON p.family_id = f.id
            LEFT JOIN open_referrals AS r ON r.family_id = f.id
            LEFT JOIN last_contacts AS c ON c.family_id = f.id
            LEFT JOIN member_schools AS m ON m.family_id = f.id
            WHERE f.deleted = 0{closed_filter}
            ORDER BY f.name COLLATE NOCASE, f.id
        """
        params = (*v.REFERRAL_TERMINAL, *CONTACT_VISIT_STATUSES)
        with translated_errors():
            cursor = self.ctx.vault.conn.execute(sql, params)
            found = cursor.fetchall()
        return [_row(*values) for values in found]


def _row(
    family_id: object,
    name: object,
    needs: str | None,
    officers: str | None,
    open_count: int,
    last_day: object,
    postcode: object,
    pupils: str | None,
    school_id: str | None,
    member_schools: str | None,
    *facts: object,
) -> CaseloadRow:
    schools = {school_id} if school_id else set()
    schools.update(member_schools.split(",") if member_schools else ())
    return CaseloadRow(
        family_id=str(family_id),
        name=str(name or ""),
        officers=tuple(sorted(set(officers.split("\x1f")))) if officers else (),
        needs=tuple(json.loads(needs)) if needs else (),
        open_referrals=int(open_count),
        last_contact=str(last_day) if last_day else None,
        postcode=str(postcode or ""),
        pupils=tuple(sorted(pupils.split("\x1f"), key=str.casefold)) if pupils else (),
        facts=frozenset(key for key, held in zip(FACTS, facts, strict=True) if held),
        schools=frozenset(schools),
    )
