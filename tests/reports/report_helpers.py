"""A fictional household with names in many scripts, and ways to read a PDF back."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pikepdf
import pypdf

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.plan_service import GoalProgress
from liaison_desktop.store.vault import Vault
from tests.external_tools import tool

TODAY = date(2025, 11, 12)
NOW = datetime(2025, 11, 12, 14, 30, tzinfo=UTC)
# Names whose letters the standard PDF fonts cannot draw.
WELSH = "Siân Llŷr"
POLISH = "Łucja Wąsowska"
VIETNAMESE = "Nguyễn Thị Thủy"
ARABIC_GIVEN = "مريم"
ARABIC_FAMILY = "الحسيني"


@dataclass
class Household:
    """Ids of the records made by `make_household`."""

    family_id: str
    pupil_id: str
    carer_id: str
    partner_id: str
    aunt_id: str
    contact_id: str
    note_ids: list[str] = field(default_factory=list)
    secret_note_id: str = ""


def caseload(vault: Vault) -> Caseload:
    """The services of a vault, with today fixed."""
    c = Caseload(vault)
    c.ctx.today = lambda: TODAY
    c.ctx.now = lambda: NOW
    return c


def make_household(c: Caseload, *, notes: int = 6, canary: str = "") -> Household:
    """A fictional family with carers, a pupil, a team, referrals, consents and notes."""
    family = c.families.create(
        {
            "name": "Wąsowska-Llŷr family",
            "address": "12 Demo Lane, Demoford",
            "postcode": "DM1 1AA",
            "strengths": "Warm, organised household; strong links with the mosque and the library.",
            "key_facts": "Fictional test family. Interpreter needed for Arabic.",
            "alerts": "Do not share the address with the former partner.",
        }
    )
    fid = family.id
    carer = c.people.create(
        {
            "family_id": fid,
            "given_name": "Łucja",
            "family_name": "Wąsowska",
            "role": "carer",
            "relationship": "Mother",
            "phone": "07700 900123",
        }
    )
    pupil = c.people.create(
        {
            "family_id": fid,
            "given_name": "Siân",
            "family_name": "Llŷr",
            "role": "pupil",
            "date_of_birth": "2015-03-04",
            "year_group": 5,
            "relationship": "Daughter",
        }
    )
    partner = c.people.create(
        {
            "family_id": fid,
            "given_name": "Thủy",
            "family_name": f"Nguyễn Thị{canary}",
            "role": "other",
            "relationship": "Former partner",
        }
    )
    aunt = c.people.create(
        {
            "family_id": fid,
            "given_name": ARABIC_GIVEN,
            "family_name": ARABIC_FAMILY,
            "role": "other",
            "relationship": "Aunt",
        }
    )
    contact = c.directory.create(
        {
            "organisation": f"Demoford Early Help{canary}",
            "name": "Reem Khoury",
            "role": "Coordinator",
            "kind": "early_help",
            "layer": 2,
            "phone": "07700 900456",
            "email": "reem@early-help.example",
        }
    )
    c.directory.link(fid, contact.id, "Lead professional")
    c.actions.add(fid, "Send the uniform grant form", owner="Test Officer", due=date(2025, 11, 30))
    goal = c.plan.add_goal(
        fid, "Attendance back above 90%", target="Half a term above 90%", owner="Test Officer"
    )
    c.plan.review(fid, [GoalProgress(goal.id, "some_progress", "Mornings are calmer")])
    c.referrals.add(fid, "food_bank", organisation_id=contact.id, reason="Short of food this week")
    c.consents.give(
        fid, "Share information with the team", "Łucja Wąsowska", lawful_basis="consent"
    )
    c.attendance.record(pupil.id, "Autumn 2025", 100, 82)
    house = Household(fid, pupil.id, carer.id, partner.id, aunt.id, contact.id)
    for i in range(notes):
        note = c.notes.create(
            {
                "family_id": fid,
                "written_at": f"2025-{1 + i % 10:02d}-{1 + i % 27:02d}T10:{i % 60:02d}:00",
                "author": "Test Officer",
                "status": "final",
                "template": "home_visit",
                "text": f"Visit {i}: {WELSH} read with {ARABIC_GIVEN} {ARABIC_FAMILY}; "
                f"{VIETNAMESE} phoned.",
            }
        )
        house.note_ids.append(note.id)
    secret = c.notes.create(
        {
            "family_id": fid,
            "written_at": "2025-11-01T09:00:00",
            "author": "Test Officer",
            "status": "final",
            "text": f"Private disclosure{canary}: details the family asked to keep.",
        }
    )
    house.secret_note_id = secret.id
    return house


# -- reading a PDF back ---------------------------------------------------------------------------
def pages_text(path: Path, password: str | None = None) -> list[str]:
    """Each page's text as pypdf extracts it."""
    reader = pypdf.PdfReader(str(path))
    if reader.is_encrypted:
        assert password is not None, "the PDF is encrypted"
        reader.decrypt(password)
    return [page.extract_text() or "" for page in reader.pages]


def poppler_pages(path: Path, password: str | None = None) -> list[str]:
    """Each page's text as pdftotext (poppler) extracts it, NFKC-normalised."""
    args = [tool("pdftotext"), "-enc", "UTF-8"]
    if password is not None:
        args += ["-upw", password]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, timeout=60)
    pages = out.stdout.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return [unicodedata.normalize("NFKC", p) for p in pages]


def all_bytes(path: Path, password: str | None = None) -> bytes:
    """The file's bytes and every stream decompressed (as `qpdf --qdf` would show them)."""
    raw = path.read_bytes()
    with pikepdf.open(path, password=password or "") as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            qdf=True,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.all,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return raw + b"\n" + out.getvalue()


def squash(text: str) -> str:
    """Text with runs of whitespace made one space (table cells wrap)."""
    return re.sub(r"\s+", " ", text)
