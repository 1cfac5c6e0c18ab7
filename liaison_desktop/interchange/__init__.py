"""Data in and out of the vault: interchange JSON, pupil CSV, and synthetic demo data."""
