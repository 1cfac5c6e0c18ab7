"""Files kept with a family (a letter, a consent form, a photo), encrypted inside the vault.

Attach with the button (a file chooser) or by dropping files on the tab; the file is read off
the GUI thread and its bytes go straight into the vault, never into a temporary file. "Save a
copy…" writes the file out where the officer chooses, after saying that the copy is not
encrypted; there is no "open", since opening in another program would need a plaintext copy
on disk that nothing could clean up. The size limit is said up front, and a file over it is
refused by name, beside the buttons, with nothing attached.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.attachments_service import AttachmentsService, size_text
from ..file_dialogs import open_files_dialog, open_save_dialog
from ..ops import BackgroundOp, OpContext
from ..widgets.confirm import ask_to_confirm
from ..widgets.styles import muted
from .common import Column, RowsModel, RowsTable, error_label, local_moment, show_message, text_of


def _read_files(paths: list[str], limit: int) -> list[tuple[str, bytes | None]]:
    """(name, bytes) of each file, None for one over the limit (not read), on a worker."""
    found: list[tuple[str, bytes | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.stat().st_size > limit:
            found.append((path.name, None))
            continue
        found.append((path.name, path.read_bytes()))
    return found


class AttachmentsTab(QWidget):
    """The family's attached files: attach (button or drop), save a copy, remove."""

    changed = Signal()

    def __init__(
        self, attachments: AttachmentsService, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._attachments = attachments
        self._family_id = family_id
        self._op: BackgroundOp[list[tuple[str, bytes | None]]] | None = None
        self.remove_box: QMessageBox | None = None
        self.save_dialog: QWidget | None = None
        self.setAcceptDrops(True)
        self.model: RowsModel[Record] = RowsModel(
            [
                Column(_("File"), lambda a: text_of(a.get("filename"))),
                Column(_("Size"), lambda a: size_text(int(a.get("size") or 0))),
                Column(_("Kind"), lambda a: text_of(a.get("media_type"))),
                Column(_("Added"), lambda a: local_moment(a.get("added_at"))),
            ],
            self,
        )
        self.table: RowsTable[Record] = RowsTable(self.model, _("Attached files"))
        self.table.stretch(0)
        self.limit_label = muted(
            QLabel(
                _(
                    "Files up to {limit} each, kept encrypted inside the vault on this laptop "
                    "(the file itself does not yet go to other devices by sync; its name and "
                    "size do). Drop files here, or:"
                ).format(limit=size_text(attachments.max_bytes))
            )
        )
        self.limit_label.setWordWrap(True)
        self.attach_button = QPushButton(_("Attach a &file…"))
        self.save_button = QPushButton(_("&Save a copy…"))
        self.remove_button = QPushButton(_("Re&move…"))
        self.message = error_label(self)
        self.status_label = muted(QLabel())
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.limit_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        self.attach_button.clicked.connect(self.choose_files)
        self.save_button.clicked.connect(self.start_save_copy)
        self.remove_button.clicked.connect(self.start_remove)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the family's attachments, newest first."""
        kept = self.table.current()
        rows = self._attachments.newest_first(self._family_id)
        self.model.set_rows(rows)
        if kept is not None:
            self.table.select_first(lambda a: a.id == kept.id)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.table.current() is not None
        self.save_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- attaching -------------------------------------------------------------------------------
    @Slot()
    def choose_files(self) -> None:
        """Ask for files to attach (Qt's own dialog: the platform's would remember them)."""
        self.save_dialog = open_files_dialog(
            self, _("Attach files to the family's record"), on_chosen=self.attach_files
        )

    @Slot(list)
    def attach_files(self, paths: list[str]) -> None:
        """Read `paths` off the GUI thread, then attach each one within the limit."""
        if not paths or (self._op is not None and self._op.running):
            return
        limit = self._attachments.max_bytes
        show_message(self.message, "")
        self.status_label.setText(_("Reading {n} file(s)…").format(n=len(paths)))
        self.attach_button.setEnabled(False)

        def work(_ctx: OpContext) -> list[tuple[str, bytes | None]]:
            return _read_files(paths, limit)

        op: BackgroundOp[list[tuple[str, bytes | None]]] = BackgroundOp(
            owner=self, work=work, success=self._on_read, failure=self._on_read_failed
        )
        self._op = op
        op.run_in_background()

    def _on_read(self, files: list[tuple[str, bytes | None]]) -> None:
        self.attach_button.setEnabled(True)
        problems: list[str] = []
        added = 0
        for name, data in files:
            if data is None:
                problems.append(
                    _("'{name}' is over the limit of {limit}; it was not attached.").format(
                        name=name, limit=size_text(self._attachments.max_bytes)
                    )
                )
                continue
            try:
                self._attachments.attach(self._family_id, name, data)
                added += 1
            except LiaisonError as exc:
                problems.append(str(exc))
        show_message(self.message, "\n".join(problems))
        self.status_label.setText(_("{n} file(s) attached.").format(n=added) if added else "")
        self.refresh()
        if added:
            self.table.select_source_row(0)
            self.changed.emit()

    def _on_read_failed(self, reason: str) -> None:
        self.attach_button.setEnabled(True)
        self.status_label.setText("")
        show_message(
            self.message,
            _("The file could not be read: {reason}. Nothing was attached.").format(reason=reason),
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        folders = [Path(p).name for p in paths if Path(p).is_dir()]
        files = [p for p in paths if Path(p).is_file()]
        if folders:
            show_message(
                self.message,
                _("Folders cannot be attached ({names}); drop the files in them.").format(
                    names=", ".join(folders)
                ),
            )
        event.acceptProposedAction()
        self.attach_files(files)

    # -- saving a copy and removing ----------------------------------------------------------------
    @Slot()
    def start_save_copy(self) -> None:
        """Choose where the (unencrypted) copy goes."""
        attachment = self.table.current()
        if attachment is None:
            return
        self.save_dialog = open_save_dialog(
            self,
            _("Save a copy (not encrypted) of {name}").format(name=attachment["filename"]),
            name_filter=_("All files (*)"),
            suggested_name=str(attachment["filename"]),
            on_chosen=lambda path: self.save_copy(attachment.id, path),
        )

    def save_copy(self, attachment_id: str, path: str) -> None:
        """Write the attachment's bytes to `path` (whole, or nothing on failure)."""
        try:
            self._attachments.save_copy(attachment_id, Path(path))
        except (LiaisonError, OSError) as exc:
            show_message(self.message, _("No copy was saved: {reason}").format(reason=exc))
            return
        show_message(self.message, "")
        self.status_label.setText(
            _("Copy saved as {path}. It is not encrypted: delete it when done.").format(path=path)
        )

    @Slot()
    def start_remove(self) -> None:
        """Confirm, then remove the selected file from the record (and the vault)."""
        attachment = self.table.current()
        if attachment is None:
            return

        def remove() -> None:
            try:
                self._attachments.delete(attachment.id)
            except LiaisonError as exc:
                show_message(self.message, str(exc))
                return
            self.refresh()
            self.changed.emit()

        self.remove_box = ask_to_confirm(
            self,
            _("Remove an attached file"),
            _("Remove '{name}' from this family's record? Its contents are erased from the "
              "vault, and from other devices at their next sync.").format(
                name=attachment["filename"]
            ),
            _("&Remove"),
            remove,
        )  # fmt: skip
