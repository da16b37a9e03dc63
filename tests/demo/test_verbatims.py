"""Synthetic verbatims: seeded, varied, labelled, and with PII the redactor removes."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from belofte.demo import phrases
from belofte.demo.verbatims import Aspect, compose, realisations, sentiment_of
from belofte.text.lexicons.first_names import (
    AMBIGUOUS_FIRST_NAMES,
    FIRST_NAMES,
    NOT_SURNAMES,
)
from belofte.text.redact import redact_pii

ROOT = Path(__file__).resolve().parents[2]
BLUEPRINT = ROOT / "belofte" / "blueprint" / "templates" / "retail-nl.yaml"
THEMES = tuple(phrases.THEME_PHRASES)
EMOTIONS = ("joy", "surprise", "gratitude", "relief", "trust", "anger", "frustration",
            "disappointment", "worry", "sadness")  # fmt: skip
ALL_EMOJI = phrases.EMOJI["positive"] + phrases.EMOJI["negative"]

# What the generator's personal details look like, written independently of it.
EMAIL_RE = re.compile(r"[a-z0-9.]+@(?:mail\.)?example\.(?:com|org|net)")
PHONE_RE = re.compile(r"\b06[- ]\d{8}\b")
IBAN_RE = re.compile(r"\bNL\d{2} ?[A-Z]{4}(?: ?\d{4}){2} ?\d{2}\b")
POSTCODE_RE = re.compile(r"\b[1-9]\d{3} [A-Z]{2} \d{1,3}\b")
NAMES = [
    f"{first} {last}" for first in phrases.FIRST_NAMES for last in phrases.SURNAMES
]


def rng_for(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - a seeded demo, not a secret


def random_aspects(rng: random.Random, most: int = 3) -> list[Aspect]:
    return [
        Aspect(rng.choice(THEMES), rng.choice(phrases.POLARITIES))
        for _ in range(rng.randint(1, most))
    ]


def draw(
    rng: random.Random,
    *,
    pii: bool = False,
    typo_rate: float = 0.03,
    short_rate: float = 0.08,
) -> str:
    """A text about random aspects, in a random language, with a random emotion."""
    language = rng.choice(phrases.LANGUAGES)
    aspects = random_aspects(rng)
    emotion = rng.choice((None, *EMOTIONS))
    return compose(
        rng,
        language,
        aspects,
        emotion=emotion,
        pii=pii,
        typo_rate=typo_rate,
        short_rate=short_rate,
    )


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def pii_in(text: str) -> list[tuple[str, str]]:
    """Each personal detail in `text` as (kind, raw substring)."""
    found = [("email", m.group()) for m in EMAIL_RE.finditer(text)]
    found += [("phone", m.group()) for m in PHONE_RE.finditer(text)]
    found += [("iban", m.group()) for m in IBAN_RE.finditer(text)]
    found += [("postcode", m.group()) for m in POSTCODE_RE.finditer(text)]
    found += [("name", name) for name in NAMES if name in text]
    return found


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97: move the first four characters to the end, letters as 10..35."""
    compact = iban.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(ord(c) - 55) if c.isalpha() else c for c in rearranged)
    return int(digits) % 97 == 1


def one_slip(original: str, typo: str) -> bool:
    """Whether `typo` is `original` with two neighbours swapped, one dropped or doubled."""
    if len(typo) == len(original):
        diff = [
            i for i, (a, b) in enumerate(zip(original, typo, strict=True)) if a != b
        ]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and original[diff[0]] == typo[diff[1]]
            and original[diff[1]] == typo[diff[0]]
        )
    if len(typo) == len(original) - 1:
        return any(
            original[:i] + original[i + 1 :] == typo for i in range(len(original))
        )
    if len(typo) == len(original) + 1:
        return any(
            original[:i] + original[i] + original[i:] == typo
            for i in range(len(original))
        )
    return False


def found_wording(text: str, polarity: str, theme: str, language: str) -> int:
    """Where a wording of this bank first occurs in `text`; -1 when none does."""
    lowered = text.lower()
    positions = [
        lowered.find(form)
        for wording in phrases.THEME_PHRASES[theme][polarity][language]
        for form in realisations(wording, language)
        if form in lowered
    ]
    return min(positions, default=-1)


# ---- The banks ------------------------------------------------------------------


