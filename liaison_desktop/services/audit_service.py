"""Reading the audit log and checking its hash chain (part of `verify`)."""

from __future__ import annotations

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
