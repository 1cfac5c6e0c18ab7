"""Fuzz targets: one per kind of input the app reads from outside, each run on a real vault.

A target (`Rig`) is built once per kind (a real vault, with data, opened through the app) and
then fed case after case. `Rig.run(case)` drives the code path an officer's action takes and
checks three promises:

1. the only exceptions are the project's own (`LiaisonError`), with a message that is not
   empty and holds no traceback;
2. when the input is refused the vault is exactly as it was (a logical dump of every table,
   and `verify`); an input that happens to be valid may change it (counted as accepted);
3. the process survives (the long run runs each kind in a child process to see that).

Why a cheap check per case and a full one now and then: a logical dump costs ~10 ms, so each
refusal first compares the connection's change counter (which moves on any row written, even
one later rolled back) and dumps only when it moved; every `full_every` cases the dump and
`verify` run regardless.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import shutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.errors import LiaisonError
from liaison_desktop.interchange.attendance_import import import_attendance_csv
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.settings_service import Settings, SettingsService
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync import bundle as fmt
from liaison_desktop.sync.identity import DeviceIdentity, raw_public
from tests.conftest import PASSPHRASE
from tests.reliability.faults import dump_open, problems_of

KINDS = (
    "json_import",
    "pupil_csv",
    "attendance_csv",
    "bundle",
    "settings",
    "keyfile",
    "device_key",
    "attachment",
)
# Text that would mean a programmer's error reached an officer.
_TRACE_MARKS = ("Traceback (most recent call last)", 'File "', "Error:", "<built-in", "0x7f")


class VaultChanged(AssertionError):
    """A refused input left the vault different from before."""


class BadMessage(AssertionError):
    """A refusal whose message is empty or reads like a traceback."""


def check_message(exc: LiaisonError) -> str:
    """The refusal's message, asserted to speak to a person (not empty, no traceback)."""
    text = str(exc)
    if not text.strip():
        raise BadMessage(f"{type(exc).__name__} with an empty message")
    for mark in _TRACE_MARKS:
        if mark in text:
            raise BadMessage(f"{type(exc).__name__} message looks like a traceback: {text[:300]!r}")
    return text


@dataclass
class Counts:
    """What one kind's cases did."""

    tried: int = 0
    accepted: int = 0
    refused: int = 0
    full_checks: int = 0
    messages: dict[str, int] = field(default_factory=dict)


def open_officer_vault(root: Path, families: int = 2, seed: int = 3) -> Path:
    """A closed officer vault with a few demo families; returns its data directory."""
    data_dir = root / "pristine"
    vault, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Fuzz Officer", role="officer", kdf_target_seconds=0
    )
    try:
        populate_demo(Caseload(vault), families=families, seed=seed)
    finally:
        vault.close()
    return data_dir


