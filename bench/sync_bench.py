"""Sync: export and import of a bundle carrying 10,000 changed records, and its size.

A lead's vault gets 10,000 new records (2,000 families with four notes each; 1,000 records
with --quick), then writes one bundle for a second lead's device (so every record travels),
which that device verifies and imports in one transaction. The baseline is the plain
answer to "send these records": the same records as JSON, gzip'd, in the same run — what a
bundle costs over it is the signature, encryption, per-field versions and padding.
Run it alone with `python -m bench.sync_bench [--quick]`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault

from .common import Config, Result

NAME = "sync"
BASELINE = "the same records as plain JSON, gzip'd (level 6), in the same run"
FULL_RECORDS = 10_000
QUICK_RECORDS = 1_000
NOTES_PER_FAMILY = 4
PASSPHRASE = "benchmark passphrase for fictional data only"
SIZE_AIM_RATIO = 2.0  # a bundle may cost up to twice the gzip'd JSON (versions, ids, crypto)
WORDS = (
    "uniform", "food bank", "damp", "attendance", "interpreter", "breakfast club", "housing",
    "energy", "voucher", "wellbeing", "football", "library", "mould", "prepayment", "bus pass",
    "school nurse", "arrears", "counselling", "shoes", "holiday", "benefits", "transition",
)  # fmt: skip


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def measure(records: int, seed: int, work_dir: Path) -> dict[str, float]:
    """Build the records, export, import; returns the figures."""
    rng = random.Random(seed)
    sender, _r1 = Vault.create(
        work_dir / "sender", PASSPHRASE, owner_name="Bench lead", role="lead", kdf_target_seconds=0
    )
    receiver, _r2 = Vault.create(
        work_dir / "receiver", PASSPHRASE, owner_name="Bench deputy", role="lead",
        kdf_target_seconds=0,
    )  # fmt: skip
    try:
        send, receive = SyncService(Caseload(sender).ctx), SyncService(Caseload(receiver).ctx)
        # Two leads' laptops: each certifies the other as a (deputy) lead explicitly.
        send.add_peer(None, receive.device().public_key, role="lead")
        receive.add_peer(None, send.device().public_key, role="lead")
        store = send.ctx.store
        plain: list[dict[str, object]] = []
        with sender.transaction():
            for _f in range(records // (NOTES_PER_FAMILY + 1)):
                family_id = store.new_id()
                family = {
                    "name": f"{rng.choice(('Ash', 'Birch', 'Cedar', 'Elm'))} family",
                    "address": f"{rng.randint(1, 200)} {rng.choice(('High St', 'Mill Lane'))}",
                    "strengths": _text(rng, 12),
                }
                store.put("family", family_id, family)
                plain.append({"kind": "family", "id": family_id, **family})
                for _n in range(NOTES_PER_FAMILY):
                    note_id = store.new_id()
                    note = {
                        "family_id": family_id,
                        "written_at": "2025-11-12T10:00:00",
                        "author": "Bench lead",
                        "status": "draft",
                        "text": _text(rng, 40),
                    }
                    store.put("note", note_id, note)
                    plain.append({"kind": "note", "id": note_id, **note})
        started = time.perf_counter()
        exported = send.export_bytes(receive.identity.device_id)
        export_s = time.perf_counter() - started
        started = time.perf_counter()
        results = receive.import_bytes([exported.data])
        import_s = time.perf_counter() - started
        applied = sum(r.ops_applied for r in results)
        started = time.perf_counter()
        gzipped = gzip.compress(json.dumps(plain, ensure_ascii=False).encode("utf-8"), 6)
        gzip_s = time.perf_counter() - started
        started = time.perf_counter()
        unpacked = json.loads(gzip.decompress(gzipped))
        gunzip_s = time.perf_counter() - started
        assert len(unpacked) == len(plain)
    finally:
        sender.close()
        receiver.close()
    return {
        "records": float(len(plain)),
        "applied": float(applied),
        "export_s": export_s,
        "import_s": import_s,
        "bundle_bytes": float(len(exported.data)),
        "gzip_bytes": float(len(gzipped)),
        "gzip_s": gzip_s,
        "gunzip_s": gunzip_s,
    }


def measure_authorisation(records: int, seed: int, work_dir: Path) -> dict[str, float]:
    """An officer's bundle of `records` new records imported by its lead, with and without the
    authorisation of each operation (sync/authority.py), on copies of the same lead vault;
    the best of two runs each, alternated."""
    from liaison_desktop.sync import authority

    rng = random.Random(seed)
    lead, _r1 = Vault.create(
        work_dir / "auth-lead", PASSPHRASE, owner_name="Bench lead", role="lead",
        kdf_target_seconds=0,
    )  # fmt: skip
    officer, _r2 = Vault.create(
        work_dir / "auth-officer", PASSPHRASE, owner_name="Bench officer", role="officer",
        kdf_target_seconds=0,
    )  # fmt: skip
    try:
        to_lead, to_officer = SyncService(Caseload(lead).ctx), SyncService(Caseload(officer).ctx)
        to_lead.add_peer(None, to_officer.device().public_key)
        to_officer.add_peer(None, to_lead.device().public_key)
        caseload = Caseload(officer)
        with officer.transaction():  # the officer's own new families and their notes
            for _f in range(records // (NOTES_PER_FAMILY + 1)):
                family_id = caseload.families.create({"name": "Ash family"}).id
                for _n in range(NOTES_PER_FAMILY):
                    caseload.notes.write(family_id, _text(rng, 40))
        data = to_officer.export_bytes(to_lead.identity.device_id).data
    finally:
        lead.close()
        officer.close()
    check = authority.Judge.check
    timings: dict[str, list[float]] = {"auth_s": [], "noauth_s": []}
    try:
        for attempt in range(2):
            for key in ("noauth_s", "auth_s"):
                copy = work_dir / f"auth-lead-{key}-{attempt}"
                shutil.copytree(work_dir / "auth-lead", copy)
                authority.Judge.check = (  # type: ignore[method-assign]
                    check if key == "auth_s" else (lambda self, op: None)
                )
                with Vault.unlock(copy, PASSPHRASE) as vault:
                    service = SyncService(Caseload(vault).ctx)
                    started = time.perf_counter()
                    applied = sum(r.ops_applied for r in service.import_bytes([data]))
                    timings[key].append(time.perf_counter() - started)
    finally:
        authority.Judge.check = check  # type: ignore[method-assign]
    return {"auth_s": min(timings["auth_s"]), "noauth_s": min(timings["noauth_s"]),
            "auth_ops": float(applied)}  # fmt: skip


def results_from(figures: dict[str, float]) -> list[Result]:
    """The table rows."""
    size = f"{int(figures['records']):,} records"
    return [
        Result(
            NAME, "bundle_size", "KiB", figures["bundle_bytes"] / 1024,
            baseline=figures["gzip_bytes"] / 1024, size=size, aim_ratio=SIZE_AIM_RATIO,
            note="bundle vs gzip'd plain JSON of the same records",
        ),
        Result(
            NAME, "export", "s", figures["export_s"], baseline=figures["gzip_s"], size=size,
            note="select, compress, encrypt, sign; baseline: json.dumps + gzip of the records",
        ),
        Result(
            NAME, "import", "s", figures["import_s"], baseline=figures["gunzip_s"], size=size,
            note=f"verify, decrypt, merge {int(figures['applied']):,} ops in one transaction; "
            "baseline: gunzip + json.loads",
        ),
        Result(
            NAME, "import_authorised", "s", figures["auth_s"], baseline=figures["noauth_s"],
            size=f"{int(figures['auth_ops']):,} ops", aim_ratio=1.5,
            note="an officer's bundle imported by its lead, every op authorised; "
            "baseline: the same import with authorisation skipped, same run",
        ),
    ]  # fmt: skip


def run(config: Config) -> list[Result]:
    """Entry point for `python -m bench`."""
    records = QUICK_RECORDS if config.quick else FULL_RECORDS
    figures = measure(records, config.seed, config.work_dir)
    figures.update(measure_authorisation(records, config.seed, config.work_dir))
    return results_from(figures)


def main(argv: Sequence[str] | None = None) -> int:
    """Run this benchmark alone and print its figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.sync_bench")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=20_240_901)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="liaison-sync-bench-") as tmp:
        records = QUICK_RECORDS if args.quick else FULL_RECORDS
        figures = measure(records, args.seed, Path(tmp))
        figures.update(measure_authorisation(records, args.seed, Path(tmp)))
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
