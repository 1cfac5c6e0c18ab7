"""Argument parsing, dispatch and the mapping of errors to exit codes and plain messages."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn

from .. import __version__
from ..crash_report import build_report
from ..errors import EXIT_ERROR, EXIT_USAGE, LiaisonError, UsageError
from ..i18n import _
from ..i18n import load as load_language
from ..services.vault_service import as_liaison_error
from . import (
    allocation_commands,
    demo_commands,
    engagement_commands,
    family_commands,
    interchange_commands,
    outcomes_commands,
    records_commands,
    referral_commands,
    report_commands,
    search_commands,
    sync_commands,
    vault_commands,
)
from .context import CommandContext, SubParsers

# Each module adds its own sub-commands; order is the order of `liaison --help`.
COMMAND_MODULES: list[Callable[[SubParsers], None]] = [
    vault_commands.register,
    family_commands.register,
    referral_commands.register,
    allocation_commands.register,
    interchange_commands.register,
    search_commands.register,
    demo_commands.register,
    sync_commands.register,
    report_commands.register,
    outcomes_commands.register,
    records_commands.register,
    engagement_commands.register,
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit 64 (2 means 'wrong passphrase' here)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage().strip()}\n{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The whole `liaison` command line."""
    parser = _Parser(
        prog="liaison",
        description=_("Liaison Desktop on the command line: an encrypted caseload vault."),
    )
    parser.add_argument("--version", action="version", version=f"liaison {__version__}")
    parser.add_argument("--data-dir", help=_("the vault's folder (default: LIAISON_DATA_DIR)"))
    parser.add_argument(
        "--passphrase-file", help=_("read the passphrase from this file (else LIAISON_PASSPHRASE)")
    )
    sub: SubParsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for register in COMMAND_MODULES:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code of DESIGN §7."""
    # The CLI follows LANGUAGE / LC_ALL / LC_MESSAGES / LANG, as gettext programs do; the
    # GUI's language setting belongs to the desktop only.
    load_language(None)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        handler: Callable[[CommandContext], int] = args.handler
        return handler(CommandContext(args))
    except LiaisonError as exc:
        sys.stderr.write(f"liaison: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(_("liaison: cancelled.\n"))
        return EXIT_ERROR
    except Exception as exc:
        known = as_liaison_error(exc)  # a damaged, full or read-only vault noticed late
        if known is not None:
            sys.stderr.write(f"liaison: {known}\n")
            return known.exit_code
        if os.environ.get("LIAISON_DEBUG"):
            traceback.print_exc()  # a developer's switch: the full traceback may quote data
        sys.stderr.write(
            _(
                "liaison: an unexpected error stopped the command. Nothing more was written "
                "(an unfinished change is rolled back). If it keeps happening, send the report "
                "below to your IT support: it holds no case data.\n"
            )
        )
        sys.stderr.write("\n" + build_report(exc, where="command line").text())
        return EXIT_ERROR


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
