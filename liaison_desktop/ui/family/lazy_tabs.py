"""Tabs that build their content the first time they are shown, so a page opens quickly.

A family page has a dozen tabs; building them all (tables sized to 200 notes, charts, the
chronology) cost more than the 100 ms an opening page may take. `LazyTabWidget` holds a light
`LazyTab` stand-in for each tab until it is first selected or asked for, then puts the real tab
inside it. Callers see only real tabs: `currentWidget`, `widget`, `indexOf` and
`setCurrentWidget` answer with, and accept, the real tab, building it when needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar, overload

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyTab(QWidget):
    """Stands in a tab's place; holds the real tab once it has been built."""

    def __init__(
        self,
        build: Callable[[], QWidget],
        on_built: Callable[[QWidget], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._build: Callable[[], QWidget] | None = build
        self._on_built = on_built
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        """The real tab, built now if it has not been yet."""
        if self.content is None:
            assert self._build is not None
            content = self._build()
            self._build = None  # the closure may hold the page; let it go
            self.content = content
            layout = self.layout()
            assert layout is not None
            layout.addWidget(content)
            if self.isVisible():
                content.show()  # a layout would only show it on the next event loop turn
            if self._on_built is not None:
                self._on_built(content)  # after `content` is set, so reading it again is safe
        return self.content


class LazyTabWidget(QTabWidget):
    """A tab widget whose tabs may be built on first show; it speaks only of real tabs."""

    def __init__(
        self,
        on_built: Callable[[str, QWidget], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lazy: dict[str, LazyTab] = {}
        self._on_built = on_built
        self.currentChanged.connect(self._on_current_changed)

    def add_lazy(self, name: str, title: str, build: Callable[[], QWidget]) -> LazyTab:
        """Add a tab called `title` whose content `build` makes when it is first needed."""

        def announce(content: QWidget) -> None:
            if self._on_built is not None:
                self._on_built(name, content)

        stand_in = LazyTab(build, announce)
        self._lazy[name] = stand_in
        self.addTab(stand_in, title)
        return stand_in

    def built(self, name: str) -> QWidget:
        """The real tab called `name`, built now if need be."""
        return self._lazy[name].ensure()

    def if_built(self, name: str) -> QWidget | None:
        """The real tab called `name` if it has been built, else None (nothing to refresh)."""
        return self._lazy[name].content

    def is_built(self, name: str) -> bool:
        """Whether the tab called `name` has built its content."""
        return self._lazy[name].content is not None

    # -- real tabs in, real tabs out ------------------------------------------------------------
    def widget(self, index: int, /) -> QWidget | None:
        """The real tab at `index` (built if it was not); None past the last tab."""
        found = super().widget(index)
        return found.ensure() if isinstance(found, LazyTab) else found

    def currentWidget(self, /) -> QWidget:
        """The real tab shown now."""
        found = self.widget(self.currentIndex())
        return found if found is not None else super().currentWidget()

    def indexOf(self, page: QWidget, /) -> int:
        """The index of a real tab (or of its stand-in)."""
        for stand_in in self._lazy.values():
            if stand_in.content is not None and stand_in.content is page:
                return super().indexOf(stand_in)
        return super().indexOf(page)

    def setCurrentWidget(self, widget: QWidget, /) -> None:
        """Show a real tab (or its stand-in)."""
        self.setCurrentIndex(self.indexOf(widget))

    @Slot(int)
    def _on_current_changed(self, index: int) -> None:
        found = super().widget(index)
        if isinstance(found, LazyTab):
            found.ensure()


class _HasLazyTabs(Protocol):
    @property
    def tabs(self) -> LazyTabWidget: ...


class LazyTabAttribute(Generic[W]):
    """A page attribute naming a lazy tab: reading it builds the tab if need be."""

    def __init__(self, kind: type[W]) -> None:
        self.kind = kind
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, page: None, owner: type) -> LazyTabAttribute[W]: ...

    @overload
    def __get__(self, page: _HasLazyTabs, owner: type) -> W: ...

    def __get__(self, page: _HasLazyTabs | None, owner: type) -> Any:
        if page is None:
            return self
        widget = page.tabs.built(self.name)
        assert isinstance(widget, self.kind)
        return widget
