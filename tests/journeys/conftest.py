"""The journeys run on the offscreen platform with fast key derivation, like the UI tests:
the same two autouse fixtures, taken from them."""

from __future__ import annotations

from tests.ui.conftest import _fast_kdf, _no_leftover_work

__all__ = ["_fast_kdf", "_no_leftover_work"]
