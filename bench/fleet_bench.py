"""Many devices, one shared folder: a lead and N officers syncing through a week of work.

For N = 10, 50 and 200 officers (3 and 10 with --quick): the lead allocates three families to
each officer; then for five days each officer writes a note on each of its families and the
lead one note, and everyone syncs through one folder (lead, every officer, lead). Measured
on the last day: an officer's sync and the lead's sync (time, files read, bytes read and
written), and the folder (files, bytes). The baseline is the same figure for the smallest
fleet, in the same run: the ratio says how the cost grows with N. Aims: an officer's sync
grows with its own caseload, not with N (at most 2× from the smallest fleet to the largest);
the lead's at most linearly; the folder holds one bundle per sender and recipient (2N).
Run alone with `python -m bench --only fleet`.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.sync_service import SyncService
from liaison_desktop.store.vault import Vault

from .common import Config, Result

NAME = "fleet"
BASELINE = "the same figure for the smallest fleet, in the same run"
FULL_SIZES = (10, 50, 200)
QUICK_SIZES = (3, 10)
FAMILIES_EACH = 3
DAYS = 5
PASSPHRASE = "benchmark passphrase for fictional data only"


class Fleet:
    def __init__(self, root: Path, officers: int) -> None:
        os.environ.setdefault("LIAISON_KDF_SECONDS", "0")
        self.folder = root / "shared"
        self.folder.mkdir(parents=True)
        self.lead = self._vault(root / "lead", "Lena Lead", "lead")
        self.officers = [
            self._vault(root / f"officer-{i}", f"Officer {i}", "officer") for i in range(officers)
        ]
        lead_sync = SyncService(Caseload(self.lead).ctx)
        self.families: list[list[str]] = []
        for vault in self.officers:
            mine = SyncService(Caseload(vault).ctx)
            lead_sync.add_peer(None, mine.device().public_key)
            mine.add_peer(None, lead_sync.device().public_key)
            c = Caseload(self.lead)
            ids = []
            for n in range(FAMILIES_EACH):
                family = c.families.create({"name": f"Family {n} of {mine.device().device_id[:6]}"})
                c.allocations.allocate(family.id, mine.device().device_id)
                ids.append(family.id)
            self.families.append(ids)

    @staticmethod
    def _vault(path: Path, name: str, role: str) -> Vault:
        vault, _recovery = Vault.create(
            path, PASSPHRASE, owner_name=name, role=role, kdf_target_seconds=0
        )
        return vault

    def sync(self, vault: Vault) -> dict[str, float]:
        before = self._folder_bytes()
        started = time.perf_counter()
        report = SyncService(Caseload(vault).ctx).sync_folder(self.folder)
        seconds = time.perf_counter() - started
        written = sum((self.folder / w["file"]).stat().st_size for w in report.written)
        read = sum(i.get("bytes", 0) for i in report.imported)
        return {
            "seconds": seconds,
            "imported": float(len(report.imported)),
            "written": float(len(report.written)),
            "bytes_written": float(written),
            "bytes_read": float(read),
            "folder_before": float(before),
        }

    def _folder_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.folder.iterdir())

    def week(self) -> dict[str, float]:
        """Five days of work and syncs; the last day's figures."""
        officer_times: list[float] = []
        lead_times: list[float] = []
        last_officer: dict[str, float] = {}
        for day in range(DAYS):
            for vault, families in zip(self.officers, self.families, strict=True):
                c = Caseload(vault)
                for family_id in families:
                    if c.ctx.store.get("family", family_id) is not None:
                        c.notes.create({"family_id": family_id, "text": f"Day {day} visit"})
            Caseload(self.lead).notes.create(
                {"family_id": self.families[day % len(self.families)][0], "text": f"Lead {day}"}
            )
            lead_times.append(self.sync(self.lead)["seconds"])
            day_times = []
            for vault in self.officers:
                figures = self.sync(vault)
                day_times.append(figures["seconds"])
                last_officer = figures
            officer_times = day_times
            lead_times.append(self.sync(self.lead)["seconds"])
        files = list(self.folder.iterdir())
        return {
            "officer_sync_s": statistics.median(officer_times),
            "lead_sync_s": statistics.median(lead_times[-2:]),
            "officer_bytes_written": last_officer["bytes_written"],
            "folder_files": float(len(files)),
            "folder_bytes": float(sum(p.stat().st_size for p in files)),
        }

    def close(self) -> None:
        for vault in (self.lead, *self.officers):
            vault.close()


def run(config: Config) -> list[Result]:
    sizes = QUICK_SIZES if config.quick else FULL_SIZES
    figures: dict[int, dict[str, float]] = {}
    for n in sizes:
        fleet = Fleet(config.work_dir / f"fleet-{n}", n)
        try:
            figures[n] = fleet.week()
        finally:
            fleet.close()
    small, results = sizes[0], []
    for n in sizes:
        f, b = figures[n], figures[small]
        size = f"1 lead + {n} officers, {FAMILIES_EACH} families each, {DAYS} days"
        results += [
            Result(
                benchmark=NAME,
                name=f"officer_sync_n{n}",
                unit="s",
                figure=f["officer_sync_s"],
                baseline=b["officer_sync_s"],
                size=size,
                aim_ratio=2.0,
                note=f"median of the last day's officer syncs; baseline N={small}",
            ),
            Result(
                benchmark=NAME,
                name=f"lead_sync_n{n}",
                unit="s",
                figure=f["lead_sync_s"],
                baseline=b["lead_sync_s"],
                size=size,
                aim_ratio=1.5 * n / small,
                note=f"at most linear in N (aim {1.5 * n / small:.0f}× N={small})",
            ),
            Result(
                benchmark=NAME,
                name=f"folder_files_n{n}",
                unit="files",
                figure=f["folder_files"],
                baseline=b["folder_files"],
                reference=f["folder_bytes"],
                size=size,
                aim_range=(0.0, 2.0 * n),
                note="one bundle per sender and recipient (2N); reference = bytes",
            ),
        ]
    return results


if __name__ == "__main__":
    import sys
    import tempfile

    from .common import results_table

    with tempfile.TemporaryDirectory() as tmp:
        quick = "--quick" in sys.argv
        print(results_table(run(Config(quick=quick, seed=1, work_dir=Path(tmp)))))
