"""Checks and compiles the translation catalogues (a build tool: the app never imports it,
and it is not shipped in the app).

`python -m tools.i18n_check [--compile] PO_OR_DIR... [-o LOCALE_DIR]` rejects any
translation whose placeholders differ from its source (the runtime would show English for
it, see `i18n.CheckedTranslations`) or that loses a keyboard mnemonic, and with `--compile`
writes `LOCALE_DIR/<lang>/LC_MESSAGES/liaison.mo` for each catalogue that passes. Fuzzy and
empty entries are allowed: they are left out of the compiled catalogue and show in English.
Needs Babel (the `test` and `package` extras), imported only here.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from liaison_desktop.i18n import DOMAIN, PlaceholderError, placeholders

# "&Lock" has a mnemonic; "&&" is a literal ampersand.
_MNEMONIC = re.compile(r"&(?!&)(?=\S)")


@dataclass(frozen=True)
class Problem:
    """One translation that must not ship, and why."""

    file: str
    msgid: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}: {self.msgid!r}"


def _mnemonics(text: str) -> int:
    return len(_MNEMONIC.findall(text.replace("&&", "")))


def _form_problem(source_ids: Sequence[str], translated: str) -> str | None:
    """Why one translated form must not be used with these sources, or None."""
    try:
        mine = placeholders(translated)
    except PlaceholderError as exc:
        return f"the translation's braces cannot be read ({exc})"
    wanted = [placeholders(s) for s in source_ids]
    if mine not in wanted:
        expected = " or ".join(sorted(str(sorted(w)) for w in set(wanted)))
        return f"placeholders {sorted(mine)} differ from the source's {expected}"
    if _mnemonics(source_ids[0]) and _mnemonics(translated) != 1:
        return "the source has one keyboard mnemonic (&) and the translation must too"
    return None


def check_catalogue(path: Path) -> list[Problem]:
    """Every problem of one .po file (an unreadable file is one problem)."""
    from babel.messages.pofile import read_po

    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except Exception as exc:  # babel raises its own PoFileError and plain ValueErrors
        return [Problem(path.name, "", f"the file cannot be read ({exc})")]
    problems: list[Problem] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        if isinstance(message.string, (list, tuple)):
            forms = [str(s) for s in message.string]
        else:
            forms = [str(message.string or "")]
        for form in forms:
            if not form:
                continue  # untranslated: English is shown
            try:
                reason = _form_problem([str(i) for i in ids], form)
            except PlaceholderError as exc:
                reason = f"the source's braces cannot be read ({exc})"
            if reason:
                problems.append(Problem(path.name, str(ids[0]), reason))
    return problems


def catalogue_ids(path: Path) -> set[str]:
    """The msgids (singular) of a .po or .pot file, obsolete entries left out."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    found: set[str] = set()
    for message in catalog:
        if message.id:
            found.add(str(message.id[0] if isinstance(message.id, (list, tuple)) else message.id))
    return found


def translated_ids(path: Path) -> set[str]:
    """The msgids of a .po file that have a non-fuzzy translation."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    found: set[str] = set()
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.id and not message.fuzzy and any(strings):
            found.add(str(message.id[0] if isinstance(message.id, (list, tuple)) else message.id))
    return found


def compile_catalogue(po: Path, mo: Path) -> bool:
    """Write `mo` from `po` (fuzzy entries left out); False when it was already up to date."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.stem)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    data = buffer.getvalue()
    if mo.is_file() and mo.read_bytes() == data:
        return False
    mo.parent.mkdir(parents=True, exist_ok=True)
    temporary = mo.with_suffix(".mo.tmp")
    temporary.write_bytes(data)
    temporary.replace(mo)
    return True


def catalogues(paths: Iterable[Path]) -> list[Path]:
    """The .po files named, or found directly inside the folders named."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.po")) if path.is_dir() else [path])
    return found


def compile_all(sources: Path, locale_dir: Path) -> list[Problem]:
    """Check every .po in `sources`; compile them all when none has a problem."""
    po_files = catalogues([sources])
    problems = [p for po in po_files for p in check_catalogue(po)]
    if not problems:
        for po in po_files:
            compile_catalogue(po, locale_dir / po.stem / "LC_MESSAGES" / f"{DOMAIN}.mo")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: 0 when every catalogue passes (and is compiled), 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m tools.i18n_check")
    parser.add_argument("paths", nargs="+", type=Path, help="a .po file or a folder of them")
    parser.add_argument("--compile", action="store_true", help="write the .mo files")
    parser.add_argument(
        "-o", "--locale-dir", type=Path, default=Path("liaison_desktop/resources/locale")
    )
    args = parser.parse_args(argv)
    po_files = catalogues(args.paths)
    problems = [p for po in po_files for p in check_catalogue(po)]
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    if problems:
        sys.stderr.write(f"{len(problems)} translation(s) rejected; nothing was compiled.\n")
        return 1
    if args.compile:
        for po in po_files:
            mo = args.locale_dir / po.stem / "LC_MESSAGES" / f"{DOMAIN}.mo"
            if compile_catalogue(po, mo):
                sys.stdout.write(f"compiled {mo}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