class Rig:
    """One kind's target: a real vault, the real code path, and the three checks."""

    kind = ""
    reset_after = 150  # accepted cases before the vault is put back as it was (bounds growth)

    def __init__(self, root: Path, *, full_every: int = 1) -> None:
        self.root = root
        self.full_every = full_every
        self.counts = Counts()
        self.work = root / "work"
        self.work.mkdir(parents=True, exist_ok=True)
        self.pristine = self.build(root)
        self.data_dir = root / "live"
        self.vault: Vault | None = None
        self.caseload: Caseload | None = None
        self._accepted_since_reset = 0
        self.reset()

    # -- to be given by each kind ---------------------------------------------------------------
    def build(self, root: Path) -> Path:
        """Create the pristine (closed) vault this kind starts from."""
        return open_officer_vault(root)

    def attempt(self, case: Any) -> None:
        """Feed one case through the real code path (LiaisonError when refused)."""
        raise NotImplementedError

    def after_accept(self, case: Any) -> None:
        """Extra checks on an accepted case (what was stored is what was meant)."""

    # -- the vault --------------------------------------------------------------------------------
    def reset(self) -> None:
        """Put the live vault back to the pristine copy and open it."""
        self.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.copytree(self.pristine, self.data_dir, ignore=shutil.ignore_patterns("vault.lock"))
        self.vault = Vault.unlock(self.data_dir, PASSPHRASE)
        self.caseload = Caseload(self.vault)
        self.opened()
        self._baseline = dump_open(self.vault)
        self._accepted_since_reset = 0

    def opened(self) -> None:
        """Called each time the live vault has been (re)opened."""

    def close(self) -> None:
        """Lock the live vault."""
        if self.vault is not None:
            self.vault.close()
            self.vault = None
            self.caseload = None

    def _changes(self) -> int:
        assert self.vault is not None
        return int(self.vault.conn.total_changes)

    def state(self) -> Any:
        """What must not change when an input is refused."""
        assert self.vault is not None
        return dump_open(self.vault)

    def verify(self) -> None:
        """`liaison verify` must find nothing wrong."""
        assert self.vault is not None
        problems = problems_of(self.vault)
        if problems:
            raise VaultChanged(f"{self.kind}: verify found {problems[:5]}")

    # -- one case -------------------------------------------------------------------------------
    def run(self, case: Any) -> str:
        """'accepted' or 'refused'; raises VaultChanged/BadMessage, or whatever escaped."""
        self.counts.tried += 1
        full = self.counts.tried % self.full_every == 0
        before = self._changes() if self.vault is not None else 0
        try:
            self.attempt(case)
        except LiaisonError as exc:
            text = check_message(exc)
            name = type(exc).__name__
            self.counts.messages[name] = self.counts.messages.get(name, 0) + 1
            if full or (self.vault is not None and self._changes() != before):
                self._check_unchanged(text)
            self.counts.refused += 1
            return "refused"
        try:
            self.after_accept(case)
            self.counts.accepted += 1
            if self.vault is not None and full:
                self.verify()
                self.counts.full_checks += 1
        finally:
            # Even when a check above failed, the next case starts from what is there now.
            self._accepted_since_reset += 1
            if self.vault is not None:
                if self._accepted_since_reset >= self.reset_after:
                    self.reset()
                else:
                    self._baseline = self.state()
        return "accepted"

    def _check_unchanged(self, message: str) -> None:
        self.counts.full_checks += 1
        now = self.state()
        if now != self._baseline:
            differ = sorted(
                k for k in set(now) | set(self._baseline) if now.get(k) != self._baseline.get(k)
            )
            raise VaultChanged(
                f"{self.kind}: refused ({message[:200]!r}) but the vault changed: {differ}"
            )
        if self.vault is not None:
            self.verify()


# -- interchange JSON, pupil CSV, attendance CSV ------------------------------------------------
class JsonImportRig(Rig):
    """`liaison import FILE.json` / the GUI's import: `import_json_file` on a file."""

    kind = "json_import"

    def attempt(self, case: bytes) -> None:
        from liaison_desktop.interchange.json_import import import_json_file

        path = self.work / "import.json"
        path.write_bytes(case)
        assert self.caseload is not None
        import_json_file(self.caseload, path)


class PupilCsvRig(Rig):
    """`liaison import FILE.csv`: the pupil list from the school's system."""

    kind = "pupil_csv"

    def attempt(self, case: bytes) -> None:
        from liaison_desktop.interchange.pupil_refresh import refresh_from_file

        path = self.work / "pupils.csv"
        path.write_bytes(case)
        assert self.caseload is not None
        refresh_from_file(self.caseload, path)


class AttendanceCsvRig(Rig):
    """The attendance export imported through `import_attendance_csv`."""

    kind = "attendance_csv"

    def opened(self) -> None:
        assert self.caseload is not None
        self.upns = sorted(
            str(p["upn"]) for p in self.caseload.ctx.store.query("person", "upn IS NOT NULL")
        )

    def attempt(self, case: bytes) -> None:
        assert self.caseload is not None
        import_attendance_csv(self.caseload, case)


# -- attachments ---------------------------------------------------------------------------------
ATTACH_LIMIT = 64 * 1024  # the rig's `attachment_max_bytes`, so "at and over" stays cheap
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


@dataclass(frozen=True)
class AttachCase:
    """One file an officer attaches: its name as the file system gave it, and its bytes."""

    filename: str
    data: bytes

    def __repr__(self) -> str:
        return f"AttachCase({self.filename[:80]!r}, {len(self.data)} bytes: {self.data[:16]!r})"


