"""The web edge (FastAPI): JSON API now, server-rendered pages later."""
