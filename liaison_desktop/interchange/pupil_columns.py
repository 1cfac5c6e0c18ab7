"""How a school's pupil export is read: its columns (each system spells its headers its own
way), its text encoding, and the dates, year groups and names in it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date

from ..errors import InputRejected
from ..i18n import _
from ..services.validation import ValidationFailed
from .csv_text import UTF8, UTF16, WINDOWS_1252, CsvProblem, NotCsvText, decode_csv_bytes

# Canonical column → header spellings seen in school exports, most specific first. Legal
# names win over preferred ones: they are what other agencies' records will match.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "family": (
        "family",
        "family id",
        "family ref",
        "family reference",
        "household",
        "household id",
        "family group",
        "sibling group",
    ),
    "given_name": (
        "legal forename",
        "legal first name",
        "forename",
        "first name",
        "given name",
        "preferred forename",
        "preferred first name",
    ),
    "preferred_name": (
        "preferred forename",
        "preferred first name",
        "preferred name",
        "known as",
    ),
    "family_name": (
        "legal surname",
        "legal last name",
        "surname",
        "last name",
        "family name",
        "preferred surname",
        "preferred last name",
    ),
    "date_of_birth": ("dob", "date of birth", "birth date", "birthdate", "d.o.b.", "d.o.b"),
    "year_group": (
        "year group",
        "nc year",
        "national curriculum year",
        "nc year actual",
        "curriculum year",
        "year",
        "yr",
    ),
    "upn": ("upn", "unique pupil number", "student upn", "pupil upn"),  # Bromcom: "Student"
    "address": ("address", "home address", "address line 1", "address 1", "street"),
    "address_2": ("address line 2", "address 2", "locality"),
    "town": ("town", "town/city", "city", "post town"),
    "postcode": ("postcode", "post code", "postal code"),
    "contact_name": (
        "primary contact",
        "primary contact name",
        "contact name",
        "contact 1 name",
        "contact 1 full name",  # Bromcom
        "contact 1",
        "main contact",
        "parent/carer",
        "parent carer",
    ),
    "contact_relationship": (
        "contact relationship",
        "primary contact relationship",
        "contact 1 relationship",
        "relationship",
    ),
    "contact_phone": (
        "contact phone",
        "primary contact phone",
        "primary contact telephone",  # SIMS
        "primary contact mobile",  # Arbor
        "primary contact phone number",
        "contact 1 phone",
        "contact telephone",
        "contact 1 telephone",
        "contact mobile",
        "contact 1 mobile",
        "telephone",
        "phone",
        "mobile",
    ),
    "contact_email": ("contact email", "primary contact email", "contact 1 email", "email"),
    "contact2_name": ("contact 2 name", "contact 2", "secondary contact", "second contact"),
    "contact2_relationship": ("contact 2 relationship", "secondary contact relationship"),
    "contact2_phone": (
        "contact 2 phone",
        "contact 2 telephone",
        "contact 2 mobile",
        "secondary contact phone",
    ),
    "contact2_email": ("contact 2 email", "secondary contact email"),
    # Pupil facts (issue 22), as SIMS, Arbor and Bromcom name them.
    "fsm": ("fsm", "fsm eligible", "fsm eligibility", "free school meals", "eligible for fsm"),
    "pupil_premium": ("pupil premium", "pp", "pupil premium indicator", "pp eligible"),
    "send": ("sen status", "sen provision", "send status", "sen", "send"),
    "eal": ("eal", "english as an additional language", "eal status"),
    "young_carer": ("young carer", "young carer indicator"),
    "care_status": ("in care", "looked after", "cla", "lac", "child looked after"),
}
REQUIRED_COLUMNS = ("given_name", "family_name", "date_of_birth")
COLUMN_LABELS = {
    "family": "family / household",
    "given_name": "forename",
    "family_name": "surname",
    "preferred_name": "preferred name",
    "date_of_birth": "date of birth",
    "year_group": "year group",
    "upn": "UPN",
    "address": "address",
    "address_2": "address line 2",
    "town": "town",
    "postcode": "postcode",
    "contact_name": "primary contact",
    "contact_relationship": "contact relationship",
    "contact_phone": "contact phone",
    "contact_email": "contact email",
    "contact2_name": "second contact",
    "contact2_relationship": "second contact relationship",
    "contact2_phone": "second contact phone",
    "contact2_email": "second contact email",
    "fsm": "free school meals",
    "pupil_premium": "pupil premium",
    "send": "SEN status",
    "eal": "EAL",
    "young_carer": "young carer",
    "care_status": "looked after",
}
FACT_COLUMNS = ("fsm", "pupil_premium", "send", "eal", "young_carer", "care_status")
_YES = {"y", "yes", "true", "t", "1", "eligible"}
_NO = {"n", "no", "false", "f", "0", "not eligible", ""}
# SEN provision codes in the school census: K SEN support, E EHC plan (S a statement).
_SEND = {"k": "sen_support", "sen support": "sen_support", "e": "ehcp", "ehcp": "ehcp",
         "ehc plan": "ehcp", "s": "ehcp", "statement": "ehcp", "n": None, "": None,
         "no sen": None, "none": None}  # fmt: skip


def parse_fact(column: str, text: str) -> object:
    """A fact column's cell as the person field takes it; ValueError if it cannot be read.

    Yes/no columns give True or False; SEN status gives its provision (or None for none);
    a looked-after column gives "lac" for yes and None for no.
    """
    value = text.strip().casefold()
    if column == "send":
        if value not in _SEND:
            raise ValueError(text)
        return _SEND[value]
    if value in _YES:
        return "lac" if column == "care_status" else True
    if value in _NO:
        return None if column == "care_status" else False
    raise ValueError(text)


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "lady"}


# -- the file ----------------------------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-16 with a BOM, UTF-8 with or without one, else
    Windows-1252; else refused."""
    try:
        text, codec = decode_csv_bytes(data)
    except NotCsvText as exc:
        raise InputRejected(_REFUSALS[exc.problem]()) from None
    return text, {UTF8: "UTF-8", UTF16: "UTF-16", WINDOWS_1252: "Windows-1252"}[codec]


