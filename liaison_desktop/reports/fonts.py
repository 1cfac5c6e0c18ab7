"""The report fonts: DejaVu Sans shipped in the package, embedded (subset) in every PDF.

The standard PDF fonts cover only Latin-1, so Welsh (ŵ, ŷ), Polish (ł, ą), Vietnamese
(ệ, ữ) and Arabic names would print as boxes. DejaVu Sans covers all of them, including the
Arabic presentation forms that `text.visual` produces. The files are read through
`importlib.resources`, so an installed or frozen build finds them too.
"""

from __future__ import annotations

import io
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "LiaisonSans"
BOLD = "LiaisonSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def font_bytes(filename: str) -> bytes:
    """The bytes of one shipped font file."""
    return (resources.files("liaison_desktop") / "resources" / "fonts" / filename).read_bytes()


def register_fonts() -> None:
    """Register the report fonts with reportlab once per process (later calls do nothing)."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(filename))))
    # <b> inside a paragraph picks the bold face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
