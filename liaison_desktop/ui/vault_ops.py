"""The vault's slow actions as background operations (key derivation takes about a second).

Each function returns a `BackgroundOp` ready to run, in the manner of Anki's
`operations/deck.py`. A vault opened for an owner that has gone away meanwhile (the window
was closed) is closed again, so the lock file is not left held.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ..services.vault_service import VaultService
from .ops import BackgroundOp, OpContext
from .vault_handle import OpenVault


def _close(vault: OpenVault) -> None:
    vault.close()


def _close_created(created: tuple[OpenVault, str]) -> None:
    created[0].close()


def create_vault(
    *,
    owner: QObject,
    vaults: VaultService,
    passphrase: str,
    owner_name: str,
    role: str,
    success: Callable[[tuple[OpenVault, str]], None],
    failure: Callable[[str], None],
) -> BackgroundOp[tuple[OpenVault, str]]:
    """Create the vault; success gets it open, with the recovery key to show once."""

    def work(_context: OpContext) -> tuple[OpenVault, str]:
        return vaults.create(passphrase, owner_name=owner_name, role=role)

    return BackgroundOp(
        owner=owner, work=work, success=success, failure=failure, discard=_close_created
    )


def unlock_vault(
    *,
    owner: QObject,
    vaults: VaultService,
    passphrase: str,
    success: Callable[[OpenVault], None],
    failure: Callable[[str], None],
) -> BackgroundOp[OpenVault]:
    """Unlock with the passphrase."""

    def work(_context: OpContext) -> OpenVault:
        return vaults.unlock(passphrase)

    return BackgroundOp(owner=owner, work=work, success=success, failure=failure, discard=_close)


def recover_vault(
    *,
    owner: QObject,
    vaults: VaultService,
    recovery_key: str,
    new_passphrase: str,
    success: Callable[[OpenVault], None],
    failure: Callable[[str], None],
) -> BackgroundOp[OpenVault]:
    """Unlock with the recovery key and set a new passphrase."""

    def work(_context: OpContext) -> OpenVault:
        return vaults.recover(recovery_key, new_passphrase)

    return BackgroundOp(owner=owner, work=work, success=success, failure=failure, discard=_close)
