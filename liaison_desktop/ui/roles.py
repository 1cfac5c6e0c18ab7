"""The two roles, in the words an officer uses."""

from __future__ import annotations

from ..i18n import _

OFFICER = "officer"
LEAD = "lead"


def role_choices() -> list[tuple[str, str]]:
    """(stored value, label) for each role, officer first."""
    return [(OFFICER, _("Family liaison officer")), (LEAD, _("Safeguarding lead"))]


def role_label(role: str) -> str:
    """The label of a stored role value (the value itself if it is unknown)."""
    return dict(role_choices()).get(role, role)
