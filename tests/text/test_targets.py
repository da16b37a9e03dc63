"""The target lexicon: which words named which category in the training data."""

from __future__ import annotations

import itertools

import numpy as np

from belofte.text.learn import CategoryExample, Recipe, fit_categories, text_features
from belofte.text.linear import LinearModel
from belofte.text.targets import PREFIX, TargetLexicon

NO_LEXICON = Recipe(lexicon=False)


def _row(text: str):  # type: ignore[no-untyped-def]
    return text_features(text, "nl", NO_LEXICON)


def test_a_word_named_as_target_votes_for_its_category() -> None:
    texts = ["de soep was lekker", "de soep was koud", "we aten soep"]
    rows = [_row(t) for t in texts]
    targets = [[(3, 7, "FOOD")], [(3, 7, "FOOD")], []]
    lexicon = TargetLexicon.build(rows, targets)
    found = lexicon.values(_row("heerlijke soep!"))
    # "soep" was a target in 2 of the 3 texts it was in (+1 smoothing): 2 / 4
    assert found == {"FOOD": 0.5}
    assert lexicon.values(_row("de ober was snel")) == {}
    row = _row("de soep")
    read = lexicon.read(row)
    assert read.dense[PREFIX + "FOOD"] == 0.5
    assert PREFIX + "FOOD" not in row.dense  # the original is left alone
    assert read.spans_of(PREFIX + "FOOD") == []
    assert TargetLexicon.from_json(lexicon.as_json()) == lexicon


def test_categories_learn_from_targets_and_keep_them_in_the_file() -> None:
    food = ["soep", "vis", "pasta", "taart", "stoofpot", "salade"]
    staff = ["ober", "serveerster", "gastvrouw", "kelner", "bediening", "kok"]
    examples = []
    for i, (dish, person) in enumerate(itertools.product(food, staff)):
        for word, category, verdict in (
            (dish, "FOOD", "lekker"),
            (person, "SERVICE", "snel"),
        ):
            examples.append(
                CategoryExample(
                    f"de {word} was {verdict} ({i})",
                    frozenset({category}),
                    "nl",
                    group=f"r{i}",
                    targets=((3, 3 + len(word), category),),
                )
            )
        examples.append(CategoryExample(f"we gingen om {i} uur", frozenset()))
    model = fit_categories(examples, NO_LEXICON)
    assert model.targets is not None
    assert any(name.startswith(PREFIX) for name in model.vocabulary.dense)
    row = _row("de pasta was lekker")
    assert [name for name, _ in model.predict_labels(row)] == ["FOOD"]
    assert model.evidence(row, "FOOD")  # spans of words, not of the lexicon
    again = LinearModel.from_bytes(model.to_bytes())
    assert again.targets == model.targets
    assert np.array_equal(again.scores(row), model.scores(row))
    assert np.array_equal(model.scores_many([row, row])[0], model.scores(row))
    # without targets the model has no lexicon
    plain = fit_categories(
        [CategoryExample(e.text, e.categories, "nl") for e in examples], NO_LEXICON
    )
    assert plain.targets is None


def test_semeval_2014_terms_also_learn_from_the_sentence_categories() -> None:
    from belofte.text.absa import AbsaOpinion, AbsaSentence
    from belofte.text.evaluate import (
        CATEGORY_WEIGHT,
        term_examples,
        term_training_examples,
    )

    sentence = AbsaSentence(
        "1",
        "1",
        "The soup was cold but the staff were kind.",
        (
            AbsaOpinion("food", "negative"),
            AbsaOpinion("service", "positive"),
            AbsaOpinion("price", "conflict"),
        ),
        (AbsaOpinion(None, "negative", "soup", 4, 8),),
    )
    terms = term_examples([sentence], "en")
    learned = term_training_examples([sentence], "en")
    assert learned[: len(terms)] == terms
    extra = learned[len(terms) :]
    assert [(e.category, e.label) for e in extra] == [
        ("food", "negative"),
        ("service", "positive"),
    ]  # conflict left out, like the terms'
    assert all(e.start == e.end and e.weight == CATEGORY_WEIGHT for e in extra)
