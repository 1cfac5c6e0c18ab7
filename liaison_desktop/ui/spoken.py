"""Codes as a screen reader should say them: character by character, group by group.

A recovery key or a fingerprint read aloud as words ("ABCD" as "abcd", "1234" as "one
thousand two hundred…") cannot be checked or written down; spelled out with a pause between
groups ("A B C D, E F G H"), it can.
"""

from __future__ import annotations

import re


def spelled(code: str) -> str:
    """`code` with each character apart and a comma between its groups."""
    groups = [g for g in re.split(r"[\s\-–·]+", code.strip()) if g]
    return ", ".join(" ".join(group) for group in groups)
