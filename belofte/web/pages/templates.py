"""The Jinja2 environment of the pages: autoescaping on for every template."""

from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from starlette.templating import Jinja2Templates


def build_templates() -> Jinja2Templates:
    """Templates from belofte/web/templates, every value HTML-escaped.

    The report's templates come second: the pages render results with the
    report's own `sections.html` macro, so both show one section one way.
    """
    environment = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("belofte.web", "templates"),
                PackageLoader("belofte.services.report", "templates"),
            ]
        ),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
    )
    return Jinja2Templates(env=environment)
