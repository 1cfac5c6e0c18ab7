"""The community asset map: "what resources are in your school community?" (issue 11).

The directory's organisations by community layer (DESIGN §1) and kind, with what each offers
and how families were connected to it (referrals, the team around a family, activities it
runs), then every kind of support a school community needs (`domain/engagement.SUPPORT_KINDS`)
with the organisations that provide it, flagging those with none, and "partnerships you could
build": support that families on this caseload need and no local organisation provides yet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..domain import engagement as eng
from ..domain import vocabulary as v
from .context import ServiceContext


@dataclass(frozen=True)
class Connections:
    """How families were connected to one organisation."""

    referrals: int = 0  # referrals made to it
    referred_families: int = 0
    team_families: int = 0  # families whose team around the family it is in
    activities: int = 0  # school activities it runs
    activity_families: int = 0  # families who came to those activities

    @property
    def families(self) -> int:
        """A rough reach: the largest of the family counts (families overlap between them)."""
        return max(self.referred_families, self.team_families, self.activity_families)

    @property
    def any(self) -> bool:
        """Whether any family was connected to it at all."""
        return bool(self.referrals or self.team_families or self.activity_families)


@dataclass(frozen=True)
class Asset:
    """One organisation in the map."""

    contact_id: str
    organisation: str
    name: str
    kind: str
    kind_label: str
    layer: int
    offers: str
    connections: Connections
    supports: tuple[str, ...]  # keys of the support kinds it provides


@dataclass(frozen=True)
class KindGroup:
    """The organisations of one kind within a layer."""

    kind: str
    label: str
    assets: tuple[Asset, ...]


@dataclass(frozen=True)
class LayerGroup:
    """One community layer and its organisations, grouped by kind."""

    layer: int
    label: str
    kinds: tuple[KindGroup, ...]

    @property
    def count(self) -> int:
        """How many organisations the layer holds."""
        return sum(len(k.assets) for k in self.kinds)


@dataclass(frozen=True)
class SupportCoverage:
    """One kind of support: who provides it locally and how many families here need it."""

    key: str
    label: str
    providers: tuple[str, ...]  # contact ids
    families_needing: int

    @property
    def gap(self) -> bool:
        """True when no local organisation provides it yet."""
        return not self.providers


@dataclass(frozen=True)
class AssetMap:
    """The whole map: layers, coverage of each support kind, and partnerships to build."""

    layers: tuple[LayerGroup, ...]
    coverage: tuple[SupportCoverage, ...]
    organisations: int
    connected: int  # organisations connected to at least one family
    partnerships_to_build: tuple[SupportCoverage, ...] = field(default=())

    @property
    def gaps(self) -> tuple[SupportCoverage, ...]:
        """Support kinds with no local provider, in the order of `SUPPORT_KINDS`."""
        return tuple(c for c in self.coverage if c.gap)


class AssetMapService:
    """Builds the community asset map from the directory and the caseload."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def build(self) -> AssetMap:
        """The asset map as it stands in this vault."""
        store = self.ctx.store
        contacts = store.query("contact", order_by="organisation COLLATE NOCASE, name, id")
        referrals: Counter[str] = Counter()
        referred: dict[str, set[str]] = {}
        for r in store.query("referral", "organisation_id IS NOT NULL"):
            cid = str(r["organisation_id"])
            referrals[cid] += 1
            referred.setdefault(cid, set()).add(str(r["family_id"]))
        team: dict[str, set[str]] = {}
        for link in store.query("case_link"):
            team.setdefault(str(link["contact_id"]), set()).add(str(link["family_id"]))
        activities_of: dict[str, set[str]] = {}
        for a in store.query("activity", "contact_id IS NOT NULL"):
            activities_of.setdefault(str(a["contact_id"]), set()).add(str(a["id"]))
        came: dict[str, set[str]] = {}
        for m in store.query("activity_attendance", "mark = 'attended'"):
            came.setdefault(str(m["activity_id"]), set()).add(str(m["family_id"]))

        assets: list[Asset] = []
        providers: dict[str, list[str]] = {s.key: [] for s in eng.SUPPORT_KINDS}
        for c in contacts:
            cid = str(c["id"])
            kind = str(c["kind"])
            offers = str(c.get("service_offered") or "")
            text = f"{c.get('organisation') or ''} {c.get('role') or ''} {offers}"
            supports = tuple(s.key for s in eng.SUPPORT_KINDS if s.provided_by(kind, text))
            for key in supports:
                providers[key].append(cid)
            own_activities = activities_of.get(cid, set())
            activity_families: set[str] = set()
            for aid in own_activities:
                activity_families |= came.get(aid, set())
            assets.append(
                Asset(
                    contact_id=cid,
                    organisation=str(c.get("organisation") or ""),
                    name=str(c.get("name") or ""),
                    kind=kind,
                    kind_label=v.label(kind),
                    layer=int(c["layer"]),
                    offers=offers,
                    connections=Connections(
                        referrals=referrals[cid],
                        referred_families=len(referred.get(cid, ())),
                        team_families=len(team.get(cid, ())),
                        activities=len(own_activities),
                        activity_families=len(activity_families),
                    ),
                    supports=supports,
                )
            )

        needing = self._families_needing()
        coverage = tuple(
            SupportCoverage(
                key=s.key,
                label=s.label,
                providers=tuple(providers[s.key]),
                families_needing=needing[s.key],
            )
            for s in eng.SUPPORT_KINDS
        )
        to_build = tuple(
            sorted(
                (c for c in coverage if c.gap and c.families_needing),
                key=lambda c: (-c.families_needing, c.label.casefold()),
            )
        )
        return AssetMap(
            layers=_layers(assets),
            coverage=coverage,
            organisations=len(assets),
            connected=sum(1 for a in assets if a.connections.any),
            partnerships_to_build=to_build,
        )

    def _families_needing(self) -> Counter[str]:
        """For each support kind, how many families on this vault need it."""
        kinds_by_family: dict[str, set[str]] = {}
        for r in self.ctx.store.query("referral"):
            kinds_by_family.setdefault(str(r["family_id"]), set()).add(str(r["kind"]))
        counts: Counter[str] = Counter()
        for family in self.ctx.store.query("family"):
            fid = str(family["id"])
            needs = list(family.get("needs") or [])
            referral_kinds = kinds_by_family.get(fid, set())
            for support in eng.SUPPORT_KINDS:
                if support.needed_by(referral_kinds, needs):
                    counts[support.key] += 1
        return counts


def _layers(assets: list[Asset]) -> tuple[LayerGroup, ...]:
    groups = []
    for layer in v.LAYERS:
        by_kind: dict[str, list[Asset]] = {}
        for asset in assets:
            if asset.layer == layer:
                by_kind.setdefault(asset.kind, []).append(asset)
        kinds = tuple(
            KindGroup(kind, v.label(kind), tuple(items))
            for kind, items in sorted(by_kind.items(), key=lambda kv: v.label(kv[0]).casefold())
        )
        groups.append(LayerGroup(layer, v.layer_label(layer), kinds))
    return tuple(groups)
