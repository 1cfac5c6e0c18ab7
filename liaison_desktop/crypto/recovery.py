"""The one-time recovery key: 160 random bits shown as eight groups of Crockford base32."""

from __future__ import annotations

import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .secret import SecretKey

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_READ_AS = {"O": "0", "I": "1", "L": "1"}
RECOVERY_BITS = 160
GROUP = 4


class MalformedRecoveryKey(ValueError):
    """The text is not shaped like a recovery key (wrong length or characters)."""


def generate_recovery_key() -> str:
    """A new recovery key, formatted for printing: XXXX-XXXX-…-XXXX."""
    value = secrets.randbits(RECOVERY_BITS)
    chars = [_ALPHABET[(value >> (5 * i)) & 31] for i in range(RECOVERY_BITS // 5)]
    text = "".join(reversed(chars))
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The key's 20 bytes, forgiving case, spaces, dashes and O/0, I/L/1 confusions."""
    cleaned = "".join(_READ_AS.get(c, c) for c in text.upper() if c not in " -\t\n")
    if len(cleaned) != RECOVERY_BITS // 5 or any(c not in _ALPHABET for c in cleaned):
        raise MalformedRecoveryKey("a recovery key has 32 letters and digits in groups of four")
    value = 0
    for c in cleaned:
        value = value * 32 + _ALPHABET.index(c)
    return value.to_bytes(RECOVERY_BITS // 8, "big")


def wrapping_key_from_recovery(recovery_key: bytes, salt: bytes) -> SecretKey:
    """The key that wraps the data key for the recovery slot (the key is already high-entropy)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"liaison recovery slot v1")
    return SecretKey(hkdf.derive(recovery_key))
