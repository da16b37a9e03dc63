"""A seeded synthetic Dutch retail chain with planted effects the analyses must find."""
