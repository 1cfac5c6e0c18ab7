"""The screenshots in docs/screenshots: `python -m tools.screenshots OUTDIR [GROUP...]`.

`render` runs each group of screens (`foundation`, `caseload`, `records`, `engagement`) on its
own throwaway vault made through `session`, which every group shares.
"""
