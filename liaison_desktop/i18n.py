"""The one translation catalogue for UI, CLI and service messages."""

from __future__ import annotations

import gettext

_translation: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """Translate a user-visible message."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _translation.ngettext(singular, plural, n)


def install(translation: gettext.NullTranslations) -> None:
    """Make `translation` the catalogue every later `_()` call uses."""
    global _translation
    _translation = translation
