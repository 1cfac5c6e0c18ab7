"""The community asset map: "what resources are in your school community?" (issue 11).

The directory's organisations by community layer (DESIGN §1) and kind, with what each offers
and how families were connected to it (referrals, the team around a family, activities it
runs). The directory holds contacts, several of whom may work for one organisation; the map is
of organisations, so contacts with the same organisation name (any case or spacing) on the same
layer make one entry, with everything they offer and each family counted once. Then every kind
of support a school community needs (`domain/engagement.SUPPORT_KINDS`) with the organisations
that provide it, flagging those with none, and "partnerships you could build": support
that families on this caseload need and no local organisation provides yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..domain import engagement as eng
from ..domain import vocabulary as v
from ..i18n import _, ngettext
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
    """One organisation in the map: every directory contact who works for it, as one entry."""

    organisation: str  # as written in the directory; a contact with none: the contact's name
    kind: str  # the most common kind among its contacts
    kind_label: str
    layer: int
    offers: tuple[str, ...]  # what its contacts offer, each once (any case or spacing)
    connections: Connections  # families counted once however many of its contacts they met
    supports: tuple[str, ...]  # keys of the support kinds it provides
    contact_ids: tuple[str, ...]  # its contacts, in the directory's order
    contact_names: tuple[str, ...]  # their names, in the same order ("" for none)

    @property
    def offers_text(self) -> str:
        """Everything it offers, in one line."""
        return "; ".join(self.offers)


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
    providers: tuple[Asset, ...]  # the organisations that provide it
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
    organisations: int  # entries in the map (organisations, not contacts)
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

        groups: dict[tuple[str, int], list[Mapping[str, object]]] = {}
        for c in contacts:
            groups.setdefault(_organisation_key(c), []).append(c)
        assets = [
            _asset(members, referrals, referred, team, activities_of, came)
            for members in groups.values()
        ]
        providers: dict[str, list[Asset]] = {s.key: [] for s in eng.SUPPORT_KINDS}
        for asset in sorted(assets, key=lambda a: (a.organisation.casefold(), a.layer)):
            for key in asset.supports:
                providers[key].append(asset)

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


def _normalised(text: str) -> str:
    """A name compared without case or spacing ("Demoford  primary" = "demoford Primary")."""
    return " ".join(text.split()).casefold()


def _organisation_key(contact: Mapping[str, object]) -> tuple[str, int]:
    # A contact with no organisation name is an entry of its own (keyed by its id, which no
    # organisation name can equal once prefixed).
    organisation = _normalised(str(contact.get("organisation") or ""))
    key = f"org:{organisation}" if organisation else f"contact:{contact['id']}"
    return key, int(str(contact["layer"]))


def _asset(
    members: list[Mapping[str, object]],
    referrals: Counter[str],
    referred: dict[str, set[str]],
    team: dict[str, set[str]],
    activities_of: dict[str, set[str]],
    came: dict[str, set[str]],
) -> Asset:
    """One organisation from its contacts (in the directory's order)."""
    ids = tuple(str(c["id"]) for c in members)
    names = tuple(str(c.get("name") or "") for c in members)
    spellings = Counter(" ".join(str(c.get("organisation") or "").split()) for c in members)
    # The spelling most of its contacts use; among equals one in mixed case ("Hillside Food
    # Bank", not "HILLSIDE FOOD BANK"), then the directory's order. No name: the contact's.
    organisation = (
        min(spellings, key=lambda s: (-spellings[s], s.isupper() or s.islower())) or names[0]
    )
    kind = Counter(str(c["kind"]) for c in members).most_common(1)[0][0]
    offers: dict[str, str] = {}
    supports: set[str] = set()
    for c in members:
        offer = " ".join(str(c.get("service_offered") or "").split())
        if offer:
            offers.setdefault(_normalised(offer), offer)
        text = f"{c.get('organisation') or ''} {c.get('role') or ''} {offer}"
        supports |= {s.key for s in eng.SUPPORT_KINDS if s.provided_by(str(c["kind"]), text)}
    # Sets of families across all its contacts, so a family two of them met counts once.
    referred_families: set[str] = set()
    team_families: set[str] = set()
    own_activities: set[str] = set()
    for cid in ids:
        referred_families |= referred.get(cid, set())
        team_families |= team.get(cid, set())
        own_activities |= activities_of.get(cid, set())
    activity_families: set[str] = set()
    for aid in own_activities:
        activity_families |= came.get(aid, set())
    return Asset(
        organisation=organisation,
        kind=kind,
        kind_label=v.label(kind),
        layer=int(str(members[0]["layer"])),
        offers=tuple(offers.values()),
        connections=Connections(
            referrals=sum(referrals[cid] for cid in ids),
            referred_families=len(referred_families),
            team_families=len(team_families),
            activities=len(own_activities),
            activity_families=len(activity_families),
        ),
        supports=tuple(s.key for s in eng.SUPPORT_KINDS if s.key in supports),
        contact_ids=ids,
        contact_names=names,
    )


def connections_text(c: Connections) -> str:
    """How families were connected to one organisation, in words."""
    parts = []
    if c.referrals:
        parts.append(
            ngettext("{n} referral", "{n} referrals", c.referrals).format(n=c.referrals)
            + " "
            + ngettext("({n} family)", "({n} families)", c.referred_families).format(
                n=c.referred_families
            )
        )
    if c.team_families:
        parts.append(
            ngettext(
                "in the team around {n} family", "in the team around {n} families", c.team_families
            ).format(n=c.team_families)
        )
    if c.activities:
        parts.append(
            ngettext("runs {n} activity", "runs {n} activities", c.activities).format(
                n=c.activities
            )
            + " "
            + ngettext("({n} family came)", "({n} families came)", c.activity_families).format(
                n=c.activity_families
            )
        )
    return "; ".join(parts) if parts else _("Not connected yet")


def _layers(assets: list[Asset]) -> tuple[LayerGroup, ...]:
    groups = []
    for layer in v.LAYERS:
        by_kind: dict[str, list[Asset]] = {}
        for asset in assets:
            if asset.layer == layer:
                by_kind.setdefault(asset.kind, []).append(asset)
        kinds = tuple(
            KindGroup(
                kind, v.label(kind), tuple(sorted(items, key=lambda a: a.organisation.casefold()))
            )
            for kind, items in sorted(by_kind.items(), key=lambda kv: v.label(kv[0]).casefold())
        )
        groups.append(LayerGroup(layer, v.layer_label(layer), kinds))
    return tuple(groups)
