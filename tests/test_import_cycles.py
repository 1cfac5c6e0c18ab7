"""No import cycles in liaison_desktop (issue 17): every module can be understood, tested and
changed from the modules below it. Function-level (lazy) imports count too."""

from __future__ import annotations

from tests.import_graph import cycles, import_graph

from .test_import_boundaries import ALLOWED_UPWARD


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = import_graph()
    for importer, imported in ALLOWED_UPWARD:
        graph[importer].discard(imported)
    assert cycles(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    planted = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(planted) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_imports_and_not_type_checking_ones() -> None:
    graph = import_graph()
    # session_controller imports the main window inside open_vault (a lazy import) ...
    assert "liaison_desktop.ui.main_window" in graph["liaison_desktop.ui.session_controller"]
    # ... and the CLI names the store's Vault only for type checking.
    assert "liaison_desktop.store.vault" not in graph["liaison_desktop.cli.context"]
