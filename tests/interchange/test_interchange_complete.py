"""The interchange file is a full copy: every record kind the vault exchanges, from a demo
caseload, export → fresh vault → export gives the same document; what other tools write
(null for absent, a date-time where a date is meant) is read; and the schema refuses what the
importer refuses wherever JSON Schema can say it."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from liaison_desktop.demo.populate import populate_demo
from liaison_desktop.domain import outcomes
from liaison_desktop.interchange.document import FAMILY_ARRAYS, SHARED_ARRAYS
from liaison_desktop.interchange.json_export import vault_document
from liaison_desktop.interchange.json_import import check_document, import_document
from liaison_desktop.interchange.json_reading import schema_problems
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.reports_service import ReportOptions, ReportsService
from liaison_desktop.services.validation import ValidationFailed
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE

from .strategies import normalised


def lead_vault(folder: Path) -> Vault:
    vault, _recovery = Vault.create(
        folder, PASSPHRASE, owner_name="Gwen Lead", role="lead", kdf_target_seconds=0
    )
    return vault


def with_every_kind(c: Caseload, out: Path) -> None:
    """A demo caseload, plus the kinds the demo does not make on its own."""
    populate_demo(c, families=4, seed=11)
    families = c.families.all()
    family = next(f for f in families if c.people.pupils(f["id"]))
    fid = str(family["id"])
    pupil = c.people.pupils(fid)[0]
    c.outcomes.record(fid, dict.fromkeys(outcomes.AREA_KEYS, 4), day=c.ctx.today())
    c.attachments.attach(fid, "letter from the GP.txt", "Fictional letter ✓\n".encode())
    c.holds.place(fid, reason="Fictional court case")
    c.retention.set_rule("note", years=7)
    c.activities.kinds.add("Family cookery")
    c.letters.save_template("Coffee morning", "invitation", "Dear {carer}, come for coffee.")
    school = c.schools.add("Demo Primary", urn="100001", trust="Fictional Trust")
    c.schools.set_family_school(fid, school.id)
    c.concerns.categories.add_category("Attendance at risk")
    concern = c.concerns.raise_concern(
        fid, "Fictional: bruise seen", person_ids=[pupil["id"]], category="neglect"
    )
    c.concerns.decide(
        concern.id, "early_help", "Fictional reasons", informed="Carer",
        informed_at=c.ctx.now_iso(),
    )  # fmt: skip
    c.retention.keep(
        fid, reason="Sibling still at school", until=c.ctx.today() + timedelta(days=400)
    )
    ReportsService(c).transfer_pack(
        pupil["id"],
        ReportOptions(out=out / "transfer.pdf"),
        receiving_school="Ysgol Gymraeg Demo",
        left_on=c.ctx.today() - timedelta(days=1),
    )
    other = next(f for f in families if f["id"] != fid)
    c.closures.close(str(other["id"]), reason="Moved away", outcome="moved_area")


def test_every_kind_goes_out_and_comes_back_the_same(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    source, target = lead_vault(tmp_path / "a"), lead_vault(tmp_path / "b")
    try:
        with_every_kind(Caseload(source), tmp_path)
        first = json.loads(json.dumps(vault_document(Caseload(source))))
        present = {key for key, _kind in SHARED_ARRAYS if first.get(key)}
        for family in first["families"]:
            present |= {key for key, _kind in FAMILY_ARRAYS if family.get(key)}
        every = {key for key, _kind in (*FAMILY_ARRAYS, *SHARED_ARRAYS)}
        assert present == every, every - present  # the test holds every kind
        import_document(Caseload(target), copy.deepcopy(first))
        second = json.loads(json.dumps(vault_document(Caseload(target))))
        assert normalised(second) == normalised(first)
        # The attachment's bytes came across, checked against their hash.
        attachment = next(a for f in second["families"] for a in f.get("attachments", []))
        assert (
            Caseload(target)
            .attachments.open_bytes(attachment["id"])
            .decode()
            .startswith("Fictional letter")
        )
    finally:
        source.close()
        target.close()


def sample() -> dict[str, Any]:
    return {
        "format": "liaison-desktop/1",
        "contacts": [
            {"id": "c1", "organisation": "Trussell food bank", "kind": "food_bank", "layer": 3}
        ],
        "families": [
            {
                "id": "f1",
                "name": "Nowak family",
                "postcode": "CF10 1AA",
                "phone": None,
                "members": [
                    {
                        "id": "p1",
                        "given_name": "Zofia",
                        "family_name": "Nowak",
                        "role": "pupil",
                        "date_of_birth": "2016-05-02",
                        "upn": None,
                    }
                ],
                "visits": [
                    {"id": "v1", "date": "2026-09-15T10:30:00", "status": "planned", "time": None}
                ],
                "case_links": [{"contact_id": "c1", "role": "Food parcels"}],
                "attendance": [
                    {
                        "id": "a1",
                        "person_id": "p1",
                        "period": "Autumn 2025",
                        "sessions_possible": 100,
                        "sessions_attended": 90,
                    }
                ],
            }
        ],
    }


def test_null_is_absent_and_a_date_time_in_a_date_keeps_its_date(vault: Vault) -> None:
    c = Caseload(vault)
    import_document(c, sample())
    visit = c.ctx.store.get("visit", "v1")
    assert visit is not None and visit["date"] == "2026-09-15" and visit["time"] is None
    family = vault_document(c)["families"][0]
    assert "phone" not in family  # absent, written back as absent
    assert family["visits"][0]["date"] == "2026-09-15"  # the canonical form


# (what is changed, where, whether JSON Schema can say it)
MALFORMED = {
    "postcode XYZ": (("families", 0, "postcode"), "XYZ", True),
    "phone 12345": (("families", 0, "members", 0, "phone"), "12345", True),
    "date of birth 2019-02-30": (
        ("families", 0, "members", 0, "date_of_birth"),
        "2019-02-30",
        True,
    ),
    "time 25:00": (("families", 0, "visits", 0, "time"), "25:00", True),
    "email without @": (("families", 0, "members", 0, "email"), "zofia.example.org", True),
    "UPN of the wrong form": (("families", 0, "members", 0, "upn"), "1234", True),
    "UPN with a wrong check letter": (("families", 0, "members", 0, "upn"), "A801200005001", False),
    "a contact that is not there": (("families", 0, "case_links", 0, "contact_id"), "c9", False),
    "attended more than possible": (
        ("families", 0, "attendance", 0, "sessions_attended"),
        101,
        False,
    ),
}


def put(document: dict[str, Any], where: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    node: Any = changed
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    return changed


@pytest.mark.parametrize("case", list(MALFORMED))
def test_schema_and_importer_agree_on_malformed_values(vault: Vault, case: str) -> None:
    where, value, expressible = MALFORMED[case]
    document = put(sample(), where, value)
    path = ".".join(str(p) for p in where)
    schema_says = schema_problems(document)
    if expressible:
        assert schema_says, f"the schema accepts {case}"
    else:
        assert not schema_says, f"the schema was thought unable to say {case}: {schema_says}"
    with pytest.raises(ValidationFailed) as refused:
        check_document(Caseload(vault), document)
    assert refused.value.problems, path
    assert Caseload(vault).families.all() == []  # nothing was written either way


def test_the_sample_itself_passes_both(vault: Vault) -> None:
    assert schema_problems(sample()) == []
    assert check_document(Caseload(vault), sample())
    assert date.fromisoformat("2026-09-15")  # the visit's date, as read
