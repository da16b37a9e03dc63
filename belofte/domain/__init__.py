"""Pure values of the belofte domain: no I/O, no frameworks."""
