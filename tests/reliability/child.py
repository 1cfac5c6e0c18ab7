"""Child processes of the fault-injection suite (run as `python -m tests.reliability.child`).

Scenarios (passphrase in LIAISON_PASSPHRASE):
  notes DATA_DIR FAMILY_ID SEED     write, edit, finalise and amend notes through NotesService
  import DATA_DIR FILE              one interchange JSON import (all or nothing)
  bundle DATA_DIR FILE              one sync bundle import (all or nothing)
  make-old DATA_DIR VERSION         create a vault whose schema stops at VERSION, with data
  migrate DATA_DIR                  open an old vault: the migration runs (slowed down)
Each prints READY when its vault is open and `ACK …` only after a unit of work has returned;
`DO …` just before a unit starts.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import time
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault


def say(line: str) -> None:
    """One whole line in one write, flushed (a kill never leaves half an acknowledgement)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def digest(text: str) -> str:
    """A short fingerprint of a note's text for ACK lines."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def note_text(rng: random.Random, tag: str) -> str:
    """A note body, sometimes long enough to spill onto overflow pages."""
    words = rng.choice((8, 60, 600))
    return f"{tag} " + " ".join(
        rng.choice(("visit", "bus", "uniform", "food")) for _ in range(words)
    )


def notes(data_dir: Path, family_id: str, seed: int) -> None:
    rng = random.Random(seed)
    caseload = Caseload(Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"]))
    service = caseload.notes
    drafts = [n.id for n in service.drafts()]
    finals = [n.id for n in service.query("status = 'final'")]
    say("READY")
    n = 0
    while True:
        n += 1
        tag = f"s{seed}n{n}"
        choice = rng.random()
        if choice < 0.35 or not (drafts or finals):
            text = note_text(rng, tag)
            say(f"DO new {digest(text)}")
            note = service.write(family_id, text)
            drafts.append(note.id)
            say(f"ACK new {note.id} {digest(text)}")
        elif choice < 0.65 and drafts:
            note_id = rng.choice(drafts)
            text = note_text(rng, tag)
            say(f"DO edit {note_id} {digest(text)}")
            service.save_draft(note_id, text)
            say(f"ACK edit {note_id} {digest(text)}")
        elif choice < 0.9 and drafts:
            note_id = drafts.pop(rng.randrange(len(drafts)))
            say(f"DO final {note_id}")
            service.finalise(note_id)
            finals.append(note_id)
            say(f"ACK final {note_id}")
        elif finals:
            original = rng.choice(finals)
            text = note_text(rng, tag)
            say(f"DO amend {original} {digest(text)}")
            amendment = service.amend(original, text)
            finals.append(amendment.id)
            say(f"ACK amend {amendment.id} {digest(text)} {original}")


def import_json(data_dir: Path, file: Path) -> None:
    from liaison_desktop.interchange.json_import import import_json_file

    caseload = Caseload(Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"]))
    say("READY")
    summary = import_json_file(caseload, file)
    say(f"ACK import {summary.total_written}")


def import_bundle(data_dir: Path, file: Path) -> None:
    from liaison_desktop.services.sync_service import SyncService

    caseload = Caseload(Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"]))
    sync = SyncService(caseload.ctx)
    sync.identity  # noqa: B018 - load the keys before READY: the kill should land in the import
    say("READY")
    results = sync.import_files([file])
    say(f"ACK bundle {results[0].status} {results[0].ops_applied}")


def make_old(data_dir: Path, version: int) -> None:
    """A vault as an older build of the app left it: migrations stop at `version`."""
    from liaison_desktop.services.demo_service import populate_demo
    from liaison_desktop.store import migrations

    del migrations.MIGRATIONS[version:]
    vault, _recovery = Vault.create(
        data_dir,
        os.environ["LIAISON_PASSPHRASE"],
        owner_name="Old Build",
        role="officer",
        kdf_target_seconds=0,
    )
    populate_demo(Caseload(vault), families=40, seed=7)
    vault.close()
    say(f"ACK made {version}")


def migrate(data_dir: Path) -> None:
    """Open an old vault; every pending migration is slowed so a kill can land inside it."""
    from liaison_desktop.store import migrations

    def slowed(step: migrations.Migration) -> migrations.Migration:
        def apply(conn: object) -> None:
            say(f"DO migration {step.version}")
            step.apply(conn)
            # Rewrite every note page as a data migration would, then dawdle: the kill has a
            # wide window inside the open transaction.
            conn.execute("UPDATE notes SET text = text")  # type: ignore[attr-defined]
            time.sleep(0.15)

        return migrations.Migration(step.version, step.description, apply)

    migrations.MIGRATIONS[:] = [slowed(m) for m in migrations.MIGRATIONS]
    say("READY")
    vault = Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"])
    say(f"ACK migrated {migrations.schema_version(vault.conn)}")
    vault.close()


def main(argv: list[str]) -> int:
    scenario, data_dir = argv[1], Path(argv[2])
    if scenario == "notes":
        notes(data_dir, argv[3], int(argv[4]))
    elif scenario == "import":
        import_json(data_dir, Path(argv[3]))
    elif scenario == "bundle":
        import_bundle(data_dir, Path(argv[3]))
    elif scenario == "make-old":
        make_old(data_dir, int(argv[3]))
    elif scenario == "migrate":
        migrate(data_dir)
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
