"""The app's own screens: set-up, recovery key, crash dialog, About, main window, unlock, the
family page, Sync, Reports, and Directory with the ecomap and Settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, qVersion

from liaison_desktop.crash_report import CrashReport, build_report
from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.domain.fields import FieldSpec, FieldType
from liaison_desktop.errors import LiaisonError
from liaison_desktop.services.backups_service import BackupsService
from liaison_desktop.services.context import ServiceContext
from liaison_desktop.services.profile_service import ProfileService
from liaison_desktop.services.settings_service import Settings, SettingsService
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.ui.about_dialog import AboutDialog
from liaison_desktop.ui.crash_dialog import CrashDialog
from liaison_desktop.ui.diary.diary_view import DiaryView
from liaison_desktop.ui.directory.directory_view import DirectoryView, EcomapDialog
from liaison_desktop.ui.family.family_page import FamilyPage
from liaison_desktop.ui.main_window import MainWindow
from liaison_desktop.ui.reports.reports_view import ReportsView
from liaison_desktop.ui.section_views import SessionServices
from liaison_desktop.ui.settings.settings_view import SettingsView
from liaison_desktop.ui.start.create_vault_view import CreateVaultView
from liaison_desktop.ui.start.recovery_key_dialog import RecoveryKeyDialog
from liaison_desktop.ui.start.unlock_view import UnlockView
from liaison_desktop.ui.sync.pairing_dialog import PairingDialog
from liaison_desktop.ui.sync.sync_view import SyncView

from .session import OWNER, PASSPHRASE, close, dialog_size, new_caseload, save, settle


def setup_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """Creating a vault, its recovery key, the crash dialog, About and the empty main window."""
    vaults = VaultService(root)
    written: list[Path] = []
    create = CreateVaultView(vaults)
    create.name_edit.setText(OWNER)
    create.passphrase_form.passphrase_edit.setText("maple kettle")
    path = outdir / f"create-vault{suffix}.png"
    save(create, size, path)
    written.append(path)
    create.close()

    vault, recovery_key = vaults.create(PASSPHRASE, owner_name=OWNER, role="officer")
    dialog = RecoveryKeyDialog(recovery_key)
    path = outdir / f"recovery-key{suffix}.png"
    save(dialog, dialog.sizeHint().boundedTo(size), path)
    written.append(path)
    dialog.done(0)
    written.extend(crash_shot(outdir, size, suffix))
    written.extend(about_shot(outdir, size, suffix))

    meta = vault.meta()
    window = MainWindow(meta["owner_name"], meta["role"])
    path = outdir / f"main-window{suffix}.png"
    save(window, size, path)
    written.append(path)
    close(window)
    vault.close()
    return written


def unlock_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The unlock screen after a mistyped passphrase, and its recovery-key form."""
    vaults = VaultService(root)
    if not vaults.exists():  # rendered on its own, without the set-up screens first
        vaults.create(PASSPHRASE, owner_name=OWNER, role="officer")[0].close()
    written: list[Path] = []
    unlock = UnlockView(vaults)
    try:  # the real message an officer sees after a mistyped passphrase
        vaults.unlock("a mistyped passphrase").close()
        message = ""
    except LiaisonError as exc:
        message = str(exc)
    unlock.error_label.setText(message)
    unlock.error_label.show()
    path = outdir / f"unlock{suffix}.png"
    save(unlock, size, path)
    written.append(path)
    unlock.hide()

    unlock.show_recovery()
    path = outdir / f"unlock-recovery{suffix}.png"
    save(unlock, size, path)
    written.append(path)
    unlock.close()
    return written


