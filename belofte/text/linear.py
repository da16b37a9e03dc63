"""Linear text classifiers: fitted with scikit-learn, run with plain numpy.

A model reads a text's :class:`~belofte.text.features.Features` through a
vocabulary (feature -> column, inverse document frequencies) as TF-IDF rows
(sublinear term frequency, L2-normalised) with the few dense features (lexicon
sentiment) appended as they are, scaled once.

Two levels, both linear and small:

* **heads**: one-vs-rest linear SVMs (scikit-learn's liblinear), one row of
  weights per label. The main head reads every feature; single-label models
  add a head that reads the word features only (no character n-grams), a
  second view of the same text. Multi-label models learn auxiliary labels
  instead: "any label at all" and,
  for structured labels such as SemEval's ``FOOD#QUALITY``, each part
  (``FOOD``, ``QUALITY``), which share evidence across rare combinations.
* **combiner** (stacking): a logistic regression per class over the heads'
  scores and the dense features, with their pairwise products, fitted on
  scores the heads gave to texts they did not see (inner cross-validation). It
  learns how far to trust each view and the lexicon, and combinations a single
  linear layer cannot express ("no sentiment words and a question: neutral",
  "food and an opinion: FOOD#QUALITY"), and it turns scores into calibrated
  probabilities. Multi-label models also pick their decision threshold there.

Prediction is our own numpy arithmetic over a batch of texts
(:meth:`LinearModel.scores_many`): their columns gathered once, counted and
weighed together, one sparse product for all heads, instead of
scikit-learn's per-call validation; a text scores the same alone or in any
batch. The main head's strongest terms are the evidence.

Models are saved as ``.npz`` with the vocabulary as JSON inside: no pickle, so
loading a model file can never run code.
"""

from __future__ import annotations

import io
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from belofte.errors import InvalidInput
from belofte.text.features import Features, char_grams
from belofte.text.targets import TargetLexicon

__all__ = ["Combiner", "Encoded", "Head", "LinearModel", "Vocabulary"]

_FORMAT: Final = "belofte-linear-2"
ALL: Final = "all"
WORDS: Final = "words"  # every sparse feature except character n-grams
FOCUS: Final = "focus"  # an aspect's own features only: its focus words
_ANY: Final = "\x00any"  # auxiliary label: the text has some label
_PART: Final = "\x00part:"  # auxiliary label: one part of a structured label
_PART_SEPARATOR: Final = "#"
# The combiners' regularisation: competing classes read many inputs (every
# head's scores and the lexicon), so they are held back more than a
# multi-label class, which reads a handful.
_COMBINER_C: Final = 0.1
_COMBINER_C_MULTI_LABEL: Final = 1.0
# Without a combiner (too little data to stack) a label's probability is the
# sigmoid of its SVM score; SVM scores of true labels often stay just below 0.
_PLAIN_THRESHOLD: Final = 0.42

_GRAM_CACHE: Final = 200_000  # distinct words whose n-gram columns are kept
_UNKNOWN: Final = repeat(-1)  # dict.get's default for every feature name
_ZERO: Final = repeat(0.0)  # ... and for every dense value
_CHUNK: Final = 512  # rows encoded and scored together

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


