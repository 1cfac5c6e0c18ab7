"""How a CSV export's bytes become text: UTF-16 with its byte-order mark (Excel's "Unicode
Text"), UTF-8 (BOM allowed), else Windows-1252, else refused.

School information systems and spreadsheets write one or the other. Each importer words the
refusal for its own file; the rule for which bytes are text lives here once.
"""

from __future__ import annotations

from enum import Enum

UTF8 = "utf-8"
UTF16 = "utf-16"
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
    """(text, codec): the codec is UTF16, UTF8 or WINDOWS_1252; NotCsvText otherwise."""
    if not data.strip():
        raise NotCsvText(CsvProblem.EMPTY)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Excel's "Unicode Text" is UTF-16 with a byte-order mark (and tab-separated): its
        # zero bytes are text, not binary data.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotCsvText(CsvProblem.ENCODING) from None
        if not text.strip():
            raise NotCsvText(CsvProblem.EMPTY)
        return text, UTF16
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
