"""The key file `vault.keys`: KDF parameters and the data key wrapped for each way in.

Two slots wrap the same 256-bit data key with AES-256-GCM: one under a key derived from the
passphrase (Argon2id), one under a key derived from the recovery key (HKDF). Each slot's
associated data is the canonical JSON of the header fields that concern it, so a doctored
header (a weaker KDF, another vault's id) makes unwrapping fail instead of succeeding weakly.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..crypto import aead
from ..crypto.kdf import KdfParams, ParamsBelowFloor, derive
from ..crypto.recovery import wrapping_key_from_recovery
from ..crypto.secret import SecretKey
from ..errors import KeyFileDamaged, WrongPassphrase
from ..i18n import _
from .atomic import write_atomically

FORMAT = "liaison-vault-keys/1"
PASSPHRASE_SLOT = "passphrase"
RECOVERY_SLOT = "recovery"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class WrappedKey:
    """One slot: the data key sealed under a wrapping key."""

    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict[str, str]:
        return {"nonce": _b64(self.nonce), "wrapped_key": _b64(self.ciphertext)}

    @classmethod
    def from_json(cls, obj: Any) -> WrappedKey:
        return cls(nonce=_unb64(obj["nonce"]), ciphertext=_unb64(obj["wrapped_key"]))


@dataclass
class KeyFile:
    """The parsed contents of `vault.keys`."""

    vault_id: str
    kdf: KdfParams
    recovery_salt: bytes
    slots: dict[str, WrappedKey] = field(default_factory=dict)

    # -- associated data -------------------------------------------------------------------
    def _aad(self, slot: str) -> bytes:
        header: dict[str, Any] = {"format": FORMAT, "vault_id": self.vault_id, "slot": slot}
        if slot == PASSPHRASE_SLOT:
            header["kdf"] = _kdf_json(self.kdf)
        else:
            header["recovery_salt"] = _b64(self.recovery_salt)
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")

    # -- creating and changing slots ---------------------------------------------------------
    @classmethod
    def new(cls, kdf: KdfParams) -> KeyFile:
        """An empty key file for a new vault."""
        return cls(vault_id=str(uuid.uuid4()), kdf=kdf, recovery_salt=os.urandom(16))

    def set_passphrase(self, data_key: SecretKey, passphrase: str, kdf: KdfParams) -> None:
        """(Re)wrap the data key under a new passphrase with fresh KDF parameters."""
        self.kdf = kdf
        kek = derive(passphrase, kdf)
        try:
            nonce, ct = aead.seal(kek.reveal(), data_key.reveal(), self._aad(PASSPHRASE_SLOT))
        finally:
            kek.wipe()
        self.slots[PASSPHRASE_SLOT] = WrappedKey(nonce, ct)

    def set_recovery(self, data_key: SecretKey, recovery_key: bytes) -> None:
        """Wrap the data key under the recovery key."""
        wk = wrapping_key_from_recovery(recovery_key, self.recovery_salt)
        try:
            nonce, ct = aead.seal(wk.reveal(), data_key.reveal(), self._aad(RECOVERY_SLOT))
        finally:
            wk.wipe()
        self.slots[RECOVERY_SLOT] = WrappedKey(nonce, ct)

    # -- unwrapping --------------------------------------------------------------------------
    def unwrap_with_kek(self, kek: SecretKey) -> SecretKey:
        """The data key from the passphrase slot, given an already derived key."""
        return self._unwrap(PASSPHRASE_SLOT, kek, _("The passphrase is not correct."))

    def unwrap_with_passphrase(self, passphrase: str) -> SecretKey:
        """The data key, or WrongPassphrase. A successful unwrap is the passphrase check."""
        kek = derive(passphrase, self.kdf)
        try:
            return self.unwrap_with_kek(kek)
        finally:
            kek.wipe()

    def unwrap_with_recovery(self, recovery_key: bytes) -> SecretKey:
        """The data key from the recovery slot, or WrongPassphrase."""
        wk = wrapping_key_from_recovery(recovery_key, self.recovery_salt)
        try:
            return self._unwrap(RECOVERY_SLOT, wk, _("The recovery key is not correct."))
        finally:
            wk.wipe()

    def _unwrap(self, slot: str, wrapping_key: SecretKey, wrong: str) -> SecretKey:
        wrapped = self.slots.get(slot)
        if wrapped is None:
            raise KeyFileDamaged(_("The key file has no {slot} entry.").format(slot=slot))
        try:
            plain = aead.open_sealed(
                wrapping_key.reveal(), wrapped.nonce, wrapped.ciphertext, self._aad(slot)
            )
        except aead.OpenFailed:
            raise WrongPassphrase(wrong) from None
        if len(plain) != 32:
            raise KeyFileDamaged(_("The key file holds a key of the wrong size."))
        return SecretKey(plain)

    # -- reading and writing -----------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The key file as UTF-8 JSON."""
        doc = {
            "format": FORMAT,
            "vault_id": self.vault_id,
            "kdf": _kdf_json(self.kdf),
            "recovery_salt": _b64(self.recovery_salt),
            "slots": {name: slot.to_json() for name, slot in sorted(self.slots.items())},
        }
        return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")

    def save(self, path: Path) -> None:
        """Replace the key file atomically."""
        write_atomically(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read and check `vault.keys`; any damage gives KeyFileDamaged with a clear message."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileDamaged(
                _(
                    "The vault's key file ({name}) is missing, so the vault cannot be opened. "
                    "Restore it from the same backup as the vault; nothing has been changed."
                ).format(name=path.name)
            ) from None
        except OSError as exc:
            raise KeyFileDamaged(
                _("The vault's key file could not be read ({error}).").format(error=exc.strerror)
            ) from None
        try:
            doc = json.loads(raw.decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise ValueError("format")
            kdf_doc = doc["kdf"]
            if kdf_doc.get("algorithm") != "argon2id":
                raise ValueError("kdf")
            kdf = KdfParams(
                salt=_unb64(kdf_doc["salt"]),
                memory_kib=int(kdf_doc["memory_kib"]),
                iterations=int(kdf_doc["iterations"]),
                lanes=int(kdf_doc["lanes"]),
            )
            kdf.check_floor()
            keyfile = cls(
                vault_id=str(uuid.UUID(doc["vault_id"])),
                kdf=kdf,
                recovery_salt=_unb64(doc["recovery_salt"]),
                slots={name: WrappedKey.from_json(s) for name, s in doc["slots"].items()},
            )
        except ParamsBelowFloor:
            raise KeyFileDamaged(
                _(
                    "The vault's key file asks for weaker key protection than this app allows; "
                    "it may have been tampered with. Nothing has been changed."
                )
            ) from None
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise KeyFileDamaged(
                _(
                    "The vault's key file ({name}) is damaged and cannot be read. "
                    "Restore it from the same backup as the vault; nothing has been changed."
                ).format(name=path.name)
            ) from None
        return keyfile


def _kdf_json(kdf: KdfParams) -> dict[str, Any]:
    return {
        "algorithm": "argon2id",
        "salt": _b64(kdf.salt),
        "memory_kib": kdf.memory_kib,
        "iterations": kdf.iterations,
        "lanes": kdf.lanes,
    }