class AttachmentRig(Rig):
    """`AttachmentsService.attach`: any bytes, any name, sizes around the limit."""

    kind = "attachment"

    def build(self, root: Path) -> Path:
        data_dir = open_officer_vault(root, families=1)
        with Vault.unlock(data_dir, PASSPHRASE) as vault:
            vault.set_meta("setting.attachment_max_bytes", str(ATTACH_LIMIT))
        return data_dir

    def opened(self) -> None:
        assert self.caseload is not None
        self.family_id = self.caseload.families.query()[0].id

    def attempt(self, case: AttachCase) -> None:
        assert self.caseload is not None
        self.last = self.caseload.attachments.attach(self.family_id, case.filename, case.data)

    def after_accept(self, case: AttachCase) -> None:
        assert self.caseload is not None
        stored = str(self.last["filename"])
        assert len(case.data) <= ATTACH_LIMIT, "a file over the limit was attached"
        assert stored and len(stored) <= 255, stored
        assert "/" not in stored and "\\" not in stored, f"folder kept in {stored!r}"
        assert not any(ord(c) < 32 or ord(c) == 127 for c in stored), f"control in {stored!r}"
        assert not (_BIDI & set(stored)), f"direction override kept in {stored!r}"
        assert self.caseload.attachments.open_bytes(self.last.id) == case.data


# -- settings.json -------------------------------------------------------------------------------
class SettingsRig(Rig):
    """`settings.json` read at start: a damaged file gives defaults, never an error."""

    kind = "settings"

    def build(self, root: Path) -> Path:
        return root  # no vault: the file sits beside it and is read before unlocking

    def reset(self) -> None:
        self.data_dir = self.root / "settings-dir"
        self.data_dir.mkdir(exist_ok=True)
        self.service = SettingsService(self.data_dir)

        self.copy = SettingsService(self.root / "saved-again")

    def attempt(self, case: bytes) -> None:
        self.service.path.write_bytes(case)
        loaded = self.service.load()
        assert isinstance(loaded, Settings)
        # Whatever was loaded is a valid setting: saving it (elsewhere) must succeed.
        self.copy.save(loaded)
        if loaded == Settings():
            raise _Defaulted()

    def state(self) -> Any:
        return self.service.path.read_bytes()

    def _check_unchanged(self, message: str) -> None:
        self.counts.full_checks += 1
        if self.state() != self.case_bytes:
            raise VaultChanged("settings: reading the file changed it")

    def run(self, case: Any) -> str:
        self.case_bytes = case
        outcome = super().run(case)
        self._check_unchanged("")
        return outcome


class _Defaulted(LiaisonError):
    """(Test-only) the file gave nothing but defaults: counted as refused."""

    def __str__(self) -> str:
        return "The settings file gave only the defaults."


# -- vault.keys ----------------------------------------------------------------------------------
class KeyfileRig(Rig):
    """`vault.keys` read on unlock: `Vault.unlock` with the right passphrase.

    Argon2id at the floor takes most of a second, so the key-encryption key is derived by the
    real `derive` once per distinct set of parameters and reused (`unwrap_with_kek`), then the
    vault is opened with `Vault.unlock_with_key` — the same steps `Vault.unlock` takes.
    """

    kind = "keyfile"
    reset_after = 10**9

    def build(self, root: Path) -> Path:
        return open_officer_vault(root, families=1)

    def reset(self) -> None:
        self.data_dir = self.root / "live"
        shutil.rmtree(self.data_dir, ignore_errors=True)
        shutil.copytree(self.pristine, self.data_dir, ignore=shutil.ignore_patterns("vault.lock"))
        self.original = (self.data_dir / "vault.keys").read_bytes()
        self._kek_cache: dict[tuple[Any, ...], Any] = {}
        self._files = self._db_bytes()

    def _db_bytes(self) -> dict[str, bytes]:
        return {
            p.name: p.read_bytes()
            for p in sorted(self.data_dir.iterdir())
            if p.name.startswith("vault.db")
        }

    def attempt(self, case: bytes) -> None:
        from liaison_desktop.crypto.kdf import derive

        keys = self.data_dir / "vault.keys"
        keys.write_bytes(case)
        keyfile = Vault.load_keyfile(self.data_dir)
        params = (keyfile.kdf.salt, keyfile.kdf.memory_kib, keyfile.kdf.iterations)
        params += (keyfile.kdf.lanes,)
        kek = self._kek_cache.get(params)
        if kek is None:
            kek = self._kek_cache[params] = derive(PASSPHRASE, keyfile.kdf)
        data_key = keyfile.unwrap_with_kek(kek)
        vault = Vault.unlock_with_key(self.data_dir, keyfile, data_key)
        vault.close()
        # Opened: the file was a good key file after all. Put the real one back.
        keys.write_bytes(self.original)
        self._files = self._db_bytes()

    def _check_unchanged(self, message: str) -> None:
        self.counts.full_checks += 1
        if self._db_bytes() != self._files:
            raise VaultChanged(f"keyfile: refused ({message[:200]!r}) but vault.db changed")

    def run(self, case: Any) -> str:
        outcome = super().run(case)
        if outcome == "refused":
            self._check_unchanged("")
        return outcome


