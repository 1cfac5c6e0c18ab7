"""The Sync screen: this device's identity, trusted colleagues, Sync now, history, conflicts.

Syncing runs as a background op on a worker connection of its own (SQLite connections are not
shared across threads), so the window never freezes while bundles are read and written. While
the screen exists (the vault is unlocked), a timer syncs every few minutes when the sync folder
is reachable; a run never starts while another is still going.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.settings_service import SettingsService
from ...services.sync_service import SyncService, bundle_names
from ..announce import announce
from ..file_dialogs import open_folder_dialog
from ..ops import BackgroundOp, OpContext
from ..roles import role_label
from ..spoken import spelled
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.confirm import ask_to_confirm
from ..widgets.styles import apply_error_style, heading
from ..worker_caseload import on_worker
from .conflicts_view import ConflictsView
from .pairing_dialog import PairingDialog, fingerprint_font
from .peers_table_model import DEVICE_ID_ROLE, REVOKED_ROLE, PeersTableModel
from .sync_history_model import SyncHistoryModel, concerns_in, security_in, security_text

if TYPE_CHECKING:
    from ..section_views import SessionServices

# Often enough that a shared folder feels live, rarely enough not to churn a USB stick.
AUTO_SYNC_MS = 3 * 60 * 1000
WATCH_DELAY_MS = 2500  # after the folder changed: a file being copied in has settled


def _table(model: Any, name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _certified_text(claimed: str, certified: str | None) -> str:
    """What a lead has certified this device as, in an officer's words."""
    if certified is None:
        return _(
            "Not yet certified by your safeguarding lead: sync with your lead once they "
            "have added this device."
        )
    if certified != claimed:
        return _("Certified by your lead as: {role} (this vault says {claimed}).").format(
            role=role_label(certified), claimed=role_label(claimed)
        )
    return _("Certified as: {role}").format(role=role_label(certified))


def _bundles_in(folder: Path) -> set[str]:
    return set(bundle_names(folder) or ())


def _sync_in_worker(caseload: Caseload, folder: Path) -> dict[str, Any]:
    """Sync on a connection of this thread's own, closed whatever happens."""
    return on_worker(caseload, lambda worker: SyncService(worker.ctx).sync_folder(folder).as_dict())


