"""Sync use-cases: this device's identity, trusted peers, bundles, folder sync and conflicts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.sharing import ShareDetails
from ..errors import InputRejected, NotFound
from ..i18n import _, ngettext
from ..store.atomic import write_atomically
from ..sync import certificates, exchange, folder_sync, merge, peers
from ..sync.identity import DeviceIdentity, parse_public_key
from ..sync.merge import Conflict
from ..sync.peers import Peer
from .context import ServiceContext
from .sharing_service import SharingService

# Vault metadata key marking a peer as another agency's device (kept in the encrypted vault,
# never synced: whom this device trusts is its own business).
EXTERNAL_PEER_KEY = "sharing.external_peer."

# Conflict and Peer are re-exported: views receive them but never import sync/ themselves.
__all__ = ["Conflict", "DeviceInfo", "Peer", "SyncService"]

bundle_names = folder_sync.bundle_names  # for the watchers of a sync folder (app and CLI)


def refuse_folder_in_vault(folder: Path, data_dir: Path) -> None:
    """A sync folder is shared (USB stick, network share); the vault's folder is private.

    Refused when it is the vault's folder or inside it: bundle files would sit beside the
    encrypted vault, where backups and the data-folder permissions treat them as the vault's.
    """
    resolved, private = folder.expanduser().resolve(), data_dir.expanduser().resolve()
    if resolved == private or private in resolved.parents:
        raise InputRejected(
            _(
                "The sync folder cannot be the vault's own folder or a folder inside it "
                "({folder}); choose a shared folder such as a USB stick. Nothing was synced."
            ).format(folder=folder)
        )


@dataclass(frozen=True)
class DeviceInfo:
    """What `device show` prints."""

    device_id: str
    name: str
    role: str  # the role the device's own key claims
    public_key: str
    fingerprint: str
    certified_role: str | None = None  # the role a trusted lead certified (None: not yet)


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
        """This device: id, owner, role, shareable key, fingerprint and certified role."""
        ident = self.identity
        return DeviceInfo(
            ident.device_id,
            ident.name,
            ident.role,
            ident.public_key,
            ident.fingerprint,
            certificates.certified_role(self.ctx.vault, ident.device_id),
        )

    def inspect_key(self, key: str) -> DeviceInfo:
        """What a pasted key says (owner, role, fingerprint) without trusting it; InputRejected."""
        public = parse_public_key(key)
        if public.device_id == self.ctx.vault.meta()["device_id"]:  # creates no keys
            raise InputRejected(
                _("That is this device's own key; paste the other device's key instead.")
            )
        return DeviceInfo(
            public.device_id, public.name, public.role, key.strip(), public.fingerprint
        )

    def add_peer(
        self,
        name: str | None,
        key: str,
        external: ShareDetails | None = None,
        role: str | None = None,
    ) -> Peer:
        """Trust another device from its key (after comparing fingerprints aloud).

        On a lead's vault this certifies the device in `role` (default: the role its key
        claims, except that "lead" must be chosen explicitly); on an officer's vault the role
        comes from the lead. `external` marks it as another agency's device (organisation and
        lawful basis), so every bundle written for it is kept in the information-sharing record.
        """
        public = parse_public_key(key)
        if name:
            public = type(public)(
                public.device_id, name, public.role, public.x25519, public.ed25519
            )
        with self.ctx.vault.transaction():
            peer = peers.add_peer(
                self.ctx.vault,
                public,
                self.ctx.vault.meta()["device_id"],  # not self.identity: a refusal creates no keys
                issuer=lambda: self.identity,
                role=role,
            )
            if external is not None and external.external:
                self.mark_external(peer.device_id, external)
        return peer

    def mark_external(self, device_id: str, share: ShareDetails) -> None:
        """Record that a peer is another agency's device: to whom its bundles go, and why."""
        peer = peers.get_peer(self.ctx.vault, device_id)
        if peer is None:
            raise NotFound(
                _("No peer with device id {id}; nothing was changed.").format(id=device_id)
            )
        share = ShareDetails(
            recipient=share.recipient.strip() or peer.name,
            organisation=share.organisation,
            lawful_basis=share.lawful_basis,
            condition=share.condition,
        )
        SharingService(self.ctx).resolve("sync_bundle", share)  # refuses what is missing
        self.ctx.vault.set_meta(
            EXTERNAL_PEER_KEY + device_id,
            json.dumps(
                {
                    "recipient": share.recipient,
                    "organisation": share.organisation,
                    "lawful_basis": share.lawful_basis,
                    "condition": share.condition,
                }
            ),
        )

    def external_share(self, device_id: str) -> ShareDetails | None:
        """Who a peer's bundles go to, if it is another agency's device (else None).

        Officers' and leads' devices within the school are not marked: syncing between them
        keeps the school's own record in step and is not a share.
        """
        raw = self.ctx.vault.meta().get(EXTERNAL_PEER_KEY + device_id)
        if raw is None:
            return None
        doc = json.loads(raw)
        return ShareDetails(
            recipient=str(doc.get("recipient") or ""),
            organisation=str(doc.get("organisation") or ""),
            lawful_basis=doc.get("lawful_basis"),
            condition=doc.get("condition"),
        )

    def is_lead_vault(self) -> bool:
        """Whether this vault certifies devices (a lead's) or takes roles from a lead."""
        return certificates.certifies(self.ctx.vault)

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
        # The bundle's bookkeeping, its sharing entries (for another agency's device) and the
        # file stand or fall together.
        with self.ctx.vault.transaction():
            result = exchange.export_bundle(self.ctx.vault, self.identity, peer_id)
            self._record_bundle_shared(result.peer, result.seq)
            write_atomically(out, result.data)
        return result

    def _bundle_contents(self, peer_id: str, seq: int) -> dict[str, list[str]]:
        """The families a written bundle carried, each with the record kinds it carried."""
        rows = self.ctx.vault.conn.execute(
            "SELECT DISTINCT o.family_id, o.kind FROM sync_sent AS s JOIN ops AS o "
            "ON o.op_id = s.op_id WHERE s.peer = ? AND s.seq = ? AND o.family_id IS NOT NULL "
            "ORDER BY o.family_id, o.kind",
            (peer_id, seq),
        ).fetchall()
        out: dict[str, list[str]] = {}
        for family_id, kind in rows:
            out.setdefault(str(family_id), []).append(str(kind))
        return out

    def _record_bundle_shared(self, peer_id: str, seq: int) -> int:
        """Write the sharing entries of a bundle for another agency's device; 0 if internal."""
        share = self.external_share(peer_id)
        if share is None:
            return 0
        contents = self._bundle_contents(peer_id, seq)
        families = [f for f in contents if self.ctx.store.get("family", f) is not None]
        if not families:
            return 0
        sharing = SharingService(self.ctx)
        entries = sharing.record(
            "sync_bundle",
            sharing.resolve("sync_bundle", share),
            families,
            details={
                f: _("Record kinds: {kinds}").format(kinds=", ".join(contents[f])) for f in families
            },
            encrypted=True,
        )
        return len(entries)

    def export_bytes(self, peer_id: str) -> exchange.ExportResult:
        """The next bundle for a peer, in memory (the caller writes it)."""
        return exchange.export_bundle(self.ctx.vault, self.identity, peer_id)

    def import_files(self, paths: list[Path]) -> list[exchange.ImportResult]:
        """Verify every bundle, then apply them all in one transaction."""
        blobs = []
        for path in paths:
            try:
                blobs.append(folder_sync.read_bundle_file(path))  # an oversize one unread
            except OSError:
                raise InputRejected(
                    _("The bundle {path} could not be read; nothing was changed.").format(path=path)
                ) from None
        return self.import_bytes(blobs)

    def import_bytes(self, blobs: list[bytes]) -> list[exchange.ImportResult]:
        """Import bundles held in memory (all or nothing)."""
        return exchange.import_bundles(self.ctx.store, self.identity, blobs)

    def sync_folder(self, folder: Path) -> folder_sync.SyncReport:
        """Import what is addressed to this device, write a bundle for every peer.

        Bundles written for another agency's device are then kept in the sharing record. If
        that cannot be written, those bundle files are removed again: to the sync they are
        lost bundles, whose operations travel in the next one, so nothing left unrecorded.
        """
        refuse_folder_in_vault(folder, self.ctx.vault.data_dir)
        report = folder_sync.sync_folder(self.ctx.store, self.identity, folder)
        external = [w for w in report.written if self.external_share(str(w["peer"]))]
        if not external:
            return report
        try:
            with self.ctx.vault.transaction() as conn:
                for written in external:
                    row = conn.execute(
                        "SELECT MAX(seq) FROM sync_bundles_out WHERE peer = ?",
                        (written["peer"],),
                    ).fetchone()
                    self._record_bundle_shared(str(written["peer"]), int(row[0]))
        except Exception:
            for written in external:
                (folder / str(written["file"])).unlink(missing_ok=True)
            raise
        return report

    def history(self, limit: int = 50) -> list[dict[str, Any]]:
        """Recent syncs, newest first."""
        return folder_sync.history(self.ctx.store, limit)

    def status_text(self) -> str:
        """Where syncing stands, in a line or two: "Last synced 10:42 with Lena Lead. Not yet
        confirmed by Sam: 12 changes." (times in this computer's time zone)."""
        from datetime import datetime

        names = {peer.device_id: peer.name for peer in self.peers()}
        last = self.history(1)
        if not last:
            lines = [_("Not synced yet.")]
        else:
            entry = last[0]
            with_whom = sorted(
                (
                    {str(i.get("sender_name") or "") for i in entry.get("imported", [])}
                    | {str(w.get("peer_name") or "") for w in entry.get("written", [])}
                )
                - {""}
            )
            when = datetime.fromisoformat(str(entry["at"])).astimezone().strftime("%d %b %H:%M")
            lines = [
                _("Last synced {when} with {names}.").format(when=when, names=", ".join(with_whom))
                if with_whom
                else _("Last synced {when}.").format(when=when)
            ]
        for peer_id, count in sorted(folder_sync.unconfirmed(self.ctx.store).items()):
            lines.append(
                ngettext(
                    "Not yet confirmed by {name}: {n} change.",
                    "Not yet confirmed by {name}: {n} changes.",
                    count,
                ).format(name=names.get(peer_id, peer_id[:8]), n=count)
            )
        return " ".join(lines)

    # -- conflicts -----------------------------------------------------------------------------
    def conflicts(self, *, include_resolved: bool = False) -> list[merge.Conflict]:
        """Concurrent edits waiting for a person to choose."""
        return merge.list_conflicts(self.ctx.vault.conn, include_resolved=include_resolved)

    def resolve(self, conflict_id: str, keep: str) -> merge.Conflict:
        """Keep 'mine' or 'theirs'; the choice is a new edit that syncs."""
        return merge.resolve_conflict(self.ctx.store, conflict_id, keep)
