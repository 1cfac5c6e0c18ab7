"""settings.json: defaults, round trip, tolerant reading, refusal of bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison_desktop.errors import InputRejected
from liaison_desktop.services.settings_service import Settings, SettingsService


def test_missing_file_gives_defaults(settings: SettingsService) -> None:
    assert settings.load() == Settings(auto_lock_minutes=5, theme="system")


def test_saved_settings_read_back(settings: SettingsService, data_dir: Path) -> None:
    chosen = Settings(auto_lock_minutes=15, theme="dark", language="cy", sync_folder="/mnt/usb")
    settings.save(chosen)
    assert SettingsService(data_dir).load() == chosen
    assert settings.path == data_dir / "settings.json"
    assert [p.name for p in data_dir.iterdir()] == ["settings.json"]  # no temp file left


def test_damaged_file_gives_defaults(settings: SettingsService) -> None:
    settings.path.write_bytes(b"\x00{not json")
    assert settings.load() == Settings()


def test_one_bad_field_keeps_the_others(settings: SettingsService) -> None:
    settings.path.write_text(
        json.dumps({"auto_lock_minutes": "never", "theme": "dark"}), encoding="utf-8"
    )
    assert settings.load() == Settings(theme="dark")


def test_unknown_keys_are_never_written_back(settings: SettingsService) -> None:
    settings.path.write_text(
        json.dumps({"theme": "light", "last_family": "Smith, 4 Acacia Road"}), encoding="utf-8"
    )
    settings.save(settings.load())
    text = settings.path.read_text(encoding="utf-8")
    assert "Smith" not in text
    assert set(json.loads(text)) == {"auto_lock_minutes", "theme", "language", "sync_folder"}


@pytest.mark.parametrize(
    "bad",
    [
        Settings(auto_lock_minutes=0),
        Settings(auto_lock_minutes=10_000),
        Settings(theme="purple"),
        Settings(language="not a language"),
    ],
)
def test_out_of_range_values_are_refused(settings: SettingsService, bad: Settings) -> None:
    with pytest.raises(InputRejected):
        settings.save(bad)
    assert not settings.path.exists()
