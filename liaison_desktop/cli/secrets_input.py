"""Where passphrases come from: the environment, a file, or a hidden prompt — never argv."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..errors import InputRejected, UsageError
from ..i18n import _


def _prompt(label: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            _(
                "{what} is needed. Set LIAISON_PASSPHRASE, use --passphrase-file, or run the "
                "command in a terminal to be asked."
            ).format(what=label)
        )
    try:
        return getpass.getpass(f"{label}: ")
    except (EOFError, KeyboardInterrupt):
        raise UsageError(_("Cancelled; nothing has been changed.")) from None


def read_passphrase(passphrase_file: str | None) -> str:
    """The vault passphrase: LIAISON_PASSPHRASE, else --passphrase-file, else a prompt."""
    env = os.environ.get("LIAISON_PASSPHRASE")
    if env is not None:
        return env
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(
                _("The passphrase file could not be read ({error}).").format(error=exc.strerror)
            ) from None
        except UnicodeDecodeError:
            raise InputRejected(_("The passphrase file is not UTF-8 text.")) from None
        return text.rstrip("\r\n")  # a trailing newline from an editor is not part of it
    return _prompt(_("Passphrase"))


def read_new_passphrase(passphrase_file: str | None = None, *, env: str) -> str:
    """A new passphrase from `env`, else the file, else asked twice at a prompt."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if passphrase_file:
        return read_passphrase(passphrase_file)
    first = _prompt(_("New passphrase"))
    second = _prompt(_("New passphrase again"))
    if first != second:
        raise InputRejected(_("The two passphrases do not match; nothing has been changed."))
    return first


def read_recovery_key() -> str:
    """The recovery key: LIAISON_RECOVERY_KEY, else a hidden prompt."""
    value = os.environ.get("LIAISON_RECOVERY_KEY")
    if value is not None:
        return value
    return _prompt(_("Recovery key"))
