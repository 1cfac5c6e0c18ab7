"""Whether a paired device may send each operation of a bundle, checked where the bundle arrives.

A signature says who sent a bundle; this says what that sender may do. The rules (issue 15):

- an operation's author is the bundle's signer, unless the signer is a certified lead passing
  on operations it authorised when they reached it;
- an officer writes only the records of families actively allocated to it at the operation's
  stamp, or of a family it created that no lead has allocated yet, and the shared directory;
- lead-only kinds (allocations, purge markers, legal holds, retention rules and decisions,
  activity kinds) and lead-only values (a concern acknowledged) come only from a certified lead;
- an append-only record (concerns, their additions, closures, sharing entries, purge markers)
  is never changed afterwards, whoever sends the change; a finalised note is never changed by
  an officer that already held it in its final form.

One operation refused refuses the whole bundle (`OpRefused`): the import runs in one
transaction, so nothing of it stays. An operation the merge would skip anyway (already applied,
or for a record purged here) changes nothing and is not judged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.records import BY_KIND, allocation_id
from ..i18n import _
from ..store import audit, purge
from ..store.database import Connection
from ..store.hlc import parse_stamp
from ..store.record_store import RecordStore
from ..store.record_tables import DELETED, Op
from ..store.vault import now_utc
from . import bundle as fmt
from .merge import plain_value, raw_record
from .peers import Peer
from .refusal import OpRefused

FINAL = "final"
# The time fields that may not be later than the change that writes them (issue 23).
FUTURE_CHECKED = {"concern": "happened_at", "concern_addition": "informed_at"}
FUTURE_GRACE = timedelta(minutes=5)
SECURITY_REFUSED = "security-refused"
SECURITY_FLAGGED = "security-flagged"


@dataclass
class Judge:
    """The authorisation of one bundle's operations, with what it has looked up so far."""

    conn: Connection
    peer: Peer
    ops: tuple[Op, ...] = ()
    receiver_is_lead: bool = True
    _allocations: dict[str, list[tuple[str, str, dict[str, Any]]]] = field(default_factory=dict)
    _creators: dict[str, str] = field(default_factory=dict)
    _created_here: dict[str, str] = field(default_factory=dict)
    _seen_final: set[str] = field(default_factory=set)
    _knows_taken_back: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        # Families taken back from this signer that it already knew were taken back (it had
        # acknowledged the change) before this bundle: work it sends for them after that is
        # refused; work written before the news reached it is its late, legitimate work.
        if not self.from_lead:
            for family_id in {op.family_id for op in self.ops if op.family_id is not None}:
                if self.conn.execute(
                    "SELECT 1 FROM ops AS o JOIN sync_known AS k ON k.op_id = o.op_id "
                    "WHERE o.kind = 'allocation' AND o.record_id = ? AND k.peer = ? "
                    "AND json_extract(o.body, '$.set.active') = 0",
                    (allocation_id(family_id, self.peer.device_id), self.peer.device_id),
                ).fetchone():
                    self._knows_taken_back.add(family_id)
        # Notes this signer already held in their final form before this bundle (it had
        # acknowledged the finalising change): an edit of one afterwards is deliberate, not
        # a concurrent edit made before the finalisation reached it. Read before this bundle's
        # acknowledgements are counted.
        for note_id in {op.record_id for op in self.ops if op.kind == "note"}:
            current = raw_record(self.conn, BY_KIND["note"], note_id)
            if current is None or current.get("status") != FINAL:
                continue
            version = json.loads(current["versions"]).get("status", "")
            hlc, _sep, device = version.partition("@")
            if self.conn.execute(
                "SELECT 1 FROM ops AS o JOIN sync_known AS k ON k.op_id = o.op_id "
                "WHERE o.hlc = ? AND o.device = ? AND o.kind = 'note' AND o.record_id = ? "
                "AND k.peer = ?",
                (hlc, device, note_id, self.peer.device_id),
            ).fetchone():
                self._seen_final.add(note_id)
        # A family first heard of in this bundle was created by the author of its earliest
        # family operation here (a bundle for a lead carries concerns first, so order alone
        # does not say).
        for op in sorted((o for o in self.ops if o.kind == "family"), key=lambda o: o.version):
            self._created_here.setdefault(op.record_id, op.device)

    @property
    def from_lead(self) -> bool:
        return self.peer.role == "lead"

    def check(self, op: Op) -> None:
        """Raise OpRefused unless the signer may send `op` (before it is applied)."""
        if self.conn.execute("SELECT 1 FROM ops WHERE op_id = ?", (op.op_id,)).fetchone():
            return  # already applied here: the merge skips it
        if op.kind != "erasure" and purge.is_erased(self.conn, op.kind, op.record_id, op.family_id):
            return  # purged here: the merge drops it
        if not self.from_lead:
            self._check_officer(op)
        self._check_immutable(op)
        self._check_not_after_stamp(op)

    # -- an officer's bundle ---------------------------------------------------------------------
    def _check_officer(self, op: Op) -> None:
        spec = BY_KIND[op.kind]
        if op.device != self.peer.device_id:
            self._refuse(
                op,
                _("it passes on a change written by device {author}; only a safeguarding lead's "
                  "device may pass on other devices' changes.").format(author=op.device),
            )  # fmt: skip
        if spec.lead_only:
            self._refuse(op, _("only a safeguarding lead may make this kind of change."))
        for name, value in spec.lead_only_values:
            if op.values.get(name) == value:
                why = _("only a safeguarding lead may set '{field}'.").format(field=name)
                self._refuse(op, why)
        if op.family_id is not None and not self._may_write_family(op.family_id, op.hlc):
            if not self.receiver_is_lead and not self._allocated_ever(op.family_id):
                # An officer hears of a colleague's allocation from the lead: until then it
                # cannot tell, and the bundle comes again after its next sync with the lead.
                raise fmt.reject(
                    _(
                        "it holds changes to a family from device {id}, and this device has "
                        "not yet heard from your safeguarding lead that the family is "
                        "allocated to it. Sync with your lead; the changes will come again."
                    ).format(id=self.peer.device_id)
                )
            self._refuse(
                op,
                _("family {family} was not allocated to that device when the change was "
                  "stamped.").format(family=op.family_id),
            )  # fmt: skip

    def _may_write_family(self, family_id: str, stamp: str) -> bool:
        events = self._allocation_events(family_id)
        mine = allocation_id(family_id, self.peer.device_id)
        state: dict[str, dict[str, Any]] = {}
        for hlc, record_id, values in events:
            if hlc > stamp:
                break
            state.setdefault(record_id, {}).update(values)
        if state:
            own = state.get(mine)
            if own is None:
                return False  # allocated, but never to this device
            if own.get("active") and not own.get(DELETED):
                return True
            # Taken back by then: late work written before the news reached the device.
            return family_id not in self._knows_taken_back
        # Never allocated up to then: an officer's own new family, until a lead allocates it.
        return self._creator(family_id) == self.peer.device_id

    def _allocated_ever(self, family_id: str) -> bool:
        mine = allocation_id(family_id, self.peer.device_id)
        return any(record_id == mine for _h, record_id, _v in self._allocation_events(family_id))

    def _allocation_events(self, family_id: str) -> list[tuple[str, str, dict[str, Any]]]:
        if family_id not in self._allocations:
            rows = self.conn.execute(
                "SELECT hlc, record_id, body FROM ops WHERE kind = 'allocation' "
                "AND family_id = ? ORDER BY hlc, device",
                (family_id,),
            ).fetchall()
            self._allocations[family_id] = [
                (str(r[0]), str(r[1]), json.loads(r[2]).get("set", {})) for r in rows
            ]
        return self._allocations[family_id]

    def _creator(self, family_id: str) -> str | None:
        if family_id in self._creators:
            return self._creators[family_id]
        row = self.conn.execute(
            "SELECT device FROM ops WHERE kind = 'family' AND record_id = ? "
            "ORDER BY hlc, device LIMIT 1",
            (family_id,),
        ).fetchone()
        if row is None:
            return self._created_here.get(family_id)
        self._creators[family_id] = str(row[0])
        return self._creators[family_id]

    # -- whoever sends -----------------------------------------------------------------------------
    def _check_immutable(self, op: Op) -> None:
        spec = BY_KIND[op.kind]
        if not (spec.append_only or op.kind == "note"):
            return
        current = raw_record(self.conn, spec, op.record_id)
        if current is None:
            return
        if self.from_lead and set(op.values) == {spec.family_field}:
            return  # a lead re-files a record under the family it was merged into
        versions: dict[str, str] = json.loads(current["versions"])
        if op.kind == "note":
            # A finalised note: a change its sender made after it held the final note is
            # refused. An edit made before the finalisation reached it (offline, concurrent)
            # is merged as any concurrent edit is, and kept as a conflict where it differs.
            if (
                self.from_lead
                or op.record_id not in self._seen_final
                or op.version <= versions.get("status", "")
            ):
                return
            if any(plain_value(spec, current, n) != v for n, v in op.values.items()):
                self._refuse(op, _("it changes a finalised note, which is never edited."))
            return
        if any(plain_value(spec, current, name) != value for name, value in op.values.items()):
            self._refuse(op, _("it changes a record that is never edited once written."))

    def _check_not_after_stamp(self, op: Op) -> None:
        """A concern says when it happened and a lead's step when people were told: never after
        the change itself was written (its stamp), so no concern is dated in the future."""
        name = FUTURE_CHECKED.get(op.kind)
        value = op.values.get(name) if name else None
        if not isinstance(value, str) or not value:
            return
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return  # the field's own check refuses it
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        written = datetime.fromtimestamp(parse_stamp(op.hlc)[0] / 1000, UTC)
        if moment > written + FUTURE_GRACE:
            self._refuse(
                op,
                _("it says '{field}' is {when}, after the change was written ({written}).").format(
                    field=name, when=value, written=written.isoformat(timespec="seconds")
                ),
            )

    def _refuse(self, op: Op, why: str) -> None:
        raise OpRefused(
            self.peer.device_id,
            self.peer.name,
            _("a change to a {kind} record ({record}): {why}").format(
                kind=op.kind, record=op.record_id, why=why
            ),
        )


def record_refusal(store: RecordStore, refused: OpRefused) -> dict[str, Any]:
    """Write the security event of a refused bundle (after its rollback); the history entry."""
    with store.vault.transaction() as conn:
        audit.append(
            conn,
            at=now_utc(),
            actor=store.actor,
            device=store.device_id,
            action=SECURITY_REFUSED,
            detail=f"{refused.sender}: {refused.what}"[:2000],
        )
    return {
        "sender": refused.sender,
        "sender_name": refused.sender_name,
        "what": refused.what,
        "refused": True,
    }
