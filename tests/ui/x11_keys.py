"""Real key presses on an X server (the XTEST extension, through ctypes: no extra package).

The X server delivers them to whichever window has the keyboard focus, exactly as it does a
keyboard's, so they reach a GTK dialog as well as a Qt one. Used by the Xvfb tests' child
processes (`desktop_traces_child.py`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time

_x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
_xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
_x11.XOpenDisplay.restype = ctypes.c_void_p
_x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
_x11.XFlush.argtypes = [ctypes.c_void_p]
_x11.XStringToKeysym.restype = ctypes.c_ulong
_x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
_x11.XKeysymToKeycode.restype = ctypes.c_ubyte
_x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
_x11.XKeycodeToKeysym.restype = ctypes.c_ulong
_x11.XKeycodeToKeysym.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int]
_xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]

# Characters whose X key names are not the character itself.
_KEY_NAMES = {"/": "slash", ".": "period", "-": "minus", "_": "underscore", " ": "space"}


class Keyboard:
    """A connection to $DISPLAY that types like a person (close it when done)."""

    def __init__(self) -> None:
        self._display = _x11.XOpenDisplay(None)
        if not self._display:
            raise RuntimeError("cannot open the X display")

    def close(self) -> None:
        _x11.XCloseDisplay(self._display)

    def _code(self, name: str) -> int:
        code = int(_x11.XKeysymToKeycode(self._display, _x11.XStringToKeysym(name.encode())))
        if not code:
            raise ValueError(f"no key for {name!r}")
        return code

    def _press(self, code: int, down: bool) -> None:
        _xtst.XTestFakeKeyEvent(self._display, code, 1 if down else 0, 0)
        _x11.XFlush(self._display)

    def key(self, name: str, *, modifiers: tuple[str, ...] = ()) -> None:
        """Press and release the key named `name` (an X keysym name) with `modifiers` held."""
        code = self._code(name)
        held = [self._code(m) for m in modifiers]
        unshifted = _x11.XKeycodeToKeysym(self._display, code, 0)
        if unshifted != _x11.XStringToKeysym(name.encode()):
            held.append(self._code("Shift_L"))  # e.g. "Z" is Shift+z
        for m in held:
            self._press(m, True)
        self._press(code, True)
        self._press(code, False)
        for m in reversed(held):
            self._press(m, False)
        time.sleep(0.01)

    def ctrl(self, name: str) -> None:
        """Ctrl + a key."""
        self.key(name, modifiers=("Control_L",))

    def type(self, text: str) -> None:
        """Type ASCII `text` key by key."""
        for ch in text:
            self.key(_KEY_NAMES.get(ch, ch))
