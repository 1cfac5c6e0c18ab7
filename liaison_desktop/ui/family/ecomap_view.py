"""A family's ecomap: the family at the centre of the four community layers, linked to its
people, agencies and community assets; with the same links as a list, and export as PNG.

The positions come from `services.ecomap_service` as plain data (ring units); this module only
scales and paints them, so the layout is tested without Qt and the picture stays consistent.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, QStringListModel, Qt, QTimer, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.ecomap_layout import Box, arrange, caption_text
from ...i18n import _
from ...services.caseload import Caseload
from ...services.ecomap_service import CENTRE_ID, Ecomap, EcomapService
from ..file_dialogs import open_save_dialog, suggested_file_name
from ..widgets.styles import heading, muted

if TYPE_CHECKING:
    from ..section_views import SessionServices

# Outline colours per layer, readable on light and dark backgrounds alike.
LAYER_COLOURS = {0: "#1f6feb", 1: "#2e7d32", 2: "#8e44ad", 3: "#c75b00", 4: "#00838f"}
EXPORT_SIZE = QSize(1600, 1600)


def tie_pen(tie: str, colour: QColor) -> QPen:
    """The classic ecomap line: strong thick and solid, tenuous dashed, unsaid thin."""
    if tie == "strong":
        return QPen(colour, 4.5)
    if tie == "tenuous":
        return QPen(colour, 1.5, Qt.PenStyle.DashLine)
    return QPen(colour, 1.5)


def zigzag(
    start: QPointF, end: QPointF, step: float = 10.0, amplitude: float = 5.0
) -> QPainterPath:
    """A stressful tie: a line that zig-zags from `start` to `end`."""
    path = QPainterPath(start)
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy)
    if length < step * 2:
        path.lineTo(end)
        return path
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux
    for index in range(1, int(length // step)):
        side = amplitude if index % 2 else -amplitude
        along = index * step
        path.lineTo(start.x() + ux * along + nx * side, start.y() + uy * along + ny * side)
    path.lineTo(end)
    return path


def paint_ecomap(painter: QPainter, ecomap: Ecomap, area: QRectF, palette: QPalette) -> None:
    """Draw `ecomap` into `area` (used for the screen and for the PNG alike)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
    metrics = painter.fontMetrics()
    bold = QFont(painter.font())
    bold.setBold(True)
    bold_metrics = QFontMetrics(bold)

    def measure(text: str) -> float:
        return float(bold_metrics.horizontalAdvance(text))  # bold is the wider: room for both

    keys = (_("Ties:"), _("strong"), _("tenuous"), _("stressful"), _("not said"))
    legend = Box(
        0, 0, 56 + max(metrics.horizontalAdvance(k) for k in keys), (metrics.height() + 4) * 5 + 8
    )
    drawing = arrange(
        ecomap, area.width(), area.height(), measure, metrics.height(), keep_clear=(legend,)
    )
    origin = area.topLeft()

    def rect(box: Box) -> QRectF:
        return QRectF(origin.x() + box.x, origin.y() + box.y, box.w, box.h)

    centre = QPointF(origin.x() + drawing.centre[0], origin.y() + drawing.centre[1])
    text = palette.color(QPalette.ColorRole.Text)
    muted_colour = palette.color(QPalette.ColorRole.PlaceholderText)

    # Rings, each named at its foot.
    for ring in drawing.rings:
        colour = QColor(LAYER_COLOURS.get(ring.layer, "#888888"))
        colour.setAlpha(110)
        painter.setPen(QPen(colour, 1.5, Qt.PenStyle.DotLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, ring.rx, ring.ry)
        painter.setPen(muted_colour)
        painter.drawText(
            rect(ring.caption), Qt.AlignmentFlag.AlignCenter, caption_text(ring.layer, ring.label)
        )

    # Links from the centre, each in its tie's line, under the boxes.
    ties = {link.target: link.tie for link in ecomap.links}
    for placed in drawing.nodes:
        if placed.node.node_id == CENTRE_ID:
            continue
        colour = QColor(LAYER_COLOURS.get(placed.node.layer, "#888888"))
        end = rect(placed.box).center()
        tie = ties.get(placed.node.node_id, "")
        painter.setPen(tie_pen(tie, colour))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if tie == "stressful":
            painter.drawPath(zigzag(centre, end))
        else:
            painter.drawLine(centre, end)

    # Boxes: the name (bold for the family) and, under it, the role it plays.
    for placed in drawing.nodes:
        is_centre = placed.node.node_id == CENTRE_ID
        box = rect(placed.box)
        colour = QColor(LAYER_COLOURS.get(placed.node.layer, "#888888"))
        fill = palette.color(QPalette.ColorRole.Base)
        if is_centre:
            fill = QColor(colour)
            fill.setAlpha(60)
        painter.setPen(QPen(colour, 3 if is_centre else 1.5))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(text)
        painter.setFont(bold)
        first = QRectF(box.x(), box.y() + 4, box.width(), metrics.height())
        painter.drawText(first, Qt.AlignmentFlag.AlignCenter, placed.lines[0])
        font = QFont(bold)
        font.setBold(False)
        painter.setFont(font)
        if len(placed.lines) > 1:
            painter.setPen(muted_colour)
            second = QRectF(box.x(), first.bottom(), box.width(), metrics.height())
            painter.drawText(second, Qt.AlignmentFlag.AlignCenter, placed.lines[1])

    # The key to the lines, in the top-left corner (outside the outer ring's ellipse).
    painter.setPen(text)
    y = area.top() + metrics.height()
    x = area.left() + 8
    painter.drawText(QPointF(x, y), _("Ties:"))
    grey = QColor(text)
    for tie, words in (
        ("strong", _("strong")),
        ("tenuous", _("tenuous")),
        ("stressful", _("stressful")),
        ("", _("not said")),
    ):
        y += metrics.height() + 4
        start, end = QPointF(x, y - metrics.height() / 3), QPointF(x + 40, y - metrics.height() / 3)
        painter.setPen(tie_pen(tie, grey))
        if tie == "stressful":
            painter.drawPath(zigzag(start, end, 6.0, 3.0))
        else:
            painter.drawLine(start, end)
        painter.setPen(text)
        painter.drawText(QPointF(x + 48, y), words)


class EcomapCanvas(QWidget):
    """Paints one ecomap, scaled to the widget."""

    def __init__(self, ecomap: Ecomap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ecomap = ecomap
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Ecomap of {family}").format(family=ecomap.family_name))
        self.setAccessibleDescription(_("The same links are listed beside the picture."))

    def sizeHint(self) -> QSize:
        side = self.fontMetrics().averageCharWidth() * 80
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        # Below this the boxes overlap: the view scrolls instead (as at 200% on a laptop).
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 140, metrics.lineSpacing() * 40)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            paint_ecomap(painter, self.ecomap, QRectF(self.rect()), self.palette())
        finally:
            painter.end()

    def to_image(self, size: QSize = EXPORT_SIZE) -> QImage:
        """The ecomap drawn at `size` pixels (for export), with this widget's colours."""
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        try:
            font = QFont(self.font())
            # Text in proportion to the picture, whatever the screen's scaling.
            font.setPixelSize(max(12, size.width() // 80))
            painter.setFont(font)
            paint_ecomap(
                painter, self.ecomap, QRectF(0, 0, size.width(), size.height()), self.palette()
            )
        finally:
            painter.end()
        return image


class EcomapView(QWidget):
    """The ecomap of one family, its text alternative, and export as PNG.

    `services` is the session's `SessionServices` or a `Caseload` (either has what is needed).
    """

    def __init__(
        self,
        services: SessionServices | Caseload,
        family_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        caseload = services if isinstance(services, Caseload) else services.caseload
        self._service = EcomapService(caseload.ctx)
        self._today = caseload.ctx.today
        self.family_id = family_id
        self.ecomap = self._service.for_family(family_id)
        self.canvas = EcomapCanvas(self.ecomap)

        self.links_model = QStringListModel(self.ecomap.describe(), self)
        self.links_list = QListView()
        self.links_list.setModel(self.links_model)
        self.links_list.setAccessibleName(_("Links of the ecomap, as text"))
        self.links_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.links_list.setWordWrap(True)
        self.empty_label = empty = muted(
            QLabel(_("No one is linked yet: add people, or agencies from the Directory, to the "
                     "family's team and they appear here."))
        )  # fmt: skip
        empty.setVisible(not self.ecomap.links)

        self.export_button = QPushButton(_("E&xport as PNG…"))
        self.export_dialog: QFileDialog | None = None
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Export status"))
        links_label = QLabel(_("&Links"))
        links_label.setBuddy(self.links_list)

        side = QWidget()
        column = QVBoxLayout(side)
        self.title_label = heading(
            _("Ecomap of {family}").format(family=self.ecomap.family_name), scale=1.2
        )
        column.addWidget(self.title_label)
        column.addWidget(
            muted(QLabel(_("The family at the centre, its people, agencies and community "
                           "assets on the community layers they belong to.")))
        )  # fmt: skip
        column.addWidget(links_label)
        column.addWidget(self.links_list, 1)
        column.addWidget(empty)
        column.addWidget(self.export_button)
        column.addWidget(muted(QLabel(_("The PNG file is not encrypted."))))
        column.addWidget(self.status_label)

        canvas_scroll = QScrollArea()
        canvas_scroll.setAccessibleName(_("The ecomap picture (arrow keys scroll it)"))
        self.canvas_scroll = canvas_scroll
        self._centred = False
        canvas_scroll.setWidgetResizable(True)
        canvas_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        canvas_scroll.setWidget(self.canvas)
        self.canvas.setMinimumSize(self.canvas.minimumSizeHint())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(canvas_scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._connect()

    def refresh(self) -> None:
        """Read the family's people and team again (about a millisecond) and redraw."""
        self.ecomap = self._service.for_family(self.family_id)
        self.canvas.ecomap = self.ecomap
        self.canvas.update()
        self.links_model.setStringList(self.ecomap.describe())
        self.empty_label.setVisible(not self.ecomap.links)
        self.title_label.setText(_("Ecomap of {family}").format(family=self.ecomap.family_name))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Shown again (a tab chosen after the team changed): draw what is true now.
        if not event.spontaneous():
            self.refresh()
        if not self._centred:
            # When the picture is larger than the view (200% scaling), start at the family.
            self._centred = True
            QTimer.singleShot(0, self, self._centre_on_family)

    @Slot()
    def _centre_on_family(self) -> None:
        for bar in (
            self.canvas_scroll.horizontalScrollBar(),
            self.canvas_scroll.verticalScrollBar(),
        ):
            bar.setValue((bar.minimum() + bar.maximum()) // 2)

    def _connect(self) -> None:
        self.export_button.clicked.connect(self._on_export)

    def export_png(self, path: str) -> bool:
        """Write the ecomap as a PNG to `path` (where the officer chose); True when written."""
        if not path.lower().endswith(".png"):
            path += ".png"  # Qt picks the format from the suffix
        if self.canvas.to_image().save(path):
            self.status_label.setText(
                _("Saved. This PNG is not encrypted: keep it somewhere safe and delete it when "
                  "it is no longer needed.")
            )  # fmt: skip
            return True
        self.status_label.setText(
            _("The picture could not be saved there; nothing was written. Choose another folder.")
        )
        return False

    @Slot()
    def _on_export(self) -> None:
        self.export_dialog = open_save_dialog(
            self,
            _("Export the ecomap as PNG (not encrypted)"),
            name_filter=_("PNG image (*.png)"),
            suggested_name=suggested_file_name(
                _("ecomap"), day=self._today(), reference=self.family_id, suffix="png"
            ),
            on_chosen=self._on_export_file_chosen,
        )

    @Slot(str)
    def _on_export_file_chosen(self, path: str) -> None:
        self.export_dialog = None
        if path:
            self.export_png(path)
