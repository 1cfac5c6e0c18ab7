"""The project's own exceptions: each carries a message for an officer and a CLI exit code.

Exit codes follow DESIGN §7: 0 ok · 1 error · 2 wrong passphrase or no vault ·
3 input rejected (nothing changed) · 64 usage.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_AUTH = 2
EXIT_REJECTED = 3
EXIT_USAGE = 64


class LiaisonError(Exception):
    """Base of every error the app reports to a person; `str(err)` is the message to show."""

    exit_code = EXIT_ERROR


class NoVault(LiaisonError):
    """There is no vault in the data directory."""

    exit_code = EXIT_AUTH


class WrongPassphrase(LiaisonError):
    """The passphrase or recovery key does not open the vault."""

    exit_code = EXIT_AUTH


class VaultExists(LiaisonError):
    """A vault already exists where a new one was to be created."""


class VaultInUse(LiaisonError):
    """Another process has the vault open."""


class VaultDamaged(LiaisonError):
    """The vault file failed its integrity checks or could not be read."""


class KeyFileDamaged(LiaisonError):
    """The key file is missing, unreadable or has been altered."""


class VaultTooNew(LiaisonError):
    """The vault was written by a newer version of the app."""


class VaultLocked(LiaisonError):
    """An operation needed an unlocked vault."""


class WeakPassphrase(LiaisonError):
    """A new passphrase does not meet the passphrase rules."""

    exit_code = EXIT_REJECTED


class InputRejected(LiaisonError):
    """Input was refused; nothing was changed."""

    exit_code = EXIT_REJECTED


class NotFound(LiaisonError):
    """A record named by id does not exist."""


class NotPermitted(LiaisonError):
    """The action is not allowed (for this role, or on this record)."""


class StorageFull(LiaisonError):
    """The disk is full or read-only; nothing was changed."""


class UsageError(LiaisonError):
    """The command line was not understood."""

    exit_code = EXIT_USAGE
