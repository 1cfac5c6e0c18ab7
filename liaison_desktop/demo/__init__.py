"""Demo data: a fictional town and its families, written through the services.

Above services and interchange in the layer order (docs/decisions.md, "Layers"): nothing
below it imports it; the app's --demo, `liaison demo`, the benchmarks and tests use it.
"""
