"""What every command gets: the parsed arguments, the data directory and output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, overload

from ..i18n import _
from ..paths import resolve_data_dir
from ..services.validation import ValidationFailed
from ..services.vault_service import VaultService
from .secrets_input import read_passphrase

if TYPE_CHECKING:  # the vault comes from VaultService; the CLI imports no storage code
    from ..store.vault import Vault

# What each command module's `register` receives (a string: argparse's class is not subscriptable).
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CommandContext:
    """The environment of one CLI invocation."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.data_dir: Path = resolve_data_dir(args.data_dir)
        self.vaults = VaultService(self.data_dir)

    @property
    def as_json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @contextmanager
    def open_vault(self) -> Iterator[Vault]:
        """Unlock the vault with the passphrase from the usual sources, and lock it after."""
        if not self.vaults.exists():
            self.vaults.unlock("")  # raises NoVault with the standard message
        vault = self.vaults.unlock(read_passphrase(self.args.passphrase_file))
        try:
            yield vault
        finally:
            vault.close()

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print `data` as JSON with --json, else `text` (or a plain rendering of `data`)."""
        if self.as_json:
            sys.stdout.write(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n")
        elif text is not None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            sys.stdout.write(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n")


@overload
def parse_day(text: str, field: str) -> date: ...
@overload
def parse_day(text: str | None, field: str) -> date | None: ...
def parse_day(text: str | None, field: str) -> date | None:
    """A command-line date (YYYY-MM-DD), None when not given; anything else is refused (exit 3)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problem = _("'{value}' is not a date (YYYY-MM-DD)").format(value=text)
        raise ValidationFailed([(field, problem)]) from None


def to_jsonable(data: Any) -> Any:
    """Dataclasses and containers as plain JSON values."""
    if is_dataclass(data) and not isinstance(data, type):
        return to_jsonable(asdict(data))
    if isinstance(data, dict):
        return {str(k): to_jsonable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [to_jsonable(v) for v in data]
    return data