# -- a device key pasted by an officer -----------------------------------------------------------
class DeviceKeyRig(Rig):
    """`peer add --key …` / the pairing dialog: `SyncService.inspect_key` then `add_peer`."""

    kind = "device_key"

    def build(self, root: Path) -> Path:
        # A lead's vault: an officer's trusts only its lead in person and others on the lead's
        # certificates, so pasted keys would almost all be refused there.
        data_dir = root / "pristine"
        vault, _recovery = Vault.create(
            data_dir, PASSPHRASE, owner_name="Fuzz Lead", role="lead", kdf_target_seconds=0
        )
        vault.close()
        return data_dir

    def opened(self) -> None:
        assert self.caseload is not None
        self.sync = SyncService(self.caseload.ctx)

    def attempt(self, case: str) -> None:
        info = self.sync.inspect_key(case)
        # The lead confirms the role shown, as `peer add --role` / the deputy-lead tick does.
        peer = self.sync.add_peer(None, case, role=info.role)
        assert (peer.device_id, peer.role) == (info.device_id, info.role)


# -- sync bundles --------------------------------------------------------------------------------
@dataclass
class BundleWorld:
    """A lead (sender) whose keys the test holds, and the officer it is paired with."""

    lead: DeviceIdentity
    officer_id: str
    officer_x25519: bytes
    valid: bytes  # a real bundle from the lead to the officer
    body: dict[str, Any]  # its decrypted body
    seq: int


class BundleRig(Rig):
    """`bundle import FILE` / sync: `SyncService.import_files` into the officer's vault."""

    kind = "bundle"

    def build(self, root: Path) -> Path:
        from liaison_desktop.services.allocations_service import AllocationsService
        from tests.sync.world import create_member, pair

        lead = create_member(root / "world", "lead", "lead")
        officer = create_member(root / "world", "officer", "officer")
        pair(lead, officer)
        with Vault.unlock(lead.data_dir, PASSPHRASE) as vault:
            caseload = Caseload(vault)
            populate_demo(caseload, families=1, seed=5)
            for family in caseload.families.query():
                AllocationsService(caseload.ctx).allocate(family.id, officer.device_id)
            sync = SyncService(caseload.ctx)
            exported = sync.export_bytes(officer.device_id)
            ident = sync.identity
            peer = next(p for p in sync.peers() if p.device_id == officer.device_id)
        with Vault.unlock(officer.data_dir, PASSPHRASE) as vault:
            me = SyncService(Caseload(vault).ctx).identity
            header = fmt.read_header(exported.data)
            body = fmt.open_bundle(
                exported.data,
                header,
                recipient=me.device_id,
                recipient_key=me.x25519_private,
                sender_key=raw_public(ident.ed25519_private.public_key()),
            )
        self.world = BundleWorld(ident, officer.device_id, peer.x25519, exported.data, body, 1)
        return officer.data_dir

    def opened(self) -> None:
        assert self.caseload is not None
        self.sync = SyncService(self.caseload.ctx)
        self.sync.identity  # noqa: B018 - load the keys once, outside the cases

    def attempt(self, case: bytes) -> None:
        path = self.work / "incoming.lbundle"
        path.write_bytes(case)
        self.sync.import_files([path])

    def next_seq(self) -> int:
        """A sequence number after every one used so far (skipping one, so `prev` is not
        checked and the deeper layers are reached)."""
        self.world.seq += 2
        return self.world.seq


