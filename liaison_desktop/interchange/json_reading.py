"""Pass 1 of a JSON import: the file (its size, bytes, JSON and format) and its JSON Schema,
with every problem collected under a cap so an officer can fix a file in one go."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..errors import InputRejected
from ..i18n import N_, _
from ..services.validation import ValidationFailed
from .document import FORMAT, load_schema, render_path

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Enough to fix a file in one go without drowning the officer in the same mistake repeated.
MAX_PROBLEMS = 200


class TooManyProblems(Exception):
    """Internal: the cap on collected problems was reached."""


class Problems:
    """Collects (path, reason) up to the cap."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []
        self.truncated = False
        self.suppress: set[str] = set()

    def add(self, path: str, reason: str) -> None:
        if path in self.suppress:
            return
        if len(self.items) >= MAX_PROBLEMS:
            self.truncated = True
            raise TooManyProblems
        self.items.append((path, reason))

    def extend(self, problems: list[tuple[str, str]]) -> None:
        for path, reason in problems:
            self.add(path, reason)
            self.suppress.add(path)

    def raise_if_any(self) -> None:
        if self.items:
            items = list(self.items)
            if self.truncated:
                items.append(("…", _("more problems were found; fix these first and import again")))
            raise ValidationFailed(items)


# -- pass 1: the file ----------------------------------------------------------------------------
def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """The parsed document, or InputRejected saying plainly what is wrong with the file."""
    data = read_limited(path, max_bytes=max_bytes)
    return parse_document(data)


