"""Argon2id key derivation from a passphrase, with a floor and a one-time calibration."""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from .secret import SecretKey

FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
LANES = 4
MAX_MEMORY_KIB = 256 * 1024
MAX_ITERATIONS = 64
MAX_LANES = 64  # Argon2id refuses lanes above memory/8 (and 2**24) with a bare ValueError
SALT_BYTES = 16
DEFAULT_TARGET_SECONDS = 0.75


class ParamsBelowFloor(ValueError):
    """KDF parameters weaker than the floor (a doctored key file)."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters as stored in the key file."""

    salt: bytes
    memory_kib: int = FLOOR_MEMORY_KIB
    iterations: int = FLOOR_ITERATIONS
    lanes: int = LANES

    def check_floor(self) -> None:
        """Refuse parameters below the floor, so a key file cannot downgrade the KDF."""
        if (
            self.memory_kib < FLOOR_MEMORY_KIB
            or self.iterations < FLOOR_ITERATIONS
            or self.lanes < 1
            or len(self.salt) < SALT_BYTES
        ):
            raise ParamsBelowFloor(
                f"Argon2id parameters below the floor: {self.memory_kib} KiB, t={self.iterations}"
            )
        if (
            self.memory_kib > MAX_MEMORY_KIB * 4
            or self.iterations > MAX_ITERATIONS * 4
            or self.lanes > MAX_LANES
        ):
            # An absurd cost would hang the unlock; treat it as damage, not a setting.
            raise ParamsBelowFloor("Argon2id parameters are implausibly large")


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC-normalise so the same passphrase typed on any keyboard derives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive(passphrase: str, params: KdfParams) -> SecretKey:
    """Derive a 256-bit key-encryption key from a passphrase."""
    params.check_floor()
    kdf = Argon2id(
        salt=params.salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return SecretKey(kdf.derive(normalise_passphrase(passphrase)))


def calibrate(target_seconds: float = DEFAULT_TARGET_SECONDS) -> KdfParams:
    """Choose parameters that take about `target_seconds` on this machine (never below the floor).

    Memory grows first (it is what makes guessing on GPUs expensive), then iterations.
    A target of 0 gives the floor, which tests use to keep vault creation fast.
    """
    salt = os.urandom(SALT_BYTES)
    floor = KdfParams(salt=salt)
    if target_seconds <= 0:
        return floor
    # The fastest of three runs: a single timing taken while the machine is busy would
    # under-size the parameters for every later unlock on a quiet machine.
    elapsed = min(_time_derivation(floor) for _ in range(3))
    if elapsed >= target_seconds:
        return floor
    scale = target_seconds / elapsed
    memory = min(MAX_MEMORY_KIB, int(FLOOR_MEMORY_KIB * scale) // 1024 * 1024)
    memory = max(memory, FLOOR_MEMORY_KIB)
    scale_left = scale * FLOOR_MEMORY_KIB / memory
    iterations = min(MAX_ITERATIONS, max(FLOOR_ITERATIONS, round(FLOOR_ITERATIONS * scale_left)))
    return KdfParams(salt=salt, memory_kib=memory, iterations=iterations)


def _time_derivation(params: KdfParams) -> float:
    start = time.perf_counter()
    derive("calibration", params).wipe()
    return max(time.perf_counter() - start, 1e-3)
