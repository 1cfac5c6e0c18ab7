"""The one translation catalogue for UI, CLI and service messages.

Sources live in `resources/translations/` (`liaison.pot`, one `<lang>.po` each); the build
compiles them to `liaison_desktop/resources/locale/<lang>/LC_MESSAGES/liaison.mo`, read here
through `package_files` so a wheel or a frozen app finds them too. As in Electrum's
`i18n.py`, a translation whose placeholders differ from its source is never used: the English
source is shown instead, so a translator's slip can never raise KeyError at `.format()` time.
This module stays free of Qt; the GUI passes the system's languages in from QLocale.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .package_files import package_file

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DOMAIN = "liaison"
SOURCE_LANGUAGE = "en"
# The environment variables gettext itself reads, in its order of precedence.
_ENV_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# Strict %-style conversions only: "90% is" must not count as a "% i" placeholder.
_PERCENT = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-#0+]?\d*(?:\.\d+)?[sdifrxXeEgGc%]")
_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})?$")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language: str = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate a user-visible message."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (`_()` it where shown).

    For labels held in module-level tables: those are built at import, before the officer's
    language is loaded, so translating them there would freeze them in English.
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _translation.ngettext(singular, plural, n)


def install(translation: gettext.NullTranslations) -> None:
    """Make `translation` the catalogue every later `_()` call uses."""
    global _translation
    _translation = translation


# -- placeholders --------------------------------------------------------------------------------


class PlaceholderError(ValueError):
    """A message's placeholders could not be read (an unbalanced brace, say)."""


def placeholders(text: str) -> frozenset[str]:
    """The `{field}` (with conversion and format spec) and `%`-style placeholders of `text`."""
    found: set[str] = set()
    try:
        for _literal, field, spec, conversion in string.Formatter().parse(text):
            if field is not None:
                found.add("{" + field + ("!" + conversion if conversion else "")
                          + (":" + spec if spec else "") + "}")  # fmt: skip
    except ValueError as exc:
        raise PlaceholderError(str(exc)) from exc
    found.update(m for m in _PERCENT.findall(text) if m != "%%")
    return frozenset(found)


def same_placeholders(translated: str, *sources: str) -> bool:
    """True when `translated` has exactly the placeholders of one of `sources`.

    A plural form may match the singular or the plural source: English "one family" has no
    {n}, and a language whose singular form is "un teulu" may drop it as English does.
    """
    try:
        mine = placeholders(translated)
        return any(mine == placeholders(source) for source in sources)
    except PlaceholderError:
        return False


class CheckedTranslations(gettext.GNUTranslations):
    """A catalogue that answers with the English source when a translation's placeholders
    differ from it, instead of a string whose `.format()` would fail or lose a value."""

    def gettext(self, message: str) -> str:
        """The translation of `message`, or `message` when the translation is unsafe."""
        translated = super().gettext(message)
        if translated is message or same_placeholders(translated, message):
            return translated
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The plural form for `n`, or the English form when the translation is unsafe."""
        translated = super().ngettext(msgid1, msgid2, n)
        if translated in (msgid1, msgid2) or same_placeholders(translated, msgid1, msgid2):
            return translated
        return msgid1 if n == 1 else msgid2


# -- choosing and loading a language -------------------------------------------------------------


def normalise(code: str) -> str:
    """'cy-GB.UTF-8' → 'cy_GB'; '' for codes that name no language ('C', 'POSIX')."""
    code = code.split(".")[0].split("@")[0].replace("-", "_").strip()
    if "_" in code:
        base, region = code.split("_", 1)
        code = f"{base.lower()}_{region}"
    else:
        code = code.lower()
    return code if _CODE.match(code) else ""


def _locale_dir() -> Traversable:
    return package_file("resources", "locale")


def available_languages() -> tuple[str, ...]:
    """English and every language whose compiled catalogue is installed, sorted."""
    found = {SOURCE_LANGUAGE}
    root = _locale_dir()
    if root.is_dir():
        for entry in root.iterdir():
            if entry.joinpath("LC_MESSAGES", f"{DOMAIN}.mo").is_file():
                found.add(entry.name)
    return tuple(sorted(found))


def environment_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The languages the environment asks for, most wanted first (as gettext reads them)."""
    env = os.environ if environ is None else environ
    wanted: list[str] = []
    for name in _ENV_VARIABLES:
        value = env.get(name, "")
        if value:
            wanted.extend(value.split(":") if name == "LANGUAGE" else [value])
            if name != "LANGUAGE":
                break  # LC_ALL beats LC_MESSAGES beats LANG; LANGUAGE only adds preferences
    if not any(normalise(w) for w in wanted):
        # Windows sets none of these; the C library knows the user's locale there.
        try:
            code = locale.getlocale()[0]
        except ValueError:
            code = None
        if code:
            wanted.append(code)
    return wanted


def choose_language(
    setting: str | None, system: Iterable[str], available: Sequence[str] | None = None
) -> str:
    """The language to show: the setting if translated, else the first system language that
    is (a region such as cy_GB falls back to cy), else English."""
    offered = available_languages() if available is None else tuple(available)
    candidates = [setting] if setting else []
    candidates.extend(system)
    for candidate in candidates:
        code = normalise(candidate)
        if not code:
            continue
        for option in (code, code.split("_")[0]):
            if option in offered:
                return option
        if setting and candidate == setting:
            # An explicit choice with no catalogue (yet) means English, not the system's.
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def catalogue(language: str) -> CheckedTranslations | None:
    """The compiled catalogue of `language`, or None when it is not installed."""
    mo = _locale_dir().joinpath(language, "LC_MESSAGES", f"{DOMAIN}.mo")
    if not _CODE.match(language) or not mo.is_file():
        return None
    return CheckedTranslations(io.BytesIO(mo.read_bytes()))


def load(language: str | None, system: Iterable[str] | None = None) -> str:
    """Use the catalogue for `language` ("" or None: the system's), falling back to English.

    `system` is the system's languages, most wanted first (the GUI passes QLocale's); by
    default they come from LANGUAGE, LC_ALL, LC_MESSAGES, LANG or the C library's locale.
    Returns the language now in use.
    """
    global _language
    chosen = choose_language(language, environment_languages() if system is None else system)
    translation = None if chosen == SOURCE_LANGUAGE else catalogue(chosen)
    if translation is None:
        chosen = SOURCE_LANGUAGE
    install(translation or gettext.NullTranslations())
    _language = chosen
    return chosen


def current_language() -> str:
    """The language of the catalogue in use ('en' when untranslated)."""
    return _language
