"""Liaison Desktop: an offline-first, encrypted caseload app for family liaison officers."""

__version__ = "0.1.0"
