"""The school's pupil list, each term: a preview of the refresh, then the same refresh written.

The desktop shows `preview` to the officer (every pupil: new, changed, unchanged or left) and
writes only what was shown: `apply` works the plan out again from the same file and the same
splits and refuses if it differs (the file, or the vault through a sync, changed meanwhile).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from ..errors import InputRejected
from ..i18n import _
from ..interchange.pupil_refresh import RefreshPlan, apply_refresh, refresh_from_file
from .caseload import Caseload


class PupilListsService:
    """Termly pupil-list refreshes, previewed then written all or nothing."""

    def __init__(self, caseload: Caseload) -> None:
        self._caseload = caseload

    def preview(self, path: Path, split: Collection[int] = ()) -> RefreshPlan:
        """What importing `path` would do; nothing is written."""
        return refresh_from_file(self._caseload, path, split=split, dry_run=True)

    def apply(self, path: Path, split: Collection[int], shown: RefreshPlan) -> RefreshPlan:
        """Write the refresh that was `shown`, or refuse if it would now be different."""
        plan = refresh_from_file(self._caseload, path, split=split, dry_run=True)
        if [line.as_dict() for line in plan.lines] != [line.as_dict() for line in shown.lines]:
            raise InputRejected(
                _(
                    "The pupil list or the caseload changed since the preview, so nothing was "
                    "imported. Look at the new preview and import again."
                )
            )
        apply_refresh(self._caseload, plan)
        return plan
