"""Language detection: short and long Dutch/English/other verbatims, prior, batch.

The accuracy tests read two real data sets from ``../shared/data`` (Dutch
restaurant reviews, English airline tweets) and are skipped when it is absent.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from belofte.text.language import (
    LANGUAGE_CODES,
    Language,
    detect_language,
    detect_languages,
)
from belofte.text.lexicons.language_words import (
    EN_FUNCTION_WORDS,
    EN_WORDS,
    NL_FUNCTION_WORDS,
    NL_WORDS,
    SHARED_WORDS,
)
from belofte.text.tokens import fold
from tests.conftest import SHARED_DATA

DUTCH_REVIEWS = (
    SHARED_DATA
    / "semeval2016-absa-restaurants-nl"
    / ("restaurants_dutch_train_SB1.xml")
)
ENGLISH_TWEETS = SHARED_DATA / "twitter-us-airline-sentiment" / "Tweets.csv"

# (text, expected code) with the Dutch prior; "prior" cases are further below.
DUTCH = [
    "prima",
    "dank je wel",
    "snel geleverd",
    "niet goed",
    "heel tevreden",
    "klopt",
    "nee",
    "Goed",
    "Slecht",
    "Bedankt!",
    "Aanrader!",
    "Lekker!",
    "Zalig gegeten",
    "SLECHTE SERVICE",
    "Pakketje kwijt",
    "Helemaal top!",
    "Niet goedkoop!",
    "Lange wachttijd.",
    "Heerlijk eten en vriendelijke bediening",
    "Het duurde allemaal veel te lang.",
    "de service was top, echt awesome",
    "Echt super geholpen door [NAME], top!",
    "Bel me terug op [PHONE], ik wacht al drie dagen",
    "@bolcom mijn pakketje is nog steeds niet bezorgd!! https://t.co/abc123",
    "Wij hebben heerlijk gegeten, de bediening was vriendelijk en snel. 👍",
    "De app crasht steeds bij het inloggen, graag een fix.",
    "Mijn bestelling kwam te laat en de doos was beschadigd.",
    "Klantenservice reageert niet op mijn mail van vorige week.",
    "Top webshop, snelle levering en alles netjes verpakt.",
    "Al twee keer gebeld maar niemand kan me helpen. Slechte ervaring.",
    "Super vriendelijk personeel, we komen zeker terug!",
    "Goede prijs-kwaliteitverhouding, wel jammer van de lange wachtrij.",
    "Het was oke, niks bijzonders.",
    "Telkens weer GENIETEN!!",
    "Doe zo verder, jullie zijn geweldig!",
    "Ik heb een retour aangevraagd maar nog geen geld teruggekregen.",
    "Heel blij met mijn nieuwe laptop, de levering was supersnel.\nBedankt!",
]

ENGLISH = [
    "thanks!",
    "yes",
    "fine",
    "Great service",
    "Love it",
    "Never again",
    "Worst experience ever",
    "Terrible customer service",
    "Thank you so much!",
    "Very helpful staff",
    "Keep up the good work!",
    "@united thanks for nothing, 3 hours on hold #fail",
    "@VirginAmerica what @dhepburn said.",
    "@AmericanAir my flight was Cancelled Flightled, please rebook me http://t.co/x",
    "I ordered from Albert Heijn and the delivery was quick.",
    "Great service from the Coolblue team, my new laptop arrived the next day.",
    "Bought a coat at de Bijenkorf, the staff were lovely.",
    "The food was great but the waiter was rude to us.",
    "My package never arrived and nobody answers the phone.",
    "Please call me back on [PHONE] about my refund.",
    "Contact [NAME] at [EMAIL] for the invoice, thanks",
    "Been waiting 45 minutes for a table, not impressed.",
    "Absolutely loved the hotel, the room was clean and the staff friendly.",
    "The app keeps crashing when I try to log in. Please fix!!",
    "WORST AIRLINE EVER",
]

OTHER = [
    ("Das Essen war sehr gut, aber der Service war langsam.", "de"),
    ("Vielen Dank für die schnelle Lieferung, alles bestens!", "de"),
    ("Très bon restaurant, je recommande vivement.", "fr"),
    ("Le colis est arrivé en retard et le service client ne répond pas.", "fr"),
    ("Muy buena atención, gracias por todo.", "es"),
    ("El pedido llegó tarde y la caja estaba rota.", "es"),
    ("Çok güzel bir hizmet, teşekkürler", "tr"),
    ("Siparişim hala gelmedi, çok kötü bir deneyim.", "tr"),
    ("Bardzo dobra obsługa, polecam", "pl"),
    ("Przesyłka dotarła uszkodzona, jestem bardzo niezadowolony.", "pl"),
    ("Obrigado pela ajuda, entrega rápida", "pt"),
    ("Je suis content", "fr"),
    ("Gracias", "es"),
    ("Merci beaucoup!", "fr"),
    ("Servizio ottimo, consegna veloce e prodotto perfetto.", "it"),
]

# Texts that carry no evidence for Dutch or English: they take the prior.
NO_EVIDENCE = [
    "top",
    "Super!",
    "ok",
    "Top service",
    "[NAME] was top!",
    "👍👍",
    "😀",
    "12345",
    "[EMAIL]",
    "[NAME] [PHONE]",
    "!!!",
    "",
    "   ",
    "@bolcom",
    "https://example.com/order/123",
    "10/10",
]


@pytest.mark.parametrize("text", DUTCH)
def test_dutch(text: str) -> None:
    for prior in ("nl", "en"):
        result = detect_language(text, prior=prior)
        assert result.code == "nl", (prior, result)
        assert result.detected == "nl"
        assert 0.5 <= result.confidence <= 1.0


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text: str) -> None:
    for prior in ("nl", "en"):
        result = detect_language(text, prior=prior)
        assert result.code == "en", (prior, result)
        assert result.detected == "en"
        assert 0.5 <= result.confidence <= 1.0


@pytest.mark.parametrize(("text", "detected"), OTHER)
def test_other_languages_are_flagged_with_their_code(text: str, detected: str) -> None:
    for prior in ("nl", "en"):
        result = detect_language(text, prior=prior)
        assert result == Language("other", detected, result.confidence), prior
        assert 0.5 <= result.confidence <= 1.0


@pytest.mark.parametrize("text", NO_EVIDENCE)
def test_without_evidence_the_prior_decides(text: str) -> None:
    assert detect_language(text, prior="nl").code == "nl"
    assert detect_language(text, prior="en").code == "en"
    for prior in ("nl", "en"):
        result = detect_language(text, prior=prior)
        assert result.detected is None
        assert 0.0 <= result.confidence <= 0.5


def test_nothing_to_detect_has_zero_confidence() -> None:
    assert detect_language("👍👍") == Language("nl", None, 0.0)
    assert detect_language("[NAME]", prior="en") == Language("en", None, 0.0)
    assert detect_language("") == Language("nl", None, 0.0)


def test_shared_words_take_the_prior_with_even_odds() -> None:
    assert detect_language("Top service", prior="en") == Language("en", None, 0.5)
    assert detect_language("super", prior="nl") == Language("nl", None, 0.5)


def test_prior_does_not_override_evidence() -> None:
    assert detect_language("dank je wel", prior="en").code == "nl"
    assert detect_language("thanks!", prior="nl").code == "en"
    assert detect_language("Danke schön", prior="nl").code == "other"


def test_prior_must_be_dutch_or_english() -> None:
    with pytest.raises(ValueError, match="prior"):
        detect_language("prima", prior="de")
    with pytest.raises(ValueError, match="prior"):
        detect_languages(["prima"], prior="other")


def test_codes() -> None:
    assert LANGUAGE_CODES == ("nl", "en", "other")
    texts = [*DUTCH, *ENGLISH, *(t for t, _ in OTHER), *NO_EVIDENCE]
    assert {r.code for r in detect_languages(texts)} == set(LANGUAGE_CODES)


def test_placeholders_urls_and_mentions_are_ignored() -> None:
    plain = detect_language("mijn pakketje is nog steeds niet bezorgd")
    noisy = detect_language(
        "@bolcom [NAME] mijn pakketje https://t.co/x is nog steeds niet bezorgd"
        " [EMAIL] anna@example.nl"
    )
    assert noisy.code == plain.code == "nl"


def test_long_text_is_read_in_bounded_time_and_stays_correct() -> None:
    dutch = "De bezorger was heel vriendelijk en het pakket kwam op tijd. " * 200
    english = "The driver was very friendly and the parcel arrived on time. " * 200
    assert detect_language(dutch).code == "nl"
    assert detect_language(english).code == "en"


def test_batch_equals_single() -> None:
    texts = [*DUTCH, *ENGLISH, *(t for t, _ in OTHER), *NO_EVIDENCE]
    for prior in ("nl", "en"):
        batch = detect_languages(texts, prior=prior)
        assert batch == [detect_language(t, prior=prior) for t in texts]
    assert detect_languages([]) == []
    assert detect_languages(("prima", "thanks")) == [
        detect_language("prima"),
        detect_language("thanks"),
    ]


def test_deterministic_and_immutable() -> None:
    texts = [*DUTCH, *ENGLISH, *(t for t, _ in OTHER)]
    first = detect_languages(texts)
    assert detect_languages(list(reversed(texts))) == list(reversed(first))
    long_text = "Wij hebben heerlijk gegeten. " * 20  # past the memo's length
    assert detect_language(long_text) == detect_language(long_text)
    result = detect_language("prima")
    with pytest.raises(AttributeError):
        result.code = "en"  # type: ignore[misc]


def test_confidence_is_rounded_into_unit_interval() -> None:
    texts = [*DUTCH, *ENGLISH, *(t for t, _ in OTHER), *NO_EVIDENCE]
    for result in detect_languages(texts):
        assert 0.0 <= result.confidence <= 1.0
        assert round(result.confidence, 2) == result.confidence


def test_lexicon_lists_are_disjoint_and_folded() -> None:
    lists = {
        "NL_FUNCTION_WORDS": NL_FUNCTION_WORDS,
        "NL_WORDS": NL_WORDS,
        "EN_FUNCTION_WORDS": EN_FUNCTION_WORDS,
        "EN_WORDS": EN_WORDS,
        "SHARED_WORDS": SHARED_WORDS,
    }
    names = list(lists)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            overlap = lists[first] & lists[second]
            assert not overlap, f"{first} and {second} share {sorted(overlap)}"
    for name, words in lists.items():
        assert len(words) >= 80, name
        assert all(fold(word) == word for word in words), name
    for word in ("top", "super", "ok", "service"):
        assert word in SHARED_WORDS


# --------------------------------------------------------------- real data


def _dutch_sentences() -> list[str]:
    if not DUTCH_REVIEWS.is_file():
        pytest.skip(f"Dutch SemEval-2016 reviews not found at {DUTCH_REVIEWS}")
    root = ET.parse(DUTCH_REVIEWS).getroot()  # noqa: S314 - our own shared data
    return [s.findtext("text") or "" for s in root.iter("sentence")]


def _english_tweets(limit: int = 2000) -> list[str]:
    if not ENGLISH_TWEETS.is_file():
        pytest.skip(f"US airline tweets not found at {ENGLISH_TWEETS}")
    with Path(ENGLISH_TWEETS).open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f)
        return [row["text"] for row, _ in zip(rows, range(limit), strict=False)]


def _share(results: list[Language], code: str) -> float:
    return Counter(r.code for r in results)[code] / len(results)


def test_dutch_reviews_come_out_dutch() -> None:
    sentences = _dutch_sentences()
    assert len(sentences) > 1500
    # The English prior makes every Dutch answer come from the text itself.
    assert _share(detect_languages(sentences, prior="en"), "nl") >= 0.97
    assert _share(detect_languages(sentences, prior="nl"), "nl") >= 0.98


def test_english_tweets_come_out_english() -> None:
    tweets = _english_tweets()
    assert len(tweets) == 2000
    # The Dutch prior makes every English answer come from the text itself.
    assert _share(detect_languages(tweets, prior="nl"), "en") >= 0.97
    assert _share(detect_languages(tweets, prior="en"), "en") >= 0.98
