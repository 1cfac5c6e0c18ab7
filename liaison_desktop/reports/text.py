"""Text on its way into a PDF: escaped for reportlab's mini-markup, right-to-left runs made visual.

reportlab 5.1 lays text out left to right. Its own right-to-left support needs `rlbidi`,
which is not on PyPI, and its `uharfbuzz` shaping joins Arabic letters but leaves the order of
words to rlbidi. So Arabic-script text is shaped with `arabic-reshaper` (letters become their
joined presentation forms) and put in visual order with `python-bidi` before reportlab sees
it. Both are optional: without them Arabic letters still print (DejaVu has them) but unjoined
and in logical order, and `rtl_supported()` says so. Lines of text are reordered before
wrapping, which is right for names and short phrases; a long Arabic passage that wraps over
several lines would show its lines in the wrong order (recorded in docs/decisions.md).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any, cast
from xml.sax.saxutils import escape

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and the Arabic presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _load() -> tuple[Callable[[str], str], Callable[..., Any]] | None:
    try:
        reshaper = importlib.import_module("arabic_reshaper")
        bidi = importlib.import_module("bidi")
    except ImportError:
        return None
    return cast(Callable[[str], str], reshaper.reshape), cast(Callable[..., Any], bidi.get_display)


_SHAPERS = _load()


def rtl_supported() -> bool:
    """Whether Arabic-script text is joined and ordered right to left in reports."""
    return _SHAPERS is not None


def has_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left script."""
    return bool(_RTL.search(text))


def visual(text: str) -> str:
    """The text in the order a left-to-right layout must draw it (unchanged if no RTL)."""
    if _SHAPERS is None or not has_rtl(text):
        return text
    reshape, get_display = _SHAPERS
    # The documents read left to right, so the paragraph's base direction is LTR: an Arabic
    # name inside an English sentence stays where the sentence puts it.
    return "\n".join(str(get_display(reshape(line), base_dir="L")) for line in text.split("\n"))


def markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, visual order, line breaks kept."""
    return escape(visual(text)).replace("\n", "<br/>")
