"""The Debian packages Liaison Desktop needs, read from the one list the set-up script uses."""

from __future__ import annotations

import re
from importlib import resources

from .i18n import _

# Each need includes the ones before it (resources/debian-packages.txt explains the columns).
NEEDS = ("venv", "run", "test")
# How the dynamic loader names a library it could not find; other loader errors (a broken
# install, an undefined symbol) are not a missing package and keep their traceback.
_MISSING_LIBRARY = re.compile(r"\b(lib[\w.+-]*\.so[\d.]*): cannot open shared object file")


def debian_packages(need: str, *, debian_python: bool = False) -> list[str]:
    """The packages `need` calls for, in the list's order."""
    wanted = NEEDS[: NEEDS.index(need) + 1]
    text = resources.files(__package__).joinpath("resources/debian-packages.txt").read_text()
    packages = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) < 3:  # a comment or a blank line
            continue
        who, package, when = fields[:3]
        if who in wanted and (debian_python or when != "debian-python"):
            packages.append(package)
    return packages


def missing_qt_library_message(error: ImportError) -> str | None:
    """One line naming the packages to install when Qt could not load a shared library."""
    found = _MISSING_LIBRARY.search(str(error))
    if found is None:
        return None
    return _(
        "Liaison Desktop cannot start: the system library {library} that Qt needs is missing. "
        "On Debian, install Qt's libraries with: sudo apt-get install {packages}"
    ).format(library=found.group(1), packages=" ".join(debian_packages("run")))
