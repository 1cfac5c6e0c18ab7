"""The report dialog's preview: the first pages drawn as images, or the report's text where
this computer cannot draw them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from ...i18n import _
from .pdf_preview import RenderedPreview


class PreviewPane(QScrollArea):
    """A scrolling column of page images under a line saying which pages they are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Preview of the report's pages"))
        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.addStretch(1)
        self.note = QLabel(_("Press Preview to see the pages before saving."))
        self.note.setWordWrap(True)
        self.pages_layout.insertWidget(0, self.note)
        self.setWidgetResizable(True)
        self.setWidget(self.pages_widget)
        self.setAccessibleName(_("Preview of the report"))

    def clear(self) -> None:
        """Remove the pages shown (the note stays)."""
        while self.pages_layout.count() > 2:
            item = self.pages_layout.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def show_rendered(self, rendered: RenderedPreview, scale: float) -> None:
        """Show the drawn pages (at the screen's pixel ratio `scale`), or the report's text."""
        self.clear()
        if rendered.engine == "text":
            self.note.setText(
                _("The pages cannot be drawn on this computer; this is the report's text.")
            )
            text = QPlainTextEdit(rendered.text)
            text.setReadOnly(True)
            text.setAccessibleName(_("Text of the report"))
            self.pages_layout.insertWidget(1, text, 1)
            return
        shown = len(rendered.pages)
        self.note.setText(
            _("Page 1 to {shown} of {total}.").format(shown=shown, total=rendered.total_pages)
            if shown < rendered.total_pages
            else _("All {total} page(s).").format(total=rendered.total_pages)
        )
        for number, png in enumerate(rendered.pages, start=1):
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            pixmap.setDevicePixelRatio(scale)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(_("Page {n}").format(n=number))
            self.pages_layout.insertWidget(number, label)

    def page_labels(self) -> list[QLabel]:
        """The page images, in order."""
        labels = []
        for i in range(self.pages_layout.count()):
            item = self.pages_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if (
                isinstance(widget, QLabel)
                and widget.pixmap() is not None
                and not widget.pixmap().isNull()
            ):
                labels.append(widget)
        return labels
