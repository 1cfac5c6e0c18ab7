"""Developer tools run from a checkout (`python -m tools.…`): never shipped in the app, and
never imported by `liaison_desktop` (tests/packaging/test_build_tools.py holds both)."""