def test_banks_cover_exactly_the_blueprint_themes() -> None:
    blueprint = yaml.safe_load(BLUEPRINT.read_text(encoding="utf-8"))
    themes = {t["id"] for pillar in blueprint["pillars"] for t in pillar["themes"]}
    assert len(themes) == 15
    assert set(phrases.THEME_PHRASES) == themes


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_polarity_and_language_has_enough_wordings(theme: str) -> None:
    for polarity in phrases.POLARITIES:
        for language, least in (("nl", 8), ("en", 6)):
            bank = phrases.THEME_PHRASES[theme][polarity][language]
            assert len(set(bank)) == len(bank) >= least, (theme, polarity, language)
            for wording in bank:
                assert wording == wording.lower().strip(), wording
                assert wording[-1].isalpha(), wording  # compose adds punctuation
                assert wording.count(phrases.INTENSIFIER_SLOT) <= 1, wording
                if phrases.INTENSIFIER_SLOT in wording:
                    assert phrases.INTENSIFIER_SLOT + " " in wording, wording


@pytest.mark.parametrize("theme", THEMES)
def test_negative_banks_include_negated_positives(theme: str) -> None:
    for language, negations in (
        ("nl", ("niet echt", "niet bepaald")),
        ("en", ("not very", "not really")),
    ):
        bank = phrases.THEME_PHRASES[theme]["negative"][language]
        assert any(n in wording for wording in bank for n in negations), (
            theme,
            language,
        )


def test_wordings_contain_no_contrast_connector() -> None:
    """So a connector in a text is one compose put there."""
    for language in phrases.LANGUAGES:
        connectors = set(phrases.CONTRAST_CONNECTORS[language]) | {
            c.strip(",") for c in phrases.CONTRAST_OPENERS[language]
        }
        for theme in THEMES:
            for polarity in phrases.POLARITIES:
                for wording in phrases.THEME_PHRASES[theme][polarity][language]:
                    assert not connectors & set(words(wording)), wording


def test_emotion_short_emoji_and_connector_banks() -> None:
    assert set(phrases.EMOTION_PHRASES) == set(EMOTIONS)
    for emotion in EMOTIONS:
        for language in phrases.LANGUAGES:
            bank = phrases.EMOTION_PHRASES[emotion][language]
            assert len(set(bank)) == len(bank) >= 4, (emotion, language)
    for language in phrases.LANGUAGES:
        assert len(phrases.INTENSIFIERS[language]) >= 4
        assert len(phrases.CONTRAST_CONNECTORS[language]) >= 3
        for polarity in (*phrases.POLARITIES, "neutral"):
            assert len(phrases.SHORT_TEXTS[polarity][language]) >= 4
    assert {"prima", "top", "ok", "super!"} <= set(
        phrases.SHORT_TEXTS["positive"]["nl"]
    )
    assert "slecht" in phrases.SHORT_TEXTS["negative"]["nl"]
    assert {"great", "ok"} <= set(phrases.SHORT_TEXTS["positive"]["en"])
    assert {"terrible", "meh"} <= set(phrases.SHORT_TEXTS["negative"]["en"])
    assert not set(phrases.EMOJI["positive"]) & set(phrases.EMOJI["negative"])


def test_demo_names_are_names_the_redactor_knows() -> None:
    for first in phrases.FIRST_NAMES:
        assert first.lower() in FIRST_NAMES
        assert first.lower() not in AMBIGUOUS_FIRST_NAMES
    for surname in phrases.SURNAMES:
        assert surname.split()[-1].lower() not in NOT_SURNAMES


# ---- Composing ------------------------------------------------------------------


def test_same_seed_gives_the_same_texts() -> None:
    def texts(seed: int) -> list[str]:
        rng = rng_for(seed)
        return [draw(rng, pii=rng.random() < 0.3, typo_rate=0.1) for _ in range(200)]

    first = texts(7)
    assert first == texts(7)
    assert first != texts(8)
    assert len(set(first)) > 150  # varied, not a handful of templates


def test_mixed_text_has_a_connector_and_both_aspects_in_order() -> None:
    connectors = set(phrases.CONTRAST_CONNECTORS["nl"]) | {
        c.strip(",") for c in phrases.CONTRAST_OPENERS["nl"]
    }
    aspects = [
        Aspect("vriendelijk-personeel", "positive"),
        Aspect("levertijd", "negative"),
    ]
    rng = rng_for(1)
    for _ in range(200):
        text = compose(rng, "nl", aspects, typo_rate=0)
        assert connectors & set(words(text)), text
        friendly = found_wording(text, "positive", "vriendelijk-personeel", "nl")
        late = found_wording(text, "negative", "levertijd", "nl")
        assert 0 <= friendly < late, text


