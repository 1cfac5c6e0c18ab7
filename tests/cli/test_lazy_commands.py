"""The command table in `cli/main.py` matches what each command module registers, so the lazily
built command line behaves exactly like the one that imported every module up front."""

from __future__ import annotations

import argparse
import importlib
from collections import defaultdict
from pathlib import Path

import pytest

from liaison_desktop.cli.context import SubParsers
from liaison_desktop.cli.main import COMMANDS, build_parser, main

MODULES = sorted({command.module for command in COMMANDS})


def _registered(module: str) -> list[tuple[str, str]]:
    """(name, help) of each command `module.register` adds to a plain argparse parser."""
    sub: SubParsers = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(module).register(sub)
    return [(action.dest, str(action.help)) for action in sub._get_subactions()]


@pytest.mark.parametrize("module", MODULES)
def test_the_table_names_every_command_a_module_registers_with_its_help(module: str) -> None:
    declared = [(c.name, c.help) for c in COMMANDS if c.module == module]
    assert _registered(module) == declared


def test_every_command_module_of_the_cli_is_in_the_table() -> None:
    package = Path(importlib.import_module("liaison_desktop.cli").__file__ or "").parent
    on_disk = {f"liaison_desktop.cli.{p.stem}" for p in package.glob("*_commands.py")}
    assert on_disk == set(MODULES)


def test_command_names_are_unique_and_commands_of_a_module_sit_together() -> None:
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    seen: dict[str, list[int]] = defaultdict(list)
    for index, command in enumerate(COMMANDS):
        seen[command.module].append(index)
    for indexes in seen.values():
        assert indexes == list(range(indexes[0], indexes[0] + len(indexes)))


def test_help_lists_every_command_with_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps long help lines
    for command in COMMANDS:
        assert f"{command.name} {' '.join(command.help.split())}" in out


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_each_command_has_its_own_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([name, "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: liaison {name} [-h]")


def test_choosing_a_command_builds_only_its_modules_parsers() -> None:
    parser = build_parser()
    args = parser.parse_args(["family", "list", "--json"])
    assert args.command == "family" and args.family_command == "list" and args.json
    assert callable(args.handler)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    built = {name for name, p in sub.choices.items() if p._actions}  # a stand-in has none
    assert built == {"family", "note"}


@pytest.mark.parametrize(
    "argv",
    [
        ["no-such-command"],
        ["family"],  # no action
        ["family", "list", "--no-such-option"],
        ["report", "case"],  # FAMILY_ID and --out missing
        ["--data-dir"],
    ],
)
def test_usage_errors_exit_64_whether_or_not_a_module_was_loaded(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 64
    err = capsys.readouterr().err
    assert err.startswith("liaison: usage: liaison")
