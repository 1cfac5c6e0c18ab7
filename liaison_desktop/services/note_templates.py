"""The outlines a new note starts with, one text file per template in resources/templates/.

Kept as files (read through importlib.resources, so a wheel or frozen build finds them) so a
school can reword an outline without touching code. A translation is a file of the same name
in a folder named for the language (`templates/cy/home_visit.txt`); without one the English
outline is used.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..domain import vocabulary as v
from ..i18n import SOURCE_LANGUAGE, current_language


@lru_cache(maxsize=64)
def _read(language: str, template: str) -> str | None:
    folder = resources.files("liaison_desktop") / "resources" / "templates"
    if language != SOURCE_LANGUAGE:
        folder = folder / language
    path = folder / f"{template}.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def outline(template: str, language: str | None = None) -> str:
    """The plain-text outline `template` starts a note with ("" for none, e.g. "general")."""
    if template not in v.NOTE_TEMPLATES:
        return ""
    language = language or current_language()
    text = _read(language, template) if language != SOURCE_LANGUAGE else None
    if text is None:
        text = _read(SOURCE_LANGUAGE, template)
    return text or ""
