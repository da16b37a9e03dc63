"""Which kind of thing a word names, from WordNet: read by the category model.

A workspace's labels only teach the words its customers happened to use;
WordNet knows that "tiramisu" is food, "sommelier" a person at work,
"courier" a person and "refund" a possession, so a word no labelled text
contained can still point at a theme. ``wordnet_en.tsv`` (made by
``benchmarks/text_wordnet.py`` from WordNet 3.0, Princeton University, whose
licence is in the file's header) holds, per English word, its supersenses
(``noun.food``, ``noun.person``, ``verb.consumption``) and a few broader
classes from its hypernyms (``h.beverage``, ``h.worker``), weighted by how
common each sense is.

Nothing is downloaded: the file ships in the belofte wheel.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import Final

__all__ = ["Senses", "classes", "has_senses"]

Senses = tuple[tuple[str, float], ...]  # (class, weight), by class name

_FILES: Final = {"en": "wordnet_en.tsv"}


def has_senses(language: str) -> bool:
    """Whether a sense lexicon exists for ``language``."""
    return language in _FILES


@cache
def _table(language: str) -> dict[str, Senses]:
    name = _FILES.get(language)
    if name is None:
        return {}
    text = (resources.files("belofte.text.lexicons") / name).read_text(encoding="utf-8")
    table: dict[str, Senses] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition("\t")
        pairs = (item.rpartition(":") for item in rest.split())
        table[word] = tuple((label, float(value)) for label, _, value in pairs)
    return table


@lru_cache(maxsize=100_000)
def classes(language: str, word: str) -> Senses:
    """The classes of ``word`` (folded; two words joined by a space).

    A word missing as written is tried as an English plural ("dishes",
    "berries", "waiters"); irregular forms are in the file.
    """
    table = _table(language)
    found = table.get(word)
    if found is not None or language != "en" or len(word) < 4:
        return found or ()
    if word.endswith("s") and not word.endswith("ss"):
        for stem in (
            word[:-3] + "y" if word.endswith("ies") else "",
            word[:-2] if word.endswith("es") else "",
            word[:-1],
        ):
            if stem and stem in table:
                return table[stem]
    return ()
