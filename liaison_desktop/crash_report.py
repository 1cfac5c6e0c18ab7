"""A crash report an officer can copy to IT support: versions and code locations, no case data.

An unexpected error's message, arguments and local variables can all hold what the officer
was working on (a `ValueError` quoting a family's name, a `KeyError` holding a note's first
words), so the report keeps only what names a place in the code: the exception's type and,
for each frame, the file (relative to the package or `site-packages`), the line number and
the function. Source lines are left out too: with the app version, file and line already say
exactly where, and a packaged app has no source to read anyway. Paths never show where the
app is installed (a home folder carries the user's name) and nothing reads the environment.

The same error in the same version always gets the same short crash id, so support can tell
at a glance that two reports are one problem. Nothing here writes anywhere or imports Qt.
"""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from types import TracebackType

from . import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
# Enough to see where an error started and where it surfaced; a deep recursion has 1,000.
HEAD_FRAMES = 10
TAIL_FRAMES = 20
MAX_CHAINED = 5
# Pseudo-file names Python gives code with no file: `<frozen importlib._bootstrap>`, `<string>`.
_PSEUDO_FILE = re.compile(r"<[\w .-]{1,60}>")
_SQLITE_NAME = re.compile(r"SQLITE_[A-Z_]{1,40}")


@dataclass(frozen=True)
class Frame:
    """One place in the code: a file relative to where the app is installed, a line, a function."""

    file: str
    line: int
    function: str

    def text(self) -> str:
        """The frame as one line of the report."""
        return f'  File "{self.file}", line {self.line}, in {self.function}'


@dataclass(frozen=True)
class ErrorSummary:
    """One exception of a chain: its type, a safe code (errno, SQLite) and its frames."""

    type_name: str
    code: str
    frames: tuple[Frame, ...]
    omitted: int
    relation: str  # "" for the error itself, else how it relates to the one before

    def lines(self) -> Iterator[str]:
        """The exception as lines of the report, innermost call last (as Python prints it)."""
        heading = {
            "cause": "Caused by: ",
            "context": "Raised while handling: ",
        }.get(self.relation, "Error: ")
        code = f" [{self.code}]" if self.code else ""
        yield f"{heading}{self.type_name}{code} (message left out: it may hold case data)"
        yield "Traceback (most recent call last):"
        for index, frame in enumerate(self.frames):
            if self.omitted and index == HEAD_FRAMES:
                yield f"  ... {self.omitted} frames left out ..."
            yield frame.text()


@dataclass(frozen=True)
class CrashReport:
    """What is known about one unexpected error, safe to copy, paste and e-mail."""

    crash_id: str
    where: str
    app_version: str
    python_version: str
    qt_version: str
    platform: str
    errors: tuple[ErrorSummary, ...]

    @property
    def type_name(self) -> str:
        """The type of the error that was not handled (the first of the chain)."""
        return self.errors[0].type_name

    def text(self) -> str:
        """The whole report as plain text (English for any support desk; ids are stable)."""
        head = [
            "Liaison Desktop crash report",
            f"Crash id: {self.crash_id}",
            f"Where: {self.where}",
            f"App version: {self.app_version}",
            f"Python: {self.python_version}",
        ]
        if self.qt_version:
            head.append(f"Qt: {self.qt_version}")
        head.append(f"Platform: {self.platform}")
        body: list[str] = []
        for error in self.errors:
            body.append("")
            body.extend(error.lines())
        return "\n".join(head + body) + "\n"


def build_report(exc: BaseException, *, where: str, qt_version: str = "") -> CrashReport:
    """The safe report of `exc` and the exceptions chained to it.

    `where` says what was running ("window", "background work", "command line"); the UI passes
    its Qt version so that this module needs no Qt.
    """
    import platform  # here, not at start-up: every window and command imports this module

    errors = tuple(_summaries(exc))
    return CrashReport(
        crash_id=_crash_id(errors),
        where=where,
        app_version=__version__,
        python_version=f"{platform.python_version()} ({platform.python_implementation()})",
        qt_version=qt_version,
        platform=platform.platform(),
        errors=errors,
    )


