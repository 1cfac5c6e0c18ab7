"""Reading `liaison-desktop/1` JSON into the vault, all or nothing (DESIGN §8).

Three passes, and nothing is written until the first two have passed for the whole file:
1. the file itself: size (refused before it is read), empty, not UTF-8, not JSON, wrong format;
2. the document: the JSON Schema (shape, unknown keys refused with their path), then every
   value through the record specs, duplicate ids, references that lead nowhere, dates that
   cannot be right, and records that clash with what the vault already holds;
3. the writes, through the services (so their rules apply), inside one outer transaction:
   one refusal rolls every write back.

A record whose id is already in the vault is updated: fields present in the document are
set, fields absent are left as they are, nothing is deleted, and an identical record is
left untouched (no operation, no audit event), so importing the same file twice changes
nothing. Updates the services forbid (a finalised note or a raised concern that differs)
are refused with their path.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import records
from ..domain.fields import FieldError, FieldType
from ..errors import InputRejected, NotFound, NotPermitted
from ..i18n import _
from ..services.caseload import Caseload
from ..services.directory_service import case_link_id
from ..services.validation import ValidationFailed, clean_values
from .document import (
    ADDITIONS_KEY,
    CONTENT_KEY,
    FAMILY_ARRAYS,
    SHARED_ARRAYS,
    service_for,
)
from .json_reading import (
    DEFAULT_MAX_BYTES,
    Problems,
    TooManyProblems,
    read_document,
    schema_problems,
)


@dataclass
class Planned:
    """One record the document asks for, cleaned, with where it came from."""

    kind: str
    id: str
    path: str
    values: dict[str, Any]
    family_id: str | None
    existing: dict[str, Any] | None = None
    content: bytes | None = None  # an attachment's bytes


@dataclass
class ImportSummary:
    """What an import did, counted by record kind."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    @property
    def total_written(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1


def _objects(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a list with their positions; anything else was reported by the schema."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _id_of(obj: dict[str, Any]) -> str | None:
    value = obj.get("id")
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    return value.strip()


def _record_values(obj: dict[str, Any], nested: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's own values; `null` is read as absent, as other tools write it."""
    return {k: v for k, v in obj.items() if k != "id" and k not in nested and v is not None}


class _Planner:
    """Pass 2 after the schema: clean every value, then check the document as a whole."""

    def __init__(self, caseload: Caseload, document: dict[str, Any]) -> None:
        self.caseload = caseload
        self.store = caseload.ctx.store
        self.document = document
        self.problems = Problems()
        self.plan: list[Planned] = []
        self.by_kind: dict[str, dict[str, Planned]] = {}

    def run(self, reported: list[tuple[str, str]]) -> list[Planned]:
        """The plan in writing order, or ValidationFailed with `reported` and every new problem.

        Problems the schema already reported are passed in so that a value is named once,
        and the checks here still run on the rest of the document.
        """
        self.problems.extend(reported)
        try:
            self._collect()
            self._check_ids()
            self._check_references()
            self._check_dates()
            self._check_against_vault()
        except TooManyProblems:
            pass
        self.problems.raise_if_any()
        return self._ordered()

    # Each record is cleaned on its own, so every bad value in the file is reported at once.
    def _add(
        self, kind: str, obj: dict[str, Any], path: str, values: dict[str, Any], fam: str | None
    ) -> None:
        spec = records.spec_for(kind)
        try:
            cleaned = clean_values(spec, values, creating=True, path=path)
        except ValidationFailed as exc:
            self.problems.extend(exc.problems)
            cleaned = {}
        record_id = _id_of(obj)
        if record_id is not None:  # a missing or unusable id was reported by the schema
            self.plan.append(Planned(kind, record_id, path, cleaned, fam))

    def _collect(self) -> None:
        for key, kind in SHARED_ARRAYS:
            for index, obj in _objects(self.document.get(key)):
                self._add(kind, obj, f"{key}[{index}]", _record_values(obj), None)
        nested = tuple(key for key, _kind in FAMILY_ARRAYS)
        for f_index, family in _objects(self.document.get("families")):
            fpath = f"families[{f_index}]"
            family_id = _id_of(family)
            self._add("family", family, fpath, _record_values(family, nested), family_id)
            if family_id is None:
                continue
            for key, kind in FAMILY_ARRAYS:
                for index, obj in _objects(family.get(key)):
                    path = f"{fpath}.{key}[{index}]"
                    if kind == "case_link" and "id" not in obj:
                        obj = {**obj, "id": self._link_id(family_id, obj)}
                    extra = {"concern": (ADDITIONS_KEY,), "attachment": (CONTENT_KEY,)}
                    values = {"family_id": family_id, **_record_values(obj, extra.get(kind, ()))}
                    self._add(kind, obj, path, values, family_id)
                    if kind == "concern":
                        self._collect_additions(obj, path, family_id)
                    if kind == "attachment":
                        self._attachment_content(obj, path)

    def _collect_additions(self, concern: dict[str, Any], path: str, family_id: str) -> None:
        concern_id = _id_of(concern)
        if concern_id is None:
            return
        for index, addition in _objects(concern.get(ADDITIONS_KEY)):
            values = {"family_id": family_id, "concern_id": concern_id, **_record_values(addition)}
            apath = f"{path}.{ADDITIONS_KEY}[{index}]"
            self._add("concern_addition", addition, apath, values, family_id)

    def _attachment_content(self, obj: dict[str, Any], path: str) -> None:
        """An attachment's bytes: base64 that decodes to the size and sha256 it states."""
        planned = self.plan[-1] if self.plan and self.plan[-1].path == path else None
        encoded = obj.get(CONTENT_KEY)
        where = f"{path}.{CONTENT_KEY}"
        if not isinstance(encoded, str):
            self.problems.add(where, _("the file's bytes are missing (base64)"))
            return
        try:
            data = base64.b64decode(encoded.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            self.problems.add(where, _("is not base64"))
            return
        limit = self.caseload.attachments.max_bytes
        if len(data) > limit:
            self.problems.add(where, _("the file is larger than attachments may be"))
            return
        if planned is None:
            return
        if (
            planned.values.get("size") != len(data)
            or planned.values.get("sha256") != hashlib.sha256(data).hexdigest()
        ):
            self.problems.add(where, _("the bytes do not match the size and sha256 given"))
            return
        planned.content = data

    @staticmethod
    def _link_id(family_id: str, link: dict[str, Any]) -> str:
        """A link without an id gets the one the directory service derives for it, so the
        same link imported twice (or made by hand too) stays one record."""
        spec = records.CASE_LINK
        try:
            contact_id = spec.field("contact_id").clean(link.get("contact_id"))
            role = spec.field("role").clean(link.get("role"))
        except FieldError:
            contact_id, role = link.get("contact_id"), link.get("role")
        return case_link_id(family_id, str(contact_id), role)

    def _check_ids(self) -> None:
        for planned in self.plan:
            seen = self.by_kind.setdefault(planned.kind, {})
            first = seen.get(planned.id)
            if first is not None:
                self.problems.add(
                    f"{planned.path}.id",
                    _("'{id}' is used twice for a {kind} (first at {first})").format(
                        id=planned.id, kind=planned.kind, first=first.path
                    ),
                )
            else:
                seen[planned.id] = planned

    def _target(self, kind: str, record_id: str) -> tuple[str | None, dict[str, Any]] | None:
        """(family id, values) of a record in the document or the vault, or None."""
        planned = self.by_kind.get(kind, {}).get(record_id)
        if planned is not None:
            return planned.family_id, planned.values
        row = self.store.get(kind, record_id)
        if row is None:
            return None
        spec = records.spec_for(kind)
        fam = None
        if spec.family_field == "id":
            fam = str(row["id"])
        elif spec.family_field:
            fam = row.get(spec.family_field)
        return fam, row

    def _check_references(self) -> None:
        for planned in self.plan:
            spec = records.spec_for(planned.kind)
            for spec_field in spec.fields:
                value = planned.values.get(spec_field.name)
                if spec_field.type is not FieldType.REF or not spec_field.ref or value is None:
                    continue
                if spec_field.name == spec.family_field or (
                    planned.kind == "concern_addition" and spec_field.name == "concern_id"
                ):
                    continue  # implied by nesting
                path = f"{planned.path}.{spec_field.name}"
                target = self._target(spec_field.ref, value)
                if target is None:
                    self.problems.add(
                        path,
                        _(
                            "points to a {kind} '{id}' that is neither in this file nor in the "
                            "vault"
                        ).format(kind=spec_field.ref, id=value),
                    )
                    continue
                target_family, target_values = target
                target_spec = records.spec_for(spec_field.ref)
                if target_spec.family_field and target_family != planned.family_id:
                    self.problems.add(
                        path,
                        _("points to a {kind} of another family").format(kind=spec_field.ref),
                    )
                elif spec_field.name == "amends" and target_values.get("status") != "final":
                    self.problems.add(path, _("an amendment must point to a finalised note"))
        self._check_amendment_cycles()
        self._check_concern_sources()

    def _check_concern_sources(self) -> None:
        """A concern raised from a visit or note must name one of the same family."""
        for planned in self.plan:
            source = planned.values.get("source")
            if planned.kind != "concern" or source not in ("visit", "note"):
                continue
            path = f"{planned.path}.source_id"
            source_id = planned.values.get("source_id")
            if not source_id:
                self.problems.add(
                    path, _("name the {kind} the concern comes from").format(kind=source)
                )
                continue
            target = self._target(str(source), str(source_id))
            if target is None:
                self.problems.add(
                    path,
                    _(
                        "points to a {kind} '{id}' that is neither in this file nor in the vault"
                    ).format(kind=source, id=source_id),
                )
            elif target[0] != planned.family_id:
                self.problems.add(
                    path, _("points to a {kind} of another family").format(kind=source)
                )

    def _check_amendment_cycles(self) -> None:
        notes = self.by_kind.get("note", {})
        for start in notes.values():
            seen = {start.id}
            current = start.values.get("amends")
            while current in notes:
                if current in seen:
                    self.problems.add(
                        f"{start.path}.amends", _("amendments point to each other in a circle")
                    )
                    break
                seen.add(current)
                current = notes[current].values.get("amends")

    def _check_dates(self) -> None:
        today = self.caseload.ctx.today().isoformat()
        for planned in self.plan:
            v = planned.values
            if planned.kind == "person" and (v.get("date_of_birth") or "") > today:
                self.problems.add(
                    f"{planned.path}.date_of_birth",
                    _("{d} is in the future").format(d=v["date_of_birth"]),
                )
            if planned.kind == "consent":
                for name in ("expires", "withdrawn_on"):
                    if v.get(name) and v.get("date") and v[name] < v["date"]:
                        self.problems.add(
                            f"{planned.path}.{name}",
                            _("{d} is before the consent was given ({given})").format(
                                d=v[name], given=v["date"]
                            ),
                        )
            if planned.kind == "referral":
                changed = v.get("status_changed_at")
                if changed and v.get("date") and changed < v["date"]:
                    self.problems.add(
                        f"{planned.path}.status_changed_at",
                        _("{d} is before the referral was made").format(d=changed),
                    )
            if planned.kind == "attendance" and v.get("sessions_attended", 0) > v.get(
                "sessions_possible", 0
            ):
                self.problems.add(
                    f"{planned.path}.sessions_attended",
                    _("is more than the sessions possible"),
                )
            if planned.kind == "visit":
                start, end = v.get("checked_in_at"), v.get("checked_out_at")
                if start and end and end < start:
                    self.problems.add(f"{planned.path}.checked_out_at", _("is before the check-in"))

    def _check_against_vault(self) -> None:
        for planned in self.plan:
            existing = self.store.get(planned.kind, planned.id, include_deleted=True)
            if existing is None:
                continue
            if existing.get("deleted"):
                self.problems.add(
                    f"{planned.path}.id",
                    _(
                        "'{id}' was deleted from this vault and cannot be brought back by an import"
                    ).format(id=planned.id),
                )
                continue
            spec = records.spec_for(planned.kind)
            if (
                spec.family_field
                and spec.family_field != "id"
                and existing.get(spec.family_field) != planned.family_id
            ):
                self.problems.add(
                    f"{planned.path}.id",
                    _("'{id}' is already in this vault in another family").format(id=planned.id),
                )
                continue
            planned.existing = existing
            changed = _changes(planned)
            if not changed:
                continue
            fixed = spec.append_only or (
                planned.kind == "note" and existing.get("status") == "final"
            )
            if fixed:
                self.problems.add(
                    f"{planned.path}.{sorted(changed)[0]}",
                    _(
                        "differs from the {kind} '{id}' already in this vault, which can no "
                        "longer be changed"
                    ).format(kind=planned.kind, id=planned.id),
                )

    def _ordered(self) -> list[Planned]:
        """The plan in writing order: contacts, then each family with its records in order."""
        notes = [p for p in self.plan if p.kind == "note"]
        order: dict[int, int] = {}
        for note in notes:
            depth, current, hops = 0, note.values.get("amends"), 0
            while current is not None and hops < len(notes):
                depth, hops = depth + 1, hops + 1
                target = self.by_kind["note"].get(current)
                current = target.values.get("amends") if target else None
            order[id(note)] = depth
        shared = [k for _key, k in SHARED_ARRAYS]
        kinds = [*shared, "family", *(k for _key, k in FAMILY_ARRAYS), "concern_addition"]
        rank = {kind: i for i, kind in enumerate(kinds)}
        return sorted(
            self.plan,
            key=lambda p: (p.kind not in shared, rank[p.kind], order.get(id(p), 0)),
        )


def _changes(planned: Planned) -> dict[str, Any]:
    existing = planned.existing or {}
    return {k: v for k, v in planned.values.items() if existing.get(k) != v}


def _absent_as_empty(planned: Planned) -> dict[str, Any]:
    """A new record's values with every absent field explicitly empty.

    Absent means empty in this format, so a service's defaults for interactive entry (the
    visit's officer, the note's template) must not fill it in: that would break the round trip.
    """
    spec = records.spec_for(planned.kind)
    values: dict[str, Any] = {f.name: None for f in spec.fields if f.name not in planned.values}
    values.update(planned.values)
    return values


def check_document(caseload: Caseload, document: dict[str, Any]) -> list[Planned]:
    """Every record the document would write, in order; ValidationFailed listing all problems."""
    return _Planner(caseload, document).run(schema_problems(document))


# -- pass 3: the writes --------------------------------------------------------------------------
def import_document(caseload: Caseload, document: dict[str, Any]) -> ImportSummary:
    """Check the whole document, then write it all in one transaction (or nothing at all)."""
    plan = check_document(caseload, document)
    summary = ImportSummary()
    problems = Problems()
    vault = caseload.vault
    with vault.transaction():
        for planned in plan:
            service = service_for(caseload, planned.kind)
            try:
                # A savepoint per record lets the rest be tried, so every refusal is reported;
                # the outer transaction still rolls all of them back.
                with vault.transaction():
                    if planned.existing is None:
                        service.create(_absent_as_empty(planned), record_id=planned.id)
                        if planned.content is not None:
                            caseload.ctx.store.put_blob(planned.id, planned.content)
                        summary.count(summary.created, planned.kind)
                    else:
                        changes = _changes(planned)
                        if changes:
                            service.update(planned.id, changes)
                            summary.count(summary.updated, planned.kind)
                        else:
                            summary.count(summary.unchanged, planned.kind)
            except ValidationFailed as exc:
                try:
                    problems.extend([(f"{planned.path}.{p}", r) for p, r in exc.problems])
                except TooManyProblems:
                    break
            except (InputRejected, NotPermitted, NotFound) as exc:
                try:
                    problems.add(planned.path, str(exc))
                except TooManyProblems:
                    break
        problems.raise_if_any()
        caseload.ctx.store.record_event(
            "import",
            detail=f"liaison-desktop/1 json: {summary.total_written} records written",
        )
    return summary


def import_json_file(
    caseload: Caseload, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ImportSummary:
    """Import an interchange file: checked whole, then written all or nothing."""
    return import_document(caseload, read_document(path, max_bytes=max_bytes))
