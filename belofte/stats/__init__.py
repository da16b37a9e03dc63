"""Statistics from sufficient statistics to frozen results (see shared methods.md)."""
