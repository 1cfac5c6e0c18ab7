"""`device show`, `peer add/list/revoke`, `bundle export/import`, `sync`, `conflicts`."""

from __future__ import annotations

import signal
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_OK, EXIT_REJECTED, LiaisonError, NoVault, VaultInUse, WrongPassphrase
from ..i18n import _
from ..services.context import ServiceContext
from ..services.sync_service import SyncService, bundle_names
from .context import CommandContext, SubParsers
from .report_commands import add_share_arguments, share_details
from .secrets_input import read_passphrase

if TYPE_CHECKING:  # the vault comes from VaultService; the CLI imports no storage code
    from ..store.vault import Vault


WATCH_EVERY_MINUTES = 15.0
WATCH_POLL_SECONDS = 2.0


def register(sub: SubParsers) -> None:
    """Add the sync commands to the parser."""
    device = sub.add_parser("device", help=_("this device's identity for sync"))
    dsub: SubParsers = device.add_subparsers(dest="device_command", metavar="ACTION")
    dsub.required = True
    p = dsub.add_parser("show", help=_("device id, key to share and fingerprint to read aloud"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_device_show)

    peer = sub.add_parser("peer", help=_("devices this vault trusts"))
    psub: SubParsers = peer.add_subparsers(dest="peer_command", metavar="ACTION")
    psub.required = True
    p = psub.add_parser("add", help=_("trust a device (compare fingerprints first)"))
    p.add_argument("--name", help=_("what to call it (default: its owner's name)"))
    p.add_argument("--key", required=True, help=_("the 'liaison1:' key from 'device show'"))
    p.add_argument(
        "--role",
        choices=("officer", "lead"),
        help=_(
            "(lead) the role you certify for it; 'lead' only for a deputy safeguarding lead's "
            "laptop (default: officer; a key that says lead is refused without --role lead)"
        ),
    )
    p.add_argument("--json", action="store_true")
    # Another agency's device: every bundle written for it goes in the sharing record.
    add_share_arguments(p, peer=True)
    p.set_defaults(handler=cmd_peer_add)
    p = psub.add_parser("list", help=_("trusted and revoked devices"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_peer_list)
    p = psub.add_parser("revoke", help=_("stop trusting a device, for good"))
    p.add_argument("device_id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_peer_revoke)

    bundle = sub.add_parser("bundle", help=_("write and read sync bundles by hand"))
    bsub: SubParsers = bundle.add_subparsers(dest="bundle_command", metavar="ACTION")
    bsub.required = True
    p = bsub.add_parser("export", help=_("write the next bundle for a peer"))
    p.add_argument("--to", required=True, metavar="PEER", help=_("the peer's device id"))
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bundle_export)
    p = bsub.add_parser("import", help=_("import bundles (all checked before any is applied)"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bundle_import)

    p = sub.add_parser("sync", help=_("sync through a folder (USB stick, share)"))
    p.add_argument("--dir", required=True, metavar="DIR")
    p.add_argument(
        "--watch",
        action="store_true",
        help=_(
            "keep running as a background service: sync whenever new bundles appear in DIR "
            "(and every --every minutes) while DIR can be reached; stop with Ctrl+C"
        ),
    )
    p.add_argument(
        "--every",
        type=float,
        default=WATCH_EVERY_MINUTES,
        metavar="MINUTES",
        help=_("with --watch: sync at least this often (default {n})").format(
            n=WATCH_EVERY_MINUTES
        ),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sync)

    conflicts = sub.add_parser("conflicts", help=_("concurrent edits waiting for a decision"))
    csub: SubParsers = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION")
    csub.required = True
    p = csub.add_parser("list", help=_("open conflicts"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conflicts_list)
    p = csub.add_parser("resolve", help=_("keep one value"))
    p.add_argument("conflict_id", metavar="ID")
    p.add_argument("--keep", required=True, choices=("mine", "theirs"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conflicts_resolve)


def _service(vault: Vault) -> SyncService:
    return SyncService(ServiceContext.open(vault))


def cmd_device_show(ctx: CommandContext) -> int:
    """Print this device's identity."""
    with ctx.open_vault() as vault:
        info = _service(vault).device()
    text = "\n".join(
        [
            _("Device:      {id}").format(id=info.device_id),
            _("Owner:       {name} ({role})").format(name=info.name, role=info.role),
            _("Certified:   {role}").format(
                role=info.certified_role or _("not yet (sync with your lead)")
            ),
            _("Fingerprint: {fp}").format(fp=info.fingerprint),
            _("Key to share (one line):"),
            info.public_key,
        ]
    )
    ctx.emit(info, text)
    return EXIT_OK


def cmd_peer_add(ctx: CommandContext) -> int:
    """Trust a device."""
    with ctx.open_vault() as vault:
        peer = _service(vault).add_peer(
            ctx.args.name, ctx.args.key, share_details(ctx.args), ctx.args.role
        )
    ctx.emit(
        peer.as_dict(),
        _(
            "Added {name} (certified {role}), device {id}.\nFingerprint: {fp}\nCheck it "
            "matches the one on their screen before you sync."
        ).format(name=peer.name, role=peer.role, id=peer.device_id, fp=peer.fingerprint),
    )
    return EXIT_OK


def cmd_peer_list(ctx: CommandContext) -> int:
    """Print every peer."""
    with ctx.open_vault() as vault:
        rows = [p.as_dict() for p in _service(vault).peers()]
    text = "\n".join(
        f"{r['device_id']}  {r['name']} ("
        + (
            _("certified {role}").format(role=r["role"])
            if r["certified"]
            else _("no certificate: {role}").format(role=r["role"])
        )
        + f")  {r['fingerprint']}"
        + (_("  REVOKED") if r["revoked"] else "")
        for r in rows
    ) or _("No peers yet. Add one with 'liaison peer add --key KEY'.")
    ctx.emit(rows, text)
    return EXIT_OK


def cmd_peer_revoke(ctx: CommandContext) -> int:
    """Revoke a peer."""
    with ctx.open_vault() as vault:
        peer = _service(vault).revoke_peer(ctx.args.device_id)
    ctx.emit(
        peer.as_dict(),
        _("Revoked {name} ({id}); bundles from it will be refused.").format(
            name=peer.name, id=peer.device_id
        ),
    )
    return EXIT_OK


def cmd_bundle_export(ctx: CommandContext) -> int:
    """Write one bundle."""
    with ctx.open_vault() as vault:
        result = _service(vault).export_bundle(ctx.args.to, Path(ctx.args.out))
    data = {
        "bundle_id": result.bundle_id,
        "peer": result.peer,
        "seq": result.seq,
        "ops": result.ops,
        "purges": result.purges,
        "bytes": len(result.data),
    }
    ctx.emit(
        data,
        _("Wrote bundle {seq} for {peer}: {ops} change(s), {size} bytes.").format(
            seq=result.seq, peer=result.peer, ops=result.ops, size=len(result.data)
        ),
    )
    return EXIT_OK


def cmd_bundle_import(ctx: CommandContext) -> int:
    """Import bundles, all or nothing."""
    with ctx.open_vault() as vault:
        results = _service(vault).import_files([Path(f) for f in ctx.args.files])
    lines = []
    for r in results:
        if r.status == "already":
            lines.append(
                _("Bundle from {name} was already imported; nothing changed.").format(
                    name=r.sender_name
                )
            )
            continue
        lines.append(
            _("Imported from {name}: {n} change(s), {c} new conflict(s).").format(
                name=r.sender_name, n=r.ops_applied, c=r.conflicts
            )
        )
        if r.concerns:
            lines.append(_("  ! {n} new safeguarding concern(s) raised.").format(n=r.concerns))
        if r.purged_families:
            lines.append(
                _("  {n} famil(ies) taken back by the lead were removed.").format(
                    n=r.purged_families
                )
            )
        lines.extend(f"  {note}" for note in r.notes)
        lines.extend(
            "  " + _("! Security: {what}").format(what=item["what"]) for item in r.security
        )
    ctx.emit([r.as_dict() for r in results], "\n".join(lines))
    return EXIT_OK


def cmd_sync(ctx: CommandContext) -> int:
    """Sync through a folder (once, or watching it with --watch)."""
    if ctx.args.watch:
        return _watch(ctx)
    with ctx.open_vault() as vault:
        report = _service(vault).sync_folder(Path(ctx.args.dir))
    lines = [
        _("Imported {n} bundle(s); wrote {m}.").format(
            n=len(report.imported), m=len(report.written)
        )
    ]
    concerns = sum(int(i.get("concerns", 0)) for i in report.imported)
    if concerns:
        lines.append(_("! {n} new safeguarding concern(s) raised.").format(n=concerns))
    for item in report.rejected:
        lines.append(_("Refused {file}: {reason}").format(file=item["file"], reason=item["reason"]))
    refused = [s for s in report.security if s.get("refused")]
    for item in report.security:
        if not item.get("refused"):
            lines.append(_("! Security: {what}").format(what=item["what"]))
    if refused:
        lines.append(
            _(
                "! Security: {n} bundle(s) held changes their sender may not make and were "
                "refused whole. The lead's Sync screen and the audit log record it."
            ).format(n=len(refused))
        )
    ctx.emit(report.as_dict(), "\n".join(lines))
    return EXIT_REJECTED if refused else EXIT_OK


def _watch(ctx: CommandContext) -> int:
    """Sync now, then whenever the folder's bundles change or --every minutes have passed.

    The vault is unlocked for each sync and locked again after it, so the desktop app can
    open it in between (a sync that finds it open waits for the next round). SIGTERM and
    Ctrl+C stop the watch between syncs."""
    folder = Path(ctx.args.dir).expanduser()
    every = max(0.05, float(ctx.args.every)) * 60
    passphrase = read_passphrase(ctx.args.passphrase_file)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    seen: frozenset[str] | None = None
    last = float("-inf")
    reachable = True
    while not stop.is_set():
        names = bundle_names(folder)
        if names is None:
            if reachable:
                _say(_("{time} the folder {folder} cannot be reached; waiting for it.").format(
                    time=_clock(), folder=folder
                ))  # fmt: skip
            reachable = False
        elif names != seen or time.monotonic() - last >= every:
            reachable = True
            try:
                vault = ctx.vaults.unlock(passphrase)
                try:
                    report = _service(vault).sync_folder(folder)
                finally:
                    vault.close()
            except VaultInUse:
                pass  # the app has it open: next round
            except LiaisonError as exc:
                _say(f"{_clock()} {exc}")
                if isinstance(exc, WrongPassphrase | NoVault):
                    return exc.exit_code
            else:
                _say(
                    _("{time} synced: imported {n}, wrote {m}, refused {r}.").format(
                        time=_clock(),
                        n=len(report.imported),
                        m=len(report.written),
                        r=len(report.rejected),
                    )
                )
                last = time.monotonic()
                seen = bundle_names(folder)  # with the bundles this sync wrote
            # After a failed round (the app had the vault open, the stick went), `seen` is
            # unchanged: the bundles that arrived are still new at the next round.
        stop.wait(WATCH_POLL_SECONDS)
    _say(_("{time} stopped watching {folder}.").format(time=_clock(), folder=folder))
    return EXIT_OK


def _clock() -> str:
    return datetime.now().astimezone().strftime("%H:%M:%S")


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def cmd_conflicts_list(ctx: CommandContext) -> int:
    """Print open conflicts."""
    with ctx.open_vault() as vault:
        rows = [c.as_dict() for c in _service(vault).conflicts()]
    text = "\n".join(
        f"{r['id']}  {r['kind']} {r['record_id']} {r['field']}: "
        f"mine={r['mine']!r} theirs={r['theirs']!r} (showing {r['shown']})"
        for r in rows
    ) or _("No conflicts.")
    ctx.emit(rows, text)
    return EXIT_OK


def cmd_conflicts_resolve(ctx: CommandContext) -> int:
    """Resolve one conflict."""
    with ctx.open_vault() as vault:
        conflict = _service(vault).resolve(ctx.args.conflict_id, ctx.args.keep)
    ctx.emit(
        {"id": conflict.id, "kept": ctx.args.keep},
        _("Kept {side} for {field}; the choice will sync.").format(
            side=ctx.args.keep, field=conflict.field
        ),
    )
    return EXIT_OK