def crash_shot(outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The crash dialog showing the safe report of a real (deliberate) error."""
    report: CrashReport | None = None
    try:
        FieldSpec("date_of_birth", FieldType.DATE).clean("2015-02-30")
    except ValueError as exc:
        report = build_report(exc, where="window", qt_version=qVersion())
    assert report is not None
    dialog = CrashDialog(report)
    path = outdir / f"crash-dialog{suffix}.png"
    save(dialog, dialog_size(dialog, size), path)
    dialog.done(0)
    return [path]


def about_shot(outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """Help → About over the main window: name, version, icon, licence note."""
    dialog = AboutDialog()
    path = outdir / f"about{suffix}.png"
    save(dialog, dialog_size(dialog, size), path)
    dialog.done(0)
    return [path]


def family_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """An officer's family page, each tab, for the demo family with the most notes; then the
    Outcomes tab of the family scored most recently twice."""
    caseload = new_caseload(root, role="officer")
    populate_demo(caseload, families=12, seed=7)
    families = caseload.families.all()
    family = max(families, key=lambda f: len(caseload.notes.for_family(f.id)))
    window = MainWindow(caseload.ctx.owner_name, caseload.ctx.role)
    services = SessionServices.for_window(caseload, SettingsService(root), root, window)
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
        ("actions", page.actions_tab),
    ):
        page.tabs.setCurrentWidget(tab)
        if tab is page.notes and page.notes.model.rows():
            page.notes.table.select_source_row(0)
        path = outdir / f"family-{name}{suffix}.png"
        save(window, size, path)
        written.append(path)
    close(window)

    # The case plan of a family that has one, and the diary of this month.
    planned = [f for f in families if caseload.plan.goals(f.id)]
    if planned:
        window = MainWindow(caseload.ctx.owner_name, caseload.ctx.role)
        services = SessionServices.for_window(caseload, SettingsService(root), root, window)
        page = FamilyPage(services, planned[0].id)
        window.set_view("caseload", page)
        window.show_section("caseload")
        page.tabs.setCurrentWidget(page.plan)
        path = outdir / f"family-plan{suffix}.png"
        save(window, size, path)
        written.append(path)
        close(window)
    window = MainWindow(caseload.ctx.owner_name, caseload.ctx.role)
    services = SessionServices.for_window(caseload, SettingsService(root), root, window)
    diary = DiaryView(services)
    window.set_view("diary", diary)
    window.show_section("diary")
    diary.month_radio.setChecked(True)
    settle(lambda: not diary.loading)
    path = outdir / f"diary{suffix}.png"
    save(window, size, path)
    written.append(path)
    close(window)

    scored = [
        (history[-1].date, f.id)
        for f in families
        if len(history := caseload.outcomes.history(f.id)) >= 2
    ]
    if scored:
        window = MainWindow(caseload.ctx.owner_name, caseload.ctx.role)
        services = SessionServices.for_window(caseload, SettingsService(root), root, window)
        page = FamilyPage(services, max(scored)[1])
        window.set_view("caseload", page)
        window.show_section("caseload")
        page.tabs.setCurrentWidget(page.outcomes)
        path = outdir / f"family-outcomes{suffix}.png"
        save(window, size, path)
        written.append(path)
        close(window)
    caseload.vault.close()
    return written


def sync_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The Sync screen of a lead who has synced with an officer: devices, history, a conflict."""
    folder = root / "sync-stick"
    folder.mkdir(parents=True)
    lead_c = new_caseload(root / "lead")
    officer_c = new_caseload(root / "officer", role="officer", owner="Sam Sample")
    lead, officer = lead_c.vault, officer_c.vault
    lead_sync, officer_sync = (SyncService(ServiceContext.open(v)) for v in (lead, officer))
    lead_sync.add_peer(None, officer_sync.device().public_key)
    officer_sync.add_peer(None, lead_sync.device().public_key)
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
    window = MainWindow(OWNER, "lead")
    view = SyncView(lead_c, settings, window)
    window.set_view("sync", view)
    window.show_section("sync")
    written: list[Path] = []
    for name, index in (("devices", 0), ("history", 1), ("conflicts", 2)):
        view.tabs.setCurrentIndex(index)
        path = outdir / f"sync-{name}{suffix}.png"
        save(window, size, path)
        written.append(path)
    view.tabs.setCurrentIndex(0)
    dialog = PairingDialog(SyncService(ServiceContext.open(lead)), view)
    dialog.key_edit.setPlainText(officer_sync.device().public_key)
    path = outdir / f"sync-pairing{suffix}.png"
    save(dialog, dialog_size(dialog, size), path)
    written.append(path)
    dialog.done(0)
    close(window, lead_c)
    officer.close()
    return written


def reports_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The Reports section and the export dialog showing a case summary's preview."""
    caseload = new_caseload(root / "reports")
    populate_demo(caseload, families=6, seed=3)
    window = MainWindow(OWNER, "lead")
    view = ReportsView(caseload, window)
    window.set_view("reports", view)
    window.show_section("reports")
    written: list[Path] = []
    path = outdir / f"reports{suffix}.png"
    save(window, size, path)
    written.append(path)
    dialog = view.open_dialog("case_summary")
    dialog.subject_list.setCurrentIndex(dialog.subject_proxy.index(0, 0))
    dialog.preview_button.click()
    settle(lambda: dialog.preview_result is not None and not dialog.busy_now)
    path = outdir / f"report-preview{suffix}.png"
    save(dialog, size, path)
    written.append(path)
    dialog.done(0)
    close(window, caseload)
    return written


def directory_shots(root: Path, outdir: Path, size: QSize, suffix: str) -> list[Path]:
    """The Directory with a busy contact selected, a family's ecomap, and Settings (a lead's)."""
    caseload = new_caseload(root / "dir")
    populate_demo(caseload, families=10, seed=5)
    written: list[Path] = []
    window = MainWindow(OWNER, "lead")
    directory = DirectoryView(caseload, window)
    window.set_view("directory", directory)
    window.show_section("directory")
    contacts = caseload.directory.all()
    busiest = max(contacts, key=lambda c: len(caseload.directory.links.for_contact(c.id)))
    directory.select_contact(busiest.id)
    path = outdir / f"directory{suffix}.png"
    save(window, size, path)
    written.append(path)

    family_id = max(
        (f.id for f in caseload.families.all()), key=lambda f: len(caseload.directory.team(f))
    )
    ecomap = EcomapDialog(caseload, family_id, directory)
    path = outdir / f"ecomap{suffix}.png"
    save(ecomap, size, path)
    written.append(path)
    ecomap.done(0)

    settings = SettingsService(root / "dir")
    settings.save(Settings(auto_lock_minutes=10, sync_folder="/media/alex/LIAISON-USB/sync"))
    view = SettingsView(
        settings, ProfileService(caseload.ctx), "lead", window, backups=BackupsService(caseload.ctx)
    )
    window.set_view("settings", view)
    window.show_section("settings")
    path = outdir / f"settings{suffix}.png"
    save(window, size, path)
    written.append(path)
    close(window, caseload)
    return written
