"""Passphrase rules and a strength estimate shared by the CLI and the create-vault screen.

The estimate is deliberately simple and conservative: length and variety of characters,
with penalties for the commonest passwords, repeats and keyboard runs. Long passphrases of
several ordinary words score well, which is what we advise officers to choose.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..i18n import _

MIN_LENGTH = 12
MIN_SCORE = 2

_COMMON = {
    "password",
    "passw0rd",
    "123456",
    "12345678",
    "123456789",
    "qwerty",
    "letmein",
    "welcome",
    "iloveyou",
    "admin",
    "football",
    "monkey",
    "dragon",
    "sunshine",
    "princess",
    "liverpool",
    "arsenal",
    "chelsea",
    "school",
    "teacher",
    "safeguarding",
    "family",
    "liaison",
}
_RUNS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm")


@dataclass(frozen=True)
class Strength:
    """How strong a passphrase is: score 0 (very weak) to 4 (strong), with advice."""

    score: int
    bits: float
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


def _labels() -> tuple[str, ...]:
    return (_("Very weak"), _("Weak"), _("Fair"), _("Good"), _("Strong"))


def _pool_size(text: str) -> int:
    pool = 0
    if re.search(r"[a-z]", text):
        pool += 26
    if re.search(r"[A-Z]", text):
        pool += 26
    if re.search(r"[0-9]", text):
        pool += 10
    if re.search(r"[^A-Za-z0-9]", text):
        pool += 33
    return max(pool, 1)


def assess(passphrase: str) -> Strength:
    """Estimate the strength of a passphrase."""
    text = passphrase
    lowered = text.lower()
    # Count a character as little when it repeats or continues a run.
    effective = 0.0
    for i, ch in enumerate(lowered):
        if i and ch == lowered[i - 1]:
            effective += 0.25
        elif i and any(lowered[i - 1 : i + 1] in run for run in _RUNS):
            effective += 0.4
        else:
            effective += 1.0
    bits = effective * math.log2(_pool_size(text))
    words = [w for w in re.split(r"[^a-z0-9]+", lowered) if w]
    if lowered.strip() in _COMMON or (len(words) == 1 and words[0] in _COMMON):
        bits = min(bits, 10.0)
    elif len(words) >= 4:
        bits = max(bits, 11.0 * len(words))  # several words are strong even in lower case

    if len(text) < MIN_LENGTH:
        score = 0 if bits < 28 else 1
    elif bits < 45:
        score = 1
    elif bits < 60:
        score = 2
    elif bits < 80:
        score = 3
    else:
        score = 4

    if len(text) < MIN_LENGTH:
        advice = _("Use at least {n} characters: four or more ordinary words work well.").format(
            n=MIN_LENGTH
        )
    elif score < MIN_SCORE:
        advice = _("Add another word or two; avoid common passwords and repeated characters.")
    elif score < 4:
        advice = _("Acceptable. Another word would make it stronger.")
    else:
        advice = _("Strong passphrase.")
    return Strength(score=score, bits=round(bits, 1), label=_labels()[score], advice=advice)


def problem_with(passphrase: str, confirmation: str | None = None) -> str | None:
    """Why a new passphrase cannot be used, or None when it can."""
    if confirmation is not None and passphrase != confirmation:
        return _("The two passphrases do not match.")
    if passphrase != passphrase.strip():
        return _("The passphrase starts or ends with a space; remove it to avoid lock-outs.")
    strength = assess(passphrase)
    if not strength.acceptable:
        return strength.advice
    return None
