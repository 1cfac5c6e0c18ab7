"""This device's identity: an X25519 key to receive bundles and an Ed25519 key to sign them.

The private keys are generated on first use and kept only inside the encrypted vault (meta
entries), so they are as safe as the caseload. The public side is one copy-pasteable string,
`liaison1:` + base64url of canonical JSON (device id, name, role, both public keys) signed with
the device's own Ed25519 key, so a mangled paste is refused rather than trusted. Two people
confirm a key by reading its fingerprint aloud: six groups of four digits from SHA-256 over the
device id, both keys and the role, so a device that changes the role it claims reads out
different digits. The role a key claims is only a claim: roles that carry authority come from
a lead's certificate (`certificates.py`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from ..errors import InputRejected
from ..i18n import _
from ..store.vault import Vault

KEY_PREFIX = "liaison1:"
META_X25519 = "sync.x25519_private"
META_ED25519 = "sync.ed25519_private"
_SELF_SIG_CONTEXT = b"liaison-public-key-v1\n"
_MAX_KEY_TEXT = 4096


def raw_public(key: X25519PublicKey | Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of a public key."""
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def fingerprint(device_id: str, x25519: bytes, ed25519: bytes, role: str) -> str:
    """Six groups of four digits that two people can compare aloud (about 80 bits).

    The role is covered (v2): reading the digits aloud also confirms the role. The name is
    not, because the person pairing may call the device something else on their screen.
    """
    digest = hashlib.sha256(
        b"liaison-fingerprint-v2\n"
        + device_id.encode("ascii")
        + b"\n"
        + role.encode("ascii")
        + b"\n"
        + x25519
        + ed25519
    ).digest()
    number = int.from_bytes(digest[:10], "big") % 10**24
    digits = f"{number:024d}"
    return " ".join(digits[i : i + 4] for i in range(0, 24, 4))


@dataclass(frozen=True)
class PublicIdentity:
    """What a peer needs to know about a device: who it is and its two public keys."""

    device_id: str
    name: str
    role: str
    x25519: bytes
    ed25519: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.device_id, self.x25519, self.ed25519, self.role)

    def _payload(self) -> dict[str, str]:
        return {
            "d": self.device_id,
            "e": _b64(self.ed25519),
            "n": self.name,
            "r": self.role,
            "x": _b64(self.x25519),
        }


def _canonical(payload: dict[str, str]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _bad_key() -> InputRejected:
    return InputRejected(
        _(
            "That is not a device key, or it was changed while being copied. Ask the other "
            "person to run 'liaison device show' and copy the whole line starting 'liaison1:'; "
            "nothing was changed."
        )
    )


def parse_public_key(text: str) -> PublicIdentity:
    """A `liaison1:` string checked (format, self-signature) and decoded; InputRejected if not."""
    text = "".join(text.split())  # a key wrapped over lines in an e-mail still pastes
    if not text.startswith(KEY_PREFIX) or len(text) > _MAX_KEY_TEXT:
        raise _bad_key()
    try:
        document = json.loads(_unb64(text[len(KEY_PREFIX) :]).decode("utf-8"))
        if not isinstance(document, dict):
            raise ValueError("not an object")
        signature = _unb64(str(document.pop("s")))
        identity = PublicIdentity(
            device_id=str(document["d"]),
            name=str(document["n"]),
            role=str(document["r"]),
            x25519=_unb64(str(document["x"])),
            ed25519=_unb64(str(document["e"])),
        )
        if (
            set(document) != {"d", "e", "n", "r", "x"}
            or len(identity.x25519) != 32
            or len(identity.ed25519) != 32
            or identity.role not in ("officer", "lead")
            or not (
                len(identity.device_id) == 32
                and all(c in "0123456789abcdef" for c in identity.device_id)
            )
        ):
            raise ValueError("fields")
        Ed25519PublicKey.from_public_bytes(identity.ed25519).verify(
            signature, _SELF_SIG_CONTEXT + _canonical(identity._payload())
        )
        X25519PublicKey.from_public_bytes(identity.x25519)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error, InvalidSignature):
        raise _bad_key() from None
    return identity


class DeviceIdentity:
    """This device's key pairs, loaded from (or first created in) the vault."""

    def __init__(
        self,
        device_id: str,
        name: str,
        role: str,
        x25519: X25519PrivateKey,
        ed25519: Ed25519PrivateKey,
    ) -> None:
        self.device_id = device_id
        self.name = name
        self.role = role
        self.x25519_private = x25519
        self.ed25519_private = ed25519

    @classmethod
    def load(cls, vault: Vault) -> DeviceIdentity:
        """The identity of the vault's device, generating its keys on first use."""
        meta = vault.meta()
        if META_X25519 not in meta or META_ED25519 not in meta:
            with vault.transaction() as conn:
                for key, raw in (
                    (META_X25519, X25519PrivateKey.generate().private_bytes_raw()),
                    (META_ED25519, Ed25519PrivateKey.generate().private_bytes_raw()),
                ):
                    conn.execute(
                        "INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (key, raw.hex())
                    )
            meta = vault.meta()
        return cls(
            device_id=meta["device_id"],
            name=meta.get("owner_name", ""),
            role=meta.get("role", "officer"),
            x25519=X25519PrivateKey.from_private_bytes(bytes.fromhex(meta[META_X25519])),
            ed25519=Ed25519PrivateKey.from_private_bytes(bytes.fromhex(meta[META_ED25519])),
        )

    @property
    def public(self) -> PublicIdentity:
        """The shareable half."""
        return PublicIdentity(
            device_id=self.device_id,
            name=self.name,
            role=self.role,
            x25519=raw_public(self.x25519_private.public_key()),
            ed25519=raw_public(self.ed25519_private.public_key()),
        )

    @property
    def public_key(self) -> str:
        """The one string `peer add --key` accepts."""
        public = self.public
        payload = public._payload()
        signature = self.ed25519_private.sign(_SELF_SIG_CONTEXT + _canonical(payload))
        return KEY_PREFIX + _b64(_canonical({**payload, "s": _b64(signature)}))

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint
