"""Letters and forms: the kinds, the placeholders a template may use, the school's built-in
templates, and filling a template (unknown placeholders are left showing and listed, so a
typo in a template is seen in the preview rather than printed silently blank)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from ..i18n import N_, _

LETTER_KINDS = ("appointment", "attendance", "referral_form", "invitation", "other")
TEMPLATE_NAMESPACE = uuid.UUID("4d0c9a51-7e2b-5f1d-9a3c-6b8e2f1a0c47")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def template_id(key: str) -> str:
    """A template's record id from its key: the same on every device, so edits converge."""
    return uuid.uuid5(TEMPLATE_NAMESPACE, key).hex


def kind_label(kind: str) -> str:
    """A letter kind in words."""
    return {
        "appointment": _("Appointment letter"),
        "attendance": _("Attendance letter"),
        "referral_form": _("Referral form"),
        "invitation": _("Invitation"),
        "other": _("Other letter"),
    }.get(kind, kind)


def placeholders() -> tuple[tuple[str, str], ...]:
    """What a template can say in braces, and what it becomes."""
    return (
        ("family_name", _("the family's name")),
        ("carer", _("the first carer's full name")),
        ("address", _("the family's address and postcode")),
        ("pupil", _("the pupil's name (the one chosen, or the first)")),
        ("pupil_first", _("the pupil's first (or preferred) name")),
        ("year_group", _("the pupil's year group")),
        ("attendance", _("the pupil's latest attendance figure")),
        ("visit_day", _("the day of the visit chosen")),
        ("visit_time", _("the time of the visit chosen")),
        ("organisation", _("the organisation chosen (referral forms)")),
        ("needs", _("the family's needs")),
        ("officer", _("your name")),
        ("school", _("the school's name")),
        ("today", _("today's date")),
    )


@dataclass(frozen=True)
class BuiltInTemplate:
    """A template the app ships; the school's own edit of the same key replaces it."""

    key: str
    kind: str
    title: str  # N_ msgid
    body: str  # N_ msgid


BUILT_IN: tuple[BuiltInTemplate, ...] = (
    BuiltInTemplate(
        "appointment",
        "appointment",
        N_("Home visit appointment"),
        N_(
            "Dear {carer},\n\n"
            "I would like to visit you at home on {visit_day} at {visit_time} to talk about "
            "how things are going for {pupil_first} and how school can help.\n\n"
            "If this time is not good for you, please ring the school office and ask for me, "
            "and we will find another.\n\n"
            "Yours sincerely,\n\n{officer}\nFamily Liaison Officer, {school}"
        ),
    ),
    BuiltInTemplate(
        "attendance",
        "attendance",
        N_("Attendance: let's talk"),
        N_(
            "Dear {carer},\n\n"
            "{pupil}'s attendance this term is {attendance}. Every day in school counts, and "
            "we know that getting to school can be hard for many reasons.\n\n"
            "I would like to meet you to understand what is getting in the way and agree what "
            "would help. Please contact me at school.\n\n"
            "Yours sincerely,\n\n{officer}\nFamily Liaison Officer, {school}"
        ),
    ),
    BuiltInTemplate(
        "referral_form",
        "referral_form",
        N_("Referral"),
        N_(
            "To: {organisation}\nFrom: {officer}, {school}\nDate: {today}\n\n"
            "Family: {family_name}\nAddress: {address}\nMain contact: {carer}\n"
            "Child: {pupil} (year {year_group})\n\n"
            "Reason for referral and what the family needs:\n{needs}\n\n"
            "The family knows about this referral and agrees to it.\n\n"
            "Please contact me at the school with any questions."
        ),
    ),
    BuiltInTemplate(
        "invitation",
        "invitation",
        N_("Invitation to a school activity"),
        N_(
            "Dear {carer},\n\n"
            "We would love you and {pupil_first} to join us at school. Families tell us these "
            "sessions are a good way to meet other parents and staff.\n\n"
            "Please let me know if you can come, or if anything would make it easier "
            "(a time that suits, someone to come with you, an interpreter).\n\n"
            "With best wishes,\n\n{officer}\nFamily Liaison Officer, {school}"
        ),
    ),
)


def shown(text: str) -> str:
    """A built-in template's title or words (N_ msgids above) in the language in use."""
    return _(text)


@dataclass(frozen=True)
class Filled:
    """A template filled from the record: the text, and any placeholder it did not know."""

    text: str
    unknown: tuple[str, ...]


def fill(body: str, values: Mapping[str, str]) -> Filled:
    """Put the values into `body`; an unknown or empty-valued placeholder stays visible."""
    unknown: list[str] = []

    def put(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value:
            return value
        if name not in values:
            unknown.append(name)
        return "[" + name.replace("_", " ") + "]"

    return Filled(_PLACEHOLDER.sub(put, body), tuple(dict.fromkeys(unknown)))
