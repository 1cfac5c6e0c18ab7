"""Applies the language setting to the GUI: our catalogue, and Qt's own for its standard texts.

Run at start-up before any window is built; a change in Settings applies at the next start
(see docs/decisions.md, "Internationalisation").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import i18n

# Installed translators must outlive this call (Qt does not own them), and a later call
# (a test switching back to English) removes them again.
_installed: list[QTranslator] = []


def system_languages() -> list[str]:
    """The languages the desktop asks for, most wanted first (QLocale reads the OS settings)."""
    return list(QLocale.system().uiLanguages())


def install_qt_translations(app: QCoreApplication, language: str) -> bool:
    """Load Qt's translation of its standard buttons and dialogs; False when it has none."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == i18n.SOURCE_LANGUAGE:
        return False
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        # Qt ships no Welsh; its few texts (OK, Cancel) stay English. Not worth a warning.
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def apply_language(app: QCoreApplication, setting: str) -> str:
    """Use `setting` ("" for the system's language) for every text shown from now on."""
    chosen = i18n.load(setting, system_languages())
    install_qt_translations(app, chosen)
    return chosen
