"""Applying other devices' operations: per-field last-writer-wins, conflicts kept, purges.

The winner of a field is the greater version `hlc@device` (fixed-width stamps, so text order is
clock order, ties broken by device id): every device picks the same winner whatever the order,
repetition or grouping of operations, so replicas converge. An operation already in the `ops`
log is skipped, which makes applying idempotent.

An incoming change is *concurrent* with the stored value when neither replaced the other:
its `replaces` is not the stored version, the stored version is not among its ancestors, and
it is not among the stored version's ancestors (ancestry follows `replaces` through the op
log). The losing value is then kept in `conflicts` for a person to decide; it is never dropped.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from ..domain import records
from ..domain.records import BY_KIND, RecordSpec, spec_for
from ..errors import InputRejected, NotFound
from ..i18n import _
from ..store import audit, purge, search_index
from ..store.database import Connection
from ..store.record_store import RecordStore
from ..store.record_tables import DELETED, Op, decode_row, encode, log_op
from ..store.vault import now_utc

ERASURE = records.ERASURE.kind  # purge markers (store/purge.py)
_MAX_ANCESTRY = 100_000  # a chain of edits to one field longer than this is not credible


@dataclass(frozen=True)
class Conflict:
    """A concurrent edit of one field: the value shown (winner) and the one set aside."""

    id: str
    kind: str
    record_id: str
    field: str
    mine: Any
    theirs: Any
    versions: dict[str, str | None]
    resolved: bool
    created_at: str

    @property
    def shown(self) -> str:
        """Which side is the value currently shown ("mine" or "theirs")."""
        return "theirs" if self.versions.get("winner") == self.versions.get("theirs") else "mine"

    def as_dict(self) -> dict[str, Any]:
        """The conflict as plain JSON values."""
        return {
            "id": self.id,
            "kind": self.kind,
            "record_id": self.record_id,
            "field": self.field,
            "mine": self.mine,
            "theirs": self.theirs,
            "shown": self.shown,
            "versions": self.versions,
            "resolved": self.resolved,
            "created_at": self.created_at,
        }


def raw_record(conn: Connection, spec: RecordSpec, record_id: str) -> dict[str, Any] | None:
    """A record's stored row as a dict (values encoded), or None."""
    cursor = conn.execute(f'SELECT * FROM "{spec.table}" WHERE id = ?', (record_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def plain_value(spec: RecordSpec, row: dict[str, Any], name: str) -> Any:
    """One field of a stored row, decoded."""
    if name == DELETED:
        return bool(row.get(DELETED))
    return decode_row(spec, row).get(name)


def _encoded(spec: RecordSpec, name: str, value: Any) -> Any:
    return int(bool(value)) if name == DELETED else encode(spec, name, value)


def _parent(conn: Connection, op: tuple[str, str, str], name: str) -> str | None:
    """The version that the op with version `op[0]` replaced for field `name`."""
    version, kind, record_id = op
    hlc, _sep, device = version.partition("@")
    row = conn.execute(
        "SELECT body FROM ops WHERE hlc = ? AND device = ? AND kind = ? AND record_id = ?",
        (hlc, device, kind, record_id),
    ).fetchone()
    if row is None:
        return None
    replaces = json.loads(row[0]).get("replaces", {})
    parent = replaces.get(name)
    return str(parent) if parent is not None else None


def is_ancestor(
    conn: Connection, kind: str, record_id: str, name: str, ancestor: str, start: str | None
) -> bool:
    """Whether `ancestor` is `start` or lies on the chain of versions `start` replaced."""
    version, steps = start, 0
    while version is not None and steps < _MAX_ANCESTRY:
        if version == ancestor:
            return True
        # No shortcut on ordering: a version normally sorts after the one it replaced, but a
        # second store on the same vault with an unobserved clock could break that.
        version = _parent(conn, (version, kind, record_id), name)
        steps += 1
    return False


def _write(
    store: RecordStore,
    spec: RecordSpec,
    op: Op,
    current: dict[str, Any] | None,
    versions: dict[str, str],
    winners: dict[str, Any],
) -> None:
    """Materialise the winning fields of `op` and re-index the record."""
    conn = store.conn
    stamp = now_utc()
    encoded = {name: _encoded(spec, name, v) for name, v in winners.items()}
    if current is None:
        row = {
            "id": op.record_id,
            **encoded,
            "created_at": stamp,
            "updated_at": stamp,
            "versions": json.dumps(versions, sort_keys=True),
        }
        names = ", ".join(f'"{k}"' for k in row)
        conn.execute(
            f'INSERT INTO "{spec.table}" ({names}) VALUES ({", ".join("?" for _ in row)})',
            tuple(row.values()),
        )
        merged = row
    else:
        if not winners:
            return
        assignments = {
            **encoded,
            "updated_at": stamp,
            "versions": json.dumps(versions, sort_keys=True),
        }
        sets = ", ".join(f'"{k}" = ?' for k in assignments)
        conn.execute(
            f'UPDATE "{spec.table}" SET {sets} WHERE id = ?', (*assignments.values(), op.record_id)
        )
        merged = {**current, **assignments}
    search_index.index_record(conn, spec, op.record_id, decode_row(spec, merged))


def _save_clock(store: RecordStore) -> None:
    store.conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc_last', ?)", (store.clock.last,)
    )


def _add_conflict(
    conn: Connection,
    op: Op,
    name: str,
    mine: Any,
    theirs: Any,
    mine_version: str,
) -> None:
    winner = max(mine_version, op.version)
    # Two people making the same change at once left nothing to decide: the conflict is
    # recorded (the concurrency happened) but starts resolved, so nobody is asked about it.
    conn.execute(
        "INSERT INTO conflicts (id, kind, record_id, field, mine, theirs, versions, resolved, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            uuid.uuid4().hex,
            op.kind,
            op.record_id,
            name,
            json.dumps(mine, ensure_ascii=False),
            json.dumps(theirs, ensure_ascii=False),
            json.dumps(
                {"mine": mine_version, "theirs": op.version, "winner": winner}, sort_keys=True
            ),
            int(mine == theirs),
            now_utc(),
        ),
    )


