"""Text accuracy: belofte's own learned models under 5-fold cross-validation.

The figures of issue 6, on the training parts in ../shared/data only (the
official test sets are held out), folds grouped by review (SemEval-2016),
by sentence (SemEval-2014, which has no review ids) or by identical text
(tweets, so retweets never straddle folds). The models are the ones
``belofte text learn`` fits on a workspace and ``belofte text evaluate --train``
fits on a file: same features, same recipe.

    python benchmarks/text_accuracy.py [--only nl16,en16,en14,tweets] [--baseline] [--speed]
                                       [--splits 3]

``--baseline`` also runs the plain scikit-learn TF-IDF + logistic regression
baseline on the same folds, for comparison (its category threshold chosen by
inner cross-validation, like ours), on the first deal of the folds.
``--splits 3`` repeats the cross-validation over three deals of the folds and
judges the targets by their mean: the recipe was tuned on the first deal, so
the others are the fairer figures. ``--speed`` times featurizing and
predicting one text.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from typing import Any

from belofte.text.absa import AbsaSentence, read_absa
from belofte.text.evaluate import (
    cross_validate_aspects,
    cross_validate_sentiment,
    folds,
)
from belofte.text.learn import TextExample, fit_sentiment, text_features

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEMEVAL = {
    "nl16": ("nl", "semeval2016-absa-restaurants-nl/restaurants_dutch_train_SB1.xml"),
    "en16": (
        "en",
        "semeval2016-absa-restaurants-en/ABSA16_Restaurants_Train_SB1_v2.xml",
    ),
    "en14": ("en", "semeval2014-absa-restaurants-en/Restaurants_Train_v2.xml"),
}
TWEETS = "twitter-us-airline-sentiment/Tweets.csv"
# (polarity target, category target) in percent / F1 points
TARGETS = {"nl16": (81.0, 71.0), "en16": (83.0, 72.0), "en14": (76.0, None)}
TWEETS_TARGET = 84.0


def read_tweets(path: Path) -> list[TextExample]:
    """Distinct tweets (by id) with their 3-class label."""
    seen: set[str] = set()
    examples = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["tweet_id"] in seen:
                continue
            seen.add(row["tweet_id"])
            examples.append(TextExample(row["text"], row["airline_sentiment"], "en"))
    return examples


def _plain_vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True)


def _plain_model() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(max_iter=2000)


def _plain_threshold(texts: list[str], label_sets: list[frozenset[str]]) -> float:
    """The probability threshold of the plain category baseline.

    The one with the best micro-F1 in a 3-fold cross-validation of the
    training part.
    """
    import numpy as np

    names = sorted(set().union(*label_sets))
    y = np.array([[n in labels for n in names] for labels in label_sets])
    probabilities = np.zeros(y.shape)
    for held in folds([str(i) for i in range(len(texts))], 3):
        skip = set(held)
        train = [i for i in range(len(texts)) if i not in skip]
        vectorizer = _plain_vectorizer().fit([texts[i] for i in train])
        x_train = vectorizer.transform([texts[i] for i in train])
        x_held = vectorizer.transform([texts[i] for i in held])
        for k in range(len(names)):
            if y[train, k].all() or not y[train, k].any():
                continue
            model = _plain_model().fit(x_train, y[train, k])
            probabilities[held, k] = model.predict_proba(x_held)[:, 1]
    best, chosen = -1.0, 0.5
    for threshold in np.arange(0.05, 0.55, 0.05):
        found = probabilities >= threshold
        tp = (found & y).sum()
        f1 = 2 * tp / (found.sum() + y.sum())
        if f1 > best:
            best, chosen = f1, float(threshold)
    return chosen


def baseline_aspects(sentences: list[AbsaSentence], terms: bool) -> tuple[float, float]:
    """Plain TF-IDF + logistic regression on the same folds.

    Polarity from the sentence alone; categories one-vs-rest at a threshold
    chosen by inner cross-validation (at 0.5 rare categories are never found).
    """
    import numpy as np

    correct = total = tp = fp = fn = 0
    for fold in folds([s.group for s in sentences], 5):
        held = set(fold)
        train = [s for i, s in enumerate(sentences) if i not in held]
        test = [sentences[i] for i in fold]

        def pairs(part: list[AbsaSentence]) -> list[tuple[str, str]]:
            return [
                (s.text, o.polarity)
                for s in part
                for o in (s.terms if terms else s.opinions)
                if o.polarity in ("positive", "negative", "neutral")
            ]

        train_pairs, test_pairs = pairs(train), pairs(test)
        vectorizer = _plain_vectorizer().fit([t for t, _ in train_pairs])
        model = _plain_model().fit(
            vectorizer.transform([t for t, _ in train_pairs]),
            [y for _, y in train_pairs],
        )
        predicted = model.predict(vectorizer.transform([t for t, _ in test_pairs]))
        correct += sum(p == y for p, (_, y) in zip(predicted, test_pairs, strict=True))
        total += len(test_pairs)
        if terms:
            continue
        categories = sorted(set().union(*(s.categories for s in train)))
        threshold = _plain_threshold(
            [s.text for s in train], [s.categories for s in train]
        )
        vectorizer = _plain_vectorizer().fit([s.text for s in train])
        x_train = vectorizer.transform([s.text for s in train])
        x_test = vectorizer.transform([s.text for s in test])
        found: list[set[str]] = [set() for _ in test]
        for name in categories:
            y = np.array([name in s.categories for s in train])
            if y.all() or not y.any():
                continue
            yes = (
                _plain_model().fit(x_train, y).predict_proba(x_test)[:, 1] >= threshold
            )
            for i, flag in enumerate(yes):
                if flag:
                    found[i].add(name)
        for s, f in zip(test, found, strict=True):
            tp += len(f & s.categories)
            fp += len(f - s.categories)
            fn += len(s.categories - f)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return correct / total, f1


def baseline_sentiment(examples: list[TextExample]) -> float:
    """Plain TF-IDF + logistic regression on the same folds: accuracy."""
    correct = 0
    for fold in folds([e.text.strip().lower() for e in examples], 5):
        held = set(fold)
        train = [e for i, e in enumerate(examples) if i not in held]
        vectorizer = _plain_vectorizer().fit([e.text for e in train])
        model = _plain_model().fit(
            vectorizer.transform([e.text for e in train]), [e.label for e in train]
        )
        predicted = model.predict(
            vectorizer.transform([examples[i].text for i in fold])
        )
        correct += sum(
            p == examples[i].label for p, i in zip(predicted, fold, strict=True)
        )
    return correct / len(examples)


def speed(examples: list[TextExample]) -> tuple[float, float]:
    """Microseconds per text: featurizing and predicting sentiment.

    Featurizing includes tokens and lexicon; the model is fitted on the first
    2,000 texts, then reads them one at a time.
    """
    texts = [e.text for e in examples[:2000]]
    model = fit_sentiment(examples[:2000])
    started = time.perf_counter()
    rows = [text_features(text, "en") for text in texts]
    featurized = time.perf_counter()
    for row in rows:
        model.predict(row)
    predicted = time.perf_counter()
    per = 1e6 / len(texts)
    return (featurized - started) * per, (predicted - featurized) * per


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="nl16,en16,en14,tweets")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument(
        "--splits",
        type=int,
        default=1,
        help="repeat the cross-validation over this many deals of the folds "
        "(the first is the usual one) and judge the targets by their mean",
    )
    parser.add_argument(
        "--speed", action="store_true", help="also time featurizing and predicting"
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no shared data at {DATA}", file=sys.stderr)
        return 2
    if args.splits < 1:
        print("--splits must be at least 1", file=sys.stderr)
        return 2
    splits = range(args.splits)
    wanted = args.only.split(",")
    print(
        f"{'data':8} {'task':28} {'belofte':>8} {'target':>7} {'plain':>7} {'secs':>6}"
        + ("  each split" if args.splits > 1 else "")
    )
    failed = 0

    def line(
        key: str, what: str, values: list[float], target: float, base: str, seconds: str
    ) -> None:
        nonlocal failed
        mean = sum(values) / len(values)
        failed += mean < target
        each = "  " + " ".join(f"{v:.1f}" for v in values) if len(values) > 1 else ""
        print(f"{key:8} {what:28} {mean:8.1f} {target:7.1f} {base} {seconds}{each}")

    for key, (language, name) in SEMEVAL.items():
        if key not in wanted:
            continue
        sentences = read_absa(DATA / name)
        terms = key == "en14"
        started = time.perf_counter()
        reports = [
            cross_validate_aspects(sentences, language, terms=terms, split=split)
            for split in splits
        ]
        seconds = time.perf_counter() - started
        plain = baseline_aspects(sentences, terms) if args.baseline else None
        polarity_target, category_target = TARGETS[key]
        what = "aspect-term polarity" if terms else "polarity | gold aspects"
        base = f"{100 * plain[0]:7.1f}" if plain else f"{'':7}"
        accuracies = [100 * r.polarity.accuracy for r in reports]
        line(key, what, accuracies, polarity_target, base, f"{seconds:6.0f}")
        if category_target is not None:
            base = f"{100 * plain[1]:7.1f}" if plain else f"{'':7}"
            f1s = [100 * r.category_f1 for r in reports]
            line(key, "category micro-F1", f1s, category_target, base, f"{'':6}")
    if "tweets" in wanted:
        examples = read_tweets(DATA / TWEETS)
        started = time.perf_counter()
        tweets = [cross_validate_sentiment(examples, split=split) for split in splits]
        seconds = time.perf_counter() - started
        base = (
            f"{100 * baseline_sentiment(examples):7.1f}" if args.baseline else f"{'':7}"
        )
        accuracies = [100 * t.accuracy for t in tweets]
        line(
            "tweets",
            "3-class sentiment",
            accuracies,
            TWEETS_TARGET,
            base,
            f"{seconds:6.0f}",
        )
        macro = sum(t.macro_f1 for t in tweets) / len(tweets)
        print(f"         macro-F1 {100 * macro:.1f}, n={tweets[0].n}")
        if args.speed:
            featurize, predict = speed(examples)
            print(
                f"         {featurize:.0f} us/text featurize, {predict:.0f} us/text predict"
            )
    print("all targets met" if not failed else f"{failed} target(s) missed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
