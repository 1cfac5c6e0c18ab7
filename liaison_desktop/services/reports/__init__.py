"""Reports: one module per kind (`build` → a `BuiltReport` in memory), a registry of the kinds,
and one pipeline that protects, audits and writes whatever was built (`pipeline.py`)."""
