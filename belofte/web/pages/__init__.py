"""Server-rendered pages (Jinja2, autoescaped, no script), by capability."""
