"""Driver for the GUI benchmark: the Caseload list on a large vault, in a process of its own.

`python -m bench.gui_caseload_driver DATA_DIR PASSPHRASE` unlocks the vault, times the list's
aggregated read, the view from shown to filled (read on its worker thread), and scrolling the
table from top to bottom with its scroll bar a page at a time, painting every step. Prints
one JSON object of seconds.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QThreadPool
from PySide6.QtWidgets import QApplication

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.caseload.caseload_view import CaseloadView
from liaison_desktop.ui.family.family_summary_view import FamilySummaryView

READ_REPEATS = 5


def main(argv: list[str]) -> int:
    """Measure and print the figures."""
    data_dir, passphrase = Path(argv[0]), argv[1]
    app = QApplication(sys.argv[:1])  # noqa: F841 — must exist for the widgets
    # An event loop object's processEvents, not the static one: in PySide6 6.12 on Python
    # 3.11 each static call drops a reference to None, which ends in a crash (see decisions).
    events = QEventLoop()
    vault = Vault.unlock(data_dir, passphrase)
    try:
        caseload = Caseload(vault)
        reads = []
        for _ in range(READ_REPEATS + 1):
            started = time.perf_counter()
            rows = caseload.caseload_rows.rows()
            reads.append(time.perf_counter() - started)
        reads = reads[1:]  # the first warms the page cache

        view = CaseloadView(caseload, lambda fid: FamilySummaryView(caseload.families, fid))
        view.resize(1366, 768)
        started = time.perf_counter()
        view.show()  # starts the read on a worker thread
        gui_stalls = []
        while view.model.rowCount() < len(rows):
            tick = time.perf_counter()
            events.processEvents()
            gui_stalls.append(time.perf_counter() - tick)
        open_s = time.perf_counter() - started
        for _ in range(3):  # let the view lay out the rows it now has
            events.processEvents()
        bar = view.table.verticalScrollBar()
        frames = []
        started = time.perf_counter()
        while bar.value() < bar.maximum():
            tick = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            view.table.viewport().repaint()
            events.processEvents()
            frames.append(time.perf_counter() - tick)
        scroll_s = time.perf_counter() - started
        tick = time.perf_counter()
        view.table.sortByColumn(4, view.table.horizontalHeader().sortIndicatorOrder())
        view.table.viewport().repaint()
        sort_s = time.perf_counter() - tick
        print(
            json.dumps(
                {
                    "families": len(rows),
                    "read_median_s": statistics.median(reads),
                    "open_s": open_s,
                    "open_longest_gui_step_s": max(gui_stalls, default=0.0),
                    "scroll_s": scroll_s,
                    "scroll_steps": len(frames),
                    "scroll_longest_step_s": max(frames, default=0.0),
                    "sort_s": sort_s,
                }
            ),
            flush=True,
        )
        view.close()
        QThreadPool.globalInstance().waitForDone()
        events.processEvents()
    finally:
        vault.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