def _close_conflicts_before(conn: Connection, op: Op, name: str, seen: str) -> None:
    """Mark resolved the open conflicts on a field whose winning version `op`'s author had
    seen (`seen`, or an earlier one): they were decided where that change was made."""
    conn.execute(
        "UPDATE conflicts SET resolved = 1, resolved_at = ? WHERE kind = ? AND record_id = ? "
        "AND field = ? AND resolved = 0 AND json_extract(versions, '$.winner') <= ?",
        (now_utc(), op.kind, op.record_id, name, seen),
    )


def _merge(store: RecordStore, op: Op) -> bool:
    """Merge one operation's field values into its record: the newer version of each field
    wins, and concurrent changes to the same field are kept as a conflict. True when the
    record was created by it."""
    conn = store.conn
    spec = spec_for(op.kind)
    current = raw_record(conn, spec, op.record_id)
    versions: dict[str, str] = json.loads(current["versions"]) if current else {}
    winners: dict[str, Any] = {}
    for name, value in op.values.items():
        stored = versions.get(name)
        if stored == op.version:
            continue
        incoming_wins = stored is None or op.version > stored
        if (
            stored is not None
            and current is not None
            and op.replaces.get(name) != stored
            and not is_ancestor(conn, op.kind, op.record_id, name, stored, op.replaces.get(name))
            and not is_ancestor(conn, op.kind, op.record_id, name, op.version, stored)
        ):
            _add_conflict(conn, op, name, plain_value(spec, current, name), value, stored)
        elif stored is not None and op.replaces.get(name) == stored:
            # Written knowing the value shown here (a choice made on another device, or a
            # later edit): a conflict left open here about that value is decided; close it.
            _close_conflicts_before(conn, op, name, stored)
        if incoming_wins:
            winners[name] = value
            versions[name] = op.version
    _write(store, spec, op, current, versions, winners)
    return current is None