def seal_raw(
    world: BundleWorld,
    *,
    seq: int,
    header_edit: Callable[[dict[str, Any]], None] | None = None,
    compressed: bytes | None = None,
    body: Any = None,
    header_text: bytes | None = None,
) -> bytes:
    """A bundle from the lead to the officer, correctly MACed and signed, whose header JSON,
    compressed body or body may be anything (so the checks after the signature are reached)."""
    bundle_id = os.urandom(16).hex()
    file_key = os.urandom(fmt.KEY_BYTES)
    ephemeral = X25519PrivateKey.generate()
    epk = raw_public(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(world.officer_x25519))
    wrap_key = fmt._hkdf(shared, epk + world.officer_x25519, fmt._WRAP_INFO)
    sealed = ChaCha20Poly1305(wrap_key).encrypt(fmt._ZERO_NONCE, file_key, bundle_id.encode())
    document: dict[str, Any] = {
        "ack": {"seqs": []},
        "codec": "zlib",
        "from": world.lead.device_id,
        "id": bundle_id,
        "prev": "",
        "seq": seq,
        "stanzas": [
            {
                "epk": base64.b64encode(epk).decode(),
                "key": base64.b64encode(sealed).decode(),
                "to": world.officer_id,
            }
        ],
        "v": fmt.FORMAT_VERSION,
    }
    if header_edit is not None:
        header_edit(document)
    header = header_text
    if header is None:
        header = json.dumps(document, sort_keys=True, separators=(",", ":")).encode("ascii")
    prefix = fmt.PREFIX.pack(fmt.MAGIC, fmt.FORMAT_VERSION, len(header)) + header
    mac = hmac.new(fmt._hkdf(file_key, None, fmt._HEADER_INFO), prefix, hashlib.sha256).digest()
    if compressed is None:
        text = json.dumps(world.body if body is None else body, ensure_ascii=False)
        compressed = zlib.compress(text.encode("utf-8", "surrogatepass"), 6)
    plain = fmt.LENGTH.pack(len(compressed)) + compressed
    plain += bytes(fmt.bucket(len(plain)) - len(plain))
    aead = ChaCha20Poly1305(fmt._hkdf(file_key, bundle_id.encode(), fmt._PAYLOAD_INFO))
    count = -(-len(plain) // fmt.CHUNK_BYTES)
    payload = b"".join(
        aead.encrypt(
            fmt._nonce(i, i == count - 1),
            plain[i * fmt.CHUNK_BYTES : (i + 1) * fmt.CHUNK_BYTES],
            None,
        )
        for i in range(count)
    )
    signed = (
        fmt._SIG_CONTEXT + hashlib.sha256(prefix + mac).digest() + hashlib.sha256(payload).digest()
    )
    return prefix + mac + payload + world.lead.ed25519_private.sign(signed)


def bomb(megabytes: int) -> bytes:
    """zlib of a JSON body that expands far beyond the allowed ratio."""
    z = zlib.compressobj(9)
    parts = [z.compress(b'{"ops": [], "purge": [], "revoked": [], "x": "')]
    chunk = b" " * (1024 * 1024)
    parts += [z.compress(chunk) for _ in range(megabytes)]
    parts.append(z.compress(b'"}') + z.flush())
    return b"".join(parts)


RIGS: dict[str, type[Rig]] = {
    "json_import": JsonImportRig,
    "pupil_csv": PupilCsvRig,
    "attendance_csv": AttendanceCsvRig,
    "bundle": BundleRig,
    "settings": SettingsRig,
    "keyfile": KeyfileRig,
    "device_key": DeviceKeyRig,
    "attachment": AttachmentRig,
}
