"""Reading the audit log and checking its hash chain (part of `verify`).

The trail of a family or a child (issue 23) is this device's events and, on a lead's vault,
those its officers' devices sent in bundles (sync/audit_events.py): who viewed, changed or
exported what, and when. Events hold no content, only the action, the record's kind and id.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _
from ..store import audit
from ..store.audit import AuditEvent
from ..store.vault import Vault
from .context import ServiceContext
from .vault_service import register_verifier


def verify_audit_chain(vault: Vault) -> list[str]:
    """Problems with the audit chain; empty when every link holds."""
    if not vault.db["audit"].exists():
        return []
    return audit.verify_chain(vault.conn)


register_verifier(verify_audit_chain)


# What each action is called in the trail; others are shown as stored.
ACTION_WORDS = {
    "view": N_("viewed"),
    "export": N_("exported"),
    "create": N_("added"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "restore": N_("restored"),
    "import": N_("imported"),
    "merge": N_("merged"),
    "close-case": N_("closed the case"),
    "reopen-case": N_("reopened the case"),
    "purge-marker": N_("destroyed records"),
}
# Actions that read or copy a case: the data protection officer's access report.
ACCESS_ACTIONS = ("view", "export")


@dataclass(frozen=True)
class TrailEntry:
    """One event in a family's or child's trail, from this device or an officer's."""

    at: str
    actor: str
    device_name: str
    action: str
    kind: str | None
    record_id: str | None
    family_id: str | None
    detail: str
    here: bool  # written on this device (else received from the device named)

    @property
    def action_words(self) -> str:
        word = ACTION_WORDS.get(self.action)
        return _(word) if word else self.action

    def as_dict(self) -> dict[str, object]:
        """Plain JSON values (no case content: ids, kinds and names of staff only)."""
        return {**self.__dict__, "action_words": self.action_words}


@dataclass(frozen=True)
class AccessLine:
    """How often one person viewed or exported one family's file in a period."""

    actor: str
    device_name: str
    family_id: str
    views: int
    exports: int
    first: str
    last: str


class AuditService:
    """Who did what when."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_family(self, family_id: str) -> list[AuditEvent]:
        """Every audit event about one family, oldest first."""
        return list(audit.events(self.ctx.vault.conn, family_id))

    def all(self) -> list[AuditEvent]:
        return list(audit.events(self.ctx.vault.conn))

    def record(self, action: str, *, family_id: str | None = None, detail: str = "") -> None:
        """Audit an action that changed no record (an export, a report)."""
        self.ctx.store.record_event(action, family_id=family_id, detail=detail)

    # -- the trail (issue 23) ------------------------------------------------------------------
    def trail(
        self, family_id: str, *, person_id: str | None = None, actions: tuple[str, ...] = ()
    ) -> list[TrailEntry]:
        """Who viewed, changed or exported a family's records, oldest first, from every device
        this vault has events of. With `person_id`, the child's own record and the views and
        exports of the family's whole file (which shows the child); with `actions`, only those.
        """
        conn = self.ctx.vault.conn
        names = self._device_names()
        entries = [
            TrailEntry(
                e.at, e.actor, names.get(e.device, _("this device")), e.action, e.kind,
                e.record_id, e.family_id, e.detail, True,
            )
            for e in audit.events(conn, family_id)
        ]  # fmt: skip
        if self.ctx.vault.db["sync_audit_events"].exists():
            for row in conn.execute(
                "SELECT at, actor, device, action, kind, record_id, family_id, detail "
                "FROM sync_audit_events WHERE family_id = ? ORDER BY at, seq",
                (family_id,),
            ):
                at, actor, device, action, kind, record_id, fam, detail = row
                entries.append(
                    TrailEntry(
                        str(at), str(actor), names.get(str(device), str(device)), str(action),
                        kind, record_id, fam, str(detail), False,
                    )
                )  # fmt: skip
        if person_id is not None:
            whole_file = (None, family_id)
            entries = [e for e in entries if e.record_id in (person_id, *whole_file)]
        if actions:
            entries = [e for e in entries if e.action in actions]
        entries.sort(key=lambda e: e.at)
        return entries

    def access_report(self, start: str, end: str) -> list[AccessLine]:
        """The data protection officer's access report: per person and family, how often the
        family's file was viewed or exported between two ISO days (inclusive), on every device
        this vault has events of; most accesses first. One read of each log."""
        names = self._device_names()
        marks = ", ".join("?" for _ in ACCESS_ACTIONS)
        where = (
            f"family_id IS NOT NULL AND action IN ({marks}) AND substr(at, 1, 10) BETWEEN ? AND ?"
        )
        params: tuple[str, ...] = (*ACCESS_ACTIONS, start, end)
        columns = "actor, device, family_id, action, at"
        sql = f"SELECT {columns} FROM audit WHERE {where}"
        if self.ctx.vault.db["sync_audit_events"].exists():
            sql += f" UNION ALL SELECT {columns} FROM sync_audit_events WHERE {where}"
            params = (*params, *params)
        lines: dict[tuple[str, str, str], AccessLine] = {}
        for actor, device, family_id, action, at in self.ctx.vault.conn.execute(sql, params):
            key = (str(actor), names.get(str(device), str(device)), str(family_id))
            line = lines.get(key) or AccessLine(*key, 0, 0, str(at), str(at))
            lines[key] = AccessLine(
                line.actor, line.device_name, line.family_id,
                line.views + (action == "view"), line.exports + (action == "export"),
                min(line.first, str(at)), max(line.last, str(at)),
            )  # fmt: skip
        return sorted(lines.values(), key=lambda x: (-(x.views + x.exports), x.actor, x.family_id))

    def _device_names(self) -> dict[str, str]:
        names = {self.ctx.store.device_id: _("this device")}
        if self.ctx.vault.db["sync_peers"].exists():
            for device_id, name in self.ctx.vault.conn.execute(
                "SELECT device_id, name FROM sync_peers"
            ):
                names[str(device_id)] = str(name)
        return names
