"""The web edge (FastAPI): the JSON API and the server-rendered pages.

Both are arranged by capability (`api/listen`, `pages/measure`, ...), as
`services/` is.
"""
