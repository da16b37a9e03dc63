"""Built-in blueprint templates, shipped as package data."""

from __future__ import annotations

from importlib import resources

from belofte.errors import NotFound


def template_names() -> list[str]:
    """Names of the built-in templates, e.g. ['generic-en', 'retail-nl']."""
    folder = resources.files(__package__)
    return sorted(
        p.name.removesuffix(".yaml")
        for p in folder.iterdir()
        if p.name.endswith(".yaml")
    )


def template_text(name: str) -> str:
    """The YAML text of template `name`."""
    if name not in template_names():
        raise NotFound(
            "template", repr(name), f"choose one of {', '.join(template_names())}"
        )
    return (resources.files(__package__) / f"{name}.yaml").read_text(encoding="utf-8")
