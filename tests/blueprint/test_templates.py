"""The built-in templates are valid, complete and realistic."""

from __future__ import annotations

import pytest

from belofte.blueprint import parse_blueprint
from belofte.blueprint.templates import template_names, template_text
from belofte.domain.promise import LocationKind
from belofte.errors import NotFound


def test_template_names() -> None:
    assert template_names() == ["generic-en", "retail-nl"]


@pytest.mark.parametrize("name", ["generic-en", "retail-nl"])
def test_template_is_valid_without_warnings(name: str) -> None:
    loaded = parse_blueprint(template_text(name), f"{name}.yaml")
    assert loaded.warnings == ()


def test_retail_nl_is_a_dutch_electronics_chain() -> None:
    bp = parse_blueprint(template_text("retail-nl")).blueprint
    assert bp.languages == ("nl", "en")
    assert [p.id for p in bp.pillars] == [
        "vertrouwd-dichtbij",
        "snel-geregeld",
        "eerlijke-prijs",
        "deskundig-advies",
    ]
    assert [s.id for s in bp.stages] == [
        "orientatie",
        "aankoop",
        "bezorging",
        "installatie",
        "gebruik",
        "service",
    ]
    stores = [loc for loc in bp.locations if loc.kind is LocationKind.STORE]
    assert len(stores) == 12
    assert len({s.region for s in stores}) == 12
    assert [loc.id for loc in bp.locations if loc.kind is LocationKind.WEBSHOP] == [
        "webshop"
    ]
    touchpoints = {t.id: (t.stage, t.channel) for t in bp.touchpoints}
    assert touchpoints["bezorging-thuis"] == ("bezorging", "thuis")
    assert touchpoints["installatie-thuis"] == ("installatie", "thuis")
    assert touchpoints["aankoop-webshop"] == ("aankoop", "webshop")
    for _pillar, theme in bp.themes():
        assert len(theme.phrases_for("nl")) >= 8, theme.id
        assert len(theme.phrases_for("en")) >= 6, theme.id
    assert all(t.pillars for t in bp.touchpoints)


def test_generic_en_is_english_only() -> None:
    bp = parse_blueprint(template_text("generic-en")).blueprint
    assert bp.languages == ("en",)
    assert all(set(p.name) == {"en"} for p in bp.pillars)


def test_unknown_template() -> None:
    with pytest.raises(NotFound, match="choose one of generic-en, retail-nl"):
        template_text("retail-de")
