"""Issue 23: the subject access export lists the other people named in its text, ticked to be
redacted; the lead unticks one with the keyboard, types more words to redact, and the saved PDF
and JSON say exactly that."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison_desktop.services.caseload import Caseload
from liaison_desktop.store.vault import Vault
from liaison_desktop.ui.reports.report_dialog import ReportDialog
from tests.external_tools import tool

from .test_reports_view import _save_through_file_dialog
from .ui_helpers import OP_TIMEOUT_MS, activate

NOTE = "Ada told me her uncle Dave shouts at night. Mrs Patel next door rang the school."


def test_the_lead_reviews_the_names_found_and_redacts_more_by_hand(
    qtbot: QtBot, lead_vault: Vault, tmp_path: Path
) -> None:
    c = Caseload(lead_vault)
    fid = c.families.create({"name": "Ashworth family"}).id
    ada = c.people.create({"family_id": fid, "given_name": "Ada", "family_name": "Ashworth",
                           "role": "pupil"}).id  # fmt: skip
    c.notes.write(fid, NOTE + " We met at the Riverside cafe.")
    dialog = ReportDialog(c, kind="subject_access")
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    assert dialog.choose_subject("Ada")
    assert dialog.subject_id() == ada
    qtbot.waitUntil(lambda: dialog.redact_model.rowCount() == 2, timeout=OP_TIMEOUT_MS)
    assert set(dialog.redact_model.checked_ids()) == {"name:Dave", "name:Patel"}
    assert "redacted unless you untick" in dialog.status_label.text()
    # Alt+D to the list, the row of Patel, Space unticks it; Alt+X, words to redact by hand.
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.redact_list.hasFocus)
    labels = [dialog.redact_model.index(r, 0).data() for r in range(2)]
    row = next(r for r, label in enumerate(labels) if "Patel" in label)
    dialog.redact_list.setCurrentIndex(dialog.redact_model.index(row, 0))
    qtbot.keyClick(dialog.redact_list, Qt.Key.Key_Space)
    assert dialog.kept_names() == ("Patel",)
    qtbot.keyClick(dialog.redact_list, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.redact_text_edit.hasFocus)
    qtbot.keyClicks(dialog.redact_text_edit, "Riverside cafe")
    request = dialog.request()
    assert request is not None and request.redact_text == ("Riverside cafe",)

    out = tmp_path / "sar.pdf"
    _save_through_file_dialog(qtbot, dialog, out)
    text = " ".join(
        subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True, text=True,
                       check=True).stdout.split()
    )  # fmt: skip
    assert "Mrs Patel next door" in text
    assert "Dave" not in text and "uncle [redacted] shouts" in text
    assert "Riverside cafe" not in text
    saved = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert "Dave" not in json.dumps(saved, ensure_ascii=False)
    dialog.done(0)
