"""Recall and false redactions of the PII redactor over a seeded corpus.

The corpus (``tests/text/pii_corpus.py``) plants personal data at known spans in
Dutch and English survey comments, tickets and tweets, next to ordinary numbers
(prices, dates, times, order numbers, ...) that must stay.

A planted instance counts as found when every letter and digit of it lies inside
a redaction of its own kind (for a postcode, an ADDRESS redaction counts too,
because the redactor reports an address with its postcode as one span).
Separators at its edges, such as the "+" of "+31" or the brackets of "(020)", need
not be covered. Partial redactions and redactions of another kind are misses.
A decoy is falsely redacted when any redaction overlaps it.
"""

from __future__ import annotations

import pytest

from belofte.text.redact import Redacted, redact_pii
from tests.text.pii_corpus import (
    KINDS,
    TARGET_KINDS,
    CorpusItem,
    Found,
    Gold,
    Score,
    build_corpus,
    is_found,
    score,
)

RECALL_TARGET = 0.99
# Names and addresses have no target; these floors only catch regressions.
RECALL_FLOOR = {"ADDRESS": 0.90, "NAME": 0.90}
MIN_INSTANCES = 200


@pytest.fixture(scope="module")
def corpus() -> tuple[CorpusItem, ...]:
    return build_corpus()


@pytest.fixture(scope="module")
def results(corpus: tuple[CorpusItem, ...]) -> list[Redacted]:
    return [redact_pii(item.text) for item in corpus]


@pytest.fixture(scope="module")
def corpus_score(corpus: tuple[CorpusItem, ...], results: list[Redacted]) -> Score:
    found = [
        [Found(str(r.kind), r.start, r.end) for r in res.redactions] for res in results
    ]
    return score(corpus, found)


def _listing(rows: list[tuple[str, str, str]]) -> str:
    return "\n".join(f"  {a}: {b!r} in {c!r}" for a, b, c in rows[:40])


def test_the_corpus_is_the_same_on_every_build() -> None:
    fresh = build_corpus.__wrapped__  # past the cache: two real builds
    assert fresh() == fresh()
    assert fresh(seed=1) != fresh()


def test_the_corpus_has_enough_of_every_kind(corpus: tuple[CorpusItem, ...]) -> None:
    counts = dict.fromkeys(KINDS, 0)
    for item in corpus:
        for gold in item.gold:
            counts[gold.kind] += 1
    assert all(count >= MIN_INSTANCES for count in counts.values()), counts
    assert {item.lang for item in corpus} == {"nl", "en"}
    assert {item.style for item in corpus} == {"survey", "ticket", "tweet"}
    assert sum(len(item.decoys) for item in corpus) >= 2000
    labels = {decoy.label for item in corpus for decoy in item.decoys}
    assert {"price", "date", "time", "order", "qty", "pct", "year", "model"} <= labels
    assert {"track", "unit", "ref", "range", "version", "meter"} <= labels


def test_the_spans_are_consistent(corpus: tuple[CorpusItem, ...]) -> None:
    for item in corpus:
        n = len(item.text)
        for gold in item.gold:
            assert 0 <= gold.start < gold.end <= n, item
            assert item.text[gold.start].isalnum() or item.text[gold.start] in "+(", (
                item
            )
            assert any(a <= gold.start and gold.end <= b for a, b in item.personal), (
                item
            )
        for decoy in item.decoys:
            assert 0 <= decoy.start < decoy.end <= n, item
            assert not any(a < decoy.end and decoy.start < b for a, b in item.personal)


@pytest.mark.parametrize("kind", TARGET_KINDS)
def test_recall_of_each_target_kind_is_at_least_99_percent(
    corpus_score: Score, kind: str
) -> None:
    misses = [row for row in corpus_score.missed if row[0] == kind]
    assert corpus_score.instances[kind] >= MIN_INSTANCES
    assert corpus_score.recall(kind) >= RECALL_TARGET, (
        f"{kind}: {corpus_score.found[kind]}/{corpus_score.instances[kind]} found; "
        f"missed:\n{_listing(misses)}"
    )


@pytest.mark.parametrize("kind", sorted(RECALL_FLOOR))
def test_recall_of_names_and_addresses_does_not_regress(
    corpus_score: Score, kind: str
) -> None:
    assert corpus_score.instances[kind] >= MIN_INSTANCES
    assert corpus_score.recall(kind) >= RECALL_FLOOR[kind]


def test_no_ordinary_number_is_redacted(corpus_score: Score) -> None:
    assert corpus_score.decoys >= 2000
    assert corpus_score.decoys_redacted == [], _listing(corpus_score.decoys_redacted)


def test_nothing_outside_the_personal_data_is_redacted(corpus_score: Score) -> None:
    assert corpus_score.over_redacted == [], _listing(corpus_score.over_redacted)


def test_the_redacted_text_keeps_every_other_character(
    corpus: tuple[CorpusItem, ...], results: list[Redacted]
) -> None:
    for item, result in zip(corpus, results, strict=True):
        # Rebuild the output from the redactions: placeholders at their spans,
        # every other character of the original in place and in order.
        pieces, position = [], 0
        for r in result.redactions:
            assert position <= r.start < r.end
            pieces += [item.text[position : r.start], f"[{r.kind}]"]
            position = r.end
        pieces.append(item.text[position:])
        assert result.text == "".join(pieces), item.text
        # Every character that is no personal data is outside every redaction.
        kept = [
            i
            for i in range(len(item.text))
            if not any(a <= i < b for a, b in item.personal)
        ]
        assert all(
            not any(r.start <= i < r.end for r in result.redactions) for i in kept
        ), (item.text, result.text)


def test_redacting_the_corpus_twice_changes_nothing(results: list[Redacted]) -> None:
    for result in results:
        again = redact_pii(result.text)
        assert again.text == result.text
        assert again.redactions == ()


def test_found_means_every_letter_and_digit_inside_a_redaction_of_that_kind() -> None:
    text = "Bel +31 6 12345678, adres Dorpsstraat 1, 1234 AB Ede"
    item = CorpusItem(text, "nl", "survey", (), ((0, len(text)),), ())
    phone = Gold("PHONE", 4, 18)
    postcode = Gold("POSTCODE", 41, 48)
    assert is_found(item, phone, [Found("PHONE", 5, 18)])  # the "+" may stay
    assert not is_found(item, phone, [Found("PHONE", 4, 17)])  # the last digit
    assert not is_found(item, phone, [Found("BSN", 4, 18)])  # another kind
    assert is_found(item, postcode, [Found("ADDRESS", 26, 52)])  # inside an address
    assert not is_found(item, postcode, [Found("POSTCODE", 41, 45)])