# ------------------------------------------------------------------ vocabulary
@dataclass(frozen=True, slots=True)
class Encoded:
    """Rows as one vocabulary reads them: raw TF-IDF values in CSR layout.

    Row ``i`` has the sparse columns ``cols[indptr[i]:indptr[i + 1]]`` with
    their values (sublinear tf times idf, not yet normalised) and the dense
    values ``dense[i]``.
    """

    indptr: IntArray
    cols: IntArray
    vals: FloatArray
    dense: FloatArray

    def row(self, i: int) -> tuple[IntArray, FloatArray, FloatArray]:
        """Row ``i`` as (columns, raw values, dense values)."""
        low, high = int(self.indptr[i]), int(self.indptr[i + 1])
        return self.cols[low:high], self.vals[low:high], self.dense[i]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Feature names -> columns, with their inverse document frequencies.

    Sparse features take columns ``0 .. len(index)-1``, dense features the
    ``len(dense)`` columns after them (value times ``dense_scale``). The
    character n-grams of a word are looked up once per distinct word and
    remembered (``grams``): most words of a new text were seen before.
    """

    index: dict[str, int]
    idf: FloatArray
    dense: tuple[str, ...] = ()
    dense_scale: float = 0.5
    families: NDArray[np.int8] = field(
        default_factory=lambda: np.zeros(0, dtype=np.int8)
    )
    columns: tuple[str, ...] = ()  # the sparse names in column order
    grams: dict[tuple[int, int], dict[str, IntArray]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def fit(
        cls, rows: Sequence[Features], *, min_df: int = 1, dense_scale: float = 0.5
    ) -> Vocabulary:
        """Keep features seen in at least ``min_df`` training texts."""
        df: Counter[str] = Counter()
        dense: set[str] = set()
        for row in rows:
            df.update(row.counts)
            if row.chars:
                config = row.config
                low, high = config.char_min, config.char_max
                df.update(
                    {g for word in row.chars for g in char_grams(word, low, high)}
                )
            dense.update(row.dense)
        kept = sorted(name for name, count in df.items() if count >= min_df)
        n = len(rows)
        idf = np.log((1 + n) / (1 + np.array([df[name] for name in kept], dtype=float)))
        return cls.build(kept, idf + 1.0, tuple(sorted(dense)), dense_scale)

    @classmethod
    def build(
        cls,
        names: Sequence[str],
        idf: FloatArray,
        dense: tuple[str, ...],
        dense_scale: float,
    ) -> Vocabulary:
        """A vocabulary from its parts (as stored)."""
        families = np.array([_family(name) for name in names], dtype=np.int8)
        index = {name: i for i, name in enumerate(names)}
        idf = np.asarray(idf, dtype=np.float64)
        return cls(index, idf, dense, dense_scale, families, tuple(names))

    @property
    def size(self) -> int:
        """Columns in all: sparse and dense."""
        return len(self.index) + len(self.dense)

    def name(self, column: int) -> str:
        """The feature name of one column."""
        sparse = len(self.columns)
        return self.columns[column] if column < sparse else self.dense[column - sparse]

    def raw(self, row: Features) -> tuple[IntArray, FloatArray]:
        """Sparse columns and TF-IDF values (sublinear tf), not yet normalised.

        Columns in the order the row first names them: its words' character
        n-grams, then its other features.
        """
        cols, vals, _ = self.encode_many([row]).row(0)
        return cols, vals

    def dense_values(self, row: Features) -> FloatArray:
        """The dense features in column order (0 where the row lacks one)."""
        values = row.dense
        return np.array(
            [values.get(name, 0.0) for name in self.dense], dtype=np.float64
        )

    def _gram_columns(self, low: int, high: int) -> dict[str, IntArray]:
        """Word -> the columns of its character n-grams (known ones only)."""
        table = self.grams.get((low, high))
        if table is None or len(table) > _GRAM_CACHE:
            table = self.grams[(low, high)] = {}
        return table

    def encode_many(self, rows: Sequence[Features]) -> Encoded:
        """Many rows at once: raw TF-IDF (as :meth:`raw`) in CSR layout.

        Python only gathers each row's columns (a word's n-gram columns are
        looked up once per distinct word and remembered); counting, TF-IDF
        and the dense values are numpy over the whole batch. Each row keeps
        its columns in the order it first names them (its words' n-grams,
        then its other features), so a row reads the same alone or in a
        batch, and evidence breaks ties the same way.
        """
        get = self.index.get
        pieces: list[IntArray] = []  # n-gram columns, word by word
        char_sizes: list[int] = []
        names: list[int] = []  # other features' columns (-1: unknown)
        counts: list[float] = []
        name_sizes: list[int] = []
        for row in rows:
            chars = row.chars
            size = 0
            if chars:
                config = row.config
                low, high = config.char_min, config.char_max
                table = self._gram_columns(low, high)
                found = list(map(table.get, chars))
                try:
                    size = sum(map(len, found))  # type: ignore[arg-type]
                except TypeError:  # words not seen before: None
                    for i, columns in enumerate(found):
                        if columns is None:
                            word = chars[i]
                            table[word] = found[i] = np.array(
                                [
                                    c
                                    for c in map(get, char_grams(word, low, high))
                                    if c is not None
                                ],
                                dtype=np.int64,
                            )
                    size = sum(map(len, found))  # type: ignore[arg-type]
                pieces.extend(found)  # type: ignore[arg-type]
            char_sizes.append(size)
            row_counts = row.counts
            names.extend(map(get, row_counts, _UNKNOWN))
            counts.extend(row_counts.values())
            name_sizes.append(len(row_counts))
        n = len(rows)
        dense_names = self.dense
        dense = np.array(
            [list(map(row.dense.get, dense_names, _ZERO)) for row in rows],
            dtype=np.float64,
        ).reshape(n, len(dense_names))
        if n == 1:  # one text: counted in a dict, in the same order
            return self._tfidf_one(pieces, names, counts, dense)
        return self._tfidf(pieces, char_sizes, names, counts, name_sizes, dense)

    def _tfidf_one(
        self,
        pieces: list[IntArray],
        names: list[int],
        counts: list[float],
        dense: FloatArray,
    ) -> Encoded:
        found: dict[int, float] = {}
        if pieces:
            found.update(Counter(np.concatenate(pieces).tolist()))
        for column, count in zip(names, counts, strict=True):
            if column >= 0 and count > 0:
                found[column] = count
        size = len(found)
        cols = np.fromiter(found, dtype=np.int64, count=size)
        tf = np.fromiter(found.values(), dtype=np.float64, count=size)
        vals = (1.0 + np.log(tf)) * self.idf[cols]
        return Encoded(np.array([0, size], dtype=np.int64), cols, vals, dense)

    def _tfidf(
        self,
        pieces: list[IntArray],
        char_sizes: list[int],
        names: list[int],
        counts: list[float],
        name_sizes: list[int],
        dense: FloatArray,
    ) -> Encoded:
        """Count each row's columns (first occurrence kept) and weight them."""
        n = len(char_sizes)
        index = np.arange(n, dtype=np.int64)
        chars = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
        char_rows = np.repeat(index, char_sizes)
        name_cols = np.array(names, dtype=np.int64)
        name_counts = np.array(counts, dtype=np.float64)
        name_rows = np.repeat(index, name_sizes)
        known = (name_cols >= 0) & (name_counts > 0)
        name_cols, name_counts, name_rows = (
            name_cols[known],
            name_counts[known],
            name_rows[known],
        )
        # each row: its n-grams, then its other features (never n-grams)
        char_sizes_ = np.asarray(char_sizes, dtype=np.int64)
        name_sizes_ = np.bincount(name_rows, minlength=n)
        sizes = char_sizes_ + name_sizes_
        ends = np.cumsum(sizes)
        total = int(ends[-1]) if n else 0
        indptr = np.zeros(n + 1, dtype=np.int64)
        if not total:
            return Encoded(indptr, np.zeros(0, dtype=np.int64), np.zeros(0), dense)
        starts = ends - sizes
        char_at = np.arange(len(chars), dtype=np.int64) + np.repeat(
            starts - (np.cumsum(char_sizes_) - char_sizes_), char_sizes_
        )
        name_at = np.arange(len(name_cols), dtype=np.int64) + np.repeat(
            starts + char_sizes_ - (np.cumsum(name_sizes_) - name_sizes_), name_sizes_
        )
        cols = np.empty(total, dtype=np.int64)
        weights = np.ones(total)
        owner = np.empty(total, dtype=np.int64)
        cols[char_at], owner[char_at] = chars, char_rows
        cols[name_at], owner[name_at], weights[name_at] = (
            name_cols,
            name_rows,
            name_counts,
        )
        # one sort groups equal (row, column) pairs, each by its first occurrence
        shift = max(1, int(total - 1).bit_length())
        keys = ((owner * len(self.index) + cols) << shift) | np.arange(total)
        keys.sort()
        positions = keys & ((1 << shift) - 1)
        pairs = keys >> shift
        first = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
        firsts = positions[first]
        tf = np.zeros(total)
        tf[firsts] = np.add.reduceat(weights[positions], first)
        kept = np.zeros(total, dtype=bool)
        kept[firsts] = True
        order = np.flatnonzero(kept)  # first occurrences, row by row
        cols = cols[order]
        vals = (1.0 + np.log(tf[order])) * self.idf[cols]
        np.cumsum(np.bincount(owner[order], minlength=n), out=indptr[1:])
        return Encoded(indptr, cols, vals, dense)

    def vector(self, row: Features, view: str = ALL) -> tuple[IntArray, FloatArray]:
        """Column indices and values of one row as a head of ``view`` reads it."""
        cols, vals = self.raw(row)
        return self.view(cols, vals, self.dense_values(row), view)

    def view(
        self, cols: IntArray, vals: FloatArray, dense: FloatArray, view: str
    ) -> tuple[IntArray, FloatArray]:
        """Normalise raw sparse values for ``view`` and append the dense ones."""
        if view != ALL and len(cols):
            keep = _VIEWS[view][self.families[cols]]
            cols, vals = cols[keep], vals[keep]
        norm = math.sqrt(float(vals @ vals))
        if norm > 0:
            vals = vals / norm
        if not len(self.dense):
            return cols, vals
        first = len(self.index)
        dense_cols = np.arange(first, first + len(self.dense), dtype=np.int64)
        return (
            np.concatenate([cols, dense_cols]),
            np.concatenate([vals, dense * self.dense_scale]),
        )

    def matrix(self, rows: Sequence[Features], view: str = ALL) -> Any:
        """A CSR matrix of many rows, for fitting."""
        raw, dense = self.raw_matrix(rows)
        return self.view_matrix(raw, dense, view)

    def raw_matrix(self, rows: Sequence[Features]) -> tuple[Any, FloatArray]:
        """Unnormalised sparse TF-IDF rows (CSR) and the dense values."""
        from scipy.sparse import csr_matrix

        parts = [
            self.encode_many(rows[i : i + _CHUNK]) for i in range(0, len(rows), _CHUNK)
        ]
        indptr = [np.zeros(1, dtype=np.int64)]
        for part in parts:
            indptr.append(part.indptr[1:] + indptr[-1][-1])
        raw = csr_matrix(
            (
                np.concatenate([p.vals for p in parts]) if parts else np.zeros(0),
                np.concatenate([p.cols for p in parts])
                if parts
                else np.zeros(0, dtype=np.int64),
                np.concatenate(indptr),
            ),
            shape=(len(rows), len(self.index)),
        )
        dense = (
            np.vstack([p.dense for p in parts])
            if parts
            else np.zeros((0, len(self.dense)))
        )
        return raw, dense

    def view_matrix(
        self,
        raw: Any,
        dense: FloatArray,
        view: str,
        known: NDArray[np.bool_] | None = None,
    ) -> Any:
        """Rows of :meth:`raw_matrix` as a head of ``view`` reads them.

        ``known``: the columns a model fitted on part of the rows has seen;
        the others are dropped before normalising, as prediction would.
        """
        from scipy.sparse import csr_matrix, diags, hstack

        keep = np.ones(len(self.index), dtype=bool) if known is None else known.copy()
        if view != ALL:
            keep &= _VIEWS[view][self.families]
        x = raw @ diags(keep.astype(np.float64)) if not keep.all() else raw.copy()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        x = diags(1.0 / norms) @ x
        if dense.shape[1]:
            x = hstack([x, csr_matrix(dense * self.dense_scale)])
        return csr_matrix(x)


