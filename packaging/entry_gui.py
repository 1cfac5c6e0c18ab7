"""Frozen entry point of the windowed app (`liaison-desktop`); PyInstaller starts here."""

import sys

from liaison_desktop.app import main

sys.exit(main())
