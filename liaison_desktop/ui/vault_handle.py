"""What the interface needs of an unlocked vault, without importing the store.

DESIGN §2 keeps `ui/` away from the store; this protocol names the three things the session
uses. Services accept the real vault object, which satisfies it.
"""

from __future__ import annotations

from typing import Protocol


class OpenVault(Protocol):
    """An unlocked vault as the session sees it."""

    @property
    def is_open(self) -> bool: ...

    def meta(self) -> dict[str, str]: ...

    def close(self) -> None: ...
