"""Listen: `belofte import`, `belofte enrich` and `belofte text ...`."""