_REFUSALS = {
    CsvProblem.EMPTY: lambda: _("The file is empty. Nothing was changed."),
    CsvProblem.BINARY: lambda: _(
        "The file is not a text file (it holds binary data), so it is not a pupil "
        "list. Nothing was changed."
    ),
    CsvProblem.ENCODING: lambda: _(
        "The file is neither UTF-8 nor Windows-1252 text. Save it from the school "
        "system or spreadsheet as 'CSV UTF-8' and import again. Nothing was changed."
    ),
}


def header_index(rows: list[list[str]]) -> int | None:
    """Where the header is: the first row that is not blank (None for an empty file)."""
    return next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)


def header_cells(rows: list[list[str]]) -> list[str]:
    """The header's non-blank cells, trimmed (what a person would pick a column from)."""
    at = header_index(rows)
    return [] if at is None else [h.strip() for h in rows[at] if h.strip()]


def read_rows(text: str) -> list[list[str]]:
    """Every record of the CSV (blank ones as empty lists), delimiter guessed."""
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [row for row in reader]
    except csv.Error as exc:
        raise InputRejected(
            _("The file is not valid CSV near line {line} ({reason}). Nothing was changed.").format(
                line=reader.line_num, reason=exc
            )
        ) from None


def _norm_header(header: str) -> str:
    return re.sub(r"\s+", " ", header.replace("_", " ").strip().lower())


