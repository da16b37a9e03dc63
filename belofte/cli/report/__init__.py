"""Report: `belofte report`."""
