"""Families (households): the centre of the caseload."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

from ..domain import records
from ..domain.record import Record
from ..i18n import _
from ..store.database import translated_errors
from .record_service import RecordService

# Fields `liaison family set` may change (DESIGN §7), plus the narrative ones the UI edits.
EDITABLE = (
    "name",
    "address",
    "postcode",
    "phone",
    "email",
    "strengths",
    "key_facts",
    "alerts",
    "needs",
)


def family_label(name: object, postcode: object, pupils: Sequence[str] = ()) -> str:
    """A family as it must be shown wherever one is picked or listed among others: name,
    postcode and pupils' given names ("Ali family · LS6 1AA · Aisha, Omar")."""
    parts = [str(name or ""), str(postcode or _("no postcode"))]
    if pupils:
        parts.append(", ".join(pupils))
    return " · ".join(parts)


class FamilySummary(NamedTuple):
    """A family as a long list shows it (`liaison family list`); a tuple, quick to make."""

    id: str
    name: str | None
    postcode: str | None
    needs: list[str]


class FamiliesService(RecordService):
    """Create, find and change families; viewing a family is audited."""

    spec = records.FAMILY

    def view(self, family_id: str) -> Record:
        """Open a family for reading, leaving an audit event that it was viewed."""
        family = self.get(family_id)
        self.ctx.store.record_event("view", kind="family", record_id=family_id, family_id=family_id)
        return family

    def all(self) -> list[Record]:
        """Every family, by name."""
        return self.query(order_by="name COLLATE NOCASE")

    def summaries(self) -> list[FamilySummary]:
        """Every family's id, name, postcode and needs, by name, as `all` orders them.

        One narrow read: decoding every field of 20,000 families into records costs about a
        second, and a list needs four of them.
        """
        sql = (
            f'SELECT id, name, postcode, needs FROM "{self.spec.table}" '
            "WHERE deleted = 0 ORDER BY name COLLATE NOCASE"
        )
        with translated_errors():
            rows = self.ctx.vault.conn.execute(sql).fetchall()
        # Every family's needs (stored as JSON lists) decoded in one parse: 20,000 json.loads
        # calls cost more than the query itself.
        needs = json.loads("[" + ",".join(r[3] or "[]" for r in rows) + "]")
        return [
            FamilySummary(id=r[0], name=r[1], postcode=r[2], needs=n)
            for r, n in zip(rows, needs, strict=True)
        ]

    def set_fields(self, family_id: str, values: dict[str, Any]) -> Record:
        """Change some of a family's fields (the same rules as `update`)."""
        return self.update(family_id, values)

    def distinguishing_labels(self, family_ids: Collection[str] | None = None) -> dict[str, str]:
        """Every family's name with what tells same-named families apart: the postcode and the
        pupils' given names ("Ali family · LS6 1AA · Aisha, Omar"), by name. One query.

        Where a family is picked to send its records elsewhere (the report dialog), two "Ali
        family" rows must never look alike.
        """
        people = records.PERSON.table
        only = list(family_ids) if family_ids is not None else None
        chosen = f" AND f.id IN ({', '.join('?' for _ in only)})" if only is not None else ""
        sql = (
            "SELECT f.id, f.name, f.postcode, group_concat(p.given_name, ', ') "
            f'FROM "{self.spec.table}" AS f LEFT JOIN "{people}" AS p '
            "ON p.family_id = f.id AND p.role = 'pupil' AND p.deleted = 0 "
            f"WHERE f.deleted = 0{chosen} "
            "GROUP BY f.id ORDER BY f.name COLLATE NOCASE, f.postcode, f.id"
        )
        if only == []:
            return {}
        with translated_errors():
            rows = self.ctx.vault.conn.execute(sql, tuple(only or ())).fetchall()
        labels: dict[str, str] = {}
        for family_id, name, postcode, pupils in rows:
            labels[str(family_id)] = family_label(name, postcode, [pupils] if pupils else ())
        return labels
