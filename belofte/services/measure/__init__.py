"""Measure: the analytics lake, scores, promise, drivers, journeys, and figures.

`analytics` keeps the lake fresh; `metrics`, `promise`, `drivers`, `journeys`
are the analyses; `figures` runs them for a caller (scoped, cached by
`resultcache`); `results` is the flat table they all return; `python_api` is
the public `belofte.Workspace`.
"""
