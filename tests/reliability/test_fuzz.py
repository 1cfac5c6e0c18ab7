"""Hostile input of every kind the app reads: no crash, a clear refusal, the vault unchanged.

CI-sized and derandomized (the same cases every run); `python -m tests.reliability.fuzz_long`
runs the same targets for 10,000+ cases per kind outside CI. Each kind's vault is built once
per module and checked in full (logical dump and `verify`) after every case here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison_desktop.errors import LiaisonError
from tests.reliability import fuzz_inputs as inputs
from tests.reliability.fuzz_targets import (
    ATTACH_LIMIT,
    AttachCase,
    AttachmentRig,
    AttendanceCsvRig,
    BundleRig,
    DeviceKeyRig,
    JsonImportRig,
    KeyfileRig,
    PupilCsvRig,
    Rig,
    SettingsRig,
    bomb,
    seal_raw,
)

CI = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _rig(factory: type[Rig], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    rig = factory(tmp_path_factory.mktemp(factory.kind or "rig"))
    try:
        yield rig
    finally:
        rig.close()


@pytest.fixture(scope="module")
def json_rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    yield from _rig(JsonImportRig, tmp_path_factory)


@pytest.fixture(scope="module")
def pupil_rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    yield from _rig(PupilCsvRig, tmp_path_factory)


@pytest.fixture(scope="module")
def attendance_rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    yield from _rig(AttendanceCsvRig, tmp_path_factory)


@pytest.fixture(scope="module")
def bundle_rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    yield from _rig(BundleRig, tmp_path_factory)


@pytest.fixture(scope="module")
def key_rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    yield from _rig(DeviceKeyRig, tmp_path_factory)


@pytest.fixture(scope="module")
def attach_rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    yield from _rig(AttachmentRig, tmp_path_factory)


@given(data=st.data())
@CI
def test_fuzzed_interchange_json_is_refused_cleanly_or_imported_whole(
    json_rig: Rig, data: st.DataObject
) -> None:
    json_rig.run(data.draw(inputs.json_import_cases()))


@given(data=st.data())
@CI
def test_fuzzed_pupil_csv_is_refused_cleanly_or_imported_whole(
    pupil_rig: Rig, data: st.DataObject
) -> None:
    pupil_rig.run(data.draw(inputs.pupil_csv_cases()))


@given(data=st.data())
@CI
def test_generated_valid_pupil_lists_are_imported_not_refused(
    pupil_rig: Rig, data: st.DataObject
) -> None:
    assert pupil_rig.run(data.draw(inputs.valid_pupil_lists())) == "accepted"


@given(data=st.data())
@CI
def test_fuzzed_attendance_csv_is_refused_cleanly_or_imported_whole(
    attendance_rig: AttendanceCsvRig, data: st.DataObject
) -> None:
    attendance_rig.run(data.draw(inputs.attendance_csv_cases(attendance_rig.upns)))


@given(data=st.data())
@settings(CI, max_examples=60)
def test_fuzzed_bundles_are_refused_with_a_reason_and_change_nothing(
    bundle_rig: BundleRig, data: st.DataObject
) -> None:
    bundle_rig.run(data.draw(inputs.bundle_cases(bundle_rig)))


@given(data=st.data())
@CI
def test_fuzzed_device_keys_are_refused_or_trusted_as_pasted(
    key_rig: Rig, data: st.DataObject
) -> None:
    key_rig.run(data.draw(inputs.device_key_cases()))


@given(data=st.data())
@CI
def test_fuzzed_attachments_keep_only_a_safe_name_and_the_exact_bytes(
    attach_rig: Rig, data: st.DataObject
) -> None:
    attach_rig.run(data.draw(inputs.attach_cases()))


def test_fuzzed_settings_files_give_valid_preferences(tmp_path: Path) -> None:
    rig = SettingsRig(tmp_path)

    @given(case=inputs.settings_cases())
    @settings(CI, max_examples=150)
    def one(case: bytes) -> None:
        rig.run(case)

    one()
    assert rig.counts.accepted and rig.counts.refused, rig.counts


def test_fuzzed_key_files_refuse_to_unlock_and_leave_the_database_alone(
    tmp_path: Path,
) -> None:
    rig = KeyfileRig(tmp_path)

    @given(case=inputs.keyfile_cases(rig.original))
    @settings(CI, max_examples=40)
    def one(case: bytes) -> None:
        rig.run(case)

    one()
    assert rig.counts.refused, rig.counts
    # The real key file still opens the vault afterwards.
    assert rig.run(rig.original) == "accepted"


# -- each source really reaches the layer it is for -----------------------------------------------
def test_a_resealed_bundle_with_a_broken_body_reaches_the_operation_checks(
    bundle_rig: BundleRig,
) -> None:
    world = bundle_rig.world
    body = {**world.body, "ops": [{**world.body["ops"][0], "kind": "spaceship"}]}
    with pytest.raises(LiaisonError, match="not valid operations"):
        bundle_rig.attempt(seal_raw(world, seq=bundle_rig.next_seq(), body=body))
    with pytest.raises(LiaisonError, match="decompression bomb"):
        bundle_rig.attempt(seal_raw(world, seq=bundle_rig.next_seq(), compressed=bomb(8)))


def test_an_attachment_at_the_limit_is_kept_and_one_byte_over_is_refused(
    attach_rig: Rig,
) -> None:
    assert attach_rig.run(AttachCase("scan.pdf", b"\x01" * ATTACH_LIMIT)) == "accepted"
    assert attach_rig.run(AttachCase("scan.pdf", b"\x01" * (ATTACH_LIMIT + 1))) == "refused"


def test_counts_show_both_accepted_and_refused_inputs(
    json_rig: Rig, pupil_rig: Rig, bundle_rig: Rig, key_rig: Rig
) -> None:
    """The generators are not all rubbish: each kind reached acceptance and refusal."""
    for rig in (json_rig, bundle_rig, key_rig):
        assert rig.counts.accepted and rig.counts.refused, (rig.kind, rig.counts)
    assert pupil_rig.counts.refused, pupil_rig.counts
