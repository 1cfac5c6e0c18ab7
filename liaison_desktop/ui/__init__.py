"""The desktop interface (PySide6): views, dialogs and widgets built in code."""
