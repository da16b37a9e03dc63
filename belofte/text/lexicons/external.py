"""Published sentiment lexicons, read by the learned models as extra features.

Knowledge from outside a workspace's own labels: a word the workspace never
labelled ("scrumptious", "smakeloos") still says something when a published
lexicon scores it. Shipped as plain TSV files beside this module, made by
``benchmarks/text_lexicons.py`` from the packages that publish them, with each
file's licence and attribution in its header:

* ``vader_en.tsv``: VADER (Hutto & Gilbert 2014), MIT licence, ~7,500 English
  words, slang and emoticons (source ``v``);
* ``pattern_en.tsv``, ``pattern_nl.tsv``: Pattern's adjective lexicons (De
  Smedt & Daelemans 2012), English (BSD) and Dutch (PDDL), polarity and
  subjectivity (source ``p``).

Nothing is downloaded: the files ship in the belofte wheel.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Final, NamedTuple

__all__ = ["Entry", "Source", "sources"]

_FILES: Final = {
    "en": (("v", "vader_en.tsv"), ("p", "pattern_en.tsv")),
    "nl": (("p", "pattern_nl.tsv"),),
}


class Entry(NamedTuple):
    """A word's polarity (-1..1) and subjectivity (0..1; 0.5 when unknown)."""

    polarity: float
    subjectivity: float


class Source(NamedTuple):
    """One lexicon: its short name and its words."""

    name: str
    words: dict[str, Entry]


@cache
def sources(language: str) -> tuple[Source, ...]:
    """The external lexicons of ``language`` (none for other languages)."""
    out = []
    for name, filename in _FILES.get(language, ()):
        text = (resources.files("belofte.text.lexicons") / filename).read_text(
            encoding="utf-8"
        )
        words: dict[str, Entry] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            subjectivity = float(parts[2]) if len(parts) > 2 else 0.5
            words[parts[0]] = Entry(float(parts[1]), subjectivity)
        out.append(Source(name, words))
    return tuple(out)
