"""Measure: the dashboard, drivers, journeys and location pages."""
