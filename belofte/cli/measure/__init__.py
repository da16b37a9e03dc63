"""Measure: `belofte metrics | promise | drivers | journeys | export`."""
