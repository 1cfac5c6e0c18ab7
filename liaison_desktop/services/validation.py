"""Checking values against a record kind before anything is written."""

from __future__ import annotations

from typing import Any

from ..domain.fields import FieldError
from ..domain.records import RecordSpec
from ..errors import InputRejected
from ..i18n import _


class ValidationFailed(InputRejected):
    """One or more values were refused; `problems` lists (field path, reason)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        lines = [f"{path}: {reason}" for path, reason in problems[:20]]
        if len(problems) > 20:
            lines.append(_("… and {n} more problems").format(n=len(problems) - 20))
        super().__init__(
            _("Nothing was saved because some values were not accepted:\n{lines}").format(
                lines="\n".join(f"  {line}" for line in lines)
            )
        )


def clean_values(
    spec: RecordSpec,
    values: dict[str, Any],
    *,
    creating: bool,
    path: str = "",
) -> dict[str, Any]:
    """Validated, normalised values; unknown fields and missing required ones are refused."""
    problems: list[tuple[str, str]] = []
    cleaned: dict[str, Any] = {}
    prefix = f"{path}." if path else ""
    for name, value in values.items():
        spec_field = spec.by_name.get(name)
        if spec_field is None:
            problems.append((prefix + name, _("is not a field of a {kind}").format(kind=spec.kind)))
            continue
        try:
            cleaned[name] = spec_field.clean(value)
        except FieldError as exc:
            problems.append((prefix + name, str(exc)))
    if creating:
        for spec_field in spec.fields:
            if spec_field.required and spec_field.name not in values:
                problems.append((prefix + spec_field.name, _("is required")))
    if problems:
        raise ValidationFailed(problems)
    return cleaned
