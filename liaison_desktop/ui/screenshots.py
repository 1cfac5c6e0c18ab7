"""Render the foundation screens to PNG files: `python -m liaison_desktop.ui.screenshots OUTDIR`.

Each window is sized like a 1366×768 laptop screen at the current scale factor (with
QT_SCALE_FACTOR=2 the windows are 683×384 logical pixels, drawn as 1366×768 PNGs), so the
pictures show what an officer on such a laptop sees. Run with QT_QPA_PLATFORM=offscreen (or
under xvfb-run). Uses a throwaway vault with a fictional name in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QThreadPool, qVersion
from PySide6.QtWidgets import QApplication, QWidget

from ..errors import LiaisonError
from ..services.caseload import Caseload
from ..services.vault_service import VaultService
from .caseload_screenshots import caseload_shots
from .create_vault_view import CreateVaultView
from .engagement_screenshots import engagement_shots
from .main_window import MainWindow
from .records_screenshots import records_shots
from .recovery_key_dialog import RecoveryKeyDialog
from .unlock_view import UnlockView

SCREEN = QSize(1366, 768)
PASSPHRASE = "screenshot vault with no real families"


def _screen_size(app: QApplication) -> QSize:
    """1366×768 device pixels in this process's logical pixels."""
    ratio = app.devicePixelRatio() or 1.0
    return QSize(round(SCREEN.width() / ratio), round(SCREEN.height() / ratio))


def _save(widget: QWidget, size: QSize, path: Path) -> None:
    widget.resize(size)
    widget.show()
    for _round in range(3):  # let layouts settle
        QCoreApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def _settle(until: Callable[[], bool]) -> None:
    """Run the event loop until `until()` (background ops deliver through it)."""
    for _round in range(2000):
        if until():
            return
        QThreadPool.globalInstance().waitForDone(50)
        QCoreApplication.processEvents()
    raise RuntimeError("a background operation did not finish")


def sync_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The Sync screen of a lead who has synced with an officer: devices, history, a conflict."""
    from ..services.context import ServiceContext
    from ..services.settings_service import Settings, SettingsService
    from ..services.sync_service import SyncService
    from .pairing_dialog import PairingDialog
    from .sync_view import SyncView

    folder = root / "sync-stick"
    folder.mkdir(parents=True)
    lead, _key = VaultService(root / "lead").create(
        PASSPHRASE, owner_name="Alex Example", role="lead"
    )
    officer, _key = VaultService(root / "officer").create(
        PASSPHRASE, owner_name="Sam Sample", role="officer"
    )
    lead_sync, officer_sync = (SyncService(ServiceContext.open(v)) for v in (lead, officer))
    lead_sync.add_peer(None, officer_sync.device().public_key)
    officer_sync.add_peer(None, lead_sync.device().public_key)
    lead_c, officer_c = Caseload(lead), Caseload(officer)
    family = officer_c.families.create({"name": "Example-Demo family"})
    officer_c.concerns.raise_concern(
        family.id, "Fictional concern for the picture", urgency="urgent"
    )
    officer_sync.sync_folder(folder)
    lead_sync.sync_folder(folder)
    lead_c.allocations.allocate(family.id, officer_sync.device().device_id, "Sam Sample")
    lead_sync.sync_folder(folder)
    officer_sync.sync_folder(folder)
    lead_c.families.update(family.id, {"strengths": "Grandparents help each morning"})
    officer_c.families.update(family.id, {"strengths": "Walks to school together"})
    officer_sync.sync_folder(folder)
    lead_sync.sync_folder(folder)

    settings = SettingsService(root / "lead")
    settings.save(Settings(sync_folder=str(folder)))
    window = MainWindow("Alex Example", "lead")
    view = SyncView(lead_c, settings, window)
    window.set_view("sync", view)
    window.show_section("sync")
    written: list[Path] = []
    for name, index in (("devices", 0), ("history", 1), ("conflicts", 2)):
        view.tabs.setCurrentIndex(index)
        path = outdir / f"sync-{name}{suffix}.png"
        _save(window, size, path)
        written.append(path)
    view.tabs.setCurrentIndex(0)
    dialog = PairingDialog(SyncService(ServiceContext.open(lead)), view)
    dialog.key_edit.setPlainText(officer_sync.device().public_key)
    path = outdir / f"sync-pairing{suffix}.png"
    _save(dialog, dialog.sizeHint().expandedTo(QSize(size.width() // 2, 0)).boundedTo(size), path)
    written.append(path)
    dialog.done(0)
    window.hide()
    window.deleteLater()
    officer.close()
    lead.close()
    return written


def reports_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The Reports section and the export dialog showing a case summary's preview."""
    from ..services.demo_service import populate_demo
    from .reports_view import ReportsView

    root.mkdir(parents=True, exist_ok=True)
    vault, _key = VaultService(root / "reports").create(
        PASSPHRASE, owner_name="Alex Example", role="lead"
    )
    caseload = Caseload(vault)
    populate_demo(caseload, families=6, seed=3)
    window = MainWindow("Alex Example", "lead")
    view = ReportsView(caseload, window)
    window.set_view("reports", view)
    window.show_section("reports")
    written: list[Path] = []
    path = outdir / f"reports{suffix}.png"
    _save(window, size, path)
    written.append(path)
    dialog = view.open_dialog("case_summary")
    dialog.subject_list.setCurrentIndex(dialog.subject_proxy.index(0, 0))
    dialog.preview_button.click()
    _settle(lambda: dialog.preview_result is not None and not dialog.busy_now)
    path = outdir / f"report-preview{suffix}.png"
    _save(dialog, size, path)
    written.append(path)
    dialog.done(0)
    window.hide()
    window.deleteLater()
    QThreadPool.globalInstance().waitForDone()
    vault.close()
    return written


