"""The caseload overview for a safeguarding lead: who holds which families, how much work is
being done month by month, what is outstanding and which pupils are persistently absent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from ..domain import outcomes
from ..domain import vocabulary as v
from ..i18n import _
from . import charts
from .engagement_summary import EngagementReport, engagement_section
from .fonts import REGULAR
from .furniture import CONTENT_WIDTH, ProgressFn, ReportMeta, Writer, build_pdf, report
from .text import visual

PALETTE = (
    colors.HexColor("#1f5f8b"),
    colors.HexColor("#e07a1f"),
    colors.HexColor("#3a8f4b"),
    colors.HexColor("#b8344a"),
    colors.HexColor("#7a5aa6"),
    colors.HexColor("#8c6d3f"),
    colors.HexColor("#d16fa8"),
    colors.HexColor("#6f7b87"),
)


@dataclass(frozen=True)
class OverdueAction:
    family: str
    title: str
    owner: str
    due: str


@dataclass(frozen=True)
class AbsentPupil:
    name: str
    family: str
    period: str
    percentage: float | None


@dataclass(frozen=True)
class OutcomesChange:
    """The outcomes wheel across the caseload: average change per area since each start."""

    families: int = 0  # families scored at a start and again since
    scored_once: int = 0
    average: tuple[float, ...] | None = None  # per area, in wheel order


@dataclass(frozen=True)
class TimeRow:
    """One officer's time and mileage for the period (issue 22)."""

    officer: str
    visits: int
    no_access: int
    minutes: int
    travel_minutes: int
    miles: int
    casework_minutes: int


def hours(minutes: int) -> str:
    """Minutes as hours and minutes ('3 h 05')."""
    return f"{minutes // 60} h {minutes % 60:02d}"


def time_section(w: Writer, period: str, rows: Sequence[TimeRow]) -> list[Flowable]:
    """Time and mileage per officer, with a total line."""
    out: list[Flowable] = [w.h1(_("Time and mileage: {period}").format(period=period))]
    if not rows:
        return [*out, w.empty(_("No visit or casework time recorded in this period."))]
    total = TimeRow(
        _("All officers"),
        *(sum(getattr(r, name) for r in rows) for name in (
            "visits", "no_access", "minutes", "travel_minutes", "miles", "casework_minutes"
        )),
    )  # fmt: skip
    headers = (
        _("Officer"),
        _("Visits"),
        _("No access"),
        _("With families"),
        _("Travelling"),
        _("Miles"),
        _("Other casework"),
    )
    number_w = (CONTENT_WIDTH - 45 * mm) / 6
    table_rows = [
        (
            r.officer,
            str(r.visits),
            str(r.no_access),
            hours(r.minutes),
            hours(r.travel_minutes),
            str(r.miles),
            hours(r.casework_minutes),
        )
        for r in (*rows, total)
    ]
    out.append(w.table(headers, table_rows, (45 * mm, *(number_w,) * 6)))
    return out


@dataclass
class CaseloadData:
    """The figures of the overview, counted by the reports service."""

    today: date
    families: int = 0
    families_per_officer: Sequence[tuple[str, int]] = ()
    months: Sequence[str] = ()  # "2025-03", oldest first
    visits_by_status: Mapping[str, Sequence[int]] = field(default_factory=dict)
    referrals_by_kind: Mapping[str, Sequence[int]] = field(default_factory=dict)
    open_actions: int = 0
    overdue: Sequence[OverdueAction] = ()
    absent: Sequence[AbsentPupil] = ()
    outcomes_change: OutcomesChange = field(default_factory=OutcomesChange)
    engagement: EngagementReport | None = None  # family engagement (issue 11)
    time_period: str = ""
    time: Sequence[TimeRow] = ()
    pupils: int = 0
    pupil_facts: Sequence[tuple[str, int]] = ()  # (fact in words, pupils)


def month_label(month: str) -> str:
    """'2025-03' as 'Mar 25'."""
    return date.fromisoformat(month + "-01").strftime("%b %y")


def officer_chart(rows: Sequence[tuple[str, int]]) -> Drawing:
    """Families per officer as horizontal bars."""
    height = 30 + 16 * max(1, len(rows))
    drawing = charts.drawing(
        CONTENT_WIDTH,
        height,
        _("Bar chart of families per officer; the figures are in the table below it."),
    )
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 15
    chart.width, chart.height = CONTENT_WIDTH - 150, height - 25
    chart.data = [[n for _name, n in reversed(rows)] or [0]]
    chart.categoryAxis.categoryNames = [visual(name) for name, _n in reversed(rows)] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    charts.count_axis(chart.valueAxis, max((n for _name, n in rows), default=1))
    chart.bars[0].fillColor = PALETTE[0]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing


def stacked_chart(
    title: str, months: Sequence[str], series: Mapping[str, Sequence[int]]
) -> Drawing:
    """Counts per month, stacked by kind, with a legend."""
    names = [k for k, values in series.items() if any(values)] or list(series)[:1]
    drawing = charts.drawing(
        CONTENT_WIDTH,
        190,
        _("Stacked bar chart: {title}. The figures are in the table below it.").format(title=title),
    )
    charts.title(drawing, title)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 30
    chart.width, chart.height = CONTENT_WIDTH - 150, 140
    chart.data = [list(series[k]) for k in names] or [[0] * max(1, len(months))]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [month_label(m) for m in months] or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    tallest = max((sum(col) for col in zip(*chart.data, strict=True)), default=1)
    charts.count_axis(chart.valueAxis, tallest)
    chart.barLabels.fontName = REGULAR  # unused, but otherwise Helvetica is referenced
    for i in range(len(names)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = charts.legend(
        CONTENT_WIDTH - 105,
        165,
        [(PALETTE[i % len(PALETTE)], v.label(name)) for i, name in enumerate(names)],
    )
    legend.columnMaximum = 12
    drawing.add(legend)
    return drawing


def change_words(delta: float) -> str:
    """An average change as printed: '+1.5', '−0.3', '0.0'."""
    if round(delta, 1) == 0:
        return "0.0"
    return f"{'+' if delta > 0 else '−'}{abs(delta):.1f}"


def outcomes_section(w: Writer, change: OutcomesChange) -> list[Flowable]:
    """Average change per area of the outcomes wheel, with how many families it counts."""
    out: list[Flowable] = [w.h1(_("Outcomes wheel: average change"))]
    out.append(
        w.p(
            _(
                "{n} families scored at the start and again since; {once} scored once so far. "
                "Change is each family's latest score minus its start score, averaged."
            ).format(n=change.families, once=change.scored_once)
        )
    )
    if change.average is None:
        out.append(w.empty(_("No family has been scored twice yet.")))
        return out
    rows = [
        (area.title, change_words(value))
        for area, value in zip(outcomes.areas(), change.average, strict=True)
    ]
    overall = sum(change.average) / len(change.average)
    rows.append((_("All areas"), change_words(overall)))
    out.append(w.table((_("Area"), _("Average change")), rows, (CONTENT_WIDTH - 40 * mm, 40 * mm)))
    return out


def build_caseload_overview(
    data: CaseloadData, meta: ReportMeta, progress: ProgressFn | None = None
) -> bytes:
    """The caseload overview as PDF bytes."""
    w = Writer()
    s = w.styles
    report(progress, "layout", 0.0)
    allocated = sum(n for name, n in data.families_per_officer if name != _("Unallocated"))
    story: list[Flowable] = [
        w.p(meta.title, s.title),
        w.p(
            _("{families} families · {allocated} allocated · as at {today}").format(
                families=data.families, allocated=allocated, today=f"{data.today:%d %b %Y}"
            ),
            s.subtitle,
        ),
        w.h1(_("Families per officer")),
        officer_chart(data.families_per_officer),
        w.table(
            (_("Officer"), _("Families")),
            [(name, str(n)) for name, n in data.families_per_officer],
            (CONTENT_WIDTH - 30 * mm, 30 * mm),
        ),
        w.h1(_("Visits and referrals per month")),
    ]
    for title, series in (
        (_("Visits per month, by outcome"), data.visits_by_status),
        (_("Referrals per month, by kind"), data.referrals_by_kind),
    ):
        if any(any(values) for values in series.values()):
            story.append(KeepTogether([stacked_chart(title, data.months, series)]))
        else:
            story += [w.h2(title), w.empty(_("None in these months."))]
    headers = [_("Kind")] + [month_label(m) for m in data.months] + [_("Total")]
    month_w = (CONTENT_WIDTH - 36 * mm - 12 * mm) / max(1, len(data.months))
    widths = [36 * mm] + [month_w] * len(data.months) + [12 * mm]
    for heading, series in (
        (_("Visits"), data.visits_by_status),
        (_("Referrals"), data.referrals_by_kind),
    ):
        story.append(w.h2(heading))
        rows: list[list[Any]] = [
            [v.label(k), *(str(n) for n in values), str(sum(values))]
            for k, values in series.items()
            if any(values)
        ]
        story.append(w.table(headers, rows, widths) if rows else w.empty(_("None.")))
    story.append(w.h1(_("Outstanding actions")))
    story.append(
        w.p(
            _("{open} open actions, {overdue} overdue.").format(
                open=data.open_actions, overdue=len(data.overdue)
            )
        )
    )
    if data.overdue:
        story.append(
            w.table(
                (_("Family"), _("Action"), _("Owner"), _("Due")),
                [(a.family, a.title, a.owner, a.due) for a in data.overdue],
                (40 * mm, CONTENT_WIDTH - 105 * mm, 40 * mm, 25 * mm),
            )
        )
    story.append(w.h1(_("Persistent absence")))
    story.append(
        w.p(_("{n} pupil records below 90% attendance.").format(n=len(data.absent)), s.body)
    )
    if data.absent:
        story.append(
            w.table(
                (_("Pupil"), _("Family"), _("Period"), _("Attendance")),
                [
                    (
                        a.name,
                        a.family,
                        a.period,
                        f"{a.percentage:.1f}%" if a.percentage is not None else "—",
                    )
                    for a in data.absent
                ],
                (50 * mm, 50 * mm, CONTENT_WIDTH - 125 * mm, 25 * mm),
            )
        )
    if data.time_period:
        story.extend(time_section(w, data.time_period, data.time))
    story.append(w.h1(_("Pupils by what the school records")))
    story.append(w.p(_("{n} pupils on the caseload.").format(n=data.pupils), s.body))
    if data.pupil_facts:
        story.append(
            w.table(
                (_("Fact"), _("Pupils")),
                [(label, str(n)) for label, n in data.pupil_facts],
                (CONTENT_WIDTH - 30 * mm, 30 * mm),
            )
        )
    story.extend(outcomes_section(w, data.outcomes_change))
    if data.engagement is not None:
        story.extend(engagement_section(w, data.engagement, level=2))
    story.append(w.gap(6))
    story.append(w.p(_("Figures count records in this vault on the day shown."), s.small))
    return build_pdf(meta, story, progress)
