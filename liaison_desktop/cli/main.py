"""Argument parsing, dispatch and the mapping of errors to exit codes and plain messages."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from .. import __version__
from ..errors import EXIT_ERROR, EXIT_USAGE, LiaisonError, UsageError
from ..i18n import N_, _
from ..i18n import load as load_language

if TYPE_CHECKING:
    from .context import CommandContext


class Command(NamedTuple):
    """One top-level command: its name, the module whose `register` adds it, its help line."""

    name: str
    module: str
    help: str


# Every command of `liaison`, in the order of `liaison --help`. A command's module (and with it
# the services, reportlab, Faker, sync...) is imported only when that command runs or its own
# --help is asked for, so `liaison --version` and `liaison --help` start at once. To add a
# command: add it in its module's `register` as before AND add a line here, with the same name
# and the same help text (tests/cli/test_lazy_commands.py fails until both agree).
_CLI = "liaison_desktop.cli."
COMMANDS: tuple[Command, ...] = (
    Command("init", _CLI + "vault_commands", N_("create a vault for this person and device")),
    Command(
        "info", _CLI + "vault_commands", N_("counts, identity and schema version of the vault")
    ),
    Command(
        "verify",
        _CLI + "vault_commands",
        N_("decrypt every record and check every integrity chain"),
    ),
    Command(
        "passwd",
        _CLI + "vault_commands",
        N_(
            "change the passphrase (LIAISON_NEW_PASSPHRASE); the data key is only rewrapped, "
            "so use 'rekey' to retire old copies of the key file"
        ),
    ),
    Command(
        "rekey",
        _CLI + "vault_commands",
        N_(
            "re-encrypt the vault under a new key: old copies of the key file and the old "
            "recovery key stop working; prints a new recovery key"
        ),
    ),
    Command(
        "recover",
        _CLI + "vault_commands",
        N_("set a new passphrase using the recovery key (LIAISON_RECOVERY_KEY)"),
    ),
    Command(
        "backup",
        _CLI + "vault_commands",
        N_(
            "write an encrypted, checked backup of the vault into DIR (it opens only with the "
            "passphrase or the recovery key), keeping the newest few"
        ),
    ),
    Command(
        "restore",
        _CLI + "vault_commands",
        N_(
            "bring a backup back into the data folder after checking it (a vault already there "
            "is moved aside)"
        ),
    ),
    Command(
        "today", _CLI + "today_commands", N_("what needs attention today (as the Today screen)")
    ),
    Command("family", _CLI + "family_commands", N_("list, show and edit families")),
    Command("note", _CLI + "family_commands", N_("write case notes")),
    Command("referral", _CLI + "referral_commands", N_("write referrals")),
    Command("visit", _CLI + "week_commands", N_("plan visits, check in and out, record outcomes")),
    Command("action", _CLI + "week_commands", N_("agree, list and complete actions")),
    Command(
        "transfers",
        _CLI + "transfer_commands",
        N_("child-protection files awaiting receipt, and the school calendar"),
    ),
    Command(
        "audit",
        _CLI + "audit_commands",
        N_("who viewed, changed or exported a family's records; the access report"),
    ),
    Command(
        "attendance",
        _CLI + "attendance_commands",
        N_("import attendance from the school's system"),
    ),
    Command(
        "allocate",
        _CLI + "allocation_commands",
        N_("(lead) allocate a family to an officer's device; --remove takes it back"),
    ),
    Command("school", _CLI + "school_commands", N_("the schools of a federation or trust")),
    Command(
        "handover",
        _CLI + "handover_commands",
        N_("(lead) move an officer's whole caseload to another officer"),
    ),
    Command(
        "import",
        _CLI + "interchange_commands",
        N_("import interchange JSON (liaison-desktop/1) or a pupil-list CSV; all or nothing"),
    ),
    Command(
        "export-json",
        _CLI + "interchange_commands",
        N_("write every family and contact as liaison-desktop/1 JSON (NOT encrypted)"),
    ),
    Command(
        "search",
        _CLI + "search_commands",
        N_("full-text search across families, people, notes, referrals, contacts"),
    ),
    Command(
        "demo",
        _CLI + "demo_commands",
        N_("create or fill a vault with synthetic, clearly fictional data"),
    ),
    Command("device", _CLI + "sync_commands", N_("this device's identity for sync")),
    Command("peer", _CLI + "sync_commands", N_("devices this vault trusts")),
    Command("bundle", _CLI + "sync_commands", N_("write and read sync bundles by hand")),
    Command("sync", _CLI + "sync_commands", N_("sync through a folder (USB stick, share)")),
    Command("conflicts", _CLI + "sync_commands", N_("concurrent edits waiting for a decision")),
    Command(
        "report", _CLI + "report_commands", N_("make PDF reports (case, chronology, caseload, …)")
    ),
    Command("outcomes", _CLI + "outcomes_commands", N_("score the family outcomes wheel")),
    Command(
        "close",
        _CLI + "records_commands",
        N_("close a family's case, with a reason and an outcome"),
    ),
    Command("reopen", _CLI + "records_commands", N_("reopen a closed case, with a reason")),
    Command("retention", _CLI + "records_commands", N_("the retention schedule")),
    Command("review", _CLI + "records_commands", N_("(lead) records past their retention date")),
    Command("hold", _CLI + "records_commands", N_("legal holds: no purge touches a held record")),
    Command(
        "activity",
        _CLI + "activity_commands",
        N_("school activities, invitations and attendance"),
    ),
    Command(
        "engagement", _CLI + "engagement_commands", N_("a family's engagement; the lead's summary")
    ),
    Command(
        "assets",
        _CLI + "engagement_commands",
        N_("the community asset map, with support nobody offers"),
    ),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit 64 (2 means 'wrong passphrase' here)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.format_usage().strip()}\n{self.prog}: {message}")


class _LazyCommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands declared from `COMMANDS`, whose real parsers are built on first use.

    Each declared name holds an empty stand-in parser, so `--help` lists it and argparse
    accepts it as a choice; when it is chosen, its module's `register` replaces the stand-ins
    of every command that module adds with the real parsers, and parsing goes on as before.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._declared: dict[str, str] = {}  # name -> module, while only the stand-in exists

    def declare(self, command: Command) -> None:
        """List `command` (help translated now, after the language is loaded)."""
        help_text = command.help  # marked with N_ in COMMANDS
        super().add_parser(command.name, help=_(help_text), add_help=False)
        self._declared[command.name] = command.module

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """A module's own parser for `name`, taking the place of its stand-in."""
        if self._declared.pop(name, None) is not None:
            del self._name_parser_map[name]
            kwargs.pop("help", None)  # the declared line already stands in `liaison --help`
        parser: argparse.ArgumentParser = super().add_parser(name, **kwargs)
        return parser

    def load(self, name: str) -> None:
        """Build the real parsers of `name`'s module, if they are not built yet."""
        module = self._declared.get(name)
        if module is None:
            return
        importlib.import_module(module).register(self)
        if name in self._declared:
            raise RuntimeError(f"{module}.register does not add the command {name!r}")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.load(values[0])
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    """The whole `liaison` command line (each command's own parser is built when it is used)."""
    parser = _Parser(
        prog="liaison",
        description=_("Liaison Desktop on the command line: an encrypted caseload vault."),
    )
    parser.add_argument("--version", action="version", version=f"liaison {__version__}")
    parser.add_argument("--data-dir", help=_("the vault's folder (default: LIAISON_DATA_DIR)"))
    parser.add_argument(
        "--passphrase-file", help=_("read the passphrase from this file (else LIAISON_PASSPHRASE)")
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, action=_LazyCommands
    )
    assert isinstance(sub, _LazyCommands)
    for command in COMMANDS:
        sub.declare(command)
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
        from .context import CommandContext  # the storage stack, needed from here on

        handler: Callable[[CommandContext], int] = args.handler
        return handler(CommandContext(args))
    except LiaisonError as exc:
        sys.stderr.write(f"liaison: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(_("liaison: cancelled.\n"))
        return EXIT_ERROR
    except Exception as exc:
        # Imported only on this path: neither is needed to start a command.
        from ..crash_report import build_report
        from ..services.vault_service import as_liaison_error

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
