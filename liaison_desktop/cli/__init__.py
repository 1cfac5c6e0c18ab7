"""The headless `liaison` command (DESIGN §7). Nothing here imports Qt."""

from .main import run as main

__all__ = ["main"]
