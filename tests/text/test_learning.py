"""Learned text models: fitting, negation, evidence, thresholds, model files.

Small Dutch and English data sets are written here from templates, so every
assertion is about behaviour we can name. The accuracy check on SemEval-2016
Dutch restaurant reviews reads ``../shared/data`` and is skipped without it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from belofte.errors import InvalidInput
from belofte.text.absa import read_absa
from belofte.text.evaluate import AspectReport, cross_validate_aspects, folds
from belofte.text.features import FeatureConfig, featurize
from belofte.text.learn import (
    AspectExample,
    CategoryExample,
    Recipe,
    TextExample,
    TextModels,
    aspect_features,
    fit_aspect_polarity,
    fit_categories,
    fit_sentiment,
    text_features,
)
from belofte.text.linear import LinearModel
from belofte.text.tokens import tokenize
from tests.conftest import SHARED_DATA

NO_LEXICON = Recipe(lexicon=False)

SUBJECTS_NL = [
    "de bediening",
    "het personeel",
    "de ober",
    "de levering",
    "de chauffeur",
]
SUBJECTS_EN = ["the staff", "the waiter", "the delivery", "the driver", "the service"]
GOOD_NL = ["vriendelijk", "snel", "behulpzaam", "geweldig", "attent"]
BAD_NL = ["onbeleefd", "traag", "slordig", "chagrijnig", "waardeloos"]
GOOD_EN = ["friendly", "quick", "helpful", "great", "polite"]
BAD_EN = ["rude", "slow", "sloppy", "grumpy", "useless"]


def _sentiment_examples() -> list[TextExample]:
    examples = []
    for subject, good, bad in zip(SUBJECTS_NL, GOOD_NL, BAD_NL, strict=True):
        examples += [
            TextExample(f"{subject.capitalize()} was {good}.", "positive", "nl"),
            TextExample(f"{subject.capitalize()} was echt {good}!", "positive", "nl"),
            TextExample(f"{subject.capitalize()} was {bad}.", "negative", "nl"),
            TextExample(f"{subject.capitalize()} was zo {bad}.", "negative", "nl"),
            TextExample(f"{subject.capitalize()} was niet {good}.", "negative", "nl"),
            TextExample(f"{subject.capitalize()} kwam om drie uur.", "neutral", "nl"),
        ]
    for subject, good, bad in zip(SUBJECTS_EN, GOOD_EN, BAD_EN, strict=True):
        examples += [
            TextExample(f"{subject.capitalize()} was {good}.", "positive", "en"),
            TextExample(f"{subject.capitalize()} was really {good}!", "positive", "en"),
            TextExample(f"{subject.capitalize()} was {bad}.", "negative", "en"),
            TextExample(f"{subject.capitalize()} was so {bad}.", "negative", "en"),
            TextExample(f"{subject.capitalize()} was not {good}.", "negative", "en"),
            TextExample(f"{subject.capitalize()} arrived at three.", "neutral", "en"),
        ]
    return examples


# ------------------------------------------------------------------ sentiment
def test_sentiment_model_predicts_sensible_labels() -> None:
    model = fit_sentiment(_sentiment_examples(), NO_LEXICON)
    cases = {
        ("De kok was vriendelijk en attent.", "nl"): "positive",
        ("De kok was onbeleefd.", "nl"): "negative",
        ("The cook was really helpful!", "en"): "positive",
        ("The cook was rude and sloppy.", "en"): "negative",
    }
    for (text, language), expected in cases.items():
        assert model.predict(text_features(text, language, NO_LEXICON)) == expected, (
            text
        )
    assert set(model.classes) == {"negative", "neutral", "positive"}


def test_negation_is_learned_not_looked_up() -> None:
    # no lexicon: only the featurizer's negation scope can tell these apart
    model = fit_sentiment(_sentiment_examples(), NO_LEXICON)

    def label(text: str, language: str) -> str:
        return model.predict(text_features(text, language, NO_LEXICON))

    assert label("De kok was vriendelijk.", "nl") == "positive"
    assert label("De kok was niet vriendelijk.", "nl") == "negative"
    assert label("The cook was friendly.", "en") == "positive"
    assert label("The cook was not friendly.", "en") == "negative"
    row = text_features("niet vriendelijk", "nl", NO_LEXICON)
    assert "w:!vriendelijk" in row.counts
    assert "w:vriendelijk" not in row.counts


def test_probabilities_sum_to_one_and_follow_the_text() -> None:
    model = fit_sentiment(_sentiment_examples(), NO_LEXICON)
    good = model.scores(text_features("De kok was geweldig!", "nl", NO_LEXICON))
    bad = model.scores(text_features("De kok was waardeloos.", "nl", NO_LEXICON))
    assert good.sum() == pytest.approx(1.0)
    positive = model.classes.index("positive")
    assert good[positive] > 0.5 > bad[positive]


def test_evidence_points_at_the_decisive_words() -> None:
    model = fit_sentiment(_sentiment_examples(), NO_LEXICON)
    text = "De kok kwam om acht uur en was onbeleefd."
    row = text_features(text, "nl", NO_LEXICON)
    assert [text[s:e] for s, e in model.evidence(row, "negative", top=1)] == [
        "onbeleefd"
    ]
    # overlapping evidence is joined: the bigram "was onbeleefd" and the word
    assert [text[s:e] for s, e in model.evidence(row, "negative", top=2)] == [
        "was onbeleefd"
    ]
    text = "The cook was not friendly."
    row = text_features(text, "en", NO_LEXICON)
    assert model.predict(row) == "negative"
    found = [text[start:end] for start, end in model.evidence(row, "negative", top=2)]
    assert "was not friendly" in found  # the negated word reaches back to "not"


def test_evidence_reaches_the_lexicon_hits() -> None:
    # with the lexicon, a dense feature's evidence is the hit: modifiers included
    model = fit_sentiment(_sentiment_examples())
    text = "De kok was niet vriendelijk."
    row = text_features(text, "nl")
    assert row.dense["=lex"] < 0
    assert [text[s:e] for s, e in row.spans_of("=lex-")] == ["niet vriendelijk"]
    assert model.predict(row) == "negative"


def test_published_lexicons_know_words_the_examples_never_showed() -> None:
    # VADER and Pattern (English), Pattern (Dutch): ``l:`` hits and dense masses
    row = text_features("The soup was delicious.", "en")
    assert {"l:v+2", "l:p+2"} <= set(row.counts)
    assert row.dense["=xv"] > 0 and row.dense["=xp"] > 0
    text = "The soup was not delicious."
    row = text_features(text, "en")
    assert "l:!v+2" in row.counts  # negated: marked, and its value flipped
    assert row.dense["=xv"] < 0
    assert [text[s:e] for s, e in row.spans_of("l:!v+2")] == ["not delicious"]
    # Dutch inflections by stem ("lekkere" is "lekker"); never by a stem that
    # drops a prefix: "acht" (eight) is not "geacht" (esteemed)
    assert any(n.startswith("l:p+") for n in text_features("lekkere soep", "nl").counts)
    assert not any(
        n.startswith("l:") for n in text_features("om acht uur", "nl").counts
    )
    # the category model leaves them out: they speak of polarity, not topic
    model = fit_categories(
        [
            CategoryExample("Heerlijke soep en lekker brood.", frozenset({"eten"})),
            CategoryExample("Vriendelijke bediening.", frozenset({"service"})),
        ]
        * 4
    )
    assert not any(n.startswith(("l:", "=x")) for n in model.vocabulary.index)
    assert not any(n.startswith("=x") for n in model.vocabulary.dense)


def test_wordnet_classes_tell_the_category_model_what_words_name() -> None:
    # WordNet knows "tiramisu" is food and "sommeliers" people at work (plural)
    text = "The tiramisu and the ice cream were fine, the sommeliers were not."
    row = text_features(text, "en")
    assert row.dense["=n:h.food"] > 0 and row.dense["=n:h.worker"] > 0
    assert [text[s:e] for s, e in row.spans_of("=n:h.dish")] == []
    found = [text[s:e] for s, e in row.spans_of("=n:noun.food")]
    assert found == ["tiramisu", "ice cream"]  # two words naming one thing
    assert not any(n.startswith("=n:") for n in text_features("were", "en").dense)
    assert not any(n.startswith("=n:") for n in text_features("lekker", "nl").dense)
    # only the category model reads them: they say what, not how it felt
    examples = [
        CategoryExample("The soup was good.", frozenset({"food"}), "en"),
        CategoryExample("Our waiter was kind.", frozenset({"service"}), "en"),
    ] * 4
    assert any(n.startswith("=n:") for n in fit_categories(examples).vocabulary.dense)
    sentiment = fit_sentiment(
        [TextExample("The soup was good.", "positive", "en")] * 4
        + [TextExample("Our waiter was rude.", "negative", "en")] * 4
    )
    assert not any(n.startswith("=n:") for n in sentiment.vocabulary.dense)


def test_pipeline_tokens_and_hits_give_the_same_features() -> None:
    from belofte.text.sentiment import polarity_hits

    texts = [
        ("De kok was niet vriendelijk, maar het eten was top!", "nl"),
        ("@united worst flight ever http://t.co/x :( #fail", "en"),  # tidied
    ]
    for text, language in texts:
        plain = text_features(text, language)
        text_features("iets anders", language)  # not the remembered last text
        tokens = tokenize(text)
        again = text_features(
            text, language, tokens=tokens, hits=polarity_hits(tokens, language)
        )
        assert again.counts == plain.counts
        assert again.dense == plain.dense
        assert again.chars == plain.chars


def test_models_saved_before_new_features_load_without_them(tmp_path: Path) -> None:
    import json

    TextModels("v1", sentiment=fit_sentiment(_sentiment_examples())).save(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["features"]["external"] is True
    for name in ("external", "clause_window", "senses"):
        del manifest["features"][name]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    old = TextModels.load(tmp_path).recipe.features
    assert not old.external and not old.clause_window and not old.senses


# ------------------------------------------------------------------ files and determinism
def test_save_and_load_give_identical_scores(tmp_path: Path) -> None:
    model = fit_sentiment(_sentiment_examples())
    loaded = LinearModel.from_bytes(model.to_bytes())
    for text, language in [("De kok was traag.", "nl"), ("Great driver!", "en")]:
        row = text_features(text, language)
        assert np.array_equal(model.scores(row), loaded.scores(row))
        assert model.evidence(row, "positive") == loaded.evidence(row, "positive")
    models = TextModels("v1", sentiment=model)
    models.save(tmp_path / "models")
    again = TextModels.load(tmp_path / "models")
    row = text_features("De kok was traag.", "nl", again.recipe)
    assert again.sentiment is not None
    assert np.array_equal(model.scores(row), again.sentiment.scores(row))


def test_a_model_file_is_not_pickle_and_rejects_garbage() -> None:
    data = fit_sentiment(_sentiment_examples(), NO_LEXICON).to_bytes()
    assert data[:2] == b"PK"  # a zip of .npy arrays
    with pytest.raises(InvalidInput):
        LinearModel.from_bytes(b"not a model")


def test_two_fits_give_identical_weights() -> None:
    examples = _stacking_examples()
    first = fit_aspect_polarity(examples)
    second = fit_aspect_polarity(examples)
    assert first.combiner is not None and second.combiner is not None
    for a, b in zip(first.heads, second.heads, strict=True):
        assert np.array_equal(a.weights, b.weights)
        assert np.array_equal(a.bias, b.bias)
    assert np.array_equal(first.combiner.weights, second.combiner.weights)


# ------------------------------------------------------------------ categories
FOOD = ["het eten", "de soep", "het dessert", "de pasta", "het vlees"]
SERVICE = ["de bediening", "de ober", "het personeel", "de serveerster"]
PRICE = ["de prijs", "de rekening", "de wijnprijs"]


def _category_examples() -> list[CategoryExample]:
    examples = []
    good = itertools.cycle(["lekker", "prima", "heerlijk", "top", "goed"])
    for food in FOOD:
        examples.append(
            CategoryExample(f"{food} was {next(good)}", frozenset({"food"}))
        )
    for service in SERVICE:
        examples.append(
            CategoryExample(f"{service} was {next(good)}", frozenset({"service"}))
        )
    for price in PRICE:
        examples.append(CategoryExample(f"{price} was hoog", frozenset({"price"})))
    for food, service in zip(FOOD, SERVICE, strict=False):
        examples.append(
            CategoryExample(
                f"{food} was {next(good)} en {service} ook",
                frozenset({"food", "service"}),
            )
        )
    examples += [
        CategoryExample("we kwamen om zeven uur binnen", frozenset()),
        CategoryExample("het was zaterdag", frozenset()),
    ]
    return examples


def test_categories_are_multi_label_with_thresholds() -> None:
    model = fit_categories(_category_examples(), NO_LEXICON)
    assert model.multi_label
    assert model.thresholds is not None
    assert model.thresholds.shape == (len(model.classes),)

    def labels(
        text: str, recipe: Recipe = NO_LEXICON, m: LinearModel = model
    ) -> set[str]:
        return {name for name, _ in m.predict_labels(text_features(text, "nl", recipe))}

    assert labels("de soep was heerlijk en de ober was top") == {"food", "service"}
    assert labels("de rekening was hoog") == {"price"}
    assert labels("we kwamen om acht uur binnen") == set()
    # a stricter threshold keeps only the surest label
    strict = fit_categories(
        _category_examples(), Recipe(lexicon=False, categories_threshold=0.99)
    )
    assert strict.thresholds is not None
    assert np.all(strict.thresholds == 0.99)
    assert labels("de soep was heerlijk en de ober was top", m=strict) == set()
    row = text_features("de soep was heerlijk en de ober was top", "nl", NO_LEXICON)
    found = dict(model.predict_labels(row))
    assert all(0.0 <= p <= 1.0 for p in found.values())
    spans = model.evidence(row, "service", top=1)
    text = "de soep was heerlijk en de ober was top"
    assert [text[s:e] for s, e in spans] == ["ober"]


def test_structured_labels_learn_their_parts_and_a_threshold() -> None:
    examples = []
    for i, (food, service) in enumerate(itertools.product(FOOD, SERVICE)):
        examples.append(
            CategoryExample(
                f"{food} was lekker nummer {i}", frozenset({"FOOD#QUALITY"})
            )
        )
        examples.append(
            CategoryExample(f"{service} was snel ({i})", frozenset({"SERVICE#GENERAL"}))
        )
        examples.append(
            CategoryExample(f"{food} was duur, {i} euro", frozenset({"FOOD#PRICES"}))
        )
        examples.append(CategoryExample(f"we gingen om {i} uur", frozenset()))
    model = fit_categories(examples, NO_LEXICON)
    assert model.combiner is not None  # enough data: stacked
    head = model.heads[0]
    assert any("FOOD" in label and "#" not in label for label in head.labels)
    assert model.thresholds is not None
    assert 0.1 <= float(model.thresholds[0]) <= 0.65
    again = LinearModel.from_bytes(model.to_bytes())
    assert again.thresholds is not None
    assert np.array_equal(again.thresholds, model.thresholds)
    row = text_features("de soep was lekker", "nl", NO_LEXICON)
    assert [name for name, _ in model.predict_labels(row)] == ["FOOD#QUALITY"]
    assert np.array_equal(model.scores(row), again.scores(row))


def test_no_labels_at_all_is_refused() -> None:
    with pytest.raises(InvalidInput):
        fit_categories([CategoryExample("tekst", frozenset())])
    with pytest.raises(InvalidInput):
        fit_sentiment([TextExample("goed", "positive")])


def test_fold_deals_keep_groups_whole_and_differ() -> None:
    # 40 reviews of 1 to 4 sentences: the folds of each deal cover every row
    # once, never split a review, and another deal puts rows elsewhere
    groups = [f"r{r}" for r in range(40) for _ in range(1 + r % 4)]
    deals = [folds(groups, 5, split=split) for split in range(3)]
    for deal in deals:
        assert sorted(i for fold in deal for i in fold) == list(range(len(groups)))
        for fold in deal:
            assert not {groups[i] for i in fold} & {
                groups[i] for other in deal if other is not fold for i in other
            }
        assert [len(fold) for fold in deal] == [20, 20, 20, 20, 20]
    assert deals[0] == folds(groups, 5)  # the first deal is the usual one
    assert deals[0] != deals[1] != deals[2] != deals[0]
    assert deals[1] == folds(groups, 5, split=1)  # the same on every call


# ------------------------------------------------------------------ aspect polarity
def _stacking_examples() -> list[AspectExample]:
    """Two aspects per sentence with opposite polarities.

    Only the words near each target tell them apart; enough of them to stack.
    """
    examples = []
    for food, good in zip(FOOD, GOOD_NL, strict=False):
        for service, bad in zip(SERVICE, BAD_NL, strict=False):
            for first, second, first_label, second_label in [
                ((food, "FOOD"), (service, "SERVICE"), "positive", "negative"),
                ((service, "SERVICE"), (food, "FOOD"), "positive", "negative"),
            ]:
                text = f"{first[0].capitalize()} was {good} maar {second[0]} was {bad}."
                at = text.lower().index(first[0])
                examples.append(
                    AspectExample(
                        text, first[1], first_label, "nl", at, at + len(first[0])
                    )
                )
                at = text.index(second[0], at + len(first[0]))
                examples.append(
                    AspectExample(
                        text, second[1], second_label, "nl", at, at + len(second[0])
                    )
                )
    return examples


def test_aspect_polarity_reads_the_words_around_its_target() -> None:
    model = fit_aspect_polarity(_stacking_examples())
    assert model.combiner is not None
    text = "De pasta was geweldig maar de ober was chagrijnig."
    pasta = (text.index("pasta"), text.index("pasta") + 5)
    ober = (text.index("ober"), text.index("ober") + 4)
    food_row = aspect_features(text, "nl", "FOOD", pasta)
    service_row = aspect_features(text, "nl", "SERVICE", ober)
    assert model.predict(food_row) == "positive"
    assert model.predict(service_row) == "negative"
    spans = model.evidence(service_row, "negative", top=3)
    assert "chagrijnig" in [text[s:e] for s, e in spans]


# ------------------------------------------------------------------ features
def test_web_debris_is_made_whole_by_the_tokenizer() -> None:
    text = "@united thanks!! #bestflight http://t.co/aB1x :) &amp; more"
    tokens = tokenize(text)
    norms = [t.norm for t in tokens]
    assert "@united" in norms
    assert "bestflight" in norms
    assert "<url>" in norms
    assert ":/" not in norms  # no emoticon inside the URL
    assert "amp" not in norms
    url = next(t for t in tokens if t.norm == "<url>")
    assert text[url.start : url.end] == "http://t.co/aB1x"
    row = featurize(tokens, "en", FeatureConfig())
    assert row.counts["p:!"] == 1
    assert "w:<url>" in row.counts


def test_character_ngrams_and_their_spans() -> None:
    text = "Het ontbijtbuffet was top"
    row = text_features(text, "nl", NO_LEXICON)
    names = row.names()
    assert names["c:buffe"] == 1
    assert [text[s:e] for s, e in row.spans_of("c:buffe")] == ["ontbijtbuffet"]
    assert [text[s:e] for s, e in row.spans_of("b:was top")] == ["was top"]


# ------------------------------------------------------------------ real data
NL16 = (
    SHARED_DATA / "semeval2016-absa-restaurants-nl" / "restaurants_dutch_train_SB1.xml"
)


@pytest.fixture(scope="module")
def nl16_report() -> AspectReport:
    if not NL16.is_file():
        pytest.skip(f"no SemEval-2016 Dutch data at {NL16}")
    return cross_validate_aspects(read_absa(NL16), "nl")


@pytest.mark.slow
def test_nl16_cross_validation_holds_its_level(nl16_report: AspectReport) -> None:
    # 5-fold grouped CV on the training part, about 30 s on two cores;
    # polarity meets issue 6's target (81 %) with the published lexicons
    assert nl16_report.polarity.accuracy >= 0.81
    # with the target lexicon learned from the opinion targets (67.7 without)
    assert nl16_report.category_f1 >= 0.68


@pytest.mark.slow
@pytest.mark.xfail(
    reason="issue 6 target (71 category F1) not reached: 68.4",
    strict=True,  # reaching it fails this marker: then remove it
)
def test_nl16_cross_validation_reaches_the_category_target(
    nl16_report: AspectReport,
) -> None:
    assert nl16_report.category_f1 >= 0.71
