"""What every screenshot module shares: the screen size, a throwaway vault, saving a widget
as a PNG, and waiting for background work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.ui.main_window import MainWindow

# A common school laptop's screen, in device pixels.
SCREEN = QSize(1366, 768)
PASSPHRASE = "screenshot vault with no real families"
OWNER = "Alex Example"


def application(argv: list[str]) -> QApplication:
    """The process's QApplication, made if there is none yet."""
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(argv[:1])


def screen_size(app: QApplication) -> QSize:
    """1366×768 device pixels in this process's logical pixels."""
    ratio = app.devicePixelRatio() or 1.0
    return QSize(round(SCREEN.width() / ratio), round(SCREEN.height() / ratio))


def dialog_size(dialog: QWidget, size: QSize) -> QSize:
    """A dialog's own size, at least half the screen wide and never larger than the screen."""
    return dialog.sizeHint().expandedTo(QSize(size.width() // 2, 0)).boundedTo(size)


def new_caseload(folder: Path, role: str = "lead", owner: str = OWNER) -> Caseload:
    """A fresh vault in `folder` (a temporary one: only fictional families go in it)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    vault, _recovery_key = VaultService(folder).create(PASSPHRASE, owner_name=owner, role=role)
    return Caseload(vault)


def _pump() -> None:
    # A QEventLoop object, not the static QCoreApplication.processEvents(): PySide6 drops a
    # reference to None on each static call, and thousands of them abort the interpreter
    # (docs/decisions.md).
    QEventLoop().processEvents()


def save(widget: QWidget, size: QSize, path: Path) -> None:
    """Show `widget` at `size`, let its layouts settle and write it to `path`."""
    widget.resize(size)
    widget.show()
    for _round in range(3):
        _pump()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def settle(until: Callable[[], bool]) -> None:
    """Run the event loop until `until()` (background ops deliver through it)."""
    for _round in range(2000):
        if until():
            return
        QThreadPool.globalInstance().waitForDone(50)
        _pump()
    raise RuntimeError("a background operation did not finish")


def close(window: MainWindow, caseload: Caseload | None = None) -> None:
    """Put a window away and, when given, close its caseload's vault."""
    window.hide()
    window.deleteLater()
    if caseload is not None:
        QThreadPool.globalInstance().waitForDone()
        caseload.vault.close()
