"""Child processes of the fault-injection suite (run as `python -m tests.reliability.child`).

Scenarios (passphrase in LIAISON_PASSPHRASE):
  notes DATA_DIR FAMILY_ID SEED     write, edit, finalise and amend notes through NotesService
  import DATA_DIR FILE              one interchange JSON import (all or nothing)
  bundle DATA_DIR FILE              one sync bundle import (all or nothing)
  make-old DATA_DIR VERSION         create a vault whose schema stops at VERSION, with data
  migrate DATA_DIR                  open an old vault: the migration runs (slowed down)
  hold DATA_DIR FAMILY_ID           keep the vault open; "write" on stdin writes a note
  disk-full DATA_DIR MODE JSON BUNDLE MOUNT   fill the disk, try writes, report (RESULT line)
Each prints READY when its vault is open and `ACK …` only after a unit of work has returned;
`DO …` just before a unit starts; `INSIDE` where it waits to be killed (PAUSE_INSIDE_ENV).
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault

# Set to N, a child stops inside its open transaction at its Nth record (or migration step),
# says INSIDE and waits there to be killed.
PAUSE_INSIDE_ENV = "LIAISON_PAUSE_INSIDE"


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


def pause_point() -> Callable[[], None]:
    """A call to make once per record (or step) inside the open transaction: with
    LIAISON_PAUSE_INSIDE=N its Nth call says INSIDE and waits there to be killed."""
    after = os.environ.get(PAUSE_INSIDE_ENV)
    calls = 0

    def reached() -> None:
        nonlocal calls
        calls += 1
        if after is not None and calls == int(after):
            say("INSIDE")
            time.sleep(120)

    return reached


def pause_inside(module: object, name: str) -> None:
    """With LIAISON_PAUSE_INSIDE set, pass every call of `module.name` (made once per record
    inside the open transaction) through a `pause_point`."""
    if PAUSE_INSIDE_ENV not in os.environ:
        return
    reached = pause_point()
    original = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        reached()
        return original(*args, **kwargs)

    setattr(module, name, counted)


def import_json(data_dir: Path, file: Path) -> None:
    from liaison_desktop.interchange import json_import
    from liaison_desktop.interchange.json_import import import_json_file

    pause_inside(json_import, "service_for")
    caseload = Caseload(Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"]))
    say("READY")
    summary = import_json_file(caseload, file)
    say(f"ACK import {summary.total_written}")


def import_bundle(data_dir: Path, file: Path) -> None:
    from liaison_desktop.services.sync_service import SyncService
    from liaison_desktop.sync import exchange

    pause_inside(exchange, "apply_remote")
    caseload = Caseload(Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"]))
    sync = SyncService(caseload.ctx)
    sync.identity  # noqa: B018 - load the keys before READY: the kill should land in the import
    say("READY")
    results = sync.import_files([file])
    say(f"ACK bundle {results[0].status} {results[0].ops_applied}")


def make_old(data_dir: Path, version: int) -> None:
    """A vault as an older build of the app left it: migrations stop at `version`."""
    from liaison_desktop.demo.populate import populate_demo
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

    reached = pause_point()

    def slowed(step: migrations.Migration) -> migrations.Migration:
        def apply(conn: object) -> None:
            say(f"DO migration {step.version}")
            step.apply(conn)
            reached()
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


def disk_full(work: Path, mode: str, json_file: Path, bundle: Path, mount: str) -> None:
    """Fill the disk (a size-limited tmpfs, or RLIMIT_FSIZE), then try to write; report JSON.

    Runs to the end and prints one `RESULT {json}` line: the error each attempt met, whether
    the vault was unchanged, whether reads went on working, and what happened once space was
    freed. With mode "tmpfs" it runs in its own mount namespace (`unshare --mount`) and mounts
    the small file system itself, so nothing outside it sees the mount.
    """
    import json
    import resource
    import shutil
    import signal
    import subprocess

    from liaison_desktop.errors import LiaisonError
    from liaison_desktop.interchange.json_import import import_json_file
    from liaison_desktop.services.sync_service import SyncService

    from .faults import consistency_problems, dump_open, problems_of

    passphrase = os.environ["LIAISON_PASSPHRASE"]
    ballast: Path | None = None
    if mode == "tmpfs":
        mnt = Path(mount)
        mnt.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mnt)], check=True)
        shutil.copytree(work, mnt / "data")
        work = mnt / "data"
        # Everything but 256 KiB goes to a ballast file: the vault has that much left to grow.
        ballast = mnt / "ballast"
        stat = os.statvfs(mnt)
        with open(ballast, "wb") as fh:
            fh.write(b"\0" * max(0, stat.f_bavail * stat.f_frsize - 256 * 1024))

    caseload = Caseload(Vault.unlock(work, passphrase))
    vault = caseload.vault
    family_id = caseload.families.query(limit=1)[0].id
    if mode == "rlimit":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        wal = work / "vault.db-wal"
        room = (wal.stat().st_size if wal.exists() else 0) + 256 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, resource.RLIM_INFINITY))

    def attempt(action: object) -> dict[str, object]:
        try:
            action()  # type: ignore[operator]
        except LiaisonError as exc:
            return {"error": type(exc).__name__, "message": str(exc)}
        except Exception as exc:
            return {"error": "unexpected " + type(exc).__name__, "message": repr(exc)}
        return {"error": None}

    # Fill with long notes, then shorter ones, until not even a one-line note fits.
    filled = 0
    fill_error: dict[str, object] = {"error": None}
    for words in (500, 50, 5):
        fill_error = {"error": None}
        while filled < 2000 and fill_error["error"] is None:
            text = "A note that will not fit" if words == 5 else "filler " * words
            fill_error = attempt(lambda: caseload.notes.write(family_id, text))  # noqa: B023
            filled += fill_error["error"] is None

    sync = SyncService(caseload.ctx)
    before = dump_open(vault)
    attempts: dict[str, dict[str, object]] = {}
    for name, action in (
        ("note", lambda: caseload.notes.write(family_id, "A note that will not fit")),
        ("import", lambda: import_json_file(caseload, json_file)),
        ("bundle", lambda: sync.import_files([bundle])),
    ):
        attempts[name] = attempt(action)
        attempts[name]["unchanged"] = dump_open(vault) == before
    read = caseload.families.get(family_id)["name"]
    problems = problems_of(vault) + consistency_problems(vault)
    vault.close()

    # The same three through the command line, each a fresh process on the still-full disk.
    cli: dict[str, dict[str, object]] = {}
    for name, args in (
        ("note", ["note", "add", family_id, "--text", "A note that will not fit"]),
        ("import", ["import", str(json_file)]),
        ("bundle", ["bundle", "import", str(bundle)]),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "liaison_desktop.cli", "--data-dir", str(work), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        cli[name] = {"code": proc.returncode, "stderr": proc.stderr}

    # Space is freed: the officer carries on where they were.
    if mode == "rlimit":
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    elif ballast is not None:
        ballast.unlink()
    caseload = Caseload(Vault.unlock(work, passphrase))
    vault = caseload.vault
    unchanged_by_cli = dump_open(vault) == before
    freed = {
        "note": attempt(lambda: caseload.notes.write(family_id, "Written once space was freed")),
        "import": attempt(lambda: import_json_file(caseload, json_file)),
        "bundle": attempt(lambda: SyncService(caseload.ctx).import_files([bundle])),
    }
    freed_problems = problems_of(vault) + consistency_problems(vault)
    families = vault.conn.execute("SELECT count(*) FROM families").fetchone()[0]
    vault.close()
    say(
        "RESULT "
        + json.dumps(
            {
                "filled": filled,
                "fill_error": fill_error,
                "attempts": attempts,
                "read": read,
                "problems": problems,
                "cli": cli,
                "unchanged_by_cli": unchanged_by_cli,
                "freed": freed,
                "freed_problems": freed_problems,
                "families": families,
            }
        )
    )


def hold(data_dir: Path, family_id: str) -> None:
    """Hold the vault open; write a note for every "write" line on stdin; close at EOF."""
    caseload = Caseload(Vault.unlock(data_dir, os.environ["LIAISON_PASSPHRASE"]))
    say("READY")
    for line in sys.stdin:
        if line.strip() == "write":
            note = caseload.notes.write(family_id, "Written while another process was refused")
            say(f"ACK write {note.id}")
    caseload.vault.close()
    say("CLOSED")


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
    elif scenario == "hold":
        hold(data_dir, argv[3])
    elif scenario == "disk-full":
        disk_full(data_dir, argv[3], Path(argv[4]), Path(argv[5]), argv[6])
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
