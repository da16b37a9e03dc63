"""The `belofte` command line (Typer): thin commands over services."""
