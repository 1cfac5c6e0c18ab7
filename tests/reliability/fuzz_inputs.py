"""Hypothesis strategies for hostile input of every kind the app reads.

Each kind mixes three sources, so both the first checks and the deep ones are reached:
random bytes; byte-level mutations (bit flips, truncation, splicing, insertion) of a real
valid input; and structured values that look valid but carry wrong types, missing or extra
keys, huge strings and Unicode edge cases.
"""

from __future__ import annotations

import base64
import copy
import json
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import strategies as st

from liaison_desktop.domain.fields import upn_check_letter
from liaison_desktop.sync import bundle as fmt
from liaison_desktop.sync.identity import _SELF_SIG_CONTEXT, KEY_PREFIX, _canonical, raw_public
from tests.interchange.strategies import documents
from tests.reliability.fuzz_targets import ATTACH_LIMIT, AttachCase, BundleRig, bomb, seal_raw

# Text that has broken parsers before: bidi overrides, combining marks, surrogates' neighbours,
# NUL and other controls, BOMs, line separators, very wide characters, lookalikes.
EDGE_TEXT = [
    "",
    " ",
    "\x00",
    "\ufeff",
    "\u202e\u2066gpj.exe",
    "e\u0301\u0301\u0301",
    "\u2028\u2029",
    "\U0001f469\u200d\U0001f467",
    "\ud7ff\ue000\uffff",
    "Ａ",
    "\r\n\r",
    "'\";--",
    "%s{0}{name}",
    "../../etc/passwd",
    "C:\\Windows\\x",
    "محمد",
    "Nguyễn Thị",
]
text_values = st.one_of(
    st.sampled_from(EDGE_TEXT),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.integers(1000, 200_000).map(lambda n: "x" * n),
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([2**63, -(2**63) - 1, 10**30, 0, -1]),
    st.floats(allow_nan=False, allow_infinity=False),
    text_values,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


# -- byte mutations of a valid input -----------------------------------------------------------
@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """`base` with one to four bit flips, cuts, splices, insertions or overwrites."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "splice", "insert", "overwrite", "dup"]))
        if not data:
            data += draw(st.binary(min_size=1, max_size=8))
            continue
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[i:]
        elif op == "splice":
            j = draw(st.integers(0, len(data) - 1))
            data[i:i] = data[j : j + draw(st.integers(1, 256))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=32))
        elif op == "overwrite":
            piece = draw(st.binary(min_size=1, max_size=16))
            data[i : i + len(piece)] = piece
        else:
            data += data[i:]
    return bytes(data)


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(obj, dict):
        for key, value in obj.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            out += _paths(value, (*prefix, i))
    return out


@st.composite
def edited(draw: st.DrawFn, base: Any) -> Any:
    """A deep copy of a JSON value with one to three nodes replaced, removed or added to."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        if not path:
            doc = draw(json_values) if draw(st.integers(0, 9)) == 0 else doc
            continue
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "wrap"]))
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "delete":
            del parent[last]
        elif action == "wrap":
            parent[last] = [parent[last]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = draw(json_values)
        else:
            parent.append(draw(json_values))
    return doc


def _dumps(doc: Any, draw: st.DrawFn) -> bytes:
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    bom = draw(st.sampled_from([b"", b"", b"\xef\xbb\xbf"]))
    return bom + text.encode("utf-8", "surrogatepass")


# -- interchange JSON ----------------------------------------------------------------------------
@st.composite
def json_import_cases(draw: st.DrawFn) -> bytes:
    """Bytes for `liaison import FILE.json`."""
    source = draw(st.sampled_from(["valid", "edited", "edited", "mutated", "random", "odd"]))
    if source == "random":
        return draw(st.binary(max_size=2048))
    if source == "odd":
        return draw(
            st.sampled_from(
                [
                    b"[" * 100_000,
                    b'{"format": "liaison-desktop/1", "families": [' + b"{}," * 50_000 + b"{}]}",
                    b'{"format": "liaison-desktop/1", "families": NaN}',
                    b'{"format": "liaison-desktop/1", "families": [], "families": []}',
                    '{"format": "liaison-desktop/1", "x": "\ud800"}'.encode(
                        "utf-8", "surrogatepass"
                    ),
                    b"\xff\xfe{\x00}\x00",
                    b'{"format": "liaison-desktop/1", "families": [{"id": "'
                    + b"9" * 5000
                    + b'"}]}',
                    b'{"format": "liaison-desktop/1", "n": 1' + b"0" * 5000 + b"}",
                ]
            )
        )
    doc = draw(documents())
    if source == "valid":
        return _dumps(doc, draw)
    if source == "edited":
        return _dumps(draw(edited(doc)), draw)
    return draw(mutated(_dumps(doc, draw)))


# -- CSV -----------------------------------------------------------------------------------------
PUPIL_HEADERS = [
    "Legal Forename",
    "Legal Surname",
    "DOB",
    "Year",
    "UPN",
    "Address",
    "Postcode",
    "Primary Contact",
    "Contact Phone",
    "Family",
    "Nickname",
    "",
]
ATTENDANCE_HEADERS = [
    "UPN",
    "Term",
    "Sessions Possible",
    "Sessions Attended",
    "Period",
    "Possible",
    "Present",
    "Notes",
    "",
]
CELL_VALUES = [
    "Siân",
    "Zoë",
    "O'Connor",
    "01/09/2016",
    "2016-09-01",
    "31/02/2015",
    "Year 3",
    "R",
    "N1",
    "A123456789012",
    "B801200005001",
    "CF10 1AA",
    "07700 900123",
    "150",
    "149",
    "-1",
    "1e9",
    "99999999999999999999",
    "Autumn 2024",
    "",
]


def _cell(draw: st.DrawFn, pool: list[str]) -> str:
    return draw(st.one_of(st.sampled_from(pool), text_values.map(lambda s: s[:3000])))


def _quote(cell: str, draw: st.DrawFn) -> str:
    style = draw(st.sampled_from(["plain", "plain", "quoted", "broken"]))
    if style == "quoted":
        return '"' + cell.replace('"', '""') + '"'
    if style == "broken":
        return '"' + cell
    return cell


@st.composite
def csv_text(draw: st.DrawFn, headers: list[str], values: list[str]) -> bytes:
    """A CSV file that looks like a school export, with odd encodings, quotes and lines."""
    columns = draw(st.lists(st.sampled_from(headers), min_size=1, max_size=len(headers)))
    sep = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    lines = [sep.join(_quote(h, draw) for h in columns)]
    for _ in range(draw(st.integers(0, 6))):
        width = len(columns) + draw(st.integers(-2, 2))
        lines.append(sep.join(_quote(_cell(draw, values), draw) for _ in range(max(width, 0))))
    text = newline.join(lines) + draw(st.sampled_from(["", newline, "\x00", newline * 3]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = (
        text.encode(encoding, "replace")
        if encoding != "utf-8"
        else text.encode("utf-8", "surrogatepass")
    )
    if draw(st.integers(0, 3)) == 0:
        data = draw(mutated(data))
    return data


VALID_SURNAMES = ["Jones", "Kowalska", "Kowalski", "Ó Briain", "Nguyễn", "Müller", "O'Connor"]
VALID_FORENAMES = ["Siân", "Zoë", "Jan", "Ola", "Llŷr", "Thị Lan", "Tom"]
VALID_HOMES = [("1 Heol y Coed", "CF10 1AA"), ("5 Mill Lane", "CF24 2BB"), ("", "")]


@st.composite
def valid_pupil_lists(draw: st.DrawFn) -> bytes:
    """A well-formed pupil list (every row importable): the refresh's own paths get fuzzed,
    not only its refusals. UPNs are few, so later lists often meet pupils already there."""
    bodies = draw(st.lists(st.integers(0, 30), min_size=1, max_size=8, unique=True))
    lines = [
        "UPN,Legal Surname,Legal Forename,DOB,Year,Address,Postcode,Primary Contact,"
        "Primary Contact Telephone"
    ]
    for number in bodies:
        body = f"80120000{number:04d}"
        street, postcode = draw(st.sampled_from(VALID_HOMES))
        day = draw(st.dates(min_value=date(2006, 9, 1), max_value=date(2021, 8, 31)))
        carer = draw(st.sampled_from(["Mrs Anna Kowalska", "Mr Omar Ahmed", ""]))
        phone = "07700 900" + f"{number:03d}" if carer else ""
        lines.append(
            ",".join(
                [
                    upn_check_letter(body) + body,
                    draw(st.sampled_from(VALID_SURNAMES)),
                    draw(st.sampled_from(VALID_FORENAMES)),
                    day.strftime(draw(st.sampled_from(["%d/%m/%Y", "%Y-%m-%d"]))),
                    draw(st.sampled_from(["R", "Year 3", "6", "11"])),
                    street,
                    postcode,
                    carer,
                    phone,
                ]
            )
        )
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def pupil_csv_cases() -> st.SearchStrategy[bytes]:
    """Bytes for `liaison import FILE.csv` (the pupil list): broken, odd and valid lists."""
    return st.one_of(
        st.binary(max_size=1024),
        valid_pupil_lists(),
        csv_text(PUPIL_HEADERS, CELL_VALUES),
        st.just(
            b"Legal Forename,Legal Surname,DOB,Year\r\n" + b"A" * 300_000 + b",B,01/09/2016,3\r\n"
        ),
    )


def attendance_csv_cases(upns: list[str]) -> st.SearchStrategy[bytes]:
    """Bytes for the attendance import; UPNs of the vault's pupils make valid rows likely."""
    return st.one_of(
        st.binary(max_size=1024),
        csv_text(ATTENDANCE_HEADERS, CELL_VALUES + upns * 3),
        st.just(b"UPN,Term,Sessions Possible,Sessions Attended\n" + b'"' + b"x" * 200_000),
    )


# -- settings.json and vault.keys ----------------------------------------------------------------
SETTINGS_VALID = {
    "auto_lock_minutes": 5,
    "language": "cy",
    "sync_folder": "/media/usb",
    "theme": "dark",
}


@st.composite
def settings_cases(draw: st.DrawFn) -> bytes:
    """Bytes for `settings.json`."""
    source = draw(st.sampled_from(["random", "edited", "mutated", "values"]))
    if source == "random":
        return draw(st.binary(max_size=512))
    if source == "values":
        return json.dumps(
            draw(st.dictionaries(st.sampled_from([*SETTINGS_VALID, "x"]), json_values))
        ).encode("utf-8", "surrogatepass")
    if source == "edited":
        return _dumps(draw(edited(SETTINGS_VALID)), draw)
    return draw(mutated(json.dumps(SETTINGS_VALID).encode()))


# Values for the key file's fields: kept to a few cheap Argon2id costs, since every distinct
# set of parameters that passes the checks costs a real derivation.
KDF_NUMBERS = [65536, 65537, 3, 4, 1, 0, -1, 2**31, 2**63, 10**6, 1024 * 1024 * 2, 8]
LANE_NUMBERS = [4, 1, 0, -4, 255, 256, 100_000, 2**24, 2**40, 8193]


@st.composite
def keyfile_cases(draw: st.DrawFn, original: bytes) -> bytes:
    """Bytes for `vault.keys`: mutations and edits of the real key file."""
    source = draw(st.sampled_from(["mutated", "edited", "kdf", "random"]))
    if source == "random":
        return draw(st.binary(max_size=512))
    if source == "mutated":
        return draw(mutated(original))
    doc = json.loads(original)
    if source == "kdf":
        field = draw(st.sampled_from(["memory_kib", "iterations", "lanes", "salt", "algorithm"]))
        pool: Any = {
            "memory_kib": st.sampled_from(KDF_NUMBERS),
            "iterations": st.sampled_from(KDF_NUMBERS),
            "lanes": st.sampled_from(LANE_NUMBERS),
            "salt": st.sampled_from(
                ["", "AAAA", "A" * 4000, "!!", doc["kdf"]["salt"][:-4] + "AAA="]
            ),
            "algorithm": st.sampled_from(["argon2i", "ARGON2ID", "", None]),
        }[field]
        doc["kdf"][field] = draw(st.one_of(pool, json_scalars))
        return json.dumps(doc).encode()
    return _dumps(draw(edited(doc)), draw)


# -- device keys ---------------------------------------------------------------------------------
def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def signed_key(
    device_id: str,
    name: str,
    role: str,
    x: bytes,
    e_private: Ed25519PrivateKey,
    *,
    extra: Any = None,
) -> str:
    """A `liaison1:` string whose self-signature is right, whatever its fields hold."""
    payload = {
        "d": device_id,
        "e": _b64url(raw_public(e_private.public_key())),
        "n": name,
        "r": role,
        "x": _b64url(x),
    }
    signature = e_private.sign(_SELF_SIG_CONTEXT + _canonical(payload))
    document: dict[str, Any] = {**payload, "s": _b64url(signature)}
    if extra is not None:
        document["z"] = extra
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return KEY_PREFIX + _b64url(raw)


@st.composite
def device_key_cases(draw: st.DrawFn) -> str:
    """Text pasted into `peer add --key` or the pairing dialog."""
    e_private = Ed25519PrivateKey.generate()
    x = raw_public(X25519PrivateKey.generate().public_key())
    device_id = draw(st.one_of(st.binary(min_size=16, max_size=16).map(bytes.hex), text_values))
    name = draw(
        st.one_of(
            st.sampled_from(["Sam (officer)", "Dr. Ŵyn"]), text_values.map(lambda s: s[:2000])
        )
    )
    role = draw(st.sampled_from(["officer", "lead", "admin", "", "Lead"]))
    if draw(st.integers(0, 4)) == 0:
        x = draw(st.binary(max_size=40))
    valid = signed_key(device_id, name, role, x, e_private)
    source = draw(st.sampled_from(["signed", "signed", "mutated", "extra", "random", "wrapped"]))
    if source == "signed":
        return valid
    if source == "extra":
        return signed_key(device_id, name, role, x, e_private, extra=draw(json_values))
    if source == "random":
        return draw(st.one_of(st.text(max_size=200), st.just(KEY_PREFIX + "A" * 5000)))
    if source == "wrapped":
        cut = draw(st.integers(0, len(valid)))
        return (
            "  "
            + valid[:cut]
            + draw(st.sampled_from(["\n", "\r\n ", "\t", "\u00a0"]))
            + valid[cut:]
        )
    return draw(mutated(valid.encode())).decode("utf-8", "replace")


# -- attachments ---------------------------------------------------------------------------------
NAME_PARTS = [
    "letter.pdf",
    "/",
    "\\",
    "..",
    "C:",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "photo",
    ".jpg",
    " ",
    "\n",
    "ü",
    "\u200f",
]


@st.composite
def attach_cases(draw: st.DrawFn) -> AttachCase:
    """A file to attach: a hostile name and a size at, under or over the limit."""
    name = "".join(
        draw(st.lists(st.one_of(st.sampled_from(NAME_PARTS), st.text(max_size=6)), max_size=8))
    )
    if draw(st.integers(0, 9)) == 0:
        name = draw(st.sampled_from(["a" * 300 + ".pdf", "\u202e" * 300, ".", "..", "/", ""]))
    size = draw(
        st.sampled_from(
            [0, 1, 100, ATTACH_LIMIT - 1, ATTACH_LIMIT, ATTACH_LIMIT + 1, 3 * ATTACH_LIMIT]
        )
    )
    fill = draw(st.binary(min_size=1, max_size=64))
    data = (fill * (size // len(fill) + 1))[:size]
    return AttachCase(name, data)


# -- bundles -------------------------------------------------------------------------------------
BUNDLE_SOURCES = [
    "valid",
    "mutated",
    "mutated",
    "random",
    "header",
    "body",
    "body",
    "compressed",
    "raw_header",
]


def bundle_cases(rig: BundleRig) -> st.SearchStrategy[bytes]:
    """Bundles for the rig's officer: real, mutated, re-sealed with edited header or body."""
    world = rig.world

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        source = draw(st.sampled_from(BUNDLE_SOURCES))
        if source == "valid":
            return world.valid
        if source == "mutated":
            return draw(mutated(world.valid))
        if source == "random":
            return draw(
                st.one_of(
                    st.binary(max_size=512),
                    st.binary(max_size=200).map(lambda b: fmt.MAGIC + b"\x01" + b),
                )
            )
        seq = rig.next_seq()
        if source == "header":
            header = edited(
                {**{"ack": {"seqs": []}, "prev": "", "seq": seq, "codec": "zlib", "v": 1}}
            )
            changes = draw(header)
            if not isinstance(changes, dict):  # the whole header replaced by another JSON value
                return seal_raw(world, seq=seq, header_text=json.dumps(changes).encode())

            def apply(document: dict[str, Any]) -> None:
                document.clear() if draw(st.integers(0, 9)) == 0 else None
                document.update(changes)

            return seal_raw(world, seq=seq, header_edit=apply)
        if source == "raw_header":
            text = draw(st.binary(max_size=300))
            return seal_raw(world, seq=seq, header_text=text)
        if source == "compressed":
            choice = draw(st.sampled_from(["bomb", "garbage", "trailing", "cut"]))
            good = __import__("zlib").compress(json.dumps(world.body).encode())
            compressed = {
                "bomb": lambda: bomb(draw(st.integers(2, 12))),
                "garbage": lambda: draw(st.binary(max_size=256)),
                "trailing": lambda: good + draw(st.binary(min_size=1, max_size=16)),
                "cut": lambda: good[: draw(st.integers(0, len(good) - 1))],
            }[choice]()
            return seal_raw(world, seq=seq, compressed=compressed)
        return seal_raw(world, seq=seq, body=draw(edited(world.body)))

    return build()