def test_every_aspect_is_mentioned_with_its_polarity() -> None:
    rng = rng_for(2)
    for _ in range(300):
        language = rng.choice(phrases.LANGUAGES)
        aspects = random_aspects(rng)
        text = compose(rng, language, aspects, typo_rate=0, short_rate=0)
        for aspect in aspects:
            where = found_wording(text, aspect.polarity, aspect.theme, language)
            assert where >= 0, (aspect, text)


def sentence_count(text: str) -> int:
    return len(re.findall(r"[.!?](?=\s|$)", text))


def test_one_aspect_makes_one_sentence_and_context_is_occasional() -> None:
    rng = rng_for(3)
    with_context = 0
    for _ in range(1000):
        language = rng.choice(phrases.LANGUAGES)
        text = compose(
            rng,
            language,
            random_aspects(rng, 1),
            typo_rate=0,
            emoji_rate=0,
            short_rate=0,
        )
        lowered = text.lower()
        context = any(c in lowered for c in phrases.CONTEXT_SENTENCES[language])
        with_context += context
        assert text[0].isupper() and text[-1] in ".!", text
        assert sentence_count(text) == 1 + context, text
    assert 50 <= with_context <= 150


def test_several_aspects_make_one_or_two_sentences() -> None:
    rng = rng_for(4)
    counts = set()
    for _ in range(500):
        language = rng.choice(phrases.LANGUAGES)
        aspects = [Aspect(rng.choice(THEMES), "negative") for _ in range(3)]
        text = compose(rng, language, aspects, typo_rate=0, short_rate=0, emoji_rate=0)
        lowered = text.lower()
        context = any(c in lowered for c in phrases.CONTEXT_SENTENCES[language])
        counts.add(sentence_count(text) - context)
    assert counts == {1, 2}


def test_emotion_adds_its_phrase() -> None:
    rng = rng_for(5)
    for emotion in EMOTIONS:
        for language in phrases.LANGUAGES:
            aspects = random_aspects(rng)
            text = compose(
                rng, language, aspects, emotion=emotion, typo_rate=0, short_rate=0
            )
            forms = [
                form
                for wording in phrases.EMOTION_PHRASES[emotion][language]
                for form in realisations(wording, language)
            ]
            assert any(form in text.lower() for form in forms), (emotion, text)


def test_intensifiers_appear_sometimes() -> None:
    rng = rng_for(6)
    texts = [
        compose(rng, "en", [Aspect("vriendelijk-personeel", "positive")], typo_rate=0)
        for _ in range(300)
    ]
    intensified = [t for t in texts if set(words(t)) & set(phrases.INTENSIFIERS["en"])]
    assert 10 < len(intensified) < 200


@pytest.mark.parametrize(
    ("polarities", "bank"),
    [
        (("positive",), "positive"),
        (("negative", "negative", "positive"), "negative"),
        (("positive", "positive", "negative"), "positive"),
        ((), "neutral"),
    ],
)
def test_short_texts_come_from_the_short_bank(
    polarities: tuple[str, ...], bank: str
) -> None:
    rng = rng_for(9)
    for _ in range(100):
        language = rng.choice(phrases.LANGUAGES)
        aspects = [Aspect(rng.choice(THEMES), p) for p in polarities]
        text = compose(rng, language, aspects, typo_rate=0, emoji_rate=0, short_rate=1)
        assert text.lower() in phrases.SHORT_TEXTS[bank][language], text
        assert text[0] == text[0].upper()


def test_a_tie_is_never_short() -> None:
    rng = rng_for(10)
    aspects = [Aspect("voorraad", "positive"), Aspect("installatie", "negative")]
    for _ in range(100):
        text = compose(rng, "en", aspects, typo_rate=0, short_rate=1)
        assert found_wording(text, "negative", "installatie", "en") >= 0, text


def test_emoji_matches_the_polarity() -> None:
    rng = rng_for(11)
    cases = [
        (["positive"], "positive"),
        (["negative", "negative", "positive"], "negative"),
        (["negative", "positive"], "positive"),  # a tie: the last word counts
    ]
    for polarities, polarity in cases:
        for _ in range(50):
            aspects = [Aspect(rng.choice(THEMES), p) for p in polarities]
            text = compose(rng, "nl", aspects, emoji_rate=1)
            assert text.split()[-1] in phrases.EMOJI[polarity], text
            plain = compose(rng, "nl", aspects, emoji_rate=0)
            assert not any(e in plain for e in ALL_EMOJI), plain