class SyncView(QWidget):
    """Everything about sharing work with colleagues' devices."""

    synced = Signal(dict)  # the sync report, after a sync finished

    def __init__(
        self,
        caseload: Caseload,
        settings: SettingsService,
        parent: QWidget | None = None,
        *,
        auto_sync_ms: int = AUTO_SYNC_MS,
        watch_folder: bool = True,
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._settings = settings
        self.sync = SyncService(caseload.ctx)
        self._op: BackgroundOp[dict[str, Any]] | None = None
        self._quiet = False

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Sync"))
        self.tabs.addTab(self._build_devices_tab(), _("This device and colleagues"))
        self.tabs.addTab(self._build_sync_tab(), _("Sync"))
        self.conflicts = ConflictsView(self.sync)
        self.tabs.addTab(self.conflicts, "")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Sync")))
        layout.addWidget(self.tabs, 1)

        self.auto_timer = QTimer(self)
        self.auto_timer.setInterval(auto_sync_ms)
        # New bundles in the folder: seen by the file system (a USB stick, a Syncthing or
        # OneDrive folder), synced a moment later, once the file has settled.
        self._watch = watch_folder
        self.watcher = QFileSystemWatcher(self)
        self.watch_delay = QTimer(self)
        self.watch_delay.setSingleShot(True)
        self.watch_delay.setInterval(WATCH_DELAY_MS)
        self._known_bundles: set[str] = set()
        self._connect()
        self.refresh()
        self.auto_timer.start()

    # -- building ------------------------------------------------------------------------------
    def _build_devices_tab(self) -> QWidget:
        info = self.sync.device()
        device_box = QGroupBox(_("This device"))
        self.device_label = QLabel(
            _("{name} · {role}").format(
                name=info.name or _("(no name set)"), role=role_label(info.role)
            )
        )
        # The role that counts is the one a lead certified; say so when it differs or is
        # still to come.
        self.certified_label = QLabel(_certified_text(info.role, info.certified_role))
        self.certified_label.setWordWrap(True)
        self.certified_label.setAccessibleName(_("This device's certified role"))
        self.fingerprint_label = QLabel(info.fingerprint)
        self.fingerprint_label.setFont(fingerprint_font(self.font()))
        self.fingerprint_label.setAccessibleName(
            _("This device's fingerprint: {digits}").format(digits=spelled(info.fingerprint))
        )
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_edit = QLineEdit(info.public_key)
        self.key_edit.setReadOnly(True)
        self.key_edit.setAccessibleName(_("This device's key to share"))
        self.copy_button = QPushButton(_("&Copy key"))
        key_label = QLabel(_("&Key to share:"))
        key_label.setBuddy(self.key_edit)
        grid = QGridLayout(device_box)
        grid.addWidget(self.device_label, 0, 0, 1, 3)
        grid.addWidget(self.certified_label, 1, 0, 1, 3)
        grid.addWidget(QLabel(_("Fingerprint to read aloud:")), 2, 0)
        grid.addWidget(self.fingerprint_label, 2, 1, 1, 2)
        grid.addWidget(key_label, 3, 0)
        grid.addWidget(self.key_edit, 3, 1)
        grid.addWidget(self.copy_button, 3, 2)
        grid.setColumnStretch(1, 1)

        peers_box = QGroupBox(_("Colleagues' devices this vault trusts"))
        self.peers_model = PeersTableModel(self)
        self.peers_table = _table(self.peers_model, _("Trusted devices"))
        self.add_peer_button = QPushButton(_("&Add a colleague's device…"))
        self.revoke_button = QPushButton(_("&Revoke…"))
        # A lead moves a departing officer's whole caseload (issue 23).
        self.handover_button = QPushButton(_("Hand &over caseload…"))
        self.handover_button.setVisible(self._caseload.ctx.is_lead)
        self.handover_dialog: QWidget | None = None
        row = QHBoxLayout()
        row.addWidget(self.add_peer_button)
        row.addWidget(self.revoke_button)
        row.addWidget(self.handover_button)
        row.addStretch(1)
        peers_layout = QVBoxLayout(peers_box)
        peers_layout.addWidget(self.peers_table, 1)
        peers_layout.addLayout(row)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(device_box)
        layout.addWidget(peers_box, 1)
        return page

    def _build_sync_tab(self) -> QWidget:
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.choose_folder_button = QPushButton(_("C&hoose folder…"))
        self.sync_button = QPushButton(_("&Sync now"))
        self.sync_button.setDefault(True)
        self.busy = BusyIndicator()
        self.state_label = QLabel()  # last synced with whom; what is waiting for whom
        self.state_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.concerns_label = QLabel()
        self.concerns_label.setWordWrap(True)
        self.concerns_label.setAccessibleName(_("Safeguarding concerns arrived"))
        apply_error_style(self.concerns_label)
        self.concerns_label.hide()
        auto = QLabel(
            _(
                "While Liaison Desktop is open, it also syncs by itself: a few seconds after "
                "a colleague's bundle arrives in the folder, and every {n} minutes whenever the "
                "folder can be reached."
            ).format(n=max(1, AUTO_SYNC_MS // 60000))
        )
        auto.setWordWrap(True)
        self.history_model = SyncHistoryModel(self)
        self.history_table = _table(self.history_model, _("Sync history"))
        self.history_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.history_table.setSortingEnabled(False)

        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addWidget(self.choose_folder_button)
        row.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.folder_label)
        layout.addLayout(row)
        layout.addWidget(auto)
        layout.addWidget(self.state_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.status_label)
        layout.addWidget(self.concerns_label)
        layout.addWidget(QLabel(_("What came in and went out:")))
        layout.addWidget(self.history_table, 1)
        return page

    def _connect(self) -> None:
        self.copy_button.clicked.connect(self._on_copy)
        self.add_peer_button.clicked.connect(self._on_add_peer)
        self.revoke_button.clicked.connect(self._on_revoke)
        self.handover_button.clicked.connect(lambda: self.open_handover())
        self.peers_table.selectionModel().selectionChanged.connect(self._on_peer_selection)
        self.sync_button.clicked.connect(self._on_sync_now)
        self.choose_folder_button.clicked.connect(self._on_choose_folder)
        self.auto_timer.timeout.connect(self._on_auto_sync)
        self.watcher.directoryChanged.connect(lambda _path: self.watch_delay.start())
        self.watch_delay.timeout.connect(self._on_folder_changed)
        self.conflicts.resolved.connect(self._on_conflict_resolved)
        self.conflicts.problem.connect(self._show_status)

    # -- state -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read peers, history and conflicts again."""
        self.peers_model.set_peers(self.sync.peers())
        info = self.sync.device()  # a bundle just imported may have brought its certificate
        self.certified_label.setText(_certified_text(info.role, info.certified_role))
        self.history_model.set_entries(self.sync.history())
        self.history_table.resizeColumnsToContents()
        self.conflicts.refresh()
        count = self.conflicts.model.rowCount()
        self.tabs.setTabText(2, _("Conflicts ({n})").format(n=count) if count else _("Conflicts"))
        folder = self.folder()
        self.folder_label.setText(
            _("Sync folder: {path}").format(path=folder)
            if folder
            else _("No sync folder chosen yet. Choose the USB stick or shared folder to use.")
        )
        self.state_label.setText(self.sync.status_text())
        self._watch_folder(folder)
        self._update_buttons()

    def _watch_folder(self, folder: str) -> None:
        watched = self.watcher.directories()
        if watched and watched != [folder]:
            self.watcher.removePaths(watched)
        wanted = self._watch and bool(folder) and Path(folder).is_dir()
        if wanted and folder not in self.watcher.directories():
            self.watcher.addPath(folder)
            self._known_bundles = _bundles_in(Path(folder))

    @Slot()
    def _on_folder_changed(self) -> None:
        """Sync when a bundle appeared that this device did not write itself."""
        folder = self.folder()
        if not folder:
            return
        now = _bundles_in(Path(folder))
        arrived = now - self._known_bundles
        self._known_bundles = now
        if arrived and not self.syncing and self.sync.peers():
            self.start_sync(Path(folder), quiet=True)
        elif arrived and self.syncing:
            self.watch_delay.start()  # after the sync in progress

    def folder(self) -> str:
        """The sync folder from this device's settings ("" when none)."""
        return self._settings.load().sync_folder

    @property
    def syncing(self) -> bool:
        """True while a sync is running."""
        return self._op is not None and self._op.running

    def _update_buttons(self) -> None:
        self.sync_button.setEnabled(not self.syncing)
        self.choose_folder_button.setEnabled(not self.syncing)
        rows = self.peers_table.selectionModel().selectedRows()
        self.revoke_button.setEnabled(bool(rows) and not bool(rows[0].data(REVOKED_ROLE)))

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        announce(self, text)  # "Sync finished: …" heard as well as seen

    def start_sync(self, folder: Path, *, quiet: bool = False) -> bool:
        """Sync through `folder` in the background; False if a sync is already running."""
        if self.syncing:
            return False
        self._quiet = quiet
        caseload = self._caseload

        def work(ctx: OpContext) -> dict[str, Any]:
            ctx.report(0, 0, _("Syncing through {path}…").format(path=folder))
            return _sync_in_worker(caseload, folder)

        self._op = BackgroundOp(
            owner=self,
            work=work,
            success=self._on_sync_done,
            failure=self._on_sync_failed,
            progress=self._on_sync_progress,
        )
        self.busy.start(_("Syncing through {path}…").format(path=folder))
        self._op.run_in_background()
        self._update_buttons()
        return True

    def _save_folder(self, folder: str) -> None:
        try:
            self._settings.save(replace(self._settings.load(), sync_folder=folder))
        except LiaisonError as exc:
            self._show_status(str(exc))

    # -- slots ---------------------------------------------------------------------------------
    @Slot()
    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.key_edit.text())
        self._show_status(_("Key copied. Send it to your colleague, then compare fingerprints."))

    @Slot()
    def _on_add_peer(self) -> None:
        dialog = PairingDialog(self.sync, self)
        dialog.peer_added.connect(self._on_peer_added)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(str)
    def _on_peer_added(self, _device_id: str) -> None:
        self.refresh()

    @Slot()
    def _on_revoke(self) -> None:
        rows = self.peers_table.selectionModel().selectedRows()
        if not rows:
            return
        device_id = str(rows[0].data(DEVICE_ID_ROLE))
        name = str(rows[0].data(Qt.ItemDataRole.DisplayRole))

        def revoke() -> None:
            try:
                self.sync.revoke_peer(device_id)
            except LiaisonError as exc:
                self._show_status(str(exc))
            else:
                self._show_status(_("{name}'s device is revoked.").format(name=name))
                self._ask_about_families(device_id, name)
            self.refresh()

        ask_to_confirm(
            self,
            _("Revoke a device"),
            _(
                "Stop trusting {name}'s device for good? Bundles from it will be refused, and "
                "it cannot be trusted again (a reinstalled laptop gets a new key)."
            ).format(name=name),
            _("Revoke"),
            revoke,
            icon=QMessageBox.Icon.Warning,
        )

    def _ask_about_families(self, device_id: str, name: str) -> None:
        """A revoked device that held families: ask where they go (another officer, or taken
        back), so none is left allocated to a laptop that will never sync again."""
        if not self._caseload.ctx.is_lead:
            return
        held = len(self._caseload.handover.families_of(device_id))
        if held == 0:
            return
        self.open_handover(
            device_id,
            ngettext(
                "{name}'s device still holds {n} family. Hand it to another officer, or take "
                "it back to allocate later.",
                "{name}'s device still holds {n} families. Hand them to another officer, or "
                "take them back to allocate later.",
                held,
            ).format(name=name, n=held),
        )

    def open_handover(self, from_device: str | None = None, intro: str = "") -> None:
        """Open the handover dialog (from the device given, if any)."""
        from .handover_dialog import HandoverDialog

        dialog = HandoverDialog(self._caseload, self, from_device=from_device, intro=intro)
        dialog.handed_over.connect(lambda _result: self.refresh())
        self.handover_dialog = dialog
        dialog.open()

    @Slot()
    def _on_peer_selection(self) -> None:
        self._update_buttons()

    @Slot()
    def _on_sync_now(self) -> None:
        folder = self.folder()
        if not folder:
            self._on_choose_folder()
            return
        self.start_sync(Path(folder))

    @Slot()
    def _on_choose_folder(self) -> None:
        open_folder_dialog(
            self,
            _("Choose the sync folder"),
            current=self.folder(),
            on_chosen=self._on_folder_chosen,
        )

    @Slot(str)
    def _on_folder_chosen(self, folder: str) -> None:
        if not folder:
            return
        self._save_folder(folder)
        self.refresh()
        self.start_sync(Path(folder))

    @Slot()
    def _on_auto_sync(self) -> None:
        folder = self.folder()
        if self.syncing or not folder or not Path(folder).is_dir() or not self.sync.peers():
            return  # nothing to do, or the stick is not in: try again at the next tick
        self.start_sync(Path(folder), quiet=True)

    def _on_sync_progress(self, done: int, total: int, label: str) -> None:
        self.busy.set_progress(done, total, label)

    def _on_sync_done(self, report: dict[str, Any]) -> None:
        self.busy.stop()
        folder = self.folder()
        if folder:  # what this sync wrote and cleared is not news
            self._known_bundles = _bundles_in(Path(folder))
        self.refresh()
        imported = report.get("imported", [])
        changes = sum(int(i.get("ops_applied", 0) or 0) for i in imported)
        lines = [
            _(
                "Sync finished: {n} change(s) came in from {b} bundle(s); {m} bundle(s) written."
            ).format(n=changes, b=len(imported), m=len(report.get("written", [])))
        ]
        conflicts = sum(int(i.get("conflicts", 0) or 0) for i in imported)
        if conflicts:
            lines.append(
                _("{n} field(s) were changed on two devices at once: see Conflicts.").format(
                    n=conflicts
                )
            )
        security = security_in(report)
        lines.extend(security_text(event) for event in security)
        for item in report.get("rejected", []):
            if security and any(str(e.get("what", "")) in item["reason"] for e in security):
                continue  # said above, as a security event
            lines.append(
                _("Refused {file}: {reason}").format(file=item["file"], reason=item["reason"])
            )
        self._show_status("\n".join(lines))
        concerns = concerns_in(report)
        if concerns:
            self.concerns_label.setText(
                _("{n} new safeguarding concern(s) arrived. Read them on the Today screen.").format(
                    n=concerns
                )
            )
            self.concerns_label.show()
        self._update_buttons()
        self.synced.emit(report)

    def _on_sync_failed(self, message: str) -> None:
        self.busy.stop()
        if not self._quiet:
            self._show_status(message)
        self._update_buttons()

    @Slot(str)
    def _on_conflict_resolved(self, _conflict_id: str) -> None:
        self.refresh()
        self._show_status(_("Your choice is saved and will sync to everyone."))


def build_sync_view(services: SessionServices) -> SyncView:
    """The Sync section for an unlocked session."""
    view = SyncView(services.caseload, services.settings)
    navigator = services.navigator
    view.synced.connect(lambda _report: navigator.notice(_("Sync finished.")))
    return view