def reapply_retained(store: RecordStore, family_id: str) -> int:
    """Merge again this device's own operations on a family that came back to it.

    When a lead takes a family back, this device keeps its own operations the lead had not
    yet acknowledged (purge_family), so its late work still reaches the lead; the lead then
    counts them as held here. If the family is allocated here again, the lead does not send
    them back, so they are merged from this device's own log when the family returns;
    otherwise the family would read differently here than on the lead. Returns how many.
    """
    rows = store.conn.execute(
        "SELECT op_id, hlc, device, kind, record_id, family_id, body FROM ops "
        "WHERE family_id = ? AND device = ? ORDER BY hlc, op_id",
        (family_id, store.device_id),
    ).fetchall()
    for op_id, hlc, device, kind, record_id, family, body in rows:
        doc = json.loads(body)
        _merge(
            store,
            Op(
                op_id=op_id,
                hlc=hlc,
                device=device,
                kind=kind,
                record_id=record_id,
                family_id=family,
                values=doc.get("set", {}),
                replaces=doc.get("replaces", {}),
            ),
        )
    return len(rows)


def apply_remote(store: RecordStore, op: Op) -> bool:
    """Merge one operation from another device (inside the caller's transaction).

    Returns False when the operation was already applied (nothing changes).
    """
    conn = store.conn
    if conn.execute("SELECT 1 FROM ops WHERE op_id = ?", (op.op_id,)).fetchone():
        return False
    # A record purged here (retention) is never brought back by a device that had not yet
    # heard of the purge: its operations are dropped, neither applied nor kept.
    if op.kind != ERASURE and purge.is_erased(conn, op.kind, op.record_id, op.family_id):
        return False
    store.clock.observe(op.hlc)
    created = _merge(store, op)
    log_op(conn, op, local=False)
    _save_clock(store)
    audit.append(
        conn,
        at=now_utc(),
        actor=store.actor,
        device=store.device_id,
        action="sync-in",
        kind=op.kind,
        record_id=op.record_id,
        family_id=op.family_id,
        op_id=op.op_id,
        detail=op.device,
    )
    store.vault.pending_changes.note(op.kind, op.family_id)
    if op.kind == ERASURE and created:
        apply_erasure(store, op)
    return True


def apply_erasure(store: RecordStore, op: Op) -> int:
    """Purge here what another device purged (a purge marker arrived); returns records removed.

    Applied once, when the marker is first seen (markers are append-only), so a marker that
    comes again changes nothing.
    """
    conn = store.conn
    target_kind = op.values.get("target_kind")
    target_id = op.values.get("target_id")
    if not isinstance(target_kind, str) or not isinstance(target_id, str):
        return 0
    if target_kind not in BY_KIND:
        return 0  # a kind this version does not know has nothing stored here to purge
    family = op.values.get("target_family")
    if isinstance(family, str):  # so a lead relaying the marker sends it where it is needed
        purge.remember_holders(conn, op.op_id, purge.holders(conn, family) - {store.device_id})
    expanded = purge.expand(conn, [(target_kind, target_id)])
    removed = purge.purge_records(conn, expanded)
    for item in expanded:
        store.vault.pending_changes.note(item.kind, item.family_id)
    if target_kind == "family":
        purge.purge_family_ops(conn, target_id)
    else:
        conn.execute("DELETE FROM ops WHERE kind = ? AND record_id = ?", (target_kind, target_id))
    audit.append(
        conn,
        at=now_utc(),
        actor=store.actor,
        device=store.device_id,
        action="sync-purge",
        kind=target_kind,
        record_id=target_id,
        family_id=family if isinstance(family, str) else None,
        op_id=op.op_id,
        detail=op.device,
    )
    return removed


# -- conflicts ----------------------------------------------------------------------------------
def _conflict(row: tuple[Any, ...]) -> Conflict:
    return Conflict(
        id=str(row[0]),
        kind=str(row[1]),
        record_id=str(row[2]),
        field=str(row[3]),
        mine=json.loads(row[4]) if row[4] is not None else None,
        theirs=json.loads(row[5]) if row[5] is not None else None,
        versions=json.loads(row[6]),
        resolved=bool(row[7]),
        created_at=str(row[8]),
    )


_CONFLICT_COLUMNS = "id, kind, record_id, field, mine, theirs, versions, resolved, created_at"


def list_conflicts(conn: Connection, *, include_resolved: bool = False) -> list[Conflict]:
    """Conflicts waiting for a person (oldest first)."""
    where = "" if include_resolved else " WHERE resolved = 0"
    return [
        _conflict(r)
        for r in conn.execute(
            f"SELECT {_CONFLICT_COLUMNS} FROM conflicts{where} ORDER BY created_at, id"
        )
    ]


