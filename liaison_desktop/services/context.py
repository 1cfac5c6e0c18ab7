"""What every service shares: the open vault, its record store, who is using it, and today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..errors import NotPermitted
from ..i18n import _
from ..store.record_store import RecordStore
from ..store.vault import Vault


def _today() -> date:
    return date.today()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServiceContext:
    """The unlocked vault and the facts every use-case needs."""

    vault: Vault
    store: RecordStore
    role: str
    owner_name: str
    device_id: str
    today: Callable[[], date] = field(default=_today)
    now: Callable[[], datetime] = field(default=_now)

    @classmethod
    def open(cls, vault: Vault) -> ServiceContext:
        """A context for an unlocked vault."""
        store = RecordStore(vault)
        meta = vault.meta()
        return cls(
            vault=vault,
            store=store,
            role=meta.get("role", "officer"),
            owner_name=meta.get("owner_name", ""),
            device_id=meta["device_id"],
        )

    @property
    def is_lead(self) -> bool:
        return self.role == "lead"

    def require_lead(self, what: str) -> None:
        """Refuse a lead-only action on an officer's vault."""
        if not self.is_lead:
            raise NotPermitted(
                _(
                    "Only a safeguarding lead's vault can {what}; this vault is an officer's."
                ).format(what=what)
            )

    def setting(self, key: str, default: str) -> str:
        """A caseload setting kept in the vault (so it travels with it)."""
        return self.vault.meta().get(f"setting.{key}", default)

    def now_iso(self) -> str:
        return self.now().isoformat(timespec="seconds")
