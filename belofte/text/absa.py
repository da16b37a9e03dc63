"""Read aspect-based sentiment data: SemEval-2014 and SemEval-2016 ABSA XML.

Both formats become the same :class:`AbsaSentence` values, so evaluation and
learning see one shape:

* SemEval-2016 (``Reviews/Review/sentences/sentence/Opinions/Opinion``): each
  opinion has a category (``FOOD#QUALITY``), a polarity and an opinion target
  with character offsets (``target="NULL"`` when implicit).
* SemEval-2014 (``sentences/sentence/aspectTerms/aspectTerm`` and
  ``aspectCategories``): aspect terms with offsets and polarity, and sentence
  categories with their own polarity. Its sentences carry no review id, so each
  sentence is its own group.

The XML is parsed with the standard library; entity expansion is refused
(a hostile file may not blow up memory), and malformed files raise
``InvalidInput`` with the parser's line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from belofte.errors import InvalidInput

__all__ = ["AbsaOpinion", "AbsaSentence", "read_absa"]

_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class AbsaOpinion:
    """One gold aspect: a category and/or a target span, with its polarity."""

    category: str | None
    polarity: str
    target: str | None = None
    start: int = 0
    end: int = 0  # start == end: implicit target (SemEval's NULL)


@dataclass(frozen=True, slots=True)
class AbsaSentence:
    """A sentence with its gold opinions; ``group`` is the review it came from."""

    id: str
    group: str
    text: str
    opinions: tuple[AbsaOpinion, ...]  # SemEval-2016 opinions or 2014 categories
    terms: tuple[AbsaOpinion, ...] = ()  # SemEval-2014 aspect terms

    @property
    def categories(self) -> frozenset[str]:
        """The distinct categories annotated on this sentence."""
        return frozenset(o.category for o in self.opinions if o.category)


def read_absa(path: Path) -> list[AbsaSentence]:
    """Every sentence of a SemEval-2014 or SemEval-2016 ABSA file, in order."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read ({exc.strerror})") from None
    if size > _MAX_BYTES:
        raise InvalidInput(f"{path}: larger than {_MAX_BYTES // 2**20} MiB")
    data = path.read_bytes()
    if b"<!ENTITY" in data:
        raise InvalidInput(f"{path}: XML entity declarations are not accepted")
    try:
        root = ET.fromstring(data)  # noqa: S314 - entities refused above
    except ET.ParseError as exc:
        line = exc.position[0]
        raise InvalidInput(f"{path}:{line}: not valid XML ({exc})") from None
    sentences = (
        _semeval2016(root) if root.find("./Review") is not None else _semeval2014(root)
    )
    if not sentences:
        raise InvalidInput(f"{path}: no SemEval ABSA <sentence> elements found")
    return sentences


def _semeval2016(root: ET.Element) -> list[AbsaSentence]:
    found = []
    for review in root.iter("Review"):
        group = review.get("rid", "")
        for sentence in review.iter("sentence"):
            opinions = tuple(
                _opinion(o, o.get("category")) for o in sentence.iter("Opinion")
            )
            found.append(_sentence(sentence, group, opinions, ()))
    return found


def _semeval2014(root: ET.Element) -> list[AbsaSentence]:
    found = []
    for sentence in root.iter("sentence"):
        terms = tuple(_opinion(t, None) for t in sentence.iter("aspectTerm"))
        categories = tuple(
            AbsaOpinion(c.get("category"), c.get("polarity", ""))
            for c in sentence.iter("aspectCategory")
        )
        found.append(_sentence(sentence, sentence.get("id", ""), categories, terms))
    return found


def _sentence(
    element: ET.Element,
    group: str,
    opinions: tuple[AbsaOpinion, ...],
    terms: tuple[AbsaOpinion, ...],
) -> AbsaSentence:
    text = element.findtext("text") or ""
    return AbsaSentence(element.get("id", ""), group, text, opinions, terms)


def _opinion(element: ET.Element, category: str | None) -> AbsaOpinion:
    target = element.get("target") or element.get("term")
    start, end = _offset(element.get("from")), _offset(element.get("to"))
    if target == "NULL":
        target, start, end = None, 0, 0
    return AbsaOpinion(category, element.get("polarity", ""), target, start, end)


def _offset(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0
