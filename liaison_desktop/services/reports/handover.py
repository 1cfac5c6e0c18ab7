"""The handover summary of a caseload moved from one officer to another (issue 23)."""

from __future__ import annotations

from ...i18n import _
from ...reports import handover as ho
from ...reports.furniture import ProgressFn, report
from ...sync.peers import get_peer
from .common import BuiltReport, ReportRequest, ReportTools


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """The summary of the families in `request.families` handed over from device
    `request.subject_id` (to the officer named in `request.receiving_school`'s place: the
    `handed_to` field)."""
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    c = tools.caseload
    report(progress, "reading", 0.0)
    families = list(request.families)
    lines = c.handover.summary(families)
    peer = get_peer(c.ctx.vault, str(request.subject_id))
    from_name = peer.name if peer is not None else str(request.subject_id)[:8]
    sharing = tools.sharing(
        "handover",
        options,
        families,
        _("Caseload handover from {name}").format(name=from_name),
    )
    data = ho.HandoverData(from_name, request.handed_to, c.ctx.today().isoformat(), lines)
    report(progress, "reading", 1.0)
    pdf = ho.build_handover(data, tools.meta(_("Caseload handover")), progress)
    return BuiltReport("handover", pdf, sharing=sharing)