def resolve_conflict(store: RecordStore, conflict_id: str, keep: str) -> Conflict:
    """Keep one side: writes a new local operation (so the decision syncs) and closes it."""
    if keep not in ("mine", "theirs"):
        raise InputRejected(_("Choose which value to keep: 'mine' or 'theirs'."))
    conn = store.conn
    row = conn.execute(
        f"SELECT {_CONFLICT_COLUMNS} FROM conflicts WHERE id = ?", (conflict_id,)
    ).fetchone()
    if row is None:
        raise NotFound(_("No conflict with id {id}; nothing was changed.").format(id=conflict_id))
    conflict = _conflict(row)
    if conflict.resolved:
        raise InputRejected(_("That conflict has already been resolved; nothing was changed."))
    spec = spec_for(conflict.kind)
    value = conflict.mine if keep == "mine" else conflict.theirs
    with store.vault.transaction():
        current = raw_record(conn, spec, conflict.record_id)
        if current is None:  # the record was purged since; nothing left to decide
            raise NotFound(_("That record is no longer in this vault; nothing was changed."))
        versions: dict[str, str] = json.loads(current["versions"])
        family_field = spec.family_field
        family_id = (
            None
            if family_field is None
            else conflict.record_id
            if family_field == "id"
            else current.get(family_field)
        )
        # Written even when the kept value is the one shown: the new version replaces the
        # winner, so every device that sees it stops showing the other value.
        op = Op(
            op_id=uuid.uuid4().hex,
            hlc=store.clock.now(),
            device=store.device_id,
            kind=conflict.kind,
            record_id=conflict.record_id,
            family_id=family_id,
            values={conflict.field: value},
            replaces={conflict.field: versions.get(conflict.field)},
        )
        versions[conflict.field] = op.version
        _write(store, spec, op, current, versions, {conflict.field: value})
        log_op(conn, op, local=True)
        _save_clock(store)
        conn.execute(
            "UPDATE conflicts SET resolved = 1, resolved_at = ? "
            "WHERE kind = ? AND record_id = ? AND field = ? AND resolved = 0",
            (now_utc(), conflict.kind, conflict.record_id, conflict.field),
        )
        audit.append(
            conn,
            at=now_utc(),
            actor=store.actor,
            device=store.device_id,
            action="resolve-conflict",
            kind=conflict.kind,
            record_id=conflict.record_id,
            family_id=family_id,
            op_id=op.op_id,
            detail=f"{conflict.field}:{keep}",
        )
    return conflict


# -- purges -------------------------------------------------------------------------------------
def purge_family(store: RecordStore, family_id: str, lead_device: str) -> int:
    """Remove a family taken back by a lead (inside the caller's transaction).

    Records, search entries, conflicts and operations of the family go. This device's own
    operations that the lead has not yet acknowledged stay in the log (not in any view) so
    they still reach the lead; a later purge, sent in every bundle, removes them once
    acknowledged. Returns the number of records removed.
    """
    conn = store.conn
    removed = 0
    for spec_kind in _family_kinds():
        spec = spec_for(spec_kind)
        column = "id" if spec.family_field == "id" else spec.family_field
        ids = [
            str(r[0])
            for r in conn.execute(
                f'SELECT id FROM "{spec.table}" WHERE "{column}" = ?', (family_id,)
            )
        ]
        for record_id in ids:
            search_index.remove_record(conn, spec.kind, record_id)
            conn.execute(
                "DELETE FROM conflicts WHERE kind = ? AND record_id = ?", (spec.kind, record_id)
            )
        conn.execute(f'DELETE FROM "{spec.table}" WHERE "{column}" = ?', (family_id,))
        removed += len(ids)
    conn.execute(
        "DELETE FROM ops WHERE family_id = ? AND NOT (device = ? AND op_id NOT IN "
        "(SELECT op_id FROM sync_known WHERE peer = ?))",
        (family_id, store.device_id, lead_device),
    )
    if removed:
        audit.append(
            conn,
            at=now_utc(),
            actor=store.actor,
            device=store.device_id,
            action="sync-purge",
            kind="family",
            record_id=family_id,
            family_id=family_id,
            detail=lead_device,
        )
    return removed


def _family_kinds() -> list[str]:
    from ..domain.records import ALL

    return [spec.kind for spec in ALL if spec.family_field is not None]
