"""A record as services hand it out: read-only, with its kind and id."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Record(Mapping[str, Any]):
    """One record's current values (a read-only mapping: `rec["name"]`, `rec.get("phone")`)."""

    kind: str
    id: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        if key == "id":
            return self.id
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        yield "id"
        yield from (k for k in self.data if k != "id")

    def __len__(self) -> int:
        return len(self.data) + (0 if "id" in self.data else 1)

    @property
    def family_id(self) -> str | None:
        value = self.data.get("family_id") if self.kind != "family" else self.id
        return str(value) if value is not None else None
