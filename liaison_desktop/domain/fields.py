"""Field types and their validation: what a value of each field may be, in plain words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..i18n import _


class FieldType(Enum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # notes, strengths: many lines
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601, stored as given (normalised to seconds)
    TIME = "time"  # HH:MM
    INT = "int"
    BOOL = "bool"
    ENUM = "enum"
    POSTCODE = "postcode"  # UK postcode, stored upper-case with one space
    PHONE = "phone"  # UK phone number, stored in E.164
    EMAIL = "email"
    UPN = "upn"  # unique pupil number
    TAGS = "tags"  # a list of short strings
    REF = "ref"  # the id of another record


class FieldError(ValueError):
    """A value that does not fit its field; the message names the problem for a person."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record kind."""

    name: str
    type: FieldType
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # the record kind a REF points at
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 20_000

    def clean(self, value: Any) -> Any:
        """The stored form of `value`, or FieldError; None means 'empty'."""
        if value is None or (isinstance(value, str) and value.strip() == ""):
            if self.required:
                raise FieldError(_("is required"))
            return [] if self.type is FieldType.TAGS else None
        return _CLEANERS[self.type](self, value)


_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)
_UPN = re.compile(r"^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$")
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # I, O and S are never used


def upn_check_letter(rest: str) -> str:
    """The check letter of a unique pupil number for its other 12 characters (DfE's
    algorithm): each character times its place (2 to 13), summed, modulo 23, as a letter.
    A temporary UPN ends in a letter, counted as its place in UPN_LETTERS."""
    total = sum(
        weight * (int(ch) if ch.isdigit() else UPN_LETTERS.index(ch))
        for weight, ch in enumerate(rest, start=2)
    )
    return UPN_LETTERS[total % 23]


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Ofcom's ranges reserved for drama: valid for fictional (demo) data though never allocated.
_OFCOM_DRAMA_PREFIXES = ("7700900", "1632960")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _text(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(_("must be text"))
    text = value.strip() if spec.type is not FieldType.LONGTEXT else value.strip("\n")
    if spec.type is FieldType.TEXT and ("\n" in text or "\r" in text):
        raise FieldError(_("must be a single line"))
    if len(text) > spec.max_length:
        raise FieldError(_("is longer than {n} characters").format(n=spec.max_length))
    if "\x00" in text:
        raise FieldError(_("contains a NUL character"))
    return text


def _date(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(_("must be a date written YYYY-MM-DD"))
    text = value.strip()
    if len(text) > 10 and text[10] in "T ":
        # A date and time where a date is meant (what many tools write): its date is kept.
        try:
            text = datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            raise FieldError(
                _("'{v}' is not a real date and time (ISO 8601)").format(v=value)
            ) from None
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise FieldError(_("'{v}' is not a real date (YYYY-MM-DD)").format(v=value)) from None
    if len(text) != 10:
        raise FieldError(_("must be a date written YYYY-MM-DD"))
    if not 1900 <= parsed.year <= 2200:
        raise FieldError(_("year {y} is out of range").format(y=parsed.year))
    return parsed.isoformat()


def _datetime(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(_("must be a date and time (ISO 8601)"))
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise FieldError(_("'{v}' is not a real date and time").format(v=value)) from None
    if not 1900 <= parsed.year <= 2200:
        raise FieldError(_("year {y} is out of range").format(y=parsed.year))
    return parsed.isoformat(timespec="seconds")


def _time(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str) or not _TIME.match(value.strip()):
        raise FieldError(_("must be a time written HH:MM"))
    return value.strip()


def _int(spec: FieldSpec, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FieldError(_("must be a whole number"))
    try:
        number = int(value)
    except ValueError:
        raise FieldError(_("must be a whole number")) from None
    if spec.min_value is not None and number < spec.min_value:
        raise FieldError(_("must be at least {n}").format(n=spec.min_value))
    if spec.max_value is not None and number > spec.max_value:
        raise FieldError(_("must be at most {n}").format(n=spec.max_value))
    return number


def _bool(spec: FieldSpec, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "false", "no", "0"):
        return value.strip().lower() in ("true", "yes", "1")
    raise FieldError(_("must be true or false"))


def _enum(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str) or value not in spec.choices:
        raise FieldError(
            _("'{v}' is not one of: {choices}").format(v=value, choices=", ".join(spec.choices))
        )
    return value


def _postcode(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(_("must be a UK postcode"))
    compact = re.sub(r"\s+", "", value.upper())
    if not _POSTCODE.match(compact) and not _POSTCODE.match(value.upper().strip()):
        raise FieldError(_("'{v}' is not a UK postcode").format(v=value))
    return f"{compact[:-3]} {compact[-3:]}"


def _phone(spec: FieldSpec, value: Any) -> str:
    import phonenumbers  # about 0.1 s to import: only when a phone number is checked

    if not isinstance(value, str):
        raise FieldError(_("must be a UK phone number"))
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise FieldError(_("'{v}' is not a phone number").format(v=value)) from None
    national = str(number.national_number)
    drama = number.country_code == 44 and national.startswith(_OFCOM_DRAMA_PREFIXES)
    # The drama check first: it is cheap, and is_valid_number is slow and refuses them anyway.
    if not ((drama and len(national) == 10) or phonenumbers.is_valid_number(number)):
        raise FieldError(_("'{v}' is not a valid UK phone number").format(v=value))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _email(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise FieldError(_("'{v}' is not an email address").format(v=value))
    return value.strip()


def _upn(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str) or not _UPN.match(value.strip().upper()):
        raise FieldError(
            _("'{v}' is not a unique pupil number (a letter and 12 characters)").format(v=value)
        )
    upn = value.strip().upper()
    if upn_check_letter(upn[1:]) != upn[0]:
        raise FieldError(
            _(
                "'{v}' is not a unique pupil number: its check letter does not match the rest "
                "(a character is probably mistyped)"
            ).format(v=value)
        )
    return upn


def _tags(spec: FieldSpec, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [part for part in (p.strip() for p in value.split(",")) if part]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(_("must be a list of words"))
    cleaned = []
    for item in value:
        item = item.strip()
        if not item or "\n" in item or len(item) > 100:
            raise FieldError(_("has an empty or over-long entry"))
        if item not in cleaned:
            cleaned.append(item)
    return cleaned


def _ref(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise FieldError(_("must be the id of a {kind}").format(kind=spec.ref or "record"))
    return value.strip()


_CLEANERS = {
    FieldType.TEXT: _text,
    FieldType.LONGTEXT: _text,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
    FieldType.TIME: _time,
    FieldType.INT: _int,
    FieldType.BOOL: _bool,
    FieldType.ENUM: _enum,
    FieldType.POSTCODE: _postcode,
    FieldType.PHONE: _phone,
    FieldType.EMAIL: _email,
    FieldType.UPN: _upn,
    FieldType.TAGS: _tags,
    FieldType.REF: _ref,
}


def display_phone(value: str | None) -> str:
    """A stored (E.164) UK number as people write it: '+441614960000' → '0161 496 0000'."""
    if not value:
        return ""
    import phonenumbers  # about 0.1 s to import: only when a number is shown

    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return value
    if number.country_code != 44:
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