def test_typo_rate_zero_leaves_every_word_intact() -> None:
    vocabulary: set[str] = set()
    banks = [
        *(
            b[lang]
            for t in phrases.THEME_PHRASES.values()
            for b in t.values()
            for lang in b
        ),
        *(b[lang] for b in phrases.EMOTION_PHRASES.values() for lang in b),
        *(b[lang] for b in phrases.SHORT_TEXTS.values() for lang in b),
        *phrases.INTENSIFIERS.values(),
        *phrases.CONTRAST_CONNECTORS.values(),
        *phrases.CONTRAST_OPENERS.values(),
        *phrases.JOINERS.values(),
        *phrases.CONTEXT_SENTENCES.values(),
    ]
    for bank in banks:
        for wording in bank:
            vocabulary.update(words(wording))
    rng = rng_for(12)
    for _ in range(500):
        text = draw(rng, typo_rate=0, short_rate=0.2)
        assert set(words(text)) <= vocabulary, set(words(text)) - vocabulary


def test_typos_are_letter_slips_in_the_same_text() -> None:
    slipped = 0
    for seed in range(300):
        clean = draw(rng_for(seed), typo_rate=0, pii=True)
        typo = draw(rng_for(seed), typo_rate=0.3, pii=True)
        clean_words, typo_words = clean.split(), typo.split()
        assert len(clean_words) == len(typo_words), (clean, typo)
        for a, b in zip(clean_words, typo_words, strict=True):
            if a != b:
                slipped += 1
                core_a, core_b = a.strip(".,!?"), b.strip(".,!?")
                assert one_slip(core_a.lower(), core_b.lower()), (a, b)
        assert pii_in(clean) == pii_in(typo), (clean, typo)  # never inside PII
    assert slipped > 300


# ---- Personal data ----------------------------------------------------------------


def test_pii_texts_carry_exactly_one_valid_detail() -> None:
    rng = rng_for(13)
    kinds = set()
    for _ in range(400):
        text = draw(rng, pii=True, typo_rate=0.3)
        found = pii_in(text)
        assert len(found) == 1, (text, found)
        kind, raw = found[0]
        kinds.add(kind)
        if kind == "iban":
            compact = raw.replace(" ", "")
            assert len(compact) == 18
            assert compact[4:8] in ("ABNA", "INGB", "RABO", "TRIO", "SNSB")
            assert iban_valid(raw), raw
    assert kinds == {"name", "email", "phone", "iban", "postcode"}
    for _ in range(400):
        text = draw(rng, pii=False)
        assert pii_in(text) == [], text


def test_iban_check_rejects_a_wrong_checksum() -> None:
    """The test's own mod-97 check works: a known IBAN, and one digit changed."""
    assert iban_valid("NL91 ABNA 0417 1643 00")
    assert not iban_valid("NL91 ABNA 0417 1643 01")


def test_redactor_removes_the_inserted_pii() -> None:
    rng = rng_for(14)
    for _ in range(200):
        text = draw(rng, pii=True)
        redacted = redact_pii(text).text
        [(kind, raw)] = pii_in(text)
        assert raw not in redacted, (text, redacted)
        if kind == "name":
            first, *_, last = raw.split()
            for part in (first, last):
                assert not re.search(rf"\b{part}\b", redacted), (text, redacted)
        elif kind == "email":
            assert "@" not in redacted, redacted
        elif kind in ("phone", "iban"):
            assert raw[-6:].replace(" ", "") not in redacted.replace(" ", ""), redacted
        else:
            assert raw[:7] not in redacted, redacted  # "1234 AB"


# ---- Labels and inputs ----------------------------------------------------------


@pytest.mark.parametrize(
    ("polarities", "label"),
    [
        ((), "neutral"),
        (("positive",), "positive"),
        (("negative", "negative"), "negative"),
        (("positive", "negative"), "mixed"),
        (("negative", "positive", "positive"), "mixed"),
    ],
)
def test_sentiment_of(polarities: tuple[str, ...], label: str) -> None:
    assert sentiment_of([Aspect("levertijd", p) for p in polarities]) == label


def test_invalid_input_is_refused() -> None:
    with pytest.raises(ValueError, match="theme"):
        Aspect("bestaat-niet", "positive")
    with pytest.raises(ValueError, match="polarity"):
        Aspect("levertijd", "mixed")
    with pytest.raises(ValueError, match="language"):
        compose(rng_for(0), "de", [Aspect("levertijd", "positive")])
    with pytest.raises(ValueError, match="emotion"):
        compose(rng_for(0), "nl", [Aspect("levertijd", "positive")], emotion="boredom")
