"""Choosing and loading the language: setting, else the system's, else English."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from liaison_desktop import i18n
from liaison_desktop.i18n import _, choose_language, environment_languages, ngettext, normalise
from liaison_desktop.store.vault import Vault
from tests.helpers import run_cli_process

from ..conftest import PASSPHRASE

OFFERED = ("cy", "en")


def test_the_welsh_catalogue_is_installed_as_a_package_resource() -> None:
    mo = resources.files("liaison_desktop") / "resources/locale/cy/LC_MESSAGES/liaison.mo"
    assert mo.is_file()
    assert "cy" in i18n.available_languages()


@pytest.mark.parametrize(
    ("setting", "system", "chosen"),
    [
        ("cy", ["en-GB"], "cy"),  # the setting wins over the system
        ("en", ["cy-GB"], "en"),
        ("", ["cy-GB", "en-GB"], "cy"),  # no setting: the system's first translated language
        ("", ["fr-FR", "cy_GB.UTF-8"], "cy"),
        ("", ["C"], "en"),
        ("", [], "en"),
        ("pl", ["cy-GB"], "en"),  # an explicit choice with no catalogue is English
        (None, ["CY"], "cy"),
    ],
)
def test_choose_language(setting: str | None, system: list[str], chosen: str) -> None:
    assert choose_language(setting, system, OFFERED) == chosen


def test_normalise() -> None:
    assert normalise("cy-GB.UTF-8") == "cy_GB"
    assert normalise("en_GB@euro") == "en_GB"
    assert normalise("C") == normalise("POSIX") == ""


def test_environment_order_is_gettexts() -> None:
    env = {"LANGUAGE": "cy:en", "LC_ALL": "", "LANG": "en_GB.UTF-8"}
    assert environment_languages(env) == ["cy", "en", "en_GB.UTF-8"]
    assert environment_languages({"LC_ALL": "cy_GB.UTF-8", "LANG": "en_GB"}) == ["cy_GB.UTF-8"]
    assert environment_languages({"LC_MESSAGES": "cy_GB", "LANG": "en_GB"}) == ["cy_GB"]


def test_load_switches_every_later_message_and_back() -> None:
    assert i18n.load("cy") == "cy"
    assert i18n.current_language() == "cy"
    assert _("&Lock") == "&Cloi"
    assert _("Settings") == "Gosodiadau"
    assert ngettext("{n} family", "{n} families", 4).format(n=4) == "4 teulu"
    assert _("A message nobody translated") == "A message nobody translated"
    assert i18n.load("en") == "en"
    assert _("&Lock") == "&Lock"


def test_load_follows_the_environment_when_nothing_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANGUAGE", "cy")
    assert i18n.load(None) == "cy"
    assert _("Families") == "Teuluoedd"
    monkeypatch.setenv("LANGUAGE", "en")
    assert i18n.load("") == "en"


def test_cli_speaks_welsh_with_language_cy(data_dir: Path) -> None:
    made, _recovery = Vault.create(
        data_dir, PASSPHRASE, owner_name="Profi", role="officer", kdf_target_seconds=0
    )
    made.close()
    wrong = {"LIAISON_PASSPHRASE": "not the passphrase at all", "LC_ALL": "", "LANG": "C.UTF-8"}
    welsh = run_cli_process(data_dir, "info", env={**wrong, "LANGUAGE": "cy"})
    assert welsh.code == 2
    assert "Nid yw'r cyfrinymadrodd yn gywir." in welsh.err
    english = run_cli_process(data_dir, "info", env={**wrong, "LANGUAGE": "en"})
    assert english.code == 2
    assert "The passphrase is not correct." in english.err
