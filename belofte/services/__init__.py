"""Use cases: the only layer that combines the store, analytics, statistics and text."""
