"""Draw a report's pages for the preview, in memory: no page image ever touches the disk.

A case summary drawn as a PNG is as sensitive as the case itself, so pages are rendered
without files: with pypdfium2 when it is installed (in process), else with poppler's pdftoppm
reading the PDF from a pipe and writing the PNG to a pipe (`-singlefile` with no output root
writes to standard output). If neither can draw, the report's text is shown instead.
Runs on a worker thread (it uses no Qt).
"""

from __future__ import annotations

import importlib
import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PREVIEW_DPI = 60
MAX_PREVIEW_PAGES = 20
_TIMEOUT_S = 60


@dataclass(frozen=True)
class RenderedPreview:
    """Pages as PNG bytes (first `len(pages)` of `total_pages`), or the text when no images."""

    engine: str  # "pdfium", "pdftoppm" or "text"
    total_pages: int
    pages: list[bytes] = field(default_factory=list)
    text: str = ""


def _pdfium() -> Any | None:
    """pypdfium2 when installed (an optional dependency), else None."""
    try:
        return importlib.import_module("pypdfium2")
    except ImportError:
        return None


def available_engines() -> list[str]:
    """The renderers this machine has, best first."""
    engines = []
    if _pdfium() is not None:
        engines.append("pdfium")
    if shutil.which("pdftoppm"):
        engines.append("pdftoppm")
    engines.append("text")
    return engines


def _render_pdfium(pdf: bytes, count: int, dpi: int, stop: Callable[[], bool]) -> list[bytes]:
    pdfium = _pdfium()
    assert pdfium is not None
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for number in range(count):
            if stop():
                break
            page = document[number]
            bitmap = page.render(scale=dpi / 72)
            out = io.BytesIO()
            bitmap.to_pil().save(out, format="PNG")
            pages.append(out.getvalue())
            page.close()
        return pages
    finally:
        document.close()


def _render_pdftoppm(pdf: bytes, count: int, dpi: int, stop: Callable[[], bool]) -> list[bytes]:
    pages = []
    for number in range(1, count + 1):
        if stop():
            break
        # "-" reads the PDF from stdin; -singlefile with no output root writes PNG to stdout.
        args = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(number), "-l", str(number)]
        proc = subprocess.run(
            [*args, "-singlefile", "-"],
            input=pdf,
            capture_output=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
        if proc.returncode != 0 or not proc.stdout.startswith(b"\x89PNG"):
            raise OSError("pdftoppm could not draw the page")
        pages.append(proc.stdout)
    return pages


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext"):
        proc = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=pdf,
            capture_output=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
        if proc.returncode == 0:
            return proc.stdout.decode("utf-8", "replace")
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n\f".join(page.extract_text() or "" for page in reader.pages)


def render_pages(
    pdf: bytes,
    total_pages: int,
    *,
    dpi: int = PREVIEW_DPI,
    max_pages: int = MAX_PREVIEW_PAGES,
    engine: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> RenderedPreview:
    """The first `max_pages` pages as PNGs with the best engine (or `engine`), else the text."""
    count = max(0, min(total_pages, max_pages))
    engines = [engine] if engine else available_engines()
    for name in engines:
        try:
            if name == "pdfium":
                return RenderedPreview(
                    name, total_pages, _render_pdfium(pdf, count, dpi, cancelled)
                )
            if name == "pdftoppm":
                return RenderedPreview(
                    name, total_pages, _render_pdftoppm(pdf, count, dpi, cancelled)
                )
        except (OSError, subprocess.SubprocessError, ValueError, RuntimeError):
            continue  # try the next way of drawing; the text always works
    return RenderedPreview("text", total_pages, text=_text(pdf))
