"""Frozen entry point of the command line (`liaison`); PyInstaller starts here."""

from liaison_desktop.cli import main

main()
