"""The desktop app's entry point: `liaison-desktop [--data-dir DIR] [--demo]`."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

try:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication
except ImportError as missing:
    # On a bare system Qt's own libraries load but the system ones they need may not: say
    # which packages to install in one line rather than show a traceback.
    from .system_packages import missing_qt_library_message

    if (message := missing_qt_library_message(missing)) is None:
        raise
    raise SystemExit(message) from None

from . import __version__
from .errors import EXIT_USAGE, LiaisonError, UsageError
from .i18n import _
from .paths import resolve_data_dir
from .services.settings_service import SettingsService
from .services.vault_service import VaultService
from .ui.app_icon import app_icon
from .ui.crash_handler import CrashHandler, install_crash_handler
from .ui.qt_language import apply_language
from .ui.session_controller import SessionController
from .ui.theme import apply_theme
from .ui.vault_handle import OpenVault

if TYPE_CHECKING:  # loaded only when --self-test is given
    from .ui.self_test import SelfTest

APP_NAME = "Liaison Desktop"
DESKTOP_ID = "uk.org.liaison_desktop"
# Known to everyone on purpose: the demo vault holds only fictional data and is thrown away.
DEMO_PASSPHRASE = "demo vault with made up families only"
DEMO_OWNER = "Demo Officer"
DEMO_FAMILIES = 40
DEMO_SEED = 1


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # Usage errors exit 64, as the CLI's do (DESIGN §7: 2 means "wrong passphrase").
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(prog="liaison-desktop", description=_("Liaison Desktop"))
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("folder holding the vault (default: LIAISON_DATA_DIR, else the app-data folder)"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open a throwaway demo vault in a new temporary folder"),
    )
    parser.add_argument(
        "--self-test",
        metavar="DIR",
        help=_(
            "check this installation: create a new vault in the empty folder DIR through the "
            "set-up screens (passphrase from LIAISON_PASSPHRASE), open it, lock it and quit "
            "(exit code 0 when everything worked)"
        ),
    )
    return parser


def _open_demo_vault(data_dir: Path) -> OpenVault:
    """Create the throwaway demo vault in `data_dir` and return it unlocked."""
    vault, _recovery_key = VaultService(data_dir).create(
        DEMO_PASSPHRASE, owner_name=DEMO_OWNER, role="lead"
    )
    from .demo.populate import populate_demo
    from .services.caseload import Caseload  # only a demo needs Faker and the generator

    try:
        # A small caseload (about a second to write) so every screen has something to show;
        # `liaison demo --families N` makes larger ones.
        populate_demo(Caseload(vault), families=DEMO_FAMILIES, seed=DEMO_SEED)
    except BaseException:
        vault.close()
        raise
    return vault


@dataclass
class Launch:
    """A started GUI before its event loop runs: the session and how to clean up after it."""

    app: QApplication
    controller: SessionController
    demo_dir: Path | None = None
    self_test: SelfTest | None = None
    crash_handler: CrashHandler | None = None

    def close(self) -> None:
        """Lock, let running background work finish, and remove a demo vault."""
        if self.crash_handler is not None:
            self.crash_handler.uninstall()
        self.controller.shutdown()
        # A running unlock finishes (and its vault is closed again) before the interpreter goes.
        QThreadPool.globalInstance().waitForDone()
        if self.demo_dir is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(self.demo_dir)


def launch(argv: Sequence[str]) -> Launch:
    """Parse the arguments and show the first window (set-up, unlock, or the demo)."""
    args = _parser().parse_args(list(argv))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Wayland and the taskbar match windows to packaging/linux/<this>.desktop by this name.
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())

    demo_dir: Path | None = None
    self_test_passphrase = ""
    if args.self_test:
        self_test_passphrase = os.environ.get("LIAISON_PASSPHRASE", "")
        if not self_test_passphrase:
            raise UsageError(
                _("--self-test needs the new vault's passphrase in LIAISON_PASSPHRASE.")
            )
        data_dir = Path(args.self_test).expanduser()
    elif args.demo:
        demo_dir = Path(tempfile.mkdtemp(prefix="liaison-demo-"))
        data_dir = demo_dir
    else:
        data_dir = resolve_data_dir(args.data_dir)

    settings = SettingsService(data_dir)
    preferences = settings.load()
    # Before any window is built: every text is translated as its widget is made.
    apply_language(app, preferences.language)
    apply_theme(app, preferences.theme)
    hint = ""
    if demo_dir is not None:
        hint = _("This is the demo vault. Its passphrase is: {passphrase}").format(
            passphrase=DEMO_PASSPHRASE
        )
    controller = SessionController(VaultService(data_dir), settings, unlock_hint=hint)
    started = Launch(app, controller, demo_dir)
    # From the first window on, an unexpected error shows the crash dialog, not a traceback.
    started.crash_handler = install_crash_handler(controller)
    try:
        if demo_dir is not None:
            controller.open_vault(_open_demo_vault(demo_dir))
        else:
            controller.start()
        if self_test_passphrase:
            from .ui.self_test import SelfTest

            started.self_test = SelfTest(controller, self_test_passphrase)
            started.self_test.start()
    except BaseException:
        started.close()
        raise
    return started


def main(argv: Sequence[str] | None = None) -> int:
    """Start the GUI; returns the process exit code."""
    # Warnings only, to stderr: no log file, so nothing personal can land on disk.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        started = launch(sys.argv[1:] if argv is None else argv)
    except LiaisonError as exc:
        if sys.stderr is not None:  # None in a windowed Windows program: the exit code says it
            sys.stderr.write(f"{exc}\n")
        return exc.exit_code
    started.app.aboutToQuit.connect(started.controller.shutdown)
    try:
        return started.app.exec()
    finally:
        started.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
