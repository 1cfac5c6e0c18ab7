"""Pupil facts the caseload filters, counts and warns on: free school meals, pupil premium,
SEND and EHC plans, children's social care status (child in need, child protection, looked
after), young carers and English as an additional language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import _

# The filter and count keys, in the order a list offers them.
FACTS = ("fsm", "pupil_premium", "send", "ehcp", "social_care", "cp", "lac", "young_carer", "eal")


def fact_label(key: str) -> str:
    """A fact as a filter or a count names it."""
    return {
        "fsm": _("Free school meals"),
        "pupil_premium": _("Pupil premium"),
        "send": _("SEND (support or EHC plan)"),
        "ehcp": _("EHC plan"),
        "social_care": _("Known to social care (CIN, CP or looked after)"),
        "cp": _("Child protection plan"),
        "lac": _("Looked after, now or before"),
        "young_carer": _("Young carer"),
        "eal": _("English as an additional language"),
    }.get(key, key)


def facts_of(person: Mapping[str, Any]) -> frozenset[str]:
    """The fact keys that hold for one person."""
    found: set[str] = set()
    for key in ("fsm", "pupil_premium", "young_carer", "eal"):
        if person.get(key):
            found.add(key)
    send = person.get("send")
    if send:
        found.add("send")
        if send == "ehcp":
            found.add("ehcp")
    care = person.get("care_status")
    if care:
        found.add("social_care")
        if care == "cp":
            found.add("cp")
        if care in ("lac", "previously_lac"):
            found.add("lac")
    return frozenset(found)


def facts_words(person: Mapping[str, Any]) -> str:
    """A person's facts in a line, with the day each began where known."""
    from . import vocabulary as v

    parts: list[str] = []
    if person.get("fsm"):
        since = person.get("fsm_since")
        parts.append(_("FSM since {day}").format(day=since) if since else _("FSM"))
    if person.get("pupil_premium"):
        parts.append(_("Pupil premium"))
    for key, since_key in (("send", "send_since"), ("care_status", "care_since")):
        value = person.get(key)
        if value:
            since = person.get(since_key)
            label = v.label(str(value))
            parts.append(_("{fact} since {day}").format(fact=label, day=since) if since else label)
    if person.get("young_carer"):
        parts.append(_("Young carer"))
    if person.get("eal"):
        parts.append(_("EAL"))
    return ", ".join(parts)
