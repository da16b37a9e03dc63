"""Which words name which aspect: a lexicon learned from annotated targets.

Where the training data says *which words* named an aspect (SemEval's opinion
targets: "ontbijtbuffet" is ``FOOD#QUALITY``; a workspace's theme phrases),
the category model learns from more than the sentence's label: a word that
was a target of a category, and is a target most times it is seen, is strong
evidence for that category wherever it appears again. Each row then gets one
dense value per category (``=t:FOOD#QUALITY``): the strongest of its words'
(stems, words and bigrams) ``share of texts where it was a target`` times
``share of those targets that were this category``.

The category model's training rows read a lexicon built without their own
group (out of fold, like the combiner's inputs), so the model learns how far
to trust the lexicon on words it has not seen named in the same review; the
model itself keeps the lexicon built from every example and reads every new
row through it (:meth:`TargetLexicon.read`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from belofte.text.features import Features, _stem_name

__all__ = ["PREFIX", "TargetLexicon", "TargetSpan"]

#: dense feature names: ``=t:`` and the category
PREFIX: Final = "=t:"
#: added to the texts a name appears in: a name seen once as a target in one
#: text is evidence, not certainty
_SMOOTHING: Final = 1.0
_FOLDS: Final = 5

TargetSpan = tuple[int, int, str]  # characters [start, end) naming a category


@dataclass(frozen=True, slots=True)
class TargetLexicon:
    """Feature name (``s:`` stem, ``w:`` word, ``b:`` bigram) -> categories."""

    table: dict[str, tuple[tuple[str, float], ...]]

    @classmethod
    def build(
        cls, rows: Sequence[Features], targets: Sequence[Sequence[TargetSpan]]
    ) -> TargetLexicon:
        """The lexicon of ``rows`` whose ``targets`` name categories."""
        texts: Counter[str] = Counter()
        named: dict[str, Counter[str]] = {}
        for row, spans in zip(rows, targets, strict=True):
            texts.update(row.counts.keys())
            for start, end, label in spans:
                for name in _names_in(row, start, end):
                    named.setdefault(name, Counter())[label] += 1
        table = {}
        for name, labels in named.items():
            total = sum(labels.values())
            targetness = total / (texts[name] + _SMOOTHING)
            table[name] = tuple(
                (label, round(targetness * count / total, 4))
                for label, count in sorted(labels.items())
            )
        return cls(table)

    @classmethod
    def out_of_fold(
        cls,
        rows: Sequence[Features],
        targets: Sequence[Sequence[TargetSpan]],
        groups: Sequence[str],
        folds: int = _FOLDS,
    ) -> tuple[list[Features], TargetLexicon]:
        """Training rows read by lexicons built without their group; the lexicon.

        Groups (reviews) are dealt largest first to the smallest of ``folds``
        folds, ties by name: the same folds on every machine.
        """
        members: dict[str, list[int]] = {}
        for i, group in enumerate(groups):
            members.setdefault(group, []).append(i)
        parts: list[list[int]] = [[] for _ in range(folds)]
        for group in sorted(members, key=lambda g: (-len(members[g]), g)):
            smallest = min(range(folds), key=lambda f: (len(parts[f]), f))
            parts[smallest].extend(members[group])
        out = list(rows)
        for part in parts:
            held = set(part)
            keep = [i for i in range(len(rows)) if i not in held]
            lexicon = cls.build([rows[i] for i in keep], [targets[i] for i in keep])
            for i in part:
                out[i] = lexicon.read(rows[i])
        return out, cls.build(rows, targets)

    def values(self, row: Features) -> dict[str, float]:
        """The row's strongest evidence for each category it has any for."""
        found: dict[str, float] = {}
        table = self.table
        for name in row.counts:
            entries = table.get(name)
            if entries is None:
                continue
            for label, value in entries:
                if value > found.get(label, 0.0):
                    found[label] = value
        return found

    def read(self, row: Features) -> Features:
        """``row`` with its ``=t:`` values.

        The new row shares the original's memo of encodings (``encoded``):
        only a model with this lexicon reads rows with its vocabulary, so the
        memo always holds what the lexicon made of the row.
        """
        found = self.values(row)
        if not found:
            return row
        dense = dict(row.dense)
        for label, value in found.items():
            dense[PREFIX + label] = value
        return replace(row, dense=dense, encoded=row.encoded)

    def as_json(self) -> dict[str, list[list[Any]]]:
        """The lexicon as JSON (stored in the model file)."""
        return {
            name: [[label, value] for label, value in entries]
            for name, entries in sorted(self.table.items())
        }

    @classmethod
    def from_json(cls, data: dict[str, list[list[Any]]]) -> TargetLexicon:
        """Read :meth:`as_json`."""
        return cls(
            {
                str(name): tuple((str(label), float(value)) for label, value in entries)
                for name, entries in data.items()
            }
        )


def _names_in(row: Features, start: int, end: int) -> set[str]:
    """The feature names of the words inside characters [start, end)."""
    inside = [w for w in row.words if w.span[1] > start and w.span[0] < end]
    names = {"w:" + w.marked for w in inside}
    if row.config.stems:
        stem = _stem_name(row.language)
        names.update(stem(w.bare) for w in inside if w.bare.isalpha())
    if row.config.bigrams:
        names.update(
            f"b:{a.marked} {b.marked}" for a, b in zip(inside, inside[1:], strict=False)
        )
    return names
