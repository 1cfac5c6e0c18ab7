"""Sync use-cases: this device's identity, trusted peers, bundles, folder sync and conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputRejected
from ..i18n import _
from ..store.atomic import write_atomically
from ..sync import exchange, folder_sync, merge, peers
from ..sync.identity import DeviceIdentity, parse_public_key
from ..sync.merge import Conflict
from ..sync.peers import Peer
from .context import ServiceContext

# Conflict and Peer are re-exported: views receive them but never import sync/ themselves.
__all__ = ["Conflict", "DeviceInfo", "Peer", "SyncService"]


@dataclass(frozen=True)
class DeviceInfo:
    """What `device show` prints."""

    device_id: str
    name: str
    role: str
    public_key: str
    fingerprint: str


class SyncService:
    """Pairing devices and exchanging bundles for one unlocked vault."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._identity: DeviceIdentity | None = None

    @property
    def identity(self) -> DeviceIdentity:
        """This device's keys (created in the vault on first use)."""
        if self._identity is None:
            self._identity = DeviceIdentity.load(self.ctx.vault)
        return self._identity

    # -- identity and peers ------------------------------------------------------------------
    def device(self) -> DeviceInfo:
        """This device: id, owner, role, shareable key and fingerprint."""
        ident = self.identity
        return DeviceInfo(
            ident.device_id, ident.name, ident.role, ident.public_key, ident.fingerprint
        )

    def inspect_key(self, key: str) -> DeviceInfo:
        """What a pasted key says (owner, role, fingerprint) without trusting it; InputRejected."""
        public = parse_public_key(key)
        if public.device_id == self.identity.device_id:
            raise InputRejected(
                _("That is this device's own key; paste the other device's key instead.")
            )
        return DeviceInfo(
            public.device_id, public.name, public.role, key.strip(), public.fingerprint
        )

    def add_peer(self, name: str | None, key: str) -> Peer:
        """Trust another device from its key (after comparing fingerprints aloud)."""
        public = parse_public_key(key)
        if name:
            public = type(public)(
                public.device_id, name, public.role, public.x25519, public.ed25519
            )
        return peers.add_peer(self.ctx.vault, public, self.identity.device_id)

    def peers(self) -> list[Peer]:
        """Every peer, revoked ones included (marked)."""
        return peers.list_peers(self.ctx.vault)

    def revoke_peer(self, device_id: str) -> Peer:
        """Stop trusting a device; its bundles are refused from now on."""
        return peers.revoke_peer(self.ctx.vault, device_id, self.identity.device_id)

    # -- bundles -------------------------------------------------------------------------------
    def export_bundle(self, peer_id: str, out: Path) -> exchange.ExportResult:
        """Write the next bundle for a peer to `out` (temp file, fsync, rename)."""
        if out.is_dir():
            out = out / folder_sync.new_bundle_name()
        if not out.parent.is_dir():
            raise InputRejected(
                _("The folder {path} does not exist; no bundle was written.").format(
                    path=out.parent
                )
            )
        result = exchange.export_bundle(self.ctx.vault, self.identity, peer_id)
        write_atomically(out, result.data)
        return result

    def export_bytes(self, peer_id: str) -> exchange.ExportResult:
        """The next bundle for a peer, in memory (the caller writes it)."""
        return exchange.export_bundle(self.ctx.vault, self.identity, peer_id)

    def import_files(self, paths: list[Path]) -> list[exchange.ImportResult]:
        """Verify every bundle, then apply them all in one transaction."""
        blobs = []
        for path in paths:
            try:
                blobs.append(path.read_bytes())
            except OSError:
                raise InputRejected(
                    _("The bundle {path} could not be read; nothing was changed.").format(path=path)
                ) from None
        return self.import_bytes(blobs)

    def import_bytes(self, blobs: list[bytes]) -> list[exchange.ImportResult]:
        """Import bundles held in memory (all or nothing)."""
        return exchange.import_bundles(self.ctx.store, self.identity, blobs)

    def sync_folder(self, folder: Path) -> folder_sync.SyncReport:
        """Import what is addressed to this device, write a bundle for every peer."""
        return folder_sync.sync_folder(self.ctx.store, self.identity, folder)

    def history(self, limit: int = 50) -> list[dict[str, Any]]:
        """Recent syncs, newest first."""
        return folder_sync.history(self.ctx.store, limit)

    # -- conflicts -----------------------------------------------------------------------------
    def conflicts(self, *, include_resolved: bool = False) -> list[merge.Conflict]:
        """Concurrent edits waiting for a person to choose."""
        return merge.list_conflicts(self.ctx.vault.conn, include_resolved=include_resolved)

    def resolve(self, conflict_id: str, keep: str) -> merge.Conflict:
        """Keep 'mine' or 'theirs'; the choice is a new edit that syncs."""
        return merge.resolve_conflict(self.ctx.store, conflict_id, keep)