def family_page_shots(
    caseload: Caseload, data_dir: Path, outdir: Path, size: QSize, suffix: str
) -> list[Path]:
    """The family page's tabs for the demo family with the most notes."""
    from ..services.demo_service import populate_demo
    from ..services.settings_service import SettingsService
    from .family.family_page import FamilyPage
    from .section_views import SessionServices

    populate_demo(caseload, families=12, seed=7)
    families = caseload.families.all()
    family = max(families, key=lambda f: len(caseload.notes.for_family(f.id)))
    window = MainWindow(caseload.ctx.owner_name, caseload.ctx.role)
    services = SessionServices(caseload, SettingsService(data_dir), data_dir, window)
    page = FamilyPage(services, family.id)
    window.set_view("caseload", page)
    window.show_section("caseload")
    written: list[Path] = []
    for name, tab in (
        ("overview", page.overview),
        ("notes", page.notes),
        ("referrals", page.referrals),
        ("chronology", page.chronology),
        ("attendance", page.attendance),
    ):
        page.tabs.setCurrentWidget(tab)
        if tab is page.notes and page.notes.model.rows():
            page.notes.table.select_source_row(0)
        path = outdir / f"family-{name}{suffix}.png"
        _save(window, size, path)
        written.append(path)
    window.hide()
    window.deleteLater()
    return written


def outcomes_shots(
    caseload: Caseload, data_dir: Path, outdir: Path, size: QSize, suffix: str
) -> list[Path]:
    """The Outcomes tab of the demo family (already populated) scored most recently twice."""
    from ..services.settings_service import SettingsService
    from .family.family_page import FamilyPage
    from .section_views import SessionServices

    scored = [
        (history[-1].date, family.id)
        for family in caseload.families.all()
        if len(history := caseload.outcomes.history(family.id)) >= 2
    ]
    if not scored:
        return []
    window = MainWindow(caseload.ctx.owner_name, caseload.ctx.role)
    services = SessionServices(caseload, SettingsService(data_dir), data_dir, window)
    page = FamilyPage(services, max(scored)[1])
    window.set_view("caseload", page)
    window.show_section("caseload")
    page.tabs.setCurrentWidget(page.outcomes)
    path = outdir / f"family-outcomes{suffix}.png"
    _save(window, size, path)
    window.hide()
    window.deleteLater()
    return [path]


def directory_ecomap_settings_shots(
    root: Path, outdir: Path, size: QSize, suffix: str
) -> list[Path]:
    """The Directory with a busy contact selected, a family's ecomap, and Settings (a lead's)."""
    from ..services.demo_service import populate_demo
    from ..services.profile_service import ProfileService
    from ..services.settings_service import Settings, SettingsService
    from .directory_view import DirectoryView, EcomapDialog
    from .settings_view import SettingsView

    root.mkdir(parents=True, exist_ok=True)
    vault, _key = VaultService(root / "dir").create(
        PASSPHRASE, owner_name="Alex Example", role="lead"
    )
    caseload = Caseload(vault)
    populate_demo(caseload, families=10, seed=5)
    written: list[Path] = []
    window = MainWindow("Alex Example", "lead")
    directory = DirectoryView(caseload, window)
    window.set_view("directory", directory)
    window.show_section("directory")
    contacts = caseload.directory.all()
    busiest = max(contacts, key=lambda c: len(caseload.directory.links.for_contact(c.id)))
    directory.select_contact(busiest.id)
    path = outdir / f"directory{suffix}.png"
    _save(window, size, path)
    written.append(path)

    family_id = max(
        (f.id for f in caseload.families.all()), key=lambda f: len(caseload.directory.team(f))
    )
    ecomap = EcomapDialog(caseload, family_id, directory)
    path = outdir / f"ecomap{suffix}.png"
    _save(ecomap, size, path)
    written.append(path)
    ecomap.done(0)

    settings = SettingsService(root / "dir")
    settings.save(Settings(auto_lock_minutes=10, sync_folder="/media/alex/LIAISON-USB/sync"))
    view = SettingsView(settings, ProfileService(caseload.ctx), "lead", window)
    window.set_view("settings", view)
    window.show_section("settings")
    path = outdir / f"settings{suffix}.png"
    _save(window, size, path)
    written.append(path)
    window.hide()
    window.deleteLater()
    vault.close()
    return written


def crash_shot(outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The crash dialog showing the safe report of a real (deliberate) error."""
    from ..crash_report import CrashReport, build_report
    from ..domain.fields import FieldSpec, FieldType
    from .crash_dialog import CrashDialog

    report: CrashReport | None = None
    try:
        FieldSpec("date_of_birth", FieldType.DATE).clean("2015-02-30")
    except ValueError as exc:
        report = build_report(exc, where="window", qt_version=qVersion())
    assert report is not None
    dialog = CrashDialog(report)
    path = outdir / f"crash-dialog{suffix}.png"
    _save(dialog, dialog.sizeHint().expandedTo(QSize(size.width() // 2, 0)).boundedTo(size), path)
    dialog.done(0)
    return [path]


def about_shot(outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """Help → About over the main window: name, version, icon, licence note."""
    from .about_dialog import AboutDialog

    dialog = AboutDialog()
    path = outdir / f"about{suffix}.png"
    _save(dialog, dialog.sizeHint().expandedTo(QSize(size.width() // 2, 0)).boundedTo(size), path)
    dialog.done(0)
    return [path]


def render(outdir: Path, suffix: str = "") -> list[Path]:
    """Write the screens into `outdir`; returns the files written."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    size = _screen_size(app)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    with tempfile.TemporaryDirectory(prefix="liaison-shots-") as tmp:
        vaults = VaultService(Path(tmp))

        create = CreateVaultView(vaults)
        create.name_edit.setText("Alex Example")
        create.passphrase_form.passphrase_edit.setText("maple kettle")
        path = outdir / f"create-vault{suffix}.png"
        _save(create, size, path)
        written.append(path)
        create.close()

        vault, recovery_key = vaults.create(PASSPHRASE, owner_name="Alex Example", role="officer")
        dialog = RecoveryKeyDialog(recovery_key)
        path = outdir / f"recovery-key{suffix}.png"
        _save(dialog, dialog.sizeHint().boundedTo(size), path)
        written.append(path)
        dialog.done(0)
        written.extend(crash_shot(outdir, size, suffix))
        written.extend(about_shot(outdir, size, suffix))

        meta = vault.meta()
        window = MainWindow(meta["owner_name"], meta["role"])
        path = outdir / f"main-window{suffix}.png"
        _save(window, size, path)
        written.append(path)
        window.hide()
        caseload = Caseload(vault)
        written.extend(family_page_shots(caseload, Path(tmp), outdir, size, suffix))
        written.extend(outcomes_shots(caseload, Path(tmp), outdir, size, suffix))
        vault.close()

        written.extend(caseload_shots(Path(tmp) / "caseload", outdir, size, suffix))
        written.extend(sync_shots(Path(tmp) / "sync", outdir, size, suffix))
        written.extend(reports_shots(Path(tmp) / "reports", outdir, size, suffix))
        written.extend(directory_ecomap_settings_shots(Path(tmp) / "dir", outdir, size, suffix))
        written.extend(records_shots(Path(tmp) / "records", outdir, size, suffix))
        written.extend(engagement_shots(Path(tmp) / "engagement", outdir, size, suffix))

        unlock = UnlockView(vaults)
        try:  # the real message an officer sees after a mistyped passphrase
            vaults.unlock("a mistyped passphrase").close()
            message = ""
        except LiaisonError as exc:
            message = str(exc)
        unlock.error_label.setText(message)
        unlock.error_label.show()
        path = outdir / f"unlock{suffix}.png"
        _save(unlock, size, path)
        written.append(path)
        unlock.hide()

        unlock.show_recovery()
        path = outdir / f"unlock-recovery{suffix}.png"
        _save(unlock, size, path)
        written.append(path)
        unlock.close()

        QThreadPool.globalInstance().waitForDone()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m liaison_desktop.ui.screenshots OUTDIR`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.stderr.write("usage: python -m liaison_desktop.ui.screenshots OUTDIR\n")
        return 64
    os.environ.setdefault("LIAISON_KDF_SECONDS", "0")  # a throwaway vault needs no slow KDF
    suffix = "@2x" if float(os.environ.get("QT_SCALE_FACTOR", "1") or 1) >= 2 else ""
    render(Path(args[0]), suffix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