def read_limited(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, refused before reading when it is larger than `max_bytes`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputRejected(_too_large(size, max_bytes))
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputRejected(
            _("There is no file at {path}. Nothing was changed.").format(path=path)
        ) from None
    except IsADirectoryError:
        raise InputRejected(
            _("{path} is a folder, not a file. Nothing was changed.").format(path=path)
        ) from None
    except PermissionError:
        raise InputRejected(
            _("The file {path} cannot be read (permission denied). Nothing was changed.").format(
                path=path
            )
        ) from None
    if len(data) > max_bytes:  # it grew while we looked
        raise InputRejected(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return _(
        "The file is {size:.1f} MB, more than the {limit:.0f} MB an import may be. It was not "
        "read and nothing was changed. Split it into smaller files and import each."
    ).format(size=size / 1_000_000, limit=limit / (1024 * 1024))


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            # json would keep the last and silently drop the first: refuse instead.
            raise InputRejected(
                _(
                    "The key '{key}' appears twice in one object, so one of its values would be "
                    "lost. Nothing was changed; remove one of them."
                ).format(key=key)
            )
        out[key] = value
    return out


def _reject_constant(name: str) -> Any:
    raise InputRejected(
        _("The file holds {name}, which is not a value JSON allows. Nothing was changed.").format(
            name=name
        )
    )


def parse_document(data: bytes) -> dict[str, Any]:
    """Decode and parse the bytes of an interchange file, and check its `format`."""
    if not data.strip():
        raise InputRejected(_("The file is empty. Nothing was changed."))
    if b"\x00" in data:
        raise InputRejected(
            _(
                "The file is not a text file (it holds binary data), so it is not a Liaison "
                "Desktop export. Nothing was changed."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputRejected(
            _(
                "The file is not UTF-8 text (unreadable bytes at position {pos}); it may be "
                "binary or saved in another encoding. Nothing was changed."
            ).format(pos=exc.start)
        ) from None
    try:
        document = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        # An unterminated string or a missing closing bracket at the end: the file was cut.
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            raise InputRejected(
                _(
                    "The file ends in the middle of the data (line {line}): it looks cut short, "
                    "perhaps by an interrupted copy. Nothing was changed."
                ).format(line=exc.lineno)
            ) from None
        raise InputRejected(
            _(
                "The file is not valid JSON: {reason} at line {line}, column {col}. "
                "Nothing was changed."
            ).format(reason=exc.msg, line=exc.lineno, col=exc.colno)
        ) from None
    except RecursionError:
        raise InputRejected(
            _("The file is nested too deeply to be an interchange file. Nothing was changed.")
        ) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits with a bare ValueError.
        raise InputRejected(
            _(
                "The file holds a number far too long to be real data, so it is not an "
                "interchange file. Nothing was changed."
            )
        ) from None
    if not isinstance(document, dict):
        raise InputRejected(
            _(
                "The file holds JSON, but not a Liaison Desktop document (expected an object "
                'with "format": "{format}"). Nothing was changed.'
            ).format(format=FORMAT)
        )
    found = document.get("format")
    if found != FORMAT:
        shown = _("no format at all") if found is None else repr(found)[:60]
        raise ValidationFailed(
            [
                (
                    "format",
                    _(
                        "is {found}, but this app reads only '{format}' files; nothing was read"
                    ).format(found=shown, format=FORMAT),
                )
            ]
        )
    return document


# -- pass 2: the document ------------------------------------------------------------------------
_TYPE_WORDS = {
    "string": N_("must be text"),
    "integer": N_("must be a whole number"),
    "number": N_("must be a number"),
    "boolean": N_("must be true or false"),
    "array": N_("must be a list [...]"),
    "object": N_("must be an object {...}"),
    "null": N_("must be empty"),
}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _schema_problems(error: ValidationError) -> Iterator[tuple[str, str]]:
    """An error of the JSON Schema, said as (path, reason) for a person."""
    path = render_path(list(error.absolute_path))
    validator = error.validator

    def joined(name: str) -> str:
        return f"{path}.{name}" if path else name

    if validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        for key in error.instance:
            if key not in known:
                yield (
                    joined(key),
                    _(
                        "is not a field this format knows; unknown fields are refused, not "
                        "dropped (check the spelling)"
                    ),
                )
        return
    if validator == "required" and isinstance(error.instance, dict):
        for name in error.validator_value:
            if name not in error.instance:
                yield joined(name), _("is required")
        return
    if validator == "type":
        wanted = error.validator_value
        word = _TYPE_WORDS.get(wanted, "") if isinstance(wanted, str) else ""
        yield path or "(document)", _(word) if word else error.message
        return
    if validator == "enum":
        yield (
            path,
            _("{value} is not one of: {choices}").format(
                value=_shown(error.instance), choices=", ".join(map(str, error.validator_value))
            ),
        )
        return
    if validator == "anyOf":
        branches = error.validator_value if isinstance(error.validator_value, list) else []
        nulls = [i for i, branch in enumerate(branches) if branch == {"type": "null"}]
        if nulls and error.context:
            # An optional value (it may be null): say what is wrong with the value itself.
            for sub in error.context:
                if sub.relative_schema_path and sub.relative_schema_path[0] not in nulls:
                    yield from _schema_problems(sub)
            return
    if validator in ("pattern", "anyOf", "format"):
        described = error.schema.get("description") or _("the expected form")
        yield path, _("{value} is not {what}").format(value=_shown(error.instance), what=described)
        return
    if validator == "maxLength":
        yield path, _("is longer than {n} characters").format(n=error.validator_value)
        return
    if validator == "minLength":
        yield path, _("must not be empty")
        return
    if validator == "minimum":
        yield path, _("must be at least {n}").format(n=error.validator_value)
        return
    if validator == "maximum":
        yield path, _("must be at most {n}").format(n=error.validator_value)
        return
    if validator == "const":
        yield path, _("must be {value}").format(value=_shown(error.validator_value))
        return
    yield path or "(document)", error.message


def schema_problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Every way the document departs from the JSON Schema, in document order."""
    # Formats are asserted (a `date` must be a real calendar date), as the importer does.
    validator = Draft202012Validator(
        load_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    problems: list[tuple[str, str]] = []
    errors = sorted(
        validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path]
    )
    for error in errors:
        for problem in _schema_problems(error):
            if problem not in problems:
                problems.append(problem)
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems
