"""Families engaged per term, activity attendance and new partnerships, with charts."""

from __future__ import annotations

from ...domain.engagement import Term
from ...i18n import _
from ...reports.engagement_summary import EngagementReport, build_engagement_summary
from ...reports.furniture import ProgressFn, report
from ..engagement_summary_service import to_report
from ..validation import ValidationFailed
from .common import BuiltReport, ReportRequest, ReportTools


def engagement_report(tools: ReportTools, term: Term | None = None) -> EngagementReport:
    """The engagement figures of a term (the current one by default), ready to draw."""
    summary = tools.caseload.engagement_summary.summary(term)
    return to_report(summary, tools.caseload.asset_map.build())


def build(tools: ReportTools, request: ReportRequest, progress: ProgressFn | None) -> BuiltReport:
    """The engagement summary."""
    options = request.options
    tools.check_options(options, previewing=request.previewing)
    if options.redact:
        raise ValidationFailed([("redact", _("the engagement summary names no people to redact"))])
    report(progress, "reading", 0.0)
    data = engagement_report(tools, request.term)
    pdf = build_engagement_summary(data, tools.meta(_("Engagement summary")), progress)
    return BuiltReport("engagement_summary", pdf)
