"""`python -m tools.screenshots OUTDIR [GROUP...]` (see tools/screenshots/render.py)."""

import sys

from .render import main

sys.exit(main())
