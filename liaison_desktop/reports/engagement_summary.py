"""The engagement summary for a safeguarding lead: families engaged per term, attendance at
school activities (invited against came) and new partnerships, as charts with tables beside
them so the figures read without colour. Printed on its own and as a section of the caseload
overview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from ..i18n import _, ngettext
from . import charts
from .fonts import REGULAR
from .furniture import CONTENT_WIDTH, ProgressFn, ReportMeta, Writer, build_pdf, report
from .text import visual

ENGAGED = colors.HexColor("#3a8f4b")
INVITED = colors.HexColor("#9fb7c9")
CAME = colors.HexColor("#1f5f8b")


@dataclass(frozen=True)
class TermRow:
    """Families engaged in one term and through what."""

    label: str
    engaged: int
    attended: int
    volunteered: int
    signed_agreement: int


@dataclass(frozen=True)
class ActivityRow:
    """One activity in the term: sessions, invited, came."""

    title: str
    kind: str
    sessions: int
    invited: int
    attended: int
    walk_ins: int


@dataclass(frozen=True)
class KindRow:
    """Activities of one kind in the term, added up."""

    kind: str
    activities: int
    invited: int
    attended: int


@dataclass(frozen=True)
class PartnershipRow:
    """An organisation new to the school's families in the term."""

    organisation: str
    kind: str
    layer: int
    how: str  # already in words: "first referral 12 Oct 2026", "added to the directory"


@dataclass
class EngagementReport:
    """The figures of the engagement summary, counted by the engagement summary service."""

    term: str  # "Autumn 2026"
    families: int
    terms: Sequence[TermRow] = ()
    activities: Sequence[ActivityRow] = ()
    kinds: Sequence[KindRow] = ()
    partnerships: Sequence[PartnershipRow] = field(default_factory=tuple)
    gaps: Sequence[str] = ()  # support kinds families here need and no local organisation gives


def _scale(chart: VerticalBarChart, largest: int) -> None:
    charts.count_axis(chart.valueAxis, largest)
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 6


def terms_chart(rows: Sequence[TermRow]) -> Drawing:
    """Families engaged per term as vertical bars, each labelled with its count."""
    drawing = charts.drawing(
        CONTENT_WIDTH,
        170,
        _("Bar chart of families engaged per term; the figures are in the table below it."),
    )
    charts.title(drawing, _("Families engaged per term"))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 25
    chart.width, chart.height = CONTENT_WIDTH - 60, 120
    chart.data = [[r.engaged for r in rows] or [0]]
    chart.categoryAxis.categoryNames = [visual(r.label) for r in rows] or [""]
    _scale(chart, max((r.engaged for r in rows), default=1))
    chart.bars[0].fillColor = ENGAGED
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def kinds_chart(rows: Sequence[KindRow]) -> Drawing:
    """Families invited and families who came, side by side for each kind of activity."""
    drawing = charts.drawing(
        CONTENT_WIDTH,
        180,
        _(
            "Bar chart of families invited and families who came, for each kind of "
            "activity; the figures are in the table below it."
        ),
    )
    charts.title(drawing, _("Attendance by kind of activity"))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 35
    chart.width, chart.height = CONTENT_WIDTH - 140, 115
    chart.data = [[r.invited for r in rows] or [0], [r.attended for r in rows] or [0]]
    chart.categoryAxis.categoryNames = [visual(r.kind) for r in rows] or [""]
    chart.categoryAxis.labels.angle = 20 if len(rows) > 4 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(rows) > 4 else "n"
    _scale(chart, max((max(r.invited, r.attended) for r in rows), default=1))
    for i, colour in enumerate((INVITED, CAME)):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    drawing.add(
        charts.legend(CONTENT_WIDTH - 95, 140, [(INVITED, _("Invited")), (CAME, _("Came"))])
    )
    return drawing


def engagement_section(w: Writer, data: EngagementReport, *, level: int = 1) -> list[Flowable]:
    """The engagement figures as flowables: headings at `level` (1: top-level, 2: nested)."""
    h = w.h1 if level == 1 else w.h2
    out: list[Flowable] = []
    if level != 1:
        out.append(w.h1(_("Family engagement")))
    out += [
        h(_("Families engaged per term")),
        w.p(
            _(
                "A family is engaged in a term when it came to a school activity, someone in it "
                "volunteered, or it signed the home-school agreement in that term. "
                "{families} families on this caseload."
            ).format(families=data.families)
        ),
    ]
    if data.terms:
        out.append(KeepTogether([terms_chart(data.terms)]))
        out.append(
            w.table(
                (_("Term"), _("Engaged"), _("Came to an activity"), _("Volunteered"), _("Signed")),
                [
                    (
                        r.label,
                        str(r.engaged),
                        str(r.attended),
                        str(r.volunteered),
                        str(r.signed_agreement),
                    )
                    for r in data.terms
                ],
                (CONTENT_WIDTH - 4 * 28 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm),
            )
        )
    out.append(h(_("Activity attendance, {term}").format(term=data.term)))
    if data.kinds:
        out.append(KeepTogether([kinds_chart(data.kinds)]))
        out.append(
            w.table(
                (_("Kind of activity"), _("Activities"), _("Invited"), _("Came")),
                [(r.kind, str(r.activities), str(r.invited), str(r.attended)) for r in data.kinds],
                (CONTENT_WIDTH - 3 * 25 * mm, 25 * mm, 25 * mm, 25 * mm),
            )
        )
        out.append(
            w.table(
                (
                    _("Activity"),
                    _("Kind"),
                    _("Sessions"),
                    _("Invited"),
                    _("Came"),
                    _("Without invitation"),
                ),
                [
                    (
                        r.title,
                        r.kind,
                        str(r.sessions),
                        str(r.invited),
                        str(r.attended),
                        str(r.walk_ins),
                    )
                    for r in data.activities
                ],
                (
                    CONTENT_WIDTH - 35 * mm - 4 * 20 * mm,
                    35 * mm,
                    20 * mm,
                    20 * mm,
                    20 * mm,
                    20 * mm,
                ),
            )
        )
    else:
        out.append(w.empty(_("No activity had a session in this term.")))
    out.append(h(_("New partnerships, {term}").format(term=data.term)))
    if data.partnerships:
        out.append(
            w.table(
                (_("Organisation"), _("Kind"), _("Layer"), _("How")),
                [(r.organisation, r.kind, str(r.layer), r.how) for r in data.partnerships],
                (CONTENT_WIDTH - 35 * mm - 15 * mm - 55 * mm, 35 * mm, 15 * mm, 55 * mm),
            )
        )
    else:
        out.append(w.empty(_("No organisation was added or first connected to a family.")))
    if data.gaps:
        out.append(h(_("Partnerships you could build")))
        out.append(
            w.p(
                _(
                    "Families on this caseload need these kinds of support and no local "
                    "organisation in the directory offers them yet: {kinds}."
                ).format(kinds=", ".join(data.gaps))
            )
        )
    return out


def build_engagement_summary(
    data: EngagementReport, meta: ReportMeta, progress: ProgressFn | None = None
) -> bytes:
    """The engagement summary as PDF bytes."""
    w = Writer()
    report(progress, "layout", 0.0)
    story: list[Flowable] = [
        w.p(_("Engagement summary"), w.styles.title),
        w.p(
            ngettext(
                "{term} · {families} family", "{term} · {families} families", data.families
            ).format(term=data.term, families=data.families),
            w.styles.subtitle,
        ),
        *engagement_section(w, data),
        w.gap(6),
        w.p(_("Figures count records in this vault on the day shown."), w.styles.small),
    ]
    return build_pdf(meta, story, progress)
