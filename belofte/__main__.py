"""`python -m belofte` runs the CLI."""

from belofte.cli.app import main

raise SystemExit(main())
