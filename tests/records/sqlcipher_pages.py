"""Decrypt every page of a SQLCipher 4 vault file (and its WAL) with the raw data key.

The vault is encrypted, so searching its file for a canary proves nothing. This helper turns
the file back into the plaintext pages SQLite sees — used pages, free pages and pages left in
the write-ahead log alike — so a test can show that a purged value is gone from all of them.

SQLCipher 4 page format (our vault opens it with a raw key, so there is no PBKDF2 step for the
encryption key): each page is AES-256-CBC encrypted except its last `reserve` bytes, which
hold the page's random IV (16 bytes) and its HMAC; page 1 starts with the 16-byte file salt,
which is not encrypted. The page size and HMAC algorithm are read from the open connection's
cipher settings, so the reserve size is derived, not assumed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

IV_BYTES = 16
SALT_BYTES = 16
AES_BLOCK = 16
WAL_HEADER = 32
WAL_FRAME_HEADER = 24
_HMAC_BYTES = {"HMAC_SHA1": 20, "HMAC_SHA256": 32, "HMAC_SHA512": 64}


@dataclass(frozen=True)
class CipherLayout:
    """Where things sit in an encrypted page."""

    page_size: int
    reserve: int


def layout_of(conn: Any) -> CipherLayout:
    """The page size and reserve size of an open SQLCipher connection."""
    page_size = int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])
    use_hmac = str(conn.execute("PRAGMA cipher_use_hmac").fetchone()[0]) == "1"
    algorithm = str(conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0])
    hmac_bytes = _HMAC_BYTES[algorithm] if use_hmac else 0
    reserve = IV_BYTES + hmac_bytes
    reserve = -(-reserve // AES_BLOCK) * AES_BLOCK  # SQLCipher rounds it up to whole blocks
    return CipherLayout(page_size, reserve)


def decrypt_page(raw: bytes, page_no: int, key: bytes, layout: CipherLayout) -> bytes:
    """The plaintext of one encrypted page (page 1 without its salt)."""
    end = layout.page_size - layout.reserve
    iv = raw[end : end + IV_BYTES]
    start = SALT_BYTES if page_no == 1 else 0
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(raw[start:end]) + decryptor.finalize()


def database_pages(path: Path, key: bytes, layout: CipherLayout) -> list[bytes]:
    """Every page of the database file, decrypted (free pages included)."""
    data = path.read_bytes()
    size = layout.page_size
    return [
        decrypt_page(data[i : i + size], i // size + 1, key, layout)
        for i in range(0, len(data) - size + 1, size)
    ]


def wal_pages(path: Path, key: bytes, layout: CipherLayout) -> list[bytes]:
    """Every page image in the write-ahead log, decrypted (an absent WAL has none)."""
    if not path.exists():
        return []
    data = path.read_bytes()
    pages = []
    offset = WAL_HEADER
    frame = WAL_FRAME_HEADER + layout.page_size
    while offset + frame <= len(data):
        (page_no,) = struct.unpack(">I", data[offset : offset + 4])
        raw = data[offset + WAL_FRAME_HEADER : offset + frame]
        pages.append(decrypt_page(raw, page_no, key, layout))
        offset += frame
    return pages


def plaintext_pages(db_path: Path, key: bytes, layout: CipherLayout) -> list[bytes]:
    """The decrypted pages of the database and of its WAL."""
    wal = db_path.with_name(db_path.name + "-wal")
    return database_pages(db_path, key, layout) + wal_pages(wal, key, layout)


def pages_containing(pages: list[bytes], needle: str) -> list[int]:
    """Indexes of pages holding the needle (UTF-8, or UTF-16 either way round)."""
    patterns = [needle.encode("utf-8"), needle.encode("utf-16-le"), needle.encode("utf-16-be")]
    return [i for i, page in enumerate(pages) if any(p in page for p in patterns)]