_FAMILIES: Final = {"c": 1, "f": 2, "a": 2, "k": 2}  # others: 0, the text's words
# view -> which families (by code) it reads
_VIEWS: Final = {
    ALL: np.array([True, True, True]),
    WORDS: np.array([True, False, True]),
    FOCUS: np.array([False, False, True]),
}


def _family(name: str) -> int:
    return _FAMILIES.get(name.partition(":")[0], 0)


# ------------------------------------------------------------------ model parts
@dataclass(frozen=True, slots=True)
class Head:
    """One row of weights per label over a view of the vocabulary."""

    view: str
    labels: tuple[str, ...]
    weights: FloatArray  # (labels, columns)
    bias: FloatArray  # (labels,)

    def scores(self, cols: IntArray, vals: FloatArray) -> FloatArray:
        """Decision values of every label for one encoded row."""
        return np.asarray(self.weights[:, cols] @ vals + self.bias)


@dataclass(frozen=True, slots=True)
class Combiner:
    """Per class: logistic regression over selected inputs and their products.

    The inputs ``z`` are the heads' scores, one after the other, then the
    dense features. Class ``k`` reads ``z[select[k]]`` and its pairwise
    products.
    """

    select: IntArray  # (classes, inputs)
    weights: FloatArray  # (classes, expanded inputs)
    bias: FloatArray  # (classes,)

    def logits(self, z: FloatArray) -> FloatArray:
        """The class logits for one vector of inputs."""
        return np.asarray(self.logits_many(z[None, :])[0])

    def logits_many(self, z: FloatArray) -> FloatArray:
        """The class logits for many vectors of inputs (rows, inputs)."""
        terms = _expand(z[:, self.select]) * self.weights  # (rows, classes, k)
        # summed row by row: the same sums in a batch of any size
        total = np.empty(terms.shape[:2])
        for i, row in enumerate(terms):
            total[i] = row.sum(axis=1)
        return np.asarray(total + self.bias)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, overlapping ones joined ("was niet" + "niet goed")."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _expand(u: FloatArray) -> FloatArray:
    """Inputs (last axis) with their pairwise products (squares included)."""
    first, second = _pairs(u.shape[-1])
    return np.concatenate([u, u[..., first] * u[..., second]], axis=-1)


