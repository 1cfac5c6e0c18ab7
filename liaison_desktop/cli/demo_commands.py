"""`demo`: create or fill a vault with synthetic, clearly fictional families."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..demo.populate import DemoSummary, populate_demo
from ..demo.setting import DEMO_OWNER
from ..errors import EXIT_OK, UsageError
from ..i18n import _
from ..services.caseload import Caseload
from .context import CommandContext, SubParsers
from .secrets_input import read_new_passphrase

if TYPE_CHECKING:  # the vault comes from VaultService; the CLI imports no storage code
    from ..store.vault import Vault

MAX_FAMILIES = 20_000


def register(sub: SubParsers) -> None:
    """Add the demo command to the parser."""
    p = sub.add_parser(
        "demo", help=_("create or fill a vault with synthetic, clearly fictional data")
    )
    p.add_argument("--families", type=int, default=50, help=_("how many families (default 50)"))
    p.add_argument("--seed", type=int, default=1, help=_("the same seed gives the same data"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_demo)


def _progress(done: int, total: int) -> None:
    # Progress goes to stderr so --json output stays clean; only on a terminal.
    if sys.stderr.isatty() and total:
        sys.stderr.write(
            "\r"
            + _("Writing demo families: {done} of {total}").format(done=done, total=total)
            + ("\n" if done >= total else "")
        )
        sys.stderr.flush()


def cmd_demo(ctx: CommandContext) -> int:
    """Fill the vault with demo families, creating a lead's demo vault first if there is none."""
    families = ctx.args.families
    if not 1 <= families <= MAX_FAMILIES:
        raise UsageError(_("--families must be between 1 and {n}.").format(n=MAX_FAMILIES))
    recovery_key: str | None = None
    if ctx.vaults.exists():
        with ctx.open_vault() as vault:
            summary = _fill(vault, families, ctx.args.seed)
            created = False
    else:
        passphrase = read_new_passphrase(ctx.args.passphrase_file, env="LIAISON_PASSPHRASE")
        vault, recovery_key = ctx.vaults.create(passphrase, owner_name=DEMO_OWNER, role="lead")
        try:
            summary = _fill(vault, families, ctx.args.seed)
        finally:
            vault.close()
        created = True
    data: dict[str, Any] = {
        "created_vault": created,
        "families": summary.families,
        "contacts_created": summary.contacts_created,
        "records": dict(sorted(summary.counts.items())),
        "seed": ctx.args.seed,
        "seconds": round(summary.seconds, 2),
    }
    lines = []
    if created:
        lines.append(
            _("Demo vault created in {path} for {name} (lead).").format(
                path=ctx.data_dir, name=DEMO_OWNER
            )
        )
    lines.append(
        _("Added {n} fictional families ({records} records) in {s:.1f} s; seed {seed}.").format(
            n=summary.families, records=summary.records, s=summary.seconds, seed=ctx.args.seed
        )
    )
    lines.extend(f"  {kind:<12}{count:>8}" for kind, count in sorted(summary.counts.items()))
    if recovery_key is not None:
        data["recovery_key"] = recovery_key
        lines.append(
            _("\nRECOVERY KEY (shown only this once):\n\n    {key}\n").format(key=recovery_key)
        )
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def _fill(vault: Vault, families: int, seed: int) -> DemoSummary:
    return populate_demo(Caseload(vault), families=families, seed=seed, progress=_progress)
