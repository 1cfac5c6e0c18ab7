"""Each record kind describes itself (issue 17 part 1): what depends on a kind is read from its
spec, and every list that still names kinds is held to the specs here."""

from __future__ import annotations

from functools import cached_property

import pytest

from liaison_desktop.domain import records
from liaison_desktop.domain import retention_rules as rr
from liaison_desktop.domain.record_spec import RETENTION_CLASSES, RecordSpec
from liaison_desktop.i18n import N_
from liaison_desktop.interchange import document
from liaison_desktop.services import chronology_service
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.record_service import RecordService
from liaison_desktop.store.vault import Vault
from liaison_desktop.sync import exchange


def test_every_kind_has_a_label_and_a_retention_class() -> None:
    for spec in records.ALL:
        assert spec.label, f"{spec.kind} has no label"
        assert spec.retention in RETENTION_CLASSES
    with pytest.raises(ValueError, match="retention class"):
        RecordSpec(kind="x", table="xs", fields=(), label=N_("X"), retention="forever")


def test_a_kinds_service_is_the_caseload_service_that_writes_it(vault: Vault) -> None:
    caseload = Caseload(vault)
    named = {spec.kind for spec in records.ALL if spec.service}
    for kind in named:
        service = caseload.service_for(kind)
        assert isinstance(service, RecordService) and service.kind == kind
    # ... and every area service of the Caseload is named by its kind's spec.
    found: set[str] = set()
    for name, attribute in vars(Caseload).items():
        if isinstance(attribute, cached_property):
            service = getattr(caseload, name)
            for candidate in (
                service,
                getattr(service, "links", None),
                getattr(service, "reviews", None),
                getattr(service, "categories", None),
            ):
                if isinstance(candidate, RecordService):
                    found.add(candidate.kind)
            additions = getattr(service, "additions", None)
            if isinstance(additions, RecordService):
                found.add(additions.kind)
    assert found == named
    assert caseload.service_for("erasure") is None  # written by the purge, no area service


def test_the_interchange_document_holds_exactly_the_kinds_marked_for_it() -> None:
    laid_out = (
        {kind for _key, kind in document.FAMILY_ARRAYS}
        | {kind for _key, kind in document.SHARED_ARRAYS}
        | {
            "family",
            "concern_addition",  # inside each concern (document.ADDITIONS_KEY)
        }
    )
    assert laid_out == set(records.kinds_where(in_interchange=True))
    assert set(document.EXPORT_ORDER) == laid_out
    assert set(records.BY_KIND) - laid_out == set(document.NOT_EXCHANGED)


def test_the_chronology_shows_exactly_the_kinds_marked_for_it() -> None:
    record_kinds = set(chronology_service.KINDS) & set(records.BY_KIND)
    assert record_kinds == set(records.kinds_where(in_chronology=True))


def test_retention_classes_come_from_the_specs() -> None:
    assert rr.CHILD_PROTECTION_KINDS == ("concern", "concern_addition", "transfer")
    assert set(rr.TRAIL_KINDS) == {"case_closure", "legal_hold", "retention_review", "sharing"}
    assert set(rr.SKELETON_KINDS) == {"family", "person", *rr.TRAIL_KINDS}
    assert rr.default_rule("transfer").years == rr.CHILD_PROTECTION_YEARS
    assert "contact" in rr.NOT_RETAINED and "erasure" in rr.NOT_RETAINED


def test_concerns_travel_first_to_a_lead_because_their_spec_says_so() -> None:
    assert records.kinds_where(sync_first=True) == ("concern", "concern_addition")
    assert exchange.SYNC_FIRST_SQL == "'concern', 'concern_addition'"


def test_labels_are_read_from_the_specs() -> None:
    assert records.label_of("visit") == "Visit"
    assert records.case_file_label_of("family") == "Family record (the case itself)"
    assert records.case_file_label_of("note") == records.label_of("note") == "Note"
    assert records.label_of("from_a_newer_version") == "From a newer version"
