"""`liaison-desktop --self-test DIR`: prove an installed app works, with no one at the keyboard.

It drives the real set-up screen as an officer would — name, passphrase, Create vault, "I
have stored the recovery key", Continue — waits for the main window with every section
built, locks, and quits with 0 (1 and a plain reason on stderr if any step fails). The build
test runs it on the frozen app; IT technicians can run it after installing.

It cannot weaken anything: it only ever creates a NEW vault in a folder it is given (an
existing vault there is refused, untouched), with the passphrase from LIAISON_PASSPHRASE,
and never opens an existing vault or shows the recovery key anywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from ..i18n import _
from .placeholder_view import PlaceholderView
from .session_controller import SessionController

STEP_MS = 50
TIMEOUT_MS = 120_000
SELF_TEST_NAME = "Self-test"


class SelfTest(QObject):
    """Walks the set-up screens step by step on a timer, then quits with an exit code."""

    def __init__(
        self,
        controller: SessionController,
        passphrase: str,
        *,
        quit_app: Callable[[int], None] = QApplication.exit,
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self._passphrase = passphrase
        self._quit_app = quit_app
        self._steps: list[Callable[[], bool]] = [
            self._fill_set_up,
            self._keep_recovery_key,
            self._check_main_window,
        ]
        self._elapsed_ms = 0
        self.exit_code: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(STEP_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Begin once the event loop runs."""
        self._timer.start()

    def stop(self) -> None:
        """Take no further steps."""
        self._timer.stop()

    def _tick(self) -> None:
        self._elapsed_ms += STEP_MS
        try:
            while self._steps and self._steps[0]():
                self._steps.pop(0)
        except SelfTestFailed as failure:
            self._finish(1, str(failure))
            return
        except Exception as exc:  # any slip in the app is a failed self-test, never a hang
            self._finish(
                1,
                _("Self-test failed: an unexpected error ({kind}).").format(
                    kind=type(exc).__name__
                ),
            )
            return
        if not self._steps:
            self._finish(0, _("Self-test passed: a vault was created, opened and locked."))
        elif self._elapsed_ms > TIMEOUT_MS:
            self._finish(1, _("Self-test failed: the app did not finish setting up in time."))

    # Each step returns True when done, False to be asked again on the next tick.
    def _fill_set_up(self) -> bool:
        view = self._controller.create_view
        if view is None:
            raise SelfTestFailed(
                _("Self-test failed: the folder already holds a vault; it was not touched.")
            )
        if view.busy_creating:
            return False
        if view.error_label.isVisible() and view.error_label.text():
            raise SelfTestFailed(
                _("Self-test failed: {reason}").format(reason=view.error_label.text())
            )
        view.name_edit.setText(SELF_TEST_NAME)
        view.passphrase_form.passphrase_edit.setText(self._passphrase)
        view.passphrase_form.confirm_edit.setText(self._passphrase)
        problem = view.problem()
        if problem is not None:
            raise SelfTestFailed(_("Self-test failed: {reason}").format(reason=problem))
        view.create_button.click()
        return True

    def _keep_recovery_key(self) -> bool:
        dialog = self._controller.recovery_dialog
        if dialog is None:
            view = self._controller.create_view
            if view is not None and view.error_label.isVisible() and view.error_label.text():
                raise SelfTestFailed(
                    _("Self-test failed: {reason}").format(reason=view.error_label.text())
                )
            return False
        dialog.stored_check.setChecked(True)
        dialog.continue_button.click()
        return True

    def _check_main_window(self) -> bool:
        window = self._controller.main_window
        if window is None:
            return False
        missing = [
            key for key in window.section_keys() if isinstance(window.view(key), PlaceholderView)
        ]
        if missing:
            raise SelfTestFailed(
                _("Self-test failed: these sections did not open: {sections}.").format(
                    sections=", ".join(missing)
                )
            )
        self._controller.lock()
        return True

    def _finish(self, code: int, message: str) -> None:
        self._timer.stop()
        self.exit_code = code
        stream = sys.stdout if code == 0 else sys.stderr
        if stream is not None:  # a windowed Windows program has no console streams at all
            stream.write(message + "\n")
        self._quit_app(code)


class SelfTestFailed(Exception):
    """A step of the self-test could not be done; the message says which and why."""
