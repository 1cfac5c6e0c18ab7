"""The bundle file: age-like encryption to each recipient device, plus the sender's signature.

Layout (docs/bundle-format.md has it byte by byte)::

    "LIAISONB" | version (1 byte) | header length (4 bytes, big-endian) | header (JSON)
    | header MAC (32) | payload chunks | Ed25519 signature (64)

The header names the bundle, its sender, the sender's sequence number and the hash of its
previous bundle to the same recipients, an acknowledgement summary, and one stanza per
recipient holding the file key sealed to that recipient's X25519 key. The payload is the
compressed JSON body, padded to a size bucket, encrypted in 64 KiB ChaCha20-Poly1305 chunks
whose nonce is a counter plus a final-chunk flag (age's STREAM). The signature covers the
header, its MAC and the SHA-256 of the payload, so nothing in the file can change unnoticed.

This module only turns bytes into bytes; it changes nothing in any vault.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import InputRejected
from ..i18n import _
from .identity import raw_public

MAGIC = b"LIAISONB"
FORMAT_VERSION = 1
PREFIX = struct.Struct(">8sBI")  # magic, version, header length
MAC_BYTES = 32
SIGNATURE_BYTES = 64
TAG_BYTES = 16
CHUNK_BYTES = 64 * 1024
KEY_BYTES = 32
LENGTH = struct.Struct(">Q")  # compressed body length, first in the padded plaintext

# Limits: a bundle beyond any of them is refused before much work is done on it.
MAX_HEADER_BYTES = 64 * 1024
MAX_STANZAS = 16
MAX_ACK_SEQS = 64
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_BODY_BYTES = 256 * 1024 * 1024  # decompressed JSON
MAX_RATIO = 200  # decompressed / compressed, beyond the first MiB
MIN_BUCKET = 4 * 1024
_SIG_CONTEXT = b"liaison-bundle-v1 signature\n"
_WRAP_INFO = b"liaison-bundle-v1 wrap"
_HEADER_INFO = b"liaison-bundle-v1 header"
_PAYLOAD_INFO = b"liaison-bundle-v1 payload"
_ZERO_NONCE = bytes(12)


class BundleRejected(InputRejected):
    """A bundle that fails a check; the message says which, and nothing was changed."""


def reject(reason: str) -> BundleRejected:
    """The refusal of a bundle, for a reason that completes "The bundle was refused: …"."""
    return _reject(reason)


def _reject(reason: str) -> BundleRejected:
    return BundleRejected(
        _("The bundle was refused: {reason} Nothing in the vault was changed.").format(
            reason=reason
        )
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, length: int) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if len(data) != length:
        raise ValueError("wrong length")
    return data


def _hkdf(key: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(key)


def bucket(size: int) -> int:
    """The padded size of a plaintext: a power of two up to 1 MiB, then whole MiB."""
    if size <= MIN_BUCKET:
        return MIN_BUCKET
    if size <= 1024 * 1024:
        return 1 << (size - 1).bit_length()
    mib = 1024 * 1024
    return -(-size // mib) * mib


def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


def _is_device_id(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value)
    )


@dataclass(frozen=True)
class Stanza:
    """The file key sealed to one recipient device."""

    recipient: str
    ephemeral: bytes
    sealed_key: bytes


@dataclass(frozen=True)
class Header:
    """The plaintext part of a bundle (authenticated by the MAC and the signature)."""

    bundle_id: str
    sender: str
    seq: int
    prev: str
    ack: tuple[int, ...]
    stanzas: tuple[Stanza, ...]
    raw: bytes  # the exact header bytes as they appear in the file

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(s.recipient for s in self.stanzas)


def _header_json(
    bundle_id: str, sender: str, seq: int, prev: str, ack: list[int], stanzas: list[Stanza]
) -> bytes:
    document = {
        "ack": {"seqs": ack},
        "codec": "zlib",
        "from": sender,
        "id": bundle_id,
        "prev": prev,
        "seq": seq,
        "stanzas": [
            {"epk": _b64(s.ephemeral), "key": _b64(s.sealed_key), "to": s.recipient}
            for s in stanzas
        ],
        "v": FORMAT_VERSION,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode("ascii")


def seal(
    *,
    signing_key: Ed25519PrivateKey,
    sender: str,
    recipients: list[tuple[str, bytes]],
    seq: int,
    prev: str,
    ack: list[int],
    body: dict[str, Any],
) -> tuple[bytes, str]:
    """Write a bundle to `recipients` (device id, X25519 public key); returns (file, id)."""
    if not recipients or len(recipients) > MAX_STANZAS:
        raise ValueError("a bundle has 1 to 16 recipients")
    bundle_id = os.urandom(16).hex()
    file_key = os.urandom(KEY_BYTES)
    stanzas = []
    for device_id, public in recipients:
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = raw_public(ephemeral.public_key())
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
        wrap_key = _hkdf(shared, ephemeral_public + public, _WRAP_INFO)
        sealed = ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, bundle_id.encode())
        stanzas.append(Stanza(device_id, ephemeral_public, sealed))
    header = _header_json(bundle_id, sender, seq, prev, ack[-MAX_ACK_SEQS:], stanzas)
    prefix = PREFIX.pack(MAGIC, FORMAT_VERSION, len(header)) + header
    mac = hmac.new(_hkdf(file_key, None, _HEADER_INFO), prefix, hashlib.sha256).digest()

    compressed = zlib.compress(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6
    )
    plain = LENGTH.pack(len(compressed)) + compressed
    plain += bytes(bucket(len(plain)) - len(plain))  # zero padding, checked on opening
    aead = ChaCha20Poly1305(_hkdf(file_key, bundle_id.encode(), _PAYLOAD_INFO))
    chunks = []
    count = -(-len(plain) // CHUNK_BYTES)
    for i in range(count):
        piece = plain[i * CHUNK_BYTES : (i + 1) * CHUNK_BYTES]
        chunks.append(aead.encrypt(_nonce(i, i == count - 1), piece, None))
    payload = b"".join(chunks)
    signed = _SIG_CONTEXT + hashlib.sha256(prefix + mac).digest() + hashlib.sha256(payload).digest()
    signature = signing_key.sign(signed)
    return prefix + mac + payload + signature, bundle_id


def read_header(data: bytes) -> Header:
    """Parse and sanity-check the plaintext header (no keys needed; nothing is trusted yet)."""
    if len(data) > MAX_FILE_BYTES:
        raise _reject(_("it is larger than any bundle this app writes."))
    if len(data) < PREFIX.size + MAC_BYTES + TAG_BYTES + SIGNATURE_BYTES:
        raise _reject(_("the file is too short to be a bundle (it may be truncated)."))
    magic, version, header_len = PREFIX.unpack_from(data)
    if magic != MAGIC:
        raise _reject(_("this is not a Liaison Desktop bundle."))
    if version != FORMAT_VERSION:
        raise _reject(
            _("it was written in bundle format {v}, which this version cannot read.").format(
                v=version
            )
        )
    if header_len > MAX_HEADER_BYTES or PREFIX.size + header_len + MAC_BYTES > len(data):
        raise _reject(_("its header is damaged or the file is truncated."))
    raw = data[PREFIX.size : PREFIX.size + header_len]
    try:
        document = json.loads(raw.decode("ascii"))
        if not isinstance(document, dict) or document.get("v") != FORMAT_VERSION:
            raise ValueError("header")
        if document.get("codec") != "zlib" or set(document) != {
            "ack",
            "codec",
            "from",
            "id",
            "prev",
            "seq",
            "stanzas",
            "v",
        }:
            raise ValueError("header keys")
        bundle_id, sender, seq, prev = (
            document["id"],
            document["from"],
            document["seq"],
            document["prev"],
        )
        if not _is_device_id(bundle_id) or not _is_device_id(sender):
            raise ValueError("ids")
        if type(seq) is not int or not 1 <= seq < 2**53:
            raise ValueError("seq")
        if not isinstance(prev, str) or (
            prev and not (len(prev) == 64 and all(c in "0123456789abcdef" for c in prev))
        ):
            raise ValueError("prev")
        ack_doc = document["ack"]
        if not isinstance(ack_doc, dict) or set(ack_doc) != {"seqs"}:
            raise ValueError("ack")
        seqs = ack_doc["seqs"]
        if (
            not isinstance(seqs, list)
            or len(seqs) > MAX_ACK_SEQS
            or not all(type(s) is int and 1 <= s < 2**53 for s in seqs)
        ):
            raise ValueError("ack seqs")
        stanza_docs = document["stanzas"]
        if not isinstance(stanza_docs, list) or not 1 <= len(stanza_docs) <= MAX_STANZAS:
            raise ValueError("stanzas")
        stanzas = []
        for s in stanza_docs:
            if (
                not isinstance(s, dict)
                or set(s) != {"epk", "key", "to"}
                or not _is_device_id(s["to"])
            ):
                raise ValueError("stanza")
            stanzas.append(
                Stanza(s["to"], _unb64(s["epk"], 32), _unb64(s["key"], KEY_BYTES + TAG_BYTES))
            )
        if len({s.recipient for s in stanzas}) != len(stanzas):
            raise ValueError("duplicate recipient")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error, RecursionError):
        raise _reject(_("its header is damaged.")) from None
    return Header(bundle_id, sender, seq, prev, tuple(sorted(seqs)), tuple(stanzas), raw)


def open_bundle(
    data: bytes,
    header: Header,
    *,
    recipient: str,
    recipient_key: X25519PrivateKey,
    sender_key: bytes,
) -> dict[str, Any]:
    """Verify the signature, unwrap the file key, check the MAC, decrypt and decompress.

    `header` must come from `read_header(data)`. Returns the body; BundleRejected otherwise.
    """
    split = PREFIX.size + len(header.raw)
    prefix, mac = data[:split], data[split : split + MAC_BYTES]
    payload, signature = data[split + MAC_BYTES : -SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    if not payload:
        raise _reject(_("the file is truncated."))
    signed = _SIG_CONTEXT + hashlib.sha256(prefix + mac).digest() + hashlib.sha256(payload).digest()
    try:
        Ed25519PublicKey.from_public_bytes(sender_key).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise _reject(
            _(
                "its signature does not match the sending device: the file was changed, "
                "truncated or not written by that device."
            )
        ) from None
    stanza = next((s for s in header.stanzas if s.recipient == recipient), None)
    if stanza is None:
        raise _reject(_("it is addressed to another device."))
    own_public = raw_public(recipient_key.public_key())
    try:
        shared = recipient_key.exchange(X25519PublicKey.from_public_bytes(stanza.ephemeral))
        wrap_key = _hkdf(shared, stanza.ephemeral + own_public, _WRAP_INFO)
        file_key = ChaCha20Poly1305(wrap_key).decrypt(
            _ZERO_NONCE, stanza.sealed_key, header.bundle_id.encode()
        )
    except (InvalidTag, ValueError):
        raise _reject(_("its key cannot be opened with this device's key.")) from None
    expected = hmac.new(_hkdf(file_key, None, _HEADER_INFO), prefix, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, mac):
        raise _reject(_("its header has been altered."))
    aead = ChaCha20Poly1305(_hkdf(file_key, header.bundle_id.encode(), _PAYLOAD_INFO))
    step = CHUNK_BYTES + TAG_BYTES
    count = -(-len(payload) // step)
    pieces = []
    try:
        for i in range(count):
            piece = payload[i * step : (i + 1) * step]
            pieces.append(aead.decrypt(_nonce(i, i == count - 1), piece, None))
    except InvalidTag:
        raise _reject(_("its contents were altered, reordered or truncated.")) from None
    plain = b"".join(pieces)
    if len(plain) < LENGTH.size:
        raise _reject(_("its contents are damaged."))
    (length,) = LENGTH.unpack_from(plain)
    end = LENGTH.size + length
    if end > len(plain) or any(plain[end:]) or bucket(end) != len(plain):
        raise _reject(_("its padding is damaged."))
    return _decompress_body(plain[LENGTH.size : end])


def _decompress_body(compressed: bytes) -> dict[str, Any]:
    limit = min(MAX_BODY_BYTES, max(1024 * 1024, len(compressed) * MAX_RATIO))
    decompressor = zlib.decompressobj()
    try:
        text = decompressor.decompress(compressed, limit + 1)
        if len(text) > limit or decompressor.unconsumed_tail:
            raise _reject(
                _("it expands to far more data than any real bundle (a decompression bomb?).")
            )
        text += decompressor.flush()
        if not decompressor.eof or decompressor.unused_data or len(text) > limit:
            raise ValueError("trailing or incomplete data")
        body = json.loads(text.decode("utf-8"))
    except (zlib.error, ValueError, UnicodeDecodeError, RecursionError):
        raise _reject(_("its contents are damaged.")) from None
    if not isinstance(body, dict):
        raise _reject(_("its contents are damaged."))
    return body


def file_hash(data: bytes) -> str:
    """The hash that names a bundle in the next bundle's `prev`."""
    return hashlib.sha256(data).hexdigest()
