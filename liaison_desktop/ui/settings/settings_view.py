"""Settings: automatic lock, sync folder, appearance and language of this device; the officer's
name; and, on a lead's vault, the caseload rules.

Device preferences go to `settings.json` (never anything personal); the name and the rules go
into the encrypted vault through `ProfileService`. Each change applies as soon as it is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...errors import LiaisonError
from ...i18n import _, available_languages
from ...services.backups_service import BackupsService
from ...services.caseload import Caseload
from ...services.diary_service import DiaryService
from ...services.profile_service import (
    CLOCK_SKEW_RANGE,
    VOUCHER_LIMIT_RANGE,
    VOUCHER_WINDOW_RANGE,
    CaseloadRules,
    ProfileService,
)
from ...services.settings_service import (
    MAX_AUTO_LOCK_MINUTES,
    MIN_AUTO_LOCK_MINUTES,
    Settings,
    SettingsService,
)
from ..announce import announce
from ..file_dialogs import open_folder_dialog
from ..roles import LEAD
from ..theme import apply_theme
from ..widgets.scroll_area import quiet
from ..widgets.styles import apply_error_style, heading, muted
from .backups_box import BackupsBox
from .reminders_box import RemindersBox
from .school_lists_box import categories_box, schools_box

if TYPE_CHECKING:
    from ..section_views import SessionServices


MAX_WIDTH_CHARS = 110


def theme_choices() -> list[tuple[str, str]]:
    """(stored value, label) of each appearance."""
    return [
        ("system", _("Follow the system (light or dark)")),
        ("light", _("Light")),
        ("dark", _("Dark")),
    ]


# Each language in its own words (and in English, for whoever set it by mistake).
_LANGUAGE_NAMES = {
    "cy": "Cymraeg (Welsh)",
    "pl": "Polski (Polish)",
    "ar": "العربية (Arabic)",
}


def language_choices() -> list[tuple[str, str]]:
    """(stored value, label) of each language offered; "" is the system's language.

    Only languages with an installed catalogue are offered: choosing one that has none would
    silently stay English.
    """
    installed = available_languages()
    return [("", _("The system's language")), ("en", "English")] + [
        (code, name) for code, name in _LANGUAGE_NAMES.items() if code in installed
    ]


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(0, index))


class SettingsView(QWidget):
    """Preferences of this device and this vault; every change is saved as it is made."""

    owner_name_changed = Signal(str)

    def __init__(
        self,
        settings: SettingsService,
        profile: ProfileService,
        role: str,
        parent: QWidget | None = None,
        *,
        backups: BackupsService | None = None,
        diary: DiaryService | None = None,
        caseload: Caseload | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._profile = profile
        self._role = role
        current = settings.load()

        # -- this device -----------------------------------------------------------------------
        self.auto_lock_spin = QSpinBox()
        self.auto_lock_spin.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock_spin.setSuffix(_(" minutes"))
        self.auto_lock_spin.setValue(current.auto_lock_minutes)
        # Save on Enter, arrows or leaving the box, not on every digit typed ("15" is not "1").
        self.auto_lock_spin.setKeyboardTracking(False)

        self.sync_folder_edit = QLineEdit(current.sync_folder)
        self.sync_folder_edit.setReadOnly(True)
        self.sync_folder_edit.setPlaceholderText(_("No sync folder chosen"))
        self.choose_folder_button = QPushButton(_("Ch&oose…"))
        self.choose_folder_button.setAccessibleName(_("Choose the sync folder"))
        self.clear_folder_button = QPushButton(_("Clea&r"))
        self.clear_folder_button.setAccessibleName(_("Forget the sync folder"))
        self.clear_folder_button.setEnabled(bool(current.sync_folder))
        self.folder_dialog: QFileDialog | None = None

        self.theme_combo = QComboBox()
        for value, label in theme_choices():
            self.theme_combo.addItem(label, value)
        _select(self.theme_combo, current.theme)

        self.language_combo = QComboBox()
        for value, label in language_choices():
            self.language_combo.addItem(label, value)
        _select(self.language_combo, current.language)

        device = QGroupBox(_("This computer"))
        device_form = QFormLayout(device)
        device_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        device_form.addRow(*self._buddy(_("&Lock automatically after"), self.auto_lock_spin))
        device_form.addRow(
            muted(QLabel(_("The vault locks itself when nobody has used the keyboard or mouse "
                           "for this long. A new time applies at once.")))
        )  # fmt: skip
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.sync_folder_edit, 1)
        folder_row.addWidget(self.choose_folder_button)
        folder_row.addWidget(self.clear_folder_button)
        folder_label = QLabel(_("Sync folder"))
        folder_label.setBuddy(self.choose_folder_button)
        self.sync_folder_edit.setAccessibleName(_("Sync folder"))
        device_form.addRow(folder_label, folder_row)
        device_form.addRow(
            muted(QLabel(_("A USB stick, network share or cloud-synced folder where encrypted "
                           "bundles are exchanged with colleagues.")))
        )  # fmt: skip
        device_form.addRow(*self._buddy(_("&Appearance"), self.theme_combo))
        device_form.addRow(*self._buddy(_("La&nguage"), self.language_combo))
        # Applied at the next start, before any window is built: retranslating every open
        # view live would need each to rebuild its text, and a half-translated screen is worse.
        device_form.addRow(muted(QLabel(_("Takes effect when you restart Liaison Desktop."))))

        # -- the officer -----------------------------------------------------------------------
        self.name_edit = QLineEdit(profile.owner_name())
        self.name_edit.setMaxLength(200)
        self.save_name_button = QPushButton(_("&Save name"))
        self.name_error = QLabel()
        apply_error_style(self.name_error)
        self.name_error.hide()
        you = QGroupBox(_("You"))
        you_form = QFormLayout(you)
        you_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_edit, 1)
        name_row.addWidget(self.save_name_button)
        name_label = QLabel(_("Your na&me"))
        name_label.setBuddy(self.name_edit)
        you_form.addRow(name_label, name_row)
        you_form.addRow(self.name_error)
        you_form.addRow(
            muted(QLabel(_("Shown as the author of new notes and visits; what you wrote before "
                           "keeps the name it was written with. Kept in the encrypted vault.")))
        )  # fmt: skip

        # -- sync: how far ahead another device's clock may be ---------------------------------
        self.clock_skew_spin = QSpinBox()
        self.clock_skew_spin.setRange(*CLOCK_SKEW_RANGE)
        self.clock_skew_spin.setSuffix(_(" hours"))
        self.clock_skew_spin.setValue(profile.clock_skew_hours())
        self.clock_skew_spin.setKeyboardTracking(False)
        self.clock_skew_spin.setAccessibleName(
            _("Refuse sync changes stamped more than this many hours ahead of this device")
        )
        self.sync_box = QGroupBox(_("Sync safety"))
        sync_form = QFormLayout(self.sync_box)
        sync_form.addRow(*self._buddy(_("Re&fuse changes stamped more than"),
                                      self.clock_skew_spin))  # fmt: skip
        sync_form.addRow(
            muted(QLabel(_("A bundle holding a change stamped further ahead of this device's "
                           "clock is refused whole and shown as a security event. Applies to "
                           "this device only.")))
        )  # fmt: skip

        # -- the caseload rules (a lead's) -----------------------------------------------------
        rules = profile.caseload_rules()
        self.voucher_limit_spin = QSpinBox()
        self.voucher_limit_spin.setRange(*VOUCHER_LIMIT_RANGE)
        self.voucher_limit_spin.setValue(rules.voucher_limit)
        self.voucher_window_spin = QSpinBox()
        self.voucher_window_spin.setRange(*VOUCHER_WINDOW_RANGE)
        self.voucher_window_spin.setSuffix(_(" months"))
        self.voucher_window_spin.setValue(rules.voucher_window_months)
        self.save_rules_button = QPushButton(_("Save r&ules"))
        self.rules_error = QLabel()
        apply_error_style(self.rules_error)
        self.rules_error.hide()
        self.rules_box = QGroupBox(_("Caseload rules"))
        rules_form = QFormLayout(self.rules_box)
        rules_form.addRow(*self._buddy(_("Food-bank vouchers before a &warning"),
                                      self.voucher_limit_spin))  # fmt: skip
        rules_form.addRow(*self._buddy(_("Counted over the last"), self.voucher_window_spin))
        rules_form.addRow(self.rules_error)
        rules_buttons = QHBoxLayout()
        rules_buttons.addWidget(self.save_rules_button)
        rules_buttons.addStretch(1)
        rules_form.addRow(rules_buttons)
        is_lead = role == LEAD
        for control in (self.voucher_limit_spin, self.voucher_window_spin, self.save_rules_button):
            control.setEnabled(is_lead)
        if not is_lead:
            rules_form.addRow(
                muted(QLabel(_("Your safeguarding lead sets these rules for everyone.")))
            )

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Settings status"))

        content = QWidget()
        # A readable line length on a wide screen (in characters, so it follows the font).
        content.setMaximumWidth(content.fontMetrics().averageCharWidth() * MAX_WIDTH_CHARS)
        column = QVBoxLayout(content)
        column.addWidget(heading(_("Settings")))
        column.addWidget(device)
        column.addWidget(you)
        column.addWidget(self.sync_box)
        self.backups_box = BackupsBox(backups) if backups is not None else None
        if self.backups_box is not None:
            column.addWidget(self.backups_box)
        self.reminders_box = RemindersBox(diary) if diary is not None else None
        if self.reminders_box is not None:
            column.addWidget(self.reminders_box)
        column.addWidget(self.rules_box)
        # A lead's shared lists (issue 23): the trust's schools, the school's own categories.
        self.schools_box: QGroupBox | None = None
        self.categories_box: QGroupBox | None = None
        if caseload is not None and is_lead:
            self.schools_box = schools_box(caseload)
            self.categories_box = categories_box(caseload)
            column.addWidget(self.schools_box)
            column.addWidget(self.categories_box)
        column.addWidget(self.status_label)
        column.addStretch(1)
        scroll = quiet(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._connect()

    @staticmethod
    def _buddy(text: str, field: QWidget) -> tuple[QLabel, QWidget]:
        label = QLabel(text)
        label.setBuddy(field)
        return label, field

    def _connect(self) -> None:
        self.auto_lock_spin.valueChanged.connect(self._on_auto_lock_changed)
        self.choose_folder_button.clicked.connect(self._on_choose_folder)
        self.clear_folder_button.clicked.connect(self._on_clear_folder)
        self.theme_combo.currentIndexChanged.connect(self._on_theme_changed)
        self.language_combo.currentIndexChanged.connect(self._on_language_changed)
        self.save_name_button.clicked.connect(self._on_save_name)
        self.name_edit.returnPressed.connect(self._on_save_name)
        self.save_rules_button.clicked.connect(self._on_save_rules)
        self.clock_skew_spin.valueChanged.connect(self._on_clock_skew_changed)

    # -- saving --------------------------------------------------------------------------------
    def _save(self, changes: dict[str, object], done: str) -> bool:
        """Save one changed preference; says what happened in the status line."""
        current = self._settings.load()
        values = {
            "auto_lock_minutes": current.auto_lock_minutes,
            "theme": current.theme,
            "language": current.language,
            "sync_folder": current.sync_folder,
            **changes,
        }
        try:
            self._settings.save(Settings(**values))  # type: ignore[arg-type]
        except LiaisonError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(done)
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        announce(self, text, assertive=error)
        if error:
            apply_error_style(self.status_label)
        else:
            self.status_label.setPalette(self.palette())

    def set_sync_folder(self, folder: str) -> None:
        """Save `folder` as the sync folder ("" forgets it)."""
        if folder:
            done = _("Sync folder saved.")
        else:
            done = _("The sync folder is forgotten; nothing in it was touched.")
        if self._save({"sync_folder": folder}, done):
            self.sync_folder_edit.setText(folder)
            self.clear_folder_button.setEnabled(bool(folder))

    # -- slots ---------------------------------------------------------------------------------
    @Slot(int)
    def _on_auto_lock_changed(self, minutes: int) -> None:
        self._save(
            {"auto_lock_minutes": minutes},
            _("The vault now locks after {n} minutes without use.").format(n=minutes),
        )

    @Slot()
    def _on_choose_folder(self) -> None:
        self.folder_dialog = open_folder_dialog(
            self,
            _("Choose the sync folder"),
            current=self.sync_folder_edit.text(),
            on_chosen=self._on_folder_selected,
        )

    @Slot(str)
    def _on_folder_selected(self, folder: str) -> None:
        self.folder_dialog = None
        if folder:
            self.set_sync_folder(folder)

    @Slot()
    def _on_clear_folder(self) -> None:
        self.set_sync_folder("")

    @Slot(int)
    def _on_theme_changed(self, _index: int) -> None:
        theme = str(self.theme_combo.currentData())
        if self._save({"theme": theme}, _("Appearance changed.")):
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                apply_theme(app, theme)

    @Slot(int)
    def _on_language_changed(self, _index: int) -> None:
        self._save(
            {"language": str(self.language_combo.currentData())},
            _("Language saved. It takes effect when you restart Liaison Desktop."),
        )

    @Slot()
    def _on_save_name(self) -> None:
        try:
            name = self._profile.set_owner_name(self.name_edit.text())
        except LiaisonError as exc:
            problems = getattr(exc, "problems", None)
            self.name_error.setText(
                str(problems[0][1]).capitalize() + "." if problems else str(exc)
            )
            self.name_error.show()
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.name_error.hide()
        self.name_edit.setText(name)
        self._say(_("Your name is saved; new notes and visits carry it."))
        self.owner_name_changed.emit(name)

    @Slot(int)
    def _on_clock_skew_changed(self, hours: int) -> None:
        try:
            saved = self._profile.set_clock_skew_hours(hours)
        except LiaisonError as exc:
            self._say(str(exc))
            return
        self._say(
            _("Saved: changes stamped more than {hours} hours ahead are refused.").format(
                hours=saved
            )
        )

    @Slot()
    def _on_save_rules(self) -> None:
        rules = CaseloadRules(self.voucher_limit_spin.value(), self.voucher_window_spin.value())
        try:
            saved = self._profile.set_caseload_rules(rules)
        except LiaisonError as exc:
            self.rules_error.setText(str(exc))
            self.rules_error.show()
            return
        self.rules_error.hide()
        self._say(
            _("Saved: a warning shows after {limit} food-bank vouchers in {months} months.").format(
                limit=saved.voucher_limit, months=saved.voucher_window_months
            )
        )


def build_settings_view(services: SessionServices) -> SettingsView:
    """The Settings section for an unlocked session."""
    ctx = services.caseload.ctx
    view = SettingsView(
        services.settings,
        ProfileService(ctx),
        ctx.role,
        backups=BackupsService(ctx),
        diary=services.caseload.diary,
        caseload=services.caseload,
    )
    view.owner_name_changed.connect(services.navigator.identity_changed)
    return view
