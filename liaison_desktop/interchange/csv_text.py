"""How a CSV export's bytes become text: UTF-8 (BOM allowed), else Windows-1252, else refused.

School information systems and spreadsheets write one or the other. Each importer words the
refusal for its own file; the rule for which bytes are text lives here once.
"""

from __future__ import annotations

from enum import Enum

UTF8 = "utf-8"
WINDOWS_1252 = "windows-1252"


class CsvProblem(Enum):
    EMPTY = "empty"
    BINARY = "binary"
    ENCODING = "encoding"


class NotCsvText(ValueError):
    """The bytes are not CSV text; `problem` says why."""

    def __init__(self, problem: CsvProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """(text, codec): the codec is UTF8 or WINDOWS_1252; NotCsvText otherwise."""
    if not data.strip():
        raise NotCsvText(CsvProblem.EMPTY)
    if b"\x00" in data:
        raise NotCsvText(CsvProblem.BINARY)
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), WINDOWS_1252
    except UnicodeDecodeError:
        raise NotCsvText(CsvProblem.ENCODING) from None
