"""Measure: the results API (metrics, promise, drivers, journeys)."""