@cache
def _pairs(n: int) -> tuple[IntArray, IntArray]:
    first, second = np.triu_indices(n)
    return first.astype(np.int64), second.astype(np.int64)


# ------------------------------------------------------------------ the model
@dataclass(frozen=True, slots=True)
class LinearModel:
    """Heads and an optional combiner over one vocabulary.

    ``multi_label``: each class is its own yes/no decision with its own
    threshold (aspect categories); otherwise the classes compete (softmax).
    The main head's first ``len(classes)`` labels are the classes.
    """

    classes: tuple[str, ...]
    vocabulary: Vocabulary
    heads: tuple[Head, ...]
    combiner: Combiner | None = None
    multi_label: bool = False
    thresholds: FloatArray | None = None
    meta: dict[str, Any] | None = None
    #: multi-label: which words name which class, read into every row the
    #: model scores as dense ``=t:`` values (see :mod:`targets`)
    targets: TargetLexicon | None = None
    # every head's weights side by side, one row per column: one gather of
    # the text's columns serves all heads (built from ``heads``)
    _stacked: FloatArray = field(init=False, repr=False, compare=False)
    _dense_part: FloatArray = field(init=False, repr=False, compare=False)
    _stacked_bias: FloatArray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        heads = self.heads if self.combiner is not None else self.heads[:1]
        sparse = len(self.vocabulary.index)
        weights = np.vstack([h.weights for h in heads])
        object.__setattr__(
            self, "_stacked", np.ascontiguousarray(weights[:, :sparse].T)
        )
        object.__setattr__(
            self,
            "_dense_part",
            np.ascontiguousarray(weights[:, sparse:].T) * self.vocabulary.dense_scale,
        )
        object.__setattr__(
            self, "_stacked_bias", np.concatenate([h.bias for h in heads])
        )

    @property
    def weights(self) -> FloatArray:
        """The main head's weights of the classes (classes, columns)."""
        return self.heads[0].weights[: len(self.classes)]

    @property
    def bias(self) -> FloatArray:
        """The main head's bias of the classes."""
        return self.heads[0].bias[: len(self.classes)]

    # ---------------------------------------------------------------- fitting
    @classmethod
    def fit(
        cls,
        rows: Sequence[Features],
        labels: Sequence[str],
        *,
        c: float = 0.3,
        min_df: int = 1,
        sample_weight: Sequence[float] | None = None,
        groups: Sequence[str] | None = None,
        stack: bool = True,
        views: Sequence[str] = (ALL, WORDS),
        inner_folds: int = 5,
        dense_scale: float = 0.5,
    ) -> LinearModel:
        """Fit a single-label classifier (the classes compete).

        ``groups``: rows that must stay together in the inner
        cross-validation of the combiner (the same text, the same review).
        """
        classes = tuple(sorted(set(labels)))
        if len(classes) < 2:
            raise InvalidInput(
                f"need examples of at least two labels to learn, got {list(classes)}"
            )
        y = np.array([[label == k for k in classes] for label in labels], dtype=bool)
        fitter = _Fitter(rows, y, c, min_df, sample_weight, views, dense_scale)
        heads = fitter.heads(classes)
        combiner = None
        if stack and _can_stack(y, groups, inner_folds):
            z = fitter.out_of_fold(
                groups or [str(i) for i in range(len(rows))], inner_folds
            )
            select = np.tile(np.arange(z.shape[1]), (len(classes), 1))
            combiner = _fit_combiner(z, y, select, sample_weight, multi_label=False)
        return cls(classes, fitter.vocabulary, heads, combiner)

    @classmethod
    def fit_multi_label(
        cls,
        rows: Sequence[Features],
        label_sets: Sequence[frozenset[str]],
        *,
        c: float = 1.0,
        min_df: int = 1,
        threshold: float | None = None,
        sample_weight: Sequence[float] | None = None,
        groups: Sequence[str] | None = None,
        stack: bool = True,
        views: Sequence[str] = (ALL,),
        inner_folds: int = 5,
        dense_scale: float = 0.5,
        targets: TargetLexicon | None = None,
    ) -> LinearModel:
        """Fit one yes/no decision per label (one-vs-rest), stacked.

        ``threshold``: the probability a label needs; ``None`` chooses the one
        that maximises micro-F1 on the combiner's inner cross-validation.
        ``targets``: a lexicon the model reads new rows through; ``rows``
        already carry its values (built without their own group).
        """
        classes = tuple(sorted(set().union(*label_sets))) if label_sets else ()
        if not classes:
            raise InvalidInput("no labelled aspects to learn from")
        aux = _auxiliary_labels(classes)
        names = classes + tuple(aux)
        y = np.array(
            [
                [k in labels for k in classes]
                + [any(k in labels for k in members) for members in aux.values()]
                for labels in label_sets
            ],
            dtype=bool,
        )
        fitter = _Fitter(rows, y, c, min_df, sample_weight, views, dense_scale)
        heads = fitter.heads(names)
        combiner = None
        chosen = 0.5 if threshold is None else threshold
        if stack and _can_stack(y[:, : len(classes)], groups, inner_folds):
            z = fitter.out_of_fold(
                groups or [str(i) for i in range(len(rows))], inner_folds
            )
            select = _multi_label_inputs(classes, names, len(heads))
            combiner = _fit_combiner(z, y, select, sample_weight, multi_label=True)
            if threshold is None:
                chosen = _best_threshold(combiner, z, y[:, : len(classes)])
        elif threshold is None:
            chosen = _PLAIN_THRESHOLD
        thresholds = np.full(len(classes), chosen)
        return cls(
            classes,
            fitter.vocabulary,
            heads,
            combiner,
            True,
            thresholds,
            targets=targets,
        )

    # ------------------------------------------------------------- predicting
    def _encode(self, row: Features) -> tuple[IntArray, FloatArray, FloatArray]:
        vocabulary = self.vocabulary
        memo = row.encoded.get(id(vocabulary))
        if memo is None or memo[0] is not vocabulary:
            batch = vocabulary.encode_many(self._read([row]))
            memo = (vocabulary, batch, 0)
            row.encoded[id(vocabulary)] = memo
        encoded: Encoded = memo[1]
        return encoded.row(memo[2])

    def _encode_many(self, rows: Sequence[Features]) -> Encoded:
        """The rows encoded once; each remembers its part for :meth:`evidence`."""
        vocabulary = self.vocabulary
        batch = vocabulary.encode_many(self._read(rows))
        key = id(vocabulary)
        for i, row in enumerate(rows):
            row.encoded[key] = (vocabulary, batch, i)
        return batch

    def _read(self, rows: Sequence[Features]) -> Sequence[Features]:
        """The rows as the model reads them: with its target lexicon's values."""
        targets = self.targets
        return rows if targets is None else [targets.read(row) for row in rows]

    def logits_many(self, rows: Sequence[Features]) -> FloatArray:
        """The raw class logits of many rows (rows, classes): one pass each.

        Every row gets exactly what it would get alone (:meth:`logits`): the
        arithmetic runs row by row in the same order, only without Python in
        between.
        """
        width = len(self.classes)
        if not rows:
            return np.zeros((0, width))
        parts = [
            self._logits(self._encode_many(rows[i : i + _CHUNK]))
            for i in range(0, len(rows), _CHUNK)
        ]
        return parts[0] if len(parts) == 1 else np.vstack(parts)

    def _logits(self, batch: Encoded) -> FloatArray:
        from scipy.sparse import csr_matrix

        vocabulary = self.vocabulary
        n = len(batch.indptr) - 1
        # each head normalises the sparse values of its own view; the stacked
        # weights of a view's missing families are zero, so one product of
        # the raw values serves every head, divided by its view's norm. Both
        # ways add a row's products one after the other, in the row's order.
        if n == 1:  # one text: numpy without scipy's set-up
            outputs = np.zeros((1, self._stacked.shape[1]))
            if len(batch.cols):
                products = batch.vals[:, None] * self._stacked[batch.cols]
                outputs[0] = np.add.reduce(products, axis=0)
        else:
            x = csr_matrix(
                (batch.vals, batch.cols, batch.indptr),
                shape=(n, len(vocabulary.index)),
            )
            outputs = np.asarray(x @ self._stacked, dtype=np.float64)
        squares = batch.vals * batch.vals
        owner = np.repeat(np.arange(n), np.diff(batch.indptr))
        families = vocabulary.families[batch.cols]
        start = 0
        for head in self.heads if self.combiner is not None else self.heads[:1]:
            end = start + len(head.labels)
            kept = (
                squares if head.view == ALL else squares * _VIEWS[head.view][families]
            )
            norms = np.sqrt(np.bincount(owner, weights=kept, minlength=n))
            norms[norms == 0] = 1.0
            outputs[:, start:end] /= norms[:, None]
            start = end
        dense = batch.dense
        extra = np.broadcast_to(self._stacked_bias, outputs.shape).copy()
        for d in range(dense.shape[1]):  # element by element: the same in any batch
            extra += dense[:, d : d + 1] * self._dense_part[d]
        outputs += extra
        if self.combiner is None:
            return np.ascontiguousarray(outputs[:, : len(self.classes)])
        return self.combiner.logits_many(np.concatenate([outputs, dense], axis=1))

    def logits(self, row: Features) -> FloatArray:
        """The raw class logits (before softmax or sigmoid)."""
        return np.asarray(self.logits_many([row])[0])

    def scores_many(self, rows: Sequence[Features]) -> FloatArray:
        """Probabilities per class of many rows (rows, classes)."""
        z = self.logits_many(rows)
        if self.multi_label:
            return np.asarray(1.0 / (1.0 + np.exp(-z)))
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def scores(self, row: Features) -> FloatArray:
        """Probabilities per class (softmax, or per-label sigmoids)."""
        return np.asarray(self.scores_many([row])[0])

    def predict(self, row: Features) -> str:
        """The most likely class."""
        return self.classes[int(np.argmax(self.logits(row)))]

    def predict_many(self, rows: Sequence[Features]) -> list[str]:
        """The most likely class of each row."""
        classes = self.classes
        return [classes[k] for k in np.argmax(self.logits_many(rows), axis=1).tolist()]

    def labels_of(self, probabilities: FloatArray) -> list[tuple[str, float]]:
        """Multi-label: every label over its threshold in one row of scores."""
        thresholds = self.thresholds if self.thresholds is not None else 0.5
        classes = self.classes
        return [
            (classes[k], float(probabilities[k]))
            for k in np.flatnonzero(probabilities >= thresholds).tolist()
        ]

    def predict_labels(self, row: Features) -> list[tuple[str, float]]:
        """Multi-label: every label over its threshold, with its probability."""
        return self.labels_of(self.scores(row))

    def evidence(
        self, row: Features, label: str, *, top: int = 3
    ) -> list[tuple[int, int]]:
        """Spans of the features that pushed hardest towards ``label``."""
        return self.evidence_many([row], [label], top=top)[0]

    def evidence_many(
        self, rows: Sequence[Features], labels: Sequence[str], *, top: int = 3
    ) -> list[list[tuple[int, int]]]:
        """:meth:`evidence` of each row for its label, the arithmetic batched.

        Each feature's push towards the label is its value (as the main head
        reads it) times its weight for the label, less its mean weight over
        the classes when they compete; the strongest positive pushes, ties in
        the row's own order, are turned into spans one row at a time.
        """
        if not rows:
            return []
        head = self.heads[0]
        vocabulary = self.vocabulary
        if len(rows) == 1:  # the same arithmetic without the batch's set-up
            return [self._evidence_one(rows[0], labels[0], top)]
        m = len(rows)
        cols, vals, lengths, dense = self._encoded_rows(rows)
        owner = np.repeat(np.arange(m, dtype=np.int64), lengths)
        if head.view != ALL and len(cols):
            keep = _VIEWS[head.view][vocabulary.families[cols]]
            cols, vals, owner = cols[keep], vals[keep], owner[keep]
            lengths = np.bincount(owner, minlength=m)
        # each row normalised as :meth:`Vocabulary.view` does it, then its dense
        # values after its sparse ones, laid out row after row in each row's
        # own order (a stable sort then breaks ties in that order)
        ends = np.cumsum(lengths)
        norms = np.array(
            [math.sqrt(float(part @ part)) for part in np.split(vals, ends[:-1])]
        )
        norms[norms == 0] = 1.0
        vals = vals / norms[owner]
        width = len(vocabulary.dense)
        if width:
            first = len(vocabulary.index)
            size = len(cols) + m * width
            sparse_at = np.arange(len(cols), dtype=np.int64) + owner * width
            dense_at = np.repeat(ends + np.arange(m) * width, width) + np.tile(
                np.arange(width), m
            )
            laid_cols = np.empty(size, dtype=np.int64)
            laid_cols[sparse_at] = cols
            laid_cols[dense_at] = np.tile(np.arange(first, first + width), m)
            laid_vals = np.empty(size, dtype=np.float64)
            laid_vals[sparse_at] = vals
            laid_vals[dense_at] = (dense * vocabulary.dense_scale).ravel()
            cols, vals = laid_cols, laid_vals
            owner = np.repeat(np.arange(m, dtype=np.int64), lengths + width)
        classes = self.classes
        ks = np.array([classes.index(label) for label in labels], dtype=np.int64)
        weights = head.weights
        push = weights[ks[owner], cols] * vals
        if not self.multi_label:
            every = weights[: len(classes), cols] * vals
            push = push - every.sum(axis=0) / len(classes)
        positive = np.flatnonzero(push > 0)
        # by row, strongest first, ties in the row's order: two stable sorts
        # (the rows' numbers as int16 sort by radix; lexsort took longer)
        order = positive[np.argsort(-push[positive], kind="stable")]
        rows_of = owner[order].astype(np.int16 if m < 1 << 15 else np.int64)
        order = order[np.argsort(rows_of, kind="stable")]
        # only the strongest ``limit`` of each row are looked at
        limit = max(30, top * 10)
        counts = np.bincount(owner[order], minlength=m)
        rank = np.arange(len(order)) - np.repeat(np.cumsum(counts) - counts, counts)
        order = order[rank < limit]
        columns_all = cols[order].tolist()
        push_all = push[order].tolist()
        out = []
        start = 0
        for row, count in zip(rows, np.minimum(counts, limit).tolist(), strict=True):
            end = start + count
            out.append(
                self._spans(row, columns_all[start:end], push_all[start:end], top)
            )
            start = end
        return out

    def _encoded_rows(
        self, rows: Sequence[Features]
    ) -> tuple[IntArray, FloatArray, IntArray, FloatArray]:
        """Sparse columns, raw values, lengths and dense values of the rows.

        As scoring encoded them, the rows' sparse parts one after the other.
        Rows scored together are read out of their batch at once; others are
        gathered row by row (encoded first where scoring did not).
        """
        memos = [row.encoded.get(id(self.vocabulary)) for row in rows]
        first = memos[0]
        if first is not None and first[0] is self.vocabulary:
            batch: Encoded = first[1]
            if all(memo is not None and memo[1] is batch for memo in memos):
                at = np.array(
                    [memo[2] for memo in memos if memo is not None], dtype=np.int64
                )
                starts = batch.indptr[at]
                lengths = batch.indptr[at + 1] - starts
                ends = np.cumsum(lengths)
                where = np.arange(int(ends[-1]), dtype=np.int64) + np.repeat(
                    starts - (ends - lengths), lengths
                )
                return batch.cols[where], batch.vals[where], lengths, batch.dense[at]
        encoded = [self._encode(row) for row in rows]
        return (
            np.concatenate([e[0] for e in encoded]),
            np.concatenate([e[1] for e in encoded]),
            np.array([len(e[0]) for e in encoded], dtype=np.int64),
            np.array([e[2] for e in encoded]).reshape(
                len(rows), len(self.vocabulary.dense)
            ),
        )

    def _evidence_one(
        self, row: Features, label: str, top: int
    ) -> list[tuple[int, int]]:
        k = self.classes.index(label)
        head = self.heads[0]
        cols, vals = self.vocabulary.view(*self._encode(row), head.view)
        if not len(cols):
            return []
        push = head.weights[k, cols] * vals
        if not self.multi_label:
            every = head.weights[: len(self.classes), cols] * vals
            push = push - every.sum(axis=0) / len(self.classes)
        positive = np.flatnonzero(push > 0)
        order = positive[np.argsort(-push[positive], kind="stable")]
        order = order[: max(30, top * 10)]
        return self._spans(row, cols[order].tolist(), push[order].tolist(), top)

    def _spans(
        self, row: Features, columns: list[int], pushes: list[float], top: int
    ) -> list[tuple[int, int]]:
        """The spans of the strongest features, at most ``top`` places."""
        names = self.vocabulary.columns
        sparse = len(names)
        dense = self.vocabulary.dense
        spans: list[tuple[int, int]] = []
        merged: list[tuple[int, int]] = []
        seen: set[tuple[int, int]] = set()
        for column, strength in zip(columns, pushes, strict=True):
            if strength <= 0:  # pragma: no cover - only positive pushes are read
                break
            name = names[column] if column < sparse else dense[column - sparse]
            found = [s for s in row.spans_of(name) if s not in seen]
            if not found:  # the same places again (a word's stem, its n-grams)
                continue
            joined = _merge_spans(spans + found)
            if len(joined) > top:
                continue  # a new place would be one too many: look further
            spans += found
            seen.update(found)
            merged = joined
            if len(merged) >= top:
                break
        return merged

    # ------------------------------------------------------------- persisting
    def to_bytes(self) -> bytes:
        """The model as one ``.npz`` file (no pickle)."""
        vocabulary = self.vocabulary
        header = {
            "format": _FORMAT,
            "classes": list(self.classes),
            "multi_label": self.multi_label,
            "vocabulary": list(vocabulary.columns),
            "dense": list(vocabulary.dense),
            "dense_scale": vocabulary.dense_scale,
            "heads": [{"view": h.view, "labels": list(h.labels)} for h in self.heads],
            "meta": self.meta or {},
            "targets": None if self.targets is None else self.targets.as_json(),
        }
        arrays: dict[str, NDArray[Any]] = {
            "header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
            "idf": vocabulary.idf,
        }
        for i, head in enumerate(self.heads):
            arrays[f"head{i}_weights"] = head.weights.astype(np.float32)
            arrays[f"head{i}_bias"] = head.bias
        if self.combiner is not None:
            combiner = self.combiner
            arrays["combiner_select"] = combiner.select
            arrays["combiner_weights"] = combiner.weights
            arrays["combiner_bias"] = combiner.bias
        if self.thresholds is not None:
            arrays["thresholds"] = self.thresholds
        buffer = io.BytesIO()
        np.savez_compressed(buffer, allow_pickle=False, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearModel:
        """Read a model written by :meth:`to_bytes`."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                header = json.loads(npz["header"].tobytes().decode())
                if header.get("format") != _FORMAT:
                    raise InvalidInput("not a belofte text model (unknown format)")
                vocabulary = Vocabulary.build(
                    header["vocabulary"],
                    np.asarray(npz["idf"], dtype=np.float64),
                    tuple(header["dense"]),
                    float(header["dense_scale"]),
                )
                heads = tuple(
                    Head(
                        str(spec["view"]),
                        tuple(spec["labels"]),
                        np.asarray(npz[f"head{i}_weights"], dtype=np.float64),
                        np.asarray(npz[f"head{i}_bias"], dtype=np.float64),
                    )
                    for i, spec in enumerate(header["heads"])
                )
                combiner = None
                if "combiner_select" in npz:
                    combiner = Combiner(
                        np.asarray(npz["combiner_select"], dtype=np.int64),
                        np.asarray(npz["combiner_weights"], dtype=np.float64),
                        np.asarray(npz["combiner_bias"], dtype=np.float64),
                    )
                thresholds = (
                    np.asarray(npz["thresholds"], dtype=np.float64)
                    if "thresholds" in npz
                    else None
                )
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
            raise InvalidInput(f"not a belofte text model ({exc})") from None
        return cls(
            tuple(header["classes"]),
            vocabulary,
            heads,
            combiner,
            bool(header["multi_label"]),
            thresholds,
            header.get("meta") or None,
            TargetLexicon.from_json(header["targets"])
            if header.get("targets")
            else None,
        )


# ------------------------------------------------------------------ fitting
class _Fitter:
    """The heads of one model: vocabulary, matrices, one-vs-rest SVMs."""

    def __init__(
        self,
        rows: Sequence[Features],
        y: NDArray[np.bool_],
        c: float,
        min_df: int,
        sample_weight: Sequence[float] | None,
        views: Sequence[str],
        dense_scale: float,
    ) -> None:
        self.vocabulary = Vocabulary.fit(rows, min_df=min_df, dense_scale=dense_scale)
        self.raw, self.dense = self.vocabulary.raw_matrix(rows)
        self.y = y
        self.c = c
        self.weight = (
            None if sample_weight is None else np.asarray(sample_weight, float)
        )
        self.views = tuple(views)

    def heads(self, labels: Sequence[str]) -> tuple[Head, ...]:
        heads = []
        for view in self.views:
            x = self.vocabulary.view_matrix(self.raw, self.dense, view)
            weights, bias = _one_vs_rest(x, self.y, self.c, self.weight)
            heads.append(Head(view, tuple(labels), weights, bias))
        return tuple(heads)

    def out_of_fold(self, groups: Sequence[str], k: int) -> FloatArray:
        """The combiner's training inputs: every head's scores of each row.

        Scores come from heads fitted without the row's group (inner
        cross-validation), followed by the row's dense values.
        """
        n, labels = self.y.shape
        z = np.zeros((n, labels * len(self.views)))
        for held in _group_folds(groups, k):
            train = np.setdiff1d(np.arange(n), held)
            known = np.asarray((self.raw[train] != 0).sum(axis=0)).ravel() > 0
            for v, view in enumerate(self.views):
                x = self.vocabulary.view_matrix(self.raw, self.dense, view, known)
                weight = None if self.weight is None else self.weight[train]
                weights, bias = _one_vs_rest(x[train], self.y[train], self.c, weight)
                z[held, v * labels : (v + 1) * labels] = x[held] @ weights.T + bias
        return np.hstack([z, self.dense])


def _one_vs_rest(
    x: Any, y: NDArray[np.bool_], c: float, weight: FloatArray | None
) -> tuple[FloatArray, FloatArray]:
    """One binary linear SVM per column of ``y``.

    Weights are rounded to float32, what the model file keeps, so a saved and
    loaded model scores exactly like the fitted one.
    """
    from sklearn.svm import LinearSVC

    weights = np.zeros((y.shape[1], x.shape[1]))
    bias = np.zeros(y.shape[1])
    for k in range(y.shape[1]):
        target = y[:, k]
        if target.all() or not target.any():
            bias[k] = 1.0 if target.all() else -1.0
            continue
        svm = LinearSVC(C=c, random_state=0, max_iter=5000, dual=True)
        svm.fit(x, target, sample_weight=weight)
        weights[k] = svm.coef_[0]
        bias[k] = svm.intercept_[0]
    return weights.astype(np.float32).astype(np.float64), bias


def _can_stack(y: NDArray[np.bool_], groups: Sequence[str] | None, k: int) -> bool:
    """Enough data for an inner cross-validation: groups and examples per class."""
    n = len(y)
    distinct = len(set(groups)) if groups is not None else n
    positives = y.sum(axis=0)
    return n >= 60 and distinct >= 2 * k and int(positives.max()) >= 10


def _group_folds(groups: Sequence[str], k: int) -> list[IntArray]:
    """``k`` folds of row indices; a group never spans two (deterministic)."""
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    order = sorted(members, key=lambda g: (-len(members[g]), g))
    sizes = [0] * k
    out: list[list[int]] = [[] for _ in range(k)]
    for group in order:
        smallest = min(range(k), key=lambda f: (sizes[f], f))
        out[smallest].extend(members[group])
        sizes[smallest] += len(members[group])
    return [np.array(sorted(fold), dtype=np.int64) for fold in out if fold]


def _auxiliary_labels(classes: Sequence[str]) -> dict[str, frozenset[str]]:
    """Extra labels that share evidence: any label, and shared label parts.

    ``FOOD#QUALITY`` and ``FOOD#PRICES`` share the part ``FOOD``; a part
    becomes its own label when at least two classes have it.
    """
    aux: dict[str, frozenset[str]] = {_ANY: frozenset(classes)}
    parts: dict[str, set[str]] = {}
    for label in classes:
        pieces = label.split(_PART_SEPARATOR)
        if len(pieces) < 2:
            continue
        for position, piece in enumerate(pieces):
            parts.setdefault(f"{_PART}{position}:{piece}", set()).add(label)
    for name in sorted(parts):
        if len(parts[name]) >= 2:
            aux[name] = frozenset(parts[name])
    return aux


def _multi_label_inputs(
    classes: Sequence[str], names: Sequence[str], heads: int
) -> IntArray:
    """Per class: its own scores, its parts' and "any label"'s, in each head."""
    position = {name: i for i, name in enumerate(names)}
    width = len(names)
    select = []
    for label in classes:
        own = [position[label]]
        pieces = label.split(_PART_SEPARATOR) if _PART_SEPARATOR in label else []
        for p, piece in enumerate(pieces):
            name = f"{_PART}{p}:{piece}"
            own.append(position.get(name, position[label]))
        own.append(position[_ANY])
        select.append([h * width + i for h in range(heads) for i in own])
    # every class reads the same number of inputs (parts are per label shape)
    longest = max(len(s) for s in select)
    return np.array([s + [s[0]] * (longest - len(s)) for s in select], dtype=np.int64)


def _fit_combiner(
    z: FloatArray,
    y: NDArray[np.bool_],
    select: IntArray,
    sample_weight: Sequence[float] | None,
    *,
    multi_label: bool,
) -> Combiner:
    from sklearn.linear_model import LogisticRegression

    u = z
    classes = select.shape[0]
    width = _expand(np.zeros((1, select.shape[1]))).shape[1]
    weights = np.zeros((classes, width))
    bias = np.zeros(classes)
    weight = None if sample_weight is None else np.asarray(sample_weight, float)
    if multi_label:
        for k in range(classes):
            target = y[:, k]
            if target.all() or not target.any():
                bias[k] = 10.0 if target.all() else -10.0
                continue
            model = LogisticRegression(C=_COMBINER_C_MULTI_LABEL, max_iter=2000)
            model.fit(_expand(u[:, select[k]]), target, sample_weight=weight)
            weights[k] = model.coef_[0]
            bias[k] = model.intercept_[0]
    else:
        labels = y[:, :classes].argmax(axis=1)
        model = LogisticRegression(C=_COMBINER_C, max_iter=2000)
        model.fit(_expand(u[:, select[0]]), labels, sample_weight=weight)
        coef, intercept = model.coef_, model.intercept_
        if coef.shape[0] == 1:  # two classes: sklearn keeps one row
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        present = model.classes_
        weights[present] = coef
        bias[:] = -10.0
        bias[present] = intercept
    return Combiner(select, weights, bias)


def _best_threshold(combiner: Combiner, z: FloatArray, y: NDArray[np.bool_]) -> float:
    """The probability threshold with the best micro-F1 on the inner folds."""
    logits = (_expand(z[:, combiner.select]) * combiner.weights).sum(axis=2)
    probabilities = 1.0 / (1.0 + np.exp(-(logits + combiner.bias)))
    best, chosen = -1.0, 0.5
    for threshold in np.arange(0.15, 0.625, 0.025):
        found = probabilities >= threshold
        tp = float((found & y).sum())
        f1 = 2 * tp / (found.sum() + y.sum()) if tp else 0.0
        if f1 > best + 1e-9:
            best, chosen = f1, float(threshold)
    return round(chosen, 3)
