"""No plaintext on disk across a whole scripted session of two devices (issue 8).

An officer's script drives the real `liaison` command, each step a fresh process: create two
vaults (an officer's and a lead's), import a JSON file holding canaries in a family's name, its
address and a note, write more notes, pair the devices, send a bundle to the lead and import
it there, and write case reports (one plain, one password-protected) where the officer
chooses: outside both data folders. What the command line cannot do (autosaving a draft,
attaching a file) is done through the services. Every process ends, so every vault is locked.

Then every file under both data folders, HOME, the XDG folders and TMPDIR is searched for each
canary in UTF-8 and UTF-16 (both byte orders): none may hold one. The bundle file holds none.
Outside the data folders, the only files that do are the officer's own import file and the
plain report (found through its extracted text: PDF streams are compressed); the protected
report holds none, raw or extracted without its password.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from liaison_desktop.services.attachments_service import AttachmentsService
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.external_tools import needs_tools
from tests.helpers import files_containing, new_canary, run_cli_process

ENV = {"LIAISON_PASSPHRASE": PASSPHRASE}


def cli(data_dir: Path, *args: str) -> str:
    """Run one command as a script would; it must succeed. Returns its output."""
    result = run_cli_process(data_dir, *args, env=ENV)
    assert result.code == 0, f"liaison {' '.join(args)} exited {result.code}:\n{result.err}"
    return result.out


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext extracts it ("" when it cannot be opened)."""
    proc = subprocess.run(
        ["pdftotext", "-q", str(path), "-"], capture_output=True, text=True, timeout=60
    )
    return proc.stdout if proc.returncode == 0 else ""


def protected_pdf_text(path: Path, password: str) -> str:
    """The text of a password-protected PDF, opened with its password."""
    reader = PdfReader(path)
    assert reader.is_encrypted
    assert reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.slow
@pytest.mark.timeout(300)
@needs_tools("pdftotext")
def test_a_scripted_two_device_session_leaves_no_plaintext_anywhere(tmp_path: Path) -> None:
    name, address, note, typed, draft, attached = (
        new_canary(label)
        for label in ("Kanaryname", "Kanaryaddress", "Kanarynote", "Kanarytyped", "Kanarydraft",
                      "Kanaryfile")
    )  # fmt: skip
    canaries = [name, address, note, typed, draft, attached]
    officer_dir, lead_dir = tmp_path / "officer-data", tmp_path / "lead-data"
    outside = tmp_path / "officer-documents"  # where the officer keeps files they chose to save
    outside.mkdir()

    # Create both vaults.
    cli(officer_dir, "init", "--name", "Officer One")
    cli(lead_dir, "init", "--name", "Lead One", "--role", "lead")

    # Import a family from the school's file.
    family_id = "fam-canary-1"
    import_file = outside / "from-school.json"
    import_file.write_text(
        json.dumps(
            {
                "format": "liaison-desktop/1",
                "families": [
                    {
                        "id": family_id,
                        "name": f"{name} family",
                        "address": f"12 {address} Road",
                        "members": [{"id": "p1", "given_name": "Ada", "role": "pupil"}],
                        "notes": [
                            {
                                "id": "n1",
                                "written_at": "2025-01-15T10:00:00+00:00",
                                "author": "School office",
                                "text": f"Handed over by the school: {note}",
                                "status": "final",
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    cli(officer_dir, "import", str(import_file))

    # Notes from the command line; a draft autosaved and a file attached through the services.
    cli(officer_dir, "note", "add", family_id, "--text", f"Visit went well; {typed}", "--final")
    cli(officer_dir, "note", "add", family_id, "--text", "Started a note")
    with Vault.unlock(officer_dir, PASSPHRASE) as vault:
        caseload = Caseload(vault)
        (started,) = caseload.notes.drafts()
        caseload.notes.save_draft(started.id, f"Autosaved while typing: {draft}")
        AttachmentsService(caseload.ctx).attach(
            family_id, "letter.txt", f"A letter mentioning {attached}".encode()
        )

    # Pair the two devices and send everything to the lead.
    officer = json.loads(cli(officer_dir, "device", "show", "--json"))
    lead = json.loads(cli(lead_dir, "device", "show", "--json"))
    cli(officer_dir, "peer", "add", "--key", lead["public_key"])
    cli(lead_dir, "peer", "add", "--key", officer["public_key"])
    bundle = outside / "for-lead.lbundle"
    cli(officer_dir, "bundle", "export", "--to", lead["device_id"], "--out", str(bundle))
    cli(lead_dir, "bundle", "import", str(bundle))
    found = cli(lead_dir, "search", note, "--json")
    assert family_id in found  # the lead really holds the canaries

    # Reports where the officer chooses, one of them password-protected.
    plain_pdf, protected_pdf = outside / "case.pdf", outside / "case-protected.pdf"
    password_file = tmp_path / "pdf-password.txt"
    password_file.write_text("a long pdf password for the meeting\n", encoding="utf-8")
    cli(lead_dir, "report", "case", family_id, "--out", str(plain_pdf))
    cli(
        lead_dir, "report", "case", family_id, "--out", str(protected_pdf),
        "--password-file", str(password_file),
    )  # fmt: skip
    assert name in pdf_text(plain_pdf) and note in pdf_text(plain_pdf)
    assert name in protected_pdf_text(protected_pdf, "a long pdf password for the meeting")
    assert pdf_text(protected_pdf) == ""  # no password, no text

    # Every process has ended (every vault locked). Search everywhere.
    roots = {
        "officer data": officer_dir,
        "lead data": lead_dir,
        "home": Path(os.environ["HOME"]),
        "config": Path(os.environ["XDG_CONFIG_HOME"]),
        "share": Path(os.environ["XDG_DATA_HOME"]),
        "tmp": Path(os.environ["TMPDIR"]),
    }
    assert len(list(officer_dir.iterdir())) > 2 and len(list(lead_dir.iterdir())) > 2
    leaks = {
        where: hits for where, root in roots.items() if root.exists()
        if (hits := files_containing(root, canaries))
    }  # fmt: skip
    assert leaks == {}, f"plaintext found: {leaks}"
    assert files_containing(outside, canaries) == ["from-school.json"], "bundle or PDF leaks"
    assert not any(c in pdf_text(protected_pdf) for c in canaries)
    assert bundle.stat().st_size > 0
