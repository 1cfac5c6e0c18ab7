"""Redaction: chosen people, contacts and notes are left out of a report, not covered up.

A redacted value is replaced by the word "[redacted]" before any text reaches reportlab, so
the redacted words are never drawn, never in a content stream and never in the font subset.
Names of redacted people and contacts are also scrubbed from free text (notes, chronology
summaries, facts), matching whole words regardless of case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _

MIN_SCRUB_LENGTH = 2


def redacted_word() -> str:
    """What a person reads where something was redacted."""
    return _("[redacted]")


@dataclass
class Redactor:
    """Which records are redacted and which words to scrub from free text."""

    people: frozenset[str] = frozenset()
    contacts: frozenset[str] = frozenset()
    notes: frozenset[str] = frozenset()
    _words: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = None

    @property
    def active(self) -> bool:
        """Whether anything is redacted."""
        return bool(self.people or self.contacts or self.notes or self._words)

    @property
    def count(self) -> int:
        """How many records were chosen for redaction."""
        return len(self.people) + len(self.contacts) + len(self.notes)

    def add_words(self, words: Iterable[str | None]) -> None:
        """Scrub these words or phrases (names) wherever they appear in free text."""
        for word in words:
            if word and len(word.strip()) >= MIN_SCRUB_LENGTH:
                self._words.add(word.strip())
        self._pattern = None

    def scrub(self, text: str | None) -> str:
        """Free text with every scrubbed word replaced by "[redacted]"."""
        if not text:
            return ""
        if not self._words:
            return text
        if self._pattern is None:
            # Longest first, so a full name is replaced whole before its parts.
            words = sorted(self._words, key=len, reverse=True)
            alternatives = "|".join(re.escape(w) for w in words)
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        return self._pattern.sub(redacted_word(), text)

    def value(self, redacted: bool, value: Any) -> str:
        """A field value as printed: "[redacted]" when its record is redacted."""
        if value is None or value == "":
            return ""
        return redacted_word() if redacted else self.scrub(str(value))

    def person_redacted(self, person: Mapping[str, Any]) -> bool:
        """Whether a person's details are redacted."""
        return str(person.get("id")) in self.people

    def contact_redacted(self, contact: Mapping[str, Any]) -> bool:
        """Whether a contact's details are redacted."""
        return str(contact.get("id")) in self.contacts

    def note_redacted(self, note_id: str | None) -> bool:
        """Whether a note's text is redacted."""
        return note_id is not None and note_id in self.notes


def person_name(person: Mapping[str, Any]) -> str:
    """A person's full name as stored."""
    return " ".join(str(x) for x in (person.get("given_name"), person.get("family_name")) if x)


def contact_details(record: Mapping[str, Any]) -> list[str]:
    """A person's or contact's phone numbers (as stored and as printed) and email addresses:
    redacting them removes these wherever they appear (a carer's phone given as the family's)."""
    from ..domain.fields import display_phone

    details: list[str] = []
    for key in ("phone", "mobile"):
        if record.get(key):
            details.extend([str(record[key]), display_phone(str(record[key]))])
    for key in ("email", "secure_email"):
        if record.get(key):
            details.append(str(record[key]))
    return details


def build_redactor(
    *,
    people: Iterable[Mapping[str, Any]],
    contacts: Iterable[Mapping[str, Any]],
    redact_people: Iterable[str] = (),
    redact_contacts: Iterable[str] = (),
    redact_notes: Iterable[str] = (),
    keep_words: Iterable[str] = (),
) -> Redactor:
    """A redactor for these records; the names of redacted people and contacts are scrubbed.

    A redacted person's family name is scrubbed only when nobody left unredacted shares it
    (and it is not in `keep_words`, e.g. the family's own name): redacting a mother's new
    partner must not blank out the surname of every child in the household.
    """
    people = list(people)
    contacts = list(contacts)
    redactor = Redactor(
        people=frozenset(redact_people),
        contacts=frozenset(redact_contacts),
        notes=frozenset(redact_notes),
    )
    kept_surnames = {
        str(p.get("family_name") or "").casefold()
        for p in people
        if not redactor.person_redacted(p)
    }
    kept_words = " ".join(keep_words).casefold().split()
    words: list[str | None] = []
    for person in people:
        if redactor.person_redacted(person):
            words.append(person_name(person))
            words.append(person.get("given_name"))
            words.extend(contact_details(person))
            surname = str(person.get("family_name") or "")
            if (
                surname
                and surname.casefold() not in kept_surnames
                and surname.casefold() not in kept_words
            ):
                words.append(surname)
    for contact in contacts:
        if redactor.contact_redacted(contact):
            words.extend([contact.get("name"), contact.get("organisation")])
            words.extend(contact_details(contact))
    redactor.add_words(words)
    return redactor
