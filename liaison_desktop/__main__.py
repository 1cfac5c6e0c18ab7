"""`python -m liaison_desktop` starts the GUI."""

from __future__ import annotations

import sys

from .app import main

sys.exit(main())
