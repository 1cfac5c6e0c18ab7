"""The crash report names places in the code and never carries what the officer was working on."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison_desktop import __version__
from liaison_desktop.crash_report import (
    HEAD_FRAMES,
    TAIL_FRAMES,
    CrashReport,
    build_report,
    safe_path,
)
from liaison_desktop.domain.fields import FieldSpec, FieldType
from liaison_desktop.errors import EXIT_ERROR
from liaison_desktop.services.caseload import Caseload
from liaison_desktop.services.vault_service import VaultService
from liaison_desktop.store import audit
from liaison_desktop.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import new_canary, run_cli


def _raise_with(message: object, *args: object) -> None:
    family_name = message  # a local holding case data, as a real slot's would
    note = {"text": message, "family": family_name}
    raise ValueError(message, *args, note)


def _caught(work: object) -> BaseException:
    try:
        work()  # type: ignore[operator]
    except BaseException as exc:
        return exc
    raise AssertionError("the work did not raise")


def _report_of(work: object, **kwargs: str) -> CrashReport:
    return build_report(_caught(work), where="test", **kwargs)


# Text an exception might carry: names, notes, addresses, in any script.
case_text = st.text(min_size=1, max_size=40)
exception_types = st.sampled_from(
    [ValueError, RuntimeError, KeyError, TypeError, LookupError, AssertionError, Exception]
)


@settings(max_examples=60, deadline=None)
@given(kind=exception_types, extra=case_text, how=st.sampled_from(["alone", "cause", "context"]))
def test_no_message_argument_note_or_local_ever_reaches_the_report(
    kind: type[Exception], extra: str, how: str
) -> None:
    canary = new_canary("Kanary") + extra

    def inner() -> None:
        address = f"1 {canary} Street"  # noqa: F841  (a local the report must not read)
        error = kind(canary, {"postcode": canary})
        error.add_note(canary)
        raise error

    def outer() -> None:
        try:
            inner()
        except Exception as exc:
            if how == "cause":
                raise RuntimeError(f"while saving {canary}") from exc
            raise OSError(5, canary, f"/home/{canary}/notes.txt")  # noqa: B904

    report = build_report(_caught(inner if how == "alone" else outer), where="test")
    text = report.text()
    assert canary not in text
    assert report.errors[-1].type_name == kind.__name__
    assert report.errors[-1].frames[-1].function.endswith("inner")


def test_a_canary_in_message_args_and_locals_is_left_out() -> None:
    canary = new_canary("Kanaryname")
    report = _report_of(lambda: _raise_with(canary, f"at {canary}"))
    text = report.text()
    assert canary not in text
    assert "Kanaryname" not in text
    assert report.type_name == "ValueError"
    assert "message left out" in text


def test_real_frames_are_named_by_file_line_and_function() -> None:
    report = _report_of(lambda: _raise_with("x"))
    frames = report.errors[0].frames
    assert [f.function for f in frames][-1] == "_raise_with"
    assert frames[-1].file == "…/test_crash_report.py"
    assert frames[-1].line == _raise_with.__code__.co_firstlineno + 3
    assert f'File "…/test_crash_report.py", line {frames[-1].line}, in _raise_with' in (
        report.text()
    )


def test_frames_in_the_package_and_libraries_are_relative() -> None:
    canary = new_canary("Kanarydate")
    birthday = FieldSpec("date_of_birth", FieldType.DATE)

    def clean() -> None:
        birthday.clean(f"{canary}-13-45")  # a message that quotes the value it refused

    report = _report_of(clean)
    assert report.type_name == "liaison_desktop.domain.fields.FieldError"
    assert report.errors[0].frames[-1].file == "liaison_desktop/domain/fields.py"
    assert canary not in report.text()
    assert safe_path(sqlite3.__file__) == "python/sqlite3/__init__.py"
    assert safe_path("/opt/venv/lib/python3.11/site-packages/PySide6/x.py") == (
        "site-packages/PySide6/x.py"
    )
    assert safe_path("<frozen importlib._bootstrap>") == "<frozen importlib._bootstrap>"


def test_home_folders_and_unknown_folders_never_appear(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "Siân Jones"
    monkeypatch.setenv("HOME", str(home))
    assert safe_path(str(home / "scripts" / "tool.py")) == "<home>/…/tool.py"
    assert safe_path("/srv/Kanary Family/tool.py") == "…/tool.py"
    assert safe_path("<Kanary family's file\n>") == "<code>"


def test_a_report_carries_versions_and_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    canary = new_canary("Kanaryenv")
    monkeypatch.setenv("LIAISON_PASSPHRASE", canary)
    report = _report_of(lambda: _raise_with("x"), qt_version="6.11.3")
    text = report.text()
    assert f"App version: {__version__}" in text
    assert f"Python: {sys.version_info.major}.{sys.version_info.minor}" in text
    assert "Qt: 6.11.3" in text
    assert "Platform: " in text
    assert canary not in text
    assert str(Path.home()) not in text


def test_chained_exceptions_are_reported_with_their_frames_and_no_messages() -> None:
    canary = new_canary("Kanarycause")

    def save() -> None:
        try:
            _raise_with(canary)
        except ValueError as exc:
            raise RuntimeError(canary) from exc

    def handle() -> None:
        try:
            save()
        except RuntimeError:
            {}[canary]  # a KeyError while handling: its key is data too

    report = _report_of(handle)
    assert [e.type_name for e in report.errors] == ["KeyError", "RuntimeError", "ValueError"]
    assert [e.relation for e in report.errors] == ["", "context", "cause"]
    assert report.errors[2].frames[-1].function == "_raise_with"
    text = report.text()
    assert "Raised while handling: RuntimeError" in text
    assert "Caused by: ValueError" in text
    assert canary not in text


def test_os_and_sqlite_errors_keep_their_code_but_not_their_file_names() -> None:
    canary = new_canary("Kanaryfile")

    def open_missing() -> None:
        open(f"/nonexistent/{canary}.txt")  # noqa: SIM115

    report = _report_of(open_missing)
    assert report.errors[0].code == "ENOENT"
    assert "FileNotFoundError [ENOENT]" in report.text()
    assert canary not in report.text()


def test_the_crash_id_is_stable_for_one_place_and_differs_for_another() -> None:
    def save(text: str) -> None:
        _raise_with(text)

    first, again = (build_report(_caught(lambda: save(new_canary())), where="test") for _ in "12")
    elsewhere = _report_of(lambda: {}["x"])
    assert first.crash_id == again.crash_id  # the message differs; the place does not
    assert first.crash_id != elsewhere.crash_id
    assert len(first.crash_id) == 9 and first.crash_id[4] == "-"


def test_a_deep_recursion_is_shortened_to_its_first_and_last_frames() -> None:
    def deep(n: int) -> None:
        if n == 0:
            raise RuntimeError("bottom")
        deep(n - 1)

    report = _report_of(lambda: deep(200))
    error = report.errors[0]
    assert len(error.frames) == HEAD_FRAMES + TAIL_FRAMES
    assert error.omitted > 150
    assert f"... {error.omitted} frames left out ..." in report.text()


def test_an_unexpected_error_in_a_command_prints_the_safe_report_and_rolls_back(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    canary = new_canary("Kanaryfamily")
    vault, _key = Vault.create(
        data_dir, PASSPHRASE, owner_name="Test Officer", role="officer", kdf_target_seconds=0
    )
    family = Caseload(vault).families.create({"name": "Okafor family"}).id
    vault.close()

    def failing_audit(*_args: object, **kwargs: object) -> None:
        # A fault half-way through the write, whose message quotes the case (as real ones do).
        raise RuntimeError(f"could not audit {canary} at {kwargs.get('record_id')}")

    env = {"LIAISON_PASSPHRASE": PASSPHRASE}
    with monkeypatch.context() as m:
        m.setattr(audit, "append", failing_audit)
        result = run_cli(
            capsys, monkeypatch, data_dir, "family", "set", family, f"name={canary}", env=env
        )

    assert result.code == EXIT_ERROR
    assert canary not in result.err and canary not in result.out
    assert "Nothing more was written" in result.err
    assert "Crash id: " in result.err
    assert "Error: RuntimeError (message left out" in result.err
    assert 'File "liaison_desktop/store/record_store.py"' in result.err
    assert str(data_dir) not in result.err
    # The half-done write was rolled back: the name is unchanged and the vault verifies.
    with Vault.unlock(data_dir, PASSPHRASE) as reopened:
        assert Caseload(reopened).families.get(family)["name"] == "Okafor family"
        assert VaultService.verify(reopened) == []