def map_columns(
    headers: list[str], mapping: Mapping[str, str] | None = None
) -> tuple[dict[str, int], list[str]]:
    """(canonical column → index, ignored headers); missing required columns are refused."""
    normalised = [_norm_header(h) for h in headers]
    used: dict[str, int] = {}
    problems: list[tuple[str, str]] = []
    for canonical, header in (mapping or {}).items():
        if canonical not in SYNONYMS:
            problems.append(
                (
                    "mapping",
                    _("'{name}' is not a column this import knows (known: {known})").format(
                        name=canonical, known=", ".join(SYNONYMS)
                    ),
                )
            )
            continue
        wanted = _norm_header(header)
        if wanted not in normalised:
            problems.append(
                (
                    "mapping",
                    _("the file has no column headed '{header}' (for {label})").format(
                        header=header, label=COLUMN_LABELS[canonical]
                    ),
                )
            )
            continue
        used[canonical] = normalised.index(wanted)
    taken = set(used.values())
    for canonical, spellings in SYNONYMS.items():
        if canonical in used:
            continue
        for spelling in spellings:
            if spelling in normalised and normalised.index(spelling) not in taken:
                used[canonical] = normalised.index(spelling)
                taken.add(used[canonical])
                break
    for canonical in REQUIRED_COLUMNS:
        if canonical not in used:
            problems.append(
                (
                    "columns",
                    _(
                        "no column for {label} (looked for a header like: {spellings}); "
                        "the file's headers are: {found}"
                    ).format(
                        label=COLUMN_LABELS[canonical],
                        spellings=", ".join(f"'{s}'" for s in SYNONYMS[canonical][:4]),
                        found=", ".join(f"'{h}'" for h in headers) or _("none"),
                    ),
                )
            )
    if problems:
        raise ValidationFailed(problems)
    ignored = [h for i, h in enumerate(headers) if i not in taken and h.strip()]
    return used, ignored


# -- the values --------------------------------------------------------------------------------
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def parse_date(text: str) -> date:
    """A date written DD/MM/YYYY (also with - or .) or YYYY-MM-DD; ValueError otherwise."""
    text = text.strip()
    # Spreadsheets often add a midnight time to dates.
    text = re.sub(r"\s+00:00(:00)?$", "", text)
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _UK.match(text)
        if not match:
            raise ValueError(text)
        day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)


_YEAR = re.compile(r"^(?:year|yr|y|nc year)?\s*(\d{1,2})$")


def parse_year_group(text: str) -> int | None:
    """'Year 5', 'Y5', '5' → 5; 'R'/'Reception' → 0; 'N'/'Nursery' → -1; blank → None."""
    value = text.strip().lower()
    if not value:
        return None
    if value in ("r", "rec", "reception", "year r", "yr r", "fs2", "f2"):
        return 0
    if value in ("n", "n1", "n2", "nur", "nursery", "fs1", "f1"):
        return -1
    match = _YEAR.match(value)
    if match and 1 <= int(match.group(1)) <= 14:
        return int(match.group(1))
    raise ValueError(text)


# Words that belong to the surname after them ("Siobhán Ó Briain", "Jan van der Berg").
_SURNAME_PARTICLES = {
    "ó", "o'", "ní", "nic", "mac", "mc", "ua", "uí", "de", "van", "von", "der", "den", "da",
    "di", "du", "le", "la", "al", "el", "bin", "binti", "ap", "ab", "ter", "ten",
}  # fmt: skip
# Vietnamese names are written family name first ("Nguyễn Thị Lan": family name Nguyễn); these
# surnames cover most Vietnamese families. The officer can correct any other name on screen.
_FAMILY_NAME_FIRST = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
    "đỗ", "hồ", "ngô", "dương", "lý", "đinh", "trương", "đoàn", "lâm", "mai", "trịnh",
}  # fmt: skip


def split_name(text: str) -> tuple[str, str | None]:
    """(given, family) from 'Mrs Jane Smith' or 'Smith, Jane'; titles are dropped.

    Surname particles stay with the surname ('Mrs Siobhán Ó Briain' → Siobhán, Ó Briain), and
    a Vietnamese name is read family name first ('Nguyễn Thị Lan' → Thị Lan, Nguyễn).
    """
    text = re.sub(r"\s+", " ", text.strip())
    if "," in text:
        family, _sep, given = text.partition(",")
        parts = [p for p in given.split() if p.lower().rstrip(".") not in _TITLES]
        return (" ".join(parts) or family.strip()), (family.strip() or None)
    parts = [p for p in text.split(" ") if p.lower().rstrip(".") not in _TITLES] or [text]
    if len(parts) == 1:
        return parts[0], None
    if parts[0].casefold() in _FAMILY_NAME_FIRST:
        return " ".join(parts[1:]), parts[0]
    start = len(parts) - 1
    while start > 1 and parts[start - 1].casefold() in _SURNAME_PARTICLES:
        start -= 1
    return " ".join(parts[:start]), " ".join(parts[start:])