def _summaries(exc: BaseException) -> Iterator[ErrorSummary]:
    """The exception, then what caused it or was being handled, up to MAX_CHAINED in all."""
    seen: set[int] = set()
    current: BaseException | None = exc
    relation = ""
    while current is not None and id(current) not in seen and len(seen) < MAX_CHAINED:
        seen.add(id(current))
        frames = [_frame(tb) for tb in _walk(current.__traceback__)]
        omitted = max(0, len(frames) - HEAD_FRAMES - TAIL_FRAMES)
        if omitted:
            frames = frames[:HEAD_FRAMES] + frames[-TAIL_FRAMES:]
        yield ErrorSummary(
            type_name=_type_name(type(current)),
            code=_safe_code(current),
            frames=tuple(frames),
            omitted=omitted,
            relation=relation,
        )
        if current.__cause__ is not None:
            current, relation = current.__cause__, "cause"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, relation = current.__context__, "context"
        else:
            current = None


def _walk(tb: TracebackType | None) -> Iterator[TracebackType]:
    while tb is not None:
        yield tb
        tb = tb.tb_next


def _frame(tb: TracebackType) -> Frame:
    """A frame's place in the code; its locals and arguments are never looked at."""
    code = tb.tb_frame.f_code
    return Frame(file=safe_path(code.co_filename), line=tb.tb_lineno, function=code.co_qualname)


def _type_name(kind: type[BaseException]) -> str:
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _safe_code(exc: BaseException) -> str:
    """A number or constant naming the failure, never text from the exception's arguments."""
    if isinstance(exc, OSError) and isinstance(exc.errno, int):
        return errno.errorcode.get(exc.errno, str(exc.errno))
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str) and _SQLITE_NAME.fullmatch(name):
        return name
    return ""


def _roots() -> list[tuple[Path, str]]:
    """Folders whose insides may be named in a report, and the label that replaces them."""
    import sysconfig

    roots = [(PACKAGE_DIR, PACKAGE_DIR.name)]
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller app's own folder
    if isinstance(bundle, str):
        roots.append((Path(bundle).resolve(), "app"))
    for key in ("stdlib", "platstdlib"):
        roots.append((Path(sysconfig.get_paths()[key]).resolve(), "python"))
    return roots


def safe_path(filename: str) -> str:
    """`filename` as it may appear in a report: relative to a known root, else its name only."""
    if _PSEUDO_FILE.fullmatch(filename):
        return filename
    if filename.startswith("<"):
        return "<code>"
    path = PurePath(filename)
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            rest = parts[len(parts) - parts[::-1].index(marker) :]
            return "/".join(("site-packages", *rest))
    resolved = Path(filename).resolve()
    for root, label in _roots():
        if resolved.is_relative_to(root):
            return "/".join((label, *resolved.relative_to(root).parts))
    # Anywhere else (a home folder, a user's script): the folders may carry a name, so only
    # the file's own name is kept.
    home = Path.home().resolve()
    prefix = "<home>/…" if resolved.is_relative_to(home) else "…"
    return f"{prefix}/{path.name}"


def _crash_id(errors: tuple[ErrorSummary, ...]) -> str:
    """Eight hex digits from the types and frames (not the versions: those are shown apart)."""
    import hashlib  # loads OpenSSL: only when there is something to report

    digest = hashlib.sha256()
    for error in errors:
        digest.update(f"{error.relation}|{error.type_name}|{error.code}\n".encode())
        for frame in error.frames:
            digest.update(f"{frame.file}:{frame.line}:{frame.function}\n".encode())
    hexed = digest.hexdigest()[:8].upper()
    return f"{hexed[:4]}-{hexed[4:]}"
