"""`init`, `info`, `verify`, `passwd`, `rekey`, `recover`, `backup`, `restore`."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import EXIT_ERROR, EXIT_OK, VaultDamaged
from ..i18n import N_, _
from ..services import audit_service  # noqa: F401 - registers the audit-chain check
from ..services.vault_service import DEFAULT_BACKUPS_KEPT, VaultService
from .context import CommandContext, SubParsers
from .secrets_input import read_new_passphrase, read_passphrase, read_recovery_key

BACKUP_HELP = N_(
    "write an encrypted, checked backup of the vault into DIR (it opens only with the "
    "passphrase or the recovery key), keeping the newest few"
)
RESTORE_HELP = N_(
    "bring a backup back into the data folder after checking it (a vault already there is "
    "moved aside)"
)


def register(sub: SubParsers) -> None:
    """Add the vault commands to the parser."""
    p = sub.add_parser("init", help=_("create a vault for this person and device"))
    p.add_argument("--name", required=True, help=_("your name as it appears on records"))
    p.add_argument("--role", choices=("officer", "lead"), default="officer")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("info", help=_("counts, identity and schema version of the vault"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("verify", help=_("decrypt every record and check every integrity chain"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser(
        "passwd",
        help=_(
            "change the passphrase (LIAISON_NEW_PASSPHRASE); the data key is only rewrapped, "
            "so use 'rekey' to retire old copies of the key file"
        ),
    )
    p.set_defaults(handler=cmd_passwd)

    p = sub.add_parser(
        "rekey",
        help=_(
            "re-encrypt the vault under a new key: old copies of the key file and the old "
            "recovery key stop working; prints a new recovery key"
        ),
    )
    p.add_argument(
        "--new-passphrase",
        action="store_true",
        help=_("set a new passphrase as well (LIAISON_NEW_PASSPHRASE or a prompt)"),
    )
    p.set_defaults(handler=cmd_rekey)

    p = sub.add_parser(
        "recover", help=_("set a new passphrase using the recovery key (LIAISON_RECOVERY_KEY)")
    )
    p.set_defaults(handler=cmd_recover)

    p = sub.add_parser("backup", help=_(BACKUP_HELP))
    p.add_argument("--to", dest="folder", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--keep",
        type=int,
        default=DEFAULT_BACKUPS_KEPT,
        metavar="N",
        help=_("how many backups to keep in DIR (default {n}; older ones are deleted)").format(
            n=DEFAULT_BACKUPS_KEPT
        ),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help=_(RESTORE_HELP))
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="BACKUP",
        help=_("a backup, or a folder of backups (the newest is used)"),
    )
    p.add_argument(
        "--recovery",
        action="store_true",
        help=_("open the backup with the recovery key (LIAISON_RECOVERY_KEY or a prompt)"),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_restore)


def cmd_init(ctx: CommandContext) -> int:
    """Create a vault and print the recovery key once."""
    passphrase = read_new_passphrase(ctx.args.passphrase_file, env="LIAISON_PASSPHRASE")
    vault, recovery_key = ctx.vaults.create(
        passphrase, owner_name=ctx.args.name, role=ctx.args.role
    )
    device_id = vault.meta()["device_id"]
    vault.close()
    sys.stdout.write(
        _(
            "Vault created in {path} for {name} ({role}).\n"
            "Device id: {device}\n\n"
            "RECOVERY KEY (shown only this once; print it or write it down and keep it locked "
            "away from the laptop):\n\n    {key}\n\n"
            "With it you can set a new passphrase if this one is forgotten.\n"
        ).format(
            path=ctx.data_dir,
            name=ctx.args.name,
            role=ctx.args.role,
            device=device_id,
            key=recovery_key,
        )
    )
    return EXIT_OK


def cmd_info(ctx: CommandContext) -> int:
    """Show what the vault holds and who it belongs to."""
    with ctx.open_vault() as vault:
        info = VaultService.info(vault)
    lines = [
        _("Vault:          {v}").format(v=info.vault_id),
        _("Data folder:    {v}").format(v=info.data_dir),
        _("Owner:          {v} ({role})").format(v=info.owner_name, role=info.role),
        _("Device id:      {v}").format(v=info.device_id),
        _("Created:        {v}").format(v=info.created_at),
        _("Schema version: {v}").format(v=info.schema_version),
    ]
    if info.counts:
        lines.append(_("Records:"))
        lines.extend(f"  {name:<16}{count:>8}" for name, count in sorted(info.counts.items()))
    ctx.emit(info, "\n".join(lines))
    return EXIT_OK


def cmd_verify(ctx: CommandContext) -> int:
    """Decrypt everything and run every check; exit 1 when anything is wrong."""
    try:
        with ctx.open_vault() as vault:
            problems = VaultService.verify(vault)
    except VaultDamaged as exc:
        problems = [str(exc)]
    ok = not problems
    text = (
        _("Vault verified: every record decrypted and every check passed.")
        if ok
        else "\n".join([_("Vault check FAILED:"), *(f"  - {p}" for p in problems)])
    )
    ctx.emit({"ok": ok, "problems": problems}, text)
    return EXIT_OK if ok else EXIT_ERROR


def cmd_passwd(ctx: CommandContext) -> int:
    """Change the passphrase; the data is not re-encrypted, only its key rewrapped."""
    with ctx.open_vault() as vault:
        new = read_new_passphrase(None, env="LIAISON_NEW_PASSPHRASE")
        VaultService.change_passphrase(vault, new)
    sys.stdout.write(
        _(
            "Passphrase changed. The old passphrase no longer opens this vault's key file.\n"
            "A copy of the key file saved before now (in a backup, say) still opens the vault "
            "with the old passphrase. If such a copy may be in the wrong hands, run "
            "'liaison rekey' to retire every old copy.\n"
        )
    )
    return EXIT_OK


def cmd_rekey(ctx: CommandContext) -> int:
    """Re-encrypt under a new data key and print the new recovery key once."""
    if not ctx.vaults.exists():
        ctx.vaults.unlock("")  # raises NoVault with the standard message
    passphrase = read_passphrase(ctx.args.passphrase_file)
    vault = ctx.vaults.unlock(passphrase)
    try:
        if ctx.args.new_passphrase:
            passphrase = read_new_passphrase(None, env="LIAISON_NEW_PASSPHRASE")
        recovery_key = VaultService.rekey(vault, passphrase, new_passphrase=ctx.args.new_passphrase)
    finally:
        vault.close()
    sys.stdout.write(
        _(
            "The vault has been re-encrypted under a new key. Copies of the key file saved "
            "before now, and the old recovery key, no longer open it, whatever passphrase is "
            "used, and any copies made under the old key before format upgrades were deleted.\n\n"
            "NEW RECOVERY KEY (shown only this once; print it or write it down, keep it locked "
            "away from the laptop, and destroy the old one):\n\n    {key}\n\n"
            "Back up the vault again: older backups open only with the old key file and "
            "passphrase they were saved with.\n"
        ).format(key=recovery_key)
    )
    return EXIT_OK


def cmd_recover(ctx: CommandContext) -> int:
    """Use the recovery key to set a new passphrase."""
    recovery_key = read_recovery_key()
    new = read_new_passphrase(None, env="LIAISON_NEW_PASSPHRASE")
    vault = ctx.vaults.recover(recovery_key, new)
    vault.close()
    sys.stdout.write(_("New passphrase set. Your recovery key still works; keep it safe.\n"))
    return EXIT_OK


def cmd_backup(ctx: CommandContext) -> int:
    """Write a checked, encrypted backup and keep the newest few."""
    with ctx.open_vault() as vault:
        result = VaultService.back_up(vault, ctx.args.folder, keep=ctx.args.keep)
    text = _(
        "Backup written and checked: {path}\n"
        "It opens only with this vault's passphrase or recovery key. {removed} older backup(s) "
        "removed."
    ).format(path=result.path, removed=result.removed)
    ctx.emit(
        {
            "path": str(result.path),
            "created_at": result.created_at,
            "operations": result.operations,
            "removed": result.removed,
        },
        text,
    )
    return EXIT_OK


def cmd_restore(ctx: CommandContext) -> int:
    """Check a backup opens and is whole, then put it in the data folder."""
    chosen = VaultService.backup_to_restore(ctx.args.source)
    if ctx.args.recovery:
        moved = ctx.vaults.restore(chosen, recovery_key=read_recovery_key())
    else:
        moved = ctx.vaults.restore(chosen, passphrase=read_passphrase(ctx.args.passphrase_file))
    lines = [_("Restored {backup} into {folder}.").format(backup=chosen, folder=ctx.data_dir)]
    if moved != ctx.data_dir:
        lines.append(_("The vault that was there was moved aside to {path}.").format(path=moved))
    lines.append(_("Run 'liaison verify' to check every record."))
    ctx.emit(
        {"restored": str(chosen), "data_dir": str(ctx.data_dir), "moved_aside": str(moved)},
        "\n".join(lines),
    )
    return EXIT_OK


__all__ = ["read_passphrase", "register"]
