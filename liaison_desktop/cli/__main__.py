"""`python -m liaison_desktop.cli` runs the `liaison` command."""

from .main import run

run()
