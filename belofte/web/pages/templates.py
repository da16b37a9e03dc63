"""The Jinja2 environment of the pages: autoescaping on for every template."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.templating import Jinja2Templates


def build_templates() -> Jinja2Templates:
    """Templates from belofte/web/templates, every value HTML-escaped."""
    environment = Environment(
        loader=PackageLoader("belofte.web", "templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
    )
    return Jinja2Templates(env=environment)
