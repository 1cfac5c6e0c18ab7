"""Key material held in a `bytearray` so it can be zeroed when the vault locks.

Python cannot wipe immutable `bytes`; copies made by libraries we call are out of our reach,
so this narrows the window rather than closing it (see docs/threat-model.md).
"""

from __future__ import annotations

import secrets


class SecretKey:
    """A fixed-length key that is zeroed by `wipe()` and refuses use afterwards."""

    __slots__ = ("_buf",)

    def __init__(self, material: bytes | bytearray) -> None:
        self._buf = bytearray(material)

    @classmethod
    def generate(cls, length: int = 32) -> SecretKey:
        """A fresh random key from the OS's CSPRNG."""
        return cls(secrets.token_bytes(length))

    def __len__(self) -> int:
        return len(self._buf)

    def __repr__(self) -> str:  # never print key bytes, even in a traceback
        return f"<SecretKey {len(self._buf)} bytes{' wiped' if self.wiped else ''}>"

    @property
    def wiped(self) -> bool:
        """True once `wipe()` has run."""
        return len(self._buf) == 0

    def reveal(self) -> bytes:
        """The key as bytes, for a call into a library that needs them."""
        if self.wiped:
            raise ValueError("key has been wiped")
        return bytes(self._buf)

    def hex(self) -> str:
        """The key as lower-case hex (for SQLCipher's raw-key pragma)."""
        if self.wiped:
            raise ValueError("key has been wiped")
        return self._buf.hex()

    def wipe(self) -> None:
        """Overwrite the key with zeros and forget it."""
        for i in range(len(self._buf)):
            self._buf[i] = 0
        del self._buf[:]
