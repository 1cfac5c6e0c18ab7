"""A bundle refused for what its signer may not do, as opposed to a damaged or foreign file.

Raised where data arrives (verification and the merge) when a paired device sends something its
certified role, its allocations or the clock bounds do not allow. It is a `BundleRejected`
(exit 3, nothing applied), and it carries who sent it and what was refused, so the importing
device can record a security event for the lead to see.
"""

from __future__ import annotations

from ..i18n import _
from .bundle import BundleRejected


class OpRefused(BundleRejected):
    """A bundle holding an operation its signer may not send; nothing of it was applied."""

    def __init__(self, sender: str, sender_name: str, what: str) -> None:
        super().__init__(
            _(
                "The bundle from {name} (device {id}) was refused: {what} Nothing from it "
                "was applied, and the refusal is recorded as a security event."
            ).format(name=sender_name or _("an unnamed device"), id=sender, what=what)
        )
        self.sender = sender
        self.sender_name = sender_name
        self.what = what
