"""Files shipped inside the package (icons, translations), found without importlib.resources.

An installed package (pip, a wheel, the PyInstaller build) is a folder of files, so a path
next to this module is the file itself; importing `importlib.resources` to learn that costs
about 2 ms before the first window. Only where the package is not a folder (a zip archive)
is `importlib.resources` used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE_DIR = Path(__file__).parent


def package_file(*parts: str) -> Traversable:
    """The shipped file or folder at `parts` under the package (which may not exist)."""
    if PACKAGE_DIR.is_dir():
        return PACKAGE_DIR.joinpath(*parts)
    from importlib import resources

    return resources.files("liaison_desktop").joinpath(*parts)
