"""The labeller plug-in interface: add a heavier model without touching the pipeline.

A labeller is any object with a ``name``, a ``version`` and a ``label`` method
that takes the redacted text and what the built-in steps found, and returns
an :class:`~belofte.text.labels.Enrichment` (usually the input with some
fields replaced via ``dataclasses.replace``). Packages publish labellers as
entry points in the ``belofte.labellers`` group::

    [project.entry-points."belofte.labellers"]
    my-bert = "my_package.labeller:MyBertLabeller"

and a workspace switches them on by name (setting ``BELOFTE_TEXT_LABELLERS``).
They run after the built-in steps, in the order named, and their names and
versions become part of the enrichment's model version, so a changed plug-in
re-enriches texts like a new model does. Labellers must work offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from belofte.errors import InvalidInput
from belofte.text.labels import Enrichment

__all__ = ["ENTRY_POINT_GROUP", "Labeller", "available_labellers", "load_labellers"]

ENTRY_POINT_GROUP = "belofte.labellers"


@runtime_checkable
class Labeller(Protocol):
    """A step after the built-in ones that may change any label."""

    name: str
    version: str

    def label(self, text: str, enrichment: Enrichment) -> Enrichment:
        """The enrichment of ``text``, changed where this labeller knows better."""
        ...


def available_labellers() -> list[str]:
    """Names of the labellers installed as entry points."""
    return sorted(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))


def load_labellers(names: Sequence[str]) -> list[Labeller]:
    """Instantiate the named labellers, in order; unknown names are an error."""
    installed = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    labellers: list[Labeller] = []
    for name in names:
        point = installed.get(name)
        if point is None:
            known = ", ".join(sorted(installed)) or "none installed"
            raise InvalidInput(f"text labeller {name!r} is not installed ({known})")
        factory = point.load()
        labeller = factory()
        if not isinstance(labeller, Labeller):
            raise InvalidInput(
                f"text labeller {name!r} lacks name, version or label(text, enrichment)"
            )
        labellers.append(labeller)
    return labellers
